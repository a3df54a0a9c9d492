import ast
import math
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from engine import (
    EPSILON,
    ERROR_CODES,
    EngineError,
    Problem,
    check_range,
    check_score,
)
from engine.errors import MESSAGES
from hypothesis import given
from hypothesis import strategies as st

ENGINE_DIR = Path(__file__).resolve().parents[2] / "odoo_perf_review" / "engine"


def test_engine_error_carries_code_params_and_message():
    error = EngineError("score_out_of_range", score=120, lower=0, upper=100)
    assert isinstance(error, ValueError)
    assert error.code == "score_out_of_range"
    assert error.params == {"score": 120, "lower": 0, "upper": 100}
    assert str(error) == "Score 120 is outside the range [0, 100]."


def test_engine_error_survives_pickling_and_odd_params():
    error = pickle.loads(pickle.dumps(EngineError("weights_total", total=90.0)))
    assert (error.code, error.params) == ("weights_total", {"total": 90.0})
    # A missing param must not break rendering.
    assert "{expected}" in str(error)
    assert str(EngineError("made_up", x=1)) == "made_up(x=1)"


def test_every_code_has_a_message():
    assert set(MESSAGES) == ERROR_CODES
    assert {"score_out_of_range", "score_missing", "weights_total"} <= ERROR_CODES


def test_problem_defaults():
    assert Problem("no_band") == ("no_band", (), ())


def test_check_score_accepts_bounds_and_tolerance():
    assert check_score(0, 0, 100) == 0
    assert check_score(100, 0, 100) == 100
    assert check_score(100 + EPSILON / 2, 0, 100) == 100 + EPSILON / 2
    assert check_score(-EPSILON / 2, 0, 100) == -EPSILON / 2


@pytest.mark.parametrize("value", [-0.01, 100.01, math.nan, math.inf, -math.inf])
def test_check_score_rejects_out_of_range_and_nan(value):
    with pytest.raises(EngineError) as caught:
        check_score(value, 0, 100)
    assert caught.value.code == "score_out_of_range"
    assert caught.value.params["lower"] == 0
    assert caught.value.params["upper"] == 100


def test_check_score_missing():
    with pytest.raises(EngineError) as caught:
        check_score(None, 0, 100)
    assert caught.value.code == "score_missing"


@given(st.floats(allow_nan=False), st.floats(-1e6, 1e6), st.floats(0, 1e6))
def test_check_score_accepts_exactly_the_interval(value, lower, width):
    upper = lower + width
    inside = lower - EPSILON <= value <= upper + EPSILON
    if inside:
        assert check_score(value, lower, upper) == value
    else:
        with pytest.raises(EngineError):
            check_score(value, lower, upper)


def test_check_range():
    check_range(1, 1, name="x")
    check_range(None, 5, name="x")
    with pytest.raises(EngineError) as caught:
        check_range(5, 1, name="target")
    assert caught.value.code == "range_inverted"
    assert caught.value.params == {"name": "target", "low": 5, "high": 1}


def test_engine_uses_only_relative_and_stdlib_imports():
    for path in ENGINE_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top == "__future__", (
                    f"{path.name} imports {name}"
                )


def test_engine_imports_without_odoo():
    code = (
        "import sys; sys.modules['odoo'] = None; import engine; print(engine.EPSILON)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ENGINE_DIR.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(EPSILON)
