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
    perf_appeal_window_days = fields.Integer(
        "Appeal window (working days)",
        default=5,
        help="Employees can appeal a released result during this many working "
        "days of the company's calendar.",
    )
    perf_appeal_decision_days = fields.Integer(
        "Appeal decision within (working days)", default=10
    )
    perf_appeal_reminder_days = fields.Integer(
        "Remind about overdue appeals every (days)", default=2
    )
    perf_appeal_handler = fields.Selection(
        [
            ("hr", "The cycle's HR officer"),
            ("manager_manager", "The rating manager's own manager"),
        ],
        string="Appeals decided by",
        default="hr",
        required=True,
        help="Whoever it is, never the employee nor anyone who rated them: "
        "the next candidate is taken then.",
    )

    perf_meeting_reminder_days = fields.Integer(
        "Remind managers to meet after (days)",
        default=30,
        help="A manager who has held no one-on-one with a report for this many "
        "days gets an activity. 0 turns the reminders off.",
    )
    perf_praise_channel_id = fields.Many2one(
        "discuss.channel",
        string="Post public praise in",
        help="The Discuss channel where public praise is posted. Choose one whose "
        "members all belong to this company; empty: praise stays on the profile.",
    )
