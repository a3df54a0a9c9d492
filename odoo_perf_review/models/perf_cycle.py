# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from ..engine import rotation, schedule
from ..engine.write_rules import ALL_FIELDS, rule
from ..tools.cron_batches import apply_in_batches
from ..tools.labels import selection_label
from ..tools.notifications import client_notification
from ..tools.recipients import in_lang_of

_logger = logging.getLogger(__name__)

FREQUENCIES = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("semiannual", "Semi-annual"),
    ("annual", "Annual"),
]
STATES = [
    ("draft", "Draft"),
    ("goal_setting", "Goal setting"),
    ("in_progress", "In progress"),
    ("review", "Review"),
    ("calibration", "Calibration"),
    ("released", "Released"),
    ("closed", "Closed"),
]
DEADLINE_FIELDS = schedule.DEADLINE_ORDER
# A closed cycle is history: only the chatter and archiving still change.
CLOSED_WRITABLE_FIELDS = {"active", "bonus_policy_id", "bonus_pool_ids"}
# The phases in which people can be late, and nudged.
NUDGE_STATES = ("goal_setting", "in_progress", "review")
# Up to this many appraisals, opening reviews or releasing results happens at
# once; above, the phase job does it in the background, in batches.
PHASE_WORK_INLINE_LIMIT = 300
# Appraisals per committed batch of the phase job (each opens ~5 reviews).
PHASE_WORK_BATCH_SIZE = 100


def _deadline_field(string, help_text=None):
    """A phase deadline: proposed from the period, editable, tracked."""
    return fields.Date(
        string,
        compute="_compute_deadlines",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        copy=False,
        help=help_text,
    )


def _default_period(frequency="quarterly"):
    """The period a new cycle proposes: the current one, or the next one when
    less than half of the current one is left."""
    return schedule.proposed_period(fields.Date.today(), frequency)


class PerfCycle(models.Model):
    _name = "perf.cycle"
    _description = "Performance Cycle"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "perf.workflow.guard",
        "perf.cycle.concurrency",
    ]

    # HR runs the cycle; its phase moves only by the buttons and the daily job.
    # A closed cycle keeps its data as it was.
    _perf_workflow_fields = frozenset(
        {"state", "previous_cycle_id", "next_cycle_id", "appraisal_ids"}
    )
    _perf_write_rules = (
        rule(
            "officer",
            ALL_FIELDS,
            states={
                "draft",
                "goal_setting",
                "in_progress",
                "review",
                "calibration",
                "released",
            },
        ),
        rule("officer", CLOSED_WRITABLE_FIELDS, states={"closed"}),
    )
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        tracking=True,
        help="Suggested from the period, e.g. 2026 Q4.",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    frequency = fields.Selection(
        FREQUENCIES, required=True, default="quarterly", tracking=True
    )
    date_start = fields.Date(
        "Start",
        required=True,
        tracking=True,
        default=lambda self: _default_period(self._default_frequency())[0],
    )
    date_end = fields.Date(
        "End",
        required=True,
        tracking=True,
        default=lambda self: _default_period(self._default_frequency())[1],
    )
    state = fields.Selection(
        STATES,
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
        readonly=True,
    )
    template_id = fields.Many2one(
        "perf.template",
        check_company=True,
        tracking=True,
        help="How employees are evaluated in this cycle: method, weights, raters "
        "and rating scale.",
    )
    method = fields.Selection(related="template_id.method")
    rating_scale_id = fields.Many2one(related="template_id.rating_scale_id")
    description = fields.Html(
        help="What this cycle is about; shown to everyone taking part."
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
        help="The HR officer who runs this cycle and is reminded of its deadlines.",
    )

    # Phase deadlines: each one ends the phase of the same rank.
    goal_deadline = _deadline_field(
        "Goals set by", "Goal setting ends on this day; the cycle then runs."
    )
    review_start_date = _deadline_field(
        "Reviews open on", "The day after this date the review phase starts."
    )
    review_deadline = _deadline_field("Reviews due")
    calibration_deadline = _deadline_field(
        "Calibration ends", "Results are released to employees after this day."
    )
    close_date = _deadline_field(
        "Closes on", "After this day the cycle is closed and becomes read-only."
    )
    current_deadline = fields.Date(
        compute="_compute_current_deadline",
        help="The deadline that ends the current phase.",
    )
    days_left = fields.Integer(
        compute="_compute_current_deadline",
        help="Days until the current phase ends (negative when overdue).",
    )

    auto_start = fields.Boolean(
        "Start automatically",
        help="Start goal setting on the start date without waiting for HR.",
    )
    recurring = fields.Boolean(
        "Prepare the next cycle",
        default=True,
        help="A draft of the next cycle (same template, next period) is "
        "prepared ahead of this one's end.",
    )
    next_cycle_lead_days = fields.Integer(
        "Prepare it ahead by (days)",
        default=lambda self: self.env.company.perf_next_cycle_lead_days,
    )
    previous_cycle_id = fields.Many2one(
        "perf.cycle",
        string="Previous cycle",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
    next_cycle_id = fields.Many2one(
        "perf.cycle", compute="_compute_next_cycle_id", string="Next cycle"
    )
    color = fields.Integer(compute="_compute_color")
    appraisal_ids = fields.One2many("perf.appraisal", "cycle_id", string="Appraisals")
    bonus_policy_id = fields.Many2one(
        "perf.bonus.policy",
        string="Bonus policy",
        check_company=True,
        tracking=True,
        help="How this cycle's final ratings become bonuses.",
    )
    bonus_pool_ids = fields.One2many("perf.bonus.pool", "cycle_id", string="Budgets")
    bonus_count = fields.Integer(compute="_compute_bonus_count")
    appraisal_count = fields.Integer(compute="_compute_appraisal_count")
    # How complete the evaluation is: shown on the cycle, checked before the
    # phase moves to calibration or release.
    review_opened_count = fields.Integer(
        "Reviews requested", compute="_compute_completeness"
    )
    review_submitted_count = fields.Integer(
        "Reviews submitted", compute="_compute_completeness"
    )
    appraisal_scored_count = fields.Integer(
        "Appraisals rated", compute="_compute_completeness"
    )
    pending_phase_work_count = fields.Integer(
        "Appraisals being updated",
        compute="_compute_pending_phase_work_count",
        help="Appraisals whose reviews are being opened, or whose results are "
        "being released, by the background job.",
    )

    # Guards the cron against preparing the same next cycle twice, even when
    # two runs race or one is killed between its writes and its commit.
    _previous_cycle_uniq = models.UniqueIndex(
        "(previous_cycle_id) WHERE previous_cycle_id IS NOT NULL",
        "This cycle already has its next cycle.",
    )
    _lead_days_positive = models.Constraint(
        "CHECK (next_cycle_lead_days >= 0)",
        "The number of days ahead to prepare the next cycle cannot be negative.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("date_start", "date_end", "frequency")
    def _compute_name(self):
        for cycle in self:
            if cycle.date_start and cycle.date_end and cycle.frequency:
                cycle.name = schedule.period_label(
                    cycle.date_start, cycle.date_end, cycle.frequency
                )
            elif not cycle.name:
                cycle.name = False

    @api.depends("date_start", "date_end", "frequency")
    def _compute_deadlines(self):
        for cycle in self:
            if not (cycle.date_start and cycle.date_end and cycle.frequency):
                continue
            if cycle.date_end < cycle.date_start:
                # Leave the deadlines alone; the constraint explains the dates.
                continue
            defaults = schedule.default_deadlines(
                cycle.date_start, cycle.date_end, cycle.frequency
            )
            for field_name in DEADLINE_FIELDS:
                cycle[field_name] = defaults[field_name]

    @api.depends("state", *DEADLINE_FIELDS)
    def _compute_current_deadline(self):
        today = fields.Date.context_today(self)
        for cycle in self:
            field_name = schedule.PHASE_END_FIELD.get(cycle.state)
            deadline = cycle[field_name] if field_name else False
            cycle.current_deadline = deadline
            cycle.days_left = (deadline - today).days if deadline else 0

    def _compute_next_cycle_id(self):
        next_cycles = self.search([("previous_cycle_id", "in", self.ids)])
        by_previous = {cycle.previous_cycle_id: cycle for cycle in next_cycles}
        for cycle in self:
            cycle.next_cycle_id = by_previous.get(cycle, False)

    def _compute_bonus_count(self):
        counts = dict(
            self.env["perf.bonus.line"]._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id"], ["__count"]
            )
        )
        for cycle in self:
            cycle.bonus_count = counts.get(cycle, 0)

    def action_compute_bonuses(self):
        """Bonuses from the final ratings of the released appraisals."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("released", "closed"):
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” is not released: bonuses follow the final "
                    "ratings, once employees have seen them.",
                    cycle=self.display_name,
                )
            )
        if not self.bonus_policy_id:
            raise UserError(
                self.env._(
                    "Choose the bonus policy of cycle “%(cycle)s” first.",
                    cycle=self.display_name,
                )
            )
        self.env["perf.bonus.line"]._compute_for_cycle(self, self.bonus_policy_id)
        return self.action_view_bonuses()

    def action_view_bonuses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_bonus_line_action"
        )
        action["domain"] = [("cycle_id", "=", self.id)]
        return action

    def _compute_appraisal_count(self):
        counts = dict(
            self.env["perf.appraisal"]._read_group(
                [("cycle_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["cycle_id"],
                ["__count"],
            )
        )
        for cycle in self:
            cycle.appraisal_count = counts.get(cycle, 0)

    def _compute_completeness(self):
        reviews = (
            self.env["perf.review"]
            .sudo()
            ._read_group(
                [
                    ("cycle_id", "in", self.ids),
                    ("state", "in", ("requested", "submitted", "expired")),
                ],
                ["cycle_id", "state"],
                ["__count"],
            )
        )
        opened, submitted = defaultdict(int), defaultdict(int)
        for cycle, state, count in reviews:
            opened[cycle.id] += count
            if state == "submitted":
                submitted[cycle.id] += count
        scored = dict(
            self.env["perf.appraisal"]
            .sudo()
            ._read_group(
                [
                    ("cycle_id", "in", self.ids),
                    ("state", "!=", "cancelled"),
                    ("rating_level_id", "!=", False),
                ],
                ["cycle_id"],
                ["__count"],
            )
        )
        for cycle in self:
            cycle.review_opened_count = opened[cycle.id]
            cycle.review_submitted_count = submitted[cycle.id]
            cycle.appraisal_scored_count = scored.get(cycle, 0)

    def _phase_gaps(self, new_state):
        """What would be left behind by moving to ``new_state``: the reviews
        still open (before calibration), the appraisals without a manager
        review (before release). Returns (reviews, appraisals)."""
        self.ensure_one()
        reviews = self.env["perf.review"].sudo().browse()
        appraisals = self.env["perf.appraisal"].sudo().browse()
        if new_state in ("calibration", "released"):
            reviews = reviews.search(
                [("cycle_id", "=", self.id), ("state", "=", "requested")],
                order="reviewee_id, rater_type",
            )
        if new_state == "released":
            appraisals = appraisals.search(
                [
                    ("cycle_id", "=", self.id),
                    ("state", "in", ("planned", "review")),
                    (
                        "review_ids",
                        "not any",
                        [("rater_type", "=", "manager"), ("state", "=", "submitted")],
                    ),
                ],
                order="employee_id",
            )
        return reviews, appraisals

    @api.depends("state")
    def _compute_color(self):
        colors = {
            "draft": 0,
            "goal_setting": 4,
            "in_progress": 10,
            "review": 2,
            "calibration": 3,
            "released": 7,
            "closed": 1,
        }
        for cycle in self:
            cycle.color = colors.get(cycle.state, 0)

    @api.model
    def _default_frequency(self):
        frequency = self.env.context.get("default_frequency")
        return frequency if frequency in schedule.FREQUENCY_MONTHS else "quarterly"

    @api.onchange("frequency")
    def _onchange_frequency(self):
        if not (self.frequency and self.date_start and self.state == "draft"):
            return
        today = fields.Date.today()
        proposed_starts = {
            _default_period(frequency)[0] for frequency in schedule.FREQUENCY_MONTHS
        }
        if not self._origin and self.date_start in proposed_starts:
            # A new cycle still on the proposed dates: propose them again for
            # the new frequency (half a quarter left is most of a month).
            self.date_start, self.date_end = schedule.proposed_period(
                today, self.frequency
            )
            return
        # Re-align the period on the new frequency, around the chosen start.
        self.date_start, self.date_end = schedule.period_containing(
            self.date_start, self.frequency
        )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date_start", "date_end", *DEADLINE_FIELDS)
    def _check_dates(self):
        for cycle in self:
            problems = schedule.check_deadlines(
                cycle.date_start,
                cycle.date_end,
                {name: cycle[name] for name in DEADLINE_FIELDS},
            )
            if problems:
                raise ValidationError(cycle._describe_date_problems(problems))

    def _deadline_labels(self):
        return {
            name: self._fields[name].get_description(self.env)["string"]
            for name in DEADLINE_FIELDS
        }

    def _describe_date_problems(self, problems):
        self.ensure_one()
        _ = self.env._
        labels = self._deadline_labels()
        lines = []
        for problem in problems:
            if problem.kind == "end_before_start":
                lines.append(
                    _(
                        "It ends on %(end)s, before it starts on %(start)s. "
                        "Pick an end date on or after the start date.",
                        end=self.date_end,
                        start=self.date_start,
                    )
                )
            elif problem.kind == "outside_period":
                lines.append(
                    _(
                        "“%(deadline)s” (%(day)s) must fall within the cycle, "
                        "from %(start)s to %(end)s.",
                        deadline=labels[problem.keys[0]],
                        day=problem.values[0],
                        start=self.date_start,
                        end=self.date_end,
                    )
                )
            elif problem.kind == "before_start":
                lines.append(
                    _(
                        "“%(deadline)s” (%(day)s) comes before the cycle starts "
                        "on %(start)s.",
                        deadline=labels[problem.keys[0]],
                        day=problem.values[0],
                        start=self.date_start,
                    )
                )
            elif problem.kind == "order":
                lines.append(
                    _(
                        "“%(later)s” (%(later_day)s) comes before “%(earlier)s” "
                        "(%(earlier_day)s): the phases must follow each other.",
                        earlier=labels[problem.keys[0]],
                        later=labels[problem.keys[1]],
                        earlier_day=problem.values[0],
                        later_day=problem.values[1],
                    )
                )
        return _(
            "The dates of cycle “%(cycle)s” do not work:\n%(problems)s",
            cycle=self.display_name,
            problems="\n".join(f"• {line}" for line in lines),
        )

    @api.constrains("date_start", "date_end", "frequency", "company_id", "active")
    def _check_overlap(self):
        cycles = self.filtered("active")
        if not cycles:
            return
        # One query for all candidates, then a sort-and-sweep in the engine.
        candidates = self.with_context(active_test=True).search(
            [
                ("company_id", "in", cycles.company_id.ids),
                ("frequency", "in", list(set(cycles.mapped("frequency")))),
                ("date_start", "<=", max(cycles.mapped("date_end"))),
                ("date_end", ">=", min(cycles.mapped("date_start"))),
            ]
        )
        overlaps = schedule.find_overlaps(
            (c.id, (c.company_id.id, c.frequency), c.date_start, c.date_end)
            for c in candidates | cycles
        )
        own_ids = set(cycles.ids)
        for first_id, second_id in overlaps:
            if first_id not in own_ids and second_id not in own_ids:
                continue
            first, second = self.browse(first_id), self.browse(second_id)
            cycle, other = (first, second) if first_id in own_ids else (second, first)
            raise ValidationError(
                self.env._(
                    "Cycle “%(cycle)s” (%(start)s – %(end)s) overlaps the "
                    "%(frequency)s cycle “%(other)s” (%(other_start)s – "
                    "%(other_end)s) of %(company)s. A company runs one cycle of "
                    "each frequency at a time: move the dates or archive the "
                    "other cycle.",
                    cycle=cycle.display_name,
                    start=cycle.date_start,
                    end=cycle.date_end,
                    frequency=selection_label(cycle, "frequency").lower(),
                    other=other.display_name,
                    other_start=other.date_start,
                    other_end=other.date_end,
                    company=cycle.company_id.display_name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD guards
    # ------------------------------------------------------------------
    def _perf_roles(self):
        officer = self.env.user.has_group("odoo_perf_review.group_perf_officer")
        return {cycle.id: {"officer"} if officer else set() for cycle in self}

    def _perf_write_hint(self):
        if "closed" in self.mapped("state"):
            return self.env._(
                "A closed cycle keeps its data as it was. An administrator can "
                "reopen it if a correction is really needed."
            )
        return self.env._(
            "HR officers run cycles; the phase moves with the buttons or the daily job."
        )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") in ("review", "calibration", "released"):
            # Reviews open with the review phase and results are released with
            # the cycle, by button or by the cron.
            self._do_phase_work(self._pending_phase_work())
        return res

    # ------------------------------------------------------------------
    # Phase work: opening reviews, releasing results
    # ------------------------------------------------------------------
    def _pending_phase_work(self):
        """Appraisals that this phase still has to move: planned ones of
        cycles in review (their reviews open) and, in released cycles, those
        whose manager review is in (their results are released)."""
        return (
            self.env["perf.appraisal"]
            .sudo()
            .search(self._pending_phase_work_domain(), order="id")
        )

    def _pending_phase_work_domain(self):
        domain = Domain.OR(
            [
                Domain("cycle_id.state", "in", ("review", "calibration"))
                & Domain("state", "=", "planned"),
                # The review phase is over: its reviews close.
                Domain("cycle_id.state", "in", ("calibration", "released", "closed"))
                & Domain("state", "=", "review")
                & Domain("reviews_closed", "=", False),
                Domain("cycle_id.state", "=", "released")
                & Domain("state", "=", "review")
                & Domain(
                    "review_ids",
                    "any",
                    [("rater_type", "=", "manager"), ("state", "=", "submitted")],
                ),
            ]
        )
        if self:
            domain &= Domain("cycle_id", "in", self.ids)
        return domain

    def _compute_pending_phase_work_count(self):
        counts = dict(
            self.env["perf.appraisal"]
            .sudo()
            ._read_group(
                self._pending_phase_work_domain() if self.ids else Domain.FALSE,
                ["cycle_id"],
                ["__count"],
            )
        )
        for cycle in self:
            cycle.pending_phase_work_count = counts.get(cycle, 0)

    def _do_phase_work(self, appraisals):
        """Do the work now when it is small; otherwise hand it to the phase
        job, which does it in batches that commit, so that neither a click nor
        the daily cron holds a worker for minutes."""
        if not appraisals:
            return
        if len(appraisals) <= PHASE_WORK_INLINE_LIMIT:
            self.env["perf.cycle"]._phase_work_batch(appraisals)
            return
        self.env.ref("odoo_perf_review.ir_cron_perf_cycle_phase_work").sudo()._trigger()
        for cycle, group in appraisals.grouped("cycle_id").items():
            cycle.message_post(
                body=self.env._(
                    "%(count)s appraisals are being updated in the background "
                    "(reviews opened or results released); this takes a few "
                    "minutes.",
                    count=len(group),
                )
            )

    @api.model
    def _phase_work_batch(self, appraisals):
        """Open or release ``appraisals``, each as its state asks. Doing a
        batch again does nothing: each step moves the appraisal out of the
        state that selected it."""
        appraisals = appraisals.sudo()
        appraisals.cycle_id._lock_cycles("phase")
        appraisals.filtered(lambda a: a.state == "planned")._open_reviews()
        appraisals.filtered(
            lambda a: (
                a.state == "review"
                and a.cycle_id.state in ("calibration", "released", "closed")
            )
        )._close_reviews()
        ready = appraisals.filtered(
            lambda a: (
                a.state == "review"
                and a.cycle_id.state == "released"
                and a.review_ids.filtered(
                    lambda r: r.rater_type == "manager" and r.state == "submitted"
                )
            )
        )
        if ready:
            ready.action_release()

    @api.model
    def _cron_phase_work(self):
        """The phase job: open the planned reviews and release the ready
        results of every cycle, in batches that commit their progress."""
        pending = self.browse()._pending_phase_work()
        return apply_in_batches(
            pending,
            self._phase_work_batch,
            what="Appraisal",
            batch_size=PHASE_WORK_BATCH_SIZE,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        started = self.filtered(lambda c: c.state != "draft")
        if started:
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” has started (%(state)s) and keeps the "
                    "history of its evaluations: archive it instead of deleting "
                    "it.",
                    cycle=started[0].display_name,
                    state=selection_label(started[0], "state"),
                )
            )

    def copy_data(self, default=None):
        # A copy covers the next period, so that it does not overlap its source.
        vals_list = super().copy_data(default=default)
        default = default or {}
        for cycle, vals in zip(self, vals_list, strict=True):
            if "date_start" not in default and "date_end" not in default:
                start, end = schedule.next_period(
                    cycle.date_start, cycle.date_end, cycle.frequency
                )
                vals.update(date_start=start, date_end=end)
                vals.pop("name", None)
        return vals_list

    # ------------------------------------------------------------------
    # Phases
    # ------------------------------------------------------------------
    def _set_phase(self, new_state):
        """Move cycles to ``new_state``, which must be the phase after theirs."""
        # Those who run the cycle move it: the HR officers.
        self.check_access("write")
        self._lock_cycles("phase")
        for cycle in self:
            if schedule.next_phase(cycle.state) != new_state:
                raise UserError(
                    self.env._(
                        "Cycle “%(cycle)s” is in phase “%(current)s” and cannot "
                        "move to “%(target)s”: phases follow each other in order.",
                        cycle=cycle.display_name,
                        current=selection_label(cycle, "state"),
                        target=selection_label(cycle, "state", new_state),
                    )
                )
        if new_state == "goal_setting":
            self._check_can_start()
        self._workflow().write({"state": new_state})
        return True

    def _check_can_start(self):
        missing = self.filtered(lambda c: not c.template_id)
        if missing:
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” has no template yet: choose how employees "
                    "are evaluated (method, weights, raters, rating scale) before "
                    "starting it.",
                    cycle=missing[0].display_name,
                )
            )

    def action_start(self):
        return self._set_phase("goal_setting")

    def action_start_progress(self):
        return self._set_phase("in_progress")

    def action_start_review(self):
        return self._set_phase("review")

    def action_start_calibration(self):
        return self._gated_phase("calibration")

    def action_release(self):
        return self._gated_phase("released")

    def _gated_phase(self, new_state):
        """Move on at once when nothing is left behind; otherwise ask HR, who
        sees who and which review is missing, and decides explicitly."""
        self.check_access("write")
        self.ensure_one()
        reviews, appraisals = self._phase_gaps(new_state)
        if not reviews and not appraisals:
            return self._set_phase(new_state)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Not everything is in"),
            "res_model": "perf.cycle.gate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_cycle_id": self.id,
                "default_target_state": new_state,
            },
        }

    def _move_on_with_gaps(self, new_state, exclude):
        """HR confirmed: the open reviews close with the phase, and, at release,
        the appraisals without a manager review are excluded (cancelled) if
        ``exclude``, else the release waits for them. The chatter keeps the
        list, so that nothing stays silently behind."""
        self.ensure_one()
        self.check_access("write")
        self._lock_cycles("phase")
        reviews, appraisals = self._phase_gaps(new_state)
        if new_state == "released" and appraisals and not exclude:
            raise UserError(
                self.env._(
                    "%(count)s appraisals of “%(cycle)s” have no manager review: "
                    "ask their managers to submit it, or exclude them from the "
                    "release.",
                    count=len(appraisals),
                    cycle=self.display_name,
                )
            )
        self._log_phase_gaps(new_state, reviews, appraisals)
        if appraisals:
            appraisals.action_cancel()
        return self._set_phase(new_state)

    def _log_phase_gaps(self, new_state, reviews, appraisals):
        """Say in the cycle's chatter which reviews closed unanswered and who
        was excluded from the release."""
        self.ensure_one()
        lines = [
            self.env._(
                "%(reviewer)s → %(employee)s (%(kind)s)",
                reviewer=review.reviewer_employee_id.name
                or review.partner_id.name
                or "-",
                employee=review.reviewee_id.name,
                kind=selection_label(review, "rater_type"),
            )
            for review in reviews
        ]
        body = Markup("<p>%s</p>") % self.env._(
            "Moved to %(phase)s by %(user)s with %(count)s reviews not submitted; "
            "they closed unanswered:",
            phase=selection_label(self, "state", new_state),
            user=self.env.user.name,
            count=len(reviews),
        )
        if lines:
            body += Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % line for line in lines
            )
        if appraisals:
            body += Markup("<p>%s</p>") % self.env._(
                "Excluded from the release, without a manager review: %(names)s.",
                names=", ".join(appraisals.employee_id.mapped("name")),
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _ask_release_decision(self, appraisals):
        """The release date passed with appraisals lacking a manager review:
        the cycle waits and its HR officer is asked to decide (once)."""
        self.ensure_one()
        user = self.user_id or self.env.ref("base.user_admin")
        cycle = in_lang_of(self, user)  # written in the officer's language
        summary = cycle.env._("Release waits for manager reviews")
        if self.activity_ids.filtered(lambda a: a.summary == summary):
            return
        cycle.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=user.id,
            summary=summary,
            note=escape(
                cycle.env._(
                    "%(count)s appraisals have no manager review: %(names)s. Ask "
                    "their managers to submit it, or release the cycle and "
                    "exclude them.",
                    count=len(appraisals),
                    names=", ".join(appraisals.employee_id.mapped("name")),
                )
            ),
        )

    def action_close(self):
        return self._set_phase("closed")

    def action_reopen(self):
        if not self.env.user.has_group("odoo_perf_review.group_perf_admin"):
            raise UserError(
                self.env._(
                    "Only a Performance administrator can reopen a closed cycle."
                )
            )
        not_closed = self.filtered(lambda c: c.state != "closed")
        if not_closed:
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” is not closed, so there is nothing to reopen.",
                    cycle=not_closed[0].display_name,
                )
            )
        self._workflow().write({"state": "released"})
        for cycle in self:
            cycle.message_post(
                body=self.env._("Cycle reopened by %(user)s.", user=self.env.user.name)
            )
        return True

    def action_reset_to_draft(self):
        self.check_access("write")
        started_too_far = self.filtered(lambda c: c.state != "goal_setting")
        if started_too_far:
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” is past goal setting: it can no longer go "
                    "back to draft.",
                    cycle=started_too_far[0].display_name,
                )
            )
        self._workflow().write({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Nudging everyone late
    # ------------------------------------------------------------------
    def action_nudge_late(self):
        """Remind, in one click, everyone who is late in these cycles:

        - reviewers of requested reviews past their deadline, each privately
          (the reminder of the review follow-up, sent by the system: an
          anonymous reviewer is named to nobody, not even to HR's author
          trail);
        - employees whose goals are still drafts after the goal deadline;
        - managers with submitted goals waiting for their approval.

        A person is nudged at most once a day for each of these: a marker on
        the records (``last_nudge_date``) makes a second click the same day do
        nothing. What is due is read in one query per kind and marked in one
        write per kind; one reminder is then sent per person (per late review
        for reviewers, whose reminder links the review to write).
        """
        self.check_access("write")
        _ = self.env._
        idle = self.filtered(lambda c: c.state not in NUDGE_STATES)
        if idle:
            raise UserError(
                _(
                    "Cycle “%(cycle)s” is %(state)s: nudging is for cycles that "
                    "are setting goals, running or in review.",
                    cycle=idle[0].display_name,
                    state=selection_label(idle[0], "state").lower(),
                )
            )
        today = fields.Date.context_today(self)
        counts = defaultdict(int)
        self._nudge_late_reviewers(today, counts)
        self._nudge_draft_goals(today, counts)
        self._nudge_goal_approvers(today, counts)
        nudged = counts["reviewers"] + counts["employees"] + counts["managers"]
        parts = [
            _(
                "Nudged: reviewers of late reviews: %(reviewers)s; employees with "
                "draft goals: %(employees)s; managers with goals to approve: "
                "%(managers)s.",
                reviewers=counts["reviewers"],
                employees=counts["employees"],
                managers=counts["managers"],
            )
            if nudged
            else _("Nobody new to nudge.")
        ]
        if counts["already"]:
            parts.append(
                _(
                    "Already nudged today, so not again: %(count)s.",
                    count=counts["already"],
                )
            )
        if counts["unreachable"]:
            parts.append(
                _(
                    "Without a user to remind (reach them directly): %(count)s.",
                    count=counts["unreachable"],
                )
            )
        return client_notification(
            _("Everyone late nudged") if nudged else _("Nudge everyone late"),
            " ".join(parts),
            kind="success" if nudged else "info",
            reload=False,
        )

    @api.model
    def _nudge_split(self, groups, today, counts, kind, reach):
        """Split ``{person: records}`` into ``{whom to remind: records}`` to
        nudge now, and count the others: nudged today already, or with nobody
        to remind (``reach(person)`` is the user, or the customer, reminded)."""
        due = {}
        for person, records in groups.items():
            whom = reach(person) if person else None
            if not whom:
                counts["unreachable"] += 1
            elif any(record.last_nudge_date == today for record in records):
                counts["already"] += 1
            else:
                due[whom] = due.get(whom, records.browse()) | records
                counts[kind] += 1
        return due

    def _nudge_late_reviewers(self, today, counts):
        reviews = (
            self.env["perf.review"]
            .sudo()
            .search(
                [
                    ("cycle_id", "in", self.ids),
                    ("state", "=", "requested"),
                    ("deadline", "<", today),
                ],
                order="deadline, id",
            )
        )
        # Customers are reminded by email, colleagues through their user.
        groups = reviews.grouped(
            lambda r: (
                r.partner_id if r.rater_type == "customer" else r.reviewer_employee_id
            )
        )
        due = self._nudge_split(
            groups,
            today,
            counts,
            "reviewers",
            lambda person: person if person._name == "res.partner" else person.user_id,
        )
        nudged = self.env["perf.review"].sudo()
        for whom, late in due.items():
            # Sent by the system as the daily follow-up is: nobody's name is
            # attached to an anonymous review's reminder but its reviewer's.
            # In the reviewer's language.
            for review in late.with_user(SUPERUSER_ID).with_context(lang=whom.lang):
                review._send_reminder()
            nudged |= late
        nudged._workflow().write({"last_nudge_date": today})

    def _nudge_draft_goals(self, today, counts):
        cycles = self.filtered(lambda c: c.goal_deadline and c.goal_deadline < today)
        if not cycles:
            return
        goals = (
            self.env["perf.goal"]
            .sudo()
            .search(
                [
                    ("cycle_id", "in", cycles.ids),
                    ("owner", "=", "employee"),
                    ("state", "=", "draft"),
                ],
                order="cycle_id, employee_id, sequence, id",
            )
        )
        due = self._nudge_split(
            goals.grouped("employee_id"),
            today,
            counts,
            "employees",
            lambda employee: employee.user_id,
        )
        for user, drafts in due.items():
            _ = self.with_context(lang=user.lang).env._
            names = drafts.filtered(lambda g: g.goal_type != "key_result").mapped(
                "name"
            )
            deadlines = ", ".join(
                _(
                    "%(cycle)s (goals due on %(deadline)s)",
                    cycle=cycle.display_name,
                    deadline=cycle.goal_deadline,
                )
                for cycle in drafts.cycle_id
            )
            self._nudge_notify(
                drafts[:1],
                user,
                _("Your goals are still drafts"),
                _(
                    "Reminder: your goals of %(cycles)s are still drafts: "
                    "%(goals)s. Complete them and submit them to your manager.",
                    cycles=deadlines,
                    goals=", ".join(names or drafts.mapped("name")),
                ),
            )
        self._nudge_mark(due, today)

    def _nudge_goal_approvers(self, today, counts):
        goals = (
            self.env["perf.goal"]
            .sudo()
            .search(
                [
                    ("cycle_id", "in", self.ids),
                    ("owner", "=", "employee"),
                    ("state", "=", "submitted"),
                ],
                order="employee_id, sequence, id",
            )
        )
        due = self._nudge_split(
            goals.grouped(lambda g: g.employee_id.parent_id),
            today,
            counts,
            "managers",
            lambda manager: manager.user_id,
        )
        for user, waiting in due.items():
            _ = self.with_context(lang=user.lang).env._
            self._nudge_notify(
                waiting[:1],
                user,
                _("Goals waiting for your approval"),
                _(
                    "Reminder: goals of %(employees)s are waiting for your "
                    "approval (%(count)s). Approve them in one click with "
                    "“Approve my team's goals” in the goals list.",
                    count=len(waiting),
                    employees=", ".join(waiting.employee_id.mapped("name")),
                ),
            )
        self._nudge_mark(due, today)

    def _nudge_notify(self, record, user, subject, body):
        """A private notification to ``user`` about ``record``: their inbox or
        email, never the record's chatter."""
        record.message_notify(
            partner_ids=user.partner_id.ids,
            author_id=self.env.user.partner_id.id,
            subject=subject,
            body=body,
            email_layout_xmlid="mail.mail_notification_light",
        )

    @api.model
    def _nudge_mark(self, due, today):
        marked = self.env["perf.goal"].sudo()
        for records in due.values():
            marked |= records
        marked._workflow().write({"last_nudge_date": today})

    # ------------------------------------------------------------------
    # Appraisals
    # ------------------------------------------------------------------
    def action_open_launch_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Launch appraisals"),
            "res_model": "perf.cycle.launch.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_cycle_id": self.id},
        }

    def action_view_appraisals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_appraisal_action"
        )
        action["domain"] = [("cycle_id", "=", self.id)]
        action["context"] = {"search_default_groupby_state": 1}
        return action

    def _launch_for_all_employees(self):
        """Quick start: every employee of the company, the cycle's template."""
        for cycle in self:
            employees = self.env["hr.employee"].search(
                [("company_id", "=", cycle.company_id.id)]
            )
            cycle._launch_appraisals(employees, cycle.template_id)
        return True

    def _launch_appraisals(
        self,
        employees,
        template,
        propose_peers=True,
        top_policy="exclude",
        top_reviewer=None,
    ):
        """Create the missing appraisals of ``employees`` and their reviews.

        The top of the hierarchy (employees without a manager) follows
        ``top_policy``: ``"exclude"`` gives them no appraisal (they are returned
        as ``excluded``); ``"reviewed_by"`` appraises them with
        ``top_reviewer`` (an ``hr.employee``, e.g. a partner or a board member)
        as the manager who writes their manager review. The top reviewer is
        never their own reviewer: at the top themselves, they are excluded.

        A handful of queries and two batch creates, whatever the population.
        """
        self.ensure_one()
        # Those who run the cycle launch it; the workflow then creates what
        # nobody may create by hand.
        self.check_access("write")
        self._lock_cycles("launch")
        top_reviewer = self._check_top_policy(top_policy, top_reviewer)
        # Their department, job and manager are HR data an officer running
        # the cycle may not read directly.
        employees = employees.sudo()
        quiet = {
            "tracking_disable": True,
            "mail_create_nolog": True,
            "mail_create_nosubscribe": True,
            "mail_notrack": True,
        }
        Appraisal = self.env["perf.appraisal"]._workflow().with_context(**quiet)
        existing = Appraisal.search(
            [("cycle_id", "=", self.id), ("employee_id", "in", employees.ids)]
        )
        have = set(existing.employee_id.ids)
        top = employees.filtered(lambda employee: not employee.parent_id)
        if top_policy == "reviewed_by":
            excluded = top & top_reviewer
        else:
            excluded = top
        excluded = excluded.filtered(lambda employee: employee.id not in have)
        excluded_ids = set(excluded.ids)
        if top_reviewer:
            # Appraised earlier without a manager: the named person reviews them.
            existing.filtered(
                lambda a: (
                    a.state == "planned"
                    and not a.manager_id
                    and not a.employee_id.parent_id
                    and a.employee_id != top_reviewer
                )
            ).write({"manager_id": top_reviewer.id})
        # The hierarchy is read as the system: a Performance officer need not
        # be an Employees officer to know who leads a team.
        leaders = {
            manager.id
            for [manager] in self.env["hr.employee"]
            .sudo()
            ._read_group([("parent_id", "in", employees.ids)], ["parent_id"])
        }
        created = Appraisal.create(
            [
                {
                    "employee_id": employee.id,
                    "cycle_id": self.id,
                    "template_id": template.id,
                    "manager_id": (employee.parent_id or top_reviewer).id,
                    "department_id": employee.department_id.id,
                    "job_id": employee.job_id.id,
                    "is_manager": employee.id in leaders,
                }
                for employee in employees
                if employee.id not in have and employee.id not in excluded_ids
            ]
        )
        appraisals = existing | created
        review_count = self._create_missing_reviews(
            appraisals, template, propose_peers, quiet
        )
        if self.state in ("review", "calibration"):
            self._do_phase_work(appraisals.filtered(lambda a: a.state == "planned"))
        return {
            "created": len(created),
            "existing": len(existing),
            "reviews": review_count,
            "no_manager": appraisals.filtered(lambda a: not a.manager_id).employee_id,
            "excluded": excluded,
            "top_reviewed": created.filtered(
                lambda a: not a.employee_id.parent_id
            ).employee_id,
        }

    def _check_top_policy(self, top_policy, top_reviewer):
        """The top reviewer to use (an empty recordset when excluding)."""
        _ = self.env._
        Employee = self.env["hr.employee"]
        if top_policy == "exclude":
            return Employee.browse()
        if top_policy != "reviewed_by":
            raise UserError(
                _(
                    "Unknown choice “%(policy)s” for the top of the hierarchy: "
                    "exclude them, or have them reviewed by a named person.",
                    policy=top_policy,
                )
            )
        if not top_reviewer:
            raise UserError(
                _(
                    "Name the person who reviews the employees without a manager "
                    "(e.g. a partner or a board member), or exclude them from "
                    "cycle “%(cycle)s”.",
                    cycle=self.display_name,
                )
            )
        top_reviewer = top_reviewer.sudo()
        top_reviewer.ensure_one()
        if top_reviewer.company_id != self.company_id:
            raise UserError(
                _(
                    "%(reviewer)s works for %(company)s, not for %(cycle_company)s: "
                    "choose a reviewer of the company of cycle “%(cycle)s”.",
                    reviewer=top_reviewer.name,
                    company=top_reviewer.company_id.name,
                    cycle_company=self.company_id.name,
                    cycle=self.display_name,
                )
            )
        if not top_reviewer.user_id:
            raise UserError(
                _(
                    "%(reviewer)s has no user, so could not write the manager "
                    "reviews of the top of the hierarchy: give them a user first, "
                    "or name someone else.",
                    reviewer=top_reviewer.name,
                )
            )
        return top_reviewer.with_env(self.env)

    def _create_missing_reviews(self, appraisals, template, propose_peers, quiet):
        Review = self.env["perf.review"]._workflow().with_context(**quiet)
        keys = set()
        peers_of = defaultdict(set)
        for review in Review.search_read(
            [("appraisal_id", "in", appraisals.ids), ("state", "!=", "cancelled")],
            ["appraisal_id", "rater_type", "reviewer_employee_id"],
            load=None,
        ):
            keys.add(
                (
                    review["appraisal_id"],
                    review["rater_type"],
                    review["reviewer_employee_id"],
                )
            )
            if review["rater_type"] == "peer":
                peers_of[review["appraisal_id"]].add(review["reviewer_employee_id"])
        team_of = defaultdict(list)
        if propose_peers and template.peer_weight and template.peer_max:
            for employee in appraisals.employee_id.sorted("id"):
                if employee.parent_id:
                    team_of[employee.parent_id.id].append(employee.id)
        vals_list = []

        def add(appraisal, rater_type, reviewer_id, **extra):
            key = (appraisal.id, rater_type, reviewer_id)
            if key not in keys:
                keys.add(key)
                vals_list.append(
                    dict(
                        extra,
                        appraisal_id=appraisal.id,
                        rater_type=rater_type,
                        reviewer_employee_id=reviewer_id,
                    )
                )

        for appraisal in appraisals:
            employee = appraisal.employee_id
            if template.self_weight and employee.user_id:
                add(appraisal, "self", employee.id)
            if template.manager_weight and appraisal.manager_id:
                add(appraisal, "manager", appraisal.manager_id.id)
            team = team_of.get(employee.parent_id.id, [])
            if len(team) > 1:
                # The next colleagues in a fixed order: everyone reviews about
                # as many peers as they are reviewed by.
                taken = peers_of[appraisal.id]
                for colleague_id in rotation.next_peers(
                    team, employee.id, template.peer_max - len(taken), taken
                ):
                    add(
                        appraisal,
                        "peer",
                        colleague_id,
                        anonymous=template.peers_anonymous,
                    )
        Review.create(vals_list)
        return len(vals_list)

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_advance_phases(self):
        """Advance phases whose deadline has passed and prepare next cycles.

        Idempotent: the target phase is a pure function of the deadlines and the
        day, and a next cycle is created only once per cycle (unique index).
        """
        today = fields.Date.context_today(self)
        started = self._cron_start_due_cycles(today)
        advanced = self._cron_advance_due_cycles(today)
        prepared = self._cron_prepare_next_cycles(today)
        _logger.info(
            "Performance cycles: %s started, %s advanced, %s next cycles prepared",
            started,
            advanced,
            prepared,
        )
        return {"started": started, "advanced": advanced, "prepared": prepared}

    def _cron_start_due_cycles(self, today):
        due = self.search(
            [
                ("state", "=", "draft"),
                ("auto_start", "=", True),
                ("template_id", "!=", False),
                ("date_start", "<=", today),
            ]
        )
        return apply_in_batches(
            due, lambda batch: batch.action_start(), what="Performance cycle"
        )

    def _cron_advance_due_cycles(self, today):
        candidates = self.search(Domain("state", "not in", ("draft", "closed")))
        targets = defaultdict(list)
        for cycle in candidates:
            target = schedule.phase_after(
                cycle.state, {name: cycle[name] for name in DEADLINE_FIELDS}, today
            )
            if target != cycle.state:
                targets[target].append(cycle.id)

        def advance(batch):
            # One write per target phase: the tracking logs each move in the
            # chatter. Nothing moves on silently half-done: the reviews that
            # close unanswered are listed, and a release with appraisals
            # lacking a manager review waits for HR.
            batch._lock_cycles("phase")
            for target, ids in targets.items():
                ready = self.browse()
                for cycle in batch.filtered(lambda c, ids=ids: c.id in ids):
                    reviews, appraisals = cycle._phase_gaps(target)
                    if target == "released" and appraisals:
                        cycle._ask_release_decision(appraisals)
                        continue
                    if reviews:
                        cycle._log_phase_gaps(target, reviews, appraisals)
                    ready |= cycle
                if ready:
                    ready._workflow().write({"state": target})

        due = self.browse([cid for ids in targets.values() for cid in ids])
        return apply_in_batches(due, advance, what="Performance cycle")

    def _cron_prepare_next_cycles(self, today):
        candidates = self.search(
            [
                ("recurring", "=", True),
                ("state", "!=", "draft"),
                ("date_end", ">=", today - timedelta(days=366)),
            ]
        )
        already = set(
            self.with_context(active_test=False)
            .search([("previous_cycle_id", "in", candidates.ids)])
            .previous_cycle_id.ids
        )
        due = candidates.filtered(
            lambda c: (
                c.id not in already
                and schedule.next_cycle_due(c.date_end, c.next_cycle_lead_days, today)
            )
        )
        return apply_in_batches(
            due, lambda batch: batch._prepare_next_cycle(), what="Performance cycle"
        )

    def _prepare_next_cycle(self):
        """Create the draft of the next period for each cycle (skip overlaps)."""
        vals_list = []
        for cycle in self:
            start, end = schedule.next_period(
                cycle.date_start, cycle.date_end, cycle.frequency
            )
            vals_list.append(
                {
                    "company_id": cycle.company_id.id,
                    "frequency": cycle.frequency,
                    "date_start": start,
                    "date_end": end,
                    "template_id": cycle.template_id.id,
                    "description": cycle.description,
                    "user_id": cycle.user_id.id,
                    "auto_start": cycle.auto_start,
                    "recurring": cycle.recurring,
                    "next_cycle_lead_days": cycle.next_cycle_lead_days,
                    "previous_cycle_id": cycle.id,
                }
            )
        taken = self._existing_periods(vals_list)
        vals_list = [
            vals
            for vals in vals_list
            if not any(
                schedule.periods_overlap(
                    vals["date_start"], vals["date_end"], other_start, other_end
                )
                for other_start, other_end in taken.get(
                    (vals["company_id"], vals["frequency"]), ()
                )
            )
        ]
        return self.create(vals_list)

    def _existing_periods(self, vals_list):
        """Periods already planned by hand, by (company, frequency), in one query."""
        if not vals_list:
            return {}
        existing = self.search(
            [
                ("company_id", "in", list({v["company_id"] for v in vals_list})),
                ("date_start", "<=", max(v["date_end"] for v in vals_list)),
                ("date_end", ">=", min(v["date_start"] for v in vals_list)),
            ]
        )
        taken = defaultdict(list)
        for cycle in existing:
            taken[(cycle.company_id.id, cycle.frequency)].append(
                (cycle.date_start, cycle.date_end)
            )
        return taken
