# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_appraisal import AppraisalCase


@tagged("post_install", "-at_install")
class TestCycleGates(AppraisalCase):
    """No cycle moves on half-done: HR sees who and which review is missing,
    and decides explicitly."""

    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        self.mine = self._appraisal(self.emp_employee)
        self.manager_review = self.mine.review_ids.filtered(
            lambda r: r.rater_type == "manager"
        )
        self._answer(self.manager_review, 2, self.user_manager)
        self.cycle = self.cycle.with_user(self.user_officer)

    def _gate(self, action):
        self.assertEqual(action["res_model"], "perf.cycle.gate.wizard")
        return (
            self.env["perf.cycle.gate.wizard"]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create({})
        )

    def test_the_cycle_counts_what_is_in(self):
        opened = self.cycle.appraisal_ids.review_ids.filtered(
            lambda r: r.state in ("requested", "submitted")
        )
        self.assertEqual(self.cycle.review_opened_count, len(opened))
        self.assertEqual(self.cycle.review_submitted_count, 1)
        self.assertEqual(self.cycle.appraisal_scored_count, 1)

    def test_calibration_with_open_reviews_asks_and_names_them(self):
        wizard = self._gate(self.cycle.action_start_calibration())
        self.assertEqual(self.cycle.state, "review", "nothing moved yet")
        self.assertIn("Cole Colleague → Erin Employee", wizard.gaps)
        self.assertIn("are not submitted", wizard.gaps)
        wizard.action_move_on()
        self.assertEqual(self.cycle.state, "calibration")
        note = self.cycle.message_ids.filtered(
            lambda m: "closed unanswered" in str(m.body)
        )
        self.assertIn("Cole Colleague", str(note.body))
        self.assertEqual(note.author_id, self.user_officer.partner_id)
        self.assertTrue(self.mine.reviews_closed)
        self.assertNotIn("requested", self.mine.review_ids.mapped("state"))

    def test_release_without_manager_reviews_excludes_them_only_when_told(self):
        self.cycle._move_on_with_gaps("calibration", exclude=False)
        wizard = self._gate(self.cycle.action_release())
        self.assertEqual(
            wizard.missing_manager_count, len(self.cycle.appraisal_ids) - 1
        )
        with self.assertRaisesRegex(UserError, "have no manager review"):
            wizard.action_move_on()
        self.assertEqual(self.cycle.state, "calibration")
        wizard.exclude = True
        wizard.action_move_on()
        self.assertEqual(self.cycle.state, "released")
        self.assertEqual(self.mine.state, "released")
        others = self.cycle.appraisal_ids - self.mine
        self.assertEqual(set(others.mapped("state")), {"cancelled"})
        note = self.cycle.message_ids.filtered(
            lambda m: "Excluded from the release" in str(m.body)
        )
        self.assertIn("Cole Colleague", str(note.body))

    def test_nothing_missing_moves_at_once(self):
        for review in self.cycle.appraisal_ids.review_ids.filtered(
            lambda r: r.state == "requested"
        ):
            review.sudo()._workflow().write({"state": "cancelled"})
        self.assertTrue(self.cycle.action_start_calibration())
        self.assertEqual(self.cycle.state, "calibration")

    def test_only_hr_moves_the_cycle(self):
        for user in (self.user_employee, self.user_manager):
            with self.assertRaises(AccessError):
                self.cycle.with_user(user).action_start_calibration()
            with self.assertRaises(AccessError):
                self.cycle.with_user(user)._move_on_with_gaps("calibration", True)
        self.assertEqual(self.cycle.state, "review")

    def test_the_daily_job_waits_for_hr_before_releasing_half_done(self):
        self.cycle._move_on_with_gaps("calibration", exclude=False)
        cycle = self.cycle.sudo()
        late = cycle.calibration_deadline + timedelta(days=1)
        for _run in range(2):
            cycle._cron_advance_due_cycles(late)
        self.assertEqual(cycle.state, "calibration", "not released half-done")
        asked = cycle.activity_ids.filtered(
            lambda a: a.summary == "Release waits for manager reviews"
        )
        self.assertEqual(len(asked), 1, "asked once")
        self.assertEqual(
            asked.user_id, cycle.user_id or self.env.ref("base.user_admin")
        )
        self.assertIn("Cole Colleague", str(asked.note))
