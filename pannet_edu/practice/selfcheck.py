"""'Check your understanding': questions whose answers stay hidden until the learner has answered.

A lesson lists its questions with the answers the package computes (so an answer cannot drift
from the data). The learner writes an answer first; only then is the model answer shown beside it,
and where a question lists short accepted forms (``"G1"``), the answer is also marked. On paper the
answers go to an answer key at the end of the handout (:mod:`pannet_edu.publish.handouts` moves
every ``pannet-answer-key`` block there).

>>> quiz = checks([("Ki-67 2%, 3 mitoses: G1 or G2?", "NET G2", ["G2", "NET G2"])])
>>> print(reveal(quiz[0], "g2"))
Your answer matches. Answer: NET G2
>>> print(reveal(quiz[0], ""))
Write your answer first: the answer shows once you have committed to one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..content.fields import short_repr
from ..display import CARD_STYLE, escape
from .question_bank import has_letter_or_digit, normalise_answer

__all__ = [
    "ANSWER_KEY_CLASS",
    "ASK_FIRST",
    "Check",
    "Revealed",
    "checks",
    "label_forms",
    "questions_html",
    "questions_text",
    "reveal",
]

#: The class the handout builder looks for to move the answers to the end of the page.
ANSWER_KEY_CLASS = "pannet-answer-key"
ASK_FIRST = "Write your answer first: the answer shows once you have committed to one."
_CARD = CARD_STYLE + ";text-align:left"


@dataclass(frozen=True)
class Check:
    """One question, its model answer, and optional short forms that count as right."""

    prompt: str
    answer: str
    accepted: tuple[str, ...] = ()


@dataclass(frozen=True)
class Revealed:
    """What the learner sees after answering: their answer, the model answer, and a mark where
    the question can be marked (``matches`` is ``None`` when it cannot)."""

    given: str
    answer: str
    matches: bool | None

    def __str__(self) -> str:
        if not self.given:
            return ASK_FIRST
        if self.matches is True:
            return f"Your answer matches. Answer: {self.answer}"
        if self.matches is False:
            return f"Not quite: you wrote '{self.given}'. Answer: {self.answer}"
        return f"Compare with your answer. Answer: {self.answer}"


def checks(items: Iterable[object]) -> tuple[Check, ...]:
    """Questions from ``(prompt, answer)`` or ``(prompt, answer, accepted)`` tuples (or Checks).

    >>> checks([("Which M category?", "M1c")])[0].answer
    'M1c'
    >>> checks([("no answer",)])
    Traceback (most recent call last):
    ...
    ValueError: items must be (prompt, answer) or (prompt, answer, accepted) pairs; item 1 is ...
    """
    out = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, Check):
            out.append(item)
            continue
        if not isinstance(item, tuple | list) or len(item) not in (2, 3):
            raise ValueError(
                "items must be (prompt, answer) or (prompt, answer, accepted) pairs; "
                f"item {number} is {short_repr(item)}"
            )
        prompt, answer, *rest = item
        accepted = _accepted_forms(number, rest[0] if rest else ())
        if not str(prompt).strip() or not str(answer).strip():
            raise ValueError(f"items: item {number} needs a question and an answer")
        out.append(Check(str(prompt), str(answer), accepted))
    if not out:
        raise ValueError("items must hold at least one question")
    return tuple(out)


def _accepted_forms(number: int, forms: object) -> tuple[str, ...]:
    """The accepted short forms of item ``number``: one text ("G2" is one form, not "G" and "2")
    or a list of texts, each with a letter or digit (punctuation alone would match "!")."""
    if isinstance(forms, str):
        forms = (forms,)
    if not isinstance(forms, list | tuple) or not all(isinstance(f, str) for f in forms):
        raise TypeError(f"items: item {number}'s accepted forms must be a text or a list of "
                        f"texts, got {short_repr(forms)}")
    empty = [form for form in forms if not has_letter_or_digit(form)]
    if empty:
        raise ValueError(f"items: item {number}'s accepted form {short_repr(empty[0])} has no "
                         "letter or digit")
    return tuple(forms)


def label_forms(label: str) -> list[str]:
    """The ways a learner rightly writes a two-word label: as written, reversed, its last word.

    >>> label_forms("NET G3")
    ['NET G3', 'G3 NET', 'G3']
    """
    words = label.split()
    return list(dict.fromkeys([label, " ".join(reversed(words)), words[-1]]))


def reveal(check: Check, given: object) -> Revealed:
    """The model answer beside the learner's, once there is one (blank shows nothing).

    >>> q = Check("T category?", "T2", ("T2",))
    >>> reveal(q, "T3").matches, reveal(q, " t2 ").matches
    (False, True)
    >>> reveal(Check("Why?", "Because."), "crossover").matches is None
    True
    """
    text = "" if given is None else " ".join(str(given).split())
    if not text:
        return Revealed("", check.answer, None)
    if not check.accepted:
        return Revealed(text, check.answer, None)
    matches = normalise_answer(text) in {normalise_answer(a) for a in check.accepted}
    return Revealed(text, check.answer, matches)


def questions_html(items: Iterable[Check], title: str = "Check your understanding") -> str:
    """The questions with space to answer, then the answers in a closed ``<details>`` block.

    The block carries :data:`ANSWER_KEY_CLASS`, so a handout prints it at the end of the page.

    >>> html = questions_html(checks([("Stage?", "IV")]))
    >>> html.index("Stage?") < html.index("pannet-answer-key") < html.index("IV")
    True
    """
    items = list(items)
    asked = "".join(f'<li style="margin:4px 0">{escape(c.prompt)}</li>' for c in items)
    answers = "".join(f'<li style="margin:4px 0">{escape(c.answer)}</li>' for c in items)
    return (
        f'<div class="pannet-card pannet-selfcheck" style="{_CARD}">'
        f"<strong>{escape(title)}</strong>"
        '<p style="margin:4px 0">Write down your answers first, then open the answers.</p>'
        f'<ol style="margin:4px 0;padding-left:1.6em">{asked}</ol>'
        f'<details class="{ANSWER_KEY_CLASS}" data-title="{escape(title)}">'
        "<summary>Answers (open once you have decided)</summary>"
        f'<ol style="margin:4px 0;padding-left:1.6em">{answers}</ol></details></div>'
    )


def questions_text(items: Iterable[Check]) -> str:
    """Plain-text twin of :func:`questions_html`: the questions, then the answers.

    >>> print(questions_text(checks([("Stage?", "IV")])))
    1. Stage?
    Answers:
    1. IV
    """
    items = list(items)
    asked = [f"{i}. {c.prompt}" for i, c in enumerate(items, start=1)]
    answers = [f"{i}. {c.answer}" for i, c in enumerate(items, start=1)]
    return "\n".join([*asked, "Answers:", *answers])
