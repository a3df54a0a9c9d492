#!/usr/bin/env python3
"""Benchmark: launching a cycle's appraisals for N employees with peers.

    python3 bench/appraisal_launch.py [--db opr_bench_launch] [--employees 2000]
        [--team 8] [--peers 4] [--json out.json] [--keep]

Builds a fresh database with odoo_perf_review, N employees with users in teams of
``--team`` reports under a manager, a cycle and a template asking for self,
manager and ``--peers`` peer reviews, then measures, with wall time and query
count: the launch (appraisals and their reviews, as the launch wizard does) and
the opening of the review phase (review lines, deadlines, one activity per
reviewer). Target: the launch of 2,000 employees with 4 peers each in <= 30 s.
"""

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.dont_write_bytecode = True
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from kpi_refresh import (  # noqa: E402
    QUIET_CTX,
    REPO_ROOT,
    drop_database,
    find_odoo,
    odoo_args,
    say,
)

LAUNCH_TARGET_S = 30.0


def install(db, addons_path):
    cmd = [sys.executable, "-m", "odoo", *odoo_args(db, addons_path)]
    cmd += ["-i", "odoo_perf_review", "--stop-after-init"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-6000:])
        raise SystemExit("installing odoo_perf_review failed")


def build(env, args):
    """N users with employees, in teams of --team under their own manager."""
    Users = env["res.users"].with_context(**QUIET_CTX)
    user_ids = []
    for first in range(0, args.employees, 500):
        users = Users.create(
            [
                {
                    "name": f"Launch Bench {i:05d}",
                    "login": f"launch.bench.{i:05d}",
                    "create_employee": True,
                }
                for i in range(first, min(first + 500, args.employees))
            ]
        )
        user_ids += users.ids
        env.flush_all()
        env.invalidate_all()
    employees = env["hr.employee"].search([("user_id", "in", user_ids)], order="id")
    # Every (team + 1)-th employee manages the next `team` ones.
    step = args.team + 1
    env.cr.execute(
        """
        WITH ranked AS (
            SELECT id, (row_number() OVER (ORDER BY id)) - 1 AS n
              FROM hr_employee WHERE id = ANY(%s))
        UPDATE hr_employee e
           SET parent_id = m.id
          FROM ranked r JOIN ranked m ON m.n = r.n - (r.n %% %s)
         WHERE e.id = r.id AND r.n %% %s != 0
        """,
        [employees.ids, step, step],
    )
    env.invalidate_all()
    criteria = env["perf.criterion"].search([], limit=5)
    template = env["perf.template"].create(
        {
            "name": "Launch bench",
            "criterion_ids": [(6, 0, criteria.ids)],
            "peer_min": min(args.peers, 3),
            "peer_max": args.peers,
            "bsc_financial_weight": 0,
            "bsc_customer_weight": 0,
            "bsc_internal_weight": 0,
            "bsc_learning_weight": 0,
        }
    )
    today = date.today()
    cycle = env["perf.cycle"].create(
        {
            "frequency": "annual",
            "date_start": date(today.year, 1, 1),
            "date_end": date(today.year, 12, 31),
            "template_id": template.id,
            "state": "in_progress",
            "recurring": False,
        }
    )
    env.flush_all()
    return env["hr.employee"].browse(employees.ids), template, cycle


def measure(env, label, func):
    env.flush_all()
    env.invalidate_all()
    queries0 = env.cr.sql_log_count
    t0 = time.perf_counter()
    result = func()
    env.flush_all()
    seconds = time.perf_counter() - t0
    queries = env.cr.sql_log_count - queries0
    say(f"  {label}: {seconds:.2f} s, {queries} queries")
    return {"step": label, "seconds": round(seconds, 2), "queries": queries}, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="opr_bench_launch")
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--team", type=int, default=8)
    parser.add_argument("--peers", type=int, default=4)
    parser.add_argument("--json")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    odoo_root = find_odoo()
    addons_path = f"{odoo_root / 'addons'},{REPO_ROOT}"
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(odoo_args(args.db, addons_path))
    drop_database(args.db)
    rows = []
    try:
        t0 = time.perf_counter()
        install(args.db, addons_path)
        registry = Registry(args.db)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            employees, template, cycle = build(env, args)
            say(f"Setup: {time.perf_counter() - t0:.0f} s (not measured)")
            row, result = measure(
                env,
                "launch (appraisals + reviews)",
                lambda: cycle._launch_appraisals(employees, template),
            )
            row.update(appraisals=result["created"], reviews=result["reviews"])
            rows.append(row)
            row, _opened = measure(
                env,
                "open the review phase (lines + activities)",
                lambda: cycle.write({"state": "review"}),
            )
            row["lines"] = env["perf.review.line"].search_count([])
            rows.append(row)
            row, _again = measure(
                env,
                "launch again (nothing to add)",
                lambda: cycle._launch_appraisals(employees, template),
            )
            rows.append(row)
    finally:
        Registry.delete(args.db)
        if not args.keep:
            drop_database(args.db)
    say()
    say("| step | seconds | queries | records |")
    say("| --- | ---: | ---: | --- |")
    for row in rows:
        records = ", ".join(
            f"{row[k]:,} {k}" for k in ("appraisals", "reviews", "lines") if k in row
        )
        say(
            f"| {row['step']} | {row['seconds']:.2f} | {row['queries']:,} | {records} |"
        )
    passed = rows[0]["seconds"] <= LAUNCH_TARGET_S
    say(
        f"{'PASS' if passed else 'FAIL'}  launch of {args.employees} employees "
        f"with {args.peers} peers each: {rows[0]['seconds']:.1f} s "
        f"(target <= {LAUNCH_TARGET_S:.0f} s)"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"rows": rows, "passed": passed}, indent=2)
        )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
