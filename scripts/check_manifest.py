#!/usr/bin/env python3
"""The addon checks that no maintained tool makes (no Odoo needed).

`make lint` runs OCA's `oca-checks-odoo-module` (manifest syntax, data files
listed and present, XML syntax and duplicate ids, CSV syntax), `oca-checks-po`
(.po syntax, duplicates) and pylint-odoo (manifest version, license, author,
missing resources) first. What is left here, each one test in `make test`:

  assets-files    every file of this addon named in the manifest's `assets`
                  exists (pylint-odoo checks data/demo, not assets)
  xml-wellformed  every .xml file of the addon parses, static/ templates
                  included (OCA's checks read only the data/demo files)
  access-csv      security/ir.model.access.csv: header, columns, 0/1
                  permissions, models and groups that resolve, groups of this
                  addon loaded before the csv (OCA checks only ids and syntax)
  tests-imported  every tests/test_*.py is imported by tests/__init__.py
                  (Odoo's runner only sees imported ones; pytest-odoo collects
                  files by name, so both must agree)

Usage: check_manifest.py [--json FILE] [--repo DIR] [ADDON_DIR ...]
Standard library only.
"""

import argparse
import ast
import csv
import glob
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ACCESS_HEADER = [
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
]
ASSET_DIRECTIVES = {
    *("include", "remove", "after", "before", "replace", "prepend", "append")
}


class Results:
    def __init__(self):
        self.items = []

    def add(self, name, problems, note=""):
        self.items.append(
            {"name": name, "ok": not problems, "problems": list(problems), "note": note}
        )


def find_addons(repo):
    return sorted(p.parent for p in repo.glob("*/__manifest__.py"))


def load_manifest(addon):
    value = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    if not isinstance(value, dict):
        raise ValueError("the manifest is not a dict")
    return value


def _asset_paths(addon, assets):
    """(bundle, path, error) of the files of *this* addon named in `assets`."""
    for bundle, entries in (assets or {}).items():
        for entry in entries:
            if isinstance(entry, (list, tuple)):
                if not entry:
                    continue
                if entry[0] not in ASSET_DIRECTIVES:
                    yield bundle, None, f"unknown asset directive {entry!r}"
                    continue
                if entry[0] == "include":
                    continue  # a bundle name, not a path
                entry = entry[-1]  # the file being added/removed/replacing
            if not isinstance(entry, str):
                yield bundle, None, f"asset entry is not a string: {entry!r}"
            elif entry.split("/", 1)[0] == addon.name:
                yield bundle, entry, None  # not an URL nor another addon's file


def check_assets(addon, manifest):
    assets = manifest.get("assets", {})
    if not isinstance(assets, dict):
        return ["'assets' is not a dict"]
    problems = []
    for bundle, path, error in _asset_paths(addon, assets):
        if error:
            problems.append(f"assets[{bundle!r}]: {error}")
        elif not glob.glob(str(addon.parent / path), recursive=True):
            problems.append(f"assets[{bundle!r}] names {path}, which matches no file")
    return problems


def check_xml_wellformed(addon):
    problems = []
    for f in sorted(addon.rglob("*.xml")):
        if {"node_modules", ".git"}.intersection(f.parts):
            continue
        try:
            ET.parse(f)
        except ET.ParseError as exc:
            problems.append(f"{f.relative_to(addon)}: {exc}")
    return problems


def _group_definitions(addon, manifest):
    """{xmlid (short): index of the data file defining it} for res.groups."""
    groups = {}
    for index, rel in enumerate(manifest.get("data", []) or []):
        path = addon / rel
        if path.suffix != ".xml" or not path.is_file():
            continue
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue  # reported by xml-wellformed
        for el in root.iter("record"):
            xmlid = el.get("id") or ""
            if el.get("model") == "res.groups" and xmlid:
                groups.setdefault(xmlid.removeprefix(addon.name + "."), index)
    return groups


MODEL_NAME_RE = re.compile(
    r"""^\s*_(name|inherit)\s*=\s*(\[[^\]]*\]|"[^"]+"|'[^']+')""", re.M
)


def _addon_models(addon):
    models = set()
    for f in addon.rglob("*.py"):
        if "tests" in f.relative_to(addon).parts:
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        for _kind, value in MODEL_NAME_RE.findall(text):
            models.update(re.findall(r"""["']([\w.]+)["']""", value))
    return models


def _check_access_model(where, model, ctx):
    module, _, short = model.rpartition(".")
    if module and module not in ctx["depends"]:
        return [f"{where}: model {model} is from {module}, not a dependency"]
    if module and module != ctx["addon"].name:
        return []
    if not short.startswith("model_"):
        return [f"{where}: model_id {model} is not a model_<name> xmlid"]
    known = {m.replace(".", "_") for m in ctx["models"]}
    if ctx["models"] and short.removeprefix("model_") not in known:
        return [
            f"{where}: model_id {model}: no model of this addon has that _name or "
            "_inherit (looked in its Python files)"
        ]
    return []


def _check_access_group(where, group, ctx):
    module, _, short = group.rpartition(".")
    if module and module != ctx["addon"].name:
        if module not in ctx["depends"]:
            return [f"{where}: group {group} is from {module}, not in depends"]
        return []
    if short not in ctx["groups"]:
        return [
            f"{where}: group {group} is not defined (no res.groups record "
            "with that id in the manifest's data files)"
        ]
    csv_index, data = ctx["csv_index"], ctx["data"]
    if csv_index is not None and ctx["groups"][short] > csv_index:
        return [
            f"{where}: group {group} is defined in {data[ctx['groups'][short]]}, "
            f"loaded after {ctx['rel']}; move that file before the csv in 'data'"
        ]
    return []


def _check_access_row(where, row, ctx):
    if len(row) != len(ACCESS_HEADER):
        return [f"{where}: {len(row)} columns, expected {len(ACCESS_HEADER)}"]
    problems = []
    rid, _name, model, group = (c.strip() for c in row[:4])
    if not rid:
        problems.append(f"{where}: empty id")
    for col, value in zip(ACCESS_HEADER[4:], row[4:], strict=True):
        if value.strip() not in ("0", "1"):
            problems.append(f"{where}: {col} is {value!r}, expected 0 or 1")
    if not model:
        problems.append(f"{where}: empty model_id:id")
    else:
        problems += _check_access_model(where, model, ctx)
    if group:
        problems += _check_access_group(where, group, ctx)
    return problems


def check_access_csv(addon, manifest):
    rel = "security/ir.model.access.csv"
    path = addon / rel
    if not path.is_file():
        return [], "no security/ir.model.access.csv (nothing to check)"
    data = list(manifest.get("data", []) or [])
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [row for row in csv.reader(fh) if row and any(c.strip() for c in row)]
    if not rows:
        return [f"{rel} is empty"], ""
    header = [h.strip() for h in rows[0]]
    if header != ACCESS_HEADER:
        expected = ",".join(ACCESS_HEADER)
        return [f"{rel}: header is {','.join(header)}; expected {expected}"], ""
    ctx = {
        "addon": addon,
        "rel": rel,
        "data": data,
        "csv_index": data.index(rel) if rel in data else None,
        "depends": set(manifest.get("depends", []) or []) | {"base", addon.name},
        "groups": _group_definitions(addon, manifest),
        "models": _addon_models(addon),
    }
    problems = []
    for lineno, row in enumerate(rows[1:], start=2):
        problems += _check_access_row(f"{rel}:{lineno}", row, ctx)
    return problems, f"{len(rows) - 1} access rule(s)"


def check_tests_imported(addon):
    tests = addon / "tests"
    files = sorted(f.stem for f in tests.glob("test_*.py")) if tests.is_dir() else []
    if not files:
        return [], "no tests/test_*.py"
    init = tests / "__init__.py"
    if not init.is_file():
        return ["tests/__init__.py is missing"], ""
    imported = set()
    for node in ast.walk(ast.parse(init.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                imported.add(node.module.split(".")[0])
            else:
                imported.update(alias.name for alias in node.names)
    problems = [
        f"tests/{name}.py is not imported in tests/__init__.py"
        for name in files
        if name not in imported
    ]
    return problems, f"{len(files)} test module(s)"


def check_addon(addon, results):
    tag = addon.name
    try:
        manifest = load_manifest(addon)
    except (ValueError, SyntaxError) as exc:
        results.add(f"{tag}: manifest", [f"__manifest__.py: {exc}"])
        return
    results.add(f"{tag}: assets-files", check_assets(addon, manifest))
    results.add(f"{tag}: xml-wellformed", check_xml_wellformed(addon))
    problems, note = check_access_csv(addon, manifest)
    results.add(f"{tag}: access-csv", problems, note)
    problems, note = check_tests_imported(addon)
    results.add(f"{tag}: tests-imported", problems, note)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("addons", nargs="*", type=Path)
    parser.add_argument(
        "--repo", type=Path, default=Path(__file__).resolve().parent.parent
    )
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args(argv)
    addons = [a.resolve() for a in args.addons] or find_addons(args.repo.resolve())
    results = Results()
    if not addons:
        results.add("addons found", ["no */__manifest__.py in the repository"])
    for addon in addons:
        check_addon(addon, results)
    for item in results.items:
        note = f" ({item['note']})" if item["note"] and item["ok"] else ""
        print(f"  [{'PASS' if item['ok'] else 'FAIL'}] {item['name']}{note}")
        for problem in item["problems"][:50]:
            print(f"         - {problem}")
        if len(item["problems"]) > 50:
            print(f"         ... and {len(item['problems']) - 50} more")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results.items, indent=1), encoding="utf-8")
    return 0 if all(i["ok"] for i in results.items) else 1


if __name__ == "__main__":
    sys.exit(main())
