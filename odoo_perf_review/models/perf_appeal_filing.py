# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.labels import selection_label

OPEN_STATES = ("submitted", "under_review")
DECIDED_STATES = ("accepted", "partly_accepted", "rejected")


def add_working_days(calendar, start, days):
    """The end of the ``days``-th working day after ``start`` (a datetime)."""
    tz = pytz.timezone(calendar.tz or "UTC")
    local_next_day = datetime.combine(
        start.astimezone(tz).date() + timedelta(days=1), time.min
    )
    planned = calendar.plan_days(days, tz.localize(local_next_day), compute_leaves=True)
    # The whole of that working day counts, in the company's timezone.
    day_end = tz.localize(datetime.combine(planned.astimezone(tz).date(), time.max))
    return day_end.astimezone(pytz.UTC).replace(tzinfo=None, microsecond=0)


class PerfAppealFiling(models.AbstractModel):
    """Who may appeal a released result and until when (working days of the
    company's calendar), and who handles it (never a rater): a mixin of
    ``perf.appeal``."""

    _name = "perf.appeal.filing"
    _description = "Appeal: who may file, until when, who decides"

    # ------------------------------------------------------------------
    # Filing
    # ------------------------------------------------------------------
    @api.model
    def _appeal_window_end(self, appraisal):
        calendar = appraisal.company_id.resource_calendar_id
        days = appraisal.company_id.perf_appeal_window_days
        if not appraisal.released_date or not calendar:
            return False
        return add_working_days(calendar, appraisal.released_date, days)

    @api.model
    def _check_can_file(self, appraisal, now=None):
        now = now or fields.Datetime.now()
        if appraisal.employee_id.user_id != self.env.user:
            raise AccessError(
                self.env._(
                    "Only %(employee)s can appeal this appraisal.",
                    employee=appraisal.employee_id.name,
                )
            )
        if appraisal.state not in ("released", "acknowledged"):
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” is not released yet: an appeal can "
                    "be filed once you have seen your results.",
                    appraisal=appraisal.display_name,
                )
            )
        window_end = self._appeal_window_end(appraisal)
        if window_end and now > window_end:
            raise UserError(
                self.env._(
                    "The appeal window of “%(appraisal)s” closed on %(end)s "
                    "(%(days)s working days after the release). Talk to HR if "
                    "something prevented you from appealing in time.",
                    appraisal=appraisal.display_name,
                    end=fields.Datetime.context_timestamp(self, window_end).strftime(
                        "%Y-%m-%d %H:%M"
                    ),
                    days=appraisal.company_id.perf_appeal_window_days,
                )
            )
        previous = self.sudo().search(
            [
                ("appraisal_id", "=", appraisal.id),
                ("state", "in", OPEN_STATES + DECIDED_STATES),
            ],
            limit=1,
        )
        if previous.state in OPEN_STATES:
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” already has an open appeal: add "
                    "to it, or withdraw it first.",
                    appraisal=appraisal.display_name,
                )
            )
        if previous:
            raise UserError(
                self.env._(
                    "The appeal of “%(appraisal)s” was decided on %(date)s "
                    "(%(outcome)s): that decision closes the matter, and the "
                    "result cannot be appealed again.",
                    appraisal=appraisal.display_name,
                    date=previous.decision_date
                    and fields.Date.to_string(previous.decision_date.date()),
                    outcome=selection_label(previous, "state").lower(),
                )
            )

    def _raters_of(self, appraisal):
        """Users who rated the employee: they can never decide the appeal."""
        reviews = appraisal.sudo().review_ids.filtered(lambda r: r.state == "submitted")
        return (
            reviews.reviewer_user_id
            | appraisal.sudo().manager_user_id
            | appraisal.employee_id.user_id
        )

    def _default_handler(self, appraisal):
        company = appraisal.company_id
        excluded = self._raters_of(appraisal)
        candidates = self.env["res.users"]
        manager_manager = appraisal.sudo().manager_id.parent_id.user_id
        if company.perf_appeal_handler == "manager_manager":
            candidates |= manager_manager
        candidates |= appraisal.cycle_id.user_id
        candidates |= manager_manager
        officers = self.env.ref("odoo_perf_review.group_perf_officer").all_user_ids
        candidates |= officers.filtered(lambda u: company in u.company_ids)
        for user in candidates:
            if user not in excluded and not user.share and user.active:
                return user
        return self.env["res.users"]
