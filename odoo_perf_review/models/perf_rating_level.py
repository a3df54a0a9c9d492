# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class PerfRatingLevel(models.Model):
    _name = "perf.rating.level"
    _description = "Rating Level"
    _order = "scale_id, sequence, score_min, id"

    scale_id = fields.Many2one(
        "perf.rating.scale",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="scale_id.company_id", store=True)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short label shown in reports and calibration grids, e.g. A, B+, 5.",
    )
    sequence = fields.Integer(default=10, help="Lowest level first.")
    score_min = fields.Float(
        "From score",
        required=True,
        digits=(5, 2),
        help="Final scores from this value (included)…",
    )
    score_max = fields.Float(
        "To score",
        required=True,
        digits=(5, 2),
        help="…up to this value (excluded, except 100 for the highest level).",
    )
    description = fields.Text(
        translate=True, help="What this level means, shown to raters."
    )
    color = fields.Integer()
    guideline_share = fields.Float(
        "Guideline (%)",
        digits=(5, 1),
        help="The share of people the company expects at this level, e.g. "
        "10/20/40/20/10 % on five levels; calibration compares each session "
        "with it. All levels at 0: no guideline.",
    )

    _code_scale_uniq = models.Constraint(
        "unique (scale_id, code)",
        "Each level of a scale needs its own code.",
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for level in self:
            level.display_name = (
                f"{level.code} – {level.name}" if level.code else level.name
            )

    @api.constrains("score_min", "score_max", "scale_id")
    def _check_scale_bands(self):
        # Edits made through the scale form are checked once by the scale.
        if self.env.context.get("perf_scale_checks_bands"):
            return
        self.scale_id._check_bands()

    @api.constrains("guideline_share")
    def _check_guideline_share(self):
        # Edits made through the scale form are checked once by the scale.
        if self.env.context.get("perf_scale_checks_bands"):
            return
        self.scale_id._check_guideline()

    def unlink(self):
        scales = self.scale_id
        res = super().unlink()
        if not self.env.context.get("perf_scale_checks_bands"):
            scales.exists()._check_bands()
        return res
