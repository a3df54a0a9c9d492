# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.notifications import client_notification


class PerfFeedbackRequestWizard(models.TransientModel):
    """A manager asks chosen colleagues for feedback about a report, by a
    deadline: each colleague gets a request and an activity."""

    _name = "perf.feedback.request.wizard"
    _description = "Request Feedback"

    employee_id = fields.Many2one("hr.employee", string="About", required=True)
    giver_ids = fields.Many2many(
        "res.users",
        string="Ask",
        required=True,
        domain="[('share', '=', False)]",
        help="The colleagues asked for feedback.",
    )
    deadline = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=7),
    )
    question = fields.Text(
        help="What you would like to know; the colleagues read it in their request."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ctx = self.env.context
        if ctx.get("active_model") in ("hr.employee", "hr.employee.public"):
            values.setdefault("employee_id", ctx.get("active_id"))
        return values

    def _check_requester(self):
        user = self.env.user
        employee = self.employee_id.sudo()
        if employee.user_id == user:
            raise UserError(
                self.env._("Ask your manager to request feedback about you.")
            )
        team = self.env["hr.employee"]._perf_team_of(user)
        officer = user.has_group("odoo_perf_review.group_perf_officer") and (
            employee.company_id in user.company_ids
        )
        if employee not in team and not officer:
            raise AccessError(
                self.env._(
                    "Feedback about %(employee)s is requested by their managers or HR.",
                    employee=employee.name,
                )
            )

    def action_request(self):
        self.ensure_one()
        self._check_requester()
        employee = self.employee_id.sudo()
        if self.deadline < fields.Date.context_today(self):
            raise UserError(self.env._("The deadline is in the past."))
        givers = self.giver_ids.sudo()
        wrong = givers.filtered(
            lambda u: (
                u == employee.user_id
                or u.share
                or employee.company_id not in u.company_ids
            )
        )
        if wrong:
            raise UserError(
                self.env._(
                    "%(people)s cannot give feedback about %(employee)s: ask "
                    "colleagues of the same company, not the employee.",
                    people=", ".join(wrong.mapped("name")),
                    employee=employee.name,
                )
            )
        requests = self.env["perf.feedback"]._request(
            employee, givers, self.deadline, self.question
        )
        return client_notification(
            self.env._("Feedback requested"),
            self.env._(
                "%(count)s colleague(s) asked for feedback about %(employee)s.",
                count=len(requests),
                employee=employee.name,
            ),
            reload=False,
        )
