# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine.write_rules import rule
from ..tools.labels import selection_label
from ..tools.recipients import in_lang_of
from .perf_appeal_filing import DECIDED_STATES, OPEN_STATES, add_working_days

APPEAL_STATES = [
    ("submitted", "Submitted"),
    ("under_review", "Under review"),
    ("accepted", "Accepted"),
    ("partly_accepted", "Partly accepted"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn"),
]
GROUNDS = [
    ("rating", "The rating"),
    ("scores", "Specific goal or competency scores"),
    ("process", "The process was not followed"),
    ("bias", "Suspected bias"),
]
# What each party writes; the handler, the decision and the revised rating are
# the workflow's (the handler decides through the decision wizard).
EMPLOYEE_FIELDS = frozenset(
    {"ground", "explanation", "disputed_goal_ids", "disputed_criterion_ids"}
)
MANAGER_FIELDS = frozenset({"manager_statement"})


class PerfAppeal(models.Model):
    """An employee's contest of a released result, decided by an independent
    handler before a deadline. Never deleted once filed: the audit trail is
    the chatter."""

    _name = "perf.appeal"
    _description = "Appeal"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "perf.workflow.guard",
        "perf.appeal.filing",
        "perf.appeal.escalation",
    ]
    _order = "filed_date desc, id desc"
    _check_company_auto = True

    _perf_workflow_fields = frozenset(
        {
            "appraisal_id",
            "employee_id",
            "employee_user_id",
            "cycle_id",
            "company_id",
            "department_id",
            "manager_id",
            "manager_user_id",
            "state",
            "handler_id",
            "filed_date",
            "decision_deadline",
            "decision_date",
            "days_to_decision",
            "decision",
            "original_level_id",
            "original_score",
            "revised_level_id",
            "revised_score",
            "escalation_count",
            "last_escalation_date",
        }
    )
    _perf_create_fields = EMPLOYEE_FIELDS | {"appraisal_id"}
    _perf_write_rules = (
        rule("appellant", EMPLOYEE_FIELDS - {"ground"}, states=OPEN_STATES),
        rule("rating_manager", MANAGER_FIELDS, states=OPEN_STATES),
    )

    name = fields.Char(compute="_compute_name", store=True)
    appraisal_id = fields.Many2one(
        "perf.appraisal",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        check_company=True,
    )
    employee_id = fields.Many2one(related="appraisal_id.employee_id", store=True)
    employee_user_id = fields.Many2one(
        related="appraisal_id.employee_id.user_id", store=True, string="Appellant"
    )
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True)
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(related="appraisal_id.department_id", store=True)
    manager_id = fields.Many2one(
        related="appraisal_id.manager_id", store=True, string="Rating manager"
    )
    manager_user_id = fields.Many2one(
        related="appraisal_id.manager_user_id", store=True, string="Manager user"
    )
    ground = fields.Selection(GROUNDS, required=True, default="rating", tracking=True)
    # Html is not tracked by Odoo: changes to texts are logged by write().
    explanation = fields.Html(required=True)
    disputed_goal_ids = fields.Many2many("perf.goal", string="Disputed goals")
    disputed_criterion_ids = fields.Many2many(
        "perf.criterion", string="Disputed competencies"
    )
    state = fields.Selection(
        APPEAL_STATES,
        required=True,
        default="submitted",
        tracking=True,
        index=True,
        readonly=True,
    )
    handler_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        help="Decides the appeal: never the employee nor anyone who rated them.",
    )
    filed_date = fields.Datetime(
        "Filed on", default=fields.Datetime.now, readonly=True, required=True
    )
    decision_deadline = fields.Datetime(readonly=True, tracking=True)
    decision_date = fields.Datetime(readonly=True, tracking=True)
    days_to_decision = fields.Float(
        compute="_compute_days_to_decision", store=True, aggregator="avg"
    )
    manager_statement = fields.Html(
        "Manager's statement", help="The rating manager's view."
    )
    decision = fields.Html()
    original_level_id = fields.Many2one(
        "perf.rating.level", string="Rating appealed", readonly=True
    )
    original_score = fields.Float("Score appealed", readonly=True, digits=(5, 1))
    revised_level_id = fields.Many2one(
        "perf.rating.level",
        string="Revised rating",
        tracking=True,
        domain="[('scale_id', '=', scale_id)]",
    )
    revised_score = fields.Float(tracking=True, digits=(5, 1))
    scale_id = fields.Many2one(related="appraisal_id.rating_scale_id")
    escalation_count = fields.Integer(readonly=True, copy=False)
    last_escalation_date = fields.Date(readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    is_handler = fields.Boolean(compute="_compute_roles")
    is_appellant = fields.Boolean(compute="_compute_roles")
    is_rating_manager = fields.Boolean(compute="_compute_roles")

    _one_open_appeal = models.UniqueIndex(
        "(appraisal_id) WHERE state IN ('submitted', 'under_review')",
        "This appraisal already has an open appeal.",
    )

    @api.depends("employee_id.name", "cycle_id.name")
    def _compute_name(self):
        for appeal in self:
            appeal.name = self.env._(
                "Appeal of %(employee)s – %(cycle)s",
                employee=appeal.employee_id.name or "",
                cycle=appeal.cycle_id.name or "",
            )

    @api.depends("filed_date", "decision_date")
    def _compute_days_to_decision(self):
        for appeal in self:
            if appeal.decision_date and appeal.filed_date:
                delta = appeal.decision_date - appeal.filed_date
                appeal.days_to_decision = round(delta.total_seconds() / 86400, 2)
            else:
                appeal.days_to_decision = 0.0

    @api.depends_context("uid")
    @api.depends("handler_id", "employee_user_id", "manager_user_id")
    def _compute_roles(self):
        user = self.env.user
        for appeal in self:
            appeal.is_handler = appeal.handler_id == user
            appeal.is_appellant = appeal.employee_user_id == user
            appeal.is_rating_manager = appeal.manager_user_id == user

    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for appeal in self:
            appeal.is_overdue = bool(
                appeal.state in OPEN_STATES
                and appeal.decision_deadline
                and appeal.decision_deadline < now
            )

    @api.model_create_multi
    def create(self, vals_list):
        Appraisal = self.env["perf.appraisal"]
        for vals in vals_list:
            appraisal = Appraisal.browse(vals.get("appraisal_id")).sudo().exists()
            # On their own appraisal, employees learn why they cannot appeal
            # yet; anyone else's is answered as missing, by the check below.
            if appraisal.employee_id.user_id == self.env.user:
                self._check_can_file(appraisal)
        # The appellant's own values first: then the workflow fills in the rest.
        self._perf_check_create(vals_list)
        for vals in vals_list:
            appraisal = Appraisal.browse(vals.get("appraisal_id")).sudo()
            self._check_can_file(appraisal)
            # The system assigns the handler, never a party.
            vals["handler_id"] = self.sudo()._default_handler(appraisal).id
            vals["state"] = "submitted"
            vals["original_level_id"] = appraisal.final_level_id.id
            vals["original_score"] = appraisal.final_score
            calendar = appraisal.company_id.resource_calendar_id
            vals["decision_deadline"] = add_working_days(
                calendar,
                fields.Datetime.now(),
                appraisal.company_id.perf_appeal_decision_days,
            )
        appeals = super(PerfAppeal, self._workflow()).create(vals_list)
        appeals = appeals.with_env(self.env)
        for appeal in appeals.sudo():
            if not appeal.handler_id:
                raise UserError(
                    self.env._(
                        "Nobody can decide this appeal independently: give an HR "
                        "officer who did not rate %(employee)s the Performance / "
                        "HR Officer access.",
                        employee=appeal.employee_id.name,
                    )
                )
            appeal.message_subscribe(
                partner_ids=(appeal.handler_id | appeal.employee_user_id).partner_id.ids
            )
            # Each text in the language of whoever it is written for.
            for_handler = in_lang_of(appeal, appeal.handler_id)
            for_handler.activity_schedule(
                "odoo_perf_review.mail_activity_appeal",
                user_id=appeal.handler_id.id,
                date_deadline=appeal.decision_deadline.date(),
                note=escape(
                    for_handler.env._(
                        "Decide the appeal of %(employee)s.",
                        employee=appeal.employee_id.name,
                    )
                ),
            )
            if appeal.manager_user_id:
                for_manager = in_lang_of(appeal, appeal.manager_user_id)
                for_manager.message_post(
                    body=for_manager.env._(
                        "%(employee)s appealed the result. As the rating manager "
                        "you may add a statement; %(handler)s decides.",
                        employee=appeal.employee_id.name,
                        handler=appeal.handler_id.name,
                    ),
                    partner_ids=appeal.manager_user_id.partner_id.ids,
                )
        return appeals

    # ------------------------------------------------------------------
    # Who may change what
    # ------------------------------------------------------------------
    def _perf_roles(self):
        user = self.env.user
        return {
            appeal.id: {
                role
                for role, holds in (
                    ("appellant", appeal.employee_user_id == user),
                    ("rating_manager", appeal.manager_user_id == user),
                )
                if holds
            }
            for appeal in self.sudo()
        }

    def _perf_write_hint(self):
        return self.env._(
            "While the appeal is open the employee explains and the rating "
            "manager adds a statement; the handler, assigned by the system, "
            "decides with the Decide button."
        )

    def write(self, vals):
        res = super().write(vals)
        # Audit: who wrote which text, as the chatter cannot track Html fields.
        labels = {
            "explanation": self.env._("Explanation updated"),
            "manager_statement": self.env._("Manager's statement"),
            "decision": self.env._("Decision"),
        }
        author = self.env.user.partner_id
        for name, label in labels.items():
            if name in vals:
                for appeal in self.sudo():
                    appeal.message_post(
                        body=Markup("<p><strong>%s</strong></p>%s")
                        % (label, appeal[name] or ""),
                        author_id=author.id,
                        subtype_xmlid="mail.mt_note",
                    )
        return res

    @api.constrains("handler_id")
    def _check_handler_independent(self):
        for appeal in self:
            if appeal.handler_id in self._raters_of(appeal.appraisal_id):
                raise ValidationError(
                    self.env._(
                        "%(user)s rated %(employee)s or is the employee: choose a "
                        "handler who did not take part in the appraisal.",
                        user=appeal.handler_id.name,
                        employee=appeal.employee_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _never_delete(self):
        raise UserError(
            self.env._(
                "An appeal is part of the record: it can be withdrawn, never deleted."
            )
        )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _transition(self, vals):
        return self._workflow().write(vals)

    def _check_handler(self):
        for appeal in self:
            if appeal.handler_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the handler, %(handler)s, decides this appeal.",
                        handler=appeal.handler_id.name,
                    )
                )

    def action_start_review(self):
        self._check_handler()
        self.filtered(lambda a: a.state == "submitted")._transition(
            {"state": "under_review"}
        )
        return True

    def action_open_decision_wizard(self):
        self.ensure_one()
        self._check_handler()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decide the appeal"),
            "res_model": "perf.appeal.decision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appeal_id": self.id},
        }

    def _decide(self, outcome, decision, revised_level=None, revised_score=0.0):
        """Accept, partly accept or reject, with a written explanation: the
        decision wizard's transition, open to the handler alone."""
        if outcome not in DECIDED_STATES:
            raise UserError(self.env._("Unknown outcome %(outcome)s.", outcome=outcome))
        self._check_handler()
        text = decision and Markup(decision).striptags().strip()
        for appeal in self:
            if appeal.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "Appeal “%(appeal)s” is already closed.",
                        appeal=appeal.display_name,
                    )
                )
            if not text:
                raise UserError(
                    self.env._(
                        "Write the decision and its reasons before closing "
                        "“%(appeal)s”: the employee reads them.",
                        appeal=appeal.display_name,
                    )
                )
            if outcome != "rejected" and not revised_level:
                raise UserError(
                    self.env._(
                        "An accepted appeal revises the result: choose the "
                        "revised rating (it may stay the same if only a score "
                        "changes)."
                    )
                )
            if revised_level and revised_level.scale_id != appeal.scale_id:
                raise UserError(
                    self.env._(
                        "“%(level)s” is not a level of the rating scale "
                        "“%(scale)s”: pick one of its levels.",
                        level=revised_level.display_name,
                        scale=appeal.scale_id.display_name,
                    )
                )
            if not 0 <= (revised_score or 0.0) <= 100:
                raise UserError(
                    self.env._(
                        "A revised score goes from 0 to 100; leave it at 0 to "
                        "keep the score."
                    )
                )
        rejected = outcome == "rejected"
        self._transition(
            {
                "decision": decision,
                "revised_level_id": False if rejected else revised_level.id,
                "revised_score": 0.0 if rejected else revised_score or 0.0,
                "state": outcome,
                "decision_date": fields.Datetime.now(),
            }
        )
        for appeal in self.sudo():
            if outcome != "rejected":
                appeal.appraisal_id._apply_appeal(appeal)
            appeal.activity_feedback(["odoo_perf_review.mail_activity_appeal"])
            for_employee = in_lang_of(appeal, appeal.employee_user_id)
            for_employee.message_post(
                body=for_employee.env._(
                    "Decision: %(outcome)s.",
                    outcome=selection_label(for_employee, "state", outcome),
                ),
                partner_ids=appeal.employee_user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_withdraw(self):
        for appeal in self:
            if appeal.employee_user_id != self.env.user:
                raise AccessError(self.env._("Only the employee can withdraw."))
            if appeal.state not in OPEN_STATES:
                raise UserError(self.env._("Only an open appeal can be withdrawn."))
        self._transition({"state": "withdrawn", "decision_date": fields.Datetime.now()})
        self.sudo().activity_unlink(["odoo_perf_review.mail_activity_appeal"])
        return True
