#!/usr/bin/env python3
# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Load benchmark: many reviewers and HR readers at once on a multi-process Odoo.

    python3 bench/load.py [--db opr_load] [--employees 1000] [--reuse]
        [--sessions 30] [--readers 3] [--duration 120] [--think 0.5]
        [--port 8169] [--workers 4] [--max-cron-threads 1]
        [--limit-time-real 120] [--json out.json]

1. Builds a company with ``generate.py`` (or reuses ``--db`` with ``--reuse``),
   launches its cycle and opens the review phase as the scheduler does (the
   phase cron, then the phase job until every review is open); the open
   reviews fall due tomorrow (reminders due), those of one appraisal in ten
   were due yesterday (escalations due).
2. Starts Odoo with workers on its own port and database (``--db-filter``),
   logging to a file, and waits until it answers.
3. Drives ``--sessions`` reviewers (real logins; the To Review list, the review
   form and its rating levels read as the web client reads them; the ratings
   and comments saved in two ``web_save``; ``action_submit``) and
   ``--readers`` HR officers (the ratings pivot, the appraisal list, reviews by
   state) over JSON-RPC for ``--duration`` seconds, with the scheduled actions
   running. A few seconds in, the review follow-up cron is made due and the
   reminders and escalations it commits are counted while the load runs.
4. Stops the server (always: finally and signal handlers; only the process
   group it started) and checks in the database that every acknowledged write
   is stored exactly once and nothing is half-written.

Prints requests/s, p50/p95/p99 per call, errors by kind, the cron's progress,
the verification, PASS/FAIL per target and a markdown table; ``--json`` writes
the same. Exit 0 when every target passes, 1 otherwise, 2 without Odoo 19.
Client side: the standard library only (urllib, threads).
"""

import argparse
import http.cookiejar
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

sys.dont_write_bytecode = True
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from generate import PASSWORD, build_database  # noqa: E402
from kpi_refresh import REPO_ROOT, odoo_args, oe, say  # noqa: E402
from scale import run_cron_until_done  # noqa: E402

FOLLOWUP_XMLID = "odoo_perf_review.ir_cron_perf_review_followup"
REQUEST_TIMEOUT = 300  # seconds: longer than any worker may live on a request
SUBMIT_P95_TARGET = 1.0
ESCALATED_SHARE = 10  # one appraisal in ten has its reviews overdue


class Stop(Exception):
    """A signal asked the benchmark to stop."""


# ----------------------------------------------------------------------
# Preparing the database (in-process, as the superuser)
# ----------------------------------------------------------------------
def prepare(args, addons_path):
    """The company (generated or reused), its cycle in the review phase with
    every review open, the follow-up due; return what the load needs."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(odoo_args(args.db, addons_path))
    if args.reuse and oe.db_exists(args.db):
        say(f"Reusing {args.db}")
        registry = Registry(args.db)
    else:
        say(f"Database {args.db}: generating {args.employees} employees")
        registry, _summary = build_database(args.db, args.employees, seed=args.seed)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cycle = env["perf.cycle"].search(
            [("template_id.name", "like", "Scale template %")], order="id", limit=1
        )
        if not cycle:
            raise SystemExit(f"{args.db} holds no generated cycle: drop --reuse")
        if not cycle.appraisal_ids:
            started = time.perf_counter()
            employees = env["hr.employee"].search(
                [("company_id", "=", cycle.company_id.id)], order="id"
            )
            cycle._launch_appraisals(employees, cycle.template_id)
            cr.commit()
            say(f"    launch: {time.perf_counter() - started:.1f} s")
        if cycle.state != "review":
            started = time.perf_counter()
            run_cron_until_done(
                env,
                "odoo_perf_review.ir_cron_perf_cycle_phases",
                lambda: cycle.state != "review",
            )
            run_cron_until_done(
                env,
                "odoo_perf_review.ir_cron_perf_cycle_phase_work",
                lambda: env["perf.cycle"]._pending_phase_work(),
            )
            say(f"    review phase opened: {time.perf_counter() - started:.1f} s")
        # Every open review falls due tomorrow: the follow-up reminds it. One
        # appraisal in ten was due yesterday: the follow-up escalates it to
        # the manager (the grace period keeps it open). Setup, in plain SQL;
        # on --reuse this also makes the follow-up's work due again.
        today = date.today()
        cr.execute(
            """
            UPDATE perf_review
               SET deadline = CASE WHEN appraisal_id %% %(share)s = 0
                                   THEN %(yesterday)s::date
                                   ELSE %(tomorrow)s::date END
             WHERE cycle_id = %(cycle)s AND state = 'requested';
            DELETE FROM perf_review_followup_status f USING perf_review r
             WHERE f.review_id = r.id AND r.cycle_id = %(cycle)s
               AND r.state = 'requested'
            """,
            {
                "share": ESCALATED_SHARE,
                "yesterday": today - timedelta(days=1),
                "tomorrow": today + timedelta(days=1),
                "cycle": cycle.id,
            },
        )
        # A server in its steady state: Odoo's own housekeeping is not all
        # due at once as right after an install (the addon's scheduled
        # actions stay due: they run under the load).
        cr.execute(
            """
            UPDATE ir_cron c
               SET nextcall = now() AT TIME ZONE 'UTC' + CASE c.interval_type
                   WHEN 'minutes' THEN interval '1 minute'
                   WHEN 'hours' THEN interval '1 hour'
                   WHEN 'days' THEN interval '1 day'
                   WHEN 'weeks' THEN interval '1 week'
                   ELSE interval '1 month' END * c.interval_number
             WHERE c.active AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data d WHERE d.model = 'ir.cron'
                      AND d.res_id = c.id AND d.module = 'odoo_perf_review')
            """
        )
        # The follow-up waits for the load: the cron worker runs whatever is
        # due when it starts, and this run must happen under load.
        followup = env.ref(FOLLOWUP_XMLID)
        cr.execute(
            "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' + interval "
            "'1 day', active = TRUE, failure_count = 0, first_failure_date = NULL "
            "WHERE id = %s",
            [followup.id],
        )
        # A previous run of this benchmark stopped the server mid-job: three
        # such runs in a row and the scheduler skips the job once ("timed
        # out"). The measured run starts afresh.
        cr.execute("DELETE FROM ir_cron_progress WHERE cron_id = %s", [followup.id])
        cr.execute(
            """
            SELECT r.reviewer_user_id, count(*)
              FROM perf_review r JOIN res_users u ON u.id = r.reviewer_user_id
             WHERE r.cycle_id = %s AND r.state = 'requested' AND u.active
               AND NOT u.share
             GROUP BY r.reviewer_user_id ORDER BY count(*) DESC, r.reviewer_user_id
            """,
            [cycle.id],
        )
        reviewers = [uid for uid, _count in cr.fetchall()]
        logins = {
            user["id"]: user["login"]
            for user in env["res.users"].browse(reviewers).read(["login"])
        }
        officers = env.ref("odoo_perf_review.group_perf_officer").all_user_ids
        officers = officers.filtered(lambda u: u.login.startswith("scale.")) or (
            env.ref("base.user_admin")
        )
        info = {
            "cycle_id": cycle.id,
            "followup_cron_id": followup.id,
            "reviewers": [logins[uid] for uid in reviewers],
            "officers": officers.mapped("login"),
            "employees": env["hr.employee"].search_count(
                [("company_id", "=", cycle.company_id.id)]
            ),
            "appraisals": len(cycle.appraisal_ids),
            "activity_type_id": env.ref("odoo_perf_review.mail_activity_review").id,
            "late_activity_type_id": env.ref(
                "odoo_perf_review.mail_activity_review_late"
            ).id,
        }
        cr.commit()
    registry.delete(args.db)
    return info


def connect(db):
    """A plain autocommit connection: it sees what is committed, nothing else."""
    import psycopg2  # noqa: PLC0415

    from odoo.sql_db import connection_info_for  # noqa: PLC0415

    _name, conn_info = connection_info_for(db)
    conn = psycopg2.connect(**conn_info)
    conn.autocommit = True
    return conn


def query(conn, sql, params=None):
    with conn.cursor() as cr:
        cr.execute(sql, params or [])
        return cr.fetchall()


# ----------------------------------------------------------------------
# The server
# ----------------------------------------------------------------------
class Server:
    """Odoo with workers, in its own process group: stopping it ends the
    master and its workers, nothing else."""

    def __init__(self, args, info, logfile):
        self.args = args
        self.logfile = logfile
        # odoo-bin rather than `-m odoo`: the prefork master starts its
        # gevent process by running its own sys.argv[0] again.
        launcher = info.root / "odoo-bin"
        self.cmd = [
            sys.executable,
            *([str(launcher)] if launcher.is_file() else ["-m", "odoo"]),
            "-d",
            args.db,
            f"--db-filter=^{args.db}$",
            f"--addons-path={info.addons_path()}",
            "--http-interface=127.0.0.1",
            f"--http-port={args.port}",
            f"--gevent-port={args.port + 1}",
            f"--workers={args.workers}",
            f"--max-cron-threads={args.max_cron_threads}",
            f"--limit-time-real={args.limit_time_real}",
            f"--limit-time-real-cron={args.limit_time_real_cron}",
            f"--logfile={logfile}",
            "--log-level=info",
            "--no-database-list",
        ]
        self.env = dict(info.env)
        self.proc = None

    def start(self):
        Path(self.logfile).parent.mkdir(parents=True, exist_ok=True)
        Path(self.logfile).write_text("")
        say(f"$ {' '.join(self.cmd)}")
        self.proc = subprocess.Popen(  # noqa: S603
            self.cmd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=open(self.logfile + ".stderr", "w"),  # noqa: SIM115
            start_new_session=True,
        )

    def wait_ready(self, timeout=180):
        url = f"http://127.0.0.1:{self.args.port}/web/health"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(
                    f"Odoo exited with {self.proc.returncode}: see {self.logfile}"
                )
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(1)
        raise SystemExit(f"Odoo did not answer on {url} in {timeout} s")

    def stop(self):
        if not self.proc or self.proc.poll() is not None:
            return
        say("Stopping the server")
        for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(wait)
                # The workers die with their master; the group may linger.
                time.sleep(1)
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                return
            except subprocess.TimeoutExpired:
                continue
            return


# ----------------------------------------------------------------------
# The clients
# ----------------------------------------------------------------------
class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.errors = Counter()
        self.error_samples = {}
        self.requests = 0

    def ok(self, kind, seconds):
        with self.lock:
            self.latency[kind].append(seconds)
            self.requests += 1

    def error(self, kind, error, detail=""):
        with self.lock:
            self.errors[(kind, error)] += 1
            self.error_samples.setdefault((kind, error), detail[:300])
            self.requests += 1


class RpcError(Exception):
    def __init__(self, kind, detail=""):
        super().__init__(kind)
        self.kind = kind
        self.detail = detail


class Client:
    """One browser: its own cookies (session), JSON-RPC over urllib."""

    def __init__(self, base, db, stats):
        self.base = base
        self.db = db
        self.stats = stats
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.context = {}
        self.uid = None
        self.counter = 0

    def rpc(self, kind, path, params):
        self.counter += 1
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params, "id": self.counter}
        ).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Content-Type": "application/json"}
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as resp:
                payload = json.loads(resp.read())
        except urllib.error.HTTPError as error:
            self.stats.error(kind, f"HTTP {error.code}", str(error))
            raise RpcError(f"HTTP {error.code}") from error
        except (urllib.error.URLError, OSError, ValueError) as error:
            name = type(getattr(error, "reason", error)).__name__
            self.stats.error(kind, f"connection: {name}", str(error))
            raise RpcError(f"connection: {name}") from error
        elapsed = time.perf_counter() - started
        if payload.get("error"):
            data = payload["error"].get("data") or {}
            name = data.get("name") or payload["error"].get("message", "error")
            self.stats.error(kind, name, data.get("message", ""))
            raise RpcError(name, data.get("message", ""))
        self.stats.ok(kind, elapsed)
        return payload.get("result")

    def login(self, login, password):
        result = self.rpc(
            "login",
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )
        self.uid = result["uid"]
        company = (result.get("user_companies") or {}).get("current_company")
        self.context = {"lang": "en_US", "tz": "UTC", "uid": self.uid}
        if company:
            self.context["allowed_company_ids"] = [company]
        return self.uid

    def call(self, kind, model, method, args=(), **kwargs):
        kwargs.setdefault("context", self.context)
        return self.rpc(
            kind,
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


M2O = {"fields": {"display_name": {}}}
REVIEW_LIST_SPEC = {
    "reviewee_id": M2O,
    "cycle_id": M2O,
    "rater_type": {},
    "reviewer_employee_id": M2O,
    "anonymous": {},
    "deadline": {},
    "score": {},
    "state": {},
}
REVIEW_FORM_SPEC = {
    "display_name": {},
    "state": {},
    "rater_type": {},
    "reviewee_id": M2O,
    "cycle_id": M2O,
    "deadline": {},
    "anonymous": {},
    "score": {},
    "level_guide": {},
    "strengths": {},
    "improvements": {},
    "comment": {},
    "line_ids": {
        "fields": {
            "criterion_id": M2O,
            "goal_id": M2O,
            "scale_id": M2O,
            "level_id": M2O,
            "level_description": {},
            "suggested_goal_score": {},
            "goal_score": {},
            "comment": {},
        }
    },
}
APPRAISAL_LIST_SPEC = {
    "employee_id": M2O,
    "cycle_id": M2O,
    "department_id": M2O,
    "state": {},
    "final_score": {},
    "final_level_id": M2O,
}


class Ledger:
    """What the server acknowledged: the client-side log checked afterwards."""

    def __init__(self):
        self.lock = threading.Lock()
        self.lines = {}  # line id -> (review id, level id, goal score, comment)
        self.reviews = {}  # review id -> overall comment (acknowledged save)
        self.submitted = Counter()  # review id -> acknowledged submits
        self.submit_failed = {}  # review id -> error of a failed submit
        self.saves = 0

    def save(self, review_id, comment, lines):
        with self.lock:
            self.saves += 1
            if comment is not None:
                self.reviews[review_id] = comment
            for line_id, vals in lines.items():
                self.lines[line_id] = (review_id, *vals)

    def submit(self, review_id):
        with self.lock:
            self.submitted[review_id] += 1


class Load:
    def __init__(self, args, info, stats, ledger):
        self.args = args
        self.info = info
        self.stats = stats
        self.ledger = ledger
        self.base = f"http://127.0.0.1:{args.port}"
        self.stop_at = None
        self.pool = list(info["reviewers"])
        self.pool_lock = threading.Lock()
        self.sessions_done = Counter()
        self.levels = {}
        self.levels_lock = threading.Lock()

    def running(self):
        return time.monotonic() < self.stop_at

    def think(self, rng):
        if self.args.think > 0:
            time.sleep(rng.uniform(0.5, 1.5) * self.args.think)

    def next_reviewer(self):
        with self.pool_lock:
            return self.pool.pop(0) if self.pool else None

    def reviewer(self, number):
        rng = random.Random(number)
        # Sessions arrive over --ramp seconds, not all in the same second.
        time.sleep(self.args.ramp * number / max(1, self.args.sessions))
        while self.running():
            login = self.next_reviewer()
            if not login:
                return
            client = Client(self.base, self.args.db, self.stats)
            try:
                client.login(login, PASSWORD)
            except RpcError:
                time.sleep(1)
                continue
            while self.running():
                try:
                    if not self.review_one(client, rng):
                        break
                except RpcError:
                    self.think(rng)

    def review_one(self, client, rng):
        """The To Review list, the first open review's form, two saves, the
        submit; False when the list is empty."""
        listed = client.call(
            "list",
            "perf.review",
            "web_search_read",
            specification=REVIEW_LIST_SPEC,
            domain=[
                ("reviewer_user_id", "=", client.uid),
                ("state", "=", "requested"),
            ],
            offset=0,
            limit=80,
            order="",
            count_limit=10001,
        )
        records = [r for r in listed["records"] if r["id"] not in self.ledger.submitted]
        if not records:
            return False
        self.think(rng)
        review_id = records[0]["id"]
        [form] = client.call(
            "form", "perf.review", "web_read", [[review_id]],
            specification=REVIEW_FORM_SPEC,
        )  # fmt: skip
        lines = form["line_ids"]
        scale = next((ln["scale_id"]["id"] for ln in lines if ln["scale_id"]), None)
        levels = self.scale_levels(client, scale) if scale else []
        self.think(rng)
        plan = {}
        for line in lines:
            comment = f"load {client.uid}/{line['id']}: {rng.randrange(10**6)}"
            if line["goal_id"]:
                plan[line["id"]] = (False, float(rng.randrange(0, 101)), comment)
            elif line["criterion_id"] and levels:
                plan[line["id"]] = (rng.choice(levels), 0.0, comment)
        half = len(plan) // 2
        items = list(plan.items())
        for number, chunk in enumerate((items[:half], items[half:])):
            comment = f"<p>Overall {review_id}: {rng.randrange(10**6)}</p>"
            vals = {"line_ids": [[1, lid, self.line_vals(v)] for lid, v in chunk]}
            if number:
                vals["comment"] = comment
            client.call(
                "save", "perf.review", "web_save", [[review_id], vals],
                specification={"state": {}, "score": {}},
            )  # fmt: skip
            self.ledger.save(review_id, vals.get("comment"), dict(chunk))
            self.think(rng)
        try:
            client.call("submit", "perf.review", "action_submit", [[review_id]])
        except RpcError as error:
            with self.ledger.lock:
                self.ledger.submit_failed[review_id] = error.kind
            raise
        self.ledger.submit(review_id)
        self.think(rng)
        return True

    @staticmethod
    def line_vals(vals):
        level, goal_score, comment = vals
        if level:
            return {"level_id": level, "comment": comment}
        return {"goal_score": goal_score, "comment": comment}

    def scale_levels(self, client, scale):
        """The rating level dropdown, as the many2one asks it."""
        found = client.call(
            "levels",
            "perf.rating.level",
            "web_search_read",
            specification={"display_name": {}},
            domain=[("scale_id", "=", scale)],
            limit=8,
        )
        return [r["id"] for r in found["records"]]

    def reader(self, number):
        rng = random.Random(1000 + number)
        time.sleep(self.args.ramp * (number + 0.5) / max(1, self.args.readers))
        officers = self.info["officers"]
        client = Client(self.base, self.args.db, self.stats)
        while self.running():
            try:
                client.login(officers[number % len(officers)], PASSWORD)
                break
            except RpcError:
                time.sleep(1)
        cycle = [("cycle_id", "=", self.info["cycle_id"])]
        while self.running():
            try:
                client.call(
                    "hr_pivot", "perf.appraisal", "formatted_read_group",
                    domain=cycle, groupby=["department_id", "final_level_id"],
                    aggregates=["__count", "final_score:avg"],
                )  # fmt: skip
                self.think(rng)
                client.call(
                    "hr_list", "perf.appraisal", "web_search_read",
                    specification=APPRAISAL_LIST_SPEC, domain=cycle,
                    offset=rng.randrange(0, max(1, self.info["appraisals"] - 80)),
                    limit=80, order="", count_limit=10001,
                )  # fmt: skip
                self.think(rng)
                client.call(
                    "hr_group", "perf.review", "formatted_read_group",
                    domain=cycle, groupby=["state", "rater_type"],
                    aggregates=["__count"],
                )  # fmt: skip
                self.think(rng)
            except RpcError:
                self.think(rng)

    def run(self, on_start=None):
        self.stop_at = time.monotonic() + self.args.duration
        threads = [
            threading.Thread(target=self.reviewer, args=(n,), daemon=True)
            for n in range(self.args.sessions)
        ] + [
            threading.Thread(target=self.reader, args=(n,), daemon=True)
            for n in range(self.args.readers)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        if on_start:
            on_start()
        for thread in threads:
            # A request in flight finishes (answered or timed out) before
            # the verification: its outcome is known to the ledger.
            thread.join(self.args.duration + REQUEST_TIMEOUT + 30)
        return time.perf_counter() - started


# ----------------------------------------------------------------------
# The follow-up cron under load
# ----------------------------------------------------------------------
class CronWatch:
    """Makes the follow-up due a few seconds into the load, then samples what
    it has committed (reminded reviews, escalated reviews) every 2 s."""

    def __init__(self, db, info, delay):
        self.db = db
        self.info = info
        self.delay = delay
        self.samples = []
        self.made_due_at = None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.t0 = None

    def counts(self, conn):
        [(reminded, escalated, lastcall)] = query(
            conn,
            """
            SELECT count(*) FILTER (WHERE f.reminded_date IS NOT NULL),
                   count(*) FILTER (WHERE f.escalation_level > 0),
                   (SELECT lastcall FROM ir_cron WHERE id = %s)
              FROM perf_review_followup_status f
              JOIN perf_review r ON r.id = f.review_id WHERE r.cycle_id = %s
            """,
            [self.info["followup_cron_id"], self.info["cycle_id"]],
        )
        return reminded, escalated, lastcall

    def start(self):
        self.t0 = time.monotonic()
        self.thread.start()

    def watch(self):
        conn = connect(self.db)
        try:
            self.base = self.counts(conn)[:2]
            due_at = self.t0 + self.delay
            while not self.stop.wait(2):
                if self.made_due_at is None and time.monotonic() >= due_at:
                    query(
                        conn,
                        "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' - "
                        "interval '1 minute' WHERE id = %s RETURNING id",
                        [self.info["followup_cron_id"]],
                    )
                    # Wake the cron worker now instead of at its next poll: it
                    # listens on the postgres database, as ir.cron notifies.
                    wake = connect("postgres")
                    try:
                        query(wake, "SELECT pg_notify('cron_trigger', %s)", [self.db])
                    finally:
                        wake.close()
                    self.made_due_at = round(time.monotonic() - self.t0, 1)
                reminded, escalated, _last = self.counts(conn)
                self.samples.append(
                    (round(time.monotonic() - self.t0, 1), reminded, escalated)
                )
        finally:
            conn.close()

    def finish(self):
        self.stop.set()
        self.thread.join(30)
        last = self.samples[-1] if self.samples else (0, *self.base)
        first_progress = next(
            (t for t, rem, esc in self.samples if (rem, esc) != tuple(self.base)),
            None,
        )
        return {
            "made_due_at_s": self.made_due_at,
            "reminded_during_load": last[1] - self.base[0],
            "escalated_during_load": last[2] - self.base[1],
            "first_commit_at_s": first_progress,
            "samples": self.samples[:: max(1, len(self.samples) // 30)],
        }


# ----------------------------------------------------------------------
# Verification, after the server stopped
# ----------------------------------------------------------------------
def verify(db, info, ledger, baseline, run_started):
    conn = connect(db)
    try:
        cycle = info["cycle_id"]
        acked = sorted(ledger.submitted)
        rows = query(
            conn,
            """
            SELECT r.id, r.state, r.submitted_date IS NOT NULL, r.score,
                   count(l.id) FILTER (WHERE l.criterion_id IS NOT NULL
                                       AND l.level_id IS NULL),
                   avg(l.score) FILTER (WHERE l.level_id IS NOT NULL)
              FROM perf_review r LEFT JOIN perf_review_line l ON l.review_id = r.id
             WHERE r.id = ANY(%s)
             GROUP BY r.id
            """,
            [acked],
        )
        lost = [r[0] for r in rows if r[1] != "submitted" or not r[2]]
        lost += sorted(set(acked) - {r[0] for r in rows})
        # Every submitted review of the cycle is whole: no line left unrated,
        # a submission date, a score matching its lines.
        half = query(
            conn,
            """
            SELECT r.id FROM perf_review r
             WHERE r.cycle_id = %s AND r.state = 'submitted'
               AND (r.submitted_date IS NULL OR EXISTS (
                    SELECT 1 FROM perf_review_line l WHERE l.review_id = r.id
                       AND l.criterion_id IS NOT NULL AND l.level_id IS NULL))
            """,
            [cycle],
        )
        score_mismatch = [
            r[0] for r in rows
            if r[5] is not None and abs((r[3] or 0) - round(float(r[5]), 1)) > 0.051
        ]  # fmt: skip
        # Acknowledged line writes: the last acknowledged value is stored.
        line_ids = sorted(ledger.lines)
        stored = {
            lid: (level, goal_score, comment)
            for lid, level, goal_score, comment in query(
                conn,
                "SELECT id, level_id, goal_score, comment FROM perf_review_line "
                "WHERE id = ANY(%s)",
                [line_ids],
            )
        }
        lost_lines = []
        for lid, (_review, level, goal_score, comment) in ledger.lines.items():
            got = stored.get(lid)
            if (
                not got
                or got[2] != comment
                or (level and got[0] != level)
                or (not level and abs((got[1] or 0) - goal_score) > 0.051)
            ):
                lost_lines.append(lid)
        lost_comments = [
            rid
            for rid, comment in ledger.reviews.items()
            if query(conn, "SELECT comment FROM perf_review WHERE id = %s", [rid])[0][0]
            != comment
        ]
        # Exactly once: an acknowledged submit acknowledged once, its to-do
        # marked done once (one "done" message, no open to-do left).
        doubled_acks = [rid for rid, n in ledger.submitted.items() if n > 1]
        done_twice = query(
            conn,
            """
            SELECT res_id FROM mail_message
             WHERE model = 'perf.review' AND res_id = ANY(%s)
               AND mail_activity_type_id = %s
             GROUP BY res_id HAVING count(*) > 1
            """,
            [acked, info["activity_type_id"]],
        )
        open_todo = query(
            conn,
            """
            SELECT DISTINCT res_id FROM mail_activity
             WHERE res_model = 'perf.review' AND res_id = ANY(%s)
               AND activity_type_id = %s AND active
            """,
            [acked, info["activity_type_id"]],
        )
        # One to-do per review, done or not (done ones are archived).
        activity_twice = query(
            conn,
            """
            SELECT res_id FROM mail_activity
             WHERE res_model = 'perf.review' AND res_id = ANY(%s)
               AND activity_type_id = %s
             GROUP BY res_id HAVING count(*) > 1
            """,
            [acked, info["activity_type_id"]],
        )
        reminded_twice = query(
            conn,
            """
            SELECT res_id FROM mail_message
             WHERE model = 'perf.review' AND res_id IN (
                   SELECT id FROM perf_review WHERE cycle_id = %s)
               AND message_type = 'comment' AND create_date >= %s
             GROUP BY res_id HAVING count(*) > 1
            """,
            [cycle, run_started],
        )
        states = dict(
            query(
                conn,
                "SELECT state, count(*) FROM perf_review WHERE cycle_id = %s "
                "GROUP BY state",
                [cycle],
            )
        )
        [(unacked,)] = query(
            conn,
            """
            SELECT count(*) FROM perf_review WHERE cycle_id = %s
               AND state = 'submitted' AND submitted_date >= %s
               AND NOT id = ANY(%s)
            """,
            [cycle, run_started, acked],
        )
    finally:
        conn.close()
    new_submitted = states.get("submitted", 0) - baseline.get("submitted", 0)
    new_expired = states.get("expired", 0) - baseline.get("expired", 0)
    requested_ok = baseline.get("requested", 0) - new_submitted - new_expired == (
        states.get("requested", 0)
    )
    return {
        "acknowledged_submits": len(acked),
        "acknowledged_saves": ledger.saves,
        "acknowledged_lines": len(ledger.lines),
        "failed_submits": len(ledger.submit_failed),
        "lost_submits": len(lost),
        "lost_line_writes": len(lost_lines),
        "lost_comments": len(lost_comments),
        "half_written_reviews": len(half),
        "score_mismatches": len(score_mismatch),
        "submitted_twice": len(doubled_acks),
        "todo_done_twice": len(done_twice),
        "todo_left_open": len(open_todo),
        "todo_twice": len(activity_twice),
        "reminded_twice": len(reminded_twice),
        "submitted_without_ack": unacked,
        "states_before": baseline,
        "states_after": states,
        "state_counts_consistent": bool(
            requested_ok and new_submitted == len(acked) + unacked
        ),
    }


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------
def percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summarise(stats, elapsed):
    calls = {}
    for kind, values in sorted(stats.latency.items()):
        errors = sum(n for (k, _e), n in stats.errors.items() if k == kind)
        calls[kind] = {
            "ok": len(values),
            "errors": errors,
            "p50_ms": round(percentile(values, 50) * 1000),
            "p95_ms": round(percentile(values, 95) * 1000),
            "p99_ms": round(percentile(values, 99) * 1000),
            "mean_ms": round(statistics.fmean(values) * 1000),
        }
    for (kind, _error), n in stats.errors.items():
        calls.setdefault(kind, {"ok": 0, "errors": n})
    return {
        "requests": stats.requests,
        "seconds": round(elapsed, 1),
        "requests_per_s": round(stats.requests / elapsed, 1) if elapsed else 0,
        "calls": calls,
        "errors": [
            {
                "call": kind,
                "error": error,
                "count": n,
                "sample": stats.error_samples[(kind, error)],
            }
            for (kind, error), n in stats.errors.most_common()
        ],  # fmt: skip
    }


def log_findings(logfile):
    """ERROR/WARNING lines of the server log, by logger and the first words;
    the runs of the addon's scheduled actions; records the scheduler skipped."""
    found = Counter()
    jobs, skipped = [], 0
    try:
        text = Path(logfile).read_text(errors="replace")
    except OSError:
        return {}, jobs, skipped
    for line in text.splitlines():
        if "ir_cron: Job 'Performance:" in line and "starting" not in line:
            jobs.append(line.split("ir_cron: ", 1)[-1].strip()[:200])
        skipped += "skipped by the scheduler" in line
        parts = line.split(" ", 5)
        if len(parts) >= 6 and parts[3] in ("ERROR", "WARNING", "CRITICAL"):
            logger_and_text = parts[5]
            found[f"{parts[3]} {logger_and_text[:110]}"] += 1
    return dict(found.most_common(15)), jobs, skipped


def check_targets(report, args):
    verification = report["verification"]
    lost = (
        verification["lost_submits"]
        + verification["lost_line_writes"]
        + verification["lost_comments"]
        + verification["half_written_reviews"]
        + verification["score_mismatches"]
        + verification["todo_left_open"]
    )
    doubled = (
        verification["submitted_twice"]
        + verification["todo_done_twice"]
        + verification["todo_twice"]
        + verification["reminded_twice"]
    )
    http_500 = sum(
        e["count"] for e in report["load"]["errors"] if e["error"] == "HTTP 500"
    )
    cron = report["cron"]
    progress = cron["reminded_during_load"] + cron["escalated_during_load"]
    submit = report["load"]["calls"].get("submit", {})
    p95 = submit.get("p95_ms")
    return [
        ("0 lost or half-written", lost == 0, f"{lost}"),
        ("0 duplicated", doubled == 0, f"{doubled}"),
        ("0 HTTP 500", http_500 == 0, f"{http_500}"),
        (
            "state counts consistent with the acknowledgements",
            verification["state_counts_consistent"],
            f"{verification['states_before']} -> {verification['states_after']}",
        ),
        (
            "follow-up cron progressing during load",
            progress > 0,
            f"{cron['reminded_during_load']} reminded, "
            f"{cron['escalated_during_load']} escalated",
        ),
        (
            f"review submit p95 <= {SUBMIT_P95_TARGET:g} s ({args.sessions} sessions)",
            p95 is not None and p95 <= SUBMIT_P95_TARGET * 1000,
            f"{p95} ms" if p95 is not None else "no submit",
        ),
    ]


def markdown(report):
    load = report["load"]
    out = [
        f"{report['setup']['employees']:,} employees, "
        f"{report['args']['sessions']} reviewers + {report['args']['readers']} HR "
        f"readers for {load['seconds']} s, {report['args']['workers']} workers + "
        f"{report['args']['max_cron_threads']} cron worker: "
        f"**{load['requests_per_s']} requests/s** ({load['requests']:,} requests)",
        "",
        "| call | ok | errors | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, c in load["calls"].items():
        out.append(
            f"| {kind} | {c['ok']:,} | {c['errors']} | {c.get('p50_ms', '—')} | "
            f"{c.get('p95_ms', '—')} | {c.get('p99_ms', '—')} |"
        )
    v, cron = report["verification"], report["cron"]
    out += [
        "",
        "| check | count |",
        "| --- | ---: |",
        f"| acknowledged submits / saves / line writes | {v['acknowledged_submits']:,}"
        f" / {v['acknowledged_saves']:,} / {v['acknowledged_lines']:,} |",
        f"| lost (submits, line writes, comments) | {v['lost_submits']}, "
        f"{v['lost_line_writes']}, {v['lost_comments']} |",
        f"| half-written (unrated line, score mismatch, to-do left open) | "
        f"{v['half_written_reviews']}, {v['score_mismatches']}, "
        f"{v['todo_left_open']} |",
        f"| duplicated (submit, to-do, to-do done, reminder) | "
        f"{v['submitted_twice']}, {v['todo_twice']}, {v['todo_done_twice']}, "
        f"{v['reminded_twice']} |",
        f"| submits refused / stored without acknowledgement | "
        f"{v['failed_submits']} / {v['submitted_without_ack']} |",
        f"| follow-up cron during load: reminded / escalated | "
        f"{cron['reminded_during_load']:,} / {cron['escalated_during_load']:,} "
        f"(made due at {cron['made_due_at_s']} s, first commit at "
        f"{cron['first_commit_at_s']} s) |",
    ]
    return "\n".join(out)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="opr_load")
    parser.add_argument("--employees", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--reuse", action="store_true",
        help="reuse --db when it exists (its generated cycle), else generate it",
    )  # fmt: skip
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--readers", type=int, default=3)
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument(
        "--think", type=float, default=0.5,
        help="mean pause of a session between its calls (seconds, ±50 %%)",
    )  # fmt: skip
    parser.add_argument(
        "--ramp", type=float, default=10,
        help="seconds over which the sessions log in, one after the other",
    )  # fmt: skip
    parser.add_argument(
        "--cron-delay", type=float, default=10,
        help="seconds into the load when the follow-up cron is made due",
    )  # fmt: skip
    parser.add_argument("--port", type=int, default=8169)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--max-cron-threads", type=int, default=1)
    parser.add_argument("--limit-time-real", type=int, default=120)
    parser.add_argument("--limit-time-real-cron", type=int, default=-1)
    parser.add_argument("--logfile", default=None, help="the server's log")
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    if args.employees < 2 or args.sessions < 1 or args.duration <= 0:
        parser.error("--employees >= 2, --sessions >= 1 and --duration > 0")
    return args


def raise_stop(signum, _frame):
    raise Stop(signal.Signals(signum).name)


def main(argv=None):
    args = parse_args(argv)
    odoo_found = oe.odoo_in_process()
    addons_path = odoo_found.addons_path()
    logfile = args.logfile or str(REPO_ROOT / ".cache" / "bench" / f"{args.db}.log")
    load_before = os.getloadavg()
    setup_started = time.perf_counter()
    info = prepare(args, addons_path)
    info["employees_setup_s"] = round(time.perf_counter() - setup_started, 1)
    say(
        f"  {info['employees']:,} employees, {info['appraisals']:,} appraisals, "
        f"{len(info['reviewers']):,} reviewers with open reviews, "
        f"officers {', '.join(info['officers'])}"
    )
    conn = connect(args.db)
    try:
        baseline = dict(
            query(
                conn,
                "SELECT state, count(*) FROM perf_review WHERE cycle_id = %s "
                "GROUP BY state",
                [info["cycle_id"]],
            )
        )
        [(run_started,)] = query(conn, "SELECT now() AT TIME ZONE 'UTC'")
    finally:
        conn.close()
    server = Server(args, odoo_found, logfile)
    stats, ledger = Stats(), Ledger()
    previous = {
        sig: signal.signal(sig, raise_stop) for sig in (signal.SIGINT, signal.SIGTERM)
    }
    interrupted = None
    try:
        server.start()
        ready_started = time.perf_counter()
        server.wait_ready()
        say(f"  server ready in {time.perf_counter() - ready_started:.1f} s")
        watch = CronWatch(args.db, info, args.cron_delay)
        load = Load(args, info, stats, ledger)
        say(
            f"Load: {args.sessions} reviewers, {args.readers} HR readers, "
            f"{args.duration:g} s"
        )
        try:
            elapsed = load.run(on_start=watch.start)
        except Stop as stop:
            interrupted = str(stop)
            load.stop_at = 0
            elapsed = time.perf_counter() - ready_started
        cron = watch.finish()
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if interrupted:
        say(f"Interrupted by {interrupted}: no verdict")
        return 1
    verification = verify(args.db, info, ledger, baseline, run_started)
    report = {
        "args": vars(args),
        "setup": {k: info[k] for k in ("employees", "appraisals", "cycle_id")}
        | {"reviewers_available": len(info["reviewers"])},
        "load": summarise(stats, elapsed),
        "cron": cron,
        "verification": verification,
        "server_log": dict(
            zip(
                ("errors_warnings", "performance_cron_runs", "skipped_by_scheduler"),
                log_findings(logfile),
                strict=True,
            ),
            file=logfile,
        ),
        "machine": {
            "load_average_before": load_before,
            "load_average": os.getloadavg(),
            "cpus": os.cpu_count(),
        },
    }
    targets = check_targets(report, args)
    report["targets"] = [
        {"target": name, "pass": ok, "value": value} for name, ok, value in targets
    ]
    say("")
    say(markdown(report))
    say("")
    for error in report["load"]["errors"]:
        say(
            f"  error: {error['call']}: {error['error']} x{error['count']} "
            f"({error['sample']})"
        )
    for line, count in report["server_log"]["errors_warnings"].items():
        say(f"  log x{count}: {line}")
    for line in report["server_log"]["performance_cron_runs"]:
        say(f"  cron: {line}")
    say(
        "  records skipped by the scheduler: "
        f"{report['server_log']['skipped_by_scheduler']}"
    )
    say(
        f"  load average (1, 5, 15 min) before: {load_before}, at the end: "
        f"{report['machine']['load_average']}, {os.cpu_count()} CPUs"
    )
    for name, ok, value in targets:
        say(f"{'PASS' if ok else 'FAIL'}  {name}: {value}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=2, default=str) + "\n")
        say(f"JSON written to {args.json}")
    return 0 if all(ok for _name, ok, _value in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
