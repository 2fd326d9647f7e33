"""Argument checks shared by the logic modules: one clear error per kind of bad input.

Numbers are finite reals: ``bool`` (Python's, numpy's or pandas') is refused as a ``TypeError``
even though Python counts ``True`` as 1; NaN, infinities and integers too large for a float are a
``ValueError`` naming the argument. numpy and pandas numeric scalars are accepted.

Numbers typed as text (widgets, quiz and exercise answers) are read by :func:`parse_number`, the
one reader for typed numbers: ASCII digits only, an optional decimal point or decimal comma, an
optional exponent, and thousands written with commas in groups of three (``"1,000"`` is one
thousand, never 1.0).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from numbers import Real

#: A number typed as text: sign, digits (optionally grouped by thousands), decimals, exponent.
_NUMBER_TEXT = re.compile(
    r"[+-]?(?:(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d*))?|\.(?P<bare>\d+))"
    r"(?:[eE][+-]?\d{1,4})?",
    re.ASCII,
)
#: ``12,5``: a decimal comma (one comma, not followed by exactly three digits).
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,(?!\d{3}$)\d+", re.ASCII)
#: Anything longer than this is not a number a learner types.
_MAX_NUMBER_TEXT = 40


def short_repr(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, and never raising (for error messages).

    An error message must not format a huge value (a YAML alias bomb expands to millions of
    items) or call a ``__repr__`` that raises.

    >>> short_repr("x" * 100, limit=12)
    "'xxxxxxxx..."
    >>> class Bad:
    ...     def __repr__(self):
    ...         raise RuntimeError("no")
    >>> short_repr(Bad())
    'a Bad object'
    """
    try:
        if isinstance(value, list | tuple | dict | set | frozenset) and len(value) > 20:
            return f"a {type(value).__name__} of {len(value)} items"
        text = repr(value)
    except Exception:  # a learner's object whose repr (or len) raises
        return f"a {type(value).__name__} object"
    if not isinstance(text, str):
        return f"a {type(value).__name__} object"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_boolean(value: object) -> bool:
    """Whether ``value`` is a truth value: Python ``bool``, ``numpy.bool_`` or a pandas boolean.

    >>> import numpy as np
    >>> is_boolean(True), is_boolean(np.True_), is_boolean(1)
    (True, True, False)
    """
    if isinstance(value, bool):
        return True
    # numpy.bool_ (also what pandas' boolean arrays give back), judged by its type alone: an
    # object's own attributes are never consulted (a learner's object may raise on them).
    kind = type(value)
    return kind.__module__ == "numpy" and kind.__name__ in {"bool_", "bool"}


def number(name: str, value: object, *, low: float = 0.0, high: float | None = None) -> float:
    """Return ``value`` as a finite float, or raise naming ``name`` and the allowed range.

    >>> number("ki67", 12)
    12.0
    >>> number("ki67", 120, high=100)
    Traceback (most recent call last):
    ...
    ValueError: ki67 must be between 0 and 100, got 120
    >>> number("mitoses", float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: mitoses must be a finite number at least 0, got inf
    >>> number("mitoses", True)
    Traceback (most recent call last):
    ...
    TypeError: mitoses must be a number at least 0, not a true/false value (got True)
    """
    allowed = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
    if is_boolean(value):
        raise TypeError(f"{name} must be a number {allowed}, not a true/false value "
                        f"(got {short_repr(value)})")
    if not isinstance(value, Real):
        raise TypeError(f"{name} must be a number {allowed}, got {short_repr(value)}")
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a number {allowed}; got a number too large "
                         "to use") from None
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number {allowed}, got {short_repr(value)}") from None
    if math.isnan(value):
        raise ValueError(f"{name} must be a number {allowed}, got a missing value (NaN)")
    if math.isinf(value):
        raise ValueError(f"{name} must be a finite number {allowed}, got {value:g}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{name} must be {allowed}, got {value:g}")
    return value + 0.0  # -0.0 -> 0.0, so "-0" is never shown


def parse_number(name: str, text: object) -> float:
    """Read a number typed as text; raise ``ValueError`` naming ``name`` if it is not one.

    Accepts ``" 500 "``, ``"500.0"``, ``"5e2"``, ``"1,000"`` (thousands), ``"12,5"`` (decimal
    comma), ``"-3"``. Refuses words, ``"inf"``/``"nan"``, numbers too large for a float
    (``"1e400"``), look-alike digits from other scripts, and ambiguous forms such as ``"1.000,5"``.

    >>> parse_number("Ki-67", " 500 "), parse_number("Ki-67", "5e2"), parse_number("n", "1,000")
    (500.0, 500.0, 1000.0)
    >>> parse_number("Ki-67", "12,5")
    12.5
    >>> parse_number("Ki-67", "1e400")
    Traceback (most recent call last):
    ...
    ValueError: Ki-67 must be a finite number, got '1e400' (too large)
    """
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a number written as text, got {short_repr(text)}")
    raw = text.strip()
    if len(raw) > _MAX_NUMBER_TEXT:
        raise ValueError(f"{name} must be a number, got text of {len(raw)} characters")
    if _DECIMAL_COMMA.fullmatch(raw):
        raw = raw.replace(",", ".")
    elif not _NUMBER_TEXT.fullmatch(raw):
        if any(ch.isdigit() and not ch.isascii() for ch in raw):
            raise ValueError(f"{name} must be written with the digits 0-9, got {text.strip()!r}")
        if raw.casefold().lstrip("+-") in {"inf", "infinity", "nan"}:
            raise ValueError(f"{name} must be a finite number, got {text.strip()!r}")
        raise ValueError(f"{name} must be a number, got {short_repr(text.strip())}")
    value = float(raw.replace(",", ""))
    if math.isinf(value):
        raise ValueError(f"{name} must be a finite number, got {text.strip()!r} (too large)")
    return value + 0.0


def choice(name: str, value: object, allowed: Iterable[str]) -> str:
    """Return the allowed spelling of ``value`` (case-insensitive), or raise naming the options.

    >>> choice("differentiation", "Well", ["well", "poor"])
    'well'
    >>> choice("differentiation", "moderate", ["well", "poor"])
    Traceback (most recent call last):
    ...
    ValueError: differentiation must be one of 'well', 'poor'; got 'moderate'
    """
    allowed = list(allowed)
    options = ", ".join(repr(a) for a in allowed)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {options}; got {short_repr(value)}")
    by_key = {a.lower(): a for a in allowed}
    key = value.strip().lower()
    if key not in by_key:
        raise ValueError(f"{name} must be one of {options}; got {short_repr(value)}")
    return by_key[key]

__all__ = [
    "choice",
    "is_boolean",
    "number",
    "parse_number",
    "short_repr",
]
