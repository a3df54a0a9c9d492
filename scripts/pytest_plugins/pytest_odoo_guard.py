"""pytest plugin used with pytest-odoo by scripts/run_tests.py (`-p pytest_odoo_guard`).

Brings two rules of Odoo's own test runner / OCA CI to pytest-odoo:

1. An ERROR or CRITICAL log record emitted while a test runs (from any thread,
   e.g. the HTTP worker serving a tour) fails that test, like a log error
   fails an OCA CI build. Records muted with odoo.tools.mute_logger or caught
   by assertLogs never reach the root logger, so expected errors stay fine.
   Set OPR_ALLOW_ERROR_LOGS=1 to turn this off.
2. A test skipped because the browser is missing (Odoo skips HttpCase tours
   when Chrome/Chromium or websocket-client is missing or does not start) is
   reported as FAILED with that reason: a tour that did not run is not a pass.

It also prints how many WARNING records Odoo emitted during the tests.
"""

import logging
import os
import re

import pytest

BROWSER_SKIP_RE = re.compile(r"chrom|websocket|browser|devtools", re.I)
_FORMATTER = logging.Formatter("%(levelname)s %(name)s: %(message)s")


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors = []
        self.warnings = []

    def emit(self, record):
        try:
            text = _FORMATTER.format(record)
        except Exception:  # noqa: BLE001 - never break the test run for a log
            text = f"{record.levelname} {record.name}: {record.msg!r}"
        if record.levelno >= logging.ERROR:
            self.errors.append(text)
        else:
            self.warnings.append(text)

    def take_errors(self):
        errors, self.errors = self.errors, []
        return errors


def pytest_configure(config):
    collector = _Collector()
    logging.getLogger().addHandler(collector)
    config._odoo_guard = collector


def _skip_reason(report):
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr or "")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    collector = getattr(item.config, "_odoo_guard", None)
    if collector is None:
        return
    errors = collector.take_errors()
    if report.skipped and report.when in ("setup", "call"):
        reason = _skip_reason(report)
        if BROWSER_SKIP_RE.search(reason):
            report.outcome = "failed"
            report.longrepr = (
                f"browser test could not run: {reason}\n"
                "(Odoo skips tours without Chrome/Chromium and websocket-client; "
                "install Debian's chromium.)"
            )
        return
    if not errors or os.environ.get("OPR_ALLOW_ERROR_LOGS") == "1":
        return
    text = "\n".join(errors)
    if report.passed:
        report.outcome = "failed"
        report.longrepr = (
            f"Odoo logged {len(errors)} ERROR/CRITICAL record(s) during {report.when} "
            "(mute expected ones with odoo.tools.mute_logger or assertLogs):\n" + text
        )
    else:
        report.sections.append((f"Odoo error logs ({report.when})", text))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    collector = getattr(config, "_odoo_guard", None)
    if collector is None or not collector.warnings:
        return
    seen = []
    for text in collector.warnings:
        first = text.splitlines()[0][:200]
        if first not in seen:
            seen.append(first)
    terminalreporter.write_sep(
        "-", f"Odoo logged {len(collector.warnings)} WARNING record(s) during the tests"
    )
    for line in seen[:15]:
        terminalreporter.write_line(f"  {line}")
    if len(seen) > 15:
        terminalreporter.write_line(f"  ... and {len(seen) - 15} more distinct ones")
