# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import ValidationError

from ..engine import quick_start as advice
from ..engine import schedule
from ..tools.recipients import partners_by_lang
from . import perf_quick_start_catalog as catalog

_logger = logging.getLogger(__name__)

# Goals against competencies in the final score, by method.
PART_WEIGHTS = {"kpi": (70, 30), "okr": (60, 40), "bsc": (60, 40), "mixed": (60, 40)}
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


class PerfQuickStartLaunch(models.AbstractModel):
    """What the quick start's Launch creates, each piece found again when it
    exists already, so that launching twice creates nothing twice."""

    _name = "perf.quick.start.launch"
    _description = "Performance Quick Start: what Launch creates"

    def _find_template(self):
        mix_name = (
            self.env._("self + manager + peers")
            if self.use_peers
            else self.env._("self + manager")
        )
        method = dict(self._fields["method"]._description_selection(self.env))[
            self.method
        ]
        name = self.env._("%(method)s, %(mix)s", method=method, mix=mix_name)
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
                    (
                        self.env._("Training days completed"),
                        self.env._("days"),
                        max(months / 2, 1),
                    ),
                    (
                        self.env._("New skills applied in real work"),
                        self.env._("skills"),
                        1,
                    ),
                )
            ]
        )

    def _notify(self, cycle, employees):
        """Tell the employees, one message per language among them."""
        partners = employees.user_id.partner_id
        for lang, group in partners_by_lang(partners).items() or [(False, partners)]:
            in_lang = cycle.with_context(lang=lang) if lang else cycle
            in_lang.message_post(
                body=in_lang.env._(
                    "The %(cycle)s performance cycle has started. Your goals are "
                    "set: check in on them as you go. Reviews open on %(review)s.",
                    cycle=cycle.name,
                    review=cycle.review_start_date,
                ),
                partner_ids=group.ids,
                subtype_xmlid="mail.mt_comment",
            )
