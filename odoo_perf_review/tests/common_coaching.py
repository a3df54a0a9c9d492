# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from .test_appraisal import AppraisalCase

# The secrets: none of them may reach anyone but their owner(s).
PRIVATE_FEEDBACK = "Cole tells Erin her demo ran long"
MONA_NOTE = "Mona thinks Erin may leave"
ERIN_NOTE = "Erin wants to ask for a raise"


class CoachingCase(AppraisalCase):
    """Erin (reporting to Mona) with an approved goal behind and a check-in in
    a running cycle; feedback to Erin from Cole (private, for her managers,
    public praise) and a request of Mona to Cole about Erin; a one-on-one of
    Mona and Erin with a private note on each side. Otis works in another
    department under Max; Otto is HR of the other company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user_other_manager = new_test_user(
            env,
            "perf_coach_other_manager",
            groups="base.group_user,odoo_perf_review.group_perf_manager",
            name="Max Other-Manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.emp_outsider.parent_id = env["hr.employee"].create(
            {
                "name": "Max Other-Manager",
                "user_id": cls.user_other_manager.id,
                "company_id": cls.company.id,
            }
        )
        cls.goal_cycle.write({"state": "in_progress"})
        cls.goal = cls._goal("Close ten deals", weight=100)
        cls.goal.with_user(cls.user_manager).action_approve()
        cls.checkin = (
            env["perf.checkin"]
            .with_user(cls.user_employee)
            .create(
                {
                    "goal_id": cls.goal.id,
                    "value": 10,
                    "confidence": "medium",
                    "date": fields.Date.today(),
                }
            )
        )
        Feedback = env["perf.feedback"].with_user(cls.user_colleague)
        cls.private_feedback = Feedback.create(
            {
                "receiver_id": cls.emp_employee.id,
                "kind": "suggestion",
                "visibility": "private",
                "message": f"<p>{PRIVATE_FEEDBACK}</p>",
            }
        )
        cls.manager_feedback = Feedback.create(
            {
                "receiver_id": cls.emp_employee.id,
                "kind": "concern",
                "visibility": "manager",
                "message": "<p>Deals slip at the end of the month</p>",
                "goal_id": cls.goal.id,
            }
        )
        cls.public_praise = Feedback.create(
            {
                "receiver_id": cls.emp_employee.id,
                "kind": "praise",
                "visibility": "public",
                "message": "<p>Great launch event</p>",
            }
        )
        cls.request = (
            env["perf.feedback"]
            .with_user(cls.user_manager)
            ._request(
                cls.emp_employee,
                cls.user_colleague,
                fields.Date.today() + timedelta(days=7),
                "How does Erin run the customer calls?",
            )
        )
        cls.meeting = (
            env["perf.meeting"]
            .with_user(cls.user_manager)
            .create(
                {
                    "employee_id": cls.emp_employee.id,
                    # Tomorrow at 9:00, in the goal cycle even on its last
                    # day (31 December): then today at 9:00.
                    "date": datetime.combine(
                        min(
                            fields.Date.today() + timedelta(days=1),
                            cls.goal_cycle.date_end,
                        ),
                        datetime.min.time(),
                    )
                    + timedelta(hours=9),
                }
            )
        )
        cls.meeting.with_user(cls.user_manager).my_private_note = f"<p>{MONA_NOTE}</p>"
        cls.meeting.with_user(cls.user_employee).my_private_note = f"<p>{ERIN_NOTE}</p>"
        cls.mona_note, cls.erin_note = (
            env["perf.meeting.note"].search(
                [("meeting_id", "=", cls.meeting.id), ("user_id", "=", user.id)]
            )
            for user in (cls.user_manager, cls.user_employee)
        )
        cls.topic = cls.meeting.agenda_item_ids[:1]
        cls.action_item = (
            env["perf.meeting.item"]
            .with_user(cls.user_manager)
            .create(
                {
                    "meeting_id": cls.meeting.id,
                    "item_type": "action",
                    "name": "Book the sales training",
                    "user_id": cls.user_employee.id,
                    "date_deadline": date.today() + timedelta(days=10),
                }
            )
        )
        # Records the users made carry their environment: read them as the
        # superuser from here on.
        for name in (
            "checkin",
            "private_feedback",
            "manager_feedback",
            "public_praise",
            "request",
            "meeting",
            "topic",
            "action_item",
        ):
            setattr(cls, name, getattr(cls, name).with_env(env))
