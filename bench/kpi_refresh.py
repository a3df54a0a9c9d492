#!/usr/bin/env python3
# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: live-KPI refresh of ``perf.goal`` against Odoo's gamification.

Builds a throwaway database with ``odoo_perf_review`` and ``gamification``,
fills it with the same data for both contenders (users with employees,
~100,000 contacts spread over the quarter, one cycle, two metrics, goals on
both sides) and measures:

* ours: ``perf.goal._refresh_actuals()`` on every goal, and the scheduled
  ``perf.goal._cron_refresh_actuals()``;
* gamification: the scheduled path ``gamification.challenge._update_all()``
  (per-goal definitions, one ``search_count`` per goal) and batch-mode
  ``gamification.goal.update_goal()``, on a sample of goals when the full set
  would take minutes.

Then it checks that both sides find the same values, prints a markdown table
and exits 0 when the targets are met, 1 when not, 2 when Odoo 19 is missing.

    python3 bench/kpi_refresh.py [--db opr_bench] [--employees 5000]
        [--goals 10000] [--records 100000] [--sample 1000] [--json out.json]
        [--keep] [--repeat 3] [--profile out.prof]

See bench/README.md.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import odoo_env as oe  # noqa: E402
from odoo_env import say  # noqa: E402

REPO_ROOT = oe.REPO
ADDON = oe.ADDON

# Targets (see the README): our refresh of 10,000 goals within 3 s, i.e. at
# least 3,333 goals/s whatever the size, and 20 times the goals/s of
# gamification's scheduled path.
TARGET_GOALS_PER_S = 10_000 / 3.0
TARGET_SPEEDUP = 20.0
# Gamification's batch mode is measured on every goal too when it should take
# no more than this (it slows down with the number of users).
FULL_BATCH_BUDGET = 120.0
INDEX_NAME = "opr_bench_res_partner_user_id_index"

# The source records: contacts, their salesperson (user_id) and creation date.
SHARE_COMPANIES = 0.30  # is_company
SHARE_NO_SALESPERSON = 0.02
SHARE_BEFORE = 0.07  # created in the 60 days before the quarter
SHARE_AFTER = 0.03  # created in the 30 days after it

# Two KPIs on the same records. Targets are per KPI, like a challenge line.
METRICS = [
    {
        "key": "companies",
        "name": "New companies",
        "domain": "[('is_company', '=', True)]",
        "target": 5.0,
    },
    {
        "key": "contacts",
        "name": "New individual contacts",
        "domain": "[('is_company', '=', False)]",
        "target": 12.0,
    },
]

QUIET_CTX = {
    "no_reset_password": True,
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


# ----------------------------------------------------------------------
# Database
# ----------------------------------------------------------------------
def odoo_args(db, addons_path):
    return [
        "-d",
        db,
        f"--addons-path={addons_path}",
        "--http-interface=127.0.0.1",
        "--log-level=warn",
    ]


def drop_database(db):
    """Drop ``db`` and its filestore; False when there was no such database."""
    from odoo.tools import config  # noqa: PLC0415

    if not oe.db_exists(db):
        return False
    ok, out = oe.drop_db(db, config["data_dir"])
    if not ok:
        raise SystemExit(f"could not drop the database {db}: {out}")
    return True


def install_database(db, info, modules=(ADDON, "gamification")):
    cmd = info.cmd(
        *odoo_args(db, info.addons_path()), "-i", ",".join(modules), "--stop-after-init"
    )
    say(f"$ {' '.join(cmd)}")
    res = oe.run(cmd, env=info.env)
    if res.returncode:
        say(oe.tail(res.stdout, 60))
        raise SystemExit(f"installing {', '.join(modules)} failed")


def vacuum_analyze(db):
    """Leave the tables as autovacuum would: statistics, visibility map and
    hint bits set, so that no contender pays for the bulk inserts."""
    import psycopg2  # noqa: PLC0415

    from odoo.sql_db import connection_info_for  # noqa: PLC0415

    _name, info = connection_info_for(db)
    conn = psycopg2.connect(**info)
    try:
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute("VACUUM (ANALYZE)")
    finally:
        conn.close()


def mark_online(cr, user_ids):
    """Users seen online now (mail.presence), as gamification's scheduled
    update requires before it updates their goals."""
    cr.execute(
        """
        INSERT INTO mail_presence (user_id, status, last_presence, last_poll)
        SELECT u, 'online', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM unnest(%s::int[]) AS u
        """,
        [user_ids],
    )


# ----------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------
def current_quarter(today=None):
    today = today or date.today()
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    nxt = date(start.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return start, nxt - timedelta(days=1)


class Bench:
    def __init__(self, env, args, quarter):
        self.env = env
        self.cr = env.cr
        self.args = args
        self.start, self.end = quarter
        self.users = []  # res.users ids, in order
        self.employee_of = {}  # user id -> employee id
        self.pairs = []  # (user id, metric index): one goal on each side
        self.sample_users = []
        self.ids = {}
        self.setup_times = {}

    # -- setup ---------------------------------------------------------
    def timed(self, label, func, *args):
        started = time.perf_counter()
        result = func(*args)
        self.env.flush_all()
        self.setup_times[label] = round(time.perf_counter() - started, 2)
        say(f"  {label}: {self.setup_times[label]:.1f} s")
        return result

    def create_users(self):
        """Users with their employee (hr's create_employee), in batches."""
        Users = self.env["res.users"].with_context(**QUIET_CTX)
        batch = 500
        for first in range(0, self.args.employees, batch):
            last = min(first + batch, self.args.employees)
            users = Users.create(
                [
                    {
                        "name": f"Bench Seller {i:05d}",
                        "login": f"bench.seller.{i:05d}",
                        "email": f"bench.seller.{i:05d}@example.com",
                        "create_employee": True,
                    }
                    for i in range(first, last)
                ]
            )
            self.users.extend(users.ids)
            self.env.flush_all()
            self.env.invalidate_all()
        self.cr.execute(
            "SELECT user_id, id FROM hr_employee WHERE user_id = ANY(%s)",
            [self.users],
        )
        self.employee_of = dict(self.cr.fetchall())
        if len(self.employee_of) != len(self.users):
            raise RuntimeError("some bench users have no employee")

    def create_records(self):
        """The source records, in plain SQL: contacts with a salesperson and a
        creation date, plus eight contacts on the edges of the quarter."""
        start = datetime.combine(self.start, datetime.min.time())
        stop = datetime.combine(self.end + timedelta(days=1), datetime.min.time())
        self.cr.execute("SELECT COALESCE(MAX(id), 0) FROM res_partner")
        [max_id] = self.cr.fetchone()
        self.cr.execute("SELECT setseed(0.4242)")
        self.cr.execute(
            """
            INSERT INTO res_partner (name, complete_name, type, active, is_company,
                                     user_id, create_uid, write_uid, create_date,
                                     write_date)
            SELECT 'Bench contact ' || r.n, 'Bench contact ' || r.n, 'contact',
                   TRUE, r.is_company, r.user_id, 1, 1, r.ts, r.ts
              FROM (
                SELECT g AS n,
                       random() < %(companies)s AS is_company,
                       CASE WHEN random() < %(no_user)s THEN NULL
                            ELSE (%(users)s::int[])[
                                1 + floor(random() * %(n_users)s)::int]
                       END AS user_id,
                       CASE
                         WHEN u < %(before)s THEN %(start)s::timestamp
                              - interval '1 second'
                              - random() * interval '60 days'
                         WHEN u < %(before)s + %(after)s THEN %(stop)s::timestamp
                              + random() * interval '30 days'
                         ELSE %(start)s::timestamp
                              + random() * (%(stop)s::timestamp - %(start)s)
                       END AS ts
                  FROM (SELECT g, random() AS u
                          FROM generate_series(1, %(records)s) AS g) AS s
              ) AS r
            """,
            {
                "companies": SHARE_COMPANIES,
                "no_user": SHARE_NO_SALESPERSON,
                "users": self.users,
                "n_users": len(self.users),
                "before": SHARE_BEFORE,
                "after": SHARE_AFTER,
                "start": start,
                "stop": stop,
                "records": self.args.records,
            },
        )
        # Edges, for the first user: the first and the last second of the
        # quarter count, the second before and the midnight after do not.
        edges = [
            start,
            stop - timedelta(seconds=1),
            start - timedelta(seconds=1),
            stop,
        ]
        for is_company in (True, False):
            for ts in edges:
                self.cr.execute(
                    """
                    INSERT INTO res_partner (name, complete_name, type, active,
                        is_company, user_id, create_uid, write_uid, create_date,
                        write_date)
                    VALUES ('Bench edge', 'Bench edge', 'contact', TRUE, %s, %s,
                            1, 1, %s, %s)
                    """,
                    [is_company, self.users[0], ts, ts],
                )
        self.cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id > %s",
            [max_id],
        )
        self.env["res.partner"].invalidate_model()

    def create_perf_side(self):
        env = self.env
        template = env.ref(f"{ADDON}.template_kpi", raise_if_not_found=False)
        template = template or env["perf.template"].search([], limit=1)
        cycle = (
            env["perf.cycle"]
            .with_context(**QUIET_CTX)
            .create(
                {
                    "company_id": env.company.id,
                    "frequency": "quarterly",
                    "date_start": self.start,
                    "date_end": self.end,
                    "template_id": template.id,
                }
            )
        )
        cycle.action_start()
        cycle.action_start_progress()
        partner_model = env["ir.model"]._get("res.partner")
        create_date = env["ir.model.fields"]._get("res.partner", "create_date")
        metrics = env["perf.metric"].create(
            [
                {
                    "name": spec["name"],
                    "model_id": partner_model.id,
                    "domain": spec["domain"],
                    "aggregation": "count",
                    "employee_path": "user_id",
                    "date_field_id": create_date.id,
                }
                for spec in METRICS
            ]
        )
        weight = 100.0 / (1 + (self.args.goals > self.args.employees))
        Goal = env["perf.goal"].with_context(**QUIET_CTX)
        goal_ids = []
        for first in range(0, len(self.pairs), 2000):
            goals = Goal.create(
                [
                    {
                        "name": METRICS[index]["name"],
                        "employee_id": self.employee_of[user_id],
                        "cycle_id": cycle.id,
                        "metric_id": metrics[index].id,
                        "target": METRICS[index]["target"],
                        "weight": weight,
                    }
                    for user_id, index in self.pairs[first : first + 2000]
                ]
            )
            goal_ids.extend(goals.ids)
            env.flush_all()
            env.invalidate_all()
        self.ids.update(cycle=cycle.id, metrics=metrics.ids, perf_goals=goal_ids)

    def create_gamification_side(self):
        """The same KPIs as goal definitions: per goal (the scheduled path, one
        challenge per KPI, as a challenge would generate them) and batch mode."""
        env = self.env
        partner_model = env["ir.model"]._get("res.partner")
        create_date = env["ir.model.fields"]._get("res.partner", "create_date")
        salesperson = env["ir.model.fields"]._get("res.partner", "user_id")
        Definition = env["gamification.goal.definition"]
        per_goal, batch = Definition, Definition
        for spec in METRICS:
            common = {
                "computation_mode": "count",
                "model_id": partner_model.id,
                "field_date_id": create_date.id,
                "condition": "higher",
            }
            per_goal |= Definition.create(
                dict(
                    common,
                    name=f"{spec['name']} (per goal)",
                    domain=f"[('user_id', '=', user.id)] + {spec['domain']}",
                )
            )
            batch |= Definition.create(
                dict(
                    common,
                    name=f"{spec['name']} (batch)",
                    domain=spec["domain"],
                    batch_mode=True,
                    batch_distinctive_field=salesperson.id,
                    batch_user_expression="user.id",
                )
            )
        users_of = [[u for u, i in self.pairs if i == index] for index in range(2)]
        Challenge = env["gamification.challenge"].with_context(**QUIET_CTX)
        challenges = Challenge
        for index, spec in enumerate(METRICS):
            if not users_of[index]:
                continue
            # Created running (not written to 'inprogress'), so that it does not
            # generate its goals one create() at a time; the goals below are
            # exactly the ones _generate_goals_from_challenge would make.
            challenges |= Challenge.create(
                {
                    "name": f"Bench: {spec['name']}",
                    "state": "inprogress",
                    "period": "once",
                    "start_date": self.start,
                    "end_date": self.end,
                    "user_domain": False,
                    "user_ids": [(6, 0, users_of[index])],
                    "report_message_frequency": "never",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "definition_id": per_goal[index].id,
                                "target_goal": spec["target"],
                            },
                        )
                    ],
                }
            )
        line_of = {c.line_ids.definition_id.id: c.line_ids.id for c in challenges}
        Goal = env["gamification.goal"].with_context(**QUIET_CTX)
        scheduled, batched = {}, {}
        for definitions, line, found in (
            (per_goal, True, scheduled),
            (batch, False, batched),
        ):
            for first in range(0, len(self.pairs), 2000):
                chunk = self.pairs[first : first + 2000]
                goals = Goal.create(
                    [
                        {
                            "definition_id": definitions[index].id,
                            "line_id": line and line_of[definitions[index].id],
                            "user_id": user_id,
                            "start_date": self.start,
                            "end_date": self.end,
                            "target_goal": METRICS[index]["target"],
                            "state": "inprogress",
                            # what _generate_goals_from_challenge starts from
                            "current": min(METRICS[index]["target"] - 1, 0),
                        }
                        for user_id, index in chunk
                    ]
                )
                found.update(zip(chunk, goals.ids, strict=True))
                env.flush_all()
                env.invalidate_all()
        self.ids.update(
            challenges=challenges.ids,
            gamification_scheduled=scheduled,
            gamification_batch=batched,
        )

    def setup(self):
        args = self.args
        per_employee = 1 + (args.goals > args.employees)
        self.timed(f"users + employees ({args.employees})", self.create_users)
        self.pairs = [(u, 0) for u in self.users]
        self.pairs += [(u, 1) for u in self.users[: args.goals - len(self.users)]]
        wanted = args.sample if 0 < args.sample < len(self.pairs) else len(self.pairs)
        n_sample = max(1, min(len(self.users), -(-wanted // per_employee)))
        step = len(self.users) / n_sample
        self.sample_users = [self.users[int(i * step)] for i in range(n_sample)]
        self.timed(f"source records ({args.records} contacts)", self.create_records)
        self.timed(f"cycle, metrics, {len(self.pairs)} goals", self.create_perf_side)
        self.timed(
            f"gamification: definitions, challenges, {2 * len(self.pairs)} goals",
            self.create_gamification_side,
        )
        # The scheduled path only updates the goals of users seen online
        # lately (mail.presence).
        mark_online(self.cr, self.sample_users)
        self.cr.commit()
        self.timed("VACUUM ANALYZE", vacuum_analyze, self.args.db)

    # -- measures ------------------------------------------------------
    def measure(self, label, func, goals, profile=None):
        self.env.invalidate_all()
        queries = self.cr.sql_log_count
        started = time.perf_counter()
        if profile:
            profile.enable()
        result = func()
        if profile:
            profile.disable()
        self.env.flush_all()
        seconds = time.perf_counter() - started
        queries = self.cr.sql_log_count - queries
        self.cr.commit()
        say(f"  {label}: {goals} goals in {seconds:.3f} s, {queries} queries")
        return {
            "seconds": seconds,
            "queries": queries,
            "goals": goals,
            "result": result,
        }

    def measure_ours(self, label, func, total):
        runs = []
        budget = time.perf_counter() + 60
        for _run in range(self.args.repeat):
            runs.append(self.measure(label, func, total))
            if time.perf_counter() > budget:
                break
        middle = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
        return {
            "contender": label,
            "goals": total,
            "seconds": statistics.median(r["seconds"] for r in runs),
            "queries": middle["queries"],
            "runs": [round(r["seconds"], 4) for r in runs],
            "refreshed": middle["result"],
        }

    def sampled_pairs(self):
        sample = set(self.sample_users)
        return [pair for pair in self.pairs if pair[0] in sample]

    def measure_scheduled(self, label):
        scheduled = self.measure(
            label,
            lambda: (
                self.env["gamification.challenge"]
                .browse(self.ids["challenges"])
                ._update_all()
            ),
            len(self.sampled_pairs()),
        )
        return dict(scheduled, contender=label, result=None)

    def run_measures(self):
        env = self.env
        goal_ids = self.ids["perf_goals"]
        total = len(goal_ids)

        def refresh():
            return env["perf.goal"].browse(goal_ids)._refresh_actuals()

        def cron():
            return env["perf.goal"]._cron_refresh_actuals()

        rows = [
            self.measure_ours("ours: _refresh_actuals()", refresh, total),
            self.measure_ours("ours: _cron_refresh_actuals()", cron, total),
            self.measure_scheduled("gamification: scheduled _update_all() (per goal)"),
        ]
        sampled = self.sampled_pairs()
        batch_ids = [self.ids["gamification_batch"][pair] for pair in sampled]
        label = "gamification: batch-mode update_goal()"
        batch = self.measure(
            label,
            lambda: env["gamification.goal"].browse(batch_ids).update_goal(),
            len(sampled),
        )
        rows.append(dict(batch, contender=label, result=None))
        full = self.measure_full_batch(batch)
        if full:
            rows.append(full)
        for row in rows:
            row["variant"] = "as built"
        if self.args.index_variant:
            rows += self.measure_with_index(refresh)
        for row in rows:
            row["seconds"] = round(row["seconds"], 4)
            row["goals_per_s"] = round(row["goals"] / row["seconds"], 1)
        reference = {
            row["variant"]: row["goals_per_s"]
            for row in rows
            if row["contender"].startswith("gamification: scheduled")
        }
        for row in rows:
            row["speedup_vs_scheduled"] = round(
                row["goals_per_s"] / reference[row["variant"]], 1
            )
        return rows

    def measure_with_index(self, refresh):
        """Sensitivity run: res.partner has no index on user_id, so the
        per-goal search_count of gamification scans the table for every goal.
        The usual KPI models (crm.lead, sale.order...) index their salesperson:
        with such an index, measure the scheduled path and ours again."""
        cr = self.cr
        scheduled = self.ids["gamification_scheduled"]
        sampled_ids = [scheduled[pair] for pair in self.sampled_pairs()]
        cr.execute(f"CREATE INDEX {INDEX_NAME} ON res_partner (user_id)")
        # The sampled goals back to where they started, their users online again.
        cr.execute(
            "UPDATE gamification_goal SET current = 0, state = 'inprogress', "
            "write_date = now() AT TIME ZONE 'UTC' WHERE id = ANY(%s)",
            [sampled_ids],
        )
        cr.execute(
            "UPDATE mail_presence SET last_presence = now() AT TIME ZONE 'UTC' "
            "WHERE user_id = ANY(%s)",
            [self.sample_users],
        )
        cr.commit()
        suffix = " [index on res_partner.user_id]"
        rows = [
            self.measure_ours(
                "ours: _refresh_actuals()" + suffix, refresh, len(self.pairs)
            ),
            self.measure_scheduled(
                "gamification: scheduled _update_all() (per goal)" + suffix
            ),
        ]
        cr.execute(f"DROP INDEX {INDEX_NAME}")
        cr.commit()
        for row in rows:
            row["variant"] = "index on res_partner.user_id"
        return rows

    def measure_full_batch(self, sampled):
        """Batch mode again on every goal, when that takes no more than
        FULL_BATCH_BUDGET: its cost grows with goals × users (it matches every
        goal against every group), so the sample flatters it."""
        all_ids = list(self.ids["gamification_batch"].values())
        if sampled["goals"] >= len(all_ids):
            return None
        estimate = sampled["seconds"] * (len(all_ids) / sampled["goals"]) ** 2
        if estimate > FULL_BATCH_BUDGET:
            say(
                f"  gamification batch on all {len(all_ids)} goals skipped: "
                f"~{estimate:.0f} s expected"
            )
            return None
        # Back to where the challenge starts them, so that every goal is written.
        self.cr.execute(
            "UPDATE gamification_goal SET current = 0, state = 'inprogress' "
            "WHERE id = ANY(%s)",
            [all_ids],
        )
        self.cr.commit()
        full = self.measure(
            "gamification: batch update_goal(), all goals",
            lambda: self.env["gamification.goal"].browse(all_ids).update_goal(),
            len(all_ids),
        )
        return dict(
            full,
            contender="gamification: batch-mode update_goal(), all goals",
            result=None,
        )

    def profile_ours(self, path):
        import cProfile  # noqa: PLC0415
        import pstats  # noqa: PLC0415

        goal_ids = self.ids["perf_goals"]
        profile = cProfile.Profile()
        self.measure(
            "profiled _refresh_actuals()",
            lambda: self.env["perf.goal"].browse(goal_ids)._refresh_actuals(),
            len(goal_ids),
            profile=profile,
        )
        profile.dump_stats(path)
        say(f"  profile written to {path}; top functions by cumulative time:")
        pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(
            25
        )

    # -- correctness ---------------------------------------------------
    def verify(self):
        """Every sampled (user, KPI): our actual, gamification's current value
        (both paths) and a plain SQL count must agree."""
        start = datetime.combine(self.start, datetime.min.time())
        stop = datetime.combine(self.end + timedelta(days=1), datetime.min.time())
        self.cr.execute(
            """
            SELECT user_id, is_company, count(*) FROM res_partner
             WHERE user_id = ANY(%s) AND active
               AND create_date >= %s AND create_date < %s
             GROUP BY user_id, is_company
            """,
            [self.sample_users, start, stop],
        )
        truth = {(u, 0 if c else 1): n for u, c, n in self.cr.fetchall()}
        sample = set(self.sample_users)
        pairs = [pair for pair in self.pairs if pair[0] in sample]
        goal_of = dict(zip(self.pairs, self.ids["perf_goals"], strict=True))
        perf = {
            goal.id: goal.actual
            for goal in self.env["perf.goal"].browse([goal_of[p] for p in pairs])
        }
        Goal = self.env["gamification.goal"]
        scheduled = self.ids["gamification_scheduled"]
        batched = self.ids["gamification_batch"]
        current = {
            goal.id: goal.current
            for goal in Goal.browse(
                [scheduled[p] for p in pairs] + [batched[p] for p in pairs]
            )
        }
        mismatches = []
        for pair in pairs:
            values = {
                "sql": float(truth.get(pair, 0)),
                "ours": perf[goal_of[pair]],
                "scheduled": current[scheduled[pair]],
                "batch": current[batched[pair]],
            }
            if len(set(values.values())) != 1:
                mismatches.append({"user_id": pair[0], "kpi": pair[1], **values})
        edge_user = self.users[0]
        examples = [
            {
                "user_id": u,
                "kpi": METRICS[i]["key"],
                "sql": truth.get((u, i), 0),
                "ours": perf[goal_of[(u, i)]],
                "gamification": current[scheduled[(u, i)]],
            }
            for u, i in pairs
            if u in (edge_user, self.sample_users[-1])
        ]
        return {
            "checked": len(pairs),
            "mismatches": mismatches[:20],
            "mismatch_count": len(mismatches),
            "examples": examples,
        }


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------
def table(rows):
    lines = [
        "| contender | goals | seconds | goals/s | queries | speed-up vs "
        "gamification scheduled |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['contender']} | {row['goals']} | {row['seconds']:.3f} | "
            f"{row['goals_per_s']:,.0f} | {row['queries']} | "
            f"{row['speedup_vs_scheduled']:.1f}× |"
        )
    if any(row["variant"] != "as built" for row in rows):
        lines.append("")
        lines.append(
            "Rows marked [index on res_partner.user_id] are a sensitivity run "
            "with that index added (res.partner has none); their speed-up is "
            "against the scheduled path with the same index. The targets apply "
            "to the data as built."
        )
    return "\n".join(lines)


def check_targets(rows, verification):
    targets = []
    for row in rows[:2]:
        limit = row["goals"] / TARGET_GOALS_PER_S
        targets.append(
            {
                "target": f"{row['contender']} ≤ {limit:.2f} s (3 s per 10,000 goals)",
                "value": f"{row['seconds']:.3f} s",
                "passed": row["seconds"] <= limit,
            }
        )
        targets.append(
            {
                "target": f"{row['contender']} ≥ {TARGET_SPEEDUP:g}× the "
                "gamification scheduled path (goals/s)",
                "value": f"{row['speedup_vs_scheduled']:.1f}×",
                "passed": row["speedup_vs_scheduled"] >= TARGET_SPEEDUP,
            }
        )
    targets.append(
        {
            "target": "same values: ours = gamification (both paths) = SQL, "
            "for every sampled (user, KPI)",
            "value": f"{verification['mismatch_count']} mismatches out of "
            f"{verification['checked']}",
            "passed": verification["checked"] > 0
            and not verification["mismatch_count"],
        }
    )
    return targets


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Benchmark odoo_perf_review's live-KPI refresh against "
        "Odoo's gamification goal update on the same data."
    )
    parser.add_argument("--db", default="opr_bench", help="database to (re)create")
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument(
        "--goals",
        type=int,
        default=10000,
        help="goals on each side, up to 2 per employee (two KPIs)",
    )
    parser.add_argument("--records", type=int, default=100000)
    parser.add_argument(
        "--sample",
        type=int,
        default=1000,
        help="gamification goals measured per path (0: all of them)",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results here")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of ours (median reported)"
    )
    parser.add_argument(
        "--no-index-variant",
        dest="index_variant",
        action="store_false",
        help="skip the sensitivity run with an index on res_partner.user_id",
    )
    parser.add_argument(
        "--profile",
        metavar="PATH",
        help="also profile one _refresh_actuals() with cProfile into PATH",
    )
    args = parser.parse_args(argv)
    if args.employees < 1 or args.records < 1 or args.repeat < 1:
        parser.error("--employees, --records and --repeat must be positive")
    if not args.employees <= args.goals <= 2 * args.employees:
        parser.error(
            "--goals must be between --employees and 2 × --employees: one goal "
            "per employee on the first KPI, then on the second"
        )
    return args


def main(argv=None):
    args = parse_args(argv)
    info = oe.odoo_in_process()
    addons_path = info.addons_path()

    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    say(f"Odoo {odoo.release.version} at {info.root}; addons path {addons_path}")
    config.parse_config(odoo_args(args.db, addons_path))
    quarter = current_quarter()
    say(
        f"Database {args.db}: {args.employees} employees, {args.goals} goals, "
        f"{args.records} contacts, quarter {quarter[0]} – {quarter[1]}"
    )
    started = time.perf_counter()
    if drop_database(args.db):
        say(f"  dropped the existing database {args.db}")
    report = {}
    try:
        t0 = time.perf_counter()
        install_database(args.db, info)
        install_s = round(time.perf_counter() - t0, 2)
        say(f"  install: {install_s:.1f} s")
        registry = Registry(args.db)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            bench = Bench(env, args, quarter)
            bench.setup()
            setup_s = round(time.perf_counter() - t0, 2)
            say(f"Setup: {setup_s:.1f} s (not measured)")
            say("Measures:")
            rows = bench.run_measures()
            if args.profile:
                bench.profile_ours(args.profile)
            verification = bench.verify()
        targets = check_targets(rows, verification)
        passed = all(t["passed"] for t in targets)
        report = {
            "config": {
                "db": args.db,
                "employees": args.employees,
                "goals": args.goals,
                "records": args.records,
                "sample": len(bench.sample_users),
                "sample_goals": rows[2]["goals"],
                "quarter": [str(quarter[0]), str(quarter[1])],
                "odoo": odoo.release.version,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
            },
            "setup_seconds": {"install": install_s, **bench.setup_times},
            "setup_total_seconds": setup_s,
            "results": [
                {k: v for k, v in row.items() if k != "result"} for row in rows
            ],
            "verification": verification,
            "targets": targets,
            "passed": passed,
        }
    finally:
        Registry.delete(args.db)
        from odoo.sql_db import close_db  # noqa: PLC0415

        close_db(args.db)
        if not args.keep:
            drop_database(args.db)
            say(f"Dropped {args.db} (use --keep to keep it)")
    say()
    say(table(report["results"]))
    say()
    for example in verification["examples"]:
        say(
            f"  check user {example['user_id']} {example['kpi']}: SQL "
            f"{example['sql']}, ours {example['ours']:g}, gamification "
            f"{example['gamification']:g}"
        )
    for mismatch in verification["mismatches"]:
        say(f"  MISMATCH {mismatch}")
    for target in targets:
        say(
            f"{'PASS' if target['passed'] else 'FAIL'}  {target['target']}: "
            f"{target['value']}"
        )
    for row in report["results"]:
        if row["variant"] != "as built" and row["contender"].startswith("ours"):
            say(
                f"INFO  with an index on res_partner.user_id, ours is "
                f"{row['speedup_vs_scheduled']:.1f}× the gamification scheduled "
                "path (not a target)"
            )
    say(f"Total wall time: {time.perf_counter() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str) + "\n")
        say(f"Wrote {args.json}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
