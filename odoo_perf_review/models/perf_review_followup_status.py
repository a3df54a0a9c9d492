# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class PerfReviewFollowupStatus(models.Model):
    """What the follow-up job has done for one review: reminded on, escalated
    to which level.

    Kept out of the review's own row on purpose: the job runs while reviewers
    save their answers, and a job updating the row a reviewer is saving makes
    the reviewer's transaction fail on a serialization conflict (retried by
    the server, but logged as an error). Inserting or updating a row here only
    takes a key-share lock on the review, which conflicts with nobody's save.
    """

    _name = "perf.review.followup.status"
    _description = "Review follow-up status"

    review_id = fields.Many2one(
        "perf.review", required=True, ondelete="cascade", readonly=True
    )
    reminded_date = fields.Date(readonly=True)
    escalation_level = fields.Integer(readonly=True)

    _review_unique = models.Constraint(
        "UNIQUE(review_id)", "A review has one follow-up record."
    )

    @api.model
    def _record(self, reviews, vals):
        """Write ``vals`` on the follow-up of each of ``reviews``, creating
        the missing ones: one search, one write, one create."""
        followups = self.sudo().search([("review_id", "in", reviews.ids)])
        followups.write(vals)
        missing = reviews - followups.review_id
        self.sudo().create([dict(vals, review_id=review.id) for review in missing])
        reviews.invalidate_recordset(["reminded_date", "escalation_level"])
