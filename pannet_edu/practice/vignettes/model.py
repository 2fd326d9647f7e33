"""A vignette: one invented case, one question, every option with the reason it is right or wrong.

>>> from pannet_edu.practice.vignettes import vignettes
>>> v = vignettes(seed=4, n=1)[0]
>>> v.check(v.key).correct
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ...display import DISCLAIMER, card, text_card
from ..feedback import Feedback
from ..question_bank import LETTERS, Option, Question, pick_option
from .lessons import KIND_TITLES
from .patient import Case

__all__ = ["Vignette"]


_VERDICT_OPENING = {
    "preferred": "The strongest case here (preferred).",
    "reasonable": "A reasonable option here, but not the strongest case.",
    "caution": "A weaker case here (caution).",
    "not suitable": "Not suitable here.",
}


@dataclass(frozen=True)
class Vignette:
    """One invented case with one question; every option carries the reason it is right or wrong.

    ``key`` is the letter of the correct option; :meth:`check` marks an answer;
    :meth:`as_question` gives the quiz-bank form the exporters take.
    """

    id: str
    kind: str
    lesson: str
    difficulty: str
    case: Case
    text: str
    question: str
    options: tuple[Option, ...]
    reference: str
    meta: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def prompt(self) -> str:
        return f"{self.text} {self.question}"

    @property
    def key(self) -> str:
        return next(LETTERS[i] for i, o in enumerate(self.options) if o.correct)

    @property
    def answer(self) -> str:
        index = LETTERS.index(self.key)
        return f"{self.key}. {self.options[index].text}"

    def choices(self) -> list[str]:
        return [f"{LETTERS[i]}. {option.text}" for i, option in enumerate(self.options)]

    def as_question(self) -> Question:
        """The vignette as a multiple-choice question (for exports).

        Returns a :class:`~pannet_edu.practice.quiz.Question`.
        """
        return Question(self.id, self.lesson, "multiple_choice", self.prompt, self.reference,
                        options=self.options)

    def check(self, answer: object) -> Feedback:
        """Mark an answer (a letter, ``"B. text"`` or the option text); never raises.

        >>> from pannet_edu.practice.vignettes import vignettes
        >>> v = vignettes(seed=3, n=1)[0]
        >>> v.check(None).status, v.check("Z").status
        ('not answered', 'not answered')
        >>> v.check(f"({v.key.lower()})").correct, v.check(f"option {v.key}").correct
        (True, True)
        """
        letters = LETTERS[: len(self.options)]
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return Feedback(None, "Choose an answer first.")
        index = pick_option(self.options, answer)
        if index is None:
            return Feedback(None, f"Answer with the letter of one option ({letters[0]}-"
                                  f"{letters[-1]}).")
        chosen = self.options[index]
        if chosen.correct:
            return Feedback(True, f"You chose {letters[index]}. {chosen.explanation}",
                            self.reference)
        right = self.options[LETTERS.index(self.key)]
        return Feedback(
            False,
            f"You chose {letters[index]}. {chosen.explanation} The answer is {self.answer}: "
            f"{right.explanation}",
            self.reference,
        )

    def __str__(self) -> str:
        return text_card(KIND_TITLES[self.kind], [self.text, self.question, *self.choices()],
                         footer=DISCLAIMER)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return card(KIND_TITLES[self.kind], [self.text, self.question, *self.choices()],
                    footer=DISCLAIMER)


def _vignette_id(kind: str, text: str, question: str, options: Sequence[Option]) -> str:
    digest = hashlib.sha256(
        "\x1f".join([kind, text, question, *(o.text for o in options)]).encode("utf-8")
    ).hexdigest()
    return f"vig-{digest[:12]}"
