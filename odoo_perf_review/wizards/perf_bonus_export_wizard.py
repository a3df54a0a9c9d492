# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import csv
import io

import xlsxwriter

from odoo import fields, models
from odoo.exceptions import UserError

COLUMNS = (
    ("employee", "Employee"),
    ("employee_id", "Employee ID"),
    ("department", "Department"),
    ("cycle", "Cycle"),
    ("rating", "Rating"),
    ("base", "Base"),
    ("multiplier", "Multiplier (%)"),
    ("share", "Pro rata"),
    ("amount", "Amount"),
    ("currency", "Currency"),
)


class PerfBonusExportWizard(models.TransientModel):
    """Approved bonuses for payroll, as CSV or XLSX."""

    _name = "perf.bonus.export.wizard"
    _description = "Export Bonuses for Payroll"

    line_ids = fields.Many2many("perf.bonus.line", string="Bonuses")
    file_format = fields.Selection(
        [("xlsx", "Excel (XLSX)"), ("csv", "CSV")], default="xlsx", required=True
    )
    data = fields.Binary("File", readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    def _rows(self):
        lines = self.line_ids.filtered(lambda line: line.state == "approved")
        if not lines:
            raise UserError(
                self.env._("Only approved bonuses go to payroll: approve them first.")
            )
        return [
            {
                "employee": line.employee_id.name,
                "employee_id": line.employee_id.id,
                "department": line.department_id.name or "",
                "cycle": line.cycle_id.name,
                "rating": line.level_id.code or "",
                "base": line.base,
                "multiplier": line.multiplier,
                "share": line.share,
                "amount": line.amount,
                "currency": line.currency_id.name,
            }
            for line in lines.sorted(
                lambda line: (line.department_id.name or "", line.employee_id.name)
            )
        ]

    def action_export(self):
        self.ensure_one()
        rows = self._rows()
        headers = [label for _key, label in COLUMNS]
        if self.file_format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(headers)
            for row in rows:
                writer.writerow([row[key] for key, _label in COLUMNS])
            content = buffer.getvalue().encode("utf-8-sig")
        else:
            buffer = io.BytesIO()
            workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
            sheet = workbook.add_worksheet("Bonuses")
            bold = workbook.add_format({"bold": True})
            money = workbook.add_format({"num_format": "#,##0.00"})
            sheet.write_row(0, 0, headers, bold)
            for index, row in enumerate(rows, start=1):
                for col, (key, _label) in enumerate(COLUMNS):
                    value = row[key]
                    if key in ("base", "amount"):
                        sheet.write_number(index, col, value, money)
                    else:
                        sheet.write(index, col, value)
            workbook.close()
            content = buffer.getvalue()
        self.write(
            {
                "data": base64.b64encode(content),
                "filename": f"bonuses.{self.file_format}",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
