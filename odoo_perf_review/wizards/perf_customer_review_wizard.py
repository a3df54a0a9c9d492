# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PerfCustomerReviewWizard(models.TransientModel):
    _name = "perf.customer.review.wizard"
    _description = "Ask Customers for a Review"

    appraisal_id = fields.Many2one("perf.appraisal", required=True, readonly=True)
    employee_id = fields.Many2one(related="appraisal_id.employee_id")
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        required=True,
        domain="[('email', '!=', False)]",
        help="Each customer receives by email a personal link to a short review "
        "form, valid until the review deadline.",
    )
    anonymous = fields.Boolean(
        related="appraisal_id.template_id.customers_anonymous",
        string="Anonymous answers",
    )

    @api.constrains("partner_ids")
    def _check_partner_emails(self):
        for wizard in self:
            no_email = wizard.partner_ids.filtered(lambda p: not p.email)
            if no_email:
                raise ValidationError(
                    self.env._(
                        "The invitation is sent by email: add an email address to "
                        "%(names)s first.",
                        names=", ".join(no_email.mapped("display_name")),
                    )
                )

    def action_confirm(self):
        self.ensure_one()
        self.env["perf.review"]._add_customer_reviews(
            self.appraisal_id, self.partner_ids
        )
        return {"type": "ir.actions.act_window_close"}
