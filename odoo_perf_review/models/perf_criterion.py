# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class PerfCriterion(models.Model):
    _name = "perf.criterion"
    _description = "Competency"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the competency between all companies.",
        index=True,
    )
    category = fields.Selection(
        [
            ("core", "Core value"),
            ("behaviour", "Behaviour"),
            ("skill", "Skill"),
            ("leadership", "Leadership"),
        ],
        required=True,
        default="behaviour",
    )
    description = fields.Text(
        translate=True, help="What the competency covers, shown to every rater."
    )
    rating_scale_id = fields.Many2one(
        "perf.rating.scale",
        string="Described for scale",
        help="The scale whose levels the level descriptions below refer to.",
    )
    level_ids = fields.One2many(
        "perf.criterion.level",
        "criterion_id",
        string="Level descriptions",
        copy=True,
    )
    for_managers_only = fields.Boolean(
        help="Only asked about employees who manage a team."
    )

    _name_company_uniq = models.Constraint(
        "unique (name, company_id)",
        "A competency with this name already exists in this company.",
    )

    @api.onchange("rating_scale_id")
    def _onchange_rating_scale_id(self):
        # Offer one empty description per level of the chosen scale.
        if self.rating_scale_id and not self.level_ids:
            self.level_ids = [
                fields.Command.create({"rating_level_id": level.id})
                for level in self.rating_scale_id.level_ids
            ]
