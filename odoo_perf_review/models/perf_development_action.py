# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..engine.write_rules import rule

PLAN_FIELDS = frozenset({"name", "kind", "user_id", "date_deadline", "state"})


class PerfDevelopmentAction(models.Model):
    """An action of the development plan agreed in the feedback interview."""

    _name = "perf.development.action"
    _description = "Development Plan Action"
    _inherit = ["perf.workflow.guard"]
    _order = "date_deadline, id"

    # The managers above the employee and HR shape the plan; whoever owns an
    # action marks it done. The appraisal it belongs to is set once, at creation.
    _perf_workflow_fields = frozenset({"company_id", "employee_id"})
    _perf_write_rules = (
        rule("manager", PLAN_FIELDS),
        rule("owner", {"state"}),
    )

    appraisal_id = fields.Many2one(
        "perf.appraisal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    employee_id = fields.Many2one(related="appraisal_id.employee_id", store=True)
    name = fields.Char("Action", required=True)
    kind = fields.Selection(
        [
            ("training", "Training"),
            ("coaching", "Coaching"),
            ("project", "Stretch assignment"),
            ("reading", "Self-study"),
            ("other", "Other"),
        ],
        default="training",
        required=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    date_deadline = fields.Date("Deadline", required=True)
    state = fields.Selection(
        [("todo", "To do"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="todo",
        required=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions._schedule_followup()
        return actions

    def _schedule_followup(self):
        """Each action is followed by an activity for its owner."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("perf.appraisal")
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": action.appraisal_id.id,
                    "activity_type_id": activity_type.id,
                    "user_id": action.user_id.id,
                    "date_deadline": action.date_deadline,
                    "summary": action.name,
                }
                for action in self
            ]
        )

    def _perf_state(self):
        return self.sudo().state

    def _perf_roles(self):
        appraisal_roles = self.sudo().appraisal_id._perf_roles()
        user = self.env.user
        roles = {}
        for action in self.sudo():
            roles[action.id] = set()
            if appraisal_roles.get(action.appraisal_id.id):
                roles[action.id].add("manager")
            if action.user_id == user:
                roles[action.id].add("owner")
        return roles

    def _perf_write_hint(self):
        return self.env._(
            "The managers above the employee and HR shape the development plan; "
            "the owner of an action marks it done."
        )

    def action_done(self):
        self.state = "done"
        return True
