"""Trial figures that compare across trials: hazard ratio against response rate, and the
toxicity grid. They share the row handling, colours, markers and footers of
:mod:`pannet_edu.plots.trials`; numbers are drawn as stored.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator, NullLocator

from ..formatting import format_number, is_missing, therapy_display_name
from ..views.trials import check_trials_frame, is_extrapolated, therapy_names, trial_label
from ._style import OKABE_ITO, join_names, set_alt_text
from .trials import (
    _class_handles,
    _class_name,
    _finish,
    _footer,
    _load_trials,
    _skipped_note,
    class_style,
    row_style,
)


def hr_and_response(trials: pd.DataFrame | None = None) -> Figure:
    """Hazard ratio (x, log) against response rate (y) per trial: two questions, two axes.

    A hazard ratio says how much more slowly disease progresses than on the control arm; a
    response rate says how often tumours shrink. A treatment can hold disease for a long time
    while shrinking few tumours (a low HR with a low response rate), and the reverse. Rows with a
    response rate but no hazard ratio (single-arm or non-comparative designs) sit in a strip on the
    right; rows with no response rate are listed under the figure.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"trial": ["A", "B"], "cohort": ["all", "all"], "n": [171, 105],
    ...     "hr": [0.42, None], "hr_low": [0.26, None], "hr_high": [0.66, None],
    ...     "orr": [9.3, 69.0]})
    >>> fig = hr_and_response(rows)
    >>> fig.axes[0].get_ylabel()
    'Objective response rate, therapy arm (%)'
    """
    frame = _load_trials(trials)
    check_trials_frame(frame, ["trial", "cohort", "n", "hr", "hr_low", "hr_high", "orr"])
    has_orr = frame["orr"].notna()
    with_hr = frame[has_orr & frame["hr"].notna()]
    without_hr = frame[has_orr & frame["hr"].isna()]
    skipped = frame[~has_orr]
    if with_hr.empty and without_hr.empty:
        raise ValueError("trials has no row with a response rate (orr) to plot")
    fig, (ax, strip) = plt.subplots(
        1, 2, figsize=(10.0, 7.5), layout="constrained", sharey=True,
        gridspec_kw={"width_ratios": [4, 2.6]},
    )
    for _, row in with_hr.iterrows():
        _scatter_point(ax, float(row["hr"]), float(row["orr"]), row)
    ax.set_xscale("log")
    hrs = with_hr["hr"].astype(float)
    left = min(hrs.min(), 1.0) / 1.5 if not hrs.empty else 0.1
    right = max(hrs.max(), 1.0) * 1.5 if not hrs.empty else 1.5
    ax.set_xlim(left, right)
    ticks = [t for t in (0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2) if left <= t <= right]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticklabels([f"{t:g}" for t in ticks])
    ax.axvline(1.0, color=OKABE_ITO["black"], lw=1)
    ax.set_ylim(0, 100)
    ax.set_xlabel(
        "Hazard ratio for progression vs control (log scale)\n"
        "left = progression delayed more"
    )
    ax.set_ylabel("Objective response rate, therapy arm (%)")
    ax.set_title("Trials with a hazard ratio", fontsize=10)
    ax.grid(color="#eeeeee", lw=0.6)
    strip.set_xlim(*_STRIP_LIMITS)  # the points are placed last, beside their labels
    strip.set_xticks([])
    strip.set_xlabel("no hazard ratio in the data\n(single arm, retrospective\nor not reported)")
    strip.set_title("Trials without one", fontsize=10)
    strip.grid(axis="y", color="#eeeeee", lw=0.6)
    fig.suptitle(
        "A hazard ratio and a response rate answer different questions:\n"
        "how much longer is disease held in check?  vs  how often do tumours shrink?",
        fontsize=11,
    )
    guide = {"fontsize": 8.5, "color": "#666666", "style": "italic", "transform": ax.transAxes}
    ax.text(0.02, 0.97, "progression delayed more,\nmany tumours shrink", va="top", **guide)
    ax.text(0.02, 0.03, "progression delayed more,\nfew tumours shrink", va="bottom", **guide)
    notes = _skipped_note(skipped, "no response rate in the data")
    notes.append(
        "Each point is the therapy arm of one trial cohort; hollow = no panNET enrolled: result "
        "extrapolated to panNET. Response criteria differ between older and recent trials."
    )
    placed = pd.concat([with_hr, without_hr])
    _finish(fig, notes, placed, _class_handles(placed))
    _label_points(ax, [(float(r["hr"]), float(r["orr"]), trial_label(r))
                       for _, r in with_hr.iterrows()])
    _place_in_strip(strip, [(float(r["orr"]), trial_label(r), r) for _, r in without_hr.iterrows()])
    points = [f"{trial_label(r)} HR {format_number(r['hr'])}, response {format_number(r['orr'])}%"
              for _, r in with_hr.iterrows()]
    alone = [f"{trial_label(r)} response {format_number(r['orr'])}%"
             for _, r in without_hr.iterrows()]
    set_alt_text(
        fig,
        "Scatter plot: hazard ratio for progression (log scale, across) against objective "
        "response rate of the therapy arm (%, up), one point per trial cohort, showing that the "
        "two measures answer different questions. With a hazard ratio: "
        f"{join_names(points) or 'none'}. Without one: {join_names(alone) or 'none'}.",
    )
    return fig


#: Where the strip (rows without a hazard ratio, where across means nothing) may put a point,
#: left to right, and its x limits: room for a label to the right of the last column.
_STRIP_COLUMNS = tuple(step / 5 for step in range(16))  # 0, 0.2, ... 3.0
_STRIP_LIMITS = (-0.4, 4.0)
#: Label offsets beside a strip point, nearest first (points; see :data:`_LABEL_CANDIDATES`).
_STRIP_CANDIDATES = ((8, -3, "left"), (8, 6, "left"), (8, -12, "left"), (-8, -3, "right"),
                     (-8, 6, "right"), (-8, -12, "right"), (0, 9, "center"), (0, -17, "center"))


def _place_in_strip(ax: Axes, points: Sequence[tuple[float, str, pd.Series]]) -> None:
    """Draw and label the strip's points (response rate, label, trial row): each goes in the
    leftmost column where its marker and a label right beside it (the nearest offsets only)
    overlap no other marker or text, so a label never has to move away from its point. The
    points are placed top down, else bottom up, else in table order: the first order that finds
    every point such a place is drawn; if none does, the one that leaves fewest, and the points
    left over take the first column, labelled as :func:`_label_points` would. Call it last, when the
    figure's layout is final.
    """
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    labels = []
    for y, text, _row in points:
        label = ax.annotate(text, (0.0, y), xytext=(0, 0), textcoords="offset points",
                            va="bottom", fontsize=8.0, annotation_clip=False)
        label.set_in_layout(False)
        labels.append(label)
    indices = list(range(len(points)))
    orders = (sorted(indices, key=lambda i: -points[i][0]),
              sorted(indices, key=lambda i: points[i][0]), indices)
    values = [y for y, _text, _row in points]
    tried = []
    for order in orders:
        tried.append(_strip_places(ax, renderer, values, labels, order))
        if None not in tried[-1].values():
            break
    places = min(tried, key=lambda found: list(found.values()).count(None))
    leftover = []
    for i, (y, text, row) in enumerate(points):
        if places[i] is None:
            labels[i].remove()
            leftover.append((_STRIP_COLUMNS[0], y, text))
            _scatter_point(ax, _STRIP_COLUMNS[0], y, row)
            continue
        x, dx, dy, ha = places[i]
        labels[i].xy = (x, y)
        labels[i].set_position((dx, dy))
        labels[i].set_horizontalalignment(ha)
        _scatter_point(ax, x, y, row)
    if leftover:  # crowded beyond the columns: labelled by the general search
        _label_points(ax, leftover, candidates=_STRIP_CANDIDATES)


def _strip_places(ax: Axes, renderer, values: Sequence[float], labels: Sequence, order) -> dict:
    """For each point (by index, in ``order``): its column and label offset ``(x, dx, dy, ha)``,
    or ``None`` where no column has room for the marker and a label beside it."""
    fig = ax.figure
    radius = _MARKER_POINTS / 2 * fig.dpi / 72.0
    taken = [_extent(text, renderer) for text in ax.texts
             if text.get_visible() and text not in labels]
    inside = ax.get_window_extent(renderer)

    def free(box) -> bool:
        within = (inside.x0 <= box[0] and box[2] <= inside.x1
                  and inside.y0 <= box[1] and box[3] <= inside.y1)
        return within and not any(_overlaps(box, other) for other in taken)

    places: dict[int, tuple | None] = {}
    for i in order:
        y, label, places[i] = values[i], labels[i], None
        for x in _STRIP_COLUMNS:
            cx, cy = ax.transData.transform((x, y))
            marker = (cx - radius, cy - radius, cx + radius, cy + radius)
            if not free(marker):
                continue
            label.xy = (x, y)
            for dx, dy, ha in _STRIP_CANDIDATES:
                label.set_position((dx, dy))
                label.set_horizontalalignment(ha)
                box = _extent(label, renderer)
                if free(box) and not _overlaps(box, marker):
                    places[i] = (x, dx, dy, ha)
                    taken += [marker, box]
                    break
            if places[i] is not None:
                break
    return places


#: The size of a scatter point's marker (points).
_MARKER_POINTS = 10.0


def _scatter_point(ax: Axes, x: float, y: float, row: pd.Series) -> None:
    colour, marker = row_style(row)
    hollow = is_extrapolated(row)
    ax.plot([x], [y], marker=marker, ms=_MARKER_POINTS, ls="none", color=colour, markeredgewidth=2,
            markerfacecolor="white" if hollow else colour, zorder=3)


#: Label offsets to try, in points from the marker: (dx, dy, horizontal alignment); the ring is
#: tried again further out (see :func:`_label_points`) when every offset near the marker is taken.
_LABEL_CANDIDATES = (
    (7, 4, "left"), (7, -11, "left"), (-7, 4, "right"), (-7, -11, "right"),
    (0, 9, "center"), (0, -17, "center"), (12, 14, "left"), (-12, 14, "right"),
)
#: How far out the ring of offsets is tried: 1 = as written, then further from the marker.
_LABEL_RINGS = (1.0, 1.8, 2.6, 3.4)


def _label_points(
    ax: Axes,
    points: Sequence[tuple[float, float, str]],
    candidates: Sequence[tuple[float, float, str]] = _LABEL_CANDIDATES,
    fontsize: float = 8.0,
    marker_points: float = _MARKER_POINTS,
) -> None:
    """Label scatter points where a label overlaps no marker, no other text and stays inside
    the axes: each offset is tried with the label's real size as drawn (the renderer's extent),
    ring after ring further out; only if none is free does the first offset stand.

    Call it last, when the figure's layout is final (the labels take no part in the layout).
    """
    fig = ax.figure
    fig.draw_without_rendering()  # the layout is settled: positions in pixels are final
    renderer = fig.canvas.get_renderer()
    radius = marker_points / 2 * fig.dpi / 72.0
    centres = [ax.transData.transform((x, y)) for x, y, _ in points]
    taken = [(cx - radius, cy - radius, cx + radius, cy + radius) for cx, cy in centres]
    taken += [_extent(text, renderer) for text in ax.texts if text.get_visible()]
    inside = ax.get_window_extent(renderer)

    def free(box) -> bool:
        within = (inside.x0 <= box[0] and box[2] <= inside.x1
                  and inside.y0 <= box[1] and box[3] <= inside.y1)
        return within and not any(_overlaps(box, other) for other in taken)

    for x, y, text in points:
        label = ax.annotate(text, (x, y), xytext=(0, 0), textcoords="offset points", va="bottom",
                            fontsize=fontsize, annotation_clip=False)
        label.set_in_layout(False)
        chosen = None
        for ring in _LABEL_RINGS:
            for dx, dy, ha in candidates:
                label.set_position((dx * ring, dy * ring))
                label.set_horizontalalignment(ha)
                box = _extent(label, renderer)
                if free(box):
                    chosen = box
                    break
            if chosen is not None:
                break
        if chosen is None:  # crowded: the first offset, as before
            dx, dy, ha = candidates[0]
            label.set_position((dx, dy))
            label.set_horizontalalignment(ha)
            chosen = _extent(label, renderer)
        taken.append(chosen)


def _extent(text, renderer) -> tuple[float, float, float, float]:
    box = text.get_window_extent(renderer)
    return (box.x0, box.y0, box.x1, box.y1)


def _overlaps(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


#: Characters per line of a toxicity-grid column label (a column is one inch wide).
_COLUMN_CHARACTERS = 13


def _column_label(therapy: str, therapy_class: str) -> str:
    """A therapy's column label, its words wrapped to the width of one grid column.

    >>> print(_column_label("Streptozocin-based chemotherapy", "chemotherapy"))
    Streptozocin-
    based
    chemotherapy
    (chemotherapy)
    """
    lines = textwrap.wrap(therapy, _COLUMN_CHARACTERS, break_long_words=False)
    lines += textwrap.wrap(f"({therapy_class})", _COLUMN_CHARACTERS, break_long_words=False)
    return "\n".join(lines)


def _text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (relative luminance)."""
    red, green, blue = to_rgb(background)
    return "#000000" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45 else "#ffffff"


def _rate_text(row: pd.Series) -> str:
    """The rate the catalogue holds for one toxicity: any grade, else grade 3 or higher."""
    if not is_missing(row.get("percent")):
        return f"{format_number(row['percent'])}%"
    if not is_missing(row.get("grade3plus_percent")):
        return f"G≥3 {format_number(row['grade3plus_percent'])}%"
    return ""


def toxicity_grid(
    toxicities: pd.DataFrame | None = None,
    *,
    therapy_ids: Iterable[str] | None = None,
) -> Figure:
    """Which main toxicities the catalogue names for each therapy, with a rate only where the
    data holds one: a presence grid, never an invented number.

    ``toxicities`` is a long table like :func:`pannet_edu.evidence.toxicity_table` (one row per
    therapy and toxicity: ``therapy``, ``therapy_class``, ``effect``, optional ``percent``,
    ``grade3plus_percent`` and ``source``). Rows of the grid are toxicities, columns therapies. The
    grid shows the *pattern* across classes; rates come from different trials and definitions, so
    they are printed for reading, not for comparison across columns.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> table = pd.DataFrame({"therapy": ["sunitinib"], "therapy_class": ["tki"],
    ...     "effect": ["hypertension"], "percent": [None], "source": ["label"]})
    >>> toxicity_grid(table).axes[0].get_xlabel()
    'Therapy (class)'
    """
    if toxicities is None:
        from ..evidence import toxicity_table

        toxicities = toxicity_table()
    if not isinstance(toxicities, pd.DataFrame):
        raise TypeError(
            "toxicities must be a pandas DataFrame like pannet_edu.evidence.toxicity_table(), "
            f"got {type(toxicities).__name__}"
        )
    missing = [c for c in ("therapy", "therapy_class", "effect") if c not in toxicities.columns]
    if missing:
        raise ValueError(f"toxicities is missing the column(s) {', '.join(map(repr, missing))}")
    known = list(dict.fromkeys(toxicities["therapy"].astype(str)))
    if therapy_ids is not None:
        wanted = [therapy_ids] if isinstance(therapy_ids, str) else list(therapy_ids)
        unknown = [t for t in wanted if t not in known]
        if unknown:
            raise ValueError(
                f"therapy_ids has unknown therapy id(s) {', '.join(map(repr, unknown))}; "
                f"known: {', '.join(map(repr, known))}"
            )
        toxicities = toxicities[toxicities["therapy"].astype(str).isin(wanted)]
        known = wanted
    if toxicities.empty:
        raise ValueError("toxicities has no row to plot")
    effects = list(dict.fromkeys(toxicities["effect"].astype(str)))
    names = therapy_names()
    # Room for the longest toxicity name on the left (about 0.065 inch per character at 8.5 pt),
    # then one inch per therapy column, so the column labels never run into each other.
    names_width = 1.0 + 0.065 * max(len(effect) for effect in effects)
    fig, ax = plt.subplots(
        figsize=(max(6.5, names_width + 1.0 * len(known)), max(4.5, 2.6 + 0.34 * len(effects))),
        layout="constrained",
    )
    classes = {}
    rated_sources = []
    for _, row in toxicities.iterrows():
        x, y = known.index(str(row["therapy"])), effects.index(str(row["effect"]))
        colour, _ = class_style(row["therapy_class"])
        classes[str(row["therapy"])] = row["therapy_class"]
        ax.add_patch(Rectangle((x - 0.44, y - 0.4), 0.88, 0.8, color=colour, lw=0))
        rate = _rate_text(row)
        if rate:
            ax.text(x, y, rate, ha="center", va="center", fontsize=7.5,
                    color=_text_colour(colour))
            if not is_missing(row.get("source")):
                therapy = therapy_display_name(row["therapy"], names)
                rated_sources.append(f"{therapy}, {row['effect']}: {row['source']}")
    for x in range(len(known)):
        for y in range(len(effects)):
            ax.add_patch(Rectangle((x - 0.44, y - 0.4), 0.88, 0.8, fill=False,
                                   edgecolor="#dddddd", lw=0.8))
    # Level, wrapped to the column's width: slanted labels of neighbouring columns run into
    # each other, level ones cannot.
    ax.set_xticks(
        range(len(known)),
        [_column_label(therapy_display_name(t, names), _class_name(classes.get(t)))
         for t in known],
        fontsize=8,
    )
    ax.set_yticks(range(len(effects)), effects, fontsize=8.5)
    ax.set_xlim(-0.6, len(known) - 0.4)
    ax.set_ylim(len(effects) - 0.5, -0.5)
    ax.set_xlabel("Therapy (class)")
    ax.set_ylabel("Main toxicity")
    ax.set_title("Main toxicities by therapy: which ones, not how often")
    ax.tick_params(length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    note = (
        "Filled = named as a main toxicity in the therapy catalogue; empty = not named there "
        "(not proof it never occurs). A number is the rate of any grade (G≥3 = grade 3 or "
        "higher) in the source named for that cell; sources differ in trial, arm and definition, "
        "so do not compare numbers across columns."
    )
    rates = "Rates: " + ("; ".join(rated_sources) or "none in the data") + "."
    _footer(fig, [note, rates, "Source: therapy catalogue (pannet_edu/data/therapies.yaml)."])
    named = []
    for therapy in known:
        effects_named = toxicities.loc[toxicities["therapy"].astype(str) == therapy, "effect"]
        names_here = list(dict.fromkeys(effects_named.astype(str)))
        named.append(f"{therapy_display_name(therapy, names)}: {join_names(names_here, 20)}")
    set_alt_text(
        fig,
        f"Grid of main toxicities (rows) by therapy (columns), filled where the therapy catalogue "
        f"names the toxicity, for {len(known)} therapies: {'; '.join(named)}.",
    )
    return fig
