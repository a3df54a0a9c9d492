from . import test_praise
from . import test_feedback_badge
