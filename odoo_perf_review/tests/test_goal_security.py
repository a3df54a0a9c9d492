# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_goal import PerfGoalCase


@tagged("post_install", "-at_install")
class TestGoalVisibility(PerfGoalCase):
    """Published goals are readable by colleagues; private ones never are."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.private_goal = cls._goal("Private", visibility="private")
        cls.team_goal = cls._goal("Team", visibility="team")
        cls.public_goal = cls._goal("Public", visibility="company")

    def _visible(self, user):
        return (
            self.env["perf.goal"]
            .with_user(user)
            .search(
                [
                    (
                        "id",
                        "in",
                        (self.private_goal | self.team_goal | self.public_goal).ids,
                    )
                ]
            )
        )

    def test_owner_sees_all_own_goals(self):
        self.assertEqual(
            self._visible(self.user_employee),
            self.private_goal | self.team_goal | self.public_goal,
        )

    def test_department_colleague_sees_team_and_company_goals(self):
        self.assertEqual(
            self._visible(self.user_colleague), self.team_goal | self.public_goal
        )

    def test_other_department_sees_company_goals_only(self):
        self.assertEqual(self._visible(self.user_outsider), self.public_goal)

    def test_manager_and_officer_see_private_goals(self):
        for user in (self.user_manager, self.user_officer):
            self.assertIn(self.private_goal, self._visible(user))

    def test_private_goal_is_closed_to_every_read_path(self):
        goal = self.private_goal.with_user(self.user_colleague)
        with self.assertRaises(AccessError):
            goal.read(["name", "target"])
        self.assertFalse(
            self.env["perf.goal"]
            .with_user(self.user_colleague)
            .search_read([("id", "=", self.private_goal.id)], ["name"])
        )
        self.user_colleague.group_ids |= self.env.ref("base.group_allow_export")
        with self.assertRaises(AccessError):
            goal.export_data(["name", "target"])
        groups = (
            self.env["perf.goal"]
            .with_user(self.user_colleague)
            ._read_group([("employee_id", "=", self.emp_employee.id)], [], ["__count"])
        )
        self.assertEqual(groups[0][0], 2, "read_group counts the published ones only")

    def test_check_ins_follow_the_goal(self):
        checkin = self.env["perf.checkin"].create(
            {"goal_id": self.private_goal.id, "value": 5}
        )
        with self.assertRaises(AccessError):
            checkin.with_user(self.user_colleague).read(["value"])
        checkin.with_user(self.user_manager).read(["value"])

    def test_colleague_cannot_write_a_published_goal(self):
        with self.assertRaises(AccessError):
            self.public_goal.with_user(self.user_colleague).write({"target": 1})

    def test_other_company_officer_sees_nothing(self):
        self.assertFalse(self._visible(self.user_other_officer))
        with self.assertRaises(AccessError):
            self.public_goal.with_user(self.user_other_officer).read(["name"])


@tagged("post_install", "-at_install")
class TestGoalRoles(PerfGoalCase):
    def test_employee_drafts_own_goals_only(self):
        Goal = self.env["perf.goal"].with_user(self.user_employee)
        mine = Goal.create(
            {"name": "Mine", "cycle_id": self.goal_cycle.id, "target": 10}
        )
        self.assertEqual(mine.employee_id, self.emp_employee, "defaults to me")
        with self.assertRaises(AccessError):
            Goal.create(
                {
                    "name": "For a colleague",
                    "employee_id": self.emp_colleague.id,
                    "cycle_id": self.goal_cycle.id,
                }
            )
        with self.assertRaises(AccessError):
            Goal.create(
                {
                    "name": "Department",
                    "owner": "department",
                    "employee_id": False,
                    "department_id": self.department.id,
                    "cycle_id": self.goal_cycle.id,
                }
            )
        mine.unlink()

    def test_manager_sets_goals_for_the_whole_team(self):
        Goal = self.env["perf.goal"].with_user(self.user_manager)
        for employee in (self.emp_employee, self.emp_no_user):
            goal = Goal.create(
                {
                    "name": "Set by my manager",
                    "employee_id": employee.id,
                    "cycle_id": self.goal_cycle.id,
                    "weight": 100,
                }
            )
            goal.action_approve()
            self.assertEqual(goal.state, "approved")
        dept_goal = Goal.create(
            {
                "name": "Department target",
                "owner": "department",
                "employee_id": False,
                "department_id": self.department.id,
                "cycle_id": self.goal_cycle.id,
            }
        )
        self.assertEqual(dept_goal.department_id, self.department)
        with self.assertRaises(AccessError):
            Goal.create(
                {
                    "name": "Not my team",
                    "employee_id": self.emp_outsider.id,
                    "cycle_id": self.goal_cycle.id,
                }
            )

    def test_manager_cannot_approve_own_goals(self):
        goal = self._goal(employee_id=self.emp_manager.id, weight=100)
        with self.assertRaises(AccessError):
            goal.with_user(self.user_manager).action_approve()

    def test_officer_sets_company_goals(self):
        goal = (
            self.env["perf.goal"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "Company revenue",
                    "owner": "company",
                    "employee_id": False,
                    "cycle_id": self.goal_cycle.id,
                    "visibility": "company",
                }
            )
        )
        goal.action_approve()
        self.assertEqual(goal.state, "approved")
        self.assertIn(
            goal, self.env["perf.goal"].with_user(self.user_employee).search([])
        )

    def test_employee_form_counts_goals_and_opens_them(self):
        self._goal()
        self._goal().action_cancel()
        self.assertEqual(self.emp_employee.perf_goal_count, 1)
        action = self.emp_employee.action_open_perf_goals()
        self.assertEqual(action["domain"], [("employee_id", "=", self.emp_employee.id)])
