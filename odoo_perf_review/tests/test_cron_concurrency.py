# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Crons under concurrent user writes, with real transactions: a second
connection (the user) writes while a batch runs; the other records progress,
the conflicting one is skipped for this run (at INFO, never an error) and done
by the next run."""

import logging
import time
from datetime import timedelta
from unittest.mock import patch

from psycopg2.errors import LockNotAvailable

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged

from ..tools import cron_batches
from . import test_cron_restart
from .test_cron_restart import CronRestartCase

BATCHES_LOGGER = "odoo.addons.odoo_perf_review.tools.cron_batches"
FOLLOWUP = "odoo_perf_review.ir_cron_perf_review_followup"


class _ErrorCounter(logging.Handler):
    """Counts what reaches the 'odoo' loggers at WARNING or above."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@tagged("post_install", "-at_install")
class TestCronBatchesTwoConnections(TransactionCase):
    """``apply_in_batches`` in a cron run on committed rows, while another
    connection writes them. The rows are scratch partners, committed and
    removed again by the test."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partners = env["res.partner"].create(
                [{"name": f"Cron concurrency {index}"} for index in range(7)]
            )
            self.cron_id = env.ref(FOLLOWUP).id
            cr.execute("SELECT COALESCE(MAX(id), 0) FROM ir_cron_trigger")
            [self.last_trigger] = cr.fetchone()
            cr.execute("SELECT COALESCE(MAX(id), 0) FROM ir_cron_progress")
            [self.last_progress] = cr.fetchone()
        # Six to do in batches of 2; the seventh is written outside the batches.
        self.ids, self.outside_id = partners.ids[:6], partners.ids[6]
        self.addCleanup(self._remove)
        self.user_cr = self.registry.cursor()
        self.addCleanup(self.user_cr.close)
        self.addCleanup(self.user_cr.rollback)
        lock_patch = patch.object(cron_batches, "LOCK_TIMEOUT_MS", 300)
        lock_patch.start()
        self.addCleanup(lock_patch.stop)

    def _remove(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.partner"].browse([*self.ids, self.outside_id]).unlink()
            cr.execute(
                "DELETE FROM ir_cron_trigger WHERE cron_id = %s AND id > %s",
                (self.cron_id, self.last_trigger),
            )
            cr.execute(
                "DELETE FROM ir_cron_progress WHERE cron_id = %s AND id > %s",
                (self.cron_id, self.last_progress),
            )

    def _user_writes(self, partner_id, commit=False):
        """The user saves a partner: its row stays locked until they commit."""
        self.user_cr.execute(
            "UPDATE res_partner SET function = 'saved by a user' WHERE id = %s",
            (partner_id,),
        )
        if commit:
            self.user_cr.commit()

    def _cron_run(self, operation):
        """One scheduler call of a job doing ``operation`` in batches of 2, in
        its own connection; (done, log records at WARNING or above, INFO
        lines of the batches)."""
        errors = _ErrorCounter()
        odoo_logger = logging.getLogger("odoo")
        odoo_logger.addHandler(errors)
        try:
            with (
                self.registry.cursor() as cr,
                self.assertLogs(BATCHES_LOGGER, logging.INFO) as logs,
            ):
                env = api.Environment(
                    cr,
                    SUPERUSER_ID,
                    {"cron_id": self.cron_id, "cron_end_time": time.monotonic() + 60},
                )
                cron, _progress = env["ir.cron"].browse(self.cron_id)._add_progress()
                # Committed, as the scheduler does before calling the job.
                cron._commit_progress(0)
                partners = cron.env["res.partner"].browse(self.ids)
                done = cron_batches.apply_in_batches(
                    partners, operation, batch_size=2, what="Partner"
                )
        finally:
            odoo_logger.removeHandler(errors)
        return done, errors.records, logs.output

    def _done(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM res_partner WHERE id IN %s AND ref = 'done'",
                (tuple(self.ids),),
            )
            return {row[0] for row in cr.fetchall()}

    def _retry_triggers(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT call_at FROM ir_cron_trigger WHERE cron_id = %s AND id > %s",
                (self.cron_id, self.last_trigger),
            )
            return [row[0] for row in cr.fetchall()]

    @staticmethod
    def _mark(batch):
        batch.write({"ref": "done"})

    def test_a_record_being_saved_is_skipped_then_done_by_the_next_run(self):
        busy = self.ids[3]
        self._user_writes(busy)  # still saving while the job runs
        started = time.monotonic()
        done, errors, logs = self._cron_run(self._mark)
        # The lock is not waited for: the record is skipped at once.
        self.assertLess(time.monotonic() - started, 5)
        self.assertEqual(done, 5)
        self.assertEqual(self._done(), set(self.ids) - {busy})
        self.assertFalse(errors, "a conflict is not an error")
        self.assertTrue(any(f"Partner {busy} skipped" in line for line in logs))
        self.assertTrue(any("5 of 6 done" in line for line in logs), logs)
        # Retried shortly, not at the next daily run.
        [call_at] = self._retry_triggers()
        self.assertLessEqual(call_at, fields.Datetime.now() + timedelta(minutes=3))
        self.user_cr.commit()  # the user's save ends

        done, errors, _logs = self._cron_run(
            lambda batch: self._mark(batch.filtered(lambda p: p.ref != "done"))
        )
        self.assertEqual(done, 6)
        self.assertEqual(self._done(), set(self.ids))
        self.assertFalse(errors)

    def test_a_row_held_outside_the_batch_skips_only_its_record(self):
        conflicting = self.ids[2]

        def mark_and_touch(batch):
            self._mark(batch)
            if conflicting in batch.ids:
                batch.browse(self.outside_id).function = "touched by the job"

        self._user_writes(self.outside_id)  # held during the whole run
        done, errors, logs = self._cron_run(mark_and_touch)
        self.assertEqual(done, 5)
        # Its batch mate (id 3) was done again alone, in a new transaction.
        self.assertEqual(self._done(), set(self.ids) - {conflicting})
        self.assertFalse(errors, "a lock timeout is not an error")
        self.assertTrue(
            any(f"Partner {conflicting} skipped" in line for line in logs), logs
        )
        self.user_cr.commit()
        done, errors, _logs = self._cron_run(mark_and_touch)
        self.assertEqual(self._done(), set(self.ids))
        self.assertFalse(errors)

    def test_a_write_committed_during_a_batch_is_redone_in_a_fresh_snapshot(self):
        """The user commits a row the batch then writes: in the batch's
        snapshot (REPEATABLE READ) that write can never succeed; the batch is
        rolled back and its records done again, each in a new snapshot, so
        all succeed in this very run."""
        conflicting = self.ids[4]
        calls = []

        def mark_and_touch(batch):
            if conflicting in batch.ids:
                calls.append(batch.ids)
                if len(calls) == 1:
                    # The batch's snapshot is taken; the user commits now.
                    self._user_writes(self.outside_id, commit=True)
                batch.browse(self.outside_id).function = "touched by the job"
            self._mark(batch)

        done, errors, logs = self._cron_run(mark_and_touch)
        self.assertEqual(calls, [self.ids[4:6], [conflicting]])
        self.assertEqual(done, 6)
        self.assertEqual(self._done(), set(self.ids))
        self.assertFalse(errors, [r.getMessage() for r in errors])
        self.assertTrue(
            any("rolled back (SerializationFailure)" in line for line in logs), logs
        )
        self.assertFalse(self._retry_triggers(), "nothing left for later")


@tagged("post_install", "-at_install")
class TestReviewFollowupUnderConflicts(CronRestartCase):
    """The review follow-up job specifically: a conflict on one review while
    reminding skips that review only; the next run reminds it; nothing is
    logged as an error."""

    def setUp(self):
        super().setUp()
        self._launch_all()
        self._open_review_phase()
        self.reviews = self.env["perf.review"].search(
            [("cycle_id", "=", self.cycle.id), ("state", "=", "requested")]
        )
        self.deadline = self.cycle.review_deadline

    _reminders_per_review = (
        test_cron_restart.TestCronRestartFollowup._reminders_per_review
    )
    _assert_reminded_once = (
        test_cron_restart.TestCronRestartFollowup._assert_reminded_once
    )

    def test_a_conflicting_reminder_is_skipped_and_sent_by_the_next_run(self):
        """A reviewer keeps their review locked during the whole run (its
        reminder's writes time out); the others are reminded."""
        busy = self.reviews.filtered("reviewer_user_id")[2]
        Review = type(self.env["perf.review"])
        original = Review._send_reminder
        holding = [True]
        conflicts = []

        def conflicting(review):
            if review == busy and holding[0]:
                conflicts.append(review.id)
                raise LockNotAvailable("canceling statement due to lock timeout")
            return original(review)

        errors = _ErrorCounter()
        logging.getLogger("odoo").addHandler(errors)
        self.addCleanup(logging.getLogger("odoo").removeHandler, errors)
        with (
            patch.object(Review, "_send_reminder", conflicting),
            self.assertLogs(BATCHES_LOGGER, logging.INFO) as logs,
        ):
            progress = self._run_cron(FOLLOWUP, self.deadline - timedelta(days=2))
            # Tried in its batch, then alone in a new transaction.
            self.assertEqual(conflicts, [busy.id, busy.id])
            self.assertFalse(errors.records, [r.getMessage() for r in errors.records])
            self.assertEqual(self.reviews.filtered(lambda r: not r.reminded_date), busy)
            self.assertNotIn(busy.id, self._reminders_per_review())
            self.assertTrue(
                any(f"Review {busy.id} skipped" in line for line in logs.output)
            )
            self.assertEqual(progress[-1].remaining, 0)
            # A run is triggered shortly for it.
            self.assertTrue(
                self.env["ir.cron.trigger"].search(
                    [("cron_id", "=", self.env.ref(FOLLOWUP).id)]
                )
            )
            # The reviewer has saved: the next run reminds it, nobody twice.
            holding[0] = False
            self._run_cron(FOLLOWUP, self.deadline - timedelta(days=2))
        self.assertFalse(self.reviews.filtered(lambda r: not r.reminded_date))
        self._assert_reminded_once()

    def test_reminding_and_escalating_never_update_the_review_row(self):
        """The job's markers are written in perf.review.followup.status: a reviewer
        saving their review while it is reminded or escalated meets no
        serialization conflict (the load run logged them as errors)."""
        statements = []
        cursor_class = type(self.env.cr)
        original = cursor_class.execute

        def execute(cr, query, params=None, log_exceptions=True):
            statements.append(str(getattr(query, "code", query)))
            return original(cr, query, params, log_exceptions)

        days = self.template.review_escalation_days
        with patch.object(cursor_class, "execute", execute):
            self._run_cron(FOLLOWUP, self.deadline - timedelta(days=2))
            self._run_cron(FOLLOWUP, self.deadline + timedelta(days=1))
            self._run_cron(FOLLOWUP, self.deadline + timedelta(days=days))
        updates = [q for q in statements if 'UPDATE "perf_review"' in q]
        self.assertFalse(updates)
        self.assertTrue(any("perf_review_followup_status" in q for q in statements))
        self.assertFalse(self.reviews.filtered(lambda r: not r.reminded_date))
        self.assertEqual(set(self.reviews.mapped("escalation_level")), {2})

    def test_a_review_submitted_meanwhile_is_not_reminded(self):
        submitted = self.reviews.filtered("reviewer_user_id")[1]
        Review = type(self.env["perf.review"])
        original = Review.try_lock_for_update

        def submit_first(records, **kwargs):
            # The reviewer submits between the job's search and its batch.
            if submitted in records and submitted.state == "requested":
                submitted._workflow().state = "submitted"
                submitted.flush_recordset()
            return original(records, **kwargs)

        with patch.object(Review, "try_lock_for_update", submit_first):
            self._run_cron(FOLLOWUP, self.deadline - timedelta(days=2))
        self.assertFalse(submitted.reminded_date)
        self.assertNotIn(submitted.id, self._reminders_per_review())
        self.assertFalse(
            (self.reviews - submitted).filtered(lambda r: not r.reminded_date)
        )

    def test_a_run_out_of_time_asks_for_the_rest_at_once(self):
        """Odoo reschedules a job with work left without waking the cron
        workers; the job triggers itself for now, which notifies them."""
        Cron = type(self.env["ir.cron"])
        original_progress, original_trigger = Cron._commit_progress, Cron._trigger
        asked = []

        def out_of_time(cron, *args, **kwargs):
            original_progress(cron, *args, **kwargs)
            return 0.0

        def trigger(cron, at=None):
            asked.append((cron.id, at))
            return original_trigger(cron, at)

        with (
            patch.object(Cron, "_commit_progress", out_of_time),
            patch.object(Cron, "_trigger", trigger),
        ):
            self._run_cron(FOLLOWUP, self.deadline - timedelta(days=2))
        followup = self.env.ref(FOLLOWUP).id
        self.assertIn((followup, None), asked, "triggered for now")
        # Every review was reminded in the end, each once.
        self._assert_reminded_once()
