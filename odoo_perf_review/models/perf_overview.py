# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models

from ..engine import schedule
from ..tools.labels import selection_label

# Cycles whose goals and reviews a manager follows.
OPEN_CYCLE_STATES = ("goal_setting", "in_progress", "review", "calibration")
# Cycles HR follows on the overview: started and not closed yet.
RUNNING_CYCLE_STATES = (*OPEN_CYCLE_STATES, "released")
# Reviews that were asked for: open, answered or left unanswered.
ASKED_REVIEW_STATES = ("requested", "submitted", "expired")
# How far back the team's check-ins are counted.
TEAM_CHECKIN_DAYS = 14
# Rows of a short list on a card; the card's action opens them all.
LIST_LIMIT = 5
LATE_LIMIT = 8
TOP_LIMIT = 5
QUICK_START_ACTION = "odoo_perf_review.perf_quick_start_action"


class PerfOverview(models.AbstractModel):
    """What the Performance app opens on, for the user who opens it.

    Everything is read with the user's own rights: the record rules decide
    what each role counts. Figures are batched (``search_count`` and
    ``_read_group``), so the cost does not grow with the population. Anonymous
    reviews are never counted per reviewer, nor for a reviewee's manager.
    """

    _name = "perf.overview"
    _description = "Performance Overview"

    @api.model
    def get_overview(self, cycle_id=None):
        """The overview of the current user, as JSON-able values.

        :param cycle_id: the running cycle HR looks at (default: the latest)
        """
        user = self.env.user
        officer = user.has_group("odoo_perf_review.group_perf_officer")
        manager = user.has_group("odoo_perf_review.group_perf_manager")
        today = fields.Date.context_today(self)
        me = self._overview_me(today)
        team = self._overview_team(today) if manager else None
        if team is not None and not team["size"] and officer:
            team = None  # HR without a team of their own: the HR row says it all
        hr = self._overview_hr(today, cycle_id) if officer else None
        return {
            "user": {"id": user.id, "name": user.name},
            "roles": {"manager": manager, "officer": officer},
            "today": fields.Date.to_string(today),
            "currency_id": self.env.company.currency_id.id,
            "me": me,
            "team": team,
            "hr": hr,
            "empty": self._overview_empty(me, officer),
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _item(self, record, name=None, **extra):
        """What the client needs to open ``record``."""
        return {
            "model": record._name,
            "id": record.id,
            "name": name or record.display_name,
            **extra,
        }

    @api.model
    def _list_action(self, model, domain, name, context=None, views=("list", "form")):
        # The name comes last: Odoo's term extractor would take a tuple that
        # follows a translated name in the same call for a term.
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "domain": domain,
            "views": [[False, view] for view in views],
            "context": context or {},
            "target": "current",
        }

    @staticmethod
    def _date(value):
        return fields.Date.to_string(value) if value else False

    # ------------------------------------------------------------------
    # Me: what to do now
    # ------------------------------------------------------------------
    @api.model
    def _overview_me(self, today):
        uid = self.env.uid
        has_employee = bool(self.env.user.employee_ids)
        reviews = self._me_reviews(today)
        goals = (
            self._me_goals_to_set()
            if has_employee
            else {"count": 0, "items": [], "action": False}
        )
        checkins = (
            self._me_checkins(today)
            if has_employee
            else {"count": 0, "items": [], "action": False}
        )
        Appraisal = self.env["perf.appraisal"]
        results_domain = [("employee_id.user_id", "=", uid), ("state", "=", "released")]
        results = Appraisal.search(results_domain, order="released_date desc, id desc")
        return {
            "has_employee": has_employee,
            "reviews": reviews,
            "goals": goals,
            "checkins": checkins,
            "results": {
                "count": len(results),
                "items": [
                    self._item(
                        appraisal,
                        cycle=appraisal.cycle_id.display_name,
                        released=self._date(
                            appraisal.released_date and appraisal.released_date.date()
                        ),
                    )
                    for appraisal in results[:LIST_LIMIT]
                ],
                "action": self._list_action(
                    "perf.appraisal", results_domain, self.env._("Results to sign off")
                ),
            },
            "todo": reviews["count"]
            + goals["count"]
            + checkins["count"]
            + len(results),
        }

    @api.model
    def _me_reviews(self, today):
        Review = self.env["perf.review"]
        domain = [("reviewer_user_id", "=", self.env.uid), ("state", "=", "requested")]
        # One's own reviews to write are a handful: one query reads them all.
        reviews = Review.search(domain, order="deadline, id")
        late = reviews.filtered(lambda r: r.deadline and r.deadline < today)
        return {
            "count": len(reviews),
            "late": len(late),
            "items": [
                self._item(
                    review,
                    reviewee=review.reviewee_id.display_name,
                    rater_type=review.rater_type,
                    deadline=self._date(review.deadline),
                    late=bool(review.deadline and review.deadline < today),
                )
                for review in reviews[:LIST_LIMIT]
            ],
            "action": self._list_action(
                "perf.review", domain, self.env._("Reviews to write")
            ),
        }

    @api.model
    def _me_goals_to_set(self):
        """My draft goals in goal-setting cycles, and the goal-setting cycles
        where I have no goal yet."""
        uid = self.env.uid
        Goal = self.env["perf.goal"]
        mine = [
            ("owner", "=", "employee"),
            ("employee_id.user_id", "=", uid),
            ("goal_type", "!=", "key_result"),
        ]
        cycles = self.env["perf.cycle"].search(
            [("state", "=", "goal_setting")], order="date_start desc, id desc"
        )
        groups = Goal._read_group(
            [*mine, ("cycle_id", "in", cycles.ids), ("state", "!=", "cancelled")],
            ["cycle_id", "state"],
            ["__count"],
        )
        with_goals = {cycle for cycle, _state, _count in groups}
        missing = cycles.filtered(lambda cycle: cycle not in with_goals)
        draft_domain = [*mine, ("state", "=", "draft"), ("cycle_id", "in", cycles.ids)]
        draft_count = sum(count for _cycle, state, count in groups if state == "draft")
        drafts = Goal.search(draft_domain, limit=LIST_LIMIT) if draft_count else Goal
        items = [
            self._item(
                cycle,
                label=self.env._(
                    "Set your goals for %(cycle)s", cycle=cycle.display_name
                ),
                deadline=self._date(cycle.goal_deadline),
                action=self._list_action(
                    "perf.goal",
                    [*mine, ("cycle_id", "=", cycle.id)],
                    self.env._("My goals"),
                    context={
                        "default_owner": "employee",
                        "default_cycle_id": cycle.id,
                    },
                ),
            )
            for cycle in missing[:LIST_LIMIT]
        ] + [
            self._item(
                goal,
                cycle=goal.cycle_id.display_name,
                deadline=self._date(goal.cycle_id.goal_deadline),
            )
            for goal in drafts
        ]
        return {
            "count": draft_count + len(missing),
            "drafts": draft_count,
            "items": items[:LIST_LIMIT],
            "action": self._list_action(
                "perf.goal",
                [
                    *mine,
                    ("state", "=", "draft"),
                    ("cycle_id.state", "=", "goal_setting"),
                ],
                self.env._("Goals to set"),
                context={"default_owner": "employee"},
            ),
        }

    @api.model
    def _me_checkins(self, today):
        """My approved goals measured by hand that wait for a check-in."""
        goals = self.env["perf.goal"].search(
            [
                ("owner", "=", "employee"),
                ("employee_id.user_id", "=", self.env.uid),
                ("state", "=", "approved"),
                ("metric_id", "=", False),
                ("goal_type", "!=", "objective"),
                ("cycle_id.state", "in", ("goal_setting", "in_progress")),
            ],
            order="last_checkin_date asc nulls first, id",
        )
        due = goals.filtered(lambda goal: goal._checkin_reminder_due(today))
        return {
            "count": len(due),
            "items": [
                self._item(goal, last_checkin=self._date(goal.last_checkin_date))
                for goal in due[:LIST_LIMIT]
            ],
            "action": self._list_action(
                "perf.goal", [("id", "in", due.ids)], self.env._("Goals to check in")
            ),
        }

    # ------------------------------------------------------------------
    # Team: the people below me
    # ------------------------------------------------------------------
    @api.model
    def _overview_team(self, today):
        user = self.env.user
        team = self.env["hr.employee"]._perf_team_of(user)
        if not team:
            return {"size": 0}
        Goal = self.env["perf.goal"]
        Review = self.env["perf.review"]
        team_goals = [
            ("owner", "=", "employee"),
            ("employee_id", "in", team.ids),
            ("goal_type", "!=", "key_result"),
            ("cycle_id.state", "in", OPEN_CYCLE_STATES),
        ]
        by_state = dict(
            Goal._read_group(
                [*team_goals, ("state", "in", ("draft", "submitted", "approved"))],
                ["state"],
                ["__count"],
            )
        )
        # Goals I approve: my team's, and those of the departments I lead.
        led = self.env["hr.department"].search(
            [("manager_id", "in", user.employee_ids.ids)]
        )
        approve_domain = [
            ("state", "=", "submitted"),
            ("cycle_id.state", "in", OPEN_CYCLE_STATES),
            "|",
            "&",
            ("owner", "=", "employee"),
            ("employee_id", "in", team.ids),
            "&",
            ("owner", "=", "department"),
            ("department_id", "child_of", led.ids),
        ]
        to_approve_count = Goal.search_count(approve_domain)
        to_approve = Goal.search(approve_domain, limit=LIST_LIMIT)
        since = self._date(today - timedelta(days=TEAM_CHECKIN_DAYS))
        checkin_domain = [("employee_id", "in", team.ids), ("date", ">=", since)]
        checkins = self.env["perf.checkin"].search_count(checkin_domain)
        # Named reviews only: an anonymous review is never counted for the
        # manager of the reviewee, nor per reviewer.
        review_domain = [
            ("reviewee_id", "in", team.ids),
            ("anonymous", "=", False),
            ("cycle_id.state", "in", OPEN_CYCLE_STATES),
            ("state", "in", ASKED_REVIEW_STATES),
        ]
        reviews = dict(Review._read_group(review_domain, ["state"], ["__count"]))
        return {
            "size": len(team),
            "goals": {
                "draft": by_state.get("draft", 0),
                "submitted": by_state.get("submitted", 0),
                "approved": by_state.get("approved", 0),
                "total": sum(by_state.values()),
                "action": self._list_action(
                    "perf.goal",
                    team_goals,
                    self.env._("Team goals"),
                    context={"search_default_groupby_state": 1},
                ),
            },
            "to_approve": {
                "count": to_approve_count,
                "items": [
                    self._item(goal, employee=goal.employee_id.display_name)
                    for goal in to_approve
                ],
                "action": self._list_action(
                    "perf.goal", approve_domain, self.env._("Goals to approve")
                ),
            },
            "checkins": {
                "count": checkins,
                "days": TEAM_CHECKIN_DAYS,
                "action": self._list_action(
                    "perf.checkin",
                    checkin_domain,
                    self.env._("Team check-ins"),
                    views=("list", "form", "graph"),
                ),
            },
            "reviews": {
                "submitted": reviews.get("submitted", 0),
                "total": sum(reviews.values()),
                "action": self._list_action(
                    "perf.review", review_domain, self.env._("Team reviews")
                ),
            },
            "late": self._team_late(team, today),
        }

    @api.model
    def _team_late(self, team, today):
        """Who is late: reviewers of my team with open named reviews past
        their deadline, members with draft goals past the goal deadline."""
        review_domain = [
            ("reviewer_employee_id", "in", team.ids),
            ("anonymous", "=", False),
            ("state", "=", "requested"),
            ("deadline", "<", self._date(today)),
        ]
        late_reviews = dict(
            self.env["perf.review"]._read_group(
                review_domain, ["reviewer_employee_id"], ["__count"]
            )
        )
        goal_domain = [
            ("owner", "=", "employee"),
            ("employee_id", "in", team.ids),
            ("goal_type", "!=", "key_result"),
            ("state", "=", "draft"),
            ("cycle_id.state", "=", "goal_setting"),
            ("cycle_id.goal_deadline", "<", self._date(today)),
        ]
        late_goals = dict(
            self.env["perf.goal"]._read_group(goal_domain, ["employee_id"], ["__count"])
        )
        late_ids = {e.id for e in late_reviews} | {e.id for e in late_goals}
        # Names fetched with the search: employees without HR rights read
        # them from the public profiles.
        people = self.env["hr.employee"].search_fetch(
            [("id", "in", list(late_ids))], ["name"], order="name, id", limit=LATE_LIMIT
        )
        rows = []
        for person in people:
            reviews = late_reviews.get(person, 0)
            goals = late_goals.get(person, 0)
            rows.append(
                self._item(
                    person,
                    name=person.name,
                    reviews=reviews,
                    goals=goals,
                    reviews_action=reviews
                    and self._list_action(
                        "perf.review",
                        [*review_domain[1:], ("reviewer_employee_id", "=", person.id)],
                        self.env._("Late reviews of %(name)s", name=person.name),
                    ),
                    goals_action=goals
                    and self._list_action(
                        "perf.goal",
                        [*goal_domain[2:], ("employee_id", "=", person.id)],
                        self.env._("Draft goals of %(name)s", name=person.name),
                    ),
                )
            )
        return {
            "count": len(late_ids),
            "reviews": sum(late_reviews.values()),
            "goals": sum(late_goals.values()),
            "items": rows,
            "action": self._list_action(
                "perf.review", review_domain, self.env._("Late reviews")
            ),
        }

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

    # ------------------------------------------------------------------
    # Empty states: what to offer
    # ------------------------------------------------------------------
    @api.model
    def _overview_empty(self, me, officer):
        Cycle = self.env["perf.cycle"]
        company = [("company_id", "=", self.env.company.id)]
        states = dict(Cycle._read_group(company, ["state"], ["__count"]))
        draft = (
            Cycle.search([*company, ("state", "=", "draft")], limit=1)
            if officer and states.get("draft")
            else Cycle
        )
        return {
            "no_cycle": not states,
            "no_running_cycle": not any(
                states.get(state) for state in RUNNING_CYCLE_STATES
            ),
            "draft_cycle": (
                self._item(draft, date_start=self._date(draft.date_start))
                if draft
                else False
            ),
            "all_set": not me["todo"],
            "has_quick_start": officer
            and bool(self.env.ref(QUICK_START_ACTION, raise_if_not_found=False)),
        }
