# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scheduled work in batches that commit their progress.

A run killed between two batches resumes where it stopped: what was done is
committed, and every operation passed here is written so that doing it again
adds nothing (it looks at what exists before creating).
"""

import logging

_logger = logging.getLogger(__name__)

BATCH_SIZE = 200


def apply_in_batches(records, operation, *, batch_size=None, what="record"):
    """Run ``operation(batch)`` on batches of ``records``; return how many
    records succeeded.

    A batch that fails is retried record by record in savepoints, so one bad
    record is logged and skipped instead of blocking the others. Inside a cron
    run each batch commits its progress (``ir.cron._commit_progress``);
    elsewhere (a button, demo data, tests) the caller's transaction decides.
    When the run's time is up it stops after the committed batch: the
    scheduler runs the job again and the operation picks up what is left.
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
    for index, (records, operation, what) in enumerate(steps):
        later = sum(len(step[0]) for step in steps[index + 1 :])
        done[index], out_of_time = _apply(
            records, operation, batch_size or BATCH_SIZE, what, later
        )
        if out_of_time:
            break
    return done


def _apply(records, operation, batch_size, what, later):
    """One step: (records that succeeded, whether the run's time is up)."""
    env = records.env
    in_cron = bool(env.context.get("cron_id"))
    done = 0
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        try:
            with env.cr.savepoint():
                operation(batch)
            done += len(batch)
        except Exception:  # noqa: BLE001 - isolate the failing record below
            for record in batch:
                try:
                    with env.cr.savepoint():
                        operation(record)
                    done += 1
                except Exception:
                    _logger.exception(
                        "%s %s (id %s) skipped by the scheduler",
                        what,
                        record.display_name,
                        record.id,
                    )
        if in_cron and not env["ir.cron"]._commit_progress(
            len(batch), remaining=len(records) - start - len(batch) + later
        ):
            # Out of time: the scheduler calls the job again for the rest.
            return done, True
    return done, False
