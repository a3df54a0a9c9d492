/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {openPerformanceMenu} from "@odoo_perf_review/../tests/tours/perf_tour_utils";


function draftGoal(name, weight, target) {
    return [
        {
            content: `Draft “${name}”`,
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {trigger: ".o_field_widget[name=name] input", run: `edit ${name}`},
        {trigger: ".o_field_widget[name=weight] input", run: `edit ${weight}`},
        {trigger: ".o_field_widget[name=target] input", run: `edit ${target}`},
        {trigger: ".o_form_button_save", run: "click"},
        {trigger: ".o_form_saved"},
    ];
}

// An employee drafts two weighted goals and submits them.
registry.category("web_tour.tours").add("odoo_perf_review_goal_submit_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_goal_my"),
        ...draftGoal("Answer tickets within a day", 60, 95),
        {
            content: "Back to my goals",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        ...draftGoal("Write the onboarding guide", 40, 1),
        {
            content: "Submit the goals to my manager",
            trigger: "button[name=action_submit]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Submitted)",
        },
    ],
});

// The manager approves both goals.
registry.category("web_tour.tours").add("odoo_perf_review_goal_approve_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_goal"),
        ...["Answer tickets within a day", "Write the onboarding guide"].flatMap(
            (name) => [
                {
                    content: `Open “${name}”`,
                    trigger: `.o_data_row td[name=name]:contains(${name})`,
                    run: "click",
                },
                {trigger: "button[name=action_approve]", run: "click"},
                {
                    trigger:
                        ".o_statusbar_status .o_arrow_button_current:contains(Approved)",
                },
                {trigger: ".o_breadcrumb .breadcrumb-item a", run: "click"},
            ]
        ),
        {trigger: ".o_data_row td[name=state]:contains(Approved)"},
    ],
});
