"""Shared helpers of the developer scripts: find Odoo 19, provision PostgreSQL
and Chromium, install Python requirements, write Odoo config files.

Standard library only, and never imports Odoo itself: everything about Odoo is
asked of a `python3 -m odoo` / `python3 -c` subprocess, so these scripts run
(and report clearly) on a machine without Odoo.

Environment variables honoured:
  ODOO_PATH         Odoo 19 source root (holding odoo/ and addons/); else
                    `import odoo` is used when it gives Odoo 19.
  ODOO_ADDONS_PATH  extra addons directories (comma or colon separated).
  PYTHON            interpreter to use (default: the one running the script).
"""

import contextlib
import datetime
import getpass
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".cache"
ADDON = "odoo_perf_review"
ODOO_MAJOR = 19
PYTHON = os.environ.get("PYTHON") or sys.executable
LOG_LINE_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>\S+): ?(?P<msg>.*)$"
)
BAD_LEVELS = ("WARNING", "ERROR", "CRITICAL")
CHROME_NAMES = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")


def say(msg=""):
    print(msg, flush=True)


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def have(cmd):
    return shutil.which(cmd) is not None


def fmt_duration(seconds):
    seconds = float(seconds)
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, sec = divmod(int(round(seconds)), 60)
    return f"{minutes}m{sec:02d}s"


def run(cmd, *, env=None, check=False, capture=True, timeout=None, cwd=None):
    """subprocess.run with text output captured (stderr merged)."""
    return subprocess.run(
        cmd,
        env=env,
        check=check,
        cwd=cwd or REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        text=True,
        timeout=timeout,
    )


def tail(text, n=25):
    lines = (text or "").rstrip().splitlines()
    return "\n".join(lines[-n:])


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timestamp():
    return datetime.datetime.now().strftime("%Y%m%d_%H%M%S")


# -- apt -----------------------------------------------------------------------

_apt_updated = False


def can_apt():
    return is_root() and have("apt-get")


def apt_install(packages):
    """apt-get install as root (apt-get update first, once). Returns (ok, output)."""
    global _apt_updated  # noqa: PLW0603
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not _apt_updated:
        res = run(["apt-get", "update", "-qq"], env=env, timeout=900)
        if res.returncode:
            return False, "apt-get update failed:\n" + tail(res.stdout)
        _apt_updated = True
    res = run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        env=env,
        timeout=1800,
    )
    return res.returncode == 0, tail(res.stdout)


# -- pip -----------------------------------------------------------------------


def pip_constraints_file():
    """Constraints for every pip install we do (also used in build envs).

    setuptools<81: Odoo's pinned requirements still build with pkg_resources.
    lxml: keep the installed version (Odoo's pin): lxml_html_clean and friends
    would otherwise upgrade it.
    """
    lines = ["setuptools<81"]
    res = run(
        [PYTHON, "-c", "import importlib.metadata as m; print(m.version('lxml'))"]
    )
    if res.returncode == 0 and res.stdout.strip():
        lines.append(f"lxml=={res.stdout.strip().splitlines()[-1]}")
    path = CACHE / "pip-constraints.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


_CHECK_REQS = r"""
import importlib.metadata as md, re, sys
try:
    from packaging.requirements import Requirement
except ImportError:
    try:
        from pip._vendor.packaging.requirements import Requirement
    except ImportError:
        Requirement = None
missing = []
for raw in open(sys.argv[1], encoding="utf-8"):
    line = raw.split("#", 1)[0].strip()
    if not line or line.startswith("-"):
        continue
    if Requirement is None:
        name = re.split(r"[<>=!~;\[ ]", line, maxsplit=1)[0]
        try:
            md.version(name)
        except md.PackageNotFoundError:
            missing.append(line)
        continue
    req = Requirement(line)
    if req.marker is not None and not req.marker.evaluate():
        continue
    try:
        version = md.version(req.name)
    except md.PackageNotFoundError:
        missing.append(line)
        continue
    if req.specifier and not req.specifier.contains(version, prereleases=True):
        missing.append(f"{line} (have {version})")
print("\n".join(missing))
"""


def missing_requirements(reqfile):
    res = run([PYTHON, "-c", _CHECK_REQS, str(reqfile)])
    if res.returncode:
        return [f"(could not check {reqfile}: {tail(res.stdout, 3)})"]
    return [line for line in res.stdout.splitlines() if line.strip()]


def pip_install(args, env=None, timeout=1800):
    """Quiet `pip install ARGS` with our constraints. Returns (ok, output tail)."""
    env = dict(env or os.environ, PIP_CONSTRAINT=str(pip_constraints_file()))
    env.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    cmd = [PYTHON, "-m", "pip", "install", "-q", "--no-input", *args]
    if not is_root() and not os.environ.get("VIRTUAL_ENV"):
        cmd.insert(4, "--user")
    res = run(cmd, env=env, timeout=timeout)
    if res.returncode and "externally-managed-environment" in res.stdout:
        # a distribution's own Python (PEP 668): this machine is ours to set up
        res = run([*cmd, "--break-system-packages"], env=env, timeout=timeout)
    return res.returncode == 0, tail(res.stdout)


def ensure_requirements(reqfile):
    """Install `reqfile` quietly when something in it is missing.

    Returns (ok, message)."""
    missing = missing_requirements(reqfile)
    if not missing:
        return True, f"{reqfile.name}: all installed"
    say(f"    installing from {reqfile.relative_to(REPO)}: {', '.join(missing)}")
    ok, out = pip_install(["-r", str(reqfile)])
    if not ok:
        return False, f"pip install -r {reqfile.name} failed:\n{out}"
    still = missing_requirements(reqfile)
    if still:
        return False, f"still missing after pip install: {', '.join(still)}"
    return True, f"{reqfile.name}: installed {len(missing)} package(s)"


# -- Odoo ----------------------------------------------------------------------


class OdooInfo:
    def __init__(self, root, version, source, env, addons_dir):
        self.root = root  # directory holding the `odoo` package
        self.version = version
        self.source = source  # how it was found, for humans
        self.env = env  # environment to run it with
        self.addons_dir = addons_dir  # <root>/addons, or None

    def addons_path(self, extra_repo=True):
        paths = []
        if self.addons_dir:
            paths.append(str(self.addons_dir))
        if extra_repo:
            paths.append(str(REPO))
        for item in re.split(r"[,:]", os.environ.get("ODOO_ADDONS_PATH", "")):
            if item.strip():
                paths.append(str(Path(item.strip()).resolve()))
        return ",".join(paths)

    def cmd(self, *args):
        return [PYTHON, "-m", "odoo", *args]

    def describe(self):
        return f"Odoo {self.version} from {self.source} ({self.root})"


def _release_version(root):
    text = (root / "odoo" / "release.py").read_text(encoding="utf-8")
    m = re.search(r"^version_info\s*=\s*\((\d+)\s*,\s*(\d+)", text, re.M)
    return (int(m.group(1)), int(m.group(2))) if m else None


_PROBE = (
    "import os, odoo.release as r; "
    "print(r.version_info[0], r.version_info[1]); "
    "print(os.path.dirname(os.path.dirname(os.path.abspath(r.__file__))))"
)


def _probe_import(env):
    res = run([PYTHON, "-c", _PROBE], env=env, timeout=120)
    if res.returncode:
        return None, tail(res.stdout, 3)
    lines = res.stdout.strip().splitlines()
    try:
        major, minor = (int(x) for x in lines[-2].split())
        return ((major, minor), Path(lines[-1])), None
    except (ValueError, IndexError):
        return None, res.stdout.strip()[-300:]


def find_odoo():
    """Returns (OdooInfo, None) or (None, reason)."""
    env = dict(os.environ)
    odoo_path = os.environ.get("ODOO_PATH")
    if odoo_path:
        root = Path(odoo_path).expanduser().resolve()
        if not (root / "odoo" / "release.py").is_file():
            return None, f"ODOO_PATH={odoo_path} has no odoo/release.py"
        if not (root / "addons").is_dir():
            return None, f"ODOO_PATH={odoo_path} has no addons/ directory"
        version = _release_version(root)
        if not version or version[0] != ODOO_MAJOR:
            return None, f"ODOO_PATH={odoo_path} is Odoo {version}, not {ODOO_MAJOR}"
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(root), os.environ.get("PYTHONPATH", "")) if p
        )
        found, err = _probe_import(env)
        if not found or found[1] != root:
            where = found[1] if found else err
            return None, f"ODOO_PATH={odoo_path}: `import odoo.release` gives {where}"
        return OdooInfo(
            root, f"{version[0]}.{version[1]}", "ODOO_PATH", env, root / "addons"
        ), None
    found, err = _probe_import(env)
    if not found:
        return None, (
            "ODOO_PATH is not set and `import odoo` fails"
            + (f" ({err.splitlines()[-1]})" if err else "")
        )
    (major, minor), root = found
    if major != ODOO_MAJOR:
        return (
            None,
            f"`import odoo` gives Odoo {major}.{minor} ({root}), not {ODOO_MAJOR}",
        )
    addons = root / "addons" if (root / "addons").is_dir() else None
    return OdooInfo(root, f"{major}.{minor}", "`import odoo`", env, addons), None


def odoo_ready(target):
    """Odoo 19 found and able to start, PostgreSQL answering: the OdooInfo.
    Else says why, as `make <target>: ...`, and exits 1."""

    def fail(msg):
        say(f"make {target}: {msg}")
        sys.exit(1)

    info, reason = find_odoo()
    if not info:
        fail(
            f"Odoo 19 not found ({reason}).\n"
            "  Point at an Odoo 19 source tree:  "
            f"ODOO_PATH=/path/to/odoo-19-source make {target}\n"
            "  or install Odoo 19 so that `python3 -c 'import odoo'` works."
        )
    say(f"Using {info.describe()}")
    ok, msg = ensure_odoo_python_deps(info)
    if not ok:
        fail(f"Odoo cannot start:\n{msg}")
    ok, msg = ensure_postgres()
    if not ok:
        fail(f"PostgreSQL: {msg}")
    say(f"PostgreSQL: {msg}")
    return info


def odoo_in_process():
    """For the benchmarks, which run Odoo in their own process: find Odoo 19 as
    find_odoo() does and make it importable here. Exits (status 2) with the
    reason when there is none."""
    info, reason = find_odoo()
    if not info:
        say(
            f"Odoo 19 not found: {reason}.\n"
            "  Set ODOO_PATH=/path/to/odoo-19-source, or install Odoo 19 so that "
            "`import odoo` works."
        )
        sys.exit(2)
    if info.source == "ODOO_PATH" and str(info.root) not in sys.path:
        sys.path.insert(0, str(info.root))
    return info


def odoo_runs(info):
    """Can `python3 -m odoo` start (all of Odoo's Python deps importable)?"""
    res = run([PYTHON, "-m", "odoo", "--version"], env=info.env, timeout=300)
    return res.returncode == 0, tail(res.stdout, 8)


def ensure_odoo_python_deps(info):
    """Install Odoo's own requirements.txt when `python3 -m odoo` can't start."""
    ok, out = odoo_runs(info)
    if ok:
        return True, out.strip().splitlines()[-1] if out.strip() else "ok"
    reqs = info.root / "requirements.txt"
    if not reqs.is_file():
        return False, f"`python3 -m odoo --version` fails and {reqs} is missing:\n{out}"
    if can_apt():
        # headers that Odoo's pinned sdists (psycopg2, python-ldap) build against
        apt_install(["build-essential", "libpq-dev", "libldap2-dev", "libsasl2-dev"])
    say(f"    installing Odoo's Python requirements from {reqs}")
    ok, out = pip_install(["-r", str(reqs)], env=info.env, timeout=3600)
    if not ok:
        return False, f"pip install -r {reqs} failed:\n{out}"
    ok, out2 = odoo_runs(info)
    return ok, out2 if ok else f"still failing after installing requirements:\n{out2}"


# -- PostgreSQL ----------------------------------------------------------------


def _pg_bin(name):
    if have(name):
        return shutil.which(name)
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(candidates[0]) if candidates else None


def pg_ready():
    isready = _pg_bin("pg_isready")
    if isready:
        return run([isready, "-q", "-t", "5"], timeout=30).returncode == 0
    psql = _pg_bin("psql")
    if psql:
        return (
            run([psql, "-d", "postgres", "-Atc", "select 1"], timeout=30).returncode
            == 0
        )
    return False


def _wait_pg(seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pg_ready():
            return True
        time.sleep(1)
    return False


def _clusters():
    """[(version, name, status)] from Debian's pg_lsclusters."""
    if not have("pg_lsclusters"):
        return []
    res = run(["pg_lsclusters", "--no-header"], timeout=30)
    out = []
    for line in res.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 4:
            out.append((parts[0], parts[1], parts[3]))
    return out


def _start_clusters():
    started = []
    for version, name, status in _clusters():
        if status != "online" and is_root():
            res = run(["pg_ctlcluster", version, name, "start"], timeout=120)
            result = "started" if not res.returncode else tail(res.stdout, 3)
            started.append(f"{version}/{name}: {result}")
    return started


def psql(sql, db="postgres", timeout=120):
    return run(
        [_pg_bin("psql") or "psql", "-X", "-q", "-d", db, "-Atc", sql], timeout=timeout
    )


_CAN_CREATE_DB = (
    "select rolsuper or rolcreatedb from pg_roles where rolname = current_user"
)


def ensure_postgres():
    """A PostgreSQL server answering, and a superuser role for this OS user.

    Returns (ok, message)."""
    notes = []
    user = getpass.getuser()
    if user == "postgres":
        return False, "Odoo refuses to connect as `postgres`; run as another user"
    remote = bool(os.environ.get("PGHOST")) and not os.environ["PGHOST"].startswith("/")
    if not pg_ready():
        if remote:
            return False, f"PostgreSQL at PGHOST={os.environ['PGHOST']} does not answer"
        notes += _start_clusters()
        if not _wait_pg(30 if notes else 1):
            if not _clusters():
                if not can_apt():
                    return False, (
                        "no PostgreSQL answers and none can be installed here "
                        "(needs root and apt-get); install and start PostgreSQL"
                    )
                say("    installing Debian's postgresql (apt-get) ...")
                ok, out = apt_install(["postgresql"])
                if not ok:
                    return False, f"apt-get install postgresql failed:\n{out}"
                notes.append("installed Debian postgresql")
                if not _clusters() and have("pg_createcluster"):
                    versions = sorted(
                        Path("/usr/lib/postgresql").glob("*/bin/postgres")
                    )
                    if versions:
                        ver = versions[-1].parent.parent.name
                        run(["pg_createcluster", ver, "main"], timeout=300)
                        notes.append(f"created cluster {ver}/main")
            notes += _start_clusters()
            if not _wait_pg(60):
                return (
                    False,
                    "PostgreSQL does not answer after starting it: " + "; ".join(notes),
                )
    # a role for this OS user, with the rights Odoo needs
    res = psql(_CAN_CREATE_DB)
    if res.returncode:
        if "does not exist" in res.stdout and is_root() and not remote:
            create = run(
                [
                    "runuser",
                    "-u",
                    "postgres",
                    "--",
                    _pg_bin("psql") or "psql",
                    "-X",
                    "-q",
                    "-d",
                    "postgres",
                    "-c",
                    f'CREATE ROLE "{user}" SUPERUSER LOGIN',
                ],
                timeout=60,
                cwd="/",
            )
            if create.returncode:
                return False, f"could not create role {user}:\n{tail(create.stdout, 5)}"
            notes.append(f"created superuser role {user}")
            res = psql(_CAN_CREATE_DB)
        if res.returncode:
            return False, (
                f"cannot connect as {user}: {tail(res.stdout, 3)}\n"
                f"  fix: sudo -u postgres createuser -s {user}"
            )
    if res.stdout.strip() != "t":
        return (
            False,
            f"role {user} may not create databases (needs SUPERUSER or CREATEDB)",
        )
    version = psql("show server_version").stdout.strip()
    return True, "; ".join([f"PostgreSQL {version} answers, role {user} ok", *notes])


def db_exists(name):
    res = psql(f"select 1 from pg_database where datname = '{name}'")
    return res.returncode == 0 and res.stdout.strip() == "1"


def drop_db(name, data_dir=None):
    res = psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', timeout=300)
    if data_dir:
        shutil.rmtree(Path(data_dir) / "filestore" / name, ignore_errors=True)
        shutil.rmtree(Path(data_dir) / "sessions" / name, ignore_errors=True)
    return res.returncode == 0, tail(res.stdout, 3)


def list_dbs(prefix):
    res = psql(f"select datname from pg_database where datname like '{prefix}%'")
    return res.stdout.split() if res.returncode == 0 else []


# -- Chromium ------------------------------------------------------------------


def find_chrome():
    for name in CHROME_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def ensure_chrome():
    """Returns (path or None, message)."""
    path = find_chrome()
    if path:
        return path, f"browser: {path}"
    if not can_apt():
        return None, "no Chrome/Chromium on PATH and cannot apt-get install chromium"
    say("    installing Debian's chromium (apt-get) ...")
    ok, out = apt_install(["chromium"])
    path = find_chrome()
    if path:
        return path, f"installed Debian chromium: {path}"
    return None, f"apt-get install chromium failed:\n{out}"


# -- Odoo config and logs --------------------------------------------------------


def write_odoo_config(path, info, **options):
    lines = ["[options]", f"addons_path = {info.addons_path()}"]
    for key, value in options.items():
        if value is not None:
            lines.append(f"{key} = {value}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def scan_log(path, levels=BAD_LEVELS, context=12):
    """Log entries at the given levels, each with its continuation lines."""
    entries, current = [], None
    with (
        contextlib.suppress(FileNotFoundError),
        open(path, encoding="utf-8", errors="replace") as fh,
    ):
        for line in fh:
            line = line.rstrip("\n")
            m = LOG_LINE_RE.match(line)
            if m:
                current = None
                if m.group("level") in levels:
                    current = [line]
                    entries.append(current)
            elif current is not None and len(current) <= context:
                current.append(line)
    return ["\n".join(e) for e in entries]
