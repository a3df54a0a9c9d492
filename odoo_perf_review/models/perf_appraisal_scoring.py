# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import format_list, formatLang

from ..engine import appraisal as appraisal_engine
from ..engine import goals as goal_engine
from ..tools.labels import selection_label

# What scoring writes (the workflow's fields: nobody edits them).
RESULT_FIELDS = (
    "goal_score",
    "competency_score",
    "final_score",
    "self_score",
    "manager_score",
    "peer_score",
    "customer_score",
    "peer_count",
    "customer_count",
    "rating_level_id",
    "hidden_groups",
    "pending_groups",
    "scored",
    "goal_scored",
    "competency_scored",
    "score_details",
)


class PerfAppraisalScoring(models.AbstractModel):
    """An appraisal's scores: per rater group, goals and competencies
    blended by the engine, the rating band, and their breakdown as the
    employee and the manager read it. A mixin of ``perf.appraisal``."""

    _name = "perf.appraisal.scoring.mixin"
    _description = "Appraisal: scoring"

    @api.depends("scored")
    @api.depends_context("lang")
    def _compute_score_status(self):
        not_scored = self.env._("Not scored")
        for appraisal in self:
            appraisal.score_status = False if appraisal.scored else not_scored

    @api.depends(*RESULT_FIELDS, "template_id")
    @api.depends_context("lang")
    def _compute_breakdown(self):
        """The score's formula with the weights the engine actually used
        (``score_details``, written with the score by the same computation),
        and what it left out and why. Numbers in the user's language; every
        sentence a translated literal, put together with ``Markup`` so that
        goal names are escaped once."""
        labels = {
            "self": self.env._("Self review"),
            "manager": self.env._("Manager review"),
            "peer": self.env._("Peer reviews"),
            "customer": self.env._("Customer reviews"),
        }

        def number(value, digits=1):
            return formatLang(self.env, value, digits=digits)

        left_out_goal_ids = {
            goal_id
            for appraisal in self
            for goal_id in (appraisal.score_details or {}).get("goals_left_out", [])
        }
        goal_names = dict(
            self.env["perf.goal"]
            .sudo()
            .browse(left_out_goal_ids)
            .mapped(lambda goal: (goal.id, goal.name))
        )
        for appraisal in self:
            template = appraisal.template_id
            details = appraisal.score_details or {}
            used = details.get("raters", {})
            hidden = set((appraisal.hidden_groups or "").split(",")) - {""}
            pending = set((appraisal.pending_groups or "").split(",")) - {""}
            counts = {
                "peer": appraisal.peer_count,
                "customer": appraisal.customer_count,
            }
            rows = []
            for group, weight in template._rater_weights().items():
                if not weight:
                    continue
                if group in used:
                    value = number(appraisal[f"{group}_score"])
                elif group in pending:
                    value = self.env._("anonymous: shown once the reviews close")
                elif group in hidden:
                    value = self.env._(
                        "hidden: %(count)s of %(k)s answers needed",
                        count=counts.get(group, 0),
                        k=template.anonymity_threshold,
                    )
                else:
                    value = self.env._("no answer: left out")
                weight_used = (
                    self.env._("%(weight)s %%", weight=number(used[group]))
                    if group in used
                    else "—"
                )
                rows.append(
                    Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                    % (
                        labels[group],
                        self.env._("%(weight)s %%", weight=number(weight, 0)),
                        weight_used,
                        value,
                    )
                )
            html = Markup(
                "<table class='table table-sm o_perf_breakdown'>"
                "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
                "</thead><tbody>%s</tbody></table>"
            ) % (
                self.env._("Competencies by"),
                self.env._("Template weight"),
                self.env._("Weight used"),
                self.env._("Score"),
                Markup("").join(rows),
            )
            parts = details.get("parts", {})
            if appraisal.scored and parts:
                terms = []
                if "goals" in parts:
                    terms.append(
                        self.env._(
                            "%(weight)s %% × goals (%(score)s)",
                            weight=number(parts["goals"]),
                            score=number(appraisal.goal_score),
                        )
                    )
                if "competencies" in parts:
                    terms.append(
                        self.env._(
                            "%(weight)s %% × competencies (%(score)s)",
                            weight=number(parts["competencies"]),
                            score=number(appraisal.competency_score),
                        )
                    )
                html += Markup(
                    "<p class='o_perf_formula'>%s <strong>%s</strong></p>"
                ) % (
                    self.env._("Final score = %(terms)s =", terms=" + ".join(terms)),
                    number(appraisal.final_score),
                )
            else:
                html += Markup(
                    "<p class='o_perf_formula'><strong>%s</strong></p>"
                ) % self.env._(
                    "Not scored: no goal is measured and no review answer counts "
                    "yet, so there is no score and no rating."
                )
            notes = []
            left_out_parts = details.get("left_out_parts", [])
            if appraisal.scored and "goals" in left_out_parts:
                if details.get("has_goals"):
                    notes.append(
                        self.env._(
                            "Goals (template weight %(weight)s %%) are left out: "
                            "no goal is measured yet. The competencies count "
                            "for the whole score.",
                            weight=number(template.goal_weight, 0),
                        )
                    )
                else:
                    notes.append(
                        self.env._(
                            "Goals (template weight %(weight)s %%) are left out: "
                            "the employee has no approved goal in this cycle. "
                            "The competencies count for the whole score.",
                            weight=number(template.goal_weight, 0),
                        )
                    )
            if appraisal.scored and "competencies" in left_out_parts:
                notes.append(
                    self.env._(
                        "Competencies (template weight %(weight)s %%) are left "
                        "out: no review answer counts yet. The goals count for "
                        "the whole score.",
                        weight=number(template.competency_weight, 0),
                    )
                )
            goals_left_out = [
                goal_names[goal_id]
                for goal_id in details.get("goals_left_out", [])
                if goal_id in goal_names
            ]
            if goals_left_out and details.get("goals_counted"):
                notes.append(
                    self.env._(
                        "Not measured yet, so left out of the goal score (the "
                        "other goals' weights are scaled up): %(goals)s.",
                        goals=format_list(self.env, goals_left_out),
                    )
                )
            if notes:
                html += Markup("<ul class='o_perf_left_out'>%s</ul>") % Markup("").join(
                    Markup("<li>%s</li>") % note for note in notes
                )
            appraisal.breakdown = html

    def _compute_results(self):
        """Compute the scores of all appraisals in ``self`` with the engine.

        A few grouped queries for the whole batch, then one engine call each.
        """
        if self:
            # Results are the workflow's to write, whoever triggered them.
            self._workflow()._write_results()

    def _write_results(self):
        answers = defaultdict(lambda: defaultdict(list))
        for appraisal, rater_type, scores in (
            self.env["perf.review"]
            .sudo()
            ._read_group(
                [("appraisal_id", "in", self.ids), ("state", "=", "submitted")],
                ["appraisal_id", "rater_type"],
                ["score:array_agg"],
            )
        ):
            answers[appraisal.id][rater_type] = list(scores)
        manager_goal_lines = defaultdict(dict)
        for line in (
            self.env["perf.review.line"]
            .sudo()
            .search(
                [
                    ("review_id.appraisal_id", "in", self.ids),
                    ("review_id.rater_type", "=", "manager"),
                    ("review_id.state", "=", "submitted"),
                    ("goal_id", "!=", False),
                ]
            )
        ):
            manager_goal_lines[line.review_id.appraisal_id.id][line.goal_id.id] = line
        goals = self._goals_by_appraisal()
        scores_by_scale = defaultdict(dict)
        unrated = []  # no score any more: no rating either
        for appraisal in self:
            template = appraisal.template_id
            own_goals = goals[appraisal.id]
            confirmed = manager_goal_lines.get(appraisal.id, {})
            goal_result = goal_engine.goal_set_result(
                [
                    (
                        goal.id,
                        goal.bsc_perspective,
                        goal.weight,
                        self._goal_score_for(goal, confirmed.get(goal.id)),
                    )
                    for goal in own_goals
                ],
                template._perspective_weights()
                if template._uses_perspectives()
                else None,
            )
            anonymous = [
                group
                for group, flag in (
                    ("peer", template.peers_anonymous),
                    ("customer", template.customers_anonymous),
                )
                if flag
            ]
            result = appraisal_engine.appraisal_score(
                goal_score=goal_result.score,
                answers=answers.get(appraisal.id, {}),
                rater_weights=template._rater_weights(),
                part_weights=template._part_weights(),
                anonymous_groups=anonymous,
                threshold=template.anonymity_threshold,
                closed=appraisal.reviews_closed,
            )
            group_scores = result.group_scores
            vals = {
                "goal_score": result.goal_score or 0.0,
                "competency_score": result.competency_score or 0.0,
                "final_score": result.final_score or 0.0,
                "self_score": group_scores["self"] or 0.0,
                "manager_score": group_scores["manager"] or 0.0,
                "peer_score": group_scores["peer"] or 0.0,
                "customer_score": group_scores["customer"] or 0.0,
                "peer_count": result.group_counts["peer"],
                "customer_count": result.group_counts["customer"],
                "hidden_groups": ",".join(result.hidden_groups),
                "pending_groups": ",".join(result.pending_groups),
                "scored": result.final_score is not None,
                "goal_scored": result.goal_score is not None,
                "competency_scored": result.competency_score is not None,
                # The weights the engine used and what it left out: the
                # breakdown shows these, so it never disagrees with the score.
                "score_details": {
                    "parts": result.part_weights,
                    "raters": result.rater_weights,
                    "left_out_parts": list(result.left_out_parts),
                    "left_out_groups": list(result.left_out_groups),
                    "goals_counted": list(goal_result.counted),
                    "goals_left_out": list(goal_result.left_out),
                    "has_goals": bool(own_goals),
                },
            }
            # Only what changed: an answer that changes no figure (a pending
            # anonymous one) must not even touch the record's write date.
            changed = {
                name: value
                for name, value in vals.items()
                if (appraisal[name] or False) != (value or False)
            }
            if changed:
                appraisal.with_context(tracking_disable=True).write(changed)
            if result.final_score is not None:
                scores_by_scale[template.rating_scale_id][appraisal.id] = (
                    result.final_score
                )
            elif appraisal.rating_level_id:
                unrated.append(appraisal.id)
        # One write per level: a write per appraisal would read each one alone.
        ids_by_level = defaultdict(list)
        for scale, scores in scores_by_scale.items():
            for appraisal_id, level in scale._level_for_scores(scores).items():
                ids_by_level[level].append(appraisal_id)
        for level, appraisal_ids in ids_by_level.items():
            self.browse(appraisal_ids).filtered(
                lambda a, level=level: a.rating_level_id != level
            ).with_context(tracking_disable=True).write({"rating_level_id": level.id})
        if unrated:
            self.browse(unrated).with_context(tracking_disable=True).write(
                {"rating_level_id": False}
            )

    @api.model
    def _goal_score_for(self, goal, manager_line):
        """What one goal counts for in the goal score.

        The manager's score when their submitted review scored it (they
        confirmed the measured result suggested to them, or typed their own);
        else the goal's measured score; else None: a goal not measured yet is
        left out of the goal score, its weight going to the measured goals,
        and the breakdown names it (never counted as on target, nor as 0 for
        data that does not exist yet). With no goal measured at all the goal
        part is left out of the final score, and said so.
        """
        if manager_line and manager_line.goal_rated:
            return manager_line.goal_score
        if goal.measured:
            return goal.score
        return None

    def action_recompute(self):
        self._check_manager_or_hr()
        released = self.filtered(lambda a: a.state not in ("planned", "review"))
        if released:
            raise UserError(
                self.env._(
                    "Appraisal “%(appraisal)s” is %(state)s: its result is frozen "
                    "and changes only through an appeal decision.",
                    appraisal=released[0].display_name,
                    state=selection_label(released[0], "state").lower(),
                )
            )
        self._compute_results()
        return True
