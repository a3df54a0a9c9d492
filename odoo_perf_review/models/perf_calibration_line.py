# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..engine import calibration as calibration_engine
from ..engine.write_rules import rule

BOX_LEVELS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]
# The 9-box read as a grid, row by row from the top (high potential) and
# from low to high performance, after the people whose potential is not set
# yet: the kanban shows its columns in this order.
NINE_BOXES = [
    ("to_place", "Potential to set"),
    ("low_high", "Rough diamond (perf. low, pot. high)"),
    ("medium_high", "Future star (perf. medium, pot. high)"),
    ("high_high", "Star (perf. high, pot. high)"),
    ("low_medium", "Inconsistent (perf. low, pot. medium)"),
    ("medium_medium", "Core player (perf. medium, pot. medium)"),
    ("high_medium", "High performer (perf. high, pot. medium)"),
    ("low_low", "Underperformer (perf. low, pot. low)"),
    ("medium_low", "Effective (perf. medium, pot. low)"),
    ("high_low", "Trusted pro (perf. high, pot. low)"),
]


class PerfCalibrationLine(models.Model):
    """One appraisal in a calibration session.

    Its rating changes only through :meth:`_calibrate` (the Change wizard),
    which calibrates the appraisal at once and keeps who changed what, when
    and why in the tracking; the managers of the employee and HR set the
    potential. Lines are never deleted.
    """

    _name = "perf.calibration.line"
    _description = "Calibration Line"
    _inherit = ["mail.thread", "perf.workflow.guard"]
    _order = "calibration_id, department_id, employee_id, id"
    _rec_name = "employee_id"
    _perf_state_field = "session_state"

    _perf_workflow_fields = frozenset(
        {
            "calibration_id",
            "company_id",
            "appraisal_id",
            "employee_id",
            "manager_id",
            "department_id",
            "computed_level_id",
            "final_score",
            "calibrated_level_id",
            "justification",
            "performance_box",
            "nine_box",
            "changed",
            "changed_by_id",
            "changed_date",
        }
    )
    _perf_write_rules = (
        rule("manager", {"potential"}, states={"in_progress"}),
        rule("officer", {"potential"}, states={"in_progress"}),
    )
    _perf_create_fields = frozenset()

    calibration_id = fields.Many2one(
        "perf.calibration",
        string="Session",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    session_state = fields.Selection(
        related="calibration_id.state", string="Session state"
    )
    company_id = fields.Many2one(related="calibration_id.company_id")
    appraisal_id = fields.Many2one(
        "perf.appraisal", required=True, index=True, ondelete="restrict", readonly=True
    )
    employee_id = fields.Many2one("hr.employee", readonly=True)
    manager_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    computed_level_id = fields.Many2one(
        "perf.rating.level",
        string="Rating from the score",
        readonly=True,
        help="The appraisal's rating from its score when the session opened.",
    )
    scale_id = fields.Many2one(related="computed_level_id.scale_id")
    final_score = fields.Float("Score", readonly=True, digits=(5, 1), aggregator="avg")
    calibrated_level_id = fields.Many2one(
        "perf.rating.level",
        string="Calibrated rating",
        readonly=True,
        tracking=True,
    )
    justification = fields.Text(readonly=True, tracking=True)
    potential = fields.Selection(
        BOX_LEVELS,
        tracking=True,
        help="How far the person can grow, as the managers and HR see it: the "
        "other axis of the 9-box.",
    )
    performance_box = fields.Selection(
        BOX_LEVELS,
        string="Performance",
        compute="_compute_boxes",
        store=True,
        readonly=False,
        precompute=True,
        help="The third of the rating scale the calibrated rating falls in.",
    )
    nine_box = fields.Selection(
        NINE_BOXES,
        string="9-box",
        compute="_compute_boxes",
        store=True,
        readonly=False,
        precompute=True,
        group_expand=True,
    )
    changed = fields.Boolean(
        compute="_compute_boxes",
        store=True,
        readonly=False,
        precompute=True,
        help="The calibrated rating differs from the rating from the score.",
    )
    changed_by_id = fields.Many2one("res.users", string="Changed by", readonly=True)
    changed_date = fields.Datetime("Changed on", readonly=True)

    # ------------------------------------------------------------------
    # Write guard
    # ------------------------------------------------------------------
    def _perf_roles(self):
        user = self.env.user
        officer = user.has_group("odoo_perf_review.group_perf_officer")
        team = self.env["hr.employee"]._perf_team_of(user)
        roles = {}
        for line in self.sudo():
            mine = line.employee_id.user_id == user
            roles[line.id] = {
                role
                for role, holds in (
                    (
                        "manager",
                        line.employee_id in team
                        and user in line.calibration_id.participant_ids,
                    ),
                    ("officer", officer and not mine),
                )
                if holds
            }
        return roles

    def _perf_write_hint(self):
        return self.env._(
            "The calibrated rating changes with the Change button (HR, with a "
            "justification); the managers of the employee and HR set the "
            "potential while the session is in progress."
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    # Editable computed fields (readonly=False) only so that the session's
    # opening gives their values at once; the write guard owns them.
    @api.depends("calibrated_level_id", "computed_level_id", "potential")
    def _compute_boxes(self):
        ranks = self._performance_ranks(self.calibrated_level_id.scale_id)
        for line in self:
            line.update(
                self._box_values(
                    line.computed_level_id.id,
                    line.calibrated_level_id.id,
                    line.potential,
                    ranks,
                )
            )

    @api.model
    def _performance_ranks(self, scales):
        """{level id: its 9-box performance column} of the levels of ``scales``."""
        ranks = {}
        for scale in scales:
            levels = scale.level_ids
            for rank, level in enumerate(levels):
                ranks[level.id] = calibration_engine.performance_box(rank, len(levels))
        return ranks

    @api.model
    def _box_values(self, computed_level_id, calibrated_level_id, potential, ranks):
        """The stored 9-box values of a line, from level ids: also given at
        once when the session opens, so that creating thousands of lines
        computes nothing record by record."""
        performance = ranks.get(calibrated_level_id, False)
        if not performance:
            nine_box = False
        elif not potential:
            nine_box = "to_place"
        else:
            nine_box = f"{performance}_{potential}"
        return {
            "performance_box": performance,
            "nine_box": nine_box,
            "changed": (calibrated_level_id or False) != (computed_level_id or False),
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Calibration lines keep the history of who changed which rating "
                "and why: they are never deleted. Cancel the session instead."
            )
        )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_can_change(self):
        user = self.env.user
        if not self._perf_in_workflow() and not user.has_group(
            "odoo_perf_review.group_perf_officer"
        ):
            raise AccessError(
                self.env._(
                    "Only an HR officer changes a calibrated rating; managers "
                    "discuss it in the session and set the potential."
                )
            )
        # With the user's rights: a line they cannot read is refused here.
        self.check_access("write")
        own = self.filtered(lambda line: line.sudo().employee_id.user_id == user)
        if own:
            raise AccessError(
                self.env._("Nobody calibrates their own rating, HR officers included.")
            )
        closed = self.filtered(lambda line: line.session_state != "in_progress")
        if closed:
            raise UserError(
                self.env._(
                    "Session “%(session)s” is not in progress: its ratings no "
                    "longer change.",
                    session=closed[0].calibration_id.display_name,
                )
            )

    def action_open_change_wizard(self):
        self.ensure_one()
        self._check_can_change()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change the rating of %(employee)s")
            % {"employee": self.sudo().employee_id.name},
            "res_model": "perf.calibration.line.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }

    def _calibrate(self, level, justification):
        """Set the calibrated rating of the line and of its appraisal (the
        final rating, and later the bonus, follow at once), with the reason,
        under the name of the HR officer who decides it."""
        self.ensure_one()
        self._check_can_change()
        level = level or self.computed_level_id
        if level.scale_id != self.sudo().computed_level_id.scale_id:
            raise UserError(
                self.env._(
                    "“%(level)s” is not a level of the rating scale “%(scale)s”: "
                    "pick one of its levels.",
                    level=level.display_name,
                    scale=self.sudo().computed_level_id.scale_id.display_name,
                )
            )
        if level == self.calibrated_level_id:
            raise UserError(
                self.env._(
                    "%(employee)s is already rated “%(level)s”: pick another level "
                    "to change the rating.",
                    employee=self.sudo().employee_id.name,
                    level=level.display_name,
                )
            )
        reason = (justification or "").strip()
        back = level == self.computed_level_id
        if not reason:
            if not back:
                raise UserError(
                    self.env._(
                        "Say why %(employee)s's rating changes from “%(old)s” to "
                        "“%(new)s”: the justification is kept with the appraisal "
                        "and the session.",
                        employee=self.sudo().employee_id.name,
                        old=self.computed_level_id.display_name,
                        new=level.display_name,
                    )
                )
            reason = self.env._("Back to the rating from the score.")
        # The appraisal checks again that an HR officer calibrates it, not their
        # own, before release.
        self.appraisal_id._calibrate(level.browse() if back else level, reason)
        self._workflow().write(
            {
                "calibrated_level_id": level.id,
                "justification": reason,
                "changed_by_id": self.env.user.id,
                "changed_date": fields.Datetime.now(),
            }
        )
        return True
