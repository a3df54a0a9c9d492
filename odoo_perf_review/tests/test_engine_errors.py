# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An engine error reaches a person as a translated message naming the record
and the fix (tools/engine_errors.py), never as the engine's English text or a
traceback."""

from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..engine import MESSAGES, EngineError
from ..tools.engine_errors import (
    TRANSLATED,
    engine_error_message,
    engine_user_error,
)
from .test_appraisal import AppraisalCase

# One example of each code, with the params the engine gives it.
SAMPLES = {
    "score_out_of_range": {"score": 120.0, "lower": 0.0, "upper": 100.0},
    "range_inverted": {
        "name": "period",
        "low": date(2030, 2, 1),
        "high": date(2030, 1, 1),
    },
    "weight_negative": {"part": "goal", "weight": -10.0},
    "weights_total": {"total": 90.0, "expected": 100.0},
    "amount_negative": {"part": "base", "amount": -5000.0},
    "unknown_frequency": {"frequency": "weekly"},
    "unknown_phase": {"state": "limbo"},
    "no_band": {},
    "unknown_direction": {"direction": "sideways"},
    "unknown_aggregation": {"aggregation": "median"},
}
LANG = "zh_CN"


@tagged("post_install", "-at_install")
class TestEngineErrorMessages(TransactionCase):
    def _message(self, code, env=None):
        records = (env or self.env)["perf.template"]
        error = EngineError(code, **SAMPLES[code])
        exception = engine_user_error(records, error, "Template “T”")
        self.assertIsInstance(exception, UserError)
        return error, str(exception)

    def test_every_engine_code_has_its_message(self):
        self.assertEqual(set(SAMPLES), set(MESSAGES), "a sample for each code")
        self.assertEqual(set(TRANSLATED), set(MESSAGES))
        for code in MESSAGES:
            with self.subTest(code=code):
                error, message = self._message(code)
                self.assertTrue(message.startswith("Template “T”: "), message)
                # Not the engine's English log text, and fully formatted.
                self.assertNotIn(str(error), message)
                self.assertNotIn("%(", message)
                self.assertNotIn("?", message)
                self.assertNotIn(code, message)

    def test_keys_become_words_and_the_caller_can_name_them(self):
        error = EngineError("weight_negative", part="peer", weight=-5.0)
        self.assertIn(
            "the weight of Peer reviews is -5.0 %",
            engine_error_message(
                self.env["perf.template"], error, "T", labels={"peer": "Peer reviews"}
            ),
        )
        error = EngineError("range_inverted", name="period", low=3, high=1)
        self.assertIn(
            "T: the period goes from 3 to 1",
            engine_error_message(self.env["perf.template"], error, "T"),
        )
        message = engine_error_message(
            self.env["perf.template"],
            EngineError("weights_total", total=90.0, expected=100.0),
            "T",
            what="the goals",
        )
        self.assertIn("the weights of the goals add up to 90.0 %", message)
        self.assertIn("they must add up to 100 %. Change them by 10.0 %.", message)

    def test_a_code_unknown_here_still_reads_as_a_refusal(self):
        # An engine code added without its message: English, but no crash.
        error = EngineError("brand_new", limit=3)
        exception = engine_user_error(
            self.env["perf.template"], error, "T", exception=ValidationError
        )
        self.assertIsInstance(exception, ValidationError)
        self.assertEqual(str(exception), "T: brand_new(limit=3)")

    def test_messages_are_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang(LANG)
        zh_env = self.env(context=dict(self.env.context, lang=LANG))
        same = [
            code
            for code in MESSAGES
            if self._message(code)[1] == self._message(code, zh_env)[1]
        ]
        if len(same) == len(MESSAGES):
            # The strings are new: the lead regenerates the .pot and translates
            # them; then every code must come out in Chinese.
            self.skipTest("zh_CN.po does not translate tools/engine_errors.py yet")
        self.assertEqual(same, [], "codes still in English for a zh_CN reader")


@tagged("post_install", "-at_install")
class TestEngineErrorsReachTheUser(AppraisalCase):
    def test_template_weights_name_the_template_and_the_part(self):
        with self.assertRaisesRegex(
            ValidationError,
            r"Template “.*”: the weight of Peer reviews is -10.0 %\. Weights "
            r"cannot be negative; use 0 to leave a part out\.",
        ):
            self.template.write({"peer_weight": -10.0, "manager_weight": 110.0})
        with self.assertRaisesRegex(
            ValidationError,
            r"the weights of goals and competencies add up to 90.0 %, they must "
            r"add up to 100 %\. Change them by 10.0 %\.",
        ):
            self.template.write({"goal_weight": self.template.goal_weight - 10})

    def test_a_negative_wage_stops_the_bonuses_with_the_employee_named(self):
        policy = self.env["perf.bonus.policy"].create(
            {
                "name": "Test bonus",
                "company_id": self.company.id,
                "rating_scale_id": self.scale.id,
                "base_type": "wage",
                "min_service_days": 0,
            }
        )
        policy._fill_default_multipliers()
        self.cycle.bonus_policy_id = policy
        self._launch(propose_peers=False)
        self._open_review_phase()
        appraisal = self._appraisal(self.emp_employee)
        review = appraisal.review_ids.filtered(lambda r: r.rater_type == "manager")
        self._answer(review, 3, self.user_manager)
        appraisal.action_release()
        self.cycle.write({"state": "released"})
        self.emp_employee.sudo().current_version_id.wage = -1000
        with self.assertRaisesRegex(
            UserError,
            r"Bonus of .* – .*: the base of the bonus \(the wage or the target "
            r"amount\) is -\d+.*; it cannot be negative\.",
        ):
            self.cycle.action_compute_bonuses()
        self.assertFalse(
            self.env["perf.bonus.line"].search([("cycle_id", "=", self.cycle.id)])
        )

    def test_a_malformed_launch_filter_is_a_user_error(self):
        for employee_domain in (
            "[('nope', '=', 1)]",
            "[(",
            "42",
            "[('name', 'any', 1)]",
            "[('id', '=', undefined_name)]",
            "['&']",
            "[('id', 'between', 1)]",
        ):
            with (
                self.subTest(employee_domain=employee_domain),
                self.assertRaisesRegex(UserError, "does not fit employees"),
            ):
                self._launch(population="domain", employee_domain=employee_domain)
