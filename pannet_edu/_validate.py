"""Argument checks shared by the logic modules: one clear error per kind of bad input."""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Real


def number(name: str, value: object, *, low: float = 0.0, high: float | None = None) -> float:
    """Return ``value`` as a float, or raise naming ``name`` and the allowed range.

    >>> number("ki67", 12)
    12.0
    >>> number("ki67", 120, high=100)
    Traceback (most recent call last):
    ...
    ValueError: ki67 must be between 0 and 100, got 120
    """
    allowed = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number {allowed}, got {value!r}")
    value = float(value)
    if math.isnan(value) or value < low or (high is not None and value > high):
        raise ValueError(f"{name} must be {allowed}, got {value:g}")
    return value


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
        raise TypeError(f"{name} must be one of {options}; got {value!r}")
    by_key = {a.lower(): a for a in allowed}
    key = value.strip().lower()
    if key not in by_key:
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return by_key[key]
