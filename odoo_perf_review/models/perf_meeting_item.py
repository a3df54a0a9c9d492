# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine.write_rules import rule
from ..tools.recipients import in_lang_of

PARTY_FIELDS = frozenset({"name", "sequence", "done", "user_id", "date_deadline"})


class PerfMeetingItem(models.Model):
    """A line of a one-on-one: a topic of the shared agenda (added by either
    side, or prefilled from goals, check-ins and the development plan), or an
    action item, which becomes an activity of its owner."""

    _name = "perf.meeting.item"
    _description = "One-on-one Agenda Item"
    _inherit = ["perf.workflow.guard"]
    _order = "meeting_id, item_type desc, sequence, id"

    _perf_workflow_fields = frozenset(
        {
            "company_id",
            "employee_id",
            "source",
            "goal_id",
            "checkin_id",
            "development_action_id",
            "added_by_id",
            "activity_id",
        }
    )
    _perf_create_fields = frozenset(
        {"meeting_id", "item_type", "name", "sequence", "user_id", "date_deadline"}
    )
    _perf_write_rules = (rule("party", PARTY_FIELDS, states={"planned", "held"}),)

    meeting_id = fields.Many2one(
        "perf.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    employee_id = fields.Many2one(related="meeting_id.employee_id", store=True)
    item_type = fields.Selection(
        [("topic", "Topic"), ("action", "Action item")],
        required=True,
        default="topic",
    )
    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    done = fields.Boolean(help="Discussed (a topic) or done (an action item).")
    source = fields.Selection(
        [
            ("manual", "Added"),
            ("goal", "Goal behind"),
            ("checkin", "Check-in"),
            ("development", "Development action"),
        ],
        default="manual",
        required=True,
        readonly=True,
    )
    goal_id = fields.Many2one("perf.goal", readonly=True, ondelete="cascade")
    checkin_id = fields.Many2one("perf.checkin", readonly=True, ondelete="cascade")
    development_action_id = fields.Many2one(
        "perf.development.action", readonly=True, ondelete="cascade"
    )
    added_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        help="Who does it: the manager or the employee of the one-on-one.",
    )
    date_deadline = fields.Date("Deadline")
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")

    def _source_ref(self):
        self.ensure_one()
        field = {
            "goal": "goal_id",
            "checkin": "checkin_id",
            "development": "development_action_id",
        }.get(self.source)
        return self[field].id if field else False

    def _perf_state(self):
        return self.sudo().meeting_id.state

    def _perf_roles(self):
        meeting_roles = self.sudo().meeting_id._perf_roles()
        return {
            item.id: {"party"} & meeting_roles.get(item.meeting_id.id, set())
            for item in self.sudo()
        }

    def _perf_write_hint(self):
        return self.env._(
            "The two people meeting write its agenda and action items while it "
            "is planned or held."
        )

    @api.constrains("user_id", "item_type", "meeting_id")
    def _check_owner(self):
        for item in self.sudo():
            if item.item_type != "action":
                continue
            parties = item.meeting_id.manager_user_id | item.meeting_id.employee_user_id
            if item.user_id not in parties:
                raise ValidationError(
                    self.env._(
                        "Action item “%(item)s” is owned by %(people)s.",
                        item=item.name,
                        people=", ".join(parties.mapped("name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # A line added in the form comes with these empty: whoever adds
            # it owns it, due in a week.
            if vals.get("item_type") == "action":
                vals["user_id"] = vals.get("user_id") or self.env.user.id
                vals["date_deadline"] = vals.get("date_deadline") or (
                    fields.Date.context_today(self) + timedelta(days=7)
                )
        items = super().create(vals_list)
        for meeting in items.sudo().meeting_id:
            if meeting.state not in ("planned", "held"):
                raise UserError(
                    self.env._(
                        "“%(meeting)s” is cancelled: its agenda is closed.",
                        meeting=meeting.name,
                    )
                )
        items.filtered(lambda i: i.item_type == "action")._schedule_activities()
        return items

    def write(self, vals):
        res = super().write(vals)
        actions = self.filtered(lambda i: i.item_type == "action")
        if actions and {"user_id", "date_deadline", "name"} & set(vals):
            for item in actions.sudo().filtered("activity_id"):
                item.activity_id.write(
                    {
                        "user_id": item.user_id.id,
                        "date_deadline": item.date_deadline,
                        "summary": item.name,
                    }
                )
        if vals.get("done"):
            actions.sudo().activity_id.action_feedback()
        return res

    def _schedule_activities(self):
        """Each action item is an activity of its owner, on the one-on-one."""
        activity_type = self.env.ref("odoo_perf_review.mail_activity_meeting_action")
        model_id = self.env["ir.model"]._get_id("perf.meeting")
        items = self.sudo()
        activities = (
            self.env["mail.activity"]
            .sudo()
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": item.meeting_id.id,
                        "activity_type_id": activity_type.id,
                        "user_id": item.user_id.id,
                        "date_deadline": item.date_deadline,
                        "summary": item.name,
                        "note": in_lang_of(item, item.user_id).env._(
                            "Agreed in %(meeting)s.", meeting=item.meeting_id.name
                        ),
                    }
                    for item in items
                ]
            )
        )
        for item, activity in zip(items, activities, strict=True):
            item._workflow().activity_id = activity
