# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError

from ..tools.labels import selection_label
from ..tools.notifications import client_notification

_logger = logging.getLogger(__name__)


# The phases in which people can be late, and nudged.
NUDGE_STATES = ("goal_setting", "in_progress", "review")


class PerfCycleNudge(models.AbstractModel):
    """Nudging who is late in a cycle: reviewers, owners of draft
    goals, managers who have goals to approve; once a day at most. A mixin
    of ``perf.cycle``."""

    _name = "perf.cycle.nudge.mixin"
    _description = "Performance cycle: nudges"

    def action_nudge_late(self):
        """Remind, in one click, everyone who is late in these cycles:

        - reviewers of requested reviews past their deadline, each privately
          (the reminder of the review follow-up, sent by the system: an
          anonymous reviewer is named to nobody, not even to HR's author
          trail);
        - employees whose goals are still drafts after the goal deadline;
        - managers with submitted goals waiting for their approval.

        A person is nudged at most once a day for each of these: a marker on
        the records (``last_nudge_date``) makes a second click the same day do
        nothing. What is due is read in one query per kind and marked in one
        write per kind; one reminder is then sent per person (per late review
        for reviewers, whose reminder links the review to write).
        """
        self.check_access("write")
        idle = self.filtered(lambda c: c.state not in NUDGE_STATES)
        if idle:
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” is %(state)s: nudging is for cycles that "
                    "are setting goals, running or in review.",
                    cycle=idle[0].display_name,
                    state=selection_label(idle[0], "state").lower(),
                )
            )
        today = fields.Date.context_today(self)
        counts = defaultdict(int)
        self._nudge_late_reviewers(today, counts)
        self._nudge_draft_goals(today, counts)
        self._nudge_goal_approvers(today, counts)
        nudged = counts["reviewers"] + counts["employees"] + counts["managers"]
        parts = [
            self.env._(
                "Nudged: reviewers of late reviews: %(reviewers)s; employees with "
                "draft goals: %(employees)s; managers with goals to approve: "
                "%(managers)s.",
                reviewers=counts["reviewers"],
                employees=counts["employees"],
                managers=counts["managers"],
            )
            if nudged
            else self.env._("Nobody new to nudge.")
        ]
        if counts["already"]:
            parts.append(
                self.env._(
                    "Already nudged today, so not again: %(count)s.",
                    count=counts["already"],
                )
            )
        if counts["unreachable"]:
            parts.append(
                self.env._(
                    "Without a user to remind (reach them directly): %(count)s.",
                    count=counts["unreachable"],
                )
            )
        return client_notification(
            self.env._("Everyone late nudged")
            if nudged
            else self.env._("Nudge everyone late"),
            " ".join(parts),
            kind="success" if nudged else "info",
            reload=False,
        )

    @api.model
    def _nudge_split(self, groups, today, counts, kind, reach):
        """Split ``{person: records}`` into ``{whom to remind: records}`` to
        nudge now, and count the others: nudged today already, or with nobody
        to remind (``reach(person)`` is the user, or the customer, reminded)."""
        due = {}
        for person, records in groups.items():
            whom = reach(person) if person else None
            if not whom:
                counts["unreachable"] += 1
            elif any(record.last_nudge_date == today for record in records):
                counts["already"] += 1
            else:
                due[whom] = due.get(whom, records.browse()) | records
                counts[kind] += 1
        return due

    def _nudge_late_reviewers(self, today, counts):
        reviews = (
            self.env["perf.review"]
            .sudo()
            .search(
                [
                    ("cycle_id", "in", self.ids),
                    ("state", "=", "requested"),
                    ("deadline", "<", today),
                ],
                order="deadline, id",
            )
        )
        # Customers are reminded by email, colleagues through their user.
        groups = reviews.grouped(
            lambda r: (
                r.partner_id if r.rater_type == "customer" else r.reviewer_employee_id
            )
        )
        due = self._nudge_split(
            groups,
            today,
            counts,
            "reviewers",
            lambda person: person if person._name == "res.partner" else person.user_id,
        )
        nudged = self.env["perf.review"].sudo()
        for whom, late in due.items():
            # Sent by the system as the daily follow-up is: nobody's name is
            # attached to an anonymous review's reminder but its reviewer's.
            # In the reviewer's language.
            for review in late.with_user(SUPERUSER_ID).with_context(lang=whom.lang):
                review._send_reminder()
            nudged |= late
        nudged._workflow().write({"last_nudge_date": today})

    def _nudge_draft_goals(self, today, counts):
        cycles = self.filtered(lambda c: c.goal_deadline and c.goal_deadline < today)
        if not cycles:
            return
        goals = (
            self.env["perf.goal"]
            .sudo()
            .search(
                [
                    ("cycle_id", "in", cycles.ids),
                    ("owner", "=", "employee"),
                    ("state", "=", "draft"),
                ],
                order="cycle_id, employee_id, sequence, id",
            )
        )
        due = self._nudge_split(
            goals.grouped("employee_id"),
            today,
            counts,
            "employees",
            lambda employee: employee.user_id,
        )
        for user, drafts in due.items():
            _ = self.with_context(lang=user.lang).env._
            names = drafts.filtered(lambda g: g.goal_type != "key_result").mapped(
                "name"
            )
            deadlines = ", ".join(
                self.env._(
                    "%(cycle)s (goals due on %(deadline)s)",
                    cycle=cycle.display_name,
                    deadline=cycle.goal_deadline,
                )
                for cycle in drafts.cycle_id
            )
            self._nudge_notify(
                drafts[:1],
                user,
                self.env._("Your goals are still drafts"),
                self.env._(
                    "Reminder: your goals of %(cycles)s are still drafts: "
                    "%(goals)s. Complete them and submit them to your manager.",
                    cycles=deadlines,
                    goals=", ".join(names or drafts.mapped("name")),
                ),
            )
        self._nudge_mark(due, today)

    def _nudge_goal_approvers(self, today, counts):
        goals = (
            self.env["perf.goal"]
            .sudo()
            .search(
                [
                    ("cycle_id", "in", self.ids),
                    ("owner", "=", "employee"),
                    ("state", "=", "submitted"),
                ],
                order="employee_id, sequence, id",
            )
        )
        due = self._nudge_split(
            goals.grouped(lambda g: g.employee_id.parent_id),
            today,
            counts,
            "managers",
            lambda manager: manager.user_id,
        )
        for user, waiting in due.items():
            _ = self.with_context(lang=user.lang).env._
            self._nudge_notify(
                waiting[:1],
                user,
                self.env._("Goals waiting for your approval"),
                self.env._(
                    "Reminder: goals of %(employees)s are waiting for your "
                    "approval (%(count)s). Approve them in one click with "
                    "“Approve my team's goals” in the goals list.",
                    count=len(waiting),
                    employees=", ".join(waiting.employee_id.mapped("name")),
                ),
            )
        self._nudge_mark(due, today)

    def _nudge_notify(self, record, user, subject, body):
        """A private notification to ``user`` about ``record``: their inbox or
        email, never the record's chatter."""
        record.message_notify(
            partner_ids=user.partner_id.ids,
            author_id=self.env.user.partner_id.id,
            subject=subject,
            body=body,
            email_layout_xmlid="mail.mail_notification_light",
        )

    @api.model
    def _nudge_mark(self, due, today):
        marked = self.env["perf.goal"].sudo()
        for records in due.values():
            marked |= records
        marked._workflow().write({"last_nudge_date": today})
