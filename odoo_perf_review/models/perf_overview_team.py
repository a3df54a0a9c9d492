# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, models

# Cycles whose goals and reviews a manager follows.
OPEN_CYCLE_STATES = ("goal_setting", "in_progress", "review", "calibration")
# Reviews that were asked for: open, answered or left unanswered.
ASKED_REVIEW_STATES = ("requested", "submitted", "expired")
# How far back the team's check-ins are counted.
TEAM_CHECKIN_DAYS = 14
# Rows of a short list on a card; the card's action opens them all.
LIST_LIMIT = 5
LATE_LIMIT = 8


class PerfOverviewTeam(models.AbstractModel):
    """The manager's row of the overview: the people below them, their goals to
    approve, reviews late and check-ins. A mixin of ``perf.overview``."""

    _name = "perf.overview.team"
    _description = "Performance Overview: the team"

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
