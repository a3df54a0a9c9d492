from . import perf_appraisal
from . import perf_feedback
