# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PerfPromotionWizard(models.TransientModel):
    """The manager recommends a promotion from a released appraisal."""

    _name = "perf.promotion.wizard"
    _description = "Recommend a Promotion"

    appraisal_id = fields.Many2one("perf.appraisal", required=True, readonly=True)
    job_id = fields.Many2one("hr.job", string="Proposed position")
    reason = fields.Text(required=True, help="What the promotion rests on.")

    def action_confirm(self):
        self.ensure_one()
        self.appraisal_id._recommend_promotion(self.job_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
