# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

NUMERIC_TYPES = ("integer", "float", "monetary")
DATE_TYPES = ("date", "datetime")
PERSON_MODELS = ("hr.employee", "res.users")
# What a metric reads: changing any of them is checked against the writer's rights.
DEFINITION_FIELDS = frozenset(
    (
        "model_id",
        "domain",
        "aggregation",
        "measured_field_id",
        "employee_path",
        "date_field_id",
    )
)


class PerfMetric(models.Model):
    """A KPI measured from live records of any installed model."""

    _name = "perf.metric"
    _description = "KPI Metric"
    # Measuring (the live-KPI refresh) is in perf_metric_measure.py.
    _inherit = ["perf.metric.measure.mixin"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    description = fields.Text(translate=True)
    model_id = fields.Many2one(
        "ir.model",
        string="Measured records",
        required=True,
        ondelete="cascade",
        domain=[("transient", "=", False), ("abstract", "=", False)],
    )
    model_name = fields.Char(related="model_id.model", store=True, string="Model")
    domain = fields.Char(
        default="[]",
        required=True,
        help="Which records count, e.g. confirmed orders: [('state', '=', 'sale')].",
    )
    aggregation = fields.Selection(
        [("count", "Count"), ("sum", "Sum"), ("avg", "Average")],
        required=True,
        default="count",
    )
    measured_field_id = fields.Many2one(
        "ir.model.fields",
        string="Measured field",
        ondelete="cascade",
        domain=f"[('model_id', '=', model_id), ('ttype', 'in', {list(NUMERIC_TYPES)}), "
        "('store', '=', True)]",
        help="The number added up or averaged, e.g. the untaxed amount.",
    )
    employee_path = fields.Char(
        "Who",
        required=True,
        default="user_id",
        help="Path from a record to the person it counts for, ending on an "
        "employee or a user: e.g. user_id (salesperson), employee_id, "
        "order_id.user_id.",
    )
    date_field_id = fields.Many2one(
        "ir.model.fields",
        string="Date field",
        ondelete="cascade",
        domain=f"[('model_id', '=', model_id), ('ttype', 'in', {list(DATE_TYPES)}), "
        "('store', '=', True)]",
        help="Only records dated within the goal's cycle count.",
    )
    unit = fields.Char(help="Shown next to the values, e.g. CNY, tickets, hours.")
    goal_ids = fields.One2many("perf.goal", "metric_id", string="Goals")
    goal_count = fields.Integer(compute="_compute_goal_count")

    @api.depends("goal_ids")
    def _compute_goal_count(self):
        counts = dict(
            self.env["perf.goal"]._read_group(
                [("metric_id", "in", self.ids)], ["metric_id"], ["__count"]
            )
        )
        for metric in self:
            metric.goal_count = counts.get(metric, 0)

    @api.onchange("model_id")
    def _onchange_model_id(self):
        self.measured_field_id = False
        self.date_field_id = False

    def _parsed_domain(self):
        self.ensure_one()
        try:
            domain = ast.literal_eval(self.domain or "[]")
        except (ValueError, SyntaxError) as error:
            raise ValidationError(
                self.env._(
                    "Metric “%(metric)s”: the filter %(domain)s is not a valid "
                    "domain (%(error)s). Write it as a list of conditions, e.g. "
                    "[('state', '=', 'sale')].",
                    metric=self.display_name,
                    domain=self.domain,
                    error=error,
                )
            ) from error
        return domain

    @api.constrains(
        "model_id",
        "domain",
        "aggregation",
        "measured_field_id",
        "employee_path",
        "date_field_id",
    )
    def _check_definition(self):
        for metric in self:
            if metric.model_name not in self.env:
                raise ValidationError(
                    self.env._(
                        "Metric “%(metric)s”: model %(model)s is not installed.",
                        metric=metric.display_name,
                        model=metric.model_name,
                    )
                )
            model = self.env[metric.model_name].sudo()
            domain = metric._parsed_domain()
            try:
                Domain(domain).validate(model)
            # What Domain raises for a filter that does not fit the model.
            except (ValueError, TypeError, KeyError, NotImplementedError) as error:
                raise ValidationError(
                    self.env._(
                        "Metric “%(metric)s”: the filter %(domain)s does not fit "
                        "%(model)s: %(error)s. Use fields of that model.",
                        metric=metric.display_name,
                        domain=metric.domain,
                        model=metric.model_id.name,
                        error=error,
                    )
                ) from error
            if metric.aggregation in ("sum", "avg"):
                field = metric.measured_field_id
                if not field:
                    raise ValidationError(
                        self.env._(
                            "Metric “%(metric)s” adds up or averages a value: "
                            "choose the measured field.",
                            metric=metric.display_name,
                        )
                    )
                if field.model != metric.model_name or field.ttype not in NUMERIC_TYPES:
                    raise ValidationError(
                        self.env._(
                            "Metric “%(metric)s”: %(field)s is not a number of "
                            "%(model)s. Choose a number field of that model.",
                            metric=metric.display_name,
                            field=field.field_description,
                            model=metric.model_id.name,
                        )
                    )
            date_field = metric.date_field_id
            if date_field and (
                date_field.model != metric.model_name
                or date_field.ttype not in DATE_TYPES
            ):
                raise ValidationError(
                    self.env._(
                        "Metric “%(metric)s”: %(field)s is not a date of "
                        "%(model)s. Choose a date field of that model.",
                        metric=metric.display_name,
                        field=date_field.field_description,
                        model=metric.model_id.name,
                    )
                )
            metric._person_model()  # validates the path

    def _person_model(self):
        """Follow ``employee_path``; return the model it ends on (employee/user)."""
        self.ensure_one()
        model = self.env[self.model_name]
        steps = (self.employee_path or "").strip().split(".")
        for step in steps:
            field = model._fields.get(step)
            if not field or field.type != "many2one" or not field.store:
                raise ValidationError(
                    self.env._(
                        "Metric “%(metric)s”: “%(path)s” is not a path to a person "
                        "on %(model)s: “%(step)s” is not a stored many-to-one "
                        "field of %(on)s. Use e.g. user_id or employee_id.",
                        metric=self.display_name,
                        path=self.employee_path,
                        model=self.model_id.name,
                        step=step,
                        on=model._description,
                    )
                )
            model = self.env[field.comodel_name]
        if model._name not in PERSON_MODELS:
            raise ValidationError(
                self.env._(
                    "Metric “%(metric)s”: “%(path)s” leads to %(target)s, not to an "
                    "employee or a user.",
                    metric=self.display_name,
                    path=self.employee_path,
                    target=model._description,
                )
            )
        return model._name

    @api.model_create_multi
    def create(self, vals_list):
        metrics = super().create(vals_list)
        metrics._check_author_can_read()
        return metrics

    def write(self, vals):
        result = super().write(vals)
        if DEFINITION_FIELDS.intersection(vals):
            self._check_author_can_read()
        return result

    def _check_author_can_read(self):
        """Whoever defines a metric must be able to read what it measures.

        Values are measured as superuser and shown to everyone who sees the
        goal, so a metric is an extract of its records: without this check a
        Performance administrator could read wages through a KPI. The user's
        own read of the same query proves the model's and every field's access
        (the filter, the person path, the measured and the date fields).
        Definitions loaded as superuser (data files, scripts) are trusted.
        Not a constraint: constraints run as superuser.
        """
        if self.env.su:
            return
        for metric in self:
            model = self.env[metric.model_name]
            try:
                model.check_access("read")
                for field in (metric.measured_field_id, metric.date_field_id):
                    if field:
                        model._check_field_access(model._fields[field.name], "read")
                model._read_group(
                    Domain(metric._parsed_domain()),
                    [metric.employee_path],
                    metric._aggregate_spec(),
                    limit=1,
                )
            except AccessError as error:
                raise ValidationError(
                    self.env._(
                        "Metric “%(metric)s” measures %(model)s, which you cannot "
                        "read (%(error)s). A metric shows what it counts to every "
                        "reader of its goals: ask someone who has access to these "
                        "records to define it, or measure other records.",
                        metric=metric.display_name,
                        model=metric.model_id.name,
                        error=error.args[0] if error.args else error,
                    )
                ) from error
