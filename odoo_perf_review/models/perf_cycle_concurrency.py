# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Cycles under concurrent use: one launch or phase move of a cycle at a
time, and the phase job resumed promptly after a restart."""

import logging

from psycopg2.errors import LockNotAvailable

from odoo import api, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

PHASE_JOB = "odoo_perf_review.ir_cron_perf_cycle_phase_work"


class PerfCycleConcurrency(models.AbstractModel):
    """What ``perf.cycle`` does about concurrent officers and restarts."""

    _name = "perf.cycle.concurrency"
    _description = "Performance cycle: locks and restart"

    def _lock_cycles(self, action):
        """Take the cycles' row lock for ``action`` ("launch" or "phase"), or
        say at once that another officer (or the phase job) is working on
        them.

        ``FOR NO KEY UPDATE NOWAIT``: two launches or phase moves of a cycle
        exclude each other, without blocking the employees' goals, reviews
        and check-ins that merely reference the cycle. The cycle's row is then
        marked as written, so that a launch whose snapshot predates another
        launch's commit fails with a serialization error, which Odoo retries
        with a fresh snapshot (seeing what the other one created), instead of
        creating duplicates.

        Inside a scheduled job the database error itself is raised: the job's
        batches skip the records for this run and retry them shortly.
        """
        if not self.ids:
            return
        cr = self.env.cr
        # Read before: after a failed lock the transaction accepts no query.
        name = self.sudo()[:1].name
        try:
            # One statement: the lock, then the mark. A failure aborts the
            # transaction, which the error below ends anyway.
            cr.execute(
                "UPDATE perf_cycle SET write_date = (now() AT TIME ZONE 'UTC'),"
                " write_uid = %s WHERE id IN (SELECT id FROM perf_cycle"
                " WHERE id IN %s FOR NO KEY UPDATE NOWAIT)",
                (self.env.uid, tuple(self.ids)),
                log_exceptions=False,
            )
        except LockNotAvailable:
            if self.env.context.get("cron_id"):
                raise
            if action == "launch":
                message = self.env._(
                    "Another launch of cycle “%(cycle)s” is running: try again "
                    "in a moment.",
                    cycle=name,
                )
            else:
                message = self.env._(
                    "Cycle “%(cycle)s” is being moved to another phase or "
                    "updated by someone else right now: try again in a moment.",
                    cycle=name,
                )
            error = UserError(message)
            # An expected situation, not a server problem: Odoo's request
            # handler logs it at this level instead of as a warning.
            error.loglevel = logging.INFO
            raise error from None
        self.invalidate_recordset(["write_date", "write_uid"])

    # ------------------------------------------------------------------
    # Restart: pending phase work is picked up at once
    # ------------------------------------------------------------------
    def _register_hook(self):
        super()._register_hook()
        if self._name == "perf.cycle":
            self._trigger_pending_phase_work()

    @api.model
    def _trigger_pending_phase_work(self):
        """When cycles have phase work left (a job killed by a crash or a
        restart), ask for a run of the phase job now: the trigger wakes the
        cron workers that are listening (``NOTIFY cron_trigger`` after the
        commit) and, whatever happens to the notification, makes the job due
        at the cron worker's next poll instead of at its hourly call."""
        if getattr(self.env.cr, "readonly", False):
            return False
        try:
            with self.env.cr.savepoint():
                cron = self.env.ref(PHASE_JOB, raise_if_not_found=False)
                if not cron or not cron.sudo().active:
                    return False
                pending = (
                    self.env["perf.appraisal"]
                    .sudo()
                    .search_count(self.browse()._pending_phase_work_domain(), limit=1)
                )
        except Exception:  # noqa: BLE001 - never block the registry load
            _logger.debug("pending phase work not checked", exc_info=True)
            return False
        if not pending:
            return False
        cron.sudo()._trigger()
        _logger.info("Phase work is pending: the phase job is triggered now")
        return True
