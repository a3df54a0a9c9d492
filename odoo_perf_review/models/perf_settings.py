# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError

# The company settings of the app: the only fields of res.company this form
# writes.
PERF_COMPANY_FIELDS = (
    "perf_next_cycle_lead_days",
    "perf_checkin_reminder_days",
    "perf_appeal_window_days",
    "perf_appeal_decision_days",
    "perf_appeal_reminder_days",
    "perf_appeal_handler",
)


class PerfSettings(models.TransientModel):
    """The Performance settings of the current company, for a Performance
    administrator.

    Odoo's Settings page (``res.config.settings``) is for system
    administrators, and writing a company needs *Access Rights*: neither is
    given to a Performance administrator, whose job includes these settings.
    This form writes exactly the fields above, of the current company (one of
    the user's allowed companies), as the system; nothing the user sends
    reaches another field or another company.
    """

    _name = "perf.settings"
    _description = "Performance Settings"

    company_id = fields.Many2one(
        "res.company", readonly=True, default=lambda self: self.env.company
    )
    # The labels and help of the company's fields, word for word.
    perf_next_cycle_lead_days = fields.Integer(
        "Prepare next performance cycle ahead by (days)",
        help="How many days before a recurring cycle ends its successor is "
        "prepared as a draft.",
    )
    perf_checkin_reminder_days = fields.Integer(
        "Remind goal check-ins after (days)",
        help="Owners of approved goals are reminded when they have not checked in "
        "for this many days. 0 turns the reminders off.",
    )
    perf_appeal_window_days = fields.Integer(
        "Appeal window (working days)",
        help="Employees can appeal a released result during this many working "
        "days of the company's calendar.",
    )
    perf_appeal_decision_days = fields.Integer("Appeal decision within (working days)")
    perf_appeal_reminder_days = fields.Integer(
        "Remind about overdue appeals every (days)"
    )
    perf_appeal_handler = fields.Selection(
        selection=lambda self: (
            self.env["res.company"]
            ._fields["perf_appeal_handler"]
            ._description_selection(self.env)
        ),
        string="Appeals decided by",
        required=True,
        default="hr",
        help="Whoever it is, never the employee nor anyone who rated them: "
        "the next candidate is taken then.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env.company
        for name in PERF_COMPANY_FIELDS:
            if name in fields_list:
                values[name] = company[name]
        return values

    def execute(self):
        """Save the settings on the company and reload the form."""
        self.ensure_one()
        if not self.env.user.has_group("odoo_perf_review.group_perf_admin"):
            raise AccessError(
                self.env._("Only a Performance administrator changes its settings.")
            )
        company = self.env.company
        # Every value goes to the current company, never to the one a crafted
        # request would name.
        company.sudo().write({name: self[name] for name in PERF_COMPANY_FIELDS})
        return {"type": "ir.actions.client", "tag": "reload"}
