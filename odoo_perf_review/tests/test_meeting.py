# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One-on-ones: planned in the calendar, a shared agenda prefilled from the
goals, check-ins and development plan, notes on both sides, action items that
become activities, and the appraisal that uses them."""

from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_coaching import ERIN_NOTE, MONA_NOTE, PRIVATE_FEEDBACK, CoachingCase
from .common_dates import year_bounds


@tagged("post_install", "-at_install")
class TestMeeting(CoachingCase):
    def _meeting(self, user=None, employee=None, days=3):
        start = datetime.combine(
            fields.Date.today() + timedelta(days=days), datetime.min.time()
        ) + timedelta(hours=14)
        return (
            self.env["perf.meeting"]
            .with_user(user or self.user_manager)
            .create({"employee_id": (employee or self.emp_employee).id, "date": start})
        )

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------
    def test_a_manager_plans_a_one_on_one_in_the_calendar(self):
        meeting = self.meeting
        self.assertEqual(meeting.manager_id, self.emp_manager)
        self.assertEqual(meeting.state, "planned")
        event = meeting.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(
            event.partner_ids,
            (self.user_manager | self.user_employee).partner_id,
        )
        self.assertEqual((event.res_model, event.res_id), ("perf.meeting", meeting.id))
        self.assertEqual(event.start, meeting.date)
        # Moving it moves the event.
        later = meeting.date + timedelta(days=2)
        meeting.with_user(self.user_manager).date = later
        self.assertEqual(event.start, later)

    def test_who_plans_one_on_ones(self):
        with self.assertRaises(AccessError):
            self._meeting(self.user_employee, self.emp_colleague)
        with self.assertRaisesRegex(AccessError, "planned by their managers or HR"):
            self._meeting(self.user_other_manager)
        with self.assertRaisesRegex(AccessError, "when creating a One-on-one"):
            self.env["perf.meeting"].with_user(self.user_manager).create(
                {"employee_id": self.emp_employee.id, "state": "held"}
            )
        by_hr = self._meeting(self.user_officer)
        self.assertEqual(by_hr.manager_id, self.emp_manager, "HR plans for the manager")

    def test_the_agenda_starts_from_what_is_behind(self):
        self.env["perf.development.action"].create(
            [
                {
                    "appraisal_id": appraisal.id,
                    "name": name,
                    "user_id": self.user_manager.id,
                    "date_deadline": fields.Date.today() + timedelta(days=20),
                }
                for appraisal, name in self._erin_appraisals()
            ]
        )
        meeting = self.meeting
        self.assertEqual(
            set(meeting.agenda_item_ids.mapped("source")),
            {"goal", "checkin"},
            "prefilled when it was planned",
        )
        meeting.with_user(self.user_manager).action_refresh_agenda()
        sources = {item.source: item for item in meeting.agenda_item_ids}
        self.assertEqual(set(sources), {"goal", "checkin", "development"})
        self.assertEqual(sources["goal"].goal_id, self.goal)
        self.assertIn("Close ten deals", sources["goal"].name)
        self.assertEqual(sources["checkin"].checkin_id, self.checkin)
        self.assertIn("At risk", sources["checkin"].name)
        # Only the released appraisal's plan: Erin cannot read the other yet.
        self.assertEqual(
            meeting.agenda_item_ids.development_action_id.mapped("name"),
            ["Released course"],
        )
        before = meeting.agenda_item_ids
        meeting.with_user(self.user_employee).action_refresh_agenda()
        self.assertEqual(meeting.agenda_item_ids, before, "nothing twice")
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_colleague).action_refresh_agenda()

    def _erin_appraisals(self):
        """Erin's appraisal released in a closed cycle and one in review."""
        self._launch()
        current = self._appraisal(self.emp_employee)
        past_cycle = self._cycle(
            *year_bounds(self.year - 1),
            frequency="annual",
            name="Past",
        )
        past = (
            self.env["perf.appraisal"]
            ._workflow()
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "cycle_id": past_cycle.id,
                    "template_id": self.template.id,
                    "manager_id": self.emp_manager.id,
                    "state": "released",
                }
            )
        )
        return [(past, "Released course"), (current, "Unreleased course")]

    def test_both_sides_add_to_the_agenda_and_write_notes(self):
        Item = self.env["perf.meeting.item"]
        for user in (self.user_manager, self.user_employee):
            Item.with_user(user).create(
                {"meeting_id": self.meeting.id, "name": f"From {user.name}"}
            )
        names = self.meeting.agenda_item_ids.mapped("name")
        self.assertIn("From Mona Manager", names)
        self.assertIn("From Erin Employee", names)
        self.assertEqual(
            self.meeting.agenda_item_ids.filtered(
                lambda i: i.name == "From Erin Employee"
            ).added_by_id,
            self.user_employee,
        )
        with Form(self.meeting.with_user(self.user_employee)) as form:
            form.shared_notes = "<p>Agreed: weekly pipeline review</p>"
            with form.agenda_item_ids.new() as line:
                line.name = "Holiday plan"
        self.assertIn("Holiday plan", self.meeting.agenda_item_ids.mapped("name"))
        self.assertIn("pipeline", str(self.meeting.shared_notes))
        # A meeting they cannot write is, to them, one that does not exist.
        for user in (self.user_colleague, self.user_officer, self.user_other_manager):
            with self.subTest(user=user.name), self.assertRaises(UserError) as caught:
                Item.with_user(user).create(
                    {"meeting_id": self.meeting.id, "name": "Intrusion"}
                )
            self.assertIsInstance(caught.exception, (AccessError, MissingError))
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.user_officer).shared_notes = "<p>HR</p>"
        with self.assertRaisesRegex(AccessError, "while it is planned"):
            self.meeting.with_user(self.user_employee).date = fields.Datetime.now()

    def test_each_side_reads_only_its_own_private_note(self):
        for user, text in (
            (self.user_manager, MONA_NOTE),
            (self.user_employee, ERIN_NOTE),
        ):
            mine = self.meeting.with_user(user)
            self.assertIn(text, str(mine.my_private_note))
            self.assertEqual(
                self.env["perf.meeting.note"].with_user(user).search([]).user_id, user
            )
        for user in (self.user_officer, self.user_admin, self.user_other_manager):
            with self.subTest(user=user.name):
                self.assertFalse(
                    self.env["perf.meeting.note"].with_user(user).search([])
                )
        self.assertFalse(self.meeting.with_user(self.user_officer).my_private_note)
        with self.assertRaises(AccessError):
            self.mona_note.with_user(self.user_employee).read(["note"])
        with self.assertRaises(AccessError):
            self.erin_note.with_user(self.user_manager).write({"note": "<p>x</p>"})
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.user_officer).my_private_note = "<p>HR</p>"

    def test_action_items_become_activities_of_their_owner(self):
        item = self.action_item
        activity = item.activity_id
        self.assertEqual(activity.user_id, self.user_employee)
        self.assertEqual(
            (activity.res_model, activity.res_id), ("perf.meeting", self.meeting.id)
        )
        self.assertEqual(activity.summary, "Book the sales training")
        item.with_user(self.user_employee).write({"user_id": self.user_manager.id})
        self.assertEqual(activity.user_id, self.user_manager)
        item.with_user(self.user_manager).done = True
        self.assertFalse(activity.exists() and activity.active, "the activity is done")
        with self.assertRaisesRegex(ValidationError, "is owned by"):
            self.env["perf.meeting.item"].with_user(self.user_manager).create(
                {
                    "meeting_id": self.meeting.id,
                    "item_type": "action",
                    "name": "Ask Cole",
                    "user_id": self.user_colleague.id,
                }
            )

    def test_holding_closes_the_reminder_and_prepares_the_next_one(self):
        reminder = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("hr.employee"),
                "res_id": self.emp_employee.id,
                "activity_type_id": self.env.ref(
                    "odoo_perf_review.mail_activity_meeting_overdue"
                ).id,
                "user_id": self.user_manager.id,
            }
        )
        following = self._meeting(days=20)
        checkins_before = following.agenda_item_ids.filtered(
            lambda i: i.source == "checkin"
        )
        self.assertFalse(checkins_before, "a later meeting waits for its turn")
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.user_colleague).action_hold()
        self.meeting.with_user(self.user_employee).action_hold()
        self.assertEqual(self.meeting.state, "held")
        self.assertFalse(reminder.active)
        self.assertEqual(following.previous_meeting_id, self.meeting)
        # Nothing happened since: the goal behind comes back, no check-in.
        self.assertIn("goal", following.agenda_item_ids.mapped("source"))
        with self.assertRaisesRegex(UserError, "not planned any more"):
            self.meeting.with_user(self.user_manager).action_hold()
        with self.assertRaisesRegex(AccessError, "while it is held"):
            self.meeting.with_user(self.user_manager).date = fields.Datetime.now()
        # The notes still take what was said.
        self.meeting.with_user(self.user_employee).shared_notes = "<p>Done</p>"

    def test_a_series_in_the_calendar(self):
        wizard = Form(self.env["perf.meeting.plan.wizard"].with_user(self.user_manager))
        wizard.employee_id = self.emp_colleague
        wizard.frequency = "biweekly"
        wizard.count = 4
        action = wizard.save().action_plan()
        meetings = self.env["perf.meeting"].search(
            [("employee_id", "=", self.emp_colleague.id)], order="date"
        )
        self.assertEqual(len(meetings), 4)
        self.assertEqual(action["res_id"], meetings[0].id)
        self.assertEqual(len(meetings.recurrence_id), 1)
        self.assertEqual(len(meetings.calendar_event_id), 4)
        gaps = {
            (b.date - a.date).days for a, b in zip(meetings, meetings[1:], strict=False)
        }
        self.assertEqual(gaps, {14})
        for meeting in meetings:
            self.assertEqual(meeting.calendar_event_id.res_id, meeting.id)
        intruder = Form(
            self.env["perf.meeting.plan.wizard"].with_user(self.user_other_manager)
        )
        intruder.employee_id = self.emp_employee
        with self.assertRaisesRegex(AccessError, "planned by their managers or HR"):
            intruder.save().action_plan()
        self.assertFalse(
            self.env["calendar.event"].search(
                [("user_id", "=", self.user_other_manager.id)]
            ),
            "nothing written in the calendar",
        )

    def test_cancel(self):
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.user_employee).action_cancel()
        self.meeting.with_user(self.user_manager).action_cancel()
        self.assertEqual(self.meeting.state, "cancelled")
        self.assertFalse(self.meeting.calendar_event_id.active)
        self.assertFalse(self.action_item.activity_id.exists())
        with self.assertRaisesRegex(UserError, "agenda is closed"):
            self.env["perf.meeting.item"].with_user(self.user_manager).create(
                {"meeting_id": self.meeting.id, "name": "Late"}
            )

    def test_the_history_on_the_employee(self):
        self.meeting.with_user(self.user_manager).action_hold()
        self._meeting(days=30)
        for user, count in (
            (self.user_manager, 2),
            (self.user_employee, 2),
            (self.user_officer, 2),
            (self.user_colleague, 0),
        ):
            with self.subTest(user=user.name):
                public = (
                    self.env["hr.employee.public"]
                    .with_user(user)
                    .browse(self.emp_employee.id)
                )
                self.assertEqual(public.perf_meeting_count, count)

    # ------------------------------------------------------------------
    # The appraisal uses what happened
    # ------------------------------------------------------------------
    def test_the_manager_review_shows_feedback_and_one_on_ones(self):
        self.meeting.with_user(self.user_manager).write(
            {"shared_notes": "<p>Pipeline is thin</p>"}
        )
        self.meeting.with_user(self.user_manager).action_hold()
        self._launch()
        self._open_review_phase()
        appraisal = self._appraisal(self.emp_employee)
        review = appraisal.review_ids.filtered(lambda r: r.rater_type == "manager")
        mine = review.with_user(self.user_manager)
        self.assertEqual(
            mine.coaching_feedback_ids, self.manager_feedback | self.public_praise
        )
        self.assertEqual(mine.coaching_meeting_ids, self.meeting)
        peer = appraisal.review_ids.filtered(lambda r: r.rater_type == "peer")[:1]
        self.assertFalse(peer.coaching_feedback_ids, "only the manager's review")
        timeline = str(appraisal.with_user(self.user_manager).coaching_timeline)
        for text in ("Check-in on Close ten deals", "Concern from Cole", "Pipeline"):
            self.assertIn(text, timeline)
        self.assertNotIn(PRIVATE_FEEDBACK, timeline)
        self.assertNotIn("Suggestion from Cole", timeline)
        self.assertNotIn(MONA_NOTE, timeline)
        officer_view = appraisal.with_user(self.user_officer)
        self.assertEqual(officer_view.coaching_feedback_count, 2)
        self.assertNotIn(PRIVATE_FEEDBACK, str(officer_view.coaching_timeline))
        # Released, Erin reads her timeline: her private feedback too, never
        # Mona's private note.
        for line in review.line_ids.filtered("criterion_id"):
            line.level_id = self.levels[2]
        review.with_user(self.user_manager).action_submit()
        appraisal.action_release()
        own = str(appraisal.with_user(self.user_employee).coaching_timeline)
        self.assertIn(PRIVATE_FEEDBACK, own)
        self.assertNotIn(MONA_NOTE, own)
        self.assertNotIn(ERIN_NOTE, own)
