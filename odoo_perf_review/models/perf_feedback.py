# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext, is_html_empty

from ..engine.write_rules import rule
from ..tools.recipients import in_lang_of

FEEDBACK_KINDS = [
    ("praise", "Praise"),
    ("suggestion", "Suggestion"),
    ("concern", "Concern"),
]
VISIBILITIES = [
    ("private", "Only the receiver"),
    ("manager", "The receiver and their managers"),
    ("public", "Public praise"),
]
# What the giver writes: freely when giving it, while the request is open
# when answering one. Feedback once given is a message sent: it stays as it is.
GIVER_FIELDS = frozenset({"kind", "message", "goal_id", "criterion_id", "visibility"})


class PerfFeedback(models.Model):
    """Feedback at any time, from anyone to a colleague, a manager or a report,
    or asked by a manager about a report.

    Who reads it is the giver's choice and the record rules enforce it on every
    path: private feedback is read by its giver and its receiver only, never by
    managers nor HR. The record follows nobody (no followers, no tracking):
    the only mail it carries is the activity of a request, for its giver.
    """

    _name = "perf.feedback"
    _description = "Feedback"
    _inherit = ["mail.thread", "mail.activity.mixin", "perf.workflow.guard"]
    _order = "date desc, id desc"
    _rec_name = "name"
    _rec_names_search = ["receiver_id"]

    _perf_workflow_fields = frozenset(
        {
            "giver_id",
            "receiver_id",
            "receiver_user_id",
            "company_id",
            "state",
            "requester_id",
            "deadline",
            "question",
            "date",
        }
    )
    _perf_create_fields = frozenset({"receiver_id"} | GIVER_FIELDS)
    _perf_write_rules = (rule("giver", GIVER_FIELDS, states={"requested"}),)

    name = fields.Char(compute="_compute_name")
    giver_id = fields.Many2one(
        "res.users",
        string="From",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    receiver_id = fields.Many2one(
        "hr.employee", string="About", required=True, index=True, ondelete="cascade"
    )
    receiver_user_id = fields.Many2one(
        related="receiver_id.user_id", store=True, index=True, string="Receiver user"
    )
    # Not tracked (the employee's company is): nothing of feedback is logged.
    company_id = fields.Many2one(
        related="receiver_id.company_id",
        store=True,
        index=True,
        precompute=True,
        tracking=False,
    )
    kind = fields.Selection(FEEDBACK_KINDS, required=True, default="praise")
    message = fields.Html()
    goal_id = fields.Many2one(
        "perf.goal",
        domain="[('employee_id', '=', receiver_id)]",
        help="The goal the feedback is about, if any.",
    )
    criterion_id = fields.Many2one(
        "perf.criterion",
        string="Competency",
        help="The competency the feedback is about, if any.",
    )
    visibility = fields.Selection(
        VISIBILITIES,
        required=True,
        default="manager",
        help="Only the receiver: nobody else reads it, not even managers or HR. "
        "The receiver and their managers: the managers above them and HR read it "
        "too. Public praise: everyone in the company, on the employee's profile "
        "and in Discuss.",
    )
    state = fields.Selection(
        [("requested", "Requested"), ("given", "Given"), ("declined", "Declined")],
        required=True,
        default="given",
        index=True,
        readonly=True,
    )
    date = fields.Datetime(
        default=fields.Datetime.now, required=True, readonly=True, index=True
    )
    requester_id = fields.Many2one(
        "res.users", string="Requested by", readonly=True, index=True
    )
    deadline = fields.Date(readonly=True)
    question = fields.Text(readonly=True)
    is_giver = fields.Boolean(compute="_compute_is_giver")

    @api.depends("giver_id", "receiver_id", "kind")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for feedback in self:
            feedback.name = self.env._(
                "%(kind)s for %(employee)s",
                kind=kinds.get(feedback.kind, ""),
                employee=feedback.receiver_id.sudo().name or "",
            )

    @api.depends_context("uid")
    def _compute_is_giver(self):
        for feedback in self:
            feedback.is_giver = feedback.giver_id == self.env.user

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # Nobody follows feedback: Odoo lets anyone search the followers of any
        # record, and who follows which feedback would tell who wrote to whom.
        return True

    # ------------------------------------------------------------------
    # Write guard
    # ------------------------------------------------------------------
    def _perf_roles(self):
        user = self.env.user
        return {f.id: {"giver"} if f.giver_id == user else set() for f in self.sudo()}

    def _perf_write_hint(self):
        return self.env._(
            "Feedback once given is not edited: give a new one. A requested "
            "feedback is written by the colleague asked, until they send it."
        )

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    @api.constrains("giver_id", "receiver_id", "kind", "visibility", "requester_id")
    def _check_feedback(self):
        for feedback in self.sudo():
            if feedback.receiver_id.user_id == feedback.giver_id:
                raise ValidationError(
                    self.env._("Feedback is given to someone else than yourself.")
                )
            if feedback.visibility == "public" and feedback.kind != "praise":
                raise ValidationError(
                    self.env._(
                        "Only praise is public: choose who reads this %(kind)s.",
                        kind=dict(FEEDBACK_KINDS)[feedback.kind].lower(),
                    )
                )
            if feedback.requester_id and feedback.visibility == "private":
                raise ValidationError(
                    self.env._(
                        "%(requester)s asked for this feedback: it cannot be "
                        "private to %(employee)s.",
                        requester=feedback.requester_id.name,
                        employee=feedback.receiver_id.name,
                    )
                )
            goal = feedback.goal_id
            if goal and goal.employee_id != feedback.receiver_id:
                raise ValidationError(
                    self.env._(
                        "Goal “%(goal)s” is not a goal of %(employee)s.",
                        goal=goal.name,
                        employee=feedback.receiver_id.name,
                    )
                )

    def _check_message(self):
        for feedback in self:
            if is_html_empty(feedback.message):
                raise UserError(
                    self.env._(
                        "Write the feedback for %(employee)s before sending it.",
                        employee=feedback.receiver_id.sudo().name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        feedbacks = super(
            PerfFeedback,
            self.with_context(mail_create_nosubscribe=True, mail_create_nolog=True),
        ).create(vals_list)
        given = feedbacks.filtered(lambda f: f.state == "given")
        given._check_message()
        given._after_give()
        return feedbacks.with_env(self.env)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_giver(self):
        for feedback in self:
            if feedback.giver_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(giver)s answers this request for feedback.",
                        giver=feedback.giver_id.name,
                    )
                )
            if feedback.state != "requested":
                raise UserError(self.env._("This feedback has already been answered."))

    def action_give(self):
        """The colleague asked sends their feedback."""
        self._check_giver()
        self._check_message()
        self._workflow().write({"state": "given", "date": fields.Datetime.now()})
        self._close_request_activities()
        self._after_give()
        return True

    def action_decline(self):
        """The colleague asked has nothing to say: the request is closed."""
        self._check_giver()
        self._workflow().write({"state": "declined", "date": fields.Datetime.now()})
        self._close_request_activities()
        return True

    def _close_request_activities(self):
        self.sudo().activity_feedback(
            ["odoo_perf_review.mail_activity_feedback_request"]
        )

    def _after_give(self):
        """Public praise is posted in the company's praise channel, if any."""
        for feedback in self.sudo().filtered(
            lambda f: f.visibility == "public" and f.kind == "praise"
        ):
            channel = feedback.company_id.perf_praise_channel_id
            if not channel:
                continue
            speaker = in_lang_of(feedback, feedback.giver_id)
            title = speaker.env._(
                "%(giver)s praises %(employee)s",
                giver=feedback.giver_id.name,
                employee=feedback.receiver_id.name,
            )
            body = Markup("<p><strong>%s</strong></p>%s") % (
                title,
                feedback.message or "",
            )
            channel.message_post(
                body=body,
                author_id=feedback.giver_id.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    @api.model
    def _request(self, employee, givers, deadline, question):
        """Ask ``givers`` (users) for feedback about ``employee``: a request
        each, with an activity in their language. Returns the requests."""
        requester = self.env.user
        requests = (
            self._workflow()
            .create(
                [
                    {
                        "giver_id": giver.id,
                        "receiver_id": employee.id,
                        "requester_id": requester.id,
                        "state": "requested",
                        "deadline": deadline,
                        "question": question,
                        "visibility": "manager",
                        "kind": "suggestion",
                    }
                    for giver in givers
                ]
            )
            .with_env(self.env)
        )
        activity_type = self.env.ref("odoo_perf_review.mail_activity_feedback_request")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for request in requests.sudo():
            giver = request.giver_id
            text = in_lang_of(request, giver)
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": request.id,
                    "activity_type_id": activity_type.id,
                    "user_id": giver.id,
                    "date_deadline": deadline,
                    "summary": text.env._(
                        "Feedback about %(employee)s, asked by %(requester)s",
                        employee=employee.name,
                        requester=requester.name,
                    ),
                    "note": Markup("<p>%s</p>") % (question or ""),
                    "automated": True,
                }
            )
        self.env["mail.activity"].sudo().create(vals_list)
        return requests

    def _plain_message(self):
        self.ensure_one()
        return html2plaintext(self.message or "").strip()
