# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An engine error, told to a person: translated, naming the record and the fix.

The engine raises ``EngineError(code, **params)`` with an English message for
logs and tracebacks. A model that calls an engine function which can raise
catches ``EngineError`` (never ``Exception``) and raises what
:func:`engine_user_error` returns: the message of ``TRANSLATED`` for the code,
in the language of the records' environment, after ``subject`` (the record
it is about)::

    from ..engine import EngineError
    from ..tools.engine_errors import engine_user_error

    try:
        weight_engine.check_weights_total(weights)
    except EngineError as error:
        raise engine_user_error(
            self,
            error,
            self.env._("Goals of %(employee)s", employee=employee.name),
            labels={str(goal.id): goal.name for goal in goals},
            what=self.env._("the goals"),
            exception=ValidationError,  # in a constraint; UserError by default
        ) from error

``labels`` give the words to show for the engine's keys (a weight's part, a
range's name); the usual ones are known here.
"""

from odoo.exceptions import UserError

# Every code raised in engine/ (engine.errors.MESSAGES) has its message here:
# tests/engine/test_errors_and_validation.py and tests/test_engine_errors.py.
# Each is (records, subject, params) -> the translated message; ``params``
# holds every key its message needs (see _params).
TRANSLATED = {
    "score_out_of_range": lambda records, subject, p: records.env._(
        "%(subject)s: the score %(score)s is outside the rating scale, which "
        "runs from %(lower)s to %(upper)s. Widen the score ranges of its levels "
        "to cover it.",
        subject=subject,
        score=p["score"],
        lower=p["lower"],
        upper=p["upper"],
    ),
    "range_inverted": lambda records, subject, p: records.env._(
        "%(subject)s: %(name)s goes from %(low)s to %(high)s, and its start "
        "cannot come after its end. Correct one of the two.",
        subject=subject,
        name=p["name"],
        low=p["low"],
        high=p["high"],
    ),
    "weight_negative": lambda records, subject, p: records.env._(
        "%(subject)s: the weight of %(part)s is %(weight)s %%. Weights cannot "
        "be negative; use 0 to leave a part out.",
        subject=subject,
        part=p["part"],
        weight=p["weight"],
    ),
    "weights_total": lambda records, subject, p: records.env._(
        "%(subject)s: the weights of %(what)s add up to %(total)s %%, they must "
        "add up to %(expected)s %%. Change them by %(diff)s %%.",
        subject=subject,
        what=p["what"],
        total=p["total"],
        expected=p["expected"],
        diff=p["diff"],
    ),
    "amount_negative": lambda records, subject, p: records.env._(
        "%(subject)s: %(part)s is %(amount)s; it cannot be negative. Correct it "
        "and compute again.",
        subject=subject,
        part=p["part"],
        amount=p["amount"],
    ),
    "unknown_frequency": lambda records, subject, p: records.env._(
        "%(subject)s: “%(frequency)s” is not a frequency. Choose monthly, "
        "quarterly, semiannual or annual.",
        subject=subject,
        frequency=p["frequency"],
    ),
    "unknown_phase": lambda records, subject, p: records.env._(
        "%(subject)s: “%(state)s” is not a phase of a cycle. Reload the cycle "
        "and move it on with its buttons.",
        subject=subject,
        state=p["state"],
    ),
    "no_band": lambda records, subject, p: records.env._(
        "%(subject)s: the rating scale has no level. Add its levels, each with "
        "its score range, before scores are rated.",
        subject=subject,
    ),
    "unknown_direction": lambda records, subject, p: records.env._(
        "%(subject)s: “%(direction)s” is not a direction. Choose whether higher "
        "or lower values are better.",
        subject=subject,
        direction=p["direction"],
    ),
    "unknown_aggregation": lambda records, subject, p: records.env._(
        "%(subject)s: “%(aggregation)s” is not a way to add up a metric's "
        "records. Choose a count, a sum or an average.",
        subject=subject,
        aggregation=p["aggregation"],
    ),
}


def _default_labels(records):
    """Words for the keys the engine puts in ``name`` and ``part``."""
    env = records.env
    return {
        "period": env._("the period"),
        "cycle": env._("the cycle"),
        "rounding": env._("the currency rounding"),
        "level": env._("the score range of the level"),
        "tolerance": env._("the tolerance"),
        "rating rank": env._("the rank of the rating"),
        "bonus": env._("a bonus"),
        "pool": env._("the budget of the bonus pool"),
        "base": env._("the base of the bonus (the wage or the target amount)"),
        "multiplier": env._("the multiplier of the rating"),
        "goal": env._("a goal"),
    }


def _params(records, error, labels, what):
    """The error's params with the words to show, and every key a message
    needs (a missing one would break the formatting)."""
    words = {**_default_labels(records), **(labels or {})}
    params = dict(error.params)
    for key in ("name", "part"):
        if key in params:
            params[key] = words.get(str(params[key]), params[key])
    for key in ("score", "lower", "upper", "low", "high", "part", "weight", "amount"):
        params.setdefault(key, "?")
    for key in ("name", "frequency", "state", "direction", "aggregation"):
        params.setdefault(key, "")
    params.setdefault("expected", 100.0)
    params.setdefault("total", 0.0)
    try:
        params["diff"] = round(float(params["expected"]) - float(params["total"]), 2)
        params["expected"] = f"{float(params['expected']):g}"
    except (TypeError, ValueError):
        params["diff"] = "?"
    params["what"] = what or records.env._("its parts")
    return params


def engine_error_message(records, error, subject, *, labels=None, what=None):
    """The message of ``error`` (an ``EngineError``) in the language of
    ``records.env``, about ``subject`` (the record, named); an unknown code
    (one added to the engine without its message here) is shown in English."""
    translate = TRANSLATED.get(error.code)
    if translate is None:
        return records.env._(
            "%(subject)s: %(details)s", subject=subject, details=str(error)
        )
    return translate(records, subject, _params(records, error, labels, what))


def engine_user_error(
    records, error, subject, *, labels=None, what=None, exception=UserError
):
    """The exception to raise for ``error``: a ``UserError`` (or
    ``exception``, e.g. ``ValidationError`` in a constraint) with the message
    of :func:`engine_error_message`."""
    return exception(
        engine_error_message(records, error, subject, labels=labels, what=what)
    )
