# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class HrPayslipInput(models.Model):
    _inherit = "hr.payslip.input"

    perf_bonus_line_ids = fields.Many2many(
        "perf.bonus.line", string="Performance bonuses"
    )
