# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import appraisal as appraisal_engine
from ..engine.write_rules import rule


class PerfReviewLine(models.Model):
    """A rating of one competency, or the manager's score of one goal."""

    _name = "perf.review.line"
    _description = "Review Line"
    _inherit = ["perf.workflow.guard"]
    _order = "review_id, goal_id, criterion_id, id"

    # The reviewer rates; what is rated, and the suggestion, are the workflow's.
    _perf_workflow_fields = frozenset(
        {
            "review_id",
            "company_id",
            "criterion_id",
            "goal_id",
            "scale_id",
            "suggested_goal_score",
            "goal_rated",
            "score",
        }
    )
    _perf_write_rules = (
        rule("reviewer", {"level_id", "goal_score", "comment"}, states={"requested"}),
    )
    _perf_create_fields = frozenset()

    review_id = fields.Many2one(
        "perf.review", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="review_id.company_id", store=True, precompute=True
    )
    criterion_id = fields.Many2one("perf.criterion", string="Competency")
    criterion_description = fields.Text(related="criterion_id.description")
    goal_id = fields.Many2one("perf.goal")
    scale_id = fields.Many2one(
        related="review_id.appraisal_id.template_id.rating_scale_id"
    )
    level_id = fields.Many2one(
        "perf.rating.level",
        string="Rating",
        domain="[('scale_id', '=', scale_id)]",
    )
    goal_score = fields.Float(
        digits=(5, 1), help="0 to 100; proposed from the goal's measured result."
    )
    suggested_goal_score = fields.Float(digits=(5, 1), readonly=True)
    goal_rated = fields.Boolean(
        "Goal scored",
        readonly=True,
        copy=False,
        help="The line holds a goal score: the measured result suggested to "
        "the manager, or the score they typed. A goal not measured yet and "
        "not scored by the manager is left out of the goal score.",
    )
    score = fields.Float(compute="_compute_score", store=True, digits=(5, 1))
    comment = fields.Text()
    level_description = fields.Text(
        "What this level means",
        compute="_compute_level_description",
        help="The chosen level's description for this competency, else the "
        "scale's description of the level.",
    )

    @api.depends_context("lang")
    @api.depends("level_id", "criterion_id")
    def _compute_level_description(self):
        described = {
            (desc.criterion_id.id, desc.rating_level_id.id): desc.description
            for desc in self.criterion_id.level_ids
            if desc.description
        }
        for line in self:
            line.level_description = (
                described.get((line.criterion_id.id, line.level_id.id))
                or line.level_id.description
                or False
            )

    @api.depends("level_id", "goal_score", "goal_id")
    def _compute_score(self):
        for line in self:
            if line.goal_id:
                line.score = line.goal_score
            elif line.level_id:
                line.score = appraisal_engine.level_value(
                    line.level_id.score_min, line.level_id.score_max
                )
            else:
                line.score = 0.0

    @api.constrains("level_id", "goal_score")
    def _check_on_scale(self):
        for line in self:
            scale = line.review_id.appraisal_id.template_id.rating_scale_id
            if line.level_id and line.level_id.scale_id != scale:
                raise ValidationError(
                    self.env._(
                        "“%(level)s” is not a level of the rating scale "
                        "“%(scale)s”: pick one of its levels.",
                        level=line.level_id.display_name,
                        scale=scale.display_name,
                    )
                )
            if line.goal_id and not 0 <= line.goal_score <= 100:
                raise ValidationError(
                    self.env._(
                        "The score of goal “%(goal)s” is %(score)s: goal scores "
                        "go from 0 to 100.",
                        goal=line.goal_id.display_name,
                        score=line.goal_score,
                    )
                )

    def _perf_state(self):
        return self.sudo().review_id.state

    def _perf_roles(self):
        user = self.env.user
        return {
            line.id: {"reviewer"} if line.review_id.reviewer_user_id == user else set()
            for line in self.sudo()
        }

    def _perf_write_hint(self):
        return self.env._(
            "Only the reviewer rates, while the review is open: a submitted or "
            "closed review can no longer be changed."
        )

    def write(self, vals):
        # Even the workflow (a customer's answers) writes only open reviews.
        if self.review_id.filtered(lambda r: r.state != "requested"):
            raise UserError(
                self.env._("A submitted or closed review can no longer be changed.")
            )
        res = super().write(vals)
        if "goal_score" in vals:
            # The manager scored the goal: it counts, measured or not.
            self.filtered(
                lambda line: line.goal_id and not line.goal_rated
            )._workflow().write({"goal_rated": True})
        return res
