/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {openPerformanceMenu} from "@odoo_perf_review/../tests/tours/perf_tour_utils";

const tours = registry.category("web_tour.tours");

function pick(fieldName, text, scope = "") {
    return [
        {
            trigger: `${scope} .o_field_widget[name=${fieldName}] input`,
            run: `edit ${text}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-menu .dropdown-item:contains(${text})`,
            run: "click",
        },
    ];
}

function addLine(fieldName, text) {
    return [
        {
            trigger: `.o_field_widget[name=${fieldName}] .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            trigger: `.o_field_widget[name=${fieldName}] .o_data_row.o_selected_row .o_field_widget[name=name] input`,
            run: `edit ${text}`,
        },
    ];
}

// An employee praises a colleague, publicly.
tours.add("odoo_perf_review_give_praise_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_feedback"),
        {trigger: ".o_list_button_add", run: "click"},
        ...pick("receiver_id", "Tour Colleague"),
        {trigger: ".o_field_widget[name=kind] input[data-value=praise]", run: "click"},
        {
            trigger: ".o_field_widget[name=visibility] input[data-value=public]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=message] .odoo-editor-editable",
            run: "editor Thank you for covering the customer call on Friday.",
        },
        {trigger: ".o_form_button_save", run: "click"},
        {trigger: ".o_form_saved"},
    ],
});

// The manager asks a colleague for feedback about their report.
tours.add("odoo_perf_review_request_feedback_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_feedback_request"),
        ...pick("employee_id", "Tour Employee", ".modal"),
        ...pick("giver_ids", "Tour Colleague", ".modal"),
        {
            trigger: ".modal .o_field_widget[name=question] textarea",
            run: "edit How does Tour Employee run the weekly demo?",
        },
        {trigger: ".modal button[name=action_request]", run: "click"},
        {trigger: ".o_notification:contains(Feedback requested)"},
    ],
});

// The manager plans a weekly series and prepares the first one-on-one.
tours.add("odoo_perf_review_plan_one_on_one_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_meeting_plan"),
        ...pick("employee_id", "Tour Employee", ".modal"),
        {
            trigger: ".modal .o_field_widget[name=frequency] input[data-value=weekly]",
            run: "click",
        },
        {trigger: ".modal .o_field_widget[name=count] input", run: "edit 4"},
        {trigger: ".modal button[name=action_plan]", run: "click"},
        {trigger: ".o_form_view .o_field_widget[name=agenda_item_ids]"},
        ...addLine("agenda_item_ids", "Staffing of the spring project"),
        {trigger: "a.nav-link[name=notes]", run: "click"},
        {
            trigger: ".o_field_widget[name=my_private_note] .odoo-editor-editable",
            run: "editor Ask whether the workload is sustainable.",
        },
        {trigger: ".o_form_button_save", run: "click"},
        {trigger: ".o_form_saved"},
    ],
});

// The employee adds to the agenda and keeps a private note.
tours.add("odoo_perf_review_prepare_one_on_one_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_meeting"),
        {trigger: ".o_data_row:last td[name=employee_id]", run: "click"},
        {trigger: ".o_field_widget[name=agenda_item_ids] .o_data_row:contains(spring project)"},
        ...addLine("agenda_item_ids", "Training budget for next quarter"),
        {trigger: "a.nav-link[name=notes]", run: "click"},
        {
            trigger: ".o_field_widget[name=my_private_note] .odoo-editor-editable",
            run: "editor Mention the offer from the other team.",
        },
        {trigger: ".o_form_button_save", run: "click"},
        {trigger: ".o_form_saved"},
    ],
});

// The manager holds it: shared notes, an action item, marked as held.
tours.add("odoo_perf_review_hold_one_on_one_tour", {
    url: "/odoo",
    steps: () => [
        ...openPerformanceMenu("odoo_perf_review.menu_perf_meeting"),
        {trigger: ".o_data_row:last td[name=employee_id]", run: "click"},
        {trigger: ".o_field_widget[name=agenda_item_ids] .o_data_row:contains(Training budget)"},
        {trigger: "a.nav-link[name=notes]", run: "click"},
        {
            trigger: ".o_field_widget[name=shared_notes] .odoo-editor-editable",
            run: "editor Agreed: two days of training in May.",
        },
        {trigger: "a.nav-link[name=actions]", run: "click"},
        ...addLine("action_item_ids", "Send the training catalogue"),
        {trigger: ".o_form_button_save", run: "click"},
        {trigger: ".o_form_saved"},
        {trigger: "button[name=action_hold]", run: "click"},
        {trigger: ".o_statusbar_status .o_arrow_button_current:contains(Held)"},
    ],
});
