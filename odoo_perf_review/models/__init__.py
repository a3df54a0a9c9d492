from . import perf_workflow_guard
from . import res_company
from . import res_config_settings
from . import perf_rating_scale
from . import perf_rating_level
from . import perf_criterion
from . import perf_criterion_level
from . import perf_template

# mixins of perf.cycle, loaded before it
from . import perf_cycle_concurrency
from . import perf_cycle_schedule
from . import perf_cycle_phases
from . import perf_cycle_launch
from . import perf_cycle_nudge
from . import perf_cycle
from . import perf_metric_measure
from . import perf_metric

# mixins of perf.goal, loaded before it
from . import perf_goal_okr
from . import perf_goal_alignment
from . import perf_goal_approval
from . import perf_goal_checkin
from . import perf_goal
from . import perf_goal_template
from . import perf_checkin

# mixins of perf.appraisal and perf.review, loaded before them
from . import perf_appraisal_coaching
from . import perf_review_coaching
from . import perf_appraisal_scoring
from . import perf_appraisal_workflow
from . import perf_appraisal_decision
from . import perf_review_followup
from . import perf_review_customer
from . import perf_appraisal
from . import perf_appraisal_feedback
from . import perf_appraisal_note
from . import perf_review
from . import perf_review_followup_status
from . import perf_review_line
from . import perf_review_line_bulk
from . import perf_review_todo
from . import perf_development_action
from . import perf_appeal_filing
from . import perf_appeal_escalation
from . import perf_appeal
from . import perf_bonus_policy
from . import perf_bonus_pool
from . import perf_bonus_line
from . import hr_employee
from . import hr_job
from . import perf_overview_team
from . import perf_overview_hr
from . import perf_overview

# mixins of perf.calibration, loaded before it
from . import perf_calibration_open
from . import perf_calibration_report
from . import perf_calibration
from . import perf_calibration_line
from . import perf_calibration_rater
from . import perf_settings
from . import perf_feedback
from . import perf_meeting_agenda
from . import perf_meeting_reminder
from . import perf_meeting
from . import perf_meeting_item
from . import perf_meeting_note
from . import hr_employee_coaching
