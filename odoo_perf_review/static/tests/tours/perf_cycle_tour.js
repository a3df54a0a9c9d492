/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {openPerformanceMenu} from "@odoo_perf_review/../tests/tours/perf_tour_utils";

// An HR officer plans a quarterly cycle from the menu and starts it.
registry.category("web_tour.tours").add("odoo_perf_review_cycle_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_cycle"),
        {
            content: "Plan a new cycle",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Quarterly is the default frequency",
            trigger: ".o_field_widget[name=frequency] input:value(Quarterly)",
        },
        {
            content: "The name is suggested from the period",
            trigger: ".o_field_widget[name=name] input:value(/Q[1-4]/)",
        },
        {
            content: "Choose the KPI template",
            trigger: ".o_field_widget[name=template_id] input",
            run: "edit KPI",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(KPI)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Start the cycle",
            trigger: ".o_form_saved button[name=action_start]",
            run: "click",
        },
        {
            content: "Goal setting is open",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Goal setting)",
        },
    ],
});
