# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The live-KPI refresh writes its measures through the ORM: every stored
field that depends on a goal's actual value, in any installed module, is as a
recomputation would leave it."""

from odoo import fields
from odoo.tests import tagged

from ..engine import schedule
from .common_goal import PerfGoalCase


@tagged("post_install", "-at_install")
class TestMetricMeasures(PerfGoalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start, end = schedule.period_containing(fields.Date.today(), "monthly")
        cls.live_cycle = cls._cycle(
            start, end, frequency="monthly", state="in_progress"
        )
        # Counts the direct reports of the goal's employee (3 for the manager).
        cls.metric = cls.env["perf.metric"].create(
            {
                "name": "Direct reports",
                "model_id": cls.env["ir.model"]._get_id("hr.employee"),
                "domain": "[]",
                "aggregation": "count",
                "employee_path": "parent_id",
            }
        )

    def _live(self, name, **vals):
        values = {"cycle_id": self.live_cycle.id, "employee_id": self.emp_manager.id}
        values.update(vals)
        return self._goal(name, **values)

    def _dependents_of_actual(self):
        """The stored computed fields that depend, directly or not, on
        ``perf.goal.actual`` or ``has_actual``, as the registry knows them."""
        goal_fields = self.env["perf.goal"]._fields
        dependents = set()
        for name in ("actual", "has_actual"):
            dependents.update(
                field
                for field in self.registry.get_dependent_fields(goal_fields[name])
                if field.store and field.compute
            )
        return dependents

    def test_every_field_depending_on_the_actual_is_recomputed_by_a_refresh(self):
        objective = self._live("Grow the team", goal_type="objective")
        measured_kr = self._live(
            "Six reports",
            goal_type="key_result",
            parent_id=objective.id,
            metric_id=self.metric.id,
            target=6,
        )
        self._live(
            "Manual",
            goal_type="key_result",
            parent_id=objective.id,
        )
        department_goal = self._live(
            "Department",
            owner="department",
            employee_id=False,
            department_id=self.department.id,
        )
        aligned = self._live(
            "Three reports",
            parent_id=department_goal.id,
            metric_id=self.metric.id,
            target=3,
        )
        # 3 of 7: results that the fields' digits round (42.857… % reads 42.9).
        uneven = self._live("Seven reports", metric_id=self.metric.id, target=7)
        dependents = self._dependents_of_actual()
        names = {(field.model_name, field.name) for field in dependents}
        self.assertLessEqual(
            {
                ("perf.goal", name)
                for name in (
                    "attainment",
                    "grade",
                    "score",
                    "measured",
                    "rollup_progress",
                    "rollup_measured",
                )
            },
            names,
        )

        # Nothing pending: whatever the refresh leaves right is its own doing.
        self.env.flush_all()
        self.assertFalse(objective.measured or department_goal.rollup_measured)
        (measured_kr | aligned | uneven)._refresh_actuals()
        self.env.invalidate_all()
        self.assertEqual(measured_kr.actual, 3)
        self.assertAlmostEqual(measured_kr.grade, 0.5)
        self.assertAlmostEqual(objective.grade, 0.5, msg="its measured KR only")
        self.assertTrue(objective.measured)
        self.assertAlmostEqual(aligned.attainment, 100)
        self.assertAlmostEqual(uneven.attainment, 42.9)
        self.assertTrue(department_goal.rollup_measured)
        self.assertAlmostEqual(department_goal.rollup_progress, 100)

        # What is stored is what a recomputation gives, for every dependent
        # field of every model (another module's included).
        for field in dependents:
            model = self.env[field.model_name]
            records = model.search([])
            with self.subTest(field=str(field)):
                stored = {record.id: record[field.name] for record in records}
                self.env.add_to_compute(field, records)
                recomputed = {record.id: record[field.name] for record in records}
                self.assertEqual(stored, recomputed)
                records.invalidate_recordset([field.name])

    def test_a_check_in_and_a_refresh_write_the_same_way(self):
        by_refresh = self._live("Refreshed", metric_id=self.metric.id, target=3)
        by_checkin = self._live("Checked in", target=3)
        by_refresh._refresh_actuals()
        self.env["perf.checkin"].create(
            {"goal_id": by_checkin.id, "value": 3, "date": fields.Date.today()}
        )
        for field in ("actual", "has_actual", "measured", "attainment", "score"):
            self.assertEqual(by_refresh[field], by_checkin[field], field)
        self.assertTrue(by_refresh.last_refresh)
