# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models

from ..engine import coaching
from ..tools.cron_batches import apply_in_batches
from ..tools.recipients import in_lang_of


class PerfMeetingReminder(models.AbstractModel):
    """Managers reminded to meet a report they have not met for a while: a
    mixin of ``perf.meeting`` (the scheduled action and its activities)."""

    _name = "perf.meeting.reminder"
    _description = "One-on-one: reminders to meet"

    def _close_overdue_reminders(self):
        activity_type = self.env.ref("odoo_perf_review.mail_activity_meeting_overdue")
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "hr.employee"),
                    ("res_id", "in", self.employee_id.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        pairs = {(m.employee_id.id, m.manager_user_id.id) for m in self.sudo()}
        activities.filtered(
            lambda a: (a.res_id, a.user_id.id) in pairs
        ).action_feedback()

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_meeting_reminders(self):
        """A manager who has not met a report for the company's number of days
        gets one activity; an open one is never duplicated, a run killed
        halfway resumes without duplicates. Returns how many were reminded."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search(
            [("perf_meeting_reminder_days", ">", 0)]
        )
        employees = self.env["hr.employee"].search(
            [
                ("company_id", "in", companies.ids),
                ("parent_id.user_id", "!=", False),
            ]
        )
        held = {
            (employee.id, user.id): last
            for employee, user, last in self._read_group(
                [("employee_id", "in", employees.ids), ("state", "=", "held")],
                ["employee_id", "manager_user_id"],
                ["date:max"],
            )
        }
        activity_type = self.env.ref("odoo_perf_review.mail_activity_meeting_overdue")
        model_id = self.env["ir.model"]._get_id("hr.employee")

        def open_reminders(batch):
            return {
                (activity.res_id, activity.user_id.id)
                for activity in self.env["mail.activity"].search(
                    [
                        ("res_model", "=", "hr.employee"),
                        ("res_id", "in", batch.ids),
                        ("activity_type_id", "=", activity_type.id),
                    ]
                )
            }

        def last_met(employee):
            last = held.get((employee.id, employee.parent_id.user_id.id))
            return last and last.date()

        reminded = open_reminders(employees)
        due = employees.filtered(
            lambda employee: (
                (employee.id, employee.parent_id.user_id.id) not in reminded
                and coaching.meeting_overdue(
                    last_met(employee),
                    employee.create_date.date(),
                    today,
                    employee.company_id.perf_meeting_reminder_days,
                )
            )
        )

        def remind(batch):
            # Looked at again: another run may have reminded them meanwhile.
            reminded = open_reminders(batch)
            vals_list = []
            for employee in batch:
                manager = employee.parent_id.user_id
                if (employee.id, manager.id) in reminded:
                    continue
                text = in_lang_of(self, manager)
                last = last_met(employee)
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": employee.id,
                        "activity_type_id": activity_type.id,
                        "user_id": manager.id,
                        "date_deadline": today,
                        "summary": text.env._(
                            "Meet %(employee)s: no one-on-one since %(date)s",
                            employee=employee.name,
                            date=last,
                        )
                        if last
                        else text.env._(
                            "Meet %(employee)s: no one-on-one yet",
                            employee=employee.name,
                        ),
                        "automated": True,
                    }
                )
            self._create_reminders(batch, vals_list)

        return apply_in_batches(due, remind, what="Employee")

    def _create_reminders(self, employees, vals_list):
        """The reminders, without an email each (the manager finds them in
        their activities), and without making the manager a follower of the
        employee's HR record, as an activity on a document otherwise does."""
        Followers = self.env["mail.followers"].sudo()
        domain = [
            ("res_model", "=", "hr.employee"),
            ("res_id", "in", employees.ids),
            ("partner_id", "in", employees.parent_id.user_id.partner_id.ids),
        ]
        before = Followers.search(domain)
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            vals_list
        )
        (Followers.search(domain) - before).unlink()
