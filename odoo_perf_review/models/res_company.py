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
