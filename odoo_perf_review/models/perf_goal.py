# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import datetime, timedelta

from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..engine import goals as goal_engine
from ..engine import weights as weight_engine
from ..engine.write_rules import rule
from ..tools.cron_batches import apply_in_batches, conflicts_expected, is_conflict
from ..tools.labels import selection_label
from ..tools.notifications import client_notification
from ..tools.recipients import in_lang_of

_logger = logging.getLogger(__name__)

OWNERS = [
    ("company", "Company"),
    ("department", "Department"),
    ("employee", "Employee"),
]
GOAL_TYPES = [("kpi", "KPI"), ("objective", "Objective"), ("key_result", "Key result")]
PERSPECTIVES = [
    ("financial", "Financial"),
    ("customer", "Customer"),
    ("internal", "Internal process"),
    ("learning", "Learning & growth"),
]
STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
VISIBILITIES = [
    ("private", "Private: the employee and their managers"),
    ("team", "Team: the department"),
    ("company", "Company: everyone"),
]
# What a goal says: its owner drafts it, the managers above and HR adjust it
# until it is done; the state, the measures and the approval stamps are the
# workflow's.
CONTENT_FIELDS = frozenset(
    {
        "name",
        "description",
        "sequence",
        "active",
        "owner",
        "employee_id",
        "department_id",
        "company_id",
        "cycle_id",
        "parent_id",
        "goal_type",
        "bsc_perspective",
        "weight",
        "visibility",
        "metric_id",
        "unit",
        "direction",
        "baseline",
        "use_thresholds",
        "threshold",
        "target",
        "stretch",
        "key_result_ids",
        "child_ids",
    }
)
OWNER_FIELDS = CONTENT_FIELDS - {"owner", "employee_id", "company_id"}
CLOSED_CYCLE_STATES = ("released", "closed")
REFRESH_CYCLE_STATES = ("goal_setting", "in_progress", "review")
# The scheduled refresh runs hourly; a batch measured less than this long ago
# belongs to the current round.
REFRESH_FRESH_WINDOW = timedelta(minutes=15)


class PerfGoal(models.Model):
    _name = "perf.goal"
    _description = "Goal"
    _inherit = ["mail.thread", "mail.activity.mixin", "perf.workflow.guard"]

    _perf_workflow_fields = frozenset(
        {
            "state",
            "actual",
            "last_refresh",
            "approved_by_id",
            "approved_date",
            "attainment",
            "grade",
            "score",
            "rollup_progress",
            "has_actual",
            "measured",
            "rollup_measured",
            "last_checkin_date",
            "user_id",
            "checkin_ids",
            "last_nudge_date",
        }
    )
    _perf_write_rules = (
        rule("owner", OWNER_FIELDS, states={"draft"}),
        rule("owner", {"sequence"}, states={"submitted", "approved"}),
        rule("manager", CONTENT_FIELDS, states={"draft", "submitted", "approved"}),
        rule("officer", CONTENT_FIELDS, states={"draft", "submitted", "approved"}),
    )
    _order = "cycle_id desc, owner, sequence, id"
    _parent_name = "parent_id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    description = fields.Html(help="What success looks like and how it is measured.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    owner = fields.Selection(OWNERS, required=True, default="employee", tracking=True)
    employee_id = fields.Many2one(
        "hr.employee",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: (
            self.env.user.employee_id
            if self.env.context.get("default_owner", "employee") == "employee"
            else False
        ),
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        required=True,
        index=True,
        precompute=True,
    )
    cycle_id = fields.Many2one(
        "perf.cycle",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        check_company=True,
        domain="[('state', 'not in', ('released', 'closed'))]",
        default=lambda self: self._default_cycle(),
    )
    cycle_state = fields.Selection(related="cycle_id.state", string="Cycle phase")
    parent_id = fields.Many2one(
        "perf.goal",
        string="Serves",
        index=True,
        tracking=True,
        ondelete="set null",
        domain="[('cycle_id', '=', cycle_id), ('id', '!=', id), "
        "('goal_type', '!=', 'key_result')]",
        help="The higher goal this one contributes to (company → department → "
        "employee); for a key result, its objective.",
    )
    child_ids = fields.One2many("perf.goal", "parent_id", string="Aligned goals")
    key_result_ids = fields.One2many(
        "perf.goal",
        "parent_id",
        string="Key results",
        domain=[("goal_type", "=", "key_result")],
    )
    goal_type = fields.Selection(
        GOAL_TYPES, string="Type", required=True, default="kpi", tracking=True
    )
    bsc_perspective = fields.Selection(
        PERSPECTIVES, string="Perspective", tracking=True
    )
    weight = fields.Float(
        "Weight (%)",
        digits=(5, 2),
        tracking=True,
        help="Share of this goal in its owner's goals of the cycle (all add up to "
        "100 %), or of a key result in its objective.",
    )
    visibility = fields.Selection(
        VISIBILITIES, required=True, default="team", tracking=True
    )
    state = fields.Selection(
        STATES,
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
        readonly=True,
    )

    # Measure
    metric_id = fields.Many2one(
        "perf.metric",
        string="Live metric",
        tracking=True,
        index="btree_not_null",
        help="Read the actual value from live records instead of check-ins.",
    )
    unit = fields.Char(
        compute="_compute_unit", store=True, readonly=False, help="e.g. CNY, %, tickets"
    )
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
        tracking=True,
    )
    baseline = fields.Float(
        tracking=True,
        help="Where you start from; between the baseline and the threshold the "
        "score rises from 0. Left at 0, a “higher is better” goal without "
        "threshold is proportional to its target; otherwise 0 means no baseline.",
    )
    use_thresholds = fields.Boolean(
        "Threshold and stretch",
        help="Below the threshold the goal earns nothing; the stretch value earns "
        "the full score.",
    )
    threshold = fields.Float(tracking=True, help="The minimum acceptable result.")
    target = fields.Float(tracking=True, help="The expected result.")
    stretch = fields.Float(tracking=True, help="An outstanding result.")
    actual = fields.Float(
        readonly=True, help="From the live metric or the latest check-in."
    )
    last_refresh = fields.Datetime("Measured on", readonly=True, copy=False)
    has_actual = fields.Boolean(
        "Actual recorded",
        readonly=True,
        copy=False,
        help="A check-in or a live-metric refresh has recorded an actual value.",
    )
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

    # Follow-up
    checkin_ids = fields.One2many("perf.checkin", "goal_id", string="Check-ins")
    checkin_count = fields.Integer(compute="_compute_checkin_count")
    last_checkin_date = fields.Date(
        compute="_compute_last_checkin_date", store=True, string="Last check-in"
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    goal_template_id = fields.Many2one(
        "perf.goal.template",
        string="From library",
        readonly=True,
        index="btree_not_null",
    )
    last_nudge_date = fields.Date(
        "Last nudged on",
        readonly=True,
        copy=False,
        help="When HR last reminded the owner (draft goals after the goal "
        "deadline) or the manager (goals waiting for approval): one nudge a day.",
    )
    can_approve = fields.Boolean(compute="_compute_permissions")
    can_edit_targets = fields.Boolean(compute="_compute_permissions")

    _weight_range = models.Constraint(
        "CHECK (weight >= 0 AND weight <= 100)",
        "A goal's weight is a share between 0 and 100 %.",
    )

    @api.model
    def _default_cycle(self):
        """The company's cycle that is setting goals now, else the running one."""
        cycles = self.env["perf.cycle"].search(
            [
                ("company_id", "=", self.env.company.id),
                ("state", "in", ("goal_setting", "in_progress")),
            ],
            order="date_start desc",
        )
        return cycles.sorted(lambda c: c.state != "goal_setting")[:1]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id", "owner")
    def _compute_department_id(self):
        for goal in self:
            if goal.owner == "employee" and goal.employee_id:
                goal.department_id = goal.employee_id.department_id
            elif goal.owner == "company":
                goal.department_id = False

    @api.depends("employee_id", "department_id", "cycle_id")
    def _compute_company_id(self):
        for goal in self:
            goal.company_id = (
                goal.employee_id.company_id
                or goal.department_id.company_id
                or goal.cycle_id.company_id
                or goal.company_id
                or self.env.company
            )

    @api.depends("metric_id")
    def _compute_unit(self):
        for goal in self:
            if goal.metric_id.unit:
                goal.unit = goal.metric_id.unit

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

    def _compute_checkin_count(self):
        counts = dict(
            self.env["perf.checkin"]._read_group(
                [("goal_id", "in", self.ids)], ["goal_id"], ["__count"]
            )
        )
        for goal in self:
            goal.checkin_count = counts.get(goal, 0)

    @api.depends("checkin_ids.date")
    def _compute_last_checkin_date(self):
        last = dict(
            self.env["perf.checkin"]._read_group(
                [("goal_id", "in", self.ids)], ["goal_id"], ["date:max"]
            )
        )
        for goal in self:
            goal.last_checkin_date = last.get(goal, False)

    @api.depends_context("uid")
    @api.depends("employee_id", "state", "owner")
    def _compute_permissions(self):
        managed = self._managed_by_user()
        officer = self.env.user.has_group("odoo_perf_review.group_perf_officer")
        for goal in self:
            goal.can_approve = officer or goal.id in managed
            goal.can_edit_targets = goal.can_approve or goal.state == "draft"

    # ------------------------------------------------------------------
    # Who manages what
    # ------------------------------------------------------------------
    def _managed_by_user(self, user=None):
        """Ids of the goals in ``self`` that ``user`` manages (not their own).

        A manager manages every employee below them (recursively) and the
        departments they lead.
        """
        user = user or self.env.user
        my_employees = user.sudo().employee_ids
        if not my_employees:
            return set()
        team = self.env["hr.employee"]._perf_team_of(user)
        led_departments = (
            self.env["hr.department"]
            .sudo()
            .search(
                [
                    (
                        "id",
                        "child_of",
                        my_employees.sudo()
                        .department_id.filtered(lambda d: d.manager_id in my_employees)
                        .ids,
                    )
                ]
            )
        )
        managed = set()
        for goal in self.sudo():
            if (goal.owner == "employee" and goal.employee_id in team) or (
                goal.owner == "department" and goal.department_id in led_departments
            ):
                managed.add(goal.id)
        return managed

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("owner", "employee_id", "department_id")
    def _check_owner(self):
        _ = self.env._
        for goal in self:
            if goal.owner == "employee" and not goal.employee_id:
                raise ValidationError(
                    _(
                        "Goal “%(goal)s” belongs to an employee: choose the employee.",
                        goal=goal.display_name,
                    )
                )
            if goal.owner == "department" and not goal.department_id:
                raise ValidationError(
                    _(
                        "Goal “%(goal)s” belongs to a department: choose the "
                        "department.",
                        goal=goal.display_name,
                    )
                )

    @api.constrains("parent_id", "goal_type", "cycle_id")
    def _check_parent(self):
        _ = self.env._
        if self._has_cycle():
            raise ValidationError(
                _("A goal cannot serve itself, directly or through other goals.")
            )
        for goal in self:
            parent = goal.parent_id
            if goal.goal_type == "key_result" and parent.goal_type != "objective":
                raise ValidationError(
                    _(
                        "Key result “%(goal)s” must belong to an objective: choose "
                        "the objective it measures.",
                        goal=goal.display_name,
                    )
                )
            if parent and parent.goal_type == "key_result":
                raise ValidationError(
                    _(
                        "Goal “%(goal)s” cannot serve key result “%(parent)s”: align "
                        "it with the objective instead.",
                        goal=goal.display_name,
                        parent=parent.display_name,
                    )
                )
            if parent and parent.cycle_id != goal.cycle_id:
                raise ValidationError(
                    _(
                        "Goal “%(goal)s” (cycle %(cycle)s) cannot serve “%(parent)s” "
                        "of cycle %(parent_cycle)s: align goals within one cycle.",
                        goal=goal.display_name,
                        cycle=goal.cycle_id.display_name,
                        parent=parent.display_name,
                        parent_cycle=parent.cycle_id.display_name,
                    )
                )

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

    @api.constrains("employee_id", "cycle_id", "company_id")
    def _check_cycle_company(self):
        for goal in self:
            if (
                goal.employee_id
                and goal.employee_id.company_id != goal.cycle_id.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(employee)s works for %(company)s, but cycle %(cycle)s "
                        "belongs to %(cycle_company)s: choose a cycle of the "
                        "employee's company.",
                        employee=goal.employee_id.name,
                        company=goal.employee_id.company_id.name,
                        cycle=goal.cycle_id.display_name,
                        cycle_company=goal.cycle_id.company_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD guards
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        cycles = self.env["perf.cycle"].browse(
            {vals["cycle_id"] for vals in vals_list if vals.get("cycle_id")}
        )
        self._check_cycle_open(cycles)
        if self._perf_in_workflow():
            vals_list = [
                dict(vals, has_actual=True)
                if "actual" in vals and "has_actual" not in vals
                else vals
                for vals in vals_list
            ]
        return super().create(vals_list)

    def write(self, vals):
        if "actual" in vals and "has_actual" not in vals and self._perf_in_workflow():
            # Recording an actual value is measuring the goal, whoever does it
            # (check-ins; the live refresh writes its own statement).
            vals = dict(vals, has_actual=True)
        if not self._perf_in_workflow():
            self._check_cycle_open(self.cycle_id)
            if "cycle_id" in vals:
                self._check_cycle_open(self.env["perf.cycle"].browse(vals["cycle_id"]))
        return super().write(vals)

    def _perf_roles(self):
        user = self.env.user
        officer = user.has_group("odoo_perf_review.group_perf_officer")
        managed = self._managed_by_user()
        roles = {}
        for goal in self.sudo():
            mine = goal.owner == "employee" and goal.employee_id.user_id == user
            roles[goal.id] = {
                role
                for role, holds in (
                    ("owner", mine),
                    ("manager", goal.id in managed),
                    ("officer", officer and not mine),
                )
                if holds
            }
        return roles

    def _take_latest_checkin(self):
        """Manually measured goals take their latest check-in (by date) as
        their actual value; a back-dated check-in does not overwrite a newer
        one."""
        manual = self.filtered(lambda g: not g.metric_id)
        latest = {}
        for checkin in (
            self.env["perf.checkin"]
            .sudo()
            .search([("goal_id", "in", manual.ids)], order="date desc, id desc")
        ):
            latest.setdefault(checkin.goal_id.id, checkin.value)
        for goal in manual:
            if goal.id in latest and (
                goal.actual != latest[goal.id] or not goal.has_actual
            ):
                # A first check-in at 0 measures the goal too.
                goal._workflow().actual = latest[goal.id]

    def _perf_write_hint(self):
        return self.env._(
            "An owner edits a draft goal; once submitted or approved, ask a "
            "manager above you or HR to change it or to send it back to draft. "
            "Measures come from check-ins and live metrics."
        )

    def _check_cycle_open(self, cycles):
        closed = cycles.filtered(lambda c: c.state in CLOSED_CYCLE_STATES)
        if closed:
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” is %(state)s: its goals can no longer be "
                    "added or changed.",
                    cycle=closed[0].display_name,
                    state=selection_label(closed[0], "state").lower(),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        kept = self.filtered(lambda g: g.state not in ("draft", "cancelled"))
        if kept:
            raise UserError(
                self.env._(
                    "Goal “%(goal)s” has been submitted: cancel it instead of "
                    "deleting it, so that its history is kept.",
                    goal=kept[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _set_state(self, state, **extra):
        # Acting on a goal takes the right to change it (own drafts, the team's
        # goals, HR); the workflow then writes what the user may not.
        self.check_access("write")
        self._workflow().write(dict(extra, state=state))

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
        _ = self.env._
        top = goals.filtered(lambda g: g.goal_type != "key_result")
        weights = {str(goal.id): goal.weight for goal in top}
        try:
            weight_engine.check_weights_total(weights)
        except Exception:  # noqa: BLE001 - told in the user's words
            return _(
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
                        details.append(_("a goal without a perspective"))
                    else:
                        details.append(
                            _(
                                "%(perspective)s: %(total)s %% instead of "
                                "%(expected)s %%",
                                perspective=labels[problem.keys[0]],
                                total=problem.values[0],
                                expected=problem.values[1],
                            )
                        )
                return _(
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
                return _(
                    "Objective “%(goal)s” has no key result: add the "
                    "measurable results that grade it.",
                    goal=objective.display_name,
                )
            total = sum(key_results.mapped("weight"))
            if abs(total - 100) > 0.01:
                return _(
                    "The key results of “%(goal)s” add up to %(total)s %%; "
                    "they must add up to 100 %%.",
                    goal=objective.display_name,
                    total=round(total, 2),
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

    def action_submit(self):
        not_draft = self.filtered(lambda g: g.state != "draft")
        if not_draft:
            raise UserError(
                self.env._(
                    "Goal “%(goal)s” is already %(state)s.",
                    goal=not_draft[0].display_name,
                    state=selection_label(not_draft[0], "state").lower(),
                )
            )
        self._check_cycle_open(self.cycle_id)
        self._check_weights()
        # Submitting one goal submits the whole set, which was checked as a whole.
        goals = self
        for group in self._goal_sets().values():
            goals |= group.filtered(lambda g: g.state == "draft")
        goals = goals.with_env(self.env)
        goals._set_state("submitted")
        for goal in goals.filtered("employee_id"):
            manager_user = goal.employee_id.parent_id.user_id
            if manager_user:
                for_manager = in_lang_of(goal.sudo(), manager_user)
                for_manager.activity_schedule(
                    "odoo_perf_review.mail_activity_goal_approval",
                    user_id=manager_user.id,
                    note=escape(
                        for_manager.env._(
                            "Goals of %(employee)s to approve",
                            employee=goal.employee_id.name,
                        )
                    ),
                )
        return True

    def _check_can_approve(self):
        if self.env.su or self.env.user.has_group(
            "odoo_perf_review.group_perf_officer"
        ):
            return
        managed = self._managed_by_user()
        refused = self.filtered(lambda g: g.id not in managed)
        if refused:
            raise AccessError(
                self.env._(
                    "Only the manager of %(who)s or HR can approve goal “%(goal)s”.",
                    who=refused[0].employee_id.name
                    or refused[0].department_id.name
                    or refused[0].company_id.name,
                    goal=refused[0].display_name,
                )
            )

    def _approval_refusals(self):
        """Why goals of ``self`` cannot be approved now, as a list of
        ``(goals, reason, for_rights)``; empty when every one of them can.
        The same checks as :meth:`action_approve`, all of them at once."""
        _ = self.env._
        refusals = []
        wrong = self.filtered(lambda g: g.state not in ("draft", "submitted"))
        for goal in wrong:
            refusals.append(
                (
                    goal,
                    _(
                        "it is %(state)s, and only draft or submitted goals are "
                        "approved",
                        state=selection_label(goal, "state").lower(),
                    ),
                    False,
                )
            )
        rest = self - wrong
        if not (
            self.env.su
            or self.env.user.has_group("odoo_perf_review.group_perf_officer")
        ):
            managed = rest._managed_by_user()
            not_managed = rest.filtered(lambda g: g.id not in managed)
            for goal in not_managed:
                refusals.append(
                    (
                        goal,
                        _(
                            "only the manager of %(who)s or HR can approve it",
                            who=goal.employee_id.name
                            or goal.department_id.name
                            or goal.company_id.name,
                        ),
                        True,
                    )
                )
            rest -= not_managed
        closed = rest.filtered(lambda g: g.cycle_id.state in CLOSED_CYCLE_STATES)
        for goal in closed:
            refusals.append(
                (
                    goal,
                    _(
                        "cycle “%(cycle)s” is %(state)s",
                        cycle=goal.cycle_id.display_name,
                        state=selection_label(goal.cycle_id, "state").lower(),
                    ),
                    False,
                )
            )
        rest -= closed
        for _key, goals, message in rest._weight_problems():
            refusals.append((rest & goals, message, False))
        return refusals

    def _raise_approval_refusals(self, refusals):
        """One message naming every goal of the selection that cannot be
        approved, and why; nothing is approved."""
        _ = self.env._
        lines = []
        for goals, reason, _for_rights in refusals:
            names = ", ".join(
                f"“{goal.display_name}” ({goal.employee_id.name})"
                if goal.employee_id
                else f"“{goal.display_name}”"
                for goal in goals
            )
            lines.append(f"• {names}: {reason}")
        message = _(
            "None of the %(count)s selected goals was approved, because "
            "%(refused)s of them cannot be:\n%(lines)s\nLeave them out of the "
            "selection (the “To approve” filter shows only submitted goals) or "
            "fix them, then approve again.",
            count=len(self),
            refused=sum(len(goals) for goals, _reason, _rights in refusals),
            lines="\n".join(lines),
        )
        if any(for_rights for _goals, _reason, for_rights in refusals):
            raise AccessError(message)
        raise UserError(message)

    def _check_approvable(self):
        wrong = self.filtered(lambda g: g.state not in ("draft", "submitted"))
        if wrong:
            raise UserError(
                self.env._(
                    "Goal “%(goal)s” is %(state)s: only draft or submitted goals can "
                    "be approved.",
                    goal=wrong[0].display_name,
                    state=selection_label(wrong[0], "state").lower(),
                )
            )
        self._check_can_approve()
        self._check_cycle_open(self.cycle_id)
        self._check_weights()

    def action_approve(self):
        """Approve the goals of ``self``: all of them or none.

        When several goals are approved at once (the list's “Approve”) and
        some cannot be, none is approved and one message names each goal that
        cannot be, with the reason, so that nothing is half-done.
        """
        if len(self) > 1:
            # The same checks as below, every goal at once.
            refusals = self._approval_refusals()
            if refusals:
                self._raise_approval_refusals(refusals)
        else:
            self._check_approvable()
        self._set_state(
            "approved",
            approved_by_id=self.env.user.id,
            approved_date=fields.Datetime.now(),
        )
        self.activity_feedback(["odoo_perf_review.mail_activity_goal_approval"])
        return True

    def action_approve_selection(self):
        """The “Approve” of the goals list and of its Action menu: approves
        every selected goal, or none of them (see :meth:`action_approve`)."""
        if not self:
            raise UserError(self.env._("Select the goals to approve first."))
        self.action_approve()
        return client_notification(
            self.env._("Goals approved"),
            self.env._("Goals approved: %(count)s.", count=len(self)),
        )

    @api.model
    def action_approve_team_goals(self):
        """Approve, in one click, every submitted goal of the caller's team
        (everyone below them, at any depth) whose goal set adds up. The goal
        sets that do not are left submitted, and the notification says whose
        and why."""
        _ = self.env._
        user = self.env.user
        if not user.has_group("odoo_perf_review.group_perf_manager"):
            raise AccessError(
                _(
                    "Only managers approve the goals of their team: ask your "
                    "manager or HR to approve yours."
                )
            )
        team = self.env["hr.employee"]._perf_team_of(user)
        if not team:
            raise UserError(
                _(
                    "Nobody reports to you, so there is no team's goals to "
                    "approve. HR sets you as the manager of your team members "
                    "on their employee records."
                )
            )
        goals = self.search(
            [
                ("owner", "=", "employee"),
                ("employee_id", "in", team.ids),
                ("state", "=", "submitted"),
                ("cycle_id.state", "not in", CLOSED_CYCLE_STATES),
            ]
        )
        title = _("Team goals")
        if not goals:
            return client_notification(
                title,
                _("No goal of your team is waiting for your approval."),
                kind="info",
                reload=False,
            )
        problems = goals._weight_problems()
        blocked = self.browse(
            list({goal.id for _key, group, _why in problems for goal in group})
        )
        ready = goals - blocked
        if ready:
            ready.action_approve()
        message = _(
            "Goals approved: %(count)s (%(employees)s).",
            count=len(ready),
            employees=", ".join(sorted(set(ready.employee_id.mapped("name")))),
        )
        if not ready:
            message = _("No goal approved.")
        if problems:
            message = _(
                "%(approved)s Not approved, still submitted: %(reasons)s",
                approved=message,
                reasons=" ".join(why for _key, _group, why in problems),
            )
        return client_notification(
            title,
            message,
            kind="warning" if problems else "success",
            sticky=bool(problems),
        )

    def action_back_to_draft(self):
        """Recall a submission (owner) or reopen an approved goal (manager)."""
        for goal in self:
            if goal.state == "submitted":
                continue
            if goal.state == "approved":
                goal._check_can_approve()
                continue
            raise UserError(
                self.env._(
                    "Goal “%(goal)s” is %(state)s and cannot go back to draft.",
                    goal=goal.display_name,
                    state=selection_label(goal, "state").lower(),
                )
            )
        self._set_state("draft", approved_by_id=False, approved_date=False)
        self.activity_unlink(["odoo_perf_review.mail_activity_goal_approval"])
        return True

    def action_done(self):
        if self.filtered(lambda g: g.state != "approved"):
            raise UserError(self.env._("Only approved goals can be marked as done."))
        self._check_can_approve()
        self._set_state("done")
        return True

    def action_cancel(self):
        if self.filtered(lambda g: g.state in ("done", "cancelled")):
            raise UserError(self.env._("Done or cancelled goals stay as they are."))
        self.filtered(lambda g: g.state != "draft")._check_can_approve()
        self._set_state("cancelled")
        return True

    # ------------------------------------------------------------------
    # Live KPIs
    # ------------------------------------------------------------------
    def action_refresh_actuals(self):
        self._refresh_actuals()
        return True

    def _refresh_actuals(self):
        """Read the actual value of every goal with a live metric.

        One grouped query per (metric, cycle) and one UPDATE for all the goals,
        whatever their number: the ORM would split the write by 100 rows.
        """
        goals = self.sudo().filtered(
            lambda g: g.metric_id and g.state not in ("cancelled", "done")
        )
        if not goals:
            return 0
        values = {}
        by_key = goals.grouped(lambda goal: (goal.metric_id, goal.cycle_id))
        for (metric, cycle), group in by_key.items():
            values.update(metric._values_for_goals(cycle, group))
        self._write_measures(goals, values)
        return len(goals)

    def _write_measures(self, goals, values):
        """Store actuals and their results in one statement, then let the ORM
        update what depends on them (objectives, aligned parent goals).

        Goals whose value did not change only get their "measured on" date.
        A refresh measures the goal (``has_actual``, ``measured``), even at 0.
        """
        goals.flush_recordset()
        parent_ids = {
            parent.id
            for [parent] in self.sudo()._read_group(
                [("parent_id", "in", goals.ids), ("goal_type", "!=", "key_result")],
                ["parent_id"],
            )
        }
        rows, changed_ids, unchanged_ids = [], [], []
        for goal in goals:
            actual = values.get(goal.id) or 0.0
            if goal.actual == actual and goal.last_refresh and goal.has_actual:
                unchanged_ids.append(goal.id)
                continue
            attainment, grade, score = goal._measured_result(actual)
            measured = goal.goal_type != "objective" or goal.measured
            if goal.id in parent_ids:
                rollup, rollup_measured = goal.rollup_progress, goal.rollup_measured
            else:
                rollup, rollup_measured = attainment, measured
            changed_ids.append(goal.id)
            rows.append(
                SQL(
                    "(%s, %s::float8, %s::float8, %s::float8, %s::float8, "
                    "%s::float8, %s::bool, %s::bool)",
                    goal.id,
                    actual,
                    attainment,
                    grade,
                    score,
                    rollup,
                    measured,
                    rollup_measured,
                )
            )
        now = fields.Datetime.now()
        if rows:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE perf_goal AS goal
                       SET actual = v.actual, attainment = v.attainment,
                           grade = v.grade, score = v.score,
                           rollup_progress = v.rollup, has_actual = true,
                           measured = v.measured,
                           rollup_measured = v.rollup_measured,
                           last_refresh = %s, write_date = %s, write_uid = %s
                      FROM (VALUES %s) AS v(id, actual, attainment, grade, score,
                                            rollup, measured, rollup_measured)
                     WHERE goal.id = v.id
                    """,
                    now,
                    now,
                    self.env.uid,
                    SQL(", ").join(rows),
                )
            )
        if unchanged_ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE perf_goal SET last_refresh = %s WHERE id = ANY(%s)",
                    now,
                    unchanged_ids,
                )
            )
        goals.invalidate_recordset(
            [
                "actual",
                "attainment",
                "grade",
                "score",
                "rollup_progress",
                "has_actual",
                "measured",
                "rollup_measured",
                "last_refresh",
                "write_date",
                "write_uid",
            ]
        )
        changed = goals.browse(changed_ids)
        # Parents (objectives, aligned goals) recompute from their children.
        changed.modified(
            ["grade", "weight", "rollup_progress", "measured", "rollup_measured"]
        )
        changed.filtered(lambda g: g.id in parent_ids).modified(["attainment"])
        goals.env.flush_all()

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------
    @api.model
    def _cron_refresh_actuals(self):
        """Refresh every live KPI of the running cycles, one metric at a time.

        Each (metric, cycle) batch commits its progress, so a killed run resumes
        where it stopped; re-running only rewrites the same values. The least
        recently measured batches come first, so that a run cut short by its
        time limit is continued, not restarted, by the next one.
        """
        groups = self._read_group(
            [
                ("metric_id", "!=", False),
                ("cycle_id.state", "in", REFRESH_CYCLE_STATES),
                ("state", "not in", ("cancelled", "done")),
            ],
            ["metric_id", "cycle_id"],
            ["id:array_agg", "last_refresh:min"],
        )
        # A batch measured in this round (since the window began) is not due
        # again: otherwise a run cut short by its time limit always reports the
        # whole list as remaining and the scheduler re-runs the job forever.
        fresh_since = fields.Datetime.now() - REFRESH_FRESH_WINDOW
        groups = [
            (metric, cycle, goal_ids)
            for metric, cycle, goal_ids, oldest in sorted(
                groups, key=lambda group: (group[3] or datetime.min, group[0].id)
            )
            if not oldest or oldest < fresh_since
        ]
        in_cron = bool(self.env.context.get("cron_id"))
        cron = self.env["ir.cron"]
        refreshed = 0
        for index, (metric, cycle, goal_ids) in enumerate(groups):
            try:
                with self.env.cr.savepoint(), conflicts_expected():
                    refreshed += self.browse(goal_ids)._refresh_actuals()
            except Exception as error:  # noqa: BLE001
                if is_conflict(error):
                    # A user saved one of its goals meanwhile: the next run
                    # (each commit starts a new snapshot) refreshes it.
                    _logger.info(
                        "Live KPI %s skipped for cycle %s in this run: its goals "
                        "were written concurrently (%s)",
                        metric.id,
                        cycle.id,
                        type(error).__name__,
                    )
                else:
                    _logger.exception(
                        "Live KPI %s (id %s) could not be refreshed for cycle %s",
                        metric.display_name,
                        metric.id,
                        cycle.display_name,
                    )
            if in_cron and not cron._commit_progress(
                1, remaining=len(groups) - index - 1
            ):
                break  # out of time: the scheduler runs the job again
        return refreshed

    @api.model
    def _cron_checkin_reminders(self):
        """Remind owners of approved goals that had no check-in for a while.

        One activity per goal at most: an open reminder is not duplicated.
        """
        today = fields.Date.context_today(self)
        goals = self.search(
            [
                ("state", "=", "approved"),
                ("owner", "=", "employee"),
                ("metric_id", "=", False),
                # objectives are graded by their key results, which get the reminder
                ("goal_type", "!=", "objective"),
                ("cycle_id.state", "in", ("goal_setting", "in_progress")),
            ]
        )
        activity_type = self.env.ref("odoo_perf_review.mail_activity_goal_checkin")
        already = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", goals.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        due = goals.filtered(
            lambda goal: goal.id not in already and goal._checkin_reminder_due(today)
        )

        def remind(batch):
            vals_list = []
            # The summary in each owner's language (one translator per language).
            translators = {}
            for goal in batch:
                user = goal.employee_id.user_id or goal.employee_id.parent_id.user_id
                if not user:
                    continue
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": goal.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": today,
                        "summary": translators.setdefault(
                            user.lang, in_lang_of(self, user).env._
                        )("Check in on “%(goal)s”", goal=goal.name),
                        "automated": True,
                    }
                )
            self.env["mail.activity"].create(vals_list)

        return apply_in_batches(due, remind, what="Goal")

    def _checkin_reminder_due(self, today):
        self.ensure_one()
        days = self.company_id.perf_checkin_reminder_days
        last = (
            self.last_checkin_date
            or (self.approved_date and self.approved_date.date())
            or self.cycle_id.date_start
        )
        return bool(days) and (today - last).days >= days
