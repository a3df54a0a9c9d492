# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_appraisal import AppraisalCase


@tagged("post_install", "-at_install")
class TestBonus(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["perf.bonus.policy"].create(
            {
                "name": "Test bonus",
                "company_id": cls.company.id,
                "rating_scale_id": cls.scale.id,
                "base_type": "wage",
                "wage_months": 2,
                "min_service_days": 30,
            }
        )
        cls.policy._fill_default_multipliers()  # 0, 50, 100, 125, 150 %
        for employee in (cls.emp_employee, cls.emp_colleague, cls.emp_no_user):
            employee.sudo().current_version_id.write(
                {"wage": 5000, "contract_date_start": date(cls.year - 1, 1, 1)}
            )
        cls.cycle.bonus_policy_id = cls.policy

    def setUp(self):
        super().setUp()
        self._launch(propose_peers=False)
        self._open_review_phase()
        # Erin: "Outstanding" (150 %), Cole: "Meets" (100 %), Nia: "Needs" (50 %).
        for employee, level in (
            (self.emp_employee, 4),
            (self.emp_colleague, 2),
            (self.emp_no_user, 1),
        ):
            appraisal = self._appraisal(employee)
            review = appraisal.review_ids.filtered(lambda r: r.rater_type == "manager")
            self._answer(review, level, self.user_manager)
            appraisal.action_release()
        self.cycle.write({"state": "released"})

    def _lines(self):
        lines = self.env["perf.bonus.line"].search([("cycle_id", "=", self.cycle.id)])
        return {line.employee_id: line for line in lines}

    def test_amounts_follow_rating_and_wage(self):
        self.cycle.action_compute_bonuses()
        lines = self._lines()
        self.assertEqual(lines[self.emp_employee].multiplier, 150)
        self.assertEqual(lines[self.emp_employee].base, 10000)
        self.assertEqual(lines[self.emp_employee].amount, 15000)
        self.assertEqual(lines[self.emp_colleague].amount, 10000)
        self.assertEqual(lines[self.emp_no_user].amount, 5000)

    def test_pro_rata_and_minimum_service(self):
        start, end = self.cycle.date_start, self.cycle.date_end
        self.emp_colleague.sudo().current_version_id.contract_date_start = (
            end - timedelta(days=182)
        )  # the last 183 days of the year (of 365, or 366 in a leap year)
        self.emp_no_user.sudo().current_version_id.contract_date_start = (
            end - timedelta(days=11)
        )  # 12 days: under the minimum
        self.cycle.action_compute_bonuses()
        lines = self._lines()
        days = (end - start).days + 1
        self.assertAlmostEqual(lines[self.emp_colleague].amount, 10000 * 183 / days, 2)
        self.assertEqual(lines[self.emp_no_user].amount, 0)

    def test_company_pool_scales_to_the_exact_total(self):
        self.env["perf.bonus.pool"].create({"cycle_id": self.cycle.id, "amount": 10000})
        self.cycle.action_compute_bonuses()
        lines = self._lines()
        amounts = [line.amount for line in lines.values()]
        self.assertAlmostEqual(sum(amounts), 10000.0, places=2)
        self.assertGreaterEqual(
            lines[self.emp_employee].amount, lines[self.emp_colleague].amount
        )
        self.assertAlmostEqual(lines[self.emp_employee].amount, 5000.0, places=2)

    def test_department_pool_comes_before_the_company_pool(self):
        self.env["perf.bonus.pool"].create(
            [
                {"cycle_id": self.cycle.id, "amount": 1000000},
                {
                    "cycle_id": self.cycle.id,
                    "department_id": self.department.id,
                    "amount": 3000,
                },
            ]
        )
        self.cycle.action_compute_bonuses()
        lines = self._lines()
        in_sales = [
            lines[e] for e in (self.emp_employee, self.emp_colleague, self.emp_no_user)
        ]
        self.assertEqual(
            {line.pool_id.department_id for line in in_sales}, {self.department}
        )
        self.assertAlmostEqual(sum(line.amount for line in in_sales), 3000.0, places=2)

    def test_approved_lines_are_locked_and_consume_the_pool(self):
        pool = self.env["perf.bonus.pool"].create(
            {"cycle_id": self.cycle.id, "amount": 20000}
        )
        self.cycle.action_compute_bonuses()
        first = self._lines()[self.emp_employee]
        first.with_user(self.user_officer).action_approve()
        amount = first.amount
        with self.assertRaisesRegex(AccessError, "change only through the workflow"):
            first.with_user(self.user_officer).write({"amount": 1})
        self.assertEqual(first.amount, amount)
        self.cycle.action_compute_bonuses()  # recompute keeps the approved line
        lines = self._lines()
        self.assertEqual(lines[self.emp_employee].amount, first.amount)
        rest = lines[self.emp_colleague].amount + lines[self.emp_no_user].amount
        self.assertAlmostEqual(first.amount + rest, pool.amount, places=2)

    def test_who_sees_and_approves(self):
        self.cycle.action_compute_bonuses()
        lines = self._lines()
        mine = lines[self.emp_employee]
        with self.assertRaises(AccessError):
            mine.with_user(self.user_manager).action_approve()
        with self.assertRaises(AccessError):
            mine.with_user(self.user_employee).read(["amount"])  # not approved yet
        mine.with_user(self.user_officer).action_approve()
        self.assertEqual(
            mine.with_user(self.user_employee).read(["amount"])[0]["amount"], 15000
        )
        visible = self.env["perf.bonus.line"].with_user(self.user_employee).search([])
        self.assertEqual(visible, mine)
        team = self.env["perf.bonus.line"].with_user(self.user_manager).search([])
        self.assertEqual(
            set(team.employee_id.ids),
            {self.emp_employee.id, self.emp_colleague.id, self.emp_no_user.id},
        )
        self.assertFalse(
            self.env["perf.bonus.line"].with_user(self.user_other_officer).search([])
        )

    def test_appeal_after_approval_flags_the_difference(self):
        self.cycle.action_compute_bonuses()
        line = self._lines()[self.emp_colleague]
        line.action_approve()
        appraisal = self._appraisal(self.emp_colleague)
        appraisal.sudo().write({"appeal_level_id": self.levels[3].id})  # 125 %
        self.env["perf.bonus.line"]._on_rating_revised(appraisal)
        self.assertTrue(line.needs_review)
        self.assertAlmostEqual(line.proposed_difference, 2500)
        self.assertEqual(line.amount, 10000, "an approved amount stays until reviewed")
        draft = self._lines()[self.emp_no_user]
        appraisal_nia = self._appraisal(self.emp_no_user)
        appraisal_nia.sudo().write({"appeal_level_id": self.levels[2].id})
        self.env["perf.bonus.line"]._on_rating_revised(appraisal_nia)
        self.assertEqual(draft.amount, 10000, "a draft follows the new rating")

    def test_export_of_approved_bonuses(self):
        self.cycle.action_compute_bonuses()
        lines = self.env["perf.bonus.line"].search([("cycle_id", "=", self.cycle.id)])
        Wizard = self.env["perf.bonus.export.wizard"].with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "approve them first"):
            Wizard.create({"line_ids": [Command.set(lines.ids)]}).action_export()
        lines.action_approve()
        csv_wizard = Wizard.create(
            {"line_ids": [Command.set(lines.ids)], "file_format": "csv"}
        )
        csv_wizard.action_export()
        content = base64.b64decode(csv_wizard.data).decode("utf-8-sig")
        self.assertIn("Erin Employee", content)
        self.assertIn("15000.0", content)
        xlsx_wizard = Wizard.create({"line_ids": [Command.set(lines.ids)]})
        xlsx_wizard.action_export()
        self.assertEqual(base64.b64decode(xlsx_wizard.data)[:2], b"PK")
        self.assertEqual(xlsx_wizard.filename, "bonuses.xlsx")

    def test_bonuses_wait_for_the_release(self):
        self.cycle._workflow().write({"state": "review"})
        with self.assertRaisesRegex(UserError, "is not released"):
            self.cycle.action_compute_bonuses()

    def test_manager_recommends_a_promotion_hr_is_asked(self):
        appraisal = self._appraisal(self.emp_employee)
        job = self.env["hr.job"].create(
            {"name": "Team lead", "company_id": self.company.id}
        )
        wizard = (
            self.env["perf.promotion.wizard"]
            .with_user(self.user_manager)
            .create(
                {
                    "appraisal_id": appraisal.id,
                    "job_id": job.id,
                    "reason": "Led the launch",
                }
            )
        )
        wizard.action_confirm()
        self.assertTrue(appraisal.promotion_recommended)
        self.assertEqual(appraisal.promotion_job_id, job)
        todo = appraisal.activity_ids.filtered(lambda a: "Team lead" in (a.note or ""))
        self.assertEqual(todo.user_id, self.cycle.user_id)
        with self.assertRaises(AccessError):
            self.env["perf.promotion.wizard"].with_user(self.user_colleague).create(
                {"appraisal_id": appraisal.id, "reason": "x"}
            ).action_confirm()

    def test_appeal_revision_reaches_the_bonus_end_to_end(self):
        self.cycle.action_compute_bonuses()
        line = self._lines()[self.emp_colleague]
        line.action_approve()
        appraisal = self._appraisal(self.emp_colleague)
        with freeze_time("2026-12-01 10:00:00"):
            appraisal.write({"released_date": "2026-12-01 09:00:00"})
            appeal = (
                self.env["perf.appeal"]
                .with_user(self.user_colleague)
                .create({"appraisal_id": appraisal.id, "explanation": "<p>x</p>"})
            )
            appeal.with_user(appeal.handler_id)._decide(
                "accepted", "<p>Right.</p>", revised_level=self.levels[3]
            )
        self.assertTrue(line.needs_review)
        self.assertAlmostEqual(line.proposed_difference, 2500)
