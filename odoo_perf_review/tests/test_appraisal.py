# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common_dates import in_days
from .common_goal import PerfGoalCase


class AppraisalCase(PerfGoalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template.write({"anonymity_threshold": 2})
        cls.cycle = cls.goal_cycle
        cls.levels = cls.scale.level_ids.sorted("sequence")

    def _launch(self, **vals):
        wizard = (
            self.env["perf.cycle.launch.wizard"]
            .with_context(default_cycle_id=self.cycle.id)
            .create(dict({"template_id": self.template.id}, **vals))
        )
        wizard.action_launch()
        return wizard

    @classmethod
    def _top_reviewer(cls):
        """Bea, a board member who reviews the employees without a manager."""
        user = new_test_user(
            cls.env,
            "perf_board_member",
            groups="base.group_user",
            name="Bea Board",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        return cls.env["hr.employee"].create(
            {"name": "Bea Board", "user_id": user.id, "company_id": cls.company.id}
        )

    def _launch_all(self, **vals):
        """Everyone appraised: those without a manager are reviewed by Bea."""
        return self._launch(
            top_policy="reviewed_by", top_reviewer_id=self._top_reviewer().id, **vals
        )

    def _appraisal(self, employee):
        return self.env["perf.appraisal"].search(
            [("cycle_id", "=", self.cycle.id), ("employee_id", "=", employee.id)]
        )

    def _open_review_phase(self):
        self.cycle.write({"state": "review"})

    def _answer(self, review, level_index, user=None):
        review = review.with_user(user) if user else review
        for line in review.line_ids:
            if line.criterion_id:
                line.level_id = self.levels[level_index]
        review.action_submit()


@tagged("post_install", "-at_install")
class TestAppraisalLaunch(AppraisalCase):
    def test_one_appraisal_per_employee_with_the_reviews_asked(self):
        wizard = self._launch()
        appraisals = self.env["perf.appraisal"].search(
            [("cycle_id", "=", self.cycle.id)]
        )
        employees = self.env["hr.employee"].search(
            [("company_id", "=", self.company.id)]
        )
        # The top of the hierarchy is left out by default, and named.
        top = self.emp_manager | self.emp_outsider | self.emp_officer
        self.assertEqual(appraisals.employee_id, employees - top)
        mine = self._appraisal(self.emp_employee)
        self.assertEqual(mine.manager_id, self.emp_manager)
        kinds = sorted(mine.review_ids.mapped("rater_type"))
        self.assertEqual(kinds, ["manager", "peer", "peer", "self"])
        peers = mine.review_ids.filtered(lambda r: r.rater_type == "peer")
        self.assertEqual(
            peers.reviewer_employee_id, self.emp_colleague | self.emp_no_user
        )
        self.assertTrue(all(peers.mapped("anonymous")))
        self.assertFalse(
            self._appraisal(self.emp_no_user).review_ids.filtered(
                lambda r: r.rater_type == "self"
            ),
            "no self review without a user to write it",
        )
        self.assertIn("Not appraised, as they have no manager", wizard.summary)
        self.assertIn(self.emp_outsider.name, wizard.summary)
        # Reviewed by a named person, they are appraised too.
        wizard = self._launch_all()
        self.assertTrue(self._appraisal(self.emp_manager).is_manager)
        self.assertEqual(
            self._appraisal(self.emp_outsider).manager_id.name, "Bea Board"
        )
        self.assertIn("Bea Board writes the manager review of", wizard.summary)

    def test_launching_again_adds_only_what_is_missing(self):
        self._launch()
        before = self.env["perf.review"].search_count(
            [("cycle_id", "=", self.cycle.id)]
        )
        newcomer = self.env["hr.employee"].create(
            {
                "name": "Nadia Newcomer",
                "company_id": self.company.id,
                "parent_id": self.emp_manager.id,
                "department_id": self.department.id,
            }
        )
        wizard = self._launch()
        self.assertIn("1 appraisals created, 3 already there", wizard.summary)
        self.assertEqual(len(self._appraisal(newcomer)), 1)
        after = self.env["perf.review"].search_count([("cycle_id", "=", self.cycle.id)])
        self.assertGreater(after, before)
        self._launch()
        self.assertEqual(
            self.env["perf.review"].search_count([("cycle_id", "=", self.cycle.id)]),
            after,
        )

    @mute_logger("odoo.sql_db")
    def test_no_second_appraisal_for_the_same_cycle(self):
        self._launch()
        with self.assertRaises(IntegrityError):
            self.env["perf.appraisal"].create(
                {
                    "employee_id": self.emp_employee.id,
                    "cycle_id": self.cycle.id,
                    "template_id": self.template.id,
                }
            )
            self.env.flush_all()

    def test_population_by_department_and_by_filter(self):
        self._launch_all(population="departments", department_ids=[self.department.id])
        self.assertEqual(
            self.env["perf.appraisal"]
            .search([("cycle_id", "=", self.cycle.id)])
            .employee_id,
            self.emp_manager
            | self.emp_employee
            | self.emp_colleague
            | self.emp_no_user,
        )
        self._launch(
            population="domain",
            employee_domain=f"[('id', '=', {self.emp_officer.id})]",
            top_policy="reviewed_by",
            top_reviewer_id=self._appraisal(self.emp_manager).manager_id.id,
        )
        self.assertTrue(self._appraisal(self.emp_officer))
        with self.assertRaisesRegex(UserError, "does not fit employees"):
            self._launch(population="domain", employee_domain="[('nope', '=', 1)]")

    def test_closed_cycle_takes_no_appraisal(self):
        self.cycle.state = "released"
        with self.assertRaisesRegex(UserError, "is over"):
            self._launch()

    def test_review_phase_opens_the_reviews(self):
        self._launch()
        self._open_review_phase()
        mine = self._appraisal(self.emp_employee)
        self.assertEqual(mine.state, "review")
        self.assertEqual(set(mine.review_ids.mapped("state")), {"requested"})
        self.assertEqual(
            set(mine.review_ids.mapped("deadline")), {self.cycle.review_deadline}
        )
        self_review = mine.review_ids.filtered(lambda r: r.rater_type == "self")
        self.assertEqual(self_review.line_ids.criterion_id, self.template.criterion_ids)
        # Her to-do: one for the cycle, not one per review (test_review_todo).
        self.assertFalse(self_review.activity_ids)
        todo = self.env["mail.activity"].search(
            [
                ("perf_cycle_id", "=", self.cycle.id),
                ("user_id", "=", self.user_employee.id),
            ]
        )
        self.assertEqual(len(todo), 1)


@tagged("post_install", "-at_install")
class TestAppraisalScoring(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.goal = cls._goal("Main goal", weight=100, target=100)
        cls.goal.with_user(cls.user_manager).action_approve()
        cls.goal.actual = 100  # score 80

    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        self.appraisal = self._appraisal(self.emp_employee)
        self.reviews = {
            kind: self.appraisal.review_ids.filtered(
                lambda r, k=kind: r.rater_type == k
            )
            for kind in ("self", "manager", "peer")
        }

    def test_manager_review_suggests_goal_scores_from_attainment(self):
        goal_line = self.reviews["manager"].line_ids.filtered("goal_id")
        self.assertEqual(goal_line.goal_id, self.goal)
        self.assertAlmostEqual(goal_line.suggested_goal_score, 80)
        self.assertAlmostEqual(goal_line.goal_score, 80)

    def test_formula_with_every_rater(self):
        self._answer(self.reviews["self"], 4, self.user_employee)  # 97.5
        self._answer(self.reviews["manager"], 2, self.user_manager)  # 77.5
        for peer in self.reviews["peer"]:
            self._answer(peer, 3)  # 90
        a = self.appraisal
        # While the reviews are open the anonymous peers are not counted yet.
        self.assertEqual((a.peer_score, a.peer_count), (0, 0))
        self.assertIn("peer", a.pending_groups.split(","))
        self.assertAlmostEqual(a.competency_score, (10 * 97.5 + 60 * 77.5) / 70, 1)
        self.assertIn("shown once the reviews close", a.breakdown)
        a._close_reviews()
        competencies = (10 * 97.5 + 60 * 77.5 + 20 * 90) / 90  # no customer answer
        self.assertAlmostEqual(a.competency_score, competencies, places=1)
        self.assertAlmostEqual(a.final_score, 0.7 * 80 + 0.3 * competencies, places=1)
        self.assertEqual(a.rating_level_id.code, "3")
        self.assertIn("no answer: left out", a.breakdown)

    def test_missing_self_review_does_not_lower_the_score(self):
        self._answer(self.reviews["manager"], 2, self.user_manager)
        self.assertAlmostEqual(self.appraisal.competency_score, 77.5)

    def test_anonymous_peers_below_the_threshold_are_hidden(self):
        self.template.anonymity_threshold = 3
        self._answer(self.reviews["manager"], 2, self.user_manager)
        self._answer(self.reviews["peer"][0], 0)
        a = self.appraisal
        a._close_reviews()
        self.assertEqual(a.peer_score, 0)
        self.assertEqual(a.hidden_groups, "peer")
        self.assertAlmostEqual(a.competency_score, 77.5, msg="not counted either")
        self.assertIn("hidden: 1 of 3 answers needed", a.breakdown)

    def test_a_rating_outside_the_scale_is_refused(self):
        other_level = self.env.ref("odoo_perf_review.rating_scale_four").level_ids[0]
        line = self.reviews["self"].line_ids[0]
        with self.assertRaisesRegex(ValidationError, "is not a level of the rating"):
            line.level_id = other_level
        goal_line = self.reviews["manager"].line_ids.filtered("goal_id")
        with self.assertRaisesRegex(ValidationError, "go from 0 to 100"):
            goal_line.goal_score = 140

    def test_every_competency_must_be_rated(self):
        with self.assertRaisesRegex(UserError, "Rate every competency"):
            self.reviews["self"].with_user(self.user_employee).action_submit()

    def test_submitted_review_is_frozen(self):
        self._answer(self.reviews["self"], 2, self.user_employee)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            self.reviews["self"].line_ids[0].comment = "changed my mind"
        with self.assertRaisesRegex(UserError, "can no longer be submitted"):
            self.reviews["self"].action_submit()


@tagged("post_install", "-at_install")
class TestAppraisalRelease(AppraisalCase):
    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        self.appraisal = self._appraisal(self.emp_employee)
        self.manager_review = self.appraisal.review_ids.filtered(
            lambda r: r.rater_type == "manager"
        )

    def test_results_stay_hidden_until_released(self):
        mine = self.appraisal.with_user(self.user_employee)
        with self.assertRaises(AccessError):
            mine.read(["final_score"])
        with self.assertRaisesRegex(UserError, "manager review must be submitted"):
            self.appraisal.with_user(self.user_manager).action_release()
        self._answer(self.manager_review, 2, self.user_manager)
        self.appraisal.with_user(self.user_manager).action_release()
        self.assertEqual(self.appraisal.state, "released")
        self.assertTrue(mine.read(["final_score"])[0]["final_score"])

    def test_only_managers_above_or_hr_release(self):
        self._answer(self.manager_review, 2, self.user_manager)
        with self.assertRaises(AccessError):
            self.appraisal.with_user(self.user_colleague).action_release()
        self.appraisal.with_user(self.user_officer).action_release()
        self.assertEqual(self.appraisal.state, "released")

    def test_cycle_release_releases_the_ready_appraisals(self):
        self._answer(self.manager_review, 2, self.user_manager)
        self.cycle.write({"state": "released"})
        self.assertEqual(self.appraisal.state, "released")
        self.assertEqual(self._appraisal(self.emp_colleague).state, "review")

    def test_employee_signs_off_with_a_comment(self):
        self._answer(self.manager_review, 2, self.user_manager)
        self.appraisal.action_release()
        with self.assertRaises(AccessError):
            self.appraisal.with_user(self.user_manager).action_acknowledge()
        wizard = Form(
            self.env["perf.appraisal.acknowledge.wizard"]
            .with_user(self.user_employee)
            .with_context(default_appraisal_id=self.appraisal.id)
        )
        wizard.comment = "Fair, but the goal was hard to reach."
        wizard.save().action_confirm()
        self.assertEqual(self.appraisal.state, "acknowledged")
        self.assertEqual(
            self.appraisal.acknowledgement_comment,
            "Fair, but the goal was hard to reach.",
        )

    def test_feedback_interview_in_the_calendar(self):
        action = self.appraisal.with_user(self.user_manager).action_schedule_interview()
        ctx = action["context"]
        self.assertEqual(ctx["default_res_model"], "perf.appraisal")
        self.assertIn("Interview guide", ctx["default_description"])
        event = (
            self.env["calendar.event"]
            .with_user(self.user_manager)
            .with_context(**ctx)
            .create({"start": in_days(2, 9), "stop": in_days(2, 10)})
        )
        self.appraisal.invalidate_recordset()
        self.assertEqual(self.appraisal.interview_count, 1)
        self.assertEqual(self.appraisal.interview_date, event.start)

    def test_development_plan_actions_are_followed_by_activities(self):
        action = (
            self.env["perf.development.action"]
            .with_user(self.user_manager)
            .create(
                {
                    "appraisal_id": self.appraisal.id,
                    "name": "Negotiation training",
                    "user_id": self.user_employee.id,
                    "date_deadline": in_days(90),
                }
            )
        )
        activity = self.appraisal.activity_ids.filtered(
            lambda a: a.summary == "Negotiation training"
        )
        self.assertEqual(activity.user_id, self.user_employee)
        action.with_user(self.user_employee).action_done()
        self.assertEqual(action.state, "done")


@tagged("post_install", "-at_install")
class TestAppraisalConfidentiality(AppraisalCase):
    """Anonymous raters and the private note, through every ORM path."""

    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        self.appraisal = self._appraisal(self.emp_employee)
        reviews = self.appraisal.review_ids
        self.peer_reviews = reviews.filtered(lambda r: r.rater_type == "peer")
        self.manager_review = reviews.filtered(lambda r: r.rater_type == "manager")
        for peer in self.peer_reviews:
            self._answer(peer, 1)
        self._answer(self.manager_review, 2, self.user_manager)
        self.appraisal.with_user(self.user_manager).manager_note = "<p>Flight risk</p>"
        self.appraisal.action_release()

    def test_reviewee_cannot_find_or_read_peer_reviews(self):
        Review = self.env["perf.review"].with_user(self.user_employee)
        found = Review.search([("appraisal_id", "=", self.appraisal.id)])
        self.assertNotIn(self.peer_reviews[0], found)
        self.assertFalse(
            Review.search_read(
                [
                    ("rater_type", "=", "peer"),
                    ("reviewee_id", "=", self.emp_employee.id),
                ],
                ["reviewer_employee_id"],
            )
        )
        with self.assertRaises(AccessError):
            self.peer_reviews[0].with_user(self.user_employee).read(
                ["reviewer_employee_id", "score"]
            )
        self.user_employee.group_ids |= self.env.ref("base.group_allow_export")
        with self.assertRaises(AccessError):
            self.peer_reviews.with_user(self.user_employee).export_data(
                ["reviewer_employee_id/name", "score"]
            )
        lines = (
            self.env["perf.review.line"]
            .with_user(self.user_employee)
            .search([("review_id", "in", self.peer_reviews.ids)])
        )
        self.assertFalse(lines)
        groups = Review._read_group(
            [("reviewee_id", "=", self.emp_employee.id)], ["rater_type"], ["__count"]
        )
        self.assertNotIn("peer", [rater_type for rater_type, _count in groups])

    def test_reviewee_sees_only_the_aggregate(self):
        mine = self.appraisal.with_user(self.user_employee)
        self.assertEqual(mine.peer_count, 2)
        self.assertAlmostEqual(mine.peer_score, 65)

    def test_manager_cannot_see_anonymous_reviews_unless_allowed(self):
        Review = self.env["perf.review"].with_user(self.user_manager)
        self.assertNotIn(
            self.peer_reviews[0],
            Review.search([("appraisal_id", "=", self.appraisal.id)]),
        )
        with self.assertRaises(AccessError):
            self.peer_reviews[0].with_user(self.user_manager).read(
                ["reviewer_employee_id"]
            )
        self.template.manager_sees_anonymous = True
        self.env.invalidate_all()
        self.peer_reviews[0].with_user(self.user_manager).read(["reviewer_employee_id"])

    def test_peer_reads_the_review_they_wrote(self):
        own = self.peer_reviews.filtered(
            lambda r: r.reviewer_employee_id == self.emp_colleague
        )
        own.with_user(self.user_colleague).read(["score", "reviewee_id"])

    def test_private_note_is_never_readable_by_the_employee(self):
        mine = self.appraisal.with_user(self.user_employee)
        self.assertFalse(mine.manager_note)
        self.assertFalse(mine.read(["manager_note"])[0]["manager_note"])
        self.assertFalse(
            self.env["perf.appraisal"]
            .with_user(self.user_employee)
            .search_read([("id", "=", self.appraisal.id)], ["manager_note"])[0][
                "manager_note"
            ]
        )
        with self.assertRaises(AccessError):
            self.env["perf.appraisal.note"].with_user(self.user_employee).search([])
        self.assertIn(
            "Flight risk", self.appraisal.with_user(self.user_manager).manager_note
        )
        self.assertIn(
            "Flight risk", self.appraisal.with_user(self.user_officer).manager_note
        )

    def test_chatter_carries_no_reviewer_identity(self):
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "perf.appraisal"),
                ("mail_message_id.res_id", "=", self.appraisal.id),
                ("field_id.name", "in", ("final_score", "rating_level_id")),
            ]
        )
        self.assertFalse(tracked, "no score history to read answers back from")
        messages = self.appraisal.message_ids.mapped("body")
        text = " ".join(str(body) for body in messages)
        self.assertNotIn(self.emp_colleague.name, text)
        self.assertNotIn("Flight risk", text)


@tagged("post_install", "-at_install")
class TestReviewFollowup(AppraisalCase):
    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        self.cron = self.env.ref("odoo_perf_review.ir_cron_perf_review_followup")
        self.appraisal = self._appraisal(self.emp_employee)
        self.deadline = self.cycle.review_deadline

    def _run(self, day):
        with freeze_time(f"{day} 12:00"), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def _late_activities(self):
        return self.appraisal.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("odoo_perf_review.mail_activity_review_late")
            )
        )

    def test_reminds_escalates_then_expires(self):
        from datetime import timedelta

        d = self.deadline
        self._run(d - timedelta(days=2))
        self_review = self.appraisal.review_ids.filtered(
            lambda r: r.rater_type == "self"
        )
        self.assertEqual(self_review.reminded_date, d - timedelta(days=2))
        self._run(d - timedelta(days=1))
        self.assertEqual(self_review.reminded_date, d - timedelta(days=2), "once")

        self._run(d + timedelta(days=1))
        late = self._late_activities()
        self.assertEqual(late.user_id, self.user_manager)
        self.assertIn("2 anonymous reviewer(s)", late.note)
        self.assertNotIn(self.emp_colleague.name, late.note)
        self._run(d + timedelta(days=2))
        self.assertEqual(len(self._late_activities()), 1, "not escalated twice")

        self._run(d + timedelta(days=3))
        hr = self._late_activities().filtered(lambda a: a.user_id == self.cycle.user_id)
        self.assertTrue(hr, "escalated to the cycle's HR officer")

        # Reminders and escalations leave the reviewers' to-dos as they are;
        # the expiry closes them with the reviews (test_review_todo).
        todos = self.env["mail.activity"].search(
            [("perf_cycle_id", "=", self.cycle.id)]
        )
        self.assertIn(self.user_employee, todos.user_id)
        self._run(d + timedelta(days=8))
        self.assertEqual(set(self.appraisal.review_ids.mapped("state")), {"expired"})
        self.assertFalse(todos.filtered("active"), "nothing left to write")


@tagged("post_install", "-at_install")
class TestPeerNomination(AppraisalCase):
    def setUp(self):
        super().setUp()
        self.template.write({"peer_min": 1, "peer_max": 2})
        self._launch(propose_peers=False)
        self.appraisal = self._appraisal(self.emp_employee)
        self.self_review = self.appraisal.review_ids.filtered(
            lambda r: r.rater_type == "self"
        )

    def _nominate(self, user, peers, **ctx):
        context = ctx or {
            "active_model": "perf.review",
            "active_id": self.self_review.id,
        }
        wizard = Form(
            self.env["perf.peer.nomination.wizard"]
            .with_user(user)
            .with_context(**context)
        )
        for peer in peers:
            wizard.employee_ids.add(self.env["hr.employee.public"].browse(peer.id))
        wizard.save().action_confirm()

    def _peers(self):
        return self.appraisal.review_ids.filtered(
            lambda r: r.rater_type == "peer" and r.state != "cancelled"
        )

    def test_employee_nominates_and_manager_approves(self):
        self._nominate(self.user_employee, self.emp_colleague | self.emp_outsider)
        self.assertEqual(set(self._peers().mapped("state")), {"proposed"})
        self.assertEqual(
            self._peers().reviewer_employee_id, self.emp_colleague | self.emp_outsider
        )
        with self.assertRaises(AccessError):
            self.appraisal.with_user(self.user_colleague).action_approve_peers()
        self.appraisal.with_user(self.user_manager).action_approve_peers()
        self.assertEqual(set(self._peers().mapped("state")), {"planned"})
        self._open_review_phase()
        self.assertEqual(set(self._peers().mapped("state")), {"requested"})

    def test_nomination_stays_within_the_template_range(self):
        with self.assertRaisesRegex(UserError, "between 1 and 2 peers"):
            self._nominate(
                self.user_employee,
                self.emp_colleague | self.emp_outsider | self.emp_no_user,
            )
        with self.assertRaisesRegex(UserError, "own peer"):
            self._nominate(self.user_employee, self.emp_employee)

    def test_a_new_nomination_replaces_the_proposal(self):
        self._nominate(self.user_employee, self.emp_colleague)
        self._nominate(self.user_employee, self.emp_outsider)
        self.assertEqual(self._peers().reviewer_employee_id, self.emp_outsider)

    def test_manager_picks_peers_directly(self):
        self._open_review_phase()
        self._nominate(
            self.user_manager,
            self.emp_colleague,
            default_appraisal_id=self.appraisal.id,
            active_model="perf.appraisal",
        )
        self.assertEqual(self._peers().state, "requested")
        self.assertTrue(self._peers().line_ids)

    def test_colleague_cannot_nominate_through_someone_elses_review(self):
        with self.assertRaises(AccessError):
            self._nominate(self.user_colleague, self.emp_outsider)


@tagged("post_install", "-at_install")
class TestAppraisalHistory(AppraisalCase):
    def test_employee_form_shows_history_last_rating_and_the_pdf(self):
        self._launch()
        self._open_review_phase()
        appraisal = self._appraisal(self.emp_employee)
        manager_review = appraisal.review_ids.filtered(
            lambda r: r.rater_type == "manager"
        )
        self._answer(manager_review, 3, self.user_manager)
        appraisal.with_user(self.user_manager).write(
            {"strengths": "<p>Calm under pressure</p>"}
        )
        with self.assertRaisesRegex(UserError, "Only released appraisals"):
            appraisal.action_print()
        appraisal.action_release()
        self.emp_employee.invalidate_recordset()
        self.assertEqual(self.emp_employee.perf_appraisal_count, 1)
        self.assertEqual(
            self.emp_employee.perf_last_rating_id, appraisal.final_level_id
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "odoo_perf_review.report_perf_appraisal", appraisal.ids
        )
        html = html.decode()
        self.assertIn("Calm under pressure", html)
        self.assertIn(self.emp_employee.name, html)
        self.assertNotIn(self.emp_colleague.name, html, "no anonymous reviewer")
