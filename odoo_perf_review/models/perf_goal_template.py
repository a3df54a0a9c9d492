# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .perf_goal import GOAL_TYPES, PERSPECTIVES

# Goal fields copied from a library entry onto each assigned goal.
TEMPLATE_FIELDS = (
    "name",
    "description",
    "goal_type",
    "bsc_perspective",
    "weight",
    "unit",
    "direction",
    "baseline",
    "use_thresholds",
    "threshold",
    "target",
    "stretch",
    "metric_id",
    "visibility",
)


class PerfGoalTemplate(models.Model):
    """A reusable goal of the library, e.g. "each salesperson: monthly revenue"."""

    _name = "perf.goal.template"
    _description = "Goal Library Entry"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    description = fields.Html(translate=True)
    job_ids = fields.Many2many("hr.job", string="Job positions")
    department_ids = fields.Many2many("hr.department", string="Departments")
    goal_type = fields.Selection(
        [t for t in GOAL_TYPES if t[0] != "key_result"],
        string="Type",
        required=True,
        default="kpi",
    )
    bsc_perspective = fields.Selection(PERSPECTIVES, string="Perspective")
    weight = fields.Float("Weight (%)", digits=(5, 2))
    unit = fields.Char()
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    baseline = fields.Float()
    use_thresholds = fields.Boolean("Threshold and stretch")
    threshold = fields.Float()
    target = fields.Float()
    stretch = fields.Float()
    metric_id = fields.Many2one("perf.metric", string="Live metric")
    visibility = fields.Selection(
        [
            ("private", "Private: the employee and their managers"),
            ("team", "Team: the department"),
            ("company", "Company: everyone"),
        ],
        required=True,
        default="team",
    )
    goal_count = fields.Integer(compute="_compute_goal_count")

    _weight_range = models.Constraint(
        "CHECK (weight >= 0 AND weight <= 100)",
        "A goal's weight is a share between 0 and 100 %.",
    )

    def _compute_goal_count(self):
        counts = dict(
            self.env["perf.goal"]._read_group(
                [("goal_template_id", "in", self.ids)],
                ["goal_template_id"],
                ["__count"],
            )
        )
        for template in self:
            template.goal_count = counts.get(template, 0)

    def _goal_values(self):
        self.ensure_one()
        values = self._convert_to_write({name: self[name] for name in TEMPLATE_FIELDS})
        values["goal_template_id"] = self.id
        return values

    def action_assign(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign goals"),
            "res_model": "perf.goal.assign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_goal_template_ids": self.ids},
        }
