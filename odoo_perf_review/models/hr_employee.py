# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    perf_goal_ids = fields.One2many("perf.goal", "employee_id", string="Goals")
    perf_goal_count = fields.Integer(
        compute="_compute_perf_goal_count", string="Goal count"
    )

    def _compute_perf_goal_count(self):
        # Counted with the reader's rights: colleagues only count published goals.
        counts = dict(
            self.env["perf.goal"]._read_group(
                [("employee_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["employee_id"],
                ["__count"],
            )
        )
        for employee in self:
            employee.perf_goal_count = counts.get(employee, 0)

    def action_open_perf_goals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_goal_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {
            "default_employee_id": self.id,
            "default_owner": "employee",
            "search_default_groupby_cycle": 1,
        }
        return action
