# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from . import perf_quick_start_catalog as catalog
from .perf_quick_start import AREAS


class PerfQuickStartLine(models.TransientModel):
    """One goal proposed for one job position."""

    _name = "perf.quick.start.line"
    _description = "Quick Start Goal"
    _order = "job_id, sequence, id"

    wizard_id = fields.Many2one("perf.quick.start", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    job_id = fields.Many2one("hr.job", string="Job position")
    job_label = fields.Char("Position", compute="_compute_job_label")
    employee_count = fields.Integer("People")
    area = fields.Selection(AREAS, required=True)
    name = fields.Char("Goal", required=True)
    goal_type = fields.Selection(
        [("kpi", "KPI"), ("objective", "Objective")], required=True, default="kpi"
    )
    unit = fields.Char()
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    baseline = fields.Float()
    target = fields.Float()
    source_key = fields.Char()
    source = fields.Char("Measured by", compute="_compute_source")

    @api.depends("job_id")
    def _compute_job_label(self):
        for line in self:
            line.job_label = line.job_id.name or self.env._("No job position")

    @api.depends("source_key")
    def _compute_source(self):
        models = {
            source["key"]: source["model"]
            for sources in catalog.LIVE_SOURCES.values()
            for source in sources
        }
        for line in self:
            model = models.get(line.source_key)
            line.source = (
                self.env._(
                    "Live: %(records)s",
                    records=self.env["ir.model"]._get(model).name,
                )
                if model
                else self.env._("Check-ins")
            )
