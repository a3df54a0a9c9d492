# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
import secrets
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import format_date, mute_logger

from .test_appraisal import AppraisalCase


class CustomerReviewCase(AppraisalCase, HttpCase):
    """The appraisal of Erin Employee, two customers asked to review it, the
    review phase open; requests go through a public (not logged in) session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {"name": "Carla Customer", "email": "carla@example.com"}
        )
        cls.other_customer = Partner.create(
            {"name": "Oscar Other-Customer", "email": "oscar@example.com"}
        )
        cls.grace = cls.template.review_grace_days

    def setUp(self):
        super().setUp()
        self._launch()
        self.appraisal = self._appraisal(self.emp_employee)
        self.env["perf.review"].with_user(self.user_manager)._add_customer_reviews(
            self.appraisal.with_user(self.user_manager),
            self.customer | self.other_customer,
        )
        self._open_review_phase()
        customer_reviews = self._customer_reviews()
        # The page compares the deadline with the real today.
        customer_reviews.deadline = date.today() + timedelta(days=10)
        self.review = customer_reviews.filtered(lambda r: r.partner_id == self.customer)
        self.other_review = customer_reviews - self.review
        self.token = self.review.access_token
        self.url = f"/perf/review/{self.token}"
        self.authenticate(None, None)

    def _customer_reviews(self):
        return self.appraisal.sudo().review_ids.filtered(
            lambda r: r.rater_type == "customer"
        )

    def _level(self, code):
        return self.levels.filtered(lambda level: level.code == code)

    def _post(self, review, ratings, comments=None, overall="", token=None):
        """Post the form of ``review``: ratings and comments by competency."""
        comments = comments or {}
        data = {"csrf_token": http.Request.csrf_token(self), "comment": overall}
        for line in review.line_ids.filtered("criterion_id"):
            name = line.criterion_id.name
            if ratings.get(name):
                data[f"level_{line.id}"] = self._level(ratings[name]).id
            data[f"comment_{line.id}"] = comments.get(name, "")
        return self.url_open(
            f"/perf/review/{token or review.sudo().access_token}", data=data
        )

    def _ratings(self, review):
        self.env.invalidate_all()
        return {
            line.criterion_id.name: line.level_id.code or False
            for line in review.line_ids
        }


@tagged("post_install", "-at_install")
class TestReviewToken(CustomerReviewCase):
    def test_form_names_the_employee_and_no_other_reviewer(self):
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        page = response.text
        for shown in ("Erin Employee", "Perf Test Co", "Test quality", "Test teamwork"):
            self.assertIn(shown, page)
        for level in self.levels:
            self.assertIn(level.name, page)
        self.assertEqual(
            len(re.findall(r'<input type="radio"', page)),
            len(self.levels) * len(self.criteria),
        )
        self.assertRegex(page, r'<input type="hidden" name="csrf_token" value="\w+')
        self.assertIn(f'action="/perf/review/{self.token}"', page)
        for hidden in (
            "Cole Colleague",  # a peer
            "Nia No-User",  # a peer
            "Mona Manager",  # the manager
            "Oscar Other-Customer",  # the other customer
            "oscar@example.com",
        ):
            self.assertNotIn(hidden, page)
        other_tokens = (
            self.env["perf.review"]
            .sudo()
            .search([("access_token", "!=", False), ("id", "!=", self.review.id)])
            .mapped("access_token")
        )
        self.assertIn(self.other_review.access_token, other_tokens)
        for token in other_tokens:
            self.assertNotIn(token, page)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertEqual(response.headers["Referrer-Policy"], "no-referrer")

    def test_missing_rating_shows_the_form_again_and_saves_nothing(self):
        response = self._post(
            self.review,
            {"Test quality": "4"},
            comments={"Test quality": "Quick answers"},
            overall="Kept on error",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_perf_review_error", response.text)
        self.assertIn("Please pick a level for every competency", response.text)
        self.assertIn("Test teamwork", response.text)
        # What was typed is kept, the level given too.
        self.assertIn("Quick answers", response.text)
        self.assertIn("Kept on error", response.text)
        self.assertRegex(
            response.text, r'value="%d"[^>]*checked="checked"' % self._level("4").id
        )
        self.assertEqual(self.review.state, "requested")
        self.assertFalse(self.review.token_used)
        self.assertEqual(
            self._ratings(self.review), {"Test quality": False, "Test teamwork": False}
        )
        self.assertFalse(any(self.review.line_ids.mapped("comment")))
        self.assertFalse(self.review.comment)

    def test_a_level_of_another_scale_is_refused(self):
        foreign = self.env.ref("odoo_perf_review.rating_scale_four").level_ids[0]
        data = {"csrf_token": http.Request.csrf_token(self)}
        for line in self.review.line_ids:
            data[f"level_{line.id}"] = foreign.id
        response = self.url_open(self.url, data=data)
        self.assertIn("Please pick a level for every competency", response.text)
        self.assertEqual(self.review.state, "requested")

    @mute_logger("odoo.http")
    def test_post_without_csrf_token_is_rejected(self):
        line = self.review.line_ids[0]
        response = self.url_open(self.url, data={f"level_{line.id}": 1})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.review.state, "requested")

    def test_complete_answers_submit_the_review_and_score_it(self):
        response = self._post(
            self.review,
            {"Test quality": "4", "Test teamwork": "4"},
            comments={"Test quality": "Always answers within the day."},
            overall="A pleasure.\nWould work with Erin again.",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_perf_review_thanks", response.text)
        self.assertIn("Erin Employee", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.review.state, "submitted")
        self.assertTrue(self.review.token_used)
        self.assertTrue(self.review.submitted_date)
        self.assertEqual(
            self._ratings(self.review), {"Test quality": "4", "Test teamwork": "4"}
        )
        quality = self.review.line_ids.filtered(
            lambda line: line.criterion_id.name == "Test quality"
        )
        self.assertEqual(quality.comment, "Always answers within the day.")
        self.assertIn("A pleasure.", self.review.comment)
        self.assertIn("Would work with Erin again.", self.review.comment)
        self.assertAlmostEqual(self.review.score, 90)
        # Anonymous customers: nothing of them shows while the reviews are open...
        self.assertEqual(self.appraisal.customer_count, 0)
        self.assertIn("customer", self.appraisal.pending_groups.split(","))
        # ... then, threshold 2, two answers are shown once the reviews close.
        self._post(self.other_review, {"Test quality": "3", "Test teamwork": "3"})
        self.env.invalidate_all()
        self.assertEqual(self.appraisal.customer_count, 0)
        self.appraisal._close_reviews()
        self.assertEqual(self.appraisal.customer_count, 2)
        self.assertNotIn("customer", (self.appraisal.hidden_groups or "").split(","))
        self.assertAlmostEqual(
            self.appraisal.customer_score, (90 + 77.5) / 2, delta=0.05
        )

    def test_link_is_single_use(self):
        self._post(self.review, {"Test quality": "4", "Test teamwork": "4"})
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 410)
        self.assertIn("already been sent", response.text)
        self.assertNotIn("Erin Employee", response.text)
        response = self._post(self.review, {"Test quality": "1", "Test teamwork": "1"})
        self.assertEqual(response.status_code, 410)
        self.assertEqual(
            self._ratings(self.review), {"Test quality": "4", "Test teamwork": "4"}
        )

    def test_unknown_token_is_not_found(self):
        for token in (secrets.token_urlsafe(32), self.token[:-1], "x" * 500):
            response = self.url_open(f"/perf/review/{token}")
            self.assertEqual(response.status_code, 404)
            self.assertIn("This link is not valid", response.text)
        response = self._post(
            self.review,
            {"Test quality": "4", "Test teamwork": "4"},
            token=secrets.token_urlsafe(32),
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.review.state, "requested")

    def test_expired_link_is_refused(self):
        # Late but within the grace period: still open.
        self.review.deadline = date.today() - timedelta(days=self.grace - 1)
        self.assertEqual(self.url_open(self.url).status_code, 200)
        # Past the grace period.
        self.review.deadline = date.today() - timedelta(days=self.grace + 1)
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 410)
        self.assertIn("This review link has expired", response.text)
        response = self._post(self.review, {"Test quality": "4", "Test teamwork": "4"})
        self.assertEqual(response.status_code, 410)
        self.assertEqual(self.review.state, "requested")
        # Expired by the follow-up cron.
        self.review._expire_overdue(date.today())
        self.assertEqual(self.review.state, "expired")
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 410)
        self.assertIn("This review link has expired", response.text)

    def test_expired_with_frozen_time(self):
        deadline = self.review.deadline
        with freeze_time(deadline + timedelta(days=self.grace + 1)):
            self.assertEqual(self.review._customer_link_refusal(), "expired")
        with freeze_time(deadline + timedelta(days=self.grace)):
            self.assertFalse(self.review._customer_link_refusal())

    def test_cancelled_appraisal_closes_the_link(self):
        self.appraisal.action_cancel()
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 410)
        self.assertIn("This review is closed", response.text)

    def test_invitation_email_is_queued_with_the_link(self):
        mail = self.env["mail.mail"].search(
            [("model", "=", "perf.review"), ("res_id", "=", self.review.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertIn("Erin Employee", mail.subject)
        link = f"{self.review.get_base_url()}/perf/review/{self.token}"
        self.assertIn(link, mail.body_html)
        self.assertIn(format_date(self.env, self.cycle.review_deadline), mail.body_html)
        self.assertNotIn(self.other_review.access_token, mail.body_html)
        # The link is not readable by the people who can read the review.
        messages = (
            self.env["mail.message"]
            .with_user(self.user_officer)
            .search([("model", "=", "perf.review"), ("res_id", "=", self.review.id)])
        )
        self.assertTrue(messages, "the invitation is logged in the chatter")
        self.assertNotIn(mail.mail_message_id, messages)
        for body in messages.mapped("body"):
            self.assertNotIn(self.token, str(body))
        with self.assertRaises(AccessError):
            mail.mail_message_id.with_user(self.user_officer).read(["body"])

    def test_the_reminder_sends_the_customer_their_link_again(self):
        self.review.deadline = date.today() + timedelta(days=1)
        self.env["perf.review"]._cron_review_followup()
        mails = self.env["mail.mail"].search(
            [("model", "=", "perf.review"), ("res_id", "=", self.review.id)]
        )
        self.assertEqual(len(mails), 2, "the invitation, then the reminder")
        link = f"{self.review.get_base_url()}/perf/review/{self.token}"
        for mail in mails:
            self.assertEqual(mail.recipient_ids, self.customer)
            self.assertIn(link, mail.body_html)
        self.assertTrue(self.review.reminded_date)
        # The chatter, as the people who can read the review see it.
        logged = (
            self.env["mail.message"]
            .with_user(self.user_officer)
            .search([("model", "=", "perf.review"), ("res_id", "=", self.review.id)])
        )
        bodies = [str(body) for body in logged.mapped("body")]
        self.assertIn("Reminder with the review link", " ".join(bodies))
        for body in bodies:
            self.assertNotIn(self.token, body, "no link in the chatter")
        self.env["perf.review"]._cron_review_followup()
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [("model", "=", "perf.review"), ("res_id", "=", self.review.id)]
            ),
            2,
            "reminded once",
        )

    def test_ask_a_customer_while_in_review(self):
        newcomer = self.env["res.partner"].create(
            {"name": "Nora Newcomer", "email": "nora@example.com", "lang": "en_US"}
        )
        form = Form(
            self.env["perf.customer.review.wizard"]
            .with_user(self.user_manager)
            .with_context(default_appraisal_id=self.appraisal.id)
        )
        form.partner_ids.add(newcomer)
        form.partner_ids.add(self.customer)  # already asked: skipped
        wizard = form.save()
        with freeze_time(self.cycle.review_deadline - timedelta(days=5)):
            wizard.action_confirm()
        reviews = self._customer_reviews()
        self.assertEqual(
            reviews.partner_id, self.customer | self.other_customer | newcomer
        )
        new_review = reviews.filtered(lambda r: r.partner_id == newcomer)
        self.assertEqual(new_review.state, "requested")
        self.assertTrue(new_review.anonymous)
        self.assertEqual(len(new_review.access_token), 43)
        self.assertTrue(
            self.env["mail.mail"].search(
                [("model", "=", "perf.review"), ("res_id", "=", new_review.id)]
            )
        )

    def test_who_can_ask_a_customer(self):
        Review = self.env["perf.review"]
        stranger = self.env["res.partner"].create(
            {"name": "Sam Stranger", "email": "sam@example.com"}
        )
        with self.assertRaises(AccessError):
            Review.with_user(self.user_colleague)._add_customer_reviews(
                self.appraisal.with_user(self.user_colleague), stranger
            )
        no_email = self.env["res.partner"].create({"name": "Nemo No-Mail"})
        with self.assertRaisesRegex(ValidationError, "add an email address"):
            self.env["perf.customer.review.wizard"].with_user(self.user_manager).create(
                {"appraisal_id": self.appraisal.id, "partner_ids": no_email.ids}
            )
        with self.assertRaisesRegex(UserError, "add an email address"):
            Review._add_customer_reviews(self.appraisal, no_email)
        self.appraisal.action_cancel()
        with self.assertRaisesRegex(UserError, "planned or in review"):
            Review._add_customer_reviews(self.appraisal, stranger)

    def test_ask_button_on_the_appraisal_form(self):
        arch = (
            self.env["perf.appraisal"]
            .with_user(self.user_manager)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("Ask a customer", arch)
        arch = (
            self.env["perf.appraisal"]
            .with_user(self.user_employee)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("Ask a customer", arch)

    def test_page_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.criteria[0].with_context(lang="zh_CN").name = "服务质量"
        chinese = self.env(context=dict(self.env.context, lang="zh_CN"))
        # The link of the language selector.
        response = self.url_open(f"/zh_CN/perf/review/{self.token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn('lang="zh-CN"', response.text)
        self.assertIn("服务质量", response.text)
        self.assertNotIn("Test quality", response.text)
        self.assertIn(format_date(chinese, self.review.deadline), response.text)
        self.assertIn(f'action="/zh_CN/perf/review/{self.token}"', response.text)
        # A new visitor with a Chinese browser is sent to the Chinese page.
        self.opener.cookies.clear()
        response = self.url_open(self.url, headers={"Accept-Language": "zh-CN,zh"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"/zh_CN/perf/review/{self.token}"))
        self.assertIn("服务质量", response.text)
        csrf_token = re.search(r'name="csrf_token" value="(\w+)"', response.text)[1]
        data = {"csrf_token": csrf_token, "comment": "很好"}
        for line in self.review.line_ids:
            data[f"level_{line.id}"] = self._level("4").id
        response = self.url_open(f"/zh_CN/perf/review/{self.token}", data=data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_perf_review_thanks", response.text)
        self.assertIn('lang="zh-CN"', response.text)
        self.env.invalidate_all()
        self.assertEqual(self.review.state, "submitted")
        self.assertIn("很好", self.review.comment)

    def test_invitation_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.criteria[0].with_context(lang="zh_CN").name = "服务质量"
        newcomer = self.env["res.partner"].create(
            {"name": "王芳", "email": "wang@example.com", "lang": "zh_CN"}
        )
        with freeze_time(self.cycle.review_deadline - timedelta(days=5)):
            review = self.env["perf.review"]._add_customer_reviews(
                self.appraisal, newcomer
            )
        mail = self.env["mail.mail"].search(
            [("model", "=", "perf.review"), ("res_id", "=", review.id)]
        )
        chinese = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.assertIn("王芳", mail.body_html)
        self.assertIn(f"/perf/review/{review.access_token}", mail.body_html)
        self.assertIn(format_date(chinese, self.cycle.review_deadline), mail.body_html)


@tagged("post_install", "-at_install")
class TestCustomerTour(CustomerReviewCase):
    def test_customer_answers_on_the_review_page(self):
        self.start_tour(self.url, "odoo_perf_review_customer_review_tour")
        self.env.invalidate_all()
        self.assertEqual(self.review.state, "submitted")
        self.assertTrue(self.review.token_used)
        self.assertEqual(
            self._ratings(self.review), {"Test quality": "4", "Test teamwork": "3"}
        )
        self.assertIn("A pleasure to work with.", self.review.comment)
