# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import date
from pathlib import Path

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged

TODAY = "2026-11-29"


class ShopCase(TransactionCase):
    """A 10-person shop: the boss, two team leads, seven people, two jobs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Ten People Ltd"})
        ctx = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.boss_user = new_test_user(
            cls.env,
            "qs_boss",
            groups="base.group_user,odoo_perf_review.group_perf_admin",
            name="Bo Boss",
            **ctx,
        )
        cls.lead_user = new_test_user(
            cls.env,
            "qs_lead",
            groups="base.group_user,odoo_perf_review.group_perf_manager",
            name="Lee Lead",
            **ctx,
        )
        cls.staff_user = new_test_user(
            cls.env, "qs_staff", groups="base.group_user", name="Sam Staff", **ctx
        )
        Job = cls.env["hr.job"]
        cls.job_sales = Job.create({"name": "Seller", "company_id": cls.company.id})
        cls.job_tech = Job.create({"name": "Fitter", "company_id": cls.company.id})
        Employee = cls.env["hr.employee"].with_context(tracking_disable=True)
        base = {"company_id": cls.company.id}
        cls.boss = Employee.create(dict(base, name="Bo Boss", user_id=cls.boss_user.id))
        cls.lead_a = Employee.create(
            dict(base, name="Lee Lead", parent_id=cls.boss.id, user_id=cls.lead_user.id)
        )
        cls.lead_b = Employee.create(dict(base, name="Kim Lead", parent_id=cls.boss.id))
        people = [("Sam Staff", cls.lead_a, cls.job_sales, cls.staff_user)]
        people += [(f"Seller {i}", cls.lead_a, cls.job_sales, None) for i in range(3)]
        people += [(f"Fitter {i}", cls.lead_b, cls.job_tech, None) for i in range(3)]
        cls.staff = Employee.create(
            [
                dict(
                    base,
                    name=name,
                    parent_id=lead.id,
                    job_id=job.id,
                    user_id=user.id if user else False,
                )
                for name, lead, job, user in people
            ]
        )
        cls.employees = cls.boss | cls.lead_a | cls.lead_b | cls.staff

    def _wizard(self, user=None, **vals):
        wizard = Form(
            self.env["perf.quick.start"]
            .with_user(user or self.boss_user)
            .with_company(self.company)
        )
        for name, value in vals.items():
            setattr(wizard, name, value)
        return wizard.save()


@tagged("post_install", "-at_install")
class TestQuickStartAdvice(ShopCase):
    @freeze_time(TODAY)
    def test_a_ten_person_shop_gets_kpis_self_and_manager_reviews_next_quarter(self):
        wizard = self._wizard()
        self.assertEqual(wizard.employee_count, 10)
        self.assertEqual(wizard.size, "tiny")
        self.assertEqual(wizard.method, "kpi")
        self.assertIn("Recommended", wizard.method_advice)
        self.assertFalse(wizard.use_peers)
        self.assertIn("anonymous", wizard.review_note)
        self.assertEqual(
            (wizard.date_start, wizard.date_end), (date(2027, 1, 1), date(2027, 3, 31))
        )
        self.assertEqual(wizard.period_name, "2027 Q1")
        # One goal per area for each job position (and for those without one).
        jobs = wizard.line_ids.mapped("job_id")
        self.assertEqual(jobs, self.job_sales | self.job_tech)
        self.assertEqual(len(wizard.line_ids), 3 * 2)
        self.assertEqual(sum(wizard.line_ids.mapped("employee_count")) / 2, 10)
        sales = wizard.line_ids.filtered(lambda line: line.area == "sales")[0]
        self.assertEqual(sales.target, 60000, "20,000 a month for a quarter")
        self.assertEqual(sales.source, "Check-ins", "no sales app installed here")
        self.assertEqual(wizard.bonus_budget, 10 * 1000)

    def test_growth_of_people_makes_an_objective(self):
        wizard = self._wizard(focus_people=True)
        self.assertEqual(wizard.method, "mixed")
        people = wizard.line_ids.filtered(lambda line: line.area == "people")
        self.assertEqual(set(people.mapped("goal_type")), {"objective"})

    def test_only_officers_open_it(self):
        with self.assertRaises(AccessError):
            self._wizard(user=self.lead_user)


@tagged("post_install", "-at_install")
class TestQuickStartLaunch(ShopCase):
    @freeze_time(TODAY)
    def test_launch_creates_a_running_cycle_with_goals_for_everyone(self):
        wizard = self._wizard(bonus_budget=8000)
        action = wizard.action_launch()
        cycle = self.env["perf.cycle"].browse(action["res_id"])
        self.assertEqual(cycle.state, "goal_setting")
        self.assertEqual(cycle.name, "2027 Q1")
        self.assertEqual(cycle.template_id.method, "kpi")
        self.assertEqual(cycle.template_id.peer_weight, 0)
        goals = self.env["perf.goal"].search([("cycle_id", "=", cycle.id)])
        self.assertEqual(goals.employee_id, self.employees)
        self.assertEqual(set(goals.mapped("state")), {"approved"})
        for _employee, own in goals.grouped("employee_id").items():
            self.assertAlmostEqual(sum(own.mapped("weight")), 100)
        # The boss is not appraised; everyone else is, by their manager.
        appraisals = cycle.appraisal_ids
        self.assertEqual(appraisals.employee_id, self.employees - self.boss)
        kinds = set(appraisals.review_ids.mapped("rater_type"))
        self.assertEqual(kinds, {"self", "manager"})
        self.assertEqual(cycle.bonus_pool_ids.amount, 8000)
        self.assertEqual(cycle.bonus_policy_id.base_amount, 1000)
        # People are told.
        message = cycle.message_ids.filtered(lambda m: "has started" in str(m.body))
        self.assertIn(self.staff_user.partner_id, message.partner_ids)

    @freeze_time(TODAY)
    def test_running_it_again_creates_nothing_twice(self):
        self._wizard().action_launch()
        counts = self._counts()
        self._wizard().action_launch()
        self.assertEqual(self._counts(), counts)

    @freeze_time(TODAY)
    def test_the_head_reviewed_by_a_named_person(self):
        wizard = self._wizard(top_policy="reviewed_by", top_reviewer_id=self.lead_a)
        cycle = self.env["perf.cycle"].browse(wizard.action_launch()["res_id"])
        boss = cycle.appraisal_ids.filtered(lambda a: a.employee_id == self.boss)
        manager_review = boss.review_ids.filtered(lambda r: r.rater_type == "manager")
        self.assertEqual(manager_review.reviewer_employee_id, self.lead_a)

    @freeze_time(TODAY)
    def test_a_balanced_scorecard_weighs_each_perspective(self):
        wizard = self._wizard(
            focus_quality=True, focus_delivery=True, focus_people=True, method="bsc"
        )
        cycle = self.env["perf.cycle"].browse(wizard.action_launch()["res_id"])
        template = cycle.template_id
        self.assertEqual(template.method, "bsc")
        # sales 20 (financial), satisfaction 20 (customer), quality + delivery
        # 40 (internal), people 20 (learning).
        self.assertEqual(
            template._perspective_weights(),
            {"financial": 20, "customer": 20, "internal": 40, "learning": 20},
        )
        goals = self.env["perf.goal"].search(
            [("cycle_id", "=", cycle.id), ("employee_id", "=", self.staff[0].id)]
        )
        self.assertEqual(set(goals.mapped("state")), {"approved"})

    def _counts(self):
        return {
            model: self.env[model].search_count([])
            for model in (
                "perf.cycle",
                "perf.template",
                "perf.goal",
                "perf.appraisal",
                "perf.review",
                "perf.bonus.policy",
                "perf.bonus.pool",
            )
        }


@tagged("post_install", "-at_install")
class TestQuickStartRefusals(ShopCase):
    def _refused(self, exception, pattern, wizard):
        before = self.env["perf.cycle"].search_count([])
        with self.assertRaisesRegex(exception, pattern):
            wizard.action_launch()
        self.assertEqual(self.env["perf.cycle"].search_count([]), before)

    @freeze_time(TODAY)
    def test_bad_input_is_refused_and_nothing_created(self):
        self._refused(ValidationError, "above zero", self._wizard(bonus_budget=0))
        self._refused(ValidationError, "above zero", self._wizard(bonus_budget=-5))
        self._refused(
            UserError,
            "at least one thing",
            self._wizard(focus_sales=False, focus_satisfaction=False),
        )
        wizard = self._wizard()
        wizard.top_policy = "reviewed_by"
        self._refused(UserError, "Name who reviews", wizard)

    @freeze_time("2027-04-02")
    def test_a_period_in_the_past_is_refused(self):
        wizard = self._wizard(start="current", frequency="monthly")
        with freeze_time("2027-05-03"):
            self._refused(ValidationError, "already over", wizard)

    @freeze_time(TODAY)
    def test_no_employees_or_no_hierarchy(self):
        empty = self.env["res.company"].create({"name": "Nobody Yet"})
        self.boss_user.write({"company_ids": [Command.link(empty.id)]})
        wizard = (
            self.env["perf.quick.start"]
            .with_user(self.boss_user)
            .with_company(empty)
            .create({"company_id": empty.id})
        )
        self._refused(UserError, "has no employees yet", wizard)
        self.env["hr.employee"].create({"name": "Solo", "company_id": empty.id})
        self._refused(UserError, "Nobody in Nobody Yet has a manager", wizard)


@tagged("post_install", "-at_install")
class TestQuickStartTour(ShopCase, HttpCase):
    """The boss, in a database without demo data, launches his first cycle."""

    TOUR = "odoo_perf_review_quick_start_tour"
    MAX_CLICKS, MAX_TYPED = 15, 20

    def _tour_steps(self):
        """The tour's steps that act: clicks and typed fields, counted from
        its source so that the figure in the README stays true."""
        tours = Path(__file__).parents[1] / "static" / "tests" / "tours"
        source = (tours / "perf_quick_start_tour.js").read_text(encoding="utf-8")
        home_menu = 1  # stepUtils.showAppsMenuItem()
        clicks = len(re.findall(r'run: "click"', source)) + home_menu
        typed = len(re.findall(r'run: "edit ', source))
        return clicks, typed

    def test_first_cycle_in_a_few_clicks(self):
        clicks, typed = self._tour_steps()
        self.assertLessEqual(clicks, self.MAX_CLICKS)
        self.assertLessEqual(typed, self.MAX_TYPED)
        self.start_tour("/odoo", self.TOUR, login="qs_boss")
        cycle = self.env["perf.cycle"].search([("company_id", "=", self.company.id)])
        self.assertEqual(cycle.state, "goal_setting")
        goals = self.env["perf.goal"].search([("cycle_id", "=", cycle.id)])
        self.assertEqual(goals.employee_id, self.employees)
        self.assertEqual(set(goals.mapped("state")), {"approved"})
        self.assertIn("Deliveries on time", goals.mapped("name"))
        self.assertEqual(cycle.bonus_pool_ids.amount, 9000)
        self.assertTrue(cycle.bonus_policy_id)
        self.assertEqual(cycle.appraisal_ids.employee_id, self.employees - self.boss)
