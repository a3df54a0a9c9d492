# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, models

from ..engine import schedule
from ..tools.labels import selection_label
from .perf_overview_team import ASKED_REVIEW_STATES, OPEN_CYCLE_STATES

# Cycles HR follows on the overview: started and not closed yet.
RUNNING_CYCLE_STATES = (*OPEN_CYCLE_STATES, "released")
# The best performers shown.
TOP_LIMIT = 5


class PerfOverviewHr(models.AbstractModel):
    """HR's row of the overview: the running cycle of the company, its reviews,
    ratings, best performers, goal attainment and bonuses. A mixin of
    ``perf.overview``."""

    _name = "perf.overview.hr"
    _description = "Performance Overview: HR"

    # ------------------------------------------------------------------
    # HR: the running cycle of the company
    # ------------------------------------------------------------------
    @api.model
    def _overview_hr(self, today, cycle_id=None):
        cycles = self.env["perf.cycle"].search(
            [
                ("company_id", "=", self.env.company.id),
                ("state", "in", RUNNING_CYCLE_STATES),
            ],
            order="date_start desc, id desc",
        )
        cycle = cycles.filtered(lambda c: c.id == cycle_id)[:1] or cycles[:1]
        return {
            "cycles": [
                self._item(c, state=c.state, state_label=selection_label(c, "state"))
                for c in cycles
            ],
            "cycle": self._hr_cycle(cycle, today) if cycle else False,
            "cycles_action": self._list_action(
                "perf.cycle",
                [("company_id", "=", self.env.company.id)],
                self.env._("Cycles"),
                views=("list", "kanban", "form"),
            ),
        }

    @api.model
    def _hr_cycle(self, cycle, today):
        Appraisal = self.env["perf.appraisal"]
        deadline_field = schedule.PHASE_END_FIELD.get(cycle.state)
        in_cycle = [("cycle_id", "=", cycle.id)]
        # Reviews
        review_domain = [*in_cycle, ("state", "in", ASKED_REVIEW_STATES)]
        reviews = dict(
            self.env["perf.review"]._read_group(review_domain, ["state"], ["__count"])
        )
        late_domain = [
            *in_cycle,
            ("state", "=", "requested"),
            ("deadline", "<", self._date(today)),
        ]
        late_reviews = self.env["perf.review"].search_count(late_domain)
        # Appraisals and the distribution of their final ratings
        appraisal_domain = [*in_cycle, ("state", "!=", "cancelled")]
        by_level = dict(
            Appraisal._read_group(appraisal_domain, ["final_level_id"], ["__count"])
        )
        total = sum(by_level.values())
        scored = total - by_level.get(Appraisal.env["perf.rating.level"], 0)
        levels = cycle.rating_scale_id.level_ids
        levels |= self.env["perf.rating.level"].union(*by_level)
        distribution = [
            {
                "id": level.id,
                "name": level.name,
                "code": level.code,
                "count": by_level.get(level, 0),
                "action": self._list_action(
                    "perf.appraisal",
                    [*appraisal_domain, ("final_level_id", "=", level.id)],
                    level.display_name,
                ),
            }
            for level in levels.sorted(
                lambda lv: (
                    lv.scale_id.id != cycle.rating_scale_id.id,
                    lv.scale_id.id,
                    lv.sequence,
                    lv.score_min,
                    lv.id,
                )
            )
        ]
        # Best performers among the released results
        released = [*in_cycle, ("state", "in", ("released", "acknowledged"))]
        # An unscored result is not a score of 0: it is not ranked at all.
        top = Appraisal.search(
            [*released, ("scored", "=", True)],
            order="final_score desc, id",
            limit=TOP_LIMIT,
        )
        # Goal attainment by department
        goal_domain = [
            *in_cycle,
            ("owner", "=", "employee"),
            ("goal_type", "!=", "key_result"),
            ("state", "in", ("approved", "done")),
        ]
        # The average attainment of the measured goals only: a goal not
        # measured yet has no attainment, not 0 % (one grouped query).
        by_department = {}
        for department, measured, attainment, count in self.env[
            "perf.goal"
        ]._read_group(
            goal_domain, ["department_id", "measured"], ["attainment:avg", "__count"]
        ):
            row = by_department.setdefault(
                department,
                {
                    "id": department.id or False,
                    "name": department.display_name or self.env._("No department"),
                    "attainment": 0.0,
                    "count": 0,
                    "measured": 0,
                    "action": self._list_action(
                        "perf.goal",
                        [*goal_domain, ("department_id", "=", department.id or False)],
                        department.display_name or self.env._("No department"),
                    ),
                },
            )
            row["count"] += count
            if measured:
                row["measured"] = count
                row["attainment"] = attainment or 0.0
        departments = list(by_department.values())
        departments.sort(
            key=lambda row: (not row["measured"], -row["attainment"], row["name"])
        )
        # Bonuses against the budget
        [[bonus_total]] = self.env["perf.bonus.line"]._read_group(
            in_cycle, [], ["amount:sum"]
        )
        [[budget]] = self.env["perf.bonus.pool"]._read_group(
            in_cycle, [], ["amount:sum"]
        )
        return self._item(
            cycle,
            state=cycle.state,
            state_label=selection_label(cycle, "state"),
            phases=[
                {"key": key, "label": label}
                for key, label in cycle._fields["state"]._description_selection(
                    self.env
                )
                if key in RUNNING_CYCLE_STATES
            ],
            date_start=self._date(cycle.date_start),
            date_end=self._date(cycle.date_end),
            deadline=self._date(cycle.current_deadline),
            deadline_label=deadline_field
            and cycle._fields[deadline_field].get_description(self.env)["string"],
            days_left=cycle.days_left if cycle.current_deadline else False,
            reviews={
                "submitted": reviews.get("submitted", 0),
                "total": sum(reviews.values()),
                "late": late_reviews,
                "action": self._list_action(
                    "perf.review",
                    review_domain,
                    self.env._("Reviews of %(cycle)s", cycle=cycle.display_name),
                    context={"search_default_groupby_state": 1},
                ),
                "late_action": self._list_action(
                    "perf.review", late_domain, self.env._("Late reviews")
                ),
            },
            appraisals={
                "scored": scored,
                "total": total,
                "action": self._list_action(
                    "perf.appraisal",
                    appraisal_domain,
                    self.env._("Appraisals of %(cycle)s", cycle=cycle.display_name),
                    views=("list", "form", "pivot"),
                ),
            },
            distribution=distribution,
            top=[
                self._item(
                    appraisal,
                    employee=appraisal.employee_id.display_name,
                    department=appraisal.department_id.display_name or "",
                    score=appraisal.final_score,
                    level=appraisal.final_level_id.display_name or "",
                )
                for appraisal in top
            ],
            top_action=self._list_action(
                "perf.appraisal", released, self.env._("Released results")
            ),
            departments=departments,
            goals_action=self._list_action(
                "perf.goal",
                goal_domain,
                self.env._("Goals of %(cycle)s", cycle=cycle.display_name),
                views=("list", "form", "pivot", "graph"),
            ),
            bonus={
                "total": bonus_total or 0.0,
                "budget": budget or 0.0,
                "has_policy": bool(cycle.bonus_policy_id),
                "action": self._list_action(
                    "perf.bonus.line",
                    in_cycle,
                    self.env._("Bonuses of %(cycle)s", cycle=cycle.display_name),
                ),
            },
        )
