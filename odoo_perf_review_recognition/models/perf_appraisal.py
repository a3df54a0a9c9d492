# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import UserError


class PerfAppraisal(models.Model):
    _inherit = "perf.appraisal"

    def action_send_praise(self):
        """Open Odoo's badge wizard for the employee, with the praise badge."""
        self.ensure_one()
        self._check_manager_or_hr()
        if self.state not in ("released", "acknowledged"):
            raise UserError(self.env._("Praise is sent from a released appraisal."))
        if not self.employee_id.user_id:
            raise UserError(
                self.env._(
                    "%(employee)s has no user to receive a badge.",
                    employee=self.employee_id.name,
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_gamification.action_reward_wizard"
        )
        action["context"] = {
            "default_employee_id": self.employee_id.id,
            "employee_id": self.employee_id.id,
            "default_badge_id": self.env.ref(
                "odoo_perf_review_recognition.badge_great_performance"
            ).id,
            "default_comment": self.env._(
                "Thank you for your results in %(cycle)s.", cycle=self.cycle_id.name
            ),
        }
        return action
