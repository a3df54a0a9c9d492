/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

/** Steps that open the Performance app, which opens on its overview. */
function openOverview() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Performance app",
            trigger: ".o_app[data-menu-xmlid='odoo_perf_review.menu_perf_root']",
            run: "click",
        },
        {
            content: "The app opens on the overview",
            trigger: ".o_perf_overview [data-section=me]",
        },
    ];
}

// An employee sees what to do now, and opens the goal still in draft.
registry.category("web_tour.tours").add("odoo_perf_review_overview_employee", {
    url: "/odoo",
    steps: () => [
        ...openOverview(),
        {
            content: "No team and no cycle figures for an employee",
            trigger:
                ".o_perf_overview:not(:has([data-section=team])):not(:has([data-section=hr]))",
        },
        {
            content: "One goal to set",
            trigger: "[data-card=me_goals] .o_perf_overview_number:contains(1)",
        },
        {
            content: "Nothing to sign yet",
            trigger: "[data-card=me_results] .o_perf_overview_number:contains(0)",
        },
        {
            content: "Open the draft goal",
            trigger:
                "[data-card=me_goals] .o_perf_overview_item:contains(Draft the onboarding guide)",
            run: "click",
        },
        {
            content: "The goal's form",
            trigger:
                ".o_form_view .o_field_widget[name=name] input:value(Draft the onboarding guide)",
        },
    ],
});

// A manager sees the team's progress and opens the goal waiting for approval.
registry.category("web_tour.tours").add("odoo_perf_review_overview_manager", {
    url: "/odoo",
    steps: () => [
        ...openOverview(),
        {
            content: "No cycle figures for a manager",
            trigger: ".o_perf_overview:not(:has([data-section=hr]))",
        },
        {
            content: "The team's goals by state",
            trigger: "[data-section=team] [data-card=team_goals]:contains(1 submitted)",
        },
        {
            content: "One goal to approve",
            trigger: "[data-card=team_to_approve] .o_perf_overview_number:contains(1)",
        },
        {
            content: "Open it",
            trigger:
                "[data-card=team_to_approve] .o_perf_overview_item:contains(Answer tickets within a day)",
            run: "click",
        },
        {
            content: "The manager can approve it from its form",
            trigger: ".o_form_view button[name=action_approve]",
        },
    ],
});

// HR follows the running cycle and opens its appraisals.
registry.category("web_tour.tours").add("odoo_perf_review_overview_hr", {
    url: "/odoo",
    steps: () => [
        ...openOverview(),
        {
            content: "The running cycle, in goal setting",
            trigger:
                "[data-section=hr] [data-card=hr_phase]:contains(Overview tour cycle) .o_perf_phase_current:contains(Goal setting)",
        },
        {
            content: "The rating distribution waits for ratings",
            trigger: "[data-card=hr_distribution]",
        },
        {
            content: "Open the cycle's appraisals",
            trigger: "[data-card=hr_appraisals] .o_perf_overview_figure",
            run: "click",
        },
        {
            content: "The employee's appraisal is listed",
            trigger: ".o_list_view .o_data_row:contains(Tour Overview Employee)",
        },
    ],
});
