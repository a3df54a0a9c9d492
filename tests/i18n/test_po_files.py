"""Each addon's .pot exists, its zh_CN.po follows it and translates all of it.

`make pot` regenerates the .pot files from Odoo's own extractor (the Odoo-tier
test odoo_perf_review/tests/test_i18n.py fails when the code holds a term the
.pot lacks); these checks then say what zh_CN.po still misses."""

import re

import polib
import pytest

from .common import LANG, addons, ids, manifest, po_path, pot_path

ADDONS = addons()
# Python/JS placeholders a translation must keep: %(name)s, %s, %d ...
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[sdifr]")
# ir.module.module field of each manifest key (Odoo: get_values_from_terp).
MODULE_FIELDS = (("name", "shortdesc"), ("summary", "summary"))


def _load(path):
    assert path.is_file(), f"{path} is missing: run `make pot`"
    return polib.pofile(str(path))


def _placeholders(text):
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def _is_code(entry):
    return "python-format" in entry.flags or any(
        where.startswith("code:") for where, _line in entry.occurrences
    )


def _listing(entries, limit=60):
    lines = [f"  {entry.msgid!r}" for entry in entries[:limit]]
    if len(entries) > limit:
        lines.append(f"  ... and {len(entries) - limit} more")
    return "\n".join(lines)


def test_every_addon_is_covered():
    names = ids(ADDONS)
    assert "odoo_perf_review" in names
    assert len(names) >= 3, names


@pytest.mark.parametrize("addon", ADDONS, ids=ids(ADDONS))
def test_po_follows_the_pot(addon):
    pot = _load(pot_path(addon))
    po = _load(po_path(addon))
    assert po.metadata.get("Language") == LANG
    in_po = {entry.msgid for entry in po if not entry.obsolete}
    missing = [entry for entry in pot if entry.msgid not in in_po]
    assert not missing, (
        f"{len(missing)} entries of {pot_path(addon).name} are not in "
        f"{addon.name}/i18n/{LANG}.po: run `make pot` (it merges the .pot into "
        f"the .po), then translate them:\n{_listing(missing)}"
    )


@pytest.mark.parametrize("addon", ADDONS, ids=ids(ADDONS))
def test_zh_cn_translates_everything(addon):
    po = _load(po_path(addon))
    untranslated = [e for e in po if not e.obsolete and not e.msgstr.strip()]
    fuzzy = [e for e in po if not e.obsolete and "fuzzy" in e.flags]
    assert not untranslated and not fuzzy, (
        f"{addon.name}/i18n/{LANG}.po: {len(untranslated)} untranslated and "
        f"{len(fuzzy)} fuzzy entries (Odoo ignores both, so users read English)."
        + (f"\nUntranslated:\n{_listing(untranslated)}" if untranslated else "")
        + (f"\nFuzzy (check, remove the flag):\n{_listing(fuzzy)}" if fuzzy else "")
    )


@pytest.mark.parametrize("addon", ADDONS, ids=ids(ADDONS))
def test_translations_keep_the_placeholders(addon):
    """A translation that drops or renames %(name)s breaks the message (Odoo
    then falls back to English, or the formatting raises)."""
    po = _load(po_path(addon))
    wrong = [
        f"  {e.msgid!r}: {_placeholders(e.msgid)} -> {_placeholders(e.msgstr)}"
        for e in po
        if e.msgstr
        and _is_code(e)
        and _placeholders(e.msgid) != _placeholders(e.msgstr)
    ]
    assert not wrong, f"{addon.name}/i18n/{LANG}.po:\n" + "\n".join(wrong)


@pytest.mark.parametrize("addon", ADDONS, ids=ids(ADDONS))
def test_module_name_and_summary_are_translatable(addon):
    """The Apps menu shows and searches ir.module.module's shortdesc and
    summary; Odoo loads their translations from the addon's .po entries
    `model:ir.module.module,<field>:base.module_<addon>`, which Odoo's export
    leaves out and scripts/pot.py adds."""
    pot = _load(pot_path(addon))
    po = _load(po_path(addon))
    values = manifest(addon)
    for key, field in MODULE_FIELDS:
        text = (values.get(key) or "").strip()
        if not text:
            continue
        where = f"model:ir.module.module,{field}:base.module_{addon.name}"
        for path, catalog in ((pot_path(addon), pot), (po_path(addon), po)):
            entry = catalog.find(text)
            assert entry is not None, f"{path.name} lacks {text!r}: run `make pot`"
            assert where in [w for w, _line in entry.occurrences], (
                f"{path.name}: {text!r} is not marked {where}: run `make pot`"
            )
            assert f"module: {addon.name}" in entry.comment
