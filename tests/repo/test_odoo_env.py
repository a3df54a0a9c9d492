"""scripts/odoo_env.py is the one copy of the helpers the scripts and the
benchmarks share: finding Odoo 19 and saying clearly when it is missing."""

import os
import subprocess
import sys

import pytest

from .common import REPO, script

oe = script("odoo_env")
BENCHES = ["kpi_refresh.py", "scale.py", "generate.py", "load.py"]


def test_find_odoo_names_what_is_wrong_with_odoo_path(tmp_path, monkeypatch):
    monkeypatch.setenv("ODOO_PATH", str(tmp_path))
    info, reason = oe.find_odoo()
    assert info is None
    assert reason == f"ODOO_PATH={tmp_path} has no odoo/release.py"


@pytest.mark.parametrize("bench", BENCHES)
def test_a_benchmark_without_odoo_says_so_and_exits_2(bench, tmp_path):
    env = dict(os.environ, ODOO_PATH=str(tmp_path))
    res = subprocess.run(
        [sys.executable, str(REPO / "bench" / bench), "--db", "opr_never_created"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 2, res.stdout + res.stderr
    expected = f"Odoo 19 not found: ODOO_PATH={tmp_path} has no odoo/release.py."
    assert expected in res.stdout.splitlines(), res.stdout + res.stderr
