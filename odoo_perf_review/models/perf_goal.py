# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine.write_rules import rule
from ..tools.labels import selection_label
from .perf_goal_approval import CLOSED_CYCLE_STATES

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


class PerfGoal(models.Model):
    _name = "perf.goal"
    _description = "Goal"
    # Its concerns, one file each: results and OKR grading, alignment and
    # roll-up, the approval workflow, check-ins; live measures are read by
    # perf.metric (perf_metric_measure.py).
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "perf.workflow.guard",
        "perf.goal.okr.mixin",
        "perf.goal.alignment.mixin",
        "perf.goal.approval.mixin",
        "perf.goal.checkin.mixin",
    ]

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

    # Follow-up
    checkin_ids = fields.One2many("perf.checkin", "goal_id", string="Check-ins")
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

    @api.depends_context("uid")
    @api.depends("employee_id", "state", "owner")
    def _compute_permissions(self):
        managed = self._managed_by_user()
        officer = self.env.user.has_group("odoo_perf_review.group_perf_officer")
        for goal in self:
            goal.can_approve = officer or goal.id in managed
            goal.can_edit_targets = goal.can_approve or goal.state == "draft"

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

    @api.constrains("owner", "employee_id", "department_id")
    def _check_owner(self):
        for goal in self:
            if goal.owner == "employee" and not goal.employee_id:
                raise ValidationError(
                    self.env._(
                        "Goal “%(goal)s” belongs to an employee: choose the employee.",
                        goal=goal.display_name,
                    )
                )
            if goal.owner == "department" and not goal.department_id:
                raise ValidationError(
                    self.env._(
                        "Goal “%(goal)s” belongs to a department: choose the "
                        "department.",
                        goal=goal.display_name,
                    )
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
            # (check-ins, the live refresh).
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

    def action_refresh_actuals(self):
        self._refresh_actuals()
        return True

    def _refresh_actuals(self):
        """Measure the goals of ``self`` that have a live metric (see
        ``perf.metric._refresh_goals``); returns how many were measured."""
        return self.env["perf.metric"]._refresh_goals(self)

    @api.model
    def _cron_refresh_actuals(self):
        """The scheduled live-KPI refresh (see
        ``perf.metric._cron_refresh_goals``)."""
        return self.env["perf.metric"]._cron_refresh_goals()
