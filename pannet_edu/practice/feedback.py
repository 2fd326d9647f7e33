"""Feedback on a learner's answer: correct or not (or not answered yet), and a message that teaches.

The one feedback of the practice layer: exercises, the quiz, vignettes and the case bank all
return a :class:`Feedback`. A choice in a case also carries the case, the step, the author's
verdict, the strongest options and the step's teaching point. A :class:`Feedback` displays as a
coloured card in a notebook and as one readable line in a console; it never carries a traceback.

>>> Feedback(True, "NET G3: the higher index wins.")
Correct. NET G3: the higher index wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..display import ANSWER_COLOURS, MUTED_TEXT, escape

__all__ = ["SKIPPED", "Feedback", "Tally", "tally"]

#: Why an answer is left out of a score: nothing was given, or nothing could be read.
SKIPPED = "Skipped: no answer, or one that could not be read. It is not counted in the score."

_HEADINGS = {True: "Correct.", False: "Not quite.", None: "Not answered yet."}


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    ``correct`` is ``True``, ``False``, or ``None`` when there is nothing to mark yet (no answer,
    a placeholder, or an answer of the wrong kind). ``message`` explains; ``reference`` names the
    source behind the expected answer, when there is one.

    >>> f = Feedback(None, "Replace ... with your answer.")
    >>> f.status
    'not answered'
    >>> "Not answered yet." in f._repr_html_()
    True
    """

    correct: bool | None
    message: str
    reference: str = ""
    #: For a decision in a case (:meth:`pannet_edu.practice.cases.Case.choose`): the case, the
    #: step, the therapy chosen, the author's verdict on it, the author's strongest options there
    #: and the step's teaching point.
    case_id: str = ""
    step_id: str = ""
    choice: str = ""
    verdict: str | None = None
    strongest: tuple[str, ...] = ()
    teaching_point: str = ""

    @property
    def valid(self) -> bool:
        """``False`` when there was nothing to mark (no answer, or a choice not offered).

        >>> Feedback(None, "Choose one of the options.").valid
        False
        """
        return self.correct is not None

    def lines(self) -> tuple[str, ...]:
        """The feedback as lines of text for a card: the message, then (for a case) the author's
        strongest options when another was chosen, and the teaching point.

        >>> Feedback(True, "Right.", teaching_point="Grade first.").lines()
        ('Right.', 'Teaching point: Grade first.')
        """
        if not self.valid:
            return (self.message,)
        out = [self.message]
        if self.strongest and self.choice not in self.strongest:
            from ..engine import THERAPY_NAMES

            names = ", ".join(THERAPY_NAMES[t] for t in self.strongest)
            out.append(f"The case author's strongest option(s) here: {names}.")
        if self.teaching_point:
            out.append(f"Teaching point: {self.teaching_point}")
        return tuple(out)

    @property
    def status(self) -> str:
        """``"correct"``, ``"incorrect"`` or ``"not answered"``."""
        return {True: "correct", False: "incorrect", None: "not answered"}[self.correct]

    @property
    def heading(self) -> str:
        """The one-word verdict shown before the message."""
        return _HEADINGS[self.correct]

    def __str__(self) -> str:
        text = f"{self.heading} {self.message}"
        return f"{text}\n  Source: {self.reference}" if self.reference else text

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colour = ANSWER_COLOURS[self.correct]
        source = (
            f'<p style="margin:4px 0;font-size:smaller;color:{MUTED_TEXT}">Source: '
            f"{escape(self.reference)}</p>"
            if self.reference
            else ""
        )
        return (
            f'<div class="pannet-feedback pannet-{self.status.replace(" ", "-")}" '
            f'style="border-left:6px solid {colour};padding:6px 12px;margin:4px 0;'
            f'font-family:sans-serif;max-width:46em"><strong style="color:{colour}">'
            f"{escape(self.heading)}</strong> {escape(self.message)}{source}</div>"
        )


@dataclass(frozen=True)
class Tally:
    """An honest score: only answered questions count; the skipped ones are named apart.

    ``right`` of ``answered`` were right; ``skipped`` had no answer, or one that could not be read
    (a :class:`Feedback` whose ``correct`` is ``None``, or no feedback at all).

    >>> print(Tally(right=2, answered=3, skipped=1).line())
    Score: 2 of 3 answered right (67%); 1 question skipped (not counted).
    >>> print(Tally(right=0, answered=0, skipped=2).line())
    Score: no question answered yet; 2 questions skipped (not counted).
    """

    right: int
    answered: int
    skipped: int

    def line(self, label: str = "Score") -> str:
        """One line for a learner: right of answered, the percentage, and what was skipped."""
        if self.answered:
            text = (f"{label}: {self.right} of {self.answered} answered right "
                    f"({100 * self.right / self.answered:.0f}%)")
        else:
            text = f"{label}: no question answered yet"
        if self.skipped:
            plural = "question" if self.skipped == 1 else "questions"
            text += f"; {self.skipped} {plural} skipped (not counted)"
        return text + "."


def tally(results: Iterable[Feedback | None]) -> Tally:
    """Count a run of answers: ``None`` (never answered) and unmarkable feedback are skipped.

    >>> tally([Feedback(True, "."), Feedback(False, "."), Feedback(None, "?"), None])
    Tally(right=1, answered=2, skipped=2)
    """
    right = answered = skipped = 0
    for result in results:
        if result is None or result.correct is None:
            skipped += 1
            continue
        answered += 1
        right += result.correct is True
    return Tally(right, answered, skipped)
