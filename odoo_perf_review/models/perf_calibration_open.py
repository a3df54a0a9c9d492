# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain
from odoo.tools import SQL, float_round

from ..engine import calibration as calibration_engine
from ..tools.labels import selection_label

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


class PerfCalibrationOpen(models.AbstractModel):
    """Opening a session: a line per rated appraisal in its scope and the
    statistics of each rater (how far their ratings sit from the others').
    A mixin of ``perf.calibration``."""

    _name = "perf.calibration.open.mixin"
    _description = "Calibration session: opening"

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
        cycle = self.cycle_id
        if cycle.state != "calibration":
            raise UserError(
                self.env._(
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
                self.env._(
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
                self.env._(
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
            body=self.env._(
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


def _capped(value):
    if value is None:
        return 0.0
    if math.isinf(value):
        return math.copysign(LENIENCY_CAP, value)
    return max(-LENIENCY_CAP, min(LENIENCY_CAP, value))
