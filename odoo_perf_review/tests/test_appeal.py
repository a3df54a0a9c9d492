# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import tagged

from .test_appraisal import AppraisalCase

RELEASE = "2026-06-01 09:00:00"  # a Monday


@tagged("post_install", "-at_install")
class TestAppeal(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.user_id = cls.user_officer
        cls.company.perf_appeal_window_days = 5
        cls.company.perf_appeal_decision_days = 10

    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        self.appraisal = self._appraisal(self.emp_employee)
        manager_review = self.appraisal.review_ids.filtered(
            lambda r: r.rater_type == "manager"
        )
        self._answer(manager_review, 1, self.user_manager)  # 65: needs improvement
        with freeze_time(RELEASE):
            self.appraisal.action_release()
        self.better = self.levels[2]

    def _file(self, user=None, when="2026-06-03 10:00:00", **vals):
        with freeze_time(when):
            return (
                self.env["perf.appeal"]
                .with_user(user or self.user_employee)
                .create(
                    dict(
                        {
                            "appraisal_id": self.appraisal.id,
                            "ground": "rating",
                            "explanation": "<p>My main goal was met.</p>",
                        },
                        **vals,
                    )
                )
            )

    def _decide(
        self,
        appeal,
        outcome,
        level=None,
        text="<p>Goal evidence checked.</p>",
        user=None,
    ):
        """Decide through the wizard, as the handler (or ``user``) would."""
        action = appeal.with_user(user or appeal.handler_id)
        action = action.action_open_decision_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user or appeal.handler_id)
            .with_context(**action["context"])
            .create(
                {
                    "outcome": outcome,
                    "decision": text,
                    "revised_level_id": level and level.id,
                }
            )
        )
        return wizard.action_decide()

    # ------------------------------------------------------------------
    # Filing
    # ------------------------------------------------------------------
    def test_employee_files_within_the_window(self):
        appeal = self._file()
        self.assertEqual(appeal.state, "submitted")
        self.assertEqual(appeal.handler_id, self.user_officer)
        self.assertEqual(appeal.original_level_id, self.appraisal.final_level_id)
        # 10 working days from Wednesday 3 June: Wednesday 17 June.
        self.assertEqual(str(appeal.decision_deadline.date()), "2026-06-17")
        activity = appeal.activity_ids
        self.assertEqual(activity.user_id, self.user_officer)

    def test_window_counts_working_days(self):
        # 5 working days after Monday 1 June: until Monday 8 June included.
        self._file(when="2026-06-08 16:00:00").with_user(
            self.user_employee
        ).action_withdraw()
        with self.assertRaisesRegex(UserError, "appeal window .* closed on 2026-06-08"):
            self._file(when="2026-06-09 09:00:00")

    def test_no_appeal_before_release(self):
        other = self._appraisal(self.emp_colleague)
        with self.assertRaisesRegex(UserError, "not released yet"):
            self.env["perf.appeal"].with_user(self.user_colleague).create(
                {"appraisal_id": other.id, "explanation": "<p>x</p>"}
            )

    def test_one_open_appeal_per_appraisal(self):
        self._file()
        with self.assertRaisesRegex(UserError, "already has an open appeal"):
            self._file()

    def test_only_the_employee_appeals(self):
        with self.assertRaises(AccessError):
            self._file(user=self.user_manager)

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------
    def test_each_party_sees_the_appeal_outsiders_do_not(self):
        appeal = self._file()
        for user in (self.user_employee, self.user_manager, self.user_officer):
            self.assertIn(appeal, self.env["perf.appeal"].with_user(user).search([]))
        for user in (self.user_colleague, self.user_outsider, self.user_other_officer):
            self.assertNotIn(appeal, self.env["perf.appeal"].with_user(user).search([]))
            with self.assertRaises(AccessError):
                appeal.with_user(user).read(["explanation"])

    def test_rating_manager_adds_a_statement_but_cannot_decide(self):
        appeal = self._file()
        as_manager = appeal.with_user(self.user_manager)
        as_manager.manager_statement = "<p>The goal was met late.</p>"
        with self.assertRaises(AccessError):
            as_manager.write({"decision": "<p>Rejected</p>"})
        with self.assertRaises(AccessError):
            self._decide(appeal, "rejected", user=self.user_manager)
        self.assertEqual(appeal.state, "submitted")
        self.assertFalse(appeal.decision)

    def test_employee_cannot_decide_their_own_appeal(self):
        appeal = self._file()
        with self.assertRaises(AccessError):
            appeal.with_user(self.user_employee).write(
                {"revised_level_id": self.better.id}
            )
        with self.assertRaises(AccessError):
            self._decide(appeal, "accepted", self.better, user=self.user_employee)
        self.assertEqual(appeal.state, "submitted")
        self.assertFalse(appeal.revised_level_id)

    def test_handler_is_never_a_rater(self):
        appeal = self._file()
        self.assertNotIn(
            appeal.handler_id, self.user_manager | self.user_employee | self.user_admin
        )
        with self.assertRaisesRegex(ValidationError, "did not take part"):
            appeal._workflow().handler_id = self.user_manager
        for user in (self.user_employee, self.user_manager, self.user_officer):
            with self.assertRaisesRegex(
                AccessError, "change only through the workflow"
            ):
                appeal.with_user(user).handler_id = self.user_admin

    def test_the_system_assigns_the_handler(self):
        with self.assertRaisesRegex(AccessError, "Handler"):
            self._file(handler_id=self.user_admin.id)
        self.assertFalse(
            self.env["perf.appeal"].search([("appraisal_id", "=", self.appraisal.id)])
        )

    def test_an_appraisal_of_someone_else_is_answered_as_missing(self):
        other = self._appraisal(self.emp_colleague)
        with self.assertRaisesRegex(MissingError, "does not exist"):
            self._file(appraisal_id=other.id)
        with self.assertRaisesRegex(MissingError, "does not exist"):
            self._file(appraisal_id=other.id + 100000)

    def test_a_decided_appeal_closes_the_matter(self):
        appeal = self._file()
        self._decide(appeal, "rejected")
        with self.assertRaisesRegex(UserError, "closes the matter"):
            self._file(when="2026-06-04 10:00:00")
        self.assertEqual(
            self.env["perf.appeal"].search_count(
                [("appraisal_id", "=", self.appraisal.id)]
            ),
            1,
        )

    def test_appeals_are_never_deleted(self):
        appeal = self._file()
        with self.assertRaisesRegex(UserError, "never deleted"):
            appeal.sudo().unlink()

    # ------------------------------------------------------------------
    # Outcome
    # ------------------------------------------------------------------
    def test_accepted_appeal_revises_the_rating_and_keeps_the_history(self):
        appeal = self._file()
        old_level = self.appraisal.final_level_id
        with self.assertRaisesRegex(UserError, "Write the decision"):
            self._decide(appeal, "accepted", self.better, text="<p> </p>")
        with self.assertRaisesRegex(UserError, "choose the revised rating"):
            self._decide(appeal, "accepted")
        self.assertEqual(appeal.state, "submitted")
        self.assertFalse(appeal.decision)
        self._decide(appeal, "accepted", self.better)
        self.assertEqual(appeal.state, "accepted")
        self.assertEqual(self.appraisal.final_level_id, self.better)
        self.assertEqual(appeal.original_level_id, old_level)
        self.assertTrue(appeal.decision_date)
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "perf.appraisal"),
                ("mail_message_id.res_id", "=", self.appraisal.id),
                ("field_id.name", "=", "appeal_level_id"),
            ]
        )
        self.assertEqual(tracked.new_value_integer, self.better.id)
        mine = self.appraisal.with_user(self.user_employee)
        self.assertEqual(mine.final_level_id, self.better)
        self.assertIn(
            "Goal evidence checked", str(appeal.with_user(self.user_employee).decision)
        )
        audit = appeal.message_ids.filtered(
            lambda m: (
                "Goal evidence checked" in str(m.body)
                and m.subtype_id == self.env.ref("mail.mt_note")
            )
        )
        self.assertEqual(audit.author_id, self.user_officer.partner_id)

    def test_rejection_is_final_and_explained(self):
        appeal = self._file()
        self._decide(appeal, "rejected")
        self.assertEqual(appeal.state, "rejected")
        self.assertEqual(self.appraisal.final_level_id, appeal.original_level_id)
        with self.assertRaisesRegex(UserError, "already closed"):
            self._decide(appeal, "accepted", self.better)
        with self.assertRaises(AccessError):
            appeal.with_user(self.user_officer).write({"decision": "<p>changed</p>"})
        with self.assertRaises(AccessError):
            appeal.with_user(self.user_employee).write({"explanation": "<p>again</p>"})

    def test_withdrawn_by_the_employee(self):
        appeal = self._file()
        appeal.with_user(self.user_employee).action_withdraw()
        self.assertEqual(appeal.state, "withdrawn")
        self.assertFalse(appeal.activity_ids)

    def test_time_to_decision_for_reporting(self):
        appeal = self._file(when="2026-06-03 10:00:00")
        with freeze_time("2026-06-05 10:00:00"):
            self._decide(appeal, "rejected")
        self.assertAlmostEqual(appeal.days_to_decision, 2.0)

    # ------------------------------------------------------------------
    # Deadline escalation
    # ------------------------------------------------------------------
    def test_undecided_appeal_is_escalated_and_keeps_reminding(self):
        appeal = self._file()
        cron = self.env.ref("odoo_perf_review.ir_cron_perf_appeal_escalation")

        def run(day):
            with freeze_time(f"{day} 12:00:00"), self.enter_registry_test_mode():
                cron.method_direct_trigger()
            self.env.invalidate_all()

        def admin_activities():
            return appeal.activity_ids.filtered(lambda a: a.user_id == self.user_admin)

        run("2026-06-17")
        self.assertFalse(admin_activities(), "the deadline day itself is fine")
        run("2026-06-18")
        self.assertEqual(len(admin_activities()), 1)
        self.assertEqual(appeal.escalation_count, 1)
        run("2026-06-19")
        self.assertEqual(appeal.escalation_count, 1, "every 2 days, not daily")
        run("2026-06-20")
        self.assertEqual(appeal.escalation_count, 2)
        self._decide(appeal, "rejected")
        run("2026-06-24")
        self.assertEqual(appeal.escalation_count, 2, "a decided appeal is left alone")
