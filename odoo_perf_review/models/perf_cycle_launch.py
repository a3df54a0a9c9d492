# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict

from odoo import models
from odoo.exceptions import UserError

from ..engine import rotation

_logger = logging.getLogger(__name__)


class PerfCycleLaunch(models.AbstractModel):
    """Launching a cycle: an appraisal per employee and the reviews its
    template asks (self, manager, peers proposed by rotation). A mixin of
    ``perf.cycle``."""

    _name = "perf.cycle.launch.mixin"
    _description = "Performance cycle: launch"

    def action_open_launch_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Launch appraisals"),
            "res_model": "perf.cycle.launch.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_cycle_id": self.id},
        }

    def _launch_for_all_employees(self):
        """Quick start: every employee of the company, the cycle's template."""
        for cycle in self:
            employees = self.env["hr.employee"].search(
                [("company_id", "=", cycle.company_id.id)]
            )
            cycle._launch_appraisals(employees, cycle.template_id)
        return True

    def _launch_appraisals(
        self,
        employees,
        template,
        propose_peers=True,
        top_policy="exclude",
        top_reviewer=None,
    ):
        """Create the missing appraisals of ``employees`` and their reviews.

        The top of the hierarchy (employees without a manager) follows
        ``top_policy``: ``"exclude"`` gives them no appraisal (they are returned
        as ``excluded``); ``"reviewed_by"`` appraises them with
        ``top_reviewer`` (an ``hr.employee``, e.g. a partner or a board member)
        as the manager who writes their manager review. The top reviewer is
        never their own reviewer: at the top themselves, they are excluded.

        A handful of queries and two batch creates, whatever the population.
        """
        self.ensure_one()
        # Those who run the cycle launch it; the workflow then creates what
        # nobody may create by hand.
        self.check_access("write")
        self._lock_cycles("launch")
        top_reviewer = self._check_top_policy(top_policy, top_reviewer)
        # Their department, job and manager are HR data an officer running
        # the cycle may not read directly.
        employees = employees.sudo()
        quiet = {
            "tracking_disable": True,
            "mail_create_nolog": True,
            "mail_create_nosubscribe": True,
            "mail_notrack": True,
        }
        Appraisal = self.env["perf.appraisal"]._workflow().with_context(**quiet)
        existing = Appraisal.search(
            [("cycle_id", "=", self.id), ("employee_id", "in", employees.ids)]
        )
        have = set(existing.employee_id.ids)
        top = employees.filtered(lambda employee: not employee.parent_id)
        if top_policy == "reviewed_by":
            excluded = top & top_reviewer
        else:
            excluded = top
        excluded = excluded.filtered(lambda employee: employee.id not in have)
        excluded_ids = set(excluded.ids)
        if top_reviewer:
            # Appraised earlier without a manager: the named person reviews them.
            existing.filtered(
                lambda a: (
                    a.state == "planned"
                    and not a.manager_id
                    and not a.employee_id.parent_id
                    and a.employee_id != top_reviewer
                )
            ).write({"manager_id": top_reviewer.id})
        # The hierarchy is read as the system: a Performance officer need not
        # be an Employees officer to know who leads a team.
        leaders = {
            manager.id
            for [manager] in self.env["hr.employee"]
            .sudo()
            ._read_group([("parent_id", "in", employees.ids)], ["parent_id"])
        }
        created = Appraisal.create(
            [
                {
                    "employee_id": employee.id,
                    "cycle_id": self.id,
                    "template_id": template.id,
                    "manager_id": (employee.parent_id or top_reviewer).id,
                    "department_id": employee.department_id.id,
                    "job_id": employee.job_id.id,
                    "is_manager": employee.id in leaders,
                }
                for employee in employees
                if employee.id not in have and employee.id not in excluded_ids
            ]
        )
        appraisals = existing | created
        review_count = self._create_missing_reviews(
            appraisals, template, propose_peers, quiet
        )
        if self.state in ("review", "calibration"):
            self._do_phase_work(appraisals.filtered(lambda a: a.state == "planned"))
        return {
            "created": len(created),
            "existing": len(existing),
            "reviews": review_count,
            "no_manager": appraisals.filtered(lambda a: not a.manager_id).employee_id,
            "excluded": excluded,
            "top_reviewed": created.filtered(
                lambda a: not a.employee_id.parent_id
            ).employee_id,
        }

    def _check_top_policy(self, top_policy, top_reviewer):
        """The top reviewer to use (an empty recordset when excluding)."""
        Employee = self.env["hr.employee"]
        if top_policy == "exclude":
            return Employee.browse()
        if top_policy != "reviewed_by":
            raise UserError(
                self.env._(
                    "Unknown choice “%(policy)s” for the top of the hierarchy: "
                    "exclude them, or have them reviewed by a named person.",
                    policy=top_policy,
                )
            )
        if not top_reviewer:
            raise UserError(
                self.env._(
                    "Name the person who reviews the employees without a manager "
                    "(e.g. a partner or a board member), or exclude them from "
                    "cycle “%(cycle)s”.",
                    cycle=self.display_name,
                )
            )
        top_reviewer = top_reviewer.sudo()
        top_reviewer.ensure_one()
        if top_reviewer.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "%(reviewer)s works for %(company)s, not for %(cycle_company)s: "
                    "choose a reviewer of the company of cycle “%(cycle)s”.",
                    reviewer=top_reviewer.name,
                    company=top_reviewer.company_id.name,
                    cycle_company=self.company_id.name,
                    cycle=self.display_name,
                )
            )
        if not top_reviewer.user_id:
            raise UserError(
                self.env._(
                    "%(reviewer)s has no user, so could not write the manager "
                    "reviews of the top of the hierarchy: give them a user first, "
                    "or name someone else.",
                    reviewer=top_reviewer.name,
                )
            )
        return top_reviewer.with_env(self.env)

    def _create_missing_reviews(self, appraisals, template, propose_peers, quiet):
        Review = self.env["perf.review"]._workflow().with_context(**quiet)
        keys = set()
        peers_of = defaultdict(set)
        for review in Review.search_read(
            [("appraisal_id", "in", appraisals.ids), ("state", "!=", "cancelled")],
            ["appraisal_id", "rater_type", "reviewer_employee_id"],
            load=None,
        ):
            keys.add(
                (
                    review["appraisal_id"],
                    review["rater_type"],
                    review["reviewer_employee_id"],
                )
            )
            if review["rater_type"] == "peer":
                peers_of[review["appraisal_id"]].add(review["reviewer_employee_id"])
        team_of = defaultdict(list)
        if propose_peers and template.peer_weight and template.peer_max:
            for employee in appraisals.employee_id.sorted("id"):
                if employee.parent_id:
                    team_of[employee.parent_id.id].append(employee.id)
        vals_list = []

        def add(appraisal, rater_type, reviewer_id, **extra):
            key = (appraisal.id, rater_type, reviewer_id)
            if key not in keys:
                keys.add(key)
                vals_list.append(
                    dict(
                        extra,
                        appraisal_id=appraisal.id,
                        rater_type=rater_type,
                        reviewer_employee_id=reviewer_id,
                    )
                )

        for appraisal in appraisals:
            employee = appraisal.employee_id
            if template.self_weight and employee.user_id:
                add(appraisal, "self", employee.id)
            if template.manager_weight and appraisal.manager_id:
                add(appraisal, "manager", appraisal.manager_id.id)
            team = team_of.get(employee.parent_id.id, [])
            if len(team) > 1:
                # The next colleagues in a fixed order: everyone reviews about
                # as many peers as they are reviewed by.
                taken = peers_of[appraisal.id]
                for colleague_id in rotation.next_peers(
                    team, employee.id, template.peer_max - len(taken), taken
                ):
                    add(
                        appraisal,
                        "peer",
                        colleague_id,
                        anonymous=template.peers_anonymous,
                    )
        Review.create(vals_list)
        return len(vals_list)
