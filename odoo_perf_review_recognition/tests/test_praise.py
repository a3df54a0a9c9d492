# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.odoo_perf_review.tests.test_appraisal import AppraisalCase


@tagged("post_install", "-at_install")
class TestPraise(AppraisalCase):
    def setUp(self):
        super().setUp()
        self._launch(propose_peers=False)
        self._open_review_phase()
        self.appraisal = self._appraisal(self.emp_employee)
        review = self.appraisal.review_ids.filtered(lambda r: r.rater_type == "manager")
        self._answer(review, 4, self.user_manager)

    def test_manager_praises_a_released_appraisal_with_a_badge(self):
        with self.assertRaisesRegex(UserError, "released appraisal"):
            self.appraisal.with_user(self.user_manager).action_send_praise()
        self.appraisal.action_release()
        with self.assertRaises(AccessError):
            self.appraisal.with_user(self.user_colleague).action_send_praise()
        action = self.appraisal.with_user(self.user_manager).action_send_praise()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.user_manager)
            .with_context(**action["context"])
        ).save()
        wizard.action_grant_badge()
        badge = self.env.ref("odoo_perf_review_recognition.badge_great_performance")
        granted = self.env["gamification.badge.user"].search(
            [("badge_id", "=", badge.id), ("user_id", "=", self.user_employee.id)]
        )
        self.assertEqual(granted.employee_id, self.emp_employee)
        self.assertEqual(granted.sender_id, self.user_manager)
        self.assertIn(self.cycle.name, granted.comment)
