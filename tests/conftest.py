"""Shared by the tests that need no Odoo (tests/engine, tests/i18n)."""

import pytest


# When the pytest-odoo plugin is installed its autouse fixtures open an Odoo
# database; these tests need none, so shadow them with no-ops here.
@pytest.fixture(scope="session", autouse=True)
def load_registry():
    return


@pytest.fixture(scope="module", autouse=True)
def enable_odoo_test_flag():
    return
