# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import PerfCase


def _levels(*bounds):
    return [
        Command.create(
            {
                "code": str(i),
                "name": f"Level {i}",
                "sequence": i,
                "score_min": lo,
                "score_max": hi,
            }
        )
        for i, (lo, hi) in enumerate(bounds, 1)
    ]


@tagged("post_install", "-at_install")
class TestRatingScale(PerfCase):
    def _scale(self, *bounds):
        return self.env["perf.rating.scale"].create(
            {"name": "Scale under test", "level_ids": _levels(*bounds)}
        )

    def test_default_scales_cover_the_score_axis(self):
        for xmlid, count in (("rating_scale_five", 5), ("rating_scale_four", 4)):
            scale = self.env.ref(f"odoo_perf_review.{xmlid}")
            self.assertEqual(scale.level_count, count)
            self.assertEqual(min(scale.level_ids.mapped("score_min")), 0)
            self.assertEqual(max(scale.level_ids.mapped("score_max")), 100)

    def test_gap_is_refused_with_the_scores_it_leaves(self):
        with self.assertRaisesRegex(ValidationError, "Scores between 50.0 and 60.0"):
            self._scale((0, 50), (60, 100))

    def test_overlap_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "overlap"):
            self._scale((0, 70), (60, 100))

    def test_scale_must_start_at_zero_and_end_at_100(self):
        with self.assertRaisesRegex(ValidationError, "must start at 0"):
            self._scale((10, 50), (50, 100))
        with self.assertRaisesRegex(ValidationError, "must end at 100"):
            self._scale((0, 50), (50, 90))

    def test_inverted_level_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "lower bound must be below"):
            self._scale((0, 50), (80, 50), (50, 100))

    def test_empty_scale_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "no level"):
            self.env["perf.rating.scale"].create({"name": "Empty"})

    def test_moving_a_shared_bound_in_the_form_is_accepted(self):
        """Two levels edited together are checked once, as a whole."""
        scale = self._scale((0, 60), (60, 100))
        low, high = scale.level_ids.sorted("score_min")
        scale.write(
            {
                "level_ids": [
                    Command.update(low.id, {"score_max": 50}),
                    Command.update(high.id, {"score_min": 50}),
                ]
            }
        )
        self.assertEqual(high.score_min, 50)

    def test_form_edit_through_the_scale(self):
        scale = self._scale((0, 60), (60, 100))
        with Form(scale) as form:
            with form.level_ids.edit(0) as line:
                line.score_max = 55
            with form.level_ids.edit(1) as line:
                line.score_min = 55
        self.assertEqual(sorted(scale.level_ids.mapped("score_min")), [0, 55])

    def test_direct_level_edit_that_opens_a_gap_is_refused(self):
        scale = self._scale((0, 60), (60, 100))
        low = scale.level_ids.sorted("score_min")[0]
        with self.assertRaisesRegex(ValidationError, "belong to no level"):
            low.score_max = 50
        low.invalidate_recordset()
        self.assertEqual(low.score_max, 60, "nothing is half-written")

    def test_deleting_a_middle_level_is_refused(self):
        scale = self._scale((0, 40), (40, 70), (70, 100))
        middle = scale.level_ids.filtered(lambda lvl: lvl.score_min == 40)
        with self.assertRaises(ValidationError):
            middle.unlink()
        self.assertTrue(middle.exists())

    @mute_logger("odoo.sql_db")
    def test_level_codes_are_unique_per_scale(self):
        scale = self._scale((0, 50), (50, 100))
        with self.assertRaises(IntegrityError):
            scale.level_ids[1].code = scale.level_ids[0].code
            scale.env.flush_all()

    def test_scores_map_to_levels_in_batch(self):
        levels = self.scale._level_for_scores(
            {"low": 0, "edge": 70, "mid": 84.99, "top": 100, "none": None}
        )
        self.assertEqual(levels["low"].code, "1")
        self.assertEqual(levels["edge"].code, "3", "a shared bound goes up")
        self.assertEqual(levels["mid"].code, "3")
        self.assertEqual(levels["top"].code, "5")
        self.assertFalse(levels["none"])

    def test_competency_level_must_belong_to_its_scale(self):
        four = self.env.ref("odoo_perf_review.rating_scale_four")
        criterion = self.env["perf.criterion"].create(
            {"name": "Scoped", "rating_scale_id": self.scale.id}
        )
        with self.assertRaisesRegex(ValidationError, "Pick a level of"):
            self.env["perf.criterion.level"].create(
                {"criterion_id": criterion.id, "rating_level_id": four.level_ids[0].id}
            )

    def test_competency_form_proposes_one_line_per_level(self):
        with Form(self.env["perf.criterion"]) as form:
            form.name = "Negotiation"
            form.rating_scale_id = self.scale
        self.assertEqual(len(form.record.level_ids), 5)

    def test_default_competencies_describe_every_level(self):
        criterion = self.env.ref("odoo_perf_review.criterion_teamwork")
        self.assertEqual(
            criterion.level_ids.rating_level_id,
            self.scale.level_ids,
        )
        self.assertTrue(all(criterion.level_ids.mapped("description")))
