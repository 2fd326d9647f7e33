"""Case player: step through a teaching case, choose, read the feedback, compare with the engine.

Thin: every verdict, feedback and what-if answer comes from :mod:`pannet_edu.cases` and
:mod:`pannet_edu.sequencing`; the timeline comes from :func:`pannet_edu.plots.case_timeline`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from .. import cases, sequencing
from ..render import escape
from ._base import Tool, View

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_LABEL = {"description_width": "10em"}
_WIDE = widgets.Layout(width="40em")
_NO_CHOICE = ""
_NO_FACTOR = ""


def _heading(text: str) -> str:
    return f'<h4 style="font-family:sans-serif;margin:10px 0 4px 0">{escape(text)}</h4>'


class CasePlayer(Tool):
    """Pick a case, step through its decisions, choose an option and read why it is strong or weak.

    After a choice the card shows the case author's feedback, then the author's verdicts beside the
    engine's and the engine's full appraisal for the patient at that step. The what-if panel changes
    one patient factor and lists the verdicts that move, and why. Choices that are not offered give
    a message, never an error.

    >>> player = CasePlayer("vipoma", step=1, choice="prrt")
    >>> player.feedback.verdict
    'reasonable'
    >>> player.choose("aspirin").valid
    False
    >>> "not an option" in player.snapshot_text()
    True
    """

    title = "Case player"

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
        self._updating = False

        self.case_picker = widgets.Dropdown(
            options=[(c.title, c.id) for c in self.bank.values()],
            value=start.id, description="Case", style=_LABEL, layout=_WIDE,
        )  # fmt: skip
        self.step_picker = widgets.Dropdown(
            options=self._step_options(start), value=step_index, description="Decision point",
            style=_LABEL, layout=_WIDE,
        )  # fmt: skip
        self.choice_picker = widgets.Dropdown(
            options=self._choice_options(start.steps[step_index]), value=_NO_CHOICE,
            description="Your choice", style=_LABEL, layout=_WIDE,
        )  # fmt: skip
        self.factor_picker = widgets.Dropdown(
            options=[("(no change)", _NO_FACTOR)]
            + [(label, f) for f, label in cases.WHAT_IF_FACTORS.items()],
            value=_NO_FACTOR, description="What if…", style=_LABEL, layout=_WIDE,
        )  # fmt: skip
        self.value_picker = widgets.Dropdown(
            options=[], description="…were", style=_LABEL, layout=_WIDE
        )
        self.next_button = widgets.Button(description="Next decision →")
        self.next_button.on_click(lambda _button: self.next_step())

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
        children[1] = widgets.HBox([self.step_picker, self.next_button])
        self.widget.children = tuple(children)

    # --- state ------------------------------------------------------------------------------
    @property
    def case(self) -> cases.Case:
        """The case being played."""
        return self.bank[self.case_picker.value]

    @property
    def step(self) -> cases.Step:
        """The current decision point."""
        return self.case.steps[self.step_picker.value]

    def choose(self, option: str) -> cases.Feedback:
        """Choose an option at the current step (a therapy id); returns the feedback.

        A choice that is not offered leaves the previous choice alone and shows a message.
        """
        feedback = self.case.choose(self.step_picker.value, option)
        if feedback.valid:
            self.notice = ""
            self.choice_picker.value = feedback.choice
        else:
            self.notice = feedback.message
            self.refresh()
        return feedback

    def next_step(self) -> None:
        """Move to the next decision point (stays on the last one)."""
        if self.step_picker.value < len(self.case.steps) - 1:
            self.step_picker.value += 1

    # --- dependent controls -------------------------------------------------------------------
    @staticmethod
    def _step_options(case: cases.Case) -> list[tuple[str, int]]:
        return [(f"{i + 1}. {s.label}", i) for i, s in enumerate(case.steps)]

    @staticmethod
    def _choice_options(step: cases.Step) -> list[tuple[str, str]]:
        return [("(choose an option)", _NO_CHOICE)] + [(o.name, o.therapy) for o in step.options]

    def _value_options(self) -> list[tuple[str, object]]:
        if self.factor_picker.value == _NO_FACTOR:
            return []
        return cases.what_if_values(self.step.patient, self.factor_picker.value)

    def _on_case(self, _change: object) -> None:
        self._updating = True
        try:
            self.step_picker.options = self._step_options(self.case)
            self.step_picker.value = 0
            self._reset_step()
        finally:
            self._updating = False

    def _on_step(self, _change: object) -> None:
        if self._updating:
            return
        self._updating = True
        try:
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
        try:
            factor, value = what_if
            allowed = cases.what_if_values(step.patient, factor)
        except (TypeError, ValueError) as exc:
            self.notice = f"What-if not applied: {exc}"
            return
        self.factor_picker.value = factor
        self.value_picker.options = allowed
        match = [
            v for _label, v in allowed
            if v == value and isinstance(v, bool) == isinstance(value, bool)
        ]  # fmt: skip
        if not match:
            labels = ", ".join(label for label, _v in allowed)
            self.notice = f"What-if not applied: {factor} can be changed to: {labels}."
            return
        self.value_picker.value = match[0]

    # --- view ---------------------------------------------------------------------------------
    def refresh(self, _change: object = None) -> None:
        if not self._updating:
            super().refresh(_change)

    def compute(self) -> View:
        case, step = self.case, self.step
        index = self.step_picker.value
        lines = [f"Situation: {step.situation}", f"Patient now: {step.patient.describe()}."]
        if index > 0:
            changed = cases.patient_changes(case.steps[index - 1].patient, step.patient)
            if changed:
                parts = "; ".join(f"{k} {_show(a)} → {_show(b)}" for k, (a, b) in changed.items())
                lines.append(f"Since the last decision: {parts}.")
        lines.append("Options: " + ", ".join(o.name for o in step.options) + ".")
        if self.notice:
            lines.append(f"Note: {self.notice}")
        extra_html, extra_text = "", ""
        if self.choice_picker.value == _NO_CHOICE:
            self.feedback = None
            lines.append("Choose an option to see the case author's feedback and the engine.")
        else:
            self.feedback = case.choose(index, self.choice_picker.value)
            lines += [f"Your choice: {line}" if i == 0 else line
                      for i, line in enumerate(self.feedback.lines())]  # fmt: skip
            appraisal = sequencing.appraise(step.patient)
            offered = [o.therapy for o in step.options]
            extra_html = (
                _heading("Case author and engine, side by side")
                + cases.comparison_html(case, index)
                + _heading("The engine's appraisal of the options at this step")
                + sequencing.appraisal_html(appraisal, therapies=offered)
            )
            extra_text = (
                "Case author and engine:\n" + cases.comparison_text(case, index)
                + "\nEngine's appraisal:\n" + sequencing.appraisal_text(appraisal.loc[offered])
            )  # fmt: skip
        what_if = self._what_if_lines()
        if what_if:
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

    def _what_if_lines(self) -> tuple[str, ...]:
        factor = self.factor_picker.value
        if factor == _NO_FACTOR or self.value_picker.value is None:
            return ()
        if not self.value_picker.options:
            return ()
        return cases.what_if_lines(self.step.patient, factor, self.value_picker.value)

    def figure(self) -> Figure | None:
        """The lines of therapy so far, with the learner's choice as a dashed bar."""
        from ..plots import case_timeline

        choice = self.choice_picker.value or None
        return case_timeline(self.case, self.step_picker.value, choice=choice)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "none" if not value else ", ".join(value)
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
