# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PerfAppraisalCalibrateWizard(models.TransientModel):
    """HR calibrates one rating before release, with the reason."""

    _name = "perf.appraisal.calibrate.wizard"
    _description = "Calibrate a Rating"

    appraisal_id = fields.Many2one("perf.appraisal", required=True, readonly=True)
    rating_scale_id = fields.Many2one(related="appraisal_id.rating_scale_id")
    rating_level_id = fields.Many2one(related="appraisal_id.rating_level_id")
    final_score = fields.Float(related="appraisal_id.final_score")
    level_id = fields.Many2one(
        "perf.rating.level",
        string="Calibrated rating",
        domain="[('scale_id', '=', rating_scale_id)]",
        help="Leave empty to go back to the rating from the score.",
    )
    justification = fields.Text(
        required=True, help="Why the rating changes; kept in the appraisal's history."
    )

    def action_confirm(self):
        self.ensure_one()
        self.appraisal_id._calibrate(self.level_id, self.justification)
        return {"type": "ir.actions.act_window_close"}
