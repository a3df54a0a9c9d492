# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..engine import metrics as metric_engine
from ..tools.cron_batches import conflicts_expected, is_conflict

_logger = logging.getLogger(__name__)

REFRESH_CYCLE_STATES = ("goal_setting", "in_progress", "review")
# The scheduled refresh runs hourly; a batch measured less than this long ago
# belongs to the current round.
REFRESH_FRESH_WINDOW = timedelta(minutes=15)
# What a measure changes on a goal: its actual and the results computed from it.
OWN_RESULT_FIELDS = (
    "measured",
    "attainment",
    "grade",
    "score",
    "rollup_progress",
    "rollup_measured",
)
MEASURE_FIELDS = ("actual", "has_actual", *OWN_RESULT_FIELDS)


class PerfMetricMeasure(models.AbstractModel):
    """Measuring: a metric reads its records for the goals it measures and
    writes their actual values (the live-KPI refresh, on demand and
    scheduled). A mixin of ``perf.metric``."""

    _name = "perf.metric.measure.mixin"
    _description = "KPI metric: measuring"

    def _period_domain(self, date_from, date_to, tz_name="UTC"):
        """Records dated within the period; datetimes by the company's days."""
        self.ensure_one()
        field = self.date_field_id
        if not field:
            return Domain.TRUE
        if field.ttype == "datetime":
            tz = pytz.timezone(tz_name or "UTC")

            def utc_midnight(day):
                local = tz.localize(datetime.combine(day, time.min))
                return local.astimezone(pytz.UTC).replace(tzinfo=None)

            start = utc_midnight(date_from)
            stop = utc_midnight(date_to + timedelta(days=1))
            return Domain(field.name, ">=", start) & Domain(field.name, "<", stop)
        return Domain(field.name, ">=", date_from) & Domain(field.name, "<=", date_to)

    def _aggregate_spec(self):
        self.ensure_one()
        if self.aggregation == "count":
            return ["__count"]
        return ["__count", f"{self.measured_field_id.name}:sum"]

    def _value_from(self, count, total):
        self.ensure_one()
        return metric_engine.metric_value(self.aggregation, count, total)

    def _counted_records(self, date_from, date_to, tz_name):
        """The metric's model (as superuser) and the domain of the records that
        count over the period. Archived records do not count, as in any search."""
        self.ensure_one()
        domain = Domain(self._parsed_domain()) & self._period_domain(
            date_from, date_to, tz_name
        )
        return self.env[self.model_name].sudo(), domain

    def _measure(self, date_from, date_to, employees, tz_name="UTC"):
        """Measure this metric for ``employees`` over a period.

        One grouped query, whatever the number of employees. Returns
        ``{employee_id: (count, total)}`` for the employees with records.
        """
        model, base = self._counted_records(date_from, date_to, tz_name)
        if self._person_model() == "res.users":
            person_of = {emp.user_id.id: emp.id for emp in employees if emp.user_id}
        else:
            person_of = {emp.id: emp.id for emp in employees}
        results = {}
        if person_of:
            groups = model._read_group(
                base & Domain(self.employee_path, "in", list(person_of)),
                [self.employee_path],
                self._aggregate_spec(),
            )
            for person, count, *total in groups:
                employee_id = person_of.get(person.id)
                if employee_id:
                    results[employee_id] = (count, total[0] if total else 0.0)
        return results

    def _measure_total(self, date_from, date_to, tz_name="UTC"):
        """``(count, total)`` over every record that counts in the period."""
        model, base = self._counted_records(date_from, date_to, tz_name)
        [(count, *total)] = model._read_group(base, [], self._aggregate_spec())
        return count, total[0] if total else 0.0

    def _values_for_goals(self, cycle, goals):
        """Actual values of ``goals`` (of this metric, in ``cycle``) in batch.

        Employee goals read their employee's records; department goals add up
        (or average) their members'; company goals read every record.
        """
        self.ensure_one()
        employees = goals.employee_id
        departments = goals.filtered(lambda g: g.owner == "department").department_id
        members = self.env["hr.employee"]
        if departments:
            members = self.env["hr.employee"].search(
                [("department_id", "child_of", departments.ids)]
            )
        # The cycle's days are the company's: its working calendar's timezone.
        tz_name = cycle.company_id.resource_calendar_id.tz or "UTC"
        measured = self._measure(
            cycle.date_start, cycle.date_end, employees | members, tz_name
        )
        # parent_path "1/4/9/": a member counts for every department above it.
        members_of = defaultdict(list)
        for member in members:
            for dept_id in (member.department_id.parent_path or "").split("/"):
                if dept_id:
                    members_of[int(dept_id)].append(member.id)
        company_total = None
        values = {}
        for goal in goals:
            if goal.owner == "employee":
                count, total = measured.get(goal.employee_id.id, (0, 0.0))
            elif goal.owner == "department":
                count, total = metric_engine.pooled(
                    measured.get(member_id, (0, 0.0))
                    for member_id in members_of.get(goal.department_id.id, ())
                )
            else:
                if company_total is None:
                    company_total = self._measure_total(
                        cycle.date_start, cycle.date_end
                    )
                count, total = company_total
            values[goal.id] = self._value_from(count, total)
        return values

    # ------------------------------------------------------------------
    # The live-KPI refresh
    # ------------------------------------------------------------------
    @api.model
    def _refresh_goals(self, goals):
        """Read the actual value of every goal of ``goals`` with a live metric
        and store it; returns how many goals were measured.

        One grouped query per (metric, cycle) for the values, then the writes
        of :meth:`_write_measures`, whatever the number of goals.
        """
        goals = goals.sudo().filtered(
            lambda g: g.metric_id and g.state not in ("cancelled", "done")
        )
        if not goals:
            return 0
        values = {}
        by_key = goals.grouped(lambda goal: (goal.metric_id, goal.cycle_id))
        for (metric, cycle), group in by_key.items():
            values.update(metric._values_for_goals(cycle, group))
        self._write_measures(goals, values)
        return len(goals)

    @api.model
    def _write_measures(self, goals, values):
        """Store the measured actuals ``{goal id: value}`` of ``goals``: the
        one write of measured values that does not go through ``write()``.

        The ORM writes 100 rows per UPDATE and recomputes every goal's results
        in its own pass: 10,000 goals then take 2 to 3 times the 3 s target of
        the live-KPI refresh (README, *Figures*). So this helper

        1. computes each changed goal's results with the goal's own compute
           (``_measured_result``, what ``_compute_result`` calls for a KPI or
           a key result) and writes the actuals, ``has_actual``, the results
           and the measuring date of all the goals in one UPDATE;
        2. tells the ORM that all of :data:`MEASURE_FIELDS` changed
           (``modified()``): the registry's field triggers mark for
           recomputation every stored field that depends on them, on any
           model of any installed module (objectives above their key
           results, aligned goals, another module's fields), except the
           results this UPDATE just wrote (``env.protecting``) on the goals
           whose results depend on nothing else (not objectives, nothing
           aligned below them); the final flush recomputes the rest through
           the ORM.

        Goals whose value did not change only get their "measured on" date.
        A refresh measures the goal (``has_actual``), even at 0.
        tests/test_metric_measures.py checks that every field the registry
        says depends on a goal's actual is, after a refresh, what a
        recomputation gives.
        """
        Goal = self.env["perf.goal"]
        goals = goals.sudo()
        goals.flush_recordset()
        parent_ids = {
            parent.id
            for [parent] in Goal.sudo()._read_group(
                [("parent_id", "in", goals.ids), ("goal_type", "!=", "key_result")],
                ["parent_id"],
            )
        }
        result_fields = [
            Goal._fields[name] for name in ("attainment", "grade", "score")
        ]
        own_rows, other_rows = [], []
        changed_ids, own_ids, unchanged_ids = [], [], []
        for goal in goals:
            actual = values.get(goal.id) or 0.0
            if goal.actual == actual and goal.last_refresh and goal.has_actual:
                unchanged_ids.append(goal.id)
                continue
            changed_ids.append(goal.id)
            if goal.goal_type == "objective" or goal.id in parent_ids:
                # Its results depend on other goals: the ORM recomputes them.
                other_rows.append(SQL("(%s, %s::float8)", goal.id, actual))
                continue
            own_ids.append(goal.id)
            # Rounded to each field's digits, as the ORM stores them.
            attainment, grade, score = (
                result_field.convert_to_cache(value, goal)
                for result_field, value in zip(
                    result_fields, goal._measured_result(actual), strict=True
                )
            )
            own_rows.append(
                SQL(
                    "(%s, %s::float8, %s::float8, %s::float8, %s::float8)",
                    goal.id,
                    actual,
                    attainment,
                    grade,
                    score,
                )
            )
        now = fields.Datetime.now()
        stamp = SQL(
            "has_actual = true, last_refresh = %s, write_date = %s, write_uid = %s",
            now,
            now,
            self.env.uid,
        )
        if own_rows:
            # Nothing aligned below, not an objective: its roll-up is its own
            # attainment, and it is measured (as the computes say).
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE perf_goal AS goal
                       SET actual = v.actual, attainment = v.attainment,
                           grade = v.grade, score = v.score,
                           rollup_progress = v.attainment, measured = true,
                           rollup_measured = true, %s
                      FROM (VALUES %s) AS v(id, actual, attainment, grade, score)
                     WHERE goal.id = v.id
                    """,
                    stamp,
                    SQL(", ").join(own_rows),
                )
            )
        if other_rows:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE perf_goal AS goal SET actual = v.actual, %s
                      FROM (VALUES %s) AS v(id, actual) WHERE goal.id = v.id
                    """,
                    stamp,
                    SQL(", ").join(other_rows),
                )
            )
        if unchanged_ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE perf_goal SET last_refresh = %s WHERE id = ANY(%s)",
                    now,
                    unchanged_ids,
                )
            )
        goals.invalidate_recordset(
            list(MEASURE_FIELDS) + ["last_refresh", "write_date", "write_uid"]
        )
        own_results = [Goal._fields[name] for name in OWN_RESULT_FIELDS]
        with self.env.protecting(own_results, Goal.browse(own_ids)):
            Goal.browse(changed_ids).modified(MEASURE_FIELDS)
        self.env.flush_all()

    @api.model
    def _cron_refresh_goals(self):
        """Refresh every live KPI of the running cycles, one metric at a time.

        Each (metric, cycle) batch commits its progress, so a killed run resumes
        where it stopped; re-running only rewrites the same values. The least
        recently measured batches come first, so that a run cut short by its
        time limit is continued, not restarted, by the next one.
        """
        Goal = self.env["perf.goal"]
        groups = Goal._read_group(
            [
                ("metric_id", "!=", False),
                ("cycle_id.state", "in", REFRESH_CYCLE_STATES),
                ("state", "not in", ("cancelled", "done")),
            ],
            ["metric_id", "cycle_id"],
            ["id:array_agg", "last_refresh:min"],
        )
        # A batch measured in this round (since the window began) is not due
        # again: otherwise a run cut short by its time limit always reports the
        # whole list as remaining and the scheduler re-runs the job forever.
        fresh_since = fields.Datetime.now() - REFRESH_FRESH_WINDOW
        groups = [
            (metric, cycle, goal_ids)
            for metric, cycle, goal_ids, oldest in sorted(
                groups, key=lambda group: (group[3] or datetime.min, group[0].id)
            )
            if not oldest or oldest < fresh_since
        ]
        in_cron = bool(self.env.context.get("cron_id"))
        cron = self.env["ir.cron"]
        refreshed = 0
        for index, (metric, cycle, goal_ids) in enumerate(groups):
            try:
                with self.env.cr.savepoint(), conflicts_expected():
                    refreshed += self._refresh_goals(Goal.browse(goal_ids))
            except Exception as error:  # noqa: BLE001
                if is_conflict(error):
                    # A user saved one of its goals meanwhile: the next run
                    # (each commit starts a new snapshot) refreshes it.
                    _logger.info(
                        "Live KPI %s skipped for cycle %s in this run: its goals "
                        "were written concurrently (%s)",
                        metric.id,
                        cycle.id,
                        type(error).__name__,
                    )
                else:
                    _logger.exception(
                        "Live KPI %s (id %s) could not be refreshed for cycle %s",
                        metric.display_name,
                        metric.id,
                        cycle.display_name,
                    )
            if in_cron and not cron._commit_progress(
                1, remaining=len(groups) - index - 1
            ):
                break  # out of time: the scheduler runs the job again
        return refreshed
