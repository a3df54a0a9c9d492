# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models

from ..tools.labels import selection_label


class PerfCycleGateWizard(models.TransientModel):
    """Before calibration or release, HR sees what is not in — who, which
    review — and decides explicitly."""

    _name = "perf.cycle.gate.wizard"
    _description = "Cycle Phase Completeness"

    cycle_id = fields.Many2one("perf.cycle", required=True, readonly=True)
    target_state = fields.Selection(
        [("calibration", "Calibration"), ("released", "Released")],
        required=True,
        readonly=True,
    )
    gaps = fields.Html(compute="_compute_gaps", sanitize=False)
    missing_manager_count = fields.Integer(compute="_compute_gaps")
    exclude = fields.Boolean(
        "Exclude them from the release",
        help="Appraisals without a manager review are cancelled, listed in the "
        "cycle's history; the others are released.",
    )

    @api.depends("cycle_id", "target_state")
    def _compute_gaps(self):
        for wizard in self:
            reviews, appraisals = wizard.cycle_id._phase_gaps(wizard.target_state)
            wizard.missing_manager_count = len(appraisals)
            body = Markup("")
            if reviews:
                body += Markup("<p><strong>%s</strong></p><ul>%s</ul>") % (
                    self.env._(
                        "%(count)s reviews are not submitted; they close unanswered:",
                        count=len(reviews),
                    ),
                    Markup("").join(
                        Markup("<li>%s → %s (%s)</li>")
                        % (
                            review.reviewer_employee_id.name
                            or review.partner_id.name
                            or "-",
                            review.reviewee_id.name,
                            selection_label(review, "rater_type"),
                        )
                        for review in reviews
                    ),
                )
            if appraisals:
                body += Markup("<p><strong>%s</strong></p><ul>%s</ul>") % (
                    self.env._(
                        "%(count)s appraisals have no manager review, so no result "
                        "to release:",
                        count=len(appraisals),
                    ),
                    Markup("").join(
                        Markup("<li>%s (%s)</li>")
                        % (
                            appraisal.employee_id.name,
                            appraisal.manager_id.name or self.env._("no manager"),
                        )
                        for appraisal in appraisals
                    ),
                )
            wizard.gaps = body

    def action_move_on(self):
        self.ensure_one()
        self.cycle_id._move_on_with_gaps(self.target_state, self.exclude)
        return {"type": "ir.actions.act_window_close"}
