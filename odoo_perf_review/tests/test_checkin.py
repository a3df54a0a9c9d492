# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..tools import cron_batches
from .common_dates import in_year
from .common_goal import PerfGoalCase


class Killed(BaseException):
    """The worker dies: not an error the scheduler could catch and log."""


@tagged("post_install", "-at_install")
class TestCheckin(PerfGoalCase):
    def _approved_goal(self, **vals):
        goal = self._goal(weight=100, **vals)
        goal.with_user(self.user_manager).action_approve()
        return goal

    def test_latest_check_in_sets_the_actual_value(self):
        goal = self._approved_goal()
        Checkin = self.env["perf.checkin"].with_user(self.user_employee)
        Checkin.create(
            {"goal_id": goal.id, "date": in_year(self.year, 2, 1), "value": 30}
        )
        Checkin.create(
            {"goal_id": goal.id, "date": in_year(self.year, 3, 1), "value": 55}
        )
        self.assertEqual(goal.actual, 55)
        Checkin.create(
            {"goal_id": goal.id, "date": in_year(self.year, 1, 15), "value": 10}
        )
        self.assertEqual(goal.actual, 55, "a back-dated check-in keeps the newer value")
        self.assertEqual(goal.last_checkin_date, in_year(self.year, 3, 1))
        self.assertEqual(goal.checkin_count, 3)
        self.assertAlmostEqual(goal.score, 44)

    def test_colleague_cannot_check_in_on_my_goal(self):
        goal = self._approved_goal(visibility="company")
        with self.assertRaises(AccessError):
            self.env["perf.checkin"].with_user(self.user_colleague).create(
                {"goal_id": goal.id, "value": 1}
            )

    def test_manager_checks_in_during_a_one_to_one(self):
        goal = self._approved_goal()
        self.env["perf.checkin"].with_user(self.user_manager).create(
            {"goal_id": goal.id, "value": 70, "confidence": "medium"}
        )
        self.assertEqual(goal.actual, 70)

    def test_no_check_in_on_a_finished_goal(self):
        goal = self._approved_goal()
        goal.with_user(self.user_manager).action_done()
        with self.assertRaisesRegex(UserError, "check-ins are closed"):
            self.env["perf.checkin"].create({"goal_id": goal.id, "value": 1})


@tagged("post_install", "-at_install")
class TestCheckinReminders(PerfGoalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.perf_checkin_reminder_days = 14
        cls.cron = cls.env.ref("odoo_perf_review.ir_cron_perf_goal_checkin_reminder")
        cls.activity_type = cls.env.ref("odoo_perf_review.mail_activity_goal_checkin")

    def _run(self):
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def _reminders(self, goals):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "perf.goal"),
                ("res_id", "in", goals.ids),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def _approved(self, employee, day):
        with freeze_time(day):
            goal = self._goal(employee_id=employee.id, weight=100)
            goal.with_user(self.user_officer).action_approve()
        return goal

    def test_reminds_once_after_the_quiet_period(self):
        goal = self._approved(self.emp_employee, in_year(self.year, 3, 1, 9))
        with freeze_time(in_year(self.year, 3, 10, 12)):
            self._run()
        self.assertFalse(self._reminders(goal), "9 days: too early")
        with freeze_time(in_year(self.year, 3, 16, 12)):
            self._run()
            self._run()
        reminder = self._reminders(goal)
        self.assertEqual(len(reminder), 1, "running twice does not remind twice")
        self.assertEqual(reminder.user_id, self.user_employee)

    def test_employee_without_user_reminds_the_manager(self):
        goal = self._approved(self.emp_no_user, in_year(self.year, 3, 1, 9))
        with freeze_time(in_year(self.year, 4, 1, 12)):
            self._run()
        self.assertEqual(self._reminders(goal).user_id, self.user_manager)

    def test_a_check_in_closes_the_reminder_and_restarts_the_clock(self):
        goal = self._approved(self.emp_employee, in_year(self.year, 3, 1, 9))
        with freeze_time(in_year(self.year, 3, 20, 12)):
            self._run()
            self.env["perf.checkin"].with_user(self.user_employee).create(
                {"goal_id": goal.id, "value": 10}
            )
        self.assertFalse(self._reminders(goal))
        with freeze_time(in_year(self.year, 3, 30, 12)):
            self._run()
        self.assertFalse(self._reminders(goal), "10 days after the check-in")

    def test_objectives_are_reminded_through_their_key_results(self):
        with freeze_time(in_year(self.year, 3, 1, 9)):
            objective = self._goal("Objective", goal_type="objective", weight=100)
            key_result = self._goal(
                "KR", goal_type="key_result", parent_id=objective.id, weight=100
            )
            objective.with_user(self.user_officer).action_approve()
            key_result.with_user(self.user_officer).action_approve()
        with freeze_time(in_year(self.year, 4, 1, 12)):
            self._run()
        self.assertFalse(self._reminders(objective))
        self.assertEqual(len(self._reminders(key_result)), 1)

    def test_a_run_killed_halfway_resumes_without_duplicates(self):
        goals = self.env["perf.goal"]
        with freeze_time(in_year(self.year, 3, 1, 9)):
            for employee in (self.emp_employee, self.emp_colleague, self.emp_no_user):
                for index in range(2):
                    goal = self._goal(f"Goal {index}", employee_id=employee.id)
                    goals |= goal
            goals.with_user(self.user_officer).action_approve()
        Activity = type(self.env["mail.activity"])
        original_create = Activity.create
        calls = []

        def dying_create(records, vals_list):
            calls.append(len(vals_list))
            if len(calls) == 2:
                raise Killed()
            return original_create(records, vals_list)

        reminders = self.env["perf.goal"]
        with (
            freeze_time(in_year(self.year, 4, 1, 12)),
            patch.object(cron_batches, "BATCH_SIZE", 2),
        ):
            with patch.object(Activity, "create", dying_create):
                killed = False
                try:
                    reminders._cron_checkin_reminders()
                except Killed:
                    killed = True
                self.assertTrue(killed)
            self.assertEqual(len(self._reminders(goals)), 2, "the first batch stays")
            reminders._cron_checkin_reminders()
        found = self._reminders(goals)
        self.assertEqual(len(found), len(goals), "one reminder per goal, no more")
        self.assertEqual(set(found.mapped("res_id")), set(goals.ids))

    def test_zero_days_turns_reminders_off(self):
        self.company.perf_checkin_reminder_days = 0
        goal = self._approved(self.emp_employee, in_year(self.year, 3, 1, 9))
        with freeze_time(in_year(self.year, 6, 1, 12)):
            self._run()
        self.assertFalse(self._reminders(goal))
