# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Feedback at any time: giving it, asking for it, who reads it."""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ..models import perf_feedback
from .common_coaching import PRIVATE_FEEDBACK, CoachingCase


@tagged("post_install", "-at_install")
class TestFeedback(CoachingCase):
    def _give(self, user, **vals):
        values = {
            "receiver_id": self.emp_employee.id,
            "kind": "praise",
            "visibility": "manager",
            "message": "<p>Thanks</p>",
        }
        values.update(vals)
        return self.env["perf.feedback"].with_user(user).create(values)

    def _visible(self, user):
        return self.env["perf.feedback"].with_user(user).search([])

    # ------------------------------------------------------------------
    # Giving
    # ------------------------------------------------------------------
    def test_anyone_gives_feedback_to_a_colleague_a_manager_or_a_report(self):
        to_manager = self._give(self.user_employee, receiver_id=self.emp_manager.id)
        to_report = self._give(self.user_manager, kind="suggestion")
        to_peer = self._give(self.user_outsider, kind="concern")
        for feedback, giver in (
            (to_manager, self.user_employee),
            (to_report, self.user_manager),
            (to_peer, self.user_outsider),
        ):
            self.assertEqual(feedback.giver_id, giver)
            self.assertEqual(feedback.state, "given")
        self.assertEqual(to_report.company_id, self.company)
        self.assertFalse(
            self.env["mail.followers"].search(
                [("res_model", "=", "perf.feedback"), ("res_id", "in", to_peer.ids)]
            ),
            "feedback has no follower, not even its giver",
        )

    def test_the_rules_of_giving(self):
        with self.assertRaisesRegex(ValidationError, "someone else than yourself"):
            self._give(self.user_employee)
        with self.assertRaisesRegex(ValidationError, "Only praise is public"):
            self._give(self.user_colleague, kind="concern", visibility="public")
        with self.assertRaisesRegex(UserError, "Write the feedback"):
            self._give(self.user_colleague, message="<p><br></p>")
        other_goal = self._goal("Cole's goal", employee_id=self.emp_colleague.id)
        with self.assertRaisesRegex(ValidationError, "is not a goal of"):
            self._give(self.user_manager, goal_id=other_goal.id)

    def test_the_workflow_fields_are_not_given_by_the_giver(self):
        for forged in (
            {"giver_id": self.user_manager.id},
            {"state": "requested"},
            {"requester_id": self.user_manager.id},
            {"date": fields.Datetime.now() - timedelta(days=400)},
        ):
            with self.subTest(forged=forged):
                with self.assertRaisesRegex(AccessError, "when creating a Feedback"):
                    self._give(self.user_colleague, **forged)
        with self.assertRaisesRegex(AccessError, "when creating a Feedback"):
            self.env["perf.feedback"].with_user(self.user_colleague).with_context(
                default_giver_id=self.user_manager.id
            ).create({"receiver_id": self.emp_employee.id, "message": "<p>x</p>"})

    def test_the_giver_writes_only_the_feedback_of_an_open_request(self):
        """Pinned by hand (the Recognition addon adds the badge)."""
        Feedback = self.env["perf.feedback"]
        opened = {
            name
            for write_rule in Feedback._perf_write_rules
            if write_rule.applies({"giver"}, "requested")
            for name in write_rule.fields
        } - {"badge_id"}
        self.assertEqual(
            opened, {"kind", "message", "goal_id", "criterion_id", "visibility"}
        )
        self.assertFalse(
            [r for r in Feedback._perf_write_rules if r.applies({"giver"}, "given")]
        )
        self.assertLessEqual(
            {"giver_id", "receiver_id", "state", "requester_id", "date", "deadline"},
            Feedback._perf_workflow_fields,
        )

    def test_feedback_once_given_is_not_edited(self):
        feedback = self.manager_feedback.with_user(self.user_colleague)
        for vals in ({"message": "<p>Changed</p>"}, {"visibility": "private"}):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(AccessError, "while it is given"):
                    feedback.write(vals)
        with self.assertRaises(AccessError):
            self.private_feedback.with_user(self.user_employee).write(
                {"message": "<p>Erin rewrites it</p>"}
            )
        with self.assertRaises(AccessError):
            self.private_feedback.with_user(self.user_colleague).unlink()

    def test_the_form_gives_feedback(self):
        form = Form(self.env["perf.feedback"].with_user(self.user_outsider))
        form.receiver_id = self.emp_employee
        form.kind = "praise"
        form.visibility = "public"
        form.message = "<p>Thanks for the handover</p>"
        feedback = form.save()
        self.assertEqual(feedback.giver_id, self.user_outsider)
        self.assertEqual(feedback.visibility, "public")

    # ------------------------------------------------------------------
    # Who reads it
    # ------------------------------------------------------------------
    def test_each_role_reads_what_the_giver_chose(self):
        private, managers, public, request = (
            self.private_feedback,
            self.manager_feedback,
            self.public_praise,
            self.request,
        )
        expected = {
            self.user_colleague: private | managers | public | request,
            self.user_employee: private | managers | public,
            self.user_manager: managers | public | request,
            self.user_officer: managers | public | request,
            self.user_admin: managers | public | request,
            self.user_outsider: public,
            self.user_other_manager: public,
            self.user_other_officer: self.env["perf.feedback"],
        }
        mine = private | managers | public | request
        for user, readable in expected.items():
            with self.subTest(user=user.name):
                self.assertEqual(self._visible(user) & mine, readable)
                for feedback in mine - readable:
                    with self.assertRaises(AccessError):
                        feedback.with_user(user).read(["message"])

    def test_the_employee_profile_counts_what_the_reader_may_read(self):
        counts = {
            self.user_employee: 3,
            self.user_colleague: 3,
            self.user_manager: 2,
            self.user_officer: 2,
            self.user_outsider: 1,
        }
        for user, count in counts.items():
            with self.subTest(user=user.name):
                public = (
                    self.env["hr.employee.public"]
                    .with_user(user)
                    .browse(self.emp_employee.id)
                )
                self.assertEqual(public.perf_feedback_count, count)
        action = self.emp_employee.with_user(
            self.user_manager
        ).action_open_perf_feedback()
        found = (
            self.env["perf.feedback"]
            .with_user(self.user_manager)
            .search(action["domain"])
        )
        self.assertEqual(found, self.manager_feedback | self.public_praise)

    # ------------------------------------------------------------------
    # Public praise in Discuss
    # ------------------------------------------------------------------
    def test_public_praise_is_posted_in_the_company_channel(self):
        channel = self.env["discuss.channel"].create(
            {"name": "Perf praise", "channel_type": "channel"}
        )
        self.company.perf_praise_channel_id = channel
        self._give(self.user_outsider, kind="suggestion", message="<p>Quiet one</p>")
        self._give(
            self.user_colleague,
            visibility="private",
            kind="praise",
            message=f"<p>{PRIVATE_FEEDBACK}</p>",
        )
        self.assertFalse(channel.message_ids)
        self._give(
            self.user_outsider, visibility="public", message="<p>Saved the demo</p>"
        )
        [post] = channel.message_ids
        self.assertIn("Otis Outsider praises Erin Employee", str(post.body))
        self.assertIn("Saved the demo", str(post.body))
        self.assertEqual(post.author_id, self.user_outsider.partner_id)
        # Another company's praise never reaches this channel.
        self.assertNotEqual(self.other_company.perf_praise_channel_id, channel)

    # ------------------------------------------------------------------
    # Requests
    # ------------------------------------------------------------------
    def _request_wizard(self, user, givers, **vals):
        return (
            self.env["perf.feedback.request.wizard"]
            .with_user(user)
            .create(
                dict(
                    {
                        "employee_id": self.emp_employee.id,
                        "giver_ids": [fields.Command.set(givers.ids)],
                        "question": "How are the customer calls?",
                    },
                    **vals,
                )
            )
        )

    def test_a_manager_requests_feedback_with_a_deadline_and_an_activity(self):
        seen = []
        original = perf_feedback.in_lang_of

        def spy(record, recipient):
            seen.append(recipient)
            return original(record, recipient)

        givers = self.user_colleague | self.user_outsider
        with patch.object(perf_feedback, "in_lang_of", spy):
            self._request_wizard(self.user_manager, givers).action_request()
        self.assertEqual(set(seen), set(givers), "each request in its giver's language")
        requests = self.env["perf.feedback"].search(
            [("requester_id", "=", self.user_manager.id), ("id", "!=", self.request.id)]
        )
        self.assertEqual(requests.giver_id, givers)
        self.assertEqual(set(requests.mapped("state")), {"requested"})
        activity_type = self.env.ref("odoo_perf_review.mail_activity_feedback_request")
        activities = requests.activity_ids
        self.assertEqual(activities.user_id, givers)
        self.assertEqual(activities.activity_type_id, activity_type)
        self.assertEqual(
            set(activities.mapped("date_deadline")),
            {fields.Date.today() + timedelta(days=7)},
        )
        self.assertIn("asked by Mona Manager", activities[0].summary)

    def test_only_managers_above_and_hr_request_feedback(self):
        with self.assertRaises(AccessError):
            self._request_wizard(
                self.user_other_manager, self.user_colleague
            ).action_request()
        with self.assertRaises(AccessError):
            self.env["perf.feedback.request.wizard"].with_user(
                self.user_employee
            ).create({"employee_id": self.emp_colleague.id})
        with self.assertRaisesRegex(UserError, "cannot give feedback about"):
            self._request_wizard(self.user_manager, self.user_employee).action_request()
        with self.assertRaisesRegex(UserError, "cannot give feedback about"):
            self._request_wizard(
                self.user_manager, self.user_other_officer
            ).action_request()
        self._request_wizard(self.user_officer, self.user_colleague).action_request()

    def test_the_colleague_answers_the_request(self):
        request = self.request.with_user(self.user_colleague)
        self.assertTrue(request.is_giver)
        with self.assertRaisesRegex(ValidationError, "cannot be private"):
            request.write({"visibility": "private"})
        self.env.invalidate_all()
        request.write(
            {"kind": "praise", "message": "<p>Calm and clear on the phone</p>"}
        )
        with self.assertRaisesRegex(AccessError, "Only Cole Colleague answers"):
            self.request.with_user(self.user_manager).action_give()
        request.action_give()
        self.assertEqual(self.request.state, "given")
        self.assertFalse(self.request.activity_ids, "the request's activity is done")
        with self.assertRaisesRegex(UserError, "already been answered"):
            request.action_give()
        with self.assertRaises(AccessError):
            request.write({"message": "<p>Changed my mind</p>"})
        # Now Erin reads it, and so do her managers.
        self.assertIn(self.request, self._visible(self.user_employee))
        self.assertIn(self.request, self._visible(self.user_manager))

    def test_the_colleague_declines_the_request(self):
        self.request.with_user(self.user_colleague).action_decline()
        self.assertEqual(self.request.state, "declined")
        self.assertFalse(self.request.activity_ids)
        self.assertNotIn(self.request, self._visible(self.user_employee))
