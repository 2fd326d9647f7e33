"""Shared plot style: the Okabe-Ito colour-blind-safe palette and a source line under figures."""

from __future__ import annotations

from matplotlib.figure import Figure

#: Okabe & Ito (2008) palette, distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
#: Cycle for categorical series (black kept for text and reference lines).
SERIES = tuple(v for k, v in OKABE_ITO.items() if k != "black")


def add_source_line(fig: Figure, text: str) -> None:
    """Write a small source line under a figure, inside its bounding box.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> add_source_line(fig, "Source: example")
    >>> fig.texts[-1].get_text()
    'Source: example'
    >>> plt.close(fig)
    """
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        # Leave a strip at the bottom so the axis label and the source line do not overlap.
        engine.set(rect=(0, 0.045, 1, 0.955))
    fig.text(0.01, 0.005, text, fontsize=7.5, color="#444444", ha="left", va="bottom", wrap=True)
