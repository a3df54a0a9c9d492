# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The cycle's timeline and the manager review's coaching cost the same number
of queries for a small and a larger team: nothing is read per appraisal."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from . import test_query_counts as base

# assertQueryCount locks, measured on Odoo 19.0 (flush excluded).
COACHING_LOCKS = {
    # 3 searches (check-ins, feedback, meetings) under the reader's rules, the
    # names they show (goals, givers) and the appraisals' employees and cycles.
    "test_timeline": 11,
    "test_manager_review_coaching": 8,
    "test_agenda_prefill": 12,
}


@tagged("post_install", "-at_install")
class TestCoachingQueryCounts(base.TestQueryCounts):
    """Each population: a lead and their team, every member with
    an approved goal and a check-in, two pieces of feedback and two
    one-on-ones held during the cycle. Read as an HR officer."""

    # The inherited hot paths are measured in test_query_counts already.
    test_launch = None
    test_launch_with_the_top_reviewed_by_a_named_person = None
    test_scoring = None
    test_bonus_computation = None
    test_distribution_report = None
    test_large_review_phase_is_handed_to_the_phase_job = None

    def _lock(self, tag):
        return None if tag == "warm" else COACHING_LOCKS[self._testMethodName]

    def _coached(self, size, tag, year):
        # No user is created here: a new user clears the access caches, and
        # the populations would not be measured alike.
        lead, members = self._team(size, tag)
        cycle = self._cycle_for(tag, year)
        cycle._launch_appraisals(members, self.template)
        goals = self.env["perf.goal"].create(
            [
                {
                    "name": f"Goal {member.name}",
                    "owner": "employee",
                    "employee_id": member.id,
                    "cycle_id": cycle.id,
                    "goal_type": "kpi",
                    "target": 100,
                    "weight": 100,
                    "state": "approved",
                }
                for member in members
            ]
        )
        self.env["perf.checkin"].create(
            [
                {"goal_id": goal.id, "value": 20, "date": date(year, 3, 1)}
                for goal in goals
            ]
        )
        self.env["perf.feedback"].create(
            [
                {
                    "giver_id": self.user_manager.id,
                    "receiver_id": member.id,
                    "kind": kind,
                    "visibility": "manager",
                    "message": f"<p>{kind} for {member.name}</p>",
                    "date": f"{year}-0{month}-10 10:00:00",
                }
                for member in members
                for kind, month in (("praise", 2), ("suggestion", 5))
            ]
        )
        self.env["perf.meeting"].create(
            [
                {
                    "employee_id": member.id,
                    "manager_id": lead.id,
                    "date": f"{year}-0{month}-15 09:00:00",
                    "state": "held",
                    "shared_notes": "<p>Talked</p>",
                }
                for member in members
                for month in (4, 6)
            ]
        )
        return cycle, members, lead

    def test_timeline(self):
        counts = []
        for size, tag, year in base.POPULATIONS:
            cycle, members, _lead = self._coached(size, tag, year)
            # Browsed by ids, as a client's read: prefetched together.
            appraisals = (
                self.env["perf.appraisal"]
                .with_user(self.user_officer)
                .browse(cycle.appraisal_ids.ids)
            )
            counts.append(
                self._count(
                    lambda a=appraisals: a.read(["coaching_timeline"]), self._lock(tag)
                )
            )
            first = str(appraisals[0].coaching_timeline)
            self.assertIn("Check-in on Goal", first)
            self.assertIn("Praise from", first)
            self.assertIn("One-on-one", first)
            self.assertEqual(set(appraisals.mapped("coaching_meeting_count")), {2})
        self.assertEqual(counts[1], counts[2])

    def test_manager_review_coaching(self):
        counts = []
        for size, tag, year in base.POPULATIONS:
            cycle, _members, _lead = self._coached(size, tag, year)
            reviews = (
                self.env["perf.review"]
                .with_user(self.user_officer)
                .browse(
                    cycle.appraisal_ids.review_ids.filtered(
                        lambda r: r.rater_type == "manager"
                    ).ids
                )
            )
            counts.append(
                self._count(
                    lambda r=reviews: r.read(
                        ["coaching_feedback_ids", "coaching_meeting_ids"]
                    ),
                    self._lock(tag),
                )
            )
            self.assertEqual({len(r.coaching_feedback_ids) for r in reviews}, {2}, tag)
        self.assertEqual(counts[1], counts[2])

    def test_agenda_prefill(self):
        counts = []
        for size, tag, year in base.POPULATIONS:
            self.startPatcher(freeze_time(f"{year}-07-01 12:00"))
            cycle, members, lead = self._coached(size, tag, year)
            meetings = self.env["perf.meeting"].create(
                [
                    {
                        "employee_id": member.id,
                        "manager_id": lead.id,
                        "date": f"{year}-07-01 09:00:00",
                    }
                    for member in members
                ]
            )
            meetings.agenda_item_ids.unlink()
            meetings = self.env["perf.meeting"].browse(meetings.ids)
            counts.append(
                self._count(lambda m=meetings: m._prefill_agenda(), self._lock(tag))
            )
            self.assertTrue(all(m.agenda_item_ids for m in meetings))
        self.assertEqual(counts[1], counts[2])
