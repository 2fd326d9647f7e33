"""The quiz widget: pick a lesson (or all, mixed), answer, read feedback, see the score at the end.

Thin wiring over :mod:`pannet_edu.practice.quiz`: drawing, marking and explanations all come from
there.
The class seed fixes the order, so everyone who types the same seed gets the same sequence.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..practice import quiz
from ..practice.attempts import record_quiz
from ..practice.feedback import Feedback
from ..practice.quiz_session import QuizSession
from ._base import Tool, View

_LABEL = {"description_width": "11em"}
_MIXED = "all lessons (mixed)"
#: Long options wrap onto several lines instead of running into the next one (narrow screens).
_STYLE = (
    "<style>.pannet-quiz .widget-radio-box label{display:flex;height:auto;"
    "min-height:var(--jp-widgets-inline-height);white-space:normal;line-height:1.35;"
    "margin:2px 0;align-items:flex-start;flex-direction:row-reverse;justify-content:flex-end}"
    ".pannet-quiz .widget-radio-box input{flex:none;margin:3px 6px 0 0}</style>"
)


class QuizWidget(Tool):
    """A quiz over one lesson's questions, or all lessons mixed, in a seeded order.

    The first answer to each question is kept; after a wrong one the learner may try once more
    (scored as a retry) or ask for the answer. "Start again" draws the same quiz afresh.

    >>> tool = QuizWidget(lesson="01_classification_and_staging", seed=1, n=2)
    >>> tool.view().title
    'Question 1 of 2'
    >>> tool.answer(tool.current.key).correct
    True
    >>> tool.answer("no, something else").message
    'Your answer is kept.'
    >>> tool.next(); tool.answer(None).correct is None
    True
    >>> tool.next(); tool.view().lines[0]
    'First answers: 1 of 1 answered right (100%); 1 question skipped (not counted).'
    >>> tool.start_again(); tool.view().title
    'Question 1 of 2'
    >>> QuizWidget(lesson="01_classification_and_staging", n=999).view().error
    'n must be a whole number from 1 to ... (or None), got 999'
    """

    title = "Quiz"

    def __init__(self, lesson: str | None = None, seed: int = 0, n: int | None = None) -> None:
        options = [(_MIXED, "")] + [(_lesson_name(name), name) for name in quiz.lessons()]
        self.lesson = widgets.Dropdown(
            options=options,
            value=lesson if lesson in quiz.lessons() else "",
            description="Lesson",
            style=_LABEL,
            layout=widgets.Layout(width="100%", max_width="34em"),
        )
        self.seed = widgets.IntText(value=seed, description="Class seed", style=_LABEL)
        self.n_questions = widgets.IntText(
            value=0 if n is None else n,
            description="Questions (0 = all)",
            layout=widgets.Layout(width="18em"),
            style=_LABEL,
        )
        self.choice = widgets.RadioButtons(
            options=[], value=None, layout=widgets.Layout(width="100%", max_width="46em")
        )
        self.typed = widgets.Text(
            placeholder="type your answer", description="Answer", style=_LABEL
        )
        self.check_button = widgets.Button(description="Check answer", button_style="primary")
        self.retry_button = widgets.Button(description="Try again", tooltip="scored as a retry")
        self.reveal_button = widgets.Button(description="Show the answer")
        self.next_button = widgets.Button(description="Next question")
        self.restart_button = widgets.Button(description="Start again", icon="refresh")
        # An unknown lesson cannot be shown in the dropdown: keep it for the first draw so the
        # learner reads why, instead of silently getting a mixed quiz.
        self._unknown_lesson = lesson if lesson not in (None, *quiz.lessons()) else None
        self.controls = [self.lesson, self.seed, self.n_questions]
        self._start()
        super().__init__()
        note = self.widget.children[-1]
        buttons = widgets.HBox(
            [self.check_button, self.retry_button, self.reveal_button, self.next_button,
             self.restart_button],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        style = widgets.HTML(_STYLE, layout=widgets.Layout(height="0", margin="0"))
        self.widget.children = [
            style, *self.controls, self.output, self.choice, self.typed, buttons, note
        ]
        self.widget.add_class("pannet-quiz")
        for control in self.controls:
            control.observe(self._restart, names="value")
        self.check_button.on_click(lambda _button: self.answer(self._typed_answer()))
        self.retry_button.on_click(lambda _button: self.retry())
        self.reveal_button.on_click(lambda _button: self.reveal())
        self.next_button.on_click(lambda _button: self.next())
        self.restart_button.on_click(lambda _button: self.start_again())
        self._sync_inputs()

    # --- state ---------------------------------------------------------------------------

    def _start(self) -> None:
        """Draw the questions for the current controls; remember a message if they are invalid."""
        self.error: str | None = None
        lesson = self._unknown_lesson or self.lesson.value or None
        self._unknown_lesson = None
        n = self.n_questions.value or None
        drawn: list[quiz.Question] = []
        try:
            drawn = quiz.draw(lesson, n=n, seed=self.seed.value)
        except (ValueError, TypeError) as exc:
            self.error = str(exc)
        self.session = QuizSession(drawn)
        self._message: Feedback | None = None

    def _restart(self, _change: object = None) -> None:
        self._start()
        self._sync_inputs()
        self.refresh()

    @property
    def drawn(self) -> list[quiz.Question]:
        return self.session.drawn

    @property
    def index(self) -> int:
        """Position of the question on screen (0 = first)."""
        return self.session.index

    @property
    def current(self) -> quiz.Question | None:
        """The question on screen, or ``None`` when the quiz is over (or could not start)."""
        return self.session.current

    def _sync_inputs(self, keep_value: bool = False) -> None:
        """Show the answer control that suits the current question; lock it once answered."""
        question = self.current
        session = self.session
        is_choice = question is not None and question.kind == "multiple_choice"
        if not keep_value:
            self.choice.options = question.choices() if is_choice else []
            self.choice.value = None
            self.typed.value = ""
        self.choice.layout.display = None if is_choice else "none"
        self.typed.layout.display = None if question is not None and not is_choice else "none"
        self.choice.disabled = self.typed.disabled = session.locked
        self.check_button.disabled = question is None or session.locked
        self.retry_button.layout.display = None if session.can_retry else "none"
        self.reveal_button.layout.display = None if session.can_retry else "none"
        self.next_button.disabled = question is None
        last = question is not None and session.index == len(self.drawn) - 1
        self.next_button.description = "See my score" if last else "Next question"

    def _typed_answer(self) -> object:
        if self.current is not None and self.current.kind == "multiple_choice":
            return None if self.choice.value is None else self.choice.value[0]
        return self.typed.value

    # --- actions (also usable from code) ---------------------------------------------------

    def answer(self, value: object) -> Feedback:
        """Mark ``value`` for the current question (the first answer is kept) and show it."""
        question, retry = self.current, self.session.retrying
        result = self.session.answer(value)
        record_quiz(question, value, result, retry=retry)  # the learner's own record
        self._message = result if result.correct is None else None
        self._sync_inputs(keep_value=True)
        self.refresh()
        return result

    def retry(self) -> None:
        """Unlock the question for one more answer, scored as a retry."""
        self.session.retry()
        self._message = None
        self._sync_inputs(keep_value=True)
        self.refresh()

    def reveal(self) -> None:
        """Show the answer and its explanation (no retry after that)."""
        self.session.reveal()
        self._message = None
        self._sync_inputs(keep_value=True)
        self.refresh()

    def next(self) -> None:
        """Move to the next question (an unanswered one is skipped: left out of the score)."""
        self.session.next()
        self._message = None
        self._sync_inputs()
        self.refresh()

    def start_again(self) -> None:
        """The same quiz from the first question, every answer cleared."""
        self._start()
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
        result = self.session.feedback()
        footer = f"Lesson: {_lesson_name(question.lesson)}"
        if self.session.retrying:
            lines.append("Try again: choose once more (scored as a retry).")
        elif result is not None:
            lines.append(f"{result.heading} {result.message}")
            if result.reference:
                footer = f"Source: {result.reference}"
        if self._message is not None:
            lines.append(self._message.message)
        return View(f"Question {self.session.index + 1} of {len(self.drawn)}", tuple(lines),
                    footer=footer)

    def _summary(self) -> View:
        lesson = _lesson_name(self.lesson.value) if self.lesson.value else _MIXED
        return View(
            "Quiz finished",
            tuple(self.session.summary_lines()),
            footer=f"{lesson}, class seed {self.seed.value}. Press Start again to retry this "
            "quiz, or change the lesson or seed for another.",
        )


def _lesson_name(lesson: str) -> str:
    """'01_classification_and_staging' -> 'Lesson 1: classification and staging'.

    >>> _lesson_name("05_prrt")
    'Lesson 5: PRRT'
    """
    number, _, name = lesson.partition("_")
    words = name.replace("_", " ").replace("prrt", "PRRT")
    return f"Lesson {int(number)}: {words}" if number.isdigit() else words
