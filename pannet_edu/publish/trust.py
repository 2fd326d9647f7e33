"""The trust block a handout opens with: review status, audience, licence, funding, conflicts.

The statements and review records are content (:mod:`pannet_edu.content.reviews`); this module
only renders them for a published page.

>>> "not yet reviewed by a clinician" in trust_html("05_prrt")
True
"""

from __future__ import annotations

from ..content.errors import ContentError
from ..content.reviews import LessonReview, about, lesson_review
from ..display import LINK_TEXT, escape


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
    except ContentError:  # a broken manifest is reported, not hidden
        raise
    except ValueError:  # a page that is not a listed lesson: no review is recorded for it
        if not isinstance(lesson, str):
            raise
        review = LessonReview(lesson)
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
