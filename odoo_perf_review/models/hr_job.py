# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class HrJob(models.Model):
    _inherit = "hr.job"

    def action_perf_assign_goals(self):
        """The goal assignment for everyone in these job positions, with the
        library goals meant for them already chosen."""
        templates = self.env["perf.goal.template"].search([("job_ids", "in", self.ids)])
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign goals"),
            "res_model": "perf.goal.assign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_job_ids": self.ids,
                "default_goal_template_ids": templates.ids,
            },
        }
