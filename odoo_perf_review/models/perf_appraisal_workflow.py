# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import formatLang

from ..tools.recipients import in_lang_of
from ..tools.release_messages import release_appraisals


class PerfAppraisalWorkflow(models.AbstractModel):
    """An appraisal's workflow: its reviews opened and closed, the
    release of its result, the employee's sign-off, the interview, late
    reviews escalated, the peers approved. A mixin of ``perf.appraisal``."""

    _name = "perf.appraisal.workflow.mixin"
    _description = "Appraisal: reviews, release and sign-off"

    def _is_manager_or_hr(self):
        """True when the user is HR or a manager above every employee of self."""
        if self.env.su or self.env.user.has_group(
            "odoo_perf_review.group_perf_officer"
        ):
            return True
        if not self.env.user.employee_ids:
            return False
        team = self.env["hr.employee"]._perf_team_of(self.env.user)
        return all(appraisal.employee_id in team for appraisal in self)

    def _check_manager_or_hr(self):
        if not self._is_manager_or_hr():
            raise AccessError(
                self.env._(
                    "Only the employee's managers or HR can do this on appraisal "
                    "“%(appraisal)s”.",
                    appraisal=self[:1].display_name,
                )
            )

    def _open_reviews(self):
        """Request every planned review: lines, deadline and an activity each."""
        reviews = self.review_ids.filtered(lambda r: r.state == "planned")
        # The cycle's chatter records the phase: no message per appraisal.
        self.filtered(lambda a: a.state == "planned")._workflow().with_context(
            tracking_disable=True
        ).write({"state": "review"})
        return reviews._request()

    def _close_reviews(self):
        """End the review phase of these appraisals: the reviews still open
        expire, and the results are computed once more, anonymous groups
        included; no answer is taken after this, so those aggregates never
        change again."""
        # No tracking: a write here would make mail.thread watch every tracked
        # field, and the release that follows would log its state change a
        # second time, one message per appraisal (the release message records it).
        appraisals = (
            self._workflow()
            .with_context(tracking_disable=True)
            .filtered(lambda a: not a.reviews_closed)
        )
        if not appraisals:
            return appraisals
        appraisals.review_ids.filtered(
            lambda r: r.state in ("planned", "proposed", "requested")
        ).write({"state": "expired"})
        # Activities on reviews are from before the reviewers' to-dos, which
        # the expiry above updated (perf_review_todo).
        appraisals.review_ids.activity_ids.unlink()
        appraisals.write({"reviews_closed": True})
        appraisals._compute_results()
        return appraisals

    def action_release(self):
        self._check_manager_or_hr()
        not_ready = self.filtered(
            lambda a: (
                a.state != "review"
                or not a.review_ids.filtered(
                    lambda r: r.rater_type == "manager" and r.state == "submitted"
                )
            )
        )
        if not_ready:
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” cannot be released yet: the manager "
                    "review must be submitted first.",
                    appraisal=not_ready[0].display_name,
                )
            )
        appraisals = self._workflow()
        appraisals._close_reviews()
        # One message each, in batch: the change and the employee's notice.
        release_appraisals(appraisals)
        return True

    def action_acknowledge(self, comment=None):
        for appraisal in self:
            if appraisal.employee_id.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(employee)s can sign off this appraisal.",
                        employee=appraisal.employee_id.name,
                    )
                )
            if appraisal.state != "released":
                raise UserError(
                    self.env._("Only a released appraisal can be signed off.")
                )
        appraisals = self._workflow()
        appraisals.write(
            {
                "state": "acknowledged",
                "acknowledged_date": fields.Datetime.now(),
                "acknowledgement_comment": comment or False,
            }
        )
        for appraisal in appraisals:
            # Markup escapes the employee's name and comment exactly once.
            body = Markup("<p>%s</p>") % self.env._(
                "Signed off by %(employee)s.", employee=appraisal.employee_id.name
            )
            if comment:
                body += Markup("<p>%s</p>") % comment
            appraisal.message_post(body=body)
        return True

    def action_open_acknowledge_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "perf.appraisal.acknowledge.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def action_cancel(self):
        self._check_manager_or_hr()
        appraisals = self._workflow()
        done = appraisals.filtered(lambda a: a.state in ("released", "acknowledged"))
        if done:
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” is released: its result stands and "
                    "changes only through an appeal.",
                    appraisal=done[0].display_name,
                )
            )
        appraisals.review_ids.filtered(
            lambda r: r.state in ("planned", "proposed", "requested")
        ).write({"state": "cancelled"})
        appraisals.write({"state": "cancelled"})
        return True

    def _compute_interview(self):
        events = self.env["calendar.event"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)],
            order="start",
        )
        by_appraisal = defaultdict(list)
        for event in events:
            by_appraisal[event.res_id].append(event)
        for appraisal in self:
            found = by_appraisal.get(appraisal.id, [])
            appraisal.interview_count = len(found)
            appraisal.interview_date = found[-1].start if found else False

    def action_schedule_interview(self):
        self.ensure_one()
        self._check_manager_or_hr()
        partners = (
            self.employee_id.user_id.partner_id | self.env.user.partner_id
        ) or self.env.user.partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Feedback interview"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_name": self.env._(
                    "Feedback interview – %(employee)s", employee=self.employee_id.name
                ),
                "default_partner_ids": partners.ids,
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_description": self._interview_guide(),
                "default_duration": 1.0,
            },
        }

    def _interview_guide(self):
        """A plain outline for the interview, from the results and the template;
        goal names are the users' text, escaped once by Markup."""
        self.ensure_one()
        items = Markup("").join(
            Markup("<li>%s</li>") % text
            for text in (
                self.env._("Results: goals, competencies and the final rating."),
                self.env._("What went well (strengths)."),
                self.env._("What to improve, and why."),
                self.env._("The development plan: actions, owners, deadlines."),
                self.env._("Questions and the employee’s view."),
            )
        )
        guide = Markup("<h3>%s</h3><ol>%s</ol>") % (
            self.env._("Interview guide"),
            items,
        )
        if self.goal_ids:
            goals = Markup("").join(
                Markup("<li>%s: %s</li>")
                % (
                    goal.name,
                    self.env._(
                        "%(attainment)s %%",
                        attainment=formatLang(self.env, goal.attainment, digits=0),
                    )
                    if goal.measured
                    else self.env._("Not measured yet"),
                )
                for goal in self.goal_ids
            )
            guide += Markup("<h4>%s</h4><ul>%s</ul>") % (self.env._("Goals"), goals)
        return guide

    def action_view_interviews(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Feedback interviews"),
            "res_model": "calendar.event",
            "view_mode": "list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
        }

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_review_action"
        )
        action["domain"] = [("appraisal_id", "=", self.id)]
        action["context"] = {"default_appraisal_id": self.id}
        return action

    def _escalate_late_reviews(self, late_reviews, level):
        """Tell the manager (level 1), then HR (level 2), that reviews are late.

        Anonymous reviewers are counted, never named.
        """
        self.ensure_one()
        if level == 1:
            user = self.manager_user_id or self.cycle_id.user_id
        else:
            user = self.cycle_id.user_id or self.env.ref("base.user_admin")
        appraisal = in_lang_of(self, user)  # the text in the user's language
        named = late_reviews.filtered(lambda r: not r.anonymous)
        anonymous_count = len(late_reviews - named)
        parts = [
            review.reviewer_employee_id.name or review.partner_id.name
            for review in named
        ]
        if anonymous_count:
            parts.append(
                appraisal.env._(
                    "%(count)s anonymous reviewer(s)", count=anonymous_count
                )
            )
        appraisal.activity_schedule(
            "odoo_perf_review.mail_activity_review_late",
            user_id=user.id,
            note=escape(
                appraisal.env._(
                    "Late reviews for %(employee)s: %(who)s.",
                    employee=self.employee_id.name,
                    who=", ".join(parts),
                )
            ),
        )

    def action_open_peer_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Choose peers"),
            "res_model": "perf.peer.nomination.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id, "active_model": self._name},
        }

    def action_approve_peers(self):
        """The manager approves the peers the employee proposed."""
        self._check_manager_or_hr()
        proposed = self.sudo().review_ids.filtered(lambda r: r.state == "proposed")
        if not proposed:
            raise UserError(self.env._("There is no proposed peer to approve."))
        for appraisal in self:
            ours = proposed.filtered(lambda r, a=appraisal: r.appraisal_id == a)
            if appraisal.state == "review" and not appraisal.reviews_closed:
                ours._request()
            elif appraisal.state in ("planned", "review"):
                ours._workflow().write({"state": "planned"})
        return True
