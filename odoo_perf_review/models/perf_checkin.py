# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine.write_rules import rule
from ..tools.labels import selection_label


class PerfCheckin(models.Model):
    """A dated progress update on a goal: the coaching conversation's trace."""

    _name = "perf.checkin"
    _description = "Goal Check-in"
    _inherit = ["perf.workflow.guard"]
    _order = "date desc, id desc"

    # The author corrects their check-in while the goal is open; which goal it
    # measures and who wrote it never change.
    _perf_workflow_fields = frozenset(
        {"goal_id", "user_id", "company_id", "employee_id", "cycle_id"}
    )
    _perf_create_fields = frozenset(
        {"goal_id", "date", "value", "confidence", "comment"}
    )
    _perf_write_rules = (
        rule(
            "author",
            {"date", "value", "confidence", "comment"},
            states={"draft", "submitted", "approved"},
        ),
    )

    goal_id = fields.Many2one(
        "perf.goal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="goal_id.company_id", store=True)
    employee_id = fields.Many2one(related="goal_id.employee_id", store=True)
    cycle_id = fields.Many2one(related="goal_id.cycle_id", store=True)
    unit = fields.Char(related="goal_id.unit")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value = fields.Float(help="The goal's actual value on this date.")
    confidence = fields.Selection(
        [("low", "Off track"), ("medium", "At risk"), ("high", "On track")],
        required=True,
        default="high",
        help="How confident the owner is of reaching the target.",
    )
    comment = fields.Text()
    user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user, readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        checkins = super().create(vals_list)
        checkins._check_goal_open()
        checkins.goal_id._workflow()._take_latest_checkin()
        goals = checkins.goal_id
        goals.sudo().activity_feedback(["odoo_perf_review.mail_activity_goal_checkin"])
        return checkins

    def write(self, vals):
        res = super().write(vals)
        if {"value", "date"} & set(vals):
            self._check_goal_open()
            self.goal_id._workflow()._take_latest_checkin()
        return res

    def _perf_state(self):
        return self.sudo().goal_id.state

    def _perf_roles(self):
        user = self.env.user
        return {c.id: {"author"} if c.user_id == user else set() for c in self.sudo()}

    def _perf_write_hint(self):
        return self.env._(
            "Only its author corrects a check-in, while the goal is open; add a "
            "new check-in to record progress."
        )

    def _check_goal_open(self):
        for checkin in self:
            goal = checkin.goal_id
            if goal.state in ("done", "cancelled"):
                raise UserError(
                    self.env._(
                        "Goal “%(goal)s” is %(state)s: check-ins are closed.",
                        goal=goal.display_name,
                        state=selection_label(goal, "state").lower(),
                    )
                )
            if goal.cycle_id.state in ("released", "closed"):
                raise UserError(
                    self.env._(
                        "Cycle “%(cycle)s” is over: check-ins are closed.",
                        cycle=goal.cycle_id.display_name,
                    )
                )
