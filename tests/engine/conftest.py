"""Make the engine importable as the top-level package ``engine``."""

import sys
from pathlib import Path

from hypothesis import settings

# Importing odoo_perf_review itself would import odoo, so expose its folder instead.
ADDON_DIR = Path(__file__).resolve().parents[2] / "odoo_perf_review"
if str(ADDON_DIR) not in sys.path:
    sys.path.insert(0, str(ADDON_DIR))

# Shared CI machines are slow at times; the suite budget is enforced as a whole.
settings.register_profile("engine", deadline=None, max_examples=100)
settings.load_profile("engine")
