# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PerfCriterionLevel(models.Model):
    _name = "perf.criterion.level"
    _description = "Competency Level Description"
    _order = "criterion_id, sequence, id"

    criterion_id = fields.Many2one(
        "perf.criterion", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="criterion_id.company_id", store=True)
    rating_level_id = fields.Many2one(
        "perf.rating.level", string="Level", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(related="rating_level_id.sequence", store=True)
    description = fields.Text(
        translate=True, help="The behaviour a rater should see to give this level."
    )

    _criterion_level_uniq = models.Constraint(
        "unique (criterion_id, rating_level_id)",
        "A competency describes each level only once.",
    )

    @api.constrains("rating_level_id", "criterion_id")
    def _check_level_scale(self):
        for line in self:
            scale = line.criterion_id.rating_scale_id
            if scale and line.rating_level_id.scale_id != scale:
                raise ValidationError(
                    self.env._(
                        "Competency “%(criterion)s” is described for scale "
                        "“%(scale)s”, but level “%(level)s” belongs to scale "
                        "“%(other)s”. Pick a level of “%(scale)s”.",
                        criterion=line.criterion_id.display_name,
                        scale=scale.display_name,
                        level=line.rating_level_id.display_name,
                        other=line.rating_level_id.scale_id.display_name,
                    )
                )
