# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Performance Reviews – Recognition",
    "summary": "Praise from a released appraisal gives the employee a badge",
    "version": "19.0.1.0.0",
    "category": "Human Resources",
    "website": "https://github.com/odoo-perf-review/odoo_perf_review",
    "author": "odoo_perf_review contributors",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["odoo_perf_review", "hr_gamification"],
    "data": [
        "data/gamification_badge_data.xml",
        "views/perf_appraisal_views.xml",
        "views/perf_feedback_views.xml",
    ],
}
