# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Translations reach everything: the .pot of each addon holds every term
Odoo's own extractor finds, data records people read are translatable, the
Apps menu finds the addons by their Chinese names, and text written for a
person is in that person's language."""

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import polib

from odoo.modules import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools import format_date
from odoo.tools.translate import TranslationModuleReader

from .test_appraisal import AppraisalCase

ADDONS = (
    "odoo_perf_review",
    "odoo_perf_review_recognition",
    "odoo_perf_review_payroll",
)
LANG = "zh_CN"


def _installed(env, names):
    return env["ir.module.module"].search(
        [("name", "in", list(names)), ("state", "=", "installed")]
    )


def _load_zh_cn(env, names=ADDONS):
    """zh_CN active and the addons' zh_CN.po loaded, as Odoo does when the
    language is added (Settings > Languages) or an addon is installed."""
    env["res.lang"]._activate_lang(LANG)
    _installed(env, names)._update_translations(LANG)


def _demo_xmlids(addon):
    """XML ids defined by the addon's demo files: a database with demo data
    exports them too, but they are not part of the .pot."""
    path = Path(get_module_path(addon))
    manifest = ast.literal_eval((path / "__manifest__.py").read_text())
    ids = set()
    for name in manifest.get("demo", []):
        if name.endswith(".xml"):
            for node in ET.parse(path / name).getroot().iter():
                if node.get("id"):
                    xmlid = node.get("id")
                    ids.add(xmlid if "." in xmlid else f"{addon}.{xmlid}")
    return ids


@tagged("post_install", "-at_install")
class TestTranslationCoverage(TransactionCase):
    def _exported_terms(self, addon):
        """{msgid: [where]} of what Odoo's extractor (the one behind `odoo i18n
        export`) finds in ``addon``: Python, JS, QWeb, views, fields, data."""
        demo = _demo_xmlids(addon)
        terms = {}
        for (
            module,
            kind,
            name,
            res_id,
            src,
            _value,
            _comments,
        ) in TranslationModuleReader(self.env.cr, modules=[addon]):
            if module != addon:
                continue
            if kind in ("model", "model_terms") and res_id in demo:
                continue
            terms.setdefault(src, []).append(f"{kind}:{name}:{res_id}")
        return terms

    def test_every_term_is_in_the_pot(self):
        """A string a user can read and that is missing from the .pot can
        never be translated: the .pot must be regenerated."""
        addons = _installed(self.env, ADDONS).mapped("name")
        self.assertIn("odoo_perf_review", addons)
        for addon in addons:
            with self.subTest(addon=addon):
                pot_file = Path(get_module_path(addon), "i18n", f"{addon}.pot")
                self.assertTrue(pot_file.is_file(), f"{pot_file} is missing")
                in_pot = {entry.msgid for entry in polib.pofile(str(pot_file))}
                terms = self._exported_terms(addon)
                self.assertTrue(terms, f"nothing extracted from {addon}")
                missing = sorted(set(terms) - in_pot)
                if missing:
                    self.fail(
                        f"{len(missing)} term(s) of {addon} are not in "
                        f"{addon}/i18n/{addon}.pot; run `make pot`, then "
                        "translate them in zh_CN.po:\n"
                        + "\n".join(f"  {src!r} ({terms[src][0]})" for src in missing)
                    )

    def test_rating_levels_and_criteria_are_translatable_data(self):
        """Data records people read carry XML ids, so the export reaches them
        (levels were once created inside an eval, out of reach of the .po)."""
        terms = self._exported_terms("odoo_perf_review")
        where = {place for places in terms.values() for place in places}
        levels = self.env["perf.rating.level"].search(
            [
                (
                    "scale_id",
                    "in",
                    [
                        self.env.ref("odoo_perf_review.rating_scale_five").id,
                        self.env.ref("odoo_perf_review.rating_scale_four").id,
                    ],
                )
            ]
        )
        self.assertEqual(len(levels), 9)
        xmlids = levels.get_external_id()
        for level in levels:
            xmlid = xmlids[level.id]
            self.assertTrue(xmlid, f"level {level.display_name} has no XML id")
            for field in ("name", "description"):
                self.assertIn(
                    f"model:perf.rating.level,{field}:{xmlid}",
                    where,
                    f"{field} of {xmlid} is not exported",
                )
        criterion_level = self.env.ref(
            "odoo_perf_review.criterion_quality_level_3"
        ).rating_level_id
        self.assertEqual(
            criterion_level, self.env.ref("odoo_perf_review.rating_scale_five_level_3")
        )

    def test_data_records_read_in_chinese(self):
        _load_zh_cn(self.env, ["odoo_perf_review"])
        po = polib.pofile(
            str(Path(get_module_path("odoo_perf_review"), "i18n", f"{LANG}.po"))
        )
        criterion = self.env.ref("odoo_perf_review.criterion_job_knowledge")
        expected = po.find(criterion.name).msgstr
        self.assertTrue(expected)
        self.assertEqual(criterion.with_context(lang=LANG).name, expected)


@tagged("post_install", "-at_install")
class TestModuleNamesInApps(TransactionCase):
    """Odoo keeps an addon's name and summary on its ir.module.module record
    (XML id base.module_<addon>) and applies their translations from the
    addon's own .po when the addon is installed or a language is added."""

    CHINESE = {
        "odoo_perf_review": "绩效管理",
        "odoo_perf_review_recognition": "绩效认可",
        "odoo_perf_review_payroll": "绩效奖金与薪资",
    }

    def test_apps_finds_the_addons_by_their_chinese_name(self):
        _load_zh_cn(self.env)
        modules = self.env["ir.module.module"].with_context(lang=LANG)
        found = modules.search([("shortdesc", "ilike", "绩效")])
        self.assertIn("odoo_perf_review", found.mapped("name"))
        # The Apps search box searches the name through _rec_names_search.
        by_name = modules.name_search("绩效", limit=None)
        self.assertIn(modules._get("odoo_perf_review").id, [row[0] for row in by_name])
        for module in _installed(self.env, ADDONS).with_context(lang=LANG):
            with self.subTest(module=module.name):
                self.assertEqual(module.shortdesc, self.CHINESE[module.name])
                self.assertTrue(module.summary)
                self.assertNotEqual(
                    module.summary, module.with_context(lang="en_US").summary
                )
        # English readers keep the manifest's name.
        self.assertEqual(
            modules._get("odoo_perf_review").with_context(lang="en_US").shortdesc,
            "Performance Reviews",
        )


@tagged("post_install", "-at_install")
class TestRecipientLanguage(AppraisalCase):
    """Chatter messages, notifications and activities the system writes for
    someone are in that person's language, whoever acted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _load_zh_cn(cls.env, ["odoo_perf_review"])
        cls.user_employee.lang = LANG  # Erin reads Chinese; the others English
        cls.cycle.user_id = cls.user_officer

    def _zh(self, msgid):
        return self.env["perf.review"].with_context(lang=LANG).env._(msgid)

    def _released(self):
        self._launch()
        self._open_review_phase()
        appraisal = self._appraisal(self.emp_employee)
        manager_review = appraisal.review_ids.filtered(
            lambda r: r.rater_type == "manager"
        )
        self._answer(manager_review, 2, self.user_manager)
        appraisal.with_user(self.user_officer).action_release()
        return appraisal

    def test_review_names_use_the_translated_rater_type(self):
        self._launch()
        review = self._appraisal(self.emp_employee).review_ids.filtered(
            lambda r: r.rater_type == "manager"
        )
        label = dict(
            review._fields["rater_type"]._description_selection(
                review.with_context(lang=LANG).env
            )
        )["manager"]
        self.assertNotEqual(label, "Manager", "the zh_CN label is not loaded")
        self.assertIn(label, review.with_context(lang=LANG).display_name)
        self.assertIn("Manager review", review.with_context(lang="en_US").display_name)

    def test_review_activity_in_the_reviewers_language(self):
        self._launch()
        self._open_review_phase()

        def todo(user):
            return self.env["mail.activity"].search(
                [("perf_cycle_id", "=", self.cycle.id), ("user_id", "=", user.id)]
            )

        deadline = self.cycle.review_deadline
        in_zh = format_date(self.env(context={"lang": LANG}), deadline, lang_code=LANG)
        in_en = format_date(
            self.env(context={"lang": "en_US"}), deadline, lang_code="en_US"
        )
        self.assertNotEqual(in_zh, in_en)
        # Erin's to-do is written for her in Chinese; Mona's in English.
        Review = self.env["perf.review"]
        erin, mona = todo(self.user_employee), todo(self.user_manager)
        count = Review.search_count(
            [
                ("cycle_id", "=", self.cycle.id),
                ("reviewer_user_id", "=", self.user_employee.id),
                ("state", "=", "requested"),
            ]
        )
        summary, note = Review._todo_texts(LANG, count, deadline)
        self.assertEqual((erin.summary, erin.note), (summary, note))
        self.assertIn(in_zh, erin.summary)
        self.assertIn(in_en, mona.summary)
        self.assertNotIn(in_zh, mona.summary)

    def test_release_tells_the_employee_in_her_language(self):
        appraisal = self._released()
        message = appraisal.message_ids.filtered(
            lambda m: self.user_employee.partner_id in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        expected = self._zh(
            "The results of your appraisal are available. Please read them, "
            "prepare your feedback interview and sign off."
        )
        self.assertNotIn("The results", expected, "zh_CN.po lacks the message")
        self.assertIn(expected, message.body)

    def test_appeal_texts_each_in_their_readers_language(self):
        appraisal = self._released()
        appeal = (
            self.env["perf.appeal"]
            .with_user(self.user_employee)
            .create(
                {
                    "appraisal_id": appraisal.id,
                    "ground": "rating",
                    "explanation": "<p>My main goal was met.</p>",
                }
            )
        )
        # Filed by a Chinese reader, the handler's to-do is in English.
        self.assertIn(
            "Decide the appeal of",
            appeal.sudo().activity_ids.note,
        )
        action = appeal.with_user(appeal.handler_id).action_open_decision_wizard()
        self.env[action["res_model"]].with_user(appeal.handler_id).with_context(
            **action["context"]
        ).create(
            {"outcome": "rejected", "decision": "<p>Goal evidence checked.</p>"}
        ).action_decide()
        message = appeal.message_ids.filtered(
            lambda m: self.user_employee.partner_id in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        rejected = dict(
            appeal._fields["state"]._description_selection(
                appeal.with_context(lang=LANG).env
            )
        )["rejected"]
        self.assertNotEqual(rejected, "Rejected", "the zh_CN label is not loaded")
        self.assertIn(
            self._zh("Decision: %(outcome)s.") % {"outcome": rejected}, message.body
        )
