# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..engine import schedule
from .common import PerfCase
from .common_dates import in_year, this_year
from .test_appraisal import AppraisalCase


class OverviewCase(AppraisalCase):
    """The annual cycle in review, and a first quarter still setting goals
    though its goal deadline has passed.

    - Erin: a draft and an approved goal (never checked in) in the quarter, a
      released annual appraisal, her self review done, her peer reviews of Cole
      and Nia open (the one of Cole late, anonymous).
    - Cole: a submitted and an approved goal (checked in lately) in the
      quarter, his self review late.
    - Mona manages Erin, Cole and Nia.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The overview is read on 2 March of the annual cycle's year.
        cls.today = in_year(cls.year, 3, 2, 9)
        cls.quarter = cls._cycle(
            date(cls.year, 1, 1),
            date(cls.year, 3, 31),
            name=f"{cls.year} Q1",
            state="goal_setting",
        )
        Goal = cls.env["perf.goal"]
        cls.erin_draft = cls._goal("Erin draft", cycle_id=cls.quarter.id)
        cls.erin_manual = cls._goal("Erin manual", cycle_id=cls.quarter.id)
        cls.cole_submitted = cls._goal(
            "Cole submitted", cycle_id=cls.quarter.id, employee_id=cls.emp_colleague.id
        )
        cls.cole_checked = cls._goal(
            "Cole checked", cycle_id=cls.quarter.id, employee_id=cls.emp_colleague.id
        )
        approved = {"state": "approved", "approved_date": datetime(cls.year, 1, 10, 9)}
        (cls.erin_manual | cls.cole_checked)._workflow().write(approved)
        cls.cole_submitted._workflow().write({"state": "submitted"})
        cls.env["perf.checkin"].create(
            {"goal_id": cls.cole_checked.id, "date": date(cls.year, 2, 25), "value": 40}
        )
        # Annual goals measured for the attainment by department.
        cls.erin_annual = cls._goal("Erin annual", weight=100)
        cls.otis_annual = cls._goal(
            "Otis annual", weight=100, employee_id=cls.emp_outsider.id
        )
        (cls.erin_annual | cls.otis_annual)._workflow().write(
            {"state": "approved", "approved_date": datetime(cls.year, 1, 10, 9)}
        )
        cls.erin_annual._workflow().write({"actual": 80})
        cls.otis_annual._workflow().write({"actual": 50})
        Goal.flush_model()

        # The annual cycle's appraisals and reviews.
        wizard = (
            cls.env["perf.cycle.launch.wizard"]
            .with_context(default_cycle_id=cls.cycle.id)
            .create({"template_id": cls.template.id})
        )
        wizard.action_launch()
        cls.cycle.write({"state": "review"})
        appraisals = cls.cycle.appraisal_ids
        cls.appraisal_erin = appraisals.filtered(
            lambda a: a.employee_id == cls.emp_employee
        )
        cls.appraisal_cole = appraisals.filtered(
            lambda a: a.employee_id == cls.emp_colleague
        )
        reviews = appraisals.review_ids

        def review(reviewee, rater_type, reviewer=None):
            return reviews.filtered(
                lambda r: (
                    r.reviewee_id == reviewee
                    and r.rater_type == rater_type
                    and (not reviewer or r.reviewer_employee_id == reviewer)
                )
            )

        cls.erin_self = review(cls.emp_employee, "self")
        cls.cole_self = review(cls.emp_colleague, "self")
        cls.erin_on_cole = review(cls.emp_colleague, "peer", cls.emp_employee)
        cls.erin_on_nia = review(cls.emp_no_user, "peer", cls.emp_employee)
        (cls.cole_self | cls.erin_on_cole)._workflow().write(
            {"deadline": date(cls.year, 2, 20)}
        )
        for line in cls.erin_self.line_ids.filtered("criterion_id"):
            line.level_id = cls.levels[3]
        cls.erin_self.with_user(cls.user_employee).action_submit()
        for manager_review in review(cls.emp_employee, "manager") | review(
            cls.emp_colleague, "manager"
        ):
            for line in manager_review.line_ids.filtered("criterion_id"):
                line.level_id = cls.levels[2]
            manager_review.with_user(cls.user_manager).action_submit()
        cls.appraisal_erin._workflow().write(
            {"state": "released", "released_date": datetime(cls.year, 2, 1, 9)}
        )
        # Bonuses: a policy, a budget and one line.
        policy = cls.env["perf.bonus.policy"].create(
            {
                "name": "Overview policy",
                "company_id": cls.company.id,
                "base_type": "fixed",
                "base_amount": 1000,
                "rating_scale_id": cls.scale.id,
            }
        )
        cls.cycle._workflow().write({"bonus_policy_id": policy.id})
        cls.env["perf.bonus.pool"].create({"cycle_id": cls.cycle.id, "amount": 5000})
        cls.env["perf.bonus.line"].create(
            {
                "appraisal_id": cls.appraisal_erin.id,
                "policy_id": policy.id,
                "amount": 1200,
            }
        )
        cls.env.flush_all()

    def _overview(self, user, **kwargs):
        with freeze_time(self.today):
            data = self.env["perf.overview"].with_user(user).get_overview(**kwargs)
        json.dumps(data)  # what the client receives
        return data

    @staticmethod
    def _ids(items):
        return [item["id"] for item in items]


def _walk(value):
    """Every dict in a JSON-able value."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


@tagged("post_install", "-at_install")
class TestOverviewRoles(OverviewCase):
    def _records(self, user, action):
        """What a card's action lists, read as ``user``."""
        return self.env[action["res_model"]].with_user(user).search(action["domain"])

    def test_employee_sees_what_to_do_now(self):
        data = self._overview(self.user_employee)
        self.assertEqual(data["roles"], {"manager": False, "officer": False})
        self.assertIsNone(data["team"])
        self.assertIsNone(data["hr"])
        me = data["me"]
        reviews = me["reviews"]
        self.assertEqual((reviews["count"], reviews["late"]), (2, 1))
        self.assertEqual(
            self._ids(reviews["items"]), [self.erin_on_cole.id, self.erin_on_nia.id]
        )
        self.assertEqual(reviews["items"][0]["reviewee"], "Cole Colleague")
        self.assertTrue(reviews["items"][0]["late"])
        self.assertEqual(
            self._records(self.user_employee, reviews["action"]),
            self.erin_on_cole | self.erin_on_nia,
        )
        self.assertEqual(me["goals"]["count"], 1)
        self.assertEqual(self._ids(me["goals"]["items"]), [self.erin_draft.id])
        self.assertEqual(
            self._records(self.user_employee, me["goals"]["action"]), self.erin_draft
        )
        self.assertEqual(self._ids(me["checkins"]["items"]), [self.erin_manual.id])
        self.assertEqual(me["results"]["count"], 1)
        self.assertEqual(self._ids(me["results"]["items"]), [self.appraisal_erin.id])
        self.assertEqual(me["todo"], 5)
        self.assertFalse(data["empty"]["all_set"])
        self.assertFalse(data["empty"]["no_cycle"])
        self.assertFalse(data["empty"]["has_quick_start"], "HR's button")

    def test_a_check_in_clears_the_reminder(self):
        self.env["perf.checkin"].with_user(self.user_employee).create(
            {"goal_id": self.erin_manual.id, "date": date(self.year, 3, 1), "value": 10}
        )
        self.assertEqual(
            self._overview(self.user_employee)["me"]["checkins"]["count"], 0
        )

    def test_goal_setting_cycle_without_goals_asks_for_them(self):
        data = self._overview(self.user_manager)
        [item] = data["me"]["goals"]["items"]
        self.assertEqual((item["model"], item["id"]), ("perf.cycle", self.quarter.id))
        self.assertIn(f"{self.year} Q1", item["label"])
        self.assertEqual(item["action"]["context"]["default_cycle_id"], self.quarter.id)

    def test_manager_follows_the_team(self):
        data = self._overview(self.user_manager)
        self.assertEqual(data["roles"], {"manager": True, "officer": False})
        self.assertIsNone(data["hr"])
        team = data["team"]
        self.assertEqual(team["size"], 3)
        goals = team["goals"]
        self.assertEqual(
            (goals["draft"], goals["submitted"], goals["approved"], goals["total"]),
            (1, 1, 3, 5),
        )
        self.assertEqual(len(self._records(self.user_manager, goals["action"])), 5)
        self.assertEqual(team["to_approve"]["count"], 1)
        self.assertEqual(
            self._ids(team["to_approve"]["items"]), [self.cole_submitted.id]
        )
        self.assertEqual(team["checkins"]["count"], 1)
        # Named reviews of Erin, Cole and Nia: the self and manager reviews.
        self.assertEqual(
            (team["reviews"]["submitted"], team["reviews"]["total"]), (3, 5)
        )
        late = team["late"]
        self.assertEqual(
            [(p["name"], p["reviews"], p["goals"]) for p in late["items"]],
            [("Cole Colleague", 1, 0), ("Erin Employee", 0, 1)],
        )
        cole = late["items"][0]
        self.assertEqual(
            self._records(self.user_manager, cole["reviews_action"]), self.cole_self
        )
        erin = late["items"][1]
        self.assertFalse(erin["reviews_action"])
        self.assertEqual(
            self._records(self.user_manager, erin["goals_action"]), self.erin_draft
        )

    def test_manager_never_counts_anonymous_reviews(self):
        """Even when the template lets the manager read the anonymous
        reviews, the overview counts only named ones and names no anonymous
        reviewer: Erin's late anonymous review of Cole is not hers to chase
        on the overview."""
        self.template.manager_sees_anonymous = True
        readable = (
            self.env["perf.review"]
            .with_user(self.user_manager)
            .search_count([("anonymous", "=", True)])
        )
        self.assertTrue(readable, "the template now shows them to the manager")
        data = self._overview(self.user_manager)
        team = data["team"]
        self.assertEqual(team["reviews"]["total"], 5)
        self.assertEqual(team["late"]["reviews"], 1)
        erin = next(p for p in team["late"]["items"] if p["name"] == "Erin Employee")
        self.assertEqual(erin["reviews"], 0)
        anonymous = self.env["perf.review"].sudo().search([("anonymous", "=", True)])
        for node in _walk(data):
            if node.get("model") == "perf.review":
                self.assertNotIn(node["id"], anonymous.ids)
            if node.get("res_model") == "perf.review":
                listed = self._records(self.user_manager, node)
                self.assertFalse(listed & anonymous, node["name"])

    def test_reviewee_sees_no_reviewer(self):
        """Erin, whose appraisal is released, and Cole, under review, only see
        the reviews they write themselves."""
        for user in (self.user_employee, self.user_colleague):
            data = self._overview(user)
            for node in _walk(data):
                if node.get("model") == "perf.review":
                    review = self.env["perf.review"].browse(node["id"])
                    self.assertEqual(review.reviewer_user_id, user)
                if node.get("res_model") == "perf.review":
                    listed = self._records(user, node)
                    self.assertEqual(listed.reviewer_user_id, user)

    def test_hr_follows_the_running_cycle(self):
        data = self._overview(self.user_officer)
        self.assertEqual(data["roles"], {"manager": True, "officer": True})
        self.assertIsNone(data["team"], "no team of her own")
        hr = data["hr"]
        self.assertEqual(self._ids(hr["cycles"]), [self.quarter.id, self.cycle.id])
        self.assertEqual(hr["cycle"]["id"], self.quarter.id, "the latest first")
        self.assertEqual(hr["cycle"]["state"], "goal_setting")
        overdue = date(self.year, 3, 2) - self.quarter.goal_deadline  # 46 or 47 days
        self.assertEqual(self.quarter.goal_deadline, date(self.year, 1, 15))
        self.assertEqual(
            hr["cycle"]["days_left"], -overdue.days, "goals were due on Jan 15"
        )

        cycle = self._overview(self.user_officer, cycle_id=self.cycle.id)["hr"]["cycle"]
        self.assertEqual(cycle["id"], self.cycle.id)
        self.assertEqual(cycle["state"], "review")
        self.assertEqual(cycle["deadline"], str(self.cycle.review_deadline))
        self.assertEqual(cycle["deadline_label"], "Reviews due")
        Review = self.env["perf.review"].sudo()
        asked = Review.search_count(
            [
                ("cycle_id", "=", self.cycle.id),
                ("state", "in", ("requested", "submitted", "expired")),
            ]
        )
        self.assertEqual(cycle["reviews"]["total"], asked)
        self.assertEqual(cycle["reviews"]["submitted"], 3)
        self.assertEqual(cycle["reviews"]["late"], 2)
        appraisals = self.cycle.appraisal_ids
        self.assertEqual(cycle["appraisals"]["total"], len(appraisals))
        scored = appraisals.filtered("final_level_id")
        self.assertEqual(cycle["appraisals"]["scored"], len(scored))
        self.assertTrue(scored)
        distribution = cycle["distribution"]
        self.assertEqual([d["code"] for d in distribution], self.levels.mapped("code"))
        self.assertEqual([d["name"] for d in distribution], self.levels.mapped("name"))
        self.assertEqual(sum(d["count"] for d in distribution), len(scored))
        for level in distribution:
            self.assertEqual(
                len(self._records(self.user_officer, level["action"])), level["count"]
            )
        self.assertEqual(self._ids(cycle["top"]), [self.appraisal_erin.id])
        self.assertAlmostEqual(
            cycle["top"][0]["score"], self.appraisal_erin.final_score
        )
        self.assertEqual(
            [(d["name"], d["attainment"], d["count"]) for d in cycle["departments"]],
            [("Perf Sales", 80.0, 1), ("Perf Support", 50.0, 1)],
        )
        self.assertEqual(
            (cycle["bonus"]["total"], cycle["bonus"]["budget"]), (1200.0, 5000.0)
        )
        self.assertTrue(cycle["bonus"]["has_policy"])

    def test_other_company_officer_sees_an_empty_company(self):
        data = self._overview(self.user_other_officer)
        self.assertEqual(data["hr"]["cycles"], [])
        self.assertFalse(data["hr"]["cycle"])
        self.assertIsNone(data["team"])
        self.assertEqual(data["me"]["todo"], 0)
        empty = data["empty"]
        self.assertTrue(empty["no_cycle"])
        self.assertTrue(empty["all_set"])
        self.assertEqual(
            empty["has_quick_start"],
            bool(
                self.env.ref(
                    "odoo_perf_review.perf_quick_start_action",
                    raise_if_not_found=False,
                )
            ),
        )
        self.assertFalse(
            [node for node in _walk(data) if node.get("model") == "perf.cycle"]
        )

    def test_a_draft_cycle_is_offered_to_hr(self):
        draft = self._cycle(
            date(self.year, 4, 1), date(self.year, 6, 30), name=f"{self.year} Q2"
        )
        empty = self._overview(self.user_officer)["empty"]
        self.assertEqual(empty["draft_cycle"]["id"], draft.id)
        self.assertFalse(empty["no_running_cycle"])
        self.assertFalse(self._overview(self.user_employee)["empty"]["draft_cycle"])

    def test_no_cycle_yet(self):
        company = self.env["res.company"].create({"name": "Overview Empty Co"})
        officer = new_test_user(
            self.env,
            "perf_overview_empty",
            groups="base.group_user,odoo_perf_review.group_perf_officer",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        data = self._overview(officer)
        self.assertTrue(data["empty"]["no_cycle"])
        self.assertTrue(data["empty"]["no_running_cycle"])
        self.assertFalse(data["empty"]["draft_cycle"])
        self.assertFalse(data["hr"]["cycle"])


# assertQueryCount locks of get_overview, measured on Odoo 19.0; a change that
# needs more queries must say why. Each population runs on a throwaway warm
# population first, as in test_query_counts. Most of the manager's queries are
# the record rules' ``child_of`` on their team, expanded at each search.
# Years of their own, in the future whatever today is.
YEAR = this_year()
POPULATIONS = ((3, "warm", YEAR + 3), (4, "small", YEAR + 4), (15, "large", YEAR + 5))
LOCKS = {"manager": 78, "officer": 27}


@tagged("post_install", "-at_install")
class TestOverviewQueryCount(PerfCase):
    """The overview costs the same number of queries for a team and a company
    of 4 and of 15: nothing is read per record."""

    def _population(self, size, tag, year):
        """A manager with ``size`` people in two departments, a quarter setting
        goals late, and the annual cycle in review with late reviews, released
        results, bonuses and a budget."""
        env = self.env
        lead_user = new_test_user(
            env,
            f"ov_lead_{tag}",
            groups="base.group_user,odoo_perf_review.group_perf_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        departments = env["hr.department"].create(
            [
                {"name": f"{tag} {name}", "company_id": self.company.id}
                for name in ("North", "South")
            ]
        )
        lead = env["hr.employee"].create(
            {
                "name": f"Lead {tag}",
                "company_id": self.company.id,
                "user_id": lead_user.id,
            }
        )
        members = env["hr.employee"].create(
            [
                {
                    "name": f"Member {tag} {i:02d}",
                    "company_id": self.company.id,
                    "parent_id": lead.id,
                    "department_id": departments[i % 2].id,
                }
                for i in range(size)
            ]
        )
        quarter = self._cycle(
            date(year, 1, 1),
            date(year, 3, 31),
            state="goal_setting",
            name=f"Q1 {tag}",
            recurring=False,
        )
        annual = self._cycle(
            date(year, 1, 1),
            date(year, 12, 31),
            frequency="annual",
            state="goal_setting",
            name=f"Year {tag}",
            recurring=False,
        )
        Goal = env["perf.goal"]
        goal_vals = []
        for member in members:
            for cycle, name in (
                (quarter, "Draft"),
                (quarter, "Submitted"),
                (quarter, "Checked"),
                (annual, "Yearly"),
            ):
                goal_vals.append(
                    {
                        "name": f"{name} {member.name}",
                        "owner": "employee",
                        "employee_id": member.id,
                        "cycle_id": cycle.id,
                        "target": 100,
                        "weight": 25,
                    }
                )
        goals = Goal.create(goal_vals)
        by_name = goals.grouped(lambda goal: goal.name.split()[0])
        by_name["Submitted"]._workflow().write({"state": "submitted"})
        approved = by_name["Checked"] | by_name["Yearly"]
        approved._workflow().write(
            {"state": "approved", "approved_date": datetime(year, 1, 10)}
        )
        by_name["Yearly"]._workflow().write({"actual": 70})
        env["perf.checkin"].create(
            [
                {"goal_id": goal.id, "date": date(year, 2, 25), "value": 30}
                for goal in by_name["Checked"]
            ]
        )
        annual._launch_appraisals(members | lead, self.template, propose_peers=True)
        annual.write({"state": "review"})
        reviews = annual.appraisal_ids.review_ids
        reviews._workflow().write({"deadline": date(year, 2, 20)})
        level = self.scale.level_ids.sorted("sequence")[2]
        reviews.line_ids.filtered("criterion_id").write({"level_id": level.id})
        manager_reviews = reviews.filtered(lambda r: r.rater_type == "manager")
        manager_reviews._workflow().write({"state": "submitted"})
        annual.appraisal_ids._compute_results()
        annual.appraisal_ids._workflow().write(
            {"state": "released", "released_date": datetime(year, 2, 1)}
        )
        policy = env["perf.bonus.policy"].create(
            {
                "name": f"Policy {tag}",
                "company_id": self.company.id,
                "base_type": "fixed",
                "base_amount": 1000,
                "rating_scale_id": self.scale.id,
            }
        )
        env["perf.bonus.pool"].create({"cycle_id": annual.id, "amount": 5000})
        env["perf.bonus.line"].create(
            [
                {"appraisal_id": appraisal.id, "policy_id": policy.id, "amount": 100}
                for appraisal in annual.appraisal_ids
            ]
        )
        return lead_user, annual

    def _count(self, user, year, lock=None, **kwargs):
        """Queries of the overview of ``user``, their caches (rules, groups)
        warm as on any call after their first, the records' cold."""
        Overview = self.env["perf.overview"].with_user(user)
        with freeze_time(f"{year}-03-02 09:00:00"):
            Overview.get_overview(**kwargs)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        with freeze_time(f"{year}-03-02 09:00:00"):
            if lock is None:
                data = Overview.get_overview(**kwargs)
            else:
                with self.assertQueryCount(lock, flush=False):
                    data = Overview.get_overview(**kwargs)
        return self.cr.sql_log_count - before, data

    def test_overview_query_count(self):
        counts = {"manager": [], "officer": []}
        for size, tag, year in POPULATIONS:
            lead_user, annual = self._population(size, tag, year)
            for role, user, kwargs in (
                ("manager", lead_user, {}),
                ("officer", self.user_officer, {"cycle_id": annual.id}),
            ):
                count, data = self._count(
                    user, year, None if tag == "warm" else LOCKS[role], **kwargs
                )
                counts[role].append(count)
                if role == "manager":
                    team = data["team"]
                    self.assertEqual(team["size"], size)
                    self.assertEqual(team["late"]["count"], size)
                    self.assertEqual(team["to_approve"]["count"], size)
                    self.assertEqual(team["checkins"]["count"], size)
                else:
                    cycle = data["hr"]["cycle"]
                    self.assertEqual(cycle["appraisals"]["total"], size)
                    self.assertEqual(len(cycle["top"]), min(size, 5))
                    self.assertEqual(len(cycle["departments"]), 2)
                    self.assertEqual(cycle["bonus"]["total"], 100.0 * size)
        self.assertEqual(counts["manager"][1], counts["manager"][2])
        self.assertEqual(counts["officer"][1], counts["officer"][2])


@tagged("post_install", "-at_install")
class TestOverviewTours(HttpCase):
    """Each role opens the Performance app on its overview and clicks one card
    through to its records. A company of its own keeps demo data away."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Overview Tour Co"})
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.employee_user = new_test_user(
            cls.env,
            "ov_tour_employee",
            groups="base.group_user",
            name="Tour Overview Employee",
            **companies,
        )
        cls.manager_user = new_test_user(
            cls.env,
            "ov_tour_manager",
            groups="base.group_user,odoo_perf_review.group_perf_manager",
            name="Tour Overview Manager",
            **companies,
        )
        new_test_user(
            cls.env,
            "ov_tour_hr",
            groups="base.group_user,odoo_perf_review.group_perf_officer",
            name="Tour Overview HR",
            **companies,
        )
        Employee = cls.env["hr.employee"]
        manager = Employee.create(
            {
                "name": "Tour Overview Manager",
                "user_id": cls.manager_user.id,
                "company_id": cls.company.id,
            }
        )
        cls.employee = Employee.create(
            {
                "name": "Tour Overview Employee",
                "user_id": cls.employee_user.id,
                "company_id": cls.company.id,
                "parent_id": manager.id,
            }
        )
        template = cls.env.ref("odoo_perf_review.template_kpi")
        start, end = schedule.period_containing(date.today(), "quarterly")
        cls.cycle = cls.env["perf.cycle"].create(
            {
                "name": "Overview tour cycle",
                "company_id": cls.company.id,
                "frequency": "quarterly",
                "date_start": start,
                "date_end": end,
                "template_id": template.id,
                "state": "goal_setting",
                "recurring": False,
            }
        )
        goals = cls.env["perf.goal"].create(
            [
                {
                    "name": name,
                    "owner": "employee",
                    "employee_id": cls.employee.id,
                    "cycle_id": cls.cycle.id,
                    "target": 100,
                    "weight": weight,
                }
                for name, weight in (
                    ("Draft the onboarding guide", 40),
                    ("Answer tickets within a day", 60),
                )
            ]
        )
        goals[1]._workflow().write({"state": "submitted"})
        cls.cycle._launch_appraisals(cls.employee, template)

    def test_employee_overview(self):
        self.start_tour(
            "/odoo", "odoo_perf_review_overview_employee", login="ov_tour_employee"
        )

    def test_manager_overview(self):
        self.start_tour(
            "/odoo", "odoo_perf_review_overview_manager", login="ov_tour_manager"
        )

    def test_hr_overview(self):
        self.start_tour("/odoo", "odoo_perf_review_overview_hr", login="ov_tour_hr")
