# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..engine import EngineError
from ..engine import bonus as bonus_engine
from ..tools.engine_errors import engine_user_error

LOCKED_STATES = ("approved", "paid")


class PerfBonusLine(models.Model):
    """The bonus one employee earns for one cycle, from their final rating."""

    _name = "perf.bonus.line"
    _description = "Bonus Line"
    _inherit = ["mail.thread", "perf.workflow.guard"]
    _order = "cycle_id desc, department_id, employee_id"
    _check_company_auto = True

    # Every figure comes from the final rating, the policy and the budget:
    # nobody types an amount, and the state moves by the buttons.
    _perf_workflow_fields = frozenset(
        {
            "appraisal_id",
            "employee_id",
            "employee_user_id",
            "department_id",
            "cycle_id",
            "company_id",
            "policy_id",
            "pool_id",
            "level_id",
            "base",
            "multiplier",
            "share",
            "wanted_amount",
            "amount",
            "state",
            "needs_review",
            "proposed_difference",
            "approved_by_id",
            "approved_date",
            "paid_date",
        }
    )
    _perf_create_fields = frozenset()

    appraisal_id = fields.Many2one(
        "perf.appraisal", required=True, index=True, ondelete="restrict", readonly=True
    )
    employee_id = fields.Many2one(related="appraisal_id.employee_id", store=True)
    employee_user_id = fields.Many2one(
        related="appraisal_id.employee_id.user_id", store=True, string="Employee user"
    )
    department_id = fields.Many2one(related="appraisal_id.department_id", store=True)
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True, index=True)
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    policy_id = fields.Many2one("perf.bonus.policy", required=True, readonly=True)
    pool_id = fields.Many2one("perf.bonus.pool", readonly=True, index=True)
    level_id = fields.Many2one("perf.rating.level", string="Rating", readonly=True)
    base = fields.Monetary(currency_field="currency_id", readonly=True)
    multiplier = fields.Float("Multiplier (%)", digits=(5, 1), readonly=True)
    share = fields.Float(
        "Pro rata", digits=(5, 4), readonly=True, help="Share of the cycle worked."
    )
    wanted_amount = fields.Monetary(
        "Before pool", currency_field="currency_id", readonly=True
    )
    amount = fields.Monetary(currency_field="currency_id", readonly=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("paid", "Paid")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    needs_review = fields.Boolean(
        readonly=True,
        tracking=True,
        help="The rating changed after approval (appeal): see the proposed difference.",
    )
    proposed_difference = fields.Monetary(
        currency_field="currency_id", readonly=True, tracking=True
    )
    approved_by_id = fields.Many2one("res.users", readonly=True)
    approved_date = fields.Datetime(readonly=True)
    paid_date = fields.Date(readonly=True)

    _appraisal_uniq = models.Constraint(
        "unique (appraisal_id)", "An appraisal has one bonus line."
    )

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    @api.depends("employee_id", "cycle_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = self.env._(
                "Bonus of %(employee)s – %(cycle)s",
                employee=line.employee_id.name or "",
                cycle=line.cycle_id.name or "",
            )

    def _perf_write_hint(self):
        return self.env._(
            "Bonuses are computed from the final ratings, the policy and the "
            "budget; HR approves them and payroll pays them."
        )

    def _check_officer(self):
        """Approving and paying is HR's, and never on one's own bonus."""
        if self._perf_in_workflow():
            return
        # Only lines the officer may change: their companies' (record rules).
        self.check_access("write")
        user = self.env.user
        own = self.filtered(lambda line: line.sudo().employee_user_id == user)
        if not user.has_group("odoo_perf_review.group_perf_officer") or own:
            raise AccessError(
                self.env._(
                    "Only an HR officer approves, resets or pays bonuses, and "
                    "never their own: ask another HR officer."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.filtered(lambda line: line.state in LOCKED_STATES):
            raise UserError(self.env._("Approved or paid bonuses cannot be deleted."))

    def _system_write(self, vals):
        return self._workflow().write(vals)

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    @api.model
    def _base_of(self, policy, employees):
        """The base amount of each employee under ``policy`` (batch)."""
        if policy.base_type == "fixed":
            return dict.fromkeys(employees.ids, policy.base_amount)
        return {
            employee.id: (employee.sudo().current_version_id.wage or 0.0)
            * policy.wage_months
            for employee in employees
        }

    @api.model
    def _share_of(self, policy, cycle, employees):
        """Share of the cycle's bonus per employee, by service in the cycle
        (the engine's ``service_share``): 0 below the policy's minimum."""
        shares = {}
        for employee in employees.sudo():
            version = employee.current_version_id
            try:
                share = bonus_engine.service_share(
                    cycle.date_start,
                    cycle.date_end,
                    version.contract_date_start or version.date_version or None,
                    policy.min_service_days,
                    policy.prorata,
                )
            except EngineError as error:
                raise engine_user_error(
                    self,
                    error,
                    self.env._(
                        "Bonuses of cycle “%(cycle)s”", cycle=cycle.display_name
                    ),
                ) from error
            shares[employee.id] = float(share)
        return shares

    @api.model
    def _compute_for_cycle(self, cycle, policy):
        """Create or refresh the draft bonus lines of a released cycle's
        appraisals, then fit them into the pools. Approved lines are kept."""
        appraisals = cycle.appraisal_ids.filtered(
            lambda a: a.state in ("released", "acknowledged") and a.final_level_id
        )
        lines = self.search([("appraisal_id", "in", appraisals.ids)])
        by_appraisal = {line.appraisal_id.id: line for line in lines}
        todo = appraisals.filtered(
            lambda a: by_appraisal.get(a.id, self).state not in LOCKED_STATES
        )
        employees = todo.employee_id
        bases = self._base_of(policy, employees)
        shares = self._share_of(policy, cycle, employees)
        multipliers = policy._multipliers()
        create_vals, drafts = [], self.browse()
        for appraisal in todo:
            level = appraisal.final_level_id
            employee_id = appraisal.employee_id.id
            multiplier = multipliers.get(level.id, 0.0)
            try:
                wanted = bonus_engine.bonus_amount(
                    bases[employee_id], multiplier, shares[employee_id]
                )
            except EngineError as error:
                # A negative wage in the employee's current contract version.
                raise engine_user_error(
                    self,
                    error,
                    self.env._(
                        "Bonus of %(employee)s – %(cycle)s",
                        employee=appraisal.employee_id.name,
                        cycle=cycle.name,
                    ),
                ) from error
            vals = {
                "policy_id": policy.id,
                "level_id": level.id,
                "base": bases[employee_id],
                "multiplier": multiplier,
                "share": shares[employee_id],
                "wanted_amount": float(wanted),
                "needs_review": False,
                "proposed_difference": 0.0,
            }
            line = by_appraisal.get(appraisal.id)
            if line:
                line._system_write(vals)
                drafts |= line
            else:
                create_vals.append(dict(vals, appraisal_id=appraisal.id))
        drafts |= self._workflow().create(create_vals)
        self._fit_pools(cycle, drafts)
        return drafts

    @api.model
    def _fit_pools(self, cycle, drafts):
        """Give each draft line its pool (the most specific department pool,
        else the company's), and scale each pool's drafts to what is left of it
        once approved lines are paid for."""
        pools = self.env["perf.bonus.pool"].search([("cycle_id", "=", cycle.id)])
        company_pool = pools.filtered(lambda p: not p.department_id)[:1]
        dept_pools = {p.department_id.id: p for p in pools if p.department_id}
        rounding = cycle.company_id.currency_id.rounding or 0.01

        def pool_of(line):
            # The most specific department pool above the line, else the company's.
            for dept_id in reversed(
                [int(i) for i in (line.department_id.parent_path or "").split("/") if i]
            ):
                if dept_id in dept_pools:
                    return dept_pools[dept_id]
            return company_pool

        by_pool = drafts.grouped(pool_of)
        locked = dict(
            self._read_group(
                [("pool_id", "in", pools.ids), ("state", "in", LOCKED_STATES)],
                ["pool_id"],
                ["amount:sum"],
            )
        )
        for pool, lines in by_pool.items():
            available = None
            if pool:
                available = max(pool.amount - locked.get(pool, 0.0), 0.0)
            result = bonus_engine.fit_pool(
                {line.id: line.wanted_amount for line in lines}, available, rounding
            )
            for line in lines:
                line._system_write(
                    {"amount": float(result.amounts[line.id]), "pool_id": pool.id}
                )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_approve(self):
        self._check_officer()
        not_draft = self.filtered(lambda line: line.state != "draft")
        if not_draft:
            raise UserError(self.env._("Only draft bonuses can be approved."))
        self._system_write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        return True

    def action_reset_to_draft(self):
        self._check_officer()
        if self.filtered(lambda line: line.state == "paid"):
            raise UserError(self.env._("A paid bonus stays paid."))
        self._system_write({"state": "draft", "approved_by_id": False})
        return True

    def action_mark_paid(self, paid_date=None):
        self._check_officer()
        if self.filtered(lambda line: line.state != "approved"):
            raise UserError(self.env._("Only approved bonuses can be paid."))
        self._system_write(
            {"state": "paid", "paid_date": paid_date or fields.Date.context_today(self)}
        )
        return True

    @api.model
    def _on_rating_revised(self, appraisal):
        """An appeal changed the rating: drafts follow, locked lines are flagged
        with the difference to pay or recover."""
        lines = self.sudo().search([("appraisal_id", "=", appraisal.id)])
        for line in lines:
            multiplier = line.policy_id._multipliers().get(
                appraisal.final_level_id.id, 0.0
            )
            wanted = float(bonus_engine.bonus_amount(line.base, multiplier, line.share))
            if line.state == "draft":
                line._system_write(
                    {
                        "level_id": appraisal.final_level_id.id,
                        "multiplier": multiplier,
                        "wanted_amount": wanted,
                    }
                )
                self._fit_pools(line.cycle_id, line)
            else:
                line._system_write(
                    {
                        "needs_review": True,
                        "proposed_difference": wanted - line.amount,
                    }
                )
                line.message_post(
                    body=self.env._(
                        "The rating was revised by an appeal (%(level)s): the "
                        "bonus should change by %(difference).2f.",
                        level=appraisal.final_level_id.display_name,
                        difference=wanted - line.amount,
                    )
                )
        return lines
