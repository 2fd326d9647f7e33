"""Is this patient inside the evidence? Set a patient, pick an option, decide, then read the trials.

Thin wiring over :mod:`pannet_edu.evidence.patient_fit` (which trial's population holds the
patient, the criterion that excludes them, the label in the region, the checks before a first
dose) and :mod:`pannet_edu.views.evidence_fit` (the card). The learner commits first: the answer
shows only after "Check my reading", the answers are then locked, and any change to the patient
or the option asks the question afresh. Each checked reading is added to the learner's own
practice record (:func:`pannet_edu.practice.attempts.record_evidence_fit`: in a kernel only,
never sent anywhere), for the class report if the learner shares it. A lesson shows only its own
classes' options and only the patient inputs their trials' populations and labels read.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from .. import vocab
from ..content.manifest import lesson_ids
from ..display import DISCLAIMER
from ..engine import Patient, load_catalogue
from ..engine.scope import load_scope
from ..evidence.patient_fit import (
    FITS,
    TRIAL_FITS,
    EvidenceFit,
    Reading,
    check_reading,
    evidence_fit,
    fields_read,
    therapy_choices,
)
from ..practice.attempts import patient_key, record_evidence_fit
from ..practice.vignettes.lessons import lesson_classes
from ..views.evidence_fit import fit_html, fit_text, static_html
from ._base import MULTI_SELECT_HINT, Picker, Tool, View, ki67_from_box, row_layout
from .appraisal import REFRACTORY_HINT

_LABEL = {"description_width": "initial"}
#: What the card says while the Ki-67 box is blank or holds something that is not a Ki-67.
KI67_NEEDED = "Give a Ki-67 between 0% and 100% to place the patient."
#: What the learner reads when "Check my reading" is chosen without an overall answer.
ANSWER_FIRST = "Choose your overall answer first (inside, partly or outside), then check."
#: What the learner reads under the button once the reading is checked.
CHECKED = ("Your reading is checked in the card above, trial by trial. Change the patient or the "
           "option to try another.")
_REGIONS = [("not set", "none"), *((vocab.REGION_NAMES[r], r) for r in vocab.REGIONS)]
#: The overall answers as short radio labels (a longer label wraps into the next one on a phone).
_SHORT = {"inside": "inside", "partly": "partly: a position only",
          "outside": "outside: extrapolated"}
_PERFORMANCE = [("not stated", "none"),
                *((vocab.PERFORMANCE_STATUS_NAMES[p], p) for p in vocab.PERFORMANCE_STATUSES)]


@dataclass(frozen=True)
class FitView(View):
    """The question (before the learner commits) or the answer, as one card."""

    fit: EvidenceFit | None = None
    reading: Reading | None = None

    def html(self) -> str:
        return super().html() if self.error or self.fit is None else fit_html(self.fit,
                                                                            self.reading)

    def text(self) -> str:
        return super().text() if self.error or self.fit is None else fit_text(self.fit,
                                                                            self.reading)


def _radio(options, description: str, vertical: bool = False) -> widgets.RadioButtons:
    """A choice of a few, unanswered at first; its options wrap below the label on a phone."""
    return widgets.RadioButtons(
        options=options, value=None, description=description, style=_LABEL,
        orientation="vertical" if vertical else "horizontal",
        layout=widgets.Layout(width="auto", max_width="100%", flex_flow="row wrap"),
    )


def _none_or(value: object) -> object:
    return None if value == "none" else value


class InsideTheEvidence(Tool):
    """Decide whether a patient is inside the trials of an option, then read the data's answer.

    >>> tool = InsideTheEvidence(lesson="05_prrt", ki67="15", region="EU")
    >>> "Decide first" in tool.output.value and "inside." not in tool.output.value
    True
    >>> tool.guess(overall="inside", trials={"NETTER-2": "inside"})
    >>> tool.reveal().call("overall").correct
    True
    >>> InsideTheEvidence(lesson="06_chemotherapy", ki67="abc").view().error
    '“abc” is not a Ki-67 value. Give a Ki-67 between 0% and 100% to place the patient.'
    >>> InsideTheEvidence(lesson="lesson 5")
    Traceback (most recent call last):
    ...
    ValueError: lesson must be a lesson id (00_start_here, ...) or None (every option); got ...
    """

    title = "Is this patient inside the evidence?"

    def __init__(
        self,
        lesson: str | None = None,
        therapy: str | None = None,
        ki67: str = "5",
        differentiation: str = "well",
        sstr: str = "positive",
        progressing: bool = False,
        symptomatic: bool = False,
        syndrome: str | None = None,
        hypoglycaemia_refractory: bool = False,
        hereditary: str | None = None,
        performance_status: int | None = None,
        prior: tuple[str, ...] = (),
        durable_benefit: tuple[str, ...] = (),
        region: str | None = "EU",
    ) -> None:
        if lesson is not None and lesson not in lesson_ids():
            raise ValueError(f"lesson must be a lesson id ({', '.join(lesson_ids())}) or None "
                             f"(every option); got {lesson!r}")
        classes = None if lesson is None else lesson_classes(lesson)
        self.choices = therapy_choices(classes)
        self.fields = fields_read(self.choices)
        names = load_catalogue().names()
        self._unknown = therapy if therapy is not None and therapy not in self.choices else None
        self.lesson = lesson
        self.revealed = False
        #: (option, patient) questions this tool has checked: a second check is a retry.
        self._checked: set[tuple[str, str]] = set()
        self.therapy = Picker(
            options=[(names[t], t) for t in self.choices],
            value=therapy if therapy in self.choices else self.choices[0],
            description="Option", style=_LABEL, layout=row_layout("30em"))
        catalogue = load_catalogue()
        systemic = [(names[t], t) for t in catalogue.ids if catalogue.is_systemic(t)]
        built = {
            "ki67": lambda: widgets.Text(value=ki67, description="Ki-67 (%)", style=_LABEL,
                                         placeholder="0 to 100", layout=row_layout("20em")),
            "differentiation": lambda: widgets.RadioButtons(
                options=[("Well differentiated", "well"), ("Poorly differentiated", "poor")],
                value=differentiation, description="Morphology", style=_LABEL,
                layout=widgets.Layout(width="auto", max_width="100%", flex_flow="row wrap")),
            "sstr": lambda: widgets.Dropdown(
                options=[(vocab.SSTR_NAMES[s], s) for s in vocab.SSTR_STATUSES], value=sstr,
                description="SSTR imaging", style=_LABEL, layout=row_layout("42em")),
            "progressing": lambda: widgets.Checkbox(value=progressing, indent=False,
                                                    description="Progressing"),
            "symptomatic": lambda: widgets.Checkbox(value=symptomatic, indent=False,
                                                    description="Symptomatic"),
            "syndrome": lambda: widgets.Dropdown(
                options=[("none (non-functioning)", "none"),
                         *((vocab.SYNDROME_NAMES[s], s) for s in vocab.SYNDROMES)],
                value=syndrome or "none", description="Functional syndrome", style=_LABEL,
                layout=row_layout("26em")),
            "hypoglycaemia_refractory": lambda: widgets.Checkbox(
                value=hypoglycaemia_refractory, description="Refractory hypoglycaemia",
                indent=False, layout=widgets.Layout(width="auto", max_width="100%")),
            "hereditary": lambda: widgets.Dropdown(
                options=[("none", "none"), *((h, h) for h in vocab.HEREDITARY_SYNDROMES)],
                value=hereditary or "none", description="Hereditary syndrome", style=_LABEL,
                layout=row_layout("26em")),
            "performance_status": lambda: widgets.Dropdown(
                options=_PERFORMANCE,
                value="none" if performance_status is None else performance_status,
                description="Performance status", style=_LABEL, layout=row_layout()),
            "prior": lambda: widgets.SelectMultiple(
                options=systemic, value=tuple(prior), rows=len(systemic),
                description="Already given", style=_LABEL, layout=row_layout()),
            "durable_benefit": lambda: widgets.SelectMultiple(
                options=systemic, value=tuple(durable_benefit), rows=len(systemic),
                description="Controlled the disease for a long time", style=_LABEL,
                layout=row_layout()),
        }
        #: The patient inputs this lesson's options read, by patient field.
        self.inputs = {field: built[field]() for field in self.fields if field in built}
        self.region = widgets.Dropdown(options=_REGIONS, value=region or "none",
                                       description="Treated in", style=_LABEL,
                                       layout=row_layout("24em"))
        self.guess_box = widgets.VBox(layout=widgets.Layout(max_width="100%"))
        self.trial_guesses: dict[str, widgets.RadioButtons] = {}
        self.overall_guess = _radio([(_SHORT[f], f) for f in FITS], "Overall", vertical=True)
        self.check_button = widgets.Button(description="Check my reading",
                                           button_style="primary",
                                           layout=widgets.Layout(width="auto"))
        self.hint = widgets.HTML("")
        self.controls = [self.therapy, *self.inputs.values(), self.region]
        for control in self.controls:  # registered before the tool's refresh, so it runs first
            control.observe(self._ask_again, names="value")
        self._build_guesses()
        super().__init__()
        styles, note = self.widget.children[-2:]
        prompt = widgets.HTML("<b>Your reading.</b> For each trial, and overall: is this "
                              "patient inside the evidence?")
        children = [self.therapy]
        for field, control in self.inputs.items():
            if field == "prior":
                children.append(widgets.HTML(MULTI_SELECT_HINT))
            children.append(control)
            if field == "hypoglycaemia_refractory":
                children.append(widgets.HTML(REFRACTORY_HINT))
        self.widget.children = [*children, self.region, self.output, prompt, self.guess_box,
                                self.check_button, self.hint, styles, note]
        self.widget.layout = widgets.Layout(max_width="100%")
        self.check_button.on_click(lambda _button: self.reveal())

    # --- actions (also usable from code) ---------------------------------------------------

    def guess(self, overall: str | None = None, trials: dict[str, str] | None = None) -> None:
        """Set the learner's answers (as the radio buttons would): ``overall`` one of
        ``inside``, ``partly``, ``outside``; ``trials`` a trial name -> ``inside``/``outside``."""
        if overall is not None and overall not in FITS:
            raise ValueError(f"overall must be one of {', '.join(FITS)}; got {overall!r}")
        for name, value in (trials or {}).items():
            if name not in self.trial_guesses:
                raise ValueError(f"trials must name trials of this option "
                                 f"({', '.join(self.trial_guesses)}); got {name!r}")
            if value not in TRIAL_FITS:
                raise ValueError(f"trials[{name!r}] must be one of {', '.join(TRIAL_FITS)}; "
                                 f"got {value!r}")
            self.trial_guesses[name].value = value
        if overall is not None:
            self.overall_guess.value = overall

    def reveal(self) -> Reading | None:
        """Show the data's answer beside the learner's and lock the answers; without an overall
        answer (or for a patient that cannot be placed) nothing is revealed and the tool says
        why. The first check of a reading is added to the learner's own practice record."""
        if self.overall_guess.value is None:
            self.hint.value = f"<p>{ANSWER_FIRST}</p>"
            return None
        fit = self._fit_or_none()
        if fit is None:
            self.refresh()
            return None
        reading = self._reading(fit)
        if not self.revealed:  # the learner's own record (in a kernel only), once per check
            question = (fit.therapy, patient_key(fit.patient))
            record_evidence_fit(reading, self.lesson or "", retry=question in self._checked)
            self._checked.add(question)
        self.revealed = True
        self.hint.value = f"<p>{CHECKED}</p>"
        for radio in (*self.trial_guesses.values(), self.overall_guess):
            radio.disabled = True
        self.check_button.disabled = True
        self.refresh()
        return reading

    # --- state -----------------------------------------------------------------------------

    def _build_guesses(self) -> None:
        self.trial_guesses = {name: _radio(list(TRIAL_FITS), name)
                              for name in self._trial_names()}
        self.overall_guess.value = None
        self.guess_box.children = [*self.trial_guesses.values(), self.overall_guess]

    def _trial_names(self) -> list[str]:
        return [e.trial for e in load_scope().for_therapy(self.therapy.value) if e.trial]

    def _ask_again(self, change: object = None) -> None:
        """A new patient or option is a new question: answers cleared and unlocked."""
        if isinstance(change, dict) and change.get("owner") is self.therapy:
            self._unknown = None
            self._build_guesses()
        self.revealed = False
        self.hint.value = ""
        for radio in (*self.trial_guesses.values(), self.overall_guess):
            radio.disabled = False
            radio.value = None
        self.check_button.disabled = False

    def _ki67(self) -> float:
        return ki67_from_box(self.inputs["ki67"].value, KI67_NEEDED)

    def patient(self) -> Patient:
        """The patient the inputs describe (a ValueError in clinical words for bad input)."""
        values = {field: control.value for field, control in self.inputs.items()}
        values["ki67"] = self._ki67()
        prior = tuple(values.get("prior", ()))
        durable = tuple(values.get("durable_benefit", ()))
        unticked = [t for t in durable if t not in prior]
        if unticked:
            names = load_catalogue().names()
            raise ValueError("A long benefit can only be marked for a therapy already given: "
                             + ", ".join(names[t] for t in unticked)
                             + " is not ticked under 'Already given'.")
        for field in ("syndrome", "hereditary", "performance_status"):
            if field in values:
                values[field] = _none_or(values[field])
        return Patient(**values, region=_none_or(self.region.value))

    def _fit_or_none(self) -> EvidenceFit | None:
        try:
            return self._fit()
        except (ValueError, TypeError):
            return None

    def _fit(self) -> EvidenceFit:
        if self._unknown is not None:
            raise ValueError(f"Choose an option from the list: {self._unknown} is not one of "
                             "the options this lesson teaches.")
        return evidence_fit(self.therapy.value, self.patient())

    def _reading(self, fit: EvidenceFit) -> Reading:
        trials = {name: radio.value for name, radio in self.trial_guesses.items()}
        return check_reading(fit, self.overall_guess.value, trials)

    # --- view ------------------------------------------------------------------------------

    def snapshot_html(self) -> str:
        """Where no live tool runs (a handout, a notebook viewer): the question for the patient
        shown, with the answer in a closed block that a handout prints in its answer key."""
        view = self.view()
        if self.revealed or view.error or not isinstance(view, FitView) or view.fit is None:
            return super().snapshot_html()
        return static_html(view.fit, notice=DISCLAIMER)

    def compute(self) -> View:
        fit = self._fit()
        reading = self._reading(fit) if self.revealed else None
        return FitView(self.title, fit=fit, reading=reading)
