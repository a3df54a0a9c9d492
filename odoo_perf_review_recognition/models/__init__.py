from . import perf_appraisal
