/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {openPerformanceMenu} from "@odoo_perf_review/../tests/tours/perf_tour_utils";


// The employee appeals the released result.
registry.category("web_tour.tours").add("odoo_perf_review_appeal_file_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_appraisal_my"),
        {trigger: ".o_data_row td[name=employee_id]", run: "click"},
        {content: "Appeal", trigger: "button[name=action_file_appeal]", run: "click"},
        {
            trigger: ".o_field_widget[name=explanation] .odoo-editor-editable",
            run: "editor The launch goal was reached before the deadline.",
        },
        {trigger: ".o_form_button_save", run: "click"},
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Submitted)",
        },
        {content: "Back to the appraisal", trigger: ".o_breadcrumb .breadcrumb-item a", run: "click"},
        {trigger: ".o_list_view, .o_form_view:not(:has(.o_field_widget[name=explanation]))"},
    ],
});

// The independent handler accepts it with a revised rating and an explanation.
registry.category("web_tour.tours").add("odoo_perf_review_appeal_decide_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_appeal"),
        {trigger: ".o_data_row td[name=employee_id]", run: "click"},
        {content: "Decide", trigger: "button[name=action_open_decision_wizard]", run: "click"},
        {trigger: ".modal .o_field_widget[name=outcome] input[data-value=accepted]", run: "click"},
        {
            trigger: ".modal .o_field_widget[name=revised_level_id] input",
            run: "edit Meets",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(Meets)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=decision] .odoo-editor-editable",
            run: "editor The goal evidence is confirmed by the project records.",
        },
        {content: "Accept", trigger: ".modal button[name=action_decide]", run: "click"},
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Accepted)",
        },
    ],
});
