"""The addons of the repository and their translation files."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LANG = "zh_CN"


def addons():
    """Every addon of the repository (a folder with a __manifest__.py)."""
    return sorted(p.parent for p in REPO.glob("*/__manifest__.py"))


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def pot_path(addon):
    return addon / "i18n" / f"{addon.name}.pot"


def po_path(addon, lang=LANG):
    return addon / "i18n" / f"{lang}.po"


def ids(addon_paths):
    return [addon.name for addon in addon_paths]
