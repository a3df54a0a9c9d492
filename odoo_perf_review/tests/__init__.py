from . import test_rating_scale
from . import test_template
from . import test_cycle
from . import test_cron
from . import test_security
from . import test_ui
