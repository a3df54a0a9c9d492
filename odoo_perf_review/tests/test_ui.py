# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common_dates import this_year, year_bounds


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


class TourTeamCase(HttpCase):
    """A company of its own (tours never meet demo data) with a manager and
    one employee reporting to them, both with users."""

    _login_prefix = "tour"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": f"{cls._login_prefix} company"}
        )
        companies = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.manager = new_test_user(
            cls.env,
            f"{cls._login_prefix}_manager",
            groups="base.group_user,odoo_perf_review.group_perf_manager",
            name="Tour Manager",
            **companies,
        )
        cls.employee_user = new_test_user(
            cls.env,
            f"{cls._login_prefix}_employee",
            groups="base.group_user",
            name="Tour Employee",
            **companies,
        )
        cls.manager_employee = cls.env["hr.employee"].create(
            {
                "name": "Tour Manager",
                "user_id": cls.manager.id,
                "company_id": cls.company.id,
            }
        )
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Tour Employee",
                "user_id": cls.employee_user.id,
                "company_id": cls.company.id,
                "parent_id": cls.manager_employee.id,
            }
        )

    @classmethod
    def _hr_officer(cls):
        return new_test_user(
            cls.env,
            f"{cls._login_prefix}_hr",
            groups="base.group_user,odoo_perf_review.group_perf_officer",
            name="Tour HR",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    @classmethod
    def _rated_cycle(cls, template, level_index, **cycle_vals):
        """An annual cycle in review where the manager has rated the employee
        at the given level of the template's scale."""
        cycle = cls.env["perf.cycle"].create(
            {
                "company_id": cls.company.id,
                "frequency": "annual",
                "date_start": year_bounds()[0],
                "date_end": year_bounds()[1],
                "template_id": template.id,
                "state": "goal_setting",
                **cycle_vals,
            }
        )
        cycle._launch_appraisals(cls.employee, template)
        cycle.write({"state": "review"})
        appraisal = cycle.appraisal_ids
        review = appraisal.review_ids.filtered(lambda r: r.rater_type == "manager")
        level = template.rating_scale_id.level_ids.sorted("sequence")[level_index]
        for line in review.line_ids.filtered("criterion_id"):
            line.level_id = level
        review.action_submit()
        return cycle, appraisal

    @classmethod
    def _manager_only_template(cls, name):
        """The KPI template, rated by the manager alone."""
        return cls.env.ref("odoo_perf_review.template_kpi").copy(
            {
                "name": name,
                "company_id": cls.company.id,
                "peer_weight": 0,
                "self_weight": 0,
                "customer_weight": 0,
                "manager_weight": 100,
            }
        )


@tagged("post_install", "-at_install")
class TestGoalTours(TourTeamCase):
    _login_prefix = "tour"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["perf.cycle"].create(
            {
                "company_id": cls.company.id,
                "frequency": "annual",
                "date_start": year_bounds()[0],
                "date_end": year_bounds()[1],
                "template_id": cls.env.ref("odoo_perf_review.template_kpi").id,
                "state": "goal_setting",
            }
        )

    def test_employee_submits_two_weighted_goals_and_manager_approves(self):
        self.start_tour(
            "/odoo", "odoo_perf_review_goal_submit_tour", login="tour_employee"
        )
        goals = self.env["perf.goal"].search([("company_id", "=", self.company.id)])
        self.assertEqual(sorted(goals.mapped("weight")), [40, 60])
        self.assertEqual(set(goals.mapped("state")), {"submitted"})
        self.start_tour(
            "/odoo", "odoo_perf_review_goal_approve_tour", login="tour_manager"
        )
        self.assertEqual(set(goals.mapped("state")), {"approved"})
        self.assertEqual(goals.approved_by_id, self.manager)


@tagged("post_install", "-at_install")
class TestAppraisalTours(TourTeamCase):
    _login_prefix = "tour_ap"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        criteria = cls.env["perf.criterion"].create(
            [
                {"name": "Tour quality", "company_id": cls.company.id},
                {"name": "Tour teamwork", "company_id": cls.company.id},
            ]
        )
        template = cls.env["perf.template"].create(
            {
                "name": "Tour template",
                "company_id": cls.company.id,
                "criterion_ids": [Command.set(criteria.ids)],
                "goal_weight": 0,
                "competency_weight": 100,
                "self_weight": 20,
                "manager_weight": 80,
                "peer_weight": 0,
                "customer_weight": 0,
                "bsc_financial_weight": 0,
                "bsc_customer_weight": 0,
                "bsc_internal_weight": 0,
                "bsc_learning_weight": 0,
            }
        )
        cls.cycle = cls.env["perf.cycle"].create(
            {
                "company_id": cls.company.id,
                "frequency": "annual",
                "date_start": year_bounds()[0],
                "date_end": year_bounds()[1],
                "template_id": template.id,
                "state": "goal_setting",
            }
        )
        cls.cycle._launch_appraisals(cls.employee | cls.manager_employee, template)
        cls.cycle.write({"state": "review"})
        cls.appraisal = cls.cycle.appraisal_ids.filtered(
            lambda a: a.employee_id == cls.employee
        )

    def test_employee_self_review_then_manager_review_and_release(self):
        self.start_tour(
            "/odoo", "odoo_perf_review_self_review_tour", login="tour_ap_employee"
        )
        self_review = self.appraisal.review_ids.filtered(
            lambda r: r.rater_type == "self"
        )
        self.assertEqual(self_review.state, "submitted")
        self.assertEqual(set(self_review.line_ids.level_id.mapped("code")), {"4"})
        self.start_tour(
            "/odoo", "odoo_perf_review_manager_release_tour", login="tour_ap_manager"
        )
        self.assertEqual(self.appraisal.state, "released")
        # 20 % self (90) + 80 % manager (77.5)
        self.assertAlmostEqual(self.appraisal.final_score, 80.0)


@tagged("post_install", "-at_install")
class TestAppealTours(TourTeamCase):
    _login_prefix = "tour_appeal"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.handler = cls._hr_officer()
        template = cls._manager_only_template("Appeal tour template")
        _cycle, cls.appraisal = cls._rated_cycle(template, 1, user_id=cls.handler.id)
        cls.appraisal.action_release()

    def test_employee_appeals_and_the_handler_accepts(self):
        self.start_tour(
            "/odoo", "odoo_perf_review_appeal_file_tour", login="tour_appeal_employee"
        )
        appeal = self.env["perf.appeal"].search(
            [("appraisal_id", "=", self.appraisal.id)]
        )
        self.assertEqual(appeal.state, "submitted")
        self.assertEqual(appeal.handler_id, self.handler)
        self.start_tour(
            "/odoo", "odoo_perf_review_appeal_decide_tour", login="tour_appeal_hr"
        )
        self.assertEqual(appeal.state, "accepted")
        self.assertEqual(self.appraisal.final_level_id.code, "3")


@tagged("post_install", "-at_install")
class TestBonusTour(TourTeamCase):
    _login_prefix = "tour_bonus"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr = cls._hr_officer()
        template = cls._manager_only_template("Bonus tour template")
        policy = cls.env["perf.bonus.policy"].create(
            {
                "name": "Bonus tour policy",
                "company_id": cls.company.id,
                "base_type": "fixed",
                "base_amount": 10000,
            }
        )
        policy._fill_default_multipliers()
        # Employed all year: no pro rata.
        cls.employee.current_version_id.contract_date_start = year_bounds(
            this_year() - 1
        )[0]
        cls.cycle, _appraisal = cls._rated_cycle(
            template, 3, name="Bonus tour", bonus_policy_id=policy.id
        )
        cls.env["perf.bonus.pool"].create({"cycle_id": cls.cycle.id, "amount": 9000})
        cls.cycle.write({"state": "released"})

    def test_hr_computes_checks_the_budget_and_approves(self):
        self.start_tour("/odoo", "odoo_perf_review_bonus_tour", login="tour_bonus_hr")
        line = self.env["perf.bonus.line"].search([("cycle_id", "=", self.cycle.id)])
        self.assertEqual(line.state, "approved")
        self.assertAlmostEqual(line.amount, 9000.0, places=2)
