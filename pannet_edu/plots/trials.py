"""Trial figures: forest plot of PFS hazard ratios, median-PFS and response bars, a toxicity grid,
and one picture of why a hazard ratio and a response rate answer different questions.

Every function takes the trials (or therapies) table as an argument, defaulting to the packaged
data, so a lesson can pass a filtered table and a test can pass a small one of its own. Rows that
lack the value a figure needs are skipped, and the figure says which. Numbers are drawn as stored.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FixedLocator, NullLocator

from ..content import fields as _validate
from ..views.trials import (
    arms_label,
    check_trials_frame,
    format_hr,
    format_number,
    is_extrapolated,
    is_missing,
    is_mixed_population,
    is_ttp,
    pfs_not_reached,
    source_line,
    therapy_display_name,
    therapy_names,
    trial_label,
)
from ..vocab import CLASS_COLOURS
from ._style import OKABE_ITO, add_source_line, join_names, set_alt_text

#: One colour (the class's colour, :data:`pannet_edu.vocab.CLASS_COLOURS`, the same as in the case
#: timeline) and one marker per therapy class, in every trial figure (redundant coding, so the
#: classes stay distinguishable in greyscale too).
_CLASS_MARKERS = {"ssa": "o", "mtor_inhibitor": "s", "tki": "D", "prrt": "^", "chemotherapy": "v",
                  "hif2a_inhibitor": "P"}
CLASS_STYLE = {k: (CLASS_COLOURS[k], marker) for k, marker in _CLASS_MARKERS.items()}
_OTHER_STYLE = (OKABE_ITO["black"], "X")
_CONTROL_COLOUR = "#9a9a9a"
_ORDER_CHOICES = ("data", "effect")
_NO_CONTROL_DESIGNS = ("single_arm", "retrospective")


def class_style(therapy_class: object) -> tuple[str, str]:
    """(colour, marker) for a therapy class; unknown classes get black crosses.

    >>> class_style("prrt")
    ('#009E73', '^')
    """
    if is_missing(therapy_class):
        return _OTHER_STYLE
    return CLASS_STYLE.get(str(therapy_class), _OTHER_STYLE)


def _class_name(therapy_class: object) -> str:
    return "other" if is_missing(therapy_class) else str(therapy_class).replace("_", " ")


def _load_trials(trials: pd.DataFrame | None) -> pd.DataFrame:
    if trials is None:
        from ..evidence import trials as load

        return load()
    return trials


def _check_order(order: str) -> str:
    return _validate.choice("order", order, _ORDER_CHOICES)


def _footer(fig: Figure, blocks: Sequence[str], handles: Sequence[object] = ()) -> None:
    """Legend, notes and sources under the figure, in a bottom strip sized to fit them.

    The strip grows with the number of wrapped text lines (and legend rows) so nothing runs into
    the axis labels, whatever the number of trials shown.
    """
    width_chars = int(fig.get_figwidth() * 17)  # ~7.5 pt text: about 17 characters per inch
    lines: list[str] = []
    for block in blocks:
        lines += textwrap.wrap(block, width_chars) or [""]
    add_source_line(fig, "\n".join(lines), wrap=False)  # wrapped above, to the figure's width
    points = fig.get_figheight() * 72
    text_height = (len(lines) * 10.5 + 6) / points
    legend_height = 0.0
    if handles:
        columns = min(len(handles), 8)
        fig.legend(handles=list(handles), loc="lower center", bbox_to_anchor=(0.5, text_height),
                   ncols=columns, fontsize=8, frameon=False)
        legend_height = (-(-len(handles) // columns) * 16 + 10) / points
    strip = min(0.5, text_height + legend_height)
    fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))


def _finish(
    fig: Figure, notes: Sequence[str], shown: pd.DataFrame, handles: Sequence[object] = ()
) -> None:
    """Footer with the notes and the citations of the rows shown (see :func:`_footer`)."""
    _footer(fig, [*notes, source_line(shown, one_id=True)], handles)


def _skipped_note(rows: pd.DataFrame, reason: str) -> list[str]:
    if rows.empty:
        return []
    names = ", ".join(trial_label(row) for _, row in rows.iterrows())
    return [f"Not plotted ({reason}): {names}."]


def _row_text(row: pd.Series, names: dict[str, str], *, time_to_event: bool = True) -> str:
    """Two-line row label: trial (cohort) with its flags, then the arms compared.

    ``time_to_event`` adds [TTP] where the trial measured time to progression instead of PFS.
    """
    label = trial_label(row)
    if time_to_event and is_ttp(row):
        label += " [TTP]"
    if is_extrapolated(row):
        label += " · no panNET: extrapolated"
    elif is_mixed_population(row):
        label += " · mixed primary sites"
    return f"{label}\n{arms_label(row, names)}"


def _missing_value_text(row: pd.Series, column: str) -> str:
    """Why a bar is absent: not reached, no control arm, or not reported."""
    if column == "pfs_median" and pfs_not_reached(row):
        return "not reached"
    design = row.get("design")
    if column.endswith("_control") and not is_missing(design) and design in _NO_CONTROL_DESIGNS:
        return "no control arm"
    return "not reported"


def _new_figure(n_rows: int, width: float = 9.0) -> tuple[Figure, Axes]:
    height = max(3.2, 1.6 + 0.55 * n_rows)
    return plt.subplots(figsize=(width, height), layout="constrained")


def forest_plot(
    trials: pd.DataFrame | None = None, *, order: str = "data", title: str | None = None
) -> Figure:
    """Forest plot of progression hazard ratios with 95% CIs, one row per trial cohort.

    Log x axis with a line at HR 1 ("favours therapy" left, "favours control" right); the marker
    area grows with n; each row shows n and the HR as stored. Midgut-only trials
    (``pannet == 'no'``) are drawn hollow and labelled as extrapolated to panNET; rows whose
    endpoint was time to progression say [TTP]. Rows without a hazard ratio are skipped and
    listed under the figure. ``order='effect'`` sorts by HR instead of keeping the table's order.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"trial": ["A", "B"], "cohort": ["all", "all"], "n": [100, 50],
    ...     "hr": [0.4, None], "hr_low": [0.3, None], "hr_high": [0.6, None],
    ...     "therapy": ["x", "y"], "comparator": ["placebo", "placebo"]})
    >>> fig = forest_plot(rows)
    >>> fig.axes[0].get_xlabel()
    'Hazard ratio for progression or death, therapy vs control (log scale)'
    >>> "Not plotted (no hazard ratio): B." in fig.texts[-1].get_text()
    True
    """
    frame = _load_trials(trials)
    check_trials_frame(frame)
    order = _check_order(order)
    has_hr = frame["hr"].notna()
    shown, skipped = frame[has_hr], frame[~has_hr]
    if order == "effect":
        shown = shown.sort_values("hr", kind="stable")
    if shown.empty:
        raise ValueError("trials has no row with a hazard ratio to plot")
    names = therapy_names()
    fig, ax = _new_figure(len(shown), width=10.0)
    y_positions = np.arange(len(shown))[::-1]  # first row on top
    max_n = float(shown["n"].max()) if shown["n"].notna().any() else 1.0
    no_ci = []
    rows = [row for _, row in shown.iterrows()]  # once: iterrows is slow on a wide table
    for y, row in zip(y_positions, rows, strict=True):
        colour, marker = class_style(row.get("therapy_class"))
        hollow = is_extrapolated(row)
        hr = float(row["hr"])
        if not (is_missing(row["hr_low"]) or is_missing(row["hr_high"])):
            ax.plot([row["hr_low"], row["hr_high"]], [y, y], color=colour, lw=2, zorder=2)
        else:
            no_ci.append(trial_label(row))
        size = 6 + 10 * np.sqrt(float(row["n"]) / max_n) if not is_missing(row["n"]) else 8
        ax.plot(
            [hr], [y], marker=marker, ms=size, color=colour, ls="none", zorder=3,
            markerfacecolor="white" if hollow else colour, markeredgewidth=2,
        )
    ax.axvline(1.0, color=OKABE_ITO["black"], lw=1)
    ax.set_xscale("log")
    lows = pd.concat([shown["hr"], shown["hr_low"].dropna()]).astype(float)
    highs = pd.concat([shown["hr"], shown["hr_high"].dropna()]).astype(float)
    left, right = min(lows.min(), 1.0) / 1.6, max(highs.max(), 1.0) * 1.8
    ax.set_xlim(left, right)
    ticks = [t for t in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5) if left <= t <= right]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticklabels([f"{t:g}" for t in ticks])
    ax.set_yticks(y_positions, [_row_text(row, names) for row in rows], fontsize=8.5)
    ax.set_ylim(-0.8, len(shown) - 0.2)
    # The right-hand column: n and the HR exactly as stored.
    right_axis = ax.twinx()
    right_axis.set_ylim(ax.get_ylim())
    right_axis.set_yticks(
        y_positions,
        [f"n={format_number(row['n'])}   HR {format_hr(row)}" for row in rows],
        fontsize=8.5,
    )
    right_axis.tick_params(length=0)
    ax.set_xlabel("Hazard ratio for progression or death, therapy vs control (log scale)")
    ax.text(0.98, 1.0, "favours therapy ←", transform=ax.get_xaxis_transform(), ha="right",
            va="bottom", fontsize=9)
    ax.text(1.02, 1.0, "→ favours control", transform=ax.get_xaxis_transform(), ha="left",
            va="bottom", fontsize=9)
    ax.set_title(title or "Progression-free survival: hazard ratios with 95% confidence intervals",
                 pad=18)
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    notes = _skipped_note(skipped, "no hazard ratio")
    if no_ci:
        notes.append(f"No 95% CI in the data (point only): {', '.join(no_ci)}.")
    ttp = " [TTP] = time to progression, the trial's endpoint." if any(
        is_ttp(row) for row in rows) else ""
    notes.append(
        f"Marker area grows with n.{ttp} Hollow = no panNET enrolled: result extrapolated to "
        "panNET."
    )
    _finish(fig, notes, shown, _class_handles(shown, rows))
    set_alt_text(fig, _forest_alt(shown, skipped, rows))
    return fig


def _forest_alt(
    shown: pd.DataFrame, skipped: pd.DataFrame, rows: list[pd.Series] | None = None
) -> str:
    """What the forest plot shows and its main finding, from the rows it drew."""
    rows = [row for _, row in shown.iterrows()] if rows is None else rows
    items = [f"{trial_label(row)} {format_hr(row)}" for row in rows]
    below = 0
    for row in rows:
        high = row["hr_high"]
        if not is_missing(high) and float(high) < 1:
            below += 1
    count = len(shown)
    text = (
        f"Forest plot of progression hazard ratios (therapy vs control, log scale, line at 1) "
        f"for {count} trial cohort{'s' if count != 1 else ''}: {join_names(items)}. "
        f"In {below} of {count} the whole 95% confidence interval lies below 1, favouring the "
        "therapy."
    )
    if not skipped.empty:
        names = join_names([trial_label(r) for _, r in skipped.iterrows()])
        text += f" Not plotted, no hazard ratio: {names}."
    return text


def _class_handles(rows: pd.DataFrame, series: list[pd.Series] | None = None) -> list[Line2D]:
    """One legend entry per therapy class shown, plus the hollow 'no panNET enrolled' marker.
    ``series`` are the rows already iterated, if the caller has them."""
    handles = [
        Line2D([], [], color=class_style(k)[0], marker=class_style(k)[1], ls="none", ms=8,
               label=_class_name(k))
        for k in dict.fromkeys(rows.get("therapy_class", []))
    ]
    extrapolated = (any(is_extrapolated(row) for row in series) if series is not None
                    else rows.apply(is_extrapolated, axis=1).any())
    if extrapolated:
        handles.append(Line2D([], [], color="#555555", marker="o", ls="none", ms=8,
                              markerfacecolor="white", markeredgewidth=2,
                              label="no panNET enrolled"))
    return handles


def _paired_bars(
    frame: pd.DataFrame,
    *,
    therapy_column: str,
    control_column: str,
    xlabel: str,
    title: str,
    reason: str,
    xmax: float | None = None,
    time_to_event: bool = False,
) -> Figure:
    """Horizontal therapy-vs-control bars, one pair per row; rows with neither value skipped."""
    has_any = frame[therapy_column].notna() | frame[control_column].notna()
    shown, skipped = frame[has_any], frame[~has_any]
    if shown.empty:
        raise ValueError(f"trials has no row with {therapy_column} or {control_column} to plot")
    names = therapy_names()
    fig, ax = _new_figure(len(shown))
    y_positions = np.arange(len(shown))[::-1]
    height = 0.38
    top = max(float(shown[[therapy_column, control_column]].max().max()), 1.0)
    for y, (_, row) in zip(y_positions, shown.iterrows(), strict=True):
        colour, _ = class_style(row.get("therapy_class"))
        hatch = "///" if is_extrapolated(row) else None
        for column, offset, bar_colour, bar_hatch in (
            (therapy_column, height / 2, colour, hatch),
            (control_column, -height / 2, _CONTROL_COLOUR, None),
        ):
            value = row[column]
            if is_missing(value):
                ax.text(top * 0.01, y + offset, _missing_value_text(row, column), va="center",
                        fontsize=7.5, color="#555555", style="italic")
                continue
            ax.barh(y + offset, float(value), height=height, color=bar_colour, hatch=bar_hatch,
                    edgecolor="white" if bar_hatch else bar_colour, lw=0)
            ax.text(float(value) + top * 0.01, y + offset, format_number(value), va="center",
                    fontsize=8)
    labels = [_row_text(row, names, time_to_event=time_to_event) for _, row in shown.iterrows()]
    ax.set_yticks(y_positions, labels, fontsize=8.5)
    # Fixed limits: autoscaling follows the bars only, and would clip a "not reported" note.
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.set_xlim(0, xmax if xmax is not None else top * 1.15)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    classes = dict.fromkeys(shown.get("therapy_class", []))
    handles = [Patch(color=class_style(k)[0], label=_class_name(k)) for k in classes]
    if shown.apply(is_extrapolated, axis=1).any():
        handles.append(Patch(facecolor="#555555", edgecolor="white", hatch="///",
                             label="no panNET enrolled"))
    handles.append(Patch(color=_CONTROL_COLOUR, label="control arm"))
    notes = _skipped_note(skipped, reason)
    notes.append(
        "Upper bar: therapy arm; lower bar: control arm. Hatched = no panNET enrolled: result "
        "extrapolated to panNET."
    )
    _finish(fig, notes, shown, handles)
    pairs = [
        f"{trial_label(row)} {_bar_value(row, therapy_column)} vs "
        f"{_bar_value(row, control_column)}"
        for _, row in shown.iterrows()
    ]
    count = len(shown)
    set_alt_text(
        fig,
        f"Bar chart of {xlabel[0].lower() + xlabel[1:]}, therapy arm vs control arm, for {count} "
        f"trial cohort{'s' if count != 1 else ''}: {join_names(pairs)}.",
    )
    return fig


def _bar_value(row: pd.Series, column: str) -> str:
    value = row[column]
    return _missing_value_text(row, column) if is_missing(value) else format_number(value)


def pfs_bars(trials: pd.DataFrame | None = None) -> Figure:
    """Median progression-free survival, therapy arm against control arm, in months.

    A median that is missing (not reached, not reported, or no control arm) is said in words, not
    drawn as zero. Rows with neither median are skipped and listed under the figure.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"trial": ["A"], "cohort": ["all"], "n": [410], "hr": [0.35],
    ...     "hr_low": [0.27], "hr_high": [0.45], "pfs_median": [11.0], "pfs_median_control": [4.6]})
    >>> pfs_bars(rows).axes[0].get_xlabel()
    'Median progression-free survival (months)'
    """
    frame = _load_trials(trials)
    check_trials_frame(frame, ["trial", "cohort", "pfs_median", "pfs_median_control"])
    return _paired_bars(
        frame,
        therapy_column="pfs_median",
        control_column="pfs_median_control",
        xlabel="Median progression-free survival (months)",
        title="Median progression-free survival: therapy vs control",
        reason="no median PFS",
        time_to_event=True,
    )


def response_bars(trials: pd.DataFrame | None = None) -> Figure:
    """Objective response rate (%), therapy arm against control arm.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"trial": ["A"], "cohort": ["all"], "orr": [9.3], "orr_control": [0.0]})
    >>> [float(x) for x in response_bars(rows).axes[0].get_xlim()]
    [0.0, 100.0]
    """
    frame = _load_trials(trials)
    check_trials_frame(frame, ["trial", "cohort", "orr", "orr_control"])
    return _paired_bars(
        frame,
        therapy_column="orr",
        control_column="orr_control",
        xlabel="Objective response rate (% of patients)",
        title="Objective response rate: therapy vs control",
        reason="no response rate",
        xmax=100.0,
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
        gridspec_kw={"width_ratios": [4, 1.6]},
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
    positions = _strip_positions(without_hr["orr"].astype(float).tolist())
    for x, (_, row) in zip(positions, without_hr.iterrows(), strict=True):
        _scatter_point(strip, x, float(row["orr"]), row)
    strip.set_xlim(-0.4, 2.6 + max(positions, default=0.0))  # room for labels on the right
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
    _label_points(ax, [(float(r["hr"]), float(r["orr"]), trial_label(r))
                       for _, r in with_hr.iterrows()])
    _label_points(strip, [(x, float(r["orr"]), trial_label(r))
                          for x, (_, r) in zip(positions, without_hr.iterrows(), strict=True)],
                  candidates=((8, -3, "left"), (8, 6, "left"), (8, -12, "left")))
    notes = _skipped_note(skipped, "no response rate in the data")
    notes.append(
        "Each point is the therapy arm of one trial cohort; hollow = no panNET enrolled: result "
        "extrapolated to panNET. Response criteria differ between older and recent trials."
    )
    placed = pd.concat([with_hr, without_hr])
    _finish(fig, notes, placed, _class_handles(placed))
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


def _strip_positions(values: Sequence[float], min_gap: float = 6.0) -> list[float]:
    """Side-by-side x positions in the strip so points with close response rates do not overlap.

    >>> _strip_positions([69.0, 39.0, 41.0])
    [0.0, 0.0, 0.5]
    """
    placed: list[tuple[float, float]] = []
    positions = []
    for value in values:
        x = 0.0
        while any(abs(value - v) < min_gap and x == px for px, v in placed):
            x += 0.5
        placed.append((x, value))
        positions.append(x)
    return positions


def _scatter_point(ax: Axes, x: float, y: float, row: pd.Series) -> None:
    colour, marker = class_style(row.get("therapy_class"))
    hollow = is_extrapolated(row)
    ax.plot([x], [y], marker=marker, ms=10, ls="none", color=colour, markeredgewidth=2,
            markerfacecolor="white" if hollow else colour, zorder=3)


#: Label offsets to try, in points from the marker: (dx, dy, horizontal alignment).
_LABEL_CANDIDATES = (
    (7, 4, "left"), (7, -11, "left"), (-7, 4, "right"), (-7, -11, "right"),
    (0, 9, "center"), (0, -17, "center"), (12, 14, "left"), (-12, 14, "right"),
)


def _label_points(
    ax: Axes,
    points: Sequence[tuple[float, float, str]],
    candidates: Sequence[tuple[float, float, str]] = _LABEL_CANDIDATES,
    fontsize: float = 8.0,
) -> None:
    """Label scatter points, trying offsets until a label overlaps no marker or earlier label.

    Boxes are estimated in points from the text length (no rendering needed); the first free
    candidate wins, else the first candidate.
    """
    to_points = 72.0 / ax.figure.dpi
    centres = [ax.transData.transform((x, y)) * to_points for x, y, _ in points]
    taken = [(cx - 7, cy - 7, cx + 7, cy + 7) for cx, cy in centres]  # the markers
    width_per_char, height = 0.55 * fontsize, fontsize + 2

    def box(cx: float, cy: float, dx: float, dy: float, ha: str, text: str):
        width = width_per_char * len(text)
        left = {"left": cx + dx, "right": cx + dx - width, "center": cx + dx - width / 2}[ha]
        return (left, cy + dy, left + width, cy + dy + height)

    def overlaps(a, b) -> bool:
        return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])

    for (x, y, text), (cx, cy) in zip(points, centres, strict=True):
        own = (cx - 7, cy - 7, cx + 7, cy + 7)
        chosen = candidates[0]
        for candidate in candidates:
            trial = box(cx, cy, *candidate, text)
            if not any(overlaps(trial, other) for other in taken if other != own):
                chosen = candidate
                break
        taken.append(box(cx, cy, *chosen, text))
        dx, dy, ha = chosen
        ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha,
                    va="bottom", fontsize=fontsize)


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
    fig, ax = plt.subplots(
        figsize=(max(6.5, 2.5 + 1.0 * len(known)), max(4.5, 2.6 + 0.34 * len(effects))),
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
    ax.set_xticks(
        range(len(known)),
        [f"{therapy_display_name(t, names)}\n({_class_name(classes.get(t))})" for t in known],
        rotation=35, ha="right", fontsize=8.5,
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
