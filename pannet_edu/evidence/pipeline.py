"""Agents and trials under investigation (lesson 8): regulatory status, early results, designs.

The entries live in ``pannet_edu/data/pipeline.yaml`` with their sources, a confidence code and
the date each was last checked; trial results stay in ``trials.csv``. Loading checks every
entry and stops with a :class:`~pannet_edu.content.ContentError` naming the file, the
entry and the field.

>>> agents().rows[0]["agent"]
'177Lu-edotreotide (177Lu-DOTATOC)'
>>> status_of("lu177_edotreotide")
'not approved'
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from ..content import ContentError
from ..content import reader as _datafile
from ..content.fields import short_repr
from ..content.sources import cite_text, confidence_mark, sources_file
from ..display import Table
from ..engine.catalogue import data_file
from ..vocab import APPROVAL_STATUSES, SOURCE_CONFIDENCE
from .reading import DATA_DIR, TRIALS_FILE, _Cell, _checked_date, _resolve
from .trial_table import trials

PIPELINE_FILE = DATA_DIR / "pipeline.yaml"
_WHEN = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_AGENT_FIELDS = {"name", "kind", "status", "approval", "trials", "events", "journal_reports",
                 "confidence", "last_checked"}
_TRIAL_FIELDS = {"nct", "phase", "design", "population", "primary_endpoint", "status", "source",
                 "confidence", "last_checked"}


def _fail(entry: str, field: str, problem: str) -> ContentError:
    return ContentError(PIPELINE_FILE, entry, field, problem)


def _checked(entry: str, record: dict) -> str:
    """The entry's ``last_checked`` date (a YAML date or its text), as ``YYYY-MM-DD``."""
    value = record.get("last_checked")
    if isinstance(value, datetime.date):
        value = value.isoformat()
    return _checked_date(_Cell(PIPELINE_FILE, entry, "last_checked"),
                         "" if value is None else str(value))


def _text(entry: str, record: dict, field: str) -> str:
    value = record.get(field)
    if not isinstance(value, str) or not value.strip():
        raise _fail(entry, field, f"must be non-empty text, got {short_repr(value)}")
    return cite_text(" ".join(value.split()), PIPELINE_FILE, entry, field)


def _fields(entry: str, record: Any, allowed: set[str]) -> dict:
    if not isinstance(record, dict):
        raise _fail(entry, "(entry)", "must be a mapping of fields")
    unknown = sorted(set(record) - allowed)
    if unknown:
        raise _fail(entry, unknown[0], f"unknown field (allowed: {', '.join(sorted(allowed))})")
    confidence = record.get("confidence")
    if confidence not in SOURCE_CONFIDENCE:
        raise _fail(entry, "confidence", f"must be one of {', '.join(SOURCE_CONFIDENCE)}, "
                    f"got {short_repr(confidence)}")
    return record


def _load(path: Path) -> tuple[dict, dict]:
    document = _datafile.load_yaml(path)  # names the file and line of any syntax problem
    if not isinstance(document, dict):
        raise _fail("(file)", "(file)", "must hold 'agents' and 'ongoing_trials'")
    names = set(trials().trial)
    agents_out, trials_out = {}, {}
    for key, record in (document.get("agents") or {}).items():
        record = _fields(key, record, _AGENT_FIELDS)
        linked = record.get("trials") or []
        unknown = [t for t in linked if t not in names]
        if unknown:
            raise _fail(key, "trials", f"{short_repr(unknown[0])} is not a trial in trials.csv")
        events = []
        for index, event in enumerate(record.get("events") or [], start=1):
            where = f"events[{index}]"
            if not isinstance(event, dict):
                raise _fail(key, where, "must be a mapping with when, what, source")
            when = str(event.get("when"))
            if not _WHEN.fullmatch(when):
                raise _fail(key, f"{where}.when", f"must be YYYY, YYYY-MM or YYYY-MM-DD, "
                            f"got {short_repr(when)}")
            events.append({"when": when, "what": _text(key, event, "what"),
                           "source": _text(key, event, "source")})
        if not events:
            raise _fail(key, "events", "must list at least one dated event with its source")
        reports = record.get("journal_reports") or {}
        if not isinstance(reports, dict) or set(reports) - set(linked):
            raise _fail(key, "journal_reports", "must map trials of the entry's 'trials' to the "
                        f"journal paper that reports each in full, got {short_repr(reports)}")
        approval = record.get("approval")
        if approval not in APPROVAL_STATUSES:
            raise _fail(key, "approval", f"must be one of {', '.join(APPROVAL_STATUSES)}, "
                        f"got {short_repr(approval)}")
        agents_out[key] = {
            "name": _text(key, record, "name"), "kind": _text(key, record, "kind"),
            "status": _text(key, record, "status"), "approval": approval,
            "trials": tuple(linked),
            "journal_reports": {trial: _text(key, reports, trial) for trial in reports},
            "events": tuple(events), "confidence": record["confidence"],
            "last_checked": _checked(key, record),
        }
    for key, record in (document.get("ongoing_trials") or {}).items():
        record = _fields(key, record, _TRIAL_FIELDS)
        nct = record.get("nct")
        if nct is not None and not re.fullmatch(r"NCT\d{8}", str(nct)):
            raise _fail(key, "nct", f"must be a ClinicalTrials.gov id like NCT01234567, "
                        f"got {short_repr(nct)}")
        trials_out[key] = {
            "nct": nct, **{f: _text(key, record, f) for f in
                           ("phase", "design", "population", "primary_endpoint", "status",
                            "source")},
            "confidence": record["confidence"], "last_checked": _checked(key, record),
        }
    return agents_out, trials_out


def _records(path: Path | None = None) -> tuple[dict, dict]:
    # The loaders' one cache: read again when this file, the trials (names) or sources change.
    resolved, _ = _resolve(path, PIPELINE_FILE, "path")
    return _datafile.cached(_load, resolved, data_file(TRIALS_FILE.name), sources_file())


def agent_ids() -> list[str]:
    """The agents' ids, in file order.

    >>> agent_ids()[:2]
    ['lu177_edotreotide', 'pb212_dotamtate']
    """
    return list(_records()[0])


def status_of(agent_id: str) -> str:
    """An agent's regulatory status in words; ValueError naming the known ids."""
    found = _records()[0]
    if agent_id not in found:
        raise ValueError(f"agent_id must be one of {', '.join(map(repr, found))}; "
                         f"got {short_repr(agent_id)}")
    return found[agent_id]["status"]


def agent_record(agent_id: str) -> dict[str, Any]:
    """One agent's checked entry (name, kind, status, approval code, trials, events, confidence).

    >>> agent_record("everolimus_lanreotide")["approval"]
    'approved_other_use'
    """
    status_of(agent_id)  # validates the id
    return dict(_records()[0][agent_id])


def ongoing_trial_record(name: str) -> dict[str, Any]:
    """One running trial's checked entry; ValueError naming the known trials.

    >>> ongoing_trial_record("COMPOSE")["phase"]
    'III'
    """
    found = _records()[1]
    if name not in found:
        raise ValueError(f"name must be one of {', '.join(map(repr, found))}; "
                         f"got {short_repr(name)}")
    return dict(found[name])


def agents() -> Table:
    """One row per agent: what it is, its status, its trials and the source mark.

    >>> agents().rows[1]["status"]
    'programme discontinued by its developer; not approved'
    """
    return Table([
        {"agent": a["name"], "kind": a["kind"], "status": a["status"],
         "trials": ", ".join(a["trials"]) or "–", "mark": confidence_mark(a["confidence"])}
        for a in _records()[0].values()
    ], caption="Under investigation, late 2026")


def events(agent_id: str) -> Table:
    """The dated events of one agent (designations, applications, results), each with its source.

    >>> events("lu177_edotreotide").rows[1]["when"]
    '2025-11-13'
    """
    status_of(agent_id)  # validates the id
    return Table([dict(e) for e in _records()[0][agent_id]["events"]],
                 caption=_records()[0][agent_id]["name"])


def ongoing_trials() -> Table:
    """Trials still running without results: design, population, status and source.

    >>> sorted(row["trial"] for row in ongoing_trials().rows)
    ['COMPOSE', 'NETTER-3', 'SORENTO']
    """
    return Table([
        {"trial": name, "design": t["design"], "population": t["population"],
         "primary endpoint": t["primary_endpoint"], "status": t["status"],
         "source": t["source"], "mark": confidence_mark(t["confidence"])}
        for name, t in _records()[1].items()
    ], caption="Trials without results yet")


def dated_entries() -> list[dict[str, str]]:
    """Every entry with its ``last_checked`` date, for the staleness check.

    >>> {e["fact"] for e in dated_entries()} >= {"COMPOSE", "Lenvatinib"}
    True
    """
    agents_found, trials_found = _records()
    rows = [{"fact": a["name"], "pipeline_id": key, "last_checked": a["last_checked"],
             "source": "; ".join(e["source"] for e in a["events"])}
            for key, a in agents_found.items()]
    rows += [{"fact": name, "pipeline_id": name, "last_checked": t["last_checked"],
              "source": t["source"]} for name, t in trials_found.items()]
    return rows
