# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class PerfCase(TransactionCase):
    """Two companies, one user per role, and a valid template.

    Tests build their own companies so they never collide with demo data.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Perf Test Co"})
        cls.other_company = cls.env["res.company"].create({"name": "Perf Other Co"})
        ctx = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        base = "base.group_user"
        cls.user_employee = new_test_user(
            cls.env, "perf_employee", groups=base, name="Erin Employee", **ctx
        )
        cls.user_manager = new_test_user(
            cls.env,
            "perf_manager",
            groups=f"{base},odoo_perf_review.group_perf_manager",
            name="Mona Manager",
            **ctx,
        )
        cls.user_officer = new_test_user(
            cls.env,
            "perf_officer",
            groups=f"{base},odoo_perf_review.group_perf_officer",
            name="Olivia Officer",
            **ctx,
        )
        cls.user_admin = new_test_user(
            cls.env,
            "perf_admin",
            groups=f"{base},odoo_perf_review.group_perf_admin",
            name="Adam Admin",
            **ctx,
        )
        cls.user_other_officer = new_test_user(
            cls.env,
            "perf_other_officer",
            groups=f"{base},odoo_perf_review.group_perf_officer",
            name="Otto Other",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.scale = cls.env.ref("odoo_perf_review.rating_scale_five")
        cls.criteria = cls.env["perf.criterion"].create(
            [
                {"name": "Test quality", "company_id": cls.company.id},
                {"name": "Test teamwork", "company_id": cls.company.id},
            ]
        )
        cls.template = cls.env["perf.template"].create(
            {
                "name": "Test KPI template",
                "company_id": cls.company.id,
                "method": "kpi",
                "rating_scale_id": cls.scale.id,
                "criterion_ids": [Command.set(cls.criteria.ids)],
                "bsc_financial_weight": 0,
                "bsc_customer_weight": 0,
                "bsc_internal_weight": 0,
                "bsc_learning_weight": 0,
            }
        )

    @contextmanager
    def _assert_refused(self, exception, pattern):
        """assertRaisesRegex that also rolls the refused change back, as a
        request would, so tests can check that nothing was half-written."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)
        self.env.invalidate_all()

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        if args or kwargs:
            return super().assertRaisesRegex(
                expected_exception, expected_regex, *args, **kwargs
            )
        return self._assert_refused(expected_exception, expected_regex)

    @classmethod
    def _cycle(cls, start=date(2026, 1, 1), end=date(2026, 3, 31), **vals):
        values = {
            "company_id": cls.company.id,
            "frequency": "quarterly",
            "date_start": start,
            "date_end": end,
            "template_id": cls.template.id,
        }
        values.update(vals)
        return cls.env["perf.cycle"].create(values)

    def _state_tracking(self, cycle):
        return self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "perf.cycle"),
                ("mail_message_id.res_id", "=", cycle.id),
                ("field_id.name", "=", "state"),
            ]
        )
