# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scheduled work in batches that commit their progress.

A run killed between two batches resumes where it stopped: what was done is
committed, and every operation passed here is written so that doing it again
adds nothing (it looks at what exists before creating).

Users keep writing while a job runs. Inside a cron run each batch starts a
fresh transaction (Odoo runs jobs in REPEATABLE READ: a snapshot taken before
a user's save can never write that row again) and first locks its rows with
``FOR NO KEY UPDATE SKIP LOCKED``: a record a user is saving right now is left
for a later run instead of being waited for. A conflict the lock could not
foresee (a row outside the batch, e.g. the appraisal of an expired review) is
bounded by a short ``lock_timeout``; the batch is then rolled back and done
again record by record, each in its own transaction, so that only the
conflicting record is skipped. Skipped records are retried by a run triggered
shortly after; conflicts are logged at INFO, never as errors. A run out of
time triggers the job again at once, which wakes the cron workers
(``NOTIFY cron_trigger``) instead of leaving the rest to their next poll.
"""

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from psycopg2.errors import LockNotAvailable
from psycopg2.extensions import TransactionRollbackError

from odoo import fields
from odoo.exceptions import LockError

_logger = logging.getLogger(__name__)

BATCH_SIZE = 200
# How long a cron statement waits for a row a user holds before giving up on
# its record for this run (milliseconds).
LOCK_TIMEOUT_MS = 3000
# When a run skipped records because of concurrent writes, it runs again then.
RETRY_DELAY = timedelta(minutes=2)
# Serialization failures and deadlocks (TransactionRollbackError), lock
# timeouts (LockNotAvailable) and the ORM's own LockError.
CONFLICTS = (TransactionRollbackError, LockNotAvailable, LockError)
# Ids named in a log line at most.
LOGGED_IDS = 20

_expecting = threading.local()


class _ConflictsAreInfo(logging.Filter):
    """The SQL layer logs every failed query as an error ("bad query"). In a
    cron batch a conflict is expected and handled (the record is retried
    later): there it is logged at INFO. Other failures, and other threads,
    are left as they are."""

    def filter(self, record):
        if (
            getattr(_expecting, "conflicts", False)
            and record.levelno >= logging.ERROR
            and isinstance(record.args, tuple)
            and len(record.args) == 2
            and is_conflict(record.args[1])
        ):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


logging.getLogger("odoo.sql_db").addFilter(_ConflictsAreInfo())


@contextmanager
def conflicts_expected():
    previous = getattr(_expecting, "conflicts", False)
    _expecting.conflicts = True
    try:
        yield
    finally:
        _expecting.conflicts = previous


def apply_in_batches(records, operation, *, batch_size=None, what="record"):
    """Run ``operation(batch)`` on batches of ``records``; return how many
    records succeeded.

    A batch that fails is retried record by record, so one bad record is
    logged and skipped instead of blocking the others; a record skipped
    because of a concurrent write is logged at INFO and retried by a later
    run. Inside a cron run each batch commits its progress
    (``ir.cron._commit_progress``); elsewhere (a button, demo data, tests)
    the caller's transaction decides, and failures are isolated in
    savepoints. When the run's time is up it stops after the committed batch
    or record: the scheduler runs the job again and the operation picks up
    what is left.

    ``operation`` gets the records of the batch that are still there and not
    being written by someone else; it should check that they still need the
    work (they were selected before, in an older snapshot).
    """
    [done] = apply_steps_in_batches([(records, operation, what)], batch_size=batch_size)
    return done


def apply_steps_in_batches(steps, *, batch_size=None):
    """Run the ``(records, operation, what)`` steps one after the other, each
    as :func:`apply_in_batches` does, as one job; return how many records of
    each step succeeded.

    The progress a batch commits counts what the later steps still have to
    do, so the scheduler never takes the job for done while work waits; once
    the run's time is up, no later step starts.
    """
    done = [0] * len(steps)
    skipped = out_of_time = False
    for index, (records, operation, what) in enumerate(steps):
        later = sum(len(step[0]) for step in steps[index + 1 :])
        if records.env.context.get("cron_id"):
            run = _CronRun(records, operation, batch_size or BATCH_SIZE, what, later)
        else:
            run = _SavepointRun(records, operation, batch_size or BATCH_SIZE, what)
        done[index], out_of_time = run.run()
        skipped = skipped or bool(run.skipped_busy)
        if out_of_time:
            break
    if steps and out_of_time:
        # Odoo reschedules a job with work left, but only wakes the cron
        # workers at their next poll (about a minute): ask for the rest now.
        _trigger_again(steps[0][0].env)
    elif steps and skipped:
        _trigger_again(steps[0][0].env, RETRY_DELAY)
    return done


def is_conflict(error):
    """Whether ``error`` comes from a concurrent write (retry later) rather
    than from the record itself."""
    return isinstance(error, CONFLICTS)


def _ids(records):
    ids = records.ids
    more = f" and {len(ids) - LOGGED_IDS} more" if len(ids) > LOGGED_IDS else ""
    return ", ".join(map(str, ids[:LOGGED_IDS])) + more


def _trigger_again(env, delay=None):
    """Run the current job again: now (the trigger notifies the cron workers
    once committed) or after ``delay``, for the records it had to skip."""
    cron = env["ir.cron"].sudo().browse(env.context.get("cron_id"))
    if cron:
        cron._trigger(fields.Datetime.now() + delay if delay else None)


class _Run:
    def __init__(self, records, operation, batch_size, what):
        self.records = records
        self.operation = operation
        self.batch_size = batch_size
        self.what = what
        self.env = records.env
        self.done = 0
        # skipped because someone else was writing them (retried later), or
        # because they failed (logged as errors)
        self.skipped_busy = records.browse()
        self.skipped_failed = records.browse()

    def _skip(self, record, error):
        if is_conflict(error):
            self.skipped_busy |= record
            _logger.info(
                "%s %s skipped for this run: written concurrently (%s); "
                "a later run does it",
                self.what,
                record.id,
                type(error).__name__,
            )
        else:
            self.skipped_failed |= record
            _logger.error(
                "%s %s (id %s) skipped by the scheduler",
                self.what,
                record.display_name,
                record.id,
                exc_info=error,
            )

    def _report(self):
        _logger.info(
            "%s: %s of %s done; skipped: %s being written by someone else%s, "
            "%s failing%s",
            self.what,
            self.done,
            len(self.records),
            len(self.skipped_busy),
            f" (ids {_ids(self.skipped_busy)}, retried later)"
            if self.skipped_busy
            else "",
            len(self.skipped_failed),
            f" (ids {_ids(self.skipped_failed)})" if self.skipped_failed else "",
        )


class _SavepointRun(_Run):
    """Outside a cron run: the caller's transaction, failures isolated in
    savepoints."""

    def run(self):
        env = self.env
        for start in range(0, len(self.records), self.batch_size):
            batch = self.records[start : start + self.batch_size]
            try:
                with env.cr.savepoint():
                    self.operation(batch)
                self.done += len(batch)
            except Exception:  # noqa: BLE001 - isolate the failing record below
                for record in batch:
                    try:
                        with env.cr.savepoint():
                            self.operation(record)
                        self.done += 1
                    except Exception as error:  # noqa: BLE001
                        self._skip(record, error)
        if self.skipped_busy or self.skipped_failed:
            self._report()
        return self.done, False


class _CronRun(_Run):
    """Inside a cron run: one transaction per batch, its rows locked first."""

    def __init__(self, records, operation, batch_size, what, later):
        super().__init__(records, operation, batch_size, what)
        self.later = later
        self.cron = self.env["ir.cron"]

    def _begin(self, records):
        """Lock ``records`` in a new transaction; return those locked (the
        others are being written by someone else, or gone)."""
        # First statement of the transaction: the snapshot is taken now, so
        # no row this batch locks can have changed since.
        locked = records.try_lock_for_update(allow_referencing=True)
        self.env.cr.execute(
            "SELECT set_config('lock_timeout', %s, true)",
            (f"{int(LOCK_TIMEOUT_MS)}ms",),
        )
        busy = records - locked
        if busy:
            self.skipped_busy |= busy
            _logger.info(
                "%s %s skipped for this run: being written by someone else; "
                "a later run does it",
                self.what,
                _ids(busy),
            )
        return locked

    def _progress(self, processed, remaining):
        """Commit; whether the run has time left."""
        return bool(self.cron._commit_progress(processed, remaining=remaining))

    def run(self):
        with conflicts_expected():
            return self._run()

    def _run(self):
        env = self.env
        # What the job did before is kept; each batch starts afresh.
        env.cr.commit()
        total = len(self.records)
        out_of_time = False
        for start in range(0, total, self.batch_size):
            batch = self.records[start : start + self.batch_size]
            after = total - start - len(batch) + self.later
            try:
                locked = self._begin(batch)
                if locked:
                    self.operation(locked)
                env.flush_all()
                self.done += len(locked)
            except Exception as error:  # noqa: BLE001 - isolate it below
                env.cr.rollback()
                _logger.info(
                    "%s batch of %s rolled back (%s): done again one by one",
                    self.what,
                    len(batch),
                    type(error).__name__,
                )
                self.skipped_busy -= batch
                out_of_time = self._one_by_one(batch, after)
                if out_of_time:
                    break
                continue
            if not self._progress(len(batch), after):
                out_of_time = True
                break
        if self.records:
            self._report()
        return self.done, out_of_time

    def _one_by_one(self, batch, after):
        """Each record of ``batch`` in its own transaction; whether the run's
        time is up."""
        env = self.env
        for index, record in enumerate(batch):
            try:
                if self._begin(record):
                    self.operation(record)
                    env.flush_all()
                    self.done += 1
            except Exception as error:  # noqa: BLE001 - skip it, go on
                env.cr.rollback()
                self._skip(record, error)
            if not self._progress(1, len(batch) - index - 1 + after):
                return True
        return False
