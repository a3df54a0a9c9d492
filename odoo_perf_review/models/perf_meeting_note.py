# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..engine.write_rules import rule


class PerfMeetingNote(models.Model):
    """One side's private note on a one-on-one, in a model of its own (as the
    appraisal's private note) so that the record rules keep it to its author
    on every path: read, search, export, aggregates, reports. Not the other
    side, not the managers above, not HR."""

    _name = "perf.meeting.note"
    _description = "One-on-one Private Note"
    _inherit = ["perf.workflow.guard"]

    _perf_workflow_fields = frozenset({"meeting_id", "company_id", "user_id"})
    _perf_create_fields = frozenset({"meeting_id", "note"})
    _perf_write_rules = (rule("writer", {"note"}),)

    meeting_id = fields.Many2one(
        "perf.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    note = fields.Html()

    def _perf_state(self):
        return False

    def _perf_roles(self):
        # The record rules already keep every note to its author.
        user = self.env.user
        return {n.id: {"writer"} if n.user_id == user else set() for n in self.sudo()}

    def _perf_write_hint(self):
        return self.env._("Write your private note from the one-on-one.")

    _meeting_user_uniq = models.Constraint(
        "unique (meeting_id, user_id)", "Each side has one private note per meeting."
    )
