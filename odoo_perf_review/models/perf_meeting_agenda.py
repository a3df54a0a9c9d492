# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import fields, models

from ..engine import coaching
from ..tools.recipients import in_lang_of

# Goals whose progress is discussed: those being worked on.
AGENDA_GOAL_STATES = ("approved",)
AGENDA_CYCLE_STATES = ("goal_setting", "in_progress", "review")
# The field of ``perf.meeting.item`` that points to what an agenda line is about.
SOURCE_FIELDS = {
    "goal": "goal_id",
    "checkin": "checkin_id",
    "development": "development_action_id",
}


class PerfMeetingAgenda(models.AbstractModel):
    """The agenda a one-on-one starts with (the goals behind, the check-ins since
    the pair last met, the open development actions): a mixin of ``perf.meeting``."""

    _name = "perf.meeting.agenda"
    _description = "One-on-one: the agenda prefilled"

    def _prefill_agenda(self):
        """Add to each planned meeting's agenda the goals behind, the
        check-ins since the pair last met and the open development actions
        (engine.coaching.agenda_prefill), once each. For the whole set: a
        fixed number of queries."""
        meetings = self.sudo().filtered(lambda m: m.state == "planned")
        if not meetings:
            return
        today = fields.Date.context_today(self)
        employees = meetings.employee_id
        goals = (
            self.env["perf.goal"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "in", AGENDA_GOAL_STATES),
                    ("cycle_id.state", "in", AGENDA_CYCLE_STATES),
                ]
            )
        )
        checkins = (
            self.env["perf.checkin"]
            .sudo()
            .search([("employee_id", "in", employees.ids)], order="date desc, id desc")
        )
        # What the employee may read of their development plan: released
        # appraisals, or actions they own.
        actions = (
            self.env["perf.development.action"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "todo"),
                    "|",
                    ("appraisal_id.state", "in", ("released", "acknowledged")),
                    ("user_id", "in", employees.user_id.ids),
                ]
            )
        )
        last_met = dict(
            self.sudo()._read_group(
                [("employee_id", "in", employees.ids), ("state", "=", "held")],
                ["employee_id"],
                ["date:max"],
            )
        )
        existing = (
            self.env["perf.meeting.item"]
            .sudo()
            .search([("meeting_id", "in", meetings.ids), ("source", "!=", "manual")])
        )
        latest_confidence = {}
        for checkin in checkins:
            latest_confidence.setdefault(checkin.goal_id.id, checkin.confidence)
        vals_list = []
        for meeting in meetings:
            employee = meeting.employee_id
            since = last_met.get(employee)
            mine = existing.filtered(lambda i, m=meeting: i.meeting_id == m)
            items = coaching.agenda_prefill(
                [
                    {
                        "id": goal.id,
                        "name": goal.name,
                        "attainment": goal.attainment
                        if goal.last_checkin_date or goal.metric_id
                        else None,
                        "start": goal.cycle_id.date_start,
                        "end": goal.cycle_id.date_end,
                        "confidence": latest_confidence.get(goal.id),
                    }
                    for goal in goals
                    if goal.employee_id == employee
                ],
                [
                    {"id": c.id, "date": c.date, "goal": c.goal_id.name}
                    for c in checkins
                    if c.employee_id == employee
                ],
                [
                    {
                        "id": a.id,
                        "name": a.name,
                        "state": a.state,
                        "deadline": a.date_deadline,
                    }
                    for a in actions
                    if a.employee_id == employee
                ],
                since and since.date(),
                today,
                [(item.source, item._source_ref()) for item in mine],
            )
            labels = meeting._agenda_labels(goals, checkins, actions)
            for sequence, item in enumerate(items, start=100):
                vals_list.append(
                    {
                        "meeting_id": meeting.id,
                        "item_type": "topic",
                        "sequence": sequence,
                        "source": item.source,
                        "added_by_id": False,
                        "name": labels[item.source](item.ref),
                        f"{SOURCE_FIELDS[item.source]}": item.ref,
                    }
                )
        if vals_list:
            self.env["perf.meeting.item"]._workflow().create(vals_list)

    def _agenda_labels(self, goals, checkins, actions):
        """Agenda lines written in the language of the meeting's manager."""
        speaker = in_lang_of(self, self.manager_user_id)
        goal_by_id = {goal.id: goal for goal in goals}
        checkin_by_id = {checkin.id: checkin for checkin in checkins}
        action_by_id = {action.id: action for action in actions}
        confidences = dict(
            self.env["perf.checkin"]
            ._fields["confidence"]
            ._description_selection(speaker.env)
        )

        def goal_label(ref):
            goal = goal_by_id[ref]
            return speaker.env._(
                "Goal behind: %(goal)s (%(attainment)s %%)",
                goal=goal.name,
                attainment=f"{goal.attainment:.0f}",
            )

        def checkin_label(ref):
            checkin = checkin_by_id[ref]
            return speaker.env._(
                "Check-in on %(goal)s, %(date)s: %(confidence)s",
                goal=checkin.goal_id.name,
                date=checkin.date,
                confidence=confidences.get(checkin.confidence, ""),
            )

        def action_label(ref):
            action = action_by_id[ref]
            return speaker.env._(
                "Development action: %(action)s (due %(date)s)",
                action=action.name,
                date=action.date_deadline,
            )

        return {
            "goal": goal_label,
            "checkin": checkin_label,
            "development": action_label,
        }
