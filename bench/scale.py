#!/usr/bin/env python3
# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: a whole cycle of a company of N employees, at several sizes.

    python3 bench/scale.py [--sizes 1000,10000] [--json out.json] [--keep]
        [--db-prefix opr_scale] [--sample 500]

For each size it builds a fresh database with ``bench/generate.py`` (odoo_perf_review
and gamification, no demo data; setup is not measured), then measures, each
with wall time and query count (every cursor, crons included):

1. the ORM floor: plain ``create(vals_list)`` of the same appraisal and review
   rows as the launch (in a savepoint, rolled back);
2. the launch: appraisals and reviews of every employee, then again (nothing
   to add);
3. the live-KPI refresh of every goal, directly and by its scheduled action,
   and the reference: gamification's scheduled goal update on a sample of
   users, the same KPIs (goals/s, extrapolated to the same number of goals);
4. the phase cron opening the review phase, then the phase job opening every
   review (lines, deadline, one activity per reviewer), run as the scheduler
   runs it until nothing is left;
5. scoring the whole cycle once the reviews are in;
6. the distribution report (ratings per department), read as an HR officer
   with record rules, as the pivot view asks it;
7. the calibration phase: an HR officer opens a calibration session of the
   whole cycle (one line per appraisal, the rater statistics), then reads its
   form as the web client does;
8. the phase cron releasing the cycle, then the phase job releasing every
   result (one notification per employee);
9. the bonus computation of the whole cycle.

It prints a markdown table (both sizes side by side), PASS/FAIL per target
(N = 10,000: launch <= 60 s, refresh <= 10 s, scoring <= 30 s, report <= 1 s,
calibration session opened <= 2 s)
and writes the same as JSON. Exit 0 when all targets pass, 1 otherwise, 2
without Odoo 19. At 10,000 employees the run takes about 20 minutes on a
2-core machine, most of it setting the company up.
"""

import argparse
import json
import os
import platform
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.dont_write_bytecode = True
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from generate import METRICS, build_database  # noqa: E402
from kpi_refresh import QUIET_CTX, drop_database, mark_online, say  # noqa: E402

TARGETS = {  # step -> seconds, at the largest size
    "launch": 60.0,
    "kpi_refresh": 10.0,
    "scoring": 30.0,
    "report": 1.0,
    "calibration_open": 2.0,
}
STEPS = [  # key, label
    ("floor_appraisals", "ORM floor: create() of the appraisal rows"),
    ("floor_reviews", "ORM floor: create() of the review rows"),
    ("launch", "launch: appraisals and reviews"),
    ("launch_again", "launch again (nothing to add)"),
    ("kpi_refresh", "live-KPI refresh, every goal (_refresh_actuals)"),
    ("kpi_cron", "live-KPI refresh, scheduled action"),
    ("gamification", "reference: gamification scheduled update, same goals"),
    ("phase_cron_review", "phase cron: open the review phase"),
    ("phase_job_open", "phase job: open every review (batches)"),
    ("scoring", "scoring the whole cycle"),
    ("report", "distribution report per department (HR officer)"),
    ("calibration_open", "calibration: open the session of the cycle (HR officer)"),
    ("calibration_form", "calibration: read the session's form (HR officer)"),
    ("phase_cron_release", "phase cron: release the cycle"),
    ("phase_job_release", "phase job: release every result (batches)"),
    ("bonus", "bonus computation, whole cycle"),
]


class Measure:
    def __init__(self, env):
        self.env = env
        self.rows = {}

    def __call__(self, key, func, records=None, note=None):
        from odoo import sql_db  # noqa: PLC0415

        env = self.env
        env.flush_all()
        env.invalidate_all()
        queries = sql_db.sql_counter
        started = time.perf_counter()
        result = func()
        env.flush_all()
        seconds = time.perf_counter() - started
        row = {
            "seconds": round(seconds, 3),
            "queries": sql_db.sql_counter - queries,
            "records": records(result) if callable(records) else records,
        }
        if note:
            row["note"] = note
        self.rows[key] = row
        say(
            f"  {key}: {seconds:.2f} s, {row['queries']} queries"
            + (f", {row['records']}" if row["records"] is not None else "")
        )
        return result


def count(env, model, cycle, **where):
    domain = [("cycle_id", "=", cycle.id)] + [(k, "=", v) for k, v in where.items()]
    return env[model].search_count(domain)


def run_cron_until_done(env, xmlid, pending):
    """Run a scheduled action as the scheduler does (its own cursor, its time
    budget, committed batches) until ``pending()`` is empty; return the runs."""
    cron = env.ref(xmlid)
    runs = 0
    while True:
        env.cr.commit()
        cron.method_direct_trigger()
        runs += 1
        # A new transaction, to see what the job's own cursor committed.
        env.cr.commit()
        env.invalidate_all()
        if not pending() or runs >= 200:
            return runs


class ScaleRun:
    def __init__(self, registry, summary, args):
        self.registry = registry
        self.summary = summary
        self.args = args

    def run(self):
        from odoo import SUPERUSER_ID, api  # noqa: PLC0415

        with self.registry.cursor() as cr:
            self.env = env = api.Environment(cr, SUPERUSER_ID, {})
            self.measure = measure = Measure(env)
            self.cycle = cycle = env["perf.cycle"].browse(self.summary["cycle_id"])
            employees = env["hr.employee"].search(
                [("company_id", "=", cycle.company_id.id)], order="id"
            )
            template = cycle.template_id
            launched = measure(
                "launch",
                lambda: cycle._launch_appraisals(employees, template),
                records=lambda r: (
                    f"{r['created']:,} appraisals, {r['reviews']:,} reviews"
                ),
            )
            cr.commit()
            self.measure_floor(cycle)
            measure(
                "launch_again",
                lambda: cycle._launch_appraisals(employees, template),
                records=lambda r: f"{r['created']} created",
            )
            self.measure_kpi(cycle)
            cr.commit()
            self.measure_phase(
                cycle,
                "review",
                "phase_cron_review",
                "phase_job_open",
                lambda: (
                    f"{count(env, 'perf.review', cycle, state='requested'):,} "
                    f"reviews, {env['perf.review.line'].search_count([]):,} lines"
                ),
            )
            self.fill_reviews(cycle)
            # Read inside the measure: a recordset read before the cache is
            # cleared would lose its prefetch and fetch one row at a time.
            measure(
                "scoring",
                lambda: cycle.appraisal_ids._compute_results(),
                records=f"{len(cycle.appraisal_ids):,} appraisals",
            )
            cr.commit()
            self.measure_report(cycle)
            self.measure_calibration(cycle)
            self.measure_release(cycle)
            self.measure_bonus(cycle)
            cr.commit()
            rows = measure.rows
            rows["launch"]["records_detail"] = {
                "appraisals": launched["created"],
                "reviews": launched["reviews"],
            }
        return rows

    # ------------------------------------------------------------------
    def measure_floor(self, cycle):
        """The same rows, created by plain create() calls on a second cycle,
        in a savepoint that is rolled back."""
        env = self.env
        appraisal_fields = [
            "employee_id",
            "template_id",
            "manager_id",
            "department_id",
            "job_id",
            "is_manager",
        ]
        rows = env["perf.appraisal"].search_read(
            [("cycle_id", "=", cycle.id)], ["id", *appraisal_fields], load=None
        )
        reviews = env["perf.review"].search_read(
            [("cycle_id", "=", cycle.id)],
            ["appraisal_id", "rater_type", "reviewer_employee_id", "anonymous"],
            load=None,
        )
        savepoint = env.cr.savepoint()
        other = (
            env["perf.cycle"]
            .with_context(**QUIET_CTX)
            .create(
                {
                    "company_id": cycle.company_id.id,
                    "frequency": "annual",
                    "date_start": cycle.date_start,
                    "date_end": cycle.date_end,
                    "template_id": cycle.template_id.id,
                    "recurring": False,
                }
            )
        )
        Appraisal = env["perf.appraisal"].with_context(**QUIET_CTX)
        created = self.measure(
            "floor_appraisals",
            lambda: Appraisal.create(
                [
                    dict({f: row[f] for f in appraisal_fields}, cycle_id=other.id)
                    for row in rows
                ]
            ),
            records=f"{len(rows):,} appraisals",
        )
        new_id = dict(zip([row["id"] for row in rows], created.ids, strict=True))
        Review = env["perf.review"].with_context(**QUIET_CTX)
        self.measure(
            "floor_reviews",
            lambda: Review.create(
                [
                    dict(review, id=None, appraisal_id=new_id[review["appraisal_id"]])
                    for review in reviews
                ]  # fmt: skip
            ),
            records=f"{len(reviews):,} reviews",
        )
        env.invalidate_all(flush=False)
        savepoint.close(rollback=True)
        env.invalidate_all()

    def measure_kpi(self, cycle):
        env = self.env
        goals = env["perf.goal"].search([("cycle_id", "=", cycle.id)])
        live = self.summary["live_goals"]
        Goal = env["perf.goal"]
        self.measure(
            "kpi_refresh",
            lambda: goals._refresh_actuals(),
            records=f"{len(goals):,} goals ({live:,} live)",
        )
        # The scheduled action refreshes what the current round has not
        # measured yet: age the measures of the refresh just made, as at the
        # next hourly run.
        env.cr.execute(
            "UPDATE perf_goal SET last_refresh = last_refresh - interval '1 hour'"
            " WHERE last_refresh IS NOT NULL"
        )
        env.invalidate_all()
        self.measure(
            "kpi_cron",
            lambda: Goal._cron_refresh_actuals(),
            records=f"{live:,} live goals",
        )
        self.measure_gamification(cycle, live)

    def measure_gamification(self, cycle, live):
        """Gamification's scheduled path on the two contact KPIs, for a sample
        of users: per-goal definitions held by a running challenge, the goals
        _generate_goals_from_challenge would create, users seen online."""
        env = self.env
        users = self.summary["user_ids"]
        step = max(1, len(users) // self.args.sample)
        sample = users[::step][: self.args.sample]
        partner = env["ir.model"]._get("res.partner")
        create_date = env["ir.model.fields"]._get("res.partner", "create_date")
        Challenge = env["gamification.challenge"].with_context(**QUIET_CTX)
        Goal = env["gamification.goal"].with_context(**QUIET_CTX)
        challenges = Challenge
        goal_ids = {}
        for key, name, _m, domain, _a, _f, target in METRICS[:2]:
            definition = env["gamification.goal.definition"].create(
                {
                    "name": f"{name} (bench)",
                    "computation_mode": "count",
                    "model_id": partner.id,
                    "field_date_id": create_date.id,
                    "condition": "higher",
                    "domain": f"[('user_id', '=', user.id)] + {domain}",
                }
            )
            challenge = Challenge.create(
                {
                    "name": f"Bench: {name}",
                    "state": "inprogress",
                    "period": "once",
                    "start_date": cycle.date_start,
                    "end_date": cycle.date_end,
                    "user_domain": False,
                    "user_ids": [(6, 0, sample)],
                    "report_message_frequency": "never",
                    "line_ids": [
                        (0, 0, {"definition_id": definition.id, "target_goal": target})
                    ],
                }
            )
            challenges |= challenge
            goals = Goal.create(
                [
                    {
                        "definition_id": definition.id,
                        "line_id": challenge.line_ids.id,
                        "user_id": user_id,
                        "start_date": cycle.date_start,
                        "end_date": cycle.date_end,
                        "target_goal": target,
                        "state": "inprogress",
                        "current": 0,
                    }
                    for user_id in sample
                ]
            )
            goal_ids.update(zip([(u, key) for u in sample], goals.ids, strict=True))
        mark_online(env.cr, sample)
        env.cr.commit()
        self.measure(
            "gamification",
            lambda: challenges._update_all(),
            records=f"{len(goal_ids):,} goals (sample of {len(sample)} users)",
        )
        row = self.measure.rows["gamification"]
        rate = len(goal_ids) / row["seconds"]
        row["goals_per_s"] = round(rate, 1)
        row["extrapolated_seconds"] = round(live / rate, 1)
        row["note"] = (
            f"measured on {len(goal_ids):,} goals: {rate:,.0f} goals/s, so "
            f"~{live / rate:,.0f} s for the {live:,} live goals"
        )
        # Same numbers on both sides for the sampled (user, KPI).
        employee_of = {
            employee["user_id"]: employee["id"]
            for employee in env["hr.employee"].search_read(
                [("user_id", "in", sample)], ["user_id"], load=None
            )
        }
        ours = {
            (goal["employee_id"], goal["metric_id"]): goal["actual"]
            for goal in env["perf.goal"].search_read(
                [
                    ("cycle_id", "=", cycle.id),
                    ("employee_id", "in", list(employee_of.values())),
                ],
                ["employee_id", "metric_id", "actual"],
                load=None,
            )
        }
        metric_of = dict(
            zip([m[0] for m in METRICS], self.summary["metric_ids"], strict=True)
        )
        current = {
            goal["id"]: goal["current"]
            for goal in env["gamification.goal"].search_read(
                [("id", "in", list(goal_ids.values()))], ["current"]
            )
        }
        mismatches = sum(
            1
            for (user_id, key), goal_id in goal_ids.items()
            if current[goal_id] != ours.get((employee_of[user_id], metric_of[key]))
        )
        row["mismatches"] = mismatches
        say(
            f"    gamification vs ours on {len(goal_ids)} goals: "
            f"{mismatches} mismatches"
        )

    def measure_phase(self, cycle, target, cron_key, job_key, job_records):
        """The phase cron moving ``cycle`` to ``target``, then the phase job
        doing the work it hands over, each run until nothing is left."""
        env = self.env
        self.measure(
            cron_key,
            lambda: run_cron_until_done(
                env,
                "odoo_perf_review.ir_cron_perf_cycle_phases",
                lambda: cycle.state != target,
            ),
            records=lambda runs: f"{runs} run(s)",
        )
        Cycle = env["perf.cycle"]
        self.measure(
            job_key,
            lambda: run_cron_until_done(
                env,
                "odoo_perf_review.ir_cron_perf_cycle_phase_work",
                lambda: Cycle._pending_phase_work(),
            ),
            records=lambda runs: f"{job_records()}, {runs} runs",
        )

    def fill_reviews(self, cycle):
        """The raters answer (setup, not measured): a level on every
        competency line, skewed to the middle; every manager review and 95 %
        of the others submitted."""
        cr = self.env.cr
        levels = cycle.template_id.rating_scale_id.level_ids.sorted("sequence").ids
        cr.execute("SELECT setseed(0.17)")
        cr.execute(
            """
            UPDATE perf_review_line l
               SET level_id = (%(levels)s::int[])[
                       1 + LEAST(4, GREATEST(0, floor(2.2 + random() * 2.2
                                                      - random() * 1.4)::int))]
              FROM perf_review r
             WHERE r.id = l.review_id AND r.cycle_id = %(cycle)s
               AND l.criterion_id IS NOT NULL
            """,
            {"levels": levels, "cycle": cycle.id},
        )
        cr.execute(
            """
            UPDATE perf_review SET state = 'submitted',
                   submitted_date = now() AT TIME ZONE 'UTC'
             WHERE cycle_id = %s AND state = 'requested'
               AND (rater_type = 'manager' OR random() < 0.95)
            """,
            [cycle.id],
        )
        cr.commit()
        self.env.invalidate_all()

    def measure_report(self, cycle):
        env = self.env
        officer = env["res.users"].browse(self.summary["officer_user_ids"][0])
        Appraisal = env["perf.appraisal"].with_user(officer)
        self.measure(
            "report",
            lambda: Appraisal.formatted_read_group(
                [("cycle_id", "=", cycle.id)],
                ["department_id", "final_level_id"],
                ["__count", "final_score:avg"],
            ),
            records=lambda groups: f"{len(groups)} groups",
        )

    def measure_calibration(self, cycle):
        """The cycle enters its calibration phase (setup: the reviews close
        later, by the phase job, as in a real cycle); an HR officer opens a
        session of the whole company and reads its form."""
        env = self.env
        # The phase moves as once HR has seen the gaps (5 % of the reviews
        # are not in) and confirmed.
        cycle._set_phase("calibration")
        officer = env["res.users"].browse(self.summary["officer_user_ids"][0])
        # generate.py gives its users the Performance groups only; an HR
        # officer who posts in a chatter is an internal user.
        officer.group_ids = [(4, env.ref("base.group_user").id)]
        session = (
            env["perf.calibration"]
            .with_user(officer)
            .create({"cycle_id": cycle.id, "scope": "company"})
        )
        env.cr.commit()
        self.measure(
            "calibration_open",
            lambda: session.action_open(),
            records=lambda _r: (
                f"{len(session.sudo().line_ids):,} lines, "
                f"{len(session.sudo().rater_ids):,} raters"
            ),
        )
        env.cr.commit()
        spec = {
            "name": {},
            "state": {},
            "line_count": {},
            "changed_count": {},
            "rater_alert_count": {},
            "distribution": {},
            "nine_box_grid": {},
            "departure_flagged": {},
            "participant_ids": {"fields": {"display_name": {}}},
            "line_ids": {
                "fields": {
                    "employee_id": {"fields": {"display_name": {}}},
                    "computed_level_id": {"fields": {"display_name": {}}},
                    "calibrated_level_id": {"fields": {"display_name": {}}},
                    "final_score": {},
                    "potential": {},
                },
                "limit": 80,
            },
            "rater_ids": {
                "fields": {
                    "rater_employee_id": {"fields": {"display_name": {}}},
                    "mean": {},
                    "leniency": {},
                    "verdict": {},
                },
                "limit": 40,
            },
        }
        self.measure(
            "calibration_form",
            lambda: session.web_read(spec),
            records=lambda result: (
                f"{len(result[0]['line_ids']):,} lines, "
                f"{len(result[0]['rater_ids']):,} raters; the first 80 and 40 read"
            ),
        )

    def measure_release(self, cycle):
        env = self.env
        today = date.today()
        # The clock moves past the review and calibration deadlines.
        env.cr.execute(
            """
            UPDATE perf_cycle SET review_start_date = %s, review_deadline = %s,
                   calibration_deadline = %s WHERE id = %s
            """,
            [
                today - timedelta(days=6),
                today - timedelta(days=4),
                today - timedelta(days=2),
                cycle.id,
            ],
        )
        env.cr.commit()
        self.measure_phase(
            cycle,
            "released",
            "phase_cron_release",
            "phase_job_release",
            lambda: (
                f"{count(env, 'perf.appraisal', cycle, state='released'):,} released"
            ),
        )

    def measure_bonus(self, cycle):
        env = self.env
        cycle.bonus_policy_id = env.ref("odoo_perf_review.bonus_policy_default")
        released = cycle.appraisal_ids.filtered(lambda a: a.state == "released")
        env["perf.bonus.pool"].create(
            {"cycle_id": cycle.id, "amount": 8000.0 * len(released)}
        )
        env.cr.commit()
        self.measure(
            "bonus",
            lambda: cycle.action_compute_bonuses(),
            records=lambda _r: f"{count(env, 'perf.bonus.line', cycle):,} lines",
        )


def table(results, sizes):
    head = "| step |" + "".join(
        f" N = {size:,}: s | queries | records |" for size in sizes
    )
    lines = [head, "|---|" + "---:|---:|---|" * len(sizes)]
    for key, label in STEPS:
        cells = []
        for size in sizes:
            row = results[str(size)]["steps"].get(key)
            if not row:
                cells.append(" – | – | – |")
                continue
            cells.append(
                f" {row['seconds']:.2f} | {row['queries']:,} | {row['records'] or ''} |"
            )
        lines.append(f"| {label} |" + "".join(cells))
    return "\n".join(lines)


def check_targets(results, sizes):
    largest = str(max(sizes))
    steps = results[largest]["steps"]
    checks = []
    for key, limit in TARGETS.items():
        seconds = steps[key]["seconds"]
        checks.append(
            {
                "target": f"{key} at N = {int(largest):,} ≤ {limit:g} s",
                "value": f"{seconds:.2f} s",
                "passed": seconds <= limit,
            }
        )
    gamification = steps["gamification"]
    checks.append(
        {
            "target": "same KPI values as gamification on the sampled goals",
            "value": f"{gamification['mismatches']} mismatches",
            "passed": gamification["mismatches"] == 0,
        }
    )
    return checks


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--db-prefix", default="opr_scale")
    parser.add_argument("--sample", type=int, default=500, help="gamification users")
    parser.add_argument("--json")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    results = {}
    started = time.perf_counter()
    for size in sizes:
        db = f"{args.db_prefix}_{size}"
        say(f"N = {size:,}: building {db} (not measured)")
        t0 = time.perf_counter()
        registry, summary = build_database(
            db, size, modules=("odoo_perf_review", "gamification")
        )
        setup = round(time.perf_counter() - t0, 1)
        say(f"  setup: {setup} s; measures:")
        try:
            steps = ScaleRun(registry, summary, args).run()
        finally:
            from odoo.modules.registry import Registry  # noqa: PLC0415
            from odoo.sql_db import close_db  # noqa: PLC0415

            Registry.delete(db)
            close_db(db)
            if not args.keep:
                drop_database(db)
        results[str(size)] = {
            "company": {
                k: v
                for k, v in summary.items()
                if k not in ("employee_ids", "user_ids", "officer_user_ids")
            },
            "setup_seconds": setup,
            "steps": steps,
        }
    checks = check_targets(results, sizes)
    passed = all(check["passed"] for check in checks)
    say()
    say(table(results, sizes))
    say()
    for size in sizes:
        note = results[str(size)]["steps"]["gamification"]["note"]
        say(f"  gamification at N = {size:,}: {note}")
    for check in checks:
        verdict = "PASS" if check["passed"] else "FAIL"
        say(f"{verdict}  {check['target']}: {check['value']}")
    say(f"Total wall time: {time.perf_counter() - started:.0f} s")
    if args.json:
        import odoo  # noqa: PLC0415

        Path(args.json).write_text(
            json.dumps(
                {
                    "machine": {
                        "cpus": os.cpu_count(),
                        "python": platform.python_version(),
                        "odoo": odoo.release.version,
                    },
                    "sizes": sizes,
                    "results": results,
                    "targets": checks,
                    "passed": passed,
                },
                indent=2,
                default=str,
            )
            + "\n"
        )
        say(f"Wrote {args.json}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
