# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import goals as goal_engine


class PerfGoalAlignment(models.AbstractModel):
    """Goals aligned under one another (cascade) and the progress that rolls
    up from them. A mixin of ``perf.goal``."""

    _name = "perf.goal.alignment.mixin"
    _description = "Goal: alignment and roll-up"

    rollup_progress = fields.Float(
        "Aligned progress (%)",
        compute="_compute_rollup_progress",
        store=True,
        recursive=True,
        digits=(6, 1),
        aggregator="avg",
        help="Attainment of the goals aligned below, weighted; the goals not "
        "measured yet are left out. It starts with the cycle.",
    )
    rollup_measured = fields.Boolean(
        compute="_compute_rollup_progress",
        store=True,
        recursive=True,
        copy=False,
        help="The aligned progress has a value: this goal, or one aligned "
        "below it, is measured.",
    )
    period_started = fields.Boolean(
        compute="_compute_period_started",
        help="The cycle's period has started: roll-ups show from then on.",
    )
    measure_status = fields.Char(
        "Result status",
        compute="_compute_measure_status",
        help="“Not measured yet” while the goal has no result.",
    )
    rollup_status = fields.Char(
        "Aligned progress status",
        compute="_compute_measure_status",
        help="“Not started” before the cycle's period starts, “Not measured "
        "yet” until a goal aligned below is measured.",
    )

    @api.depends(
        "attainment",
        "goal_type",
        "has_actual",
        "child_ids.measured",
        "child_ids.rollup_progress",
        "child_ids.rollup_measured",
        "child_ids.weight",
        "child_ids.state",
    )
    def _compute_rollup_progress(self):
        """The weighted progress of the goals aligned below, the goals not
        measured yet left out (``rollup_measured`` False when none is)."""
        for goal in self:
            aligned = goal.child_ids.filtered(
                lambda g: g.goal_type != "key_result" and g.state != "cancelled"
            )
            if goal.goal_type == "objective":
                own_measured = any(
                    kr.measured
                    for kr in goal.child_ids
                    if kr.goal_type == "key_result" and kr.state != "cancelled"
                )
            else:
                own_measured = goal.has_actual
            progress = goal_engine.rollup_progress(
                goal.attainment if own_measured else None,
                [
                    (
                        child.weight or 1.0,
                        child.rollup_progress if child.rollup_measured else None,
                    )
                    for child in aligned
                ],
            )
            goal.rollup_measured = progress is not None
            goal.rollup_progress = progress or 0.0

    @api.depends("cycle_id.date_start")
    @api.depends_context("tz")
    def _compute_period_started(self):
        today = fields.Date.context_today(self)
        for goal in self:
            goal.period_started = goal_engine.period_started(
                today, goal.cycle_id.date_start or None
            )

    @api.depends("measured", "rollup_measured", "period_started")
    @api.depends_context("lang")
    def _compute_measure_status(self):
        not_measured = self.env._("Not measured yet")
        not_started = self.env._("Not started")
        for goal in self:
            goal.measure_status = False if goal.measured else not_measured
            if not goal.period_started:
                goal.rollup_status = not_started
            elif not goal.rollup_measured:
                goal.rollup_status = not_measured
            else:
                goal.rollup_status = False

    @api.constrains("parent_id", "goal_type", "cycle_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._(
                    "A goal cannot serve itself, directly or through other goals."
                )
            )
        for goal in self:
            parent = goal.parent_id
            if goal.goal_type == "key_result" and parent.goal_type != "objective":
                raise ValidationError(
                    self.env._(
                        "Key result “%(goal)s” must belong to an objective: choose "
                        "the objective it measures.",
                        goal=goal.display_name,
                    )
                )
            if parent and parent.goal_type == "key_result":
                raise ValidationError(
                    self.env._(
                        "Goal “%(goal)s” cannot serve key result “%(parent)s”: align "
                        "it with the objective instead.",
                        goal=goal.display_name,
                        parent=parent.display_name,
                    )
                )
            if parent and parent.cycle_id != goal.cycle_id:
                raise ValidationError(
                    self.env._(
                        "Goal “%(goal)s” (cycle %(cycle)s) cannot serve “%(parent)s” "
                        "of cycle %(parent_cycle)s: align goals within one cycle.",
                        goal=goal.display_name,
                        cycle=goal.cycle_id.display_name,
                        parent=parent.display_name,
                        parent_cycle=parent.cycle_id.display_name,
                    )
                )
