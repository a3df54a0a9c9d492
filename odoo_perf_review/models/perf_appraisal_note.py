# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..engine.write_rules import rule


class PerfAppraisalNote(models.Model):
    """The manager's private note on an appraisal, in a model of its own so that
    record rules keep it away from the employee on every path (read, search,
    export, reports)."""

    _name = "perf.appraisal.note"
    _description = "Appraisal Private Note"
    _inherit = ["perf.workflow.guard"]

    # Which appraisal a note belongs to is set once, at creation.
    _perf_workflow_fields = frozenset({"company_id"})
    _perf_write_rules = (rule("writer", {"note"}),)

    appraisal_id = fields.Many2one(
        "perf.appraisal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    note = fields.Html()

    def _perf_state(self):
        return False

    def _perf_roles(self):
        # The record rules already keep the note to the managers above and HR.
        return {note.id: {"writer"} for note in self}

    def _perf_write_hint(self):
        return self.env._("Write the private note from the appraisal.")

    _appraisal_uniq = models.Constraint(
        "unique (appraisal_id)", "An appraisal has one private note."
    )
