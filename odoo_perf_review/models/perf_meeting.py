# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..engine.write_rules import rule

MEETING_STATES = [
    ("planned", "Planned"),
    ("held", "Held"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("planned", "held")


class PerfMeeting(models.Model):
    """A one-on-one between a manager and a report, in Odoo's calendar.

    Both sides add to the shared agenda and the shared notes; each side keeps
    a private note (``perf.meeting.note``) nobody else reads; action items
    become activities of whoever owns them.
    """

    _name = "perf.meeting"
    _description = "One-on-one"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "perf.workflow.guard",
        "perf.meeting.agenda",
        "perf.meeting.reminder",
    ]
    _order = "date desc, id desc"

    _perf_workflow_fields = frozenset(
        {
            "employee_id",
            "manager_id",
            "manager_user_id",
            "employee_user_id",
            "company_id",
            "state",
            "calendar_event_id",
            "recurrence_id",
            "held_date",
        }
    )
    _perf_create_fields = frozenset({"employee_id", "name", "date", "duration"})
    _perf_write_rules = (
        rule("organiser", {"name", "date", "duration"}, states={"planned"}),
        rule(
            "party",
            {"shared_notes", "my_private_note", "agenda_item_ids", "action_item_ids"},
            states=set(OPEN_STATES),
        ),
    )

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, readonly=True, ondelete="cascade"
    )
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index=True, string="Employee user"
    )
    manager_id = fields.Many2one(
        "hr.employee", required=True, index=True, readonly=True, ondelete="cascade"
    )
    manager_user_id = fields.Many2one(
        related="manager_id.user_id", store=True, index=True, string="Manager user"
    )
    company_id = fields.Many2one(
        related="employee_id.company_id",
        store=True,
        index=True,
        precompute=True,
        tracking=False,
    )
    date = fields.Datetime(
        required=True, index=True, default=lambda self: self._default_date()
    )
    duration = fields.Float(default=0.5, help="In hours.")
    state = fields.Selection(
        MEETING_STATES, required=True, default="planned", index=True, readonly=True
    )
    held_date = fields.Datetime(readonly=True, copy=False)
    calendar_event_id = fields.Many2one(
        "calendar.event", readonly=True, copy=False, ondelete="set null"
    )
    recurrence_id = fields.Many2one(
        "calendar.recurrence", string="Series", readonly=True, copy=False
    )
    agenda_item_ids = fields.One2many(
        "perf.meeting.item",
        "meeting_id",
        string="Agenda",
        domain=[("item_type", "=", "topic")],
    )
    action_item_ids = fields.One2many(
        "perf.meeting.item",
        "meeting_id",
        string="Action items",
        domain=[("item_type", "=", "action")],
    )
    shared_notes = fields.Html(help="Read and written by both sides.")
    my_private_note = fields.Html(
        "My private note",
        compute="_compute_my_private_note",
        inverse="_inverse_my_private_note",
        help="Only you read it: not the other side, not their managers, not HR.",
    )
    is_party = fields.Boolean(compute="_compute_roles")
    is_organiser = fields.Boolean(compute="_compute_roles")
    previous_meeting_id = fields.Many2one(
        "perf.meeting", compute="_compute_previous_meeting"
    )

    @api.model
    def _default_date(self):
        tomorrow = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        return tomorrow + timedelta(days=1)

    @api.depends("employee_id", "manager_id")
    def _compute_name(self):
        for meeting in self:
            if not meeting.name:
                meeting.name = self.env._(
                    "One-on-one: %(manager)s and %(employee)s",
                    manager=meeting.manager_id.sudo().name or "",
                    employee=meeting.employee_id.sudo().name or "",
                )

    @api.depends_context("uid")
    def _compute_roles(self):
        roles = self._perf_roles()
        for meeting in self:
            mine = roles.get(meeting.id, set())
            meeting.is_party = "party" in mine
            meeting.is_organiser = "organiser" in mine

    def _compute_previous_meeting(self):
        # Read with the user's rights: the history they may read.
        previous = {}
        if self.ids:
            held = self.search(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("state", "=", "held"),
                ],
                order="date desc, id desc",
            )
            for meeting in self:
                previous[meeting.id] = next(
                    (
                        m
                        for m in held
                        if m.employee_id == meeting.employee_id
                        and m.date < meeting.date
                        and m.id != meeting.id
                    ),
                    False,
                )
        for meeting in self:
            meeting.previous_meeting_id = previous.get(meeting.id, False)

    @api.depends_context("uid")
    def _compute_my_private_note(self):
        # With the user's own rights: the rules give everyone their own notes.
        notes = {
            note.meeting_id.id: note.note
            for note in self.env["perf.meeting.note"].search(
                [("meeting_id", "in", self.ids), ("user_id", "=", self.env.uid)]
            )
        }
        for meeting in self:
            meeting.my_private_note = notes.get(meeting.id, False)

    def _inverse_my_private_note(self):
        Note = self.env["perf.meeting.note"]
        existing = {
            note.meeting_id.id: note
            for note in Note.search(
                [("meeting_id", "in", self.ids), ("user_id", "=", self.env.uid)]
            )
        }
        for meeting in self:
            note = existing.get(meeting.id)
            if note:
                note.note = meeting.my_private_note
            elif meeting.my_private_note:
                Note.create({"meeting_id": meeting.id, "note": meeting.my_private_note})

    # ------------------------------------------------------------------
    # Write guard
    # ------------------------------------------------------------------
    def _perf_roles(self):
        user = self.env.user
        roles = {}
        for meeting in self.sudo():
            mine = set()
            if meeting.manager_user_id == user:
                mine |= {"organiser", "party"}
            if meeting.employee_user_id == user:
                mine.add("party")
            roles[meeting.id] = mine
        return roles

    def _perf_write_hint(self):
        return self.env._(
            "The two people meeting write the agenda and the notes; the manager "
            "plans the date. Held and cancelled one-on-ones change through their "
            "buttons."
        )

    # ------------------------------------------------------------------
    # Create
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if self._perf_in_workflow():
            meetings = super().create(vals_list)
        else:
            self._perf_check_create(vals_list)
            vals_list = [
                dict(vals, manager_id=self._manager_for(vals).id) for vals in vals_list
            ]
            meetings = self._workflow().create(vals_list).with_env(self.env)
        meetings.sudo().filtered(lambda m: not m.calendar_event_id)._create_events()
        meetings._first_of_each_pair()._prefill_agenda()
        return meetings

    def _first_of_each_pair(self):
        """The meetings of ``self`` that are the next planned one of their
        employee: the ones to prepare now (later ones are prepared in turn,
        when the one before is held)."""
        planned = self.sudo().search(
            [("employee_id", "in", self.employee_id.ids), ("state", "=", "planned")],
            order="date, id",
        )
        first = {}
        for meeting in planned:
            first.setdefault(meeting.employee_id.id, meeting.id)
        return self.filtered(lambda m: m.id in first.values())

    @api.model
    def _manager_for(self, vals):
        """Who meets the employee: the user themselves when they are above
        the employee; the employee's manager when HR plans it."""
        user = self.env.user
        employee = self.env["hr.employee"].sudo().browse(vals.get("employee_id"))
        if employee in self.env["hr.employee"]._perf_team_of(user):
            own = (
                user.employee_ids.filtered(
                    lambda e: e.company_id == employee.company_id
                )[:1]
                or employee.parent_id
            )
            return own
        officer = user.has_group("odoo_perf_review.group_perf_officer")
        if officer and employee.parent_id and employee.user_id != user:
            return employee.parent_id
        raise AccessError(
            self.env._(
                "One-on-ones with %(employee)s are planned by their managers or HR.",
                employee=employee.name or "",
            )
        )

    def _create_events(self):
        """A calendar event for each meeting that has none (the series have
        theirs from the recurrence)."""
        events = (
            self.env["calendar.event"]
            .sudo()
            .with_context(no_mail_to_attendees=True, dont_notify=True)
            .create([meeting._event_values() for meeting in self])
        )
        for meeting, event in zip(self, events, strict=True):
            meeting._workflow().calendar_event_id = event

    def _event_values(self):
        self.ensure_one()
        partners = (self.manager_user_id | self.employee_user_id).partner_id
        return {
            "name": self.name,
            "start": self.date,
            "stop": self.date + timedelta(hours=self.duration or 0.5),
            "duration": self.duration or 0.5,
            "user_id": self.manager_user_id.id or False,
            "partner_ids": [fields.Command.set(partners.ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "privacy": "private",
        }

    def write(self, vals):
        res = super().write(vals)
        if {"date", "duration", "name"} & set(vals) and not self.env.context.get(
            "perf_from_event"
        ):
            for meeting in self.sudo().filtered("calendar_event_id"):
                meeting.calendar_event_id.with_context(
                    dont_notify=True, recurrence_update="self_only"
                ).write(
                    {
                        "name": meeting.name,
                        "start": meeting.date,
                        "stop": meeting.date + timedelta(hours=meeting.duration or 0.5),
                    }
                )
        return res

    # ------------------------------------------------------------------
    # The agenda
    # ------------------------------------------------------------------
    def action_refresh_agenda(self):
        self._check_party()
        self._prefill_agenda()
        return True

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_party(self, organiser=False):
        roles = self._perf_roles()
        for meeting in self:
            needed = "organiser" if organiser else "party"
            if needed not in roles.get(meeting.id, ()):
                raise AccessError(
                    self.env._(
                        "Only %(people)s change “%(meeting)s”.",
                        people=meeting.sudo().manager_id.name
                        if organiser
                        else self.env._(
                            "%(manager)s and %(employee)s",
                            manager=meeting.sudo().manager_id.name,
                            employee=meeting.sudo().employee_id.name,
                        ),
                        meeting=meeting.sudo().name,
                    )
                )

    def action_hold(self):
        """The meeting took place: its notes and action items stay with it;
        the reminder to meet is done."""
        self._check_party()
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(
                    self.env._(
                        "“%(meeting)s” is not planned any more.", meeting=meeting.name
                    )
                )
        self._workflow().write({"state": "held", "held_date": fields.Datetime.now()})
        self._close_overdue_reminders()
        # The next one-on-one of the pair starts from what this one left.
        self.sudo().search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("state", "=", "planned"),
            ]
        )._first_of_each_pair().with_env(self.env)._prefill_agenda()
        return True

    def action_cancel(self):
        self._check_party(organiser=True)
        if any(meeting.state != "planned" for meeting in self):
            raise UserError(self.env._("Only a planned one-on-one is cancelled."))
        self._workflow().write({"state": "cancelled"})
        self.sudo().calendar_event_id.with_context(dont_notify=True).action_archive()
        self.sudo().action_item_ids.activity_id.unlink()
        return True

    def action_open_calendar_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
        }
