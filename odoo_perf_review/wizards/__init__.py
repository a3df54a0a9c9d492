from . import perf_goal_assign_wizard
