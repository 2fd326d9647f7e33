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
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, NullLocator

from .. import _validate
from ..evidence_views import (
    _missing,
    arms_label,
    check_trials_frame,
    format_hr,
    format_number,
    is_extrapolated,
    source_line,
    trial_label,
)
from ._style import OKABE_ITO, add_source_line

#: One colour and marker per therapy class, the same in every trial figure (redundant coding, so
#: the classes stay distinguishable in greyscale too).
CLASS_STYLE = {
    "ssa": (OKABE_ITO["sky_blue"], "o"),
    "mtor_inhibitor": (OKABE_ITO["blue"], "s"),
    "tki": (OKABE_ITO["green"], "D"),
    "prrt": (OKABE_ITO["orange"], "^"),
    "chemotherapy": (OKABE_ITO["vermillion"], "v"),
    "hif2a_inhibitor": (OKABE_ITO["purple"], "P"),
}
_OTHER_STYLE = (OKABE_ITO["black"], "X")
_CONTROL_COLOUR = "#9a9a9a"
_ORDER_CHOICES = ("data", "effect")


def class_style(therapy_class: object) -> tuple[str, str]:
    """(colour, marker) for a therapy class; unknown classes get black crosses.

    >>> class_style("prrt")
    ('#E69F00', '^')
    """
    if _missing(therapy_class):
        return _OTHER_STYLE
    return CLASS_STYLE.get(str(therapy_class), _OTHER_STYLE)


def _class_name(therapy_class: object) -> str:
    return "other" if _missing(therapy_class) else str(therapy_class).replace("_", " ")


def _load_trials(trials: pd.DataFrame | None) -> pd.DataFrame:
    if trials is None:
        from ..evidence import trials as load

        return load()
    return trials


def _check_order(order: str) -> str:
    return _validate.choice("order", order, _ORDER_CHOICES)


def _is_ttp(row: pd.Series) -> bool:
    endpoint = row.get("primary_endpoint")
    return not _missing(endpoint) and str(endpoint).strip().upper() == "TTP"


def _footer(fig: Figure, blocks: Sequence[str], handles: Sequence[object] = ()) -> None:
    """Legend, notes and sources under the figure, in a bottom strip sized to fit them.

    The strip grows with the number of wrapped text lines (and legend rows) so nothing runs into
    the axis labels, whatever the number of trials shown.
    """
    width_chars = int(fig.get_figwidth() * 17)  # ~7.5 pt text: about 17 characters per inch
    lines: list[str] = []
    for block in blocks:
        lines += textwrap.wrap(block, width_chars) or [""]
    add_source_line(fig, "\n".join(lines))
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
    _footer(fig, [*notes, source_line(shown)], handles)


def _skipped_note(rows: pd.DataFrame, reason: str) -> list[str]:
    if rows.empty:
        return []
    names = ", ".join(trial_label(row) for _, row in rows.iterrows())
    return [f"Not plotted ({reason}): {names}."]


def _row_text(row: pd.Series) -> str:
    label = trial_label(row)
    if _is_ttp(row):
        label += " [TTP]"
    second = arms_label(row)
    if is_extrapolated(row):
        second += " · no panNET: extrapolated"
    return f"{label}\n{second}"


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
    fig, ax = _new_figure(len(shown))
    y_positions = np.arange(len(shown))[::-1]  # first row on top
    max_n = float(shown["n"].max()) if shown["n"].notna().any() else 1.0
    no_ci = []
    for y, (_, row) in zip(y_positions, shown.iterrows(), strict=True):
        colour, marker = class_style(row.get("therapy_class"))
        hollow = is_extrapolated(row)
        hr = float(row["hr"])
        if not (_missing(row["hr_low"]) or _missing(row["hr_high"])):
            ax.plot([row["hr_low"], row["hr_high"]], [y, y], color=colour, lw=2, zorder=2)
        else:
            no_ci.append(trial_label(row))
        size = 6 + 10 * np.sqrt(float(row["n"]) / max_n) if not _missing(row["n"]) else 8
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
    ax.set_yticks(y_positions, [_row_text(row) for _, row in shown.iterrows()], fontsize=8.5)
    ax.set_ylim(-0.8, len(shown) - 0.2)
    # The right-hand column: n and the HR exactly as stored.
    right_axis = ax.twinx()
    right_axis.set_ylim(ax.get_ylim())
    right_axis.set_yticks(
        y_positions,
        [f"n={format_number(row['n'])}   HR {format_hr(row)}" for _, row in shown.iterrows()],
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
    notes.append(
        "Marker area grows with n. [TTP] = time to progression, the trial's primary endpoint. "
        "Hollow = no panNET enrolled: result extrapolated to panNET."
    )
    _finish(fig, notes, shown, _class_handles(shown))
    return fig


def _class_handles(rows: pd.DataFrame) -> list[Line2D]:
    """One legend entry per therapy class shown, plus the hollow 'no panNET enrolled' marker."""
    handles = [
        Line2D([], [], color=class_style(k)[0], marker=class_style(k)[1], ls="none", ms=8,
               label=_class_name(k))
        for k in dict.fromkeys(rows.get("therapy_class", []))
    ]
    if rows.apply(is_extrapolated, axis=1).any():
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
) -> Figure:
    """Horizontal therapy-vs-control bars, one pair per row; rows with neither value skipped."""
    has_any = frame[therapy_column].notna() | frame[control_column].notna()
    shown, skipped = frame[has_any], frame[~has_any]
    if shown.empty:
        raise ValueError(f"trials has no row with {therapy_column} or {control_column} to plot")
    fig, ax = _new_figure(len(shown))
    y_positions = np.arange(len(shown))[::-1]
    height = 0.38
    top = max(float(shown[[therapy_column, control_column]].max().max()), 1.0)
    for y, (_, row) in zip(y_positions, shown.iterrows(), strict=True):
        colour, _ = class_style(row.get("therapy_class"))
        hatch = "///" if is_extrapolated(row) else None
        for value, offset, bar_colour, bar_hatch in (
            (row[therapy_column], height / 2, colour, hatch),
            (row[control_column], -height / 2, _CONTROL_COLOUR, None),
        ):
            if _missing(value):
                ax.text(top * 0.01, y + offset, "not reported / no such arm", va="center",
                        fontsize=7.5, color="#555555")
                continue
            ax.barh(y + offset, float(value), height=height, color=bar_colour, hatch=bar_hatch,
                    edgecolor="white" if bar_hatch else bar_colour, lw=0)
            ax.text(float(value) + top * 0.01, y + offset, format_number(value), va="center",
                    fontsize=8)
    ax.set_yticks(y_positions, [_row_text(row) for _, row in shown.iterrows()], fontsize=8.5)
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
    return fig


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
        1, 2, figsize=(9.5, 6.0), layout="constrained", sharey=True,
        gridspec_kw={"width_ratios": [4, 1.3]},
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
    ax.set_title("Delay of progression (hazard ratio)", fontsize=10)
    ax.grid(color="#eeeeee", lw=0.6)
    positions = _strip_positions(without_hr["orr"].astype(float).tolist())
    for x, (_, row) in zip(positions, without_hr.iterrows(), strict=True):
        _scatter_point(strip, x, float(row["orr"]), row)
    strip.set_xlim(-0.6, 0.6 + max(positions, default=0.0))
    strip.set_xticks([])
    strip.set_xlabel("no hazard ratio\n(single-arm or\nnon-comparative)")
    strip.set_title("Shrinkage only", fontsize=10)
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
    ax.annotate(trial_label(row), (x, y), xytext=(6, 4), textcoords="offset points", fontsize=8)


def _toxicity_terms(value: object) -> list[str]:
    """A catalogue entry's toxicities as a list of names (accepts a list, dicts or a text)."""
    if _missing(value) if not isinstance(value, list | tuple | dict) else False:
        return []
    if isinstance(value, dict):
        return [str(k) for k in value]
    if isinstance(value, list | tuple):
        names = []
        for item in value:
            if isinstance(item, dict):
                names.append(str(item.get("name") or item.get("toxicity") or next(iter(item))))
            else:
                names.append(str(item))
        return names
    return [part.strip() for part in str(value).replace(";", ",").split(",") if part.strip()]


def toxicity_grid(
    therapies: pd.DataFrame | None = None,
    *,
    therapy_ids: Iterable[str] | None = None,
) -> Figure:
    """Which main toxicities the catalogue names for each therapy: presence, no invented rates.

    Rows are toxicities, columns therapies; a filled cell means the catalogue names that toxicity
    as a main one for that therapy. It shows the *pattern* across classes (metabolic effects of
    mTOR inhibition, hypertension and proteinuria with VEGF-pathway TKIs, marrow and kidney with
    PRRT); how often each occurs is in the trials' own reports.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> catalogue = pd.DataFrame({"name": ["Sunitinib"], "therapy_class": ["tki"],
    ...     "toxicities": [["hypertension", "diarrhoea"]]}, index=["sunitinib"])
    >>> toxicity_grid(catalogue).axes[0].get_xlabel()
    'Therapy (class)'
    """
    if therapies is None:
        from ..evidence import therapies as load

        therapies = load()
    if not isinstance(therapies, pd.DataFrame):
        raise TypeError(
            f"therapies must be a pandas DataFrame like pannet_edu.therapies(), "
            f"got {type(therapies).__name__}"
        )
    missing = [c for c in ("name", "therapy_class", "toxicities") if c not in therapies.columns]
    if missing:
        raise ValueError(f"therapies is missing the column(s) {', '.join(map(repr, missing))}")
    if therapy_ids is not None:
        wanted = [therapy_ids] if isinstance(therapy_ids, str) else list(therapy_ids)
        unknown = [t for t in wanted if t not in therapies.index]
        if unknown:
            raise ValueError(
                f"therapy_ids has unknown therapy id(s) {', '.join(map(repr, unknown))}; "
                f"known: {', '.join(map(repr, therapies.index))}"
            )
        therapies = therapies.loc[wanted]
    if therapies.empty:
        raise ValueError("therapy_ids selects no therapy to plot")
    terms_by_therapy = {
        tid: _toxicity_terms(row["toxicities"]) for tid, row in therapies.iterrows()
    }
    keyed = {tid: {t.lower(): t for t in terms} for tid, terms in terms_by_therapy.items()}
    all_terms = list(dict.fromkeys(t.lower() for terms in terms_by_therapy.values() for t in terms))
    display = {}
    for terms in terms_by_therapy.values():
        for t in terms:
            display.setdefault(t.lower(), t)
    columns = list(therapies.index)
    fig, ax = plt.subplots(
        figsize=(max(6.0, 1.2 + 0.9 * len(columns)), max(3.5, 1.8 + 0.32 * len(all_terms))),
        layout="constrained",
    )
    for x, tid in enumerate(columns):
        colour, _ = class_style(therapies.loc[tid, "therapy_class"])
        for y, term in enumerate(all_terms):
            if term in keyed[tid]:
                ax.plot([x], [y], marker="s", ms=13, color=colour, ls="none")
            else:
                ax.plot([x], [y], marker="s", ms=13, ls="none", markerfacecolor="white",
                        markeredgecolor="#dddddd")
    ax.set_xticks(
        range(len(columns)),
        [f"{therapies.loc[t, 'name']}\n({_class_name(therapies.loc[t, 'therapy_class'])})"
         for t in columns],
        rotation=35, ha="right", fontsize=8.5,
    )
    ax.set_yticks(range(len(all_terms)), [display[t] for t in all_terms], fontsize=8.5)
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(len(all_terms) - 0.5, -0.5)
    ax.set_xlabel("Therapy (class)")
    ax.set_ylabel("Main toxicity")
    ax.set_title("Main toxicities by therapy: presence, not frequency")
    ax.tick_params(length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    sources = []
    if "sources" in therapies.columns:
        for value in therapies["sources"]:
            items = value if isinstance(value, list | tuple) else [value]
            sources += [str(s) for s in items if not _missing(s)]
    note = "Filled = listed as a main toxicity in the therapy catalogue; empty = not listed there."
    _footer(fig, [note, "Sources: " + ("; ".join(dict.fromkeys(sources)) or "none") + "."])
    return fig
