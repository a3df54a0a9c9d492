# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import new_test_user, tagged

from .common_coaching import ERIN_NOTE
from .test_ui import TourTeamCase


@tagged("post_install", "-at_install")
class TestCoachingTours(TourTeamCase):
    """An employee gives praise, the manager requests feedback, and both
    prepare and hold a one-on-one, in the browser."""

    _login_prefix = "coach"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague_user = new_test_user(
            cls.env,
            "coach_colleague",
            groups="base.group_user",
            name="Tour Colleague",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.colleague = cls.env["hr.employee"].create(
            {
                "name": "Tour Colleague",
                "user_id": cls.colleague_user.id,
                "company_id": cls.company.id,
                "parent_id": cls.manager_employee.id,
            }
        )

    def test_coaching_between_reviews(self):
        Feedback = self.env["perf.feedback"]
        self.start_tour(
            "/odoo", "odoo_perf_review_give_praise_tour", login="coach_employee"
        )
        praise = Feedback.search([("receiver_id", "=", self.colleague.id)])
        self.assertEqual(praise.giver_id, self.employee_user)
        self.assertEqual((praise.kind, praise.visibility), ("praise", "public"))
        self.assertIn("covering the customer call", str(praise.message))

        self.start_tour(
            "/odoo", "odoo_perf_review_request_feedback_tour", login="coach_manager"
        )
        request = Feedback.search([("requester_id", "=", self.manager.id)])
        self.assertEqual(request.giver_id, self.colleague_user)
        self.assertEqual(request.receiver_id, self.employee)
        self.assertEqual(request.activity_ids.user_id, self.colleague_user)

        self.start_tour(
            "/odoo", "odoo_perf_review_plan_one_on_one_tour", login="coach_manager"
        )
        meetings = self.env["perf.meeting"].search(
            [("employee_id", "=", self.employee.id)], order="date"
        )
        self.assertEqual(len(meetings), 4)
        self.assertEqual(len(meetings.recurrence_id), 1)
        first = meetings[0]
        self.start_tour(
            "/odoo", "odoo_perf_review_prepare_one_on_one_tour", login="coach_employee"
        )
        self.start_tour(
            "/odoo", "odoo_perf_review_hold_one_on_one_tour", login="coach_manager"
        )
        self.assertEqual(first.state, "held")
        topics = first.agenda_item_ids.mapped("name")
        self.assertIn("Staffing of the spring project", topics)
        self.assertIn("Training budget for next quarter", topics)
        self.assertIn("two days of training", str(first.shared_notes))
        notes = self.env["perf.meeting.note"].search([("meeting_id", "=", first.id)])
        self.assertEqual(notes.user_id, self.manager | self.employee_user)
        self.assertNotIn(ERIN_NOTE, str(notes.mapped("note")))
        action = first.action_item_ids
        self.assertEqual(action.name, "Send the training catalogue")
        self.assertEqual(action.activity_id.user_id, self.manager)
