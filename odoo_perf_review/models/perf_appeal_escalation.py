# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from markupsafe import escape

from odoo import api, fields, models

from ..tools.cron_batches import apply_in_batches
from ..tools.recipients import in_lang_of
from .perf_appeal_filing import OPEN_STATES


class PerfAppealEscalation(models.AbstractModel):
    """Undecided appeals past their deadline escalated to the Performance
    administrators (the scheduled action): a mixin of ``perf.appeal``."""

    _name = "perf.appeal.escalation"
    _description = "Appeal: escalation when overdue"

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_escalate_overdue(self):
        """Undecided appeals past their deadline go to the Performance
        administrators, and keep reminding every few days until decided.

        The due appeals are read first, then escalated in batches that write
        ``last_escalation_date`` with the activities: a run killed halfway
        resumes without escalating an appeal twice.
        """
        now = fields.Datetime.now()
        today = now.date()
        overdue = self.search(
            [("state", "in", OPEN_STATES), ("decision_deadline", "<", now)]
        )
        due = overdue.filtered(
            lambda a: (
                not a.last_escalation_date
                or (today - a.last_escalation_date).days
                >= (a.company_id.perf_appeal_reminder_days or 1)
            )
        )
        admins = (
            self.env.ref("odoo_perf_review.group_perf_admin")
            .sudo()
            .all_user_ids.filtered(lambda u: not u.share and u.active and u.id != 1)
        )
        # Iterating one recordset prefetches the reviews of all the appraisals.
        raters = {
            appraisal.id: self._raters_of(appraisal) for appraisal in due.appraisal_id
        }

        def escalate(batch):
            for appeal in batch:
                targets = admins.filtered(
                    lambda u, c=appeal.company_id: c in u.company_ids
                )
                for user in targets - raters[appeal.appraisal_id.id]:
                    for_user = in_lang_of(appeal, user)
                    for_user.activity_schedule(
                        "odoo_perf_review.mail_activity_appeal",
                        user_id=user.id,
                        note=escape(
                            for_user.env._(
                                "Overdue appeal of %(employee)s: decision was due on "
                                "%(deadline)s (handler: %(handler)s).",
                                employee=appeal.employee_id.name,
                                deadline=appeal.decision_deadline.date(),
                                handler=appeal.handler_id.name,
                            )
                        ),
                    )
                appeal._workflow().write(
                    {
                        "escalation_count": appeal.escalation_count + 1,
                        "last_escalation_date": today,
                    }
                )

        return apply_in_batches(due, escalate, what="Appeal")
