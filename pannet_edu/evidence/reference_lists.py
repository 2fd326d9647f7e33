"""Reference lists: the citations of trials and therapies, each paper once.

>>> [s.short for s in references(["RADIANT-3"])]
['RADIANT-3']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..content.sources import Source, confidence_mark
from .trial_table import _load, trials

#: The mark an identifier seen only in a secondary list carries (a PMID not seen on PubMed).
_SECONDARY = "secondary source"


def trial_references(
    names: Iterable[str] | None = None, *, path: str | Path | None = None
) -> list[Source]:
    """Distinct citations of the given trials (all trials by default), in data order.

    Each is a :class:`~pannet_edu.content.sources.Source` with ``cite()`` and ``link``; a trial with
    several cohorts is cited once. Unknown trial names raise ``ValueError`` naming them.

    >>> print(*[s.cite() for s in trial_references(["RADIANT-3"])])
    Yao JC et al. N Engl J Med 2011;364:514-523 (RADIANT-3). PMID 21306238; DOI
    10.1056/NEJMoa1009290.
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
            unconfirmed = (pmid or doi) and not row.identifiers_verified
            found[key] = Source(short=str(row.trial), reference=str(row.citation), pmid=pmid,
                                doi=doi, note=confidence_mark(row.confidence, row.figures_source),
                                last_checked=str(row.last_checked),
                                identifiers_mark=_SECONDARY if unconfirmed else "")
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
