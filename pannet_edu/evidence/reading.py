"""Reading the evidence files: where they are, the CSV reader and the field parsers.

Each parser turns the text of one cell into a value or raises a
:class:`~pannet_edu.content.ContentError` naming the file, the entry and the field, so a typo in
``trials.csv`` or ``label_figures.csv`` cannot reach a lesson silently.

>>> cell = _Cell(TRIALS_FILE, "CABINET / pancreatic", "hr")
>>> _number(cell, "0.23")
0.23
>>> try:
...     _number(cell, "0")
... except ContentError as err:
...     print(err)
trials.csv: entry CABINET / pancreatic, field hr: must be above 0, got 0
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..content import ContentError
from ..content import reader as _datafile
from ..content.fields import short_repr
from ..engine.catalogue import PACKAGED_DATA_DIR, data_file

#: The packaged data folder; :func:`pannet_edu.engine.use_data_dir` points the loaders elsewhere.
DATA_DIR = PACKAGED_DATA_DIR
TRIALS_FILE = DATA_DIR / "trials.csv"
THERAPIES_FILE = DATA_DIR / "therapies.yaml"
LABEL_FIGURES_FILE = DATA_DIR / "label_figures.csv"
META_FILE = DATA_DIR / "meta.yaml"


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# --------------------------------------------------------------------------------------------
# Field parsers: each turns the text of one cell into a value or raises a ContentError.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    """Where a value sits, so every error can name it."""

    file: Path
    entry: str
    field: str

    def fail(self, problem: str) -> ContentError:
        return ContentError(self.file, self.entry, self.field, problem)


def _text(cell: _Cell, raw: str, *, required: bool) -> str | None:
    value = raw.strip()
    if not value:
        if required:
            raise cell.fail("is required but empty")
        return None
    return value


def _choice(cell: _Cell, raw: str, allowed: Iterable[str], *, required: bool) -> str | None:
    value = _text(cell, raw, required=required)
    allowed = tuple(allowed)
    if value is not None and value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise cell.fail(f"must be one of {options}; got {short_repr(value)}")
    return value


def _number(
    cell: _Cell, raw: str, *, low: float = 0.0, high: float | None = None, integer: bool = False
) -> float | int | None:
    """Empty -> None. Values must be above ``low`` (strictly) unless ``high`` bounds a percent."""
    value = raw.strip()
    if not value:
        return None
    if not re.fullmatch(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?"
                        r"(?:inf|infinity|nan)", value, re.IGNORECASE):
        raise cell.fail(f"must be a number written with the digits 0-9, got {short_repr(value)}")
    try:
        number = float(value)
    except ValueError:
        raise cell.fail(f"must be a number, got {short_repr(value)}") from None
    if math.isnan(number) or math.isinf(number):
        raise cell.fail(f"must be a finite number, got {short_repr(value)}")
    if high is None and number <= low:
        raise cell.fail(f"must be above {low:g}, got {value}")
    if high is not None and not low <= number <= high:
        raise cell.fail(f"must be between {low:g} and {high:g}, got {value}")
    if integer:
        if not number.is_integer():
            raise cell.fail(f"must be a whole number, got {value}")
        return int(number)
    return number


def _percent(cell: _Cell, raw: str) -> float | None:
    return _number(cell, raw, low=0.0, high=100.0)  # type: ignore[return-value]




def _identifier(cell: _Cell, raw: str, pattern: re.Pattern[str], what: str) -> str | None:
    value = raw.strip()
    if not value:
        return None
    if not pattern.fullmatch(value):
        raise cell.fail(f"must be {what}, got {short_repr(value)}")
    return value






def _read_csv(path: Path, columns: Iterable[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file as text, after checking its header names exactly the expected columns.

    The file must be UTF-8 (a byte-order mark, as Excel writes, is dropped); a file saved as
    Windows-1252 is refused naming the line of the first byte that is not UTF-8.
    """
    try:
        text = _datafile.read_text(path)
    except _datafile.ContentError as err:
        raise ContentError(path, err.entry, err.field, err.problem) from None
    if not text.strip():
        raise ContentError(path, "(file)", "(file)", "is empty (the header line is missing)")
    with io.StringIO(text, newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        expected = tuple(columns)
        missing = [c for c in expected if c not in header]
        unknown = [c for c in header if c not in expected]
        if missing:
            raise ContentError(path, "header", missing[0], "column is missing")
        if unknown:
            raise ContentError(
                path, "header", unknown[0], "unknown column (check the spelling in the README)"
            )
        rows = []
        for line, raw in enumerate(reader, start=2):
            if None in raw:  # more cells than header columns: a stray comma
                raise ContentError(
                    path, f"line {line}", "(row)", "has more cells than the header"
                )
            rows.append((line, {k: (v or "") for k, v in raw.items()}))
    return rows


def _trial_entry(line: int, raw: Mapping[str, str]) -> str:
    trial, cohort = raw.get("trial", "").strip(), raw.get("cohort", "").strip()
    return f"{trial} / {cohort}" if trial else f"line {line}"


def _date(cell: _Cell, raw: str) -> str | None:
    """A ``YYYY-MM-DD`` date that exists on the calendar and is not in the future (empty: None)."""
    value = _identifier(cell, raw, _DATE, "a date written YYYY-MM-DD")
    if value is None:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise cell.fail(f"must be a real date: {short_repr(value)} is not a date on the "
                        "calendar") from None
    if day > datetime.date.today():
        raise cell.fail(f"lies in the future ({value})")
    return value


def _checked_date(cell: _Cell, raw: str) -> str:
    """A required ``last_checked`` date: YYYY-MM-DD, a real date, not in the future."""
    value = _date(cell, raw)
    if value is None:
        raise cell.fail("is required: the date the entry was last checked against its source "
                        "(YYYY-MM-DD)")
    return value


def _check_interval(row: Mapping[str, Any], cell, point: str, low: str, high: str) -> None:
    """A CI needs both bounds and its point estimate, and must contain the estimate."""
    if (row[low] is None) != (row[high] is None):
        raise cell(low if row[low] is None else high).fail(
            f"give both {low} and {high}, or neither"
        )
    if row[low] is None:
        return
    if row[point] is None:
        raise cell(point).fail(f"is required when {low} and {high} are given")
    if row[low] > row[high]:  # a flipped interval: the bounds are wrong, not the estimate
        raise cell(low).fail(
            f"{row[low]:g} is above {high} {row[high]:g}: the lower bound must come first"
        )
    if not row[low] <= row[point] <= row[high]:
        raise cell(point).fail(
            f"{row[point]:g} lies outside its 95% CI {row[low]:g}-{row[high]:g}"
        )


def _resolve(path: str | Path | None, default: Path, name: str) -> tuple[Path, int]:
    if path is None:
        path = data_file(default.name)  # $PANNET_EDU_DATA_DIR or use_data_dir(), else the package
    if not isinstance(path, (str, Path)) or not str(path).strip():
        raise TypeError(f"{name} must be a file path (str or Path), got {short_repr(path)}")
    resolved = Path(path).resolve()
    try:
        mtime = resolved.stat().st_mtime_ns
    except OSError:
        raise ContentError(resolved, "(file)", "(file)", "does not exist") from None
    return resolved, mtime


def _typed(frame: pd.DataFrame, *, text: Iterable[str] = (), decimal: Iterable[str] = (),
           whole: Iterable[str] = (), flag: Iterable[str] = ()) -> pd.DataFrame:
    """The table with pandas' nullable column types, so a missing value is ``<NA>``, never NaN.

    >>> _typed(pd.DataFrame({"n": [95, None]}), whole=["n"]).n.tolist()
    [95, <NA>]
    """
    for dtype, names in (("string", text), ("Float64", decimal), ("Int64", whole),
                         ("boolean", flag)):
        for name in names:
            frame[name] = frame[name].astype(dtype)
    return frame
