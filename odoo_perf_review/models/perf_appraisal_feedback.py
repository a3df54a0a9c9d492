# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the reviewers wrote, as it reaches the employee's appraisal, and the
printed appraisal's contents (goals, competencies, rating history).

The comments are read with superuser rights from the submitted reviews, and
given to the reader under the same rule as the scores: a named group's
comments are attributed; an anonymous group's are pooled, unattributed, in a
stable order that says nothing about who answered first, and only once its
reviews are closed with at least the template's threshold of answers. The
employee reads nothing before the result is released.
"""

import hashlib
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, is_html_empty

from ..engine import competencies as competency_engine
from ..engine.appraisal import RATER_GROUPS
from ..tools.labels import selection_label

# The template flag that makes a rater group anonymous.
ANONYMOUS_FLAGS = {"peer": "peers_anonymous", "customer": "customers_anonymous"}
COMMENT_KINDS = ("strengths", "improvements", "comments")
RELEASED_STATES = ("released", "acknowledged")


class PerfAppraisal(models.Model):
    _inherit = "perf.appraisal"

    review_comments = fields.Html(
        "Reviewers' comments",
        compute="_compute_review_comments",
        sanitize=False,
        help="What the reviewers wrote, per rater group. Anonymous groups are "
        "shown without names, in no particular order, once their reviews are "
        "closed with enough answers.",
    )
    calibration_justification = fields.Text(
        readonly=True,
        copy=False,
        help="Why the rating was calibrated, as written by whoever decided it.",
    )
    calibrated_date = fields.Datetime("Calibrated on", readonly=True, copy=False)
    report_lang = fields.Char(
        compute="_compute_report_lang",
        help="The language the printed appraisal is in: the employee's.",
    )

    # ------------------------------------------------------------------
    # Which rater groups the reader may see
    # ------------------------------------------------------------------
    def _anonymous_rater_groups(self):
        self.ensure_one()
        template = self.template_id
        return {group for group, flag in ANONYMOUS_FLAGS.items() if template[flag]}

    def _shown_rater_groups(self, reviews_by_group):
        """The rater groups of this appraisal whose answers the current user
        may read, as {group: anonymous?}.

        :param dict reviews_by_group: {group: its submitted reviews (sudo)}
        """
        self.ensure_one()
        appraisal = self.sudo()
        if (
            not self.env.su
            and appraisal.user_id == self.env.user
            and appraisal.state not in RELEASED_STATES
        ):
            return {}
        flagged = appraisal._anonymous_rater_groups()
        hidden = set((appraisal.hidden_groups or "").split(","))
        pending = set((appraisal.pending_groups or "").split(","))
        threshold = max(appraisal.template_id.anonymity_threshold, 1)
        shown = {}
        for group in RATER_GROUPS:
            reviews = reviews_by_group.get(group)
            if not reviews:
                continue
            anonymous = group in flagged or any(reviews.mapped("anonymous"))
            if anonymous and (
                not appraisal.reviews_closed
                or group in hidden
                or group in pending
                or len(reviews) < threshold
            ):
                continue
            shown[group] = anonymous
        return shown

    def _submitted_reviews_by_group(self):
        """{appraisal id: {group: submitted reviews}}, read in one query."""
        reviews = (
            self.env["perf.review"]
            .sudo()
            .search(
                [("appraisal_id", "in", self.ids), ("state", "=", "submitted")],
                order="submitted_date, id",
            )
        )
        result = defaultdict(dict)
        for (appraisal, group), group_reviews in reviews.grouped(
            lambda r: (r.appraisal_id.id, r.rater_type)
        ).items():
            result[appraisal][group] = group_reviews
        return result

    # ------------------------------------------------------------------
    # The comments
    # ------------------------------------------------------------------
    @staticmethod
    def _shuffled(appraisal_id, texts):
        """``texts`` in an order fixed by their content alone, so that it
        neither follows the order of the answers nor changes between reads."""
        return sorted(
            texts,
            key=lambda text: hashlib.sha256(
                f"{appraisal_id}:{html2plaintext(str(text))}".encode()
            ).hexdigest(),
        )

    @staticmethod
    def _review_texts(review):
        """{kind: [html]} of one review's strengths, improvements and comment."""
        return {
            kind: [value]
            for kind, value in (
                ("strengths", review.strengths),
                ("improvements", review.improvements),
                ("comments", review.comment),
            )
            if not is_html_empty(value)
        }

    @staticmethod
    def _line_comments(review, with_lines=True):
        """[(what was rated, comment)] of one review's lines (none when
        ``with_lines`` is false: what gathers strengths and improvements at the
        close of thousands of reviews does not read their lines)."""
        if not with_lines:
            return []
        return [
            (line.criterion_id.name or line.goal_id.name, line.comment.strip())
            for line in review.line_ids
            if line.comment and line.comment.strip()
        ]

    def _review_comment_groups(self, with_lines=True):
        """{appraisal id: [group]} of what the reviewers wrote, for the reader.

        A group is a dict: ``key`` (self/manager/peer/customer), ``anonymous``,
        ``count`` (answers), ``entries``: one per named review with its
        ``author``, or one pooled entry without author for an anonymous group;
        each entry holds ``strengths``, ``improvements``, ``comments`` (lists
        of HTML) and ``lines`` ([(criterion or goal, [comments])]).
        """
        by_appraisal = self._submitted_reviews_by_group()
        result = {}
        for appraisal in self:
            reviews_by_group = by_appraisal.get(appraisal.id, {})
            groups = []
            for group, anonymous in appraisal._shown_rater_groups(
                reviews_by_group
            ).items():
                reviews = reviews_by_group[group]
                if anonymous:
                    pooled = defaultdict(list)
                    lines = defaultdict(list)
                    for review in reviews:
                        for kind, texts in self._review_texts(review).items():
                            pooled[kind] += texts
                        for name, comment in self._line_comments(review, with_lines):
                            lines[name].append(comment)
                    entries = [
                        {
                            "author": False,
                            **{
                                kind: self._shuffled(appraisal.id, pooled[kind])
                                for kind in COMMENT_KINDS
                            },
                            "lines": [
                                (name, self._shuffled(appraisal.id, comments))
                                for name, comments in sorted(lines.items())
                            ],
                        }
                    ]
                else:
                    entries = [
                        {
                            "author": review.reviewer_employee_id.name
                            or review.partner_id.name,
                            **{
                                kind: self._review_texts(review).get(kind, [])
                                for kind in COMMENT_KINDS
                            },
                            "lines": [
                                (name, [comment])
                                for name, comment in self._line_comments(
                                    review, with_lines
                                )
                            ],
                        }
                        for review in reviews
                    ]
                entries = [
                    entry
                    for entry in entries
                    if entry["lines"] or any(entry[kind] for kind in COMMENT_KINDS)
                ]
                if entries:
                    groups.append(
                        {
                            "key": group,
                            "anonymous": anonymous,
                            "count": len(reviews),
                            "entries": entries,
                        }
                    )
            result[appraisal.id] = groups
        return result

    @api.depends_context("uid", "lang")
    @api.depends("state", "reviews_closed", "hidden_groups", "pending_groups")
    def _compute_review_comments(self):
        groups = self._review_comment_groups()
        QWeb = self.env["ir.qweb"]
        for appraisal in self:
            found = groups.get(appraisal.id)
            appraisal.review_comments = (
                QWeb._render(
                    "odoo_perf_review.perf_appraisal_review_comments",
                    {"groups": found},
                )
                if found
                else False
            )

    def _rater_group_labels(self):
        return {
            "self": self.env._("Self-assessment"),
            "manager": self.env._("Manager"),
            "peer": self.env._("Peers"),
            "customer": self.env._("Customers"),
        }

    def _gathered_feedback(self):
        """{appraisal id: {"strengths": html, "improvements": html}} from the
        comment groups the reader may see (empty kinds left out)."""
        labels = self._rater_group_labels()
        result = {}
        # Strengths and improvements only: the lines' comments are not read.
        groups_by_appraisal = self._review_comment_groups(with_lines=False)
        for appraisal_id, groups in groups_by_appraisal.items():
            gathered = {}
            for kind in ("strengths", "improvements"):
                parts = []
                for group in groups:
                    items = [
                        Markup("<li>%s%s</li>")
                        % (
                            Markup("<em>%s:</em> ") % entry["author"]
                            if entry["author"]
                            else "",
                            text,
                        )
                        for entry in group["entries"]
                        for text in entry[kind]
                    ]
                    if items:
                        parts.append(
                            Markup("<p><strong>%s</strong></p><ul>%s</ul>")
                            % (labels[group["key"]], Markup("").join(items))
                        )
                if parts:
                    gathered[kind] = Markup("").join(parts)
            result[appraisal_id] = gathered
        return result

    def action_gather_feedback(self):
        """Fill strengths and improvements from the submitted reviews, for the
        manager to edit before the release; what is there is replaced."""
        self._check_manager_or_hr()
        frozen = self.filtered(lambda a: a.state not in ("planned", "review"))
        if frozen:
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” is %(state)s: its strengths and "
                    "improvements are final once the result is released.",
                    appraisal=frozen[0].display_name,
                    state=selection_label(frozen[0], "state").lower(),
                )
            )
        gathered = self._gathered_feedback()
        empty = self.filtered(lambda a: not gathered.get(a.id))
        if empty:
            raise UserError(
                self.env._(
                    "No reviewer of “%(appraisal)s” has written strengths or "
                    "improvements yet. Anonymous groups count once their reviews "
                    "close with at least %(k)s answers: gather again then.",
                    appraisal=empty[0].display_name,
                    k=empty[0].template_id.anonymity_threshold,
                )
            )
        for appraisal in self:
            texts = gathered[appraisal.id]
            appraisal.write(
                {
                    "strengths": texts.get("strengths", False),
                    "improvements": texts.get("improvements", False),
                }
            )
        return True

    def _gather_feedback_if_empty(self):
        """When the reviews close, fill the strengths and improvements still
        empty from the reviews (as the workflow: the manager edits them next)."""
        appraisals = self._workflow().filtered(
            lambda a: is_html_empty(a.strengths) or is_html_empty(a.improvements)
        )
        gathered = appraisals._gathered_feedback()
        for appraisal in appraisals:
            texts = gathered.get(appraisal.id, {})
            vals = {
                kind: texts[kind]
                for kind in ("strengths", "improvements")
                if texts.get(kind) and is_html_empty(appraisal[kind])
            }
            if vals:
                appraisal.write(vals)

    def _close_reviews(self):
        closed = super()._close_reviews()
        closed._gather_feedback_if_empty()
        return closed

    def _calibrate(self, level, justification):
        result = super()._calibrate(level, justification)
        self._workflow().write(
            {
                "calibration_justification": justification.strip(),
                "calibrated_date": fields.Datetime.now(),
            }
        )
        return result

    # ------------------------------------------------------------------
    # The printed appraisal
    # ------------------------------------------------------------------
    @api.depends_context("lang")
    @api.depends("employee_id.user_id.lang", "employee_id.work_contact_id.lang")
    def _compute_report_lang(self):
        for appraisal in self:
            employee = appraisal.sudo().employee_id
            appraisal.report_lang = (
                employee.user_id.lang
                or employee.work_contact_id.lang
                or self.env.lang
                or "en_US"
            )

    @staticmethod
    def _goal_measured(goal):
        """Whether the goal has a measured result yet."""
        if "measured" in goal._fields:
            return goal.measured
        return bool(goal.last_refresh or goal.actual)

    def _report_goal_sections(self):
        """[(perspective label or False, [row])] of the appraisal's goals, by
        scorecard perspective when the goals have one. A row is a dict:
        ``goal``, ``measured`` and ``key_results`` ([(key result, measured)])."""
        self.ensure_one()
        goals = self.goal_ids
        rows_by_perspective = defaultdict(list)
        for goal in goals.sorted(lambda g: (g.sequence, g.id)):
            key_results = goal.key_result_ids if goal.goal_type == "objective" else []
            results = [(kr, self._goal_measured(kr)) for kr in key_results]
            measured = self._goal_measured(goal) or any(m for _kr, m in results)
            rows_by_perspective[goal.bsc_perspective or False].append(
                {"goal": goal, "measured": measured, "key_results": results}
            )
        if not any(rows_by_perspective.keys()):
            return [(False, rows_by_perspective[False])] if goals else []
        labels = dict(goals._fields["bsc_perspective"]._description_selection(self.env))
        sections = [
            (labels[key], rows_by_perspective[key])
            for key in labels
            if rows_by_perspective.get(key)
        ]
        if rows_by_perspective.get(False):
            sections.append((self.env._("Other goals"), rows_by_perspective[False]))
        return sections

    def _report_competencies(self):
        """The result of each competency from the groups the reader may see:
        {"groups": [rater groups with a weight], "rows": [{"criterion",
        "groups": {group: score or None}, "score", "level"}]}."""
        self.ensure_one()
        template = self.sudo().template_id
        reviews_by_group = self._submitted_reviews_by_group().get(self.id, {})
        shown = self._shown_rater_groups(reviews_by_group)
        answers = defaultdict(lambda: defaultdict(list))
        criteria = self.env["perf.criterion"]
        for group, reviews in reviews_by_group.items():
            for line in reviews.line_ids:
                if line.criterion_id:
                    criteria |= line.criterion_id
                    if line.level_id:
                        answers[line.criterion_id.id][group].append(line.score)
        results = competency_engine.criterion_results(
            answers,
            rater_weights=template._rater_weights(),
            shown_groups=shown,
            anonymous_groups=[group for group, anon in shown.items() if anon],
            threshold=template.anonymity_threshold,
        )
        scored = {
            criterion_id: result.score
            for criterion_id, result in results.items()
            if result.score is not None
        }
        levels = template.rating_scale_id._level_for_scores(scored) if scored else {}
        rows = []
        for criterion in criteria.sorted(lambda c: (c.sequence, c.name)):
            result = results.get(criterion.id)
            if not result or result.score is None:
                continue
            rows.append(
                {
                    "criterion": criterion.with_env(self.env),
                    "groups": result.group_scores,
                    "score": result.score,
                    "level": levels.get(criterion.id),
                }
            )
        weights = template._rater_weights()
        return {
            "groups": [group for group in RATER_GROUPS if weights.get(group)],
            "rows": rows,
        }

    def _rating_history(self):
        """The rating as it changed: computed, calibrated, then each decided
        appeal, with the reason and the date of each step."""
        self.ensure_one()
        appraisal = self.sudo()
        steps = [
            {
                "label": self.env._("Computed from the goals and the reviews"),
                "level": appraisal.rating_level_id,
                "score": appraisal.final_score,
                "date": False,
                "reason": False,
            }
        ]
        if appraisal.calibrated_date or appraisal.calibrated_level_id:
            steps.append(
                {
                    "label": self.env._("Calibrated"),
                    "level": appraisal.calibrated_level_id or appraisal.rating_level_id,
                    "score": appraisal.final_score,
                    "date": appraisal.calibrated_date,
                    "reason": appraisal.calibration_justification,
                }
            )
        appeals = appraisal.appeal_ids.filtered(
            lambda a: a.state in ("accepted", "partly_accepted", "rejected")
        ).sorted(lambda a: (a.decision_date or fields.Datetime.now(), a.id))
        for appeal in appeals:
            rejected = appeal.state == "rejected"
            steps.append(
                {
                    "label": self.env._(
                        "Appeal: %(outcome)s",
                        outcome=selection_label(appeal, "state").lower(),
                    ),
                    "level": appeal.original_level_id
                    if rejected
                    else appeal.revised_level_id,
                    "score": appeal.original_score
                    if rejected or not appeal.revised_score
                    else appeal.revised_score,
                    "date": appeal.decision_date,
                    "reason": appeal.decision,
                }
            )
        return steps
