"""Former home of the trust marks; they now live in :mod:`pannet_edu.content.reviews` (review
records, statements) and :mod:`pannet_edu.publish.trust` (the handout's trust block).

Kept so that code written against ``pannet_edu.trust`` (the lesson notebooks) keeps working.
"""

from .content.reviews import (
    META_FILE,
    NOT_REVIEWED,
    About,
    LessonReview,
    TrustError,
    about,
    audience_line,
    lesson_review,
)
from .publish.trust import trust_html

__all__ = [
    "META_FILE",
    "NOT_REVIEWED",
    "About",
    "LessonReview",
    "TrustError",
    "about",
    "audience_line",
    "lesson_review",
    "trust_html",
]
