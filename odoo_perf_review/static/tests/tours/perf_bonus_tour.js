/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {openPerformanceMenu} from "@odoo_perf_review/../tests/tours/perf_tour_utils";

// HR computes the bonuses of a released cycle, checks the budget, approves.
registry.category("web_tour.tours").add("odoo_perf_review_bonus_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_cycle"),
        {trigger: ".o_data_row td[name=name]:contains(Bonus tour)", run: "click"},
        {trigger: "a.nav-link[name=bonuses]", run: "click"},
        {
            content: "The budget of the company",
            trigger: ".o_field_widget[name=bonus_pool_ids] .o_data_row td[name=amount]:contains(9,000)",
        },
        {trigger: "button[name=action_compute_bonuses]", run: "click"},
        {
            content: "Scaled down to the budget",
            trigger: ".o_data_row:has(td[name=wanted_amount]) td[name=amount]:contains(9,000.00)",
        },
        {trigger: ".o_list_view thead .o_list_record_selector input", run: "click"},
        {trigger: "button[name=action_approve]", run: "click"},
        {trigger: ".o_data_row td[name=state]:contains(Approved)"},
    ],
});
