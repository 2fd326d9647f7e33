"""Figure labels never overlap: each figure is drawn and the boxes of its text labels, as the
renderer lays them out (``get_window_extent``), must not intersect; and one toxicity is one row
of the toxicity grid."""

from __future__ import annotations

import itertools
import math
import re

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.text import Annotation, Text

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
_TABLE = evidence.trials()
#: The rows each lesson draws (as the lesson selects them), so every lesson figure is checked.
LESSON_ROWS = {
    "03 somatostatin analogues": _TABLE[_TABLE.therapy_class == "ssa"],
    "04 targeted agents": _TABLE[
        _TABLE.therapy.isin(GRIDS["targeted"])
        & _TABLE.trial.isin(["RADIANT-3", "A6181111", "SANET-p", "CABINET"])],
    "05 PRRT": _TABLE[_TABLE.trial.isin(["NETTER-1", "NETTER-2", "COMPETE", "OCLURANDOM"])],
    "06 chemotherapy": _TABLE[_TABLE.therapy_class == "chemotherapy"],
}
#: Scatter figures whose points carry labels (lessons 04 and 06 draw the whole table).
SCATTERS = {
    "hazard ratio and response rate (whole table)": lambda: hr_and_response(),
    **{f"hazard ratio and response rate ({name})": (lambda rows=rows: hr_and_response(rows))
       for name, rows in LESSON_ROWS.items() if rows["orr"].notna().any()},
}
FIGURES = {
    "forest plot": lambda: forest_plot(),
    **{f"forest plot ({name})": (lambda rows=rows, name=name: forest_plot(rows, title=name))
       for name, rows in LESSON_ROWS.items() if name != "06 chemotherapy"},
    **SCATTERS,
    "PFS bars": lambda: pfs_bars(),
    "PFS bars (05 PRRT)": lambda: pfs_bars(LESSON_ROWS["05 PRRT"]),
    "response bars": lambda: response_bars(),
    "grade plane": lambda: grade_plane(ki67=8, mitoses=25),
    "case timeline": lambda: case_timeline(load_case("vipoma")),
    "case timeline (07 worked case)": lambda: case_timeline(
        load_case("progression_after_ssa_g2"), "progression_on_everolimus", choice="prrt"),
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


#: How far a point's label may sit from its marker's edge (points): beside it, not apart.
NEAR_POINTS = 12.0


def misplaced_point_labels(fig) -> list[str]:
    """Labels of scatter points (annotations) further than :data:`NEAR_POINTS` from their own
    marker, or lying over any marker (each one-point line is a marker of its size)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    to_points = 72.0 / fig.dpi
    found = []
    for ax in fig.axes:
        markers = []
        for line in ax.get_lines():
            if len(line.get_xdata()) != 1 or line.get_marker() in (None, "None", ""):
                continue
            cx, cy = ax.transData.transform((line.get_xdata()[0], line.get_ydata()[0]))
            half = line.get_markersize() / 2 / to_points
            markers.append((cx - half, cy - half, cx + half, cy + half))
        for label in ax.texts:
            if not isinstance(label, Annotation) or not label.get_text().strip():
                continue
            box = label.get_window_extent(renderer)
            cx, cy = ax.transData.transform(label.xy)
            gap = math.hypot(max(box.x0 - cx, 0, cx - box.x1), max(box.y0 - cy, 0, cy - box.y1))
            name = label.get_text().replace("\n", " ")
            if gap * to_points - 5.0 > NEAR_POINTS:  # 5 points: the marker's own half-size
                found.append(f"{name!r} sits {gap * to_points:.0f} pt from its point")
            for x0, y0, x1, y1 in markers:
                across, down = min(box.x1, x1) - max(box.x0, x0), min(box.y1, y1) - max(box.y0, y0)
                if across > 0.5 and down > 0.5:
                    found.append(f"{name!r} lies over a marker")
    return found


@pytest.mark.parametrize("name", list(SCATTERS))
def test_every_point_label_sits_beside_its_marker_and_over_none(name):
    fig = SCATTERS[name]()
    try:
        assert misplaced_point_labels(fig) == []
    finally:
        plt.close(fig)


def test_the_point_label_check_finds_a_label_far_from_its_point():
    fig, ax = plt.subplots()
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.plot([0.5], [0.5], marker="o", ms=10, ls="none")
    ax.plot([0.2], [0.2], marker="o", ms=10, ls="none")
    ax.annotate("TALENT (gastrointestinal)", (0.5, 0.5), xytext=(60, -60),
                textcoords="offset points")
    ax.annotate("NET-02", (0.2, 0.2), xytext=(0, 0), textcoords="offset points")
    try:
        found = misplaced_point_labels(fig)
        assert len(found) == 2 and found[1] == "'NET-02' lies over a marker"
        assert found[0].startswith("'TALENT (gastrointestinal)' sits ")
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
