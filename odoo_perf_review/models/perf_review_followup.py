# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models

from ..engine import followup
from ..tools.cron_batches import apply_steps_in_batches
from ..tools.recipients import in_lang_of


class PerfReviewFollowup(models.AbstractModel):
    """The follow-up of requested reviews: remind the reviewer before the
    deadline, escalate a late review to the manager then to HR, expire it after
    the grace period. A mixin of ``perf.review``; which step a review is at is
    the engine's (``engine/followup.py``), and what the job did is kept in
    ``perf.review.followup.status``."""

    _name = "perf.review.followup"
    _description = "Review: reminders, escalation and expiry"

    def _past_grace(self, today):
        """The requested reviews past their deadline plus the grace period."""
        return self.filtered(
            lambda r: (
                r.state == "requested"
                and followup.past_grace(
                    r.deadline, r.appraisal_id.template_id.review_grace_days, today
                )
            )
        )

    def _expire_overdue(self, today):
        """Reviews past their deadline plus the grace period expire."""
        overdue = self._past_grace(today)
        overdue._workflow().write({"state": "expired"})
        return overdue

    # ------------------------------------------------------------------
    # Scheduled action: reminders, escalation, expiry
    # ------------------------------------------------------------------
    @api.model
    def _cron_review_followup(self):
        """Remind reviewers before the deadline, escalate overdue reviews to
        the manager then to HR, and expire them after the grace period.

        What is due is read first, then done in batches that each write their
        marker (state, ``reminded_date``, ``escalation_level``) with their
        message or activity: a run killed halfway resumes without repeating.
        """
        today = fields.Date.context_today(self)
        reviews = self.search([("state", "=", "requested"), ("deadline", "!=", False)])
        # By appraisal: expiring a batch recomputes its appraisals, mostly once.
        steps = reviews.sorted(lambda r: r.appraisal_id.id).grouped(
            lambda r: r._followup_step(today)
        )
        nothing = self.browse()
        # {appraisal id: {level: its late reviews}}, escalated in one batch
        to_escalate = defaultdict(dict)
        for step, level in followup.ESCALATION_LEVELS.items():
            for appraisal, late in (
                steps.get(step, nothing).grouped("appraisal_id").items()
            ):
                to_escalate[appraisal.id][level] = late

        def expire(batch):
            batch._expire_overdue(today)
            batch.appraisal_id._compute_results()

        # A batch runs in a later snapshot than the search: what a reviewer
        # submitted meanwhile is left alone.
        def remind(batch):
            batch = batch.filtered(
                lambda r: r.state == "requested" and not r.reminded_date
            )
            for review in batch:
                review._send_reminder()
            self.env["perf.review.followup.status"]._record(
                batch, {"reminded_date": today}
            )

        def escalate(appraisals):
            escalated = defaultdict(lambda: self.browse())  # {level: reviews}
            for appraisal in appraisals:
                for level, late in sorted(to_escalate[appraisal.id].items()):
                    late = late.filtered(
                        lambda r, level=level: (
                            r.state == "requested" and r.escalation_level < level
                        )
                    )
                    if late:
                        appraisal._escalate_late_reviews(late, level)
                        escalated[level] |= late
            for level, late in escalated.items():
                self.env["perf.review.followup.status"]._record(
                    late, {"escalation_level": level}
                )

        counts = dict(
            zip(
                ("expired", "reminded", "escalated"),
                apply_steps_in_batches(
                    [
                        (steps.get(followup.EXPIRE, nothing), expire, "Review"),
                        (steps.get(followup.REMIND, nothing), remind, "Review"),
                        (
                            self.env["perf.appraisal"].browse(list(to_escalate)),
                            escalate,
                            "Appraisal",
                        ),
                    ]
                ),
                strict=True,
            )
        )
        # Escalation counts reviews, read back: a skipped appraisal rolled its
        # reviews' level back.
        counts["escalated"] = sum(
            len(late.filtered(lambda r, level=level: r.escalation_level == level))
            for levels in to_escalate.values()
            for level, late in levels.items()
        )
        return counts

    def _followup_step(self, today):
        """What the follow-up does today to this review (the engine's
        ``followup_step``): ``"expire"``, ``"remind"``, ``"manager"`` or
        ``"hr"`` (escalate), or None."""
        self.ensure_one()
        if self.state != "requested":
            return None
        template = self.appraisal_id.template_id
        return followup.followup_step(
            self.deadline,
            today,
            reminder_days=template.review_reminder_days,
            escalation_days=template.review_escalation_days,
            grace_days=template.review_grace_days,
            reminded=bool(self.reminded_date),
            escalation_level=self.escalation_level,
        )

    def _send_reminder(self):
        self.ensure_one()
        if self.rater_type == "customer":
            # Customers have no account: remind them with their link again.
            self._send_customer_invitations(reminder=True)
            return
        partner = self.reviewer_user_id.partner_id
        if not partner:
            return
        review = in_lang_of(self, partner)
        review.message_post(
            body=review.env._(
                "Reminder: your review of %(employee)s is due on %(deadline)s.",
                employee=self.reviewee_id.name,
                deadline=self.deadline,
            ),
            partner_ids=partner.ids,
            subtype_xmlid="mail.mt_comment",
        )
