# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_list, formatLang

from ..engine import appraisal as appraisal_engine
from ..engine import goals as goal_engine
from ..engine.write_rules import rule
from ..tools.labels import selection_label
from ..tools.recipients import in_lang_of
from ..tools.release_messages import release_appraisals

APPRAISAL_STATES = [
    ("planned", "Planned"),
    ("review", "In review"),
    ("released", "Released"),
    ("acknowledged", "Signed off"),
    ("cancelled", "Cancelled"),
]
RESULT_FIELDS = (
    "goal_score",
    "competency_score",
    "final_score",
    "self_score",
    "manager_score",
    "peer_score",
    "customer_score",
    "peer_count",
    "customer_count",
    "rating_level_id",
    "hidden_groups",
    "pending_groups",
    "scored",
    "goal_scored",
    "competency_scored",
    "score_details",
)
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

    # ------------------------------------------------------------------
    # Write guard
    # ------------------------------------------------------------------
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

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
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
    @api.depends("state", "appeal_ids.state")
    def _compute_can_appeal(self):
        # An open appeal is added to, a decided one closes the matter.
        taken = {
            appraisal.id
            for [appraisal] in self.env["perf.appeal"]
            .sudo()
            ._read_group(
                [
                    ("appraisal_id", "in", self.ids),
                    ("state", "not in", ("withdrawn",)),
                ],
                ["appraisal_id"],
            )
        }
        for appraisal in self:
            appraisal.can_appeal = (
                appraisal.state in ("released", "acknowledged")
                and appraisal.user_id == self.env.user
                and appraisal.id not in taken
            )

    def _compute_appeal_count(self):
        counts = dict(
            self.env["perf.appeal"]._read_group(
                [("appraisal_id", "in", self.ids)], ["appraisal_id"], ["__count"]
            )
        )
        for appraisal in self:
            appraisal.appeal_count = counts.get(appraisal, 0)

    def _apply_appeal(self, appeal):
        """Revise the result after an accepted appeal; the old values stay on the
        appeal and in the tracking history."""
        self.ensure_one()
        vals = {"appeal_level_id": appeal.revised_level_id.id}
        if appeal.revised_score:
            vals["appeal_score"] = appeal.revised_score
        appraisal = self._workflow()
        appraisal.write(vals)
        # Anything computed from the rating follows: bonus lines.
        self.env["perf.bonus.line"]._on_rating_revised(appraisal)
        appraisal.message_post(
            body=self.env._(
                "Result revised by appeal: %(old)s → %(new)s.",
                old=appeal.original_level_id.display_name or "-",
                new=appeal.revised_level_id.display_name,
            )
        )

    def action_file_appeal(self):
        self.ensure_one()
        self.env["perf.appeal"]._check_can_file(self.sudo())
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("File an appeal"),
            "res_model": "perf.appeal",
            "view_mode": "form",
            "target": "current",
            "context": {"default_appraisal_id": self.id},
        }

    def action_view_appeals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_appeal_action"
        )
        action["domain"] = [("appraisal_id", "=", self.id)]
        return action

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

    def _compute_interview(self):
        events = self.env["calendar.event"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)],
            order="start",
        )
        by_appraisal = defaultdict(list)
        for event in events:
            by_appraisal[event.res_id].append(event)
        for appraisal in self:
            found = by_appraisal.get(appraisal.id, [])
            appraisal.interview_count = len(found)
            appraisal.interview_date = found[-1].start if found else False

    @api.depends("scored")
    @api.depends_context("lang")
    def _compute_score_status(self):
        not_scored = self.env._("Not scored")
        for appraisal in self:
            appraisal.score_status = False if appraisal.scored else not_scored

    @api.depends(*RESULT_FIELDS, "template_id")
    @api.depends_context("lang")
    def _compute_breakdown(self):
        """The score's formula with the weights the engine actually used
        (``score_details``, written with the score by the same computation),
        and what it left out and why. Numbers in the user's language; every
        sentence a translated literal, put together with ``Markup`` so that
        goal names are escaped once."""
        _ = self.env._
        labels = {
            "self": _("Self review"),
            "manager": _("Manager review"),
            "peer": _("Peer reviews"),
            "customer": _("Customer reviews"),
        }

        def number(value, digits=1):
            return formatLang(self.env, value, digits=digits)

        left_out_goal_ids = {
            goal_id
            for appraisal in self
            for goal_id in (appraisal.score_details or {}).get("goals_left_out", [])
        }
        goal_names = dict(
            self.env["perf.goal"]
            .sudo()
            .browse(left_out_goal_ids)
            .mapped(lambda goal: (goal.id, goal.name))
        )
        for appraisal in self:
            template = appraisal.template_id
            details = appraisal.score_details or {}
            used = details.get("raters", {})
            hidden = set((appraisal.hidden_groups or "").split(",")) - {""}
            pending = set((appraisal.pending_groups or "").split(",")) - {""}
            counts = {
                "peer": appraisal.peer_count,
                "customer": appraisal.customer_count,
            }
            rows = []
            for group, weight in template._rater_weights().items():
                if not weight:
                    continue
                if group in used:
                    value = number(appraisal[f"{group}_score"])
                elif group in pending:
                    value = _("anonymous: shown once the reviews close")
                elif group in hidden:
                    value = _(
                        "hidden: %(count)s of %(k)s answers needed",
                        count=counts.get(group, 0),
                        k=template.anonymity_threshold,
                    )
                else:
                    value = _("no answer: left out")
                weight_used = (
                    _("%(weight)s %%", weight=number(used[group]))
                    if group in used
                    else "—"
                )
                rows.append(
                    Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                    % (
                        labels[group],
                        _("%(weight)s %%", weight=number(weight, 0)),
                        weight_used,
                        value,
                    )
                )
            html = Markup(
                "<table class='table table-sm o_perf_breakdown'>"
                "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
                "</thead><tbody>%s</tbody></table>"
            ) % (
                _("Competencies by"),
                _("Template weight"),
                _("Weight used"),
                _("Score"),
                Markup("").join(rows),
            )
            parts = details.get("parts", {})
            if appraisal.scored and parts:
                terms = []
                if "goals" in parts:
                    terms.append(
                        _(
                            "%(weight)s %% × goals (%(score)s)",
                            weight=number(parts["goals"]),
                            score=number(appraisal.goal_score),
                        )
                    )
                if "competencies" in parts:
                    terms.append(
                        _(
                            "%(weight)s %% × competencies (%(score)s)",
                            weight=number(parts["competencies"]),
                            score=number(appraisal.competency_score),
                        )
                    )
                html += Markup(
                    "<p class='o_perf_formula'>%s <strong>%s</strong></p>"
                ) % (
                    _("Final score = %(terms)s =", terms=" + ".join(terms)),
                    number(appraisal.final_score),
                )
            else:
                html += Markup("<p class='o_perf_formula'><strong>%s</strong></p>") % _(
                    "Not scored: no goal is measured and no review answer counts "
                    "yet, so there is no score and no rating."
                )
            notes = []
            left_out_parts = details.get("left_out_parts", [])
            if appraisal.scored and "goals" in left_out_parts:
                if details.get("has_goals"):
                    notes.append(
                        _(
                            "Goals (template weight %(weight)s %%) are left out: "
                            "no goal is measured yet. The competencies count "
                            "for the whole score.",
                            weight=number(template.goal_weight, 0),
                        )
                    )
                else:
                    notes.append(
                        _(
                            "Goals (template weight %(weight)s %%) are left out: "
                            "the employee has no approved goal in this cycle. "
                            "The competencies count for the whole score.",
                            weight=number(template.goal_weight, 0),
                        )
                    )
            if appraisal.scored and "competencies" in left_out_parts:
                notes.append(
                    _(
                        "Competencies (template weight %(weight)s %%) are left "
                        "out: no review answer counts yet. The goals count for "
                        "the whole score.",
                        weight=number(template.competency_weight, 0),
                    )
                )
            goals_left_out = [
                goal_names[goal_id]
                for goal_id in details.get("goals_left_out", [])
                if goal_id in goal_names
            ]
            if goals_left_out and details.get("goals_counted"):
                notes.append(
                    _(
                        "Not measured yet, so left out of the goal score (the "
                        "other goals' weights are scaled up): %(goals)s.",
                        goals=format_list(self.env, goals_left_out),
                    )
                )
            if notes:
                html += Markup("<ul class='o_perf_left_out'>%s</ul>") % Markup("").join(
                    Markup("<li>%s</li>") % note for note in notes
                )
            appraisal.breakdown = html

    # ------------------------------------------------------------------
    # Scores
    # ------------------------------------------------------------------
    def _compute_results(self):
        """Compute the scores of all appraisals in ``self`` with the engine.

        A few grouped queries for the whole batch, then one engine call each.
        """
        if self:
            # Results are the workflow's to write, whoever triggered them.
            self._workflow()._write_results()

    def _write_results(self):
        answers = defaultdict(lambda: defaultdict(list))
        for appraisal, rater_type, scores in (
            self.env["perf.review"]
            .sudo()
            ._read_group(
                [("appraisal_id", "in", self.ids), ("state", "=", "submitted")],
                ["appraisal_id", "rater_type"],
                ["score:array_agg"],
            )
        ):
            answers[appraisal.id][rater_type] = list(scores)
        manager_goal_lines = defaultdict(dict)
        for line in (
            self.env["perf.review.line"]
            .sudo()
            .search(
                [
                    ("review_id.appraisal_id", "in", self.ids),
                    ("review_id.rater_type", "=", "manager"),
                    ("review_id.state", "=", "submitted"),
                    ("goal_id", "!=", False),
                ]
            )
        ):
            manager_goal_lines[line.review_id.appraisal_id.id][line.goal_id.id] = line
        goals = self._goals_by_appraisal()
        scores_by_scale = defaultdict(dict)
        unrated = []  # no score any more: no rating either
        for appraisal in self:
            template = appraisal.template_id
            own_goals = goals[appraisal.id]
            confirmed = manager_goal_lines.get(appraisal.id, {})
            goal_result = goal_engine.goal_set_result(
                [
                    (
                        goal.id,
                        goal.bsc_perspective,
                        goal.weight,
                        self._goal_score_for(goal, confirmed.get(goal.id)),
                    )
                    for goal in own_goals
                ],
                template._perspective_weights()
                if template._uses_perspectives()
                else None,
            )
            anonymous = [
                group
                for group, flag in (
                    ("peer", template.peers_anonymous),
                    ("customer", template.customers_anonymous),
                )
                if flag
            ]
            result = appraisal_engine.appraisal_score(
                goal_score=goal_result.score,
                answers=answers.get(appraisal.id, {}),
                rater_weights=template._rater_weights(),
                part_weights=template._part_weights(),
                anonymous_groups=anonymous,
                threshold=template.anonymity_threshold,
                closed=appraisal.reviews_closed,
            )
            group_scores = result.group_scores
            vals = {
                "goal_score": result.goal_score or 0.0,
                "competency_score": result.competency_score or 0.0,
                "final_score": result.final_score or 0.0,
                "self_score": group_scores["self"] or 0.0,
                "manager_score": group_scores["manager"] or 0.0,
                "peer_score": group_scores["peer"] or 0.0,
                "customer_score": group_scores["customer"] or 0.0,
                "peer_count": result.group_counts["peer"],
                "customer_count": result.group_counts["customer"],
                "hidden_groups": ",".join(result.hidden_groups),
                "pending_groups": ",".join(result.pending_groups),
                "scored": result.final_score is not None,
                "goal_scored": result.goal_score is not None,
                "competency_scored": result.competency_score is not None,
                # The weights the engine used and what it left out: the
                # breakdown shows these, so it never disagrees with the score.
                "score_details": {
                    "parts": result.part_weights,
                    "raters": result.rater_weights,
                    "left_out_parts": list(result.left_out_parts),
                    "left_out_groups": list(result.left_out_groups),
                    "goals_counted": list(goal_result.counted),
                    "goals_left_out": list(goal_result.left_out),
                    "has_goals": bool(own_goals),
                },
            }
            # Only what changed: an answer that changes no figure (a pending
            # anonymous one) must not even touch the record's write date.
            changed = {
                name: value
                for name, value in vals.items()
                if (appraisal[name] or False) != (value or False)
            }
            if changed:
                appraisal.with_context(tracking_disable=True).write(changed)
            if result.final_score is not None:
                scores_by_scale[template.rating_scale_id][appraisal.id] = (
                    result.final_score
                )
            elif appraisal.rating_level_id:
                unrated.append(appraisal.id)
        # One write per level: a write per appraisal would read each one alone.
        ids_by_level = defaultdict(list)
        for scale, scores in scores_by_scale.items():
            for appraisal_id, level in scale._level_for_scores(scores).items():
                ids_by_level[level].append(appraisal_id)
        for level, appraisal_ids in ids_by_level.items():
            self.browse(appraisal_ids).filtered(
                lambda a, level=level: a.rating_level_id != level
            ).with_context(tracking_disable=True).write({"rating_level_id": level.id})
        if unrated:
            self.browse(unrated).with_context(tracking_disable=True).write(
                {"rating_level_id": False}
            )

    @api.model
    def _goal_score_for(self, goal, manager_line):
        """What one goal counts for in the goal score.

        The manager's score when their submitted review scored it (they
        confirmed the measured result suggested to them, or typed their own);
        else the goal's measured score; else None: a goal not measured yet is
        left out of the goal score, its weight going to the measured goals,
        and the breakdown names it (never counted as on target, nor as 0 for
        data that does not exist yet). With no goal measured at all the goal
        part is left out of the final score, and said so.
        """
        if manager_line and manager_line.goal_rated:
            return manager_line.goal_score
        if goal.measured:
            return goal.score
        return None

    # ------------------------------------------------------------------
    # Access helpers
    # ------------------------------------------------------------------
    def _is_manager_or_hr(self):
        """True when the user is HR or a manager above every employee of self."""
        if self.env.su or self.env.user.has_group(
            "odoo_perf_review.group_perf_officer"
        ):
            return True
        if not self.env.user.employee_ids:
            return False
        team = self.env["hr.employee"]._perf_team_of(self.env.user)
        return all(appraisal.employee_id in team for appraisal in self)

    def _check_manager_or_hr(self):
        if not self._is_manager_or_hr():
            raise AccessError(
                self.env._(
                    "Only the employee's managers or HR can do this on appraisal "
                    "“%(appraisal)s”.",
                    appraisal=self[:1].display_name,
                )
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _open_reviews(self):
        """Request every planned review: lines, deadline and an activity each."""
        reviews = self.review_ids.filtered(lambda r: r.state == "planned")
        # The cycle's chatter records the phase: no message per appraisal.
        self.filtered(lambda a: a.state == "planned")._workflow().with_context(
            tracking_disable=True
        ).write({"state": "review"})
        return reviews._request()

    def _close_reviews(self):
        """End the review phase of these appraisals: the reviews still open
        expire, and the results are computed once more, anonymous groups
        included; no answer is taken after this, so those aggregates never
        change again."""
        # No tracking: a write here would make mail.thread watch every tracked
        # field, and the release that follows would log its state change a
        # second time, one message per appraisal (the release message records it).
        appraisals = (
            self._workflow()
            .with_context(tracking_disable=True)
            .filtered(lambda a: not a.reviews_closed)
        )
        if not appraisals:
            return appraisals
        appraisals.review_ids.filtered(
            lambda r: r.state in ("planned", "proposed", "requested")
        ).write({"state": "expired"})
        # Activities on reviews are from before the reviewers' to-dos, which
        # the expiry above updated (perf_review_todo).
        appraisals.review_ids.activity_ids.unlink()
        appraisals.write({"reviews_closed": True})
        appraisals._compute_results()
        return appraisals

    def action_release(self):
        self._check_manager_or_hr()
        not_ready = self.filtered(
            lambda a: (
                a.state != "review"
                or not a.review_ids.filtered(
                    lambda r: r.rater_type == "manager" and r.state == "submitted"
                )
            )
        )
        if not_ready:
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” cannot be released yet: the manager "
                    "review must be submitted first.",
                    appraisal=not_ready[0].display_name,
                )
            )
        appraisals = self._workflow()
        appraisals._close_reviews()
        # One message each, in batch: the change and the employee's notice.
        release_appraisals(appraisals)
        return True

    def action_acknowledge(self, comment=None):
        for appraisal in self:
            if appraisal.employee_id.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(employee)s can sign off this appraisal.",
                        employee=appraisal.employee_id.name,
                    )
                )
            if appraisal.state != "released":
                raise UserError(
                    self.env._("Only a released appraisal can be signed off.")
                )
        appraisals = self._workflow()
        appraisals.write(
            {
                "state": "acknowledged",
                "acknowledged_date": fields.Datetime.now(),
                "acknowledgement_comment": comment or False,
            }
        )
        for appraisal in appraisals:
            # Markup escapes the employee's name and comment exactly once.
            body = Markup("<p>%s</p>") % self.env._(
                "Signed off by %(employee)s.", employee=appraisal.employee_id.name
            )
            if comment:
                body += Markup("<p>%s</p>") % comment
            appraisal.message_post(body=body)
        return True

    def action_open_acknowledge_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "perf.appraisal.acknowledge.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def action_cancel(self):
        self._check_manager_or_hr()
        appraisals = self._workflow()
        done = appraisals.filtered(lambda a: a.state in ("released", "acknowledged"))
        if done:
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” is released: its result stands and "
                    "changes only through an appeal.",
                    appraisal=done[0].display_name,
                )
            )
        appraisals.review_ids.filtered(
            lambda r: r.state in ("planned", "proposed", "requested")
        ).write({"state": "cancelled"})
        appraisals.write({"state": "cancelled"})
        return True

    def action_schedule_interview(self):
        self.ensure_one()
        self._check_manager_or_hr()
        partners = (
            self.employee_id.user_id.partner_id | self.env.user.partner_id
        ) or self.env.user.partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Feedback interview"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_name": self.env._(
                    "Feedback interview – %(employee)s", employee=self.employee_id.name
                ),
                "default_partner_ids": partners.ids,
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_description": self._interview_guide(),
                "default_duration": 1.0,
            },
        }

    def _interview_guide(self):
        """A plain outline for the interview, from the results and the template;
        goal names are the users' text, escaped once by Markup."""
        self.ensure_one()
        _ = self.env._
        items = Markup("").join(
            Markup("<li>%s</li>") % text
            for text in (
                _("Results: goals, competencies and the final rating."),
                _("What went well (strengths)."),
                _("What to improve, and why."),
                _("The development plan: actions, owners, deadlines."),
                _("Questions and the employee’s view."),
            )
        )
        guide = Markup("<h3>%s</h3><ol>%s</ol>") % (_("Interview guide"), items)
        if self.goal_ids:
            goals = Markup("").join(
                Markup("<li>%s: %s</li>")
                % (
                    goal.name,
                    _(
                        "%(attainment)s %%",
                        attainment=formatLang(self.env, goal.attainment, digits=0),
                    )
                    if goal.measured
                    else _("Not measured yet"),
                )
                for goal in self.goal_ids
            )
            guide += Markup("<h4>%s</h4><ul>%s</ul>") % (_("Goals"), goals)
        return guide

    def action_view_interviews(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Feedback interviews"),
            "res_model": "calendar.event",
            "view_mode": "list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
        }

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_review_action"
        )
        action["domain"] = [("appraisal_id", "=", self.id)]
        action["context"] = {"default_appraisal_id": self.id}
        return action

    def _escalate_late_reviews(self, late_reviews, level):
        """Tell the manager (level 1), then HR (level 2), that reviews are late.

        Anonymous reviewers are counted, never named.
        """
        self.ensure_one()
        if level == 1:
            user = self.manager_user_id or self.cycle_id.user_id
        else:
            user = self.cycle_id.user_id or self.env.ref("base.user_admin")
        appraisal = in_lang_of(self, user)  # the text in the user's language
        named = late_reviews.filtered(lambda r: not r.anonymous)
        anonymous_count = len(late_reviews - named)
        parts = [
            review.reviewer_employee_id.name or review.partner_id.name
            for review in named
        ]
        if anonymous_count:
            parts.append(
                appraisal.env._(
                    "%(count)s anonymous reviewer(s)", count=anonymous_count
                )
            )
        appraisal.activity_schedule(
            "odoo_perf_review.mail_activity_review_late",
            user_id=user.id,
            note=escape(
                appraisal.env._(
                    "Late reviews for %(employee)s: %(who)s.",
                    employee=self.employee_id.name,
                    who=", ".join(parts),
                )
            ),
        )

    def action_open_peer_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Choose peers"),
            "res_model": "perf.peer.nomination.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id, "active_model": self._name},
        }

    def action_approve_peers(self):
        """The manager approves the peers the employee proposed."""
        self._check_manager_or_hr()
        proposed = self.sudo().review_ids.filtered(lambda r: r.state == "proposed")
        if not proposed:
            raise UserError(self.env._("There is no proposed peer to approve."))
        for appraisal in self:
            ours = proposed.filtered(lambda r, a=appraisal: r.appraisal_id == a)
            if appraisal.state == "review" and not appraisal.reviews_closed:
                ours._request()
            elif appraisal.state in ("planned", "review"):
                ours._workflow().write({"state": "planned"})
        return True

    def action_open_promotion_wizard(self):
        self.ensure_one()
        self._check_manager_or_hr()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recommend a promotion"),
            "res_model": "perf.promotion.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def _recommend_promotion(self, job, reason):
        """Record the recommendation and ask the cycle's HR officer to act."""
        self.ensure_one()
        self._check_manager_or_hr()
        if self.state not in ("released", "acknowledged"):
            raise UserError(
                self.env._("A promotion is recommended from a released appraisal.")
            )
        self._workflow().write(
            {
                "promotion_recommended": True,
                "promotion_job_id": job.id,
                "promotion_reason": reason,
                "promotion_recommended_by_id": self.env.user.id,
            }
        )
        hr_user = self.cycle_id.user_id
        if hr_user:
            appraisal = in_lang_of(self.sudo(), hr_user)  # in the officer's language
            appraisal.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=hr_user.id,
                note=escape(
                    appraisal.env._(
                        "%(manager)s recommends promoting %(employee)s%(job)s: "
                        "%(reason)s",
                        manager=self.env.user.name,
                        employee=self.employee_id.name,
                        job=f" ({job.name})" if job else "",
                        reason=reason,
                    )
                ),
            )
        return True

    def action_open_calibrate_wizard(self):
        self.ensure_one()
        self._check_can_calibrate()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Calibrate the rating"),
            "res_model": "perf.appraisal.calibrate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def _check_can_calibrate(self):
        user = self.env.user
        if not self._perf_in_workflow() and (
            not user.has_group("odoo_perf_review.group_perf_officer")
            or self.filtered(lambda a: a.sudo().employee_id.user_id == user)
        ):
            raise AccessError(
                self.env._(
                    "Only an HR officer calibrates ratings, and never their own."
                )
            )
        not_open = self.filtered(lambda a: a.state != "review")
        if not_open:
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” is %(state)s: a rating is "
                    "calibrated before the results are released; after that it "
                    "changes only through an appeal.",
                    appraisal=not_open[0].display_name,
                    state=selection_label(not_open[0], "state").lower(),
                )
            )

    def _calibrate(self, level, justification):
        """Set the calibrated rating, with the reason, in the chatter under
        the name of whoever decided it."""
        self._check_can_calibrate()
        reason = (justification or "").strip()
        if not reason:
            raise UserError(
                self.env._(
                    "Say why the rating changes: the justification is kept with "
                    "the appraisal."
                )
            )
        for appraisal in self:
            if level and level.scale_id != appraisal.rating_scale_id:
                raise UserError(
                    self.env._(
                        "“%(level)s” is not a level of the rating scale "
                        "“%(scale)s”: pick one of its levels.",
                        level=level.display_name,
                        scale=appraisal.rating_scale_id.display_name,
                    )
                )
        author = self.env.user.partner_id
        for appraisal in self._workflow():
            old = appraisal.final_level_id
            appraisal.write({"calibrated_level_id": level.id if level else False})
            appraisal.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    self.env._(
                        "Rating calibrated: %(old)s → %(new)s.",
                        old=old.display_name or "-",
                        new=appraisal.final_level_id.display_name or "-",
                    ),
                    reason,
                ),
                author_id=author.id,
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_print(self):
        released = self.filtered(lambda a: a.state in ("released", "acknowledged"))
        if released != self:
            raise UserError(self.env._("Only released appraisals can be printed."))
        return self.env.ref(
            "odoo_perf_review.action_report_perf_appraisal"
        ).report_action(self)

    def action_recompute(self):
        self._check_manager_or_hr()
        released = self.filtered(lambda a: a.state not in ("planned", "review"))
        if released:
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” is %(state)s: its result is frozen "
                    "and changes only through an appeal decision.",
                    appraisal=released[0].display_name,
                    state=selection_label(released[0], "state").lower(),
                )
            )
        self._compute_results()
        return True
