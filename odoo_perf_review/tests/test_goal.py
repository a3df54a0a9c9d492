# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_goal import PerfGoalCase


@tagged("post_install", "-at_install")
class TestGoalScoring(PerfGoalCase):
    def test_kpi_higher_is_better_with_thresholds(self):
        goal = self._goal(use_thresholds=True, threshold=80, target=100, stretch=120)
        for actual, score in (
            (70, 0),
            (80, 60),
            (90, 70),
            (100, 80),
            (120, 100),
            (200, 100),
        ):
            goal.actual = actual
            self.assertAlmostEqual(goal.score, score, msg=actual)
        goal.actual = 110
        self.assertAlmostEqual(goal.attainment, 110)

    def test_kpi_lower_is_better(self):
        goal = self._goal(
            direction="lower",
            baseline=20,
            use_thresholds=True,
            threshold=15,
            target=10,
            stretch=5,
        )
        # with a baseline, the score ramps up from 0 at the baseline
        for actual, score in (
            (25, 0),
            (20, 0),
            (16, 48),
            (15, 60),
            (10, 80),
            (5, 100),
            (0, 100),
        ):
            goal.actual = actual
            self.assertAlmostEqual(goal.score, score, msg=actual)
        goal.actual = 15
        self.assertAlmostEqual(goal.attainment, 50, msg="half way from 20 to 10")

    def test_kpi_target_only_is_proportional(self):
        goal = self._goal(target=50000)
        goal.actual = 25000
        self.assertAlmostEqual(goal.score, 40)
        self.assertAlmostEqual(goal.attainment, 50)

    def test_baseline_equal_to_target_does_not_divide_by_zero(self):
        goal = self._goal(baseline=100, target=100)
        goal.actual = 100
        self.assertAlmostEqual(goal.attainment, 100)
        goal.actual = 99
        self.assertEqual(goal.score, 0)

    def test_objective_is_graded_by_its_weighted_key_results(self):
        objective = self._goal("Launch the new shop", goal_type="objective")
        kr_traffic = self._goal(
            "Visitors",
            goal_type="key_result",
            parent_id=objective.id,
            weight=75,
            target=1000,
        )
        kr_orders = self._goal(
            "Orders",
            goal_type="key_result",
            parent_id=objective.id,
            weight=25,
            target=100,
        )
        kr_traffic.actual = 1000  # grade 1.0
        kr_orders.actual = 20  # grade 0.2
        self.assertAlmostEqual(objective.grade, 0.8)
        self.assertAlmostEqual(objective.score, 86.67, places=1)

    def test_kpi_values_in_the_wrong_order_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "must not be above the target"):
            self._goal(use_thresholds=True, threshold=120, target=100, stretch=130)
        with self.assertRaisesRegex(ValidationError, "when lower is better"):
            self._goal(
                direction="lower",
                use_thresholds=True,
                threshold=5,
                target=10,
                stretch=2,
            )

    def test_alignment_rolls_progress_up_by_weight(self):
        company_goal = self._goal(
            "Grow",
            owner="company",
            employee_id=False,
            visibility="company",
        )
        dept_a = self._goal(
            "Sales grow",
            owner="department",
            employee_id=False,
            department_id=self.department.id,
            parent_id=company_goal.id,
            weight=75,
        )
        dept_b = self._goal(
            "Support grow",
            owner="department",
            employee_id=False,
            department_id=self.other_department.id,
            parent_id=company_goal.id,
            weight=25,
        )
        mine = self._goal("My part", parent_id=dept_a.id, weight=100)
        mine.actual = 100  # 100 % attainment
        dept_b.actual = 20  # 20 % attainment
        self.assertAlmostEqual(dept_a.rollup_progress, 100)
        self.assertAlmostEqual(company_goal.rollup_progress, 80)

    def test_key_result_needs_an_objective(self):
        kpi = self._goal()
        with self.assertRaisesRegex(ValidationError, "must belong to an objective"):
            self._goal(goal_type="key_result", parent_id=kpi.id)

    def test_goal_cannot_serve_itself(self):
        first = self._goal()
        second = self._goal(parent_id=first.id)
        with self.assertRaisesRegex(ValidationError, "cannot serve itself"):
            first.parent_id = second

    def test_goal_and_parent_in_one_cycle(self):
        other_cycle = self._cycle(state="goal_setting")
        parent = self._goal(cycle_id=other_cycle.id)
        with self.assertRaisesRegex(ValidationError, "align goals within one cycle"):
            self._goal(parent_id=parent.id)

    def test_cycle_of_another_company_is_refused(self):
        foreign = self.env["perf.cycle"].create(
            {
                "company_id": self.other_company.id,
                "frequency": "annual",
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
            }
        )
        with self.assertRaises(UserError):  # ValidationError is a UserError
            self._goal(cycle_id=foreign.id)


@tagged("post_install", "-at_install")
class TestGoalWorkflow(PerfGoalCase):
    def _my_two_goals(self, weights=(60, 40)):
        goals = self.env["perf.goal"]
        for index, weight in enumerate(weights):
            goals |= self._goal(f"Goal {index}", weight=weight)
        return goals

    def test_weights_must_add_up_before_submitting(self):
        goals = self._my_two_goals((60, 30))
        with self.assertRaisesRegex(UserError, r"add up to 90\.0 %"):
            goals[0].with_user(self.user_employee).action_submit()
        self.assertEqual(set(goals.mapped("state")), {"draft"})

    def test_submitting_one_goal_submits_the_checked_set(self):
        goals = self._my_two_goals()
        goals[0].with_user(self.user_employee).action_submit()
        self.assertEqual(set(goals.mapped("state")), {"submitted"})
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "perf.goal"), ("res_id", "in", goals.ids)]
        )
        self.assertEqual(activity.user_id, self.user_manager)

    def test_scorecard_perspective_totals_when_the_template_asks(self):
        self.template.write(
            {
                "method": "bsc",
                "bsc_financial_weight": 60,
                "bsc_customer_weight": 40,
                "bsc_internal_weight": 0,
                "bsc_learning_weight": 0,
            }
        )
        goals = self._my_two_goals((50, 50))
        goals[0].bsc_perspective = "financial"
        goals[1].bsc_perspective = "customer"
        with self.assertRaisesRegex(UserError, "Financial: 50.0 % instead of 60"):
            goals.with_user(self.user_employee).action_submit()
        goals[0].weight, goals[1].weight = 60, 40
        goals.with_user(self.user_employee).action_submit()
        self.assertEqual(goals[0].state, "submitted")

    def test_objective_needs_key_results_adding_up(self):
        objective = self._goal("Objective", goal_type="objective", weight=100)
        with self.assertRaisesRegex(UserError, "has no key result"):
            objective.action_submit()
        self._goal("KR", goal_type="key_result", parent_id=objective.id, weight=70)
        with self.assertRaisesRegex(UserError, "add up to 70.0 %"):
            objective.action_submit()

    def test_manager_approves_and_approved_goals_are_locked(self):
        goals = self._my_two_goals()
        goals.with_user(self.user_employee).action_submit()
        with self.assertRaises(AccessError):
            goals.with_user(self.user_employee).action_approve()
        with self.assertRaises(AccessError):
            goals.with_user(self.user_colleague).action_approve()
        goals.with_user(self.user_manager).action_approve()
        self.assertEqual(set(goals.mapped("state")), {"approved"})
        self.assertEqual(goals[0].approved_by_id, self.user_manager)
        with self.assertRaisesRegex(AccessError, "while it is approved"):
            goals[0].with_user(self.user_employee).target = 1
        self.assertEqual(goals[0].target, 100)
        goals[0].with_user(self.user_manager).target = 150
        self.assertEqual(goals[0].target, 150)

    def test_officer_approves_any_goal_of_the_company(self):
        goals = self._my_two_goals()
        goals.with_user(self.user_officer).action_approve()
        self.assertEqual(goals[1].state, "approved")

    def test_employee_recalls_a_submission_but_cannot_reopen_an_approval(self):
        goals = self._my_two_goals()
        goals.with_user(self.user_employee).action_submit()
        goals.with_user(self.user_employee).action_back_to_draft()
        self.assertEqual(goals[0].state, "draft")
        goals.with_user(self.user_manager).action_approve()
        with self.assertRaises(AccessError):
            goals.with_user(self.user_employee).action_back_to_draft()
        goals.with_user(self.user_manager).action_back_to_draft()
        self.assertEqual(goals[0].state, "draft")

    def test_state_only_changes_through_the_buttons(self):
        goal = self._goal()
        for user in (self.user_employee, self.user_manager, self.user_officer):
            with self.assertRaisesRegex(
                AccessError, "change only through the workflow"
            ):
                goal.with_user(user).write({"state": "approved"})
        self.assertEqual(goal.state, "draft")

    def test_changes_after_approval_are_tracked(self):
        goals = self._my_two_goals()
        goals.with_user(self.user_manager).action_approve()
        self.env.flush_all()
        self.env.cr.precommit.run()
        goals[0].with_user(self.user_manager).target = 120
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.res_id", "=", goals[0].id),
                ("mail_message_id.model", "=", "perf.goal"),
                ("field_id.name", "=", "target"),
            ]
        )
        self.assertEqual(tracked.new_value_float, 120)

    def test_closed_cycle_takes_no_new_goal(self):
        self.goal_cycle.state = "released"
        with self.assertRaisesRegex(UserError, "can no longer be added or changed"):
            self._goal()

    def test_submitted_goal_is_cancelled_not_deleted(self):
        goals = self._my_two_goals()
        goals.action_submit()
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            goals[0].unlink()
        goals[0].with_user(self.user_manager).action_cancel()
        self.assertEqual(goals[0].state, "cancelled")

    def test_done_needs_approval(self):
        goal = self._goal(weight=100)
        with self.assertRaisesRegex(UserError, "Only approved goals"):
            goal.action_done()
        goal.with_user(self.user_manager).action_approve()
        goal.with_user(self.user_manager).action_done()
        self.assertEqual(goal.state, "done")
