# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine import schedule
from ..engine.write_rules import ALL_FIELDS, rule
from ..tools.cron_batches import apply_in_batches
from ..tools.labels import selection_label
from .perf_cycle_schedule import _default_period

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
# Up to this many appraisals, opening reviews or releasing results happens at
# once; above, the phase job does it in the background, in batches.
PHASE_WORK_INLINE_LIMIT = 300
# Appraisals per committed batch of the phase job (each opens ~5 reviews). A
# batch has a fixed cost that grows with the company (the cycle's lock, the
# lookups of its reviewers, the mail queue's trigger): 250 pays it 40 times at
# 10,000 employees, and a batch still commits within a second or two.
PHASE_WORK_BATCH_SIZE = 250


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


class PerfCycle(models.Model):
    _name = "perf.cycle"
    _description = "Performance Cycle"
    # Its concerns, one file each: dates and schedule, phases and gates,
    # launch, nudges; locks and restart in perf_cycle_concurrency.py.
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "perf.workflow.guard",
        "perf.cycle.concurrency",
        "perf.cycle.schedule.mixin",
        "perf.cycle.phases.mixin",
        "perf.cycle.launch.mixin",
        "perf.cycle.nudge.mixin",
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

    @api.depends("date_start", "date_end", "frequency")
    def _compute_name(self):
        for cycle in self:
            if cycle.date_start and cycle.date_end and cycle.frequency:
                cycle.name = schedule.period_label(
                    cycle.date_start, cycle.date_end, cycle.frequency
                )
            elif not cycle.name:
                cycle.name = False

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

    def action_view_appraisals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_appraisal_action"
        )
        action["domain"] = [("cycle_id", "=", self.id)]
        action["context"] = {"search_default_groupby_state": 1}
        return action
