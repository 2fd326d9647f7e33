"""Figures from regulatory labels (``data/label_figures.csv``), kept apart from the journal figures.

>>> labels = label_figures()
>>> sorted(set(labels.label))
['EU', 'FDA']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..content import ContentError
from ..content import reader as _datafile
from .reading import (
    LABEL_FIGURES_FILE,
    _Cell,
    _check_interval,
    _checked_date,
    _choice,
    _date,
    _number,
    _percent,
    _read_csv,
    _resolve,
    _text,
    _trial_entry,
    _typed,
)
from .trial_table import CONFIDENCE, trials

LABEL_COLUMNS = (
    "trial", "cohort", "label", "approval_date", "assessment", "n", "pfs_median",
    "pfs_median_control", "hr", "hr_low", "hr_high", "orr", "orr_control", "complete_response",
    "source", "confidence", "last_checked", "notes",
)


def _label_records(path: Path) -> tuple[tuple[tuple[str, Any], ...], ...]:
    """Validated label rows as immutable tuples (read through the loaders' one cache)."""
    records = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, raw in _read_csv(path, LABEL_COLUMNS):
        entry = _trial_entry(line, raw)

        def cell(name: str, entry: str = entry) -> _Cell:
            return _Cell(path, entry, name)

        row: dict[str, Any] = {
            "trial": _text(cell("trial"), raw["trial"], required=True),
            "cohort": _text(cell("cohort"), raw["cohort"], required=True),
            "label": _text(cell("label"), raw["label"], required=True),
            "approval_date": _date(cell("approval_date"), raw["approval_date"]),
            "assessment": _text(cell("assessment"), raw["assessment"], required=False),
            "n": _number(cell("n"), raw["n"], integer=True),
        }
        for name in ("pfs_median", "pfs_median_control", "hr", "hr_low", "hr_high"):
            row[name] = _number(cell(name), raw[name])
        for name in ("orr", "orr_control", "complete_response"):
            row[name] = _percent(cell(name), raw[name])
        row["source"] = _text(cell("source"), raw["source"], required=True)
        row["confidence"] = _choice(cell("confidence"), raw["confidence"], CONFIDENCE,
                                    required=True)
        row["last_checked"] = _checked_date(cell("last_checked"), raw["last_checked"])
        row["notes"] = _text(cell("notes"), raw["notes"], required=False)
        _check_interval(row, cell, "hr", "hr_low", "hr_high")
        key = (row["trial"], row["cohort"], row["label"])
        if key in seen:
            raise cell("label").fail(
                f"duplicate row: {row['label']} figures for this trial and cohort are already on "
                f"line {seen[key]}"
            )
        seen[key] = line
        records.append(tuple(row.items()))
    if not records:
        raise ContentError(path, "(file)", "(file)", "holds no label figures")
    return tuple(records)


def label_figures(
    path: str | Path | None = None, *, trials_path: str | Path | None = None
) -> pd.DataFrame:
    """Figures from regulatory labels, kept apart from the journal figures in :func:`trials`.

    For CABINET the FDA label (a later data cut-off) differs from the NEJM report; both are kept,
    each with its own source.

    >>> labels = label_figures()
    >>> cab = labels[(labels.trial == "CABINET") & (labels.cohort == "pancreatic")].iloc[0]
    >>> int(cab.n), float(cab.pfs_median_control), float(cab.hr)
    (99, 3.3, 0.22)
    """
    resolved = _resolve(path, LABEL_FIGURES_FILE, "path")
    rows = [dict(r) for r in _datafile.cached(_label_records, resolved[0])]
    known = {(r["trial"], r["cohort"]) for r in trials(trials_path).to_dict("records")}
    for row in rows:
        if (row["trial"], row["cohort"]) not in known:
            raise ContentError(
                resolved[0], f"{row['trial']} / {row['cohort']}", "cohort",
                "no such trial and cohort in trials.csv",
            )
    frame = pd.DataFrame.from_records(rows, columns=list(LABEL_COLUMNS))
    return _typed(
        frame,
        text=("trial", "cohort", "label", "approval_date", "assessment", "source", "confidence",
              "last_checked", "notes"),
        whole=("n",),
        decimal=("pfs_median", "pfs_median_control", "hr", "hr_low", "hr_high", "orr",
                 "orr_control", "complete_response"),
    )
