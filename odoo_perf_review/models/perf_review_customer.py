# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine import followup


class PerfReviewCustomer(models.AbstractModel):
    """Customer reviews, answered through an emailed link to
    ``/perf/review/<token>`` without an Odoo account: a mixin of
    ``perf.review``."""

    _name = "perf.review.customer"
    _description = "Review: customers answering through a link"

    @api.model
    def _add_customer_reviews(self, appraisal, partners):
        """Ask ``partners`` to review ``appraisal`` as customers.

        Partners already reviewing it are skipped. While the appraisal is in
        review the new reviews are requested at once, which emails them their
        link. Only the employee's managers and HR can ask customers.

        :return: the new reviews (sudo)
        """
        appraisal.ensure_one()
        appraisal._check_manager_or_hr()
        appraisal = appraisal.sudo()
        if appraisal.state not in ("planned", "review"):
            raise UserError(
                self.env._(
                    "Customers can only be asked while appraisal “%(appraisal)s” "
                    "is planned or in review.",
                    appraisal=appraisal.display_name,
                )
            )
        if appraisal.reviews_closed:
            raise UserError(
                self.env._(
                    "The reviews of appraisal “%(appraisal)s” are closed: no "
                    "customer can be asked any more.",
                    appraisal=appraisal.display_name,
                )
            )
        no_email = partners.filtered(lambda p: not p.email)
        if no_email:
            raise UserError(
                self.env._(
                    "The invitation is sent by email: add an email address to "
                    "%(names)s first.",
                    names=", ".join(no_email.mapped("display_name")),
                )
            )
        template = appraisal.template_id
        deadline = appraisal.cycle_id.review_deadline
        if appraisal.state == "review" and followup.past_grace(
            deadline, template.review_grace_days, fields.Date.context_today(self)
        ):
            raise UserError(
                self.env._(
                    "The reviews of this cycle were due on %(deadline)s: a customer "
                    "asked now could no longer answer.",
                    deadline=deadline,
                )
            )
        already = appraisal.review_ids.filtered(
            lambda r: r.rater_type == "customer" and r.state != "cancelled"
        ).partner_id
        reviews = self._workflow().create(
            [
                {
                    "appraisal_id": appraisal.id,
                    "rater_type": "customer",
                    "partner_id": partner.id,
                    "anonymous": template.customers_anonymous,
                }
                for partner in partners - already
            ]
        )
        if appraisal.state == "review":
            reviews._request()
        return reviews

    def _send_customer_invitations(self, reminder=False):
        """Email each customer of ``self`` the link to their review page
        (again, as a ``reminder``, before the deadline).

        The link carries the review's token, so the mail is rendered and
        queued by the superuser as a user notification: it never shows in the
        review's chatter, and only its recipient (and administrators) can read
        it, not the people who can read the review.

        :return: the reviews whose invitation was queued
        """
        template = self.env.ref(
            "odoo_perf_review.mail_template_perf_review_customer_invitation",
            raise_if_not_found=False,
        )
        sent = self.browse()
        if not template:
            return sent
        template = template.with_user(api.SUPERUSER_ID).sudo()
        for review in self.sudo():
            if (
                review.rater_type != "customer"
                or review.state != "requested"
                or review.token_used
                or not review.access_token
            ):
                continue
            if not review.partner_id.email:
                review._message_log(
                    body=self.env._(
                        "No review invitation sent: %(customer)s has no email address.",
                        customer=review.partner_id.display_name,
                    )
                )
                continue
            template.send_mail(
                review.id,
                email_layout_xmlid="mail.mail_notification_light",
                email_values={
                    "message_type": "user_notification",
                    "author_id": review.company_id.partner_id.id,
                },
            )
            review._message_log(
                body=self.env._(
                    "Reminder with the review link emailed to %(customer)s.",
                    customer=review.partner_id.display_name,
                )
                if reminder
                else self.env._(
                    "Review invitation emailed to %(customer)s.",
                    customer=review.partner_id.display_name,
                )
            )
            sent |= review
        return sent

    def _customer_link_refusal(self, today=None):
        """Why this customer review can no longer be answered through its
        link: ``"used"``, ``"expired"``, ``"closed"`` or ``"not_found"``;
        False when it can be answered."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        if self.token_used or self.state == "submitted":
            return "used"
        if self.state == "expired":
            return "expired"
        if (
            self.state == "cancelled"
            or self.appraisal_id.reviews_closed
            or self.appraisal_id.state in ("released", "acknowledged", "cancelled")
        ):
            return "closed"
        if self.state != "requested":
            return "not_found"
        grace = self.appraisal_id.template_id.review_grace_days
        if followup.past_grace(self.deadline, grace, today):
            return "expired"
        return False

    def _submit_customer_answers(self, levels, comments, comment_html=False):
        """Store a customer's answers given through the link and submit.

        :param dict levels: {line id: perf.rating.level} for every competency
        :param dict comments: {line id: comment text}
        :param comment_html: the overall comment, as HTML
        """
        self.ensure_one()
        review = self.sudo()
        # Lines can be written only while the review is requested: first the
        # lines, then the submission.
        for line in review.line_ids.filtered("criterion_id"):
            line.write(
                {
                    "level_id": levels[line.id].id,
                    "comment": comments.get(line.id) or False,
                }
            )
        review = self._workflow()
        review.write({"token_used": True, "comment": comment_html or False})
        review.action_submit()
        return True
