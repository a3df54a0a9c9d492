# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models

from .perf_overview_hr import RUNNING_CYCLE_STATES
from .perf_overview_team import LIST_LIMIT

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
    _inherit = ["perf.overview.team", "perf.overview.hr"]

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
