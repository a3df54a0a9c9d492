# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PerfCase


@tagged("post_install", "-at_install")
class TestTemplate(PerfCase):
    def test_default_templates_are_valid_for_each_method(self):
        methods = {
            self.env.ref(f"odoo_perf_review.template_{m}").method
            for m in ("kpi", "okr", "bsc")
        }
        self.assertEqual(methods, {"kpi", "okr", "bsc"})
        bsc = self.env.ref("odoo_perf_review.template_bsc")
        self.assertEqual(sum(bsc._perspective_weights().values()), 100)

    def test_part_weights_must_add_up_and_the_message_gives_the_total(self):
        with self.assertRaisesRegex(ValidationError, r"add up to 90.0 %.*by 10.0 %"):
            self.template.goal_weight = 60
        self.template.invalidate_recordset()
        self.assertEqual(self.template.goal_weight, 70, "nothing is half-written")

    def test_rater_weights_must_add_up(self):
        with self.assertRaisesRegex(ValidationError, "self, manager, peer"):
            self.template.write({"self_weight": 0, "manager_weight": 50})

    def test_weights_that_move_together_are_accepted(self):
        self.template.write({"goal_weight": 50, "competency_weight": 50})
        self.assertEqual(self.template._part_weights()["goals"], 50)

    def test_negative_weight_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.template.write({"self_weight": -10, "manager_weight": 80})

    def test_scorecard_perspectives_must_add_up_for_bsc(self):
        with self.assertRaisesRegex(ValidationError, "four scorecard perspectives"):
            self.template.method = "bsc"  # all four perspectives are at 0
        self.template.write(
            {
                "method": "bsc",
                "bsc_financial_weight": 40,
                "bsc_customer_weight": 20,
                "bsc_internal_weight": 20,
                "bsc_learning_weight": 20,
            }
        )
        self.assertTrue(self.template._uses_perspectives())

    def test_peer_range_must_be_a_range(self):
        with self.assertRaisesRegex(ValidationError, "is not a range"):
            self.template.write({"peer_min": 5, "peer_max": 2})

    def test_weighted_peers_need_at_least_one_peer(self):
        with self.assertRaisesRegex(ValidationError, "allows no peer"):
            self.template.write({"peer_min": 0, "peer_max": 0})
        self.template.write(
            {"peer_min": 0, "peer_max": 0, "peer_weight": 0, "manager_weight": 80}
        )

    def test_anonymity_threshold_at_least_one(self):
        with self.assertRaisesRegex(ValidationError, "anonymity threshold"):
            self.template.anonymity_threshold = 0

    def test_competency_weight_needs_competencies(self):
        with self.assertRaisesRegex(ValidationError, "lists none"):
            self.template.criterion_ids = False

    def test_cycle_count(self):
        self._cycle()
        self._cycle(frequency="annual", date_start="2026-01-01", date_end="2026-12-31")
        self.assertEqual(self.template.cycle_count, 2)
        action = self.template.action_view_cycles()
        self.assertEqual(action["domain"], [("template_id", "=", self.template.id)])
