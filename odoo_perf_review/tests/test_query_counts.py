# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import new_test_user, tagged

from ..models import perf_cycle
from .common import PerfCase
from .common_dates import this_year

# assertQueryCount locks of the measured call, flush excluded, measured on Odoo
# 19.0; a change that needs more queries must say why.
# A throwaway population warms the caches, then the two measured ones.
# Years of their own, in the future whatever today is.
YEAR = this_year()
POPULATIONS = ((3, "warm", YEAR + 3), (4, "small", YEAR + 4), (15, "large", YEAR + 5))
LOCKS = {
    # Each launch and phase move includes the lock on the cycle's row.
    "test_launch": 11,
    # The launch plus the named reviewer's company and user, read once.
    "test_launch_with_the_top_reviewed_by_a_named_person": 13,
    "test_scoring": 8,
    "test_bonus_computation": 20,
    "test_distribution_report": 2,
    "test_large_review_phase_is_handed_to_the_phase_job": 16,
}


@tagged("post_install", "-at_install")
class TestQueryCounts(PerfCase):
    """The hot paths cost the same number of queries for a small and a larger
    population: nothing runs a query per record. Each path first runs once on
    a throwaway population so that caches are warm for both measures; sizes stay
    under the ORM's 100-row INSERT/UPDATE batches, which are per 100 rows, not
    per record."""

    def _team(self, size, tag):
        manager = self.env["hr.employee"].create(
            {"name": f"Lead {tag}", "company_id": self.company.id}
        )
        members = self.env["hr.employee"].create(
            [
                {
                    "name": f"Member {tag} {i}",
                    "company_id": self.company.id,
                    "parent_id": manager.id,
                }
                for i in range(size)
            ]
        )
        return manager, members

    def _cycle_for(self, tag, year):
        return self._cycle(
            date(year, 1, 1),
            date(year, 12, 31),
            frequency="annual",
            state="in_progress",
            name=f"Cycle {tag}",
            recurring=False,
        )

    def _count(self, func, lock=None):
        """Queries of ``func()``; with ``lock``, also Odoo's assertQueryCount."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        if lock is None:
            func()
        else:
            with self.assertQueryCount(lock, flush=False):
                func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _lock(self, tag):
        """The lock of the running test, for the measured (not warm) runs."""
        return None if tag == "warm" else LOCKS[self._testMethodName]

    def _launched(self, size, tag, year, lock=None):
        _manager, members = self._team(size, tag)
        cycle = self._cycle_for(tag, year)
        count = self._count(
            lambda: cycle._launch_appraisals(
                members, self.template, propose_peers=True
            ),
            lock,
        )
        return cycle, members, count

    def test_launch(self):
        self._launched(3, "warm", YEAR + 3)
        _c, _m, small = self._launched(4, "small", YEAR + 4, self._lock("small"))
        _c, _m, large = self._launched(15, "large", YEAR + 5, self._lock("large"))
        self.assertEqual(small, large)

    def test_launch_with_the_top_reviewed_by_a_named_person(self):
        """The lead of each team has no manager: a board member reviews them."""
        counts = []
        for size, tag, year in POPULATIONS:
            manager, members = self._team(size, tag)
            board = self.env["hr.employee"].create(
                {
                    "name": f"Board {tag}",
                    "company_id": self.company.id,
                    "user_id": new_test_user(self.env, f"perf_board_{tag}").id,
                }
            )
            cycle = self._cycle_for(tag, year)
            counts.append(
                self._count(
                    lambda c=cycle, people=manager | members, b=board: (
                        c._launch_appraisals(
                            people,
                            self.template,
                            top_policy="reviewed_by",
                            top_reviewer=b,
                        )
                    ),
                    self._lock(tag),
                )
            )
            lead = cycle.appraisal_ids.filtered(lambda a, m=manager: a.employee_id == m)
            self.assertEqual(lead.manager_id, board)
        self.assertEqual(counts[1], counts[2])

    def _scored(self, size, tag, year, lock=None):
        cycle, members, _count = self._launched(size, tag, year)
        cycle.write({"state": "review"})
        level = self.scale.level_ids.sorted("sequence")[2]
        reviews = cycle.appraisal_ids.review_ids
        reviews.line_ids.filtered("criterion_id").write({"level_id": level.id})
        reviews.write({"state": "submitted"})
        return cycle, self._count(lambda: cycle.appraisal_ids._compute_results(), lock)

    def test_scoring(self):
        self._scored(3, "warm", YEAR + 3)
        small_cycle, small = self._scored(4, "small", YEAR + 4, self._lock("small"))
        _large_cycle, large = self._scored(15, "large", YEAR + 5, self._lock("large"))
        self.assertEqual(small, large)
        self.assertTrue(all(small_cycle.appraisal_ids.mapped("final_score")))

    def test_bonus_computation(self):
        counts = []
        for size, tag, year in POPULATIONS:
            cycle, _count = self._scored(size, tag, year)
            cycle.appraisal_ids.sudo().write(
                {"state": "released", "released_date": f"{year}-12-31 10:00:00"}
            )
            policy = self.env["perf.bonus.policy"].create(
                {
                    "name": f"Policy {tag}",
                    "company_id": self.company.id,
                    "base_type": "fixed",
                    "base_amount": 1000,
                    "rating_scale_id": self.scale.id,
                    "line_ids": [
                        Command.create({"level_id": level.id, "multiplier": 100})
                        for level in self.scale.level_ids
                    ],
                }
            )
            self.env["perf.bonus.pool"].create({"cycle_id": cycle.id, "amount": 5000})
            counts.append(
                self._count(
                    lambda c=cycle, p=policy: self.env[
                        "perf.bonus.line"
                    ]._compute_for_cycle(c, p),
                    self._lock(tag),
                )
            )
        self.assertEqual(counts[1], counts[2])

    def test_distribution_report(self):
        """Ratings per department, as an HR officer's pivot reads them."""
        counts = []
        for size, tag, year in POPULATIONS:
            cycle, _count = self._scored(size, tag, year)
            Appraisal = self.env["perf.appraisal"].with_user(self.user_officer)
            counts.append(
                self._count(
                    lambda c=cycle, model=Appraisal: model.formatted_read_group(
                        [("cycle_id", "=", c.id)],
                        ["department_id", "final_level_id"],
                        ["__count", "final_score:avg"],
                    ),
                    self._lock(tag),
                )
            )
        self.assertEqual(counts[1], counts[2])

    def test_large_review_phase_is_handed_to_the_phase_job(self):
        """Above the inline limit, opening the review phase only schedules the
        phase job: its cost does not grow with the population."""
        counts = []
        with patch.object(perf_cycle, "PHASE_WORK_INLINE_LIMIT", 1):
            for size, tag, year in POPULATIONS:
                cycle, _members, _count = self._launched(size, tag, year)
                counts.append(
                    self._count(
                        lambda c=cycle: c.action_start_review(), self._lock(tag)
                    )
                )
                self.assertEqual(set(cycle.appraisal_ids.mapped("state")), {"planned"})
        self.assertEqual(counts[1], counts[2])
