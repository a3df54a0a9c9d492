# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PerfAppraisalAcknowledgeWizard(models.TransientModel):
    _name = "perf.appraisal.acknowledge.wizard"
    _description = "Sign Off an Appraisal"

    appraisal_id = fields.Many2one("perf.appraisal", required=True)
    comment = fields.Text(
        help="Your view of the results and of the interview, kept with the appraisal."
    )

    def action_confirm(self):
        self.ensure_one()
        self.appraisal_id.action_acknowledge(self.comment)
        return {"type": "ir.actions.act_window_close"}
