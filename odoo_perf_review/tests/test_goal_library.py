# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_goal import PerfGoalCase


@tagged("post_install", "-at_install")
class TestGoalLibrary(PerfGoalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_sales = cls.env["hr.job"].create(
            {"name": "Perf salesperson", "company_id": cls.company.id}
        )
        (cls.emp_employee | cls.emp_colleague | cls.emp_no_user).job_id = cls.job_sales
        cls.revenue = cls.env["perf.goal.template"].create(
            {
                "name": "Monthly revenue ≥ 50,000",
                "job_ids": [Command.link(cls.job_sales.id)],
                "target": 50000,
                "unit": "CNY",
                "weight": 60,
                "bsc_perspective": "financial",
                "visibility": "team",
            }
        )

    def _wizard(self, user=None):
        env = self.env(user=user) if user else self.env
        form = Form(
            env["perf.goal.assign.wizard"].with_context(
                default_goal_template_ids=self.revenue.ids
            )
        )
        form.cycle_id = self.goal_cycle
        return form.save()

    def test_assigns_the_library_goal_to_everyone_in_the_job(self):
        wizard = self._wizard()
        self.assertEqual(
            set(wizard.employee_ids.ids),
            set((self.emp_employee | self.emp_colleague | self.emp_no_user).ids),
        )
        action = wizard.action_assign()
        goals = self.env["perf.goal"].browse(action["domain"][0][2])
        self.assertEqual(len(goals), 3)
        self.assertEqual(set(goals.mapped("target")), {50000})
        self.assertEqual(set(goals.mapped("bsc_perspective")), {"financial"})
        self.assertEqual(goals.goal_template_id, self.revenue)
        self.assertEqual(self.revenue.goal_count, 3)

    def test_running_it_again_adds_only_what_is_missing(self):
        self._wizard().action_assign()
        self.emp_outsider.job_id = self.job_sales
        action = self._wizard().action_assign()
        self.assertEqual(len(action["domain"][0][2]), 1)

    def test_manager_assigns_to_the_team_only(self):
        wizard = self._wizard(self.user_manager)
        wizard.action_assign()
        self.emp_outsider.job_id = self.job_sales
        with self.assertRaises(AccessError):
            self._wizard(self.user_manager).action_assign()

    def test_nobody_to_assign_is_explained(self):
        wizard = self._wizard()
        wizard.employee_ids = False
        with self.assertRaisesRegex(UserError, "No employee matches"):
            wizard.action_assign()
