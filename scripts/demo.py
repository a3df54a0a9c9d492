#!/usr/bin/env python3
"""`make demo`: serve odoo_perf_review with demo data on http://localhost:8069.

Finds Odoo 19 ($ODOO_PATH, else `import odoo`; it is never installed from
here), provisions PostgreSQL, creates the database $DEMO_DB (default
perf_demo) with demo data and the addon installed, or upgrades the addon when
the database exists, then runs Odoo in the foreground (Ctrl-C stops it).

Variables: DEMO_DB (perf_demo), DEMO_PORT (8069), DEMO_HTTP_INTERFACE
(127.0.0.1; 0.0.0.0 to reach it from other machines), ODOO_PATH,
ODOO_ADDONS_PATH.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_env as oe  # noqa: E402

DB = os.environ.get("DEMO_DB") or "perf_demo"
PORT = os.environ.get("DEMO_PORT") or "8069"
INTERFACE = os.environ.get("DEMO_HTTP_INTERFACE") or "127.0.0.1"
OUT = oe.CACHE / "demo"
LOGINS = [
    ("admin", "admin", "Performance administrator"),
    ("hr", "hr", "HR officer"),
    ("demo", "demo", "manager"),
    ("employee", "employee", "employee"),
]


def fail(msg):
    oe.say(f"make demo: {msg}")
    sys.exit(1)


def addon_state(db):
    res = oe.psql(
        f"select state from ir_module_module where name = '{oe.ADDON}'", db=db
    )
    return res.stdout.strip() if res.returncode == 0 else ""


def main():
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", DB):
        fail(f"DEMO_DB={DB!r}: use letters, digits, '_', '.' or '-' only")
    info = oe.odoo_ready("demo")

    cfg = oe.write_odoo_config(
        OUT / "odoo.cfg",
        info,
        http_interface=INTERFACE,
        http_port=PORT,
        dbfilter=f"^{re.escape(DB)}$",
        max_cron_threads=1,
        workers=0,
    )
    exists = oe.db_exists(DB)
    state = addon_state(DB) if exists else ""
    if not exists:
        action = ["-i", oe.ADDON, "--with-demo"]
        what = f"creating database {DB} with demo data and {oe.ADDON}"
    elif state == "installed":
        action = ["-u", oe.ADDON]
        what = f"database {DB} exists: upgrading {oe.ADDON}"
    else:
        action = ["-i", oe.ADDON]
        what = f"database {DB} exists without {oe.ADDON}: installing it"
    log = OUT / "install.log"
    oe.say(f"{what} (log: {log.relative_to(oe.REPO)}) ...")
    cmd = info.cmd(
        "-c",
        str(cfg),
        "-d",
        DB,
        *action,
        "--stop-after-init",
        "--log-level=info",
        f"--http-port={oe.free_port()}",
    )
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as fh:
        res = subprocess.run(
            cmd,
            env=info.env,
            cwd=oe.REPO,
            stdin=subprocess.DEVNULL,
            stdout=fh,
            stderr=subprocess.STDOUT,
            check=False,
        )
    problems = oe.scan_log(log, levels=("ERROR", "CRITICAL"))
    for entry in oe.scan_log(log, levels=("WARNING",))[:20]:
        oe.say(f"  {entry.splitlines()[0]}")
    if res.returncode or problems:
        for entry in problems[:20]:
            oe.say(entry)
        fail(f"install/upgrade failed (exit {res.returncode}); see {log}")

    host = "localhost" if INTERFACE in ("127.0.0.1", "0.0.0.0", "") else INTERFACE
    oe.say("")
    oe.say("=" * 70)
    oe.say(f"Odoo 19 with {oe.ADDON}: http://{host}:{PORT}  (database {DB})")
    oe.say("Logins to try (login / password):")
    for login, password, role in LOGINS:
        oe.say(f"  {login:<9} / {password:<9} {role}")
    oe.say("Ctrl-C stops the server. `make demo` again upgrades the addon.")
    oe.say("=" * 70)
    serve = info.cmd(
        "-c",
        str(cfg),
        "-d",
        DB,
        "--db-filter",
        f"^{re.escape(DB)}$",
        "--http-interface",
        INTERFACE,
        "--http-port",
        PORT,
    )
    os.chdir(oe.REPO)
    os.execvpe(serve[0], serve, info.env)


if __name__ == "__main__":
    main()
