/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {openPerformanceMenu} from "@odoo_perf_review/../tests/tours/perf_tour_utils";

// The manager approves the whole team's goals in one click, with no selection.
registry.category("web_tour.tours").add("odoo_perf_review_team_approve_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_goal"),
        {trigger: ".o_data_row td[name=state]:contains(Submitted)"},
        {
            content: "Approve the team's goals, nothing selected",
            trigger: ".o_control_panel button:contains(Approve my team):not(.o_list_button_add)",
            run: "click",
        },
        {trigger: ".o_notification:contains(Goals approved: 2)"},
        {trigger: ".o_data_row td[name=state]:contains(Approved)"},
        {
            content: "Nothing is left to approve",
            trigger: ".o_list_renderer:not(:has(td[name=state]:contains(Submitted)))",
        },
    ],
});

// The manager selects one goal and approves it from the list.
registry.category("web_tour.tours").add("odoo_perf_review_selection_approve_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_goal"),
        {
            content: "Select the goal",
            trigger: ".o_data_row:contains(Ship the release) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Approve the selection",
            trigger: ".o_control_panel button[name=action_approve_selection]",
            run: "click",
        },
        {trigger: ".o_notification:contains(Goals approved: 1)"},
        {trigger: ".o_data_row:contains(Ship the release) td[name=state]:contains(Approved)"},
    ],
});
