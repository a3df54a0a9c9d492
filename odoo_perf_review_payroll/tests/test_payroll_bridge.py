# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.odoo_perf_review.tests.test_appraisal import AppraisalCase


@tagged("post_install", "-at_install")
class TestPayrollBridge(AppraisalCase):
    """Against the real OCA payroll module installed in the test database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls.env["hr.salary.rule.category"].create(
            {"name": "Basic", "code": "BASIC"}
        )
        basic = cls.env["hr.salary.rule"].create(
            {
                "name": "Basic salary",
                "code": "BASIC",
                "sequence": 1,
                "category_id": category.id,
                "condition_select": "none",
                "amount_select": "code",
                "amount_python_compute": "result = contract.wage",
            }
        )
        cls.structure = cls.env["hr.payroll.structure"].create(
            {
                "name": "With performance bonus",
                "code": "PERF",
                "company_id": cls.company.id,
                "rule_ids": [
                    Command.link(basic.id),
                    Command.link(
                        cls.env.ref(
                            "odoo_perf_review_payroll.salary_rule_perf_bonus"
                        ).id
                    ),
                ],
            }
        )
        cls.emp_employee.version_id.write(
            {
                "wage": 5000,
                "contract_date_start": date(cls.cycle.date_start.year - 1, 1, 1),
                "struct_id": cls.structure.id,
            }
        )
        policy = cls.env["perf.bonus.policy"].create(
            {
                "name": "Payroll bridge policy",
                "company_id": cls.company.id,
                "base_type": "fixed",
                "base_amount": 2000,
                "rating_scale_id": cls.scale.id,
            }
        )
        policy._fill_default_multipliers()
        cls.cycle.bonus_policy_id = policy

    def setUp(self):
        super().setUp()
        self._launch(propose_peers=False)
        self._open_review_phase()
        appraisal = self._appraisal(self.emp_employee)
        review = appraisal.review_ids.filtered(lambda r: r.rater_type == "manager")
        self._answer(review, 3, self.user_manager)  # 125 %: 2,500
        appraisal.action_release()
        self.cycle.write({"state": "released"})
        self.cycle.action_compute_bonuses()
        self.line = self.env["perf.bonus.line"].search(
            [("appraisal_id", "=", appraisal.id)]
        )

    def _payslip(self):
        payslip = (
            self.env["hr.payslip"]
            .with_company(self.company)
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "date_from": self.cycle.date_end.replace(day=1),
                    "date_to": self.cycle.date_end,
                }
            )
        )
        payslip.onchange_employee()
        return payslip

    def test_approved_bonus_becomes_a_payslip_input_and_is_paid_with_it(self):
        self.assertEqual(self.line.amount, 2500)
        self.line.action_approve()
        payslip = self._payslip()
        bonus_input = payslip.input_line_ids.filtered(lambda i: i.code == "PERF_BONUS")
        self.assertEqual(bonus_input.amount, 2500)
        self.assertEqual(bonus_input.perf_bonus_line_ids, self.line)
        payslip.compute_sheet()
        rule_line = payslip.line_ids.filtered(lambda line: line.code == "PERF_BONUS")
        self.assertEqual(rule_line.total, 2500)
        payslip.action_payslip_done()
        self.assertEqual(self.line.state, "paid")
        self.assertEqual(self.line.payslip_id, payslip)
        self.assertEqual(self.line.paid_date, self.cycle.date_end)

    def test_draft_or_paid_bonuses_are_not_paid_again(self):
        payslip = self._payslip()
        self.assertFalse(
            payslip.input_line_ids.perf_bonus_line_ids, "a draft bonus is not paid"
        )
        self.line.action_approve()
        first = self._payslip()
        first.compute_sheet()
        first.action_payslip_done()
        second = self._payslip()
        self.assertFalse(
            second.input_line_ids.perf_bonus_line_ids, "a paid bonus is not paid twice"
        )
        self.assertFalse(sum(second.input_line_ids.mapped("amount")))
