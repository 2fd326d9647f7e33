"""Patient appraisal tool: set a teaching patient's factors, read the engine's verdict per therapy.

Thin: the controls build a :class:`pannet_edu.sequencing.Patient`; every verdict and reason comes
from :func:`pannet_edu.sequencing.appraise`.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from .. import sequencing
from ..sources import HAUSER_2019
from ._base import Tool, View, optional_number

_WIDE = widgets.Layout(width="24em")
_LABEL = {"description_width": "11em"}


@dataclass(frozen=True)
class AppraisalView(View):
    """A card about the patient followed by the appraisal table (HTML and text)."""

    table_html: str = ""
    table_text: str = ""

    def html(self) -> str:
        return super().html() + ("" if self.error else self.table_html)

    def text(self) -> str:
        return super().text() + ("" if self.error else "\n" + self.table_text)


def _none_or(value: str) -> str | None:
    return None if value == "none" else value


class PatientAppraisal(Tool):
    """Change one patient factor at a time and watch the verdicts move.

    >>> tool = PatientAppraisal(ki67="5", sstr="positive")
    >>> tool.table.loc["ssa", "verdict"]
    'preferred'
    >>> tool.sstr.value = "negative"
    >>> tool.table.loc["prrt", "verdict"]
    'not suitable'
    >>> PatientAppraisal(ki67="200").view().error
    'ki67 must be between 0 and 100, got 200'
    """

    title = "Therapy appraisal"

    def __init__(
        self,
        ki67: str = "5",
        differentiation: str = "well",
        sstr: str = "positive",
        burden: str = "low",
        progressing: bool = False,
        symptomatic: bool = False,
        syndrome: str | None = None,
        hereditary: str | None = None,
        prior: tuple[str, ...] = (),
        comorbidities: tuple[str, ...] = (),
    ) -> None:
        self.table = None
        self.ki67 = widgets.Text(value=ki67, description="Ki-67 (%)", layout=_WIDE, style=_LABEL)
        self.differentiation = widgets.ToggleButtons(
            options=[("Well differentiated", "well"), ("Poorly differentiated", "poor")],
            value=differentiation, description="Morphology", style=_LABEL,
        )
        self.sstr = widgets.Dropdown(
            options=[("positive (uptake at or above liver)", "positive"),
                     ("heterogeneous (some lesions without uptake)", "heterogeneous"),
                     ("negative", "negative"), ("unknown (not imaged)", "unknown")],
            value=sstr, description="SSTR imaging", style=_LABEL,
            layout=widgets.Layout(width="34em"),
        )
        self.burden = widgets.ToggleButtons(
            options=[("Low", "low"), ("High", "high")], value=burden,
            description="Tumour burden", style=_LABEL,
        )
        self.progressing = widgets.Checkbox(value=progressing, description="Progressing")
        self.symptomatic = widgets.Checkbox(value=symptomatic, description="Symptomatic")
        self.syndrome = widgets.Dropdown(
            options=[("none (non-functioning)", "none")]
            + [(sequencing.SYNDROME_NAMES[s], s) for s in sequencing.SYNDROMES],
            value=syndrome or "none", description="Functional syndrome", style=_LABEL,
            layout=_WIDE,
        )
        self.hereditary = widgets.Dropdown(
            options=[("none", "none"), *((h, h) for h in sequencing.HEREDITARY_SYNDROMES)],
            value=hereditary or "none", description="Hereditary syndrome", style=_LABEL,
            layout=_WIDE,
        )
        self.prior = widgets.SelectMultiple(
            options=[(sequencing.THERAPY_NAMES[t], t) for t in sequencing.THERAPY_IDS],
            value=tuple(prior), rows=5, description="Already given", style=_LABEL,
            layout=widgets.Layout(width="34em"),
        )
        self.comorbidities = widgets.SelectMultiple(
            options=[(sequencing.COMORBIDITY_NAMES[c], c) for c in sequencing.COMORBIDITIES],
            value=tuple(comorbidities), rows=4, description="Comorbidities", style=_LABEL,
            layout=widgets.Layout(width="34em"),
        )
        self.controls = [
            self.ki67, self.differentiation, self.sstr, self.burden, self.progressing,
            self.symptomatic, self.syndrome, self.hereditary, self.prior, self.comorbidities,
        ]
        super().__init__()

    def patient(self) -> sequencing.Patient:
        """The patient described by the controls (raises ValueError/TypeError for bad input)."""
        return sequencing.Patient(
            ki67=optional_number("ki67", self.ki67.value),
            differentiation=self.differentiation.value,
            sstr=self.sstr.value,
            burden=self.burden.value,
            progressing=self.progressing.value,
            symptomatic=self.symptomatic.value,
            syndrome=_none_or(self.syndrome.value),
            hereditary=_none_or(self.hereditary.value),
            prior=self.prior.value,
            comorbidities=self.comorbidities.value,
        )

    def compute(self) -> View:
        self.table = None
        patient = self.patient()
        table = sequencing.appraise(patient)
        self.table = table
        counts = table["verdict"].value_counts()
        summary = ", ".join(f"{counts.get(v, 0)} {v}" for v in sequencing.VERDICTS)
        return AppraisalView(
            f"Therapy appraisal: {patient.grade.label}",
            (patient.describe() + ".", f"Verdicts: {summary}."),
            footer=(
                "Verdicts follow the rules in pannet_edu.sequencing; no trial has settled the "
                f"order of therapies ({HAUSER_2019.cite()})"
            ),
            table_html=sequencing.appraisal_html(table),
            table_text=sequencing.appraisal_text(table),
        )
