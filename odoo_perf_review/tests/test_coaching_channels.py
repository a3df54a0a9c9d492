# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Private feedback and the private notes of one-on-ones, on every channel:
the guarantees and the tests of the appraisal's private note and of anonymous
reviews (test_anonymity_channels, test_integrity_rpc), as the people they are
hidden from: records, search, counts, groupings, exports, nested reads,
followers, messages, notifications, activities, attachments, tracking, the
report, the bus; through the ORM and over JSON-RPC."""

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from . import test_integrity_rpc as integrity
from .common_coaching import ERIN_NOTE, MONA_NOTE, PRIVATE_FEEDBACK, CoachingCase

ROLE_USERS = {
    "employee": "user_employee",  # Erin, receiver, one side of the one-on-one
    "peer": "user_colleague",  # Cole, giver of the private feedback
    "manager": "user_manager",  # Mona, Erin's manager, the other side
    "other_manager": "user_other_manager",  # Max
    "outsider": "user_outsider",  # Otis, a colleague of another department
    "officer": "user_officer",  # HR
    "admin": "user_admin",  # Performance administrator
    "other_officer": "user_other_officer",  # HR of the other company
}
# Who may read what, every other role being refused.
READERS = {
    "private_feedback": {"peer", "employee"},
    "mona_note": {"manager"},
    "erin_note": {"employee"},
}
SECRETS = {
    "private_feedback": PRIVATE_FEEDBACK,
    "mona_note": MONA_NOTE,
    "erin_note": ERIN_NOTE,
}
FIELDS = {"perf.feedback": "message", "perf.meeting.note": "note"}


class CoachingChannelCase(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.private_feedback.with_user(cls.user_colleague).message_post(
            body="<p>PS: the slides were fine, the Q&amp;A ran long</p>",
            message_type="comment",
            attachments=[("demo-notes.txt", b"timings")],
        )
        env = cls.env
        for record in (cls.mona_note, cls.erin_note):
            env["ir.attachment"].create(
                {
                    "name": f"note-{record.id}.txt",
                    "res_model": record._name,
                    "res_id": record.id,
                    "raw": b"scribbles",
                }
            )
        cls.env.user.group_ids |= cls.env.ref("base.group_allow_export")
        for role in ROLE_USERS:
            cls._user_of(role).group_ids |= cls.env.ref("base.group_allow_export")

    @classmethod
    def _user_of(cls, role):
        return getattr(cls, ROLE_USERS[role])

    def _user(self, role):
        return self._user_of(role)

    def _secret(self, name):
        return getattr(self, name)

    def _others(self, name):
        return [role for role in ROLE_USERS if role not in READERS[name]]


@tagged("post_install", "-at_install")
class TestCoachingChannels(CoachingChannelCase):
    """With ``with_user()``: every ORM path, as everyone but the owners."""

    def test_owners_read_them(self):
        for name, readers in READERS.items():
            record = self._secret(name)
            for role in readers:
                with self.subTest(secret=name, role=role):
                    value = record.with_user(self._user(role)).read(
                        [FIELDS[record._name]]
                    )[0][FIELDS[record._name]]
                    self.assertIn(SECRETS[name], str(value))

    def test_records_searches_counts_groupings_and_exports(self):
        for name in READERS:
            record = self._secret(name)
            field = FIELDS[record._name]
            for role in self._others(name):
                with self.subTest(secret=name, role=role):
                    Model = self.env[record._name].with_user(self._user(role))
                    mine = record.with_user(self._user(role))
                    with self.assertRaises(AccessError):
                        mine.read([field])
                    with self.assertRaises(AccessError):
                        mine.export_data([field])
                    self.assertNotIn(record, Model.search([]))
                    self.assertFalse(Model.search_read([("id", "=", record.id)]))
                    found = Model.name_search(SECRETS[name][:10])
                    self.assertNotIn(record.id, [row[0] for row in found])
                    # No oracle: a domain on the hidden text answers nothing.
                    domain = [(field, "ilike", SECRETS[name][:12])]
                    self.assertEqual(Model.search_count(domain), 0)
                    self.assertEqual(Model.search_count([("id", "=", record.id)]), 0)
                    groups = Model.formatted_read_group(
                        [("id", "=", record.id)], [], ["__count"]
                    )
                    self.assertEqual(groups[0]["__count"], 0)

    def test_nested_reads_of_the_one_on_one_and_the_timeline(self):
        readers = {"manager", "employee", "officer", "admin"}
        for role in readers:
            with self.subTest(role=role):
                user = self._user(role)
                [data] = self.meeting.with_user(user).web_read(
                    {
                        "my_private_note": {},
                        "shared_notes": {},
                        "agenda_item_ids": {"fields": {"name": {}}},
                        "action_item_ids": {"fields": {"name": {}}},
                    }
                )
                text = str(data)
                own = {"manager": MONA_NOTE, "employee": ERIN_NOTE}.get(role)
                for secret in (MONA_NOTE, ERIN_NOTE):
                    if secret == own:
                        self.assertIn(secret, text)
                    else:
                        self.assertNotIn(secret, text)
        for role in ("peer", "outsider", "other_manager", "other_officer"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.meeting.with_user(self._user(role)).web_read({"name": {}})
        # The employee's counters and the fields that list feedback.
        for role in self._others("private_feedback"):
            with self.subTest(role=role):
                public = (
                    self.env["hr.employee.public"]
                    .with_user(self._user(role))
                    .browse(self.emp_employee.id)
                )
                self.assertLessEqual(public.perf_feedback_count, 2)

    def test_mail_channels(self):
        self.env.flush_all()
        self.env.cr.precommit.run()
        feedback = self.private_feedback
        self.assertFalse(
            self.env["mail.followers"].search(
                [("res_model", "=", "perf.feedback"), ("res_id", "=", feedback.id)]
            ),
            "nobody follows feedback: who writes to whom stays unknown",
        )
        messages = self.env["mail.message"].search(
            [("model", "=", "perf.feedback"), ("res_id", "=", feedback.id)]
        )
        self.assertTrue(messages)
        attachments = self.env["ir.attachment"].search(
            [
                "|",
                "&",
                ("res_model", "=", "perf.meeting.note"),
                ("res_id", "in", (self.mona_note | self.erin_note).ids),
                ("id", "in", messages.attachment_ids.ids),
            ]
        )
        self.assertEqual(len(attachments), 3)
        self.assertFalse(
            self.env["mail.tracking.value"].search(
                [("mail_message_id.model", "in", ("perf.feedback", "perf.meeting"))]
            ),
            "nothing of feedback or one-on-ones is tracked",
        )
        tracked = [
            name
            for model in ("perf.feedback", "perf.meeting.note", "perf.meeting")
            for name, field in self.env[model]._fields.items()
            if getattr(field, "tracking", False)
        ]
        self.assertFalse(tracked)
        for role in self._others("private_feedback"):
            with self.subTest(role=role):
                user = self._user(role)
                Message = self.env["mail.message"].with_user(user)
                self.assertFalse(Message.search([("id", "in", messages.ids)]))
                with self.assertRaises(AccessError):
                    messages[0].with_user(user).read(["body"])
                self.assertFalse(
                    self.env["mail.notification"]
                    .with_user(user)
                    .search([("mail_message_id", "in", messages.ids)])
                )
                self.assertFalse(
                    self.env["mail.activity"]
                    .with_user(user)
                    .search(
                        [
                            ("res_model", "=", "perf.feedback"),
                            ("res_id", "=", feedback.id),
                        ]
                    )
                )
        for role in ROLE_USERS:
            user = self._user(role)
            visible = (
                self.env["ir.attachment"]
                .with_user(user)
                .search([("id", "in", attachments.ids)])
            )
            allowed = {
                "employee": {"demo-notes.txt", f"note-{self.erin_note.id}.txt"},
                "peer": {"demo-notes.txt"},
                "manager": {f"note-{self.mona_note.id}.txt"},
            }.get(role, set())
            with self.subTest(role=role):
                self.assertEqual(set(visible.mapped("name")), allowed)
                for attachment in attachments.filtered(
                    lambda a, names=allowed: a.name not in names
                ):
                    with self.assertRaises(AccessError):
                        attachment.with_user(user).read(["raw"])

    def test_the_request_activity_is_its_givers(self):
        # Odoo shows an activity to its assignee and to whoever may post on
        # the document (write, for feedback): the colleague asked only.
        activity = self.request.activity_ids
        self.assertEqual(activity.user_id, self.user_colleague)
        for role in ROLE_USERS:
            sees = role == "peer"
            with self.subTest(role=role):
                found = (
                    self.env["mail.activity"]
                    .with_user(self._user(role))
                    .search([("id", "=", activity.id)])
                )
                self.assertEqual(bool(found), sees)

    def test_the_report_and_the_bus(self):
        self._launch()
        self._open_review_phase()
        appraisal = self._appraisal(self.emp_employee)
        bus = self.env["bus.bus"]
        self.env.flush_all()
        start = bus.search([], order="id desc", limit=1).id or 0
        secret = (
            self.env["perf.feedback"]
            .with_user(self.user_colleague)
            .create(
                {
                    "receiver_id": self.emp_employee.id,
                    "kind": "concern",
                    "visibility": "private",
                    "message": "<p>Another private word</p>",
                }
            )
        )
        self.meeting.with_user(
            self.user_manager
        ).my_private_note = "<p>Mona changes her mind</p>"
        self.env.flush_all()
        self.env.cr.precommit.run()
        pushed = bus.search([("id", ">", start)])
        for message in pushed:
            self.assertNotIn("Another private word", message.message)
            self.assertNotIn("Mona changes her mind", message.message)
        self.assertTrue(secret)
        for role in ("manager", "officer", "admin"):
            with self.subTest(role=role):
                html, _kind = (
                    self.env["ir.actions.report"]
                    .with_user(self._user(role))
                    ._render_qweb_html(
                        "odoo_perf_review.action_report_perf_appraisal", appraisal.ids
                    )
                )
                for text in (PRIVATE_FEEDBACK, MONA_NOTE, ERIN_NOTE):
                    self.assertNotIn(text, html.decode())


@tagged("post_install", "-at_install")
class TestCoachingChannelsRpc(CoachingChannelCase, HttpCase):
    """Real sessions over ``/web/dataset/call_kw``, as each role."""

    _call = integrity.TestIntegrityRpc._call
    _ok = integrity.TestIntegrityRpc._ok
    _refused = integrity.TestIntegrityRpc._refused

    def test_every_reading_method_over_rpc(self):
        for name in READERS:
            record = self._secret(name)
            model, field = record._name, FIELDS[record._name]
            for role in ROLE_USERS:
                allowed = role in READERS[name]
                with self.subTest(secret=name, role=role):
                    found = self._ok(
                        role, model, "search_read", [[("id", "=", record.id)], [field]]
                    )
                    self.assertEqual(bool(found), allowed)
                    page = self._ok(
                        role,
                        model,
                        "web_search_read",
                        [[("id", "=", record.id)], {field: {}}],
                    )
                    self.assertEqual(page["length"], int(allowed))
                    count = self._ok(
                        role,
                        model,
                        "search_count",
                        [[(field, "ilike", SECRETS[name][:12])]],
                    )
                    self.assertEqual(count, int(allowed))
                    groups = self._ok(
                        role,
                        model,
                        "formatted_read_group",
                        [[("id", "=", record.id)], [], ["__count"]],
                    )
                    self.assertEqual(groups[0]["__count"], int(allowed))
                    if allowed:
                        rows = self._ok(role, model, "read", [record.ids, [field]])
                        self.assertIn(SECRETS[name], str(rows))
                        continue
                    self._refused(role, model, "read", [record.ids, [field]], ".")
                    self._refused(
                        role, model, "web_read", [record.ids, {field: {}}], "."
                    )
                    self._refused(
                        role, model, "export_data", [record.ids, [field]], "."
                    )
                    names = self._ok(role, model, "name_search", [SECRETS[name][:10]])
                    self.assertNotIn(record.id, [row[0] for row in names])

    def test_mail_over_rpc(self):
        self.env.flush_all()
        for role in self._others("private_feedback"):
            with self.subTest(role=role):
                for model, domain in (
                    (
                        "mail.message",
                        [
                            ("model", "=", "perf.feedback"),
                            ("res_id", "=", self.private_feedback.id),
                        ],
                    ),
                    (
                        "mail.followers",
                        [("res_model", "=", "perf.feedback")],
                    ),
                    (
                        "ir.attachment",
                        [("res_model", "in", ("perf.feedback", "perf.meeting.note"))],
                    ),
                ):
                    rows = self._ok(role, model, "search_read", [domain, ["id"]])
                    if model == "ir.attachment" and role == "manager":
                        # Mona's own note's attachment, nothing else.
                        self.assertEqual(len(rows), 1)
                    else:
                        self.assertFalse(rows, (model, role))
        # Nor can anyone write into someone else's note or feedback.
        self._refused(
            "officer",
            "perf.meeting.note",
            "write",
            [self.mona_note.ids, {"note": "<p>HR</p>"}],
            ".",
        )
        self._refused(
            "employee",
            "perf.meeting.note",
            "create",
            [{"meeting_id": self.meeting.id, "user_id": self.user_manager.id}],
            ".",
        )
        self.assertIn(MONA_NOTE, str(self.mona_note.note))
