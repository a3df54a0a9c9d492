# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..engine import schedule
from .common_goal import PerfGoalCase


@tagged("post_install", "-at_install")
class TestMetric(PerfGoalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Records are created "now": measure them in the month that holds today.
        start, end = schedule.period_containing(fields.Date.today(), "monthly")
        cls.live_cycle = cls._cycle(
            start, end, frequency="monthly", state="in_progress"
        )
        cls.Metric = cls.env["perf.metric"]

    def _metric(self, model, **vals):
        values = {
            "name": f"Metric on {model}",
            "model_id": self.env["ir.model"]._get_id(model),
            "domain": "[]",
            "aggregation": "count",
        }
        values.update(vals)
        return self.Metric.create(values)

    def _field(self, model, name):
        return self.env["ir.model.fields"]._get(model, name)

    def _live_goal(self, metric, **vals):
        return self._goal(cycle_id=self.live_cycle.id, metric_id=metric.id, **vals)

    # ------------------------------------------------------------------
    # Definitions refused at save
    # ------------------------------------------------------------------
    def test_domain_that_is_not_python_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "is not a valid domain"):
            self._metric("res.partner", domain="[('name', '=', ")

    def test_domain_on_an_unknown_field_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "does not fit"):
            self._metric("res.partner", domain="[('no_such_field', '=', 1)]")

    def test_path_that_does_not_reach_a_person_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "not to an employee or a user"):
            self._metric("res.partner", employee_path="country_id")
        with self.assertRaisesRegex(ValidationError, "is not a path to a person"):
            self._metric("res.partner", employee_path="name")

    def test_metric_on_records_the_author_cannot_read_is_refused(self):
        """A metric shows what it measures to every reader of its goals:
        its author must be able to read the model, the filter's fields and
        the measured field. Employees administrators may measure wages."""
        admin = self.user_admin
        self.assertFalse(admin.has_group("hr.group_hr_user"))
        wage = {
            "aggregation": "sum",
            "measured_field_id": self._field("hr.version", "wage").id,
            "employee_path": "employee_id",
        }
        Metric = self.Metric.with_user(admin)
        with self.assertRaisesRegex(ValidationError, "which you cannot read"):
            Metric.create(
                {
                    "name": "Wages",
                    "model_id": self.env["ir.model"]._get_id("hr.version"),
                    **wage,
                }
            )
        # A readable model, a filter on a field kept for Employees officers.
        with self.assertRaisesRegex(ValidationError, "which you cannot read"):
            Metric.create(
                {
                    "name": "By private email",
                    "model_id": self.env["ir.model"]._get_id("hr.employee"),
                    "domain": "[('private_email', 'ilike', 'a')]",
                    "employee_path": "parent_id",
                }
            )
        # Changing a readable metric into an unreadable one is refused too.
        metric = Metric.create(
            {
                "name": "Contacts",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "employee_path": "user_id",
            }
        )
        with self.assertRaisesRegex(ValidationError, "which you cannot read"):
            metric.write(
                {
                    "model_id": self.env["ir.model"]._get_id("hr.version"),
                    "employee_path": "employee_id",
                }
            )
        self.assertEqual(metric.model_name, "res.partner")
        # With the Employees administrator right (wages) it is accepted.
        admin.group_ids += self.env.ref("hr.group_hr_manager")
        wages = Metric.create(
            {
                "name": "Wages",
                "model_id": self.env["ir.model"]._get_id("hr.version"),
                **wage,
            }
        )
        self.assertEqual(wages.model_name, "hr.version")

    def test_sum_needs_a_number_field_of_the_model(self):
        with self.assertRaisesRegex(ValidationError, "choose the measured field"):
            self._metric("ir.attachment", aggregation="sum", employee_path="create_uid")
        with self.assertRaisesRegex(ValidationError, "is not a number of"):
            self._metric(
                "ir.attachment",
                aggregation="sum",
                employee_path="create_uid",
                measured_field_id=self._field("res.partner", "color").id,
            )

    def test_date_field_must_be_a_date_of_the_model(self):
        with self.assertRaisesRegex(ValidationError, "is not a date of"):
            self._metric(
                "res.partner", date_field_id=self._field("res.partner", "name").id
            )

    # ------------------------------------------------------------------
    # Reading real records
    # ------------------------------------------------------------------
    def test_counts_real_records_per_user_within_the_cycle(self):
        metric = self._metric(
            "res.partner",
            domain="[('is_company', '=', True), ('name', 'like', 'PerfCo')]",
            date_field_id=self._field("res.partner", "create_date").id,
        )
        Partner = self.env["res.partner"]
        Partner.create(
            [
                {"name": f"PerfCo {i}", "is_company": True, "user_id": user.id}
                for i, user in enumerate(
                    [self.user_employee] * 3 + [self.user_colleague] * 2
                )
            ]
        )
        Partner.create({"name": "PerfCo person", "user_id": self.user_employee.id})
        mine = self._live_goal(metric, target=4)
        theirs = self._live_goal(metric, employee_id=self.emp_colleague.id, target=4)
        (mine | theirs).action_refresh_actuals()
        self.assertEqual((mine.actual, theirs.actual), (3, 2))
        self.assertAlmostEqual(mine.score, 60)
        self.assertTrue(mine.last_refresh)

    def test_records_outside_the_cycle_do_not_count(self):
        metric = self._metric(
            "res.partner",
            domain="[('name', 'like', 'PerfOld')]",
            date_field_id=self._field("res.partner", "create_date").id,
        )
        partner = self.env["res.partner"].create(
            {"name": "PerfOld", "user_id": self.user_employee.id}
        )
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s",
            ("2020-01-01 10:00:00", partner.id),
        )
        goal = self._live_goal(metric)
        goal.action_refresh_actuals()
        self.assertEqual(goal.actual, 0)

    def test_sums_a_number_field_per_user(self):
        metric = self._metric(
            "ir.attachment",
            domain="[('name', 'like', 'perf-')]",
            aggregation="sum",
            measured_field_id=self._field("ir.attachment", "file_size").id,
            employee_path="create_uid",
            date_field_id=self._field("ir.attachment", "create_date").id,
        )
        for size in (10, 30):
            self.env["ir.attachment"].with_user(self.user_employee).create(
                {"name": f"perf-{size}", "raw": b"x" * size}
            )
        goal = self._live_goal(metric, target=80)
        goal.action_refresh_actuals()
        self.assertEqual(goal.actual, 40)

    def test_average_of_a_number_field(self):
        metric = self._metric(
            "ir.attachment",
            domain="[('name', 'like', 'perfavg-')]",
            aggregation="avg",
            measured_field_id=self._field("ir.attachment", "file_size").id,
            employee_path="create_uid",
        )
        for size in (10, 30):
            self.env["ir.attachment"].with_user(self.user_employee).create(
                {"name": f"perfavg-{size}", "datas": base64.b64encode(b"y" * size)}
            )
        goal = self._live_goal(metric)
        goal.action_refresh_actuals()
        self.assertEqual(goal.actual, 20)

    def test_employees_without_a_user_are_measured_through_an_employee_path(self):
        metric = self._metric("hr.employee", employee_path="parent_id")
        goal = self._live_goal(metric, employee_id=self.emp_manager.id, target=3)
        goal.action_refresh_actuals()
        self.assertEqual(goal.actual, 3, "the manager's three direct reports")
        nobody = self._live_goal(metric, employee_id=self.emp_no_user.id)
        nobody.action_refresh_actuals()
        self.assertEqual(nobody.actual, 0)

    def test_department_and_company_goals_add_up_their_people(self):
        metric = self._metric("res.partner", domain="[('name', 'like', 'PerfDept')]")
        self.env["res.partner"].create(
            [
                {"name": "PerfDept a", "user_id": self.user_employee.id},
                {"name": "PerfDept b", "user_id": self.user_colleague.id},
                {"name": "PerfDept c", "user_id": self.user_outsider.id},
                {"name": "PerfDept d"},
            ]
        )
        dept_goal = self._live_goal(
            metric,
            owner="department",
            employee_id=False,
            department_id=self.department.id,
        )
        company_goal = self._live_goal(metric, owner="company", employee_id=False)
        (dept_goal | company_goal).action_refresh_actuals()
        self.assertEqual(dept_goal.actual, 2)
        self.assertEqual(company_goal.actual, 4)

    def test_cycle_days_follow_the_company_timezone_and_archives_do_not_count(self):
        self.company.resource_calendar_id.tz = "Asia/Shanghai"
        metric = self._metric(
            "calendar.event",
            domain="[('name', 'like', 'PerfTz')]",
            employee_path="user_id",
            date_field_id=self._field("calendar.event", "start").id,
        )
        q1 = self._cycle(state="in_progress")  # 2026-01-01 .. 2026-03-31
        Event = self.env["calendar.event"]
        common = {"user_id": self.user_employee.id, "partner_ids": []}
        Event.create(
            [
                # 1 January 00:30 in Shanghai is still 31 December in UTC.
                dict(
                    common,
                    name="PerfTz in",
                    start="2025-12-31 16:30:00",
                    stop="2025-12-31 17:30:00",
                ),
                # 1 April 04:00 in Shanghai: after the quarter.
                dict(
                    common,
                    name="PerfTz out",
                    start="2026-03-31 20:00:00",
                    stop="2026-03-31 21:00:00",
                ),
                dict(
                    common,
                    name="PerfTz mid",
                    start="2026-02-10 09:00:00",
                    stop="2026-02-10 10:00:00",
                ),
                dict(
                    common,
                    name="PerfTz archived",
                    start="2026-02-11 09:00:00",
                    stop="2026-02-11 10:00:00",
                    active=False,
                ),
            ]
        )
        goal = self._goal(cycle_id=q1.id, metric_id=metric.id)
        goal.action_refresh_actuals()
        self.assertEqual(goal.actual, 2, "“in” and “mid”: Shanghai days, no archive")

    def test_a_refresh_that_changes_nothing_only_dates_the_measure(self):
        metric = self._metric("hr.employee", employee_path="parent_id")
        goal = self._live_goal(metric, employee_id=self.emp_manager.id, target=3)
        goal.action_refresh_actuals()
        first = goal.last_refresh
        self.assertEqual((goal.actual, goal.score), (3, 80))
        goal.action_refresh_actuals()
        self.assertEqual((goal.actual, goal.score), (3, 80))
        self.assertGreaterEqual(goal.last_refresh, first)

    def test_sales_orders_when_sales_is_installed(self):
        if "sale.order" not in self.env:
            self.skipTest("the Sales app is not installed in this database")
        metric = self._metric(
            "sale.order",
            domain="[('state', '=', 'sale')]",
            aggregation="sum",
            measured_field_id=self._field("sale.order", "amount_untaxed").id,
            employee_path="user_id",
            date_field_id=self._field("sale.order", "date_order").id,
        )
        goal = self._live_goal(metric, target=50000)
        goal.action_refresh_actuals()
        self.assertGreaterEqual(goal.actual, 0)

    # ------------------------------------------------------------------
    # Speed and robustness
    # ------------------------------------------------------------------
    def _team_goals(self, metric, count):
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": f"Perf bulk {count}-{i}",
                    "company_id": self.company.id,
                    "parent_id": self.emp_manager.id,
                }
                for i in range(count)
            ]
        )
        return self.env["perf.goal"].create(
            [
                {
                    "name": "Reports",
                    "employee_id": employee.id,
                    "cycle_id": self.live_cycle.id,
                    "metric_id": metric.id,
                    "target": 2,
                }
                for employee in employees
            ]
        )

    def test_refresh_costs_the_same_queries_for_20_or_200_goals(self):
        metric = self._metric("hr.employee", employee_path="parent_id")
        few = self._team_goals(metric, 20)
        many = self._team_goals(metric, 200)
        counts = []
        for goals in (few, many):
            self.env.invalidate_all()
            with self.assertQueryCount(8):  # the lock: never more
                before = self.cr.sql_log_count
                goals._refresh_actuals()
                self.env.flush_all()
                counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], "same cost for 20 and 200 goals")
        self.assertEqual(set(many.mapped("actual")), {0.0})
        self.assertTrue(all(many.mapped("measured")), "a refresh at 0 measures")

    def test_cron_refreshes_the_running_cycles_and_survives_a_broken_metric(self):
        good = self._metric("hr.employee", employee_path="parent_id")
        broken = self._metric("hr.employee", employee_path="parent_id")
        good_goal = self._live_goal(good, employee_id=self.emp_manager.id)
        broken_goal = self._live_goal(broken, employee_id=self.emp_manager.id)
        # A field removed after the metric was saved: the definition now fails.
        self.env.cr.execute(
            "UPDATE perf_metric SET domain = %s WHERE id = %s",
            ("[('gone_field', '=', 1)]", broken.id),
        )
        self.env.invalidate_all()
        with (
            self.enter_registry_test_mode(),
            self.assertLogs(
                "odoo.addons.odoo_perf_review.models.perf_metric_measure", "ERROR"
            ),
        ):
            self.env.ref(
                "odoo_perf_review.ir_cron_perf_goal_refresh"
            ).method_direct_trigger()
        self.env.invalidate_all()
        self.assertEqual(good_goal.actual, 3)
        self.assertEqual(broken_goal.actual, 0)

    def test_a_cron_run_cut_short_is_continued_by_the_next_one(self):
        """Out of time after one batch, the next run starts with the batches
        measured least recently: every KPI gets measured, none is starved."""
        metrics = [
            self._metric("hr.employee", employee_path="parent_id") for _i in range(3)
        ]
        goals = [
            self._live_goal(metric, employee_id=self.emp_manager.id)
            for metric in metrics
        ]
        cron_class = type(self.env["ir.cron"])
        Goal = self.env["perf.goal"].with_context(cron_id=1)
        measured_by_run = []
        with patch.object(cron_class, "_commit_progress", lambda *a, **k: 0):
            for _run in range(3):
                Goal._cron_refresh_actuals()
                self.env.invalidate_all()
                measured_by_run.append({goal.id for goal in goals if goal.last_refresh})
        self.assertEqual([len(found) for found in measured_by_run], [1, 2, 3])
        self.assertEqual([goal.actual for goal in goals], [3, 3, 3])

    def test_a_finished_round_reports_nothing_remaining(self):
        """Batches measured in this round are not due again: runs cut short
        count down to nothing remaining, so the scheduler stops re-running the
        job, and a run right after a complete round has nothing to do."""
        metrics = [
            self._metric("hr.employee", employee_path="parent_id") for _i in range(3)
        ]
        for metric in metrics:
            self._live_goal(metric, employee_id=self.emp_manager.id)
        cron_class = type(self.env["ir.cron"])
        Goal = self.env["perf.goal"].with_context(cron_id=1)
        remaining_by_run = []

        def out_of_time(_cron, _processed, remaining=None):
            remaining_by_run.append(remaining)
            return 0

        with patch.object(cron_class, "_commit_progress", out_of_time):
            for _run in range(4):
                Goal._cron_refresh_actuals()
                self.env.invalidate_all()
        # The demo/other batches of the database count too: what matters is
        # that the count goes down to 0 and stays there.
        self.assertEqual(remaining_by_run[-1], 0)
        self.assertEqual(remaining_by_run, sorted(remaining_by_run, reverse=True))
        calls = len(remaining_by_run)
        self.assertEqual(Goal._cron_refresh_actuals(), 0)
        self.assertEqual(len(remaining_by_run), calls)  # nothing was due
