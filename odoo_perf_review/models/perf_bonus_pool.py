# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PerfBonusPool(models.Model):
    """A budget for a cycle's bonuses: the company's, or a department's (with
    its sub-departments). When the bonuses exceed it they are scaled to fit."""

    _name = "perf.bonus.pool"
    _description = "Bonus Pool"
    _order = "cycle_id desc, department_id"
    _check_company_auto = True

    cycle_id = fields.Many2one(
        "perf.cycle", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="cycle_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    department_id = fields.Many2one(
        "hr.department",
        check_company=True,
        help="Leave empty for a company-wide pool.",
    )
    amount = fields.Monetary("Budget", currency_field="currency_id", required=True)
    allocated = fields.Monetary(
        compute="_compute_allocated", currency_field="currency_id"
    )
    wanted = fields.Monetary(
        "Wanted before scaling",
        compute="_compute_allocated",
        currency_field="currency_id",
    )

    _scope_uniq = models.UniqueIndex(
        "(cycle_id, COALESCE(department_id, 0))",
        "This cycle already has a pool for this scope.",
    )
    _amount_positive = models.Constraint(
        "CHECK (amount >= 0)", "A budget cannot be negative."
    )

    def _compute_allocated(self):
        groups = {
            pool: (amount, wanted)
            for pool, amount, wanted in self.env["perf.bonus.line"]._read_group(
                [("pool_id", "in", self.ids)],
                ["pool_id"],
                ["amount:sum", "wanted_amount:sum"],
            )
        }
        for pool in self:
            pool.allocated, pool.wanted = groups.get(pool, (0.0, 0.0))
