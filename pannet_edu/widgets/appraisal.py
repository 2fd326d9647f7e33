"""Patient appraisal tool: set a teaching patient's factors, read the engine's verdict per therapy.

Thin: the controls build a :class:`pannet_edu.engine.Patient`; every verdict, reason, check and
approval comes from :func:`pannet_edu.engine.appraise`, and the option names from the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from .. import engine, vocab
from ..content.sources import HAUSER_2019
from ..display import MUTED_TEXT
from ..views import appraisal as appraisal_views
from ._base import MULTI_SELECT_HINT, Tool, View, ki67_from_box, row_layout

#: Labels take the width their words need (never cut off); on a narrow screen the control wraps
#: below its label, and no control is wider than the screen.
_LABEL = {"description_width": "initial"}


_row = row_layout


def _choice(options, value, description: str, vertical: bool = False) -> widgets.RadioButtons:
    """One choice of a few, as a radio group: a screen reader announces each option as a radio
    button with its checked state (toggle buttons carry no pressed state or group). Options with
    long labels stack (``vertical``) so that no radio button is pushed out of sight."""
    return widgets.RadioButtons(
        options=options, value=value, description=description, style=_LABEL,
        orientation="vertical" if vertical else "horizontal",
        layout=widgets.Layout(width="auto", max_width="100%", flex_flow="row wrap"),
    )


#: What "refractory hypoglycaemia" means here (a checkbox label must stay short on a phone).
REFRACTORY_HINT = (
    f'<small style="color:{MUTED_TEXT}">Refractory: hypoglycaemia that persists despite diet, '
    "glucose and diazoxide (insulinoma).</small>"
)

#: What the card says while the Ki-67 box is blank or holds something that is not a Ki-67.
KI67_NEEDED = "Give a Ki-67 between 0% and 100% to see the appraisal."


@dataclass(frozen=True)
class AppraisalView(View):
    """A card about the patient followed by the appraisal table (HTML and text)."""

    table_html: str = ""
    table_text: str = ""

    def html(self) -> str:
        return super().html() + ("" if self.error else self.table_html)

    def text(self) -> str:
        return super().text() + ("" if self.error else "\n" + self.table_text)


def _none_or(value: object) -> object:
    return None if value == "none" else value


_RESECTABLE = {"not judged": None, "yes": True, "no": False}
_M_OPTIONS = [("not given", "none"), ("liver only (M1a)", "M1a"),
              ("outside the liver only (M1b)", "M1b"), ("liver and elsewhere (M1c)", "M1c")]
_REGION_OPTIONS = [("not set", "none"), ("United States", "US"), ("European Union", "EU"),
                   ("China", "China")]
_PS_OPTIONS = [("not stated", "none"),
               *((vocab.PERFORMANCE_STATUS_NAMES[ps], ps) for ps in vocab.PERFORMANCE_STATUSES)]
_DPYD_OPTIONS = [("not tested", "unknown"), ("normal", "normal"),
                 ("partial DPD deficiency", "partial_deficiency"),
                 ("complete DPD deficiency", "complete_deficiency")]


def _multi(options, value, description: str) -> widgets.SelectMultiple:
    """A list where several items may be chosen, tall enough to show every item at once."""
    return widgets.SelectMultiple(
        options=options, value=tuple(value), rows=len(options), description=description,
        style=_LABEL, layout=_row(),
    )


class PatientAppraisal(Tool):
    """Change one patient factor at a time and watch the verdicts move.

    >>> tool = PatientAppraisal(ki67="5", sstr="positive")
    >>> tool.table.loc["ssa", "verdict"]
    'preferred'
    >>> tool.sstr.value = "negative"
    >>> tool.table.loc["prrt", "verdict"]
    'not suitable'
    >>> PatientAppraisal(ki67="200").view().error
    'A Ki-67 of 200% is not possible. Give a Ki-67 between 0% and 100% to see the appraisal.'
    >>> PatientAppraisal(ki67="").view().error
    'Give a Ki-67 between 0% and 100% to see the appraisal.'
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
        pregnant: bool = False,
        performance_status: int | None = None,
    ) -> None:
        self.table = None
        self.ki67 = widgets.Text(value=ki67, description="Ki-67 (%)", layout=_row("20em"),
                                 style=_LABEL, placeholder="0 to 100")
        self.differentiation = _choice(
            [("Well differentiated", "well"), ("Poorly differentiated", "poor")],
            differentiation, "Morphology", vertical=True,
        )
        self.sstr = widgets.Dropdown(
            options=[(vocab.SSTR_NAMES[s], s) for s in vocab.SSTR_STATUSES],
            value=sstr, description="SSTR imaging", style=_LABEL, layout=_row("42em"),
        )
        self.burden = _choice([("Low", "low"), ("High", "high")], burden, "Tumour burden")
        self.progressing = widgets.Checkbox(
            value=progressing, description="Progressing", indent=False
        )
        self.symptomatic = widgets.Checkbox(
            value=symptomatic, description="Symptomatic", indent=False
        )
        self.syndrome = widgets.Dropdown(
            options=[("none (non-functioning)", "none")]
            + [(vocab.SYNDROME_NAMES[s], s) for s in vocab.SYNDROMES],
            value=syndrome or "none", description="Functional syndrome", style=_LABEL,
            layout=_row("26em"),
        )
        self.hypoglycaemia_refractory = widgets.Checkbox(
            value=hypoglycaemia_refractory, description="Refractory hypoglycaemia",
            layout=widgets.Layout(width="auto", max_width="100%"), indent=False,
        )
        self.hereditary = widgets.Dropdown(
            options=[("none", "none"), *((h, h) for h in vocab.HEREDITARY_SYNDROMES)],
            value=hereditary or "none", description="Hereditary syndrome", style=_LABEL,
            layout=_row("26em"),
        )
        names = engine.load_catalogue().names()
        therapies = [(name, t) for t, name in names.items()]
        self.prior = _multi(therapies, prior, "Already given")
        self.durable_benefit = _multi(therapies, durable_benefit,
                                      "Controlled the disease for a long time")
        self.comorbidities = _multi(
            [(vocab.COMORBIDITY_NAMES[c], c) for c in vocab.COMORBIDITIES], comorbidities,
            "Comorbidities",
        )
        self.m_category = widgets.Dropdown(
            options=_M_OPTIONS, value=m_category or "none", description="Metastases",
            style=_LABEL, layout=_row(),
        )
        self.resectable = _choice(
            list(_RESECTABLE), {None: "not judged", True: "yes", False: "no"}[resectable],
            "All disease removable",
        )
        self.region = widgets.Dropdown(
            options=_REGION_OPTIONS, value=region or "none", description="Treated in",
            style=_LABEL, layout=_row("24em"),
        )
        self.dpyd = widgets.Dropdown(
            options=_DPYD_OPTIONS, value=dpyd, description="DPYD (before capecitabine or 5-FU)",
            style=_LABEL, layout=_row(),
        )
        self.pregnancy_possible = widgets.Checkbox(
            value=pregnancy_possible, description="Could become pregnant", indent=False,
        )
        self.pregnant = widgets.Checkbox(value=pregnant, description="Pregnant now",
                                         indent=False)
        self.performance_status = widgets.Dropdown(
            options=_PS_OPTIONS, value="none" if performance_status is None else performance_status,
            description="Performance status", style=_LABEL, layout=_row(),
        )
        self.controls = [
            self.ki67, self.differentiation, self.sstr, self.burden, self.progressing,
            self.symptomatic, self.performance_status, self.syndrome,
            self.hypoglycaemia_refractory, self.hereditary, self.m_category, self.resectable,
            self.prior, self.durable_benefit, self.comorbidities, self.dpyd,
            self.pregnancy_possible, self.pregnant, self.region,
        ]
        super().__init__()
        children = list(self.widget.children)
        children.insert(children.index(self.comorbidities) + 1, widgets.HTML(MULTI_SELECT_HINT))
        children.insert(children.index(self.prior), widgets.HTML(MULTI_SELECT_HINT))
        children.insert(children.index(self.hypoglycaemia_refractory) + 1,
                        widgets.HTML(REFRACTORY_HINT))
        self.widget.children = children
        self.widget.layout = widgets.Layout(max_width="100%")

    def _ki67(self) -> float:
        """The Ki-67 box as a number from 0 to 100, or a message in clinical words."""
        return ki67_from_box(self.ki67.value, KI67_NEEDED)

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
            ki67=self._ki67(),
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
            pregnant=self.pregnant.value,
            performance_status=_none_or(self.performance_status.value),
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
