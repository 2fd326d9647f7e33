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
import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .sequencing import COMORBIDITIES
from .sources import Source

DATA_DIR = Path(__file__).resolve().parent / "data"
TRIALS_FILE = DATA_DIR / "trials.csv"
THERAPIES_FILE = DATA_DIR / "therapies.yaml"
LABEL_FIGURES_FILE = DATA_DIR / "label_figures.csv"

#: How sure we are of a row's numbers (the marks of the project's clinical reference file).
CONFIDENCE = {
    "verified": "value seen in the cited source (journal report, abstract or label)",
    "secondary": "value seen only in a secondary source (congress report, review, news summary)",
    "conflicting": "sources disagree; the row cites the source whose numbers it uses",
    "memory-only": "not confirmed in any source; must be shown flagged as unconfirmed",
}
#: Therapy classes of the catalogue.
THERAPY_CLASSES = ("ssa", "mtor_inhibitor", "tki", "prrt", "chemotherapy", "hif2a_inhibitor")
#: Patient factors that make a poor candidate: the sequencing engine's comorbidity vocabulary,
#: defined once there so the catalogue and the engine cannot drift apart.
POOR_FIT_FACTORS = COMORBIDITIES
#: Trial designs, and whether each has a control arm (which then needs control values).
DESIGNS = {
    "randomised_controlled": True,
    "randomised_non_comparative": True,
    "single_arm": False,
    "retrospective": False,
}
PHASES = ("II", "III", "IIIb", "retrospective", "not stated")
#: Where patients stood when they entered the trial.
SETTINGS = ("first line", "progressive", "after SSA", "pretreated", "not restricted")
#: Were panNETs enrolled? "no" marks evidence extrapolated to panNET (PROMID, NETTER-1).
PANNET = ("yes", "no", "part")
#: The time-to-event measure held in the ``pfs_median`` columns.
TIME_ENDPOINTS = ("PFS", "TTP")
#: The kind of document the row's figures were read from.
FIGURES_SOURCES = ("journal", "congress", "review", "label")

_PMID = re.compile(r"\d{1,9}")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_NCT = re.compile(r"NCT\d{8}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DataValidationError(ValueError):
    """A data file holds an entry that cannot be used; the message names file, entry and field.

    >>> err = DataValidationError("trials.csv", "CABINET / pancreatic", "hr", "must be above 0")
    >>> str(err)
    "trials.csv: entry 'CABINET / pancreatic', field 'hr': must be above 0"
    >>> err.field
    'hr'
    """

    def __init__(self, file: str | Path, entry: str, field: str, problem: str) -> None:
        self.file = Path(file).name
        self.entry = entry
        self.field = field
        self.problem = problem
        super().__init__(f"{self.file}: entry {entry!r}, field {field!r}: {problem}")


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
        raise cell.fail(f"must be one of {options}; got {value!r}")
    return value


def _number(
    cell: _Cell, raw: str, *, low: float = 0.0, high: float | None = None, integer: bool = False
) -> float | int | None:
    """Empty -> None. Values must be above ``low`` (strictly) unless ``high`` bounds a percent."""
    value = raw.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise cell.fail(f"must be a number, got {value!r}") from None
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

_TEXT_REQUIRED = ("trial", "cohort", "therapy", "population", "citation")
_TEXT_OPTIONAL = ("comparator", "primary_endpoint", "os_source", "notes")
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

#: Column order of :func:`trials` (``therapy_class`` is looked up in the catalogue).
TRIAL_COLUMNS = (
    "trial", "cohort", "therapy", "therapy_class", "comparator", "design", "phase", "setting",
    "pannet", "population", "primary_endpoint", "time_endpoint", "n",
    "pfs_median", "pfs_median_control", "pfs_median_not_reached", "hr", "hr_low", "hr_high",
    "landmark_months", "landmark_pfs", "landmark_pfs_control", "orr", "orr_control",
    "os_median", "os_median_control", "os_hr", "os_hr_low", "os_hr_high", "os_source", "os_doi",
    "citation", "pmid", "doi", "nct", "identifiers_verified", "figures_source", "confidence",
    "notes",
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
    """Rows of a CSV file as text, after checking its header names exactly the expected columns."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as err:
        raise DataValidationError(path, "file", "-", f"cannot be read ({err.strerror})") from None
    with handle:
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
    _check_trial_row(row, cell)
    return row


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
        if all(row[c] is None for c in _CONTROL_TWINS.values()):
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
    if row["figures_source"] == "journal" and row["pmid"] is None and row["doi"] is None:
        raise cell("pmid").fail("a journal row needs a PMID or a DOI")


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
# therapies.yaml
# --------------------------------------------------------------------------------------------

_THERAPY_FIELDS = (
    "name", "therapy_class", "agents", "mechanism", "dose_schedule", "approval", "toxicities",
    "poor_fit", "poor_fit_factors", "key_trials", "sources",
)
_TOXICITY_FIELDS = ("effect", "percent", "percent_control", "grade3plus_percent", "source",
                    "management")
_SOURCE_FIELDS = ("citation", "pmid", "doi")


@dataclass(frozen=True)
class Toxicity:
    """One main toxicity of a therapy, with its reported rate where the source gives one."""

    therapy: str
    effect: str
    source: str
    management: str
    percent: float | None = None
    percent_control: float | None = None
    grade3plus_percent: float | None = None


@dataclass(frozen=True)
class _Therapy:
    id: str
    name: str
    therapy_class: str
    agents: tuple[str, ...]
    mechanism: str
    dose_schedule: str
    approval: tuple[str, ...]
    toxicities: tuple[Toxicity, ...]
    poor_fit: str
    poor_fit_factors: tuple[str, ...]
    key_trials: tuple[str, ...]
    sources: tuple[Source, ...]


def _yaml_text(cell: _Cell, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise cell.fail(f"must be non-empty text, got {value!r}")
    return " ".join(value.split())


def _yaml_text_list(cell: _Cell, value: object, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or (not value and not allow_empty):
        raise cell.fail(f"must be a {'' if allow_empty else 'non-empty '}list, got {value!r}")
    return tuple(_yaml_text(cell, item) for item in value)


def _yaml_mapping(cell: _Cell, value: object, allowed: Iterable[str], required: Iterable[str]):
    if not isinstance(value, dict):
        raise cell.fail(f"must be a mapping of fields, got {value!r}")
    allowed = tuple(allowed)
    for key in value:
        if key not in allowed:
            raise cell.fail(f"unknown field {key!r} (allowed: {', '.join(allowed)})")
    for key in required:
        if key not in value:
            raise cell.fail(f"is missing {key!r}")
    return value


def _yaml_identifier(cell: _Cell, value: object, parse) -> str | None:
    if value is None:
        return None
    return parse(cell, str(value))


def _parse_therapy(path: Path, therapy_id: object, entry: object) -> _Therapy:
    label = str(therapy_id)

    def cell(name: str) -> _Cell:
        return _Cell(path, label, name)

    if not isinstance(therapy_id, str) or not re.fullmatch(r"[a-z0-9_]+", therapy_id):
        raise cell("id").fail("must be lower-case letters, digits and underscores")
    fields = _yaml_mapping(cell("-"), entry, _THERAPY_FIELDS, ())
    for name in _THERAPY_FIELDS:
        if name not in fields:
            raise cell(name).fail("is required but missing")
    therapy_class = _choice(cell("therapy_class"), str(fields["therapy_class"]), THERAPY_CLASSES,
                            required=True)
    approval_cell = cell("approval")
    approval = fields["approval"]
    if not isinstance(approval, dict) or not approval:
        raise approval_cell.fail("must map each region to its approval text")
    approval_lines = tuple(
        f"{_yaml_text(approval_cell, region)}: {_yaml_text(approval_cell, text)}"
        for region, text in approval.items()
    )
    toxicities = []
    tox_list = fields["toxicities"]
    if not isinstance(tox_list, list) or not tox_list:
        raise cell("toxicities").fail("must be a non-empty list")
    for index, item in enumerate(tox_list, start=1):
        tox_cell = _Cell(path, label, f"toxicities[{index}]")
        item = _yaml_mapping(tox_cell, item, _TOXICITY_FIELDS, ("effect", "source", "management"))
        rates = {}
        for key in ("percent", "percent_control", "grade3plus_percent"):
            value = item.get(key)
            rate_cell = _Cell(path, label, f"toxicities[{index}].{key}")
            rates[key] = None if value is None else _percent(rate_cell, str(value))
        toxicities.append(Toxicity(
            therapy=label,
            effect=_yaml_text(tox_cell, item["effect"]),
            source=_yaml_text(tox_cell, item["source"]),
            management=_yaml_text(tox_cell, item["management"]),
            **rates,
        ))
    factors = _yaml_text_list(cell("poor_fit_factors"), fields["poor_fit_factors"],
                              allow_empty=True)
    for factor in factors:
        _choice(cell("poor_fit_factors"), factor, POOR_FIT_FACTORS, required=True)
    sources = []
    source_list = fields["sources"]
    if not isinstance(source_list, list) or not source_list:
        raise cell("sources").fail("must be a non-empty list")
    for index, item in enumerate(source_list, start=1):
        src_cell = _Cell(path, label, f"sources[{index}]")
        item = _yaml_mapping(src_cell, item, _SOURCE_FIELDS, ("citation",))
        citation = _yaml_text(src_cell, item["citation"])
        sources.append(Source(
            short=citation,
            reference=citation,
            pmid=_yaml_identifier(_Cell(path, label, f"sources[{index}].pmid"), item.get("pmid"),
                                  _pmid),
            doi=_yaml_identifier(_Cell(path, label, f"sources[{index}].doi"), item.get("doi"),
                                 _doi),
        ))
    return _Therapy(
        id=therapy_id,
        name=_yaml_text(cell("name"), fields["name"]),
        therapy_class=therapy_class,  # type: ignore[arg-type]
        agents=_yaml_text_list(cell("agents"), fields["agents"]),
        mechanism=_yaml_text(cell("mechanism"), fields["mechanism"]),
        dose_schedule=_yaml_text(cell("dose_schedule"), fields["dose_schedule"]),
        approval=approval_lines,
        toxicities=tuple(toxicities),
        poor_fit=_yaml_text(cell("poor_fit"), fields["poor_fit"]),
        poor_fit_factors=factors,
        key_trials=_yaml_text_list(cell("key_trials"), fields["key_trials"]),
        sources=tuple(sources),
    )


@functools.lru_cache(maxsize=16)
def _therapy_records(path: Path, _mtime: int) -> tuple[_Therapy, ...]:
    """Validated catalogue entries (cached per file version)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DataValidationError(path, "file", "-", f"cannot be read ({err.strerror})") from None
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "file"
        raise DataValidationError(path, where, "-", f"is not valid YAML ({err})") from None
    if not isinstance(document, dict) or not document:
        raise DataValidationError(path, "file", "-", "must map therapy ids to their entries")
    return tuple(_parse_therapy(path, key, value) for key, value in document.items())


# --------------------------------------------------------------------------------------------
# label_figures.csv
# --------------------------------------------------------------------------------------------

LABEL_COLUMNS = (
    "trial", "cohort", "label", "approval_date", "assessment", "n", "pfs_median",
    "pfs_median_control", "hr", "hr_low", "hr_high", "orr", "orr_control", "complete_response",
    "source", "confidence", "notes",
)


@functools.lru_cache(maxsize=16)
def _label_records(path: Path, _mtime: int) -> tuple[tuple[tuple[str, Any], ...], ...]:
    records = []
    for line, raw in _read_csv(path, LABEL_COLUMNS):
        entry = _trial_entry(line, raw)

        def cell(name: str, entry: str = entry) -> _Cell:
            return _Cell(path, entry, name)

        row: dict[str, Any] = {
            "trial": _text(cell("trial"), raw["trial"], required=True),
            "cohort": _text(cell("cohort"), raw["cohort"], required=True),
            "label": _text(cell("label"), raw["label"], required=True),
            "approval_date": _identifier(cell("approval_date"), raw["approval_date"], _DATE,
                                         "a date written YYYY-MM-DD"),
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
        row["notes"] = _text(cell("notes"), raw["notes"], required=False)
        _check_interval(row, cell, "hr", "hr_low", "hr_high")
        records.append(tuple(row.items()))
    return tuple(records)


# --------------------------------------------------------------------------------------------
# Cross-file checks and the public tables
# --------------------------------------------------------------------------------------------


def _resolve(path: str | Path | None, default: Path, name: str) -> tuple[Path, int]:
    if path is None:
        path = default
    if not isinstance(path, (str, Path)):
        raise TypeError(f"{name} must be a file path (str or Path), got {type(path).__name__}")
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
        if row["therapy"] not in ids:
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
    that every ``therapy`` must exist in. ``therapy_class`` is taken from the catalogue. The
    column meanings are in ``pannet_edu/data/README.md``.

    >>> table = trials()
    >>> cabinet = table[table.trial == "CABINET"]
    >>> list(cabinet.cohort), [int(n) for n in cabinet.n], [float(h) for h in cabinet.hr]
    (['pancreatic', 'extrapancreatic'], [95, 203], [0.23, 0.38])
    >>> sorted(table.loc[table.pannet == "no", "trial"].unique())
    ['CABINET', 'CLARINET FORTE', 'NETTER-1', 'PROMID']
    """
    rows, catalogue = _load(path, therapies_path)
    classes = {t.id: t.therapy_class for t in catalogue}
    records = [dict(r) for r in rows]
    for row in records:
        row["therapy_class"] = classes[row["therapy"]]
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

    List-like fields (``agents``, ``approval``, ``toxicities`` (effect names), ``poor_fit_factors``,
    ``key_trials``, ``sources`` (citation lines)) are tuples, so they cannot be edited in place.
    Rates and management of each toxicity are in :func:`toxicity_table`.

    >>> catalogue = therapies()
    >>> list(catalogue.index[:3])
    ['ssa', 'everolimus', 'sunitinib']
    >>> catalogue.loc["prrt", "poor_fit_factors"]
    ('renal_impairment', 'low_marrow_reserve')
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
        }
        for t in catalogue
    ]
    frame = pd.DataFrame.from_records(records, index=[t.id for t in catalogue])
    frame.index.name = "therapy"
    for name in ("name", "therapy_class", "mechanism", "dose_schedule", "poor_fit"):
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
                 "confidence", "notes"):
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
                                doi=doi)
    return list(found.values())


def therapy_references(
    therapy_ids: Iterable[str] | None = None, *, path: str | Path | None = None
) -> list[Source]:
    """The catalogue's sources for the given therapies (all by default), each cited once.

    >>> [s.doi for s in therapy_references(["cabozantinib"])]
    ['10.1056/NEJMoa2403991', None]
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
    ['21306238', None, None]
    """
    trial_names = [trial_names] if isinstance(trial_names, str) else list(trial_names)
    therapy_ids = [therapy_ids] if isinstance(therapy_ids, str) else list(therapy_ids)
    found: dict[tuple[str | None, str | None, str], Source] = {}
    for source in trial_references(trial_names) if trial_names else []:
        found.setdefault(_source_key(source), source)
    for source in therapy_references(therapy_ids) if therapy_ids else []:
        found.setdefault(_source_key(source), source)
    return list(found.values())
