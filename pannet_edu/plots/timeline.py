"""A case's lines of therapy so far, as a timeline coloured by therapy class."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .. import cases
from ..sequencing import THERAPY_NAMES
from ._style import OKABE_ITO, add_source_line, set_alt_text

#: One Okabe-Ito colour per therapy class (the classes of :func:`pannet_edu.therapies`).
CLASS_STYLE = {
    "ssa": ("Somatostatin analogue", OKABE_ITO["sky_blue"]),
    "mtor_inhibitor": ("mTOR inhibitor", OKABE_ITO["orange"]),
    "tki": ("Tyrosine-kinase inhibitor", OKABE_ITO["vermillion"]),
    "prrt": ("PRRT", OKABE_ITO["green"]),
    "chemotherapy": ("Chemotherapy", OKABE_ITO["blue"]),
    "hif2a_inhibitor": ("HIF-2α inhibitor", OKABE_ITO["purple"]),
}
#: How far a proposed (not yet given) line is drawn past the decision: a fraction of the x span.
_PROPOSED_WIDTH = 0.15


def _therapy_classes() -> dict[str, str]:
    from ..evidence import therapies

    return therapies()["therapy_class"].to_dict()


def case_timeline(
    case: cases.Case,
    step: int | str | None = None,
    *,
    choice: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw the lines of therapy given before ``step`` (default: the last step) of a case.

    Each line is a bar from the decision that started it to the next decision, one row per line,
    coloured by therapy class. With months in the case the x axis is months since the case's first
    decision; without, it is the ordered decision points. Therapy given before the case opens
    (the starting patient's ``prior``) has no dates, so it is named in the title. ``choice``
    (a therapy id offered at ``step``) is drawn as an open, dashed bar: the learner's proposed
    next line.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = case_timeline(cases.load_case("vipoma"), choice="prrt")
    >>> fig.axes[0].get_xlabel()
    'Months since the first decision of the case'
    """
    if not isinstance(case, cases.Case):
        raise TypeError(f"case must be a Case (from load_case), got {type(case).__name__}")
    current_index = len(case.steps) - 1 if step is None else case.index(step)
    current = case.steps[current_index]
    if choice is not None and current.option(choice) is None:
        offered = ", ".join(o.therapy for o in current.options)
        raise ValueError(f"choice must be one of the options at {current.label!r}: {offered}")
    lines = case.lines_before(current_index)
    classes = _therapy_classes()
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.5, 1.6 + 0.55 * (len(lines) + 1)), layout="constrained")
    else:
        fig = ax.figure

    months = case.has_durations
    positions = [s.month if months else float(i) for i, s in enumerate(case.steps)]
    now = positions[current_index]
    span = max(positions[-1] - positions[0], 1.0)
    right = now + span * (_PROPOSED_WIDTH + 0.05)

    rows = [(line.therapy, line.start, line.end - line.start, False) for line in lines]
    if choice is not None:
        rows.append((current.option(choice).therapy, now, span * _PROPOSED_WIDTH, True))
    for row, (therapy, start, width, proposed) in enumerate(rows):
        colour = CLASS_STYLE[classes[therapy]][1]
        ax.barh(
            row,
            width,
            left=start,
            height=0.6,
            color="none" if proposed else colour,
            edgecolor=colour if proposed else "#333333",
            linestyle="--" if proposed else "-",
            linewidth=2.0 if proposed else 0.8,
        )
    ax.set_yticks(
        range(len(rows)),
        [
            f"Line {i + 1}: {THERAPY_NAMES[t]}" + ("\n(your choice)" if proposed else "")
            for i, (t, _, _, proposed) in enumerate(rows)
        ],
        fontsize=8.5,
    )
    for position in positions[:current_index]:
        ax.axvline(position, color="#777777", lw=0.7, ls=":")
    now_line = ax.axvline(now, color=OKABE_ITO["black"], lw=1.4, label="now (this decision)")
    before = ", ".join(THERAPY_NAMES[t] for t in case.patient.prior)
    if not rows:
        empty = "No line of therapy yet in this case." if before else "No therapy yet."
        ax.text(
            0.5, 0.5, empty + " This is the first decision.", transform=ax.transAxes,
            ha="center", va="center", fontsize=9, color="#444444",
        )  # fmt: skip
    ax.set_ylim(len(rows) - 0.4 if rows else 0.6, -0.6)
    ax.set_xlim(positions[0] - span * 0.03, right)
    when = f"month {now:g}" if months else f"decision {current_index + 1} of {len(case.steps)}"
    if months:
        ax.set_xlabel("Months since the first decision of the case")
    else:
        labels = [s.label for s in case.steps][: current_index + 1]
        ax.set_xticks(positions[: current_index + 1], labels, fontsize=8)
        ax.set_xlabel("Decision points, in order (this case gives no durations)")
    title = f"{case.title}\nNow: {current.label} ({when})"
    if before:  # given before the case opens: no dates, so named rather than drawn
        title += f"\nBefore this case: {before}"
    ax.set_title(title, fontsize=10, loc="left")
    used = dict.fromkeys(classes[therapy] for therapy, *_ in rows)
    handles = [Patch(color=CLASS_STYLE[c][1], label=CLASS_STYLE[c][0]) for c in used]
    ax.legend(
        handles=[*handles, now_line], loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
        title="Therapy class", title_fontsize=8, frameon=False,
    )  # fmt: skip
    add_source_line(
        fig, f"Teaching case (invented patient): {case.id}. Not advice about a real patient."
    )
    unit = "month" if months else "decision"
    described = [
        f"line {i + 1}, {THERAPY_NAMES[t]}, "
        + (f"proposed from {unit} {start:g}" if proposed else f"from {unit} {start:g} to "
           f"{start + width:g}")
        for i, (t, start, width, proposed) in enumerate(rows)
    ]
    set_alt_text(
        fig,
        f"Timeline of the teaching case {case.title}: lines of therapy as bars against "
        f"{'months since the first decision' if months else 'decision points'}. Now: "
        f"{current.label} ({when}). "
        + (("Lines: " + "; ".join(described) + ".") if described else "No line of therapy yet.")
        + (f" Before this case: {before}." if before else ""),
    )
    return fig
