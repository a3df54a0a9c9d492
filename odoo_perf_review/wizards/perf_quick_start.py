# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict
from datetime import timedelta

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
# Goals against competencies in the final score, by method.
PART_WEIGHTS = {"kpi": (70, 30), "okr": (60, 40), "bsc": (60, 40), "mixed": (60, 40)}
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


class PerfQuickStart(models.TransientModel):
    """Sets up a company's first cycle in a few minutes: what to improve, the
    method that fits, goals per job position, the reviews that fit the teams,
    the period, the bonus policy and budget; one Launch creates it all."""

    _name = "perf.quick.start"
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
        _ = self.env._
        texts = {
            "kpi": (
                _("KPI: measured targets"),
                _("Clear, counted results that everyone can follow week by week."),
                _("What is not counted gets neglected; targets set too low or high."),
            ),
            "okr": (
                _("OKR: objectives and key results"),
                _("Ambitious objectives that change how work is done; 0.7 is good."),
                _("Needs honest grading; a poor fit for routine, counted work."),
            ),
            "bsc": (
                _("Balanced scorecard"),
                _("Money, customers, processes and people weighed together."),
                _("More to set up and explain; pays off from about 50 people."),
            ),
            "mixed": (
                _("Mixed: KPIs and an objective"),
                _("Counted results plus one objective for how people grow."),
                _("Two kinds of goals to explain; keep the objective small."),
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
                    % _("Recommended")
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
        _ = self.env._
        for wizard in self:
            mix = advice.review_mix(wizard.size, wizard._median_team())
            wizard.review_note = {
                "small_teams": _(
                    "Self and manager reviews: in teams this small, peer reviews "
                    "could not stay anonymous and would mostly repeat the "
                    "manager's view. Tick peer reviews to add named ones."
                ),
                "named_peers": _(
                    "Peer reviews are named: a group of fewer than 3 peers "
                    "cannot stay anonymous."
                ),
                "": _(
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
        _ = self.env._
        for wizard in self:
            items = [
                _(
                    "A %(frequency)s cycle %(period)s, started at once.",
                    frequency=dict(
                        self._fields["frequency"]._description_selection(self.env)
                    )[wizard.frequency].lower(),
                    period=wizard.period_name or "",
                ),
                _(
                    "%(count)s goals, approved, for the %(people)s people of "
                    "the company.",
                    count=sum(wizard.line_ids.mapped("employee_count")),
                    people=wizard.employee_count,
                ),
                _("An appraisal for each person with the reviews chosen."),
                _(
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
        _ = self.env._
        employees = self._employees()
        if not employees:
            raise UserError(
                _(
                    "%(company)s has no employees yet: add them in Employees first, "
                    "with their manager, then come back.",
                    company=self.company_id.name,
                )
            )
        if not employees.filtered("parent_id"):
            raise UserError(
                _(
                    "Nobody in %(company)s has a manager: reviews and approvals "
                    "follow the hierarchy. Set each employee's manager "
                    "(Employees → Work Information → Manager) first.",
                    company=self.company_id.name,
                )
            )
        if not self._areas():
            raise UserError(_("Tick at least one thing you want to improve."))
        if not self.line_ids:
            raise UserError(
                _("Keep at least one goal: each person needs something to aim at.")
            )
        if self.bonus_budget <= 0:
            raise ValidationError(
                _(
                    "The bonus budget is %(budget)s: give a budget above zero "
                    "(all bonuses of the cycle together).",
                    budget=self.bonus_budget,
                )
            )
        if self.bonus_base_type == "fixed" and self.bonus_target <= 0:
            raise ValidationError(_("The target bonus per person must be above zero."))
        if self.date_end < fields.Date.context_today(self):
            raise ValidationError(
                _(
                    "The period %(period)s is already over: choose the current or "
                    "the next period.",
                    period=self.period_name,
                )
            )
        if self.top_policy == "reviewed_by" and not self.top_reviewer_id:
            raise UserError(
                _("Name who reviews the head of the company, or leave them out.")
            )
        for job, lines in self.line_ids.grouped("job_id").items():
            bad = lines.filtered(lambda line: line.target <= 0)
            if bad:
                raise ValidationError(
                    _(
                        "Goal “%(goal)s” (%(job)s) has no target: give the "
                        "result that would meet expectations.",
                        goal=bad[0].name,
                        job=job.name or _("no job position"),
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

    def _find_template(self):
        _ = self.env._
        mix_name = (
            _("self + manager + peers") if self.use_peers else _("self + manager")
        )
        method = dict(self._fields["method"]._description_selection(self.env))[
            self.method
        ]
        name = _("%(method)s, %(mix)s", method=method, mix=mix_name)
        # Configuration an HR officer may not create by hand: the quick start
        # creates it for the company (the wizard is for officers only).
        Template = self.env["perf.template"].sudo()
        template = Template.search(
            [("company_id", "=", self.company_id.id), ("name", "=", name)], limit=1
        )
        if template:
            return template.with_env(self.env)
        goals, competencies = PART_WEIGHTS[self.method]
        perspectives = self._perspective_weights()
        peers = advice.review_mix(self.size, self._median_team()).peers
        template = Template.create(
            {
                "name": name,
                "company_id": self.company_id.id,
                "method": self.method,
                "goal_weight": goals,
                "competency_weight": competencies,
                "self_weight": 10 if self.use_peers else 20,
                "manager_weight": 60 if self.use_peers else 80,
                "peer_weight": 30 if self.use_peers else 0,
                "customer_weight": 0,
                "peer_min": min(peers, 1) if self.use_peers else 0,
                "peer_max": max(peers, 1) if self.use_peers else 0,
                "peers_anonymous": self.peers_anonymous,
                **{
                    f"bsc_{key}_weight": perspectives.get(key, 0)
                    for key in ("financial", "customer", "internal", "learning")
                },
                "criterion_ids": [
                    fields.Command.set(
                        self.env["perf.criterion"]
                        .search(
                            [
                                ("company_id", "in", (False, self.company_id.id)),
                                ("for_managers_only", "=", False),
                            ],
                            limit=5,
                        )
                        .ids
                    )
                ],
            }
        )
        return template.with_env(self.env)

    def _perspective_weights(self):
        """Balanced scorecard: each area's perspective weighs its share."""
        if self.method != "bsc":
            return {}
        weights = defaultdict(int)
        areas = self._areas()
        for area, weight in zip(areas, advice.split_weights(len(areas)), strict=True):
            weights[catalog.PERSPECTIVE_OF[area]] += weight
        return dict(weights)

    def _find_bonus_policy(self):
        Policy = self.env["perf.bonus.policy"].sudo()
        name = self.env._("Quick start bonus")
        policy = Policy.search(
            [("company_id", "=", self.company_id.id), ("name", "=", name)], limit=1
        )
        vals = {
            "base_type": self.bonus_base_type,
            "base_amount": self.bonus_target,
            "wage_months": self.bonus_wage_months,
        }
        if policy:
            policy.write(vals)
            return policy.with_env(self.env)
        policy = Policy.create(
            dict(
                vals,
                name=name,
                company_id=self.company_id.id,
                rating_scale_id=self.env.ref("odoo_perf_review.rating_scale_five").id,
            )
        )
        policy._fill_default_multipliers()
        return policy.with_env(self.env)

    def _find_cycle(self, template, policy):
        Cycle = self.env["perf.cycle"]
        cycle = Cycle.search(
            [
                ("company_id", "=", self.company_id.id),
                ("frequency", "=", self.frequency),
                ("date_start", "=", self.date_start),
                ("date_end", "=", self.date_end),
                ("state", "!=", "closed"),
            ],
            limit=1,
        )
        if cycle:
            return cycle, False
        vals = {
            "company_id": self.company_id.id,
            "frequency": self.frequency,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "template_id": template.id,
            "bonus_policy_id": policy.id,
            "user_id": self.env.user.id,
        }
        deadlines = schedule.default_deadlines(
            self.date_start, self.date_end, self.frequency
        )
        today = fields.Date.context_today(self)
        # A current period started already: goal setting gets at least a week.
        if deadlines["goal_deadline"] < today + timedelta(days=7):
            deadlines["goal_deadline"] = min(
                today + timedelta(days=7), deadlines["review_start_date"]
            )
        vals.update(deadlines)
        return Cycle.create(vals), True

    def _find_pool(self, cycle):
        Pool = self.env["perf.bonus.pool"]
        pool = Pool.search(
            [("cycle_id", "=", cycle.id), ("department_id", "=", False)], limit=1
        )
        if pool:
            pool.amount = self.bonus_budget
            return pool
        return Pool.create({"cycle_id": cycle.id, "amount": self.bonus_budget})

    def _metric_for(self, source_key):
        """The live metric of a proposal, created once per company."""
        source = next(
            source
            for sources in catalog.LIVE_SOURCES.values()
            for source in sources
            if source["key"] == source_key
        )
        Metric = self.env["perf.metric"].sudo()
        name = catalog.live_goal_name(self.env, source)
        metric = Metric.search(
            [("company_id", "=", self.company_id.id), ("name", "=", name)], limit=1
        )
        if metric:
            return metric.with_env(self.env)
        Fields = self.env["ir.model.fields"]
        model = source["model"]
        vals = {
            "name": name,
            "company_id": self.company_id.id,
            "model_id": self.env["ir.model"]._get_id(model),
            "domain": source["domain"],
            "aggregation": source["aggregation"],
            "employee_path": source["path"],
            "date_field_id": Fields._get(model, source["date"]).id,
            "unit": catalog.live_unit(self.env, source),
        }
        if source["field"]:
            vals["measured_field_id"] = Fields._get(model, source["field"]).id
        try:
            with self.env.cr.savepoint():
                return Metric.create(vals).with_env(self.env)
        except ValidationError as error:
            # An app's fields moved: the goal is then entered by check-ins.
            _logger.info("Quick start: no live metric %s (%s)", source_key, error)
            return self.env["perf.metric"]

    def _assign_goals(self, cycle, employees):
        """Each person gets the goals of their job position, weighted to add up
        to 100 % (per perspective for a balanced scorecard), then approved."""
        Goal = self.env["perf.goal"].with_context(**QUIET)
        existing = Goal.search(
            [
                ("cycle_id", "=", cycle.id),
                ("employee_id", "in", employees.ids),
                ("goal_type", "!=", "key_result"),
                ("state", "!=", "cancelled"),
            ]
        )
        have = {(goal.employee_id.id, goal.name) for goal in existing}
        perspectives = self._perspective_weights()
        metrics = {}
        vals_list = []
        lines_by_job = self.line_ids.grouped("job_id")
        for employee in employees:
            lines = lines_by_job.get(employee.job_id) or lines_by_job.get(
                self.env["hr.job"]
            )
            if not lines:
                continue
            weights = self._line_weights(lines, perspectives)
            for line in lines:
                if (employee.id, line.name) in have:
                    continue
                metric = self.env["perf.metric"]
                if line.source_key:
                    if line.source_key not in metrics:
                        metrics[line.source_key] = self._metric_for(line.source_key)
                    metric = metrics[line.source_key]
                vals_list.append(
                    {
                        "name": line.name,
                        "owner": "employee",
                        "employee_id": employee.id,
                        "cycle_id": cycle.id,
                        "goal_type": line.goal_type,
                        "bsc_perspective": catalog.PERSPECTIVE_OF[line.area],
                        "weight": weights[line.id],
                        "unit": line.unit,
                        "direction": line.direction,
                        "baseline": line.baseline,
                        "target": line.target if line.goal_type == "kpi" else 0.0,
                        "metric_id": metric.id,
                        "visibility": "private",
                    }
                )
        goals = Goal.create(vals_list)
        self._add_key_results(goals.filtered(lambda g: g.goal_type == "objective"))
        to_approve = (existing | goals).filtered(
            lambda g: g.state in ("draft", "submitted")
        )
        if to_approve:
            to_approve.action_approve()
            to_approve._refresh_actuals()
        return goals

    def _line_weights(self, lines, perspectives):
        """{line id: weight}: equal shares of 100 %, or of each perspective's
        weight for a balanced scorecard."""
        groups = (
            lines.grouped(lambda line: catalog.PERSPECTIVE_OF[line.area])
            if perspectives
            else {None: lines}
        )
        weights = {}
        for perspective, group in groups.items():
            total = perspectives.get(perspective, 0) if perspectives else 100
            for line, weight in zip(
                group, advice.split_weights(len(group), total), strict=True
            ):
                weights[line.id] = weight
        return weights

    def _add_key_results(self, objectives):
        """Two key results under each objective, half the weight each."""
        _ = self.env._
        months = schedule.FREQUENCY_MONTHS[self.frequency]
        self.env["perf.goal"].with_context(**QUIET).create(
            [
                {
                    "name": name,
                    "owner": "employee",
                    "employee_id": objective.employee_id.id,
                    "cycle_id": objective.cycle_id.id,
                    "parent_id": objective.id,
                    "goal_type": "key_result",
                    "weight": 50,
                    "unit": unit,
                    "target": target,
                    "visibility": objective.visibility,
                }
                for objective in objectives
                for name, unit, target in (
                    (_("Training days completed"), _("days"), max(months / 2, 1)),
                    (_("New skills applied in real work"), _("skills"), 1),
                )
            ]
        )

    def _notify(self, cycle, employees):
        partners = employees.user_id.partner_id
        cycle.message_post(
            body=self.env._(
                "The %(cycle)s performance cycle has started. Your goals are set: "
                "check in on them as you go. Reviews open on %(review)s.",
                cycle=cycle.name,
                review=cycle.review_start_date,
            ),
            partner_ids=partners.ids,
            subtype_xmlid="mail.mt_comment",
        )


class PerfQuickStartLine(models.TransientModel):
    """One goal proposed for one job position."""

    _name = "perf.quick.start.line"
    _description = "Quick Start Goal"
    _order = "job_id, sequence, id"

    wizard_id = fields.Many2one("perf.quick.start", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    job_id = fields.Many2one("hr.job", string="Job position")
    job_label = fields.Char("Position", compute="_compute_job_label")
    employee_count = fields.Integer("People")
    area = fields.Selection(AREAS, required=True)
    name = fields.Char("Goal", required=True)
    goal_type = fields.Selection(
        [("kpi", "KPI"), ("objective", "Objective")], required=True, default="kpi"
    )
    unit = fields.Char()
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    baseline = fields.Float()
    target = fields.Float()
    source_key = fields.Char()
    source = fields.Char("Measured by", compute="_compute_source")

    @api.depends("job_id")
    def _compute_job_label(self):
        for line in self:
            line.job_label = line.job_id.name or self.env._("No job position")

    @api.depends("source_key")
    def _compute_source(self):
        models = {
            source["key"]: source["model"]
            for sources in catalog.LIVE_SOURCES.values()
            for source in sources
        }
        for line in self:
            model = models.get(line.source_key)
            line.source = (
                self.env._(
                    "Live: %(records)s",
                    records=self.env["ir.model"]._get(model).name,
                )
                if model
                else self.env._("Check-ins")
            )
