# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    perf_next_cycle_lead_days = fields.Integer(
        related="company_id.perf_next_cycle_lead_days", readonly=False
    )
    perf_checkin_reminder_days = fields.Integer(
        related="company_id.perf_checkin_reminder_days", readonly=False
    )
    perf_appeal_window_days = fields.Integer(
        related="company_id.perf_appeal_window_days", readonly=False
    )
    perf_appeal_decision_days = fields.Integer(
        related="company_id.perf_appeal_decision_days", readonly=False
    )
    perf_appeal_reminder_days = fields.Integer(
        related="company_id.perf_appeal_reminder_days", readonly=False
    )
    perf_appeal_handler = fields.Selection(
        related="company_id.perf_appeal_handler", readonly=False
    )

    perf_meeting_reminder_days = fields.Integer(
        related="company_id.perf_meeting_reminder_days", readonly=False
    )
    perf_praise_channel_id = fields.Many2one(
        related="company_id.perf_praise_channel_id", readonly=False
    )
