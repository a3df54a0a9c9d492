# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import appraisal as appraisal_engine
from ..engine.write_rules import rule
from ..tools.labels import selection_label

RATER_TYPES = [
    ("self", "Self"),
    ("manager", "Manager"),
    ("peer", "Peer"),
    ("customer", "Customer"),
]
REVIEW_STATES = [
    ("planned", "Planned"),
    ("proposed", "Proposed"),
    ("requested", "Requested"),
    ("submitted", "Submitted"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
]


class PerfReview(models.Model):
    """One rater's review of one appraisal.

    Peer and customer reviews can be anonymous: record rules then hide the
    whole record from the reviewee (and, unless the template allows it, from
    the manager), so the reviewer's identity cannot be read through any path.
    """

    _name = "perf.review"
    _description = "Review"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "perf.workflow.guard",
        "perf.review.coaching",
        "perf.review.followup",
        "perf.review.customer",
    ]
    _order = "deadline, id"
    _mail_post_access = "read"

    # Who reviews whom, as what, and every result belong to the workflow: a
    # reviewer writes only the answers of an open review of their own.
    _perf_workflow_fields = frozenset(
        {
            "appraisal_id",
            "company_id",
            "cycle_id",
            "reviewee_id",
            "rater_type",
            "reviewer_employee_id",
            "reviewer_user_id",
            "partner_id",
            "anonymous",
            "state",
            "deadline",
            "submitted_date",
            "access_token",
            "token_used",
            "score",
            "last_nudge_date",
        }
    )
    _perf_write_rules = (
        rule(
            "reviewer",
            {"strengths", "improvements", "comment", "line_ids"},
            states={"requested"},
        ),
    )
    _perf_create_fields = frozenset()

    appraisal_id = fields.Many2one(
        "perf.appraisal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True
    )
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True)
    # Who is reviewed is no secret to the reviewer.
    reviewee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, string="Employee reviewed"
    )
    rater_type = fields.Selection(RATER_TYPES, required=True, index=True)
    reviewer_employee_id = fields.Many2one("hr.employee", string="Reviewer", index=True)
    reviewer_user_id = fields.Many2one(
        "res.users",
        string="Reviewer user",
        index=True,
        compute="_compute_reviewer_user_id",
        store=True,
        readonly=False,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", help="The external reviewer (customers)."
    )
    anonymous = fields.Boolean(readonly=True)
    state = fields.Selection(
        REVIEW_STATES, required=True, default="planned", index=True, readonly=True
    )
    deadline = fields.Date(index=True)
    submitted_date = fields.Datetime(readonly=True, copy=False)
    access_token = fields.Char(copy=False, readonly=True, groups="base.group_system")
    token_used = fields.Boolean(copy=False, readonly=True)
    line_ids = fields.One2many("perf.review.line", "review_id", string="Scores")
    score = fields.Float(
        compute="_compute_score", store=True, digits=(5, 1), aggregator="avg"
    )
    strengths = fields.Html()
    improvements = fields.Html()
    comment = fields.Html("Overall comment")
    level_guide = fields.Html(
        "What the levels mean",
        compute="_compute_level_guide",
        sanitize=False,
        help="Each level of the scale, and what it means for each competency "
        "rated in this review.",
    )
    # The follow-up job's markers live in perf.review.followup.status (why: there).
    reminded_date = fields.Date(compute="_compute_followup", compute_sudo=True)
    escalation_level = fields.Integer(compute="_compute_followup", compute_sudo=True)
    last_nudge_date = fields.Date(
        "Last nudged on",
        readonly=True,
        copy=False,
        help="When HR last reminded the reviewer of this late review: one nudge a day.",
    )

    _appraisal_reviewer_uniq = models.UniqueIndex(
        "(appraisal_id, rater_type, COALESCE(reviewer_employee_id, 0), "
        "COALESCE(partner_id, 0)) WHERE state != 'cancelled'",
        "This person already reviews this appraisal.",
    )

    # ------------------------------------------------------------------
    # Write guard and anonymity
    # ------------------------------------------------------------------
    def _perf_roles(self):
        user = self.env.user
        return {
            review.id: {"reviewer"} if review.reviewer_user_id == user else set()
            for review in self.sudo()
        }

    def _perf_write_hint(self):
        return self.env._(
            "Only the reviewer answers, while the review is open; the review "
            "phase, reminders and release move it on."
        )

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # Followers can be searched by anyone: an anonymous review has none, so
        # that no follower list tells who wrote it.
        named = self.filtered(lambda review: not review.sudo().anonymous)
        if not named:
            return True
        return super(PerfReview, named)._message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids
        )

    @api.model_create_multi
    def create(self, vals_list):
        # mail.thread.create() subscribes the creator and logs the creation
        # under their name without _message_subscribe(): an anonymous review
        # gets neither, or its followers and chatter would name who set it up
        # (the employee proposing peers, the manager approving them). Batches
        # mixing both kinds are the launch's, which is quiet anyway.
        if any(vals.get("anonymous") for vals in vals_list):
            self = self.with_context(
                mail_create_nosubscribe=True, mail_create_nolog=True
            )
        return super().create(vals_list)

    @api.depends("reviewer_employee_id")
    def _compute_reviewer_user_id(self):
        for review in self:
            if review.reviewer_employee_id:
                review.reviewer_user_id = review.reviewer_employee_id.user_id

    @api.depends("line_ids.score")
    def _compute_score(self):
        for review in self:
            review.score = (
                appraisal_engine.review_score(
                    line.score for line in review.line_ids if line.level_id
                )
                or 0.0
            )

    @api.depends_context("lang")
    @api.depends("appraisal_id", "line_ids.criterion_id")
    def _compute_level_guide(self):
        QWeb = self.env["ir.qweb"]
        for review in self:
            # A reviewer may not read the appraisal (a self review before
            # release, a peer); the scale itself is readable by every rater.
            scale = review.sudo().appraisal_id.template_id.rating_scale_id.sudo(False)
            criteria = review.line_ids.criterion_id
            if not scale:
                review.level_guide = False
                continue
            levels = scale.level_ids.sorted(lambda level: (level.sequence, level.id))
            review.level_guide = QWeb._render(
                "odoo_perf_review.perf_review_level_guide",
                {
                    "levels": levels,
                    "criteria": [
                        (
                            criterion,
                            [
                                (level, described[level.id])
                                for level in levels
                                if described.get(level.id)
                            ],
                        )
                        for criterion in criteria
                        for described in [
                            {
                                desc.rating_level_id.id: desc.description
                                for desc in criterion.level_ids
                                if desc.description
                            }
                        ]
                    ],
                },
            )

    @api.depends("rater_type", "reviewee_id", "anonymous")
    @api.depends_context("lang")  # the rater type's label is translated
    def _compute_display_name(self):
        # The translated labels (in the reader's language), not RATER_TYPES.
        labels = dict(self._fields["rater_type"]._description_selection(self.env))
        for review in self:
            review.display_name = self.env._(
                "%(type)s review of %(employee)s",
                type=labels.get(review.rater_type, ""),
                employee=review.reviewee_id.name or "",
            )

    @api.constrains("rater_type", "reviewer_employee_id", "partner_id", "appraisal_id")
    def _check_reviewer(self):
        for review in self:
            if review.rater_type == "customer" and not review.partner_id:
                raise ValidationError(
                    self.env._("A customer review needs the customer who answers.")
                )
            if (
                review.rater_type in ("peer", "manager")
                and not review.reviewer_employee_id
            ):
                raise ValidationError(
                    self.env._("A peer or manager review needs its reviewer.")
                )
            if (
                review.rater_type == "peer"
                and review.reviewer_employee_id == review.appraisal_id.employee_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(employee)s cannot be their own peer: pick a colleague.",
                        employee=review.appraisal_id.employee_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Lines
    # ------------------------------------------------------------------
    def _prepare_lines(self):
        """One line per competency of the template, and for the manager one
        per goal, its score suggested from the measured attainment."""
        vals_list = []
        for review in self:
            if review.line_ids:
                continue
            appraisal = review.appraisal_id
            for criterion in appraisal.template_id.criterion_ids:
                if criterion.for_managers_only and not appraisal.is_manager:
                    continue
                vals_list.append({"review_id": review.id, "criterion_id": criterion.id})
            if review.rater_type == "manager":
                for goal in appraisal.goal_ids:
                    vals_list.append(
                        {
                            "review_id": review.id,
                            "goal_id": goal.id,
                            # A goal not measured yet has no suggestion: the
                            # manager scores it, or it is left out.
                            "goal_score": goal.score if goal.measured else 0.0,
                            "suggested_goal_score": (
                                goal.score if goal.measured else 0.0
                            ),
                            "goal_rated": goal.measured,
                        }
                    )
        # In one INSERT: a review phase opens some 30 lines per employee.
        self.env["perf.review.line"]._create_unrated(vals_list)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_open_peer_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Nominate your peers"),
            "res_model": "perf.peer.nomination.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_id": self.id},
        }

    def _new_token(self):
        return secrets.token_urlsafe(32)

    def action_submit(self):
        if not self._perf_in_workflow():
            others = self.filtered(lambda r: r.sudo().reviewer_user_id != self.env.user)
            if others:
                raise AccessError(
                    self.env._(
                        "Only the reviewer can submit “%(review)s”.",
                        review=others[0].display_name,
                    )
                )
        for review in self:
            if review.state != "requested":
                raise UserError(
                    self.env._(
                        "This review is %(state)s and can no longer be submitted.",
                        state=selection_label(review, "state").lower(),
                    )
                )
            appraisal = review.sudo().appraisal_id
            if appraisal.reviews_closed:
                # The anonymous aggregates are final once the reviews close:
                # a late answer would show through their difference.
                raise UserError(
                    self.env._(
                        "The reviews of appraisal “%(appraisal)s” are closed: no "
                        "answer is taken any more.",
                        appraisal=appraisal.display_name,
                    )
                )
            missing = review.line_ids.filtered(
                lambda line: line.criterion_id and not line.level_id
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Rate every competency before submitting: %(names)s.",
                        names=", ".join(missing.criterion_id.mapped("name")),
                    )
                )
        reviews = self._workflow()
        # The write updates the reviewer's to-do (perf_review_todo); an
        # activity on the review itself is one from before the to-dos.
        reviews.write({"state": "submitted", "submitted_date": fields.Datetime.now()})
        reviews.activity_ids.action_feedback()
        reviews.appraisal_id._compute_results()
        return True

    def _request(self):
        """Open these reviews: lines, deadline, token, and their reviewers'
        to-dos (one per reviewer and cycle, ``perf_review_todo``)."""
        reviews = self._workflow().filtered(
            lambda r: r.state in ("planned", "proposed")
        )
        if not reviews:
            return reviews
        for cycle, group in reviews.grouped("cycle_id").items():
            group.write({"state": "requested", "deadline": cycle.review_deadline})
        for review in reviews.filtered(lambda r: r.rater_type == "customer"):
            review.access_token = review._new_token()
        reviews._prepare_lines()
        reviews._schedule_activities()
        reviews._after_request()
        return reviews

    def _compute_followup(self):
        followups = {
            followup.review_id.id: followup
            for followup in self.env["perf.review.followup.status"].search(
                [("review_id", "in", self.ids)]
            )
        }
        for review in self:
            followup = followups.get(review.id)
            review.reminded_date = followup.reminded_date if followup else False
            review.escalation_level = followup.escalation_level if followup else 0

    def _after_request(self):
        """Hook run by ``_request()`` on the reviews it has just opened."""
        self.filtered(lambda r: r.rater_type == "customer")._send_customer_invitations()
