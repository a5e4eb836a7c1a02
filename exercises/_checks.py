"""Argument checks that produce learner-friendly error messages.

Internal: the public functions call these so every message has the same shape:
``<name> (<meaning>) must be <allowed range>; you gave <value>. <hint>``
"""

from __future__ import annotations

import math
import numbers

from .errors import InvalidInput

__all__ = ["check_number", "check_whole_number", "show"]


def show(value: object) -> str:
    """Write a value the way a learner typed it (``-5``, ``0.25``, ``'ten'``)."""
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        x = float(value)
        if math.isnan(x):
            return "nan (not a number)"
        if math.isinf(x):
            return "infinity" if x > 0 else "minus infinity"
        return f"{x:.10g}"
    if isinstance(value, str):
        return repr(value) + " (a piece of text)"
    return repr(value)


def _bound(x: float) -> str:
    return "zero" if x == 0 else f"{x:g}"


def _allowed(minimum, maximum, min_inclusive, max_inclusive) -> str:
    lo = hi = ""
    if minimum is not None:
        lo = f"{_bound(minimum)} or more" if min_inclusive else f"more than {_bound(minimum)}"
    if maximum is not None:
        hi = f"at most {_bound(maximum)}" if max_inclusive else f"less than {_bound(maximum)}"
    if lo and hi:
        if min_inclusive and max_inclusive:
            return f"between {_bound(minimum)} and {_bound(maximum)}"
        return f"{lo} and {hi}"
    return lo or hi or "a number"


def _label(name: str, meaning: str | None) -> str:
    return f"{name} ({meaning})" if meaning else name


def _fail(name, meaning, rule, value, hint) -> InvalidInput:
    message = f"{_label(name, meaning)} must be {rule}; you gave {show(value)}."
    if hint:
        message += f" Hint: {hint}"
    return InvalidInput(message)


def check_number(
    name: str,
    value: object,
    meaning: str | None = None,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    min_inclusive: bool = True,
    max_inclusive: bool = True,
    hint: str | None = None,
) -> float:
    """Return ``value`` as a float, or raise :class:`InvalidInput` explaining the allowed range.

    >>> check_number("c", -5, "constant capital", minimum=0)
    Traceback (most recent call last):
    ...
    exercises.errors.InvalidInput: c (constant capital) must be zero or more; you gave -5.
    """
    rule = _allowed(minimum, maximum, min_inclusive, max_inclusive)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        number_hint = hint or f"type a number without quotes, for example {name}=10."
        raise _fail(name, meaning, "a number" if rule == "a number" else f"a number, {rule}",
                    value, number_hint)
    x = float(value)
    if math.isnan(x) or math.isinf(x):
        raise _fail(name, meaning, "an ordinary number" if rule == "a number"
                    else f"an ordinary number, {rule}", value, hint)
    too_low = minimum is not None and (x < minimum if min_inclusive else x <= minimum)
    too_high = maximum is not None and (x > maximum if max_inclusive else x >= maximum)
    if too_low or too_high:
        raise _fail(name, meaning, rule, value, hint)
    return x


def check_whole_number(
    name: str,
    value: object,
    meaning: str | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    hint: str | None = None,
) -> int:
    """Return ``value`` as an int (a count such as a number of periods), or raise :class:`InvalidInput`."""
    rule = _allowed(minimum, maximum, True, True)
    whole = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not whole and isinstance(value, numbers.Real) and not isinstance(value, bool):
        whole = math.isfinite(float(value)) and float(value).is_integer()
    if not whole:
        raise _fail(name, meaning, f"a whole number, {rule}" if rule != "a number"
                    else "a whole number", value, hint)
    n = int(value)  # type: ignore[arg-type]
    if (minimum is not None and n < minimum) or (maximum is not None and n > maximum):
        raise _fail(name, meaning, rule, value, hint)
    return n
