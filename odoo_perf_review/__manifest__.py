# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Performance Reviews",
    "summary": "Goals, 360° appraisals, calibration, appeals and bonuses "
    "inside the Employees app",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/odoo-perf-review/odoo_perf_review",
    "author": "odoo_perf_review contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["hr", "mail"],
    "data": [],
    "demo": [],
    "assets": {},
}
