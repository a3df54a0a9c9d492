# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

VERDICTS = [
    ("lenient", "Rates high"),
    ("severe", "Rates low"),
    ("central", "Rates in the middle"),
    ("in_line", "In line"),
    ("too_few", "Too few ratings"),
]


class PerfCalibrationRater(models.Model):
    """How one rater's ratings compare with everyone else's in a session,
    computed by the engine when the session opens.

    Rows of managers are read by HR and by the manager concerned; rows of
    peers (who may have rated anonymously) by HR only, and only for peers with
    enough ratings in scope.
    """

    _name = "perf.calibration.rater"
    _description = "Calibration Rater Statistics"
    _inherit = ["perf.workflow.guard"]
    _order = "calibration_id, kind, leniency desc, id"
    _rec_name = "rater_employee_id"
    # Thousands of derived rows per session, written in one statement when it
    # opens (see perf.calibration._insert_rater_rows): no log columns, and no
    # stored copies of what the session and the employee already hold.
    _log_access = False

    _perf_workflow_fields = frozenset(
        {
            "calibration_id",
            "company_id",
            "kind",
            "rater_employee_id",
            "rater_user_id",
            "rating_count",
            "mean",
            "spread",
            "others_mean",
            "leniency",
            "verdict",
        }
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
    company_id = fields.Many2one(related="calibration_id.company_id")
    kind = fields.Selection(
        [("manager", "Manager"), ("peer", "Peer")],
        string="Rates as",
        required=True,
        readonly=True,
    )
    rater_employee_id = fields.Many2one("hr.employee", string="Rater", readonly=True)
    rater_user_id = fields.Many2one(related="rater_employee_id.user_id")
    rating_count = fields.Integer("Ratings", readonly=True)
    mean = fields.Float(digits=(5, 1), readonly=True)
    spread = fields.Float(digits=(5, 1), readonly=True, help="Standard deviation.")
    others_mean = fields.Float(
        "Others' mean",
        digits=(5, 1),
        readonly=True,
        help="The mean of every other rater's ratings in scope.",
    )
    leniency = fields.Float(
        "Leniency (d)",
        digits=(5, 2),
        readonly=True,
        help="How far the rater's mean sits from the others', in pooled "
        "standard deviations (Cohen's d): from +0.5 the rater rates high, from "
        "-0.5 low.",
    )
    verdict = fields.Selection(VERDICTS, readonly=True)

    def _perf_state(self):
        self.ensure_one()
        return self.sudo().calibration_id.state

    def _perf_write_hint(self):
        return self.env._(
            "Rater statistics are computed from the reviews when the session opens."
        )
