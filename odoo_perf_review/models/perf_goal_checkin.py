# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..tools.cron_batches import apply_in_batches
from ..tools.recipients import in_lang_of


class PerfGoalCheckin(models.AbstractModel):
    """A goal's follow-up: its check-ins, the actual value a manual goal
    takes from them, and the reminders to check in. A mixin of
    ``perf.goal``."""

    _name = "perf.goal.checkin.mixin"
    _description = "Goal: check-ins and reminders"

    checkin_count = fields.Integer(compute="_compute_checkin_count")
    last_checkin_date = fields.Date(
        compute="_compute_last_checkin_date", store=True, string="Last check-in"
    )

    def _compute_checkin_count(self):
        counts = dict(
            self.env["perf.checkin"]._read_group(
                [("goal_id", "in", self.ids)], ["goal_id"], ["__count"]
            )
        )
        for goal in self:
            goal.checkin_count = counts.get(goal, 0)

    @api.depends("checkin_ids.date")
    def _compute_last_checkin_date(self):
        last = dict(
            self.env["perf.checkin"]._read_group(
                [("goal_id", "in", self.ids)], ["goal_id"], ["date:max"]
            )
        )
        for goal in self:
            goal.last_checkin_date = last.get(goal, False)

    def _take_latest_checkin(self):
        """Manually measured goals take their latest check-in (by date) as
        their actual value; a back-dated check-in does not overwrite a newer
        one."""
        manual = self.filtered(lambda g: not g.metric_id)
        latest = {}
        for checkin in (
            self.env["perf.checkin"]
            .sudo()
            .search([("goal_id", "in", manual.ids)], order="date desc, id desc")
        ):
            latest.setdefault(checkin.goal_id.id, checkin.value)
        for goal in manual:
            if goal.id in latest and (
                goal.actual != latest[goal.id] or not goal.has_actual
            ):
                # A first check-in at 0 measures the goal too.
                goal._workflow().actual = latest[goal.id]

    @api.model
    def _cron_checkin_reminders(self):
        """Remind owners of approved goals that had no check-in for a while.

        One activity per goal at most: an open reminder is not duplicated.
        """
        today = fields.Date.context_today(self)
        goals = self.search(
            [
                ("state", "=", "approved"),
                ("owner", "=", "employee"),
                ("metric_id", "=", False),
                # objectives are graded by their key results, which get the reminder
                ("goal_type", "!=", "objective"),
                ("cycle_id.state", "in", ("goal_setting", "in_progress")),
            ]
        )
        activity_type = self.env.ref("odoo_perf_review.mail_activity_goal_checkin")
        already = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", goals.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        due = goals.filtered(
            lambda goal: goal.id not in already and goal._checkin_reminder_due(today)
        )

        def remind(batch):
            vals_list = []
            # The summary in each owner's language (one translator per language).
            translators = {}
            for goal in batch:
                user = goal.employee_id.user_id or goal.employee_id.parent_id.user_id
                if not user:
                    continue
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": goal.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": today,
                        "summary": translators.setdefault(
                            user.lang, in_lang_of(self, user).env._
                        )("Check in on “%(goal)s”", goal=goal.name),
                        "automated": True,
                    }
                )
            self.env["mail.activity"].create(vals_list)

        return apply_in_batches(due, remind, what="Goal")

    def _checkin_reminder_due(self, today):
        self.ensure_one()
        days = self.company_id.perf_checkin_reminder_days
        last = (
            self.last_checkin_date
            or (self.approved_date and self.approved_date.date())
            or self.cycle_id.date_start
        )
        return bool(days) and (today - last).days >= days
