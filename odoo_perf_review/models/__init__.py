from . import res_company
from . import res_config_settings
from . import perf_rating_scale
from . import perf_rating_level
from . import perf_criterion
from . import perf_criterion_level
from . import perf_template
from . import perf_cycle
