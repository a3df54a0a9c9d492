# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PerfAppraisalNote(models.Model):
    """The manager's private note on an appraisal, in a model of its own so that
    record rules keep it away from the employee on every path (read, search,
    export, reports)."""

    _name = "perf.appraisal.note"
    _description = "Appraisal Private Note"

    appraisal_id = fields.Many2one(
        "perf.appraisal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    note = fields.Html()

    _appraisal_uniq = models.Constraint(
        "unique (appraisal_id)", "An appraisal has one private note."
    )
