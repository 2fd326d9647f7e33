"""Field checks of the therapy catalogue loader: each failure names the file, entry and field.

>>> where = Where(Path("therapies.yaml"), "ssa")
>>> text(where.fail("name"), "  Somatostatin   analogues ")
'Somatostatin analogues'
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable
from pathlib import Path

from ..content.errors import ContentError
from ..content.fields import short_repr


class Where:
    def __init__(self, path: Path, entry: str) -> None:
        self.path, self.entry = path, entry

    def fail(self, field: str):
        def make(problem: str) -> ContentError:
            return ContentError(self.path, self.entry, field, problem)

        return make


def text(fail, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(f"must be non-empty text, got {value!r}")
    return " ".join(value.split())


def text_list(fail, value: object, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or (not value and not allow_empty):
        raise fail(f"must be a {'' if allow_empty else 'non-empty '}list, got {value!r}")
    return tuple(text(fail, item) for item in value)


def mapping(fail, value: object, allowed: tuple[str, ...], required: Iterable[str]) -> dict:
    if not isinstance(value, dict):
        raise fail(f"must be a mapping of fields, got {value!r}")
    for key in value:
        if key not in allowed:
            raise fail(f"unknown field {key!r} (allowed: {', '.join(allowed)})")
    for key in required:
        if key not in value:
            raise fail(f"is missing {key!r}")
    return value


def choice(fail, value: object, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise fail(f"must be one of {', '.join(repr(a) for a in allowed)}; got {value!r}")
    return str(value)


def percent(fail, value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail(f"must be a number (without quotes), got {short_repr(value)}")
    number = float(value)
    if math.isnan(number) or not 0 <= number <= 100:
        raise fail(f"must be between 0 and 100, got {value}")
    return number


def date(fail, value: object) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        raise fail(f"must be a date written YYYY-MM-DD (or YYYY-MM), got {value!r}")
    return value


def identifier(fail, value: object, pattern: re.Pattern[str], what: str) -> str | None:
    if value is None:
        return None
    if not pattern.fullmatch(str(value)):
        raise fail(f"must be {what}, got {str(value)!r}")
    return str(value)


def items(fail, value: object, *, allow_empty: bool = True) -> list:
    if value is None and allow_empty:
        return []
    if not isinstance(value, list) or (not value and not allow_empty):
        raise fail(f"must be a {'' if allow_empty else 'non-empty '}list, got {value!r}")
    return value
