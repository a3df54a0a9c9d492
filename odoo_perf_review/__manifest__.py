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
    "depends": ["hr", "mail", "calendar", "web_hierarchy"],
    "data": [
        "security/perf_security.xml",
        "security/ir.model.access.csv",
        "data/perf_rating_scale_data.xml",
        "data/perf_criterion_data.xml",
        "data/perf_template_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/perf_review_views.xml",
        "views/perf_appraisal_views.xml",
        "views/perf_peer_nomination_wizard_views.xml",
        "views/perf_cycle_views.xml",
        "views/perf_checkin_views.xml",
        "views/perf_goal_views.xml",
        "views/perf_metric_views.xml",
        "views/perf_goal_template_views.xml",
        "views/hr_employee_views.xml",
        "views/perf_template_views.xml",
        "views/perf_rating_scale_views.xml",
        "views/perf_criterion_views.xml",
        "views/res_config_settings_views.xml",
        "views/perf_menus.xml",
        "report/perf_appraisal_report.xml",
    ],
    "demo": [
        "demo/perf_demo.xml",
        "demo/perf_goal_demo.xml",
        "demo/perf_appraisal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "odoo_perf_review/static/tests/tours/*.js",
        ],
    },
}
