# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import EngineError
from ..engine import weights as weight_engine
from ..tools.engine_errors import engine_user_error

WEIGHT_DIGITS = (5, 2)


class PerfTemplate(models.Model):
    _name = "perf.template"
    _description = "Appraisal Template"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the template between all companies.",
        index=True,
        tracking=True,
    )
    description = fields.Html(
        translate=True,
        help="The guide shown to employees and raters: what is evaluated and how.",
    )
    method = fields.Selection(
        [
            ("kpi", "KPI"),
            ("okr", "OKR"),
            ("bsc", "Balanced scorecard"),
            ("mixed", "Mixed"),
        ],
        required=True,
        default="kpi",
        tracking=True,
        help="KPI: measured targets with thresholds. OKR: objectives graded by "
        "their key results (0–1). Balanced scorecard: goals in four perspectives "
        "with their own weights. Mixed: any of them together.",
    )
    rating_scale_id = fields.Many2one(
        "perf.rating.scale",
        string="Rating scale",
        required=True,
        tracking=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "odoo_perf_review.rating_scale_five", raise_if_not_found=False
        ),
    )
    criterion_ids = fields.Many2many(
        "perf.criterion",
        string="Competencies",
        help="The competencies every employee evaluated with this template "
        "is rated on.",
    )

    # What the final score is made of.
    goal_weight = fields.Float(
        "Goals (%)", digits=WEIGHT_DIGITS, default=70.0, tracking=True
    )
    competency_weight = fields.Float(
        "Competencies (%)", digits=WEIGHT_DIGITS, default=30.0, tracking=True
    )

    # Who rates, and how much each voice counts.
    self_weight = fields.Float(
        "Self review (%)", digits=WEIGHT_DIGITS, default=10.0, tracking=True
    )
    manager_weight = fields.Float(
        "Manager review (%)", digits=WEIGHT_DIGITS, default=60.0, tracking=True
    )
    peer_weight = fields.Float(
        "Peer reviews (%)", digits=WEIGHT_DIGITS, default=20.0, tracking=True
    )
    customer_weight = fields.Float(
        "Customer reviews (%)", digits=WEIGHT_DIGITS, default=10.0, tracking=True
    )
    peer_min = fields.Integer("Minimum peers", default=3, tracking=True)
    peer_max = fields.Integer("Maximum peers", default=5, tracking=True)
    peers_anonymous = fields.Boolean(
        "Anonymous peers",
        default=True,
        help="Peer reviewers are hidden from the employee and shown only as an "
        "aggregate.",
    )
    customers_anonymous = fields.Boolean("Anonymous customers", default=True)
    anonymity_threshold = fields.Integer(
        "Anonymity threshold",
        default=3,
        tracking=True,
        help="Anonymous scores are shown only once at least this many raters "
        "of the group have answered, so that no single answer can be traced back.",
    )

    manager_sees_anonymous = fields.Boolean(
        "Managers see anonymous reviews",
        help="Off: anonymous peer and customer reviews are hidden from the "
        "manager as well as from the employee; only their aggregate counts.",
    )
    review_reminder_days = fields.Integer("Remind reviewers (days before)", default=3)
    review_escalation_days = fields.Integer(
        "Escalate to HR after (days overdue)",
        default=3,
        help="An overdue review is escalated to the manager at once, and to the "
        "cycle's HR officer after this many days.",
    )
    review_grace_days = fields.Integer(
        "Expire after (days overdue)",
        default=7,
        help="A review still missing this many days after its deadline expires; "
        "the score is computed without it.",
    )

    # Balanced scorecard perspectives.
    bsc_financial_weight = fields.Float(
        "Financial (%)", digits=WEIGHT_DIGITS, default=25.0
    )
    bsc_customer_weight = fields.Float(
        "Customer (%)", digits=WEIGHT_DIGITS, default=25.0
    )
    bsc_internal_weight = fields.Float(
        "Internal process (%)", digits=WEIGHT_DIGITS, default=25.0
    )
    bsc_learning_weight = fields.Float(
        "Learning & growth (%)", digits=WEIGHT_DIGITS, default=25.0
    )

    cycle_ids = fields.One2many("perf.cycle", "template_id", string="Cycles")
    cycle_count = fields.Integer(compute="_compute_cycle_count")

    @api.depends("cycle_ids")
    def _compute_cycle_count(self):
        counts = dict(
            self.env["perf.cycle"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        for template in self:
            template.cycle_count = counts.get(template, 0)

    # ------------------------------------------------------------------
    # Weights as plain mappings for the engine
    # ------------------------------------------------------------------
    def _part_weights(self):
        self.ensure_one()
        return {"goals": self.goal_weight, "competencies": self.competency_weight}

    def _rater_weights(self):
        self.ensure_one()
        return {
            "self": self.self_weight,
            "manager": self.manager_weight,
            "peer": self.peer_weight,
            "customer": self.customer_weight,
        }

    def _perspective_weights(self):
        self.ensure_one()
        return {
            "financial": self.bsc_financial_weight,
            "customer": self.bsc_customer_weight,
            "internal": self.bsc_internal_weight,
            "learning": self.bsc_learning_weight,
        }

    def _uses_perspectives(self):
        self.ensure_one()
        return self.method == "bsc" or any(self._perspective_weights().values())

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(
        "goal_weight",
        "competency_weight",
        "self_weight",
        "manager_weight",
        "peer_weight",
        "customer_weight",
        "bsc_financial_weight",
        "bsc_customer_weight",
        "bsc_internal_weight",
        "bsc_learning_weight",
        "method",
    )
    def _check_weights(self):
        for template in self:
            groups = [
                (
                    self.env._("goals and competencies"),
                    template._part_weights(),
                    {
                        "goals": self.env._("Goals"),
                        "competencies": self.env._("Competencies"),
                    },
                ),
                (
                    self.env._("self, manager, peer and customer reviews"),
                    template._rater_weights(),
                    {
                        "self": self.env._("Self review"),
                        "manager": self.env._("Manager review"),
                        "peer": self.env._("Peer reviews"),
                        "customer": self.env._("Customer reviews"),
                    },
                ),
            ]
            if template._uses_perspectives():
                groups.append(
                    (
                        self.env._("the four scorecard perspectives"),
                        template._perspective_weights(),
                        {
                            "financial": self.env._("Financial"),
                            "customer": self.env._("Customer"),
                            "internal": self.env._("Internal process"),
                            "learning": self.env._("Learning & growth"),
                        },
                    )
                )
            for group_label, weights, part_labels in groups:
                try:
                    weight_engine.check_weights_total(weights)
                except EngineError as error:
                    raise engine_user_error(
                        self,
                        error,
                        self.env._(
                            "Template “%(template)s”", template=template.display_name
                        ),
                        labels=part_labels,
                        what=group_label,
                        exception=ValidationError,
                    ) from error

    @api.constrains("peer_min", "peer_max", "peer_weight", "anonymity_threshold")
    def _check_peers(self):
        for template in self:
            if template.peer_min < 0 or template.peer_max < template.peer_min:
                raise ValidationError(
                    self.env._(
                        "Template “%(template)s”: between %(min)s and %(max)s "
                        "peers is not a range. Set a minimum of 0 or more and a "
                        "maximum at least as large as the minimum.",
                        template=template.display_name,
                        min=template.peer_min,
                        max=template.peer_max,
                    )
                )
            if template.peer_weight > 0 and template.peer_max < 1:
                raise ValidationError(
                    self.env._(
                        "Template “%(template)s” weighs peer reviews at %(weight)s "
                        "%% but allows no peer. Allow at least one peer or set "
                        "the peer weight to 0.",
                        template=template.display_name,
                        weight=template.peer_weight,
                    )
                )
            if template.anonymity_threshold < 1:
                raise ValidationError(
                    self.env._(
                        "Template “%(template)s”: the anonymity threshold must be "
                        "at least 1 answer (3 is recommended).",
                        template=template.display_name,
                    )
                )

    @api.constrains("competency_weight", "criterion_ids")
    def _check_competencies(self):
        for template in self:
            if template.competency_weight > 0 and not template.criterion_ids:
                raise ValidationError(
                    self.env._(
                        "Template “%(template)s” weighs competencies at "
                        "%(weight)s %% but lists none. Add competencies or set "
                        "their weight to 0.",
                        template=template.display_name,
                        weight=template.competency_weight,
                    )
                )

    def action_view_cycles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_cycle_action"
        )
        action["domain"] = [("template_id", "=", self.id)]
        action["context"] = {"default_template_id": self.id}
        return action
