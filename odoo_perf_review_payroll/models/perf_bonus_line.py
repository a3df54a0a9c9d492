# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PerfBonusLine(models.Model):
    _inherit = "perf.bonus.line"

    payslip_id = fields.Many2one(
        "hr.payslip", string="Paid with", readonly=True, copy=False
    )
