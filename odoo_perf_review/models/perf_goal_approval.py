# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.labels import selection_label
from ..tools.notifications import client_notification
from ..tools.recipients import in_lang_of

CLOSED_CYCLE_STATES = ("released", "closed")


class PerfGoalApproval(models.AbstractModel):
    """A goal's workflow: submitted by its owner as a set adding up to 100 %,
    approved by a manager above or HR, then done or cancelled. A mixin of
    ``perf.goal``."""

    _name = "perf.goal.approval.mixin"
    _description = "Goal: approval workflow"

    def _set_state(self, state, **extra):
        # Acting on a goal takes the right to change it (own drafts, the team's
        # goals, HR); the workflow then writes what the user may not.
        self.check_access("write")
        self._workflow().write(dict(extra, state=state))

    def action_submit(self):
        not_draft = self.filtered(lambda g: g.state != "draft")
        if not_draft:
            raise UserError(
                self.env._(
                    "Goal “%(goal)s” is already %(state)s.",
                    goal=not_draft[0].display_name,
                    state=selection_label(not_draft[0], "state").lower(),
                )
            )
        self._check_cycle_open(self.cycle_id)
        self._check_weights()
        # Submitting one goal submits the whole set, which was checked as a whole.
        goals = self
        for group in self._goal_sets().values():
            goals |= group.filtered(lambda g: g.state == "draft")
        goals = goals.with_env(self.env)
        goals._set_state("submitted")
        for goal in goals.filtered("employee_id"):
            manager_user = goal.employee_id.parent_id.user_id
            if manager_user:
                for_manager = in_lang_of(goal.sudo(), manager_user)
                for_manager.activity_schedule(
                    "odoo_perf_review.mail_activity_goal_approval",
                    user_id=manager_user.id,
                    note=escape(
                        for_manager.env._(
                            "Goals of %(employee)s to approve",
                            employee=goal.employee_id.name,
                        )
                    ),
                )
        return True

    def _check_can_approve(self):
        if self.env.su or self.env.user.has_group(
            "odoo_perf_review.group_perf_officer"
        ):
            return
        managed = self._managed_by_user()
        refused = self.filtered(lambda g: g.id not in managed)
        if refused:
            raise AccessError(
                self.env._(
                    "Only the manager of %(who)s or HR can approve goal “%(goal)s”.",
                    who=refused[0].employee_id.name
                    or refused[0].department_id.name
                    or refused[0].company_id.name,
                    goal=refused[0].display_name,
                )
            )

    def _approval_refusals(self):
        """Why goals of ``self`` cannot be approved now, as a list of
        ``(goals, reason, for_rights)``; empty when every one of them can.
        The same checks as :meth:`action_approve`, all of them at once."""
        refusals = []
        wrong = self.filtered(lambda g: g.state not in ("draft", "submitted"))
        for goal in wrong:
            refusals.append(
                (
                    goal,
                    self.env._(
                        "it is %(state)s, and only draft or submitted goals are "
                        "approved",
                        state=selection_label(goal, "state").lower(),
                    ),
                    False,
                )
            )
        rest = self - wrong
        if not (
            self.env.su
            or self.env.user.has_group("odoo_perf_review.group_perf_officer")
        ):
            managed = rest._managed_by_user()
            not_managed = rest.filtered(lambda g: g.id not in managed)
            for goal in not_managed:
                refusals.append(
                    (
                        goal,
                        self.env._(
                            "only the manager of %(who)s or HR can approve it",
                            who=goal.employee_id.name
                            or goal.department_id.name
                            or goal.company_id.name,
                        ),
                        True,
                    )
                )
            rest -= not_managed
        closed = rest.filtered(lambda g: g.cycle_id.state in CLOSED_CYCLE_STATES)
        for goal in closed:
            refusals.append(
                (
                    goal,
                    self.env._(
                        "cycle “%(cycle)s” is %(state)s",
                        cycle=goal.cycle_id.display_name,
                        state=selection_label(goal.cycle_id, "state").lower(),
                    ),
                    False,
                )
            )
        rest -= closed
        for _key, goals, message in rest._weight_problems():
            refusals.append((rest & goals, message, False))
        return refusals

    def _raise_approval_refusals(self, refusals):
        """One message naming every goal of the selection that cannot be
        approved, and why; nothing is approved."""
        lines = []
        for goals, reason, _for_rights in refusals:
            names = ", ".join(
                f"“{goal.display_name}” ({goal.employee_id.name})"
                if goal.employee_id
                else f"“{goal.display_name}”"
                for goal in goals
            )
            lines.append(f"• {names}: {reason}")
        message = self.env._(
            "None of the %(count)s selected goals was approved, because "
            "%(refused)s of them cannot be:\n%(lines)s\nLeave them out of the "
            "selection (the “To approve” filter shows only submitted goals) or "
            "fix them, then approve again.",
            count=len(self),
            refused=sum(len(goals) for goals, _reason, _rights in refusals),
            lines="\n".join(lines),
        )
        if any(for_rights for _goals, _reason, for_rights in refusals):
            raise AccessError(message)
        raise UserError(message)

    def _check_approvable(self):
        wrong = self.filtered(lambda g: g.state not in ("draft", "submitted"))
        if wrong:
            raise UserError(
                self.env._(
                    "Goal “%(goal)s” is %(state)s: only draft or submitted goals can "
                    "be approved.",
                    goal=wrong[0].display_name,
                    state=selection_label(wrong[0], "state").lower(),
                )
            )
        self._check_can_approve()
        self._check_cycle_open(self.cycle_id)
        self._check_weights()

    def action_approve(self):
        """Approve the goals of ``self``: all of them or none.

        When several goals are approved at once (the list's “Approve”) and
        some cannot be, none is approved and one message names each goal that
        cannot be, with the reason, so that nothing is half-done.
        """
        if len(self) > 1:
            # The same checks as below, every goal at once.
            refusals = self._approval_refusals()
            if refusals:
                self._raise_approval_refusals(refusals)
        else:
            self._check_approvable()
        self._set_state(
            "approved",
            approved_by_id=self.env.user.id,
            approved_date=fields.Datetime.now(),
        )
        self.activity_feedback(["odoo_perf_review.mail_activity_goal_approval"])
        return True

    def action_approve_selection(self):
        """The “Approve” of the goals list and of its Action menu: approves
        every selected goal, or none of them (see :meth:`action_approve`)."""
        if not self:
            raise UserError(self.env._("Select the goals to approve first."))
        self.action_approve()
        return client_notification(
            self.env._("Goals approved"),
            self.env._("Goals approved: %(count)s.", count=len(self)),
        )

    @api.model
    def action_approve_team_goals(self):
        """Approve, in one click, every submitted goal of the caller's team
        (everyone below them, at any depth) whose goal set adds up. The goal
        sets that do not are left submitted, and the notification says whose
        and why."""
        user = self.env.user
        if not user.has_group("odoo_perf_review.group_perf_manager"):
            raise AccessError(
                self.env._(
                    "Only managers approve the goals of their team: ask your "
                    "manager or HR to approve yours."
                )
            )
        team = self.env["hr.employee"]._perf_team_of(user)
        if not team:
            raise UserError(
                self.env._(
                    "Nobody reports to you, so there is no team's goals to "
                    "approve. HR sets you as the manager of your team members "
                    "on their employee records."
                )
            )
        goals = self.search(
            [
                ("owner", "=", "employee"),
                ("employee_id", "in", team.ids),
                ("state", "=", "submitted"),
                ("cycle_id.state", "not in", CLOSED_CYCLE_STATES),
            ]
        )
        title = self.env._("Team goals")
        if not goals:
            return client_notification(
                title,
                self.env._("No goal of your team is waiting for your approval."),
                kind="info",
                reload=False,
            )
        problems = goals._weight_problems()
        blocked = self.browse(
            list({goal.id for _key, group, _why in problems for goal in group})
        )
        ready = goals - blocked
        if ready:
            ready.action_approve()
        message = self.env._(
            "Goals approved: %(count)s (%(employees)s).",
            count=len(ready),
            employees=", ".join(sorted(set(ready.employee_id.mapped("name")))),
        )
        if not ready:
            message = self.env._("No goal approved.")
        if problems:
            message = self.env._(
                "%(approved)s Not approved, still submitted: %(reasons)s",
                approved=message,
                reasons=" ".join(why for _key, _group, why in problems),
            )
        return client_notification(
            title,
            message,
            kind="warning" if problems else "success",
            sticky=bool(problems),
        )

    def action_back_to_draft(self):
        """Recall a submission (owner) or reopen an approved goal (manager)."""
        for goal in self:
            if goal.state == "submitted":
                continue
            if goal.state == "approved":
                goal._check_can_approve()
                continue
            raise UserError(
                self.env._(
                    "Goal “%(goal)s” is %(state)s and cannot go back to draft.",
                    goal=goal.display_name,
                    state=selection_label(goal, "state").lower(),
                )
            )
        self._set_state("draft", approved_by_id=False, approved_date=False)
        self.activity_unlink(["odoo_perf_review.mail_activity_goal_approval"])
        return True

    def action_done(self):
        if self.filtered(lambda g: g.state != "approved"):
            raise UserError(self.env._("Only approved goals can be marked as done."))
        self._check_can_approve()
        self._set_state("done")
        return True

    def action_cancel(self):
        if self.filtered(lambda g: g.state in ("done", "cancelled")):
            raise UserError(self.env._("Done or cancelled goals stay as they are."))
        self.filtered(lambda g: g.state != "draft")._check_can_approve()
        self._set_state("cancelled")
        return True
