"""One learner's run through a quiz: the first answer is kept, one retry is offered and scored
as a retry, and the summary names each question by its text.

Marking and explanations come from :mod:`pannet_edu.practice.quiz`; this module only keeps the
attempts honest. A wrong first answer is told why it is wrong without giving the right one away,
so the retry is a real second try; "show the answer" gives the full explanation instead.

>>> s = QuizSession(quiz.draw("01_classification_and_staging", n=2, seed=1))
>>> wrong = next(o for o in "ABCDE" if o != s.current.key) if s.current.kind != "short_answer" \\
...     else "not it"
>>> s.answer(wrong).correct, s.locked, s.can_retry
(False, True, True)
>>> s.answer(s.current.key).message.startswith("Your first answer is kept")
True
>>> s.retry(); s.answer(s.current.key).correct
True
>>> s.next(); s.answer(s.current.key).correct; s.next()
True
>>> s.summary_lines()[:2]
['First answers: 1 of 2 answered right (50%).', 'Right on the retry: 1.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import quiz
from .feedback import Feedback, tally

__all__ = ["KEPT", "Attempt", "QuizSession"]

_OPENER = re.compile(r"^(right|correct|yes|no|wrong)[.!:,]\s*", re.IGNORECASE)
KEPT = (
    "Your first answer is kept. Press Try again to answer once more (scored as a retry), or "
    "Show the answer."
)


@dataclass
class Attempt:
    """The answers given to one question: the first, and the retry if one was taken."""

    first: Feedback | None = None
    first_answer: object = None
    retry: Feedback | None = None
    revealed: bool = False


@dataclass
class QuizSession:
    """The drawn questions and what the learner did with each."""

    drawn: list[quiz.Question]
    index: int = 0
    attempts: dict[int, Attempt] = field(default_factory=dict)
    retrying: bool = False

    @property
    def current(self) -> quiz.Question | None:
        return self.drawn[self.index] if self.index < len(self.drawn) else None

    @property
    def attempt(self) -> Attempt:
        return self.attempts.setdefault(self.index, Attempt())

    @property
    def locked(self) -> bool:
        """Whether the answer on screen can no longer be changed."""
        a = self.attempts.get(self.index)
        return a is not None and a.first is not None and not self.retrying

    @property
    def can_retry(self) -> bool:
        a = self.attempts.get(self.index)
        return (a is not None and a.first is not None and a.first.correct is False
                and a.retry is None and not a.revealed and not self.retrying)

    def answer(self, value: object) -> Feedback:
        """Mark an answer: the first one, or the retry after :meth:`retry`."""
        question = self.current
        if question is None:
            return Feedback(None, "The quiz is over: press Start again for a new round.")
        attempt = self.attempt
        if attempt.first is not None and not self.retrying:
            return Feedback(None, KEPT if self.can_retry else "Your answer is kept.")
        result = quiz.score(question.id, value)
        if result.correct is None:  # nothing to mark: the learner may still answer
            return result
        if self.retrying:
            attempt.retry, self.retrying = result, False
            return result
        attempt.first, attempt.first_answer = result, value
        return result if result.correct else self._hint(question, value)

    def _hint(self, question: quiz.Question, value: object) -> Feedback:
        """Why the first answer is wrong, without the right one."""
        if question.kind == "multiple_choice":
            index = quiz._pick_option(question, value)
            why = _OPENER.sub("", question.options[index].explanation) if index is not None else ""
            return Feedback(False, f"You chose {quiz.LETTERS[index]}. {why}".strip())
        return Feedback(False, f"'{str(value).strip()}' is not the expected answer.")

    def feedback(self) -> Feedback | None:
        """What the current question shows now."""
        attempt = self.attempts.get(self.index)
        if attempt is None or attempt.first is None:
            return None
        if attempt.retry is not None:
            return attempt.retry
        if attempt.first.correct or attempt.revealed:
            return attempt.first
        return self._hint(self.current, attempt.first_answer)

    def retry(self) -> None:
        """Unlock the current question for one more answer (after a wrong first answer)."""
        if self.can_retry:
            self.retrying = True

    def reveal(self) -> None:
        """Show the full explanation of the first answer; no retry after that."""
        attempt = self.attempts.get(self.index)
        if attempt is not None and attempt.first is not None:
            attempt.revealed, self.retrying = True, False

    def next(self) -> None:
        if self.current is not None:
            self.index += 1
        self.retrying = False

    def summary_lines(self) -> list[str]:
        """Score on first answers (answered questions only; the skipped ones are counted apart),
        retries apart, then each question by its text."""
        total = len(self.drawn)
        firsts = [self.attempts.get(i, Attempt()).first for i in range(total)]
        retried = sum(a.retry is not None and a.retry.correct is True
                      for a in self.attempts.values())
        lines = [tally(firsts).line("First answers"), f"Right on the retry: {retried}."]
        for i, question in enumerate(self.drawn):
            attempt = self.attempts.get(i, Attempt())
            if attempt.first is None:
                status = f"skipped (answer: {question.answer})"
            elif attempt.first.correct:
                status = "right"
            elif attempt.retry is not None and attempt.retry.correct:
                status = f"right on the retry (answer: {question.answer})"
            else:
                status = f"not quite (answer: {question.answer})"
            lines.append(f"{i + 1}. {question.prompt} {status[0].upper()}{status[1:]}.")
        return lines
