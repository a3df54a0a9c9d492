# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import bands as band_engine

SCORE_AXIS = (0.0, 100.0)


class PerfRatingScale(models.Model):
    _name = "perf.rating.scale"
    _description = "Rating Scale"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the scale between all companies.",
        index=True,
    )
    description = fields.Text(translate=True)
    level_ids = fields.One2many(
        "perf.rating.level", "scale_id", string="Levels", copy=True
    )
    level_count = fields.Integer(compute="_compute_level_count")
    guideline_tolerance = fields.Float(
        "Guideline tolerance (points)",
        default=10.0,
        digits=(5, 1),
        help="Calibration warns where a session's share of a level departs "
        "from the guideline by more than this many percentage points.",
    )

    @api.depends("level_ids")
    def _compute_level_count(self):
        for scale in self:
            scale.level_count = len(scale.level_ids)

    @api.model_create_multi
    def create(self, vals_list):
        # Levels arrive one by one through the x2many commands: check the bands
        # once on the whole scale, not after each level.
        scales = (
            super(PerfRatingScale, self.with_context(perf_scale_checks_bands=True))
            .create(vals_list)
            .with_env(self.env)
        )
        if self.env.context.get("perf_scale_levels_follow") and self.env.context.get(
            "install_module"
        ):
            # Module data: the levels follow as records of their own (with XML
            # ids, so that they are translated); the data file checks the
            # scale with _check_levels() once they all exist.
            return scales
        scales._check_levels()  # also when no level was given at all
        return scales

    def _check_levels(self):
        """The bands and the guideline of these scales, checked as a whole."""
        self._check_bands()
        self._check_guideline()
        return True

    def write(self, vals):
        return super(
            PerfRatingScale, self.with_context(perf_scale_checks_bands=True)
        ).write(vals)

    @api.constrains("level_ids")
    def _check_bands(self):
        for scale in self:
            problems = band_engine.check_bands(
                [
                    band_engine.Band(level.id, level.score_min, level.score_max)
                    for level in scale.level_ids
                ],
                *SCORE_AXIS,
            )
            if problems:
                raise ValidationError(scale._describe_band_problems(problems))

    @api.constrains("level_ids", "guideline_tolerance")
    def _check_guideline(self):
        """The guideline shares of a scale's levels add up to 100 %, or are
        all 0 (no guideline)."""
        for scale in self:
            shares = scale.level_ids.mapped("guideline_share")
            total = sum(shares)
            if any(share < 0 or share > 100 for share in shares) or (
                total and abs(total - 100.0) > 0.05
            ):
                raise ValidationError(
                    self.env._(
                        "The guideline shares of rating scale “%(scale)s” add up "
                        "to %(total)s %%: make them add up to 100 %% (each "
                        "between 0 and 100), or set them all to 0 for no "
                        "guideline.",
                        scale=scale.display_name,
                        total=f"{total:g}",
                    )
                )
            if scale.guideline_tolerance < 0:
                raise ValidationError(
                    self.env._(
                        "The guideline tolerance of rating scale “%(scale)s” "
                        "cannot be negative.",
                        scale=scale.display_name,
                    )
                )

    def _guideline(self):
        """{level: guideline share} of this scale, lowest level first; empty
        when the scale has no guideline."""
        self.ensure_one()
        levels = self.level_ids.sorted(lambda level: (level.sequence, level.score_min))
        if not sum(levels.mapped("guideline_share")):
            return {}
        return {level: level.guideline_share for level in levels}

    def _describe_band_problems(self, problems):
        """Turn the engine's band problems into one translated message."""
        self.ensure_one()
        levels = {level.id: level for level in self.level_ids}

        def label(key):
            level = levels.get(key)
            return level.display_name if level else "?"

        lines = []
        for problem in problems:
            if problem.kind == "no_band":
                lines.append(
                    self.env._("The scale has no level yet: add at least one.")
                )
            elif problem.kind == "inverted":
                lines.append(
                    self.env._(
                        "Level “%(level)s” goes from %(min)s to %(max)s: "
                        "its lower bound must be below its upper bound.",
                        level=label(problem.keys[0]),
                        min=problem.values[0],
                        max=problem.values[1],
                    )
                )
            elif problem.kind == "out_of_range":
                lines.append(
                    self.env._(
                        "Level “%(level)s” leaves the 0–100 score range: "
                        "keep its bounds between 0 and 100.",
                        level=label(problem.keys[0]),
                    )
                )
            elif problem.kind == "overlap":
                lines.append(
                    self.env._(
                        "Levels “%(a)s” and “%(b)s” overlap: “%(a)s” ends at "
                        "%(end)s but “%(b)s” starts at %(start)s. Make one "
                        "start where the other ends.",
                        a=label(problem.keys[0]),
                        b=label(problem.keys[1]),
                        end=problem.values[0],
                        start=problem.values[1],
                    )
                )
            elif problem.kind == "gap":
                lines.append(
                    self.env._(
                        "Scores between %(end)s and %(start)s belong to no level "
                        "(between “%(a)s” and “%(b)s”). Make “%(b)s” start "
                        "where “%(a)s” ends.",
                        a=label(problem.keys[0]),
                        b=label(problem.keys[1]),
                        end=problem.values[0],
                        start=problem.values[1],
                    )
                )
            elif problem.kind == "start":
                lines.append(
                    self.env._(
                        "The lowest level starts at %(start)s: it must start at "
                        "0 so that every score gets a level.",
                        start=problem.values[0],
                    )
                )
            elif problem.kind == "end":
                lines.append(
                    self.env._(
                        "The highest level ends at %(end)s: it must end at 100 "
                        "so that every score gets a level.",
                        end=problem.values[0],
                    )
                )
        return self.env._(
            "The levels of rating scale “%(scale)s” must cover scores 0 to 100 "
            "without gaps or overlaps:\n%(problems)s",
            scale=self.display_name,
            problems="\n".join(f"• {line}" for line in lines),
        )

    def _level_for_scores(self, scores):
        """Map {key: score} to {key: perf.rating.level} on this scale, in batch."""
        self.ensure_one()
        levels = {level.id: level for level in self.level_ids}
        assigned = band_engine.assign_bands(
            scores,
            [
                band_engine.Band(level.id, level.score_min, level.score_max)
                for level in self.level_ids
            ],
        )
        empty = self.env["perf.rating.level"]
        return {
            key: levels[level_id] if level_id else empty
            for key, level_id in assigned.items()
        }
