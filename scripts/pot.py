#!/usr/bin/env python3
"""`make pot`: regenerate odoo_perf_review/i18n/odoo_perf_review.pot and merge it
into odoo_perf_review/i18n/zh_CN.po (existing translations are kept).

Installs the addon (without demo data) in a throwaway database opr_pot_<...>,
runs `python3 -m odoo i18n export` (the Odoo 19 CLI), drops the database, then
updates zh_CN.po with `msgmerge --no-fuzzy-matching` (or polib when gettext is
not installed). Other <lang>.po files present in i18n/ are merged the same way.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_env as oe  # noqa: E402

I18N = oe.REPO / oe.ADDON / "i18n"
POT = I18N / f"{oe.ADDON}.pot"
OUT = oe.CACHE / "pot"
DATA_DIR = oe.CACHE / "odoo-data"
PLURAL_FORMS = {"zh_CN": "nplurals=1; plural=0;"}


def fail(msg):
    oe.say(f"make pot: {msg}")
    sys.exit(1)


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


def export_pot(info):
    OUT.mkdir(parents=True, exist_ok=True)
    cfg = oe.write_odoo_config(
        OUT / "odoo.cfg", info, data_dir=DATA_DIR, http_interface="127.0.0.1"
    )
    db = f"opr_pot_{oe.timestamp()}_{os.getpid()}"
    tmp_pot = OUT / f"{oe.ADDON}.pot"
    tmp_pot.unlink(missing_ok=True)
    try:
        oe.say(f"installing {oe.ADDON} in {db} ...")
        rc = run_logged(
            info.cmd(
                "-c",
                str(cfg),
                "-d",
                db,
                "-i",
                oe.ADDON,
                "--stop-after-init",
                "--log-level=warn",
                f"--http-port={oe.free_port()}",
            ),
            info.env,
            OUT / "install.log",
        )
        if rc:
            fail(f"install failed (exit {rc}); see {OUT / 'install.log'}")
        oe.say("exporting the template ...")
        rc = run_logged(
            info.cmd(
                "i18n", "export", "-c", str(cfg), "-d", db, "-o", str(tmp_pot), oe.ADDON
            ),
            info.env,
            OUT / "export.log",
        )
        if rc or not tmp_pot.is_file():
            fail(f"export failed (exit {rc}); see {OUT / 'export.log'}")
    finally:
        oe.drop_db(db, DATA_DIR)
    I18N.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tmp_pot, POT)
    oe.say(f"wrote {POT.relative_to(oe.REPO)}")


def merge_msgmerge(po):
    cmd = ["msgmerge", "--quiet", "--update", "--backup=none", "--no-fuzzy-matching"]
    res = oe.run([*cmd, str(po), str(POT)])
    if res.returncode:
        fail(f"msgmerge failed for {po.name}:\n{res.stdout}")


def merge_polib(po_path):
    import polib  # noqa: PLC0415

    po = polib.pofile(str(po_path))
    po.merge(polib.pofile(str(POT)))
    po.save(str(po_path))


def create_po(lang):
    import polib  # noqa: PLC0415

    po = polib.pofile(str(POT))
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
    path = I18N / f"{lang}.po"
    po.save(str(path))
    return path


def main():
    info, reason = oe.find_odoo()
    if not info:
        fail(
            f"Odoo 19 not found ({reason}); set ODOO_PATH=/path/to/odoo-19-source "
            "or install Odoo 19 so `import odoo` works"
        )
    ok, msg = oe.ensure_odoo_python_deps(info)
    if not ok:
        fail(f"Odoo cannot start:\n{msg}")
    ok, msg = oe.ensure_postgres()
    if not ok:
        fail(f"PostgreSQL: {msg}")
    export_pot(info)
    pos = sorted(I18N.glob("*.po"))
    if not (I18N / "zh_CN.po").exists():
        oe.say("creating i18n/zh_CN.po from the template")
        create_po("zh_CN")
        pos = [p for p in pos if p.name != "zh_CN.po"]
    use_msgmerge = oe.have("msgmerge")
    for po in pos:
        if use_msgmerge:
            merge_msgmerge(po)
        else:
            merge_polib(po)
        how = "msgmerge" if use_msgmerge else "polib"
        oe.say(f"merged {po.relative_to(oe.REPO)} ({how})")


if __name__ == "__main__":
    main()
