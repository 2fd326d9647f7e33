"""SSTR and FDG imaging as inputs that steer therapy, loaded from ``data/imaging.yaml``.

:func:`read_sstr_imaging` turns per-lesion Krenning scores into the ``sstr`` status the sequencing
engine uses, so a learner sees how an imaging report becomes a therapy gate.

>>> read_sstr_imaging([3, 4, 3]).status
'positive'
>>> read_sstr_imaging([3, 1, 4]).status
'heterogeneous'
>>> read_sstr_imaging([2, 3]).status
'equal_to_liver'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real
from pathlib import Path

from ..content import ContentError
from ..content import reader as _datafile
from ..content.fields import is_boolean, short_repr
from ..content.sources import Source, sources, sources_file
from ..display import Table

IMAGING_FILE = _datafile.DATA_DIR / "imaging.yaml"

KRENNING_SCORES = (0, 1, 2, 3, 4)
#: The engine's SSTR status for the weakest lesion's Krenning score when every lesion takes up
#: the tracer: 1 below normal liver, 2 equal to liver (the EU Lutathera threshold; CLARINET's
#: floor), 3-4 above liver (NETTER-2). A lesion scored 0 has no uptake.
STATUS_BY_WEAKEST_SCORE = {1: "below_liver", 2: "equal_to_liver", 3: "positive", 4: "positive"}


@dataclass(frozen=True)
class ImagingBook:
    """Everything in the imaging file, validated."""

    krenning_scale: tuple[tuple[int, str], ...]
    modalities: tuple[dict, ...]
    trial_requirements: tuple[dict, ...]
    patterns: tuple[dict, ...]
    #: the sources the file cites (ids of ``data/sources.yaml``), in that file's order
    sources: dict[str, Source]

    def cite(self, source_id: str) -> str:
        """The citation line for a source id used in this file.

        >>> load_imaging().cite("CAPLIN_2014")  # doctest: +ELLIPSIS
        'Caplin ME et al. N Engl J Med 2014;371:224-233 (CLARINET). PMID 25014687 (secondary...'
        """
        return self.sources[source_id].cite()


def load_imaging(path: Path | str | None = None) -> ImagingBook:
    """Load and validate an imaging file (default: the packaged one).

    >>> load_imaging().krenning_scale[3]
    (3, 'higher than normal liver')
    """
    return _load_default() if path is None else _load(Path(path))


def _load_default() -> ImagingBook:
    """The packaged file (or ``$PANNET_EDU_DATA_DIR/imaging.yaml``), read again when it changes."""
    path = _datafile.data_dir() / "imaging.yaml"
    return _datafile.cached(_load, path, sources_file())


def _records(file: str, data: dict, section: str, fields: tuple[str, ...],
             key: str, known: dict[str, Source]) -> tuple[dict, ...]:
    out = []
    for record in _datafile.entries(file, data, section):
        entry = f"{section} {record.get(key, '(no ' + key + ')')}"
        row = {f: _datafile.text(file, entry, record, f) for f in fields}
        row["sources"] = _datafile.cited(file, entry, record, known)
        out.append(row)
    return tuple(out)


def _load(path: Path) -> ImagingBook:
    file = path.name
    data = _datafile.read_yaml(path)
    if "sources" in data:
        raise ContentError(file, "(sources)", "sources", "citations are kept in sources.yaml; "
                           "list their ids in each entry's sources instead")
    known = sources()
    used: list[str] = []
    scale = []
    for record in _datafile.entries(file, data, "krenning_scale"):
        score = record.get("score")
        entry = f"krenning_scale score {short_repr(score, 20)}"
        if not _whole_score(score, KRENNING_SCORES) or isinstance(score, float):
            raise ContentError(file, entry, "score", "must be a whole number from 0 to 4")
        if score in [s for s, _ in scale]:
            raise ContentError(file, entry, "score", "appears twice; give each score 0-4 once")
        used += _datafile.cited(file, entry, record, known)
        scale.append((score, _datafile.text(file, entry, record, "uptake")))
    if sorted(s for s, _ in scale) != list(KRENNING_SCORES):
        raise ContentError(file, "(krenning_scale)", "score", "needs each score 0-4 exactly once")
    modalities = _records(file, data, "modalities", ("id", "name", "role"), "id", known)
    requirements = _records(file, data, "trial_requirements", ("trial", "requirement"), "trial",
                            known)
    patterns = _records(file, data, "patterns", ("id", "pattern", "meaning"), "id", known)
    used += [s for row in modalities + requirements + patterns for s in row["sources"]]
    return ImagingBook(
        krenning_scale=tuple(sorted(scale)),
        modalities=modalities,
        trial_requirements=requirements,
        patterns=patterns,
        sources={i: source for i, source in known.items() if i in used},
    )


def krenning_scale() -> list[tuple[int, str]]:
    """The Krenning uptake scale as (score, uptake) pairs.

    >>> krenning_scale()[0]
    (0, 'no uptake')
    """
    return list(load_imaging().krenning_scale)


@dataclass(frozen=True)
class SstrReading:
    """The SSTR status for the engine (``Patient.sstr``) read from lesion scores, and why."""

    status: str
    explanation: str


def read_sstr_imaging(lesion_scores: Sequence[int]) -> SstrReading:
    """Read per-lesion Krenning scores (0-4) as the engine's SSTR status; the weakest lesion
    decides, because PRRT reaches each lesion only as far as that lesion takes up the tracer.

    Every lesion above liver (3-4) reads ``"positive"``; the weakest equal to liver (2) reads
    ``"equal_to_liver"`` (a weaker but real PRRT target, SSTR-positive for an SSA); no lesion
    above Krenning 1 reads ``"below_liver"`` (not a PRRT target), no uptake at all
    ``"negative"``. Lesions below liver or without uptake beside lesions at or above liver read
    ``"heterogeneous"``; no lesion scored ``"unknown"``.

    >>> read_sstr_imaging([2, 2]).status, read_sstr_imaging([1, 3]).status
    ('equal_to_liver', 'heterogeneous')
    >>> read_sstr_imaging([1, 1]).status, read_sstr_imaging([0, 0]).status
    ('below_liver', 'negative')
    >>> read_sstr_imaging([]).status
    'unknown'
    >>> read_sstr_imaging([5])
    Traceback (most recent call last):
    ...
    ValueError: lesion_scores must be whole Krenning scores 0-4; got 5
    """
    if isinstance(lesion_scores, str | bytes) or not isinstance(lesion_scores, Sequence):
        raise TypeError(f"lesion_scores must be a list of Krenning scores 0-4; got "
                        f"{short_repr(lesion_scores)}")
    for score in lesion_scores:
        if not _whole_score(score, KRENNING_SCORES):
            raise ValueError("lesion_scores must be whole Krenning scores 0-4; got "
                             f"{short_repr(score)}")
    lesion_scores = [int(score) for score in lesion_scores]
    scale = dict(krenning_scale())
    if not lesion_scores:
        return SstrReading("unknown", "No lesion scored: image with SSTR PET before deciding on "
                           "an SSA or PRRT.")
    n = len(lesion_scores)
    weakest, strongest = min(lesion_scores), max(lesion_scores)
    if strongest == 0:
        return SstrReading("negative", f"No lesion of {n} takes up the tracer: SSTR-negative.")
    if weakest <= 1 < strongest:
        weak = sum(1 for s in lesion_scores if s <= 1)
        return SstrReading("heterogeneous", f"{weak} of {n} lesions take up the tracer below "
                           "normal liver or not at all, while others reach liver level or more; "
                           "the weak lesions would escape an SSA or PRRT: SSTR-heterogeneous.")
    status = STATUS_BY_WEAKEST_SCORE[max(weakest, 1)]
    weakest_words = f"the weakest lesion is Krenning {weakest} ({scale[weakest]})"
    meaning = {
        "positive": "SSTR-positive: an SSA can act and PRRT can reach every lesion.",
        "equal_to_liver": "uptake equal to normal liver: SSTR-positive for an SSA, and a weaker "
                          "but real PRRT target (it meets the EU label threshold; NETTER-2 asked "
                          "for uptake above liver).",
        "below_liver": "uptake below normal liver at best: not a PRRT target, and outside "
                       "CLARINET's Krenning 2 or more for an SSA.",
    }[status]
    return SstrReading(status, f"{n} lesion{'s' if n > 1 else ''} scored; {weakest_words}: "
                       f"{meaning}")


def _whole_score(value: object, allowed: tuple[int, ...]) -> bool:
    """A Krenning score: a whole number among ``allowed`` (2 or 2.0; never True or "2")."""
    if is_boolean(value) or not isinstance(value, Real):
        return False
    try:
        return float(value).is_integer() and int(value) in allowed
    except (OverflowError, ValueError):
        return False


def _shorts(book: ImagingBook, source_ids: tuple[str, ...]) -> str:
    return "; ".join(book.sources[s].short for s in source_ids)


def krenning_table() -> Table:
    """The Krenning uptake scale as a table.

    >>> krenning_table().rows[3]
    {'Krenning score': 3, 'tumour uptake': 'higher than normal liver'}
    """
    return Table([{"Krenning score": s, "tumour uptake": u} for s, u in krenning_scale()])


def trial_requirements_table() -> Table:
    """What each pivotal trial required of SSTR imaging, with sources.

    >>> [r["trial"] for r in trial_requirements_table().rows][:3]
    ['CLARINET', 'NETTER-1', 'NETTER-2']
    """
    book = load_imaging()
    return Table([{"trial": r["trial"], "SSTR imaging required": r["requirement"],
                   "source": _shorts(book, r["sources"])} for r in book.trial_requirements])


def modalities_table() -> Table:
    """SSTR PET, scintigraphy and FDG-PET: what each contributes, with sources."""
    book = load_imaging()
    return Table([{"method": m["name"], "role": m["role"], "source": _shorts(book, m["sources"])}
                  for m in book.modalities])


#: How the pattern ids of imaging.yaml read in a table.
_PATTERN_WORDS = {"positive": "SSTR-positive", "equal_to_liver": "uptake equal to liver",
                  "below_liver": "uptake below liver", "heterogeneous": "SSTR-heterogeneous",
                  "negative": "SSTR-negative", "fdg_avid": "FDG-avid"}


def patterns_table() -> Table:
    """How SSTR and FDG patterns are read when choosing therapy, with sources."""
    book = load_imaging()
    return Table([{"pattern": _PATTERN_WORDS.get(p["id"], p["id"]),
                   "what the images show": p["pattern"],
                   "what it means for therapy": p["meaning"],
                   "source": _shorts(book, p["sources"])} for p in book.patterns])


def references() -> list[Source]:
    """Every source the imaging file cites, for a lesson's reference list (in the order of the
    sources file).

    >>> references()[0].note.startswith("secondary source; https://")
    True
    """
    return list(load_imaging().sources.values())
