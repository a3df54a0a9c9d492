# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The phase job's batches cost the same number of queries for a small and a
larger team whose members all have a user: one to-do per reviewer, lines,
release messages, notifications and emails are made in batch, nothing per
person (see test_query_counts for the other hot paths)."""

from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import new_test_user, tagged

from ..models import perf_cycle
from .common import PerfCase
from .common_dates import this_year

# Reviews stay under the ORM's 100-row INSERT/UPDATE batches (about 5 per person).
# Years of their own, in the future whatever today is.
YEAR = this_year()
POPULATIONS = ((3, "warm", YEAR + 3), (4, "small", YEAR + 4), (12, "large", YEAR + 5))
# Queries of one phase-job batch, flush included: a change that needs more
# must say why. The release is counted outside assertQueryCount, whose patched
# random.random() gives every message the same Message-Id, and the ORM then
# inserts the messages one by one.
LOCKS = {
    # Each batch includes the lock on its cycles' rows (one query).
    "open": 25,
    "release": 47,
}


@tagged("post_install", "-at_install")
class TestPhaseQueryCounts(PerfCase):
    def _team(self, size, tag):
        users = [
            new_test_user(
                self.env,
                f"perf_qc_{tag}_{i}",
                groups="base.group_user",
                company_id=self.company.id,
                company_ids=[Command.set(self.company.ids)],
                notification_type="inbox" if i % 2 else "email",
            )
            for i in range(size + 1)
        ]
        manager = self.env["hr.employee"].create(
            {
                "name": f"Lead {tag}",
                "company_id": self.company.id,
                "user_id": users[0].id,
            }
        )
        members = self.env["hr.employee"].create(
            [
                {
                    "name": f"Member {tag} {i}",
                    "company_id": self.company.id,
                    "parent_id": manager.id,
                    "user_id": users[i + 1].id,
                }
                for i in range(size)
            ]
        )
        return manager | members

    def _cycle_for(self, tag, year, people):
        cycle = self._cycle(
            date(year, 1, 1),
            date(year, 12, 31),
            frequency="annual",
            state="in_progress",
            name=f"Cycle {tag}",
            recurring=False,
        )
        cycle._launch_appraisals(people, self.template, propose_peers=True)
        return cycle

    def _count(self, func, lock=None, query_count=True):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        if lock is None or not query_count:
            func()
            self.env.flush_all()
        else:
            with self.assertQueryCount(lock):
                func()
        count = self.cr.sql_log_count - before
        if lock is not None and not query_count:
            self.assertLessEqual(count, lock)
        return count

    def _opened(self, size, tag, year):
        cycle = self._cycle_for(tag, year, self._team(size, tag))
        with patch.object(perf_cycle, "PHASE_WORK_INLINE_LIMIT", 1):
            cycle.write({"state": "review"})
        self.assertEqual(set(cycle.appraisal_ids.mapped("state")), {"planned"})
        lock = None if tag == "warm" else LOCKS["open"]
        count = self._count(
            lambda: self.env["perf.cycle"]._phase_work_batch(cycle.appraisal_ids),
            lock,
        )
        reviews = cycle.appraisal_ids.review_ids
        self.assertEqual(set(reviews.mapped("state")), {"requested"})
        self.assertTrue(reviews.line_ids)
        todos = self.env["mail.activity"].search([("perf_cycle_id", "=", cycle.id)])
        self.assertEqual(todos.user_id, reviews.reviewer_user_id)
        return cycle, count

    def test_opening_a_batch_of_reviews(self):
        counts = [self._opened(*population)[1] for population in POPULATIONS]
        self.assertEqual(counts[1], counts[2])

    def test_releasing_a_batch_of_results(self):
        counts = []
        for size, tag, year in POPULATIONS:
            cycle, _count = self._opened(size, tag, year)
            reviews = cycle.appraisal_ids.review_ids
            level = self.scale.level_ids.sorted("sequence")[2]
            reviews.line_ids.filtered("criterion_id").write({"level_id": level.id})
            reviews._workflow().write({"state": "submitted"})
            with patch.object(perf_cycle, "PHASE_WORK_INLINE_LIMIT", 1):
                cycle.write({"state": "released"})
            lock = None if tag == "warm" else LOCKS["release"]
            counts.append(
                self._count(
                    lambda c=cycle: self.env["perf.cycle"]._phase_work_batch(
                        c.appraisal_ids
                    ),
                    lock,
                    query_count=False,
                )
            )
            appraisals = cycle.appraisal_ids
            self.assertEqual(set(appraisals.mapped("state")), {"released"})
            notified = self.env["mail.notification"].search(
                [
                    ("mail_message_id.model", "=", "perf.appraisal"),
                    ("mail_message_id.res_id", "in", appraisals.ids),
                ]
            )
            self.assertEqual(
                notified.res_partner_id, appraisals.employee_id.user_id.partner_id
            )
            self.assertEqual(
                set(notified.mapped("notification_type")), {"inbox", "email"}
            )
            # One message records the release: closing the reviews first must
            # not make mail.thread log the state change again, per appraisal
            # (it would, at commit: run what the commit runs).
            self.env.flush_all()
            self.env.cr.precommit.run()
            released = self.env["mail.message"].search(
                [
                    ("model", "=", "perf.appraisal"),
                    ("res_id", "in", appraisals.ids),
                    ("tracking_value_ids.new_value_char", "=", "Released"),
                ]
            )
            self.assertEqual(sorted(released.mapped("res_id")), sorted(appraisals.ids))
        self.assertEqual(counts[1], counts[2])
