# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Common practice: nothing for the lowest level, up to 150 % for the highest.
DEFAULT_MULTIPLIERS = {
    5: (0.0, 50.0, 100.0, 125.0, 150.0),
    4: (0.0, 100.0, 125.0, 150.0),
}


class PerfBonusPolicy(models.Model):
    """How ratings become bonus amounts in a company."""

    _name = "perf.bonus.policy"
    _description = "Bonus Policy"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    rating_scale_id = fields.Many2one(
        "perf.rating.scale",
        string="Rating scale",
        required=True,
        default=lambda self: self.env.ref(
            "odoo_perf_review.rating_scale_five", raise_if_not_found=False
        ),
    )
    base_type = fields.Selection(
        [("fixed", "A fixed target amount"), ("wage", "Months of wage")],
        string="Base",
        required=True,
        default="wage",
        tracking=True,
    )
    base_amount = fields.Monetary(
        "Target amount", currency_field="currency_id", tracking=True
    )
    wage_months = fields.Float(
        "Months of wage",
        default=1.0,
        tracking=True,
        help="The base is this many months of the monthly wage of the employee's "
        "current contract version.",
    )
    min_service_days = fields.Integer(
        "Minimum service in the cycle (days)",
        default=30,
        help="Employees who joined later in the cycle get no bonus for it.",
    )
    prorata = fields.Boolean(
        "Pro rata",
        default=True,
        help="Employees who joined during the cycle get the share of it they worked.",
    )
    line_ids = fields.One2many(
        "perf.bonus.policy.line", "policy_id", string="Multipliers", copy=True
    )

    def _default_line_commands(self):
        self.ensure_one()
        levels = self.rating_scale_id.level_ids.sorted("sequence")
        defaults = DEFAULT_MULTIPLIERS.get(len(levels))
        return [fields.Command.clear()] + [
            fields.Command.create(
                {"level_id": level.id, "multiplier": defaults[i] if defaults else 100.0}
            )
            for i, level in enumerate(levels)
        ]

    @api.onchange("rating_scale_id")
    def _onchange_rating_scale_id(self):
        self.line_ids = self._default_line_commands()

    def _fill_default_multipliers(self):
        """Common-practice multipliers for the policy's scale (data, button)."""
        for policy in self:
            policy.line_ids = policy._default_line_commands()
        return True

    @api.constrains("base_amount", "wage_months", "min_service_days")
    def _check_values(self):
        for policy in self:
            if policy.base_amount < 0 or policy.wage_months < 0:
                raise ValidationError(
                    self.env._(
                        "Policy “%(policy)s”: the base cannot be negative.",
                        policy=policy.display_name,
                    )
                )
            if policy.min_service_days < 0:
                raise ValidationError(
                    self.env._(
                        "Policy “%(policy)s”: the minimum service cannot be negative.",
                        policy=policy.display_name,
                    )
                )

    def _multipliers(self):
        self.ensure_one()
        return {line.level_id.id: line.multiplier for line in self.line_ids}


class PerfBonusPolicyLine(models.Model):
    _name = "perf.bonus.policy.line"
    _description = "Bonus Multiplier"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "perf.bonus.policy", required=True, ondelete="cascade", index=True
    )
    level_id = fields.Many2one("perf.rating.level", string="Rating", required=True)
    sequence = fields.Integer(related="level_id.sequence", store=True)
    multiplier = fields.Float("Multiplier (%)", digits=(5, 1))

    _level_uniq = models.Constraint(
        "unique (policy_id, level_id)", "Each rating has one multiplier."
    )
    _multiplier_positive = models.Constraint(
        "CHECK (multiplier >= 0)", "A multiplier cannot be negative."
    )
