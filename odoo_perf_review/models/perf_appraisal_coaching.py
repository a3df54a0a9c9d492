# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta
from textwrap import shorten

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import html2plaintext

from ..engine import coaching


def _period_domain(field, appraisals, date_field_is_datetime):
    """Records of ``appraisals``' employees dated within their cycles."""
    start = min(appraisals.cycle_id.mapped("date_start"))
    end = max(appraisals.cycle_id.mapped("date_end"))
    if date_field_is_datetime:
        start = datetime.combine(start, time.min)
        end = datetime.combine(end + timedelta(days=1), time.min)
        return [(field, ">=", start), (field, "<", end)]
    return [(field, ">=", start), (field, "<=", end)]


def coaching_of(appraisals):
    """What happened between the reviews for ``appraisals``, read with the
    rights of ``appraisals``' user (each viewer sees only what they may read):
    the check-ins, the feedback given and the one-on-ones held, in three
    queries for the whole set. Who is appraised and when is read by the
    system: a reviewer may not read the appraisal itself."""
    env = appraisals.env
    appraisals = appraisals.sudo()
    employees = appraisals.employee_id
    if not appraisals:
        return env["perf.checkin"], env["perf.feedback"], env["perf.meeting"]
    checkins = env["perf.checkin"].search(
        [("employee_id", "in", employees.ids)]
        + _period_domain("date", appraisals, False)
    )
    feedback = env["perf.feedback"].search(
        [("receiver_id", "in", employees.ids), ("state", "=", "given")]
        + _period_domain("date", appraisals, True)
    )
    meetings = env["perf.meeting"].search(
        [("employee_id", "in", employees.ids), ("state", "=", "held")]
        + _period_domain("date", appraisals, True)
    )
    return checkins, feedback, meetings


class PerfAppraisalCoaching(models.AbstractModel):
    """The appraisal's timeline of check-ins, feedback and one-on-ones: a mixin
    of ``perf.appraisal`` (kept apart from the appraisal's workflow)."""

    _name = "perf.appraisal.coaching"
    _description = "Appraisal: coaching timeline"

    coaching_timeline = fields.Html(
        "Timeline",
        compute="_compute_coaching",
        sanitize=False,
        help="Check-ins, feedback and one-on-ones of the cycle, newest first: "
        "what you may read of them.",
    )
    coaching_feedback_count = fields.Integer(compute="_compute_coaching")
    coaching_meeting_count = fields.Integer(compute="_compute_coaching")

    @api.depends_context("uid", "lang")
    def _compute_coaching(self):
        appraisals = self.filtered("id")
        (self - appraisals).update(
            {
                "coaching_timeline": False,
                "coaching_feedback_count": 0,
                "coaching_meeting_count": 0,
            }
        )
        checkins, feedback, meetings = coaching_of(appraisals)
        by_id = {
            "checkin": {c.id: c for c in checkins},
            "feedback": {f.id: f for f in feedback},
            "meeting": {m.id: m for m in meetings},
        }
        for appraisal in appraisals:
            employee = appraisal.sudo().employee_id
            cycle = appraisal.sudo().cycle_id
            entries = [
                (c.date, "checkin", c.id) for c in checkins if c.employee_id == employee
            ]
            mine_feedback = feedback.filtered(lambda f, e=employee: f.receiver_id == e)
            mine_meetings = meetings.filtered(lambda m, e=employee: m.employee_id == e)
            entries += [(f.date.date(), "feedback", f.id) for f in mine_feedback]
            entries += [(m.date.date(), "meeting", m.id) for m in mine_meetings]
            kept = coaching.timeline(entries, cycle.date_start, cycle.date_end)
            appraisal.coaching_timeline = self._timeline_html(kept, by_id)
            appraisal.coaching_feedback_count = len(mine_feedback)
            appraisal.coaching_meeting_count = len(mine_meetings)

    def _timeline_html(self, entries, by_id):
        if not entries:
            return Markup("<p class='text-muted'>%s</p>") % self.env._(
                "No check-in, feedback or one-on-one in this cycle yet."
            )
        selection = {
            name: dict(self.env[model]._fields[name]._description_selection(self.env))
            for model, name in (
                ("perf.checkin", "confidence"),
                ("perf.feedback", "kind"),
            )
        }
        confidences, kinds = selection["confidence"], selection["kind"]
        rows = []
        for day, kind, ref in entries:
            record = by_id[kind][ref]
            if kind == "checkin":
                icon = "fa-line-chart"
                text = self.env._(
                    "Check-in on %(goal)s: %(value)s %(unit)s, %(confidence)s",
                    goal=record.goal_id.name,
                    value=f"{record.value:g}",
                    unit=record.unit or "",
                    confidence=confidences.get(record.confidence, ""),
                )
                detail = record.comment or ""
            elif kind == "feedback":
                icon = "fa-comment-o"
                text = self.env._(
                    "%(kind)s from %(giver)s",
                    kind=kinds.get(record.kind, ""),
                    giver=record.giver_id.name,
                )
                detail = shorten(html2plaintext(record.message or ""), 160)
            else:
                icon = "fa-users"
                text = self.env._("One-on-one: %(name)s", name=record.name)
                detail = shorten(html2plaintext(record.shared_notes or ""), 160)
            rows.append(
                Markup(
                    "<li class='mb-1'><i class='fa %s me-1'/>"
                    "<span class='text-muted me-1'>%s</span><strong>%s</strong>"
                    "<div class='text-muted small'>%s</div></li>"
                )
                % (icon, fields.Date.to_string(day), text, detail)
            )
        return Markup("<ul class='list-unstyled o_perf_timeline'>%s</ul>") % Markup(
            ""
        ).join(rows)

    def action_open_coaching_feedback(self):
        self.ensure_one()
        _checkins, feedback, _meetings = coaching_of(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_feedback_action"
        )
        action["domain"] = [("id", "in", feedback.ids)]
        action["context"] = {}
        return action

    def action_open_coaching_meetings(self):
        self.ensure_one()
        _checkins, _feedback, meetings = coaching_of(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "odoo_perf_review.perf_meeting_action"
        )
        action["domain"] = [("id", "in", meetings.ids)]
        action["context"] = {}
        return action
