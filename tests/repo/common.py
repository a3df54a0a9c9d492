"""Load the repository's developer scripts (scripts/*.py) as modules."""

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"


def script(name):
    """scripts/<name>.py imported as a module (they are not a package)."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(
        f"_repo_{name}", SCRIPTS / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def addons():
    return sorted(p.parent for p in REPO.glob("*/__manifest__.py"))
