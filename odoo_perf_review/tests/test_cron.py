# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools import cron_batches
from .common import PerfCase


class Killed(BaseException):
    """The worker dies: not an error the scheduler could catch and log."""


@tagged("post_install", "-at_install")
class TestPhaseCron(PerfCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("odoo_perf_review.ir_cron_perf_cycle_phases")

    def _run_cron(self):
        # The cron opens its own cursor: make it reuse the test transaction.
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def _next_of(self, cycle):
        return self.env["perf.cycle"].search([("previous_cycle_id", "=", cycle.id)])

    def test_no_move_on_the_deadline_day_itself(self):
        cycle = self._cycle(state="goal_setting")
        with freeze_time("2026-01-15 12:00"):
            self._run_cron()
        self.assertEqual(cycle.state, "goal_setting")

    def test_moves_the_day_after_the_deadline(self):
        cycle = self._cycle(state="goal_setting")
        with freeze_time("2026-01-16 12:00"):
            self._run_cron()
        self.assertEqual(cycle.state, "in_progress")

    def test_catches_up_several_phases_and_is_idempotent(self):
        cycle = self._cycle(state="goal_setting", recurring=False)
        with freeze_time("2026-04-16 12:00"):
            self._run_cron()
            self.assertEqual(cycle.state, "calibration")
            self._run_cron()
            self.assertEqual(cycle.state, "calibration")

    def test_draft_cycles_wait_for_hr_unless_auto_start(self):
        manual = self._cycle()
        auto = self._cycle(
            date(2026, 1, 1), date(2026, 12, 31), frequency="annual", auto_start=True
        )
        with freeze_time("2026-01-02 12:00"):
            self._run_cron()
        self.assertEqual(manual.state, "draft")
        self.assertEqual(auto.state, "goal_setting")

    def test_closed_cycles_stay_closed(self):
        cycle = self._cycle(state="closed", recurring=False)
        with freeze_time("2027-01-01 12:00"):
            self._run_cron()
        self.assertEqual(cycle.state, "closed")

    def test_prepares_the_next_cycle_once_within_the_lead_time(self):
        cycle = self._cycle(state="in_progress", next_cycle_lead_days=10)
        with freeze_time("2026-03-20 12:00"):
            self._run_cron()
        self.assertFalse(self._next_of(cycle), "too early: 11 days before the end")
        with freeze_time("2026-03-21 12:00"):
            self._run_cron()
            self._run_cron()
        following = self._next_of(cycle)
        self.assertEqual(len(following), 1)
        self.assertEqual(following.name, "2026 Q2")
        self.assertEqual(
            (following.date_start, following.date_end),
            (date(2026, 4, 1), date(2026, 6, 30)),
        )
        self.assertEqual(following.state, "draft")
        self.assertEqual(following.template_id, cycle.template_id)
        self.assertEqual(cycle.next_cycle_id, following)

    def test_does_not_prepare_over_a_cycle_planned_by_hand(self):
        cycle = self._cycle(state="in_progress")
        self._cycle(date(2026, 4, 1), date(2026, 6, 30))
        with freeze_time("2026-03-25 12:00"):
            self._run_cron()
        self.assertFalse(self._next_of(cycle))

    def test_non_recurring_cycle_has_no_successor(self):
        cycle = self._cycle(state="in_progress", recurring=False)
        with freeze_time("2026-03-30 12:00"):
            self._run_cron()
        self.assertFalse(self._next_of(cycle))

    def test_company_lead_time_is_the_default(self):
        self.company.perf_next_cycle_lead_days = 30
        cycle = (
            self.env["perf.cycle"]
            .with_company(self.company)
            .create(
                {
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 3, 31),
                    "frequency": "quarterly",
                }
            )
        )
        self.assertEqual(cycle.next_cycle_lead_days, 30)

    def test_one_bad_cycle_does_not_stop_the_others(self):
        good = self._cycle(state="goal_setting", recurring=False)
        bad = self._cycle(
            date(2026, 1, 1),
            date(2026, 12, 31),
            frequency="annual",
            state="goal_setting",
            recurring=False,
        )
        cycle_class = type(self.env["perf.cycle"])
        original_write = cycle_class.write

        def failing_write(records, vals):
            if bad.id in records.ids and "state" in vals:
                raise ValidationError(records.env._("simulated broken record"))
            return original_write(records, vals)

        with (
            freeze_time("2026-02-01 12:00"),
            patch.object(cycle_class, "write", failing_write),
            self.assertLogs("odoo.addons.odoo_perf_review.tools.cron_batches", "ERROR"),
        ):
            self._run_cron()
        self.assertEqual(good.state, "in_progress")
        self.assertEqual(bad.state, "goal_setting")
        with freeze_time(
            "2026-02-01 12:00"
        ):  # the problem is gone: a re-run catches up
            self._run_cron()
        self.assertEqual(bad.state, "in_progress")

    def test_phase_moves_by_the_cron_are_tracked(self):
        cycle = self._cycle(state="goal_setting", recurring=False)
        with freeze_time("2026-01-16 12:00"):
            self._run_cron()
        self.env.cr.precommit.run()
        values = self._state_tracking(cycle)
        self.assertEqual(values[:1].new_value_char, "In progress")

    def test_a_run_killed_halfway_resumes_without_duplicates(self):
        cycles = (
            self._cycle(state="goal_setting", recurring=False)
            | self._cycle(
                date(2026, 1, 1),
                date(2026, 12, 31),
                frequency="annual",
                state="goal_setting",
                recurring=False,
            )
            | self._cycle(
                date(2026, 1, 1),
                date(2026, 6, 30),
                frequency="semiannual",
                goal_deadline=date(2026, 1, 20),
                state="goal_setting",
                recurring=False,
            )
        )
        cycle_class = type(self.env["perf.cycle"])
        original_write = cycle_class.write
        moves = []

        def dying_write(records, vals):
            if "state" in vals:
                moves.append(records.ids)
                if len(moves) == 2:
                    raise Killed()
            return original_write(records, vals)

        Cycle = self.env["perf.cycle"]
        with (
            freeze_time("2026-02-01 12:00"),
            patch.object(cron_batches, "BATCH_SIZE", 1),
        ):
            # Not assertRaises: its savepoint would undo the committed batch.
            killed = False
            with patch.object(cycle_class, "write", dying_write):
                try:
                    Cycle._cron_advance_phases()
                except Killed:
                    killed = True
            self.assertTrue(killed)
            self.env.invalidate_all()
            self.assertEqual(
                cycles.mapped("state").count("in_progress"), 1, "the first stays"
            )
            Cycle._cron_advance_phases()
            self.env.invalidate_all()
            self.assertEqual(set(cycles.mapped("state")), {"in_progress"})
            Cycle._cron_advance_phases()
        self.env.cr.precommit.run()
        for cycle in cycles:
            moved = self._state_tracking(cycle).filtered(
                lambda value: value.new_value_char == "In progress"
            )
            self.assertEqual(len(moved), 1, "each cycle moved once")
