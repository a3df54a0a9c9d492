from . import perf_goal_assign_wizard
from . import perf_cycle_launch_wizard
from . import perf_appraisal_acknowledge_wizard
from . import perf_peer_nomination_wizard
from . import perf_customer_review_wizard
from . import perf_bonus_export_wizard
from . import perf_promotion_wizard
