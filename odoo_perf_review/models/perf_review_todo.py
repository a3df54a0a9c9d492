# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One to-do per reviewer and cycle.

A reviewer is asked for several reviews in a cycle (their own, their team's,
two or three peers'): they get one activity saying how many are left and by
when, with a link to their *To review* list, not one activity per review. The
activity belongs to no document (Odoo's "Other activities"): only its
assignee can read it, it makes nobody a follower of anything and posts nothing
in any chatter, so an anonymous review leaves no trace through it. It is kept
up to date as the reviewer's reviews are requested, submitted, expired or
cancelled, in the reviewer's language, and marked done with the last one.
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_date

from ..tools.recipients import recipient_lang


class MailActivity(models.Model):
    _inherit = "mail.activity"

    perf_cycle_id = fields.Many2one(
        "perf.cycle",
        string="Review cycle",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
        help="The cycle whose reviews this reviewer's to-do counts.",
    )


class PerfReview(models.Model):
    _inherit = "perf.review"

    def write(self, vals):
        if vals.get("state", "requested") == "requested" and not (
            {"reviewer_employee_id", "reviewer_user_id"} & vals.keys()
        ):
            return super().write(vals)
        # A review leaves the requested state (or changes hands): the to-do
        # of its reviewer counts one less.
        before = self._todo_keys()
        result = super().write(vals)
        self._sync_review_todos(before | self._todo_keys())
        return result

    def unlink(self):
        keys = self._todo_keys()
        result = super().unlink()
        self._sync_review_todos(keys)
        return result

    def _todo_keys(self):
        """{(cycle id, reviewer user id)} of the requested reviews of self."""
        return {
            (review.cycle_id.id, review.reviewer_user_id.id)
            for review in self.sudo()
            if review.state == "requested" and review.reviewer_user_id
        }

    def _schedule_activities(self):
        """The to-dos of the reviewers of these just requested reviews."""
        self._sync_review_todos(self._todo_keys())

    @api.model
    def _sync_review_todos(self, keys):
        """Bring the to-do of each (cycle id, user id) of ``keys`` in line
        with the reviews that user still has to write in that cycle: created,
        updated (count, date) or marked done. A few queries, whatever the
        number of keys."""
        if not keys:
            return
        cycle_ids = sorted({cycle_id for cycle_id, _user_id in keys})
        user_ids = sorted({user_id for _cycle_id, user_id in keys})
        left = {
            (cycle.id, user.id): (count, deadline)
            for cycle, user, count, deadline in self.env["perf.review"]
            .sudo()
            ._read_group(
                [
                    ("cycle_id", "in", cycle_ids),
                    ("reviewer_user_id", "in", user_ids),
                    ("state", "=", "requested"),
                ],
                ["cycle_id", "reviewer_user_id"],
                ["__count", "deadline:min"],
            )
            if (cycle.id, user.id) in keys
        }
        activity_type = self.env.ref("odoo_perf_review.mail_activity_review")
        Activity = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
        )
        current = Activity.search(
            [
                ("perf_cycle_id", "in", cycle_ids),
                ("user_id", "in", user_ids),
                ("activity_type_id", "=", activity_type.id),
            ],
            order="id",
        )
        todo_of = {}
        stale = Activity
        for activity in current:
            key = (activity.perf_cycle_id.id, activity.user_id.id)
            if key not in keys:
                continue
            if key in todo_of or key not in left:
                stale |= activity
            else:
                todo_of[key] = activity
        if stale:
            # Done: the reviewer has nothing left to write in that cycle.
            stale.action_feedback()
        users = self.env["res.users"].sudo().browse(user_ids)
        lang_of = {user.id: recipient_lang(user) for user in users}
        texts = {}
        to_create = []
        to_write = {}
        for key, (count, deadline) in left.items():
            deadline = deadline or fields.Date.context_today(self)
            lang = lang_of.get(key[1]) or self.env.lang
            if (lang, count, deadline) not in texts:
                texts[lang, count, deadline] = self._todo_texts(lang, count, deadline)
            summary, note = texts[lang, count, deadline]
            activity = todo_of.get(key)
            if not activity:
                to_create.append(
                    {
                        "perf_cycle_id": key[0],
                        "user_id": key[1],
                        "activity_type_id": activity_type.id,
                        "date_deadline": deadline,
                        "summary": summary,
                        "note": note,
                        "automated": True,
                    }
                )
            elif activity.summary != summary or activity.date_deadline != deadline:
                to_write.setdefault((summary, note, deadline), Activity)
                to_write[summary, note, deadline] |= activity
        for (summary, note, deadline), activities in to_write.items():
            activities.write(
                {"summary": summary, "note": note, "date_deadline": deadline}
            )
        if to_create:
            Activity.create(to_create)

    @api.model
    def _todo_texts(self, lang, count, deadline):
        """The to-do's summary and note, in ``lang``."""
        env = self.with_context(lang=lang).env if lang else self.env
        date = format_date(env, deadline, lang_code=lang or False)
        if count == 1:
            summary = env._("1 review to write by %(date)s", date=date)
        else:
            summary = env._(
                "%(count)s reviews to write by %(date)s", count=count, date=date
            )
        note = Markup('<p><a href="%s">%s</a></p>') % (
            "/odoo/action-odoo_perf_review.perf_review_action_to_write",
            env._("Open my reviews to write"),
        )
        return summary, note
