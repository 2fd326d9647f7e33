"""The practice-change checklist: pick a trial, say which steps it has met, then read the data.

Thin wiring over :mod:`pannet_edu.evidence.practice_change`: the trials, the five steps, what
each is based on and the comparison with the learner's reading all come from there. The learner
commits first: the marks and the evidence show only after "Check my reading", and the ticks are
then locked until another trial is chosen.
"""

from __future__ import annotations

from functools import partial

import ipywidgets as widgets

from ..evidence import practice_change
from ._base import Picker, Tool, View

_LABEL = {"description_width": "6em"}
#: Layouts are made per control (called): a widget belongs to one learner's session, and one
#: shared by every session of a dashboard server would be closed with the first.
_ROW = partial(widgets.Layout, width="auto", max_width="100%")


class PracticeChangeChecklist(Tool):
    """What would change practice, trial by trial: the learner's reading against the data.

    >>> tool = PracticeChangeChecklist(trial="TALENT")
    >>> tool.view().title
    'TALENT: what would change practice?'
    >>> tool.tick("results", "pannet", "checked"); tool.reveal().score_line
    'You read 5 of 5 steps as the data do.'
    >>> PracticeChangeChecklist(trial="NETTER-1").view().error
    'Choose a trial from the list: NETTER-1 is not one of the trials under investigation.'
    """

    title = "What would change practice?"
    handles_empty_pickers = True

    def __init__(self, trial: str = "COMPETE") -> None:
        names = practice_change.trial_names()
        self._unknown = None if trial in names else trial
        labels = [(self._label(name), name) for name in names]
        self.trial = Picker(options=labels, value=trial if trial in names else names[0],
                            description="Trial", style=_LABEL, layout=_ROW())
        self.boxes = {
            step: widgets.Checkbox(value=False, description=question, indent=False, layout=_ROW())
            for step, question in practice_change.STEPS.items()
        }
        self.check_button = widgets.Button(description="Check my reading",
                                           button_style="primary")
        self.revealed = False
        self.controls = [self.trial, *self.boxes.values()]
        prompt = widgets.HTML("<b>Which steps has this trial met?</b> Tick them, then check.")
        super().__init__()
        note = self.widget.children[-1]
        self.widget.children = [self.trial, self.output, prompt, *self.boxes.values(),
                                self.check_button, note]
        self.trial.observe(self._new_trial, names="value")
        self.check_button.on_click(lambda _button: self.reveal())

    @staticmethod
    def _label(name: str) -> str:
        agent = practice_change.checklist(name).agent
        return f"{name}: {agent}" if agent else f"{name} (still running)"

    # --- actions (also usable from code) ---------------------------------------------------

    def tick(self, *steps: str) -> None:
        """Tick exactly these steps (ids of the checklist), leaving the others unticked."""
        unknown = [s for s in steps if s not in self.boxes]
        if unknown:
            raise ValueError(f"steps must be among {', '.join(self.boxes)}; got {unknown[0]!r}")
        for step, box in self.boxes.items():
            box.value = step in steps

    def reveal(self) -> practice_change.Reading | None:
        """Show the data's checklist beside the learner's ticks, and lock the ticks."""
        if self._unknown is not None:
            self.refresh()
            return None
        self.revealed = True
        for box in self.boxes.values():
            box.disabled = True
        self.check_button.disabled = True
        self.refresh()
        return self._reading()

    def _new_trial(self, _change: object = None) -> None:
        self._unknown = None
        self.revealed = False
        for box in self.boxes.values():
            box.disabled = False
            box.value = False
        self.check_button.disabled = False
        self.refresh()

    # --- view ------------------------------------------------------------------------------

    def _reading(self) -> practice_change.Reading:
        ticked = [step for step, box in self.boxes.items() if box.value]
        return practice_change.check_reading(self.trial.value, ticked)

    def compute(self) -> View:
        if self._unknown is not None:
            raise ValueError(f"Choose a trial from the list: {self._unknown} is not one of the "
                             "trials under investigation.")
        if self.trial.value is None:
            raise ValueError("Choose a trial from the list.")
        found = practice_change.checklist(self.trial.value)
        title = f"{found.trial}: what would change practice?"
        what = f"What it tests: {found.tested}"
        if not self.revealed:
            return View(title, (what, "Decide first: tick the steps you think this trial has "
                                      "met, then choose Check my reading. The marks and the "
                                      "evidence show after you check."),
                        footer="The answer is read from the package's evidence data.")
        reading = self._reading()
        lines = [what]
        for item in reading.steps:
            line = f"{item.step.question}: {item.step.evidence}"
            if item.correct is not None:
                said = "met" if item.believed else "not met"
                line += f" You said {said}: {'right' if item.correct else 'not quite'}."
            lines.append(line)
        lines += [found.verdict, reading.score_line]
        return View(title, tuple(lines), footer=f"Source: {found.source}")
