#!/usr/bin/env python3
"""Test driver behind `make test` / `make test-pure` / `make lint` / `make test-odoo`.

    python3 scripts/run_tests.py [all|pure|lint|odoo]

Tier 1 ("pure", always runs, needs no Odoo and no database):
  pytest tests/engine tests/i18n tests/repo, ruff check, ruff format --check,
  pylint --rcfile=.pylintrc-mandatory, OCA's oca-checks-odoo-module and
  oca-checks-po (.oca_hooks.cfg), scripts/check_manifest.py.
  Odoo is hidden from these (scripts/no_odoo/sitecustomize.py), so they behave
  here as on a machine without Odoo.
Tier 2 ("odoo", runs when Odoo 19 is found: $ODOO_PATH, else `import odoo`):
  provisions PostgreSQL / Chromium / Python deps as needed, installs the addon
  in two fresh databases (without and with demo data; any WARNING/ERROR/CRITICAL
  log line fails the install), then runs the addon's tests with pytest-odoo
  (HttpCase tours in headless Chromium included) on the no-demo database.
  Both databases are dropped at the end (KEEP_TEST_DBS=1 keeps them).

Every check counts as one test, pytest runs count each of their tests. The last
two lines printed are `Tiers: ...` and `N passed, N failed, N skipped`. The
exit status is non-zero when anything failed.

Environment: ODOO_PATH, ODOO_ADDONS_PATH (see scripts/odoo_env.py),
REQUIRE_ODOO_TIER=1 (fail when Odoo 19 is not found), KEEP_TEST_DBS=1,
ODOO_TEST_TIMEOUT (seconds for the Odoo test run, default 2400),
TEST_BUDGET_SECONDS (whole run, default 3300: later steps get what is left),
ODOO_TEST_RUNNER=odoo (Odoo's own runner, `--test-tags`, instead of pytest-odoo),
PYTEST_ODOO_ARGS (extra pytest arguments for the Odoo tests, e.g. "-k tour").
"""

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_env as oe  # noqa: E402

REPO = oe.REPO
OUT = oe.CACHE / "test-run"
SCRIPTS = REPO / "scripts"
NO_ODOO = SCRIPTS / "no_odoo"
PLUGINS = SCRIPTS / "pytest_plugins"
PURE_TESTS = REPO / "tests" / "engine"
# Translation files and translatable literals (polib, ast; no Odoo).
I18N_TESTS = REPO / "tests" / "i18n"
# The repository's own tooling: README.rst generated, docker-compose.yml,
# check_manifest.py (no Odoo).
REPO_TESTS = REPO / "tests" / "repo"
ODOO_TESTS = REPO / oe.ADDON / "tests"
# The payroll bridge is installed and tested with the addon when the OCA
# `payroll` module can be had (from PyPI, without dependencies: the Odoo it
# needs is the one found).
BRIDGE = "odoo_perf_review_payroll"
PAYROLL_REQUIREMENT = "odoo-addon-payroll>=19.0,<19.1"
RECOGNITION = "odoo_perf_review_recognition"  # needs only Odoo's hr_gamification
TEST_ADDONS = [oe.ADDON] + (
    [RECOGNITION] if (REPO / RECOGNITION / "__manifest__.py").is_file() else []
)
DATA_DIR = oe.CACHE / "odoo-data"
DB_PREFIX = "opr_ci_"
STALE_DB_HOURS = 6
# Whole-run budget: every subprocess gets at most what is left of it, so a hung
# install or browser can't push `make test` past CI's limit (90 min).
BUDGET = float(os.environ.get("TEST_BUDGET_SECONDS", "3300"))
_START = time.monotonic()


class Totals:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.failures = []  # names, for the summary
        self.phases = []  # (name, result, seconds)

    def add(self, name, ok, skipped=False):
        if skipped:
            self.skipped += 1
        elif ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(name)


T = Totals()
_current_child = None
_cleanups = []


def say(msg=""):
    oe.say(msg)


def check(name, ok, detail="", seconds=None):
    """Record one check as one test and print it."""
    T.add(name, ok)
    took = f" ({oe.fmt_duration(seconds)})" if seconds is not None else ""
    say(f"  {'PASS' if ok else 'FAIL'}  {name}{took}")
    if detail:
        for line in str(detail).rstrip().splitlines():
            say(f"        {line}")


class Phase:
    """Context manager printing a phase header and its duration."""

    def __init__(self, name):
        self.name = name
        self.result = ""

    def __enter__(self):
        self.start = time.monotonic()
        self.failed_before = T.failed
        say("")
        say(f"==> {self.name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        seconds = time.monotonic() - self.start
        if exc_type is not None and not issubclass(exc_type, Exception):
            return False
        if exc_type is not None:
            check(f"{self.name}: crashed", False, f"{exc_type.__name__}: {exc}")
            self.result = self.result or "crashed"
        if not self.result:
            self.result = "ok" if T.failed == self.failed_before else "FAILED"
        T.phases.append((self.name, self.result, seconds))
        say(f"<== {self.name}: {self.result} in {oe.fmt_duration(seconds)}")
        return True  # a crashed phase is a failed check, the run goes on


def stream(cmd, *, env=None, timeout=None, logfile=None):
    """Run cmd, stream its output (stderr merged) to stdout, or to a log file.

    Returns (returncode, timed_out)."""
    global _current_child  # noqa: PLW0603
    left = BUDGET - (time.monotonic() - _START)
    if left < 30:
        msg = f"not started: the {oe.fmt_duration(BUDGET)} test budget is used up"
        say(f"    {msg}")
        if logfile:
            Path(logfile).write_text(msg + "\n", encoding="utf-8")
        return -1, True
    timeout = min(timeout or left, left)
    sink = open(logfile, "w", encoding="utf-8") if logfile else sys.stdout  # noqa: SIM115
    proc = subprocess.Popen(
        cmd,
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    _current_child = proc

    def pump():
        for line in proc.stdout:
            sink.write(line)
            sink.flush()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    timed_out = False
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill(proc)
    except BaseException:
        _kill(proc)
        raise
    finally:
        reader.join(timeout=30)
        _current_child = None
        if logfile:
            sink.close()
    return proc.returncode, timed_out


def _kill(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def junit_counts(path):
    """(passed, failed, skipped, failed_names) from a pytest junit xml."""
    root = ET.parse(path).getroot()
    passed = failed = skipped = 0
    names = []
    for case in root.iter("testcase"):
        tags = {child.tag for child in case}
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        if tags & {"failure", "error"}:
            failed += 1
            names.append(name)
        elif "skipped" in tags:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped, names


def run_pytest(label, args, *, env, junit, timeout):
    """Run pytest, add its tests to the totals. Exit 5 (no tests) is a failure."""
    junit.unlink(missing_ok=True)
    cmd = [
        oe.PYTHON,
        "-m",
        "pytest",
        *args,
        f"--junitxml={junit}",
        "-o",
        "junit_family=xunit2",
        "-p",
        "no:cacheprovider",
        "-rfEs",
    ]
    say(f"    $ {' '.join(shlex.quote(str(c)) for c in cmd)}")
    start = time.monotonic()
    rc, timed_out = stream(cmd, env=env, timeout=timeout)
    seconds = time.monotonic() - start
    if timed_out:
        check(
            f"{label}: finished in time",
            False,
            f"stopped: over {oe.fmt_duration(timeout)} or past the run's budget",
        )
    if rc == 5:
        check(f"{label}: collected tests", False, "pytest exit code 5: no tests ran")
        return "no tests"
    if not junit.is_file():
        check(f"{label}: pytest ran", False, f"pytest exit code {rc}, no junit xml")
        return f"crashed (exit {rc})"
    passed, failed, skipped, names = junit_counts(junit)
    T.passed += passed
    T.failed += failed
    T.skipped += skipped
    T.failures += [f"{label}: {n}" for n in names]
    if rc not in (0, 1) or (rc == 1 and not failed):
        check(f"{label}: pytest exit status", False, f"pytest exit code {rc}")
    say(
        f"    {label}: {passed} passed, {failed} failed, {skipped} skipped "
        f"in {oe.fmt_duration(seconds)}"
    )
    return f"{passed} passed, {failed} failed, {skipped} skipped"


def tier1_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(NO_ODOO), env.get("PYTHONPATH", "")) if p
    )
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(oe.CACHE / "hypothesis"))
    return env


# -- tier 1 -------------------------------------------------------------------------


def tier1_requirements():
    with Phase("tier 1: Python requirements (requirements-test.txt)") as ph:
        ok, msg = oe.ensure_requirements(REPO / "requirements-test.txt")
        say(f"    {msg}")
        if not ok:
            check("install requirements-test.txt", False, msg)
            ph.result = "FAILED"
        return ok


def tier1_pure():
    with Phase("tier 1: pure tests (pytest tests/engine tests/i18n tests/repo)") as ph:
        ph.result = run_pytest(
            "tests/engine tests/i18n tests/repo",
            [
                str(PURE_TESTS.relative_to(REPO)),
                str(I18N_TESTS.relative_to(REPO)),
                str(REPO_TESTS.relative_to(REPO)),
                "-p",
                "no:odoo",
                "-q",
            ],
            env=tier1_env(),
            junit=OUT / "junit-pure.xml",
            timeout=900,
        )


def _cmd_result(cmd, env=None, timeout=900):
    """(ok, detail, seconds) of a command run quietly."""
    start = time.monotonic()
    res = oe.run(cmd, env=env or tier1_env(), timeout=timeout)
    detail = "" if res.returncode == 0 else res.stdout.rstrip()
    if res.returncode and not detail:
        detail = f"exit code {res.returncode}"
    detail = "\n".join(detail.splitlines()[:200])
    return res.returncode == 0, detail, time.monotonic() - start, res.stdout


def _cmd_check(name, cmd, env=None, timeout=900):
    ok, detail, seconds, _out = _cmd_result(cmd, env, timeout)
    check(name, ok, detail, seconds)


def _oca_checks(kind, addons, files):
    """OCA's oca-checks-odoo-module / oca-checks-po over every addon at once
    (configured by .oca_hooks.cfg); one check an addon, from its findings."""
    entry = {"module": "cli", "po": "cli_po"}[kind]
    code = (
        f"import sys; from oca_pre_commit_hooks.{entry} import main; sys.exit(main())"
    )
    ok, detail, seconds, out = _cmd_result([oe.PYTHON, "-c", code, *files])
    findings = [block.strip() for block in out.split("\n\n") if block.strip()]
    for addon in addons:
        mine = [f for f in findings if f.startswith(f"{addon}/")]
        check(
            f"oca-checks-{'odoo-module' if kind == 'module' else kind} {addon}",
            not mine,
            "\n".join(mine[:100]),
        )
    others = [f for f in findings if not f.startswith(tuple(f"{a}/" for a in addons))]
    if not ok and (others or not findings):
        check(f"oca-checks-{kind}", False, detail, seconds)


def tier1_lint():
    with Phase("tier 1: lint (ruff, pylint-odoo, OCA checks, check_manifest.py)"):
        addons = sorted(p.parent.name for p in REPO.glob("*/__manifest__.py"))
        # pylint takes most of the time: it runs while the others do
        with ThreadPoolExecutor(max_workers=1) as pool:
            pylint = pool.submit(
                _cmd_result,
                [
                    oe.PYTHON,
                    "-m",
                    "pylint",
                    "--rcfile=.pylintrc-mandatory",
                    "--output-format=text",
                    *addons,
                ],
            )
            _cmd_check(
                "ruff check", [oe.PYTHON, "-m", "ruff", "check", "--no-fix", "."]
            )
            _cmd_check(
                "ruff format --check (fix: ruff format .)",
                [
                    oe.PYTHON,
                    "-m",
                    "ruff",
                    "format",
                    "--check",
                    "--output-format=concise",
                    ".",
                ],
            )
            _oca_checks("module", addons, [f"{a}/__manifest__.py" for a in addons])
            po_files = sorted(
                str(p.relative_to(REPO))
                for a in addons
                for p in (REPO / a / "i18n").glob("*.po*")
            )
            _oca_checks("po", addons, po_files)
            _check_manifest()
            ok, detail, seconds, _out = pylint.result()
        check(
            f"pylint --rcfile=.pylintrc-mandatory {' '.join(addons)}",
            ok,
            detail,
            seconds,
        )


def _check_manifest():
    report = OUT / "check_manifest.json"
    report.unlink(missing_ok=True)
    start = time.monotonic()
    res = oe.run(
        [oe.PYTHON, str(SCRIPTS / "check_manifest.py"), "--json", str(report)],
        env=tier1_env(),
    )
    if not report.is_file():
        check("check_manifest.py", False, res.stdout, time.monotonic() - start)
        return
    for item in json.loads(report.read_text(encoding="utf-8")):
        note = f" ({item['note']})" if item["note"] and item["ok"] else ""
        check(f"addon: {item['name']}{note}", item["ok"], "\n".join(item["problems"]))


# -- tier 2 -------------------------------------------------------------------------


def _drop_stale_dbs():
    """Databases of runs that died without cleaning up (older than 6 hours)."""
    now = time.time()
    for name in oe.list_dbs(DB_PREFIX):
        m = re.match(rf"^{DB_PREFIX}(\d{{8}}_\d{{6}})_", name)
        if not m:
            continue
        started = time.mktime(time.strptime(m.group(1), "%Y%m%d_%H%M%S"))
        if now - started > STALE_DB_HOURS * 3600:
            ok, _ = oe.drop_db(name, DATA_DIR)
            say(f"    dropped stale test database {name}: {'ok' if ok else 'failed'}")


def _install_cmd(info, cfg, db, log, *extra):
    """Odoo installing the test addons in db, once; the command is shown."""
    cmd = info.cmd(
        *("-c", str(cfg), "-d", db, "-i", ",".join(TEST_ADDONS), *extra),
        *("--stop-after-init", "--log-level=info", "--http-interface=127.0.0.1"),
        f"--http-port={oe.free_port()}",
    )
    say(f"    $ {' '.join(cmd)}")
    say(f"      (log: {log.relative_to(REPO)})")
    return cmd


def _install(info, cfg, db, demo, label):
    log = OUT / f"install-{label}.log"
    cmd = _install_cmd(info, cfg, db, log, *(["--with-demo"] if demo else []))
    start = time.monotonic()
    rc, timed_out = stream(cmd, env=info.env, timeout=900, logfile=log)
    seconds = time.monotonic() - start
    bad = oe.scan_log(log)
    problems = []
    if timed_out:
        problems.append("timed out (15 minutes, or the run's budget)")
    if rc:
        problems.append(f"exit code {rc}; last lines:\n{oe.tail(log.read_text(), 20)}")
    if bad:
        problems.append(f"{len(bad)} WARNING/ERROR/CRITICAL log line(s):")
        problems += bad[:40]
        if len(bad) > 40:
            problems.append(f"... and {len(bad) - 40} more (see {log})")
    addons = ",".join(TEST_ADDONS)
    name = f"install {addons} {'with' if demo else 'without'} demo data ({db})"
    check(name, not problems, "\n".join(problems), seconds)
    return not rc and not timed_out


def _payroll_importable(info):
    probe = (
        "import importlib.util, sys; "
        "sys.exit(0 if importlib.util.find_spec('odoo.addons.payroll') else 1)"
    )
    env = dict(info.env)
    env.pop("TIER1_HIDE_ODOO", None)
    res = oe.run([oe.PYTHON, "-c", probe], env=env, timeout=120)
    return res.returncode == 0


def ensure_payroll(info):
    """OCA payroll for the bridge addon: (available, message)."""
    if not (REPO / BRIDGE / "__manifest__.py").is_file():
        return False, f"{BRIDGE} is not in this repository"
    if _payroll_importable(info):
        return True, "OCA payroll: installed"
    say(f"    installing {PAYROLL_REQUIREMENT} (without dependencies)")
    ok, out = oe.pip_install(["--no-deps", PAYROLL_REQUIREMENT])
    if ok and _payroll_importable(info):
        return True, "OCA payroll: installed now"
    return False, f"OCA payroll could not be installed: {out.strip()[-300:]}"


def tier2(info):
    """Returns a short status for the Tiers line."""
    results = {}
    with Phase("tier 2: environment (PostgreSQL, Python deps, Chromium)") as ph:
        say(f"    using {info.describe()}")
        ok_deps, msg = oe.ensure_odoo_python_deps(info)
        say(f"    odoo: {msg.splitlines()[-1] if msg else ''}")
        if not ok_deps:
            check("Odoo's Python dependencies", False, msg)
        ok_pg, msg = oe.ensure_postgres()
        say(f"    postgres: {msg}")
        if not ok_pg:
            check("PostgreSQL available", False, msg)
        ok_req, msg = oe.ensure_requirements(SCRIPTS / "requirements-odoo-tier.txt")
        say(f"    {msg}")
        if not ok_req:
            check("install scripts/requirements-odoo-tier.txt", False, msg)
        payroll_ok, msg = ensure_payroll(info)
        say(f"    {msg}")
        if payroll_ok and BRIDGE not in TEST_ADDONS:
            TEST_ADDONS.append(BRIDGE)
        elif not payroll_ok:
            T.add(f"{BRIDGE}: OCA payroll not available ({msg})", True, skipped=True)
        chrome, msg = oe.ensure_chrome()
        say(f"    {msg}")
        results["chrome"] = chrome
        if not chrome:
            ph.result = "no browser: tours will be reported as failed"
        if ok_pg:
            _drop_stale_dbs()
    if not (ok_deps and ok_pg and ok_req):
        return "FAILED (environment, see above)"

    stamp = f"{DB_PREFIX}{oe.timestamp()}_{os.getpid()}"
    db_nodemo, db_demo = f"{stamp}_nodemo", f"{stamp}_demo"
    db_tests = f"{stamp}_tests"  # only with ODOO_TEST_RUNNER=odoo
    keep = os.environ.get("KEEP_TEST_DBS") == "1"

    def cleanup():
        if keep:
            say(f"    KEEP_TEST_DBS=1: kept the {stamp}_* databases (config: {cfg})")
            return
        for db in (db_nodemo, db_demo, db_tests):
            if oe.db_exists(db):
                ok, out = oe.drop_db(db, DATA_DIR)
                say(f"    dropped {db}: {'ok' if ok else out}")

    cfg = oe.write_odoo_config(
        OUT / "odoo.cfg",
        info,
        data_dir=DATA_DIR,
        http_interface="127.0.0.1",
        screenshots=OUT / "screenshots",
        max_cron_threads=0,
        workers=0,
    )
    _cleanups.append(cleanup)
    try:
        with Phase("tier 2: install without demo data"):
            installed = _install(info, cfg, db_nodemo, False, "nodemo")
        with Phase("tier 2: install with demo data"):
            _install(info, cfg, db_demo, True, "demo")
        runner = os.environ.get("ODOO_TEST_RUNNER", "pytest-odoo")
        title = f"tier 2: Odoo tests ({runner}, HttpCase tours in headless Chromium)"
        with Phase(title) as ph:
            if not installed:
                check("Odoo tests", False, "not run: the addon did not install")
                ph.result = "not run"
            elif runner == "odoo":
                ph.result = run_odoo_tests_native(info, cfg, db_tests)
            else:
                ph.result = run_odoo_tests(info, db_nodemo)
    finally:
        with Phase("tier 2: cleanup (drop test databases)"):
            _cleanups.remove(cleanup)
            cleanup()
    return "ran"


def run_odoo_tests(info, db):
    test_cfg = oe.write_odoo_config(
        OUT / "odoo-tests.cfg",
        info,
        db_name=db,
        data_dir=DATA_DIR,
        http_interface="127.0.0.1",
        screenshots=OUT / "screenshots",
        logfile=OUT / "odoo-tests.log",
        max_cron_threads=0,
        workers=0,
    )
    (OUT / "odoo-tests.log").unlink(missing_ok=True)
    env = dict(info.env)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PLUGINS), env.get("PYTHONPATH", "")) if p
    )
    env.pop("TIER1_HIDE_ODOO", None)
    args = [
        *(str((REPO / addon / "tests").relative_to(REPO)) for addon in TEST_ADDONS),
        "-p",
        "pytest_odoo_guard",
        f"--odoo-database={db}",
        f"--odoo-config={test_cfg}",
        "--odoo-http",
        "--odoo-log-level=info",
        "-v",
        "--tb=short",
        *shlex.split(os.environ.get("PYTEST_ODOO_ARGS", "")),
    ]
    say(f"    Odoo server log: {(OUT / 'odoo-tests.log').relative_to(REPO)}")
    return run_pytest(
        "odoo tests",
        args,
        env=env,
        junit=OUT / "junit-odoo.xml",
        timeout=int(os.environ.get("ODOO_TEST_TIMEOUT", "2400")),
    )


TEST_FAIL_RE = re.compile(r": (?:FAIL|ERROR): (\S+)")
TEST_START_RE = re.compile(
    rf" (odoo\.addons\.{oe.ADDON}\.\S+): Starting (\w+\.\w+) \.\.\.", re.M
)


def run_odoo_tests_native(info, cfg, db):
    """ODOO_TEST_RUNNER=odoo: Odoo's own runner on a fresh database
    (`-i <addon> --test-tags /<addon>`, at_install and post_install tests), its
    log parsed for the counts. Cross-check of / fallback for pytest-odoo."""
    log = OUT / "odoo-native-tests.log"
    tags = "--test-tags=" + ",".join(f"/{addon}" for addon in TEST_ADDONS)
    cmd = _install_cmd(info, cfg, db, log, tags)
    start = time.monotonic()
    timeout = int(os.environ.get("ODOO_TEST_TIMEOUT", "2400"))
    rc, timed_out = stream(cmd, env=info.env, timeout=timeout, logfile=log)
    text = log.read_text(encoding="utf-8", errors="replace")
    failed = sorted(set(TEST_FAIL_RE.findall(text)))
    total = len(set(TEST_START_RE.findall(text)))
    other = [
        e
        for e in oe.scan_log(log, levels=("ERROR", "CRITICAL"))
        if not TEST_FAIL_RE.search(e.splitlines()[0])
        and "At least one test failed" not in e
        and "failures, " not in e.splitlines()[0]
    ]
    for entry in oe.scan_log(log, levels=("ERROR", "CRITICAL"))[:40]:
        say("        " + entry.replace("\n", "\n        "))
    T.passed += max(total - len(failed), 0)
    T.failed += len(failed)
    T.failures += [f"odoo tests: {name}" for name in failed]
    if timed_out:
        check("odoo tests: finished in time", False, f"killed after {timeout}s")
    if total == 0:
        check("odoo tests: collected tests", False, f"no test ran (exit {rc})")
    if other:
        check("odoo tests: no other ERROR log lines", False, f"{len(other)} line(s)")
    if rc and not failed and not other:
        check("odoo tests: exit status", False, f"exit code {rc}")
    took = oe.fmt_duration(time.monotonic() - start)
    say(f"    odoo tests: {total} ran, {len(failed)} failed in {took}")
    return f"{total - len(failed)} passed, {len(failed)} failed"


# -- main ---------------------------------------------------------------------------


def _on_signal(signum, _frame):
    if _current_child is not None:
        _kill(_current_child)
    raise KeyboardInterrupt(f"signal {signum}")


def odoo_tier():
    """Find Odoo 19 and run tier 2; returns the status for the Tiers line."""
    with Phase("tier 2: find Odoo 19") as ph:
        info, reason = oe.find_odoo()
        if info:
            say(f"    found {info.describe()}")
            ph.result = f"Odoo {info.version} via {info.source}"
        else:
            say(f"    Odoo 19 not found: {reason}")
            say(
                "    (point at one with ODOO_PATH=/path/to/odoo-19-source, or "
                "install Odoo 19 so `import odoo` works)"
            )
            ph.result = "not found"
            if os.environ.get("REQUIRE_ODOO_TIER") == "1":
                check("Odoo 19 available (REQUIRE_ODOO_TIER=1)", False, reason)
    if not info:
        return f"NOT RUN, Odoo 19 not found: {reason}"
    return f"{tier2(info)} ({info.describe()})"


def print_summary(tiers, total):
    say("")
    say("=" * 78)
    say("Summary (phase durations)")
    for name, result, seconds in T.phases:
        say(f"  {oe.fmt_duration(seconds):>8}  {name}: {result}")
    say(f"  {oe.fmt_duration(total):>8}  total")
    if T.failures:
        say("Failed:")
        for name in T.failures[:60]:
            say(f"  - {name}")
        if len(T.failures) > 60:
            say(f"  ... and {len(T.failures) - 60} more")
    say("Tiers: " + ", ".join(f"{k}={v}" for k, v in tiers.items()))
    counts = f"{T.passed} passed, {T.failed} failed"
    if T.skipped:
        counts += f", {T.skipped} skipped"
    say(counts)  # must stay the very last line printed


def main(argv):
    target = argv[1] if len(argv) > 1 else "all"
    if target not in ("all", "pure", "lint", "odoo"):
        say(__doc__)
        return 2
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _on_signal)
    OUT.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    tiers = {"pure": "not requested", "odoo": "not requested"}
    say(f"make test ({target}) in {REPO} with {oe.PYTHON} ({sys.version.split()[0]})")
    try:
        if target in ("all", "pure", "lint"):
            tiers["pure"] = "interrupted"
            reqs_ok = tier1_requirements()
            if target in ("all", "pure"):
                tier1_pure()
            if target in ("all", "lint"):
                tier1_lint()
            tiers["pure"] = "ran" if reqs_ok else "ran (requirements missing)"
        if target in ("all", "odoo"):
            tiers["odoo"] = "interrupted"
            tiers["odoo"] = odoo_tier()
    except KeyboardInterrupt as exc:
        check("interrupted", False, str(exc) or "KeyboardInterrupt")
        for cleanup in list(_cleanups):
            cleanup()
    print_summary(tiers, time.monotonic() - start)
    return 1 if T.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
