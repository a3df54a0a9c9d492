"""scripts/check_manifest.py: the checks no maintained tool makes find what
they are meant to find (on a copy of the recognition addon, spoiled)."""

import shutil

import pytest

from .common import REPO, script

check_manifest = script("check_manifest")
SOURCE = REPO / "odoo_perf_review"


@pytest.fixture
def addon(tmp_path):
    target = tmp_path / SOURCE.name
    shutil.copytree(
        SOURCE, target, ignore=shutil.ignore_patterns("i18n", "__pycache__")
    )
    return target


def results(addon):
    found = check_manifest.Results()
    check_manifest.check_addon(addon, found)
    return {item["name"].split(": ", 1)[1]: item for item in found.items}


def test_the_addon_passes(addon):
    assert all(item["ok"] for item in results(addon).values())


def test_access_csv_permission_group_and_model(addon):
    path = addon / "security" / "ir.model.access.csv"
    rows = path.read_text("utf-8").splitlines()
    rows[1] = rows[1].rsplit(",", 1)[0] + ",yes"
    rows[2] = ",".join(
        rows[2].split(",")[:3] + ["group_nobody"] + rows[2].split(",")[4:]
    )
    rows[3] = ",".join(
        rows[3].split(",")[:2] + ["model_perf_nothing"] + rows[3].split(",")[3:]
    )
    path.write_text("\n".join(rows) + "\n", "utf-8")
    problems = "\n".join(results(addon)["access-csv"]["problems"])
    assert "perm_unlink is 'yes', expected 0 or 1" in problems
    assert "group group_nobody is not defined" in problems
    assert "model_id model_perf_nothing: no model of this addon" in problems


def test_a_test_module_not_imported(addon):
    (addon / "tests" / "test_forgotten.py").write_text("", "utf-8")
    item = results(addon)["tests-imported"]
    assert item["problems"] == [
        "tests/test_forgotten.py is not imported in tests/__init__.py"
    ]


def test_malformed_xml_outside_the_manifest(addon):
    (addon / "static" / "src").mkdir(parents=True, exist_ok=True)
    (addon / "static" / "src" / "broken.xml").write_text("<templates><t>", "utf-8")
    problems = results(addon)["xml-wellformed"]["problems"]
    assert len(problems) == 1 and problems[0].startswith("static/src/broken.xml:")


def test_an_asset_that_matches_no_file(addon):
    manifest = addon / "__manifest__.py"
    text = manifest.read_text("utf-8")
    assert '"assets"' in text
    text = text.replace(
        '"assets": {',
        '"assets": {"web.assets_backend_x": ["odoo_perf_review/nope.js"],',
        1,
    )
    manifest.write_text(text, "utf-8")
    problems = results(addon)["assets-files"]["problems"]
    assert problems == [
        "assets['web.assets_backend_x'] names odoo_perf_review/nope.js, "
        "which matches no file"
    ]
