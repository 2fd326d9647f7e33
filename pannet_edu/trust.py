"""Trust marks: who the material is for, its licence, funding and conflicts of interest, and the
clinical review status of each lesson, all read from ``data/meta.yaml``.

A lesson counts as reviewed only when the data name a reviewer *and* a review date; until then it
says plainly that no clinician has reviewed it. Nothing here invents a reviewer.

>>> lesson_review("03_somatostatin_analogues").status()
'Clinical review: not yet reviewed by a clinician.'
>>> about().conflicts_of_interest
'None declared by the authors.'
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from .display import LINK_TEXT, MUTED_TEXT, escape

META_FILE = Path(__file__).resolve().parent / "data" / "meta.yaml"
NOT_REVIEWED = "not yet reviewed by a clinician"


class TrustError(ValueError):
    """A bad entry in ``meta.yaml``; the message names the file, the lesson and the field."""


def _meta(path: Path | None = None) -> dict:
    import yaml

    meta_file = path or META_FILE
    meta = yaml.safe_load(meta_file.read_text(encoding="utf-8"))
    if not isinstance(meta, dict):
        raise TrustError(f"{meta_file}: expected a mapping of fields")
    return meta


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


def lesson_review(lesson: str, path: Path | None = None) -> LessonReview:
    """The review status of ``lesson`` (a notebook's name without ``.ipynb``, e.g.
    ``"05_prrt"``), as recorded in ``meta.yaml``'s ``lessons:`` block.

    Shown in a notebook, it prints the status and the audience statement.

    >>> lesson_review("05_prrt").is_reviewed
    False
    >>> lesson_review("99_none")
    Traceback (most recent call last):
    ...
    ValueError: lesson must be one of the lessons in meta.yaml (00_start_here, ...), got '99_none'
    """
    meta_file = path or META_FILE
    lessons = _meta(meta_file).get("lessons") or {}
    if lesson not in lessons:
        first = next(iter(lessons), "none")
        raise ValueError(
            f"lesson must be one of the lessons in meta.yaml ({first}, ...), got {lesson!r}"
        )
    entry = lessons[lesson] or {}
    reviewer, reviewed = entry.get("reviewer"), entry.get("reviewed")
    if isinstance(reviewed, str):
        try:
            reviewed = datetime.date.fromisoformat(reviewed)
        except ValueError:
            raise TrustError(f"{meta_file}: lessons.{lesson}.reviewed must be YYYY-MM-DD, "
                             f"got {reviewed!r}") from None
    if (reviewer is None) != (reviewed is None):
        raise TrustError(
            f"{meta_file}: lessons.{lesson} needs both reviewer and reviewed (a clinician's name "
            "and the date), or neither"
        )
    if reviewer is not None and (not isinstance(reviewer, str) or not reviewer.strip()):
        raise TrustError(f"{meta_file}: lessons.{lesson}.reviewer must be a name")
    return LessonReview(lesson, reviewer.strip() if reviewer else None, reviewed)


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
        return [
            f"Audience: {self.audience}",
            f"Licence: teaching material {self.content_licence}; code {self.code_licence}.",
            f"Funding: {self.funding}",
            f"Conflicts of interest: {self.conflicts_of_interest}",
        ]


def about(path: Path | None = None) -> About:
    """The statements in ``meta.yaml`` (audience, licence, funding, conflicts of interest).

    >>> about().content_licence
    'Creative Commons Attribution 4.0 International (CC BY 4.0)'
    """
    meta_file = path or META_FILE
    meta = _meta(meta_file)
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
        raise TrustError(f"{meta_file}: missing or empty field(s): {', '.join(missing)}")
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


def trust_html(lesson: str) -> str:
    """The handout's trust block for ``lesson``: review status, audience, licence, funding,
    conflicts of interest.

    >>> "not yet reviewed by a clinician" in trust_html("05_prrt")
    True
    >>> "not yet reviewed by a clinician" in trust_html("a_page_not_in_the_list")
    True
    """
    info = about()
    try:
        review = lesson_review(lesson)
    except ValueError:  # a page that is not a listed lesson: no review is recorded for it
        if isinstance(lesson, str) and not isinstance(lesson, bool):
            review = LessonReview(lesson)
        else:
            raise
    return (
        '<div class="pannet-trust">'
        f"<p><strong>{escape(review.status())}</strong></p>"
        f"<p>{escape(info.lines()[0])}</p>"
        f'<p>Licence: teaching material <a href="{escape(info.content_licence_url)}" '
        f'style="color:{LINK_TEXT};text-decoration:underline">'
        f"{escape(info.content_licence)}</a>; code {escape(info.code_licence)}. "
        f"Funding: {escape(info.funding)} Conflicts of interest: "
        f"{escape(info.conflicts_of_interest)}</p></div>"
    )
