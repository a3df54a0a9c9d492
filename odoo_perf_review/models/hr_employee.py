# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    perf_goal_ids = fields.One2many("perf.goal", "employee_id", string="Goals")
    perf_goal_count = fields.Integer(
        compute="_compute_perf_goal_count", string="Goal count"
    )

    perf_appraisal_ids = fields.One2many(
        "perf.appraisal", "employee_id", string="Appraisals"
    )
    perf_appraisal_count = fields.Integer(compute="_compute_perf_last_rating")
    perf_last_rating_id = fields.Many2one(
        "perf.rating.level",
        string="Last rating",
        compute="_compute_perf_last_rating",
        help="The final rating of the latest released appraisal.",
    )

    @api.model
    def _perf_team_of(self, user):
        """Everyone below ``user``'s employees, at any depth, not themselves:
        the people a manager appraises, approves goals of, releases."""
        own = user.sudo().employee_ids
        if not own:
            return self.browse()
        return self.sudo().search([("id", "child_of", own.ids)]) - own

    def _compute_perf_last_rating(self):
        # With the reader's rights: an employee sees only released results.
        appraisals = self.env["perf.appraisal"].search(
            [("employee_id", "in", self.ids), ("state", "!=", "cancelled")],
            order="released_date desc, id desc",
        )
        counts, last = {}, {}
        for appraisal in appraisals:
            counts[appraisal.employee_id.id] = (
                counts.get(appraisal.employee_id.id, 0) + 1
            )
            if appraisal.state in ("released", "acknowledged"):
                last.setdefault(appraisal.employee_id.id, appraisal.final_level_id)
        for employee in self:
            employee.perf_appraisal_count = counts.get(employee.id, 0)
            employee.perf_last_rating_id = last.get(employee.id, False)

    def action_open_perf_appraisals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_appraisal_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {}
        return action

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
