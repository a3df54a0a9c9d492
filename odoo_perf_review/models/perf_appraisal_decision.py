# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from markupsafe import Markup, escape

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..tools.labels import selection_label
from ..tools.recipients import in_lang_of


class PerfAppraisalDecision(models.AbstractModel):
    """What changes a released or scored appraisal's outcome: the
    calibrated rating, the employee's appeal and the promotion recommended.
    A mixin of ``perf.appraisal``."""

    _name = "perf.appraisal.decision.mixin"
    _description = "Appraisal: calibration, appeal and promotion"

    @api.depends_context("uid")
    @api.depends("state", "appeal_ids.state")
    def _compute_can_appeal(self):
        # An open appeal is added to, a decided one closes the matter.
        taken = {
            appraisal.id
            for [appraisal] in self.env["perf.appeal"]
            .sudo()
            ._read_group(
                [
                    ("appraisal_id", "in", self.ids),
                    ("state", "not in", ("withdrawn",)),
                ],
                ["appraisal_id"],
            )
        }
        for appraisal in self:
            appraisal.can_appeal = (
                appraisal.state in ("released", "acknowledged")
                and appraisal.user_id == self.env.user
                and appraisal.id not in taken
            )

    def _compute_appeal_count(self):
        counts = dict(
            self.env["perf.appeal"]._read_group(
                [("appraisal_id", "in", self.ids)], ["appraisal_id"], ["__count"]
            )
        )
        for appraisal in self:
            appraisal.appeal_count = counts.get(appraisal, 0)

    def _apply_appeal(self, appeal):
        """Revise the result after an accepted appeal; the old values stay on the
        appeal and in the tracking history."""
        self.ensure_one()
        vals = {"appeal_level_id": appeal.revised_level_id.id}
        if appeal.revised_score:
            vals["appeal_score"] = appeal.revised_score
        appraisal = self._workflow()
        appraisal.write(vals)
        # Anything computed from the rating follows: bonus lines.
        self.env["perf.bonus.line"]._on_rating_revised(appraisal)
        appraisal.message_post(
            body=self.env._(
                "Result revised by appeal: %(old)s → %(new)s.",
                old=appeal.original_level_id.display_name or "-",
                new=appeal.revised_level_id.display_name,
            )
        )

    def action_file_appeal(self):
        self.ensure_one()
        self.env["perf.appeal"]._check_can_file(self.sudo())
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("File an appeal"),
            "res_model": "perf.appeal",
            "view_mode": "form",
            "target": "current",
            "context": {"default_appraisal_id": self.id},
        }

    def action_view_appeals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_appeal_action"
        )
        action["domain"] = [("appraisal_id", "=", self.id)]
        return action

    def action_open_promotion_wizard(self):
        self.ensure_one()
        self._check_manager_or_hr()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recommend a promotion"),
            "res_model": "perf.promotion.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def _recommend_promotion(self, job, reason):
        """Record the recommendation and ask the cycle's HR officer to act."""
        self.ensure_one()
        self._check_manager_or_hr()
        if self.state not in ("released", "acknowledged"):
            raise UserError(
                self.env._("A promotion is recommended from a released appraisal.")
            )
        self._workflow().write(
            {
                "promotion_recommended": True,
                "promotion_job_id": job.id,
                "promotion_reason": reason,
                "promotion_recommended_by_id": self.env.user.id,
            }
        )
        hr_user = self.cycle_id.user_id
        if hr_user:
            appraisal = in_lang_of(self.sudo(), hr_user)  # in the officer's language
            appraisal.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=hr_user.id,
                note=escape(
                    appraisal.env._(
                        "%(manager)s recommends promoting %(employee)s%(job)s: "
                        "%(reason)s",
                        manager=self.env.user.name,
                        employee=self.employee_id.name,
                        job=f" ({job.name})" if job else "",
                        reason=reason,
                    )
                ),
            )
        return True

    def action_open_calibrate_wizard(self):
        self.ensure_one()
        self._check_can_calibrate()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Calibrate the rating"),
            "res_model": "perf.appraisal.calibrate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def _check_can_calibrate(self):
        user = self.env.user
        if not self._perf_in_workflow() and (
            not user.has_group("odoo_perf_review.group_perf_officer")
            or self.filtered(lambda a: a.sudo().employee_id.user_id == user)
        ):
            raise AccessError(
                self.env._(
                    "Only an HR officer calibrates ratings, and never their own."
                )
            )
        not_open = self.filtered(lambda a: a.state != "review")
        if not_open:
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” is %(state)s: a rating is "
                    "calibrated before the results are released; after that it "
                    "changes only through an appeal.",
                    appraisal=not_open[0].display_name,
                    state=selection_label(not_open[0], "state").lower(),
                )
            )

    def _calibrate(self, level, justification):
        """Set the calibrated rating, with the reason, in the chatter under
        the name of whoever decided it."""
        self._check_can_calibrate()
        reason = (justification or "").strip()
        if not reason:
            raise UserError(
                self.env._(
                    "Say why the rating changes: the justification is kept with "
                    "the appraisal."
                )
            )
        for appraisal in self:
            if level and level.scale_id != appraisal.rating_scale_id:
                raise UserError(
                    self.env._(
                        "“%(level)s” is not a level of the rating scale "
                        "“%(scale)s”: pick one of its levels.",
                        level=level.display_name,
                        scale=appraisal.rating_scale_id.display_name,
                    )
                )
        author = self.env.user.partner_id
        for appraisal in self._workflow():
            old = appraisal.final_level_id
            appraisal.write({"calibrated_level_id": level.id if level else False})
            appraisal.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    self.env._(
                        "Rating calibrated: %(old)s → %(new)s.",
                        old=old.display_name or "-",
                        new=appraisal.final_level_id.display_name or "-",
                    ),
                    reason,
                ),
                author_id=author.id,
                subtype_xmlid="mail.mt_note",
            )
        return True
