"""Exports of the question bank (and generated vignettes) to where learners already are.

    pannet-edu export --format moodle|qti|gift|anki [--lesson ID] [--out PATH] [--seed N]
                      [--include-vignettes N]

* ``moodle``: Moodle XML, one category per lesson (:mod:`.moodle`);
* ``qti``: a QTI 1.2 zip that Canvas imports, one quiz per lesson (:mod:`.qti`);
* ``gift``: Moodle GIFT text (:mod:`.gift`);
* ``anki``: an Anki ``.apkg`` of the questions and fact cards (:mod:`.anki`; needs genanki).

Every export states the content review date and the education-only notice, is written to a
temporary file and renamed when complete, and is byte-for-byte the same when nothing changed.

>>> import pathlib, tempfile
>>> out = pathlib.Path(tempfile.mkdtemp()) / "bank.gift.txt"
>>> export("gift", out, lesson="00_start_here").name
'bank.gift.txt'
>>> export("pdf", out)
Traceback (most recent call last):
...
ValueError: format must be one of moodle, qti, gift, anki; got 'pdf'
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import safe_files
from ..content.fields import short_repr
from . import anki, gift, moodle, qti
from .common import (
    EXTENSIONS,
    FORMATS,
    Bundle,
    check_out_path,
    collect,
    default_name,
    out_path,
    write_atomic,
)

RENDERERS = {"moodle": moodle.render, "qti": qti.render, "gift": gift.render, "anki": anki.render}

__all__ = ["EXTENSIONS", "FORMATS", "Bundle", "collect", "default_name", "export", "render"]


def render(
    fmt: str,
    lesson: str | None = None,
    *,
    seed: int = 0,
    include_vignettes: int = 0,
    previous: bytes | None = None,
) -> bytes:
    """The export as bytes, without writing anything.

    ``previous`` (Anki only) is the deck this one revises: see :func:`.anki.render`.

    >>> render("moodle", "00_start_here").count(b'<question type="category">')
    1
    """
    if fmt not in RENDERERS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {short_repr(fmt)}")
    if previous is not None and fmt != "anki":
        raise ValueError(f"previous is for the anki format only; got format {short_repr(fmt)}")
    bundle = collect(lesson, seed=seed, include_vignettes=include_vignettes)
    if fmt == "anki":
        return anki.render(bundle, previous)
    return RENDERERS[fmt](bundle)


def _previous_deck(path: Path, given: str | os.PathLike[str] | None) -> bytes | None:
    """The deck learners already have: ``given``, else the file this export replaces."""
    source = Path(given) if given is not None else path
    if given is None and not source.exists():
        return None
    try:
        data = safe_files.read_regular(source, limit=1 << 30)
        anki.previous_notes(data)  # refuses anything that is not an Anki package
    except (ValueError, OSError) as exc:
        flag = "--previous" if given is not None else "--out"
        raise ValueError(f"{flag} {source}: cannot read it as the previous Anki deck ({exc})"
                         ) from None
    return data


def export(
    fmt: str,
    out: str | os.PathLike[str] | None = None,
    *,
    lesson: str | None = None,
    seed: int = 0,
    include_vignettes: int = 0,
    previous: str | os.PathLike[str] | None = None,
) -> Path:
    """Write one export and return its path (default ``pannet-edu-<lesson or all><ext>``).

    ``out`` may be a file (the format's extension is added when it has none), a folder (the
    default name is written inside it) or a file in a folder still to be made (see
    :func:`.common.out_path`). Bad arguments raise ``ValueError`` before anything is written;
    the file appears only when complete.

    For Anki, ``previous`` names the deck learners already have (default: the file ``out``
    replaces, which must then be an Anki deck): notes changed since it are written newer, so
    re-importing the new deck updates them (see :mod:`.anki`).
    """
    if fmt not in RENDERERS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {short_repr(fmt)}")
    if previous is not None and fmt != "anki":
        raise ValueError(f"--previous is for --format anki only; got {short_repr(fmt)}")
    path = check_out_path(out_path(out, fmt, lesson))
    earlier = _previous_deck(path, previous) if fmt == "anki" else None
    data = render(fmt, lesson, seed=seed, include_vignettes=include_vignettes,
                  previous=earlier)
    return write_atomic(path, data)
