/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {stepUtils} from "@web_tour/tour_utils";

// Where each menu the tours use sits in the Performance app.
const SECTIONS = {
    "odoo_perf_review.menu_perf_goal_my": "odoo_perf_review.menu_perf_my",
    "odoo_perf_review.menu_perf_review_to_write": "odoo_perf_review.menu_perf_my",
    "odoo_perf_review.menu_perf_appraisal_my": "odoo_perf_review.menu_perf_my",
    "odoo_perf_review.menu_perf_appraisal_team": "odoo_perf_review.menu_perf_team",
    "odoo_perf_review.menu_perf_goal": "odoo_perf_review.menu_perf_team",
    "odoo_perf_review.menu_perf_cycle": "odoo_perf_review.menu_perf_cycles",
    "odoo_perf_review.menu_perf_appeal": "odoo_perf_review.menu_perf_cycles",
    "odoo_perf_review.menu_perf_calibration": "odoo_perf_review.menu_perf_cycles",
    "odoo_perf_review.menu_perf_quick_start": "odoo_perf_review.menu_perf_config",
    "odoo_perf_review.menu_perf_feedback": "odoo_perf_review.menu_perf_my",
    "odoo_perf_review.menu_perf_meeting": "odoo_perf_review.menu_perf_my",
    "odoo_perf_review.menu_perf_feedback_request": "odoo_perf_review.menu_perf_team",
    "odoo_perf_review.menu_perf_meeting_plan": "odoo_perf_review.menu_perf_team",
};

/** Steps that open the Performance app, then one of its menus. */
export function openPerformanceMenu(menuXmlid) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            trigger: ".o_app[data-menu-xmlid='odoo_perf_review.menu_perf_root']",
            run: "click",
        },
        {trigger: `button[data-menu-xmlid='${SECTIONS[menuXmlid]}']`, run: "click"},
        {trigger: `a[data-menu-xmlid='${menuXmlid}']`, run: "click"},
    ];
}
