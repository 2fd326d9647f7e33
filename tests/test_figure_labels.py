"""Figure labels never overlap: each figure is drawn and the boxes of its text labels, as the
renderer lays them out (``get_window_extent``), must not intersect; and one toxicity is one row
of the toxicity grid."""

from __future__ import annotations

import itertools
import re

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.text import Text

from pannet_edu import evidence
from pannet_edu.plots import (
    case_timeline,
    forest_plot,
    grade_plane,
    hr_and_response,
    pfs_bars,
    response_bars,
    toxicity_grid,
)
from pannet_edu.practice.cases import load_case

#: The toxicity grids the lessons draw (targeted agents, PRRT, chemotherapy).
GRIDS = {
    "targeted": ["everolimus", "sunitinib", "cabozantinib", "surufatinib"],
    "prrt": ["prrt", "everolimus", "sunitinib"],
    "chemotherapy": ["capecitabine_temozolomide", "streptozocin_based", "platinum_etoposide"],
}
FIGURES = {
    "forest plot": lambda: forest_plot(),
    "hazard ratio and response rate": lambda: hr_and_response(),
    "PFS bars": lambda: pfs_bars(),
    "response bars": lambda: response_bars(),
    "grade plane": lambda: grade_plane(ki67=8, mitoses=25),
    "case timeline": lambda: case_timeline(load_case("vipoma")),
    **{f"toxicity grid ({name})": (lambda ids=ids: toxicity_grid(therapy_ids=ids))
       for name, ids in GRIDS.items()},
}


def overlapping_labels(fig) -> list[str]:
    """Pairs of visible text labels whose drawn boxes intersect (by more than half a pixel)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(text.get_text().replace("\n", " ")[:40], text.get_window_extent(renderer))
             for text in fig.findobj(Text) if text.get_visible() and text.get_text().strip()]
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        across = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        down = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if across > 0.5 and down > 0.5:
            found.append(f"{a!r} overlaps {b!r}")
    return found


@pytest.mark.parametrize("name", list(FIGURES))
def test_no_two_labels_of_a_figure_overlap(name):
    fig = FIGURES[name]()
    try:
        assert overlapping_labels(fig) == []
    finally:
        plt.close(fig)


def test_the_overlap_check_finds_labels_drawn_on_top_of_each_other():
    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, "RADIANT-3")
    ax.text(0.5, 0.5, "A6181111")
    try:
        assert overlapping_labels(fig) == ["'RADIANT-3' overlaps 'A6181111'"]
    finally:
        plt.close(fig)


def test_each_toxicity_is_one_symptom_so_one_grid_row():
    table = evidence.toxicity_table()
    # A qualifier in brackets may list several things; the name before it is one symptom.
    merged = [f"{row.therapy}: {row.effect}" for row in table.itertuples()
              if ";" in re.sub(r"\(.*?\)", "", row.effect)]
    assert merged == []
    sunitinib = set(table.loc[table.therapy == "sunitinib", "effect"])
    assert {"fatigue", "nausea and vomiting"} <= sunitinib


def test_sunitinib_fills_the_fatigue_row_of_the_grid():
    fig = toxicity_grid(therapy_ids=GRIDS["targeted"])
    try:
        ax = fig.axes[0]
        rows = [label.get_text() for label in ax.get_yticklabels()]
        filled = {(round(p.get_x() + p.get_width() / 2), round(p.get_y() + p.get_height() / 2))
                  for p in ax.patches if p.get_fill() and p.get_facecolor()[3] > 0}
        column = GRIDS["targeted"].index("sunitinib")
        assert (column, rows.index("fatigue")) in filled
    finally:
        plt.close(fig)
