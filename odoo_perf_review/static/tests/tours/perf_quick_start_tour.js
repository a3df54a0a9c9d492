/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

// The boss of a 10-person shop, in a fresh database: from nothing to a launched
// quarterly cycle with goals for everyone and a bonus budget. Every click and
// every typed field is a step here: the test counts them.
registry.category("web_tour.tours").add("odoo_perf_review_quick_start_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Performance app: it opens on the overview",
            trigger: ".o_app[data-menu-xmlid='odoo_perf_review.menu_perf_root']",
            run: "click",
        },
        {
            content: "Nothing is set up yet: the overview offers the quick start",
            trigger: "button.o_perf_overview_quick_start",
            run: "click",
        },
        {
            content: "The method fitting a small shop is proposed",
            trigger: ".modal .o_field_widget[name=method_advice]:contains(Recommended)",
        },
        {
            content: "Improve delivery too",
            trigger: ".modal .o_field_widget[name=focus_delivery] input",
            run: "click",
        },
        {
            content: "A goal for delivery is proposed for each job position",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains(Deliveries on time)",
        },
        {
            content: "The bonus budget",
            trigger: ".modal .o_field_widget[name=bonus_budget] input",
            run: "edit 9000",
        },
        {
            content: "Launch",
            trigger: ".modal button[name=action_launch]",
            run: "click",
        },
        {
            content: "The cycle is running: goal setting",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Goal setting)",
        },
    ],
});
