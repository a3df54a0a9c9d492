"""Each README.rst is what scripts/readme.py makes of the addon's readme/
fragments, so the two cannot drift; and it is valid reStructuredText (Odoo
renders it as the module's description)."""

import shutil

import pytest

from .common import addons, script

readme = script("readme")
ADDONS = addons()
IDS = [a.name for a in ADDONS]


@pytest.mark.parametrize("addon", ADDONS, ids=IDS)
def test_readme_rst_is_generated_from_the_fragments(addon):
    current = (addon / "README.rst").read_text(encoding="utf-8")
    assert current == readme.render(addon), (
        f"{addon.name}/README.rst differs from its readme/ fragments: edit "
        "readme/*.md, then run `make readme`"
    )


@pytest.mark.parametrize("addon", ADDONS, ids=IDS)
def test_readme_rst_renders_without_docutils_messages(addon):
    core = pytest.importorskip("docutils.core")
    text = (addon / "README.rst").read_text(encoding="utf-8")
    messages = []
    # report_level 5: nothing on stderr, the messages are collected below
    doctree = core.publish_doctree(
        text, settings_overrides={"report_level": 5, "halt_level": 5}
    )
    for node in doctree.findall():
        if node.tagname == "system_message" and int(node["level"]) >= 1:
            messages.append(node.astext())
    assert not messages, f"{addon.name}/README.rst:\n" + "\n".join(messages)


def test_markdown_fragments_become_rst():
    rst = readme.md_to_rst(
        "## Set up\n\nUse `make demo`, see [the docs](https://example.com/d).\n"
        "- *Goals* list: **Approve**; ``already rst`` stays"
    )
    assert rst.splitlines() == [
        "Set up",
        "------",
        "",
        "Use ``make demo``, see `the docs <https://example.com/d>`__.",
        "- *Goals* list: **Approve**; ``already rst`` stays",
    ]


def test_sections_follow_oca_order_and_skip_missing_fragments(tmp_path):
    addon = tmp_path / "my_addon"
    shutil.copytree(ADDONS[0] / "readme", addon / "readme")
    (addon / "__manifest__.py").write_text(
        "{'name': 'My addon', 'license': 'AGPL-3', 'author': 'Me'}", "utf-8"
    )
    (addon / "readme" / "ROADMAP.md").write_text("- later\n", "utf-8")
    (addon / "readme" / "INSTALL.md").write_text("Nothing to do.\n", "utf-8")
    (addon / "readme" / "USAGE.md").unlink()
    text = readme.render(addon)
    titles = [
        line
        for line, under in zip(text.splitlines(), text.splitlines()[1:], strict=False)
        if under and set(under) == {"="} and len(under) == len(line)
    ]
    assert titles[1:] == [
        "Installation",
        "Configuration",
        "Known issues / Roadmap",
        "Credits",
    ]
    assert text.startswith("========\nMy addon\n========\n")
    assert "licence-AGPL--3" in text and "- Me" in text


def test_check_mode_names_a_stale_readme_and_writes_nothing(tmp_path, capsys):
    addon = tmp_path / ADDONS[0].name
    shutil.copytree(ADDONS[0] / "readme", addon / "readme")
    shutil.copy(ADDONS[0] / "__manifest__.py", addon)
    (addon / "README.rst").write_text("edited by hand\n", "utf-8")
    assert readme.main(["--check", str(addon)]) == 1
    assert "README.rst differs from its readme/ fragments" in capsys.readouterr().out
    assert (addon / "README.rst").read_text("utf-8") == "edited by hand\n"
    assert readme.main([str(addon)]) == 0
    assert readme.main(["--check", str(addon)]) == 0
