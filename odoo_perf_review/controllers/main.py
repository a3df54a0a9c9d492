# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The page where an external customer answers their review, by token."""

import hmac

from odoo import http
from odoo.http import request
from odoo.tools import plaintext2html

# Tokens are secrets.token_urlsafe(32): 43 characters. Anything much longer is
# not worth a query.
TOKEN_MAX_LENGTH = 128
COMMENT_MAX_LENGTH = 10000
REFUSAL_STATUS = {"not_found": 404, "used": 410, "expired": 410, "closed": 410}
# The URL is a secret: keep it out of caches, referrers and search engines.
PAGE_HEADERS = [
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Robots-Tag", "noindex, nofollow"),
]


class PerfReviewController(http.Controller):
    @http.route(
        "/perf/review/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
    )
    def perf_customer_review(self, token, **post):
        """The customer's review form (GET) and its answers (POST).

        A frontend page (``website=True``, handled by http_routing, which the
        portal brings in): it is shown in the visitor's language (URL prefix,
        language cookie or browser) and portal's layout gets its values.
        """
        review = self._review_from_token(token)
        if not review:
            return self._render_refusal("not_found")
        refusal = review._customer_link_refusal()
        if refusal:
            return self._render_refusal(refusal)
        if request.httprequest.method == "POST":
            return self._submit(review, token, post)
        return self._render_form(review, token)

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def _review_from_token(self, token):
        """The customer review of ``token``, or an empty recordset.

        The exact token is looked up, then compared in constant time, so that
        the answer does not depend on how much of a guess was right.
        """
        Review = request.env["perf.review"].sudo()
        if not token or len(token) > TOKEN_MAX_LENGTH:
            return Review
        review = Review.search(
            [("access_token", "=", token), ("rater_type", "=", "customer")],
            limit=1,
        )
        if review and hmac.compare_digest(review.access_token.encode(), token.encode()):
            return review
        return Review

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------
    def _render(self, template, values, status=200):
        lang = request.env.lang or "en_US"
        values = dict(values, lang=lang, html_data={"lang": lang.replace("_", "-")})
        return request.render(template, values, status=status, headers=PAGE_HEADERS)

    def _render_refusal(self, reason):
        """One page for every refusal, which says nothing about the review."""
        return self._render(
            "odoo_perf_review.perf_review_page_refused",
            {"reason": reason, "title": request.env._("Review")},
            status=REFUSAL_STATUS[reason],
        )

    def _render_form(
        self, review, token, levels=None, comments=None, overall="", error=None
    ):
        levels = levels or {}
        comments = comments or {}
        scale_levels = review.appraisal_id.template_id.rating_scale_id.level_ids
        criteria = []
        for line in review.line_ids.filtered("criterion_id"):
            criterion = line.criterion_id
            described = {
                desc.rating_level_id.id: desc.description
                for desc in criterion.level_ids
                if desc.description
            }
            criteria.append(
                {
                    "line": line,
                    "criterion": criterion,
                    "levels": [
                        (level, described.get(level.id) or level.description or "")
                        for level in scale_levels.sorted(lambda lv: lv.sequence)
                    ],
                    "level": levels.get(line.id),
                    "comment": comments.get(line.id, ""),
                    "invalid": bool(error) and not levels.get(line.id),
                }
            )
        employee = review.reviewee_id
        return self._render(
            "odoo_perf_review.perf_review_page_form",
            {
                "review": review,
                "token": token,
                "employee": employee,
                "company": review.company_id,
                "res_company": review.company_id,
                "criteria": criteria,
                "overall": overall,
                "error": error,
                "title": request.env._(
                    "Your feedback on %(employee)s", employee=employee.name
                ),
            },
            status=200,
        )

    def _submit(self, review, token, post):
        scale_levels = review.appraisal_id.template_id.rating_scale_id.level_ids
        lines = review.line_ids.filtered("criterion_id")
        by_id = {str(level.id): level for level in scale_levels}
        levels, comments, missing = {}, {}, []
        for line in lines:
            level = by_id.get(post.get(f"level_{line.id}"))
            if level:
                levels[line.id] = level
            else:
                missing.append(line.criterion_id.name)
            comments[line.id] = (post.get(f"comment_{line.id}") or "").strip()
        overall = (post.get("comment") or "").strip()
        error = None
        if missing:
            error = request.env._(
                "Please pick a level for every competency: %(names)s.",
                names=", ".join(missing),
            )
        elif any(
            len(text) > COMMENT_MAX_LENGTH for text in [overall, *comments.values()]
        ):
            error = request.env._(
                "Please keep each comment under %(count)s characters.",
                count=COMMENT_MAX_LENGTH,
            )
        if error:
            return self._render_form(
                review, token, levels, comments, overall, error=error
            )
        review._submit_customer_answers(
            levels, comments, plaintext2html(overall) if overall else False
        )
        return self._render(
            "odoo_perf_review.perf_review_page_thanks",
            {
                "employee": review.reviewee_id,
                "res_company": review.company_id,
                "title": request.env._("Thank you"),
            },
        )
