# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One to-do per reviewer and cycle, kept up to date with their reviews."""

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import format_date

from .test_appraisal import AppraisalCase


@tagged("post_install", "-at_install")
class TestReviewTodo(AppraisalCase):
    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        self.reviews = self.env["perf.review"].search(
            [("cycle_id", "=", self.cycle.id), ("state", "=", "requested")]
        )
        self.mona = self.reviews.filtered(
            lambda r: r.reviewer_user_id == self.user_manager
        )

    def _todos(self, user=None):
        domain = [("perf_cycle_id", "=", self.cycle.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def _summary(self, count, lang="en_US"):
        env = self.env(context=dict(self.env.context, lang=lang))
        date = format_date(env, self.cycle.review_deadline, lang_code=lang)
        if count == 1:
            return f"1 review to write by {date}"
        return f"{count} reviews to write by {date}"

    def test_one_todo_per_reviewer_and_cycle_with_the_count(self):
        with_user = self.reviews.filtered("reviewer_user_id")
        todos = self._todos()
        self.assertEqual(todos.user_id, with_user.reviewer_user_id)
        self.assertEqual(len(todos), len(with_user.reviewer_user_id), "one each")
        self.assertFalse(self.reviews.activity_ids, "none on the reviews")
        self.assertGreater(len(self.mona), 1)
        todo = self._todos(self.user_manager)
        self.assertEqual(todo.summary, self._summary(len(self.mona)))
        self.assertEqual(todo.date_deadline, self.cycle.review_deadline)
        self.assertFalse(todo.res_model, "tied to no document")
        self.assertIn(
            "/odoo/action-odoo_perf_review.perf_review_action_to_write", todo.note
        )
        self.assertEqual(
            todo.activity_type_id,
            self.env.ref("odoo_perf_review.mail_activity_review"),
        )

    def test_the_todo_counts_down_and_is_done_with_the_last_review(self):
        todo = self._todos(self.user_manager)
        first, *others = self.mona
        self._answer(first, 2, self.user_manager)
        self.assertEqual(todo.summary, self._summary(len(others)))
        self.assertTrue(todo.active)
        for review in others:
            self._answer(review, 2, self.user_manager)
        self.assertFalse(todo.active, "done with the last review")
        self.assertFalse(self._todos(self.user_manager))

    def test_closing_the_reviews_closes_the_todos(self):
        self.assertTrue(self._todos())
        self.cycle.appraisal_ids._close_reviews()
        self.assertFalse(self._todos(), "nothing left to write")

    def test_expired_reviews_leave_the_todo(self):
        self._answer(self.mona[0], 2, self.user_manager)
        self.mona[1:]._workflow().write({"state": "expired"})
        self.assertFalse(self._todos(self.user_manager))

    def test_a_review_requested_later_joins_the_reviewers_todo(self):
        todo = self._todos(self.user_outsider)
        before = len(
            self.reviews.filtered(lambda r: r.reviewer_user_id == self.user_outsider)
        )
        review = (
            self.env["perf.review"]
            ._workflow()
            .create(
                {
                    "appraisal_id": self._appraisal(self.emp_employee).id,
                    "rater_type": "peer",
                    "reviewer_employee_id": self.emp_outsider.id,
                    "anonymous": True,
                }
            )
        )
        review._request()
        after = self._todos(self.user_outsider)
        self.assertEqual(len(after), 1)
        if todo:
            self.assertEqual(after, todo, "the same to-do, updated")
        self.assertEqual(after.summary, self._summary(before + 1))

    def test_only_the_reviewer_reads_the_todo_and_nobody_follows(self):
        todo = self._todos(self.user_colleague)
        self.assertTrue(todo)
        for user in (self.user_employee, self.user_manager, self.user_officer):
            Activity = self.env["mail.activity"].with_user(user)
            self.assertNotIn(todo, Activity.search([]))
            with self.assertRaises(AccessError):
                todo.with_user(user).read(["summary", "user_id"])
        self.assertIn(
            todo, self.env["mail.activity"].with_user(self.user_colleague).search([])
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertFalse(
            self.env["mail.followers"].search(
                [
                    ("res_model", "=", "perf.review"),
                    ("res_id", "in", self.reviews.ids),
                    ("partner_id", "=", self.user_colleague.partner_id.id),
                ]
            ),
            "the to-do makes the reviewer follow nothing",
        )

    def test_submitting_tells_only_the_reviewer(self):
        Bus = self.env["bus.bus"]
        self.env.flush_all()
        self.env.cr.precommit.run()
        start = Bus.search([], order="id desc", limit=1).id or 0
        with freeze_time(f"{self.cycle.review_deadline} 12:00"):
            for review in self.mona:
                self._answer(review, 2, self.user_manager)
            self.env.flush_all()
            self.env.cr.precommit.run()
        pushed = Bus.search([("id", ">", start)])
        manager = f'"res.partner",{self.user_manager.partner_id.id}]'
        self.assertTrue(pushed.filtered(lambda b: "mail.activity/updated" in b.message))
        for bus in pushed.filtered(lambda b: "mail.activity/updated" in b.message):
            self.assertEqual(bus.channel, f'["{self.env.cr.dbname}",{manager}')
