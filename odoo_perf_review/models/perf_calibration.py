# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import SQL, float_round

from ..engine import calibration as calibration_engine
from ..engine.write_rules import rule
from ..tools.labels import selection_label

SESSION_STATES = [
    ("draft", "Draft"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
SCOPES = [
    ("company", "The whole company"),
    ("departments", "Departments"),
    ("manager", "A manager's organisation"),
]
# What HR sets up before opening the session: the scope is frozen once the
# lines are there.
SETUP_FIELDS = frozenset(
    {"cycle_id", "scope", "department_ids", "manager_id", "facilitator_id"}
)
# Lines are created quietly: the session's chatter records the opening.
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}
# |d| is stored within these bounds: a rater whose every rating sits apart
# from the others' has an infinite d.
LENIENCY_CAP = 99.0


class PerfCalibration(models.Model):
    """A calibration session: the appraisals of a cycle in one scope, their
    ratings side by side, the distribution against the scale's guideline and
    the statistics of who rates high or low.

    HR opens the session (one line per rated appraisal in scope), changes
    ratings with a justification through the lines, and closes it. Managers
    taking part read their own people and their own statistics only.
    """

    _name = "perf.calibration"
    _description = "Calibration Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "perf.workflow.guard"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    _perf_workflow_fields = frozenset(
        {
            "name",
            "company_id",
            "state",
            "line_ids",
            "rater_ids",
            "participant_ids",
            "opened_date",
            "closed_date",
        }
    )
    _perf_write_rules = (
        rule("officer", SETUP_FIELDS | {"departure_justification"}, states={"draft"}),
        rule("officer", {"facilitator_id", "departure_justification"}, {"in_progress"}),
    )
    _perf_create_fields = SETUP_FIELDS | {"departure_justification"}

    name = fields.Char(compute="_compute_name", store=True, readonly=True)
    cycle_id = fields.Many2one(
        "perf.cycle",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('state', 'in', ('review', 'calibration'))]",
    )
    company_id = fields.Many2one(
        related="cycle_id.company_id", store=True, index=True, precompute=True
    )
    rating_scale_id = fields.Many2one(related="cycle_id.rating_scale_id")
    scope = fields.Selection(SCOPES, required=True, default="company", tracking=True)
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        check_company=True,
        help="Their employees, sub-departments included.",
    )
    manager_id = fields.Many2one(
        "hr.employee",
        check_company=True,
        tracking=True,
        help="Everyone below this manager, at any depth.",
    )
    facilitator_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
        help="The HR officer who leads the session.",
    )
    participant_ids = fields.Many2many(
        "res.users",
        string="Participants",
        readonly=True,
        help="The managers of the people in scope, set when the session opens: "
        "each reads the lines of their own people.",
    )
    state = fields.Selection(
        SESSION_STATES,
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    opened_date = fields.Datetime(readonly=True, copy=False)
    closed_date = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many("perf.calibration.line", "calibration_id", "People")
    rater_ids = fields.One2many(
        "perf.calibration.rater", "calibration_id", "Rater statistics"
    )
    line_count = fields.Integer(compute="_compute_counts", string="People in scope")
    changed_count = fields.Integer(compute="_compute_counts", string="Changed")
    rater_alert_count = fields.Integer(
        compute="_compute_counts",
        string="Raters apart",
        help="Raters whose ratings sit clearly above or below the others', or "
        "in the middle.",
    )
    distribution = fields.Html(
        compute="_compute_distribution",
        sanitize=False,
        help="The ratings of the people you can read, level by level, against "
        "the guideline of the rating scale.",
    )
    nine_box_grid = fields.Html(
        "9-box", compute="_compute_distribution", sanitize=False
    )
    departure_flagged = fields.Boolean(
        compute="_compute_departure_flagged",
        help="The session's distribution departs from the guideline by more "
        "than the tolerance at some level.",
    )
    departure_justification = fields.Text(
        tracking=True,
        help="Why the distribution may depart from the guideline: required to "
        "close a session whose distribution departs from it.",
    )

    # ------------------------------------------------------------------
    # Write guard
    # ------------------------------------------------------------------
    def _perf_roles(self):
        officer = self.env.user.has_group("odoo_perf_review.group_perf_officer")
        return {session.id: {"officer"} if officer else set() for session in self}

    def _perf_write_hint(self):
        return self.env._(
            "HR sets up a draft session; opening it takes the people in scope, "
            "and ratings change through the lines' Change button."
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("cycle_id.name", "scope", "department_ids.name", "manager_id.name")
    def _compute_name(self):
        for session in self:
            if session.scope == "departments" and session.department_ids:
                where = ", ".join(session.department_ids.mapped("name"))
            elif session.scope == "manager" and session.manager_id:
                where = self.env._(
                    "%(manager)s's organisation", manager=session.manager_id.name
                )
            else:
                where = self.env._("Company")
            session.name = f"{session.cycle_id.name or ''} – {where}"

    @api.depends_context("uid")
    def _compute_counts(self):
        # With the reader's rights: managers count their own people.
        Line = self.env["perf.calibration.line"]
        counts = defaultdict(int)
        changed = defaultdict(int)
        for session, is_changed, count in Line._read_group(
            [("calibration_id", "in", self.ids)],
            ["calibration_id", "changed"],
            ["__count"],
        ):
            counts[session.id] += count
            if is_changed:
                changed[session.id] += count
        alerts = dict(
            self.env["perf.calibration.rater"]._read_group(
                [
                    ("calibration_id", "in", self.ids),
                    ("verdict", "in", ("lenient", "severe", "central")),
                ],
                ["calibration_id"],
                ["__count"],
            )
        )
        for session in self:
            session.line_count = counts[session.id]
            session.changed_count = changed[session.id]
            session.rater_alert_count = alerts.get(session, 0)

    def _level_counts(self, sudo=False):
        """{session id: {"computed": {level: n}, "calibrated": {level: n}}},
        of the lines the user reads (all of them with ``sudo``), and
        {session id: {box: n}} of the 9-box."""
        Line = self.env["perf.calibration.line"]
        if sudo:
            Line = Line.sudo()
        levels = defaultdict(
            lambda: {"computed": defaultdict(int), "calibrated": defaultdict(int)}
        )
        boxes = defaultdict(lambda: defaultdict(int))
        for session, computed, calibrated, box, count in Line._read_group(
            [("calibration_id", "in", self.ids)],
            ["calibration_id", "computed_level_id", "calibrated_level_id", "nine_box"],
            ["__count"],
        ):
            levels[session.id]["computed"][computed] += count
            levels[session.id]["calibrated"][calibrated] += count
            boxes[session.id][box] += count
        return levels, boxes

    def _departures(self, counts):
        """[(scale, [engine LevelShare])] of the scales the lines use."""
        scales = self.env["perf.rating.scale"].union(
            *(level.scale_id for level in counts if level)
        )
        result = []
        for scale in scales:
            guideline = scale._guideline()
            if not guideline:
                continue
            shares = calibration_engine.compare_distribution(
                {level: counts.get(level, 0) for level in guideline},
                guideline,
                scale.guideline_tolerance,
            )
            result.append((scale, shares))
        return result

    @api.depends_context("uid")
    def _compute_distribution(self):
        levels, boxes = self._level_counts()
        for session in self:
            counts = levels[session.id]
            session.distribution = session._distribution_html(counts)
            session.nine_box_grid = session._nine_box_html(boxes[session.id])

    def _compute_departure_flagged(self):
        # On every line of the session: closing depends on it.
        levels, _boxes = self._level_counts(sudo=True)
        for session in self:
            session.departure_flagged = any(
                share.flagged
                for _scale, shares in session._departures(
                    levels[session.id]["calibrated"]
                )
                for share in shares
            )

    def _distribution_html(self, counts):
        self.ensure_one()
        _ = self.env._
        calibrated = counts["calibrated"]
        computed = counts["computed"]
        departures = self._departures(calibrated)
        if not departures:
            if not calibrated:
                return Markup("<p class='text-muted'>%s</p>") % _(
                    "The distribution appears once the session is open."
                )
            return Markup("<p class='text-muted'>%s</p>") % _(
                "The rating scale has no guideline: set the expected share of "
                "each level on the scale to compare the session with it."
            )
        html = Markup("")
        for scale, shares in departures:
            total = sum(share.count for share in shares)
            expected = calibration_engine.guideline_counts(
                [share.guideline for share in shares], total
            )
            flagged = [share for share in shares if share.flagged]
            if flagged:
                html += Markup(
                    "<div class='alert alert-warning o_perf_calibration_departure' "
                    "role='alert'>%s</div>"
                ) % _(
                    "The distribution departs from the guideline by more than "
                    "%(tolerance)s points at: %(levels)s. HR may keep it, with "
                    "a justification, when closing the session.",
                    tolerance=f"{scale.guideline_tolerance:g}",
                    levels=", ".join(
                        f"{share.level.display_name} ({share.deviation:+.0f})"
                        for share in flagged
                    ),
                )
            rows = Markup("").join(
                Markup(
                    "<tr class='%s'><td>%s</td><td class='text-end'>%s %%</td>"
                    "<td class='text-end'>%s</td><td class='text-end'>%s</td>"
                    "<td class='text-end'>%s</td><td class='text-end'>%s %%</td>"
                    "<td class='text-end'>%s</td></tr>"
                )
                % (
                    "table-warning" if share.flagged else "",
                    share.level.display_name,
                    f"{share.guideline:g}",
                    want,
                    computed.get(share.level, 0),
                    share.count,
                    f"{share.actual:.0f}",
                    f"{share.deviation:+.0f}",
                )
                for share, want in zip(shares, expected, strict=True)
            )
            html += Markup(
                "<table class='table table-sm o_perf_calibration_distribution'>"
                "<thead><tr><th>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>"
            ) % (
                scale.display_name,
                _("Guideline"),
                _("Expected people"),
                _("From the scores"),
                _("Calibrated"),
                _("Share"),
                _("Departure (points)"),
                rows,
            )
        return html

    def _nine_box_html(self, boxes):
        self.ensure_one()
        _ = self.env._
        labels = dict(
            self.env["perf.calibration.line"]
            ._fields["nine_box"]
            ._description_selection(self.env)
        )
        rows = Markup("")
        for potential in ("high", "medium", "low"):
            cells = Markup("")
            for performance in calibration_engine.BOXES:
                box = f"{performance}_{potential}"
                cells += Markup(
                    "<td class='text-center'><div class='fw-bold fs-4'>%s</div>"
                    "<div class='small text-muted'>%s</div></td>"
                ) % (boxes.get(box, 0), labels[box])
            rows += Markup("<tr><th>%s</th>%s</tr>") % (
                selection_label(
                    self.env["perf.calibration.line"], "potential", potential
                ),
                cells,
            )
        head = Markup("").join(
            Markup("<th class='text-center'>%s</th>")
            % selection_label(self.env["perf.calibration.line"], "performance_box", box)
            for box in calibration_engine.BOXES
        )
        unplaced = boxes.get("to_place", 0)
        note = (
            Markup("<p class='text-muted'>%s</p>")
            % _(
                "%(count)s people have no potential yet: set it on their line "
                "to place them.",
                count=unplaced,
            )
            if unplaced
            else Markup("")
        )
        return Markup(
            "<table class='table table-bordered o_perf_nine_box'><thead><tr>"
            "<th>%s ↓ / %s →</th>%s</tr></thead><tbody>%s</tbody></table>%s"
        ) % (_("Potential"), _("Performance"), head, rows, note)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("scope", "department_ids", "manager_id")
    def _check_scope(self):
        for session in self:
            if session.scope == "departments" and not session.department_ids:
                raise ValidationError(
                    self.env._(
                        "Choose the departments of calibration session “%(session)s”.",
                        session=session.display_name,
                    )
                )
            if session.scope == "manager" and not session.manager_id:
                raise ValidationError(
                    self.env._(
                        "Choose the manager whose organisation calibration session "
                        "“%(session)s” covers.",
                        session=session.display_name,
                    )
                )

    @api.constrains("facilitator_id")
    def _check_facilitator(self):
        for session in self:
            user = session.facilitator_id
            if user and not user.has_group("odoo_perf_review.group_perf_officer"):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not an HR officer in Performance: the "
                        "facilitator of a calibration session must be one.",
                        user=user.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        started = self.filtered(lambda s: s.state != "draft")
        if started:
            raise UserError(
                self.env._(
                    "Calibration session “%(session)s” has been opened and keeps "
                    "the history of its ratings: cancel it instead of deleting it.",
                    session=started[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_officer(self):
        if not self.env.user.has_group("odoo_perf_review.group_perf_officer"):
            raise AccessError(
                self.env._("Only an HR officer runs calibration sessions.")
            )
        # Read with the user's rights: another company's session is refused.
        self.check_access("write")

    def _check_state(self, states, what):
        wrong = self.filtered(lambda s: s.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "Calibration session “%(session)s” is %(state)s: it cannot "
                    "%(what)s.",
                    session=wrong[0].display_name,
                    state=selection_label(wrong[0], "state").lower(),
                    what=what,
                )
            )

    def _scope_domain(self):
        """The rated appraisals of the cycle in the session's scope."""
        self.ensure_one()
        domain = Domain(
            [
                ("cycle_id", "=", self.cycle_id.id),
                ("state", "=", "review"),
                ("rating_level_id", "!=", False),
            ]
        )
        if self.scope == "departments":
            domain &= Domain("department_id", "child_of", self.department_ids.ids)
        elif self.scope == "manager":
            domain &= Domain("employee_id", "child_of", self.manager_id.ids) & Domain(
                "employee_id", "!=", self.manager_id.id
            )
        return domain

    def action_open(self):
        """Take the people in scope: one line each, the participants and the
        rater statistics, in a few queries whatever the population."""
        self._check_officer()
        self._check_state(("draft",), self.env._("be opened again"))
        for session in self:
            session._open()
        return True

    def _open(self):
        self.ensure_one()
        _ = self.env._
        cycle = self.cycle_id
        if cycle.state != "calibration":
            raise UserError(
                _(
                    "Cycle “%(cycle)s” is %(state)s: calibration sessions open "
                    "in its calibration phase, once the reviews are closed.",
                    cycle=cycle.display_name,
                    state=selection_label(cycle, "state").lower(),
                )
            )
        # Plain rows: thousands of appraisals, a few columns each.
        Appraisal = self.env["perf.appraisal"].sudo()
        columns = (
            "id",
            "employee_id",
            "manager_id",
            "department_id",
            "rating_level_id",
            "final_level_id",
            "final_score",
            "manager_user_id",
        )
        Appraisal.flush_model(columns[1:])
        query = Appraisal._search(self._scope_domain(), order="id")
        appraisals = self.env.execute_query_dict(
            query.select(
                *(
                    SQL(
                        "%s AS %s",
                        SQL.identifier(query.table, name),
                        SQL.identifier(name),
                    )
                    for name in columns
                )
            )
        )
        if not appraisals:
            raise UserError(
                _(
                    "No appraisal of cycle “%(cycle)s” in the scope of “%(session)s” "
                    "has a rating yet: calibration works on rated appraisals.",
                    cycle=cycle.display_name,
                    session=self.display_name,
                )
            )
        Line = self.env["perf.calibration.line"].sudo()
        elsewhere = Line.search(
            [
                ("appraisal_id", "any", self._scope_domain()),
                ("calibration_id.state", "=", "in_progress"),
            ],
            limit=1,
        )
        if elsewhere:
            raise UserError(
                _(
                    "%(employee)s is already calibrated in session “%(other)s”, "
                    "which is in progress: close it first, or choose a scope "
                    "without them.",
                    employee=elsewhere.employee_id.name,
                    other=elsewhere.calibration_id.display_name,
                )
            )
        Level = self.env["perf.rating.level"]
        ranks = Line._performance_ranks(
            Level.browse({row["final_level_id"] for row in appraisals}).scale_id
        )
        Line._workflow().with_context(**QUIET).create(
            [
                {
                    "calibration_id": self.id,
                    "appraisal_id": row["id"],
                    "employee_id": row["employee_id"],
                    "manager_id": row["manager_id"],
                    "department_id": row["department_id"],
                    "computed_level_id": row["rating_level_id"],
                    "calibrated_level_id": row["final_level_id"],
                    "final_score": float(row["final_score"] or 0.0),
                    **Line._box_values(
                        row["rating_level_id"], row["final_level_id"], False, ranks
                    ),
                }
                for row in appraisals
            ]
        )
        raters = self._create_rater_statistics()
        participants = (
            self.env["res.users"].browse(
                {row["manager_user_id"] for row in appraisals if row["manager_user_id"]}
            )
            | self.manager_id.sudo().user_id
        )
        self._workflow().write(
            {
                "state": "in_progress",
                "opened_date": fields.Datetime.now(),
                "participant_ids": [Command.set(participants.ids)],
            }
        )
        # The chatter is the participants' too: managers only, peers are HR's.
        apart = [
            rater
            for rater in raters
            if rater["kind"] == "manager"
            and rater["verdict"] in ("lenient", "severe", "central")
        ]
        self.message_post(
            body=_(
                "Session opened: %(people)s people in scope, %(raters)s managers "
                "whose ratings sit apart from the others'.",
                people=len(appraisals),
                raters=len(apart),
            )
        )

    def _create_rater_statistics(self):
        """The statistics of the managers' ratings (their manager reviews) and
        of the peers' (their peer reviews, peers with enough ratings only),
        each against the others in scope. The peer reviews of HR officers'
        appraisals are left out: an officer must not difference their own
        anonymous reviews out of a peer's figures."""
        self.ensure_one()
        template = self.cycle_id.template_id
        middle = self._middle_band(template.rating_scale_id)
        officers = (
            self.env.ref("odoo_perf_review.group_perf_officer").sudo().all_user_ids
        )
        # The appraisals in scope as a subquery, not thousands of ids.
        in_scope = self._scope_domain()
        Review = self.env["perf.review"].sudo()
        vals_list = []
        for kind, scope, minimum in (
            ("manager", in_scope, 0),
            (
                "peer",
                in_scope & Domain("user_id", "not in", officers.ids),
                max(calibration_engine.MIN_RATINGS, template.anonymity_threshold),
            ),
        ):
            ratings = defaultdict(list)
            for employee, scores in Review._read_group(
                [
                    ("appraisal_id", "any", scope),
                    ("rater_type", "=", kind),
                    ("state", "=", "submitted"),
                    ("reviewer_employee_id", "!=", False),
                ],
                ["reviewer_employee_id"],
                ["score:array_agg"],
            ):
                ratings[employee.id] = scores
            stats = calibration_engine.rater_statistics(ratings, middle=middle)
            for employee_id, stat in stats.items():
                if stat.count < minimum:
                    continue
                vals_list.append(
                    {
                        "kind": kind,
                        "rater_employee_id": employee_id,
                        "rating_count": stat.count,
                        "mean": stat.mean,
                        "spread": stat.spread,
                        "others_mean": stat.others_mean or 0.0,
                        "leniency": _capped(stat.leniency),
                        "verdict": stat.verdict,
                    }
                )
        self._insert_rater_rows(vals_list)
        return vals_list

    def _insert_rater_rows(self, vals_list):
        """Store the statistics rows in one INSERT.

        A 10,000-employee cycle has about as many raters as people (every
        peer with enough ratings), and these rows are derived figures: no
        tracking, no chatter, nothing computed from them, refreshed only by
        opening a session. The ORM's per-record work on them would be half of
        the opening, so they are written in one statement, rounded as the ORM
        rounds them, and the ORM cache is told.
        """
        self.ensure_one()
        if not vals_list:
            return
        Rater = self.env["perf.calibration.rater"]

        def rounded(name):
            digits = Rater._fields[name].get_digits(self.env)[1]
            return [
                float_round(vals[name], precision_digits=digits) for vals in vals_list
            ]

        self.env.cr.execute(
            SQL(
                """
                INSERT INTO perf_calibration_rater (
                    calibration_id, kind, rater_employee_id, rating_count, mean,
                    spread, others_mean, leniency, verdict)
                SELECT %(session)s, t.kind, t.employee, t.n, t.mean, t.spread,
                       t.others, t.d, t.verdict
                  FROM unnest(%(kinds)s::varchar[], %(employees)s::int[],
                              %(counts)s::int[], %(means)s::numeric[],
                              %(spreads)s::numeric[], %(others)s::numeric[],
                              %(leniencies)s::numeric[], %(verdicts)s::varchar[])
                    AS t(kind, employee, n, mean, spread, others, d, verdict)
                """,
                session=self.id,
                kinds=[vals["kind"] for vals in vals_list],
                employees=[vals["rater_employee_id"] for vals in vals_list],
                counts=[vals["rating_count"] for vals in vals_list],
                means=rounded("mean"),
                spreads=rounded("spread"),
                others=rounded("others_mean"),
                leniencies=rounded("leniency"),
                verdicts=[vals["verdict"] for vals in vals_list],
            )
        )
        Rater.invalidate_model()
        self.invalidate_recordset(["rater_ids"])

    @api.model
    def _middle_band(self, scale):
        """The score band of the middle level of an odd scale (central
        tendency), else None."""
        levels = scale.level_ids
        if len(levels) % 2 == 0:
            return None
        middle = levels[len(levels) // 2]
        return (middle.score_min, middle.score_max)

    def action_close(self):
        self._check_officer()
        self._check_state(("in_progress",), self.env._("be closed"))
        for session in self:
            reason = (session.departure_justification or "").strip()
            if session.departure_flagged and not reason:
                raise UserError(
                    self.env._(
                        "The distribution of “%(session)s” departs from the "
                        "guideline by more than the tolerance: write why it may "
                        "(Departure justification) before closing the session.",
                        session=session.display_name,
                    )
                )
        self._workflow().write({"state": "done", "closed_date": fields.Datetime.now()})
        for session in self:
            body = Markup("<p>%s</p>") % self.env._("Session closed.")
            if session.departure_flagged:
                body += Markup("<p>%s</p><p>%s</p>") % (
                    self.env._("Kept apart from the guideline because:"),
                    session.departure_justification,
                )
            session.message_post(body=body)
        return True

    def action_cancel(self):
        self._check_officer()
        self._check_state(("draft", "in_progress"), self.env._("be cancelled"))
        self._workflow().write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Views
    # ------------------------------------------------------------------
    def _lines_action(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("calibration_id", "=", self.id)]
        action["context"] = {"default_calibration_id": self.id}
        action["display_name"] = f"{action['name']}: {self.display_name}"
        return action

    def action_view_nine_box(self):
        return self._lines_action(
            "odoo_perf_review.perf_calibration_line_action_nine_box"
        )

    def action_view_lines(self):
        return self._lines_action("odoo_perf_review.perf_calibration_line_action")

    def action_view_chart(self):
        return self._lines_action("odoo_perf_review.perf_calibration_line_action_chart")


def _capped(value):
    if value is None:
        return 0.0
    if math.isinf(value):
        return math.copysign(LENIENCY_CAP, value)
    return max(-LENIENCY_CAP, min(LENIENCY_CAP, value))


class PerfCycle(models.Model):
    _inherit = "perf.cycle"

    calibration_count = fields.Integer(compute="_compute_calibration_count")

    def _compute_calibration_count(self):
        counts = dict(
            self.env["perf.calibration"]._read_group(
                [("cycle_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["cycle_id"],
                ["__count"],
            )
            if self.env["perf.calibration"].has_access("read")
            else []
        )
        for cycle in self:
            cycle.calibration_count = counts.get(cycle, 0)

    def action_open_calibration(self):
        """The cycle's calibration session, or a new one for HR."""
        self.ensure_one()
        sessions = self.env["perf.calibration"].search(
            [("cycle_id", "=", self.id), ("state", "!=", "cancelled")]
        )
        officer = self.env.user.has_group("odoo_perf_review.group_perf_officer")
        if not sessions and not officer:
            raise UserError(
                self.env._(
                    "No calibration session of cycle “%(cycle)s” includes you yet.",
                    cycle=self.display_name,
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_calibration_action"
        )
        action["domain"] = [("cycle_id", "=", self.id)]
        action["context"] = {"default_cycle_id": self.id}
        if len(sessions) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=sessions.id)
        elif not sessions:
            action.update(view_mode="form", views=[(False, "form")])
        return action
