# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PerfCase


@tagged("post_install", "-at_install")
class TestCycle(PerfCase):
    def test_name_and_deadlines_follow_the_period(self):
        cycle = self._cycle()
        self.assertEqual(cycle.name, "2026 Q1")
        self.assertEqual(cycle.goal_deadline, date(2026, 1, 15))
        self.assertEqual(cycle.review_start_date, date(2026, 3, 18))
        self.assertEqual(cycle.review_deadline, date(2026, 4, 14))
        self.assertEqual(cycle.calibration_deadline, date(2026, 4, 21))
        self.assertEqual(cycle.close_date, date(2026, 5, 15))
        self.assertEqual(cycle.state, "draft")

    def test_each_frequency_gets_its_label(self):
        cases = [
            ("monthly", date(2027, 2, 1), date(2027, 2, 28), "2027-02"),
            ("semiannual", date(2027, 7, 1), date(2027, 12, 31), "2027 H2"),
            ("annual", date(2028, 1, 1), date(2028, 12, 31), "2028"),
        ]
        for frequency, start, end, label in cases:
            cycle = self._cycle(start, end, frequency=frequency)
            self.assertEqual(cycle.name, label)

    def test_form_defaults_to_the_current_quarter(self):
        form = Form(self.env["perf.cycle"].with_user(self.user_officer))
        self.assertEqual(form.frequency, "quarterly")
        self.assertEqual(form.date_start.day, 1)
        self.assertIn(form.date_start.month, (1, 4, 7, 10))
        form.frequency = "annual"
        self.assertEqual((form.date_start.month, form.date_end.month), (1, 12))

    def test_end_before_start_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self._cycle(date(2026, 3, 31), date(2026, 1, 1))

    def test_deadline_outside_the_cycle_is_refused(self):
        cycle = self._cycle()
        with self.assertRaisesRegex(ValidationError, "must fall within the cycle"):
            cycle.goal_deadline = date(2026, 4, 10)
        cycle.invalidate_recordset()
        self.assertEqual(cycle.goal_deadline, date(2026, 1, 15))

    def test_deadlines_out_of_order_are_refused(self):
        cycle = self._cycle()
        with self.assertRaisesRegex(ValidationError, "phases must follow each other"):
            cycle.calibration_deadline = date(2026, 4, 1)

    def test_overlapping_cycle_of_same_frequency_is_refused(self):
        self._cycle()
        with self.assertRaisesRegex(ValidationError, "overlaps the quarterly cycle"):
            self._cycle(date(2026, 3, 1), date(2026, 5, 31))

    def test_overlap_allowed_across_frequency_company_or_archive(self):
        first = self._cycle()
        self._cycle(date(2026, 1, 1), date(2026, 12, 31), frequency="annual")
        self.env["perf.cycle"].create(
            {
                "company_id": self.other_company.id,
                "frequency": "quarterly",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 3, 31),
            }
        )
        first.active = False
        self._cycle()  # the archived one no longer blocks the period
        self.assertEqual(
            self.env["perf.cycle"].search_count([("company_id", "=", self.company.id)]),
            2,
        )

    def test_phases_move_in_order_with_the_buttons(self):
        cycle = self._cycle().with_user(self.user_officer)
        steps = [
            ("action_start", "goal_setting"),
            ("action_start_progress", "in_progress"),
            ("action_start_review", "review"),
            ("action_start_calibration", "calibration"),
            ("action_release", "released"),
            ("action_close", "closed"),
        ]
        for method, state in steps:
            getattr(cycle, method)()
            self.assertEqual(cycle.state, state)

    def test_phase_cannot_be_skipped(self):
        cycle = self._cycle()
        with self.assertRaisesRegex(UserError, "phases follow each other"):
            cycle.action_release()
        self.assertEqual(cycle.state, "draft")

    def test_start_needs_a_template(self):
        cycle = self._cycle(template_id=False)
        with self.assertRaisesRegex(UserError, "has no template yet"):
            cycle.action_start()

    def test_back_to_draft_only_from_goal_setting(self):
        cycle = self._cycle()
        cycle.action_start()
        cycle.action_reset_to_draft()
        self.assertEqual(cycle.state, "draft")
        cycle.action_start()
        cycle.action_start_progress()
        with self.assertRaisesRegex(UserError, "can no longer go back"):
            cycle.action_reset_to_draft()

    def test_closed_cycle_is_read_only_until_an_admin_reopens_it(self):
        cycle = self._cycle(state="closed")
        with self.assertRaisesRegex(UserError, "is closed"):
            cycle.with_user(self.user_officer).name = "Rewritten history"
        with self.assertRaisesRegex(UserError, "administrator"):
            cycle.with_user(self.user_officer).action_reopen()
        cycle.with_user(self.user_admin).action_reopen()
        self.assertEqual(cycle.state, "released")
        cycle.with_user(self.user_officer).name = "Corrected"
        self.assertEqual(cycle.name, "Corrected")

    def test_closed_cycle_can_still_be_archived(self):
        cycle = self._cycle(state="closed")
        cycle.active = False
        self.assertFalse(cycle.active)

    def test_started_cycle_cannot_be_deleted(self):
        cycle = self._cycle()
        cycle.action_start()
        with self.assertRaisesRegex(UserError, "archive it instead"):
            cycle.unlink()
        draft = self._cycle(date(2026, 4, 1), date(2026, 6, 30))
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_duplicate_covers_the_next_period(self):
        cycle = self._cycle()
        copy = cycle.copy()
        self.assertEqual(
            (copy.date_start, copy.date_end), (date(2026, 4, 1), date(2026, 6, 30))
        )
        self.assertEqual(copy.name, "2026 Q2")
        self.assertEqual(copy.state, "draft")

    def test_phase_changes_are_tracked_in_the_chatter(self):
        cycle = self._cycle()
        self.env.flush_all()
        self.env.cr.precommit.run()  # as if created in an earlier request
        cycle.action_start()
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit
        tracked = self._state_tracking(cycle)
        self.assertTrue(tracked)

    def test_current_deadline_and_days_left(self):
        cycle = self._cycle()
        cycle.action_start()
        self.assertEqual(cycle.current_deadline, cycle.goal_deadline)
