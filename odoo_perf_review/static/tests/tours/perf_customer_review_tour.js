/* Copyright 2026 odoo_perf_review contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";

// A customer opens the link of their invitation email, rates each competency,
// comments and sends the review (started on /perf/review/<token>, no login).
registry.category("web_tour.tours").add("odoo_perf_review_customer_review_tour", {
    steps: () => [
        {
            content: "The page says whom the feedback is about",
            trigger: ".o_perf_review_form h1:contains(Erin Employee)",
        },
        {
            content: "Rate the first competency",
            trigger:
                ".o_perf_criterion[data-criterion='Test quality'] label:contains(Exceeds expectations)",
            run: "click",
        },
        {
            trigger:
                ".o_perf_criterion[data-criterion='Test quality'] input[data-level-code='4']:checked",
        },
        {
            content: "Comment on it",
            trigger: ".o_perf_criterion[data-criterion='Test quality'] textarea",
            run: "edit Always answers within the day.",
        },
        {
            content: "Rate the second competency",
            trigger:
                ".o_perf_criterion[data-criterion='Test teamwork'] label:contains(Meets expectations)",
            run: "click",
        },
        {
            trigger:
                ".o_perf_criterion[data-criterion='Test teamwork'] input[data-level-code='3']:checked",
        },
        {
            content: "Write an overall comment",
            trigger: "textarea[name=comment]",
            run: "edit A pleasure to work with.",
        },
        {
            content: "Send the review",
            trigger: "button.o_perf_review_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The customer is thanked",
            trigger: ".o_perf_review_thanks:contains(Erin Employee)",
        },
    ],
});
