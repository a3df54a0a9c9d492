# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PerfAppealDecisionWizard(models.TransientModel):
    """The handler decides an appeal: outcome, reasons and revised rating,
    written together by the workflow (the appeal's own fields are not edited)."""

    _name = "perf.appeal.decision.wizard"
    _description = "Decide an Appeal"

    appeal_id = fields.Many2one("perf.appeal", required=True, readonly=True)
    scale_id = fields.Many2one(related="appeal_id.scale_id")
    original_level_id = fields.Many2one(related="appeal_id.original_level_id")
    original_score = fields.Float(related="appeal_id.original_score")
    # The values are the appeal's decided states.
    outcome = fields.Selection(
        [
            ("accepted", "Accept"),
            ("partly_accepted", "Partly accept"),
            ("rejected", "Reject"),
        ],
        required=True,
        default="accepted",
    )
    decision = fields.Html(
        required=True, help="The decision and its reasons: the employee reads them."
    )
    revised_level_id = fields.Many2one(
        "perf.rating.level",
        string="Revised rating",
        domain="[('scale_id', '=', scale_id)]",
    )
    revised_score = fields.Float(
        digits=(5, 1), help="0 to 100; leave at 0 to keep the score."
    )

    def action_decide(self):
        self.ensure_one()
        self.appeal_id._decide(
            self.outcome,
            self.decision,
            revised_level=self.revised_level_id,
            revised_score=self.revised_score,
        )
        return {"type": "ir.actions.act_window_close"}
