# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

BONUS_CODE = "PERF_BONUS"


class HrPayslip(models.Model):
    _inherit = "hr.payslip"

    @api.model
    def get_inputs(self, contracts, date_from, date_to):
        """Approved, unpaid bonuses of a cycle ended by the payslip's period
        become inputs (code PERF_BONUS), one per bonus line."""
        inputs = super().get_inputs(contracts, date_from, date_to)
        if not contracts:
            return inputs
        contract_of = {contract.employee_id.id: contract for contract in contracts}
        lines = (
            self.env["perf.bonus.line"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", list(contract_of)),
                    ("state", "=", "approved"),
                    ("payslip_id", "=", False),
                    ("cycle_id.date_end", "<=", date_to),
                ]
            )
        )
        by_contract = {}
        for line in lines:
            contract = contract_of[line.employee_id.id]
            by_contract.setdefault(contract, self.env["perf.bonus.line"])
            by_contract[contract] |= line
        # One PERF_BONUS input per contract (salary rules read inputs by code),
        # replacing the empty one the rule's declared input adds.
        inputs = [
            vals
            for vals in inputs
            if not (
                vals.get("code") == BONUS_CODE
                and vals.get("contract_id") in {c.id for c in by_contract}
            )
        ]
        for contract, bonus_lines in by_contract.items():
            inputs.append(
                {
                    "name": self.env._(
                        "Performance bonus %(cycles)s",
                        cycles=", ".join(bonus_lines.cycle_id.mapped("name")),
                    ),
                    "code": BONUS_CODE,
                    "contract_id": contract.id,
                    "amount": sum(bonus_lines.mapped("amount")),
                    "perf_bonus_line_ids": [(6, 0, bonus_lines.ids)],
                }
            )
        return inputs

    def action_payslip_done(self):
        res = super().action_payslip_done()
        for payslip in self.filtered(lambda p: p.state == "done"):
            lines = payslip.input_line_ids.perf_bonus_line_ids.filtered(
                lambda line: line.state == "approved"
            )
            if lines:
                lines.sudo()._system_write({"payslip_id": payslip.id})
                lines.sudo().action_mark_paid(paid_date=payslip.date_to)
        return res
