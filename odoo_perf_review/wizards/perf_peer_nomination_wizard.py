# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.recipients import in_lang_of


class PerfPeerNominationWizard(models.TransientModel):
    """The employee nominates their peers (the manager approves them), or the
    manager picks them directly."""

    _name = "perf.peer.nomination.wizard"
    _description = "Nominate Peers"

    appraisal_id = fields.Many2one("perf.appraisal", required=True, readonly=True)
    employee_name = fields.Char(readonly=True)
    by_manager = fields.Boolean(readonly=True)
    peer_min = fields.Integer(readonly=True)
    peer_max = fields.Integer(readonly=True)
    # Public profiles: employees and managers pick colleagues without HR rights.
    employee_ids = fields.Many2many("hr.employee.public", string="Peers")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        appraisal = self._appraisal_from_context()
        template = appraisal.template_id
        values.update(
            appraisal_id=appraisal.id,
            employee_name=appraisal.employee_id.name,
            by_manager=appraisal.employee_id.user_id != self.env.user,
            peer_min=template.peer_min,
            peer_max=template.peer_max,
        )
        return values

    def _appraisal_from_context(self):
        """The appraisal, reached through the self review for the employee (who
        cannot read their appraisal before it is released)."""
        ctx = self.env.context
        if ctx.get("active_model") == "perf.review":
            review = self.env["perf.review"].browse(ctx.get("active_id"))
            review.check_access("read")
            if review.rater_type != "self" or review.reviewer_user_id != self.env.user:
                raise AccessError(
                    self.env._("Peers are nominated from your own self review.")
                )
            return review.sudo().appraisal_id
        appraisal = self.env["perf.appraisal"].browse(
            ctx.get("default_appraisal_id") or ctx.get("active_id")
        )
        appraisal.check_access("read")
        return appraisal

    def action_confirm(self):
        self.ensure_one()
        appraisal = self.appraisal_id.sudo()
        if self.by_manager:
            self.appraisal_id._check_manager_or_hr()
        elif appraisal.employee_id.user_id != self.env.user:
            raise AccessError(self.env._("Only the employee nominates their peers."))
        if appraisal.state not in ("planned", "review") or appraisal.reviews_closed:
            raise UserError(
                self.env._(
                    "Peers can only be chosen while the reviews are open, before "
                    "release."
                )
            )
        peers = self.env["hr.employee"].browse(self.employee_ids.ids)
        if appraisal.employee_id in peers:
            raise UserError(self.env._("You cannot be your own peer."))
        strangers = peers.sudo().filtered(
            lambda p: p.company_id != appraisal.company_id
        )
        if strangers:
            raise UserError(
                self.env._(
                    "%(names)s do not work for %(company)s: choose peers among "
                    "your colleagues.",
                    names=", ".join(strangers.mapped("name")),
                    company=appraisal.company_id.name,
                )
            )
        template = appraisal.template_id
        current = appraisal.review_ids.filtered(
            lambda r: r.rater_type == "peer" and r.state != "cancelled"
        )
        kept = current.filtered(lambda r: r.state in ("requested", "submitted"))
        total = len(kept) + len(peers - kept.reviewer_employee_id)
        if not template.peer_min <= total <= template.peer_max:
            raise UserError(
                self.env._(
                    "Choose between %(min)s and %(max)s peers in all (%(count)s "
                    "chosen, reviews already requested included).",
                    min=template.peer_min,
                    max=template.peer_max,
                    count=total,
                )
            )
        # Proposals not kept are replaced by the new choice.
        (current - kept).filtered(
            lambda r: r.reviewer_employee_id not in peers
        )._workflow().write({"state": "cancelled"})
        existing = current.filtered(
            lambda r: r.state != "cancelled"
        ).reviewer_employee_id
        state = "planned" if self.by_manager else "proposed"
        new = (
            self.env["perf.review"]
            ._workflow()
            .create(
                [
                    {
                        "appraisal_id": appraisal.id,
                        "rater_type": "peer",
                        "reviewer_employee_id": peer.id,
                        "anonymous": template.peers_anonymous,
                        "state": state,
                    }
                    for peer in peers - existing
                ]
            )
        )
        if self.by_manager and appraisal.state == "review":
            new._request()
        elif not self.by_manager and appraisal.manager_user_id:
            # In the manager's language, not the employee's.
            appraisal = in_lang_of(appraisal, appraisal.manager_user_id)
            appraisal.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=appraisal.manager_user_id.id,
                note=escape(
                    appraisal.env._(
                        "%(employee)s nominated peers: approve them on the appraisal.",
                        employee=appraisal.employee_id.name,
                    )
                ),
            )
        return {"type": "ir.actions.act_window_close"}
