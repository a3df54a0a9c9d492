#!/usr/bin/env python3
"""Static checks of each addon's manifest and data files (no Odoo needed).

Every check below counts as one test in `make test`:

  manifest-syntax     __manifest__.py is a Python dict literal
  manifest-version    version is 19.0.x.y.z
  manifest-license    license is set and allowed (same list as .pylintrc)
  manifest-files      every data/demo/assets file listed in the manifest exists
  files-listed        every .xml/.csv under views/ security/ data/ demo/
                      report(s)/ wizard(s)/ is listed in data or demo
  xml-wellformed      every .xml file of the addon parses
  xml-ids-unique      no record id is defined twice in the data/demo files
  access-csv          security/ir.model.access.csv: header, columns, ids,
                      0/1 permissions, models and groups that resolve (groups
                      of this addon must be loaded before the csv)
  i18n-pot            i18n/<addon>.pot exists and parses
  i18n-zh_CN          i18n/zh_CN.po exists and parses
  tests-imported      every tests/test_*.py is imported by tests/__init__.py
                      (Odoo's runner only sees imported ones; pytest-odoo
                      collects files by name, so both must agree)

Usage: check_manifest.py [--json FILE] [--repo DIR] [ADDON_DIR ...]
Standard library only; uses polib when it is installed, else a small parser.
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

ODOO_SERIES = "19.0"
VERSION_RE = re.compile(r"^" + re.escape(ODOO_SERIES) + r"\.\d+\.\d+\.\d+$")
LICENSES = {
    "AGPL-3",
    "GPL-2",
    "GPL-2 or any later version",
    "GPL-3",
    "GPL-3 or any later version",
    "LGPL-3",
}
LISTED_DIRS = (
    "views",
    "security",
    "data",
    "demo",
    "report",
    "reports",
    "wizard",
    "wizards",
)
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
    "include",
    "remove",
    "after",
    "before",
    "replace",
    "prepend",
    "append",
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
    text = (addon / "__manifest__.py").read_text(encoding="utf-8")
    value = ast.literal_eval(text)
    if not isinstance(value, dict):
        raise ValueError("the manifest is not a dict")
    return value


def _asset_paths(addon, assets):
    """(bundle, path) pairs of the files of *this* addon named in `assets`."""
    for bundle, entries in (assets or {}).items():
        for entry in entries:
            if isinstance(entry, (list, tuple)):
                if not entry:
                    continue
                directive = entry[0]
                if directive not in ASSET_DIRECTIVES:
                    yield bundle, None, f"unknown asset directive {entry!r}"
                    continue
                if directive == "include":
                    continue  # a bundle name, not a path
                path = entry[-1]  # the file being added/removed/replacing
            else:
                path = entry
            if not isinstance(path, str):
                yield bundle, None, f"asset entry is not a string: {entry!r}"
                continue
            if path.startswith(("http://", "https://", "/")):
                continue
            if path.split("/", 1)[0] != addon.name:
                continue  # a file of another addon (e.g. 'web/static/...')
            yield bundle, path, None


def check_manifest_files(addon, manifest):
    problems = []
    for key in ("data", "demo"):
        entries = manifest.get(key, [])
        if not isinstance(entries, list):
            problems.append(f"'{key}' is not a list")
            continue
        seen = set()
        for rel in entries:
            if rel in seen:
                problems.append(f"'{key}' lists {rel} twice")
            seen.add(rel)
            if not (addon / rel).is_file():
                problems.append(f"'{key}' lists {rel}, which does not exist")
    assets = manifest.get("assets", {})
    if not isinstance(assets, dict):
        problems.append("'assets' is not a dict")
        assets = {}
    for bundle, path, error in _asset_paths(addon, assets):
        if error:
            problems.append(f"assets[{bundle!r}]: {error}")
            continue
        matches = glob.glob(str(addon.parent / path), recursive=True)
        if not matches:
            problems.append(f"assets[{bundle!r}] names {path}, which matches no file")
    return problems


def listable_files(addon):
    for d in LISTED_DIRS:
        base = addon / d
        if base.is_dir():
            for f in sorted(base.rglob("*")):
                if f.is_file() and f.suffix in (".xml", ".csv"):
                    yield f.relative_to(addon).as_posix()


def check_files_listed(addon, manifest):
    listed = set(manifest.get("data", []) or []) | set(manifest.get("demo", []) or [])
    return [
        f"{rel} is not listed in the manifest's data or demo"
        for rel in listable_files(addon)
        if rel not in listed
    ]


def xml_files(addon):
    skip = {"node_modules", ".git", "__pycache__"}
    for f in sorted(addon.rglob("*.xml")):
        if not skip.intersection(f.parts):
            yield f


def check_xml_wellformed(addon):
    problems = []
    for f in xml_files(addon):
        try:
            ET.parse(f)
        except ET.ParseError as exc:
            problems.append(f"{f.relative_to(addon)}: {exc}")
    return problems


RECORD_TAGS = {"record", "template", "menuitem", "act_window", "report", "asset"}


def _record_ids(root):
    for el in root.iter():
        if el.tag in RECORD_TAGS and el.get("id"):
            yield el.tag, el.get("id"), el.get("model")


def check_xml_ids_unique(addon, manifest):
    problems = []
    seen = {}
    for rel in list(manifest.get("data", []) or []) + list(
        manifest.get("demo", []) or []
    ):
        path = addon / rel
        if path.suffix != ".xml" or not path.is_file():
            continue
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue  # reported by xml-wellformed
        for _tag, xmlid, _model in _record_ids(root):
            full = xmlid if "." in xmlid else f"{addon.name}.{xmlid}"
            if full in seen and seen[full] != rel:
                problems.append(f"{full} defined in {seen[full]} and again in {rel}")
            elif full in seen:
                problems.append(f"{full} defined twice in {rel}")
            seen[full] = rel
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
            continue
        for tag, xmlid, model in _record_ids(root):
            if tag == "record" and model == "res.groups":
                short = (
                    xmlid.split(".", 1)[1]
                    if xmlid.startswith(addon.name + ".")
                    else xmlid
                )
                groups.setdefault(short, index)
    return groups


MODEL_NAME_RE = re.compile(
    r"""^\s*_(name|inherit)\s*=\s*(\[[^\]]*\]|"[^"]+"|'[^']+')""", re.M
)


def _addon_models(addon):
    models = set()
    for f in addon.rglob("*.py"):
        if "tests" in f.relative_to(addon).parts:
            continue
        for _kind, value in MODEL_NAME_RE.findall(
            f.read_text(encoding="utf-8", errors="replace")
        ):
            models.update(re.findall(r"""["']([\w.]+)["']""", value))
    return models


def _check_access_model(where, model, addon, depends, models):
    module, _, short = model.rpartition(".")
    if module and module not in depends:
        return [f"{where}: model {model} is from {module}, not a dependency"]
    if module and module != addon.name:
        return []
    if not short.startswith("model_"):
        return [f"{where}: model_id {model} is not a model_<name> xmlid"]
    if models and short.removeprefix("model_") not in {
        m.replace(".", "_") for m in models
    }:
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


def _check_access_row(where, row, ids, ctx):
    if len(row) != len(ACCESS_HEADER):
        return [f"{where}: {len(row)} columns, expected {len(ACCESS_HEADER)}"]
    problems = []
    rid, _name, model, group = (c.strip() for c in row[:4])
    if not rid:
        problems.append(f"{where}: empty id")
    elif rid in ids:
        problems.append(f"{where}: id {rid} used twice")
    ids.add(rid)
    for col, value in zip(ACCESS_HEADER[4:], row[4:], strict=True):
        if value.strip() not in ("0", "1"):
            problems.append(f"{where}: {col} is {value!r}, expected 0 or 1")
    if not model:
        problems.append(f"{where}: empty model_id:id")
    else:
        problems += _check_access_model(
            where, model, ctx["addon"], ctx["depends"], ctx["models"]
        )
    if group:
        problems += _check_access_group(where, group, ctx)
    return problems


def check_access_csv(addon, manifest):
    rel = "security/ir.model.access.csv"
    path = addon / rel
    if not path.is_file():
        return [], "no security/ir.model.access.csv (nothing to check)"
    problems = []
    data = list(manifest.get("data", []) or [])
    csv_index = data.index(rel) if rel in data else None
    if csv_index is None:
        problems.append(f"{rel} is not in the manifest's data")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        return [f"{rel} is empty"], ""
    header = [h.strip() for h in rows[0]]
    if header != ACCESS_HEADER:
        problems.append(
            f"{rel}: header is {','.join(header)}; expected {','.join(ACCESS_HEADER)}"
        )
        return problems, ""
    ctx = {
        "addon": addon,
        "rel": rel,
        "data": data,
        "csv_index": csv_index,
        "depends": set(manifest.get("depends", []) or []) | {"base", addon.name},
        "groups": _group_definitions(addon, manifest),
        "models": _addon_models(addon),
    }
    ids = set()
    for lineno, row in enumerate(rows[1:], start=2):
        if row and any(c.strip() for c in row):
            problems += _check_access_row(f"{rel}:{lineno}", row, ids, ctx)
    return problems, f"{len(ids)} access rule(s)"


# -- gettext -----------------------------------------------------------------


def _unquote(s):
    s = s.strip()
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise ValueError(f"not a quoted string: {s}")
    return ast.literal_eval(s)  # gettext escapes are a subset of Python's


def parse_po_simple(path):
    """Minimal .po parser: returns the list of (msgctxt, msgid) entries."""
    entries, current, key = [], {}, None
    text = path.read_text(encoding="utf-8")
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        try:
            if not line:
                if current:
                    entries.append(current)
                current, key = {}, None
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                if key is None:
                    raise ValueError("continuation line outside of an entry")
                current[key] += _unquote(line)
            else:
                m = re.match(
                    r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)$", line
                )
                if not m:
                    raise ValueError(f"unexpected line: {line[:60]}")
                key = m.group(1)
                if key in current:
                    raise ValueError(f"{key} twice in one entry")
                current[key] = _unquote(m.group(2))
        except (ValueError, SyntaxError) as exc:
            raise ValueError(f"line {lineno}: {exc}") from None
    if current:
        entries.append(current)
    for e in entries:
        if "msgid" not in e or not any(k.startswith("msgstr") for k in e):
            raise ValueError(f"entry without msgid/msgstr: {e}")
    keys = [(e.get("msgctxt"), e["msgid"]) for e in entries]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise ValueError(f"duplicate entries: {sorted(m for _c, m in dupes)[:5]}")
    return keys


def parse_po(path):
    try:
        import polib  # noqa: PLC0415
    except ImportError:
        entries = parse_po_simple(path)
        header = next((m for c, m in entries if m == ""), None)
        return (
            len([1 for _c, m in entries if m != ""]),
            header is not None,
            "simple parser",
        )
    po = polib.pofile(str(path), check_for_duplicates=True)
    return len(po), bool(po.metadata), "polib"


def check_po(path, expect_language=None):
    shown = Path(path.parent.parent.name, path.parent.name, path.name)
    if not path.is_file():
        return [f"{shown} does not exist"], ""
    try:
        count, has_header, how = parse_po(path)
    except Exception as exc:  # noqa: BLE001 - any parse error is the finding
        return [f"{shown}: does not parse: {exc}"], ""
    problems = []
    if not has_header:
        problems.append(f'{shown}: no header entry (msgid "")')
    if expect_language:
        text = path.read_text(encoding="utf-8")
        m = re.search(r'"Language: *([^\\"]*)', text)
        if m and m.group(1).strip() and m.group(1).strip() != expect_language:
            found = m.group(1).strip()
            problems.append(f"{shown}: Language is {found!r}, not {expect_language}")
    return problems, f"{count} message(s), parsed with {how}"


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
        results.add(f"{tag}: manifest-syntax", [f"__manifest__.py: {exc}"])
        return
    results.add(f"{tag}: manifest-syntax", [])

    version = manifest.get("version", "")
    results.add(
        f"{tag}: manifest-version",
        []
        if VERSION_RE.match(str(version))
        else [f"version {version!r} is not {ODOO_SERIES}.x.y.z"],
        str(version),
    )
    lic = manifest.get("license")
    results.add(
        f"{tag}: manifest-license",
        []
        if lic in LICENSES
        else [f"license {lic!r} is missing or not one of {sorted(LICENSES)}"],
        str(lic),
    )
    results.add(f"{tag}: manifest-files", check_manifest_files(addon, manifest))
    results.add(f"{tag}: files-listed", check_files_listed(addon, manifest))
    results.add(f"{tag}: xml-wellformed", check_xml_wellformed(addon))
    results.add(f"{tag}: xml-ids-unique", check_xml_ids_unique(addon, manifest))
    problems, note = check_access_csv(addon, manifest)
    results.add(f"{tag}: access-csv", problems, note)
    problems, note = check_po(addon / "i18n" / f"{addon.name}.pot")
    results.add(f"{tag}: i18n-pot", problems, note)
    problems, note = check_po(addon / "i18n" / "zh_CN.po", expect_language="zh_CN")
    results.add(f"{tag}: i18n-zh_CN", problems, note)
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
        status = "PASS" if item["ok"] else "FAIL"
        note = f" ({item['note']})" if item["note"] and item["ok"] else ""
        print(f"  [{status}] {item['name']}{note}")
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
