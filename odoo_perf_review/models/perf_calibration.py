# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

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
    # Opening (lines, rater statistics) and what the session shows
    # (distribution, 9-box) are mixins, one file each.
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "perf.workflow.guard",
        "perf.calibration.open.mixin",
        "perf.calibration.report.mixin",
    ]
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

    def _perf_roles(self):
        officer = self.env.user.has_group("odoo_perf_review.group_perf_officer")
        return {session.id: {"officer"} if officer else set() for session in self}

    def _perf_write_hint(self):
        return self.env._(
            "HR sets up a draft session; opening it takes the people in scope, "
            "and ratings change through the lines' Change button."
        )

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
