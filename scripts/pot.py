#!/usr/bin/env python3
"""`make pot`: regenerate i18n/<addon>.pot of every addon of the repository
(odoo_perf_review, odoo_perf_review_recognition, odoo_perf_review_payroll) and
merge each into that addon's i18n/zh_CN.po (existing translations are kept).

Installs the addons (without demo data) in a throwaway database opr_pot_<...>,
runs `python3 -m odoo i18n export` (the Odoo 19 CLI) once per addon, drops the
database, then:
  - adds to each .pot the addon's name, summary and description as Odoo keeps
    them on its `ir.module.module` record (`model:ir.module.module,shortdesc:
    base.module_<addon>` ...). Odoo's export leaves them out (that record's
    XML id belongs to `base`), but its loader applies them from the addon's
    .po when the addon is installed or a language is added, which is what
    makes the Apps menu find the addon by its translated name;
  - updates each <lang>.po with `msgmerge --no-fuzzy-matching` (or polib when
    gettext is not installed), creating i18n/zh_CN.po when it is missing.

The payroll bridge needs OCA `payroll`; when it cannot be had its files are
left as they are (and the run says so).
"""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_env as oe  # noqa: E402

OUT = oe.CACHE / "pot"
DATA_DIR = oe.CACHE / "odoo-data"
PLURAL_FORMS = {"zh_CN": "nplurals=1; plural=0;"}
PAYROLL_BRIDGE = "odoo_perf_review_payroll"
# Manifest key -> ir.module.module field, as ir.module.module.get_values_from_terp.
MODULE_FIELDS = (("name", "shortdesc"), ("summary", "summary"))


def fail(msg):
    oe.say(f"make pot: {msg}")
    sys.exit(1)


def repo_addons():
    """The addons of the repository, the main one first."""
    names = sorted(p.parent.name for p in oe.REPO.glob("*/__manifest__.py"))
    return sorted(names, key=lambda name: name != oe.ADDON)


def i18n_dir(addon):
    return oe.REPO / addon / "i18n"


def pot_path(addon):
    return i18n_dir(addon) / f"{addon}.pot"


def read_manifest(addon):
    text = (oe.REPO / addon / "__manifest__.py").read_text(encoding="utf-8")
    return ast.literal_eval(text)


def module_terms(addon):
    """[(ir.module.module field, English text)] of the addon's manifest."""
    manifest = read_manifest(addon)
    terms = [
        (field, manifest[key].strip())
        for key, field in MODULE_FIELDS
        if (manifest.get(key) or "").strip()
    ]
    return terms


def add_module_terms(pot, addon):
    """Add the addon's ir.module.module terms to the .pot at ``pot``."""
    import polib  # noqa: PLC0415

    po = polib.pofile(str(pot))
    for field, text in module_terms(addon):
        where = (f"model:ir.module.module,{field}:base.module_{addon}", "")
        entry = po.find(text)
        if entry is None:
            po.append(
                polib.POEntry(
                    msgid=text,
                    msgstr="",
                    occurrences=[where],
                    comment=f"module: {addon}",
                )
            )
        elif where not in entry.occurrences:
            entry.occurrences.insert(0, where)
    # Odoo's writer sorts the entries by source text: keep that order.
    po[:] = sorted(po, key=lambda entry: entry.msgid)
    po.save(str(pot))


def bridge_available(info):
    """(available, message) for the payroll bridge's OCA dependency."""
    import run_tests  # noqa: PLC0415

    return run_tests.ensure_payroll(info)


def export_pots(info, addons):
    OUT.mkdir(parents=True, exist_ok=True)
    cfg = oe.write_odoo_config(
        OUT / "odoo.cfg", info, data_dir=DATA_DIR, http_interface="127.0.0.1"
    )
    db = f"opr_pot_{oe.timestamp()}_{os.getpid()}"
    try:
        oe.say(f"installing {', '.join(addons)} in {db} ...")
        rc = run_logged(
            info.cmd(
                "-c",
                str(cfg),
                "-d",
                db,
                "-i",
                ",".join(addons),
                "--stop-after-init",
                "--log-level=warn",
                f"--http-port={oe.free_port()}",
            ),
            info.env,
            OUT / "install.log",
        )
        if rc:
            fail(f"install failed (exit {rc}); see {OUT / 'install.log'}")
        exported = {}
        for addon in addons:
            oe.say(f"exporting the template of {addon} ...")
            tmp_pot = OUT / f"{addon}.pot"
            tmp_pot.unlink(missing_ok=True)
            log = OUT / f"export-{addon}.log"
            rc = run_logged(
                info.cmd(
                    "i18n",
                    "export",
                    "-c",
                    str(cfg),
                    "-d",
                    db,
                    "-o",
                    str(tmp_pot),
                    addon,
                ),
                info.env,
                log,
            )
            if rc or not tmp_pot.is_file():
                fail(f"export of {addon} failed (exit {rc}); see {log}")
            add_module_terms(tmp_pot, addon)
            exported[addon] = tmp_pot
    finally:
        oe.drop_db(db, DATA_DIR)
    for addon, tmp_pot in exported.items():
        i18n_dir(addon).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tmp_pot, pot_path(addon))
        oe.say(f"wrote {pot_path(addon).relative_to(oe.REPO)}")


def run_logged(cmd, env, log):
    with open(log, "w", encoding="utf-8") as fh:
        return subprocess.run(
            cmd,
            env=env,
            cwd=oe.REPO,
            stdin=subprocess.DEVNULL,
            stdout=fh,
            stderr=subprocess.STDOUT,
            check=False,
        ).returncode


def merge_msgmerge(po, pot):
    cmd = ["msgmerge", "--quiet", "--update", "--backup=none", "--no-fuzzy-matching"]
    res = oe.run([*cmd, str(po), str(pot)])
    if res.returncode:
        fail(f"msgmerge failed for {po.relative_to(oe.REPO)}:\n{res.stdout}")


def merge_polib(po_path, pot):
    import polib  # noqa: PLC0415

    po = polib.pofile(str(po_path))
    po.merge(polib.pofile(str(pot)))
    po.save(str(po_path))


def create_po(addon, lang):
    import polib  # noqa: PLC0415

    po = polib.pofile(str(pot_path(addon)))
    po.metadata.update(
        {
            "Language": lang,
            "Language-Team": "",
            "Last-Translator": "",
            "Plural-Forms": PLURAL_FORMS.get(lang, "nplurals=2; plural=(n != 1);"),
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "",
        }
    )
    path = i18n_dir(addon) / f"{lang}.po"
    po.save(str(path))
    return path


def merge_pos(addon):
    pot = pot_path(addon)
    pos = sorted(i18n_dir(addon).glob("*.po"))
    if not (i18n_dir(addon) / "zh_CN.po").exists():
        oe.say(f"creating {addon}/i18n/zh_CN.po from the template")
        create_po(addon, "zh_CN")
    use_msgmerge = oe.have("msgmerge")
    for po in pos:
        if use_msgmerge:
            merge_msgmerge(po, pot)
        else:
            merge_polib(po, pot)
        how = "msgmerge" if use_msgmerge else "polib"
        oe.say(f"merged {po.relative_to(oe.REPO)} ({how})")


def main():
    info = oe.odoo_ready("pot")
    addons = repo_addons()
    if PAYROLL_BRIDGE in addons:
        ok, msg = bridge_available(info)
        if not ok:
            oe.say(f"make pot: {PAYROLL_BRIDGE} left as it is: {msg}")
            addons.remove(PAYROLL_BRIDGE)
    export_pots(info, addons)
    for addon in addons:
        merge_pos(addon)


if __name__ == "__main__":
    main()
