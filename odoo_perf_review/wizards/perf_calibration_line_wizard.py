# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class PerfCalibrationLineWizard(models.TransientModel):
    """HR changes a rating in a calibration session, with the reason."""

    _name = "perf.calibration.line.wizard"
    _description = "Change a Calibrated Rating"

    line_id = fields.Many2one(
        "perf.calibration.line", required=True, readonly=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(related="line_id.employee_id")
    final_score = fields.Float(related="line_id.final_score")
    computed_level_id = fields.Many2one(related="line_id.computed_level_id")
    current_level_id = fields.Many2one(
        related="line_id.calibrated_level_id", string="Current rating"
    )
    scale_id = fields.Many2one(related="line_id.scale_id")
    level_id = fields.Many2one(
        "perf.rating.level",
        string="Calibrated rating",
        required=True,
        domain="[('scale_id', '=', scale_id)]",
    )
    justification = fields.Text(
        help="Why the rating changes: kept with the appraisal and the session, "
        "under your name."
    )
    justification_required = fields.Boolean(compute="_compute_justification_required")

    @api.depends("level_id", "computed_level_id")
    def _compute_justification_required(self):
        for wizard in self:
            wizard.justification_required = bool(
                wizard.level_id and wizard.level_id != wizard.computed_level_id
            )

    def action_confirm(self):
        self.ensure_one()
        self.line_id._calibrate(self.level_id, self.justification)
        return {"type": "ir.actions.act_window_close"}
