# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue #13: calibration sessions.

A cycle where Mona rates all her people "Outstanding" while Max and Kim rate
theirs across the scale: the session flags Mona, HR calibrates two of her
people with a justification, the final rating and the bonus follow, and the
history shows who changed what. Then access per role, anonymity, and the
query counts of opening a session.
"""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import PerfCase
from .common_dates import this_year
from .test_appraisal import AppraisalCase
from .test_ui import TourTeamCase

# The levels (index on the five-level scale) each manager gives their people.
MONA_LEVELS = (4, 4, 4, 4)
MAX_LEVELS = (2, 1, 3, 2)
KIM_LEVELS = (2, 3, 1, 2)


class CalibrationCase(AppraisalCase):
    """Three teams of four in calibration: Mona's (Erin, Cole, Nia, Dora),
    Max's and Kim's. Only the managers and Mona's peers answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env, company = cls.env, cls.company
        companies = {
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
        }
        manager_groups = "base.group_user,odoo_perf_review.group_perf_manager"
        cls.user_max = new_test_user(
            env, "perf_cal_max", groups=manager_groups, name="Max Lead", **companies
        )
        cls.user_kim = new_test_user(
            env, "perf_cal_kim", groups=manager_groups, name="Kim Lead", **companies
        )
        cls.user_dora = new_test_user(
            env, "perf_cal_dora", groups="base.group_user", name="Dora", **companies
        )
        Employee = env["hr.employee"]
        cls.emp_dora = Employee.create(
            {
                "name": "Dora Doer",
                "user_id": cls.user_dora.id,
                "company_id": company.id,
                "department_id": cls.department.id,
                "parent_id": cls.emp_manager.id,
            }
        )
        cls.department_ops = env["hr.department"].create(
            {"name": "Perf Ops", "company_id": company.id}
        )
        cls.emp_max, cls.emp_kim = Employee.create(
            [
                {
                    "name": "Max Lead",
                    "user_id": cls.user_max.id,
                    "company_id": company.id,
                    "department_id": cls.other_department.id,
                },
                {
                    "name": "Kim Lead",
                    "user_id": cls.user_kim.id,
                    "company_id": company.id,
                    "department_id": cls.department_ops.id,
                },
            ]
        )
        cls.max_team = Employee.create(
            [
                {
                    "name": f"Max report {i}",
                    "company_id": company.id,
                    "department_id": cls.other_department.id,
                    "parent_id": cls.emp_max.id,
                }
                for i in range(4)
            ]
        )
        cls.kim_team = Employee.create(
            [
                {
                    "name": f"Kim report {i}",
                    "company_id": company.id,
                    "department_id": cls.department_ops.id,
                    "parent_id": cls.emp_kim.id,
                }
                for i in range(4)
            ]
        )
        cls.mona_team = cls.emp_employee | cls.emp_colleague | cls.emp_no_user
        cls.mona_team |= cls.emp_dora
        cls.cycle.user_id = cls.user_officer
        env["perf.cycle.launch.wizard"].with_context(
            default_cycle_id=cls.cycle.id
        ).create({"template_id": cls.template.id}).action_launch()
        cls.cycle.write({"state": "review"})
        for team, user, levels in (
            (cls.mona_team, cls.user_manager, MONA_LEVELS),
            (cls.max_team, cls.user_max, MAX_LEVELS),
            (cls.kim_team, cls.user_kim, KIM_LEVELS),
        ):
            for employee, level in zip(team.sorted("id"), levels, strict=True):
                review = cls._review_of(employee, "manager")
                cls._rate(review, level, user)
        # Mona's people with a user review each other (anonymously), as highly.
        for user in (cls.user_employee, cls.user_colleague, cls.user_dora):
            for review in env["perf.review"].search(
                [
                    ("cycle_id", "=", cls.cycle.id),
                    ("rater_type", "=", "peer"),
                    ("reviewer_user_id", "=", user.id),
                ]
            ):
                cls._rate(review, 4, user)
        cls.cycle.write({"state": "calibration"})

    @classmethod
    def _review_of(cls, employee, rater_type):
        return cls.env["perf.review"].search(
            [
                ("cycle_id", "=", cls.cycle.id),
                ("reviewee_id", "=", employee.id),
                ("rater_type", "=", rater_type),
            ]
        )

    @classmethod
    def _rate(cls, review, level_index, user):
        review = review.with_user(user)
        for line in review.line_ids.filtered("criterion_id"):
            line.level_id = cls.levels[level_index]
        review.action_submit()

    def _session(self, user=None, **vals):
        user = user or self.user_officer
        return (
            self.env["perf.calibration"]
            .with_user(user)
            .create(dict({"cycle_id": self.cycle.id, "scope": "company"}, **vals))
        )

    def _opened(self, **vals):
        session = self._session(**vals)
        session.action_open()
        # As if opened in an earlier request: records created in the same
        # transaction are not tracked.
        self.env.cr.precommit.run()
        return session

    def _line(self, session, employee):
        return session.sudo().line_ids.filtered(
            lambda line: line.employee_id == employee
        )

    def _change(self, line, level, justification, user=None):
        wizard = (
            self.env["perf.calibration.line.wizard"]
            .with_user(user or self.user_officer)
            .create(
                {
                    "line_id": line.id,
                    "level_id": level.id,
                    "justification": justification,
                }
            )
        )
        return wizard.action_confirm()


@tagged("post_install", "-at_install")
class TestCalibrationSession(CalibrationCase):
    def test_a_lenient_manager_is_flagged_and_hr_calibrates_to_the_bonus(self):
        session = self._opened()
        self.assertEqual(session.state, "in_progress")
        self.assertEqual(len(session.line_ids), 12)
        self.assertEqual(
            session.participant_ids, self.user_manager | self.user_max | self.user_kim
        )
        managers = session.rater_ids.filtered(lambda r: r.kind == "manager")
        by_rater = {rater.rater_employee_id: rater for rater in managers}
        mona = by_rater[self.emp_manager]
        self.assertEqual(mona.verdict, "lenient")
        self.assertGreater(mona.leniency, 2)
        self.assertAlmostEqual(mona.mean, 97.5)
        self.assertEqual(mona.rating_count, 4)
        self.assertEqual(mona.rater_user_id, self.user_manager)
        for lead in (self.emp_max, self.emp_kim):
            self.assertNotEqual(by_rater[lead].verdict, "lenient")
        self.assertEqual(session.rater_alert_count, 3)  # Mona high, Max and Kim low
        # Four "Outstanding" of twelve: 33 % against a guideline of 10 %.
        self.assertTrue(session.departure_flagged)
        self.assertIn("departs from the guideline", session.distribution)
        self.assertIn("5 – Outstanding (+23)", session.distribution)

        # HR calibrates two of Mona's people, with a justification.
        exceeds, outstanding = self.levels[3], self.levels[4]
        erin = self._line(session, self.emp_employee)
        cole = self._line(session, self.emp_colleague)
        self.assertEqual(erin.computed_level_id, outstanding)
        self.assertEqual(erin.performance_box, "high")
        self._change(erin, exceeds, "Her goals were met, not exceeded.")
        self._change(cole, exceeds, "Same evidence as the rest of the team.")
        self.assertEqual(erin.calibrated_level_id, exceeds)
        self.assertEqual(erin.changed_by_id, self.user_officer)
        self.assertTrue(erin.changed)
        self.assertEqual(erin.justification, "Her goals were met, not exceeded.")
        appraisal = erin.appraisal_id
        self.assertEqual(appraisal.calibrated_level_id, exceeds)
        self.assertEqual(appraisal.final_level_id, exceeds)
        self.assertEqual(appraisal.rating_level_id, outstanding, "the score stays")
        session.invalidate_recordset()
        self.assertEqual(session.changed_count, 2)

        # The history shows who changed what, on the line and the appraisal.
        self.env.cr.precommit.run()
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "perf.calibration.line"),
                ("mail_message_id.res_id", "=", erin.id),
                ("field_id.name", "=", "calibrated_level_id"),
            ]
        )
        self.assertEqual(len(tracking), 1)
        self.assertEqual(tracking.old_value_integer, outstanding.id)
        self.assertEqual(tracking.new_value_integer, exceeds.id)
        self.assertEqual(
            tracking.mail_message_id.author_id, self.user_officer.partner_id
        )
        note = appraisal.message_ids.filtered(
            lambda m: "Her goals were met" in str(m.body)
        )
        self.assertEqual(note.author_id, self.user_officer.partner_id)

        # Still "Exceeds" at 33 %: closing needs HR's justification.
        self.assertTrue(session.departure_flagged)
        with self.assertRaisesRegex(UserError, "departs from the guideline"):
            session.with_user(self.user_officer).action_close()
        session.with_user(
            self.user_officer
        ).departure_justification = "A record year in Sales."
        session.with_user(self.user_officer).action_close()
        self.assertEqual(session.state, "done")
        with self.assertRaisesRegex(UserError, "not in progress"):
            self._change(self._line(session, self.emp_dora), exceeds, "Too late.")

        # Released, the bonus follows the calibrated rating.
        self.cycle.write({"state": "released"})
        self.assertEqual(appraisal.state, "released")
        policy = self.env["perf.bonus.policy"].create(
            {
                "name": "Calibration bonus",
                "company_id": self.company.id,
                "rating_scale_id": self.scale.id,
                "base_type": "fixed",
                "base_amount": 1000,
                "prorata": False,
                "min_service_days": 0,
            }
        )
        policy._fill_default_multipliers()  # 0, 50, 100, 125, 150 %
        self.cycle.bonus_policy_id = policy
        self.cycle.with_user(self.user_officer).action_compute_bonuses()
        bonuses = {
            line.employee_id: line
            for line in self.env["perf.bonus.line"].search(
                [("cycle_id", "=", self.cycle.id)]
            )
        }
        self.assertEqual(bonuses[self.emp_employee].level_id, exceeds)
        self.assertEqual(bonuses[self.emp_employee].multiplier, 125)
        self.assertEqual(bonuses[self.emp_employee].amount, 1250)
        self.assertEqual(bonuses[self.emp_dora].multiplier, 150)

    def test_going_back_to_the_score_and_refusals(self):
        session = self._opened()
        erin = self._line(session, self.emp_employee)
        exceeds, outstanding = self.levels[3], self.levels[4]
        with self.assertRaisesRegex(UserError, "Say why"):
            self._change(erin, exceeds, "  ")
        self.assertEqual(erin.calibrated_level_id, outstanding)
        with self.assertRaisesRegex(UserError, "already rated"):
            self._change(erin, outstanding, "No change.")
        four = self.env.ref("odoo_perf_review.rating_scale_four")
        with self.assertRaisesRegex(UserError, "not a level of the rating scale"):
            self._change(erin, four.level_ids[0], "Wrong scale.")
        self._change(erin, exceeds, "Discussed in the room.")
        # Back to the rating from the score: no justification needed.
        self._change(erin, outstanding, "")
        self.assertEqual(erin.calibrated_level_id, outstanding)
        self.assertFalse(erin.changed)
        self.assertFalse(erin.appraisal_id.calibrated_level_id)
        self.assertEqual(erin.justification, "Back to the rating from the score.")

        # Managers discuss, they do not change ratings; not even over RPC paths.
        for user in (self.user_manager, self.user_max):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self._change(erin, exceeds, "I know better.", user=user)
        with self.assertRaises(AccessError):
            erin.with_user(self.user_manager).action_open_change_wizard()
        with self.assertRaisesRegex(AccessError, "change only through the workflow"):
            erin.with_user(self.user_manager).write({"calibrated_level_id": exceeds.id})
        with self.assertRaisesRegex(AccessError, "change only through the workflow"):
            erin.with_user(self.user_officer).write({"justification": "Forged"})
        with self.assertRaisesRegex(UserError, "never deleted"):
            erin.sudo().unlink()
        with self.assertRaises(AccessError):
            erin.with_user(self.user_officer).unlink()
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            session.with_user(self.user_officer).unlink()
        with self.assertRaisesRegex(AccessError, "when creating a"):
            self.env["perf.calibration.line"].with_user(self.user_officer).create(
                {"calibration_id": session.id, "appraisal_id": erin.appraisal_id.id}
            )

    def test_scope_overlap_and_phase(self):
        with self.assertRaisesRegex(ValidationError, "Choose the departments"):
            self._session(scope="departments")
        sales = self._opened(scope="departments", department_ids=[self.department.id])
        self.assertEqual(sales.line_ids.employee_id, self.mona_team)
        self.assertEqual(sales.participant_ids, self.user_manager)
        self.assertIn("Perf Sales", sales.name)
        # Erin is calibrated in the Sales session: no second open session.
        with self.assertRaisesRegex(UserError, "already calibrated in session"):
            self._opened()
        maxs = self._opened(scope="manager", manager_id=self.emp_max.id)
        self.assertEqual(maxs.line_ids.employee_id, self.max_team)
        self.assertEqual(maxs.participant_ids, self.user_max)
        with self.assertRaisesRegex(AccessError, "change only through the workflow"):
            maxs.with_user(self.user_officer).write({"state": "done"})
        with self.assertRaisesRegex(AccessError, "while it is in progress"):
            maxs.with_user(self.user_officer).write({"scope": "company"})
        (sales | maxs).with_user(self.user_officer).action_cancel()
        everyone = self.mona_team | self.max_team | self.kim_team
        self.assertEqual(self._opened().line_ids.employee_id, everyone)
        draft_cycle = self._cycle(date(self.year + 1, 1, 1), date(self.year + 1, 3, 31))
        with self.assertRaisesRegex(UserError, "calibration phase"):
            self.env["perf.calibration"].with_user(self.user_officer).create(
                {"cycle_id": draft_cycle.id}
            ).action_open()
        with self.assertRaises(AccessError):
            self.env["perf.calibration"].with_user(self.user_manager).create(
                {"cycle_id": self.cycle.id}
            )

    def test_the_cycle_opens_its_session(self):
        cycle = self.cycle.with_user(self.user_officer)
        action = cycle.action_open_calibration()
        self.assertEqual(action["context"]["default_cycle_id"], self.cycle.id)
        self.assertFalse(action.get("res_id"))
        with self.assertRaisesRegex(UserError, "includes you"):
            self.cycle.with_user(self.user_manager).action_open_calibration()
        session = self._opened()
        self.assertEqual(cycle.calibration_count, 1)
        self.assertEqual(cycle.action_open_calibration()["res_id"], session.id)
        mona = self.cycle.with_user(self.user_manager).action_open_calibration()
        self.assertEqual(mona["res_id"], session.id)

    def test_the_nine_box_places_people_by_potential(self):
        session = self._opened()
        erin = self._line(session, self.emp_employee)
        self.assertEqual(erin.nine_box, "to_place")
        erin.with_user(self.user_manager).potential = "high"
        self.assertEqual(erin.nine_box, "high_high")
        _levels, boxes = session._level_counts()
        self.assertEqual(boxes[session.id]["high_high"], 1)
        self.assertIn("Star", session.nine_box_grid)
        self.env.cr.precommit.run()
        tracked = erin.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "potential"
        )
        self.assertEqual(
            tracked.mail_message_id.author_id, self.user_manager.partner_id
        )
        max_line = self._line(session, self.max_team[0])
        self.assertEqual(max_line.performance_box, "medium")
        with self.assertRaises(AccessError):
            max_line.with_user(self.user_manager).potential = "low"
        max_line.with_user(self.user_officer).potential = "low"
        self.assertEqual(max_line.nine_box, "medium_low")
        session.with_user(self.user_officer).departure_justification = "Kept."
        session.with_user(self.user_officer).action_close()
        with self.assertRaisesRegex(AccessError, "while it is done"):
            max_line.with_user(self.user_officer).potential = "high"


@tagged("post_install", "-at_install")
class TestCalibrationAccess(CalibrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = (
            cls.env["perf.calibration"]
            .with_user(cls.user_officer)
            .create({"cycle_id": cls.cycle.id})
        )
        cls.session.action_open()
        cls.env.cr.precommit.run()

    def test_hr_sees_everyone_in_scope(self):
        Line = self.env["perf.calibration.line"].with_user(self.user_officer)
        self.assertEqual(len(Line.search([])), 12)
        Rater = self.env["perf.calibration.rater"].with_user(self.user_officer)
        kinds = Rater.search([]).mapped("kind")
        self.assertEqual(kinds.count("manager"), 3)
        self.assertEqual(kinds.count("peer"), 3)

    def test_managers_see_their_own_people_and_figures(self):
        for user, team, lead in (
            (self.user_manager, self.mona_team, self.emp_manager),
            (self.user_max, self.max_team, self.emp_max),
        ):
            with self.subTest(user=user.name):
                self.env.invalidate_all()  # as in a request of its own
                session = self.session.with_user(user)
                self.assertEqual(session.line_ids.employee_id, team)
                lines = self.env["perf.calibration.line"].with_user(user).search([])
                self.assertEqual(lines.employee_id, team)
                self.assertEqual(session.rater_ids.rater_employee_id, lead)
                raters = self.env["perf.calibration.rater"].with_user(user).search([])
                self.assertEqual(raters.rater_employee_id, lead)
                self.assertEqual(session.line_count, 4)
                # The distribution they read is their people's only.
                self.assertIn("Calibrated", session.distribution)
        other = self._line(self.session, self.max_team[0]).with_user(self.user_manager)
        with self.assertRaises(AccessError):
            other.read(["calibrated_level_id"])

    def test_employees_never_see_calibration(self):
        erin = self._line(self.session, self.emp_employee)
        for model in (
            "perf.calibration",
            "perf.calibration.line",
            "perf.calibration.rater",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.user_employee).search([])
        with self.assertRaises(AccessError):
            erin.with_user(self.user_employee).read(["calibrated_level_id"])
        with self.assertRaises(AccessError):
            erin.with_user(self.user_employee).read(["message_ids"])

    def test_another_company_sees_nothing(self):
        for model in (
            "perf.calibration",
            "perf.calibration.line",
            "perf.calibration.rater",
        ):
            with self.subTest(model=model):
                found = self.env[model].with_user(self.user_other_officer).search([])
                self.assertFalse(found)
        with self.assertRaises(AccessError):
            self._change(
                self._line(self.session, self.emp_employee),
                self.levels[3],
                "Not mine to decide.",
                user=self.user_other_officer,
            )

    def test_managers_never_see_peer_raters(self):
        """Peers may have rated anonymously: their rows are HR's only."""
        peers = self.session.rater_ids.filtered(lambda r: r.kind == "peer")
        self.assertEqual(
            peers.rater_employee_id,
            self.emp_employee | self.emp_colleague | self.emp_dora,
        )
        self.assertEqual(set(peers.mapped("rating_count")), {3})
        for user in (self.user_manager, self.user_max, self.user_kim):
            with self.subTest(user=user.name):
                Rater = self.env["perf.calibration.rater"].with_user(user)
                self.assertFalse(Rater.search([("kind", "=", "peer")]))
                with self.assertRaises(AccessError):
                    peers.with_user(user).read(["mean"])
                read = self.session.with_user(user).read(["rater_ids"])[0]
                self.assertFalse(set(read["rater_ids"]) & set(peers.ids))

    def test_hr_officers_own_anonymous_reviews_stay_out_of_the_figures(self):
        """Dora becomes an HR officer: the peer reviews of her appraisal leave
        the peer statistics, so she cannot difference them out; Erin and Cole
        are left with two ratings each, too few to be listed."""
        self.session.with_user(self.user_officer).action_cancel()
        self.user_dora.group_ids = [
            Command.link(self.env.ref("odoo_perf_review.group_perf_officer").id)
        ]
        session = self._opened()
        peers = session.rater_ids.filtered(lambda r: r.kind == "peer")
        self.assertEqual(peers.rater_employee_id, self.emp_dora)
        # Nor does she see her own line.
        Line = self.env["perf.calibration.line"].with_user(self.user_dora)
        self.assertNotIn(self.emp_dora, Line.search([]).employee_id)
        with self.assertRaises(AccessError):
            self._line(session, self.emp_dora).with_user(
                self.user_dora
            ).action_open_change_wizard()


@tagged("post_install", "-at_install")
class TestGuideline(PerfCase):
    def test_default_guidelines(self):
        five = self.scale.level_ids.sorted("sequence").mapped("guideline_share")
        self.assertEqual(five, [10, 20, 40, 20, 10])
        four = self.env.ref("odoo_perf_review.rating_scale_four")
        self.assertEqual(four.level_ids.mapped("guideline_share"), [15, 35, 35, 15])
        self.assertEqual(self.scale.guideline_tolerance, 10)

    def test_shares_add_up_to_100_or_are_all_zero(self):
        low = self.scale.level_ids.sorted("sequence")[0]
        with self.assertRaisesRegex(ValidationError, "add up to 105"):
            low.guideline_share = 15
        with self.assertRaisesRegex(ValidationError, "add up to 105"):
            self.scale.write(
                {"level_ids": [Command.update(low.id, {"guideline_share": 15})]}
            )
        self.scale.write(
            {
                "level_ids": [
                    Command.update(level.id, {"guideline_share": 0})
                    for level in self.scale.level_ids
                ]
            }
        )
        self.assertEqual(self.scale._guideline(), {})
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.scale.guideline_tolerance = -1


# assertQueryCount locks, measured on Odoo 19.0: the same for a small and a
# larger population (more people and more managers). A throwaway population
# warms the caches first.
# Years of their own, in the future whatever today is.
YEAR = this_year()
POPULATIONS = ((1, "warm", YEAR + 3), (2, "small", YEAR + 4), (5, "large", YEAR + 5))
TEAM_SIZE = 4
LOCKS = {
    # The scope's rows, the overlap, the levels, the lines' insert, the
    # statistics, the participants, the state and the opening message.
    "open": 24,
    # The template, the HR officers, one grouped read per kind, one insert.
    "statistics": 12,
    "form": 17,
}


@tagged("post_install", "-at_install")
class TestCalibrationQueryCounts(PerfCase):
    """Opening a session, its statistics and reading its form cost the same
    number of queries whatever the population."""

    def _population(self, teams, tag, year):
        leads = self.env["hr.employee"].create(
            [
                {"name": f"Lead {tag} {t}", "company_id": self.company.id}
                for t in range(teams)
            ]
        )
        members = self.env["hr.employee"].create(
            [
                {
                    "name": f"Member {tag} {t}.{i}",
                    "company_id": self.company.id,
                    "parent_id": lead.id,
                }
                for t, lead in enumerate(leads)
                for i in range(TEAM_SIZE)
            ]
        )
        cycle = self._cycle(
            date(year, 1, 1),
            date(year, 12, 31),
            frequency="annual",
            state="in_progress",
            name=f"Cycle {tag}",
            recurring=False,
        )
        cycle._launch_appraisals(members, self.template, propose_peers=True)
        cycle.write({"state": "review"})
        levels = self.scale.level_ids.sorted("sequence")
        for index, review in enumerate(cycle.appraisal_ids.review_ids):
            level = levels[index % len(levels)]
            review.line_ids.filtered("criterion_id").write({"level_id": level.id})
        cycle.appraisal_ids.review_ids.write({"state": "submitted"})
        cycle.appraisal_ids._compute_results()
        cycle.write({"state": "calibration"})
        return cycle

    def _count(self, func, lock=None):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        if lock is None:
            func()
        else:
            with self.assertQueryCount(lock, flush=False):
                func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _measure(self, step, run):
        counts = []
        for teams, tag, year in POPULATIONS:
            cycle = self._population(teams, tag, year)
            session = (
                self.env["perf.calibration"]
                .with_user(self.user_officer)
                .create({"cycle_id": cycle.id})
            )
            counts.append(
                self._count(
                    lambda s=session: run(s),
                    None if tag == "warm" else LOCKS[step],
                )
            )
            self.assertEqual(len(session.sudo().line_ids), teams * TEAM_SIZE)
        self.assertEqual(counts[1], counts[2])
        return counts

    def test_open(self):
        self._measure("open", lambda session: session.action_open())

    def test_statistics(self):
        """The rater statistics alone, once the lines are there."""
        counts = []
        for teams, tag, year in POPULATIONS:
            cycle = self._population(teams, tag, year)
            session = (
                self.env["perf.calibration"]
                .with_user(self.user_officer)
                .create({"cycle_id": cycle.id})
            )
            session.action_open()
            session.sudo().rater_ids.unlink()
            counts.append(
                self._count(
                    lambda s=session: s._create_rater_statistics(),
                    None if tag == "warm" else LOCKS["statistics"],
                )
            )
            managers = session.sudo().rater_ids.filtered(lambda r: r.kind == "manager")
            self.assertEqual(len(managers), teams)
        self.assertEqual(counts[1], counts[2])

    def test_form(self):
        """The session's form as the web client reads it, as HR."""
        spec = {
            "name": {},
            "state": {},
            "line_count": {},
            "changed_count": {},
            "rater_alert_count": {},
            "distribution": {},
            "nine_box_grid": {},
            "departure_flagged": {},
            "participant_ids": {"fields": {"display_name": {}}},
            "line_ids": {
                "fields": {
                    "employee_id": {"fields": {"display_name": {}}},
                    "computed_level_id": {"fields": {"display_name": {}}},
                    "calibrated_level_id": {"fields": {"display_name": {}}},
                    "final_score": {},
                    "potential": {},
                },
                "limit": 80,
            },
            "rater_ids": {
                "fields": {
                    "rater_employee_id": {"fields": {"display_name": {}}},
                    "mean": {},
                    "leniency": {},
                    "verdict": {},
                }
            },
        }
        counts = []
        for teams, tag, year in POPULATIONS:
            cycle = self._population(teams, tag, year)
            session = (
                self.env["perf.calibration"]
                .with_user(self.user_officer)
                .create({"cycle_id": cycle.id})
            )
            session.action_open()
            counts.append(
                self._count(
                    lambda s=session: s.web_read(spec),
                    None if tag == "warm" else LOCKS["form"],
                )
            )
        self.assertEqual(counts[1], counts[2])


@tagged("post_install", "-at_install")
class TestCalibrationTour(TourTeamCase):
    _login_prefix = "tour_cal"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr = cls._hr_officer()
        template = cls._manager_only_template("Calibration tour template")
        cls.cycle, cls.appraisal = cls._rated_cycle(
            template, 4, name="Calibration tour"
        )
        cls.cycle.write({"state": "calibration"})
        cls.calibration = (
            cls.env["perf.calibration"]
            .with_user(cls.hr)
            .create({"cycle_id": cls.cycle.id})
        )

    def test_hr_changes_a_rating_from_the_nine_box(self):
        self.start_tour(
            "/odoo", "odoo_perf_review_calibration_tour", login="tour_cal_hr"
        )
        self.assertEqual(self.calibration.state, "in_progress")
        line = self.calibration.line_ids
        self.assertEqual(line.calibrated_level_id.code, "3")
        self.assertEqual(line.changed_by_id, self.hr)
        self.assertIn("not by her alone", line.justification)
        self.assertEqual(self.appraisal.final_level_id.code, "3")
