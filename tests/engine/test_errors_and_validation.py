import ast
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from engine import EPSILON, MESSAGES, EngineError, Problem, check_range

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


def test_problem_defaults():
    assert Problem("no_band") == ("no_band", (), ())


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


def _raised_codes():
    """{code: [where]} of every ``EngineError("code", ...)`` in engine/."""
    codes = {}
    for path in sorted(ENGINE_DIR.glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "EngineError"
            ):
                first = node.args[0] if node.args else None
                assert isinstance(first, ast.Constant), (
                    f"{path.name}:{node.lineno}: the code of an EngineError is a "
                    "literal, so that the models can translate it"
                )
                codes.setdefault(first.value, []).append(f"{path.name}:{node.lineno}")
    return codes


def test_every_code_raised_has_a_message_and_every_message_is_raised():
    raised = _raised_codes()
    assert {"range_inverted", "weights_total", "no_band"} <= set(raised)
    unknown = {code: where for code, where in raised.items() if code not in MESSAGES}
    assert not unknown, f"codes without a message in errors.MESSAGES: {unknown}"
    assert set(MESSAGES) <= set(raised), (
        f"messages of codes nothing raises: {sorted(set(MESSAGES) - set(raised))}"
    )


def test_every_code_has_a_translated_message_on_the_odoo_side():
    # The Odoo tier raises and converts each one (test_engine_errors.py); here,
    # without Odoo, the table of tools/engine_errors.py names every code.
    source = ENGINE_DIR.parent / "tools" / "engine_errors.py"
    tree = ast.parse(source.read_text())
    tables = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", None) == "TRANSLATED" for t in node.targets)
    ]
    assert len(tables) == 1 and isinstance(tables[0], ast.Dict)
    keys = {key.value for key in tables[0].keys}
    assert keys == set(MESSAGES)
