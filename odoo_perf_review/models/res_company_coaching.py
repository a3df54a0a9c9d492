# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

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
