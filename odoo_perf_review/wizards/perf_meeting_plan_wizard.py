# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

RECURRENCES = {
    # rrule type, interval
    "weekly": ("weekly", 1),
    "biweekly": ("weekly", 2),
    "monthly": ("monthly", 1),
}


class PerfMeetingPlanWizard(models.TransientModel):
    """Plan a series of one-on-ones with a report: one recurring event in
    Odoo's calendar, a one-on-one for each of its occurrences."""

    _name = "perf.meeting.plan.wizard"
    _description = "Plan One-on-ones"

    employee_id = fields.Many2one("hr.employee", string="With", required=True)
    date = fields.Datetime(
        "First meeting",
        required=True,
        default=lambda self: self.env["perf.meeting"]._default_date(),
    )
    duration = fields.Float(default=0.5, help="In hours.")
    frequency = fields.Selection(
        [
            ("once", "Once"),
            ("weekly", "Every week"),
            ("biweekly", "Every two weeks"),
            ("monthly", "Every month"),
        ],
        required=True,
        default="biweekly",
    )
    count = fields.Integer(
        "Meetings", default=6, help="How many one-on-ones the series holds."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ctx = self.env.context
        if ctx.get("active_model") in ("hr.employee", "hr.employee.public"):
            values.setdefault("employee_id", ctx.get("active_id"))
        return values

    def action_plan(self):
        self.ensure_one()
        Meeting = self.env["perf.meeting"]
        vals = {
            "employee_id": self.employee_id.id,
            "date": self.date,
            "duration": self.duration,
        }
        if self.frequency == "once":
            meetings = Meeting.create(vals)
        else:
            if not 2 <= self.count <= 52:
                raise UserError(self.env._("A series holds 2 to 52 one-on-ones."))
            # Who meets is checked as for a single meeting, before anything
            # is written in the calendar.
            manager = Meeting._manager_for(vals)
            meetings = self._create_series(vals, manager)
        return {
            "type": "ir.actions.act_window",
            "res_model": "perf.meeting",
            "res_id": meetings.sorted("date")[:1].id,
            "view_mode": "form",
            "target": "current",
        }

    def _recurrence_days(self, rrule_type):
        """The weekday (weekly) or the day of the month (monthly) of the
        first meeting, in the organiser's time zone."""
        start = fields.Datetime.context_timestamp(self, self.date)
        if rrule_type == "weekly":
            days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            return {days[start.weekday()]: True}
        return {"month_by": "date", "day": start.day}

    def _create_series(self, vals, manager):
        Meeting = self.env["perf.meeting"]
        employee = self.employee_id.sudo()
        rrule_type, interval = RECURRENCES[self.frequency]
        partners = (manager.user_id | employee.user_id).partner_id
        name = self.env._(
            "One-on-one: %(manager)s and %(employee)s",
            manager=manager.name,
            employee=employee.name,
        )
        event = (
            self.env["calendar.event"]
            .sudo()
            .with_context(dont_notify=True)
            .create(
                {
                    "name": name,
                    "start": self.date,
                    "stop": self.date + timedelta(hours=self.duration or 0.5),
                    "duration": self.duration or 0.5,
                    "user_id": manager.user_id.id or False,
                    "partner_ids": [fields.Command.set(partners.ids)],
                    "privacy": "private",
                    "recurrency": True,
                    "rrule_type": rrule_type,
                    "interval": interval,
                    "end_type": "count",
                    "count": self.count,
                    **self._recurrence_days(rrule_type),
                    "res_model_id": self.env["ir.model"]._get_id("perf.meeting"),
                }
            )
        )
        occurrences = event.recurrence_id.calendar_event_ids.sorted("start")
        meetings = (
            Meeting._workflow()
            .create(
                [
                    {
                        "name": name,
                        "employee_id": employee.id,
                        "manager_id": manager.id,
                        "date": occurrence.start,
                        "duration": self.duration,
                        "calendar_event_id": occurrence.id,
                        "recurrence_id": event.recurrence_id.id,
                    }
                    for occurrence in occurrences
                ]
            )
            .with_env(self.env)
        )
        for meeting in meetings.sudo():
            meeting.calendar_event_id.with_context(dont_notify=True).write(
                {"res_id": meeting.id}
            )
        # Only the next one is prepared now: the later ones are prefilled when
        # their turn comes (Refresh agenda), with what happened by then.
        return meetings
