# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 14: no number before there is data.

A goal nobody measured says "Not measured yet" and counts in no score; a
roll-up says "Not started" before its cycle starts; an appraisal nobody scored
says "Not scored", has no rating and is left out of the averages; the score
breakdown shows the weights the engine used, not the template's.
"""

import ast

from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from .common_dates import in_year, this_year
from .common_goal import PerfGoalCase
from .test_appraisal import AppraisalCase


@tagged("post_install", "-at_install")
class TestMeasuredGoals(PerfGoalCase):
    def _approved(self, **vals):
        goal = self._goal(**vals)
        goal.with_user(self.user_manager).action_approve()
        return goal

    def test_a_blank_goal_is_not_measured_and_shows_no_number(self):
        blank = self._goal(target=0)
        lower = self._goal(direction="lower", target=5)
        for goal in blank | lower:
            self.assertFalse(goal.measured)
            self.assertEqual(goal.measure_status, "Not measured yet")
            self.assertEqual(
                (goal.attainment, goal.score), (0, 0), "not 100 % and 80 nor 200 %"
            )

    def test_a_first_check_in_measures_the_goal_even_at_zero(self):
        goal = self._approved(direction="lower", target=0, weight=100)
        self.env["perf.checkin"].with_user(self.user_employee).create(
            {"goal_id": goal.id, "date": in_year(self.year, 2, 1), "value": 0}
        )
        self.assertTrue(goal.measured)
        self.assertFalse(goal.measure_status)
        # Lower is better, zero against a zero target: on target, not 200 %.
        self.assertEqual(goal.attainment, 100)
        self.assertAlmostEqual(goal.score, 80)

    def test_lower_is_better_ratio_stays_under_the_engine_cap(self):
        goal = self._approved(direction="lower", target=10, weight=100)
        self.env["perf.checkin"].create(
            {"goal_id": goal.id, "date": in_year(self.year, 2, 1), "value": 0}
        )
        self.assertEqual(goal.attainment, 200, "capped by the engine")
        help_text = goal._fields["attainment"].get_description(self.env)["help"]
        self.assertIn("capped at 200 %", help_text)

    def test_a_live_refresh_measures_the_goal(self):
        metric = self.env["perf.metric"].create(
            {
                "name": "Reports",
                "model_id": self.env["ir.model"]._get_id("hr.employee"),
                "domain": "[]",
                "aggregation": "count",
                "employee_path": "parent_id",
            }
        )
        objective = self._goal("Grow the team", goal_type="objective")
        key_result = self._goal(
            "Reports",
            goal_type="key_result",
            parent_id=objective.id,
            weight=100,
            target=4,
            metric_id=metric.id,
        )
        self.assertFalse(key_result.measured or objective.measured)
        key_result.action_refresh_actuals()
        self.assertEqual(key_result.actual, 0, "nobody reports to Erin")
        self.assertTrue(key_result.measured, "a value of 0 is a measure")
        self.assertTrue(objective.measured, "through its key result")
        self.assertEqual(objective.grade, 0)

    def test_objective_is_graded_by_its_measured_key_results_only(self):
        objective = self._goal("Launch", goal_type="objective")
        visitors = self._goal(
            "Visitors",
            goal_type="key_result",
            parent_id=objective.id,
            weight=50,
            target=1000,
        )
        self._goal("Orders", goal_type="key_result", parent_id=objective.id, weight=50)
        self.assertFalse(objective.measured)
        visitors.actual = 500  # grade 0.5; the orders are not measured yet
        self.assertTrue(objective.measured)
        self.assertAlmostEqual(objective.grade, 0.5, msg="not (0.5 + 0) / 2")

    def _company_tree(self):
        company_goal = self._goal(
            "Grow", owner="company", employee_id=False, visibility="company"
        )
        sales = self._goal(
            "Sales grow",
            owner="department",
            employee_id=False,
            department_id=self.department.id,
            parent_id=company_goal.id,
            weight=60,
        )
        support = self._goal(
            "Support grow",
            owner="department",
            employee_id=False,
            department_id=self.other_department.id,
            parent_id=company_goal.id,
            weight=40,
        )
        return company_goal, sales, support

    @freeze_time(in_year(this_year() - 1, 12, 15, 0))
    def test_a_rollup_does_not_start_before_its_period(self):
        company_goal, sales, _support = self._company_tree()
        sales.actual = 100
        self.assertTrue(company_goal.rollup_measured)
        self.assertFalse(company_goal.period_started, "the cycle starts on 1 January")
        self.assertEqual(company_goal.rollup_status, "Not started")

    @freeze_time(in_year(this_year(), 3, 1, 0))
    def test_a_rollup_counts_the_measured_goals_only(self):
        company_goal, sales, support = self._company_tree()
        self.assertEqual(company_goal.rollup_status, "Not measured yet")
        self.assertFalse(company_goal.rollup_measured)
        sales.actual = 50  # 50 %; support is not measured yet
        self.assertFalse(company_goal.rollup_status)
        self.assertAlmostEqual(
            company_goal.rollup_progress, 50, msg="not 0.6 × 50 + 0.4 × 0"
        )
        support.actual = 100
        self.assertAlmostEqual(company_goal.rollup_progress, 0.6 * 50 + 0.4 * 100)

    def test_goal_views_say_not_measured_yet(self):
        Goal = self.env["perf.goal"]
        for view_type in ("list", "form", "kanban"):
            arch = Goal.get_view(view_type=view_type)["arch"]
            tree = etree.fromstring(arch)
            self.assertTrue(
                tree.xpath("//field[@name='attainment'][@invisible='not measured']"),
                view_type,
            )
            # The label itself (form, kanban) or the column that holds it.
            self.assertTrue(
                "Not measured yet" in arch
                or tree.xpath("//field[@name='measure_status'][@invisible='measured']"),
                view_type,
            )
        action = self.env.ref("odoo_perf_review.perf_goal_report_action")
        self.assertIn("'search_default_with_result': 1", action.context)


@tagged("post_install", "-at_install")
class TestScoredAppraisals(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Goals 70 %, competencies 30 % (the template's part weights).
        cls.measured_goal = cls._goal("Sales", weight=60, target=100)
        cls.blank_goal = cls._goal("Blank", weight=40, target=0)
        (cls.measured_goal | cls.blank_goal).with_user(
            cls.user_manager
        ).action_approve()

    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        self.appraisal = self._appraisal(self.emp_employee)
        self.manager_review = self.appraisal.review_ids.filtered(
            lambda r: r.rater_type == "manager"
        )

    def test_an_appraisal_nobody_scored_says_so(self):
        a = self.appraisal
        a._compute_results()
        self.assertFalse(a.scored)
        self.assertEqual(a.score_status, "Not scored")
        self.assertFalse(a.rating_level_id, "no rating from a score of 0")
        self.assertIn("Not scored", a.breakdown)
        self.assertNotIn("Final score =", a.breakdown)

    def test_an_unmeasured_goal_is_left_out_not_counted_as_80(self):
        self.measured_goal.actual = 50  # score 40
        self.appraisal._compute_results()
        a = self.appraisal
        self.assertTrue(a.goal_scored)
        self.assertAlmostEqual(a.goal_score, 40, msg="not 0.6×40 + 0.4×80 = 56")
        self.assertEqual(a.score_details["goals_left_out"], [self.blank_goal.id])
        self.assertIn("Not measured yet, so left out of the goal score", a.breakdown)
        self.assertIn("Blank", a.breakdown)
        # The manager's review had no suggestion for it: it counts only once
        # the manager scores it.
        line = self.manager_review.line_ids.filtered(
            lambda line: line.goal_id == self.blank_goal
        )
        self.assertFalse(line.goal_rated)
        self.assertEqual(line.suggested_goal_score, 0)
        line.with_user(self.user_manager).goal_score = 70
        self.assertTrue(line.goal_rated)
        self._answer(self.manager_review, 2, self.user_manager)
        self.assertAlmostEqual(a.goal_score, 0.6 * 40 + 0.4 * 70)
        self.assertEqual(a.score_details["goals_left_out"], [])

    def test_breakdown_shows_the_weights_the_engine_used(self):
        # No goal measured: the goal part is left out, competencies are 100 %.
        self._answer(self.manager_review, 2, self.user_manager)  # 77.5
        a = self.appraisal
        self.assertTrue(a.scored)
        self.assertFalse(a.goal_scored)
        self.assertTrue(a.competency_scored)
        self.assertEqual(a.score_details["parts"], {"competencies": 100.0})
        self.assertEqual(a.score_details["left_out_parts"], ["goals"])
        self.assertAlmostEqual(a.final_score, 77.5)
        self.assertIn("100.0 % × competencies (77.5)", a.breakdown)
        self.assertNotIn("70 % ×", a.breakdown, "not the template's weights")
        self.assertIn("Goals (template weight 70 %) are left out", a.breakdown)
        self.assertIn("no goal is measured yet", a.breakdown)
        self.assertIsNotNone(a.rating_level_id)

    def test_breakdown_numbers_follow_the_user_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self._answer(self.manager_review, 2, self.user_manager)
        french = self.appraisal.with_context(lang="fr_FR")
        self.assertIn("(77,5)", french.breakdown)

    def test_averages_leave_unscored_appraisals_out(self):
        self._answer(self.manager_review, 2, self.user_manager)
        others = self.env["perf.appraisal"].search(
            [("cycle_id", "=", self.cycle.id), ("id", "!=", self.appraisal.id)]
        )
        others._compute_results()
        self.assertTrue(others)
        self.assertFalse(any(others.mapped("scored")))
        action = self.env.ref("odoo_perf_review.perf_appraisal_report_action")
        self.assertIn("'search_default_scored': 1", action.context)
        search = etree.fromstring(
            self.env["perf.appraisal"].get_view(view_type="search")["arch"]
        )
        [scored_filter] = search.xpath("//filter[@name='scored']")
        domain = ast.literal_eval(scored_filter.get("domain"))
        [[average]] = self.env["perf.appraisal"]._read_group(
            [("cycle_id", "=", self.cycle.id), *domain], [], ["final_score:avg"]
        )
        self.assertAlmostEqual(average, 77.5, msg="the 0.0 of the others left out")

    def test_overview_ranks_and_averages_only_what_has_a_number(self):
        self._answer(self.manager_review, 2, self.user_manager)
        self.appraisal.with_user(self.user_manager).action_release()
        self.measured_goal.actual = 50
        cycle = self.env["perf.overview"]._hr_cycle(
            self.cycle, in_year(self.year, 2, 1)
        )
        self.assertEqual(
            [row["employee"] for row in cycle["top"]], [self.emp_employee.name]
        )
        sales = next(
            row for row in cycle["departments"] if row["id"] == self.department.id
        )
        self.assertEqual(sales["measured"], 1)
        self.assertEqual(sales["count"], 2)
        self.assertAlmostEqual(sales["attainment"], 50, msg="not (50 + 0) / 2")

    def test_appraisal_views_say_not_scored(self):
        Appraisal = self.env["perf.appraisal"]
        for view_type in ("list", "form"):
            arch = Appraisal.get_view(view_type=view_type)["arch"]
            tree = etree.fromstring(arch)
            self.assertTrue(
                tree.xpath("//field[@name='final_score'][@invisible='not scored']"),
                view_type,
            )
            self.assertTrue(
                "Not scored" in arch
                or tree.xpath("//field[@name='score_status'][@invisible='scored']"),
                view_type,
            )
