# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The goals the quick start proposes for each area a company wants to
improve: measured live from the Odoo apps that are installed, else entered
by check-ins.

Each proposal names a live source when one is installed. A source is a model,
a filter, what is counted or added up, the path to the person and the date
field; it becomes a ``perf.metric`` at launch. Targets are per month and are
multiplied by the months of the period.
"""

# area -> the live sources to try in order, then the manual fallback
LIVE_SOURCES = {
    "sales": [
        {
            "key": "sale_orders",
            "model": "sale.order",
            "domain": "[('state', '=', 'sale')]",
            "aggregation": "sum",
            "field": "amount_untaxed",
            "path": "user_id",
            "date": "date_order",
            "monthly_target": 20000.0,
        },
        {
            "key": "invoices",
            "model": "account.move",
            "domain": "[('move_type', '=', 'out_invoice'), ('state', '=', 'posted')]",
            "aggregation": "sum",
            "field": "amount_untaxed_signed",
            "path": "invoice_user_id",
            "date": "invoice_date",
            "monthly_target": 20000.0,
        },
        {
            "key": "crm_won",
            "model": "crm.lead",
            "domain": "[('stage_id.is_won', '=', True)]",
            "aggregation": "count",
            "field": None,
            "path": "user_id",
            "date": "date_closed",
            "monthly_target": 4.0,
        },
    ],
    "quality": [
        {
            "key": "helpdesk_closed",
            "model": "helpdesk.ticket",
            "domain": "[('stage_id.fold', '=', True)]",
            "aggregation": "count",
            "field": None,
            "path": "user_id",
            "date": "close_date",
            "monthly_target": 30.0,
        },
    ],
    "delivery": [
        {
            "key": "timesheets",
            "model": "account.analytic.line",
            "domain": "[('project_id', '!=', False)]",
            "aggregation": "sum",
            "field": "unit_amount",
            "path": "employee_id",
            "date": "date",
            "monthly_target": 120.0,
        },
    ],
}


def live_source(env, area):
    """The first live source of ``area`` whose app is installed, or None."""
    for source in LIVE_SOURCES.get(area, ()):
        if source["model"] not in env:
            continue
        model = env[source["model"]]
        names = [source["path"].split(".")[0], source["date"]]
        if source["field"]:
            names.append(source["field"])
        if all(name in model._fields for name in names):
            return source
    return None


def manual_goals(env):
    """The manual fallback of each area: a KPI entered by check-ins."""
    return {
        "sales": {
            "name": env._("Revenue"),
            "unit": env.company.currency_id.name or "",
            "direction": "higher",
            "monthly_target": 20000.0,
            "baseline": 0.0,
        },
        "quality": {
            "name": env._("Customer complaints"),
            "unit": env._("complaints"),
            "direction": "lower",
            "monthly_target": None,
            "target": 3.0,
            "baseline": 10.0,
        },
        "delivery": {
            "name": env._("Deliveries on time"),
            "unit": "%",
            "direction": "higher",
            "monthly_target": None,
            "target": 95.0,
            "baseline": 0.0,
        },
        "satisfaction": {
            "name": env._("Customer satisfaction (out of 5)"),
            "unit": "/5",
            "direction": "higher",
            "monthly_target": None,
            "target": 4.5,
            "baseline": 0.0,
        },
        "people": {
            "name": env._("Training days completed"),
            "unit": env._("days"),
            "direction": "higher",
            "monthly_target": 0.5,
            "baseline": 0.0,
        },
    }


def live_goal_name(env, source):
    return {
        "sale_orders": env._("Confirmed sales (untaxed)"),
        "invoices": env._("Invoiced revenue (untaxed)"),
        "crm_won": env._("Opportunities won"),
        "helpdesk_closed": env._("Tickets solved"),
        "timesheets": env._("Hours delivered on projects"),
    }[source["key"]]


def live_unit(env, source):
    return {
        "sale_orders": env.company.currency_id.name or "",
        "invoices": env.company.currency_id.name or "",
        "crm_won": env._("opportunities"),
        "helpdesk_closed": env._("tickets"),
        "timesheets": env._("hours"),
    }[source["key"]]


# The balanced-scorecard perspective each area belongs to.
PERSPECTIVE_OF = {
    "sales": "financial",
    "satisfaction": "customer",
    "quality": "internal",
    "delivery": "internal",
    "people": "learning",
}
