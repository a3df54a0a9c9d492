# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.labels import selection_label


class PerfCheckin(models.Model):
    """A dated progress update on a goal: the coaching conversation's trace."""

    _name = "perf.checkin"
    _description = "Goal Check-in"
    _order = "date desc, id desc"

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
        # Manually measured goals take their latest check-in (by date) as their
        # actual value; a back-dated check-in does not overwrite a newer one.
        manual_goals = checkins.goal_id.filtered(lambda g: not g.metric_id)
        latest = {}
        for checkin in self.sudo().search(
            [("goal_id", "in", manual_goals.ids)], order="date desc, id desc"
        ):
            latest.setdefault(checkin.goal_id.id, checkin.value)
        for goal in manual_goals.sudo().with_context(perf_goal_system_update=True):
            goal.actual = latest.get(goal.id, goal.actual)
        goals = checkins.goal_id
        goals.sudo().activity_feedback(["odoo_perf_review.mail_activity_goal_checkin"])
        return checkins

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
