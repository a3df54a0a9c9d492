#!/usr/bin/env python3
"""`make wheel`: build the addon wheel(s) into dist/ with the whool backend.

Each addon needs an <addon>/pyproject.toml naming whool as build backend
(`whool init` writes it). whool is installed when missing; the build then runs
without build isolation (no index access needed). whool derives the wheel
version from the manifest and the git history, so run it in a git checkout.
"""

import shutil
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_env as oe  # noqa: E402

DIST = oe.REPO / "dist"


def main():
    addons = sorted(p.parent for p in oe.REPO.glob("*/__manifest__.py"))
    missing = [a.name for a in addons if not (a / "pyproject.toml").is_file()]
    if missing:
        oe.say(
            f"make wheel: no pyproject.toml in {', '.join(missing)}; create it with "
            '`python3 -m whool init` (or write [build-system] requires = ["whool"], '
            'build-backend = "whool.buildapi")'
        )
        return 1
    req = oe.CACHE / "requirements-wheel.txt"
    req.parent.mkdir(parents=True, exist_ok=True)
    req.write_text("whool\nwheel\n", encoding="utf-8")
    ok, msg = oe.ensure_requirements(req)
    if not ok:
        oe.say(f"make wheel: {msg}")
        return 1
    DIST.mkdir(exist_ok=True)
    status = 0
    for addon in addons:
        build = oe.CACHE / "wheel-build" / addon.name
        shutil.rmtree(build, ignore_errors=True)
        cmd = [
            oe.PYTHON,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-w",
            str(build),
            f"./{addon.name}",
        ]
        oe.say("$ " + " ".join(cmd))
        res = oe.run(cmd, timeout=900)
        wheels = sorted(build.glob("*.whl"))
        if res.returncode or not wheels:
            oe.say(res.stdout)
            oe.say(f"make wheel: building {addon.name} failed")
            status = 1
            continue
        for wheel in wheels:
            target = DIST / wheel.name
            shutil.move(str(wheel), target)
            oe.say(f"built {target.relative_to(oe.REPO)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
