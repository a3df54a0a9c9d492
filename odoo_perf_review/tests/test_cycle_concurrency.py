# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two HR officers on one cycle at once: the second launch or phase move is
told at once that the first is running, nothing of it is written, and the
server log stays quiet; pending phase work is triggered at registry load."""

import logging
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import HttpCase, get_db_name, tagged

from ..models import perf_cycle_concurrency

LAUNCH_BUSY = "Another launch of cycle “%s” is running: try again in a moment."


class _Records(logging.Handler):
    def __init__(self, level):
        super().__init__(level)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@tagged("post_install", "-at_install")
class TestConcurrentLaunch(HttpCase):
    """The cycle, a manager and their report are committed before the test
    transaction starts (so that another connection can lock the cycle), and
    removed afterwards."""

    @classmethod
    def setUpClass(cls):
        with Registry(get_db_name()).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            template = env["perf.template"].search([], limit=1)
            boss = env["hr.employee"].create({"name": "Concurrency Boss"})
            worker = env["hr.employee"].create(
                {"name": "Concurrency Worker", "parent_id": boss.id}
            )
            cycle = env["perf.cycle"].create(
                {
                    "name": "Concurrency cycle",
                    "date_start": "2091-01-01",
                    "date_end": "2091-03-31",
                    "template_id": template.id,
                }
            )
            cls.committed = {
                "cycle": cycle.id,
                "employees": (boss | worker).ids,
                "template": template.id,
            }
        cls.addClassCleanup(cls._remove_committed)
        super().setUpClass()
        cls.cycle = cls.env["perf.cycle"].browse(cls.committed["cycle"])
        cls.employees = cls.env["hr.employee"].browse(cls.committed["employees"])
        cls.template = cls.env["perf.template"].browse(cls.committed["template"])

    @classmethod
    def _remove_committed(cls):
        with Registry(get_db_name()).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["perf.cycle"].browse(cls.committed["cycle"]).unlink()
            env["hr.employee"].browse(cls.committed["employees"]).unlink()

    def _other_officer_holds(self):
        """Another officer's launch or phase move of the cycle, running in its
        own connection (the test's HTTP requests share the test's): it holds
        the cycle's row until it ends."""
        cr = sql_db.db_connect(get_db_name()).cursor()
        self.addCleanup(cr.close)
        self.addCleanup(cr.rollback)
        cr.execute(
            "SELECT id FROM perf_cycle WHERE id = %s FOR NO KEY UPDATE",
            (self.cycle.id,),
        )
        self.assertEqual(cr.fetchall(), [(self.cycle.id,)])
        return cr

    def test_a_second_launch_is_told_to_wait_and_writes_nothing(self):
        other = self._other_officer_holds()
        with self.assertRaises(UserError) as caught:
            self.cycle._launch_appraisals(self.employees, self.template)
        self.assertEqual(caught.exception.args[0], LAUNCH_BUSY % self.cycle.name)
        self.assertFalse(
            self.env["perf.appraisal"].search([("cycle_id", "=", self.cycle.id)]),
            "nothing half-written",
        )
        # Once the other launch is over, the launch goes through.
        other.rollback()
        result = self.cycle._launch_appraisals(self.employees, self.template)
        self.assertEqual(result["created"], 1)

    def test_a_second_phase_move_is_told_to_wait(self):
        self._other_officer_holds()
        with self.assertRaises(UserError) as caught:
            self.cycle.action_start()
        self.assertIn("try again in a moment", caught.exception.args[0])
        self.assertIn(self.cycle.name, caught.exception.args[0])
        self.assertEqual(self.cycle.state, "draft")

    def test_over_json_rpc_the_officer_reads_why_and_the_log_stays_quiet(self):
        self._other_officer_holds()
        self.authenticate("admin", "admin")
        noisy = _Records(logging.WARNING)
        odoo_logger = logging.getLogger("odoo")
        odoo_logger.addHandler(noisy)
        try:
            response = self.opener.post(
                f"{self.base_url()}/web/dataset/call_kw/perf.cycle/action_start",
                json={
                    "id": 1,
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "perf.cycle",
                        "method": "action_start",
                        "args": [[self.cycle.id]],
                        "kwargs": {},
                    },
                },
                timeout=30,
            )
        finally:
            odoo_logger.removeHandler(noisy)
        error = response.json()["error"]
        self.assertEqual(error["data"]["name"], "odoo.exceptions.UserError")
        self.assertIn("try again in a moment", error["data"]["message"])
        self.assertFalse(
            noisy.records, [f"{r.levelname} {r.getMessage()}" for r in noisy.records]
        )
        self.cycle.invalidate_recordset()
        self.assertEqual(self.cycle.state, "draft")


@tagged("post_install", "-at_install")
class TestPhaseWorkAfterRestart(HttpCase):
    """After a restart, pending phase work gets a trigger for now at registry
    load (``_register_hook``), which also notifies the listening cron
    workers once committed."""

    def _phase_job(self):
        return self.env.ref(perf_cycle_concurrency.PHASE_JOB)

    def _triggers(self):
        return self.env["ir.cron.trigger"].search(
            [("cron_id", "=", self._phase_job().id)]
        )

    def test_pending_phase_work_is_triggered_at_registry_load(self):
        Cycle = self.env["perf.cycle"]
        before = self._triggers()
        with patch.object(
            type(self.env["perf.appraisal"]), "search_count", return_value=1
        ):
            self.assertTrue(Cycle._register_hook() is None)
        triggers = self._triggers() - before
        self.assertEqual(len(triggers), 1)
        self.assertLessEqual(triggers.call_at, fields.Datetime.now())
        # The cron workers are woken once the registry's cursor commits.
        self.assertIn(
            self._phase_job()._notifydb.__func__,
            [getattr(hook, "__func__", None) for hook in self.env.cr.postcommit._funcs],
        )

    def test_no_trigger_without_pending_phase_work(self):
        before = self._triggers()
        self.assertFalse(
            self.env["perf.appraisal"].search_count(
                self.env["perf.cycle"]._pending_phase_work_domain()
            )
        )
        self.assertFalse(self.env["perf.cycle"]._trigger_pending_phase_work())
        self.assertEqual(self._triggers(), before)

    def test_a_real_pending_work_is_found(self):
        """A cycle in review whose planned appraisals were not opened yet
        (the phase job died): the hook finds it without patching."""
        cycle = self.env["perf.cycle"].create(
            {
                "name": "Restart cycle",
                "date_start": "2092-01-01",
                "date_end": "2092-03-31",
                "template_id": self.env["perf.template"].search([], limit=1).id,
            }
        )
        boss = self.env["hr.employee"].create({"name": "Restart Boss"})
        worker = self.env["hr.employee"].create(
            {"name": "Restart Worker", "parent_id": boss.id}
        )
        cycle._launch_appraisals(worker, cycle.template_id)
        # Moved to review by a job killed before it opened the reviews.
        cycle.env.cr.execute(
            "UPDATE perf_cycle SET state = 'review' WHERE id = %s", (cycle.id,)
        )
        cycle.invalidate_recordset()
        self.assertTrue(cycle._pending_phase_work())
        before = self._triggers()
        self.assertTrue(self.env["perf.cycle"]._trigger_pending_phase_work())
        self.assertEqual(len(self._triggers() - before), 1)
