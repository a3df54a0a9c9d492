# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    perf_next_cycle_lead_days = fields.Integer(
        "Prepare next performance cycle ahead by (days)",
        default=14,
        help="How many days before a recurring cycle ends its successor is "
        "prepared as a draft.",
    )
    perf_checkin_reminder_days = fields.Integer(
        "Remind goal check-ins after (days)",
        default=14,
        help="Owners of approved goals are reminded when they have not checked in "
        "for this many days. 0 turns the reminders off.",
    )
