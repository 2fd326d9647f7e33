"""The words of reasoning the lessons' self-checks give beside an answer, read from the data.

One home for them: ``data/selfchecks.yaml`` holds each reason by id (general reasoning only, never
a number: every number a self-check shows is read from the data files with its source). A bad
entry raises :class:`~pannet_edu.content.ContentError` naming the file, the entry and the field.

>>> reason("not-approved")
'No regulator had approved it for NETs in the sources checked.'
"""

from __future__ import annotations

import os

from ..content import ContentError
from ..content import reader as _datafile
from ..content.fields import short_repr
from .files import entry_id, read_yaml

__all__ = ["reason", "reasons"]

def reasons(path: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Every reason of ``selfchecks.yaml`` by id; a bad entry raises
    :class:`~pannet_edu.content.ContentError` naming the file, the entry and the field.

    >>> reasons()["median-not-reached"][:30]
    'Not reached means fewer than h'
    """
    from ..content.manifest import lesson_ids

    file = _datafile.data_dir() / "selfchecks.yaml" if path is None else path
    data = read_yaml(file)
    name = "selfchecks.yaml"
    if not isinstance(data, dict) or set(data) != {"reasons"} or not isinstance(
            data["reasons"], list) or not data["reasons"]:
        raise ContentError(name, "(file)", "(top level)",
                           "the file must hold 'reasons', a non-empty list of entries")
    known_lessons = lesson_ids()
    out: dict[str, str] = {}
    for number, raw in enumerate(data["reasons"], start=1):
        if not isinstance(raw, dict):
            raise ContentError(name, f"#{number}", "(entry)",
                               f"an entry has id, lesson and text; got {short_repr(raw)}")
        rid = entry_id(name, f"#{number}", raw.get("id"), "median-not-reached")
        unknown = sorted(set(raw) - {"id", "lesson", "text"})
        if unknown:
            raise ContentError(name, rid, unknown[0], "unknown field (an entry has id, lesson "
                               "and text)")
        if raw.get("lesson") not in known_lessons:
            raise ContentError(name, rid, "lesson", f"must be a lesson id of the manifest; got "
                               f"{short_repr(raw.get('lesson'))}")
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ContentError(name, rid, "text", "missing (the reason, as a sentence)")
        if any(character.isdigit() for character in text):
            raise ContentError(name, rid, "text", "holds a number: a reason is general "
                               "reasoning; read every number from the data files instead")
        if rid in out:
            raise ContentError(name, rid, "id", "duplicate id")
        out[rid] = " ".join(text.split())
    return out


def reason(reason_id: str) -> str:
    """One reason by id, as the lessons quote it.

    >>> reason("not-approved")
    'No regulator had approved it for NETs in the sources checked.'
    >>> reason("nope")
    Traceback (most recent call last):
    ...
    ValueError: reason_id must be one of the ids in selfchecks.yaml (...); got 'nope'
    """
    found = reasons()
    if reason_id not in found:
        raise ValueError(f"reason_id must be one of the ids in selfchecks.yaml "
                         f"({', '.join(found)}); got {short_repr(reason_id)}")
    return found[reason_id]
