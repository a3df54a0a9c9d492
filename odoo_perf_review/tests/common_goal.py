# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import new_test_user

from .common import PerfCase
from .common_dates import year_bounds


class PerfGoalCase(PerfCase):
    """A small team: a manager, two employees of the same department, one
    employee without a user, and an outsider from another department."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ctx = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.user_colleague = new_test_user(
            cls.env,
            "perf_colleague",
            groups="base.group_user",
            name="Cole Colleague",
            **ctx,
        )
        cls.user_outsider = new_test_user(
            cls.env,
            "perf_outsider",
            groups="base.group_user",
            name="Otis Outsider",
            **ctx,
        )
        Employee = cls.env["hr.employee"]
        cls.department = cls.env["hr.department"].create(
            {"name": "Perf Sales", "company_id": cls.company.id}
        )
        cls.other_department = cls.env["hr.department"].create(
            {"name": "Perf Support", "company_id": cls.company.id}
        )
        cls.emp_manager = Employee.create(
            {
                "name": "Mona Manager",
                "user_id": cls.user_manager.id,
                "company_id": cls.company.id,
                "department_id": cls.department.id,
            }
        )
        cls.department.manager_id = cls.emp_manager
        team = {
            "company_id": cls.company.id,
            "department_id": cls.department.id,
            "parent_id": cls.emp_manager.id,
        }
        cls.emp_employee = Employee.create(
            dict(team, name="Erin Employee", user_id=cls.user_employee.id)
        )
        cls.emp_colleague = Employee.create(
            dict(team, name="Cole Colleague", user_id=cls.user_colleague.id)
        )
        cls.emp_no_user = Employee.create(dict(team, name="Nia No-User"))
        cls.emp_outsider = Employee.create(
            {
                "name": "Otis Outsider",
                "user_id": cls.user_outsider.id,
                "company_id": cls.company.id,
                "department_id": cls.other_department.id,
            }
        )
        cls.emp_officer = Employee.create(
            {
                "name": "Olivia Officer",
                "user_id": cls.user_officer.id,
                "company_id": cls.company.id,
            }
        )
        cls.goal_cycle = cls._cycle(
            *year_bounds(),
            frequency="annual",
            state="goal_setting",
        )
        cls.year = cls.goal_cycle.date_start.year

    @classmethod
    def _goal(cls, name="Goal", **vals):
        values = {
            "name": name,
            "owner": "employee",
            "employee_id": cls.emp_employee.id,
            "cycle_id": cls.goal_cycle.id,
            "goal_type": "kpi",
            "target": 100,
            "weight": 50,
        }
        values.update(vals)
        return cls.env["perf.goal"].create(values)
