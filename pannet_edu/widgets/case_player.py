"""Case player: step through a teaching case, choose, then read the feedback and the engine.

Thin: every verdict, feedback, bridge sentence, summary and what-if answer comes from
:mod:`pannet_edu.practice.cases` and :mod:`pannet_edu.engine`; the timeline comes from
:func:`pannet_edu.plots.case_timeline`.

Honest self-testing: nothing that grades an option (the author's strongest option, the engine's
verdicts, the what-if panel) is shown before the learner chooses. The first choice at each
decision is kept for the score; a learner may then read the feedback on other options. After a
choice the card says what the team did next ("The team chose PRRT instead, because ..."), so a
later step never silently assumes another choice. "Next decision" on the last step opens the
end-of-case summary with the score. The list of decision points names only the steps reached so
far: a later step's name ("Progression after CAPTEM") would tell what the team chose.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..display import escape
from ..engine import appraise
from ..practice import cases
from ..practice.attempts import record_case_choice
from ..views import appraisal as appraisal_views
from ..views import cases as case_views
from ._base import Tool, View, row_layout
from .kept_figures import kept_figure_html

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_LABEL = {"description_width": "10em"}
#: Layouts are made per control (called): a widget belongs to one learner's session, and one
#: shared by every session would be closed with the first (see pannet_edu.app.server).
_BUTTON = partial(widgets.Layout, width="auto", min_width="max-content")
_NO_CHOICE = ""
_NO_FACTOR = ""
#: How many timelines a player keeps (a few tens of kB of PNG each).
_FIGURE_CACHE_SIZE = 64


def _heading(text: str) -> str:
    return f'<h4 style="font-family:sans-serif;margin:10px 0 4px 0">{escape(text)}</h4>'


class CasePlayer(Tool):
    """Pick a case, step through its decisions, choose an option and read why it is strong or weak.

    Before a choice the card shows the situation, the patient and the options only. After a
    choice it shows the case author's feedback, what the team did next, then the author's
    verdicts beside the engine's and the engine's appraisal. The what-if panel (one patient
    factor changed) answers only after a choice, since it shows verdicts. Anything not allowed,
    including a picker emptied to ``None``, gives a message, never an error.

    >>> player = CasePlayer("vipoma", step=1, choice="prrt")
    >>> player.feedback.verdict
    'reasonable'
    >>> player.choose("aspirin").valid
    False
    >>> "not an option" in player.snapshot_text()
    True
    """

    title = "Case player"
    handles_empty_pickers = True  # it says "Choose a case from the list to begin." itself

    def __init__(
        self,
        case: str = "indolent_g1_sstr_positive",
        step: int | str = 0,
        choice: str | None = None,
        what_if: tuple[str, object] | None = None,
    ) -> None:
        self.bank = cases.case_bank()
        start = cases.load_case(case)
        step_index = start.index(step)
        self.feedback: cases.Feedback | None = None
        self.notice = ""
        self.finished = False
        #: The first valid choice at each step of the current case: {step id: therapy id}.
        self.first_choices: dict[str, str] = {}
        #: The furthest decision point reached in this case (the list names no step after it).
        self.reached = step_index
        self._updating = False
        #: Timeline HTML by :meth:`_figure_key` (see :meth:`figure_html`).
        self._figures: dict[tuple, str | None] = {}

        self.case_picker = widgets.Dropdown(
            options=[(c.title, c.id) for c in self.bank.values()],
            value=start.id, description="Case", style=_LABEL, layout=row_layout("40em"),
        )  # fmt: skip
        self.step_picker = widgets.Dropdown(
            options=self._step_options(start, step_index), value=step_index,
            description="Decision point",
            style=_LABEL, layout=row_layout("40em"),
        )  # fmt: skip
        self.choice_picker = widgets.Dropdown(
            options=self._choice_options(start.steps[step_index]), value=_NO_CHOICE,
            description="Your choice", style=_LABEL, layout=row_layout("40em"),
        )  # fmt: skip
        self.factor_picker = widgets.Dropdown(
            options=[("(no change)", _NO_FACTOR)]
            + [(label, f) for f, label in cases.WHAT_IF_FACTORS.items()],
            value=_NO_FACTOR, description="What if…", style=_LABEL, layout=row_layout("40em"),
        )  # fmt: skip
        self.value_picker = widgets.Dropdown(
            options=[], description="…were", style=_LABEL, layout=row_layout("40em")
        )
        # Buttons as wide as their words (never "Next ..."), in a row that wraps on a phone.
        self.next_button = widgets.Button(description="Next decision →", layout=_BUTTON())
        self.next_button.on_click(lambda _button: self.next_step())
        self.restart_button = widgets.Button(description="Start again", layout=_BUTTON())
        self.restart_button.on_click(lambda _button: self.restart())

        # Dependent pickers are refilled first; the Tool's refresh (registered later) runs once.
        self.case_picker.observe(self._on_case, names="value")
        self.step_picker.observe(self._on_step, names="value")
        self.factor_picker.observe(self._on_factor, names="value")
        self.choice_picker.observe(self._on_choice, names="value")
        self.controls = [
            self.case_picker, self.step_picker, self.choice_picker, self.factor_picker,
            self.value_picker,
        ]  # fmt: skip
        self._apply_initial(start.steps[step_index], choice, what_if)
        super().__init__()
        children = list(self.widget.children)
        children[1] = widgets.HBox([self.step_picker, self.next_button, self.restart_button],
                                   layout=widgets.Layout(flex_flow="row wrap", max_width="100%"))
        self.widget.children = tuple(children)
        self._learner = True  # from here on, choices are the learner's (not the cell's preset)

    # --- state ------------------------------------------------------------------------------
    @property
    def case(self) -> cases.Case | None:
        """The case being played (``None`` if the case picker has been emptied)."""
        return self.bank.get(self.case_picker.value)

    @property
    def step(self) -> cases.Step | None:
        """The current decision point (``None`` if there is none)."""
        case, index = self.case, self.step_picker.value
        if case is None or not isinstance(index, int) or not 0 <= index < len(case.steps):
            return None
        return case.steps[index]

    def choose(self, option: str) -> cases.Feedback | None:
        """Choose an option at the current step (a therapy id); returns the feedback.

        A choice that is not offered leaves the previous choice alone and shows a message.
        """
        if self.step is None:
            self.notice = "Choose a case and a decision point first."
            self.refresh()
            return None
        feedback = self.case.choose(self.step_picker.value, option)
        if feedback.valid:
            self.notice = ""
            self.choice_picker.value = feedback.choice
        else:
            self.notice = feedback.message
            self.refresh()
        return feedback

    def next_step(self) -> None:
        """Move to the next decision point once this one is answered; after the last, the summary.

        The next step's story tells what the team did, so it waits for the learner's choice.
        """
        step = self.step
        if step is None:
            self.notice = "Choose a case and a decision point first."
        elif self.finished:
            self.notice = "This is the end of the case: choose another case, or start again."
        elif not self.choice_picker.value:
            self.notice = (
                "Choose an option first: the next decision tells what the team did, so it would "
                "give the answer away."
            )
        elif self.step_picker.value < len(self.case.steps) - 1:
            self.notice = ""
            self.go_to(self.step_picker.value + 1)
            return
        else:
            self.notice = ""
            self.finished = True
        self.refresh()

    def go_to(self, step: int | str) -> None:
        """Open a decision point (its number from 0, or its id), listing it and every step before
        it as reached: what "Next decision" does, and a way for an instructor's cell to open a
        later step.
        """
        if self.case is None:
            raise ValueError("step cannot be opened: choose a case first")
        index = self.case.index(step)
        if index > self.reached:
            self.reached = index
            self._list_reached_steps()
        self.step_picker.value = index

    def _list_reached_steps(self) -> None:
        """Refill the list of decision points (up to :attr:`reached`), keeping the step shown."""
        self._updating = True
        try:
            self.step_picker.options = ([] if self.case is None
                                        else self._step_options(self.case, self.reached))
        finally:
            self._updating = False

    def restart(self) -> None:
        """Start the current case again from its first decision, with no choices kept."""
        self.first_choices.clear()
        self.finished = False
        self.notice = ""
        if self.case is None:
            self.refresh()
            return
        self.reached = 0
        if self.step_picker.value == 0:
            self._list_reached_steps()
            self._on_step(None)
            self.refresh()
        else:
            self.step_picker.value = 0  # then the list forgets the later steps
            self._list_reached_steps()

    def summary(self) -> cases.CaseSummary | None:
        """The end-of-case summary for the choices made so far (``None`` without a case)."""
        return None if self.case is None else self.case.run_summary(self.first_choices)

    # --- dependent controls -------------------------------------------------------------------
    @staticmethod
    def _step_options(case: cases.Case, reached: int = 0) -> list[tuple[str, int]]:
        """The decision points reached so far (0 to ``reached``), named for the list."""
        return [(f"{i + 1}. {s.label}", i) for i, s in enumerate(case.steps[: reached + 1])]

    @staticmethod
    def _choice_options(step: cases.Step | None) -> list[tuple[str, str]]:
        options = [] if step is None else [(o.name, o.therapy) for o in step.options]
        return [("(choose an option)", _NO_CHOICE), *options]

    def _value_options(self) -> list[tuple[str, object]]:
        if self.factor_picker.value in (_NO_FACTOR, None) or self.step is None:
            return []
        if self.factor_picker.value not in cases.WHAT_IF_FACTORS:
            return []
        return cases.what_if_values(self.step.patient, self.factor_picker.value)

    def _on_case(self, _change: object) -> None:
        self._updating = True
        try:
            self.first_choices.clear()
            self.finished = False
            self.reached = 0
            self.step_picker.options = [] if self.case is None else self._step_options(self.case)
            self.step_picker.value = None if self.case is None else 0
            self._reset_step()
        finally:
            self._updating = False

    def _on_step(self, _change: object) -> None:
        if self._updating:
            return
        self._updating = True
        try:
            self.finished = False
            self._reset_step()
        finally:
            self._updating = False

    def _reset_step(self) -> None:
        self.notice = ""
        self.choice_picker.options = self._choice_options(self.step)
        self.choice_picker.value = _NO_CHOICE
        self._refill_values()

    def _on_factor(self, _change: object) -> None:
        self._updating = True
        try:
            self._refill_values()
        finally:
            self._updating = False

    def _refill_values(self) -> None:
        """Offer the values the chosen factor can take for this patient; preselect the first."""
        options = self._value_options()
        self.value_picker.options = options
        self.value_picker.value = options[0][1] if options else None

    def _on_choice(self, _change: object) -> None:
        self.notice = ""  # a new choice replaces any earlier message
        self._record(self.choice_picker.value)

    def _record(self, therapy: object) -> None:
        """Keep the first valid choice at this step for the score."""
        step = self.step
        if step is not None and isinstance(therapy, str) and step.option(therapy) is not None:
            if step.id not in self.first_choices and getattr(self, "_learner", False):
                record_case_choice(self.case.choose(step.id, therapy))  # the learner's record
            self.first_choices.setdefault(step.id, therapy)

    def _apply_initial(
        self, step: cases.Step, choice: str | None, what_if: tuple[str, object] | None
    ) -> None:
        """Set the starting choice and what-if; anything not allowed becomes a message."""
        if choice is not None:
            found = step.option(choice) if isinstance(choice, str) else None
            if found is None:
                self.notice = self.case.choose(self.step_picker.value, choice).message
            else:
                self.choice_picker.value = found.therapy
        if what_if is None:
            return
        factors = ", ".join(cases.WHAT_IF_FACTORS.values())
        try:
            factor, value = what_if
        except (TypeError, ValueError):
            self.notice = f"What-if not applied: give one factor and one value ({factors})."
            return
        if factor not in cases.WHAT_IF_FACTORS:
            self.notice = f"What-if not applied: the factors that can change are {factors}."
            return
        allowed = cases.what_if_values(step.patient, factor)
        self.factor_picker.value = factor
        self.value_picker.options = allowed
        match = [
            v for _label, v in allowed
            if v == value and isinstance(v, bool) == isinstance(value, bool)
        ]  # fmt: skip
        if not match:
            labels = ", ".join(label for label, _v in allowed)
            self.notice = (
                f"What-if not applied: {cases.WHAT_IF_FACTORS[factor]} can be changed to: {labels}."
            )
            return
        self.value_picker.value = match[0]

    # --- view ---------------------------------------------------------------------------------
    def refresh(self, _change: object = None) -> None:
        if not self._updating:
            super().refresh(_change)

    def compute(self) -> View:
        case, step = self.case, self.step
        if case is None:
            self.feedback = None
            return View(self.title, ("Choose a case from the list to begin.",))
        if step is None:
            self.feedback = None
            return View(case.title, ("Choose a decision point from the list to begin.",))
        if self.finished:
            return self._summary_view(case)
        index = self.step_picker.value
        lines = [
            f"Situation: {step.situation}",
            f"Patient now: {step.patient.describe()}.",
            case.line_sentence(index),
        ]
        if index > 0:
            changed = cases.describe_changes(case.steps[index - 1].patient, step.patient)
            if changed:
                lines.append(f"Since the last decision: {changed}.")
        lines.append("Options: " + "; ".join(o.name for o in step.options) + ".")
        if self.notice:
            lines.append(f"Note: {self.notice}")
        extra_html, extra_text = "", ""
        choice = self.choice_picker.value
        if not choice:
            self.feedback = None
            lines.append(
                "Decide first, then choose an option: the case author's feedback, what the team "
                "did and the engine's appraisal appear after your choice."
            )
        else:
            self.feedback = case.choose(index, choice)
            lines += [f"Your choice: {line}" if i == 0 else line
                      for i, line in enumerate(self.feedback.lines())]  # fmt: skip
            first = self.first_choices.get(step.id)
            if first and first != choice:
                lines.append(
                    f"Your first choice here, {step.option(first).name}, is the one scored; you "
                    "are now reading the feedback on another option."
                )
            bridge = case.bridge(index, choice)
            if bridge and index < len(case.steps) - 1:
                lines.append(f"What happened next: {bridge}")
            elif bridge:
                lines.append(f"What the team did: {bridge}")
            appraisal = appraise(step.patient)
            offered = [o.therapy for o in step.options]
            extra_html = (
                _heading("Case author and engine, side by side")
                + case_views.comparison_html(case, index)
                + _heading("The engine's appraisal of the options at this step")
                + appraisal_views.appraisal_html(appraisal, therapies=offered)
            )
            extra_text = (
                "Case author and engine:\n" + case_views.comparison_text(case, index)
                + "\nEngine's appraisal:\n" + appraisal_views.appraisal_text(appraisal.loc[offered])
            )  # fmt: skip
        what_if = self._what_if_lines()
        if what_if and not choice:
            lines.append("The what-if panel answers after your choice (it shows verdicts).")
        elif what_if:
            extra_html += _heading("What if one factor were different?") + "".join(
                f'<p style="font-family:sans-serif;margin:3px 0">{escape(line)}</p>'
                for line in what_if
            )
            extra_text += "\nWhat if:\n" + "\n".join(what_if)
        return View(
            f"{case.title}: decision {index + 1} of {len(case.steps)}, {step.label}",
            tuple(lines),
            footer="References: " + "; ".join(case.references),
            extra_html=extra_html,
            extra_text=extra_text.strip("\n"),
        )

    def _summary_view(self, case: cases.Case) -> View:
        self.feedback = None
        lines = list(case.run_summary(self.first_choices).lines())
        if self.notice:
            lines.append(f"Note: {self.notice}")
        lines.append("Choose another case, or press “Start again” to replay this one.")
        return View(
            f"{case.title}: end of the case",
            tuple(lines),
            footer="References: " + "; ".join(case.references),
        )

    def _what_if_lines(self) -> tuple[str, ...]:
        factor, value = self.factor_picker.value, self.value_picker.value
        if factor in (_NO_FACTOR, None) or value is None or self.step is None:
            return ()
        if not self.value_picker.options or factor not in cases.WHAT_IF_FACTORS:
            return ()
        try:
            return cases.what_if_lines(self.step.patient, factor, value)
        except (TypeError, ValueError):
            return ()

    def _figure_key(self) -> tuple | None:
        """What the timeline depends on: the case, the step shown and the proposed line."""
        if self.step is None:
            return None
        if self.finished:
            return (self.case.id, len(self.case.steps) - 1, None)
        return (self.case.id, self.step_picker.value, self.choice_picker.value or None)

    def figure_html(self) -> str | None:
        """The timeline as HTML, drawn once per (case, step, choice): the cases do not change
        while the tool lives, so a view seen before is shown again without redrawing."""
        key = self._figure_key()
        if key is None:
            return None
        if key not in self._figures:
            if len(self._figures) >= _FIGURE_CACHE_SIZE:
                self._figures.pop(next(iter(self._figures)))
            self._figures[key] = kept_figure_html(self._figure_data(key), self.figure_image)
        return self._figures[key]

    def _figure_data(self, key: tuple) -> bytes:
        """Everything the timeline is drawn from: the whole case as loaded (its steps, lines and
        months), the step and choice shown, and the catalogue's names, classes and colours."""
        from ..engine.catalogue import load_catalogue

        catalogue = load_catalogue()
        return "\0".join([
            "case timeline", repr(key), repr(self.case),
            repr(sorted(catalogue.names().items())),
            repr(sorted((t.id, t.therapy_class) for t in catalogue)),
            repr(sorted((c.id, c.name, c.colour) for c in catalogue.classes.values())),
        ]).encode()

    def figure(self) -> Figure | None:
        """The lines of therapy so far, with the learner's choice as a dashed bar."""
        from ..plots import case_timeline

        key = self._figure_key()
        if key is None:
            return None
        _case, step, choice = key
        return case_timeline(self.case, step, choice=choice)
