"""Moodle GIFT text, for instructors who paste questions into a Moodle question bank.

One ``$CATEGORY`` per lesson. Texts are in GIFT's ``[html]`` format (escaped HTML, so "Ki-67 <3%"
reads correctly) and GIFT's special characters are backslash-escaped. Every option and accepted
answer carries ``#feedback``; accepted short answers are written as typed (GIFT-escaped, never
HTML-escaped: Moodle compares them with what a learner types). Short-answer and numerical
questions end with a catch-all carrying the feedback for any other reply, written as Moodle's own
GIFT exporter writes it, so GIFT carries the same feedback as the Moodle XML export: ``=%0%*#...``
for a short answer (a ``*`` answer worth 0%), ``~#...`` for a numerical one. ``####`` gives the
general feedback: the source, the content review date and the education-only notice.

>>> escape("a = b {c}: #1 ~x")
'a \\\\= b \\\\{c\\\\}\\\\: \\\\#1 \\\\~x'
"""

from __future__ import annotations

import html
import re

from ..practice import quiz
from .common import (
    TITLE,
    Bundle,
    general_feedback,
    is_numeric,
    numeric_answers,
    short_answer_feedback,
)

_SPECIAL = re.compile(r"([\\~=#{}:])")


def escape(text: str) -> str:
    """Backslash-escape GIFT's special characters (``~ = # { } :`` and the backslash)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _html(text: str) -> str:
    return escape(html.escape(" ".join(text.split()), quote=False))


def _question(question: quiz.Question, bundle: Bundle) -> str:
    head = f"::{escape(question.id)}::[html]{_html(question.prompt)}"
    general = f"####{_html(general_feedback(question, bundle.reviewed))}"
    if question.kind == "multiple_choice":
        answers = [
            f"{'=' if option.correct else '~'}{_html(option.text)}#{_html(option.explanation)}"
            for option in question.options
        ]
        return "\n".join([head + "{", *answers, general, "}"])
    if is_numeric(question):
        answers = [f"={number}:0#{_html(question.explanation)}"
                   for number in numeric_answers(question)]
        otherwise = f"~#{_html(short_answer_feedback(question))}"
        return "\n".join([head + "{#", *answers, otherwise, general, "}"])
    # An accepted answer is compared as typed, never read as HTML: "<3%" stays "<3%" (escaped
    # as HTML, Moodle would store "&lt;3%" and mark a learner typing "<3%" wrong).
    answers = [f"={escape(accepted)}#{_html(question.explanation)}"
               for accepted in question.accepted]
    otherwise = f"=%0%*#{_html(short_answer_feedback(question))}"
    return "\n".join([head + "{", *answers, otherwise, general, "}"])


def render(bundle: Bundle) -> bytes:
    """The bundle as GIFT text (UTF-8 bytes)."""
    out = [f"// {TITLE} question bank in Moodle GIFT format.", f"// {bundle.notice}", ""]
    for lesson, questions in bundle.by_lesson().items():
        out += [f"$CATEGORY: $course$/top/{TITLE}/{lesson}", ""]
        for question in questions:
            out += [f"// {question.id} ({question.lesson})", _question(question, bundle), ""]
    return "\n".join(out).encode("utf-8")
