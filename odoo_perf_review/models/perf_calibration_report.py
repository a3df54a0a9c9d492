# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models

from ..engine import calibration as calibration_engine
from ..tools.labels import selection_label


class PerfCalibrationReport(models.AbstractModel):
    """What the session shows: the distribution of its ratings against the
    scale's guideline and the 9-box grid. A mixin of ``perf.calibration``."""

    _name = "perf.calibration.report.mixin"
    _description = "Calibration session: distribution and 9-box"

    distribution = fields.Html(
        compute="_compute_distribution",
        sanitize=False,
        help="The ratings of the people you can read, level by level, against "
        "the guideline of the rating scale.",
    )
    nine_box_grid = fields.Html(
        "9-box", compute="_compute_distribution", sanitize=False
    )

    def _level_counts(self, sudo=False):
        """{session id: {"computed": {level: n}, "calibrated": {level: n}}},
        of the lines the user reads (all of them with ``sudo``), and
        {session id: {box: n}} of the 9-box."""
        Line = self.env["perf.calibration.line"]
        if sudo:
            Line = Line.sudo()
        levels = defaultdict(
            lambda: {"computed": defaultdict(int), "calibrated": defaultdict(int)}
        )
        boxes = defaultdict(lambda: defaultdict(int))
        for session, computed, calibrated, box, count in Line._read_group(
            [("calibration_id", "in", self.ids)],
            ["calibration_id", "computed_level_id", "calibrated_level_id", "nine_box"],
            ["__count"],
        ):
            levels[session.id]["computed"][computed] += count
            levels[session.id]["calibrated"][calibrated] += count
            boxes[session.id][box] += count
        return levels, boxes

    @api.depends_context("uid")
    def _compute_distribution(self):
        levels, boxes = self._level_counts()
        for session in self:
            counts = levels[session.id]
            session.distribution = session._distribution_html(counts)
            session.nine_box_grid = session._nine_box_html(boxes[session.id])

    def _distribution_html(self, counts):
        self.ensure_one()
        calibrated = counts["calibrated"]
        computed = counts["computed"]
        departures = self._departures(calibrated)
        if not departures:
            if not calibrated:
                return Markup("<p class='text-muted'>%s</p>") % self.env._(
                    "The distribution appears once the session is open."
                )
            return Markup("<p class='text-muted'>%s</p>") % self.env._(
                "The rating scale has no guideline: set the expected share of "
                "each level on the scale to compare the session with it."
            )
        html = Markup("")
        for scale, shares in departures:
            total = sum(share.count for share in shares)
            expected = calibration_engine.guideline_counts(
                [share.guideline for share in shares], total
            )
            flagged = [share for share in shares if share.flagged]
            if flagged:
                html += Markup(
                    "<div class='alert alert-warning o_perf_calibration_departure' "
                    "role='alert'>%s</div>"
                ) % self.env._(
                    "The distribution departs from the guideline by more than "
                    "%(tolerance)s points at: %(levels)s. HR may keep it, with "
                    "a justification, when closing the session.",
                    tolerance=f"{scale.guideline_tolerance:g}",
                    levels=", ".join(
                        f"{share.level.display_name} ({share.deviation:+.0f})"
                        for share in flagged
                    ),
                )
            rows = Markup("").join(
                Markup(
                    "<tr class='%s'><td>%s</td><td class='text-end'>%s %%</td>"
                    "<td class='text-end'>%s</td><td class='text-end'>%s</td>"
                    "<td class='text-end'>%s</td><td class='text-end'>%s %%</td>"
                    "<td class='text-end'>%s</td></tr>"
                )
                % (
                    "table-warning" if share.flagged else "",
                    share.level.display_name,
                    f"{share.guideline:g}",
                    want,
                    computed.get(share.level, 0),
                    share.count,
                    f"{share.actual:.0f}",
                    f"{share.deviation:+.0f}",
                )
                for share, want in zip(shares, expected, strict=True)
            )
            html += Markup(
                "<table class='table table-sm o_perf_calibration_distribution'>"
                "<thead><tr><th>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>"
            ) % (
                scale.display_name,
                self.env._("Guideline"),
                self.env._("Expected people"),
                self.env._("From the scores"),
                self.env._("Calibrated"),
                self.env._("Share"),
                self.env._("Departure (points)"),
                rows,
            )
        return html

    def _nine_box_html(self, boxes):
        self.ensure_one()
        labels = dict(
            self.env["perf.calibration.line"]
            ._fields["nine_box"]
            ._description_selection(self.env)
        )
        rows = Markup("")
        for potential in ("high", "medium", "low"):
            cells = Markup("")
            for performance in calibration_engine.BOXES:
                box = f"{performance}_{potential}"
                cells += Markup(
                    "<td class='text-center'><div class='fw-bold fs-4'>%s</div>"
                    "<div class='small text-muted'>%s</div></td>"
                ) % (boxes.get(box, 0), labels[box])
            rows += Markup("<tr><th>%s</th>%s</tr>") % (
                selection_label(
                    self.env["perf.calibration.line"], "potential", potential
                ),
                cells,
            )
        head = Markup("").join(
            Markup("<th class='text-center'>%s</th>")
            % selection_label(self.env["perf.calibration.line"], "performance_box", box)
            for box in calibration_engine.BOXES
        )
        unplaced = boxes.get("to_place", 0)
        note = (
            Markup("<p class='text-muted'>%s</p>")
            % self.env._(
                "%(count)s people have no potential yet: set it on their line "
                "to place them.",
                count=unplaced,
            )
            if unplaced
            else Markup("")
        )
        return Markup(
            "<table class='table table-bordered o_perf_nine_box'><thead><tr>"
            "<th>%s ↓ / %s →</th>%s</tr></thead><tbody>%s</tbody></table>%s"
        ) % (self.env._("Potential"), self.env._("Performance"), head, rows, note)
