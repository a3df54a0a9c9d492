# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue #11: who may change what, checked from the outside.

``TestIntegrityRpc`` logs real users in and attacks the records through
``/web/dataset/call_kw``; ``TestWriteMatrix`` tries every role on every field
the guard declares, in every state, with ``with_user()``.
"""

from contextlib import contextmanager
from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from ..engine.write_rules import ALL_FIELDS, check_table
from .common_dates import in_days
from .test_appraisal import AppraisalCase

ROLE_USERS = {
    "employee": "user_employee",  # Erin, the reviewee
    "peer": "user_colleague",  # Cole, her peer reviewer, and an appellant
    "manager": "user_manager",  # Mona, above Erin and Cole
    "other_manager": "user_other_manager",  # Max, above Otis only
    "officer": "user_officer",  # HR, the appeals' handler
    "other_officer": "user_other_officer",  # HR of the other company
}
# Models whose state is their parent's: the field leading to it.
STATE_HOLDER = {
    "perf.review.line": "review_id",
    "perf.checkin": "goal_id",
    "perf.calibration.line": "calibration_id",
    "perf.meeting.item": "meeting_id",
}
# What an "every field" rule (the cycle's) is tried on, besides the fields the
# table names itself.
ALL_FIELDS_SAMPLE = {"name"}
# The record each model is tried on, and the rule roles each user holds on it.
MATRIX_CASES = {
    "perf.review": ("self_review", {"employee": "reviewer"}),
    "perf.review.line": ("self_line", {"employee": "reviewer"}),
    "perf.appraisal": ("appraisal", {"manager": "manager", "officer": "officer"}),
    "perf.goal": (
        "goal",
        {"employee": "owner", "manager": "manager", "officer": "officer"},
    ),
    "perf.checkin": ("checkin", {"employee": "author"}),
    "perf.appeal": ("appeal", {"peer": "appellant", "manager": "rating_manager"}),
    "perf.bonus.line": ("bonus_line", {}),
    "perf.cycle": ("cycle", {"officer": "officer"}),
    "perf.development.action": (
        "action",
        {"employee": "owner", "manager": "manager", "officer": "manager"},
    ),
    "perf.appraisal.note": ("note", {"manager": "writer", "officer": "writer"}),
    "perf.calibration": ("calibration", {"officer": "officer"}),
    "perf.calibration.line": (
        "calibration_line",
        {"manager": "manager", "officer": "officer"},
    ),
    "perf.calibration.rater": ("calibration_rater", {}),
    "perf.feedback": ("feedback_request", {"peer": "giver"}),
    "perf.meeting": ("meeting", {"manager": "organiser party", "employee": "party"}),
    "perf.meeting.item": ("meeting_item", {"manager": "party", "employee": "party"}),
    "perf.meeting.note": ("meeting_note", {"manager": "writer"}),
}
SET_STATE = "UPDATE %s SET state = %s WHERE id = %s"
WORKFLOW_ONLY = "change only through the workflow"
ON_CREATE = "when creating a"
# Pinned by hand (model | fields only the workflow may change).
PINNED_WORKFLOW = """
perf.review | rater_type state reviewer_user_id reviewer_employee_id anonymous score
perf.review.line | review_id criterion_id goal_id score
perf.appraisal | state final_score rating_level_id calibrated_level_id employee_id
perf.appraisal | appeal_level_id appeal_score final_level_id released_date
perf.appraisal | calibration_justification calibrated_date
perf.goal | state actual approved_by_id approved_date score
perf.appeal | handler_id decision revised_level_id revised_score state decision_date
perf.bonus.line | amount state approved_by_id approved_date multiplier paid_date
perf.cycle | state
perf.calibration | state line_ids rater_ids participant_ids
perf.calibration.line | appraisal_id computed_level_id calibrated_level_id justification
perf.calibration.line | changed_by_id changed_date nine_box
perf.calibration.rater | rater_employee_id mean leniency verdict kind
perf.feedback | giver_id receiver_id state requester_id date
perf.meeting | employee_id manager_id state held_date calendar_event_id
perf.meeting.item | source goal_id checkin_id development_action_id added_by_id
perf.meeting.note | meeting_id user_id
"""
# Pinned by hand (model | roles | state | exactly the fields they may write).
WORDS = {
    "FEEDBACK": "strengths improvements interview_notes manager_note "
    "development_action_ids",
    "APPELLANT": "explanation disputed_goal_ids disputed_criterion_ids",
    # The feedback still held after the release: strengths and improvements
    # are part of the released result, frozen.
    "HELD": "interview_notes manager_note development_action_ids",
    "MEETING": "shared_notes my_private_note agenda_item_ids action_item_ids",
}
PINNED_OPENINGS = """
perf.review | reviewer | requested | strengths improvements comment line_ids
perf.review | reviewer | submitted |
perf.review.line | reviewer | requested | level_id goal_score comment
perf.review.line | reviewer | submitted |
perf.appraisal | manager | review | FEEDBACK
perf.appraisal | manager officer | released | HELD
perf.appraisal | officer | planned | FEEDBACK template_id manager_id
perf.appraisal | manager officer | acknowledged |
perf.goal | owner | approved | sequence
perf.goal | manager officer | done |
perf.appeal | appellant | submitted | APPELLANT
perf.appeal | rating_manager | under_review | manager_statement
perf.appeal | appellant rating_manager | rejected |
perf.cycle | officer | closed | active bonus_policy_id bonus_pool_ids
perf.calibration.line | manager officer | in_progress | potential
perf.calibration.line | manager officer | done |
perf.calibration | officer | in_progress | facilitator_id departure_justification
perf.feedback | giver | given |
perf.meeting | party | held | MEETING
perf.meeting | organiser | cancelled |
perf.meeting.note | writer | any | note
"""


class IntegrityCase(AppraisalCase):
    """Erin's appraisal in review: her self review open, Cole's peer review and
    Mona's manager review submitted, a development action and a private note;
    Erin's approved goal with a check-in, Cole's private goal; Cole's appraisal
    released and appealed; two bonus lines (Cole's, the HR officer's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env, company = cls.env, cls.company
        cls.cycle.user_id = cls.user_officer
        cls.user_other_manager = max_user = new_test_user(
            env,
            "perf_other_manager",
            groups="base.group_user,odoo_perf_review.group_perf_manager",
            name="Max Other-Manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        cls.emp_outsider.parent_id = env["hr.employee"].create(
            dict(name=max_user.name, user_id=max_user.id, company_id=company.id)
        )
        cls.goal = cls._goal("Sell more", weight=100)
        cls.goal.with_user(cls.user_manager).action_approve()
        cls.private_goal = cls._goal(
            "Cole's secret", employee_id=cls.emp_colleague.id, visibility="private"
        )
        cls.checkin = cls._as(cls.user_employee, "perf.checkin").create(
            {"goal_id": cls.goal.id, "value": 40}
        )
        # Everyone appraised (the HR officer too, for her bonus line): those
        # without a manager are reviewed by a board member.
        env["perf.cycle.launch.wizard"].with_context(
            default_cycle_id=cls.cycle.id
        ).create(
            {
                "template_id": cls.template.id,
                "top_policy": "reviewed_by",
                "top_reviewer_id": cls._top_reviewer().id,
            }
        ).action_launch()
        cls.cycle.write({"state": "review"})

        cls.appraisal = appraisal = cls._appraisal_of(cls.emp_employee)
        cls.self_review = appraisal.review_ids.filtered(
            lambda r: r.rater_type == "self"
        )
        cls.self_line = cls.self_review.line_ids.filtered("criterion_id")[:1]
        cls.peer_review = appraisal.review_ids.filtered(
            lambda r: r.reviewer_employee_id == cls.emp_colleague
        )
        cls._answer_as(cls.peer_review, cls.user_colleague)
        cls._answer_as(cls._manager_review(appraisal), cls.user_manager)
        vals = {"name": "Course", "user_id": cls.user_employee.id}
        cls.action = cls._as(cls.user_manager, "perf.development.action").create(
            dict(vals, appraisal_id=appraisal.id, date_deadline=in_days(90))
        )
        appraisal.with_user(cls.user_manager).manager_note = "<p>Ready.</p>"
        cls.note = env["perf.appraisal.note"].search(
            [("appraisal_id", "=", appraisal.id)]
        )

        cole_appraisal = cls._appraisal_of(cls.emp_colleague)
        cls._answer_as(cls._manager_review(cole_appraisal), cls.user_manager)
        cole_appraisal.with_user(cls.user_officer).action_release()
        cls.appeal = cls._as(cls.user_colleague, "perf.appeal").create(
            {"appraisal_id": cole_appraisal.id, "explanation": "<p>Unfair.</p>"}
        )
        policy = env["perf.bonus.policy"].create(
            dict(name="Bonus", company_id=company.id, rating_scale_id=cls.scale.id)
        )
        # Records made by the workflow carry its marker: drop it.
        cls.bonus_line, cls.officer_bonus_line = (
            env["perf.bonus.line"]
            ._workflow()
            .create({"appraisal_id": paid.id, "policy_id": policy.id})
            .with_env(env)
            for paid in (cole_appraisal, cls._appraisal_of(cls.emp_officer))
        )
        # A calibration session in progress on Erin's appraisal, Mona taking
        # part, with her statistics (made by the system, as when it opens).
        cls.calibration = env["perf.calibration"].create(
            {"cycle_id": cls.cycle.id, "facilitator_id": cls.user_officer.id}
        )
        cls.calibration_line = env["perf.calibration.line"].create(
            {
                "calibration_id": cls.calibration.id,
                "appraisal_id": appraisal.id,
                "employee_id": cls.emp_employee.id,
                "manager_id": cls.emp_manager.id,
                "computed_level_id": cls.levels[2].id,
                "calibrated_level_id": cls.levels[2].id,
            }
        )
        cls.calibration_rater = env["perf.calibration.rater"].create(
            {
                "calibration_id": cls.calibration.id,
                "kind": "manager",
                "rater_employee_id": cls.emp_manager.id,
                "rating_count": 1,
                "verdict": "too_few",
            }
        )
        cls.calibration.write(
            {
                "state": "in_progress",
                "participant_ids": [Command.set(cls.user_manager.ids)],
            }
        )
        # Coaching: Mona asks Cole for feedback about Erin; Mona and Erin's
        # one-on-one with a topic and Mona's private note.
        cls.feedback_request = (
            cls._as(cls.user_manager, "perf.feedback")
            ._request(cls.emp_employee, cls.user_colleague, in_days(7), "?")
            .with_env(env)
        )
        meeting = cls._as(cls.user_manager, "perf.meeting").create(
            {"employee_id": cls.emp_employee.id}
        )
        cls.meeting_item = (
            cls._as(cls.user_manager, "perf.meeting.item")
            .create({"meeting_id": meeting.id, "name": "Pipeline"})
            .with_env(env)
        )
        meeting.my_private_note = "<p>Mine</p>"
        cls.meeting = meeting.with_env(env)
        cls.meeting_note = env["perf.meeting.note"].search(
            [("meeting_id", "=", meeting.id)]
        )

    @classmethod
    def _as(cls, user, model):
        return cls.env[model].with_user(user)

    @classmethod
    def _appraisal_of(cls, employee):
        return cls.env["perf.appraisal"].search(
            [("cycle_id", "=", cls.cycle.id), ("employee_id", "=", employee.id)]
        )

    @classmethod
    def _manager_review(cls, appraisal):
        return appraisal.review_ids.filtered(lambda r: r.rater_type == "manager")

    @classmethod
    def _answer_as(cls, review, user):
        review = review.with_user(user)
        for line in review.line_ids.filtered("criterion_id"):
            line.level_id = cls.levels[2]
        review.action_submit()

    def _user(self, role):
        return getattr(self, ROLE_USERS[role])

    def _label(self, model, name):
        return self.env[model]._fields[name]._description_string(self.env)

    def _values(self, record, names):
        """What the database holds, read again by the superuser."""
        self.env.invalidate_all()
        return {name: record.sudo()[name] for name in names}


@tagged("post_install", "-at_install")
class TestIntegrityRpc(IntegrityCase, HttpCase):
    """Real sessions and JSON-RPC ``call_kw``: the guard as a client meets it."""

    def _call(self, role, model, method, args, context=None):
        """``model.method(*args)`` called as ``role``: (result, error data)."""
        login = self._user(role).login
        if getattr(self, "_logged_in", None) != login:
            self.authenticate(login, login)
            self._logged_in = login
        self.env.flush_all()
        kwargs = {"context": context} if context else {}
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
        )
        response.raise_for_status()
        payload = response.json()
        self.env.invalidate_all()
        return payload.get("result"), (payload.get("error") or {}).get("data")

    def _ok(self, role, model, method, args, context=None):
        result, error = self._call(role, model, method, args, context)
        self.assertFalse(error, error and error["message"])
        return result

    def _refused(self, role, model, method, args, match, errors=None, context=None):
        """The call fails with one of ``errors`` (AccessError by default), its
        message matching ``match``: return the message the user reads."""
        result, error = self._call(role, model, method, args, context)
        self.assertTrue(error, f"{role}: {model}.{method}{args} passed: {result}")
        names = {f"odoo.exceptions.{exc.__name__}" for exc in errors or [AccessError]}
        self.assertIn(error["name"], names, error["message"])
        self.assertRegex(error["message"], match)
        return error["message"]

    def _refused_write(self, role, record, vals, match=".", **kw):
        """``role`` writes ``vals`` on ``record``: refused, nothing changed."""
        before = self._values(record, vals)
        args = [record.ids, vals]
        text = self._refused(role, record._name, "write", args, match, **kw)
        self.assertEqual(self._values(record, vals), before)
        return text

    def _refused_create(self, role, model, vals, match=ON_CREATE, **kw):
        """``role`` creates a ``model``: refused, nothing created."""
        before = self.env[model].sudo().search_count([])
        text = self._refused(role, model, "create", [vals], match, **kw)
        self.assertEqual(self.env[model].sudo().search_count([]), before)
        return text

    def _refused_workflow_fields(self, attacks, context=None):
        for role, record, name, value in attacks:
            with self.subTest(role=role, model=record._name, field=name):
                vals = {name: value}
                text = self._refused_write(
                    role, record, vals, WORKFLOW_ONLY, context=context
                )
                self.assertIn(self._label(record._name, name), text)

    def test_review_attacks(self):
        mona = self.user_manager.id
        self._refused_workflow_fields(
            [
                ("employee", self.self_review, "rater_type", "manager"),
                ("employee", self.self_review, "reviewer_user_id", mona),
                ("peer", self.peer_review, "state", "requested"),
            ]
        )
        self.assertEqual(self.peer_review.state, "submitted")
        self._refused_write("peer", self.peer_review, {"comment": "<p>Hm</p>"}, "while")
        line = self.peer_review.line_ids.filtered("criterion_id")[:1]
        vals = {"level_id": self.levels[0].id}
        self._refused_write(
            "peer", line, vals, "no longer be changed", errors=[AccessError, UserError]
        )
        context = {"default_rater_type": "manager"}
        text = self._refused_create("employee", "perf.review", {}, context=context)
        self.assertIn(self._label("perf.review", "rater_type"), text)

    def test_reviewer_answers_her_open_review(self):
        line = self.self_line
        vals = {
            "comment": "<p>A good quarter.</p>",
            "line_ids": [Command.update(line.id, {"level_id": self.levels[3].id})],
        }
        self._ok("employee", "perf.review", "write", [self.self_review.ids, vals])
        self.assertIn("A good quarter", str(self.self_review.comment))
        self.assertEqual(line.level_id, self.levels[3])

    def test_manager_cannot_set_the_results_of_a_team_member(self):
        top, appraisal = self.levels[4].id, self.appraisal
        self._refused_workflow_fields(
            [
                ("manager", appraisal, "calibrated_level_id", top),
                ("manager", appraisal, "final_score", 99.0),
                ("manager", appraisal, "rating_level_id", top),
                ("manager", appraisal, "state", "released"),
                ("officer", appraisal, "calibrated_level_id", top),
            ]
        )
        model, ids = "perf.appraisal", appraisal.ids
        args = [ids, top, "Why not"]
        self._refused("manager", model, "_calibrate", args, "Private methods")
        method = "action_open_calibrate_wizard"
        self._refused("manager", model, method, [ids], "Only an HR officer")
        for role in ("other_manager", "other_officer", "employee"):
            with self.subTest(role=role):
                self._refused_write(role, appraisal, {"strengths": "<p>X</p>"})
        self._ok("manager", model, "write", [ids, {"strengths": "<p>Ace</p>"}])
        self.assertIn("Ace", str(appraisal.strengths))

    def test_officer_calibrates_through_the_wizard(self):
        model = "perf.appraisal.calibrate.wizard"
        vals = {"level_id": self.levels[4].id, "justification": "Top of the team."}
        context = {"default_appraisal_id": self.appraisal.id}
        wizard_id = self._ok("officer", model, "create", [vals], context)
        self._ok("officer", model, "action_confirm", [[wizard_id]])
        self.assertEqual(self.appraisal.calibrated_level_id, self.levels[4])
        self.assertEqual(self.appraisal.final_level_id, self.levels[4])

    def test_refusal_does_not_name_a_record_the_user_cannot_read(self):
        for role, record, vals in (
            ("other_officer", self.appraisal, {"strengths": "<p>X</p>"}),
            ("other_manager", self.appraisal, {"strengths": "<p>X</p>"}),
            ("other_officer", self.self_review, {"comment": "<p>X</p>"}),
            ("other_manager", self.self_review, {"comment": "<p>X</p>"}),
        ):
            with self.subTest(role=role, model=record._name):
                text = self._refused_write(role, record, vals)
                self.assertNotIn(self.emp_employee.name, text)

    def test_goal_owner_cannot_write_measures_or_approval(self):
        self._refused_workflow_fields(
            [
                ("employee", self.goal, "actual", 1000.0),
                ("employee", self.goal, "approved_by_id", self.user_employee.id),
                ("employee", self.goal, "approved_date", "2026-01-02 08:00:00"),
            ]
        )
        self._refused_write("employee", self.goal, {"target": 10.0}, "while it is")
        self._ok("employee", "perf.goal", "write", [self.goal.ids, {"sequence": 3}])
        self.assertEqual(self.goal.sequence, 3)

    def _new_goal(self, **vals):
        return dict(
            {"name": "Serve it", "cycle_id": self.cycle.id, "target": 9, "weight": 9},
            **vals,
        )

    def test_link_to_a_hidden_goal_reads_as_a_missing_one(self):
        unknown = self.env["perf.goal"].sudo().search([], order="id desc", limit=1)
        missing = "does not exist or has been deleted"
        texts = [
            self._refused_create(
                "employee", "perf.goal", vals, missing, errors=[MissingError]
            )
            for vals in (
                self._new_goal(parent_id=self.private_goal.id),
                self._new_goal(parent_id=unknown.id + 1000),
            )
        ]
        self.assertEqual(texts[0], texts[1])
        self.assertIn(self._label("perf.goal", "parent_id"), texts[0])
        vals = self._new_goal(parent_id=self.goal.id)
        goal_id = self._ok("employee", "perf.goal", "create", [vals])
        created = self.env["perf.goal"].browse(goal_id)
        self.assertEqual((created.parent_id, created.state), (self.goal, "draft"))

    def test_default_state_in_the_context_is_refused(self):
        context = {"default_state": "approved"}
        vals = self._new_goal()
        text = self._refused_create("employee", "perf.goal", vals, context=context)
        self.assertIn(self._label("perf.goal", "state"), text)

    def test_workflow_marker_cannot_be_sent_over_json(self):
        forged = {"perf_workflow": "perf_workflow"}
        self._refused_workflow_fields(
            [
                ("employee", self.goal, "actual", 1000.0),
                ("manager", self.appraisal, "state", "released"),
                ("employee", self.self_review, "state", "submitted"),
            ],
            context=forged,
        )
        vals = {"appraisal_id": self.appraisal.id, "rater_type": "peer"}
        self._refused_create("manager", "perf.review", vals, context=forged)

    def _appeal(self, **vals):
        return dict(
            {"appraisal_id": self.appraisal.id, "explanation": "<p>Not fair.</p>"},
            **vals,
        )

    def test_appellant_cannot_choose_the_handler(self):
        self.appraisal.with_user(self.user_officer).action_release()
        mona = self.user_manager.id
        for vals, context in (
            (self._appeal(handler_id=mona), None),
            (self._appeal(), {"default_handler_id": mona}),
            (self._appeal(), {"default_state": "accepted"}),
        ):
            with self.subTest(vals=vals, context=context):
                self._refused_create("employee", "perf.appeal", vals, context=context)
        appeal_id = self._ok("employee", "perf.appeal", "create", [self._appeal()])
        appeal = self.env["perf.appeal"].browse(appeal_id)
        self.assertEqual(appeal.handler_id, self.user_officer)
        self.assertEqual(appeal.state, "submitted")

    def test_a_rejected_appeal_closes_the_matter(self):
        self.appraisal.with_user(self.user_officer).action_release()
        appeal_id = self._ok("employee", "perf.appeal", "create", [self._appeal()])
        appeal = self.env["perf.appeal"].browse(appeal_id)
        self._refused_workflow_fields(
            [
                ("officer", appeal, "decision", "<p>No.</p>"),
                ("employee", appeal, "state", "accepted"),
                ("manager", appeal, "revised_level_id", self.levels[4].id),
            ]
        )
        wizard = "perf.appeal.decision.wizard"
        vals = {"outcome": "rejected", "decision": "<p>The rating stands.</p>"}
        context = {"default_appeal_id": appeal_id}
        wizard_id = self._ok("officer", wizard, "create", [vals], context)
        self._ok("officer", wizard, "action_decide", [[wizard_id]])
        self.assertEqual(appeal.state, "rejected")
        closed = "that decision closes the matter"
        vals = self._appeal()
        self._refused_create(
            "employee", "perf.appeal", vals, closed, errors=[UserError]
        )

    def test_bonus_lines_move_only_by_another_officer(self):
        model, line = "perf.bonus.line", self.bonus_line
        self._refused_workflow_fields([("officer", line, "amount", 1e6)])
        for role in ("employee", "peer", "manager"):
            with self.subTest(role=role):
                self._refused(role, model, "action_approve", [line.ids], ".")
                self.assertEqual(line.state, "draft")
        own = self.officer_bonus_line.ids
        self._refused("officer", model, "action_approve", [own], "never their own")
        self.assertEqual(self.officer_bonus_line.state, "draft")
        self._ok("officer", model, "action_approve", [line.ids])
        self.assertEqual(line.approved_by_id, self.user_officer)

    def test_officer_of_another_company_cannot_move_bonuses(self):
        model, line = "perf.bonus.line", self.bonus_line
        for state, method in (
            ("draft", "action_approve"),
            ("approved", "action_reset_to_draft"),
            ("approved", "action_mark_paid"),
        ):
            with self.subTest(method=method):
                line._workflow().state = state
                self._refused("other_officer", model, method, [line.ids], ".")
                self.assertEqual(line.state, state)


@tagged("post_install", "-at_install")
class TestWriteMatrix(IntegrityCase):
    """Every role × guarded model × declared field × state, with ``with_user``.

    The fields come from the models' declarations; who holds which role on
    which record is written down here, so that a change of ``_perf_roles()``
    shows too. A refused write must raise and leave the record as it was; an
    allowed one must go through.
    """

    def _cases(self):
        """{model: (record, {role: the rule roles the user holds on it})}"""
        return {
            model: (getattr(self, attr), {k: set(v.split()) for k, v in roles.items()})
            for model, (attr, roles) in MATRIX_CASES.items()
        }

    @staticmethod
    def _candidates(Model):
        """The fields the declarations speak of."""
        names = set(Model._perf_workflow_fields) | set(Model._perf_create_fields or ())
        for rule in Model._perf_write_rules:
            names |= ALL_FIELDS_SAMPLE if ALL_FIELDS in rule.fields else rule.fields
        return sorted(names)

    @classmethod
    def _opened(cls, Model, roles, state):
        """The fields a user with ``roles`` may write in ``state``."""
        opened = set()
        for rule in Model._perf_write_rules:
            if rule.role in roles and (not rule.states or state in rule.states):
                every = ALL_FIELDS in rule.fields
                opened |= set(cls._candidates(Model)) if every else rule.fields
        return opened - Model._perf_workflow_fields

    def _holder_states(self, record):
        name = STATE_HOLDER.get(record._name)
        holder = record[name] if name else record
        if "state" not in holder._fields:
            return holder, [False]
        selection = holder._fields["state"]._description_selection(self.env)
        return holder, [key for key, _label in selection]

    def _put_in_state(self, holder, state):
        if state is not False:
            self.env.flush_all()
            table = SQL.identifier(holder._table)
            self.env.cr.execute(SQL(SET_STATE, table, state, holder.id))
            self.env.invalidate_all()

    @contextmanager
    def _undone(self):
        """Run the block, then take back everything it wrote."""
        self.env.flush_all()
        savepoint = self.env.cr.savepoint(flush=False)
        try:
            yield
        finally:
            savepoint.close(rollback=True)
            self.env.clear()

    def _other_value(self, record, name):
        """A value of the field's type, other than the current one."""
        field, current = record._fields[name], record.sudo()[name]
        Comodel = field.relational and self.env[field.comodel_name].sudo()
        if field.type == "many2one":
            return Comodel.search([("id", "!=", current.id)], limit=1).id
        if field.type in ("one2many", "many2many"):
            return [Command.set(() if current else Comodel.search([], limit=1).ids)]
        if field.type == "selection":
            keys = [key for key, _label in field._description_selection(self.env)]
            return next(key for key in keys if key != current)
        if field.type == "boolean":
            return not current
        if field.type in ("integer", "float", "monetary"):
            return (current or 0) + 7
        if field.type in ("date", "datetime"):
            now = date(2026, 1, 1) if field.type == "date" else fields.Datetime.now()
            return (current or now) + timedelta(days=3)
        return "<p>Forged</p>" if field.type == "html" else "Forged"

    def _check_refused(self, record, name, expected):
        before = self._values(record, [name])
        with self.assertRaises(UserError) as caught:
            record.write({name: self._other_value(record, name)})
        self.assertIsInstance(caught.exception, expected)
        self.assertNotIsInstance(caught.exception, ValidationError)
        self.assertEqual(self._values(record, [name]), before)

    def _check_allowed(self, record, name):
        field = record._fields[name]
        if field.type in ("char", "text", "html"):
            record.write({name: "<p>Matrix</p>" if field.type == "html" else "Matrix"})
            self.assertIn("Matrix", str(self._values(record, [name])[name]))
        elif field.type == "one2many":
            # The guard decides by field name; no command writes no line.
            record.write({name: []})
        else:
            # Same value: what is checked is that the user may write the field.
            record.write({name: field.convert_to_write(record.sudo()[name], record)})
        self.env.flush_all()

    def _run_matrix(self, model):
        record, holders = self._cases()[model]
        self.assertNotIn("perf_workflow", record.env.context)
        Model, (holder, states) = self.env[model], self._holder_states(record)
        # Lines of a closed review are frozen before the guard is asked; a
        # link to a record the user cannot read is refused as missing.
        expected = (AccessError, MissingError)
        if model == "perf.review.line":
            expected = UserError
        allowed_seen = refused_seen = 0
        for state in states:
            for role in ROLE_USERS:
                allowed = self._opened(Model, holders.get(role, ()), state)
                for name in self._candidates(Model):
                    where = {"state": state, "role": role, "field": name}
                    with self.subTest(**where), self._undone():
                        self._put_in_state(holder, state)
                        mine = record.with_user(self._user(role))
                        if name in allowed:
                            self._check_allowed(mine, name)
                            allowed_seen += 1
                        else:
                            self._check_refused(mine, name, expected)
                            refused_seen += 1
        self.assertTrue(refused_seen)
        self.assertEqual(bool(allowed_seen), bool(Model._perf_write_rules))

    def test_matrix_covers_every_guarded_model(self):
        guarded = {
            name
            for name in self.env.registry["perf.workflow.guard"]._inherit_children
            if self.env.registry[name]._original_module == "odoo_perf_review"
        }
        self.assertEqual(guarded, set(self._cases()))
        for name in guarded:
            Model = self.env[name]
            with self.subTest(model=name):
                rules, owned = Model._perf_write_rules, Model._perf_workflow_fields
                self.assertEqual(check_table(rules, owned), [])
                self.assertFalse(set(self._candidates(Model)) - set(Model._fields))

    def test_write_matrix(self):
        for model in self._cases():
            with self.subTest(model=model):
                self._run_matrix(model)

    def test_tables_keep_the_key_fields_to_the_workflow(self):
        """Pinned by hand: loosening a table must fail here."""
        for row in PINNED_WORKFLOW.strip().splitlines():
            model, names = (part.strip() for part in row.split("|"))
            with self.subTest(model=model):
                owned = self.env[model]._perf_workflow_fields
                self.assertLessEqual(set(names.split()), owned)
        for row in PINNED_OPENINGS.strip().splitlines():
            model, roles, state, names = (part.strip() for part in row.split("|"))
            names = " ".join(WORDS.get(name, name) for name in names.split())
            with self.subTest(model=model, roles=roles, state=state):
                opened = self._opened(self.env[model], set(roles.split()), state)
                self.assertEqual(opened, set(names.split()))
        owner_draft = self._opened(self.env["perf.goal"], {"owner"}, "draft")
        self.assertFalse({"owner", "employee_id", "company_id"} & owner_draft)
        for model in ("perf.review", "perf.review.line", "perf.appraisal"):
            self.assertEqual(self.env[model]._perf_create_fields, frozenset(), model)
        self.assertEqual(self.env["perf.bonus.line"]._perf_create_fields, frozenset())
        self.assertFalse(self.env["perf.bonus.line"]._perf_write_rules)
        appeal_create = self.env["perf.appeal"]._perf_create_fields
        self.assertFalse({"handler_id", "state", "decision"} & appeal_create)
