"""The vignette drill: one invented case at a time, an answer, feedback with reasons and source.

Thin wiring over :mod:`pannet_edu.practice.vignettes`: the cases, the keys, the feedback and the
citations all come from there. The class seed fixes the sequence, so a class that types the same
seed works through the same cases.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..practice import DIFFICULTIES, Vignette, vignette_lessons, vignettes
from ..practice.attempts import record_vignette
from ..practice.feedback import Feedback, tally
from ._base import Tool, View

_LABEL = {"description_width": "11em"}
_MIXED = "all lessons (mixed)"


def _lesson_label(lesson_id: str) -> str:
    """A lesson as a learner reads it, from the manifest: its number and title, never its id.

    >>> _lesson_label("05_prrt")
    'Lesson 5: Peptide receptor radionuclide therapy (PRRT)'
    """
    from ..content.manifest import lesson

    number = lesson_id.partition("_")[0]
    title = lesson(lesson_id).title
    return f"Lesson {int(number)}: {title}" if number.isdigit() else title
_ANY = "mixed"


class VignetteDrill(Tool):
    """Invented vignettes one at a time, with a running score.

    >>> drill = VignetteDrill(seed=3, n=2, lesson="01_classification_and_staging")
    >>> drill.view().title
    'Case 1 of 2'
    >>> drill.answer(drill.current.key).correct
    True
    >>> drill.next(); drill.answer("Z").correct is None
    True
    >>> drill.next(); drill.view().lines[0]
    'Score: 1 of 1 answered right (100%); 1 question skipped (not counted).'
    >>> VignetteDrill(n=0).view().error
    'n must be a whole number from 1 to 5000, got 0'
    """

    title = "Vignette drill"

    def __init__(
        self,
        seed: int = 0,
        n: int = 10,
        lesson: str | None = None,
        difficulty: str | None = None,
    ) -> None:
        self.lesson = widgets.Dropdown(
            options=[(_MIXED, "")] + [(_lesson_label(name), name) for name in vignette_lessons()],
            value=lesson if lesson in vignette_lessons() else "",
            description="Lesson",
            style=_LABEL,
            layout=widgets.Layout(width="34em"),
        )
        self.difficulty = widgets.Dropdown(
            options=[(_ANY, "")] + [(d, d) for d in DIFFICULTIES],
            value=difficulty if difficulty in DIFFICULTIES else "",
            description="Difficulty",
            style=_LABEL,
        )
        self.seed = widgets.IntText(value=seed, description="Class seed", style=_LABEL)
        self.n_cases = widgets.IntText(value=n, description="Cases", style=_LABEL)
        self.choice = widgets.RadioButtons(
            options=[], value=None, layout=widgets.Layout(width="46em")
        )
        self.check_button = widgets.Button(description="Check answer", button_style="primary")
        self.next_button = widgets.Button(description="Next case")
        self._unknown = {
            "lesson": lesson if lesson not in (None, *vignette_lessons()) else None,
            "difficulty": difficulty if difficulty not in (None, *DIFFICULTIES) else None,
        }
        self.controls = [self.lesson, self.difficulty, self.seed, self.n_cases]
        self._start()
        super().__init__()
        note = self.widget.children[-1]
        buttons = widgets.HBox([self.check_button, self.next_button])
        self.widget.children = [*self.controls, self.output, self.choice, buttons, note]
        for control in self.controls:
            control.observe(self._restart, names="value")
        self.check_button.on_click(lambda _button: self.answer(self._chosen()))
        self.next_button.on_click(lambda _button: self.next())
        self._sync_inputs()

    # --- state -------------------------------------------------------------------------------

    def _start(self) -> None:
        self.error: str | None = None
        self.drawn: list[Vignette] = []
        self.index = 0
        self.feedback: dict[int, Feedback] = {}
        lesson = self._unknown["lesson"] or self.lesson.value or None
        difficulty = self._unknown["difficulty"] or self.difficulty.value or None
        self._unknown = {"lesson": None, "difficulty": None}
        try:
            self.drawn = vignettes(self.seed.value, self.n_cases.value, lesson=lesson,
                                   difficulty=difficulty)
        except (ValueError, TypeError) as exc:
            self.error = str(exc)

    def _restart(self, _change: object = None) -> None:
        self._start()
        self._sync_inputs()
        self.refresh()

    @property
    def current(self) -> Vignette | None:
        """The case on screen, or ``None`` when the drill is over (or could not start)."""
        return self.drawn[self.index] if self.index < len(self.drawn) else None

    def _sync_inputs(self) -> None:
        vignette = self.current
        self.choice.options = vignette.choices() if vignette is not None else []
        self.choice.value = None
        self.choice.layout.display = None if vignette is not None else "none"
        self.check_button.disabled = vignette is None
        self.next_button.disabled = vignette is None
        last = self.index == len(self.drawn) - 1
        self.next_button.description = "See my score" if last else "Next case"

    def _chosen(self) -> object:
        return None if self.choice.value is None else self.choice.value[0]

    # --- actions (also usable from code) ---------------------------------------------------

    def answer(self, value: object) -> Feedback:
        """Mark ``value`` (an option letter or text) for the current case and show feedback."""
        vignette = self.current
        if vignette is None:
            return Feedback(None, "The drill is over: change the seed or lesson to start again.")
        result = vignette.check(value)
        if getattr(self.feedback.get(self.index), "correct", None) is None:
            record_vignette(vignette, value, result)  # the learner's own record (first answer)
        if result.correct is not None or self.index not in self.feedback:
            self.feedback[self.index] = result
        self.refresh()
        return result

    def next(self) -> None:
        """Move to the next case (an unanswered one is skipped: left out of the score)."""
        if self.current is not None:
            self.index += 1
        self._sync_inputs()
        self.refresh()

    # --- view ------------------------------------------------------------------------------

    def _results(self, upto: int) -> list[Feedback | None]:
        """What each case up to ``upto`` (exclusive) got; ``None`` where it was never marked."""
        return [self.feedback.get(i) for i in range(upto)]

    def _score_line(self) -> str:
        """The running score: answered cases only; the cases passed without an answer are named
        as skipped (the case on screen counts once it has a readable answer)."""
        results = self._results(self.index)
        current = self.feedback.get(self.index)
        if current is not None and current.correct is not None:
            results.append(current)
        return tally(results).line("Score so far")

    def refresh(self, _change: object = None) -> None:
        """Redraw; the live card leaves the options to the radio buttons below it."""
        super().refresh(_change)
        if self.error is None and self.current is not None:
            self.output.value = self._case_view(with_choices=False).html()

    def compute(self) -> View:
        if self.error:
            raise ValueError(self.error)
        if self.current is None:
            return self._summary()
        return self._case_view(with_choices=True)

    def _case_view(self, with_choices: bool) -> View:
        vignette = self.current
        lines = [vignette.text, vignette.question, *(vignette.choices() if with_choices else ())]
        result = self.feedback.get(self.index)
        footer = (f"seed {self.seed.value} · {_lesson_label(vignette.lesson)} · "
                  f"{vignette.difficulty}")
        if result is not None:
            lines.append(f"{result.heading} {result.message}")
            if result.reference:
                footer = f"Source: {result.reference}"
        lines.append(self._score_line())
        return View(f"Case {self.index + 1} of {len(self.drawn)}", tuple(lines), footer=footer)

    def _summary(self) -> View:
        lines = [tally(self._results(len(self.drawn))).line()]
        for i, vignette in enumerate(self.drawn):
            result = self.feedback.get(i)
            if result is None or result.correct is None:
                status = f"skipped (answer: {vignette.answer})"
            elif result.correct:
                status = "correct"
            else:
                status = f"not quite (answer: {vignette.answer})"
            lines.append(f"{i + 1}. {vignette.question} {status}")
        return View("Drill finished", tuple(lines),
                    footer=f"seed {self.seed.value}: change it for a new set of cases.")
