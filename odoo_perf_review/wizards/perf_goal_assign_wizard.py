# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PerfGoalAssignWizard(models.TransientModel):
    """Give library goals to many employees at once."""

    _name = "perf.goal.assign.wizard"
    _description = "Assign Library Goals"

    goal_template_ids = fields.Many2many(
        "perf.goal.template", string="Goals from the library", required=True
    )
    cycle_id = fields.Many2one(
        "perf.cycle",
        required=True,
        domain="[('state', 'not in', ('released', 'closed'))]",
        default=lambda self: self.env["perf.goal"]._default_cycle(),
    )
    job_ids = fields.Many2many("hr.job", string="Job positions")
    department_ids = fields.Many2many("hr.department", string="Departments")
    # Public profiles: managers without HR rights pick their team here.
    employee_ids = fields.Many2many(
        "hr.employee.public",
        string="Employees",
        compute="_compute_employee_ids",
        store=True,
        readonly=False,
    )
    parent_id = fields.Many2one(
        "perf.goal",
        string="Serving",
        domain="[('cycle_id', '=', cycle_id), ('owner', '!=', 'employee')]",
        help="Align the new goals with this department or company goal.",
    )
    skip_existing = fields.Boolean(
        "Skip employees who already have it",
        default=True,
        help="Running the assignment again only adds what is missing.",
    )

    @api.depends("job_ids", "department_ids", "cycle_id")
    def _compute_employee_ids(self):
        for wizard in self:
            domain = [("company_id", "=", wizard.cycle_id.company_id.id)]
            if wizard.job_ids:
                domain.append(("job_id", "in", wizard.job_ids.ids))
            if wizard.department_ids:
                domain.append(("department_id", "child_of", wizard.department_ids.ids))
            if wizard.job_ids or wizard.department_ids:
                wizard.employee_ids = self.env["hr.employee.public"].search(domain)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        template_ids = self.env.context.get("default_goal_template_ids") or []
        templates = self.env["perf.goal.template"].browse(template_ids)
        # Asked for given job positions or departments (from a job position,
        # say): those; otherwise the ones the library goals are meant for.
        if templates and "job_ids" in fields_list and not values.get("job_ids"):
            values["job_ids"] = [fields.Command.set(templates.job_ids.ids)]
        if (
            templates
            and "department_ids" in fields_list
            and not values.get("department_ids")
        ):
            values["department_ids"] = [
                fields.Command.set(templates.department_ids.ids)
            ]
        return values

    def action_assign(self):
        self.ensure_one()
        if not self.employee_ids:
            raise UserError(
                self.env._(
                    "No employee matches: pick job positions, departments or "
                    "employees to give these goals to."
                )
            )
        existing = set()
        if self.skip_existing:
            for goal in self.env["perf.goal"].search(
                [
                    ("cycle_id", "=", self.cycle_id.id),
                    ("goal_template_id", "in", self.goal_template_ids.ids),
                    ("employee_id", "in", self.employee_ids.ids),
                    ("state", "!=", "cancelled"),
                ]
            ):
                existing.add((goal.employee_id.id, goal.goal_template_id.id))
        vals_list = []
        for template in self.goal_template_ids:
            base = template._goal_values()
            for employee in self.employee_ids:
                if (employee.id, template.id) in existing:
                    continue
                vals_list.append(
                    dict(
                        base,
                        owner="employee",
                        employee_id=employee.id,
                        cycle_id=self.cycle_id.id,
                        parent_id=self.parent_id.id,
                    )
                )
        goals = self.env["perf.goal"].create(vals_list)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assigned goals"),
            "res_model": "perf.goal",
            "view_mode": "list,form",
            "domain": [("id", "in", goals.ids)],
        }
