# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..engine import schedule
from ..tools.cron_batches import apply_in_batches
from ..tools.labels import selection_label

_logger = logging.getLogger(__name__)

DEADLINE_FIELDS = schedule.DEADLINE_ORDER


def _default_period(frequency="quarterly"):
    """The period a new cycle proposes: the current one, or the next one when
    less than half of the current one is left."""
    return schedule.proposed_period(fields.Date.today(), frequency)


class PerfCycleSchedule(models.AbstractModel):
    """A cycle's dates: its period and phase deadlines, the checks on
    them, and the scheduled action that starts cycles, advances phases when
    their deadline has passed and prepares the next cycle. A mixin of
    ``perf.cycle``."""

    _name = "perf.cycle.schedule.mixin"
    _description = "Performance cycle: dates and schedule"

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
        labels = self._deadline_labels()
        lines = []
        for problem in problems:
            if problem.kind == "end_before_start":
                lines.append(
                    self.env._(
                        "It ends on %(end)s, before it starts on %(start)s. "
                        "Pick an end date on or after the start date.",
                        end=self.date_end,
                        start=self.date_start,
                    )
                )
            elif problem.kind == "outside_period":
                lines.append(
                    self.env._(
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
                    self.env._(
                        "“%(deadline)s” (%(day)s) comes before the cycle starts "
                        "on %(start)s.",
                        deadline=labels[problem.keys[0]],
                        day=problem.values[0],
                        start=self.date_start,
                    )
                )
            elif problem.kind == "order":
                lines.append(
                    self.env._(
                        "“%(later)s” (%(later_day)s) comes before “%(earlier)s” "
                        "(%(earlier_day)s): the phases must follow each other.",
                        earlier=labels[problem.keys[0]],
                        later=labels[problem.keys[1]],
                        earlier_day=problem.values[0],
                        later_day=problem.values[1],
                    )
                )
        return self.env._(
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
