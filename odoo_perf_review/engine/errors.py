"""Engine errors, validation problems and the shared float tolerance."""

from __future__ import annotations

from typing import Any, NamedTuple

EPSILON = 1e-6

# English messages, for logs and tracebacks. The Odoo side translates by ``code``
# (tools/engine_errors.py): every code raised in the engine is a key here.
MESSAGES: dict[str, str] = {
    "score_out_of_range": "Score {score} is outside the range [{lower}, {upper}].",
    "range_inverted": "{name}: lower bound {low} is greater than upper bound {high}.",
    "weight_negative": "Weight of part '{part}' is negative ({weight}).",
    "weights_total": "Weights add up to {total}, expected {expected}.",
    "amount_negative": "Amount '{part}' is negative ({amount}).",
    "unknown_frequency": "Unknown frequency '{frequency}'.",
    "unknown_phase": "Unknown phase '{state}'.",
    "no_band": "The rating scale has no band.",
    "unknown_direction": "Unknown goal direction '{direction}'.",
    "unknown_aggregation": "Unknown metric aggregation '{aggregation}'.",
}


class _MissingParams(dict):
    # A message must never fail to render just because a param is absent.
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def _rebuild_error(cls: type[EngineError], code: str, params: dict) -> EngineError:
    return cls(code, **params)


class EngineError(ValueError):
    """A business-rule violation identified by ``code`` with its ``params``."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self._render())

    def _render(self) -> str:
        template = MESSAGES.get(self.code)
        if template is None:
            details = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
            return f"{self.code}({details})" if details else self.code
        return template.format_map(_MissingParams(self.params))

    def __reduce__(self):
        # The default reduce would call cls(message) and lose code/params.
        return _rebuild_error, (type(self), self.code, self.params)


class Problem(NamedTuple):
    """One problem found by a ``check_*`` function."""

    kind: str
    keys: tuple = ()
    values: tuple = ()
