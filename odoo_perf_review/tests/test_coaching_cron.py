# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A manager who has not met a report for N days gets one activity: batched,
resumable, idempotent, and one bad record does not block the others."""

from collections import Counter
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from ..models import perf_meeting_reminder
from ..tools import cron_batches
from .common_coaching import CoachingCase
from .test_cron_restart import BATCHES_LOGGER, CronRestartCase

CRON = "odoo_perf_review.ir_cron_perf_meeting_reminder"


class MeetingReminderCase(CoachingCase, CronRestartCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.perf_meeting_reminder_days = 30
        cls.newcomers = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Report {index}",
                    "company_id": cls.company.id,
                    "parent_id": cls.emp_manager.id,
                }
                for index in range(5)
            ]
        )
        cls.today = fields.Date.today()
        # Everyone who has a manager with a user: Mona's six reports, the five
        # newcomers, and Otis under Max.
        cls.reports = cls.env["hr.employee"].search(
            [("company_id", "=", cls.company.id), ("parent_id.user_id", "!=", False)]
        )
        cls.activity_type = cls.env.ref(
            "odoo_perf_review.mail_activity_meeting_overdue"
        )

    def _run(self, days):
        day = self.today + timedelta(days=days)
        with freeze_time(f"{day} 12:00"), patch.object(cron_batches, "BATCH_SIZE", 2):
            done = self.env["perf.meeting"]._cron_meeting_reminders()
        self.env.invalidate_all()
        return done

    def _reminders(self):
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.employee"),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )
        return Counter((a.res_id, a.user_id.id) for a in activities)

    def _expected(self, employees):
        return Counter((e.id, e.parent_id.user_id.id) for e in employees)


@tagged("post_install", "-at_install")
class TestMeetingReminders(MeetingReminderCase):
    def test_one_activity_per_report_not_met_for_n_days(self):
        self.meeting.with_user(self.user_manager).action_hold()
        self.assertEqual(self._run(10), 0, "nobody is late yet")
        # Thirty days on: everyone but Erin, met today; she is late ten days after.
        self.assertEqual(self._run(30), len(self.reports) - 1)
        self.assertEqual(
            self._reminders(), self._expected(self.reports - self.emp_employee)
        )
        activity = self.env["mail.activity"].search(
            [("res_id", "=", self.emp_colleague.id), ("res_model", "=", "hr.employee")]
        )
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertIn("Meet Cole Colleague: no one-on-one yet", activity.summary)
        self.assertEqual(self._run(31), 1, "Erin now")
        erin = self.env["mail.activity"].search(
            [("res_id", "=", self.emp_employee.id), ("res_model", "=", "hr.employee")]
        )
        self.assertIn("no one-on-one since", erin.summary)
        self.assertEqual(self._run(32), 0, "an open reminder is never repeated")
        self.assertEqual(self._reminders(), self._expected(self.reports))
        self.assertFalse(
            self.env["mail.followers"].search(
                [
                    ("res_model", "=", "hr.employee"),
                    ("res_id", "in", self.reports.ids),
                    ("partner_id", "=", self.user_manager.partner_id.id),
                ]
            ),
            "a reminder does not make Mona follow her reports' HR records",
        )
        self.assertFalse(
            self.env["mail.message"]
            .search([("model", "=", "hr.employee"), ("res_id", "in", self.reports.ids)])
            .filtered(lambda m: "Meet " in str(m.subject or "")),
            "no email for each reminder",
        )

    def test_holding_a_meeting_closes_the_reminder(self):
        self._run(40)
        self.assertIn((self.emp_employee.id, self.user_manager.id), self._reminders())
        self.meeting.with_user(self.user_employee).action_hold()
        self.assertNotIn(
            (self.emp_employee.id, self.user_manager.id), self._reminders()
        )
        # Counted from the meeting's date (tomorrow): met, not late.
        self.assertNotIn(self.emp_employee.id, [r[0] for r in self._reminders()])
        self.assertEqual(self._run(20), 0)
        self.assertEqual(self._run(31), 1, "thirty days after the meeting: late")

    def test_the_setting_and_the_company(self):
        self.company.perf_meeting_reminder_days = 0
        self.assertEqual(self._run(400), 0, "0 turns the reminders off")
        self.company.perf_meeting_reminder_days = 90
        self.assertEqual(self._run(60), 0)
        self.assertEqual(self._run(90), len(self.reports))

    def test_each_manager_reads_it_in_their_language(self):
        seen = []
        original = perf_meeting_reminder.in_lang_of

        def spy(record, recipient):
            seen.append(recipient)
            return original(record, recipient)

        with patch.object(perf_meeting_reminder, "in_lang_of", spy):
            self._run(40)
        self.assertEqual(set(seen), set(self.reports.parent_id.user_id))


@tagged("post_install", "-at_install")
class TestMeetingRemindersRestart(MeetingReminderCase):
    def test_killed_halfway_resumes_without_duplicates(self):
        self._call_dying(lambda: self._run(40), "mail.activity", "create", 3)
        self.assertEqual(sum(self._reminders().values()), 4, "two batches stay")
        self.assertEqual(self._run(40), len(self.reports) - 4)
        self.assertEqual(self._reminders(), self._expected(self.reports))
        self.assertEqual(self._run(40), 0, "a re-run adds nothing")
        self.assertEqual(self._reminders(), self._expected(self.reports))

    def test_a_real_scheduler_run_commits_its_batches(self):
        progress = self._run_cron(CRON, self.today + timedelta(days=40))
        self.assertTrue(progress)
        self.assertEqual(self._reminders(), self._expected(self.reports))
        self._run_cron(CRON, self.today + timedelta(days=41))
        self.assertEqual(self._reminders(), self._expected(self.reports))

    def test_a_bad_record_is_skipped_and_logged(self):
        original = perf_meeting_reminder.in_lang_of

        def failing(record, recipient):
            if recipient == self.user_other_manager:
                raise ValueError("Max's language is broken")
            return original(record, recipient)

        with (
            patch.object(perf_meeting_reminder, "in_lang_of", failing),
            self.assertLogs(BATCHES_LOGGER, level="ERROR") as logs,
        ):
            done = self._run(40)
        self.assertEqual(done, len(self.reports) - 1)
        self.assertIn("Otis Outsider", "\n".join(logs.output))
        self.assertEqual(
            self._reminders(), self._expected(self.reports - self.emp_outsider)
        )
        self.assertEqual(self._run(40), 1, "repaired, Otis's turn")
