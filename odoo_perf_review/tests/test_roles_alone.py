# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue #15: each Performance role does its whole job alone.

Every user here holds ONE Performance group and ``base.group_user``, nothing
else: no Employees (hr) group, no Settings. Each test runs one role's job end
to end through the public methods and, for the key steps, as the web client
does it: JSON-RPC ``/web/dataset/call_kw``, the menus (``load_menus``), every
action they open (``get_views``, the list, pivot and graph reads) and the
forms (``get_views`` + ``web_read`` with the specification the form asks for:
a field of the form the user may not read fails there even when the model
method works).
"""

import base64
from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

from .common_dates import in_days, year_bounds

PERF = "odoo_perf_review"


def _spec_of(arch, models_info, model):
    """The ``web_read`` specification of a view, as the web client builds it:
    every field of the view's own level; many2one and x2many fields read
    their ``display_name``, an x2many with a sub-view the sub-view's fields."""
    tree = etree.fromstring(arch) if isinstance(arch, str) else arch
    fields_info = models_info.get(model, {}).get("fields", {})
    level = tree.xpath("count(ancestor::field)")
    spec = {}
    for node in tree.xpath(f".//field[count(ancestor::field) = {level}]"):
        name = node.get("name")
        info = fields_info.get(name, {})
        ftype = info.get("type")
        if ftype == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif ftype in ("one2many", "many2many"):
            sub = node.xpath("./list | ./kanban")
            if sub:
                spec[name] = {
                    "fields": _spec_of(sub[0], models_info, info["relation"])
                    or {"display_name": {}}
                }
            else:
                spec[name] = {"fields": {"display_name": {}}}
        else:
            spec.setdefault(name, {})
    return spec


@tagged("post_install", "-at_install")
class RolesAloneCase(HttpCase):
    """A company of its own: Mona leads Erin, Cole and Dan (no user); Olga runs
    the cycles (HR officer), Adam configures (administrator). Nobody has an
    Employees (hr) group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env["res.company"].create({"name": "Alone Ltd"})
        ctx = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }

        def user(login, name, group=None):
            groups = "base.group_user" + (f",{PERF}.{group}" if group else "")
            return new_test_user(env, login, groups=groups, name=name, **ctx)

        cls.u_erin = user("alone_erin", "Erin Alone")
        cls.u_cole = user("alone_cole", "Cole Alone")
        cls.u_mona = user("alone_mona", "Mona Alone", "group_perf_manager")
        cls.u_olga = user("alone_olga", "Olga Alone", "group_perf_officer")
        cls.u_adam = user("alone_adam", "Adam Alone", "group_perf_admin")
        hr_groups = env.ref("hr.group_hr_user") | env.ref("base.group_system")
        for u in (cls.u_erin, cls.u_cole, cls.u_mona, cls.u_olga, cls.u_adam):
            assert not (u.all_group_ids & hr_groups), u.login
        Employee = env["hr.employee"].with_context(tracking_disable=True)
        base = {"company_id": cls.company.id}
        cls.job = env["hr.job"].create(dict(base, name="Seller"))
        cls.dept = env["hr.department"].create(dict(base, name="Alone Sales"))
        cls.e_mona = Employee.create(
            dict(
                base,
                name="Mona Alone",
                user_id=cls.u_mona.id,
                department_id=cls.dept.id,
            )
        )
        cls.dept.manager_id = cls.e_mona
        team = dict(base, parent_id=cls.e_mona.id, department_id=cls.dept.id)
        cls.e_erin = Employee.create(
            dict(team, name="Erin Alone", user_id=cls.u_erin.id, job_id=cls.job.id)
        )
        cls.e_cole = Employee.create(
            dict(team, name="Cole Alone", user_id=cls.u_cole.id, job_id=cls.job.id)
        )
        cls.e_dan = Employee.create(dict(team, name="Dan Alone", job_id=cls.job.id))
        cls.e_olga = Employee.create(
            dict(base, name="Olga Alone", user_id=cls.u_olga.id)
        )
        cls.scale = env.ref(f"{PERF}.rating_scale_five")
        cls.levels = cls.scale.level_ids.sorted("sequence")
        cls.criteria = env["perf.criterion"].create(
            [
                {"name": "Alone quality", "company_id": cls.company.id},
                {"name": "Alone teamwork", "company_id": cls.company.id},
            ]
        )
        cls.template = env["perf.template"].create(
            {
                "name": "Alone template",
                "company_id": cls.company.id,
                "method": "kpi",
                "rating_scale_id": cls.scale.id,
                "criterion_ids": [Command.set(cls.criteria.ids)],
                "self_weight": 20,
                "manager_weight": 60,
                "peer_weight": 20,
                "customer_weight": 0,
                "peer_min": 1,
                "peer_max": 2,
                "peers_anonymous": False,
                "anonymity_threshold": 1,
                "bsc_financial_weight": 0,
                "bsc_customer_weight": 0,
                "bsc_internal_weight": 0,
                "bsc_learning_weight": 0,
            }
        )
        cls.policy = env["perf.bonus.policy"].create(
            {
                "name": "Alone policy",
                "company_id": cls.company.id,
                "base_type": "fixed",
                "base_amount": 1000,
            }
        )

    # ------------------------------------------------------------------
    # The web client's calls
    # ------------------------------------------------------------------
    def _login(self, user):
        if getattr(self, "_logged_in", None) != user.login:
            self.authenticate(user.login, user.login)
            self._logged_in = user.login

    def _jsonrpc(self, user, url, params):
        self._login(user)
        self.env.flush_all()
        response = self.url_open(
            url, json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        )
        response.raise_for_status()
        payload = response.json()
        self.env.invalidate_all()
        error = payload.get("error")
        return payload.get("result"), error and error.get("data", error)

    def _rpc(self, user, model, method, *args, context=None, **kwargs):
        """``model.method(*args, **kwargs)`` over ``/web/dataset/call_kw`` as
        ``user``, with the context the web client sends; fails on an error."""
        ctx = {"lang": "en_US", "tz": "UTC", "uid": user.id}
        ctx["allowed_company_ids"] = self.company.ids
        ctx.update(context or {})
        kwargs["context"] = ctx
        params = {"model": model, "method": method, "args": list(args)}
        params["kwargs"] = kwargs
        result, error = self._jsonrpc(
            user, f"/web/dataset/call_kw/{model}/{method}", params
        )
        self.assertFalse(
            error,
            f"{user.login}: {model}.{method} failed: "
            f"{error and error.get('name')}: {error and error.get('message')}",
        )
        return result

    def _views(self, user, model, views, context=None, options=None):
        return self._rpc(
            user,
            model,
            "get_views",
            views=views,
            options=options or {},
            context=context,
        )

    def _form(self, user, model, res_id=None, view_id=False, context=None):
        """Open the form of ``res_id`` (or a new record) as the web client does:
        its view, then ``web_read`` (``onchange`` for a new record) with the
        form's specification. Returns the values read."""
        views = self._views(user, model, [[view_id, "form"]], context)
        spec = _spec_of(views["views"]["form"]["arch"], views["models"], model)
        if res_id:
            [values] = self._rpc(
                user, model, "web_read", [res_id], spec, context=context
            )
            return values
        return self._rpc(user, model, "onchange", [], {}, [], spec, context=context)[
            "value"
        ]

    def _eval(self, user, value, default):
        """An action's context or domain, evaluated as the web client does."""
        if not isinstance(value, str):
            return value or default
        return safe_eval(
            value,
            {
                "uid": user.id,
                "context_today": date.today,
                "datetime": safe_datetime,
                "relativedelta": relativedelta,
                "allowed_company_ids": self.company.ids,
                "active_id": False,
            },
        )

    def _action(self, user, action):
        """Run a returned action dict the way the web client does."""
        if not action or action.get("type") != "ir.actions.act_window":
            return action
        context = self._eval(user, action.get("context"), {})
        views = action.get("views") or [
            [False, mode] for mode in action.get("view_mode", "form").split(",")
        ]
        view_id, view_type = views[0]
        if view_type == "form" or action.get("res_id"):
            form = [v for v in views if v[1] == "form"]
            return self._form(
                user,
                action["res_model"],
                action.get("res_id"),
                form[0][0] if form else False,
                context,
            )
        return self._open_window(user, action)

    def _open_window(self, user, action):
        """Load a window action's views and read its records as each view
        does (list rows, pivot and graph groups)."""
        model = action["res_model"]
        context = self._eval(user, action.get("context"), {})
        views = [list(v) for v in action.get("views") or []]
        if not views:
            views = [[False, m] for m in action["view_mode"].split(",")]
        search_view = action.get("search_view_id") or [False]
        views.append([search_view[0] if search_view else False, "search"])
        loaded = self._views(
            user,
            model,
            views,
            context,
            {"action_id": action.get("id"), "load_filters": True, "toolbar": True},
        )
        domain = self._eval(user, action.get("domain"), [])
        for view_type, view in loaded["views"].items():
            arch = etree.fromstring(view["arch"])
            if view_type in ("list", "kanban"):
                spec = _spec_of(arch, loaded["models"], model)
                self._rpc(
                    user,
                    model,
                    "web_search_read",
                    domain,
                    spec,
                    limit=80,
                    context=context,
                )
            elif view_type in ("pivot", "graph"):
                fields_info = loaded["models"][model]["fields"]
                groupby = [
                    f.get("name")
                    + (
                        f":{f.get('interval') or 'month'}"
                        if fields_info.get(f.get("name"), {}).get("type")
                        in ("date", "datetime")
                        else ""
                    )
                    for f in arch.xpath("//field")
                    if f.get("type") in ("row", "col")
                    or (view_type == "graph" and f.get("type") != "measure")
                ]
                measures = [
                    f"{f.get('name')}:sum"
                    for f in arch.xpath("//field[@type='measure']")
                ]
                self._rpc(
                    user,
                    model,
                    "formatted_read_group",
                    domain,
                    groupby=groupby[:1],
                    aggregates=[*measures, "__count"],
                    context=context,
                )
        return loaded

    def _menus(self, user):
        """The Performance menus ``user`` sees, each action opened: the xmlids."""
        menus = self._rpc(user, "ir.ui.menu", "load_menus", False)
        root = self.env.ref(f"{PERF}.menu_perf_root").id
        seen = set()
        todo = [root]
        while todo:
            menu = menus[str(todo.pop())]
            seen.add(menu["xmlid"])
            todo.extend(menu["children"])
            if not menu["action_id"]:
                continue
            action, error = self._jsonrpc(
                user,
                "/web/action/load",
                {"action_id": menu["action_id"], "context": {"lang": "en_US"}},
            )
            self.assertFalse(error, f"{menu['xmlid']}: {error}")
            if action["type"] == "ir.actions.act_window":
                with self.subTest(menu=menu["xmlid"]):
                    self._open_window(user, action)
        return seen

    def _sent_defaults(self, user, model, context=None, view_id=False, vals=None):
        """What the web client sends on saving a new record it did not touch:
        the defaults of the form's editable fields (and of readonly ones it
        force-saves), read through ``onchange``."""
        views = self._views(user, model, [[view_id, "form"]], context)
        arch = etree.fromstring(views["views"]["form"]["arch"])
        fields_info = views["models"][model]["fields"]
        spec = _spec_of(arch, views["models"], model)
        values = self._rpc(user, model, "onchange", [], {}, [], spec, context=context)[
            "value"
        ]
        if vals:
            # The user types the values: the form's onchanges follow.
            flat = {
                k: (v["id"] if isinstance(v, dict) and "id" in v else v)
                for k, v in values.items()
                if not isinstance(v, list)
            }
            changed = self._rpc(
                user,
                model,
                "onchange",
                [],
                dict(flat, **vals),
                list(vals),
                spec,
                context=context,
            )["value"]
            values.update(changed)
        sent = {}
        for node in arch.xpath(".//field[count(ancestor::field) = 0]"):
            name = node.get("name")
            info = fields_info.get(name, {})
            readonly = node.get("readonly") in ("1", "True", "true") or (
                info.get("readonly") and node.get("readonly") is None
            )
            if name not in values or (readonly and node.get("force_save") != "1"):
                continue
            value = values[name]
            if info.get("type") == "many2one":
                value = value and value["id"]
            elif info.get("type") in ("one2many", "many2many"):
                continue
            if value not in (False, None, ""):
                sent[name] = value
        return sent

    def _save(self, user, model, vals, res_id=None, context=None):
        """Save a form (``web_save``) as the web client does: the record's id.
        A new record carries the defaults of its form."""
        if not res_id:
            vals = dict(self._sent_defaults(user, model, context, vals=vals), **vals)
        [record] = self._rpc(
            user,
            model,
            "web_save",
            [res_id] if res_id else [],
            vals,
            specification={"display_name": {}},
            context=context,
        )
        return record["id"]

    def _button(self, user, record, method, context=None):
        """Click a button of ``record``'s form: call it, then open what it
        returns."""
        result = self._rpc(user, record._name, method, record.ids, context=context)
        if isinstance(result, dict):
            self._action(user, result)
        return result

    def _answer(self, review, level_index, user=None):
        """The reviewer rates every competency and submits."""
        review = review.with_user(user) if user else review
        for line in review.line_ids.filtered("criterion_id"):
            line.level_id = self.levels[level_index]
        for line in review.line_ids.filtered("goal_id"):
            line.goal_score = 100
        review.action_submit()

    def _review(self, appraisal, rater_type):
        return appraisal.sudo().review_ids.filtered(
            lambda r: r.rater_type == rater_type and r.state != "cancelled"
        )

    def _cycle_launched(self, propose_peers=False):
        """Set up by HR (the system here): a running cycle, everyone appraised."""
        cycle = self.env["perf.cycle"].create(
            {
                "company_id": self.company.id,
                "frequency": "annual",
                "date_start": year_bounds()[0],
                "date_end": year_bounds()[1],
                "template_id": self.template.id,
                "bonus_policy_id": self.policy.id,
                "state": "goal_setting",
            }
        )
        self.env["perf.cycle.launch.wizard"].create(
            {
                "cycle_id": cycle.id,
                "template_id": self.template.id,
                "propose_peers": propose_peers,
            }
        ).action_launch()
        return cycle


class TestOfficerAlone(RolesAloneCase):
    def test_officer_runs_a_cycle_from_start_to_bonuses(self):
        olga = self.u_olga
        self.company.perf_appeal_handler = "hr"
        seen = self._menus(olga)
        for xmlid in (
            "menu_perf_cycle",
            "menu_perf_appraisal",
            "menu_perf_calibration",
            "menu_perf_appeal",
            "menu_perf_bonus",
            "menu_perf_report_appraisal",
            "menu_perf_report_bonus",
            "menu_perf_goal_template",
        ):
            self.assertIn(f"{PERF}.{xmlid}", seen)
        self.assertNotIn(f"{PERF}.menu_perf_template", seen)
        self._rpc(olga, "perf.overview", "get_overview")

        # A cycle, as the form creates it, then launched for everyone.
        self._form(olga, "perf.cycle")
        cycle_id = self._save(
            olga,
            "perf.cycle",
            {
                "company_id": self.company.id,
                "frequency": "annual",
                "date_start": str(year_bounds()[0]),
                "date_end": str(year_bounds()[1]),
                "template_id": self.template.id,
                "bonus_policy_id": self.policy.id,
                "user_id": olga.id,
            },
        )
        cycle = self.env["perf.cycle"].browse(cycle_id)
        self._form(olga, "perf.cycle", cycle.id)
        self._button(olga, cycle, "action_start")
        action = self._rpc(olga, "perf.cycle", "action_open_launch_wizard", cycle.ids)
        context = action["context"]
        self._form(olga, "perf.cycle.launch.wizard", context=context)
        wizard_id = self._save(
            olga,
            "perf.cycle.launch.wizard",
            {"template_id": self.template.id, "population": "all"},
            context=context,
        )
        wizard = self.env["perf.cycle.launch.wizard"].browse(wizard_id)
        self._button(olga, wizard, "action_launch", context=context)
        appraisals = cycle.appraisal_ids
        self.assertEqual(appraisals.employee_id, self.e_erin | self.e_cole | self.e_dan)
        erin = appraisals.filtered(lambda a: a.employee_id == self.e_erin)
        self._form(olga, "perf.appraisal", erin.id)

        # Phases, each by its button.
        self._button(olga, cycle, "action_start_progress")
        self._button(olga, cycle, "action_start_review")
        self.assertEqual(set(appraisals.mapped("state")), {"review"})
        for appraisal in appraisals:
            self._answer(self._review(appraisal, "manager"), 3, self.u_mona)
        self._answer(self._review(erin, "self"), 3, self.u_erin)
        # Cole's self review is still open: the gate asks, Olga moves on.
        gate = self._button(olga, cycle, "action_start_calibration")
        self.assertEqual(gate["res_model"], "perf.cycle.gate.wizard")
        gate_id = self._save(
            olga, "perf.cycle.gate.wizard", {}, context=gate["context"]
        )
        self._button(
            olga, self.env["perf.cycle.gate.wizard"].browse(gate_id), "action_move_on"
        )
        self.assertEqual(cycle.state, "calibration")

        # Calibration: a session, one rating changed with a justification.
        action = self._button(olga, cycle, "action_open_calibration")
        session = self.env["perf.calibration"].browse(action.get("res_id"))
        if not session:
            session_id = self._save(
                olga,
                "perf.calibration",
                {"cycle_id": cycle.id, "scope": "company"},
                context=action.get("context"),
            )
            session = self.env["perf.calibration"].browse(session_id)
        self._button(olga, session, "action_open")
        self._form(olga, "perf.calibration", session.id)
        line = session.line_ids.filtered(lambda cl: cl.employee_id == self.e_cole)
        self._form(olga, "perf.calibration.line", line.id)
        action = self._button(olga, line, "action_open_change_wizard")
        change_id = self._save(
            olga,
            "perf.calibration.line.wizard",
            {"level_id": self.levels[2].id, "justification": "Same as the team."},
            context=action["context"],
        )
        self._button(
            olga,
            self.env["perf.calibration.line.wizard"].browse(change_id),
            "action_confirm",
        )
        self.assertEqual(line.calibrated_level_id, self.levels[2])
        if session.departure_flagged:
            self._save(
                olga,
                "perf.calibration",
                {"departure_justification": "A small team."},
                session.id,
            )
        self._button(olga, session, "action_close")

        # Release, then Erin appeals and Olga decides.
        self._button(olga, cycle, "action_release")
        self.assertEqual(cycle.state, "released")
        self.assertEqual(set(appraisals.mapped("state")), {"released"})
        appeal = (
            self.env["perf.appeal"]
            .with_user(self.u_erin)
            .create({"appraisal_id": erin.id, "explanation": "<p>Met my goal.</p>"})
        )
        self.assertEqual(appeal.handler_id, olga)
        self._form(olga, "perf.appeal", appeal.id)
        action = self._button(olga, appeal.sudo(), "action_open_decision_wizard")
        decision_id = self._save(
            olga,
            "perf.appeal.decision.wizard",
            {"outcome": "rejected", "decision": "<p>Evidence checked.</p>"},
            context=action["context"],
        )
        self._button(
            olga,
            self.env["perf.appeal.decision.wizard"].browse(decision_id),
            "action_decide",
        )
        self.assertEqual(appeal.state, "rejected")

        # Bonuses: computed, approved, exported for payroll; the reports.
        self._button(olga, cycle, "action_compute_bonuses")
        lines = self.env["perf.bonus.line"].search([("cycle_id", "=", cycle.id)])
        self.assertEqual(len(lines), 3)
        self._form(olga, "perf.bonus.line", lines[0].id)
        self._rpc(olga, "perf.bonus.line", "action_approve", lines.ids)
        self.assertEqual(set(lines.mapped("state")), {"approved"})
        export_id = self._save(
            olga,
            "perf.bonus.export.wizard",
            {"line_ids": [Command.set(lines.ids)], "file_format": "csv"},
        )
        export = self.env["perf.bonus.export.wizard"].browse(export_id)
        self._button(olga, export, "action_export")
        self.assertIn(b"Erin Alone", export.data and base64.b64decode(export.data))
        for xmlid in (
            "perf_appraisal_report_action",
            "perf_goal_report_action",
            "perf_appeal_report_action",
            "perf_bonus_line_report_action",
        ):
            action, error = self._jsonrpc(
                olga, "/web/action/load", {"action_id": f"{PERF}.{xmlid}"}
            )
            self.assertFalse(error, error)
            self._open_window(olga, action)
        self._button(olga, cycle, "action_close")
        self.assertEqual(cycle.state, "closed")
        self._menus(olga)  # every list and report again, now with data

    def test_a_user_given_only_the_officer_group_is_internal_and_launches(self):
        """The user form gives "Performance / HR Officer" and nothing else: the
        user is internal (not a share user refused on every employee)."""
        user = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Only Officer",
                    "login": "alone_only_officer",
                    "password": "alone_only_officer",
                    "company_id": self.company.id,
                    "company_ids": [Command.set(self.company.ids)],
                    "group_ids": [
                        Command.set(self.env.ref(f"{PERF}.group_perf_officer").ids)
                    ],
                }
            )
        )
        self.assertFalse(user.share)
        self.assertTrue(user.has_group("base.group_user"))
        self.assertFalse(user.has_group("hr.group_hr_user"))
        cycle = self.env["perf.cycle"].create(
            {
                "company_id": self.company.id,
                "frequency": "annual",
                "date_start": year_bounds()[0],
                "date_end": year_bounds()[1],
                "template_id": self.template.id,
                "state": "goal_setting",
            }
        )
        action = self._rpc(user, "perf.cycle", "action_open_launch_wizard", cycle.ids)
        wizard_id = self._save(
            user, "perf.cycle.launch.wizard", {}, context=action["context"]
        )
        self._rpc(user, "perf.cycle.launch.wizard", "action_launch", [wizard_id])
        self.assertEqual(
            cycle.appraisal_ids.employee_id, self.e_erin | self.e_cole | self.e_dan
        )
        # A portal user cannot be given a Performance role: Odoo refuses two
        # user types rather than half-granting it.
        portal = new_test_user(
            self.env,
            "alone_portal",
            groups="base.group_portal",
            **{
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
            },
        )
        with self.assertRaises(ValidationError):
            portal.group_ids = [
                Command.link(self.env.ref(f"{PERF}.group_perf_manager").id)
            ]
            self.env.flush_all()

    def test_officer_quick_start_and_launches_by_department(self):
        olga = self.u_olga
        # The quick start: her company's first cycle in a few clicks.
        action, error = self._jsonrpc(
            olga, "/web/action/load", {"action_id": f"{PERF}.perf_quick_start_action"}
        )
        self.assertFalse(error, error)
        self._form(olga, "perf.quick.start")
        wizard_id = self._save(olga, "perf.quick.start", {"bonus_budget": 3000})
        action = self._button(
            olga, self.env["perf.quick.start"].browse(wizard_id), "action_launch"
        )
        cycle = self.env["perf.cycle"].browse(action["res_id"])
        self.assertEqual(cycle.state, "goal_setting")
        self.assertEqual(
            cycle.appraisal_ids.employee_id, self.e_erin | self.e_cole | self.e_dan
        )
        # The heads reviewed by a named person, a department launched in the
        # review phase (the reviews open at once).
        cycle.appraisal_ids.review_ids.sudo().unlink()
        cycle.appraisal_ids.sudo().unlink()
        self._button(olga, cycle, "action_start_progress")
        self._button(olga, cycle, "action_start_review")
        action = self._rpc(olga, "perf.cycle", "action_open_launch_wizard", cycle.ids)
        context = action["context"]
        wizard_id = self._save(
            olga,
            "perf.cycle.launch.wizard",
            {
                "population": "departments",
                "department_ids": [Command.set(self.dept.ids)],
                "top_policy": "reviewed_by",
                "top_reviewer_id": self.e_olga.id,
            },
            context=context,
        )
        wizard = self.env["perf.cycle.launch.wizard"].browse(wizard_id)
        self._form(olga, "perf.cycle.launch.wizard", wizard.id, context=context)
        self._button(olga, wizard, "action_launch", context=context)
        appraisals = cycle.appraisal_ids
        self.assertEqual(
            appraisals.employee_id, self.e_mona | self.e_erin | self.e_cole | self.e_dan
        )
        self.assertEqual(set(appraisals.mapped("state")), {"review"})
        mona = appraisals.filtered(lambda a: a.employee_id == self.e_mona)
        self.assertEqual(
            self._review(mona, "manager").reviewer_employee_id, self.e_olga
        )
        self._rpc(olga, "perf.cycle", "action_nudge_late", cycle.ids)
        self._menus(olga)


class TestEmployeeAlone(RolesAloneCase):
    def test_employee_does_her_part_from_goals_to_bonus(self):
        erin = self.u_erin
        cycle = self._cycle_launched()
        appraisal = cycle.appraisal_ids.filtered(lambda a: a.employee_id == self.e_erin)
        seen = self._menus(erin)
        for xmlid in (
            "menu_perf_overview",
            "menu_perf_goal_my",
            "menu_perf_review_to_write",
            "menu_perf_appraisal_my",
            "menu_perf_checkin",
            "menu_perf_cycle",
            "menu_perf_appeal",
        ):
            self.assertIn(f"{PERF}.{xmlid}", seen)
        self.assertNotIn(f"{PERF}.menu_perf_team", seen)
        self.assertNotIn(f"{PERF}.menu_perf_config", seen)
        overview = self._rpc(erin, "perf.overview", "get_overview")
        self.assertTrue(overview["me"]["has_employee"])

        # Her goal, written in the form and submitted; Mona approves it.
        action, error = self._jsonrpc(
            erin, "/web/action/load", {"action_id": f"{PERF}.perf_goal_action_my"}
        )
        self.assertFalse(error, error)
        context = self._eval(erin, action["context"], {})
        self._form(erin, "perf.goal", context=context)
        goal_id = self._save(
            erin,
            "perf.goal",
            {
                "name": "Sell more",
                "cycle_id": cycle.id,
                "goal_type": "kpi",
                "target": 100,
                "weight": 100,
            },
            context=context,
        )
        goal = self.env["perf.goal"].browse(goal_id)
        self.assertEqual(goal.employee_id, self.e_erin)
        self._form(erin, "perf.goal", goal.id)
        self._button(erin, goal, "action_submit")
        goal.with_user(self.u_mona).action_approve()
        self.assertEqual(goal.state, "approved")

        # A check-in on it.
        cycle.write({"state": "in_progress"})
        self._form(erin, "perf.checkin", context={"default_goal_id": goal.id})
        self._save(
            erin,
            "perf.checkin",
            {"goal_id": goal.id, "value": 80, "comment": "Good quarter"},
        )
        self.assertEqual(goal.actual, 80)

        # The review phase: she nominates a peer, writes her self review.
        cycle.write({"state": "review"})
        self_review = self._review(appraisal, "self")
        self._form(erin, "perf.review", self_review.id)
        action = self._rpc(
            erin, "perf.review", "action_open_peer_wizard", self_review.ids
        )
        context = action["context"]
        self._form(erin, "perf.peer.nomination.wizard", context=context)
        wizard_id = self._save(
            erin,
            "perf.peer.nomination.wizard",
            {"employee_ids": [Command.set(self.e_cole.ids)]},
            context=context,
        )
        self._button(
            erin,
            self.env["perf.peer.nomination.wizard"].browse(wizard_id),
            "action_confirm",
            context=context,
        )
        self.assertEqual(
            self._review(appraisal, "peer").reviewer_employee_id, self.e_cole
        )
        values = self._form(erin, "perf.review", self_review.id)
        lines = [
            Command.update(line["id"], {"level_id": self.levels[3].id})
            for line in values["line_ids"]
            if line.get("criterion_id")
        ]
        self.assertTrue(lines)
        self._save(
            erin,
            "perf.review",
            {"line_ids": lines, "strengths": "<p>Sales</p>"},
            self_review.id,
        )
        self._button(erin, self_review, "action_submit")
        self.assertEqual(self_review.state, "submitted")

        # Mona approves the peer, Cole and Mona answer; the result is released.
        appraisal.with_user(self.u_mona).action_approve_peers()
        self._answer(self._review(appraisal, "peer"), 2, self.u_cole)
        for other in cycle.appraisal_ids:
            self._answer(self._review(other, "manager"), 3, self.u_mona)
        cycle.write({"state": "calibration"})
        cycle.write({"state": "released"})
        self.assertEqual(appraisal.state, "released")

        # She reads it, prints it, appeals it and signs it off.
        values = self._form(erin, "perf.appraisal", appraisal.id)
        self.assertEqual(values["employee_id"]["display_name"], "Erin Alone")
        action = self._button(erin, appraisal, "action_print")
        self.assertEqual(action["type"], "ir.actions.report")
        self._login(erin)
        response = self.url_open(f"/report/pdf/{action['report_name']}/{appraisal.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        action = self._rpc(erin, "perf.appraisal", "action_file_appeal", appraisal.ids)
        context = action["context"]
        self._form(erin, "perf.appeal", context=context)
        appeal_id = self._save(
            erin,
            "perf.appeal",
            {"ground": "rating", "explanation": "<p>My goal was met.</p>"},
            context=context,
        )
        appeal = self.env["perf.appeal"].browse(appeal_id)
        self.assertEqual(appeal.appraisal_id, appraisal)
        self._form(erin, "perf.appeal", appeal.id)
        action = self._button(erin, appraisal, "action_open_acknowledge_wizard")
        ack_id = self._save(
            erin,
            "perf.appraisal.acknowledge.wizard",
            {"comment": "Read and discussed."},
            context=self._eval(erin, action["context"], {}),
        )
        self._button(
            erin,
            self.env["perf.appraisal.acknowledge.wizard"].browse(ack_id),
            "action_confirm",
        )
        self.assertEqual(appraisal.state, "acknowledged")

        # Her bonus, once approved by HR.
        cycle.action_compute_bonuses()
        line = self.env["perf.bonus.line"].search(
            [("cycle_id", "=", cycle.id), ("employee_id", "=", self.e_erin.id)]
        )
        line.with_user(self.u_olga).action_approve()
        mine = self._rpc(
            erin, "perf.bonus.line", "search_read", [], ["amount", "state"]
        )
        self.assertEqual([row["id"] for row in mine], line.ids)
        self._form(erin, "perf.bonus.line", line.id)
        self._menus(erin)


class TestManagerAlone(RolesAloneCase):
    def test_manager_leads_her_team_through_the_cycle(self):
        mona = self.u_mona
        cycle = self._cycle_launched(propose_peers=True)
        appraisal = cycle.appraisal_ids.filtered(lambda a: a.employee_id == self.e_erin)
        seen = self._menus(mona)
        for xmlid in (
            "menu_perf_appraisal_team",
            "menu_perf_goal",
            "menu_perf_goal_alignment",
            "menu_perf_calibration",
            "menu_perf_bonus",
            "menu_perf_report_goal",
            "menu_perf_report_appraisal",
        ):
            self.assertIn(f"{PERF}.{xmlid}", seen)
        self.assertNotIn(f"{PERF}.menu_perf_appraisal", seen)
        self.assertNotIn(f"{PERF}.menu_perf_config", seen)
        overview = self._rpc(mona, "perf.overview", "get_overview")
        self.assertEqual(overview["team"]["size"], 3)

        # Erin's goal, approved with the team's in one click.
        goal = (
            self.env["perf.goal"]
            .with_user(self.u_erin)
            .create(
                {
                    "name": "Sell more",
                    "cycle_id": cycle.id,
                    "goal_type": "kpi",
                    "target": 100,
                    "weight": 100,
                }
            )
        )
        goal.with_user(self.u_erin).action_submit()
        self._form(mona, "perf.goal", goal.id)
        self._rpc(mona, "perf.goal", "action_approve_team_goals")
        self.assertEqual(goal.state, "approved")

        # The reviews: Mona writes hers, gathers the feedback, releases.
        cycle.write({"state": "in_progress"})
        cycle.write({"state": "review"})
        self._form(mona, "perf.appraisal", appraisal.id)
        self._answer(self._review(appraisal, "self"), 3, self.u_erin)
        for peer in self._review(appraisal, "peer"):
            review = peer.with_user(peer.reviewer_user_id)
            review.strengths = "<p>Always helps.</p>"
            self._answer(review, 2)
        manager_review = self._review(appraisal, "manager")
        values = self._form(mona, "perf.review", manager_review.id)
        lines = [
            Command.update(line["id"], {"level_id": self.levels[3].id})
            for line in values["line_ids"]
            if line.get("criterion_id")
        ]
        lines += [
            Command.update(line["id"], {"goal_score": 90})
            for line in values["line_ids"]
            if line.get("goal_id")
        ]
        self._save(
            mona,
            "perf.review",
            {"line_ids": lines, "improvements": "<p>Forecasts.</p>"},
            manager_review.id,
        )
        self._button(mona, manager_review, "action_submit")
        self.assertEqual(manager_review.state, "submitted")
        self._button(mona, appraisal, "action_gather_feedback")
        self.assertIn("Always helps", str(appraisal.strengths))

        # Calibration: she takes part in HR's session, for her own people.
        for other in cycle.appraisal_ids - appraisal:
            self._answer(self._review(other, "manager"), 2, mona)
        cycle.write({"state": "calibration"})
        session = (
            self.env["perf.calibration"]
            .with_user(self.u_olga)
            .create({"cycle_id": cycle.id, "scope": "company"})
        )
        session.with_user(self.u_olga).action_open()
        self.assertIn(mona, session.participant_ids)
        self._form(mona, "perf.calibration", session.id)
        self._button(mona, session, "action_view_nine_box")
        line = session.line_ids.filtered(lambda cl: cl.employee_id == self.e_erin)
        self._form(mona, "perf.calibration.line", line.id)
        self._save(mona, "perf.calibration.line", {"potential": "high"}, line.id)
        self.assertEqual(line.potential, "high")
        self._menus(mona)
        self._button(mona, appraisal, "action_release")
        self.assertEqual(appraisal.state, "released")

        # The interview, the development plan, a promotion.
        action = self._rpc(
            mona, "perf.appraisal", "action_schedule_interview", appraisal.ids
        )
        context = action["context"]
        self._form(mona, "calendar.event", context=context)
        event_id = self._save(
            mona,
            "calendar.event",
            {"start": in_days(2, 9), "stop": in_days(2, 10)},
            context=context,
        )
        event = self.env["calendar.event"].browse(event_id)
        self.assertEqual(event.partner_ids, self.u_erin.partner_id | mona.partner_id)
        self._button(mona, appraisal, "action_view_interviews")
        self._save(
            mona,
            "perf.appraisal",
            {
                "development_action_ids": [
                    Command.create(
                        {
                            "name": "Negotiation course",
                            "kind": "training",
                            "user_id": self.u_erin.id,
                            "date_deadline": str(in_days(120)),
                        }
                    )
                ]
            },
            appraisal.id,
        )
        self.assertEqual(appraisal.development_action_ids.name, "Negotiation course")
        action = self._rpc(
            mona, "perf.appraisal", "action_open_promotion_wizard", appraisal.ids
        )
        context = action["context"]
        self._form(mona, "perf.promotion.wizard", context=context)
        wizard_id = self._save(
            mona,
            "perf.promotion.wizard",
            {"job_id": self.job.id, "reason": "Best seller two years running."},
            context=context,
        )
        self._button(
            mona, self.env["perf.promotion.wizard"].browse(wizard_id), "action_confirm"
        )
        self.assertTrue(appraisal.promotion_recommended)
        self.assertEqual(appraisal.promotion_job_id, self.job)
        self._menus(mona)


class TestAdminAlone(RolesAloneCase):
    def test_administrator_configures_the_app(self):
        adam = self.u_adam
        seen = self._menus(adam)
        for xmlid in (
            "menu_perf_template",
            "menu_perf_rating_scale",
            "menu_perf_criterion",
            "menu_perf_metric",
            "menu_perf_goal_template",
            "menu_perf_bonus_policy",
            "menu_perf_settings",
        ):
            self.assertIn(f"{PERF}.{xmlid}", seen)

        # A rating scale with its levels, in the form.
        self._form(adam, "perf.rating.scale")
        bands = [("Low", "L", 0, 60), ("Mid", "M", 60, 90), ("High", "H", 90, 100)]
        scale_id = self._save(
            adam,
            "perf.rating.scale",
            {
                "name": "Three bands",
                "company_id": self.company.id,
                "level_ids": [
                    Command.create(
                        {
                            "name": name,
                            "code": code,
                            "sequence": index,
                            "score_min": low,
                            "score_max": high,
                        }
                    )
                    for index, (name, code, low, high) in enumerate(bands)
                ],
            },
        )
        scale = self.env["perf.rating.scale"].browse(scale_id)
        self.assertEqual(len(scale.level_ids), 3)
        self._form(adam, "perf.rating.scale", scale.id)

        # A competency on it, described level by level.
        self._form(adam, "perf.criterion")
        criterion_id = self._save(
            adam,
            "perf.criterion",
            {
                "name": "Negotiation",
                "company_id": self.company.id,
                "rating_scale_id": scale.id,
                "level_ids": [
                    Command.create(
                        {"rating_level_id": level.id, "description": "Deals"}
                    )
                    for level in scale.level_ids
                ],
            },
        )
        criterion = self.env["perf.criterion"].browse(criterion_id)
        values = self._form(adam, "perf.criterion", criterion.id)
        self._save(
            adam,
            "perf.criterion",
            {
                "level_ids": [
                    Command.update(line["id"], {"description": "Closes deals"})
                    for line in values["level_ids"]
                ]
            },
            criterion.id,
        )
        self.assertEqual(
            criterion.level_ids.mapped("description"), ["Closes deals"] * 3
        )

        # A template using both.
        self._form(adam, "perf.template")
        template_id = self._save(
            adam,
            "perf.template",
            {
                "name": "Sales template",
                "company_id": self.company.id,
                "method": "kpi",
                "rating_scale_id": scale.id,
                "criterion_ids": [Command.set(criterion.ids)],
                "customer_weight": 0,
                "peer_weight": 30,
            },
        )
        self._form(adam, "perf.template", template_id)

        # A KPI metric on live data: the model and fields are picked by name.
        self._form(adam, "perf.metric")
        found = self._rpc(adam, "ir.model", "name_search", "Contact")
        self.assertTrue(found)
        partner_model = self.env["ir.model"]._get("res.partner")
        metric_id = self._save(
            adam,
            "perf.metric",
            {
                "name": "New contacts",
                "company_id": self.company.id,
                "model_id": partner_model.id,
                "domain": "[]",
                "aggregation": "count",
                "employee_path": "user_id",
                "date_field_id": self.env["ir.model.fields"]
                ._get("res.partner", "create_date")
                .id,
            },
        )
        self._form(adam, "perf.metric", metric_id)

        # Not on records he cannot read: the wages (Employees officers only),
        # nor through a filter on an employee's private field.
        Fields = self.env["ir.model.fields"]
        refused = {
            "Average wage": {
                "model_id": self.env["ir.model"]._get_id("hr.version"),
                "aggregation": "avg",
                "measured_field_id": Fields._get("hr.version", "wage").id,
                "employee_path": "employee_id",
            },
            "Staff by private email": {
                "model_id": self.env["ir.model"]._get_id("hr.employee"),
                "domain": "[('private_email', 'ilike', 'a')]",
                "employee_path": "parent_id",
            },
        }
        for name, vals in refused.items():
            vals = dict(vals, name=name, company_id=self.company.id)
            vals.setdefault("domain", "[]")
            vals.setdefault("aggregation", "count")
            _result, error = self._jsonrpc(
                adam,
                "/web/dataset/call_kw/perf.metric/web_save",
                {
                    "model": "perf.metric",
                    "method": "web_save",
                    "args": [[], vals],
                    "kwargs": {"specification": {"display_name": {}}},
                },
            )
            self.assertEqual(error["name"], "odoo.exceptions.ValidationError", name)
            self.assertIn("which you cannot read", error["message"])
            self.assertFalse(self.env["perf.metric"].search([("name", "=", name)]))

        # A bonus policy.
        self._form(adam, "perf.bonus.policy")
        policy_id = self._save(
            adam,
            "perf.bonus.policy",
            {"name": "Sales bonus", "rating_scale_id": scale.id, "base_amount": 500},
        )
        self._form(adam, "perf.bonus.policy", policy_id)

        # The settings of the app, for the company.
        action, error = self._jsonrpc(
            adam, "/web/action/load", {"action_id": f"{PERF}.perf_settings_action"}
        )
        self.assertFalse(error, error)
        self._form(adam, "perf.settings")
        settings_id = self._save(
            adam,
            "perf.settings",
            {"perf_appeal_window_days": 8, "perf_appeal_handler": "manager_manager"},
        )
        self._button(adam, self.env["perf.settings"].browse(settings_id), "execute")
        self.assertEqual(self.company.perf_appeal_window_days, 8)
        self.assertEqual(self.company.perf_appeal_handler, "manager_manager")
        self._menus(adam)

    def test_settings_change_only_the_current_company(self):
        """A crafted company in the form changes nothing elsewhere; an HR
        officer (not an administrator) cannot change the settings."""
        other = self.env["res.company"].create({"name": "Alone Other Ltd"})
        window = other.perf_appeal_window_days
        settings_id = self._save(
            self.u_adam,
            "perf.settings",
            {"company_id": other.id, "perf_appeal_window_days": window + 7},
        )
        self._rpc(self.u_adam, "perf.settings", "execute", [settings_id])
        self.assertEqual(other.perf_appeal_window_days, window)
        self.assertEqual(self.company.perf_appeal_window_days, window + 7)
        params = {
            "model": "perf.settings",
            "method": "onchange",
            "args": [[], {}, [], {"perf_appeal_window_days": {}}],
            "kwargs": {},
        }
        _result, error = self._jsonrpc(
            self.u_olga, "/web/dataset/call_kw/perf.settings/onchange", params
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        seen = self._menus(self.u_olga)
        self.assertNotIn(f"{PERF}.menu_perf_settings", seen)


class TestOfficerCompanies(RolesAloneCase):
    def test_officer_of_two_companies_runs_each_in_its_own_scope(self):
        """Olga works for two companies: with one selected she sees its cycles
        only; with both she launches the other company's cycle, for its own
        employees. An officer of one company never reaches the other's."""
        olga = self.u_olga
        other = self.env["res.company"].create({"name": "Alone Branch"})
        olga.company_ids = [Command.link(other.id)]
        base = {"company_id": other.id}
        boss = self.env["hr.employee"].create(dict(base, name="Branch Boss"))
        staff = self.env["hr.employee"].create(
            [dict(base, name=f"Branch {i}", parent_id=boss.id) for i in range(2)]
        )
        cycle = self.env["perf.cycle"].create(
            dict(
                base,
                frequency="annual",
                date_start=year_bounds()[0],
                date_end=year_bounds()[1],
                template_id=self.env.ref(f"{PERF}.template_kpi").id,
                state="goal_setting",
            )
        )
        only_here = {"allowed_company_ids": self.company.ids}
        both = {"allowed_company_ids": [other.id, self.company.id]}
        rows = self._rpc(
            olga,
            "perf.cycle",
            "web_search_read",
            [],
            {"display_name": {}},
            context=only_here,
        )
        self.assertNotIn(cycle.id, [row["id"] for row in rows["records"]])
        action = self._rpc(
            olga, "perf.cycle", "action_open_launch_wizard", cycle.ids, context=both
        )
        context = dict(action["context"], **both)
        wizard_id = self._save(olga, "perf.cycle.launch.wizard", {}, context=context)
        self._rpc(
            olga, "perf.cycle.launch.wizard", "action_launch", [wizard_id], context=both
        )
        self.assertEqual(cycle.appraisal_ids.employee_id, staff)
        self._form(olga, "perf.cycle", cycle.id, context=both)
        # Mona, of the first company only, does not reach it.
        params = {
            "model": "perf.cycle",
            "method": "web_read",
            "args": [cycle.ids, {"display_name": {}}],
            "kwargs": {"context": {"allowed_company_ids": self.company.ids}},
        }
        _result, error = self._jsonrpc(
            self.u_mona, "/web/dataset/call_kw/perf.cycle/web_read", params
        )
        self.assertTrue(error)
