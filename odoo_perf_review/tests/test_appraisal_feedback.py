# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The reviewers' comments reach the appraisal; strengths and improvements are
gathered from the reviews and frozen at the release; raters read what each
level means; the calibration keeps its reason for the rating history."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_appraisal import AppraisalCase


class FeedbackCase(AppraisalCase):
    """Erin's appraisal in review: self, manager (Mona) and two anonymous
    peers (Cole, Nia), k = 2."""

    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        self.appraisal = self._appraisal(self.emp_employee)
        self.self_review = self._review("self")
        self.manager_review = self._review("manager")
        self.cole_review, self.nia_review = (
            self._review("peer").filtered(
                lambda r, e=employee: r.reviewer_employee_id == e
            )
            for employee in (self.emp_colleague, self.emp_no_user)
        )

    def _review(self, kind):
        return self.appraisal.review_ids.filtered(
            lambda r: r.rater_type == kind and r.state != "cancelled"
        )

    def _write(self, review, user=None, line_comment=None, **texts):
        review = review.with_user(user) if user else review
        review.write({key: f"<p>{value}</p>" for key, value in texts.items()})
        if line_comment:
            review.line_ids.filtered("criterion_id")[:1].comment = line_comment

    def _comments(self, user):
        self.env.invalidate_all()
        return str(self.appraisal.with_user(user).review_comments or "")

    def _write_all(self):
        self._write(
            self.self_review,
            self.user_employee,
            strengths="I ship on time",
            comment="A busy quarter",
        )
        self._write(
            self.manager_review,
            self.user_manager,
            strengths="Calm under pressure",
            improvements="Delegate more",
            line_comment="Careful reviews of every change",
        )
        self._write(
            self.cole_review,
            self.user_colleague,
            strengths="Always helps the team",
            line_comment="Great pair programmer",
        )
        self._write(
            self.nia_review,
            strengths="Explains the hard parts",
            improvements="Answer the chat sooner",
        )


@tagged("post_install", "-at_install")
class TestReviewComments(FeedbackCase):
    def test_named_comments_attributed_anonymous_pooled_once_closed_with_k(self):
        self._write_all()
        self._answer(self.self_review, 3, self.user_employee)
        self._answer(self.manager_review, 2, self.user_manager)
        self._answer(self.cole_review, 3, self.user_colleague)
        self._answer(self.nia_review, 1)

        # In review: named comments for the manager, anonymous ones pending.
        text = self._comments(self.user_manager)
        for expected in (
            "Mona Manager",
            "Calm under pressure",
            "Delegate more",
            "Careful reviews of every change",
            "Erin Employee",
            "I ship on time",
            "A busy quarter",
        ):
            self.assertIn(expected, text)
        for pending in ("Always helps the team", "Explains the hard parts"):
            self.assertNotIn(pending, text, "anonymous comments wait for the close")
        # Erin cannot even read her appraisal yet, nor its comments by a side door.
        with self.assertRaises(AccessError):
            self.appraisal.with_user(self.user_employee).read(["review_comments"])
        self.assertEqual(
            self.appraisal.with_user(self.user_employee)._review_comment_groups(),
            {self.appraisal.id: []},
        )

        # The reviews close with 2 answers (k = 2): the peers' comments appear,
        # pooled and unattributed.
        self.cycle.write({"state": "calibration"})
        text = self._comments(self.user_manager)
        for expected in (
            "Always helps the team",
            "Explains the hard parts",
            "Answer the chat sooner",
            "Great pair programmer",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Cole Colleague", text)
        self.assertNotIn("Nia No-User", text)
        groups = self.appraisal.with_user(self.user_manager)._review_comment_groups()
        peers = next(g for g in groups[self.appraisal.id] if g["key"] == "peer")
        self.assertTrue(peers["anonymous"])
        self.assertEqual(peers["count"], 2)
        self.assertEqual(len(peers["entries"]), 1, "one pooled entry")
        self.assertFalse(peers["entries"][0]["author"])
        self.assertEqual(
            len(peers["entries"][0]["strengths"]), 2, "both peers' strengths"
        )
        # The order is fixed by the texts, not by who answered first.
        strengths = [str(t) for t in peers["entries"][0]["strengths"]]
        self.assertEqual(
            strengths,
            [
                str(t)
                for t in type(self.appraisal)._shuffled(self.appraisal.id, strengths)
            ],
        )
        self.assertEqual(text, self._comments(self.user_manager), "stable reads")

        # Released: Erin reads the same comments.
        self.appraisal.action_release()
        self.assertEqual(self._comments(self.user_employee), text)

    def test_gather_from_reviews_then_frozen_at_the_release(self):
        self._write_all()
        self._answer(self.manager_review, 2, self.user_manager)
        self._answer(self.self_review, 3, self.user_employee)
        self._answer(self.cole_review, 3, self.user_colleague)
        self._answer(self.nia_review, 1)
        manager_view = self.appraisal.with_user(self.user_manager)
        with self.assertRaises(AccessError):
            self.appraisal.with_user(self.user_colleague).action_gather_feedback()

        manager_view.action_gather_feedback()
        strengths = str(self.appraisal.strengths)
        self.assertIn("Calm under pressure", strengths)
        self.assertIn("Mona Manager", strengths)
        self.assertIn("I ship on time", strengths)
        self.assertNotIn("Always helps the team", strengths, "peers still pending")
        self.assertIn("Delegate more", str(self.appraisal.improvements))

        # The manager edits; closing the reviews keeps the edited text.
        manager_view.write({"strengths": "<p>Edited by Mona</p>"})
        self.cycle.write({"state": "calibration"})
        self.assertIn("Edited by Mona", str(self.appraisal.strengths))
        # Gathering again now brings the peers, without their names.
        manager_view.action_gather_feedback()
        strengths = str(self.appraisal.strengths)
        self.assertIn("Always helps the team", strengths)
        self.assertIn("Explains the hard parts", strengths)
        self.assertNotIn("Cole Colleague", strengths)
        self.assertIn("Answer the chat sooner", str(self.appraisal.improvements))

        # After the release the employee's result is frozen.
        manager_view.action_release()
        with self.assertRaisesRegex(AccessError, "Strengths"):
            manager_view.write({"strengths": "<p>Changed later</p>"})
        with self.assertRaisesRegex(UserError, "final once the result is released"):
            manager_view.action_gather_feedback()
        officer_view = self.appraisal.with_user(self.user_officer)
        with self.assertRaisesRegex(AccessError, "Improvements"):
            officer_view.write({"improvements": "<p>Changed later</p>"})
        manager_view.write({"interview_notes": "<p>Agreed on the plan</p>"})
        self.assertIn("Agreed on the plan", str(self.appraisal.interview_notes))

    def test_reviews_closing_fill_empty_strengths_and_improvements(self):
        self._write_all()
        self._answer(self.manager_review, 2, self.user_manager)
        self._answer(self.cole_review, 3, self.user_colleague)
        self._answer(self.nia_review, 1)
        self.appraisal.with_user(self.user_manager).write(
            {"improvements": "<p>Mona's own words</p>"}
        )
        self.cycle.write({"state": "calibration"})
        strengths = str(self.appraisal.strengths)
        self.assertIn("Calm under pressure", strengths)
        self.assertIn("Always helps the team", strengths)
        self.assertNotIn("Cole Colleague", strengths)
        self.assertIn("Mona's own words", str(self.appraisal.improvements))
        self.assertNotIn("Delegate more", str(self.appraisal.improvements))

    def test_gathering_nothing_says_why(self):
        with self.assertRaisesRegex(UserError, "at least 2 answers"):
            self.appraisal.with_user(self.user_manager).action_gather_feedback()


@tagged("post_install", "-at_install")
class TestLevelDescriptions(FeedbackCase):
    def test_raters_read_what_each_level_means(self):
        quality = self.criteria[0]
        level = self.levels[3]
        level.description = "Goes beyond what the role asks."
        self.levels[1].description = "Part of the role is not covered yet."
        self.env["perf.criterion.level"].create(
            {
                "criterion_id": quality.id,
                "rating_level_id": level.id,
                "description": "Catches defects before review.",
            }
        )
        review = self.self_review.with_user(self.user_employee)
        guide = str(review.level_guide)
        self.assertIn("Goes beyond what the role asks.", guide)
        self.assertIn("Part of the role is not covered yet.", guide)
        self.assertIn("Catches defects before review.", guide)
        self.assertIn(quality.name, guide)
        lines = review.line_ids
        quality_line = lines.filtered(lambda line: line.criterion_id == quality)
        other_line = lines.filtered("criterion_id") - quality_line
        self.assertFalse(quality_line.level_description)
        quality_line.level_id = level
        other_line.level_id = level
        self.assertEqual(
            quality_line.level_description,
            "Catches defects before review.",
            "the competency's own description first",
        )
        self.assertEqual(other_line.level_description, level.description)


@tagged("post_install", "-at_install")
class TestRatingHistory(FeedbackCase):
    def test_calibration_keeps_its_reason_and_date(self):
        self._answer(self.manager_review, 2, self.user_manager)
        self.appraisal.with_user(self.user_officer)._calibrate(
            self.levels[3], "  Led the migration alone.  "
        )
        self.assertEqual(
            self.appraisal.calibration_justification, "Led the migration alone."
        )
        self.assertTrue(self.appraisal.calibrated_date)
        history = self.appraisal._rating_history()
        self.assertEqual(len(history), 2)
        self.assertEqual(history[0]["level"], self.appraisal.rating_level_id)
        self.assertEqual(history[1]["level"], self.levels[3])
        self.assertEqual(history[1]["reason"], "Led the migration alone.")
        with self.assertRaisesRegex(AccessError, "workflow"):
            self.appraisal.with_user(self.user_officer).write(
                {"calibration_justification": "Rewritten"}
            )
