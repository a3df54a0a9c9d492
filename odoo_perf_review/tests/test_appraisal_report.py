# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The printed appraisal as a real PDF: rendered by wkhtmltopdf (Odoo renders
HTML instead in tests unless ``force_report_rendering`` is in the context),
read back with pdftotext."""

import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from unittest import skipIf

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.base.models.ir_actions_report import _wkhtml

from .test_appraisal import AppraisalCase

WKHTMLTOPDF = shutil.which("wkhtmltopdf")
PDFTOTEXT = shutil.which("pdftotext")
RELEASE = "2026-06-01 09:00:00"
# A wkhtmltopdf built on an unpatched Qt (Debian's) draws web fonts such as the
# layout's Lato as outlines, which no text extractor reads: the tests print
# with system fonts, the CJK one included, to read the text back.
SYSTEM_FONTS = (
    "<style>body, body * { font-family: 'DejaVu Sans', 'Noto Sans CJK SC', "
    "sans-serif !important; }</style>"
)


def pdf_text(pdf):
    """The text of a PDF as pdftotext gives it, NFKC-normalised: CJK fonts map
    some ideographs to their Kangxi radical look-alikes (⼩ for 小)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "appraisal.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return unicodedata.normalize("NFKC", text)


@tagged("post_install", "-at_install")
@skipIf(not WKHTMLTOPDF, "wkhtmltopdf is not installed: the PDF cannot be rendered")
@skipIf(
    not PDFTOTEXT, "pdftotext (poppler-utils) is not installed: cannot read the PDF"
)
class TestAppraisalPdf(AppraisalCase, HttpCase):
    """Erin's appraisal, released, calibrated, appealed and signed off: every
    part of the printed appraisal, read back from the PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle.user_id = cls.user_officer
        cls.company.perf_appeal_window_days = 5
        cls.company.perf_appeal_decision_days = 10
        cls.kpi = cls._goal(
            "Grow the key accounts", weight=50, target=120000, unit="CNY"
        )
        cls.objective = cls._goal(
            "Launch the partner programme", weight=30, goal_type="objective"
        )
        cls.key_result = cls._goal(
            "Sign partners",
            goal_type="key_result",
            parent_id=cls.objective.id,
            weight=100,
            target=10,
            unit="partners",
        )
        cls.blank = cls._goal("Write the playbook", weight=20, target=1, unit="docs")
        (cls.kpi | cls.objective | cls.key_result | cls.blank).with_user(
            cls.user_manager
        ).action_approve()
        Checkin = cls.env["perf.checkin"].with_user(cls.user_employee)
        Checkin.create({"goal_id": cls.kpi.id, "value": 96000})
        Checkin.create({"goal_id": cls.key_result.id, "value": 7})
        cls.levels[3].description = "Goes beyond what the role asks."

    def _reviews(self, appraisal, kind):
        return appraisal.review_ids.filtered(lambda r: r.rater_type == kind)

    def _released_appraisal(self, employee_name=None):
        if employee_name:
            self.emp_employee.name = employee_name
        self._launch()
        self._open_review_phase()
        appraisal = self._appraisal(self.emp_employee)
        manager_review = self._reviews(appraisal, "manager").with_user(
            self.user_manager
        )
        manager_review.write(
            {
                "strengths": "<p>Calm under pressure</p>",
                "improvements": "<p>Delegate more</p>",
            }
        )
        self._answer(manager_review, 2, self.user_manager)
        self_review = self._reviews(appraisal, "self").with_user(self.user_employee)
        self_review.write({"comment": "<p>A busy quarter</p>"})
        self._answer(self_review, 3, self.user_employee)
        for peer in self._reviews(appraisal, "peer"):
            peer.write({"strengths": "<p>Always helps the team</p>"})
            self._answer(peer, 3)
        appraisal.with_user(self.user_officer)._calibrate(
            self.levels[3], "Carried the team through the migration."
        )
        appraisal.with_user(self.user_manager).write(
            {
                "development_action_ids": [
                    Command.create(
                        {
                            "name": "Negotiation course",
                            "user_id": self.user_employee.id,
                            "date_deadline": "2026-09-30",
                        }
                    )
                ]
            }
        )
        with freeze_time(RELEASE):
            appraisal.with_user(self.user_manager).action_release()
        with freeze_time("2026-06-03 10:00:00"):
            appeal = (
                self.env["perf.appeal"]
                .with_user(self.user_employee)
                .create(
                    {
                        "appraisal_id": appraisal.id,
                        "ground": "rating",
                        "explanation": "<p>My main goal was nearly met.</p>",
                    }
                )
            )
            appeal.with_user(appeal.handler_id)._decide(
                "accepted",
                "<p>Sales evidence of the last week checked.</p>",
                self.levels[4],
            )
            appraisal.with_user(self.user_employee).action_acknowledge(
                "Thank you for the fair review."
            )
        return appraisal

    def setUp(self):
        super().setUp()
        Report = type(self.env["ir.actions.report"])
        run = Report._run_wkhtmltopdf

        def run_with_system_fonts(report, bodies, *args, **kwargs):
            bodies = [
                str(body).replace("</head>", f"{SYSTEM_FONTS}</head>", 1)
                for body in bodies
            ]
            return run(report, bodies, *args, **kwargs)

        self.patch(Report, "_run_wkhtmltopdf", run_with_system_fonts)

    def _pdf(self, appraisal, user):
        report = self.env["ir.actions.report"].with_user(user)
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "odoo_perf_review.action_report_perf_appraisal", appraisal.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "a real PDF, not the HTML fallback")
        return pdf

    def test_printed_appraisal_holds_the_whole_result(self):
        appraisal = self._released_appraisal()
        text = pdf_text(self._pdf(appraisal, self.user_employee))
        flat = " ".join(text.split())
        for expected in (
            "Erin Employee",
            appraisal.final_level_id.name,  # the rating after appeal
            "CNY",  # the KPI's unit
            "partners",  # the key result's unit
            "OKR grade",
            "Not measured yet",  # the playbook has no result
            "Test quality",  # a competency
            "Rating history",
            "Calibrated",
            "Carried the team through the migration.",
            "Sales evidence of the last week checked.",  # the appeal's reason
            "Calm under pressure",  # strengths gathered and a comment
            "Always helps the team",  # the peers, pooled
            "A busy quarter",
            "Negotiation course",  # the development plan
            "Signatures",
            "Signed off on",
            "Thank you for the fair review.",
            "Mona Manager",
        ):
            self.assertIn(expected, flat)
        if _wkhtml().is_patched_qt:
            # Headers and footers need a wkhtmltopdf with patched Qt.
            self.assertIn("Page 1 / ", flat)
            self.assertIn(self.company.name, flat)
        self.assertEqual(appraisal.final_level_id, self.levels[4])
        for peer_name in ("Cole Colleague", "Nia No-User"):
            self.assertNotIn(peer_name, flat, "no anonymous reviewer is named")

    def test_printed_in_chinese_for_a_chinese_employee(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.user_employee.lang = "zh_CN"
        appraisal = self._released_appraisal(employee_name="王小明")
        self.assertEqual(appraisal.report_lang, "zh_CN")
        text = pdf_text(self._pdf(appraisal, self.user_manager))
        self.assertIn("王小明", text, "the Chinese font covers the name")
        self.assertIn("Negotiation course", text)
