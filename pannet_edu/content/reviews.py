"""Content-reviewed dates and trust statements: when the content was last checked, which lessons
a clinician has reviewed, and who the material is for.

Two kinds of review, read from two files:

- ``content_reviewed`` in ``data/meta.yaml``: the date the clinical content as a whole was last
  checked against its sources (shown on every handout, export and the dashboard);
- ``reviewer`` and ``reviewed`` of each lesson in ``data/lessons.yaml`` (the lesson manifest): a
  lesson counts as reviewed only when the data name a reviewer *and* a date; until then it says
  plainly that no clinician has reviewed it. Nothing here invents a reviewer.

``meta.yaml`` also holds the audience, licence, funding and conflict-of-interest statements
(:func:`about`). Every problem is a :class:`~pannet_edu.content.ContentError` naming the file,
the entry and the field.

>>> content_reviewed().isoformat() >= "2026-12-07"
True
>>> lesson_review("03_somatostatin_analogues").status()
'Clinical review: not yet reviewed by a clinician.'
>>> about().conflicts_of_interest
'None declared by the authors.'
"""

from __future__ import annotations

import contextlib
import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from ..display import MUTED_TEXT, escape
from . import reader as _datafile
from .errors import ContentError
from .fields import short_repr
from .manifest import lesson as manifest_lesson

META_FILE = Path(__file__).resolve().parents[1] / "data" / "meta.yaml"
NOT_REVIEWED = "not yet reviewed by a clinician"
_TOP = "(top level)"


def _read_meta(path: str | os.PathLike[str] | None) -> tuple[Path, dict]:
    meta_file = Path(path) if path is not None else _datafile.data_dir() / META_FILE.name
    if not meta_file.exists():
        raise ContentError(meta_file, "(file)", "(file)", f"file not found ({meta_file})")
    try:
        meta = _datafile.load_yaml(meta_file)
    except _datafile.ContentError as exc:
        raise ContentError(exc.file, exc.entry, exc.field, exc.problem) from None
    if meta is None:  # an empty file holds no fields: each caller names the one it needs
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError(meta_file, "(file)", "(top level)", "expected a mapping of fields")
    return meta_file, meta


def content_reviewed(path: str | os.PathLike[str] | None = None) -> datetime.date:
    """The date the clinical content was last reviewed, from ``data/meta.yaml``.

    ``path`` defaults to the packaged file (or ``meta.yaml`` in ``$PANNET_EDU_DATA_DIR``); the
    field is ``content_reviewed: YYYY-MM-DD``, a real date that is not in the future (a review
    cannot have happened tomorrow, and a handout must not claim it did).

    >>> content_reviewed().year >= 2026
    True
    """
    meta_file, meta = _read_meta(path)
    if "content_reviewed" not in meta:
        raise ContentError(meta_file, _TOP, "content_reviewed",
                           "'content_reviewed' is missing (write the date of the review, "
                           "YYYY-MM-DD)")
    value = meta["content_reviewed"]
    if isinstance(value, str):
        with contextlib.suppress(ValueError):  # not a date: reported just below
            value = datetime.date.fromisoformat(value.strip())
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise ContentError(meta_file, _TOP, "content_reviewed",
                           f"'content_reviewed' must be a date written YYYY-MM-DD, "
                           f"got {short_repr(value)}")
    if value > datetime.date.today():
        raise ContentError(meta_file, _TOP, "content_reviewed",
                           f"'content_reviewed' is {value.isoformat()}, a date in the future; "
                           "give the date the review was done")
    return value


def content_checked_line(path: str | os.PathLike[str] | None = None) -> str:
    """What the content date means, as every page prints it: the date the facts were last
    checked against their sources, and whether a clinician has reviewed the lessons (the two
    are different reviews, and a reader must not take one for the other).

    Both come from one data folder: that of ``path`` (a ``meta.yaml``), whose ``lessons.yaml``
    beside it gives the reviews, or by default the data folder in use.

    >>> content_checked_line().startswith("Facts last checked against their sources ")
    True
    >>> content_checked_line().endswith("no lesson has yet been reviewed by a clinician.")
    True
    """
    from .manifest import MANIFEST_FILE, load_manifest

    folder = Path(path).parent if path is not None else _datafile.data_dir()
    lessons = load_manifest(folder / MANIFEST_FILE.name)
    reviewed = sum(1 for entry in lessons if entry.reviewer is not None
                   and entry.reviewed is not None)
    clinical = ("no lesson has yet been reviewed by a clinician" if reviewed == 0 else
                f"{reviewed} of {len(lessons)} lessons reviewed by a clinician")
    # A lesson gives its own, older date (its oldest fact's check): say which date this is, so
    # that a learner seeing both does not read them as one contradicting the other.
    return (f"Facts last checked against their sources {content_reviewed(path).isoformat()} "
            f"(the latest check; each lesson gives the date of its oldest); {clinical}.")


@dataclass(frozen=True)
class LessonReview:
    """The clinical review of one lesson: ``reviewer`` and ``reviewed`` are both set, or both
    ``None`` (not yet reviewed)."""

    lesson: str
    reviewer: str | None = None
    reviewed: datetime.date | None = None

    @property
    def is_reviewed(self) -> bool:
        return self.reviewer is not None and self.reviewed is not None

    def status(self) -> str:
        """One sentence for a lesson header or a handout.

        >>> LessonReview("x", "Dr A. Example, medical oncologist",
        ...              datetime.date(2027, 1, 5)).status()
        'Clinical review: reviewed 2027-01-05 by Dr A. Example, medical oncologist.'
        """
        if not self.is_reviewed:
            return f"Clinical review: {NOT_REVIEWED}."
        return f"Clinical review: reviewed {self.reviewed.isoformat()} by {self.reviewer}."

    def _repr_html_(self) -> str:
        return (
            f'<p class="pannet-review" style="margin:2px 0;color:{MUTED_TEXT}">'
            f"<strong>{escape(self.status())}</strong> "
            f"{escape(audience_line())}</p>"
        )

    def __repr__(self) -> str:
        return f"{self.status()} {audience_line()}"


def lesson_review(lesson: str, path: str | os.PathLike[str] | None = None) -> LessonReview:
    """The review status of ``lesson`` (a notebook's name without ``.ipynb``, e.g.
    ``"05_prrt"``), as recorded in the lesson manifest (``path``, default ``lessons.yaml``).

    Shown in a notebook, it prints the status and the audience statement.

    >>> lesson_review("05_prrt").is_reviewed
    False
    >>> lesson_review("99_none")
    Traceback (most recent call last):
    ...
    ValueError: lesson must be one of the lessons in lessons.yaml (...), got '99_none'
    """
    entry = manifest_lesson(lesson, path)
    return LessonReview(lesson, entry.reviewer, entry.reviewed)


@dataclass(frozen=True)
class About:
    """The audience, licence, funding and conflict-of-interest statements."""

    audience: str
    funding: str
    conflicts_of_interest: str
    content_licence: str
    content_licence_url: str
    code_licence: str

    def lines(self) -> list[str]:
        """The statements as sentences, audience first.

        >>> about().lines()[-1]
        'Conflicts of interest: None declared by the authors.'
        """
        return [
            f"Audience: {self.audience}",
            f"Licence: teaching material {self.content_licence}; code {self.code_licence}.",
            f"Funding: {self.funding}",
            f"Conflicts of interest: {self.conflicts_of_interest}",
        ]


def about(path: str | os.PathLike[str] | None = None) -> About:
    """The statements in ``meta.yaml`` (audience, licence, funding, conflicts of interest).

    >>> about().content_licence
    'Creative Commons Attribution 4.0 International (CC BY 4.0)'
    """
    meta_file, meta = _read_meta(path if path is not None else META_FILE)
    licence = meta.get("licence") or {}
    fields = {
        "audience": meta.get("audience"),
        "funding": meta.get("funding"),
        "conflicts_of_interest": meta.get("conflicts_of_interest"),
        "content_licence": licence.get("content"),
        "content_licence_url": licence.get("content_url"),
        "code_licence": licence.get("code"),
    }
    missing = [name for name, value in fields.items() if not isinstance(value, str) or not value]
    if missing:
        raise ContentError(meta_file, _TOP, missing[0],
                           f"missing or empty field(s): {', '.join(missing)}")
    return About(**{name: value.strip() for name, value in fields.items()})


def audience_line() -> str:
    """The short statement under a lesson title.

    >>> audience_line().startswith("For medical students")
    True
    """
    return (
        "For medical students, residents and other health professionals learning; "
        f"teaching material under {about().content_licence.split('(')[-1].rstrip(')')}."
    )
