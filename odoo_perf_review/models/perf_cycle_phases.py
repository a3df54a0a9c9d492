# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..engine import schedule
from ..tools.labels import selection_label
from ..tools.recipients import in_lang_of

_logger = logging.getLogger(__name__)


class PerfCyclePhases(models.AbstractModel):
    """A cycle's phases: moving on (started, in progress, review,
    calibration, released, closed), the gates that check what is missing
    first, and the work a phase change leaves to the phase job. A mixin of
    ``perf.cycle``."""

    _name = "perf.cycle.phases.mixin"
    _description = "Performance cycle: phases and gates"

    def _compute_completeness(self):
        reviews = (
            self.env["perf.review"]
            .sudo()
            ._read_group(
                [
                    ("cycle_id", "in", self.ids),
                    ("state", "in", ("requested", "submitted", "expired")),
                ],
                ["cycle_id", "state"],
                ["__count"],
            )
        )
        opened, submitted = defaultdict(int), defaultdict(int)
        for cycle, state, count in reviews:
            opened[cycle.id] += count
            if state == "submitted":
                submitted[cycle.id] += count
        scored = dict(
            self.env["perf.appraisal"]
            .sudo()
            ._read_group(
                [
                    ("cycle_id", "in", self.ids),
                    ("state", "!=", "cancelled"),
                    ("rating_level_id", "!=", False),
                ],
                ["cycle_id"],
                ["__count"],
            )
        )
        for cycle in self:
            cycle.review_opened_count = opened[cycle.id]
            cycle.review_submitted_count = submitted[cycle.id]
            cycle.appraisal_scored_count = scored.get(cycle, 0)

    def _phase_gaps(self, new_state):
        """What would be left behind by moving to ``new_state``: the reviews
        still open (before calibration), the appraisals without a manager
        review (before release). Returns (reviews, appraisals)."""
        self.ensure_one()
        reviews = self.env["perf.review"].sudo().browse()
        appraisals = self.env["perf.appraisal"].sudo().browse()
        if new_state in ("calibration", "released"):
            reviews = reviews.search(
                [("cycle_id", "=", self.id), ("state", "=", "requested")],
                order="reviewee_id, rater_type",
            )
        if new_state == "released":
            appraisals = appraisals.search(
                [
                    ("cycle_id", "=", self.id),
                    ("state", "in", ("planned", "review")),
                    (
                        "review_ids",
                        "not any",
                        [("rater_type", "=", "manager"), ("state", "=", "submitted")],
                    ),
                ],
                order="employee_id",
            )
        return reviews, appraisals

    def _pending_phase_work(self):
        """Appraisals that this phase still has to move: planned ones of
        cycles in review (their reviews open) and, in released cycles, those
        whose manager review is in (their results are released)."""
        return (
            self.env["perf.appraisal"]
            .sudo()
            .search(self._pending_phase_work_domain(), order="id")
        )

    def _pending_phase_work_domain(self):
        domain = Domain.OR(
            [
                Domain("cycle_id.state", "in", ("review", "calibration"))
                & Domain("state", "=", "planned"),
                # The review phase is over: its reviews close.
                Domain("cycle_id.state", "in", ("calibration", "released", "closed"))
                & Domain("state", "=", "review")
                & Domain("reviews_closed", "=", False),
                Domain("cycle_id.state", "=", "released")
                & Domain("state", "=", "review")
                & Domain(
                    "review_ids",
                    "any",
                    [("rater_type", "=", "manager"), ("state", "=", "submitted")],
                ),
            ]
        )
        if self:
            domain &= Domain("cycle_id", "in", self.ids)
        return domain

    def _compute_pending_phase_work_count(self):
        counts = dict(
            self.env["perf.appraisal"]
            .sudo()
            ._read_group(
                self._pending_phase_work_domain() if self.ids else Domain.FALSE,
                ["cycle_id"],
                ["__count"],
            )
        )
        for cycle in self:
            cycle.pending_phase_work_count = counts.get(cycle, 0)

    def _set_phase(self, new_state):
        """Move cycles to ``new_state``, which must be the phase after theirs."""
        # Those who run the cycle move it: the HR officers.
        self.check_access("write")
        self._lock_cycles("phase")
        for cycle in self:
            if schedule.next_phase(cycle.state) != new_state:
                raise UserError(
                    self.env._(
                        "Cycle “%(cycle)s” is in phase “%(current)s” and cannot "
                        "move to “%(target)s”: phases follow each other in order.",
                        cycle=cycle.display_name,
                        current=selection_label(cycle, "state"),
                        target=selection_label(cycle, "state", new_state),
                    )
                )
        if new_state == "goal_setting":
            self._check_can_start()
        self._workflow().write({"state": new_state})
        return True

    def _check_can_start(self):
        missing = self.filtered(lambda c: not c.template_id)
        if missing:
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” has no template yet: choose how employees "
                    "are evaluated (method, weights, raters, rating scale) before "
                    "starting it.",
                    cycle=missing[0].display_name,
                )
            )

    def action_start(self):
        return self._set_phase("goal_setting")

    def action_start_progress(self):
        return self._set_phase("in_progress")

    def action_start_review(self):
        return self._set_phase("review")

    def action_start_calibration(self):
        return self._gated_phase("calibration")

    def action_release(self):
        return self._gated_phase("released")

    def _gated_phase(self, new_state):
        """Move on at once when nothing is left behind; otherwise ask HR, who
        sees who and which review is missing, and decides explicitly."""
        self.check_access("write")
        self.ensure_one()
        reviews, appraisals = self._phase_gaps(new_state)
        if not reviews and not appraisals:
            return self._set_phase(new_state)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Not everything is in"),
            "res_model": "perf.cycle.gate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_cycle_id": self.id,
                "default_target_state": new_state,
            },
        }

    def _move_on_with_gaps(self, new_state, exclude):
        """HR confirmed: the open reviews close with the phase, and, at release,
        the appraisals without a manager review are excluded (cancelled) if
        ``exclude``, else the release waits for them. The chatter keeps the
        list, so that nothing stays silently behind."""
        self.ensure_one()
        self.check_access("write")
        self._lock_cycles("phase")
        reviews, appraisals = self._phase_gaps(new_state)
        if new_state == "released" and appraisals and not exclude:
            raise UserError(
                self.env._(
                    "%(count)s appraisals of “%(cycle)s” have no manager review: "
                    "ask their managers to submit it, or exclude them from the "
                    "release.",
                    count=len(appraisals),
                    cycle=self.display_name,
                )
            )
        self._log_phase_gaps(new_state, reviews, appraisals)
        if appraisals:
            appraisals.action_cancel()
        return self._set_phase(new_state)

    def _log_phase_gaps(self, new_state, reviews, appraisals):
        """Say in the cycle's chatter which reviews closed unanswered and who
        was excluded from the release."""
        self.ensure_one()
        lines = [
            self.env._(
                "%(reviewer)s → %(employee)s (%(kind)s)",
                reviewer=review.reviewer_employee_id.name
                or review.partner_id.name
                or "-",
                employee=review.reviewee_id.name,
                kind=selection_label(review, "rater_type"),
            )
            for review in reviews
        ]
        body = Markup("<p>%s</p>") % self.env._(
            "Moved to %(phase)s by %(user)s with %(count)s reviews not submitted; "
            "they closed unanswered:",
            phase=selection_label(self, "state", new_state),
            user=self.env.user.name,
            count=len(reviews),
        )
        if lines:
            body += Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % line for line in lines
            )
        if appraisals:
            body += Markup("<p>%s</p>") % self.env._(
                "Excluded from the release, without a manager review: %(names)s.",
                names=", ".join(appraisals.employee_id.mapped("name")),
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _ask_release_decision(self, appraisals):
        """The release date passed with appraisals lacking a manager review:
        the cycle waits and its HR officer is asked to decide (once)."""
        self.ensure_one()
        user = self.user_id or self.env.ref("base.user_admin")
        cycle = in_lang_of(self, user)  # written in the officer's language
        summary = cycle.env._("Release waits for manager reviews")
        if self.activity_ids.filtered(lambda a: a.summary == summary):
            return
        cycle.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=user.id,
            summary=summary,
            note=escape(
                cycle.env._(
                    "%(count)s appraisals have no manager review: %(names)s. Ask "
                    "their managers to submit it, or release the cycle and "
                    "exclude them.",
                    count=len(appraisals),
                    names=", ".join(appraisals.employee_id.mapped("name")),
                )
            ),
        )

    def action_close(self):
        return self._set_phase("closed")

    def action_reopen(self):
        if not self.env.user.has_group("odoo_perf_review.group_perf_admin"):
            raise UserError(
                self.env._(
                    "Only a Performance administrator can reopen a closed cycle."
                )
            )
        not_closed = self.filtered(lambda c: c.state != "closed")
        if not_closed:
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” is not closed, so there is nothing to reopen.",
                    cycle=not_closed[0].display_name,
                )
            )
        self._workflow().write({"state": "released"})
        for cycle in self:
            cycle.message_post(
                body=self.env._("Cycle reopened by %(user)s.", user=self.env.user.name)
            )
        return True

    def action_reset_to_draft(self):
        self.check_access("write")
        started_too_far = self.filtered(lambda c: c.state != "goal_setting")
        if started_too_far:
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” is past goal setting: it can no longer go "
                    "back to draft.",
                    cycle=started_too_far[0].display_name,
                )
            )
        self._workflow().write({"state": "draft"})
        return True
