"""Trial figures: forest plot of PFS hazard ratios, median-PFS and response bars, and the row
handling, colours and footers every trial figure shares (the hazard-ratio-against-response picture
and the toxicity grid are in :mod:`pannet_edu.plots.trial_comparisons`).

Every function takes the trials (or therapies) table as an argument, defaulting to the packaged
data, so a lesson can pass a filtered table and a test can pass a small one of its own. Rows that
lack the value a figure needs are skipped, and the figure says which. Numbers are drawn as stored.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, NullLocator

from ..content import fields as _validate
from ..engine.catalogue import load_catalogue
from ..evidence.radiopharmaceuticals import RADIOPHARMACEUTICAL_CLASS_WORDS, trial_class_word
from ..formatting import arms_label, format_hr, format_number, is_missing
from ..views.trials import (
    check_trials_frame,
    is_extrapolated,
    is_mixed_population,
    is_ttp,
    pfs_not_reached,
    source_line,
    therapy_names,
    trial_label,
)
from ._style import (
    OKABE_ITO,
    add_source_line,
    fitted_legend,
    join_names,
    merged_handles,
    set_alt_text,
)

#: A regimen outside the catalogue's classes (a combination): black crosses.
_OTHER_STYLE = (OKABE_ITO["black"], "X")
#: Each PRRT radiopharmaceutical keeps the PRRT colour with a marker of its own, so a figure never
#: draws 177Lu-edotreotide or an alpha emitter as if it were 177Lu-DOTATATE.
_RADIOPHARMACEUTICAL_MARKERS = dict(zip(RADIOPHARMACEUTICAL_CLASS_WORDS, ("^", ">", "<"),
                                        strict=True))
_CONTROL_COLOUR = "#9a9a9a"
_ORDER_CHOICES = ("data", "effect")
_NO_CONTROL_DESIGNS = ("single_arm", "retrospective")


def class_style(therapy_class: object) -> tuple[str, str]:
    """(colour, marker) for a therapy class, as its catalogue entry gives them (the same colour
    as in the case timeline; a marker of its own, so the classes read in greyscale too); a
    regimen outside the classes gets black crosses.

    >>> class_style("prrt"), class_style("combination")
    (('#009E73', '^'), ('#000000', 'X'))
    """
    if is_missing(therapy_class):
        return _OTHER_STYLE
    found = load_catalogue().classes.get(str(therapy_class))
    return (found.colour, found.marker) if found else _OTHER_STYLE


def _class_name(therapy_class: object) -> str:
    """A class in words for a legend (a PRRT radiopharmaceutical by its name).

    >>> _class_name("mtor_inhibitor"), _class_name("prrt_lu177_edotreotide"), _class_name(None)
    ('mTOR inhibitor', 'PRRT with 177Lu-edotreotide', 'other')
    """
    return "other" if is_missing(therapy_class) else trial_class_word(therapy_class)


def _shown_class(row: pd.Series) -> object:
    """The class a figure shows for a row: its trial class (the radiopharmaceutical for PRRT)
    when the table has one, else its therapy class."""
    shown = row.get("trial_class")
    return row.get("therapy_class") if is_missing(shown) else shown


def row_style(row: pd.Series) -> tuple[str, str]:
    """(colour, marker) of one trial row: the therapy class's colour, and for a PRRT row the
    marker of the radiopharmaceutical it tested.

    >>> row_style(pd.Series({"therapy_class": "prrt", "trial_class": "prrt_lu177_edotreotide"}))
    ('#009E73', '>')
    """
    colour, marker = class_style(row.get("therapy_class"))
    return colour, _RADIOPHARMACEUTICAL_MARKERS.get(str(_shown_class(row)), marker)


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
        handles = merged_handles(handles)
        columns = fitted_legend(fig, handles, text_height)
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
    # The arms wrapped: one long regimen would otherwise push the axes (and the title over them)
    # out of the figure.
    return label + "\n" + "\n".join(textwrap.wrap(arms_label(row, names), 56))


def _missing_value_text(row: pd.Series, column: str) -> str:
    """Why a bar is absent: not reached, no control arm, or not reported."""
    if column == "pfs_median" and pfs_not_reached(row):
        return "not reached"
    design = row.get("design")
    if column.endswith("_control") and not is_missing(design) and design in _NO_CONTROL_DESIGNS:
        return "no control arm"
    return "not reported"


def _new_figure(n_rows: int, width: float = 9.0, label_lines: int = 2) -> tuple[Figure, Axes]:
    """A figure for ``n_rows`` labelled rows, each label at most ``label_lines`` lines."""
    height = max(3.2, 1.6 + max(0.55, 0.16 * label_lines + 0.2) * n_rows)
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
    rows = [row for _, row in shown.iterrows()]  # once: iterrows is slow on a wide table
    labels = [_row_text(row, names) for row in rows]
    fig, ax = _new_figure(len(shown), width=10.0,
                          label_lines=max(label.count("\n") + 1 for label in labels))
    y_positions = np.arange(len(shown))[::-1]  # first row on top
    max_n = float(shown["n"].max()) if shown["n"].notna().any() else 1.0
    no_ci = []
    for y, row in zip(y_positions, rows, strict=True):
        colour, marker = row_style(row)
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
    ax.set_yticks(y_positions, labels, fontsize=8.5)
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
    _thin_tick_labels(ax, keep=1.0)
    set_alt_text(fig, _forest_alt(shown, skipped, rows))
    return fig


def _thin_tick_labels(ax: Axes, keep: float, gap_pixels: float = 4.0) -> None:
    """Hide x tick labels that would touch a neighbour once the figure is laid out (the ticks
    and grid lines stay); the label at ``keep`` (the line of no effect) is never hidden."""
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    labels = [label for label in ax.get_xticklabels() if label.get_text()]
    first = [label for label in labels if label.get_position()[0] == keep]
    kept: list = []
    for label in first + [label for label in labels if label not in first]:
        box = label.get_window_extent(renderer)
        if any(box.x0 - gap_pixels < other.x1 and other.x0 < box.x1 + gap_pixels
               for other in kept):
            label.set_visible(False)
        else:
            kept.append(box)


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
    series = [row for _, row in rows.iterrows()] if series is None else series
    styles = {_shown_class(row): row_style(row) for row in series}
    handles = [
        Line2D([], [], color=colour, marker=marker, ls="none", ms=8, label=_class_name(k))
        for k, (colour, marker) in styles.items()
    ]
    extrapolated = any(is_extrapolated(row) for row in series)
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
    labels = [_row_text(row, names, time_to_event=time_to_event) for _, row in shown.iterrows()]
    fig, ax = _new_figure(len(shown), label_lines=max(label.count("\n") + 1 for label in labels))
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
    ax.set_yticks(y_positions, labels, fontsize=8.5)
    # Fixed limits: autoscaling follows the bars only, and would clip a "not reported" note.
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.set_xlim(0, xmax if xmax is not None else top * 1.15)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    classes = {_shown_class(row): row_style(row)[0] for _, row in shown.iterrows()}
    handles = [Patch(color=colour, label=_class_name(k)) for k, colour in classes.items()]
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
