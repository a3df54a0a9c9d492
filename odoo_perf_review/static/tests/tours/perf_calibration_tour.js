/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {openPerformanceMenu} from "@odoo_perf_review/../tests/tours/perf_tour_utils";

// HR opens the calibration session, goes to the 9-box and changes a rating
// with a justification.
registry.category("web_tour.tours").add("odoo_perf_review_calibration_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_calibration"),
        {trigger: ".o_data_row td[name=name]:contains(Calibration tour)", run: "click"},
        {content: "Open the session", trigger: "button[name=action_open]", run: "click"},
        {trigger: ".o_statusbar_status .o_arrow_button_current:contains(In progress)"},
        {
            content: "The room sees who rates high",
            trigger: "a.nav-link[name=raters]",
            run: "click",
        },
        {trigger: ".o_field_widget[name=rater_ids] .o_data_row td[name=rater_employee_id]:contains(Tour Manager)"},
        {content: "The 9-box", trigger: "button[name=action_view_nine_box].oe_stat_button", run: "click"},
        {
            content: "Not placed yet: the potential is set by the managers",
            trigger: ".o_kanban_group:contains(Potential to set) .o_kanban_record:contains(Tour Employee)",
        },
        {
            content: "Change the rating from the card",
            trigger: ".o_kanban_record:contains(Tour Employee) button[name=action_open_change_wizard]",
            run: "click",
        },
        {trigger: ".modal .o_field_widget[name=level_id] input", run: "edit Meets"},
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(Meets)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=justification] textarea",
            run: "edit Half of the goals were reached by the team, not by her alone.",
        },
        {content: "Confirm", trigger: ".modal button[name=action_confirm]", run: "click"},
        {
            content: "The card shows the calibrated rating",
            trigger: ".o_kanban_record:contains(Tour Employee):contains(3 – Meets expectations)",
        },
    ],
});
