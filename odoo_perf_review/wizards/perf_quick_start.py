# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import quick_start as advice
from ..engine import schedule
from . import perf_quick_start_catalog as catalog

_logger = logging.getLogger(__name__)

AREAS = [
    ("sales", "Sales"),
    ("quality", "Quality"),
    ("delivery", "Delivery"),
    ("satisfaction", "Customer satisfaction"),
    ("people", "Growth of people"),
]
METHODS = [
    ("kpi", "KPI"),
    ("okr", "OKR"),
    ("bsc", "Balanced scorecard"),
    ("mixed", "Mixed"),
]


class PerfQuickStart(models.TransientModel):
    """Sets up a company's first cycle in a few minutes: what to improve, the
    method that fits, goals per job position, the reviews that fit the teams,
    the period, the bonus policy and budget; one Launch creates it all."""

    _name = "perf.quick.start"
    _inherit = ["perf.quick.start.launch"]
    _description = "Performance Quick Start"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    focus_sales = fields.Boolean("Sales", default=True)
    focus_quality = fields.Boolean("Quality")
    focus_delivery = fields.Boolean("Delivery")
    focus_satisfaction = fields.Boolean("Customer satisfaction", default=True)
    focus_people = fields.Boolean("Growth of people")
    employee_count = fields.Integer(compute="_compute_company_facts")
    size = fields.Selection(
        [
            ("tiny", "Up to 15 people"),
            ("small", "16 to 50 people"),
            ("medium", "51 to 250 people"),
            ("large", "More than 250 people"),
        ],
        compute="_compute_size",
        store=True,
        readonly=False,
    )
    method = fields.Selection(
        METHODS, compute="_compute_method", store=True, readonly=False
    )
    recommended_method = fields.Selection(METHODS, compute="_compute_method_advice")
    method_advice = fields.Html(compute="_compute_method_advice", sanitize=False)
    frequency = fields.Selection(
        [
            ("monthly", "Monthly"),
            ("quarterly", "Quarterly"),
            ("semiannual", "Semi-annual"),
            ("annual", "Annual"),
        ],
        required=True,
        default="quarterly",
    )
    start = fields.Selection(
        [("next", "The next period"), ("current", "The current period")],
        string="First period",
        required=True,
        default="next",
    )
    date_start = fields.Date(compute="_compute_period", store=True, readonly=False)
    date_end = fields.Date(compute="_compute_period", store=True, readonly=False)
    period_name = fields.Char("Period", compute="_compute_period_name")
    use_peers = fields.Boolean(
        "Peer reviews", compute="_compute_review_mix", store=True, readonly=False
    )
    peers_anonymous = fields.Boolean(
        "Anonymous peers", compute="_compute_review_mix", store=True, readonly=False
    )
    review_note = fields.Text(compute="_compute_review_note")
    top_policy = fields.Selection(
        [
            ("exclude", "Not appraised in this cycle"),
            ("reviewed_by", "Reviewed by a named person"),
        ],
        string="The head of the company",
        required=True,
        default="exclude",
        help="Whoever has no manager: leave them out, or name who reviews them.",
    )
    top_reviewer_id = fields.Many2one(
        "hr.employee",
        string="Reviewed by",
        domain="[('company_id', '=', company_id)]",
    )
    line_ids = fields.One2many(
        "perf.quick.start.line",
        "wizard_id",
        string="Goals per job position",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    bonus_base_type = fields.Selection(
        [("fixed", "A fixed target amount"), ("wage", "Months of wage")],
        string="Bonus base",
        required=True,
        default="fixed",
    )
    bonus_target = fields.Monetary(
        "Target bonus per person",
        currency_field="currency_id",
        default=1000.0,
        help="What a person earns at 100 % (meets expectations).",
    )
    bonus_wage_months = fields.Float("Months of wage at target", default=1.0)
    bonus_budget = fields.Monetary(
        "Bonus budget",
        currency_field="currency_id",
        compute="_compute_bonus_budget",
        store=True,
        readonly=False,
        help="All bonuses of the cycle together: when they would exceed it, they "
        "are scaled down to fit it exactly.",
    )
    summary = fields.Html(compute="_compute_summary", sanitize=False)

    # ------------------------------------------------------------------
    # What the company looks like
    # ------------------------------------------------------------------
    def _employees(self):
        self.ensure_one()
        return (
            self.env["hr.employee"]
            .sudo()
            .search([("company_id", "=", self.company_id.id)])
        )

    def _areas(self):
        self.ensure_one()
        return [area for area, _label in AREAS if self[f"focus_{area}"]]

    @api.depends("company_id")
    def _compute_company_facts(self):
        for wizard in self:
            wizard.employee_count = len(wizard._employees())

    @api.depends("company_id")
    def _compute_size(self):
        for wizard in self:
            wizard.size = advice.size_band(len(wizard._employees()))

    @api.depends(*(f"focus_{area}" for area, _label in AREAS), "size")
    def _compute_method(self):
        for wizard in self:
            wizard.method = advice.recommend_method(wizard._areas(), wizard.size)

    @api.depends(*(f"focus_{area}" for area, _label in AREAS), "size", "method")
    def _compute_method_advice(self):
        texts = {
            "kpi": (
                self.env._("KPI: measured targets"),
                self.env._(
                    "Clear, counted results that everyone can follow week by week."
                ),
                self.env._(
                    "What is not counted gets neglected; targets set too low or high."
                ),
            ),
            "okr": (
                self.env._("OKR: objectives and key results"),
                self.env._(
                    "Ambitious objectives that change how work is done; 0.7 is good."
                ),
                self.env._(
                    "Needs honest grading; a poor fit for routine, counted work."
                ),
            ),
            "bsc": (
                self.env._("Balanced scorecard"),
                self.env._("Money, customers, processes and people weighed together."),
                self.env._(
                    "More to set up and explain; pays off from about 50 people."
                ),
            ),
            "mixed": (
                self.env._("Mixed: KPIs and an objective"),
                self.env._("Counted results plus one objective for how people grow."),
                self.env._("Two kinds of goals to explain; keep the objective small."),
            ),
        }
        for wizard in self:
            recommended = advice.recommend_method(wizard._areas(), wizard.size)
            wizard.recommended_method = recommended
            rows = Markup("").join(
                Markup(
                    "<div class='mb-2'><strong>%s</strong>%s<br/>"
                    "<span class='text-success'>+ %s</span><br/>"
                    "<span class='text-danger'>− %s</span></div>"
                )
                % (
                    title,
                    Markup(" <span class='badge text-bg-primary'>%s</span>")
                    % self.env._("Recommended")
                    if method == recommended
                    else "",
                    strength,
                    risk,
                )
                for method, (title, strength, risk) in texts.items()
            )
            wizard.method_advice = rows

    @api.depends("frequency", "start")
    def _compute_period(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            start, end = schedule.period_containing(today, wizard.frequency)
            if wizard.start == "next":
                start, end = schedule.next_period(start, end, wizard.frequency)
            wizard.date_start, wizard.date_end = start, end

    @api.depends("date_start", "date_end", "frequency")
    def _compute_period_name(self):
        for wizard in self:
            wizard.period_name = (
                schedule.period_label(
                    wizard.date_start, wizard.date_end, wizard.frequency
                )
                if wizard.date_start and wizard.date_end
                else False
            )

    def _median_team(self):
        employees = self._employees()
        return advice.median(
            advice.team_sizes({e.id: e.parent_id.id for e in employees})
        )

    @api.depends("size", "company_id")
    def _compute_review_mix(self):
        for wizard in self:
            mix = advice.review_mix(wizard.size, wizard._median_team())
            wizard.use_peers = bool(mix.peers)
            wizard.peers_anonymous = mix.peers_anonymous

    @api.depends("size", "company_id")
    def _compute_review_note(self):
        for wizard in self:
            mix = advice.review_mix(wizard.size, wizard._median_team())
            wizard.review_note = {
                "small_teams": self.env._(
                    "Self and manager reviews: in teams this small, peer reviews "
                    "could not stay anonymous and would mostly repeat the "
                    "manager's view. Tick peer reviews to add named ones."
                ),
                "named_peers": self.env._(
                    "Peer reviews are named: a group of fewer than 3 peers "
                    "cannot stay anonymous."
                ),
                "": self.env._(
                    "Self, manager and anonymous peer reviews: each team is large "
                    "enough for an anonymous group of 3."
                ),
            }[mix.note]

    @api.depends(*(f"focus_{area}" for area, _label in AREAS), "method", "frequency")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [fields.Command.clear()] + [
                fields.Command.create(vals) for vals in wizard._proposals()
            ]

    @api.depends("bonus_base_type", "bonus_target", "bonus_wage_months")
    def _compute_bonus_budget(self):
        for wizard in self:
            employees = wizard._employees()
            if wizard.bonus_base_type == "fixed":
                per_person = [wizard.bonus_target] * len(employees)
            else:
                per_person = [
                    (e.current_version_id.wage or 0.0) * wizard.bonus_wage_months
                    for e in employees
                ]
            wizard.bonus_budget = sum(per_person)

    @api.depends("line_ids", "date_start", "use_peers", "bonus_budget")
    def _compute_summary(self):
        for wizard in self:
            items = [
                self.env._(
                    "A %(frequency)s cycle %(period)s, started at once.",
                    frequency=dict(
                        self._fields["frequency"]._description_selection(self.env)
                    )[wizard.frequency].lower(),
                    period=wizard.period_name or "",
                ),
                self.env._(
                    "%(count)s goals, approved, for the %(people)s people of "
                    "the company.",
                    count=sum(wizard.line_ids.mapped("employee_count")),
                    people=wizard.employee_count,
                ),
                self.env._("An appraisal for each person with the reviews chosen."),
                self.env._(
                    "A bonus policy and a budget of %(budget)s %(currency)s.",
                    budget=f"{wizard.bonus_budget:,.0f}",
                    currency=wizard.currency_id.name or "",
                ),
            ]
            wizard.summary = Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % item for item in items
            )

    # ------------------------------------------------------------------
    # Goals proposed per job position
    # ------------------------------------------------------------------
    def _proposals(self):
        """A goal per area for each job position of the company (and one set
        for the people without a position)."""
        self.ensure_one()
        months = schedule.FREQUENCY_MONTHS[self.frequency or "quarterly"]
        manual = catalog.manual_goals(self.env)
        by_job = defaultdict(int)
        for employee in self._employees():
            by_job[employee.job_id.id] += 1
        proposals = []
        for job_id, count in sorted(by_job.items(), key=lambda item: item[0] or 0):
            for area in self._areas():
                source = catalog.live_source(self.env, area)
                spec = manual[area]
                monthly = source["monthly_target"] if source else spec["monthly_target"]
                target = monthly * months if monthly else spec.get("target", 0.0)
                objective = area == "people" and self.method in ("okr", "mixed")
                proposals.append(
                    {
                        "job_id": job_id or False,
                        "employee_count": count,
                        "area": area,
                        "name": catalog.live_goal_name(self.env, source)
                        if source
                        else spec["name"],
                        "goal_type": "objective" if objective else "kpi",
                        "unit": catalog.live_unit(self.env, source)
                        if source
                        else spec["unit"],
                        "direction": spec["direction"] if not source else "higher",
                        "baseline": 0.0 if source else spec.get("baseline", 0.0),
                        "target": target,
                        "source_key": source["key"] if source else False,
                    }
                )
        return proposals

    # ------------------------------------------------------------------
    # Launch
    # ------------------------------------------------------------------
    def _check_input(self):
        """Everything is checked before anything is created."""
        self.ensure_one()
        employees = self._employees()
        if not employees:
            raise UserError(
                self.env._(
                    "%(company)s has no employees yet: add them in Employees first, "
                    "with their manager, then come back.",
                    company=self.company_id.name,
                )
            )
        if not employees.filtered("parent_id"):
            raise UserError(
                self.env._(
                    "Nobody in %(company)s has a manager: reviews and approvals "
                    "follow the hierarchy. Set each employee's manager "
                    "(Employees → Work Information → Manager) first.",
                    company=self.company_id.name,
                )
            )
        if not self._areas():
            raise UserError(self.env._("Tick at least one thing you want to improve."))
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "Keep at least one goal: each person needs something to aim at."
                )
            )
        if self.bonus_budget <= 0:
            raise ValidationError(
                self.env._(
                    "The bonus budget is %(budget)s: give a budget above zero "
                    "(all bonuses of the cycle together).",
                    budget=self.bonus_budget,
                )
            )
        if self.bonus_base_type == "fixed" and self.bonus_target <= 0:
            raise ValidationError(
                self.env._("The target bonus per person must be above zero.")
            )
        if self.date_end < fields.Date.context_today(self):
            raise ValidationError(
                self.env._(
                    "The period %(period)s is already over: choose the current or "
                    "the next period.",
                    period=self.period_name,
                )
            )
        if self.top_policy == "reviewed_by" and not self.top_reviewer_id:
            raise UserError(
                self.env._(
                    "Name who reviews the head of the company, or leave them out."
                )
            )
        for job, lines in self.line_ids.grouped("job_id").items():
            bad = lines.filtered(lambda line: line.target <= 0)
            if bad:
                raise ValidationError(
                    self.env._(
                        "Goal “%(goal)s” (%(job)s) has no target: give the "
                        "result that would meet expectations.",
                        goal=bad[0].name,
                        job=job.name or self.env._("no job position"),
                    )
                )

    def action_launch(self):
        """Create (or find) everything, start the cycle and tell people.
        Running it again finds what it created and adds only what is missing."""
        self.ensure_one()
        self.env["perf.cycle"].check_access("create")
        self._check_input()
        template = self._find_template()
        policy = self._find_bonus_policy()
        cycle, is_new = self._find_cycle(template, policy)
        self._find_pool(cycle)
        if cycle.state == "draft":
            cycle._set_phase("goal_setting")
        employees = self._employees()
        self._assign_goals(cycle, employees)
        top = employees.filtered(lambda e: not e.parent_id)
        appraised = employees - top if self.top_policy == "exclude" else employees
        cycle._launch_appraisals(
            appraised,
            template,
            propose_peers=self.use_peers,
            top_policy=self.top_policy,
            top_reviewer=self.top_reviewer_id,
        )
        if is_new:
            self._notify(cycle, employees)
        return {
            "type": "ir.actions.act_window",
            "res_model": "perf.cycle",
            "res_id": cycle.id,
            "view_mode": "form",
            "target": "current",
        }
