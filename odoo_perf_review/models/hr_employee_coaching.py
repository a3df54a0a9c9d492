# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


def _counts(env, model, domain, employees):
    """{employee id: count} read with the reader's rights."""
    return {
        employee.id: count
        for employee, count in env[model]._read_group(
            domain + [(_EMPLOYEE_FIELD[model], "in", employees.ids)],
            [_EMPLOYEE_FIELD[model]],
            ["__count"],
        )
    }


_EMPLOYEE_FIELD = {"perf.feedback": "receiver_id", "perf.meeting": "employee_id"}


class HrEmployeeCoachingMixin(models.AbstractModel):
    """The feedback an employee received and their one-on-ones, counted and
    opened with the reader's rights: each reader finds what they may read."""

    _name = "perf.employee.coaching.mixin"
    _description = "Employee coaching history"

    perf_feedback_count = fields.Integer(
        compute="_compute_perf_coaching_counts", string="Feedback"
    )
    perf_meeting_count = fields.Integer(
        compute="_compute_perf_coaching_counts", string="One-on-ones"
    )

    @api.depends_context("uid")
    def _compute_perf_coaching_counts(self):
        feedback = _counts(self.env, "perf.feedback", [("state", "=", "given")], self)
        meetings = _counts(
            self.env, "perf.meeting", [("state", "!=", "cancelled")], self
        )
        for employee in self:
            employee.perf_feedback_count = feedback.get(employee.id, 0)
            employee.perf_meeting_count = meetings.get(employee.id, 0)

    def action_open_perf_feedback(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_feedback_action"
        )
        action["domain"] = [("receiver_id", "=", self.id), ("state", "=", "given")]
        action["context"] = {"default_receiver_id": self.id}
        return action

    def action_open_perf_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_meeting_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {}
        return action


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "perf.employee.coaching.mixin"]


class HrEmployeePublic(models.Model):
    _name = "hr.employee.public"
    _inherit = ["hr.employee.public", "perf.employee.coaching.mixin"]
