"""A case's lines of therapy so far, as a timeline coloured by therapy class."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..content.fields import short_repr
from ..engine.catalogue import load_catalogue
from ..practice import cases
from ._style import OKABE_ITO, add_source_line, set_alt_text


def class_styles() -> dict[str, tuple[str, str]]:
    """(display name, colour) per therapy class: the name from the catalogue's ``classes``
    section with its colour (the trial figures' colour: one home, the class's entry).

    >>> class_styles()["prrt"]
    ('Peptide receptor radionuclide therapy (PRRT)', '#009E73')
    """
    return {c.id: (c.name, c.colour) for c in load_catalogue().classes.values()}


#: How far a proposed (not yet given) line is drawn past the decision: a fraction of the x span.
_PROPOSED_WIDTH = 0.15


def _row_labels(
    case: cases.Case, rows: list[tuple[str, float, float, bool]], names: dict[str, str]
) -> list[str]:
    """``Line N: therapy`` for systemic lines, numbered after any given before the case opens
    (everolimus after an SSA is line 2); surgery, liver-directed therapy and surveillance are
    named without a line number."""
    number = sum(cases.is_systemic(t) for t in case.patient.prior)
    labels = []
    for therapy, _start, _width, proposed in rows:
        name = names[therapy]
        if cases.is_systemic(therapy):
            number += 1
            name = f"Line {number}: {name}"
        labels.append(name + ("\n(your choice)" if proposed else ""))
    return labels


def _therapy_classes() -> dict[str, str]:
    return {t.id: t.therapy_class for t in load_catalogue()}


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
        raise ValueError(f"choice must be one of the options at {short_repr(current.label)}: "
                         f"{offered}")
    lines = case.lines_before(current_index)
    classes = _therapy_classes()
    styles = class_styles()
    names = load_catalogue().names()
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
        colour = styles[classes[therapy]][1]
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
    ax.set_yticks(range(len(rows)), _row_labels(case, rows, names), fontsize=8.5)
    for position in positions[:current_index]:
        ax.axvline(position, color="#777777", lw=0.7, ls=":")
    now_line = ax.axvline(now, color=OKABE_ITO["black"], lw=1.4, label="now (this decision)")
    before = ", ".join(names[t] for t in case.patient.prior)
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
    handles = [Patch(color=styles[c][1], label=styles[c][0]) for c in used]
    ax.legend(
        handles=[*handles, now_line], loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
        title="Therapy class", title_fontsize=8, frameon=False,
    )  # fmt: skip
    add_source_line(
        fig, f"Teaching case (invented patient): {case.title}. Not advice about a real patient."
    )
    unit = "month" if months else "decision"
    names = load_catalogue().names()  # read now, so an edited catalogue is seen
    described = [
        f"line {i + 1}, {names[t]}, "
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
