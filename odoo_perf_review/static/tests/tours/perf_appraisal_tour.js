/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {openPerformanceMenu} from "@odoo_perf_review/../tests/tours/perf_tour_utils";


function rateCompetency(row, level) {
    return [
        {
            content: `Rate competency ${row}`,
            trigger: `.o_field_widget[name=line_ids] .o_data_row:nth-child(${row}) td[name=level_id]`,
            run: "click",
        },
        {
            trigger: `.o_field_widget[name=line_ids] .o_data_row:nth-child(${row}) .o_field_widget[name=level_id] input`,
            run: `edit ${level}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-menu .dropdown-item:contains(${level})`,
            run: "click",
        },
    ];
}

function writeReview(reviewee, level) {
    return [
        {
            content: `Open the review of ${reviewee}`,
            trigger: `.o_data_row td[name=reviewee_id]:contains(${reviewee})`,
            run: "click",
        },
        ...rateCompetency(1, level),
        ...rateCompetency(2, level),
        {
            trigger: ".o_field_widget[name=strengths] .odoo-editor-editable",
            run: "editor Clear and well organised",
        },
        {content: "Submit", trigger: "button[name=action_submit]", run: "click"},
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Submitted)",
        },
    ];
}

// An employee writes their self review.
registry.category("web_tour.tours").add("odoo_perf_review_self_review_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_review_to_write"),
        ...writeReview("Tour Employee", "Exceeds expectations"),
    ],
});

// The manager writes the manager review, then releases the results.
registry.category("web_tour.tours").add("odoo_perf_review_manager_release_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_review_to_write"),
        ...writeReview("Tour Employee", "Meets expectations"),
        ...openPerformanceMenu("odoo_perf_review.menu_perf_appraisal_team"),
        {
            content: "Open the appraisal",
            trigger: ".o_data_row td[name=employee_id]:contains(Tour Employee)",
            run: "click",
        },
        {trigger: "button[name=action_release]", run: "click"},
        {content: "Confirm", trigger: ".modal-footer .btn-primary", run: "click"},
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Released)",
        },
        {trigger: ".o_field_widget[name=final_level_id]:contains(Meets expectations)"},
    ],
});
