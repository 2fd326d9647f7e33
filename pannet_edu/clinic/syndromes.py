"""Functional and hereditary syndromes of panNETs, loaded from ``data/syndromes.yaml``.

The file is instructor-editable; the loader checks it and names the file, entry and field of any
problem. Syndrome ids are the ones :class:`pannet_edu.engine.Patient` accepts, so a lesson can
show a syndrome's description beside the engine's reaction to it.

>>> [s.id for s in functional_syndromes()][:3]
['insulinoma', 'gastrinoma', 'glucagonoma']
>>> hereditary_syndromes()[1].id
'VHL'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..content import ContentError
from ..content import reader as _datafile
from ..content.fields import choice
from ..content.sources import Source, sources, sources_file
from ..display import Table
from ..vocab import HEREDITARY_SYNDROMES, SYNDROMES

SYNDROMES_FILE = _datafile.DATA_DIR / "syndromes.yaml"

__all__ = [
    "FunctionalSyndrome",
    "HereditarySyndrome",
    "SyndromeBook",
    "functional_syndromes",
    "hereditary_syndromes",
    "load_syndromes",
    "references",
    "syndrome_table",
]


@dataclass(frozen=True)
class FunctionalSyndrome:
    """A hormone-secreting panNET: what it secretes, how it presents, how it steers therapy."""

    id: str
    name: str
    hormone: str
    presentation: str
    steers_therapy: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class HereditarySyndrome:
    """An inherited syndrome with panNETs: its pathway and how it steers therapy."""

    id: str
    name: str
    pathway: str
    steers_therapy: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SyndromeBook:
    """Everything in the syndromes file, validated."""

    functional: tuple[FunctionalSyndrome, ...]
    hereditary: tuple[HereditarySyndrome, ...]
    rarer_functional: str
    #: the sources the file cites (ids of ``data/sources.yaml``), in that file's order
    sources: dict[str, Source]

    def cite(self, source_id: str) -> str:
        """The citation line for a source id used in this file.

        >>> load_syndromes().cite("GEURTS_2020").split(". ")[-1]
        'PMID 32655935; DOI 10.21037/jgo.2020.03.09.'
        """
        return self.sources[source_id].cite()

    def shorts(self, source_ids: tuple[str, ...]) -> str:
        """Short names of the cited sources, for a table cell."""
        return "; ".join(self.sources[s].short for s in source_ids)


def _check_ids(file: str, section: str, ids: list[str], allowed: tuple[str, ...]) -> None:
    for i, found in enumerate(ids):
        if found not in allowed:
            raise ContentError(file, found, "id", f"must be one of {', '.join(allowed)} (the "
                                "values the sequencing engine accepts)")
        if found in ids[:i]:
            raise ContentError(file, found, "id", f"appears twice in {section}")
    missing = [a for a in allowed if a not in ids]
    if missing:
        raise ContentError(file, f"({section})", "id", f"missing entries for {', '.join(missing)}")


def load_syndromes(path: Path | str | None = None) -> SyndromeBook:
    """Load and validate a syndromes file (default: the packaged one).

    >>> book = load_syndromes()
    >>> book.functional[0].hormone
    'insulin'
    """
    if path is None:
        return _load_default()
    return _load(Path(path))


def _load_default() -> SyndromeBook:
    """The packaged file (or ``$PANNET_EDU_DATA_DIR/syndromes.yaml``), reread when it changes."""
    path = _datafile.data_dir() / "syndromes.yaml"
    return _datafile.cached(_load, path, sources_file())


def _section(file: str, data: dict, section: str, kind: type, known: dict[str, Source],
             allowed: tuple[str, ...]) -> tuple:
    """The entries of one section as ``kind`` records: every text field checked, then the ids."""
    fields = [f.name for f in dataclasses.fields(kind) if f.name != "sources"]
    found = []
    for record in _datafile.entries(file, data, section):
        entry = str(record.get("id", "(no id)"))
        found.append(kind(**{f: _datafile.text(file, entry, record, f) for f in fields},
                          sources=_datafile.cited(file, entry, record, known)))
    _check_ids(file, section, [s.id for s in found], allowed)
    return tuple(found)


def _no_sources_block(file: str, data: dict) -> None:
    """Citations live once, in ``data/sources.yaml``; a file of its own ``sources:`` is refused."""
    if "sources" in data:
        raise ContentError(file, "(sources)", "sources", "citations are kept in sources.yaml; "
                           "list their ids in each entry's sources instead")


def _load(path: Path) -> SyndromeBook:
    file = path.name
    data = _datafile.read_yaml(path)
    _no_sources_block(file, data)
    known = sources()
    functional = _section(file, data, "functional", FunctionalSyndrome, known, SYNDROMES)
    hereditary = _section(file, data, "hereditary", HereditarySyndrome, known,
                          HEREDITARY_SYNDROMES)
    rarer = _datafile.text(file, "(rarer_functional)", data, "rarer_functional")
    used = {s for entry in functional + hereditary for s in entry.sources}
    cited = {i: source for i, source in known.items() if i in used}
    return SyndromeBook(functional, hereditary, rarer, cited)


def functional_syndromes() -> list[FunctionalSyndrome]:
    """The functional syndromes the engine knows, in file order."""
    return list(load_syndromes().functional)


def hereditary_syndromes() -> list[HereditarySyndrome]:
    """The hereditary syndromes the engine knows, in file order."""
    return list(load_syndromes().hereditary)


def syndrome_table(kind: str = "functional") -> Table:
    """The functional or hereditary syndromes as a table (HTML in a notebook, text elsewhere).

    >>> print(syndrome_table("hereditary").rows[1]["syndrome"])
    von Hippel-Lindau disease (VHL)
    """
    kind = choice("kind", kind, ("functional", "hereditary"))
    book = load_syndromes()
    if kind == "functional":
        rows = [{"syndrome": s.name, "hormone": s.hormone, "presentation": s.presentation,
                 "how it steers therapy": s.steers_therapy, "sources": book.shorts(s.sources)}
                for s in book.functional]
    else:
        rows = [{"syndrome": f"{s.name} ({s.id})", "gene or pathway": s.pathway,
                 "how it steers therapy": s.steers_therapy, "sources": book.shorts(s.sources)}
                for s in book.hereditary]
    return Table(rows)


def references() -> list[Source]:
    """Every source the syndromes file cites, for a lesson's reference list (in the order of the
    sources file).

    >>> [s.short for s in references()][:2]
    ['ENETS 2023 functioning panNET syndromes (Hofland 2023)', 'Gamage 2025 (SSAs in insulinoma)']
    """
    return list(load_syndromes().sources.values())
