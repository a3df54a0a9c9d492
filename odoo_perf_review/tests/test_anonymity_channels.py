# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Anonymous reviews on every channel the reviewee and the manager can reach:
followers, activities, messages, notifications, attachments, tracking, exports,
aggregates, the report and the bus. TestAppraisalConfidentiality covers the
review records themselves; these tests cover what mail and the ORM add."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..models.perf_appraisal import RESULT_FIELDS
from .test_appraisal import AppraisalCase

# The peers of Erin Employee: none of them may show up anywhere she or her
# manager looks.
PEER_NAMES = ("Cole Colleague", "Nia No-User", "Otis Outsider")
RESULTS = [
    "peer_score",
    "peer_count",
    "customer_score",
    "customer_count",
    "competency_score",
    "final_score",
    "rating_level_id",
    "pending_groups",
    "hidden_groups",
    "breakdown",
]


@tagged("post_install", "-at_install")
class TestAnonymityChannels(AppraisalCase):
    """Erin's appraisal in review: anonymous peers (k = 2) Cole and Nia from
    the launch, and Otis, whom Erin proposed and Mona approved, so that the
    reviewee and the manager both took part in creating anonymous reviews."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template.write({"peer_min": 1, "peer_max": 3})
        cls.goal = cls._goal("Grow the key accounts", weight=100)
        cls.goal.with_user(cls.user_manager).action_approve()
        cls.watchers = cls.user_employee | cls.user_manager
        cls.reviewer_partners = (cls.user_colleague | cls.user_outsider).partner_id

    def setUp(self):
        super().setUp()
        self._launch()
        self._open_review_phase()
        self.appraisal = self._appraisal(self.emp_employee)
        self._nominate(
            self.user_employee,
            self.emp_outsider,
            active_model="perf.review",
            active_id=self._review("self").id,
        )
        self.appraisal.with_user(self.user_manager).action_approve_peers()
        self.peers = self._review("peer")
        self.cole_review, self.nia_review, self.otis_review = (
            self.peers.filtered(lambda r, e=employee: r.reviewer_employee_id == e)
            for employee in (self.emp_colleague, self.emp_no_user, self.emp_outsider)
        )
        self.assertEqual(set(self.peers.mapped("state")), {"requested"})
        self.assertTrue(all(self.peers.mapped("anonymous")))

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _review(self, kind):
        return self.appraisal.review_ids.filtered(
            lambda r: r.rater_type == kind and r.state != "cancelled"
        )

    def _nominate(self, user, employees, **context):
        wizard = Form(
            self.env["perf.peer.nomination.wizard"]
            .with_user(user)
            .with_context(**context)
        )
        for employee in employees:
            wizard.employee_ids.add(self.env["hr.employee.public"].browse(employee.id))
        wizard.save().action_confirm()

    def _flush(self):
        """Write what mail keeps for the commit: followers, bus messages."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _run_followup(self, day):
        cron = self.env.ref("odoo_perf_review.ir_cron_perf_review_followup")
        with freeze_time(f"{day} 12:00"), self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()

    def _assert_no_peer_name(self, text, where):
        for name in PEER_NAMES:
            self.assertNotIn(name, str(text), f"{name} named in {where}")

    def _answer_and_release(self):
        self._answer(self.cole_review, 3, self.user_colleague)
        self._answer(self.nia_review, 1)
        self._answer(self._review("manager"), 2, self.user_manager)
        self.appraisal.with_user(self.user_manager).action_release()
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # 1. Followers
    # ------------------------------------------------------------------
    def test_followers_name_no_anonymous_reviewer(self):
        self._answer(self.cole_review, 3, self.user_colleague)
        self.otis_review.with_user(self.user_outsider).message_post(
            body="Will answer on Friday.", message_type="comment"
        )
        self._flush()
        self.assertFalse(
            self.env["mail.followers"].search(
                [("res_model", "=", "perf.review"), ("res_id", "in", self.peers.ids)]
            ),
            "an anonymous review has no follower at all, not even whoever "
            "created it (Erin proposed Otis, Mona approved him)",
        )
        named = self._review("self") | self._review("manager")
        readable = [self.appraisal, self.cycle, self.goal, *named]
        for user in self.watchers:
            Followers = self.env["mail.followers"].with_user(user)
            self.assertFalse(
                Followers.search(
                    [
                        ("res_model", "=", "perf.review"),
                        ("res_id", "in", self.peers.ids),
                    ]
                )
            )
            for record in readable:
                followers = Followers.search(
                    [("res_model", "=", record._name), ("res_id", "=", record.id)]
                )
                self.assertFalse(
                    followers.partner_id & self.reviewer_partners,
                    f"a peer follows {record.display_name}",
                )
        self.assertIn(self.user_manager.partner_id, self.appraisal.message_partner_ids)

    # ------------------------------------------------------------------
    # 2. Activities
    # ------------------------------------------------------------------
    def _todos(self, users):
        return self.env["mail.activity"].search(
            [("perf_cycle_id", "=", self.cycle.id), ("user_id", "in", users.ids)]
        )

    def test_activities_of_anonymous_reviews_stay_with_their_reviewer(self):
        # One to-do per reviewer and cycle, tied to no review (test_review_todo).
        self.assertFalse(self.peers.activity_ids, "no activity on any review")
        activities = self._todos(self.user_colleague | self.user_outsider)
        self.assertEqual(
            activities.user_id,
            self.user_colleague | self.user_outsider,
            "one to-do per peer with a user",
        )
        self.assertFalse(any(activities.mapped("res_model")), "tied to no review")
        for activity in activities:
            self._assert_no_peer_name(activity.summary, "a to-do")
            self.assertNotIn(self.emp_employee.name, str(activity.note))
        for user in self.watchers:
            Activity = self.env["mail.activity"].with_user(user)
            self.assertFalse(Activity.search([("id", "in", activities.ids)]))
            self.assertFalse(
                Activity.search_count([("user_id", "in", activities.user_id.ids)])
            )
            self.assertFalse(
                Activity.formatted_read_group(
                    [("perf_cycle_id", "=", self.cycle.id), ("user_id", "!=", user.id)],
                    ["user_id"],
                    ["__count"],
                )
            )
            for activity in activities:
                with self.assertRaises(AccessError):
                    activity.with_user(user).read(["user_id", "res_id", "summary"])
        own = self.env["mail.activity"].with_user(self.user_employee).search([])
        self.assertIn(self._todos(self.user_employee), own, "her own to-do is there")

    # ------------------------------------------------------------------
    # 3. Messages, notifications, reminders and escalations
    # ------------------------------------------------------------------
    def test_messages_and_notifications_name_no_anonymous_reviewer(self):
        deadline = self.cycle.review_deadline
        self._run_followup(deadline - timedelta(days=2))  # reminders
        self._run_followup(deadline + timedelta(days=1))  # to the manager
        self._run_followup(deadline + timedelta(days=3))  # to HR
        self.cole_review.with_user(self.user_colleague).message_post(
            body="Cole's draft thoughts", message_type="comment"
        )
        self._flush()
        anonymous = self.env["mail.message"].search(
            [("model", "=", "perf.review"), ("res_id", "in", self.peers.ids)]
        )
        reminded = anonymous.filtered(lambda m: m.partner_ids & self.reviewer_partners)
        self.assertEqual(
            reminded.partner_ids, self.reviewer_partners, "each peer was reminded"
        )
        for user in self.watchers:
            Message = self.env["mail.message"].with_user(user)
            Notification = self.env["mail.notification"].with_user(user)
            found = Message.search([("model", "=", "perf.review")])
            self.assertFalse(set(found.sudo().mapped("res_id")) & set(self.peers.ids))
            self.assertFalse(Message.search([("id", "in", anonymous.ids)]))
            with self.assertRaises(AccessError):
                reminded[0].with_user(user).read(["body", "partner_ids"])
            self.assertFalse(
                Notification.search([("mail_message_id", "in", anonymous.ids)])
            )
            # Notifications are readable by every employee in Odoo: those of a
            # peer must not tell which review they are about.
            theirs = Notification.search(
                [("res_partner_id", "in", self.reviewer_partners.ids)]
            )
            self.assertFalse(theirs.sudo().mail_message_id & anonymous)
            for row in theirs.read(["mail_message_id"]):
                self.assertNotIn(self.emp_employee.name, row["mail_message_id"][1])
        # What the escalations tell the manager and HR counts, never names.
        manager_view = self.appraisal.with_user(self.user_manager)
        late_type = self.env.ref("odoo_perf_review.mail_activity_review_late")
        activities = manager_view.activity_ids
        late = activities.filtered(lambda a: a.activity_type_id == late_type)
        self.assertEqual(len(late), 2, "escalated to the manager, then to HR")
        self.assertIn("3 anonymous reviewer(s)", str(late[0].note))
        texts = [*activities.mapped("note"), *manager_view.message_ids.mapped("body")]
        for text in texts:
            self._assert_no_peer_name(text, "the appraisal's chatter")

    # ------------------------------------------------------------------
    # 4. Attachments
    # ------------------------------------------------------------------
    def test_attachments_of_anonymous_reviews_stay_hidden(self):
        self.cole_review.with_user(self.user_colleague).message_post(
            body="My notes", attachments=[("peer-notes.txt", b"Cole's notes")]
        )
        self.env["ir.attachment"].create(
            {
                "name": "peer-grid.txt",
                "res_model": "perf.review",
                "res_id": self.otis_review.id,
                "raw": b"grid",
            }
        )
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "perf.review"), ("res_id", "in", self.peers.ids)]
        )
        self.assertEqual(len(attachments), 2)
        for user in self.watchers:
            Attachment = self.env["ir.attachment"].with_user(user)
            self.assertFalse(
                Attachment.search(
                    [
                        ("res_model", "=", "perf.review"),
                        ("res_id", "in", self.peers.ids),
                    ]
                )
            )
            self.assertFalse(
                Attachment.search([("name", "in", ["peer-notes.txt", "peer-grid.txt"])])
            )
            self.assertFalse(Attachment.search_count([("id", "in", attachments.ids)]))
            for attachment in attachments:
                with self.assertRaises(AccessError):
                    attachment.with_user(user).read(["name", "raw", "res_id"])

    # ------------------------------------------------------------------
    # 5. Tracking values
    # ------------------------------------------------------------------
    def test_tracking_reveals_no_score_and_no_reviewer(self):
        self._answer_and_release()
        self._flush()
        for user in self.watchers:
            with self.assertRaises(AccessError):
                self.env["mail.tracking.value"].with_user(user).search([])
        Tracking = self.env["mail.tracking.value"]
        self.assertFalse(
            Tracking.search(
                [
                    ("mail_message_id.model", "=", "perf.review"),
                    ("mail_message_id.res_id", "in", self.peers.ids),
                ]
            ),
            "nothing about an anonymous review is tracked",
        )
        tracked = {
            model: {
                name
                for name, field in self.env[model]._fields.items()
                if getattr(field, "tracking", False)
            }
            for model in ("perf.review", "perf.review.line", "perf.appraisal")
        }
        self.assertFalse(tracked["perf.review"] & self.peers._perf_workflow_fields)
        self.assertFalse(tracked["perf.review.line"])
        self.assertFalse(tracked["perf.appraisal"] & set(RESULT_FIELDS))
        # The chatter shows the appraisal's tracking to the manager and, once
        # released, to Erin: neither a score nor a reviewer.
        values = Tracking.search(
            [
                ("mail_message_id.model", "=", "perf.appraisal"),
                ("mail_message_id.res_id", "=", self.appraisal.id),
            ]
        )
        self.assertFalse(set(values.field_id.mapped("name")) & set(RESULT_FIELDS))
        for value in values:
            self._assert_no_peer_name(
                (value.old_value_char, value.new_value_char), "a tracking value"
            )

    # ------------------------------------------------------------------
    # 6. Exports, groupings and counts
    # ------------------------------------------------------------------
    def test_exports_and_aggregates_leave_anonymous_rows_out(self):
        self._answer_and_release()
        export = self.env.ref("base.group_allow_export")
        domain = [("appraisal_id", "=", self.appraisal.id)]
        line_domain = [("review_id.appraisal_id", "=", self.appraisal.id)]
        for user in self.watchers:
            user.group_ids |= export
            Review = self.env["perf.review"].with_user(user)
            Line = self.env["perf.review.line"].with_user(user)
            visible = Review.search(domain)
            self.assertEqual(set(visible.mapped("rater_type")), {"self", "manager"})
            rows = visible.export_data(
                ["rater_type", "reviewer_employee_id/name", "score"]
            )["datas"]
            self.assertEqual(len(rows), 2)
            self._assert_no_peer_name(rows, "an export")
            with self.assertRaises(AccessError):
                self.peers.with_user(user).export_data(["reviewer_employee_id/name"])
            lines = Line.search(line_domain)
            self.assertTrue(lines)
            self.assertFalse(lines.review_id & self.peers)
            with self.assertRaises(AccessError):
                self.peers.line_ids.with_user(user).export_data(["score", "comment"])
            groups = Review.formatted_read_group(
                domain, ["rater_type"], ["__count", "score:avg"]
            )
            self.assertEqual({g["rater_type"] for g in groups}, {"self", "manager"})
            self.assertFalse(
                Review._read_group(
                    domain + [("anonymous", "=", True)], [], ["__count"]
                )[0][0]
            )
            line_groups = Line.formatted_read_group(
                line_domain, ["review_id"], ["score:avg", "__count"]
            )
            self.assertFalse(
                {g["review_id"][0] for g in line_groups} & set(self.peers.ids)
            )
            # No oracle: a peer and a stranger get the same answer.
            for stranger in (self.emp_officer, self.emp_colleague, self.emp_outsider):
                who = stranger.id
                for model, by_reviewer in (
                    (Review, domain + [("reviewer_employee_id", "=", who)]),
                    (
                        Line,
                        line_domain + [("review_id.reviewer_employee_id", "=", who)],
                    ),
                    (
                        self.env["perf.appraisal"].with_user(user),
                        [
                            ("id", "=", self.appraisal.id),
                            ("review_ids.reviewer_employee_id", "=", who),
                        ],
                    ),
                ):
                    self.assertEqual(
                        model.search_count(by_reviewer), 0, (model._name, stranger.name)
                    )

    # ------------------------------------------------------------------
    # 7. The report
    # ------------------------------------------------------------------
    def test_report_names_no_anonymous_reviewer(self):
        self.cole_review.with_user(self.user_colleague).write(
            {"comment": "<p>A solid quarter</p>"}
        )
        self.nia_review.write({"strengths": "<p>Clear write-ups</p>"})
        self._answer_and_release()
        for user in self.watchers:
            html, _kind = (
                self.env["ir.actions.report"]
                .with_user(user)
                ._render_qweb_html(
                    "odoo_perf_review.action_report_perf_appraisal", self.appraisal.ids
                )
            )
            html = html.decode()
            self.assertIn(self.emp_employee.name, html)
            self.assertIn(f"{self.appraisal.peer_score:.1f}", html, "the aggregate")
            self._assert_no_peer_name(html, f"the report printed by {user.name}")
            # The peers' comments (k reached, closed) are there, without names.
            comments = str(self.appraisal.with_user(user).review_comments)
            self.assertIn("Anonymous: 2 answers", comments)
            self.assertIn("A solid quarter", comments)
            self.assertIn("Clear write-ups", html)
            self._assert_no_peer_name(comments, f"the comments read by {user.name}")

    # ------------------------------------------------------------------
    # 8. Differencing: one reading before, one after
    # ------------------------------------------------------------------
    def test_aggregates_move_once_when_the_reviews_close(self):
        self._answer(self._review("manager"), 2, self.user_manager)
        manager_view = self.appraisal.with_user(self.user_manager)

        def reading(view=manager_view):
            self.env.invalidate_all()
            return view.read(RESULTS)[0]

        before = reading()
        self.assertIn("peer", before["pending_groups"].split(","))
        self.assertEqual((before["peer_count"], before["peer_score"]), (0, 0.0))
        self._answer(self.cole_review, 4, self.user_colleague)
        self.assertEqual(reading(), before, "Cole's answer cannot be read back")
        self._answer(self.nia_review, 2)
        self.assertEqual(reading(), before, "Nia's answer cannot be read back")

        # The review phase ends with 2 answers (k = 2): the aggregate appears.
        self.cycle.write({"state": "calibration"})
        self.assertTrue(self.appraisal.reviews_closed)
        closed = reading()
        self.assertEqual(closed["peer_count"], 2)
        self.assertAlmostEqual(closed["peer_score"], (97.5 + 77.5) / 2)
        self.assertFalse(closed["pending_groups"])
        self.assertNotEqual(closed["final_score"], before["final_score"])
        self.assertEqual(self.otis_review.state, "expired")

        # Otis is too late: refused, and nothing moves.
        late = self.otis_review.with_user(self.user_outsider)
        with self.assertRaisesRegex(UserError, "can no longer be"):
            late.line_ids[:1].level_id = self.levels[4]
        with self.assertRaisesRegex(
            UserError, "expired and can no longer be submitted"
        ):
            late.action_submit()
        self.assertEqual(reading(), closed)
        # Nor can a customer be asked now, whose answer would move the figures.
        customer = self.env["res.partner"].create(
            {"name": "Carla Late-Customer", "email": "carla@example.com"}
        )
        with self.assertRaisesRegex(UserError, "reviews .* are closed"):
            self.env["perf.review"].with_user(self.user_manager)._add_customer_reviews(
                manager_view, customer
            )
        self.assertFalse(self._review("customer"))
        # Even a review reopened by mistake takes no answer once closed.
        self.otis_review._workflow().write({"state": "requested"})
        for line in late.line_ids:
            line.level_id = self.levels[4]
        with self.assertRaisesRegex(UserError, "reviews .* are closed"):
            late.action_submit()
        self.assertEqual(self.otis_review.state, "requested")
        self.assertEqual(reading(), closed)
        manager_view.action_recompute()
        self.assertEqual(reading(), closed)
        manager_view.action_release()
        self.assertEqual(reading(), closed)
        self.assertEqual(
            reading(self.appraisal.with_user(self.user_employee)),
            closed,
            "Erin reads the same figures as her manager",
        )

    # ------------------------------------------------------------------
    # 9. The bus
    # ------------------------------------------------------------------
    def test_bus_tells_only_the_reviewer_of_their_to_do(self):
        self.template.peer_max = 4
        self._flush()
        Bus = self.env["bus.bus"]
        start = Bus.search([], order="id desc", limit=1).id or 0
        # On the deadline, the new to-do is due at once: Odoo pushes it.
        with freeze_time(f"{self.cycle.review_deadline} 12:00"):
            self._nominate(
                self.user_manager,
                self.emp_officer,
                default_appraisal_id=self.appraisal.id,
                active_model="perf.appraisal",
            )
            self._flush()
        review = self._review("peer").filtered(
            lambda r: r.reviewer_employee_id == self.emp_officer
        )
        self.assertTrue(review.anonymous)
        self.assertFalse(review.activity_ids)
        todo = self._todos(self.user_officer)
        self.assertEqual(len(todo), 1, "her to-do for the cycle counts it")
        pushed = Bus.search([("id", ">", start)])
        self.assertTrue(pushed, "the to-do was pushed")
        officer = f'"res.partner",{self.user_officer.partner_id.id}]'
        self.assertEqual(
            set(pushed.mapped("channel")),
            {f'["{self.env.cr.dbname}",{officer}'},
            "only the reviewer hears of it",
        )
        self.assertIn("mail.activity/updated", pushed[0].message)

    # ------------------------------------------------------------------
    # 10. Comments: on the appraisal, gathered, printed
    # ------------------------------------------------------------------
    def test_comments_of_a_pending_or_small_anonymous_group_never_show(self):
        secrets = ("Cole's secret praise", "Cole's overall view", "Cole's line note")
        cole = self.cole_review.with_user(self.user_colleague)
        cole.write(
            {
                "strengths": f"<p>{secrets[0]}</p>",
                "comment": f"<p>{secrets[1]}</p>",
            }
        )
        cole.line_ids.filtered("criterion_id")[:1].comment = secrets[2]
        self._answer(self.cole_review, 3, self.user_colleague)
        manager_review = self._review("manager").with_user(self.user_manager)
        manager_review.write({"strengths": "<p>Mona's praise</p>"})
        self._answer(manager_review, 2, self.user_manager)
        manager_view = self.appraisal.with_user(self.user_manager)

        def assert_hidden(view, where):
            self.env.invalidate_all()
            texts = [
                str(view.review_comments),
                str(view.strengths),
                str(view.improvements),
                str(view._review_comment_groups()),
            ]
            for secret in secrets:
                for text in texts:
                    self.assertNotIn(secret, text, where)
            groups = view._review_comment_groups()[self.appraisal.id]
            self.assertNotIn("peer", [g["key"] for g in groups], where)

        # Pending: the peers' reviews are still open.
        assert_hidden(manager_view, "pending, read by the manager")
        manager_view.action_gather_feedback()
        self.assertIn("Mona's praise", str(self.appraisal.strengths))
        assert_hidden(manager_view, "pending, gathered")
        # The reviews close with 1 answer of the 2 needed: hidden for good.
        manager_view.write({"strengths": False})
        manager_view.action_release()
        self.assertIn("peer", self.appraisal.hidden_groups.split(","))
        self.assertIn("Mona's praise", str(self.appraisal.strengths), "gathered again")
        for user in self.watchers:
            view = self.appraisal.with_user(user)
            assert_hidden(view, f"hidden, read by {user.name}")
            html, _kind = (
                self.env["ir.actions.report"]
                .with_user(user)
                ._render_qweb_html(
                    "odoo_perf_review.action_report_perf_appraisal", self.appraisal.ids
                )
            )
            html = html.decode().replace("&#39;", "'")
            self.assertIn("Mona's praise", html)
            for secret in secrets:
                self.assertNotIn(secret, html, f"the report printed by {user.name}")
