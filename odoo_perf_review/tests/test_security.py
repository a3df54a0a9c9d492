# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, MissingError
from odoo.tests import tagged

from .common import PerfCase
from .common_dates import this_year

CONFIG_MODELS = (
    "perf.template",
    "perf.rating.scale",
    "perf.rating.level",
    "perf.criterion",
    "perf.criterion.level",
)


@tagged("post_install", "-at_install")
class TestSecurity(PerfCase):
    """Every role against every model, with real users and record rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle = cls._cycle()
        cls.other_cycle = cls.env["perf.cycle"].create(
            {
                "company_id": cls.other_company.id,
                "frequency": "quarterly",
                "date_start": "2026-01-01",
                "date_end": "2026-03-31",
            }
        )
        cls.other_template = cls.template.copy(
            {"name": "Other company template", "company_id": cls.other_company.id}
        )
        cls.config_records = {
            "perf.template": cls.template,
            "perf.rating.scale": cls.scale,
            "perf.rating.level": cls.scale.level_ids[0],
            "perf.criterion": cls.criteria[0],
            "perf.criterion.level": cls.env.ref(
                "odoo_perf_review.criterion_teamwork_level_1"
            ),
        }

    def _cycle_vals(self, **vals):
        values = {
            "company_id": self.company.id,
            "frequency": "annual",
            # A year of its own, in the future whatever today is.
            "date_start": date(this_year() + 4, 1, 1),
            "date_end": date(this_year() + 4, 12, 31),
            "template_id": self.template.id,
        }
        values.update(vals)
        return values

    # ------------------------------------------------------------------
    # Cycles
    # ------------------------------------------------------------------
    def test_every_role_reads_its_company_cycles_only(self):
        for user in (
            self.user_employee,
            self.user_manager,
            self.user_officer,
            self.user_admin,
        ):
            cycles = self.env["perf.cycle"].with_user(user)
            found = cycles.search([("id", "in", (self.cycle | self.other_cycle).ids)])
            self.assertEqual(found, self.cycle, user.login)
            self.cycle.with_user(user).read(["name", "state"])
            with self.assertRaises(AccessError, msg=user.login):
                self.other_cycle.with_user(user).read(["name"])

    def test_employee_and_manager_cannot_change_cycles(self):
        for user in (self.user_employee, self.user_manager):
            cycle = self.cycle.with_user(user)
            with self.assertRaises(AccessError, msg=user.login):
                cycle.write({"name": "Hacked"})
            with self.assertRaises(AccessError, msg=user.login):
                cycle.action_start()
            with self.assertRaises(AccessError, msg=user.login):
                self.env["perf.cycle"].with_user(user).create(self._cycle_vals())
            with self.assertRaises(AccessError, msg=user.login):
                cycle.unlink()
        self.assertEqual(self.cycle.state, "draft")

    def test_officer_runs_cycles_of_their_company(self):
        cycles = self.env["perf.cycle"].with_user(self.user_officer)
        cycle = cycles.create(self._cycle_vals())
        cycle.action_start()
        cycle.write({"description": "<p>Focus on quality</p>"})
        self.assertEqual(cycle.state, "goal_setting")
        draft = cycles.create(
            self._cycle_vals(
                frequency="monthly",
                date_start=date(this_year() + 5, 1, 1),
                date_end=date(this_year() + 5, 1, 31),
            )
        )
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_officer_cannot_touch_another_company(self):
        with self.assertRaises(AccessError):
            self.other_cycle.with_user(self.user_officer).write({"name": "x"})
        # A company the officer cannot read is answered as a missing one.
        with self.assertRaisesRegex(MissingError, "does not exist"):
            self.env["perf.cycle"].with_user(self.user_officer).create(
                self._cycle_vals(company_id=self.other_company.id)
            )
        with self.assertRaises(AccessError):
            self.cycle.with_user(self.user_other_officer).read(["name"])

    def test_officer_of_two_companies_sees_both(self):
        self.user_officer.write({"company_ids": [Command.link(self.other_company.id)]})
        cycles = (
            self.env["perf.cycle"]
            .with_user(self.user_officer)
            .with_context(allowed_company_ids=[self.company.id, self.other_company.id])
        )
        found = cycles.search([("id", "in", (self.cycle | self.other_cycle).ids)])
        self.assertEqual(found, self.cycle | self.other_cycle)

    # ------------------------------------------------------------------
    # Configuration
    # ------------------------------------------------------------------
    def test_everyone_reads_the_configuration_of_their_company(self):
        for user in (self.user_employee, self.user_manager, self.user_officer):
            for model, record in self.config_records.items():
                record.with_user(user).read(["display_name"])
                self.assertIn(
                    record, self.env[model].with_user(user).search([]), (user, model)
                )

    def test_configuration_of_another_company_is_hidden(self):
        for user in (self.user_employee, self.user_officer):
            templates = self.env["perf.template"].with_user(user).search([])
            self.assertNotIn(self.other_template, templates)
            with self.assertRaises(AccessError):
                self.other_template.with_user(user).read(["name"])

    def test_only_administrators_change_the_configuration(self):
        for user in (self.user_employee, self.user_manager, self.user_officer):
            for model, record in self.config_records.items():
                with self.assertRaises(AccessError, msg=(user.login, model)):
                    record.with_user(user).write({"sequence": 99})
                with self.assertRaises(AccessError, msg=(user.login, model)):
                    record.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["perf.criterion"].with_user(user).create({"name": "Mine"})
            with self.assertRaises(AccessError):
                self.env["perf.rating.scale"].with_user(user).create({"name": "Mine"})

    def test_administrator_configures(self):
        env = self.env(user=self.user_admin)
        criterion = env["perf.criterion"].create({"name": "Admin competency"})
        scale = env["perf.rating.scale"].create(
            {
                "name": "Pass/fail",
                "level_ids": [
                    Command.create(
                        {"code": "F", "name": "Fail", "score_min": 0, "score_max": 50}
                    ),
                    Command.create(
                        {"code": "P", "name": "Pass", "score_min": 50, "score_max": 100}
                    ),
                ],
            }
        )
        template = env["perf.template"].create(
            {
                "name": "Admin template",
                "rating_scale_id": scale.id,
                "criterion_ids": [Command.link(criterion.id)],
                "bsc_financial_weight": 0,
                "bsc_customer_weight": 0,
                "bsc_internal_weight": 0,
                "bsc_learning_weight": 0,
            }
        )
        template.write({"goal_weight": 80, "competency_weight": 20})
        self.assertEqual(template.rating_scale_id.level_count, 2)
        template.unlink()
        self.assertFalse(template.exists())

    def test_every_internal_user_is_a_performance_employee(self):
        group = self.env.ref("odoo_perf_review.group_perf_user")
        self.assertIn(self.user_employee, group.all_user_ids)
        admin_group = self.env.ref("odoo_perf_review.group_perf_admin")
        self.assertIn(self.env.ref("base.user_admin"), admin_group.user_ids)
