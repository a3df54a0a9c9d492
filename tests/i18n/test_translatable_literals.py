"""Strings marked for translation are literals, so the extractor finds them.

`_(f"...")`, `_("..." % x)`, `_("...".format(x))` or `_(variable)` put in the
.pot either nothing or a text that is never looked up at run time: the user
reads English. Use named placeholders: `self.env._("... %(x)s", x=...)`.
Same for `_t(...)` in JavaScript."""

import ast
import re

import pytest

from .common import REPO, addons, ids

ADDONS = addons()
PY_MARKERS = {"_", "_lt"}
JS_CALL = re.compile(r"(?<![\w.$])_t\(")
JS_LITERAL = re.compile(r"""\s*(["'])(?:\\.|(?!\1).)*\1\s*[,)]""", re.S)


def _marker(call):
    """The translation function a call uses, or None: _, _lt, <x>.env._."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in PY_MARKERS:
        return func.id
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "_"
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "env"
    ):
        return "env._"
    return None


def _why_not_literal(arg):
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return None
    if isinstance(arg, ast.JoinedStr):
        return "an f-string"
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod):
        return "a string formatted with % before translation"
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add):
        return "a concatenation"
    if (
        isinstance(arg, ast.Call)
        and isinstance(arg.func, ast.Attribute)
        and arg.func.attr == "format"
    ):
        return "a string formatted with .format() before translation"
    return f"not a string literal ({type(arg).__name__})"


def python_problems(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not (marker := _marker(node)):
            continue
        why = _why_not_literal(node.args[0]) if node.args else "no argument"
        if why:
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            problems.append(f"{where}: {marker}() of {why}")
    return problems


def js_problems(path):
    text = path.read_text(encoding="utf-8")
    problems = []
    for match in JS_CALL.finditer(text):
        if not JS_LITERAL.match(text, match.end()):
            line = text.count("\n", 0, match.start()) + 1
            snippet = text[match.start() : match.start() + 50].split("\n")[0]
            problems.append(
                f"{path.relative_to(REPO)}:{line}: _t() of a non-literal: {snippet}"
            )
    return problems


def _sources(addon, pattern):
    return sorted(
        path
        for path in addon.rglob(pattern)
        if "tests" not in path.relative_to(addon).parts[:1]
    )


@pytest.mark.parametrize("addon", ADDONS, ids=ids(ADDONS))
def test_python_translations_are_literals(addon):
    problems = [p for path in _sources(addon, "*.py") for p in python_problems(path)]
    assert not problems, (
        "Translate a literal with named placeholders, e.g. "
        'self.env._("Goal “%(goal)s” is late", goal=goal.name):\n' + "\n".join(problems)
    )


@pytest.mark.parametrize("addon", ADDONS, ids=ids(ADDONS))
def test_javascript_translations_are_literals(addon):
    static = addon / "static" / "src"
    paths = sorted(static.rglob("*.js")) if static.is_dir() else []
    problems = [p for path in paths for p in js_problems(path)]
    assert not problems, (
        'Translate a literal with placeholders: _t("%(days)s days left", {days}):\n'
        + "\n".join(problems)
    )


# The checker itself: it must catch each bad form and accept the good ones.
BAD_PY = {
    '_(f"Hello {name}")': "f-string",
    'self.env._("Hello %s" % name)': "formatted with %",
    'self.env._("Hello {}".format(name))': ".format()",
    "_(message)": "not a string literal",
    '_lt("a" + b)': "concatenation",
}
GOOD_PY = (
    'self.env._("Hello %(name)s", name=name)',
    '_("Hello " "world")',
    '_lt("Hello")',
    'record.env._("Hello")',
)


@pytest.mark.parametrize("source", list(BAD_PY))
def test_checker_catches_non_literals(tmp_path, source):
    path = REPO / ".cache" / "i18n_probe.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(source + "\n", encoding="utf-8")
    try:
        problems = python_problems(path)
    finally:
        path.unlink()
    assert len(problems) == 1 and BAD_PY[source] in problems[0], problems


@pytest.mark.parametrize("source", GOOD_PY)
def test_checker_accepts_literals(source):
    path = REPO / ".cache" / "i18n_probe_ok.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(source + "\n", encoding="utf-8")
    try:
        assert python_problems(path) == []
    finally:
        path.unlink()


def test_js_checker():
    path = REPO / ".cache" / "i18n_probe.js"
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        "_t(\"ok %(a)s\", {a});\n_t('ok');\n_t(`bad ${x}`);\n_t(label);\n"
        '_t("a" + b);\nfoo_t(x);\n',
        encoding="utf-8",
    )
    try:
        problems = js_problems(path)
    finally:
        path.unlink()
    assert [p.split(":")[1] for p in problems] == ["3", "4", "5"], problems
