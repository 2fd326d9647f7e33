"""The trials table: every trial cohort of ``data/trials.csv`` as a validated DataFrame.

Each row is checked on its own (fields, control arm, confidence intervals, citation) and against the
therapy catalogue (every ``therapy`` must be a catalogue id, every catalogue ``key_trials`` entry a
trial here).

>>> table = trials()
>>> row = table[(table.trial == "RADIANT-3")].iloc[0]
>>> float(row.hr), float(row.hr_low), float(row.hr_high), row.pmid
(0.35, 0.27, 0.45, '21306238')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..content import ContentError
from ..content import reader as _datafile
from ..content.fields import short_repr
from ..content.kinds_evidence import TRIAL, trial_cells
from ..content.schema import validate
from ..content.sources import cite_text, cited_ids, cited_sources, sources_file
from ..engine.catalogue import Therapy, data_file, load_catalogue
from ..vocab import CONFIDENCE as ALL_CONFIDENCE
from ..vocab import TRIAL_CONFIDENCE
from .radiopharmaceuticals import RADIOPHARMACEUTICALS, is_radioligand_class, trial_class
from .reading import (
    THERAPIES_FILE,
    TRIALS_FILE,
    _Cell,
    _check_interval,
    _read_csv,
    _resolve,
    _trial_entry,
    _typed,
)

#: How sure the toolkit is of a row's numbers: the codes a row may carry, with their meanings
#: (from the one confidence vocabulary).
CONFIDENCE = {code: ALL_CONFIDENCE[code] for code in TRIAL_CONFIDENCE}
#: A trial row may name a regimen that is not in the catalogue (investigational agents,
#: combinations); its class is then one of the catalogue's classes or ``combination``.
COMBINATION_CLASS = "combination"
#: Trial designs, and whether each has a control arm (which then needs control values).
DESIGNS = {
    "randomised_controlled": True,
    "randomised_non_comparative": True,
    "single_arm": False,
    "retrospective": False,
}


#: A citation without PMID or DOI must name the congress abstract (or the journal, year and volume).
_NAMES_ABSTRACT = re.compile(r"\babstracts?\b", re.IGNORECASE)
_JOURNAL_VOLUME = re.compile(r"\b(19|20)\d{2};\d+")


_POSITIVE = (
    "pfs_median", "pfs_median_control", "hr", "hr_low", "hr_high",
    "os_median", "os_median_control", "os_hr", "os_hr_low", "os_hr_high",
)
_PERCENT = ("orr", "orr_control", "landmark_pfs", "landmark_pfs_control")


def regimen_classes() -> tuple[str, ...]:
    """The classes a trial row's ``regimen_class`` may name: the catalogue's, plus combination.

    >>> "combination" in regimen_classes() and "prrt" in regimen_classes()
    True
    """
    return (*load_catalogue().classes, COMBINATION_CLASS)

#: Column order of :func:`trials` (``therapy_class`` is looked up in the catalogue).
TRIAL_COLUMNS = (
    "trial", "cohort", "therapy", "regimen", "regimen_class", "radiopharmaceutical",
    "therapy_class", "trial_class", "comparator",
    "design", "phase", "setting",
    "pannet", "population", "primary_endpoint", "time_endpoint", "n",
    "pfs_median", "pfs_median_control", "pfs_median_not_reached", "hr", "hr_low", "hr_high",
    "landmark_months", "landmark_pfs", "landmark_pfs_control", "orr", "orr_control",
    "os_median", "os_median_control", "os_hr", "os_hr_low", "os_hr_high", "os_source",
    "source_id", "os_doi", "citation", "pmid", "doi", "nct", "identifiers_verified",
    "figures_source", "confidence", "last_checked", "notes",
)
#: Columns computed at load: the therapy's class (from the catalogue), the class a table shows,
#: and the row's citation with its PMID and DOI (from its ``source_id`` in ``sources.yaml``; the
#: DOI of the overall-survival source from the ``[@ID]`` its ``os_source`` cites).
_DERIVED_COLUMNS = ("therapy_class", "trial_class", "os_doi", "citation", "pmid", "doi")
#: The columns of ``trials.csv``: those the trial kind declares (content/kinds.py), in order.
_CSV_TRIAL_COLUMNS = tuple(f.name for f in TRIAL.fields)
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


def _parse_trial(path: Path, line: int, raw: Mapping[str, str]) -> dict[str, Any]:
    """One row checked against the trial kind's declaration (types, allowed values, ranges:
    content/kinds_evidence.py), then against the catalogue's classes, the radiopharmaceuticals
    and ``sources.yaml``, and across its own fields."""
    entry = _trial_entry(line, raw)

    def cell(name: str) -> _Cell:
        return _Cell(path, entry, name)

    row = validate(TRIAL, path, entry, trial_cells(raw))
    for name, allowed in (("regimen_class", regimen_classes()),
                          ("radiopharmaceutical", tuple(RADIOPHARMACEUTICALS))):
        if row[name] is not None and row[name] not in allowed:
            raise cell(name).fail(f"must be one of {', '.join(map(repr, allowed))}; got "
                                  f"{short_repr(row[name])}")
    (source,) = cited_sources(path, entry, "source_id", row["source_id"])
    row["citation"], row["pmid"], row["doi"] = source.reference, source.pmid, source.doi
    os_ids = cited_ids(row["os_source"] or "")
    row["os_doi"] = None
    if os_ids:
        row["os_doi"] = cited_sources(path, entry, "os_source", os_ids)[0].doi
    for name in ("os_source", "notes"):
        if row[name] is not None:
            row[name] = cite_text(row[name], path, entry, name)
    _check_trial_row(row, cell)
    return row


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
    if is_radioligand_class(row["regimen_class"]) and row["radiopharmaceutical"] is None:
        raise cell("radiopharmaceutical").fail(
            "is required for a PRRT regimen: a trial is evidence only for the radiopharmaceutical "
            "it tested; one of " + ", ".join(map(repr, RADIOPHARMACEUTICALS))
        )
    has_control = DESIGNS[row["design"]]
    if has_control and row["comparator"] is None:
        raise cell("comparator").fail(f"is required for design {short_repr(row['design'])}")
    if not has_control:
        if row["comparator"] is not None:
            raise cell("comparator").fail(f"must be empty for design {short_repr(row['design'])}")
        for name in (*_CONTROL_TWINS.values(), "hr", "os_hr"):
            if row[name] is not None:
                raise cell(name).fail(f"must be empty: design {short_repr(row['design'])} has "
                                      "no control arm")
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
    if row["pmid"] is None and row["doi"] is None:
        if row["figures_source"] == "journal" and not _JOURNAL_VOLUME.search(row["citation"]):
            raise cell("source_id").fail("a journal row cites a source with a PMID or a DOI (or, "
                                         "where none was seen, the journal's year and volume in "
                                         "its reference)")
        if row["figures_source"] != "journal" and not _NAMES_ABSTRACT.search(row["citation"]):
            raise cell("source_id").fail("a row citing a source without PMID or DOI must cite "
                                         "one whose reference names the congress abstract its "
                                         "figures come from")


def _trial_records(path: Path) -> tuple[tuple[tuple[str, Any], ...], ...]:
    """Validated trial rows as immutable tuples (read through the loaders' one cache)."""
    records = []
    seen: set[tuple[str, str]] = set()
    for line, raw in _read_csv(path, _CSV_TRIAL_COLUMNS):
        row = _parse_trial(path, line, raw)
        key = (row["trial"], row["cohort"])
        if key in seen:
            raise ContentError(path, _trial_entry(line, raw), "cohort",
                               "duplicate trial and cohort")
        seen.add(key)
        records.append(tuple(row.items()))
    if not records:
        raise ContentError(path, "(file)", "(file)", "holds no trials")
    return tuple(records)


# --------------------------------------------------------------------------------------------
# therapies.yaml: parsed and validated by the engine's catalogue loader (one parser, no pandas)
# --------------------------------------------------------------------------------------------


def _therapy_records(path: Path, _mtime: int) -> tuple[Therapy, ...]:
    """Validated catalogue entries (cached per file version by the catalogue loader)."""
    return load_catalogue(path).therapies


def _load(trials_path=None, therapies_path=None):
    """Both files, validated on their own and against each other."""
    trial_file = _resolve(trials_path, TRIALS_FILE, "trials_path")
    therapy_file = _resolve(therapies_path, THERAPIES_FILE, "therapies_path")
    catalogue = _therapy_records(*therapy_file)
    rows = _datafile.cached(_trial_records, trial_file[0], *_depends())
    ids = {t.id for t in catalogue}
    names = {dict(r)["trial"] for r in rows}
    for record in rows:
        row = dict(record)
        if row["therapy"] is not None and row["therapy"] not in ids:
            raise ContentError(
                trial_file[0], f"{row['trial']} / {row['cohort']}", "therapy",
                f"{short_repr(row['therapy'])} is not a therapy id in {therapy_file[0].name} "
                f"(known: {', '.join(sorted(ids))})",
            )
    for record in rows:
        _check_radiopharmaceutical(dict(record), trial_file[0], catalogue)
    for therapy in catalogue:
        for trial in therapy.key_trials:
            if trial not in names:
                raise ContentError(
                    therapy_file[0], therapy.id, "key_trials",
                    f"{short_repr(trial)} is not a trial in {trial_file[0].name}",
                )
    return rows, catalogue


def _check_radiopharmaceutical(row: Mapping[str, Any], path: Path, catalogue) -> None:
    """A PRRT row names the radiopharmaceutical it tested, and a row filed under a catalogue
    therapy tested that therapy's radiopharmaceutical (COMPETE's 177Lu-edotreotide is not the
    catalogue's 177Lu-DOTATATE). Other classes name none (a combination may)."""
    if row["therapy"] is None:
        therapy_class = row["regimen_class"]
    else:
        therapy_class = next(t.therapy_class for t in catalogue if t.id == row["therapy"])
    given = row["radiopharmaceutical"]
    where = f"{row['trial']} / {row['cohort']}"
    radioligand = is_radioligand_class(therapy_class)
    if radioligand and given is None:
        raise ContentError(path, where, "radiopharmaceutical",
                           "is required for a PRRT row: name the radiopharmaceutical tested")
    if not radioligand and therapy_class != COMBINATION_CLASS and given is not None:
        raise ContentError(path, where, "radiopharmaceutical",
                           f"must be empty for a {therapy_class!r} row")
    if row["therapy"] is not None and given is not None:
        entry = next(t for t in catalogue if t.id == row["therapy"])
        named = [r for r in RADIOPHARMACEUTICALS if r in entry.short_name]
        if named and given not in named:
            raise ContentError(
                path, where, "therapy",
                f"{row['therapy']!r} is {named[0]} in the catalogue, but this trial tested "
                f"{given}: leave therapy empty and name the regimen and its regimen_class",
            )


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
    trial_file, _ = _resolve(path, TRIALS_FILE, "trials_path")
    therapy_file, _ = _resolve(therapies_path, THERAPIES_FILE, "therapies_path")
    # A copy: the caller may filter or add columns without touching the kept table.
    return _datafile.cached(_trials_frame, trial_file, therapy_file, *_depends(),
                            args=(therapy_file,)).copy()


def _depends() -> tuple[Path, Path]:
    """The files a trial row's checks read besides its own: the data folder's catalogue (the
    classes a regimen may name) and ``sources.yaml`` (the ids it cites)."""
    return data_file(THERAPIES_FILE.name), sources_file()


def _trials_frame(trial_file: Path, therapy_file: Path) -> pd.DataFrame:
    """The typed table, built once per version of the files (a lesson asks for it many times)."""
    rows, catalogue = _load(trial_file, therapy_file)
    classes = {t.id: t.therapy_class for t in catalogue}
    records = [dict(r) for r in rows]
    for row in records:
        row["therapy_class"] = (
            classes[row["therapy"]] if row["therapy"] is not None else row["regimen_class"]
        )
        row["trial_class"] = trial_class(row["therapy_class"], row["radiopharmaceutical"])
    frame = pd.DataFrame.from_records(records, columns=list(TRIAL_COLUMNS))
    return _typed(frame, text=_STRING_COLUMNS, decimal=(*_POSITIVE, *_PERCENT), whole=_INTEGER,
                  flag=_FLAGS)
