"""Dated facts: when each entry was last checked, and each lesson's review date.

A lesson is only as current as its least recently checked fact: :func:`lesson_review_date` is the
oldest ``last_checked`` date among the trials, therapies, sources and pipeline entries the lesson
shows (the lesson manifest, ``data/lessons.yaml``, lists them).

>>> lesson_facts("05_prrt").lesson
'05_prrt'
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..content import ContentError
from ..content import reader as _datafile
from ..content import sources as source_module
from ..content.fields import short_repr
from ..content.manifest import load_manifest, manifest_file
from ..content.sources import Source
from ..vocab import CONFIDENCE, FACT_CONFIDENCE
from .labels import label_figures
from .pipeline import dated_entries
from .reading import THERAPIES_FILE
from .therapy_tables import therapies
from .trial_table import trials

#: The confidence marks the review line explains: every mark a catalogue fact may carry.
_MARKS_EXPLAINED = FACT_CONFIDENCE


@dataclass(frozen=True)
class LessonFacts:
    """The trials, therapies and sources a lesson shows (from the lesson manifest)."""

    lesson: str
    trials: tuple[str, ...]
    therapies: tuple[str, ...]
    sources: tuple[str, ...]
    pipeline: tuple[str, ...] = ()

    def source_objects(self) -> list[Source]:
        """The lesson's sources as :class:`~pannet_edu.content.sources.Source` objects, in order."""
        known = source_module.sources()
        return [known[name] for name in self.sources]


def _lesson_records(path: Path | None = None) -> dict[str, LessonFacts]:
    """Each lesson's facts from the lesson manifest, checked against the evidence tables."""
    manifest = Path(path) if path else manifest_file()
    names = set(trials().trial)
    ids = set(therapies().index)
    pipeline_ids = {e["pipeline_id"] for e in dated_entries()}
    found = {}
    for entry in load_manifest(manifest):
        for key, known in (("trials", names), ("therapies", ids),
                           ("sources", source_module.sources()), ("pipeline", pipeline_ids)):
            for value in getattr(entry, key):
                if value not in known:
                    raise ContentError(manifest, entry.id, key,
                                       f"{short_repr(value)} is not a known {key[:-1]}")
        found[entry.id] = LessonFacts(entry.id, entry.trials, entry.therapies, entry.sources,
                                      entry.pipeline)
    return found


def lesson_ids() -> list[str]:
    """The lessons of the lesson manifest (``data/lessons.yaml``), in order.

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
                         f"got {short_repr(lesson_id)}")
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
    for item in dated_entries():
        rows.append({"kind": "pipeline", **item})
    for name, value in source_module.sources().items():
        if value.last_checked:
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
    from ..content.reviews import content_reviewed

    return content_reviewed()


def lesson_review_line(lesson_id: str) -> str:
    """One sentence for the top of a lesson, handout or dashboard card.

    The line says what the confidence marks mean (from the one vocabulary,
    :data:`pannet_edu.vocab.CONFIDENCE`); it does not claim that every fact was confirmed in its
    original source, because some were seen only in a secondary source or a congress report.

    >>> line = lesson_review_line("05_prrt")
    >>> line.startswith("Review date of this lesson: 2026-"), "“congress report”:" in line
    (True, True)
    """
    day = lesson_review_date(lesson_id)
    marks = " · ".join(f"“{code}”: {CONFIDENCE[code]}" for code in _MARKS_EXPLAINED)
    return (f"Review date of this lesson: {day.isoformat()} (the oldest date on which one of its "
            "facts was last looked up in its source). How sure each fact is shows in its "
            f"confidence mark. {marks}. Where no source could confirm a fact, the lesson says so "
            "rather than teach it.")
