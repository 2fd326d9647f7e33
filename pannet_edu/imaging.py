"""SSTR and FDG imaging as inputs that steer therapy, loaded from ``data/imaging.yaml``.

:func:`read_sstr_imaging` turns per-lesion Krenning scores into the ``sstr`` status the sequencing
engine uses, so a learner sees how an imaging report becomes a therapy gate.

>>> read_sstr_imaging([3, 4, 3]).status
'positive'
>>> read_sstr_imaging([3, 1, 4]).status
'heterogeneous'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import _datafile
from ._datafile import DataFileError
from .render import Table
from .sources import Source

IMAGING_FILE = _datafile.DATA_DIR / "imaging.yaml"

#: The lowest Krenning score CLARINET accepted for target lesions and NETTER-1 stratified from;
#: NETTER-2 asked for more (uptake score 3-4, above liver). See ``trial_requirements()``.
TRIAL_MINIMUM_KRENNING = 2
KRENNING_SCORES = (0, 1, 2, 3, 4)


@dataclass(frozen=True)
class ImagingBook:
    """Everything in the imaging file, validated."""

    krenning_scale: tuple[tuple[int, str], ...]
    modalities: tuple[dict, ...]
    trial_requirements: tuple[dict, ...]
    patterns: tuple[dict, ...]
    sources: dict[str, dict]

    def cite(self, source_id: str) -> str:
        """The citation line for a source id used in this file."""
        return _datafile.cite(self.sources[source_id])


def load_imaging(path: Path | str | None = None) -> ImagingBook:
    """Load and validate an imaging file (default: the packaged one).

    >>> load_imaging().krenning_scale[3]
    (3, 'higher than normal liver')
    """
    return _load_default() if path is None else _load(Path(path))


@lru_cache(maxsize=1)
def _load_default() -> ImagingBook:
    return _load(IMAGING_FILE)


def _records(file: str, data: dict, section: str, fields: tuple[str, ...],
             key: str, known: dict) -> tuple[dict, ...]:
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
    known = _datafile.sources(file, data)
    scale = []
    for record in _datafile.entries(file, data, "krenning_scale"):
        score = record.get("score")
        entry = f"krenning_scale score {score}"
        if isinstance(score, bool) or score not in KRENNING_SCORES:
            raise DataFileError(file, entry, "score", "must be a whole number from 0 to 4")
        _datafile.cited(file, entry, record, known)
        scale.append((score, _datafile.text(file, entry, record, "uptake")))
    if sorted(s for s, _ in scale) != list(KRENNING_SCORES):
        raise DataFileError(file, "(krenning_scale)", "score", "needs each score 0-4 exactly once")
    return ImagingBook(
        krenning_scale=tuple(sorted(scale)),
        modalities=_records(file, data, "modalities", ("id", "name", "role"), "id", known),
        trial_requirements=_records(file, data, "trial_requirements", ("trial", "requirement"),
                                    "trial", known),
        patterns=_records(file, data, "patterns", ("id", "pattern", "meaning"), "id", known),
        sources=known,
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


def read_sstr_imaging(lesion_scores: Sequence[int], minimum: int = TRIAL_MINIMUM_KRENNING
                      ) -> SstrReading:
    """Read per-lesion Krenning scores (0-4) as positive, heterogeneous, negative or unknown.

    ``minimum`` is the score a lesion needs to count as SSTR-positive: by default the trial floor
    (2); use 3 for NETTER-2's stricter "above liver". No lesions scored means ``"unknown"``.

    >>> read_sstr_imaging([2, 2], minimum=3).status
    'negative'
    >>> read_sstr_imaging([]).status
    'unknown'
    >>> read_sstr_imaging([5])
    Traceback (most recent call last):
    ...
    ValueError: lesion_scores must be whole Krenning scores 0-4; got 5
    """
    if isinstance(minimum, bool) or minimum not in KRENNING_SCORES[1:]:
        raise ValueError(f"minimum must be a Krenning score from 1 to 4; got {minimum!r}")
    if isinstance(lesion_scores, str | bytes) or not isinstance(lesion_scores, Sequence):
        raise TypeError(f"lesion_scores must be a list of Krenning scores 0-4; got "
                        f"{lesion_scores!r}")
    for score in lesion_scores:
        if isinstance(score, bool) or score not in KRENNING_SCORES:
            raise ValueError(f"lesion_scores must be whole Krenning scores 0-4; got {score!r}")
    scale = dict(krenning_scale())
    if not lesion_scores:
        return SstrReading("unknown", "No lesion scored: image with SSTR PET before deciding on "
                           "an SSA or PRRT.")
    positive = [s for s in lesion_scores if s >= minimum]
    n, k = len(lesion_scores), len(positive)
    threshold = f"Krenning {minimum} or more ({scale[minimum]})"
    if minimum > TRIAL_MINIMUM_KRENNING:
        return _read_against_a_stricter_bar(lesion_scores, minimum, threshold, scale)
    if k == n:
        return SstrReading("positive", f"All {n} lesions reach {threshold}: SSTR-positive.")
    if k == 0:
        return SstrReading("negative", f"No lesion reaches {threshold}: SSTR-negative.")
    return SstrReading("heterogeneous", f"{k} of {n} lesions reach {threshold}; the others would "
                       "escape an SSA or PRRT: SSTR-heterogeneous.")


def _read_against_a_stricter_bar(lesion_scores: Sequence[int], minimum: int, threshold: str,
                                 scale: dict[int, str]) -> SstrReading:
    """A bar above the trial floor (NETTER-2's "above liver") asks whether lesions meet *that*
    bar; a lesion below it but at the floor is still SSTR-positive, and the text says so.

    >>> print(read_sstr_imaging([2, 2], minimum=3).explanation)
    No lesion reaches Krenning 3 or more (higher than normal liver): below this bar. All 2 lesions \
reach Krenning 2 (slightly lower than or equal to normal liver), so they are SSTR-positive, only \
not above this bar.
    """
    n = len(lesion_scores)
    k = sum(s >= minimum for s in lesion_scores)
    at_floor = sum(s >= TRIAL_MINIMUM_KRENNING for s in lesion_scores)
    floor = f"Krenning {TRIAL_MINIMUM_KRENNING} ({scale[TRIAL_MINIMUM_KRENNING]})"
    if k == n:
        return SstrReading("positive", f"All {n} lesions reach {threshold}: they meet this bar.")
    if at_floor == 0:
        below = "SSTR-negative."
    elif at_floor == n:
        below = (f"All {n} lesions reach {floor}, so they are SSTR-positive, only not above "
                 "this bar.")
    else:
        below = f"{at_floor} of {n} lesions reach {floor}: SSTR-positive lesions below this bar."
    if k == 0:
        return SstrReading("negative", f"No lesion reaches {threshold}: below this bar. {below}")
    return SstrReading("heterogeneous", f"{k} of {n} lesions reach {threshold}; the others fall "
                       f"below this bar. {below}")


def _shorts(book: ImagingBook, source_ids: tuple[str, ...]) -> str:
    return "; ".join(book.sources[s]["short"] for s in source_ids)


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
_PATTERN_WORDS = {"positive": "SSTR-positive", "heterogeneous": "SSTR-heterogeneous",
                  "negative": "SSTR-negative", "fdg_avid": "FDG-avid"}


def patterns_table() -> Table:
    """How SSTR and FDG patterns are read when choosing therapy, with sources."""
    book = load_imaging()
    return Table([{"pattern": _PATTERN_WORDS.get(p["id"], p["id"]),
                   "what the images show": p["pattern"],
                   "what it means for therapy": p["meaning"],
                   "source": _shorts(book, p["sources"])} for p in book.patterns])


def references() -> list[Source]:
    """Every source the imaging file cites, for a lesson's reference list."""
    book = load_imaging()
    return [_datafile.as_source(book.sources[s]) for s in book.sources]
