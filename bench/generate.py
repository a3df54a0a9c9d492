#!/usr/bin/env python3
# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Generate a company of N employees running a performance cycle.

    python3 bench/generate.py --db opr_scale --employees 10000 [--seed 42]
        [--user-share 0.9] [--goals 6] [--contacts 12] [--meetings 6]
        [--gamification] [--keep-existing]

Builds, in a fresh database with odoo_perf_review installed (no demo data):

* an organisation: a chief executive, every manager with 6 to 10 direct
  reports (breadth first, so about 7 out of 8 employees lead no one), a
  department for every manager heading 30 people or more (nested like the
  managers), five jobs, a wage and a contract start for everyone;
* users for all managers and for ``--user-share`` of the others: internal
  users (``base.group_user``) who log in with the password ``PASSWORD``
  (set in bulk: one hash for all); managers are Performance managers, one
  employee in a thousand is an HR officer;
* a quarterly cycle in progress (from 80 days ago to 10 days ahead: its
  reviews open today) with a template asking self, manager and 2 to 3 peer
  reviews;
* six live KPIs (``perf.metric``) on contacts and meetings, two company goals,
  a goal per department aligned to them, and ``--goals`` approved goals per
  employee, the first aligned to the department goal: employees with a user
  are measured by the six KPIs, the others have goals updated by check-ins;
* the records those KPIs read, in plain SQL: ``--contacts`` contacts
  (``res.partner``, salesperson ``user_id``) and ``--meetings`` meetings
  (``calendar.event``, organiser ``user_id``, with a duration) per user, 90 %
  dated within the cycle.

``bench/scale.py`` calls :func:`generate` in-process; this command is the same
for a database to explore (``make demo`` style) or to profile by hand. It
needs Odoo 19 (the importable ``odoo`` or ``ODOO_PATH``) and exits 2 without.
"""

import argparse
import random
import sys
import time
from collections import deque
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

sys.dont_write_bytecode = True
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from kpi_refresh import (  # noqa: E402
    QUIET_CTX,
    drop_database,
    install_database,
    odoo_args,
    oe,
    say,
    vacuum_analyze,
)

MIN_REPORTS, MAX_REPORTS = 6, 10
DEPARTMENT_MIN_HEADCOUNT = 30
BATCH = 1000
# Every generated user logs in with this password (bench/load.py drives them).
PASSWORD = "perf-bench"
FUNCTIONS = ["Sales", "Engineering", "Operations", "Support", "Finance", "Marketing"]
JOBS = ["Account manager", "Engineer", "Specialist", "Team lead", "Director"]

# The live KPIs: (key, name, model, domain, aggregation, measured field, target)
METRICS = [
    ("companies", "New customer companies", "res.partner",
     "[('is_company', '=', True)]", "count", None, 3.0),
    ("contacts", "New individual contacts", "res.partner",
     "[('is_company', '=', False)]", "count", None, 7.0),
    ("reachable", "New contacts with an email", "res.partner",
     "[('email', '!=', False)]", "count", None, 6.0),
    ("meetings", "Customer meetings", "calendar.event", "[]", "count", None, 5.0),
    ("hours", "Hours in customer meetings", "calendar.event", "[]", "sum",
     "duration", 7.0),
    ("workshops", "Workshops (2 hours or more)", "calendar.event",
     "[('duration', '>=', 2)]", "count", None, 1.0),
]  # fmt: skip
# The date of a generated record: 90 % within the cycle, 10 % in the 60 days
# before. Naming the row's user and number makes random() run for every row.
RECORD_DATE = """
    SELECT CASE WHEN random() < 0.1
                THEN %(start)s::timestamp - random() * interval '60 days'
                ELSE %(start)s::timestamp
                     + random() * (%(stop)s::timestamp - %(start)s)
           END + (g + u.user_id) * interval '0 second' AS ts
"""
MANUAL_GOALS = [
    "Quality audits passed",
    "Process improvements delivered",
    "Training hours",
    "Customer satisfaction (CSAT)",
    "Safety incidents closed",
    "Mentoring sessions",
]


def org_tree(size, rng):
    """Parent and depth of each employee index, breadth first: every manager
    takes the next 6 to 10 employees (the last one may take fewer)."""
    parent, depth = [None] * size, [0] * size
    managers, following = deque([0]), 1
    while following < size:
        manager = managers.popleft()
        count = rng.randint(MIN_REPORTS, MAX_REPORTS)
        for index in range(following, min(following + count, size)):
            parent[index], depth[index] = manager, depth[manager] + 1
            managers.append(index)
        following += count
    return parent, depth


def department_heads(parent):
    """Managers heading at least DEPARTMENT_MIN_HEADCOUNT people, and the root,
    head a department; everyone else belongs to the nearest head above."""
    size = len(parent)
    headcount = [1] * size
    for index in range(size - 1, 0, -1):
        headcount[parent[index]] += headcount[index]
    heads = [0] + [
        i for i in range(1, size) if headcount[i] >= DEPARTMENT_MIN_HEADCOUNT
    ]
    head_set = set(heads)
    head_of = [0] * size
    for index in range(1, size):
        head_of[index] = index if index in head_set else head_of[parent[index]]
    return heads, head_of


class Generator:
    def __init__(self, env, employees, seed=42, user_share=0.9, goals=6,
                 contacts=12, meetings=6):  # fmt: skip
        if employees < 2:
            raise ValueError("a company needs at least 2 employees")
        if not 1 <= goals <= len(METRICS):
            raise ValueError(f"goals per employee must be within 1-{len(METRICS)}")
        self.env = env
        self.cr = env.cr
        self.size = employees
        self.rng = random.Random(seed)
        self.seed = seed
        self.user_share = user_share
        self.goals_per_employee = goals
        self.contacts = contacts
        self.meetings = meetings
        self.today = date.today()
        self.start = self.today - timedelta(days=80)
        self.end = self.today + timedelta(days=10)
        self.company = env.company
        self.timings = {}
        self.ids = {}

    def timed(self, label, func):
        started = time.perf_counter()
        result = func()
        self.env.flush_all()
        self.env.invalidate_all()
        self.timings[label] = round(time.perf_counter() - started, 2)
        say(f"    {label}: {self.timings[label]:.1f} s")
        return result

    # ------------------------------------------------------------------
    def run(self):
        self.parent, self.depth = org_tree(self.size, self.rng)
        self.heads, self.head_of = department_heads(self.parent)
        leads = {p for p in self.parent if p is not None}
        self.is_manager = [i in leads for i in range(self.size)]
        self.has_user = [
            self.is_manager[i] or self.rng.random() < self.user_share
            for i in range(self.size)
        ]
        self.timed("jobs and departments", self.create_departments)
        self.timed("users", self.create_users)
        self.timed("employees", self.create_employees)
        self.timed("contacts and meetings (SQL)", self.create_records)
        self.timed("template, cycle and KPIs", self.create_cycle)
        self.timed("goals", self.create_goals)
        return self.summary()

    def create_departments(self):
        Job = self.env["hr.job"].with_context(**QUIET_CTX)
        self.jobs = Job.create([{"name": name} for name in JOBS]).ids
        Department = self.env["hr.department"].with_context(**QUIET_CTX)
        self.department_of_head = {}
        # Heads are in breadth-first order: a parent department exists first.
        for count, head in enumerate(self.heads):
            function = FUNCTIONS[count % len(FUNCTIONS)]
            above = self.parent[head]
            vals = {
                "name": "Head office" if head == 0 else f"{function} {count:04d}",
                "company_id": self.company.id,
            }
            if above is not None:
                vals["parent_id"] = self.department_of_head[self.head_of[above]]
            self.department_of_head[head] = Department.create(vals).id

    def create_users(self):
        Users = self.env["res.users"].with_context(**QUIET_CTX)
        internal = self.env.ref("base.group_user")
        manager_group = self.env.ref("odoo_perf_review.group_perf_manager")
        officer_group = self.env.ref("odoo_perf_review.group_perf_officer")
        indexes = [i for i in range(self.size) if self.has_user[i]]
        # One HR officer per 1,000 employees, among those who lead no one.
        officers = {i for i in indexes if not self.is_manager[i]}
        officers = set(sorted(officers)[::1000][: max(1, self.size // 1000)])
        self.officer_indexes = sorted(officers)
        self.user_of = {}
        for first in range(0, len(indexes), 500):
            chunk = indexes[first : first + 500]
            vals_list = []
            for i in chunk:
                groups = [internal.id]
                if self.is_manager[i]:
                    groups.append(manager_group.id)
                if i in officers:
                    groups.append(officer_group.id)
                vals_list.append(
                    {
                        "name": self.name_of(i),
                        "login": f"scale.{self.seed}.{i:06d}",
                        "email": f"scale.{i:06d}@example.com",
                        "company_id": self.company.id,
                        "company_ids": [(6, 0, self.company.ids)],
                        "group_ids": [(4, g) for g in groups],
                    }
                )
            users = Users.create(vals_list)
            self.user_of.update(zip(chunk, users.ids, strict=True))
            self.env.flush_all()
            self.env.invalidate_all()
        self.set_passwords()

    def set_passwords(self):
        """One password for every generated user, hashed once with Odoo's own
        context and written in one UPDATE (hashing 9,000 times would take
        minutes: the hash is slow on purpose)."""
        hashed = self.env["res.users"]._crypt_context().hash(PASSWORD)
        self.cr.execute(
            "UPDATE res_users SET password = %s WHERE id = ANY(%s)",
            [hashed, list(self.user_of.values())],
        )
        self.env["res.users"].invalidate_model()

    def name_of(self, index):
        return f"Employee {index:06d}"

    def create_employees(self):
        """Level by level, so that every manager exists before their reports."""
        Employee = self.env["hr.employee"].with_context(**QUIET_CTX)
        self.employee_of = [None] * self.size
        by_level = {}
        for index in range(self.size):
            by_level.setdefault(self.depth[index], []).append(index)
        for level in sorted(by_level):
            members = by_level[level]
            for first in range(0, len(members), BATCH):
                chunk = members[first : first + BATCH]
                employees = Employee.create([self.employee_vals(i) for i in chunk])
                for index, employee_id in zip(chunk, employees.ids, strict=True):
                    self.employee_of[index] = employee_id
                self.env.flush_all()
                self.env.invalidate_all()
        # The head of each department is its manager (plain column: writing it
        # through the ORM would also move the members' managers around).
        self.cr.execute(
            """
            UPDATE hr_department d SET manager_id = v.employee
              FROM unnest(%s::int[], %s::int[]) AS v(department, employee)
             WHERE d.id = v.department
            """,
            [
                [self.department_of_head[h] for h in self.heads],
                [self.employee_of[h] for h in self.heads],
            ],
        )
        self.env["hr.department"].invalidate_model(["manager_id"])

    def employee_vals(self, index):
        above = self.parent[index]
        job = self.jobs[min(4, 4 - min(self.depth[index], 4))]
        if not self.is_manager[index]:
            job = self.jobs[self.rng.randrange(3)]
        return {
            "name": self.name_of(index),
            "company_id": self.company.id,
            "user_id": self.user_of.get(index, False),
            "parent_id": above is not None and self.employee_of[above],
            "department_id": self.department_of_head[self.head_of[index]],
            "job_id": job,
            "wage": self.rng.randrange(6000, 30001, 500),
            "contract_date_start": self.today
            - timedelta(days=self.rng.randrange(30, 3000)),
        }

    def create_records(self):
        """Contacts and meetings for the KPIs, in plain SQL (setup, not
        measured): 90 % within the cycle, the rest in the 60 days before."""
        users = [self.user_of[i] for i in sorted(self.user_of)]
        start = datetime.combine(self.start, dtime.min)
        stop = datetime.combine(self.end + timedelta(days=1), dtime.min)
        self.cr.execute("SELECT setseed(%s)", [(self.seed % 1000) / 1000])
        self.cr.execute("SELECT COALESCE(MAX(id), 0) FROM res_partner")
        [max_partner] = self.cr.fetchone()
        self.cr.execute(
            f"""
            INSERT INTO res_partner (name, complete_name, type, active, is_company,
                                     email, user_id, create_uid, write_uid,
                                     create_date, write_date)
            SELECT 'Scale contact ' || g, 'Scale contact ' || g, 'contact', TRUE,
                   random() < 0.3,
                   CASE WHEN random() < 0.6 THEN 'c' || g || '@example.com' END,
                   u.user_id, 1, 1, t.ts, t.ts
              FROM unnest(%(users)s::int[]) AS u(user_id)
             CROSS JOIN generate_series(1, %(per_user)s) AS g
             CROSS JOIN LATERAL ({RECORD_DATE}) AS t
            """,
            {"users": users, "per_user": self.contacts, "start": start, "stop": stop},
        )
        self.cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id > %s",
            [max_partner],
        )
        self.cr.execute(
            f"""
            INSERT INTO calendar_event (name, active, start, stop, start_date,
                                        stop_date, allday, duration, user_id,
                                        privacy, show_as, create_uid, write_uid,
                                        create_date, write_date)
            SELECT 'Customer meeting ' || g, TRUE, t.ts,
                   t.ts + d.hours * interval '1 hour', t.ts::date, t.ts::date,
                   FALSE, d.hours, u.user_id, 'public', 'busy', 1, 1, t.ts, t.ts
              FROM unnest(%(users)s::int[]) AS u(user_id)
             CROSS JOIN generate_series(1, %(per_user)s) AS g
             CROSS JOIN LATERAL (
                SELECT (ARRAY[0.5, 1, 1, 1.5, 2, 3])[1 + floor(random() * 6)::int]
                       + (g + u.user_id) * 0 AS hours) AS d
             CROSS JOIN LATERAL ({RECORD_DATE}) AS t
            """,
            {"users": users, "per_user": self.meetings, "start": start, "stop": stop},
        )
        self.env["res.partner"].invalidate_model()
        self.env["calendar.event"].invalidate_model()

    def create_cycle(self):
        env = self.env
        criteria = env["perf.criterion"].search([], limit=5)
        self.template = env["perf.template"].create(
            {
                "name": f"Scale template {self.seed}",
                "method": "kpi",
                "rating_scale_id": env.ref("odoo_perf_review.rating_scale_five").id,
                "goal_weight": 70,
                "competency_weight": 30,
                "self_weight": 10,
                "manager_weight": 70,
                "peer_weight": 20,
                "customer_weight": 0,
                "peer_min": 2,
                "peer_max": 3,
                "criterion_ids": [(6, 0, criteria.ids)],
                "bsc_financial_weight": 0,
                "bsc_customer_weight": 0,
                "bsc_internal_weight": 0,
                "bsc_learning_weight": 0,
            }
        )
        Cycle = env["perf.cycle"].with_context(**QUIET_CTX)
        self.cycle = Cycle.create(
            {
                "company_id": self.company.id,
                "frequency": "quarterly",
                "date_start": self.start,
                "date_end": self.end,
                "goal_deadline": self.start + timedelta(days=14),
                "review_start_date": self.today - timedelta(days=1),
                "review_deadline": self.today + timedelta(days=7),
                "calibration_deadline": self.today + timedelta(days=8),
                "close_date": self.end,
                "template_id": self.template.id,
                "recurring": False,
            }
        )
        self.cycle.action_start()
        self.cycle.action_start_progress()
        Fields = env["ir.model.fields"]
        date_fields = {"res.partner": "create_date", "calendar.event": "start"}
        self.metrics = env["perf.metric"].create(
            [
                {
                    "name": name,
                    "model_id": env["ir.model"]._get(model).id,
                    "domain": domain,
                    "aggregation": aggregation,
                    "measured_field_id": measured and Fields._get(model, measured).id,
                    "employee_path": "user_id",
                    "date_field_id": Fields._get(model, date_fields[model]).id,
                }
                for _key, name, model, domain, aggregation, measured, _t in METRICS
            ]
        )

    def create_goals(self):
        env = self.env
        Goal = env["perf.goal"].with_context(**QUIET_CTX)
        common = {"cycle_id": self.cycle.id, "state": "approved"}
        company_goals = Goal.create(
            [
                dict(common, owner="company", name=name, weight=50,
                     employee_id=False, visibility="company", target=target)
                for name, target in (("Grow revenue", 100), ("Delight customers", 90))
            ]
        )  # fmt: skip
        departments = list(self.department_of_head.values())
        department_goals = Goal.create(
            [
                dict(common, owner="department", employee_id=False,
                     department_id=department, weight=100, visibility="team",
                     parent_id=company_goals[n % 2].id, target=100,
                     name="Department contribution")
                for n, department in enumerate(departments)
            ]
        )  # fmt: skip
        goal_of_department = dict(zip(departments, department_goals.ids, strict=True))
        count = self.goals_per_employee
        weights = self.weights(count)
        vals_list, created = [], 0
        for index in range(self.size):
            department = self.department_of_head[self.head_of[index]]
            for n in range(count):
                vals = dict(
                    common,
                    employee_id=self.employee_of[index],
                    weight=weights[n],
                    parent_id=goal_of_department[department] if n == 0 else False,
                )
                if self.has_user[index]:
                    _key, name, *_rest, target = METRICS[n]
                    vals.update(name=name, metric_id=self.metrics[n].id, target=target)
                else:
                    vals.update(name=MANUAL_GOALS[n], target=10)
                vals_list.append(vals)
            if len(vals_list) >= 3000 or index == self.size - 1:
                created += len(Goal.create(vals_list))
                vals_list = []
                env.flush_all()
                env.invalidate_all()
        self.goal_count = created + len(company_goals) + len(department_goals)

    @staticmethod
    def weights(count):
        """``count`` weights adding up to exactly 100."""
        base = [100 // count] * count
        base[0] += 100 - sum(base)
        return base

    def summary(self):
        self.cr.execute(
            "SELECT count(*) FROM perf_goal WHERE cycle_id = %s AND metric_id IS "
            "NOT NULL",
            [self.cycle.id],
        )
        [live] = self.cr.fetchone()
        return {
            "employees": self.size,
            "users": len(self.user_of),
            "managers": sum(self.is_manager),
            "hr_officers": len(self.officer_indexes),
            "departments": len(self.heads),
            "depth": max(self.depth),
            "goals": self.goal_count,
            "live_goals": live,
            "contacts": len(self.user_of) * self.contacts,
            "meetings": len(self.user_of) * self.meetings,
            "cycle_id": self.cycle.id,
            "template_id": self.template.id,
            "metric_ids": self.metrics.ids,
            "officer_user_ids": [self.user_of[i] for i in self.officer_indexes],
            "user_ids": [self.user_of[i] for i in sorted(self.user_of)],
            "employee_ids": self.employee_of,
            "setup_seconds": self.timings,
        }


def generate(env, employees, **options):
    """Build the company in ``env``'s database; return a summary dict."""
    return Generator(env, employees, **options).run()


def build_database(db, employees, modules=("odoo_perf_review",), **options):
    """Drop ``db``, install ``modules`` and generate the company; committed."""
    info = oe.odoo_in_process()
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(odoo_args(db, info.addons_path()))
    drop_database(db)
    started = time.perf_counter()
    install_database(db, info, modules)
    say(f"    install ({', '.join(modules)}): {time.perf_counter() - started:.1f} s")
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        summary = generate(env, employees, **options)
        cr.commit()
    vacuum_analyze(db)
    return registry, summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="opr_scale")
    parser.add_argument("--employees", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--user-share", type=float, default=0.9)
    parser.add_argument("--goals", type=int, default=6, help="goals per employee")
    parser.add_argument("--contacts", type=int, default=12, help="per user")
    parser.add_argument("--meetings", type=int, default=6, help="per user")
    parser.add_argument(
        "--gamification", action="store_true", help="install gamification too"
    )
    args = parser.parse_args(argv)
    if args.employees < 2:
        parser.error("--employees must be at least 2")
    modules = ["odoo_perf_review"] + (["gamification"] if args.gamification else [])
    say(f"Database {args.db}: {args.employees} employees")
    _registry, summary = build_database(
        args.db,
        args.employees,
        modules=modules,
        seed=args.seed,
        user_share=args.user_share,
        goals=args.goals,
        contacts=args.contacts,
        meetings=args.meetings,
    )
    for key, value in summary.items():
        if key not in ("employee_ids", "officer_user_ids", "metric_ids", "user_ids"):
            say(f"  {key}: {value}")
    say(
        f"Done: {args.db} is ready (log in as admin/admin, or as any generated "
        f"user, e.g. scale.{args.seed}.000000, with the password {PASSWORD})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
