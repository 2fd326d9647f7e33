"""The evidence base: trials and the therapy catalogue as validated pandas tables, with citations.

The numbers live in data files an instructor can edit without Python
(``pannet_edu/data/trials.csv``, ``therapies.yaml``, ``label_figures.csv``; their README says where
every number comes from). Loading checks every entry and stops with a :class:`DataValidationError`
naming the file, the entry and the field, so a typo cannot reach a lesson silently.

Loads are cached (per file and modification time), but every call returns a fresh DataFrame, so a
learner who edits a returned table cannot change what the next call returns.

>>> from pannet_edu.evidence import trials, therapies
>>> table = trials()
>>> row = table[(table.trial == "RADIANT-3")].iloc[0]
>>> float(row.hr), float(row.hr_low), float(row.hr_high), row.pmid
(0.35, 0.27, 0.45, '21306238')
>>> therapies().loc["everolimus", "therapy_class"]
'mtor_inhibitor'
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import _datafile
from ._validate import short_repr
from .engine.catalogue import (
    PACKAGED_DATA_DIR,
    DataValidationError,
    Therapy,
    data_file,
    load_catalogue,
)
from .engine.catalogue import Toxicity as Toxicity  # re-exported: one toxicity record
from .sources import Source, confidence_mark
from .vocab import POOR_FIT_FACTORS as POOR_FIT_FACTORS  # re-exported vocabulary

#: The packaged data folder; :func:`pannet_edu.engine.use_data_dir` points the loaders elsewhere.
DATA_DIR = PACKAGED_DATA_DIR
TRIALS_FILE = DATA_DIR / "trials.csv"
THERAPIES_FILE = DATA_DIR / "therapies.yaml"
LABEL_FIGURES_FILE = DATA_DIR / "label_figures.csv"
META_FILE = DATA_DIR / "meta.yaml"

#: How sure we are of a row's numbers (the marks of the project's clinical reference file).
CONFIDENCE = {
    "verified": "value seen in the cited source (journal report, abstract or label)",
    "secondary": "value seen only in a secondary source (congress report, review, news summary)",
    "conflicting": "sources disagree; the row cites the source whose numbers it uses",
    "memory-only": "not confirmed in any source; must be shown flagged as unconfirmed",
}
#: A trial row may name a regimen that is not in the catalogue (investigational agents,
#: combinations); its class is then one of the catalogue's classes or ``combination``.
COMBINATION_CLASS = "combination"
#: Patient factors that make a poor candidate (``POOR_FIT_FACTORS``): the engine's vocabulary,
#: defined once there so the catalogue and the engine cannot drift apart.
#: Trial designs, and whether each has a control arm (which then needs control values).
DESIGNS = {
    "randomised_controlled": True,
    "randomised_non_comparative": True,
    "single_arm": False,
    "retrospective": False,
}
PHASES = ("Ib", "II", "III", "IIIb", "retrospective", "not stated")
#: Where patients stood when they entered the trial.
SETTINGS = ("first line", "progressive", "after SSA", "pretreated", "not restricted")
#: Were panNETs enrolled? "no" marks evidence extrapolated to panNET (PROMID, NETTER-1).
PANNET = ("yes", "no", "part")
#: The time-to-event measure held in the ``pfs_median`` columns.
TIME_ENDPOINTS = ("PFS", "TTP")
#: The kind of document the row's figures were read from: a journal paper, a congress abstract or
#: presentation, a later paper quoting the figure, a news or summary report of the paper, a label.
FIGURES_SOURCES = ("journal", "congress", "review", "summary", "label")

# ASCII only: "\d" would also match look-alike digits from other scripts in a PMID.
_PMID = re.compile(r"[0-9]{1,9}")
_DOI = re.compile(r"10\.[0-9]{4,9}/\S+", re.ASCII)
_NCT = re.compile(r"NCT[0-9]{8}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A citation without PMID or DOI must name the congress abstract (or the journal, year and volume).
_NAMES_ABSTRACT = re.compile(r"\babstracts?\b", re.IGNORECASE)
_JOURNAL_VOLUME = re.compile(r"\b(19|20)\d{2};\d+")


# --------------------------------------------------------------------------------------------
# Field parsers: each turns the text of one cell into a value or raises a DataValidationError.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    """Where a value sits, so every error can name it."""

    file: Path
    entry: str
    field: str

    def fail(self, problem: str) -> DataValidationError:
        return DataValidationError(self.file, self.entry, self.field, problem)


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
        raise cell.fail(f"must be a finite number, got {value!r}")
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


def _flag(cell: _Cell, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("", "false", "no"):
        return False
    if value in ("true", "yes"):
        return True
    raise cell.fail(f"must be true or false (or empty for false), got {raw.strip()!r}")


def _identifier(cell: _Cell, raw: str, pattern: re.Pattern[str], what: str) -> str | None:
    value = raw.strip()
    if not value:
        return None
    if not pattern.fullmatch(value):
        raise cell.fail(f"must be {what}, got {value!r}")
    return value


def _pmid(cell: _Cell, raw: str) -> str | None:
    return _identifier(cell, raw, _PMID, "a PubMed ID (digits only)")


def _doi(cell: _Cell, raw: str) -> str | None:
    return _identifier(cell, raw, _DOI, "a DOI like 10.1056/NEJMoa1009290 (no 'doi:' or URL)")


# --------------------------------------------------------------------------------------------
# trials.csv
# --------------------------------------------------------------------------------------------

_TEXT_REQUIRED = ("trial", "cohort", "population", "citation")
_TEXT_OPTIONAL = ("therapy", "regimen", "comparator", "primary_endpoint", "os_source", "notes")
_POSITIVE = (
    "pfs_median", "pfs_median_control", "hr", "hr_low", "hr_high",
    "os_median", "os_median_control", "os_hr", "os_hr_low", "os_hr_high",
)
_PERCENT = ("orr", "orr_control", "landmark_pfs", "landmark_pfs_control")
_CHOICES: dict[str, tuple[tuple[str, ...], bool]] = {
    "design": (tuple(DESIGNS), True),
    "phase": (PHASES, True),
    "setting": (SETTINGS, True),
    "pannet": (PANNET, True),
    "confidence": (tuple(CONFIDENCE), True),
    "figures_source": (FIGURES_SOURCES, True),
    "time_endpoint": (TIME_ENDPOINTS, False),
}


def regimen_classes() -> tuple[str, ...]:
    """The classes a trial row's ``regimen_class`` may name: the catalogue's, plus combination.

    >>> "combination" in regimen_classes() and "prrt" in regimen_classes()
    True
    """
    return (*load_catalogue().classes, COMBINATION_CLASS)

#: Column order of :func:`trials` (``therapy_class`` is looked up in the catalogue).
TRIAL_COLUMNS = (
    "trial", "cohort", "therapy", "regimen", "regimen_class", "therapy_class", "comparator",
    "design", "phase", "setting",
    "pannet", "population", "primary_endpoint", "time_endpoint", "n",
    "pfs_median", "pfs_median_control", "pfs_median_not_reached", "hr", "hr_low", "hr_high",
    "landmark_months", "landmark_pfs", "landmark_pfs_control", "orr", "orr_control",
    "os_median", "os_median_control", "os_hr", "os_hr_low", "os_hr_high", "os_source", "os_doi",
    "citation", "pmid", "doi", "nct", "identifiers_verified", "figures_source", "confidence",
    "last_checked", "notes",
)
_CSV_TRIAL_COLUMNS = tuple(c for c in TRIAL_COLUMNS if c != "therapy_class")
_INTEGER = ("n", "landmark_months")
_FLAGS = ("pfs_median_not_reached", "identifiers_verified")
_STRING_COLUMNS = tuple(
    c for c in TRIAL_COLUMNS if c not in (*_POSITIVE, *_PERCENT, *_INTEGER, *_FLAGS)
)
#: Outcome columns that need their control twin whenever they are given.
_CONTROL_TWINS = {
    "pfs_median": "pfs_median_control",
    "orr": "orr_control",
    "landmark_pfs": "landmark_pfs_control",
    "os_median": "os_median_control",
}


def _read_csv(path: Path, columns: Iterable[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file as text, after checking its header names exactly the expected columns.

    The file must be UTF-8 (a byte-order mark, as Excel writes, is dropped); a file saved as
    Windows-1252 is refused naming the line of the first byte that is not UTF-8.
    """
    try:
        text = _datafile.read_text(path)
    except _datafile.DataFileError as err:
        raise DataValidationError(path, err.entry, err.field, err.problem) from None
    if not text.strip():
        raise DataValidationError(path, "file", "-", "is empty (the header line is missing)")
    with io.StringIO(text, newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        expected = tuple(columns)
        missing = [c for c in expected if c not in header]
        unknown = [c for c in header if c not in expected]
        if missing:
            raise DataValidationError(path, "header", missing[0], "column is missing")
        if unknown:
            raise DataValidationError(
                path, "header", unknown[0], "unknown column (check the spelling in the README)"
            )
        rows = []
        for line, raw in enumerate(reader, start=2):
            if None in raw:  # more cells than header columns: a stray comma
                raise DataValidationError(
                    path, f"line {line}", "-", "has more cells than the header"
                )
            rows.append((line, {k: (v or "") for k, v in raw.items()}))
    return rows


def _trial_entry(line: int, raw: Mapping[str, str]) -> str:
    trial, cohort = raw.get("trial", "").strip(), raw.get("cohort", "").strip()
    return f"{trial} / {cohort}" if trial else f"line {line}"


def _parse_trial(path: Path, line: int, raw: Mapping[str, str]) -> dict[str, Any]:
    entry = _trial_entry(line, raw)

    def cell(name: str) -> _Cell:
        return _Cell(path, entry, name)

    row: dict[str, Any] = {}
    for name in _TEXT_REQUIRED:
        row[name] = _text(cell(name), raw[name], required=True)
    for name in _TEXT_OPTIONAL:
        row[name] = _text(cell(name), raw[name], required=False)
    for name, (allowed, required) in _CHOICES.items():
        row[name] = _choice(cell(name), raw[name], allowed, required=required)
    row["regimen_class"] = _choice(cell("regimen_class"), raw["regimen_class"], regimen_classes(),
                                   required=False)
    for name in _POSITIVE:
        row[name] = _number(cell(name), raw[name])
    for name in _PERCENT:
        row[name] = _percent(cell(name), raw[name])
    for name in _INTEGER:
        row[name] = _number(cell(name), raw[name], integer=True)
    for name in _FLAGS:
        row[name] = _flag(cell(name), raw[name])
    row["pmid"] = _pmid(cell("pmid"), raw["pmid"])
    row["doi"] = _doi(cell("doi"), raw["doi"])
    row["os_doi"] = _doi(cell("os_doi"), raw["os_doi"])
    row["nct"] = _identifier(
        cell("nct"), raw["nct"], _NCT, "a ClinicalTrials.gov id like NCT01234567"
    )
    row["last_checked"] = _checked_date(cell("last_checked"), raw["last_checked"])
    _check_trial_row(row, cell)
    return row


def _checked_date(cell: _Cell, raw: str) -> str:
    """A required ``last_checked`` date: YYYY-MM-DD, a real date, not in the future."""
    value = _identifier(cell, raw, _DATE, "a date written YYYY-MM-DD")
    if value is None:
        raise cell.fail("is required: the date the entry was last checked against its source "
                        "(YYYY-MM-DD)")
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise cell.fail(f"must be a real date, got {value!r}") from None
    if day > datetime.date.today():
        raise cell.fail(f"lies in the future ({value}); give the day the check was made")
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
    if not row[low] <= row[point] <= row[high]:
        raise cell(point).fail(
            f"{row[point]:g} lies outside its 95% CI {row[low]:g}-{row[high]:g}"
        )


def _check_trial_row(row: Mapping[str, Any], cell) -> None:
    """Rules that involve several fields of one trial row."""
    if row["therapy"] is None and row["regimen_class"] is None:
        raise cell("regimen_class").fail(
            "is required when therapy is empty (a regimen not in the catalogue); one of "
            + ", ".join(map(repr, regimen_classes()))
        )
    if row["therapy"] is not None and row["regimen_class"] is not None:
        raise cell("regimen_class").fail(
            "must be empty when therapy is given (the class comes from the catalogue)"
        )
    if row["therapy"] is None and row["regimen"] is None:
        raise cell("regimen").fail("is required when therapy is empty: name the regimen tested")
    has_control = DESIGNS[row["design"]]
    if has_control and row["comparator"] is None:
        raise cell("comparator").fail(f"is required for design {row['design']!r}")
    if not has_control:
        if row["comparator"] is not None:
            raise cell("comparator").fail(f"must be empty for design {row['design']!r}")
        for name in (*_CONTROL_TWINS.values(), "hr", "os_hr"):
            if row[name] is not None:
                raise cell(name).fail(f"must be empty: design {row['design']!r} has no control arm")
    else:
        # A control arm means the row reports the control's result for each outcome it gives.
        for outcome, control in _CONTROL_TWINS.items():
            if row[outcome] is not None and row[control] is None:
                raise cell(control).fail(f"is required because {outcome} is given and the "
                                         "design has a control arm")
        # A row may record only a design and its safety findings (no efficacy figure at all).
        gives_outcomes = (any(row[c] is not None for c in _CONTROL_TWINS) or row["hr"] is not None
                          or row["pfs_median_not_reached"])
        if gives_outcomes and all(row[c] is None for c in _CONTROL_TWINS.values()):
            raise cell("pfs_median_control").fail(
                "a trial with a control arm needs at least one control value "
                f"({', '.join(_CONTROL_TWINS.values())})"
            )
    if row["design"] != "randomised_controlled":
        for name in ("hr", "os_hr"):
            if row[name] is not None:
                raise cell(name).fail("a hazard ratio needs a randomised comparison "
                                      "(design 'randomised_controlled')")
    _check_interval(row, cell, "hr", "hr_low", "hr_high")
    _check_interval(row, cell, "os_hr", "os_hr_low", "os_hr_high")
    if row["pfs_median_not_reached"] and row["pfs_median"] is not None:
        raise cell("pfs_median").fail("must be empty when pfs_median_not_reached is true")
    has_time = row["pfs_median"] is not None or row["pfs_median_control"] is not None
    if has_time and row["time_endpoint"] is None:
        raise cell("time_endpoint").fail("is required (PFS or TTP) when a median is given")
    if (row["landmark_pfs"] is not None) != (row["landmark_months"] is not None):
        raise cell("landmark_months").fail("give landmark_months together with landmark_pfs")
    if row["os_doi"] is not None and row["os_source"] is None:
        raise cell("os_source").fail("is required when os_doi is given")
    if row["pmid"] is None and row["doi"] is None:
        if row["figures_source"] == "journal" and not _JOURNAL_VOLUME.search(row["citation"]):
            raise cell("pmid").fail("a journal row needs a PMID or a DOI (or, where none was "
                                    "seen, the journal's year and volume in the citation)")
        if row["figures_source"] != "journal" and not _NAMES_ABSTRACT.search(row["citation"]):
            raise cell("citation").fail("a row without PMID or DOI must name the congress "
                                        "abstract its figures come from")


@functools.lru_cache(maxsize=16)
def _trial_records(path: Path, _mtime: int) -> tuple[tuple[tuple[str, Any], ...], ...]:
    """Validated trial rows as immutable tuples (cached per file version)."""
    records = []
    seen: set[tuple[str, str]] = set()
    for line, raw in _read_csv(path, _CSV_TRIAL_COLUMNS):
        row = _parse_trial(path, line, raw)
        key = (row["trial"], row["cohort"])
        if key in seen:
            raise DataValidationError(path, _trial_entry(line, raw), "cohort",
                                      "duplicate trial and cohort")
        seen.add(key)
        records.append(tuple(row.items()))
    if not records:
        raise DataValidationError(path, "file", "-", "holds no trials")
    return tuple(records)


# --------------------------------------------------------------------------------------------
# therapies.yaml: parsed and validated by the engine's catalogue loader (one parser, no pandas)
# --------------------------------------------------------------------------------------------


def _therapy_records(path: Path, _mtime: int) -> tuple[Therapy, ...]:
    """Validated catalogue entries (cached per file version by the catalogue loader)."""
    return load_catalogue(path).therapies


# --------------------------------------------------------------------------------------------
# label_figures.csv
# --------------------------------------------------------------------------------------------

LABEL_COLUMNS = (
    "trial", "cohort", "label", "approval_date", "assessment", "n", "pfs_median",
    "pfs_median_control", "hr", "hr_low", "hr_high", "orr", "orr_control", "complete_response",
    "source", "confidence", "last_checked", "notes",
)


def _date(cell: _Cell, raw: str) -> str | None:
    """A ``YYYY-MM-DD`` date that exists on the calendar and is not in the future."""
    value = _identifier(cell, raw, _DATE, "a date written YYYY-MM-DD")
    if value is None:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise cell.fail(f"{value!r} is not a date on the calendar") from None
    if day > datetime.date.today():
        raise cell.fail(f"{value} is in the future")
    return value


@functools.lru_cache(maxsize=16)
def _label_records(path: Path, _mtime: int) -> tuple[tuple[tuple[str, Any], ...], ...]:
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
        raise DataValidationError(path, "file", "-", "holds no label figures")
    return tuple(records)


# --------------------------------------------------------------------------------------------
# Cross-file checks and the public tables
# --------------------------------------------------------------------------------------------


def _resolve(path: str | Path | None, default: Path, name: str) -> tuple[Path, int]:
    if path is None:
        path = data_file(default.name)  # $PANNET_EDU_DATA_DIR or use_data_dir(), else the package
    if not isinstance(path, (str, Path)) or not str(path).strip():
        raise TypeError(f"{name} must be a file path (str or Path), got {short_repr(path)}")
    resolved = Path(path).resolve()
    try:
        mtime = resolved.stat().st_mtime_ns
    except OSError:
        raise DataValidationError(resolved, "file", "-", "does not exist") from None
    return resolved, mtime


def _load(trials_path=None, therapies_path=None):
    """Both files, validated on their own and against each other."""
    trial_file = _resolve(trials_path, TRIALS_FILE, "trials_path")
    therapy_file = _resolve(therapies_path, THERAPIES_FILE, "therapies_path")
    catalogue = _therapy_records(*therapy_file)
    rows = _trial_records(*trial_file)
    ids = {t.id for t in catalogue}
    names = {dict(r)["trial"] for r in rows}
    for record in rows:
        row = dict(record)
        if row["therapy"] is not None and row["therapy"] not in ids:
            raise DataValidationError(
                trial_file[0], f"{row['trial']} / {row['cohort']}", "therapy",
                f"{row['therapy']!r} is not a therapy id in {therapy_file[0].name} "
                f"(known: {', '.join(sorted(ids))})",
            )
    for therapy in catalogue:
        for trial in therapy.key_trials:
            if trial not in names:
                raise DataValidationError(
                    therapy_file[0], therapy.id, "key_trials",
                    f"{trial!r} is not a trial in {trial_file[0].name}",
                )
    return rows, catalogue


def trials(
    path: str | Path | None = None, *, therapies_path: str | Path | None = None
) -> pd.DataFrame:
    """Every trial cohort as a DataFrame (months, percent; missing values are ``<NA>``).

    ``path`` defaults to the packaged ``trials.csv``; ``therapies_path`` to the packaged catalogue
    that every ``therapy`` must exist in. ``therapy_class`` is taken from the catalogue, or from
    ``regimen_class`` for a regimen that is not in it (investigational agents, combinations). The
    column meanings are in ``pannet_edu/data/README.md``.

    >>> table = trials()
    >>> cabinet = table[table.trial == "CABINET"]
    >>> list(cabinet.cohort), [int(n) for n in cabinet.n], [float(h) for h in cabinet.hr]
    (['pancreatic', 'extrapancreatic'], [95, 203], [0.23, 0.38])
    >>> sorted(table.loc[table.pannet == "no", "trial"].unique())
    ['CABINET', 'CLARINET FORTE', 'CONTROL NETs', 'NETTER-1', 'PROMID', 'TALENT']
    """
    rows, catalogue = _load(path, therapies_path)
    classes = {t.id: t.therapy_class for t in catalogue}
    records = [dict(r) for r in rows]
    for row in records:
        row["therapy_class"] = (
            classes[row["therapy"]] if row["therapy"] is not None else row["regimen_class"]
        )
    frame = pd.DataFrame.from_records(records, columns=list(TRIAL_COLUMNS))
    for name in _STRING_COLUMNS:
        frame[name] = frame[name].astype("string")
    for name in (*_POSITIVE, *_PERCENT):
        frame[name] = frame[name].astype("Float64")
    for name in _INTEGER:
        frame[name] = frame[name].astype("Int64")
    for name in _FLAGS:
        frame[name] = frame[name].astype("boolean")
    return frame


def therapies(
    path: str | Path | None = None, *, trials_path: str | Path | None = None
) -> pd.DataFrame:
    """The therapy catalogue as a DataFrame indexed by therapy id.

    List-like fields (``agents``, ``approval`` (one line per region), ``toxicities`` (effect
    names), ``poor_fit_factors`` (the factors that cap a verdict), ``before_starting`` (check
    texts), ``key_trials``, ``sources`` (citation lines)) are tuples, so they cannot be edited in
    place. Rates and management of each toxicity are in :func:`toxicity_table`; the full records
    (each poor-fit factor's verdict, source and confidence; approvals by region) are in
    :func:`pannet_edu.engine.load_catalogue`.

    >>> catalogue = therapies()
    >>> list(catalogue.index[:3])
    ['ssa', 'everolimus', 'sunitinib']
    >>> catalogue.loc["everolimus", "poor_fit_factors"]
    ('diabetes', 'interstitial_lung_disease')
    """
    _, catalogue = _load(trials_path, path)
    records = [
        {
            "name": t.name,
            "therapy_class": t.therapy_class,
            "agents": t.agents,
            "mechanism": t.mechanism,
            "dose_schedule": t.dose_schedule,
            "approval": t.approval,
            "toxicities": tuple(x.effect for x in t.toxicities),
            "poor_fit": t.poor_fit,
            "poor_fit_factors": t.poor_fit_factors,
            "key_trials": t.key_trials,
            "sources": tuple(s.cite() for s in t.sources),
            "short_name": t.short_name,
            "before_starting": tuple(c.check for c in t.before_starting),
            "last_checked": t.last_checked,
        }
        for t in catalogue
    ]
    frame = pd.DataFrame.from_records(records, index=[t.id for t in catalogue])
    frame.index.name = "therapy"
    for name in ("name", "therapy_class", "mechanism", "dose_schedule", "poor_fit", "short_name",
                 "last_checked"):
        frame[name] = frame[name].astype("string")
    return frame


def toxicity_table(
    path: str | Path | None = None, *, trials_path: str | Path | None = None
) -> pd.DataFrame:
    """One row per (therapy, toxicity): reported rates where the source gives them, and management.

    ``percent`` is any grade, ``grade3plus_percent`` grade 3 or higher, ``percent_control`` the
    control arm's any-grade rate; missing rates are ``<NA>`` (never guessed).

    >>> tox = toxicity_table()
    >>> row = tox[(tox.therapy == "everolimus") & (tox.effect == "stomatitis")].iloc[0]
    >>> float(row.percent), float(row.percent_control), row.source
    (64.0, 17.0, 'RADIANT-3 (drug-related)')
    """
    _, catalogue = _load(trials_path, path)
    records = [
        {
            "therapy": x.therapy,
            "therapy_class": t.therapy_class,
            "effect": x.effect,
            "percent": x.percent,
            "percent_control": x.percent_control,
            "grade3plus_percent": x.grade3plus_percent,
            "source": x.source,
            "management": x.management,
        }
        for t in catalogue
        for x in t.toxicities
    ]
    frame = pd.DataFrame.from_records(records)
    for name in ("therapy", "therapy_class", "effect", "source", "management"):
        frame[name] = frame[name].astype("string")
    for name in ("percent", "percent_control", "grade3plus_percent"):
        frame[name] = frame[name].astype("Float64")
    return frame


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
    rows = [dict(r) for r in _label_records(*resolved)]
    known = {(r["trial"], r["cohort"]) for r in trials(trials_path).to_dict("records")}
    for row in rows:
        if (row["trial"], row["cohort"]) not in known:
            raise DataValidationError(
                resolved[0], f"{row['trial']} / {row['cohort']}", "cohort",
                "no such trial and cohort in trials.csv",
            )
    frame = pd.DataFrame.from_records(rows, columns=list(LABEL_COLUMNS))
    for name in ("trial", "cohort", "label", "approval_date", "assessment", "source",
                 "confidence", "last_checked", "notes"):
        frame[name] = frame[name].astype("string")
    frame["n"] = frame["n"].astype("Int64")
    for name in ("pfs_median", "pfs_median_control", "hr", "hr_low", "hr_high", "orr",
                 "orr_control", "complete_response"):
        frame[name] = frame[name].astype("Float64")
    return frame


def trial_references(
    names: Iterable[str] | None = None, *, path: str | Path | None = None
) -> list[Source]:
    """Distinct citations of the given trials (all trials by default), in data order.

    Each is a :class:`~pannet_edu.sources.Source` with ``cite()`` and ``link``; a trial with
    several cohorts is cited once. Unknown trial names raise ``ValueError`` naming them.

    >>> [s.cite() for s in trial_references(["RADIANT-3"])]
    ['Yao JC et al. N Engl J Med 2011;364:514-523. PMID 21306238; DOI 10.1056/NEJMoa1009290.']
    """
    table = trials(path)
    if names is not None:
        if isinstance(names, str):
            names = [names]
        names = list(names)
        unknown = [n for n in names if n not in set(table.trial)]
        if unknown:
            raise ValueError(
                f"names must be trial names from trials(); unknown: {', '.join(map(repr, unknown))}"
            )
        table = table[table.trial.isin(names)]
    found: dict[tuple[str, str | None, str | None], Source] = {}
    for row in table.itertuples(index=False):
        pmid = None if pd.isna(row.pmid) else str(row.pmid)
        doi = None if pd.isna(row.doi) else str(row.doi)
        key = (str(row.citation), pmid, doi)
        if key not in found:
            found[key] = Source(short=str(row.trial), reference=str(row.citation), pmid=pmid,
                                doi=doi, note=confidence_mark(row.confidence, row.figures_source),
                                last_checked=str(row.last_checked))
    return list(found.values())


def therapy_references(
    therapy_ids: Iterable[str] | None = None, *, path: str | Path | None = None
) -> list[Source]:
    """The catalogue's sources for the given therapies (all by default), each cited once.

    >>> [s.doi for s in therapy_references(["cabozantinib"])]
    ['10.1056/NEJMoa2403991', None, None, None]
    """
    _, catalogue = _load(None, path)
    by_id = {t.id: t for t in catalogue}
    if therapy_ids is None:
        chosen = list(by_id)
    else:
        chosen = [therapy_ids] if isinstance(therapy_ids, str) else list(therapy_ids)
        unknown = [t for t in chosen if t not in by_id]
        if unknown:
            raise ValueError(
                "therapy_ids must be ids from therapies(); unknown: "
                + ", ".join(map(repr, unknown))
            )
    found: dict[tuple[str | None, str | None, str], Source] = {}
    for therapy_id in chosen:
        for source in by_id[therapy_id].sources:
            found.setdefault(_source_key(source), source)
    return list(found.values())


def _source_key(source: Source) -> tuple[str | None, str | None, str]:
    """Two citations of the same paper share a DOI or PMID even when worded differently."""
    if source.doi or source.pmid:
        return (source.doi, source.pmid, "")
    return (None, None, source.reference)


def references(
    trial_names: Iterable[str] | str = (), therapy_ids: Iterable[str] | str = ()
) -> list[Source]:
    """The trials' citations, then the therapies' sources, each paper once (matched by DOI/PMID).

    >>> [s.pmid for s in references(["RADIANT-3"], ["everolimus"])]
    ['21306238', None, None, None]
    """
    trial_names = [trial_names] if isinstance(trial_names, str) else list(trial_names)
    therapy_ids = [therapy_ids] if isinstance(therapy_ids, str) else list(therapy_ids)
    found: dict[tuple[str | None, str | None, str], Source] = {}
    for source in trial_references(trial_names) if trial_names else []:
        found.setdefault(_source_key(source), source)
    cited = {_bare(s.reference) for s in found.values()}
    for source in therapy_references(therapy_ids) if therapy_ids else []:
        if _bare(source.reference) in cited:  # the trial's own citation, worded with a remark
            continue
        found.setdefault(_source_key(source), source)
    return list(found.values())


def _bare(reference: str) -> str:
    """A citation without trailing remarks in parentheses, for matching the same paper.

    >>> _bare("Raymond E et al. N Engl J Med 2011;364:501-513 (abstract seen)")
    'raymond e et al. n engl j med 2011;364:501-513'
    """
    return re.sub(r"\s*\([^)]*\)\s*$", "", reference).strip().rstrip(".").lower()


# --------------------------------------------------------------------------------------------
# Dated facts: when each entry was last checked, and each lesson's review date
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LessonFacts:
    """The trials, therapies and sources a lesson shows (from ``meta.yaml``)."""

    lesson: str
    trials: tuple[str, ...]
    therapies: tuple[str, ...]
    sources: tuple[str, ...]
    pipeline: tuple[str, ...] = ()

    def source_objects(self) -> list[Source]:
        """The lesson's sources as :class:`~pannet_edu.sources.Source` objects, in order."""
        from . import sources as source_module

        return [getattr(source_module, name) for name in self.sources]


def _lesson_records(path: Path | None = None) -> dict[str, LessonFacts]:
    meta_file = path or META_FILE
    document = _datafile.load_yaml(meta_file)  # names the file on any problem
    lessons = (document or {}).get("lessons")
    if not isinstance(lessons, dict) or not lessons:
        raise DataValidationError(meta_file, "lessons", "-", "must map lesson ids to their facts")
    from . import sources as source_module

    names = set(trials().trial)
    ids = set(therapies().index)
    found = {}
    for lesson, entry in lessons.items():
        entry = entry or {}
        if not isinstance(entry, dict):
            raise DataValidationError(meta_file, str(lesson), "-", "must be a mapping")
        # reviewer and reviewed belong to the clinical review status (pannet_edu.trust)
        unknown_keys = set(entry) - {"trials", "therapies", "sources", "pipeline", "reviewer",
                                     "reviewed"}
        if unknown_keys:
            raise DataValidationError(meta_file, str(lesson), sorted(unknown_keys)[0],
                                      "unknown field (use trials, therapies, sources, pipeline)")
        lists = {}
        from .pipeline import dated_entries

        pipeline_ids = {e["pipeline_id"] for e in dated_entries()}
        for key, known in (("trials", names), ("therapies", ids), ("sources", None),
                           ("pipeline", pipeline_ids)):
            values = entry.get(key) or []
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise DataValidationError(meta_file, str(lesson), key, "must be a list of names")
            for value in values:
                bad = (value not in known) if known is not None else not isinstance(
                    getattr(source_module, value, None), Source)
                if bad:
                    raise DataValidationError(meta_file, str(lesson), key,
                                              f"{value!r} is not a known {key[:-1]}")
            lists[key] = tuple(values)
        found[str(lesson)] = LessonFacts(str(lesson), lists["trials"], lists["therapies"],
                                         lists["sources"], lists["pipeline"])
    return found


def lesson_ids() -> list[str]:
    """The lessons whose facts ``meta.yaml`` lists, in order.

    >>> lesson_ids()[:2]
    ['00_start_here', '01_classification_and_staging']
    """
    return list(_lesson_records())


def lesson_facts(lesson_id: str) -> LessonFacts:
    """The trials, therapies and sources a lesson shows; ValueError naming the known lessons.

    >>> lesson_facts("03_somatostatin_analogues").trials[:2]
    ('PROMID', 'CLARINET')
    """
    records = _lesson_records()
    if lesson_id not in records:
        raise ValueError(f"lesson_id must be one of {', '.join(map(repr, records))}; "
                         f"got {lesson_id!r}")
    return records[lesson_id]


def _walk_dates(value: Any, path: str) -> Iterable[tuple[str, str]]:
    """Every ``last_checked`` date inside a YAML value, with where it sits."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "last_checked":
                yield path, str(item)
            else:
                yield from _walk_dates(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            label = item.get("effect") or item.get("check") or item.get("region") or index \
                if isinstance(item, dict) else index
            yield from _walk_dates(item, f"{path}[{label}]")


def _therapy_dates(path: Path | None = None) -> list[dict[str, Any]]:
    """The ``last_checked`` dates found in the catalogue (wherever its entries carry them)."""
    document = _datafile.load_yaml(path or THERAPIES_FILE) or {}
    rows = []
    for therapy_id, entry in document.items():
        for where, value in _walk_dates(entry, str(therapy_id)):
            rows.append({"kind": "therapy", "therapy": str(therapy_id), "fact": where,
                         "last_checked": value, "source": "therapies.yaml"})
    return rows


def dated_facts() -> pd.DataFrame:
    """Every dated fact: trial rows, label figures, pipeline entries, dated catalogue entries (once
    the catalogue carries ``last_checked`` dates) and cited sources.

    Columns: ``kind``, ``fact`` (what it is), ``trial``, ``therapy``, ``source_name``,
    ``last_checked`` (a date), ``source`` (its citation).

    >>> facts = dated_facts()
    >>> sorted(set(facts.kind))
    ['label figure', 'pipeline', 'source', 'therapy', 'trial']
    """
    from . import sources as source_module

    rows: list[dict[str, Any]] = []
    for row in trials().itertuples(index=False):
        rows.append({"kind": "trial", "fact": f"{row.trial} / {row.cohort}", "trial": row.trial,
                     "last_checked": row.last_checked, "source": row.citation})
    for row in label_figures().itertuples(index=False):
        rows.append({"kind": "label figure", "fact": f"{row.trial} / {row.cohort} ({row.label} "
                     "label)", "trial": row.trial, "last_checked": row.last_checked,
                     "source": row.source})
    for item in _therapy_dates():
        rows.append({**item, "fact": item["fact"]})
    from .pipeline import dated_entries

    for item in dated_entries():
        rows.append({"kind": "pipeline", **item})
    for name in dir(source_module):
        value = getattr(source_module, name)
        if isinstance(value, Source) and value.last_checked:
            rows.append({"kind": "source", "fact": value.short, "source_name": name,
                         "last_checked": value.last_checked, "source": value.cite()})
    frame = pd.DataFrame.from_records(
        rows, columns=["kind", "fact", "trial", "therapy", "source_name", "pipeline_id",
                       "last_checked", "source"])
    frame["last_checked"] = pd.to_datetime(frame["last_checked"], errors="coerce").dt.date
    return frame


def lesson_review_date(lesson_id: str) -> datetime.date:
    """A lesson's review date: the oldest ``last_checked`` among the facts it shows.

    A lesson is only as current as its least recently checked fact. A lesson without dated
    facts takes the content review date of ``meta.yaml``.

    >>> lesson_review_date("08_under_investigation").isoformat() >= "2026-11-26"
    True
    """
    facts = lesson_facts(lesson_id)
    table = dated_facts()
    mine = table[
        table.trial.isin(facts.trials) | table.therapy.isin(facts.therapies)
        | table.source_name.isin(facts.sources) | table.pipeline_id.isin(facts.pipeline)
    ]
    dates = [d for d in mine.last_checked if isinstance(d, datetime.date)]
    if dates:
        return min(dates)
    from .handouts import content_reviewed

    return content_reviewed()


def lesson_review_line(lesson_id: str) -> str:
    """One sentence for the top of a lesson, handout or dashboard card.

    >>> lesson_review_line("05_prrt").startswith("Review date of this lesson: 2026-")
    True
    """
    day = lesson_review_date(lesson_id)
    return (f"Review date of this lesson: {day.isoformat()}. Every fact it shows was checked "
            "against its source on that date or later.")
