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
    if k == n:
        return SstrReading("positive", f"All {n} lesions reach {threshold}: SSTR-positive.")
    if k == 0:
        return SstrReading("negative", f"No lesion reaches {threshold}: SSTR-negative.")
    return SstrReading("heterogeneous", f"{k} of {n} lesions reach {threshold}; the others would "
                       "escape an SSA or PRRT: SSTR-heterogeneous.")


def krenning_table_html() -> str:
    """The Krenning scale and the trials' imaging requirements as HTML, with references.

    >>> "NETTER-2" in krenning_table_html()
    True
    """
    from .render import escape

    book = load_imaging()
    cell = "padding:3px 6px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top"
    scale = "".join(f'<tr><td style="{cell}">{s}</td><td style="{cell}">{escape(u)}</td></tr>'
                    for s, u in book.krenning_scale)
    trials = "".join(f'<tr><td style="{cell}">{escape(r["trial"])}</td>'
                     f'<td style="{cell}">{escape(r["requirement"])}</td></tr>'
                     for r in book.trial_requirements)
    used = dict.fromkeys(["radiopaedia_krenning", *(s for r in book.trial_requirements
                                                     for s in r["sources"])])
    refs = "".join(f"<li>{escape(book.cite(s))}</li>" for s in used)
    return (f'<div style="font-family:sans-serif;max-width:60em"><table style="border-collapse:'
            f'collapse;font-size:90%;margin-bottom:8px"><tr><th style="{cell}">Krenning score'
            f'</th><th style="{cell}">Tumour uptake</th></tr>{scale}</table>'
            f'<table style="border-collapse:collapse;font-size:90%"><tr><th style="{cell}">Trial'
            f'</th><th style="{cell}">SSTR imaging required</th></tr>{trials}</table>'
            f'<ol style="font-size:smaller">{refs}</ol></div>')
