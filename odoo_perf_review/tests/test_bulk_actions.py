# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bulk actions and small-company defaults (issue #12, "First value in five
minutes"): approving a selection or a whole team's goals, goals for a job
position, nudging everyone late, the small-team template, the top of the
hierarchy and the proposed period."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common_dates import year_bounds
from .common_goal import PerfGoalCase
from .test_ui import TourTeamCase


class BulkCase(PerfGoalCase):
    def _set(self, employee, *weights, state="submitted"):
        """Goals of ``employee`` with ``weights``, submitted (or ``state``)."""
        goals = self.env["perf.goal"]
        for index, weight in enumerate(weights):
            goals |= self._goal(
                f"{employee.name} goal {index + 1}",
                employee_id=employee.id,
                weight=weight,
            )
        if state in ("submitted", "approved"):
            goals.with_user(self.user_officer).action_submit()
        if state == "approved":
            goals.with_user(self.user_officer).action_approve()
        return goals

    def _states(self, goals):
        goals.invalidate_recordset(["state"])
        return set(goals.mapped("state"))


@tagged("post_install", "-at_install")
class TestApproveSelection(BulkCase):
    def test_manager_approves_the_selected_goals_of_several_employees(self):
        erin = self._set(self.emp_employee, 50, 50)
        cole = self._set(self.emp_colleague, 100)
        action = (erin | cole).with_user(self.user_manager).action_approve_selection()
        self.assertEqual(self._states(erin | cole), {"approved"})
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("3", action["params"]["message"])
        self.assertEqual(action["params"]["next"]["tag"], "soft_reload")
        self.assertEqual(erin.approved_by_id, self.user_manager)

    def test_a_mixed_selection_approves_none_and_names_each_goal(self):
        erin = self._set(self.emp_employee, 50, 50)
        cole = self._set(self.emp_colleague, 60, state="draft")
        nia = self._set(self.emp_no_user, 100, state="approved")
        selection = (erin | cole | nia).with_user(self.user_manager)
        with self.assertRaisesRegex(
            UserError, "None of the 4 selected goals"
        ) as caught:
            selection.action_approve_selection()
        message = str(caught.exception)
        self.assertIn("2 of them cannot be", message)
        self.assertIn("“Nia No-User goal 1” (Nia No-User): it is approved", message)
        self.assertIn("“Cole Colleague goal 1” (Cole Colleague)", message)
        self.assertIn("add up to 60", message)
        self.assertNotIn("Erin Employee goal", message)
        # Nothing half-done: the goals that could be approved were not.
        self.assertEqual(self._states(erin), {"submitted"})
        self.assertEqual(self._states(cole), {"draft"})

    def test_goals_of_others_refuse_the_whole_selection_for_rights(self):
        erin = self._set(self.emp_employee, 50, 50)
        own = self._set(self.emp_manager, 100)
        with self.assertRaisesRegex(
            AccessError, r"“Mona Manager goal 1” \(Mona Manager\): only the manager"
        ):
            (erin | own).with_user(self.user_manager).action_approve_selection()
        self.assertEqual(self._states(erin | own), {"submitted"})

    def test_an_employee_cannot_approve_a_selection(self):
        erin = self._set(self.emp_employee, 50, 50)
        with self.assertRaisesRegex(AccessError, "only the manager of Erin Employee"):
            erin.with_user(self.user_employee).action_approve_selection()
        self.assertEqual(self._states(erin), {"submitted"})

    def test_an_empty_selection_is_explained(self):
        with self.assertRaisesRegex(UserError, "Select the goals to approve first"):
            self.env["perf.goal"].with_user(
                self.user_manager
            ).action_approve_selection()

    def test_approve_is_in_the_action_menu_of_the_goals_list(self):
        action = self.env.ref("odoo_perf_review.perf_goal_action_server_approve")
        self.assertEqual(action.binding_model_id.model, "perf.goal")
        self.assertEqual(action.binding_view_types, "list")
        self.assertIn(
            self.env.ref("odoo_perf_review.group_perf_manager"), action.group_ids
        )
        erin = self._set(self.emp_employee, 50, 50)
        result = (
            action.with_user(self.user_manager)
            .with_context(active_model="perf.goal", active_ids=erin.ids)
            .run()
        )
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(self._states(erin), {"approved"})

    def test_list_buttons_are_for_managers(self):
        team_action = self.env.ref(
            "odoo_perf_review.perf_goal_action_server_approve_team"
        )
        buttons = {
            "action_approve_selection": 'name="action_approve_selection"',
            "team": f'name="{team_action.id}"',
        }

        def header_buttons(user):
            arch = (
                self.env["perf.goal"]
                .with_user(user)
                .get_views([(False, "list")])["views"]["list"]["arch"]
            )
            return {name for name, needle in buttons.items() if needle in arch}

        both = set(buttons)
        self.assertEqual(header_buttons(self.user_manager), both)
        self.assertEqual(header_buttons(self.user_officer), both)
        self.assertEqual(header_buttons(self.user_employee), set())


@tagged("post_install", "-at_install")
class TestApproveTeamGoals(BulkCase):
    def test_manager_approves_the_team_in_one_click_and_hears_what_was_left(self):
        erin = self._set(self.emp_employee, 50, 50)
        cole = self._set(self.emp_colleague, 100)
        nia = self._set(self.emp_no_user, 50, 50)
        # The manager lowers a weight after the submission: Nia's set no longer
        # adds up and is left for the manager to fix.
        nia[0].with_user(self.user_manager).weight = 40
        outsider = self._set(self.emp_outsider, 100)
        action = (
            self.env["perf.goal"]
            .with_user(self.user_manager)
            .action_approve_team_goals()
        )
        self.assertEqual(self._states(erin | cole), {"approved"})
        self.assertEqual(self._states(nia), {"submitted"})
        self.assertEqual(self._states(outsider), {"submitted"}, "not in the team")
        params = action["params"]
        self.assertEqual(params["type"], "warning")
        self.assertTrue(params["sticky"])
        self.assertIn(
            "Goals approved: 3 (Cole Colleague, Erin Employee)", params["message"]
        )
        self.assertIn("Not approved, still submitted", params["message"])
        self.assertIn("The goals of Nia No-User", params["message"])
        self.assertIn("add up to 90", params["message"])

    def test_everything_approved_is_a_success(self):
        erin = self._set(self.emp_employee, 50, 50)
        action = (
            self.env["perf.goal"]
            .with_user(self.user_manager)
            .action_approve_team_goals()
        )
        self.assertEqual(self._states(erin), {"approved"})
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(
            erin.mapped("approved_by_id"),
            self.user_manager,
            "stamped with the approver",
        )

    def test_drafts_and_approved_goals_are_left_alone(self):
        draft = self._set(self.emp_employee, 100, state="draft")
        action = (
            self.env["perf.goal"]
            .with_user(self.user_manager)
            .action_approve_team_goals()
        )
        self.assertEqual(self._states(draft), {"draft"})
        self.assertEqual(action["params"]["type"], "info")
        self.assertIn("No goal of your team", action["params"]["message"])

    def test_the_list_button_runs_it_with_no_selection(self):
        erin = self._set(self.emp_employee, 50, 50)
        action = self.env.ref("odoo_perf_review.perf_goal_action_server_approve_team")
        self.assertFalse(action.binding_model_id, "a button, not an Action menu entry")
        context = {"active_model": "perf.goal", "active_ids": []}
        with self.assertRaises(AccessError):
            action.with_user(self.user_employee).with_context(**context).run()
        self.assertEqual(self._states(erin), {"submitted"})
        result = action.with_user(self.user_manager).with_context(**context).run()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(self._states(erin), {"approved"})

    def test_an_employee_cannot_approve_team_goals(self):
        erin = self._set(self.emp_employee, 50, 50)
        with self.assertRaisesRegex(AccessError, "Only managers approve the goals"):
            self.env["perf.goal"].with_user(
                self.user_employee
            ).action_approve_team_goals()
        self.assertEqual(self._states(erin), {"submitted"})

    def test_a_manager_without_a_team_is_told_why(self):
        lonely = new_test_user(
            self.env,
            "perf_lonely_manager",
            groups="base.group_user,odoo_perf_review.group_perf_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.env["hr.employee"].create(
            {"name": "Lonely", "user_id": lonely.id, "company_id": self.company.id}
        )
        with self.assertRaisesRegex(UserError, "Nobody reports to you"):
            self.env["perf.goal"].with_user(lonely).action_approve_team_goals()

    def test_goals_of_a_closed_cycle_are_not_touched(self):
        erin = self._set(self.emp_employee, 50, 50)
        self.goal_cycle._workflow().write({"state": "closed"})
        action = (
            self.env["perf.goal"]
            .with_user(self.user_manager)
            .action_approve_team_goals()
        )
        self.assertEqual(self._states(erin), {"submitted"})
        self.assertEqual(action["params"]["type"], "info")


@tagged("post_install", "-at_install")
class TestAssignToJobPosition(BulkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_sales = cls.env["hr.job"].create(
            {"name": "Perf account manager", "company_id": cls.company.id}
        )
        cls.job_support = cls.env["hr.job"].create(
            {"name": "Perf support agent", "company_id": cls.company.id}
        )
        (cls.emp_employee | cls.emp_colleague).job_id = cls.job_sales
        cls.emp_no_user.job_id = cls.job_support
        cls.revenue = cls.env["perf.goal.template"].create(
            {
                "name": "Quarterly revenue",
                "job_ids": [Command.set((cls.job_sales | cls.job_support).ids)],
                "target": 50000,
                "weight": 60,
            }
        )
        cls.other = cls.env["perf.goal.template"].create(
            {"name": "Not for sales", "target": 1, "weight": 40}
        )

    def test_manager_assigns_the_job_goals_to_everyone_in_the_job(self):
        action = self.job_sales.with_user(self.user_manager).action_perf_assign_goals()
        self.assertEqual(action["res_model"], "perf.goal.assign.wizard")
        form = Form(
            self.env["perf.goal.assign.wizard"]
            .with_user(self.user_manager)
            .with_context(**action["context"])
        )
        # The job asked for, not every job the library goal is meant for; the
        # cycle that is setting goals.
        self.assertEqual(form.job_ids[:], self.job_sales)
        self.assertEqual(form.goal_template_ids[:], self.revenue)
        self.assertEqual(form.cycle_id, self.goal_cycle)
        wizard = form.save()
        self.assertEqual(
            set(wizard.employee_ids.ids), {self.emp_employee.id, self.emp_colleague.id}
        )
        result = wizard.action_assign()
        goals = self.env["perf.goal"].browse(result["domain"][0][2])
        self.assertEqual(goals.employee_id, self.emp_employee | self.emp_colleague)
        self.assertEqual(set(goals.mapped("target")), {50000})
        self.assertEqual(goals.goal_template_id, self.revenue)
        # Again: nothing more.
        again = Form(
            self.env["perf.goal.assign.wizard"]
            .with_user(self.user_manager)
            .with_context(**action["context"])
        ).save()
        self.assertFalse(again.action_assign()["domain"][0][2])

    def test_a_manager_cannot_assign_to_a_job_outside_the_team(self):
        self.emp_outsider.job_id = self.job_sales
        action = self.job_sales.with_user(self.user_manager).action_perf_assign_goals()
        wizard = Form(
            self.env["perf.goal.assign.wizard"]
            .with_user(self.user_manager)
            .with_context(**action["context"])
        ).save()
        with self.assertRaises(AccessError):
            wizard.action_assign()
        self.assertFalse(
            self.env["perf.goal"].search([("goal_template_id", "=", self.revenue.id)])
        )

    def test_library_list_and_job_form_have_the_assign_button(self):
        list_arch = (
            self.env["perf.goal.template"]
            .with_user(self.user_manager)
            .get_views([(False, "list")])["views"]["list"]["arch"]
        )
        self.assertIn('name="action_assign"', list_arch)
        job_arch = (
            self.env["hr.job"]
            .with_user(self.user_manager)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="action_perf_assign_goals"', job_arch)
        employee_arch = (
            self.env["hr.job"]
            .with_user(self.user_employee)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn('name="action_perf_assign_goals"', employee_arch)

    def test_library_selection_opens_the_assignment_for_its_jobs(self):
        action = (
            (self.revenue | self.other).with_user(self.user_manager).action_assign()
        )
        form = Form(
            self.env["perf.goal.assign.wizard"]
            .with_user(self.user_manager)
            .with_context(**action["context"])
        )
        self.assertEqual(form.goal_template_ids[:], self.revenue | self.other)
        self.assertEqual(form.job_ids[:], self.job_sales | self.job_support)


@tagged("post_install", "-at_install")
class TestNudgeLate(BulkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["perf.cycle"])
        # A cycle around today, whose goals were due a month ago.
        cls.cycle = cls._cycle(
            cls.today - timedelta(days=100),
            cls.today + timedelta(days=100),
            frequency="semiannual",
            name="Nudge cycle",
        )
        cls.cycle.write(
            {
                "goal_deadline": cls.today - timedelta(days=30),
                "review_start_date": cls.today - timedelta(days=10),
            }
        )
        cls.cycle._workflow().write({"state": "in_progress"})

    def _goals(self, employee, *weights, state="draft"):
        goals = self.env["perf.goal"]
        for index, weight in enumerate(weights):
            goals |= self._goal(
                f"{employee.name} nudge goal {index + 1}",
                employee_id=employee.id,
                cycle_id=self.cycle.id,
                weight=weight,
            )
        if state == "submitted":
            goals.with_user(self.user_officer).action_submit()
        return goals

    def _late_reviews(self):
        """Reviews of the team, open and two days late."""
        team = self.emp_employee | self.emp_colleague | self.emp_no_user
        self.cycle.with_user(self.user_officer)._launch_appraisals(team, self.template)
        self.cycle._workflow().write({"state": "review"})
        reviews = self.cycle.appraisal_ids.review_ids.filtered(
            lambda r: r.state == "requested"
        )
        reviews._workflow().write({"deadline": self.today - timedelta(days=2)})
        return reviews

    def _messages(self):
        return self.env["mail.message"].search(
            [("model", "in", ("perf.review", "perf.goal"))]
        )

    def test_officer_nudges_reviewers_employees_and_managers_once_a_day(self):
        reviews = self._late_reviews()
        drafts = self._goals(self.emp_employee, 50, 50)
        waiting = self._goals(self.emp_colleague, 100, state="submitted")
        before = self._messages()
        action = self.cycle.with_user(self.user_officer).action_nudge_late()
        params = action["params"]
        self.assertEqual(params["type"], "success")
        # Mona (manager reviews), Erin and Cole (self and peer reviews); Nia
        # has no user and is counted apart.
        self.assertIn("reviewers of late reviews: 3", params["message"])
        self.assertIn("employees with draft goals: 1", params["message"])
        self.assertIn("managers with goals to approve: 1", params["message"])
        self.assertIn(
            "Without a user to remind (reach them directly): 1", params["message"]
        )
        reachable = reviews.filtered("reviewer_user_id")
        self.assertEqual(set(reachable.mapped("last_nudge_date")), {self.today})
        self.assertEqual(set(drafts.mapped("last_nudge_date")), {self.today})
        self.assertEqual(set(waiting.mapped("last_nudge_date")), {self.today})
        new = self._messages() - before
        # One reminder per late review, one note per late employee or manager.
        self.assertEqual(len(new), len(reachable) + 2)
        to_erin = new.filtered(
            lambda m: (
                m.model == "perf.goal"
                and self.user_employee.partner_id in m.partner_ids
            )
        )
        self.assertEqual(len(to_erin), 1)
        self.assertEqual(to_erin.message_type, "user_notification")
        self.assertIn("Erin Employee nudge goal 1", to_erin.body)
        to_mona = new.filtered(
            lambda m: (
                m.model == "perf.goal" and self.user_manager.partner_id in m.partner_ids
            )
        )
        self.assertIn("waiting for your approval", to_mona.body)
        self.assertIn("Cole Colleague", to_mona.body)
        # Pressing again the same day nudges nobody.
        again = self.cycle.with_user(self.user_officer).action_nudge_late()
        self.assertEqual(self._messages() - before, new)
        self.assertEqual(again["params"]["type"], "info")
        self.assertIn("Nobody new to nudge", again["params"]["message"])
        self.assertIn(
            "Already nudged today, so not again: 5", again["params"]["message"]
        )
        # The next day, they are reminded again.
        with freeze_time(self.today + timedelta(days=1)):
            later = self.cycle.with_user(self.user_officer).action_nudge_late()
        self.assertIn("reviewers of late reviews: 3", later["params"]["message"])

    def test_an_anonymous_reviewer_is_reminded_privately(self):
        reviews = self._late_reviews()
        peer = reviews.filtered(
            lambda r: (
                r.anonymous
                and r.reviewer_user_id == self.user_colleague
                and r.reviewee_id == self.emp_employee
            )
        )
        self.assertEqual(len(peer), 1)
        action = self.cycle.with_user(self.user_officer).action_nudge_late()
        self.assertNotIn("Cole", action["params"]["message"])
        reminder = (
            self.env["mail.message"]
            .search([("model", "=", "perf.review"), ("res_id", "=", peer.id)])
            .filtered(lambda m: "Reminder" in (m.body or ""))
        )
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.partner_ids, self.user_colleague.partner_id)
        # Sent by the system, as the daily follow-up: not in HR's name.
        self.assertEqual(reminder.author_id, self.env.ref("base.partner_root"))
        self.assertFalse(peer.message_follower_ids)
        # The reviewee and HR's own messages never lead to the reviewer.
        for user in (self.user_employee, self.user_officer):
            self.assertFalse(
                self.env["mail.message"]
                .with_user(user)
                .search(
                    [("author_id", "=", user.partner_id.id), ("res_id", "=", peer.id)]
                )
            )
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.user_employee)
            .search([("model", "=", "perf.review"), ("res_id", "=", peer.id)])
        )

    def test_employees_and_managers_cannot_nudge(self):
        self._late_reviews()
        drafts = self._goals(self.emp_employee, 100)
        before = self._messages()
        for user in (self.user_employee, self.user_manager):
            with self.assertRaises(AccessError):
                self.cycle.with_user(user).action_nudge_late()
        self.assertEqual(self._messages(), before)
        self.assertFalse(drafts.last_nudge_date)
        self.assertFalse(
            any(self.cycle.appraisal_ids.review_ids.mapped("last_nudge_date"))
        )

    def test_a_cycle_without_late_phases_is_refused(self):
        draft_cycle = self._cycle(
            date(self.today.year + 5, 1, 1),
            date(self.today.year + 5, 3, 31),
            name="Later",
            frequency="quarterly",
        )
        with self.assertRaisesRegex(UserError, "nudging is for cycles"):
            draft_cycle.with_user(self.user_officer).action_nudge_late()

    def test_goals_before_their_deadline_are_not_nudged(self):
        self.cycle.write(
            {
                "goal_deadline": self.today + timedelta(days=1),
                "review_start_date": self.today + timedelta(days=10),
            }
        )
        drafts = self._goals(self.emp_employee, 100)
        action = self.cycle.with_user(self.user_officer).action_nudge_late()
        self.assertFalse(drafts.last_nudge_date)
        self.assertIn("Nobody new to nudge", action["params"]["message"])

    def test_the_cycle_form_has_the_nudge_button_for_officers(self):
        arch = (
            self.env["perf.cycle"]
            .with_user(self.user_officer)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="action_nudge_late"', arch)


@tagged("post_install", "-at_install")
class TestSmallCompanyDefaults(BulkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_board = new_test_user(
            cls.env,
            "perf_board",
            groups="base.group_user",
            name="Bea Board",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.emp_board = cls.env["hr.employee"].create(
            {
                "name": "Bea Board",
                "user_id": cls.user_board.id,
                "company_id": cls.company.id,
            }
        )
        cls.everyone = cls.env["hr.employee"].search(
            [("company_id", "=", cls.company.id)]
        )
        cls.top = cls.everyone.filtered(lambda e: not e.parent_id)

    def test_small_team_template_asks_two_review_forms(self):
        template = self.env.ref("odoo_perf_review.template_small_team")
        self.assertEqual(
            template._rater_weights(),
            {"self": 20.0, "manager": 80.0, "peer": 0.0, "customer": 0.0},
        )
        self.assertEqual((template.peer_min, template.peer_max), (0, 0))
        self.assertTrue(template._fields["name"].translate)
        self.assertEqual(
            template.with_context(lang="en_US").name, "Small team: self + manager"
        )
        team = self.emp_employee | self.emp_colleague | self.emp_no_user
        self.goal_cycle.with_user(self.user_officer)._launch_appraisals(team, template)
        reviews = self.goal_cycle.appraisal_ids.review_ids
        self.assertEqual(set(reviews.mapped("rater_type")), {"self", "manager"})
        # Erin and Cole review themselves, Nia has no user: 3 manager reviews.
        self.assertEqual(len(reviews), 5)

    def test_top_of_the_hierarchy_is_excluded_by_default(self):
        self.assertEqual(
            self.top,
            self.emp_manager | self.emp_outsider | self.emp_officer | self.emp_board,
        )
        result = self.goal_cycle.with_user(self.user_officer)._launch_appraisals(
            self.everyone, self.template
        )
        appraised = self.goal_cycle.appraisal_ids.employee_id
        self.assertEqual(appraised, self.everyone - self.top)
        self.assertEqual(result["excluded"], self.top)
        self.assertFalse(result["no_manager"])

    def test_top_of_the_hierarchy_reviewed_by_a_named_person(self):
        result = self.goal_cycle.with_user(self.user_officer)._launch_appraisals(
            self.everyone,
            self.template,
            top_policy="reviewed_by",
            top_reviewer=self.emp_board,
        )
        appraisals = self.goal_cycle.appraisal_ids
        # The named person is not their own reviewer.
        self.assertEqual(appraisals.employee_id, self.everyone - self.emp_board)
        self.assertEqual(result["excluded"], self.emp_board)
        top = appraisals.filtered(lambda a: not a.employee_id.parent_id)
        self.assertEqual(
            top.employee_id, self.emp_manager | self.emp_outsider | self.emp_officer
        )
        self.assertEqual(result["top_reviewed"], top.employee_id)
        self.assertEqual(top.manager_id, self.emp_board)
        manager_reviews = top.review_ids.filtered(lambda r: r.rater_type == "manager")
        self.assertEqual(len(manager_reviews), 3)
        self.assertEqual(manager_reviews.reviewer_user_id, self.user_board)
        # The others keep their own manager.
        self.assertEqual((appraisals - top).manager_id, self.emp_manager)
        # Board writes the reviews: they can read them.
        manager_reviews.with_user(self.user_board).check_access("read")

    def test_a_later_launch_gives_earlier_top_appraisals_their_reviewer(self):
        Appraisal = self.env["perf.appraisal"]._workflow()
        earlier = Appraisal.create(
            {
                "employee_id": self.emp_manager.id,
                "cycle_id": self.goal_cycle.id,
                "template_id": self.template.id,
            }
        )
        self.goal_cycle.with_user(self.user_officer)._launch_appraisals(
            self.emp_manager,
            self.template,
            top_policy="reviewed_by",
            top_reviewer=self.emp_board,
        )
        self.assertEqual(earlier.manager_id, self.emp_board)
        self.assertEqual(
            earlier.review_ids.filtered(
                lambda r: r.rater_type == "manager"
            ).reviewer_user_id,
            self.user_board,
        )

    def test_reviewed_by_needs_a_usable_reviewer(self):
        other_employee = self.env["hr.employee"].create(
            {"name": "Far Away", "company_id": self.other_company.id}
        )
        no_user = self.env["hr.employee"].create(
            {"name": "No Login", "company_id": self.company.id}
        )
        cycle = self.goal_cycle.with_user(self.user_officer)
        for reviewer, pattern in (
            (None, "Name the person who reviews the employees without a manager"),
            (other_employee, "Far Away works for Perf Other Co"),
            (no_user, "No Login has no user"),
        ):
            with self.assertRaisesRegex(UserError, pattern):
                cycle._launch_appraisals(
                    self.everyone,
                    self.template,
                    top_policy="reviewed_by",
                    top_reviewer=reviewer,
                )
            self.assertFalse(self.goal_cycle.appraisal_ids, "nothing half-written")

    def test_launch_wizard_offers_the_top_policy_and_reports_it(self):
        Wizard = self.env["perf.cycle.launch.wizard"].with_user(self.user_officer)
        form = Form(Wizard.with_context(active_id=self.goal_cycle.id))
        self.assertEqual(form.top_policy, "exclude")
        for name in ("Mona Manager", "Bea Board"):
            self.assertIn(name, form.top_employee_names)
        wizard = form.save()
        wizard.action_launch()
        self.assertIn("Not appraised, as they have no manager", wizard.summary)
        self.assertIn("Bea Board", wizard.summary)

        self.goal_cycle.appraisal_ids.unlink()
        form = Form(Wizard.with_context(active_id=self.goal_cycle.id))
        form.top_policy = "reviewed_by"
        form.top_reviewer_id = self.emp_board
        wizard = form.save()
        wizard.action_launch()
        self.assertIn("Bea Board writes the manager review of", wizard.summary)
        self.assertEqual(
            self.goal_cycle.appraisal_ids.filtered(
                lambda a: a.employee_id == self.emp_manager
            ).manager_id,
            self.emp_board,
        )

    def test_new_cycle_proposes_the_next_period_when_little_is_left(self):
        Cycle = self.env["perf.cycle"].with_user(self.user_officer)
        for today, frequency, expected in (
            ("2026-11-29", "quarterly", (date(2027, 1, 1), date(2027, 3, 31))),
            ("2026-10-10", "quarterly", (date(2026, 10, 1), date(2026, 12, 31))),
            ("2026-11-29", "monthly", (date(2026, 12, 1), date(2026, 12, 31))),
            ("2026-03-10", "annual", (date(2026, 1, 1), date(2026, 12, 31))),
        ):
            with freeze_time(today):
                values = Cycle.with_context(default_frequency=frequency).default_get(
                    ["date_start", "date_end"]
                )
            self.assertEqual(
                (values["date_start"], values["date_end"]),
                expected,
                f"{frequency} on {today}",
            )

    def test_changing_the_frequency_of_a_new_cycle_proposes_again(self):
        with freeze_time("2026-10-10"):
            form = Form(self.env["perf.cycle"].with_user(self.user_officer))
            self.assertEqual(form.date_start, date(2026, 10, 1))
            form.frequency = "annual"
            # Less than half of 2026 is left: the next year.
            self.assertEqual(form.date_start, date(2027, 1, 1))
            self.assertEqual(form.date_end, date(2027, 12, 31))
            form.frequency = "monthly"
            self.assertEqual(form.date_start, date(2026, 10, 1))
            form.date_start = date(2026, 5, 1)
            form.frequency = "quarterly"
            # Dates chosen by hand are only re-aligned.
            self.assertEqual(form.date_start, date(2026, 4, 1))


@tagged("post_install", "-at_install")
class TestBulkTours(TourTeamCase):
    """The list buttons, clicked in the browser by the manager."""

    _login_prefix = "tour_bulk"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle = cls.env["perf.cycle"].create(
            {
                "company_id": cls.company.id,
                "frequency": "annual",
                "date_start": year_bounds()[0],
                "date_end": year_bounds()[1],
                "template_id": cls.env.ref("odoo_perf_review.template_small_team").id,
                "state": "goal_setting",
            }
        )

    def _submitted(self, *names_weights):
        goals = self.env["perf.goal"].create(
            [
                {
                    "name": name,
                    "employee_id": self.employee.id,
                    "cycle_id": self.cycle.id,
                    "target": 1,
                    "weight": weight,
                }
                for name, weight in names_weights
            ]
        )
        goals.action_submit()
        return goals

    def test_manager_approves_the_team_in_one_click(self):
        goals = self._submitted(("Answer within a day", 50), ("Write the guide", 50))
        self.start_tour(
            "/odoo",
            "odoo_perf_review_team_approve_tour",
            login=f"{self._login_prefix}_manager",
        )
        self.assertEqual(set(goals.mapped("state")), {"approved"})
        self.assertEqual(goals.approved_by_id, self.manager)

    def test_manager_approves_a_selection(self):
        goal = self._submitted(("Ship the release", 100))
        self.start_tour(
            "/odoo",
            "odoo_perf_review_selection_approve_tour",
            login=f"{self._login_prefix}_manager",
        )
        self.assertEqual(goal.state, "approved")
