# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .perf_appraisal_coaching import coaching_of


class PerfReviewCoaching(models.AbstractModel):
    """What happened between the reviews, for the manager's review: a mixin of
    ``perf.review`` (kept apart from the review's workflow)."""

    _name = "perf.review.coaching"
    _description = "Review: coaching of the period"

    coaching_feedback_ids = fields.Many2many(
        "perf.feedback",
        compute="_compute_coaching",
        string="Feedback received",
        help="The feedback the employee received during the cycle that you may read.",
    )
    coaching_meeting_ids = fields.Many2many(
        "perf.meeting",
        compute="_compute_coaching",
        string="One-on-ones of the period",
        help="The one-on-ones held during the cycle that you may read.",
    )

    @api.depends_context("uid")
    def _compute_coaching(self):
        # Only the manager's review uses what happened between the reviews;
        # searched with the reader's own rights.
        managers = self.filtered(lambda r: r.id and r.sudo().rater_type == "manager")
        (self - managers).update(
            {"coaching_feedback_ids": False, "coaching_meeting_ids": False}
        )
        if not managers:
            return
        appraisals = managers.sudo().appraisal_id.with_env(self.env)
        _checkins, feedback, meetings = coaching_of(appraisals)
        for review in managers:
            employee = review.sudo().appraisal_id.employee_id
            review.coaching_feedback_ids = feedback.filtered(
                lambda f, e=employee: f.receiver_id == e
            )
            review.coaching_meeting_ids = meetings.filtered(
                lambda m, e=employee: m.employee_id == e
            )
