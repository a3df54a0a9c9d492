# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import goals as goal_engine
from ..engine import okr as okr_engine
from ..engine import weights as weight_engine
from ..engine.errors import EngineError


class PerfGoalOkr(models.AbstractModel):
    """A goal's result: attainment, OKR grade and score from its actual value
    (an objective's from its key results), and the weights a goal set must
    add up to. A mixin of ``perf.goal``."""

    _name = "perf.goal.okr.mixin"
    _description = "Goal: results, OKR grading and weights"

    measured = fields.Boolean(
        compute="_compute_measured",
        store=True,
        recursive=True,
        copy=False,
        help="The goal has a result: an actual value was recorded (check-in "
        "or live metric), or, for an objective, one of its key results was. "
        "Until then it shows “Not measured yet” and does not count in the "
        "appraisal's goal score.",
    )

    # Results
    attainment = fields.Float(
        "Attainment (%)",
        compute="_compute_result",
        store=True,
        recursive=True,
        digits=(6, 1),
        aggregator="avg",
        help="How far the actual went from the baseline to the target, in %, "
        "capped at 200 %. Lower is better without a baseline: target ÷ actual "
        "(half the target reads 200 %, the cap).",
    )
    grade = fields.Float(
        "OKR grade",
        compute="_compute_result",
        store=True,
        recursive=True,
        digits=(3, 2),
        aggregator="avg",
        help="0.0 to 1.0; 0.7 is a good result.",
    )
    score = fields.Float(
        compute="_compute_result",
        store=True,
        recursive=True,
        digits=(5, 1),
        aggregator="avg",
        help="0 to 100, on the same axis as the rating scale: the threshold earns "
        "60, the target 80 and the stretch value 100.",
    )

    @api.depends("goal_type", "has_actual", "child_ids.measured", "child_ids.state")
    def _compute_measured(self):
        for goal in self:
            if goal.goal_type == "objective":
                goal.measured = any(
                    kr.measured
                    for kr in goal.child_ids
                    if kr.goal_type == "key_result" and kr.state != "cancelled"
                )
            else:
                goal.measured = goal.has_actual

    @api.depends(
        "goal_type",
        "direction",
        "baseline",
        "use_thresholds",
        "threshold",
        "target",
        "stretch",
        "actual",
        "has_actual",
        "child_ids.grade",
        "child_ids.weight",
        "child_ids.goal_type",
        "child_ids.state",
        "child_ids.measured",
    )
    def _compute_result(self):
        """Attainment, grade and score; 0 with ``measured`` False while
        nothing is measured (the views then say “Not measured yet”), and an
        objective is graded by its measured key results only."""
        for goal in self:
            if goal.goal_type == "objective":
                key_results = goal.child_ids.filtered(
                    lambda g: g.goal_type == "key_result" and g.state != "cancelled"
                )
                grade = goal_engine.weighted_mean(
                    (kr.weight, kr.grade if kr.measured else None) for kr in key_results
                )
                goal.grade = grade or 0.0
                goal.attainment = (grade or 0.0) * 100.0
                goal.score = goal_engine.okr_score(grade) or 0.0
            else:
                goal.attainment, goal.grade, goal.score = goal._measured_result(
                    goal.actual if goal.has_actual else None
                )

    def _measured_result(self, actual):
        """(attainment, grade, score) of a KPI or key result for ``actual``;
        zeros for ``actual`` None (not measured: the engine gives no result)."""
        self.ensure_one()
        values = self._kpi_values()
        if self.goal_type == "key_result":
            grade = goal_engine.okr_grade(
                actual,
                values["target"],
                baseline=values["baseline"],
                direction=self.direction,
            )
            grade = grade or 0.0
            return grade * 100.0, grade, goal_engine.okr_score(grade) or 0.0
        result = goal_engine.kpi_result(actual, **values)
        attainment = result.attainment or 0.0
        return attainment, min(attainment / 100.0, 1.0), result.score or 0.0

    def _kpi_values(self):
        """The KPI's reference values, with unset ones as None for the engine."""
        self.ensure_one()
        # A zero baseline means "none", except for a proportional "higher is
        # better" goal, which naturally starts from zero.
        baseline_set = bool(self.baseline) or (
            self.direction == "higher" and not self.use_thresholds
        )
        return {
            "target": self.target,
            "baseline": self.baseline if baseline_set else None,
            "threshold": self.threshold if self.use_thresholds else None,
            "stretch": self.stretch if self.use_thresholds else None,
            "direction": self.direction,
        }

    @api.constrains(
        "goal_type",
        "direction",
        "baseline",
        "use_thresholds",
        "threshold",
        "target",
        "stretch",
    )
    def _check_kpi_values(self):
        labels = {
            "baseline": self.env._("baseline"),
            "threshold": self.env._("threshold"),
            "target": self.env._("target"),
            "stretch": self.env._("stretch"),
        }
        for goal in self.filtered(lambda g: g.goal_type != "objective"):
            values = goal._kpi_values()
            problems = goal_engine.check_kpi_values(values.pop("direction"), **values)
            for problem in problems:
                if problem.kind != "order":
                    continue
                if goal.direction == "higher":
                    message = self.env._(
                        "Goal “%(goal)s”: the %(low)s (%(low_value)s) must not be "
                        "above the %(high)s (%(high_value)s) when higher is better.",
                    )
                else:
                    message = self.env._(
                        "Goal “%(goal)s”: the %(low)s (%(low_value)s) must not be "
                        "below the %(high)s (%(high_value)s) when lower is better.",
                    )
                raise ValidationError(
                    message
                    % {
                        "goal": goal.display_name,
                        "low": labels[problem.keys[0]],
                        "high": labels[problem.keys[1]],
                        "low_value": problem.values[0],
                        "high_value": problem.values[1],
                    }
                )

    # ------------------------------------------------------------------
    # Weights of a goal set
    # ------------------------------------------------------------------
    def _check_weights(self):
        """Each employee's goals in a cycle must add up to 100 % (and per
        perspective when the template asks); each objective's key results too."""
        for _key, _goals, message in self._weight_problems():
            raise UserError(message)

    def _weight_problems(self):
        """The goal sets of ``self`` whose weights do not add up, each with the
        message that explains it: [((employee, cycle), goals of the set,
        message)], at most one per set. One search for all the sets."""
        problems = []
        for key, goals in self._goal_sets().items():
            message = self._weight_problem(*key, goals)
            if message:
                problems.append((key, goals, message))
        return problems

    def _weight_problem(self, employee, cycle, goals):
        """Why the set ``goals`` of ``employee`` in ``cycle`` cannot be
        submitted or approved, or None."""
        top = goals.filtered(lambda g: g.goal_type != "key_result")
        weights = {str(goal.id): goal.weight for goal in top}
        try:
            weight_engine.check_weights_total(weights)
        except EngineError:  # the total is off: told in the user's words
            return self.env._(
                "The goals of %(employee)s in %(cycle)s add up to "
                "%(total)s %%; they must add up to 100 %% before they are "
                "submitted. Adjust the weights (%(goals)s).",
                employee=employee.name,
                cycle=cycle.display_name,
                total=round(sum(weights.values()), 2),
                goals=", ".join(f"{goal.name}: {goal.weight:g} %" for goal in top),
            )
        template = cycle.template_id
        if template and template._uses_perspectives():
            problems = goal_engine.check_perspective_totals(
                [(goal.bsc_perspective, goal.weight) for goal in top],
                template._perspective_weights(),
            )
            if problems:
                labels = dict(
                    self._fields["bsc_perspective"]._description_selection(self.env)
                )
                details = []
                for problem in problems:
                    if problem.kind == "no_perspective":
                        details.append(self.env._("a goal without a perspective"))
                    else:
                        details.append(
                            self.env._(
                                "%(perspective)s: %(total)s %% instead of "
                                "%(expected)s %%",
                                perspective=labels[problem.keys[0]],
                                total=problem.values[0],
                                expected=problem.values[1],
                            )
                        )
                return self.env._(
                    "Template “%(template)s” weighs the scorecard "
                    "perspectives; the goals of %(employee)s do not match: "
                    "%(details)s.",
                    template=template.display_name,
                    employee=employee.name,
                    details="; ".join(details),
                )
        for objective in top.filtered(lambda g: g.goal_type == "objective"):
            key_results = objective.child_ids.filtered(
                lambda g: g.goal_type == "key_result" and g.state != "cancelled"
            )
            if not key_results:
                return self.env._(
                    "Objective “%(goal)s” has no key result: add the "
                    "measurable results that grade it.",
                    goal=objective.display_name,
                )
            total = okr_engine.key_results_total_off(key_results.mapped("weight"))
            if total is not None:
                return self.env._(
                    "The key results of “%(goal)s” add up to %(total)s %%; "
                    "they must add up to 100 %%.",
                    goal=objective.display_name,
                    total=total,
                )
        return None

    def _goal_sets(self):
        """All active goals of the employees and cycles of ``self``, by pair."""
        employee_goals = self.filtered(lambda g: g.owner == "employee")
        if not employee_goals:
            return {}
        siblings = self.sudo().search(
            [
                ("owner", "=", "employee"),
                ("employee_id", "in", employee_goals.employee_id.ids),
                ("cycle_id", "in", employee_goals.cycle_id.ids),
                ("state", "!=", "cancelled"),
            ]
        )
        wanted = {(g.employee_id, g.cycle_id) for g in employee_goals}
        return {
            key: goals
            for key, goals in siblings.grouped(
                lambda goal: (goal.employee_id, goal.cycle_id)
            ).items()
            if key in wanted
        }
