# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPerfTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A company of its own, so that the tour never meets demo cycles.
        cls.company = cls.env["res.company"].create({"name": "Tour Co"})
        cls.officer = new_test_user(
            cls.env,
            "tour_officer",
            groups="base.group_user,hr.group_hr_user,"
            "odoo_perf_review.group_perf_officer",
            name="Tour Officer",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_officer_creates_and_starts_a_quarterly_cycle(self):
        self.start_tour("/odoo", "odoo_perf_review_cycle_tour", login="tour_officer")
        cycle = self.env["perf.cycle"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(cycle), 1)
        self.assertEqual(cycle.frequency, "quarterly")
        self.assertEqual(cycle.state, "goal_setting")
        self.assertEqual(
            cycle.template_id, self.env.ref("odoo_perf_review.template_kpi")
        )
