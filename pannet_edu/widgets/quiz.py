"""The quiz widget: pick a lesson (or all, mixed), answer, read feedback, see the score at the end.

Thin wiring over :mod:`pannet_edu.quiz`: drawing, marking and explanations all come from there.
The class seed fixes the order, so everyone who types the same seed gets the same sequence.
"""

from __future__ import annotations

import ipywidgets as widgets

from .. import quiz
from ..feedback import Feedback
from ._base import Tool, View

_LABEL = {"description_width": "11em"}
_MIXED = "all lessons (mixed)"


class QuizWidget(Tool):
    """A quiz over one lesson's questions, or all lessons mixed, in a seeded order.

    >>> tool = QuizWidget(lesson="01_classification_and_staging", seed=1, n=2)
    >>> tool.view().title
    'Question 1 of 2'
    >>> tool.answer(tool.current.key).correct
    True
    >>> tool.next(); tool.answer(None).correct is None
    True
    >>> tool.next(); tool.view().lines[0]
    'Score: 1 of 2 correct (50%).'
    >>> QuizWidget(lesson="01_classification_and_staging", n=999).view().error
    'n must be a whole number from 1 to ... (or None), got 999'
    """

    title = "Quiz"

    def __init__(self, lesson: str | None = None, seed: int = 0, n: int | None = None) -> None:
        options = [(_MIXED, "")] + [(name, name) for name in quiz.lessons()]
        self.lesson = widgets.Dropdown(
            options=options,
            value=lesson if lesson in quiz.lessons() else "",
            description="Lesson",
            style=_LABEL,
            layout=widgets.Layout(width="34em"),
        )
        self.seed = widgets.IntText(value=seed, description="Class seed", style=_LABEL)
        self.n_questions = widgets.IntText(
            value=0 if n is None else n,
            description="Questions (0 = all)",
            layout=widgets.Layout(width="18em"),
            style=_LABEL,
        )
        self.choice = widgets.RadioButtons(
            options=[], value=None, layout=widgets.Layout(width="46em")
        )
        self.typed = widgets.Text(
            placeholder="type your answer", description="Answer", style=_LABEL
        )
        self.check_button = widgets.Button(description="Check answer", button_style="primary")
        self.next_button = widgets.Button(description="Next question")
        # An unknown lesson cannot be shown in the dropdown: keep it for the first draw so the
        # learner reads why, instead of silently getting a mixed quiz.
        self._unknown_lesson = lesson if lesson not in (None, *quiz.lessons()) else None
        self.controls = [self.lesson, self.seed, self.n_questions]
        self._start()
        super().__init__()
        note = self.widget.children[-1]
        buttons = widgets.HBox([self.check_button, self.next_button])
        self.widget.children = [*self.controls, self.output, self.choice, self.typed, buttons, note]
        for control in self.controls:
            control.observe(self._restart, names="value")
        self.check_button.on_click(lambda _button: self.answer(self._typed_answer()))
        self.next_button.on_click(lambda _button: self.next())
        self._sync_inputs()

    # --- state ---------------------------------------------------------------------------

    def _start(self) -> None:
        """Draw the questions for the current controls; remember a message if they are invalid."""
        self.error: str | None = None
        self.drawn: list[quiz.Question] = []
        self.index = 0
        self.feedback: dict[int, Feedback] = {}
        lesson = self._unknown_lesson or self.lesson.value or None
        self._unknown_lesson = None
        n = self.n_questions.value or None
        try:
            self.drawn = quiz.draw(lesson, n=n, seed=self.seed.value)
        except (ValueError, TypeError) as exc:
            self.error = str(exc)

    def _restart(self, _change: object = None) -> None:
        self._start()
        self._sync_inputs()
        self.refresh()

    @property
    def current(self) -> quiz.Question | None:
        """The question on screen, or ``None`` when the quiz is over (or could not start)."""
        return self.drawn[self.index] if self.index < len(self.drawn) else None

    def _sync_inputs(self) -> None:
        """Show the answer control that suits the current question, emptied."""
        question = self.current
        is_choice = question is not None and question.kind == "multiple_choice"
        self.choice.options = question.choices() if is_choice else []
        self.choice.value = None
        self.typed.value = ""
        self.choice.layout.display = None if is_choice else "none"
        self.typed.layout.display = None if question is not None and not is_choice else "none"
        self.check_button.disabled = question is None
        self.next_button.disabled = question is None
        last = self.index == len(self.drawn) - 1
        self.next_button.description = "See my score" if last else "Next question"

    def _typed_answer(self) -> object:
        if self.current is not None and self.current.kind == "multiple_choice":
            return None if self.choice.value is None else self.choice.value[0]
        return self.typed.value

    # --- actions (also usable from code) ---------------------------------------------------

    def answer(self, value: object) -> Feedback:
        """Mark ``value`` for the current question, show the feedback and return it."""
        question = self.current
        if question is None:
            return Feedback(None, "The quiz is over: change the lesson or seed to start again.")
        result = quiz.score(question.id, value)
        if result.correct is not None or self.index not in self.feedback:
            self.feedback[self.index] = result
        self.refresh()
        return result

    def next(self) -> None:
        """Move to the next question (an unanswered one counts as not answered)."""
        if self.current is not None:
            self.index += 1
        self._sync_inputs()
        self.refresh()

    # --- view ------------------------------------------------------------------------------

    def refresh(self, _change: object = None) -> None:
        """Redraw; the live card leaves the options to the radio buttons below it."""
        super().refresh(_change)
        if self.error is None and self.current is not None:
            self.output.value = self._question_view(with_choices=False).html()

    def compute(self) -> View:
        if self.error:
            raise ValueError(self.error)
        if self.current is None:
            return self._summary()
        return self._question_view(with_choices=True)

    def _question_view(self, with_choices: bool) -> View:
        question = self.current
        lines = [question.prompt, *(question.choices() if with_choices else ())]
        result = self.feedback.get(self.index)
        footer = f"{question.lesson} · question {question.id}"
        if result is not None:
            lines.append(f"{result.heading} {result.message}")
            if result.reference:
                footer = f"Source: {result.reference}"
        return View(f"Question {self.index + 1} of {len(self.drawn)}", tuple(lines), footer=footer)

    def _summary(self) -> View:
        total = len(self.drawn)
        right = sum(f.correct is True for f in self.feedback.values())
        lines = [f"Score: {right} of {total} correct ({100 * right / total:.0f}%)."]
        for i, question in enumerate(self.drawn):
            result = self.feedback.get(i)
            if result is None or result.correct is None:
                status = f"not answered (answer: {question.answer})"
            elif result.correct:
                status = "correct"
            else:
                status = f"not quite (answer: {question.answer})"
            lines.append(f"{i + 1}. {question.id}: {status}")
        lesson = self.lesson.value or _MIXED
        return View(
            "Quiz finished",
            tuple(lines),
            footer=f"{lesson}, seed {self.seed.value}: change either to start a new quiz.",
        )
