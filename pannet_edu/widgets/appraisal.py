"""Patient appraisal tool: set a teaching patient's factors, read the engine's verdict per therapy.

Thin: the controls build a :class:`pannet_edu.engine.Patient`; every verdict, reason, check and
approval comes from :func:`pannet_edu.engine.appraise`, and the option names from the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from .. import engine, vocab
from ..content.sources import HAUSER_2019
from ..views import appraisal as appraisal_views
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


_RESECTABLE = {"not judged": None, "yes": True, "no": False}
_M_OPTIONS = [("not given", "none"), ("liver only (M1a)", "M1a"),
              ("outside the liver only (M1b)", "M1b"), ("liver and elsewhere (M1c)", "M1c")]
_REGION_OPTIONS = [("not set", "none"), ("United States", "US"), ("European Union", "EU"),
                   ("China", "China")]
_DPYD_OPTIONS = [("not tested", "unknown"), ("normal", "normal"),
                 ("partial DPD deficiency", "partial_deficiency"),
                 ("complete DPD deficiency", "complete_deficiency")]


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
    >>> tool = PatientAppraisal(ki67="5", region="US")
    >>> tool.table.loc["surufatinib", "approval"].startswith("not approved")
    True
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
        m_category: str | None = None,
        resectable: bool | None = None,
        region: str | None = None,
        durable_benefit: tuple[str, ...] = (),
        hypoglycaemia_refractory: bool = False,
        dpyd: str = "unknown",
        pregnancy_possible: bool = False,
    ) -> None:
        self.table = None
        self.ki67 = widgets.Text(value=ki67, description="Ki-67 (%)", layout=_WIDE, style=_LABEL)
        self.differentiation = widgets.ToggleButtons(
            options=[("Well differentiated", "well"), ("Poorly differentiated", "poor")],
            value=differentiation, description="Morphology", style=_LABEL,
        )
        self.sstr = widgets.Dropdown(
            options=[("positive (uptake above normal liver, Krenning 3-4)", "positive"),
                     ("up to normal liver (Krenning 2): SSA yes, PRRT borderline", "borderline"),
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
            + [(vocab.SYNDROME_NAMES[s], s) for s in vocab.SYNDROMES],
            value=syndrome or "none", description="Functional syndrome", style=_LABEL,
            layout=_WIDE,
        )
        self.hypoglycaemia_refractory = widgets.Checkbox(
            value=hypoglycaemia_refractory,
            description="Hypoglycaemia refractory to diet, glucose and diazoxide",
            layout=widgets.Layout(width="34em"),
        )
        self.hereditary = widgets.Dropdown(
            options=[("none", "none"), *((h, h) for h in vocab.HEREDITARY_SYNDROMES)],
            value=hereditary or "none", description="Hereditary syndrome", style=_LABEL,
            layout=_WIDE,
        )
        names = engine.load_catalogue().names()
        self.prior = widgets.SelectMultiple(
            options=[(name, t) for t, name in names.items()],
            value=tuple(prior), rows=5, description="Already given", style=_LABEL,
            layout=widgets.Layout(width="34em"),
        )
        self.durable_benefit = widgets.SelectMultiple(
            options=[(name, t) for t, name in names.items()],
            value=tuple(durable_benefit), rows=4,
            description="Controlled the disease for a long time", style=_LABEL,
            layout=widgets.Layout(width="34em"),
        )
        self.comorbidities = widgets.SelectMultiple(
            options=[(vocab.COMORBIDITY_NAMES[c], c) for c in vocab.COMORBIDITIES],
            value=tuple(comorbidities), rows=4, description="Comorbidities", style=_LABEL,
            layout=widgets.Layout(width="34em"),
        )
        self.m_category = widgets.Dropdown(
            options=_M_OPTIONS, value=m_category or "none", description="Metastases",
            style=_LABEL, layout=widgets.Layout(width="34em"),
        )
        self.resectable = widgets.ToggleButtons(
            options=list(_RESECTABLE), description="All disease removable",
            value={None: "not judged", True: "yes", False: "no"}[resectable], style=_LABEL,
        )
        self.region = widgets.Dropdown(
            options=_REGION_OPTIONS, value=region or "none", description="Treated in",
            style=_LABEL, layout=_WIDE,
        )
        self.dpyd = widgets.Dropdown(
            options=_DPYD_OPTIONS, value=dpyd, description="DPYD (before capecitabine or 5-FU)",
            style=_LABEL, layout=widgets.Layout(width="34em"),
        )
        self.pregnancy_possible = widgets.Checkbox(
            value=pregnancy_possible, description="Could become pregnant",
        )
        self.controls = [
            self.ki67, self.differentiation, self.sstr, self.burden, self.progressing,
            self.symptomatic, self.syndrome, self.hypoglycaemia_refractory, self.hereditary,
            self.m_category, self.resectable, self.prior, self.durable_benefit,
            self.comorbidities, self.dpyd, self.pregnancy_possible, self.region,
        ]
        super().__init__()

    def patient(self) -> engine.Patient:
        """The patient described by the controls (raises ValueError/TypeError for bad input)."""
        durable = tuple(t for t in self.durable_benefit.value if t in self.prior.value)
        unticked = [t for t in self.durable_benefit.value if t not in self.prior.value]
        if unticked:
            names = engine.load_catalogue().names()
            raise ValueError(
                "A long benefit can only be marked for a therapy already given: "
                + ", ".join(names[t] for t in unticked) + " is not ticked under 'Already given'."
            )
        return engine.Patient(
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
            m_category=_none_or(self.m_category.value),
            resectable=_RESECTABLE[self.resectable.value],
            region=_none_or(self.region.value),
            durable_benefit=durable,
            hypoglycaemia_refractory=self.hypoglycaemia_refractory.value,
            dpyd=self.dpyd.value,
            pregnancy_possible=self.pregnancy_possible.value,
        )

    def compute(self) -> View:
        self.table = None
        patient = self.patient()
        table = engine.appraise(patient)
        self.table = table
        counts = table["verdict"].value_counts()
        summary = ", ".join(f"{counts.get(v, 0)} {v}" for v in vocab.VERDICTS)
        return AppraisalView(
            f"Therapy appraisal: {patient.grade.label}",
            (patient.describe() + ".", f"Verdicts: {summary}."),
            footer=(
                "Verdicts follow the sequencing principles, each rule beside its source; no "
                f"trial has settled the order of therapies ({HAUSER_2019.cite()}). 'Before "
                "starting' lists the checks to name before a first dose; 'Approval' reads the "
                "label of the region chosen above"
            ),
            table_html=appraisal_views.appraisal_html(table),
            table_text=appraisal_views.appraisal_text(table),
        )
