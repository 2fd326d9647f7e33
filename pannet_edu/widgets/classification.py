"""Grading calculator and staging tool: thin controls over :mod:`pannet_edu.clinic.pathology` and
:mod:`pannet_edu.clinic.staging`."""

from __future__ import annotations

import threading
from functools import partial
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import TextStyle

from ..clinic import pathology, staging
from ._base import FIGURE_DPI, MULTI_SELECT_HINT, Tool, View, optional_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Layouts are made per control (called): a widget belongs to one learner's session, and one
#: shared by every session would be closed with the first (see pannet_edu.app.server).
_WIDE = partial(widgets.Layout, width="22em")
_LABEL = {"description_width": "12em"}


#: Shown under every list where more than one item may be chosen.
class GradingCalculator(Tool):
    """Type Ki-67 and/or the mitotic count, choose the differentiation, read the WHO grade.

    >>> tool = GradingCalculator(ki67="8", mitoses="25")
    >>> tool.view().title
    'NET G3'
    >>> GradingCalculator(ki67="150").view().error
    'Ki-67 must be between 0% and 100%, got 150%.'
    >>> GradingCalculator(ki67="60", differentiation="poor").view().lines[-1]
    'Grade: none. NEC is defined by its morphology and is not graded G1-G3.'
    """

    title = "WHO grade"

    def __init__(self, ki67: str = "12", mitoses: str = "", differentiation: str = "well") -> None:
        # One layout and one style model for both boxes (each model is sent to the browser).
        wide, label = _WIDE(), TextStyle(**_LABEL)
        self.ki67 = widgets.Text(
            value=ki67,
            description="Ki-67 (%)",
            layout=wide,
            style=label,
            placeholder="blank if not known",
        )
        self.mitoses = widgets.Text(
            value=mitoses,
            description="Mitoses per 2 mm²",
            layout=wide,
            style=label,
            placeholder="blank if not known",
        )
        # A radio group, not toggle buttons: a screen reader announces each option with its
        # checked state (ipywidgets' toggle buttons carry neither a group nor a pressed state).
        self.differentiation = widgets.RadioButtons(
            options=[("Well differentiated", "well"), ("Poorly differentiated", "poor")],
            value=differentiation,
            description="Morphology",
            style=_LABEL,
            orientation="vertical",  # long labels stack: no radio button pushed out of sight
            layout=widgets.Layout(width="auto", max_width="100%", flex_flow="row wrap"),
        )
        self.controls = [self.ki67, self.mitoses, self.differentiation]
        super().__init__()

    def _inputs(self) -> tuple[float | None, float | None]:
        """The two boxes as numbers, or a message in clinical words."""
        ki67 = optional_number("Ki-67", self.ki67.value, "%")
        mitoses = optional_number("The mitotic count", self.mitoses.value)
        if ki67 is None and mitoses is None:
            raise ValueError("Type a Ki-67 index or a mitotic count (or both).")
        if ki67 is not None and not 0 <= ki67 <= 100:
            raise ValueError(f"Ki-67 must be between 0% and 100%, got {ki67:g}%.")
        if mitoses is not None and mitoses < 0:
            raise ValueError(f"The mitotic count must be 0 or more per 2 mm², got {mitoses:g}.")
        if mitoses is not None and mitoses > pathology.MITOSES_PLAUSIBLE_MAX:
            raise ValueError(f"The mitotic count must be at most "
                             f"{pathology.MITOSES_PLAUSIBLE_MAX:g} per 2 mm², got {mitoses:g}: "
                             "check the number typed.")
        return ki67, mitoses

    def compute(self) -> View:
        ki67, mitoses = self._inputs()
        result = pathology.grade(
            ki67=ki67, mitoses=mitoses, differentiation=self.differentiation.value
        )
        driver = {"ki67": "Ki-67", "mitoses": "mitotic count", "both": "Ki-67 and mitotic count"}
        how = (
            "Grade: none. NEC is defined by its morphology and is not graded G1-G3."
            if result.label == "NEC"
            else f"Grade set by: {driver[result.driver]}."
        )
        return View(
            result.label,
            (result.explanation, how),
            footer=f"Source: {pathology.GRADING_SOURCES[0].cite()}",
        )

    def figure(self) -> Figure | None:
        """Where the tumour sits on the Ki-67 / mitotic-count plane (well-differentiated only)."""
        if self.differentiation.value == "poor":
            return None  # NEC is not graded on this plane
        from ..plots import grade_plane

        ki67, mitoses = self._inputs()
        return grade_plane(ki67=ki67, mitoses=mitoses)

    def figure_html(self) -> str | None:
        """The grade plane with this tumour: the bands are rendered once per process and shared
        by every calculator (every learner of a dashboard server); only the marker moves."""
        if self.differentiation.value == "poor":
            return None
        return shared_plane_html(optional_number("Ki-67", self.ki67.value, "%"),
                                 optional_number("The mitotic count", self.mitoses.value))


_PLANE_LOCK = threading.Lock()
_PLANES: dict[float, Any] = {}


def shared_plane_html(ki67: float | None, mitoses: float | None, dpi: float = FIGURE_DPI) -> str:
    """The grade plane with one tumour, as HTML, from one figure per process (per ``dpi``).

    The bands, axes and legend are drawn once, the first time any calculator asks; after that a
    call only places the marker (no matplotlib drawing), under a lock, since sessions of a
    dashboard server call it from their own threads. Raises ValueError for values
    :func:`pannet_edu.grade` refuses.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> "this tumour: NET G3" in shared_plane_html(8, 25)
    True
    """
    from ..plots.classification import GradePlane

    with _PLANE_LOCK:
        plane = _PLANES.get(dpi)
        if plane is None:
            plane = _PLANES[dpi] = GradePlane(dpi=dpi)
        plane.update(ki67=ki67, mitoses=mitoses)
        return plane.html()


class StagingTool(Tool):
    """Size, invaded structures, nodes and metastatic sites in; AJCC 8th T, M and stage out.

    >>> StagingTool(size_cm="3", nodes="N1").view().title
    'Stage III'
    >>> StagingTool(size_cm="0").view().error
    "The size must be greater than 0 cm (the tumour's greatest dimension), got 0 cm."
    >>> StagingTool(size_cm="45").view().lines[0][:42]
    'Check the size: 45 cm is more than 20 cm. '
    """

    title = "AJCC 8th stage"

    def __init__(
        self,
        size_cm: str = "3.0",
        invades: tuple[str, ...] = (),
        nodes: str = "N0",
        liver: bool = False,
        extrahepatic: bool = False,
    ) -> None:
        self.size_cm = widgets.Text(
            value=size_cm, description="Size (cm)", layout=_WIDE(), style=_LABEL
        )
        self.invades = widgets.SelectMultiple(
            options=staging.STRUCTURES,
            value=tuple(invades),
            rows=len(staging.STRUCTURES),
            description="Invades",
            style=_LABEL,
            layout=widgets.Layout(width="30em"),
        )
        self.nodes = widgets.RadioButtons(  # a radio group (see GradingCalculator)
            options=staging.N_CATEGORIES, value=nodes, description="Regional nodes", style=_LABEL,
            orientation="horizontal",
            layout=widgets.Layout(width="auto", max_width="100%", flex_flow="row wrap"),
        )
        # Not indented, each on its own line: an indent's spacer shrinks unevenly on a phone.
        ticks = {"indent": False, "layout": widgets.Layout(width="auto", max_width="100%")}
        self.liver = widgets.Checkbox(value=liver, description="Liver metastases", **ticks)
        self.extrahepatic = widgets.Checkbox(
            value=extrahepatic, description="Extrahepatic metastases", **ticks
        )
        self.controls = [self.size_cm, self.invades, self.nodes, self.liver, self.extrahepatic]
        super().__init__()
        children = list(self.widget.children)
        children.insert(children.index(self.invades) + 1, widgets.HTML(MULTI_SELECT_HINT))
        self.widget.children = children

    def _size(self) -> float:
        """The size box as a number of centimetres, or a message in clinical words."""
        typed = self.size_cm.value
        try:
            size = optional_number("The size", typed, "cm")
        except (ValueError, TypeError):
            shown = typed if len(typed) <= 30 else typed[:27] + "..."
            raise ValueError(f"The size must be a number of centimetres, such as 3.5; got "
                             f"“{shown}”.") from None
        if size is None:
            raise ValueError("The size is needed: the tumour's greatest dimension in cm.")
        if size <= 0:
            raise ValueError(f"The size must be greater than 0 cm (the tumour's greatest "
                             f"dimension), got {size:g} cm.")
        if size > staging.SIZE_PLAUSIBLE_MAX_CM:
            raise ValueError(f"The size must be at most {staging.SIZE_PLAUSIBLE_MAX_CM:g} cm, got "
                             f"{size:g} cm: check the number typed (in cm, not mm).")
        return size

    def compute(self) -> View:
        t = staging.explain_t(self._size(), self.invades.value)
        m = staging.m_category(self.liver.value, self.extrahepatic.value)
        result = staging.stage(t.category, self.nodes.value, m)
        return View(
            f"Stage {result.group}",
            (
                *((t.warning,) if t.warning else ()),
                t.explanation,
                f"{result.n}: {staging.N_MEANING[result.n]}.",
                f"{m}: {staging.M_MEANING[m]}.",
                f"Stage {result.group}: {result.explanation}",
                staging.SCOPE_NOTE,
            ),
            footer=f"Source: {staging.SOURCE.cite()}",
        )
