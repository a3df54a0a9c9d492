# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval


class PerfCycleLaunchWizard(models.TransientModel):
    """Create one appraisal per employee of a population, with its reviews.

    Running it again adds only what is missing: never a second appraisal for the
    same cycle, never a second review by the same person.
    """

    _name = "perf.cycle.launch.wizard"
    _description = "Launch Appraisals"

    cycle_id = fields.Many2one("perf.cycle", required=True, readonly=True)
    company_id = fields.Many2one(related="cycle_id.company_id")
    template_id = fields.Many2one(
        "perf.template",
        required=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    population = fields.Selection(
        [
            ("all", "All employees"),
            ("departments", "Departments"),
            ("tags", "Employee tags"),
            ("domain", "A filter"),
        ],
        required=True,
        default="all",
    )
    department_ids = fields.Many2many("hr.department", string="Departments")
    category_ids = fields.Many2many("hr.employee.category", string="Tags")
    employee_domain = fields.Char("Filter", default="[]")
    propose_peers = fields.Boolean(
        "Propose peers",
        default=True,
        help="Colleagues with the same manager, up to the template's maximum. "
        "Managers can change them before reviews open.",
    )
    top_policy = fields.Selection(
        [
            ("exclude", "Not appraised"),
            ("reviewed_by", "Reviewed by a named person"),
        ],
        string="Top of the hierarchy",
        required=True,
        default="exclude",
        help="Employees without a manager (the owner, the managing director…): "
        "leave them out of the cycle, or have their manager review written by a "
        "person you name, e.g. a partner or a board member.",
    )
    top_reviewer_id = fields.Many2one(
        "hr.employee",
        string="Reviewed by",
        domain="[('company_id', '=', company_id)]",
        help="Writes the manager review of each employee without a manager.",
    )
    top_employee_names = fields.Char(
        "Without a manager",
        compute="_compute_top_employee_names",
        help="The employees of the population who have no manager.",
    )
    summary = fields.Html(readonly=True)

    @api.depends(
        "cycle_id", "population", "department_ids", "category_ids", "employee_domain"
    )
    def _compute_top_employee_names(self):
        for wizard in self:
            names = False
            if wizard.cycle_id:
                try:
                    domain = wizard._employee_domain() & Domain("parent_id", "=", False)
                except UserError:
                    domain = None
                if domain is not None:
                    names = ", ".join(
                        self.env["hr.employee"].search(domain).mapped("name")
                    )
            wizard.top_employee_names = names

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        cycle = self.env["perf.cycle"].browse(
            values.get("cycle_id") or self.env.context.get("active_id")
        )
        if cycle:
            values["cycle_id"] = cycle.id
            values.setdefault("template_id", cycle.template_id.id)
        return values

    def _employee_domain(self):
        self.ensure_one()
        domain = Domain("company_id", "=", self.cycle_id.company_id.id)
        if self.population == "departments":
            if not self.department_ids:
                raise UserError(self.env._("Choose at least one department."))
            domain &= Domain("department_id", "child_of", self.department_ids.ids)
        elif self.population == "tags":
            if not self.category_ids:
                raise UserError(self.env._("Choose at least one employee tag."))
            domain &= Domain("category_ids", "in", self.category_ids.ids)
        elif self.population == "domain":
            try:
                domain &= Domain(safe_eval(self.employee_domain or "[]"))
                Domain(domain).validate(self.env["hr.employee"])
            except (ValueError, TypeError, SyntaxError, NotImplementedError) as error:
                # What safe_eval and Domain raise for a filter that does not
                # parse or names what employees do not have.
                raise UserError(
                    self.env._(
                        "The filter %(filter)s does not fit employees: %(error)s",
                        filter=self.employee_domain,
                        error=error,
                    )
                ) from error
        return domain

    def action_launch(self):
        self.ensure_one()
        if self.cycle_id.state in ("released", "closed"):
            raise UserError(
                self.env._(
                    "Cycle “%(cycle)s” is over: appraisals can no longer be added.",
                    cycle=self.cycle_id.display_name,
                )
            )
        employees = self.env["hr.employee"].search(self._employee_domain())
        result = self.cycle_id._launch_appraisals(
            employees,
            self.template_id,
            propose_peers=self.propose_peers,
            top_policy=self.top_policy,
            top_reviewer=self.top_reviewer_id,
        )
        lines = [
            self.env._(
                "%(count)s appraisals created, %(existing)s already there.",
                count=result["created"],
                existing=result["existing"],
            ),
            self.env._("%(count)s reviews created.", count=result["reviews"]),
        ]
        if result["excluded"]:
            lines.append(
                self.env._(
                    "Not appraised, as they have no manager: %(names)s.",
                    names=", ".join(result["excluded"].mapped("name")),
                )
            )
        if result["top_reviewed"]:
            lines.append(
                self.env._(
                    "%(reviewer)s writes the manager review of: %(names)s.",
                    reviewer=self.top_reviewer_id.name,
                    names=", ".join(result["top_reviewed"].mapped("name")),
                )
            )
        if result["no_manager"]:
            lines.append(
                self.env._(
                    "No manager for: %(names)s. Their appraisals have no manager "
                    "review until you set one.",
                    names=", ".join(result["no_manager"].mapped("name")),
                )
            )
        self.summary = Markup().join(Markup("<p>%s</p>") % line for line in lines)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
