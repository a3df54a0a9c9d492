# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The lines of the reviews a review phase opens, written in one INSERT.

Opening the reviews of 10,000 employees writes some 300,000 lines: through
``create()`` the ORM spends half a minute building their cache entries and
precomputed values. The lines a phase opens are all alike (a competency to
rate, or a goal with its suggested score, nothing rated yet), so they are
inserted in one statement per batch, with the values ``create()`` would have
stored (company of the review, score of an unrated line, goal score rounded
to its digits)."""

from odoo import api, models
from odoo.tools import SQL, float_round


class PerfReviewLine(models.Model):
    _inherit = "perf.review.line"

    @api.model
    def _create_unrated(self, vals_list):
        """Create the unrated lines of ``vals_list`` (``review_id`` with a
        ``criterion_id`` or a ``goal_id`` and its scores). Lines that the
        constraints would refuse go through ``create()``, which says why."""
        if not vals_list:
            return
        known = {
            "review_id",
            "criterion_id",
            "goal_id",
            "goal_score",
            "suggested_goal_score",
            "goal_rated",
        }
        if any(
            vals.keys() - known
            or (vals.get("goal_id") and not 0 <= vals.get("goal_score", 0.0) <= 100)
            for vals in vals_list
        ):
            self.create(vals_list)
            return
        self.env.flush_all()
        digits = self._fields["goal_score"].get_digits(self.env)[1]

        def column(name, default=None):
            return [vals.get(name, default) for vals in vals_list]

        goal_scores = [
            float_round(score or 0.0, precision_digits=digits)
            for score in column("goal_score", 0.0)
        ]
        suggested = [
            float_round(score or 0.0, precision_digits=digits)
            for score in column("suggested_goal_score", 0.0)
        ]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO perf_review_line (
                    review_id, company_id, criterion_id, goal_id, goal_score,
                    suggested_goal_score, goal_rated, score,
                    create_uid, create_date, write_uid, write_date)
                SELECT t.review, r.company_id, t.criterion, t.goal, t.goal_score,
                       t.suggested, t.rated,
                       CASE WHEN t.goal IS NOT NULL THEN t.goal_score ELSE 0 END,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM unnest(%(reviews)s::int[], %(criteria)s::int[],
                              %(goals)s::int[], %(goal_scores)s::numeric[],
                              %(suggested)s::numeric[], %(rated)s::bool[])
                    AS t(review, criterion, goal, goal_score, suggested, rated)
                  JOIN perf_review r ON r.id = t.review
                """,
                uid=self.env.uid,
                reviews=column("review_id"),
                criteria=column("criterion_id"),
                goals=column("goal_id"),
                goal_scores=goal_scores,
                suggested=suggested,
                rated=[bool(rated) for rated in column("goal_rated", False)],
            )
        )
        self.invalidate_model()
        self.env["perf.review"].browse(set(column("review_id"))).invalidate_recordset(
            ["line_ids"]
        )
        # Nothing stored is computed from unrated lines: a review's score
        # counts its rated competency lines only, and stays 0.
