# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.odoo_perf_review.tests.common_coaching import CoachingCase


@tagged("post_install", "-at_install")
class TestFeedbackBadge(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.badge = cls.env.ref("odoo_perf_review_recognition.badge_great_performance")

    def _praise(self, user, **vals):
        values = {
            "receiver_id": self.emp_employee.id,
            "kind": "praise",
            "visibility": "public",
            "message": "<p>Closed the biggest deal of the year</p>",
            "badge_id": self.badge.id,
        }
        values.update(vals)
        return self.env["perf.feedback"].with_user(user).create(values)

    def _granted(self):
        return self.env["gamification.badge.user"].search(
            [("badge_id", "=", self.badge.id), ("user_id", "=", self.user_employee.id)]
        )

    def test_public_praise_gives_the_badge(self):
        feedback = self._praise(self.user_colleague)
        granted = self._granted()
        self.assertEqual(len(granted), 1)
        self.assertEqual(feedback.badge_user_id, granted)
        self.assertEqual(granted.sender_id, self.user_colleague)
        self.assertEqual(granted.employee_id, self.emp_employee)
        self.assertEqual(granted.comment, "Closed the biggest deal of the year")

    def test_a_badge_goes_with_public_praise_only(self):
        for vals in ({"visibility": "private"}, {"visibility": "manager"}):
            with self.subTest(**vals):
                with self.assertRaisesRegex(ValidationError, "A badge is public"):
                    self._praise(self.user_colleague, **vals)
        self.assertFalse(self._granted())

    def test_the_badge_rules_apply_to_the_giver(self):
        self.badge.rule_auth = "users"
        self.badge.rule_auth_user_ids = self.user_manager
        with self.assertRaisesRegex(UserError, "not in the user allowed list"):
            self._praise(self.user_colleague)
        self.assertFalse(self._granted())
        self._praise(self.user_manager)
        self.assertEqual(self._granted().sender_id, self.user_manager)

    def test_the_receiver_needs_a_user(self):
        with self.assertRaisesRegex(UserError, "no user to receive a badge"):
            self._praise(self.user_colleague, receiver_id=self.emp_no_user.id)

    def test_the_grant_is_the_workflows(self):
        feedback = self._praise(self.user_colleague, badge_id=False)
        with self.assertRaises(AccessError):
            feedback.with_user(self.user_colleague).write({"badge_id": self.badge.id})
        with self.assertRaises(AccessError):
            self._praise(self.user_colleague, badge_user_id=self._granted().id or 1)

    def test_a_requested_praise_gives_its_badge_when_sent(self):
        request = (
            self.env["perf.feedback"]
            .with_user(self.user_manager)
            ._request(
                self.emp_employee,
                self.user_colleague,
                fields.Date.today() + timedelta(days=3),
                "Anything to praise?",
            )
        )
        answer = request.with_user(self.user_colleague)
        answer.write(
            {
                "kind": "praise",
                "visibility": "public",
                "badge_id": self.badge.id,
                "message": "<p>Led the launch</p>",
            }
        )
        self.assertFalse(self._granted(), "not before it is sent")
        answer.action_give()
        self.assertEqual(request.badge_user_id, self._granted())
