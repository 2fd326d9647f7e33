"""Where a tumour sits on the Ki-67 / mitotic-count plane, with the WHO grade bands drawn."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from .. import pathology
from ._style import OKABE_ITO, add_source_line

_AXIS_MAX = 100.0
_BAND_ALPHA = {"NET G1": 0.9, "NET G2": 0.6, "NET G3": 0.35}
_BAND_COLOURS = {
    "NET G1": OKABE_ITO["sky_blue"],
    "NET G2": OKABE_ITO["yellow"],
    "NET G3": OKABE_ITO["vermillion"],
}


def grade_plane(
    ki67: float | None = None, mitoses: float | None = None, ax: Axes | None = None
) -> Figure:
    """Draw the G1/G2/G3 bands on Ki-67 (%) against mitoses (per 2 mm²), and mark one tumour.

    The bands show why the higher index wins: G3 is the whole L-shaped region where *either* index
    passes 20, and G1 only the small corner where *both* are low. Axes use a symmetric log scale so
    the small G1 corner stays visible.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = grade_plane(ki67=8, mitoses=25)
    >>> fig.axes[0].get_xlabel()
    'Ki-67 labelling index (%)'
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.6, 5.0), layout="constrained")
    else:
        fig = ax.figure
    top = _AXIS_MAX
    k1, k2 = pathology.KI67_G1_BELOW, pathology.KI67_G2_MAX
    m1, m2 = pathology.MITOSES_G1_BELOW, pathology.MITOSES_G2_MAX
    ax.add_patch(
        Rectangle(
            (0, 0), top, top, color=_BAND_COLOURS["NET G3"], alpha=_BAND_ALPHA["NET G3"], lw=0
        )
    )
    ax.add_patch(
        Rectangle((0, 0), k2, m2, color=_BAND_COLOURS["NET G2"], alpha=_BAND_ALPHA["NET G2"], lw=0)
    )
    ax.add_patch(
        Rectangle((0, 0), k1, m1, color=_BAND_COLOURS["NET G1"], alpha=_BAND_ALPHA["NET G1"], lw=0)
    )
    for x in (k1, k2):
        ax.axvline(x, color="#555555", lw=0.8, ls="--")
    for y in (m1, m2):
        ax.axhline(y, color="#555555", lw=0.8, ls="--")
    ax.set_xscale("symlog", linthresh=1)
    ax.set_yscale("symlog", linthresh=1)
    ticks = [0, 1, 2, 3, 5, 10, 20, 50, 100]
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.set_yticks(ticks, [str(t) for t in ticks])
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("Ki-67 labelling index (%)")
    ax.set_ylabel("Mitotic count (mitoses per 2 mm²)")
    ax.set_title("WHO grade of well-differentiated NETs: the higher index wins")
    handles = [Patch(color=c, alpha=_BAND_ALPHA[g], label=g) for g, c in _BAND_COLOURS.items()]
    if ki67 is not None or mitoses is not None:
        result = pathology.grade(ki67=ki67, mitoses=mitoses)
        # A missing index is not zero: the tumour is drawn as a line along the unknown axis.
        if ki67 is not None and mitoses is not None:
            (marker,) = ax.plot([float(ki67)], [float(mitoses)], marker="o", ms=10,
                                color=OKABE_ITO["black"], ls="none",
                                label=f"this tumour: {result.label}")
        elif mitoses is None:
            marker = ax.axvline(float(ki67), color=OKABE_ITO["black"], lw=2, ls="--",
                                label=f"this tumour: {result.label} (Ki-67 only; mitotic count "
                                "not given)")
        else:
            marker = ax.axhline(float(mitoses), color=OKABE_ITO["black"], lw=2, ls="--",
                                label=f"this tumour: {result.label} (mitotic count only; Ki-67 "
                                "not given)")
        handles.append(marker)
    # Outside the axes: inside, it would hide a tumour with low Ki-67 and many mitoses.
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), framealpha=0.9)
    add_source_line(fig, f"Source: {pathology.GRADING_SOURCES[0].short}")
    return fig
