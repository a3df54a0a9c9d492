# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The follow-up and appeal crons commit in batches: a run killed halfway
resumes without duplicates, and one bad record does not block the others."""

from collections import Counter
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from ..models import perf_cycle
from ..tools import cron_batches
from .test_appraisal import AppraisalCase

BATCHES_LOGGER = "odoo.addons.odoo_perf_review.tools.cron_batches"


class Killed(BaseException):
    """The worker dies: not an error the scheduler could catch and log."""


class CronRestartCase(AppraisalCase):
    def _call_dying(self, run, model, method, on_call):
        """``run()`` with the worker dying at the ``on_call``-th call of
        ``model.method``: the batches before it stay, nothing after it runs."""
        model_class = type(self.env[model])
        original = getattr(model_class, method)
        calls = []

        def dying(records, *args, **kwargs):
            calls.append(records.ids)
            if len(calls) == on_call:
                raise Killed()
            return original(records, *args, **kwargs)

        killed = False
        with patch.object(model_class, method, dying):
            try:
                run()
            except Killed:
                killed = True
        self.assertTrue(killed)
        self.env.invalidate_all()

    def _failing_for(self, model, method, bad):
        """Patch ``model.method`` to fail whenever it is called on ``bad``."""
        model_class = type(self.env[model])
        original = getattr(model_class, method)

        def failing(records, *args, **kwargs):
            if bad & records:
                raise ValueError(f"{bad.display_name} is broken")
            return original(records, *args, **kwargs)

        return patch.object(model_class, method, failing)

    def _run_cron(self, xmlid, day):
        """A real scheduler run, its batches committing their progress."""
        cron = self.env.ref(xmlid)
        with (
            freeze_time(f"{day} 12:00"),
            patch.object(cron_batches, "BATCH_SIZE", 2),
            self.enter_registry_test_mode(),
        ):
            result = cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertIs(result, True, "the job ran without error")
        # One progress per call of the job by the scheduler.
        return self.env["ir.cron.progress"].search(
            [("cron_id", "=", cron.id)], order="id"
        )


@tagged("post_install", "-at_install")
class TestCronRestartFollowup(CronRestartCase):
    def setUp(self):
        super().setUp()
        self._launch_all()
        self._open_review_phase()
        self.reviews = self.env["perf.review"].search(
            [("cycle_id", "=", self.cycle.id), ("state", "=", "requested")]
        )
        self.appraisals = self.reviews.appraisal_id
        self.deadline = self.cycle.review_deadline
        # Several batches of 2 in each step.
        self.assertGreater(len(self.appraisals), 4)

    def _run(self, days):
        """Run the follow-up ``days`` after the deadline, in batches of 2."""
        day = self.deadline + timedelta(days=days)
        with freeze_time(f"{day} 12:00"), patch.object(cron_batches, "BATCH_SIZE", 2):
            result = self.env["perf.review"]._cron_review_followup()
        self.env.invalidate_all()
        return result

    def _reminders_per_review(self):
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "perf.review"),
                ("res_id", "in", self.reviews.ids),
                ("body", "ilike", "Reminder: your review"),
            ]
        )
        return Counter(messages.mapped("res_id"))

    def _late_activities_per_appraisal(self):
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "perf.appraisal"),
                ("res_id", "in", self.appraisals.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("odoo_perf_review.mail_activity_review_late").id,
                ),
            ]
        )
        return Counter(activities.mapped("res_id"))

    def _assert_reminded_once(self):
        self.assertTrue(all(self.reviews.mapped("reminded_date")))
        # Reviewers without a user get no message, but are marked reminded.
        with_user = self.reviews.filtered("reviewer_user_id")
        self.assertLess(len(with_user), len(self.reviews))
        self.assertEqual(self._reminders_per_review(), Counter(with_user.ids))

    def test_reminders_killed_halfway_resume_without_duplicates(self):
        self._call_dying(lambda: self._run(-2), "perf.review", "_send_reminder", 3)
        self.assertEqual(
            len(self.reviews.filtered("reminded_date")), 2, "the first batch stays"
        )
        result = self._run(-2)
        self.assertEqual(result["reminded"], len(self.reviews) - 2)
        self._assert_reminded_once()
        self.assertEqual(self._run(-2)["reminded"], 0, "a re-run adds nothing")
        self.assertEqual(self._run(-1)["reminded"], 0)
        self._assert_reminded_once()

    def test_escalation_killed_halfway_resumes_without_duplicates(self):
        escalate = "_escalate_late_reviews"
        self._call_dying(lambda: self._run(1), "perf.appraisal", escalate, 3)
        first = self.reviews.filtered("escalation_level")
        self.assertEqual(len(first.appraisal_id), 2, "the first batch stays")
        self.assertEqual(
            self._late_activities_per_appraisal(), Counter(first.appraisal_id.ids)
        )
        result = self._run(1)
        self.assertEqual(result["escalated"], len(self.reviews - first))
        self.assertEqual(set(self.reviews.mapped("escalation_level")), {1})
        once = Counter(self.appraisals.ids)
        self.assertEqual(self._late_activities_per_appraisal(), once)
        self.assertEqual(self._run(1)["escalated"], 0, "a re-run adds nothing")
        self.assertEqual(self._run(2)["escalated"], 0)
        self.assertEqual(self._late_activities_per_appraisal(), once)
        # Then to HR, killed halfway too.
        self._call_dying(lambda: self._run(3), "perf.appraisal", escalate, 3)
        first = self.reviews.filtered(lambda r: r.escalation_level == 2)
        self.assertEqual(len(first.appraisal_id), 2, "the first batch stays")
        self.assertEqual(self._run(3)["escalated"], len(self.reviews - first))
        self.assertEqual(set(self.reviews.mapped("escalation_level")), {2})
        twice = once + once
        self.assertEqual(self._late_activities_per_appraisal(), twice)
        self.assertEqual(self._run(3)["escalated"], 0, "a re-run adds nothing")
        self.assertEqual(self._late_activities_per_appraisal(), twice)

    def test_expiry_killed_halfway_resumes_without_duplicates(self):
        self._call_dying(lambda: self._run(8), "perf.appraisal", "_compute_results", 2)
        expired = self.reviews.filtered(lambda r: r.state == "expired")
        self.assertEqual(len(expired), 2, "the first batch stays")
        Appraisal = type(self.env["perf.appraisal"])
        original = Appraisal._compute_results
        recomputed = []

        def spy(records):
            recomputed.extend(records.ids)
            return original(records)

        with patch.object(Appraisal, "_compute_results", spy):
            result = self._run(8)
        self.assertEqual(
            result,
            {"reminded": 0, "escalated": 0, "expired": len(self.reviews) - 2},
        )
        self.assertEqual(set(self.reviews.mapped("state")), {"expired"})
        self.assertEqual(
            set(recomputed), set((self.reviews - expired).appraisal_id.ids)
        )
        self.assertFalse(self._late_activities_per_appraisal(), "expired, not late")
        self.assertEqual(self._run(8)["expired"], 0, "a re-run adds nothing")

    def test_a_bad_reminder_is_skipped_and_logged(self):
        bad = self.reviews.filtered("reviewer_user_id")[2]
        with (
            self._failing_for("perf.review", "_send_reminder", bad),
            self.assertLogs(BATCHES_LOGGER, level="ERROR") as logs,
        ):
            result = self._run(-2)
        self.assertEqual(len(logs.records), 1)
        self.assertIn(f"(id {bad.id}) skipped", logs.output[0])
        self.assertEqual(result["reminded"], len(self.reviews) - 1)
        self.assertEqual(self.reviews.filtered(lambda r: not r.reminded_date), bad)
        self.assertNotIn(bad.id, self._reminders_per_review())
        # Nothing is lost: the next run reminds it.
        self.assertEqual(self._run(-1)["reminded"], 1)
        self._assert_reminded_once()

    def test_a_bad_escalation_is_skipped_and_logged(self):
        bad = self._appraisal(self.emp_colleague)
        late = bad.review_ids & self.reviews
        with (
            self._failing_for("perf.appraisal", "_escalate_late_reviews", bad),
            self.assertLogs(BATCHES_LOGGER, level="ERROR") as logs,
        ):
            result = self._run(1)
        self.assertEqual(len(logs.records), 1)
        self.assertIn(f"(id {bad.id}) skipped", logs.output[0])
        self.assertEqual(result["escalated"], len(self.reviews - late))
        self.assertEqual(set(late.mapped("escalation_level")), {0})
        self.assertEqual(set((self.reviews - late).mapped("escalation_level")), {1})
        self.assertEqual(
            self._late_activities_per_appraisal(),
            Counter((self.appraisals - bad).ids),
        )
        self.assertEqual(self._run(2)["escalated"], len(late), "escalated next day")
        self.assertEqual(
            self._late_activities_per_appraisal(), Counter(self.appraisals.ids)
        )

    def test_a_bad_expiry_is_skipped_and_logged(self):
        bad = self._appraisal(self.emp_employee)
        late = bad.review_ids & self.reviews
        with (
            self._failing_for("perf.appraisal", "_compute_results", bad),
            self.assertLogs(BATCHES_LOGGER, level="ERROR") as logs,
        ):
            result = self._run(8)
        # Each of its reviews is retried alone, and skipped.
        self.assertEqual(len(logs.records), len(late))
        self.assertEqual(result["expired"], len(self.reviews - late))
        self.assertEqual(set(late.mapped("state")), {"requested"})
        self.assertEqual(set((self.reviews - late).mapped("state")), {"expired"})
        self.assertEqual(self._run(9)["expired"], len(late))

    def test_a_cron_run_commits_its_batches(self):
        progress = self._run_cron(
            "odoo_perf_review.ir_cron_perf_review_followup",
            self.deadline + timedelta(days=1),
        )
        self.assertEqual(set(self.reviews.mapped("escalation_level")), {1})
        self.assertEqual(
            self._late_activities_per_appraisal(), Counter(self.appraisals.ids)
        )
        # Each batch of 2 appraisals committed its progress, all in one call.
        self.assertEqual(len(progress), 1)
        self.assertEqual((progress.done, progress.remaining), (len(self.appraisals), 0))

    def test_a_cron_run_out_of_time_is_resumed_by_the_scheduler(self):
        expiring = (
            self.reviews
            & (
                self._appraisal(self.emp_employee) | self._appraisal(self.emp_colleague)
            ).review_ids
        )
        expiring.deadline = self.deadline - timedelta(days=10)
        late = self.reviews - expiring
        # More batches to expire than to escalate: the escalation must not
        # report "nothing left" while reviews still wait to expire.
        self.assertGreater(len(expiring), len(late.appraisal_id))
        Cron = type(self.env["ir.cron"])
        original = Cron._commit_progress

        def out_of_time(cron, *args, **kwargs):
            original(cron, *args, **kwargs)
            return 0.0

        with patch.object(Cron, "_commit_progress", out_of_time):
            progress = self._run_cron(
                "odoo_perf_review.ir_cron_perf_review_followup",
                self.deadline + timedelta(days=1),
            )
        self.assertGreater(len(progress), 1, "called again for the rest")
        self.assertEqual(progress[-1].remaining, 0)
        self.assertEqual(set(expiring.mapped("state")), {"expired"})
        self.assertEqual(set(late.mapped("state")), {"requested"})
        self.assertEqual(set(late.mapped("escalation_level")), {1})
        self.assertEqual(
            self._late_activities_per_appraisal(), Counter(late.appraisal_id.ids)
        )


@tagged("post_install", "-at_install")
class TestCronRestartAppeal(CronRestartCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.user_id = cls.user_officer
        cls.company.perf_appeal_window_days = 5
        cls.company.perf_appeal_decision_days = 10
        ctx = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.appellants = cls.user_employee | cls.user_colleague
        for index in range(2):
            user = new_test_user(
                cls.env,
                f"perf_appellant_{index}",
                groups="base.group_user",
                name=f"Appellant {index}",
                **ctx,
            )
            cls.env["hr.employee"].create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "company_id": cls.company.id,
                    "department_id": cls.department.id,
                    "parent_id": cls.emp_manager.id,
                }
            )
            cls.appellants |= user

    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        appraisals = self.env["perf.appraisal"].search(
            [
                ("cycle_id", "=", self.cycle.id),
                ("employee_id.user_id", "in", self.appellants.ids),
            ]
        )
        for review in appraisals.review_ids.filtered(
            lambda r: r.rater_type == "manager"
        ):
            self._answer(review, 1, self.user_manager)
        with freeze_time("2026-06-01 09:00:00"):  # a Monday
            appraisals.action_release()
        self.appeals = self.env["perf.appeal"]
        with freeze_time("2026-06-03 10:00:00"):  # decision due on 17 June
            for appraisal in appraisals:
                self.appeals |= (
                    self.env["perf.appeal"]
                    .with_user(appraisal.employee_id.user_id)
                    .create(
                        {
                            "appraisal_id": appraisal.id,
                            "explanation": "<p>My main goal was met.</p>",
                        }
                    )
                    .sudo()
                )
        self.assertEqual(len(self.appeals), 4)

    def _run(self, day):
        with (
            freeze_time(f"{day} 12:00:00"),
            patch.object(cron_batches, "BATCH_SIZE", 2),
        ):
            count = self.env["perf.appeal"]._cron_escalate_overdue()
        self.env.invalidate_all()
        return count

    def _admin_activities_per_appeal(self):
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "perf.appeal"),
                ("res_id", "in", self.appeals.ids),
                ("user_id", "=", self.user_admin.id),
            ]
        )
        return Counter(activities.mapped("res_id"))

    def _assert_escalated_once(self, appeals):
        self.assertEqual(self._admin_activities_per_appeal(), Counter(appeals.ids))
        self.assertEqual(
            {a.id: a.escalation_count for a in self.appeals},
            {a.id: int(a in appeals) for a in self.appeals},
        )

    def test_escalation_killed_halfway_resumes_without_duplicates(self):
        self._call_dying(
            lambda: self._run("2026-06-18"), "perf.appeal", "activity_schedule", 3
        )
        first = self.appeals.filtered("escalation_count")
        self.assertEqual(len(first), 2, "the first batch stays")
        self._assert_escalated_once(first)
        self.assertEqual(self._run("2026-06-18"), 2)
        self._assert_escalated_once(self.appeals)
        self.assertEqual(self._run("2026-06-18"), 0, "a re-run adds nothing")
        self.assertEqual(self._run("2026-06-19"), 0, "every 2 days, not daily")
        self._assert_escalated_once(self.appeals)

    def test_a_bad_appeal_is_skipped_and_logged(self):
        bad = self.appeals[1]
        with (
            self._failing_for("perf.appeal", "activity_schedule", bad),
            self.assertLogs(BATCHES_LOGGER, level="ERROR") as logs,
        ):
            self.assertEqual(self._run("2026-06-18"), 3)
        self.assertEqual(len(logs.records), 1)
        self.assertIn(f"(id {bad.id}) skipped", logs.output[0])
        self._assert_escalated_once(self.appeals - bad)
        self.assertFalse(bad.last_escalation_date)
        # Nothing is lost: the next run escalates it.
        self.assertEqual(self._run("2026-06-19"), 1)
        self._assert_escalated_once(self.appeals)

    def test_a_cron_run_commits_its_batches(self):
        progress = self._run_cron(
            "odoo_perf_review.ir_cron_perf_appeal_escalation", "2026-06-18"
        )
        self._assert_escalated_once(self.appeals)
        self.assertEqual(len(progress), 1)
        self.assertEqual((progress.done, progress.remaining), (4, 0))


@tagged("post_install", "-at_install")
class TestPhaseJob(CronRestartCase):
    """Above a few hundred appraisals, opening the reviews and releasing the
    results leave the click and the phase cron for the phase job, which works
    in committed batches (here: above 1 appraisal, in batches of 2)."""

    def setUp(self):
        super().setUp()
        self._launch_all()
        self.appraisals = self.env["perf.appraisal"].search(
            [("cycle_id", "=", self.cycle.id)]
        )
        self.assertGreater(len(self.appraisals), 4)
        patcher = patch.multiple(
            perf_cycle, PHASE_WORK_INLINE_LIMIT=1, PHASE_WORK_BATCH_SIZE=2
        )
        patcher.start()
        self.addCleanup(patcher.stop)
        self.job = self.env.ref("odoo_perf_review.ir_cron_perf_cycle_phase_work")

    def _job(self):
        done = self.env["perf.cycle"]._cron_phase_work()
        self.env.invalidate_all()
        return done

    def _todos_per_reviewer(self):
        """{user id: to-dos} of the cycle: one per reviewer and cycle."""
        activities = self.env["mail.activity"].search(
            [
                ("perf_cycle_id", "=", self.cycle.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("odoo_perf_review.mail_activity_review").id,
                ),
            ]
        )
        return Counter(activities.mapped("user_id.id"))

    def _assert_all_opened_once(self):
        reviews = self.appraisals.review_ids
        self.assertEqual(set(self.appraisals.mapped("state")), {"review"})
        self.assertEqual(set(reviews.mapped("state")), {"requested"})
        with_user = reviews.filtered("reviewer_user_id")
        self.assertEqual(
            self._todos_per_reviewer(), Counter(with_user.reviewer_user_id.ids)
        )
        self.assertFalse(reviews.activity_ids)
        for review in reviews:
            lines = review.line_ids.filtered("criterion_id")
            self.assertEqual(len(lines), len(lines.criterion_id), "no line twice")

    def _released_messages(self):
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "perf.appraisal"),
                ("res_id", "in", self.appraisals.ids),
                ("body", "ilike", "The results of your appraisal are available"),
            ]
        )
        return Counter(messages.mapped("res_id"))

    def test_a_large_review_phase_opens_in_the_background(self):
        self.assertFalse(
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.job.id)])
        )
        self._open_review_phase()
        self.assertEqual(
            set(self.appraisals.mapped("state")), {"planned"}, "not in the click"
        )
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.job.id)]),
            "the phase job is called",
        )
        self.assertTrue(
            self.cycle.message_ids.filtered(
                lambda m: "in the background" in str(m.body)
            ),
            "the cycle says the work goes on in the background",
        )
        self.assertEqual(
            self.cycle.pending_phase_work_count,
            len(self.appraisals),
            "the cycle form shows what is still being done",
        )
        self.assertEqual(self._job(), len(self.appraisals))
        self._assert_all_opened_once()
        self.assertEqual(self.cycle.pending_phase_work_count, 0)
        self.assertEqual(self._job(), 0, "a re-run finds nothing to do")

    def test_opening_killed_halfway_resumes_without_duplicates(self):
        self._open_review_phase()
        self._call_dying(self._job, "perf.review", "_schedule_activities", 2)
        self.assertEqual(
            len(self.appraisals.filtered(lambda a: a.state == "review")),
            2,
            "the first batch stays",
        )
        self.assertEqual(self._job(), len(self.appraisals) - 2)
        self._assert_all_opened_once()

    def test_a_bad_appraisal_is_skipped_and_logged(self):
        bad = self.appraisals[3]
        self._open_review_phase()
        with (
            self._failing_for("perf.appraisal", "_open_reviews", bad),
            self.assertLogs(BATCHES_LOGGER, "ERROR"),
        ):
            self.assertEqual(self._job(), len(self.appraisals) - 1)
        self.assertEqual(bad.state, "planned")
        self.assertEqual(self._job(), 1, "the next run catches it up")
        self._assert_all_opened_once()

    def test_a_large_release_runs_in_the_background_and_resumes(self):
        self._open_review_phase()
        self._job()
        waiting = self._appraisal(self.emp_no_user)
        for review in self.appraisals.review_ids.filtered(
            lambda r: r.rater_type == "manager" and r.appraisal_id != waiting
        ):
            self._answer(review, 2)
        ready = self.appraisals.filtered(
            lambda a: (
                a != waiting
                and a.review_ids.filtered(lambda r: r.rater_type == "manager")
            )
        )
        # Erin, Cole and the three Bea reviews; Nia's manager has not answered.
        self.assertEqual(len(ready), 5)
        # HR moves on with the reviews still open (they close unanswered) and
        # releases without Nia, whose manager did not answer: she is excluded
        # explicitly, never left behind silently.
        self.cycle._move_on_with_gaps("calibration", exclude=False)
        # The review phase is over: the job closes every appraisal's reviews.
        self.assertEqual(self._job(), len(self.appraisals))
        self.assertTrue(all(self.appraisals.mapped("reviews_closed")))
        self.cycle._move_on_with_gaps("released", exclude=True)
        self.assertEqual(self.cycle.state, "released")
        self.assertFalse(self._released_messages(), "not in the click")
        with patch.object(perf_cycle, "PHASE_WORK_BATCH_SIZE", 1):
            self._call_dying(self._job, "perf.appraisal", "action_release", 2)
            self.assertEqual(len(self._released_messages()), 1, "the first stays")
            self.assertEqual(self._job(), len(ready) - 1)
        self.assertEqual(self._released_messages(), Counter(ready.ids))
        self.assertEqual(set(ready.mapped("state")), {"released"})
        self.assertEqual(waiting.state, "cancelled", "excluded, not left in review")
        self.assertEqual(self._job(), 0)

    def test_a_scheduler_run_commits_its_batches(self):
        self._open_review_phase()
        progress = self._run_cron(
            "odoo_perf_review.ir_cron_perf_cycle_phase_work",
            fields.Date.today(),
        )
        self.assertEqual(progress[-1].done, len(self.appraisals))
        self.assertEqual(progress[-1].remaining, 0)
        self._assert_all_opened_once()
