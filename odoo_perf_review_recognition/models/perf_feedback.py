# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.odoo_perf_review.engine.write_rules import rule
from odoo.addons.odoo_perf_review.models.perf_feedback import (
    GIVER_FIELDS,
)
from odoo.addons.odoo_perf_review.models.perf_feedback import (
    PerfFeedback as BaseFeedback,
)


class PerfFeedback(models.Model):
    """Public praise can come with a badge of Odoo's gamification, granted by
    the giver under the badge's own rules (who may grant it, how often)."""

    _inherit = "perf.feedback"

    _perf_workflow_fields = BaseFeedback._perf_workflow_fields | {"badge_user_id"}
    _perf_create_fields = BaseFeedback._perf_create_fields | {"badge_id"}
    _perf_write_rules = (
        rule("giver", GIVER_FIELDS | {"badge_id"}, states={"requested"}),
    )

    badge_id = fields.Many2one(
        "gamification.badge",
        domain="[('rule_auth', '!=', 'nobody')]",
        help="A badge for the receiver, with public praise only: a badge is "
        "public on their profile.",
    )
    badge_user_id = fields.Many2one(
        "gamification.badge.user", string="Badge granted", readonly=True
    )

    @api.constrains("badge_id", "kind", "visibility")
    def _check_badge(self):
        for feedback in self:
            if feedback.badge_id and (
                feedback.kind != "praise" or feedback.visibility != "public"
            ):
                raise ValidationError(
                    self.env._(
                        "A badge is public: give it with public praise, not with "
                        "feedback only %(employee)s or their managers read.",
                        employee=feedback.receiver_id.sudo().name,
                    )
                )

    def _after_give(self):
        res = super()._after_give()
        self._grant_badges()
        return res

    def _grant_badges(self):
        """Granted as the giver: the badge's rules apply to them."""
        for feedback in self.filtered(lambda f: f.badge_id and not f.badge_user_id):
            employee = feedback.receiver_id.sudo()
            if not employee.user_id:
                raise UserError(
                    self.env._(
                        "%(employee)s has no user to receive a badge.",
                        employee=employee.name,
                    )
                )
            badge_user = self.env["gamification.badge.user"].create(
                {
                    "badge_id": feedback.badge_id.id,
                    "user_id": employee.user_id.id,
                    "employee_id": employee.id,
                    "sender_id": self.env.user.id,
                    "comment": feedback._plain_message(),
                }
            )
            badge_user._send_badge()
            feedback._workflow().badge_user_id = badge_user
