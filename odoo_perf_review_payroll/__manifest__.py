# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Performance Reviews – Payroll",
    "summary": "Approved performance bonuses become payslip inputs; paid with the "
    "payslip",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Payroll",
    "website": "https://github.com/odoo-perf-review/odoo_perf_review",
    "author": "odoo_perf_review contributors",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["odoo_perf_review", "payroll"],
    "data": [
        "data/hr_salary_rule_data.xml",
    ],
}
