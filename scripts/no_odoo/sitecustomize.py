"""Hide Odoo from tier-1 checks (pure tests, pylint).

scripts/run_tests.py puts this directory first on PYTHONPATH for tier 1, so the
pure tests and the linters run here exactly as on a machine without Odoo:
sys.path entries that provide the `odoo` package are dropped, and any
`import odoo...` raises ModuleNotFoundError. Set TIER1_HIDE_ODOO=0 to disable.
"""

import os
import sys


def _hide_odoo():
    if os.environ.get("TIER1_HIDE_ODOO", "1") == "0":
        return

    def provides_odoo(entry):
        base = os.path.join(entry or ".", "odoo")
        return os.path.isfile(os.path.join(base, "release.py"))

    sys.path[:] = [p for p in sys.path if not provides_odoo(p)]

    class _BlockOdoo:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name == "odoo" or name.startswith("odoo."):
                raise ModuleNotFoundError(
                    f"No module named {name!r} (Odoo is hidden from tier-1 checks)",
                    name=name,
                )
            return None

    sys.meta_path.insert(0, _BlockOdoo())


_hide_odoo()
