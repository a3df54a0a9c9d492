# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine.write_rules import rule
from .perf_appraisal_scoring import RESULT_FIELDS

APPRAISAL_STATES = [
    ("planned", "Planned"),
    ("review", "In review"),
    ("released", "Released"),
    ("acknowledged", "Signed off"),
    ("cancelled", "Cancelled"),
]
# What the managers above the employee and HR write while preparing and
# holding the feedback; frozen once the employee has signed off.
FEEDBACK_FIELDS = frozenset(
    {
        "strengths",
        "improvements",
        "interview_notes",
        "manager_note",
        "development_action_ids",
    }
)
# Part of the released result the employee reads: frozen at the release.
RESULT_FEEDBACK_FIELDS = frozenset({"strengths", "improvements"})


class PerfAppraisal(models.Model):
    """One employee in one cycle: their reviews, scores, feedback and sign-off.

    The employee reads their appraisal only once it is released; the manager's
    private note lives in ``perf.appraisal.note``, which the employee can never
    read.
    """

    _name = "perf.appraisal"
    _description = "Appraisal"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "perf.workflow.guard",
        "perf.appraisal.coaching",
        "perf.appraisal.scoring.mixin",
        "perf.appraisal.workflow.mixin",
        "perf.appraisal.decision.mixin",
    ]
    _order = "cycle_id desc, employee_id"
    _check_company_auto = True

    # Who is appraised, every score and rating, the stamps and the promotion
    # belong to the workflow (launch, scoring, calibration, release, appeal):
    # bonuses follow the final rating, so nobody edits it.
    _perf_workflow_fields = frozenset(
        {
            "employee_id",
            "user_id",
            "department_id",
            "job_id",
            "cycle_id",
            "company_id",
            "manager_user_id",
            "is_manager",
            "state",
            "review_ids",
            *RESULT_FIELDS,
            "reviews_closed",
            "calibrated_level_id",
            "appeal_level_id",
            "appeal_score",
            "final_level_id",
            "promotion_recommended",
            "promotion_job_id",
            "promotion_reason",
            "promotion_recommended_by_id",
            "released_date",
            "acknowledged_date",
            "acknowledgement_comment",
            "calibration_justification",
            "calibrated_date",
        }
    )
    _perf_write_rules = (
        rule("manager", FEEDBACK_FIELDS, states={"planned", "review"}),
        rule("officer", FEEDBACK_FIELDS, states={"planned", "review"}),
        rule("manager", FEEDBACK_FIELDS - RESULT_FEEDBACK_FIELDS, states={"released"}),
        rule("officer", FEEDBACK_FIELDS - RESULT_FEEDBACK_FIELDS, states={"released"}),
        rule("officer", {"template_id", "manager_id"}, states={"planned"}),
    )
    _perf_create_fields = frozenset()

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True, readonly=True
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, string="Employee user"
    )
    department_id = fields.Many2one("hr.department", readonly=True, index=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    cycle_id = fields.Many2one(
        "perf.cycle", required=True, index=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one(
        related="cycle_id.company_id", store=True, index=True, precompute=True
    )
    template_id = fields.Many2one(
        "perf.template", required=True, check_company=True, tracking=True
    )
    manager_id = fields.Many2one(
        "hr.employee",
        tracking=True,
        check_company=True,
        help="The manager who reviews; taken from the employee's manager at launch.",
    )
    manager_user_id = fields.Many2one(
        related="manager_id.user_id", store=True, string="Manager user"
    )
    is_manager = fields.Boolean(
        "Leads a team", readonly=True, help="Leadership competencies apply."
    )
    state = fields.Selection(
        APPRAISAL_STATES,
        required=True,
        default="planned",
        tracking=True,
        index=True,
        readonly=True,
    )
    review_ids = fields.One2many("perf.review", "appraisal_id", string="Reviews")
    review_count = fields.Integer(compute="_compute_review_count")
    goal_ids = fields.Many2many("perf.goal", compute="_compute_goal_ids")

    # Results, written by _compute_results() in batch.
    goal_score = fields.Float(readonly=True, digits=(5, 1), aggregator="avg")
    competency_score = fields.Float(readonly=True, digits=(5, 1), aggregator="avg")
    # Not tracked: a logged change after each submitted review would let the
    # employee read single anonymous answers back from the differences.
    final_score = fields.Float(readonly=True, digits=(5, 1), aggregator="avg")
    self_score = fields.Float(readonly=True, digits=(5, 1))
    manager_score = fields.Float(readonly=True, digits=(5, 1))
    peer_score = fields.Float(
        readonly=True, digits=(5, 1), help="Shown only once enough peers answered."
    )
    customer_score = fields.Float(readonly=True, digits=(5, 1))
    peer_count = fields.Integer(readonly=True)
    customer_count = fields.Integer(readonly=True)
    reviews_closed = fields.Boolean(
        readonly=True,
        copy=False,
        help="The review phase of this appraisal has ended: no answer is taken "
        "any more, and the anonymous groups' aggregates are final.",
    )
    pending_groups = fields.Char(
        readonly=True,
        help="Anonymous groups whose reviews are still open: shown and counted "
        "once the reviews close.",
    )
    hidden_groups = fields.Char(
        readonly=True,
        help="Anonymous groups with fewer answers than the threshold: not shown "
        "and not counted.",
    )
    rating_level_id = fields.Many2one(
        "perf.rating.level", string="Rating", readonly=True
    )
    # Whether the figures above exist: a 0.0 score is a score, "Not scored"
    # is none. Reports filter on them (Float columns cannot hold "none").
    scored = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="The appraisal has a final score: a goal was measured or a review "
        "answered. Until then it shows “Not scored” and no rating, and it is "
        "left out of the score averages.",
    )
    goal_scored = fields.Boolean(
        readonly=True,
        copy=False,
        help="At least one goal of the appraisal is measured (or scored by the "
        "manager): the goal score exists.",
    )
    competency_scored = fields.Boolean(
        readonly=True,
        copy=False,
        help="At least one rater group's answers count: the competency score exists.",
    )
    score_details = fields.Json(
        readonly=True,
        copy=False,
        help="How the engine computed the score: the weights it actually used "
        "and what it left out, written with the score.",
    )
    score_status = fields.Char(
        "Score status",
        compute="_compute_score_status",
        help="“Not scored” while the appraisal has no final score.",
    )
    calibrated_level_id = fields.Many2one(
        "perf.rating.level",
        string="Calibrated rating",
        tracking=True,
        domain="[('scale_id', '=', rating_scale_id)]",
    )
    appeal_level_id = fields.Many2one(
        "perf.rating.level",
        string="Rating after appeal",
        readonly=True,
        tracking=True,
    )
    appeal_score = fields.Float(
        "Score after appeal", readonly=True, tracking=True, digits=(5, 1)
    )
    appeal_ids = fields.One2many("perf.appeal", "appraisal_id", string="Appeals")
    employee_user_is_me = fields.Boolean(compute="_compute_employee_user_is_me")
    can_appeal = fields.Boolean(
        compute="_compute_can_appeal",
        help="Released to me, and no appeal of it is open or decided.",
    )
    appeal_count = fields.Integer(compute="_compute_appeal_count")
    final_level_id = fields.Many2one(
        "perf.rating.level",
        string="Final rating",
        compute="_compute_final_level_id",
        store=True,
        help="The rating after appeal, else the calibrated rating, else the "
        "rating from the score.",
    )
    rating_scale_id = fields.Many2one(related="template_id.rating_scale_id")
    breakdown = fields.Html(compute="_compute_breakdown", sanitize=False)

    # Feedback
    strengths = fields.Html(tracking=False)
    improvements = fields.Html()
    interview_notes = fields.Html()
    interview_date = fields.Datetime(compute="_compute_interview", string="Interview")
    interview_count = fields.Integer(compute="_compute_interview")
    development_action_ids = fields.One2many(
        "perf.development.action", "appraisal_id", string="Development plan"
    )
    manager_note = fields.Html(
        "Private note",
        compute="_compute_manager_note",
        inverse="_inverse_manager_note",
        help="Only the managers above the employee and HR can read it.",
    )
    promotion_recommended = fields.Boolean(readonly=True, tracking=True)
    promotion_job_id = fields.Many2one(
        "hr.job", string="Proposed position", readonly=True, tracking=True
    )
    promotion_reason = fields.Text(readonly=True)
    promotion_recommended_by_id = fields.Many2one("res.users", readonly=True)
    released_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    acknowledged_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    acknowledgement_comment = fields.Text(readonly=True, copy=False)

    _employee_cycle_uniq = models.Constraint(
        "unique (employee_id, cycle_id)",
        "An employee has one appraisal per cycle.",
    )

    def _perf_roles(self):
        user = self.env.user
        officer = user.has_group("odoo_perf_review.group_perf_officer")
        team = self.env["hr.employee"]._perf_team_of(user)
        roles = {}
        for appraisal in self.sudo():
            mine = appraisal.employee_id.user_id == user
            roles[appraisal.id] = {
                role
                for role, holds in (
                    ("manager", appraisal.employee_id in team),
                    ("officer", officer and not mine),
                )
                if holds
            }
        return roles

    def _perf_write_hint(self):
        return self.env._(
            "Scores and ratings come from the reviews, calibration and appeals; "
            "the managers above the employee and HR write the feedback until "
            "the employee signs off."
        )

    @api.depends("employee_id.name", "cycle_id.name")
    def _compute_name(self):
        for appraisal in self:
            appraisal.name = f"{appraisal.employee_id.name} – {appraisal.cycle_id.name}"

    def _compute_review_count(self):
        counts = dict(
            self.env["perf.review"]._read_group(
                [("appraisal_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["appraisal_id"],
                ["__count"],
            )
        )
        for appraisal in self:
            appraisal.review_count = counts.get(appraisal, 0)

    def _goals_by_appraisal(self):
        """The approved or done goals (not key results) of each appraisal."""
        goals = (
            self.env["perf.goal"]
            .sudo()
            .search(
                [
                    ("owner", "=", "employee"),
                    ("employee_id", "in", self.employee_id.ids),
                    ("cycle_id", "in", self.cycle_id.ids),
                    ("goal_type", "!=", "key_result"),
                    ("state", "in", ("approved", "done")),
                ]
            )
        )
        by_key = goals.grouped(lambda goal: (goal.employee_id.id, goal.cycle_id.id))
        return {
            appraisal.id: by_key.get(
                (appraisal.employee_id.id, appraisal.cycle_id.id), goals.browse()
            )
            for appraisal in self
        }

    def _compute_goal_ids(self):
        goals = self._goals_by_appraisal()
        for appraisal in self:
            appraisal.goal_ids = goals[appraisal.id].with_env(self.env)

    @api.depends("rating_level_id", "calibrated_level_id", "appeal_level_id")
    def _compute_final_level_id(self):
        for appraisal in self:
            appraisal.final_level_id = (
                appraisal.appeal_level_id
                or appraisal.calibrated_level_id
                or appraisal.rating_level_id
            )

    @api.depends_context("uid")
    def _compute_employee_user_is_me(self):
        for appraisal in self:
            appraisal.employee_user_is_me = appraisal.user_id == self.env.user

    @api.depends_context("uid")
    def _compute_manager_note(self):
        # Read with the user's own rights: employees have no access at all, and
        # the rules give managers only the notes of the people below them.
        if not self.env["perf.appraisal.note"].has_access("read"):
            self.manager_note = False
            return
        notes = {
            note.appraisal_id.id: note.note
            for note in self.env["perf.appraisal.note"].search(
                [("appraisal_id", "in", self.ids)]
            )
        }
        for appraisal in self:
            appraisal.manager_note = notes.get(appraisal.id, False)

    def _inverse_manager_note(self):
        Note = self.env["perf.appraisal.note"]
        existing = {
            note.appraisal_id.id: note
            for note in Note.search([("appraisal_id", "in", self.ids)])
        }
        for appraisal in self:
            note = existing.get(appraisal.id)
            if note:
                note.note = appraisal.manager_note
            else:
                Note.create(
                    {"appraisal_id": appraisal.id, "note": appraisal.manager_note}
                )

    def action_print(self):
        released = self.filtered(lambda a: a.state in ("released", "acknowledged"))
        if released != self:
            raise UserError(self.env._("Only released appraisals can be printed."))
        return self.env.ref(
            "odoo_perf_review.action_report_perf_appraisal"
        ).report_action(self)
