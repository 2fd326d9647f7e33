"""The class report's figures, and the report page with them drawn in.

Two pictures read faster than the tables: the five misconceptions as bars (the share of the
learners who answered the item and gave that wrong answer), and every item's facility against its
discrimination (hard items on the left; items that do not separate stronger from weaker learners
low down). Okabe-Ito colours with a marker per kind of item (so greyscale still reads), labelled
axes with units, a source line and alt text written from the numbers drawn. Figures are
``matplotlib.figure.Figure`` objects, never pyplot (safe with several sessions in one process).

>>> from pannet_edu.practice.class_stats import class_report
>>> page = report_page(class_report([]))
>>> "<img" in page
False
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from ..practice.class_stats import ClassReport
from ..views.class_report import KIND_NAMES, ReportFigure, report_html
from ._style import OKABE_ITO, add_source_line, alt_text, render_png, set_alt_text

__all__ = ["facility_figure", "misconception_figure", "report_figures", "report_page"]

#: Colour and marker of each kind of item.
KIND_STYLE = {"quiz": (OKABE_ITO["blue"], "o"), "selfcheck": (OKABE_ITO["purple"], "s"),
              "exercise": (OKABE_ITO["green"], "D"), "vignette": (OKABE_ITO["orange"], "^"),
              "case": (OKABE_ITO["vermillion"], "v"),
              "evidence_fit": (OKABE_ITO["sky_blue"], "P")}
#: Items answered by fewer learners are left out of the scatter (their numbers are noise).
MIN_FOR_SCATTER = 5


def _source(report: ClassReport) -> str:
    return (f"Source: first tries in {report.learners} learner exports (pannet-edu class "
            "report); facility and discrimination as defined by Moodle's quiz statistics.")


def misconception_figure(report: ClassReport) -> Figure | None:
    """Bars: the share of learners giving each of the top wrong answers (``None`` if none)."""
    found = report.misconceptions
    if not found:
        return None
    fig = Figure(figsize=(7.6, 1.2 + 0.75 * len(found)), layout="constrained")
    ax = fig.add_subplot()
    # A "$" would start matplotlib's mathematics: every label is drawn as the text it is.
    labels = [textwrap.shorten(f"{m.answer} ({m.item.item})", 46, placeholder="…"
                               ).replace("$", r"\$") for m in found]
    shares = [100 * m.share for m in found]
    positions = list(range(len(found)))[::-1]
    ax.barh(positions, shares, color=OKABE_ITO["vermillion"], height=0.6)
    for y, share, m in zip(positions, shares, found, strict=True):
        ax.text(share + 1, y, f"{m.learners} of {m.item.learners}", va="center", fontsize=8)
    ax.set_yticks(positions, labels, fontsize=8)
    ax.set_xlim(0, 110)
    ax.set_xlabel("Learners giving this wrong answer at the first try (% of those answering)")
    ax.set_title("The five wrong answers shared most", fontsize=10, loc="left")
    add_source_line(fig, _source(report))
    summary = "; ".join(f"{m.answer} ({m.item.item}) {m.learners} of {m.item.learners}"
                        for m in found)
    set_alt_text(fig, f"Bar chart of the {len(found)} wrong answers shared most, as the share "
                      f"of the learners answering each item: {summary}.")
    return fig


def facility_figure(report: ClassReport) -> Figure | None:
    """Scatter: each item's facility index against its discrimination index (percent)."""
    items = [i for i in report.items if i.learners >= MIN_FOR_SCATTER and i.facility is not None
             and i.discrimination is not None]
    if not items:
        return None
    fig = Figure(figsize=(7.6, 4.6), layout="constrained")
    ax = fig.add_subplot()
    for kind, (colour, marker) in KIND_STYLE.items():
        chosen = [i for i in items if i.kind == kind]
        if chosen:
            ax.scatter([100 * i.facility for i in chosen],
                       [100 * i.discrimination for i in chosen], color=colour, marker=marker,
                       s=28, label=KIND_NAMES[kind], alpha=0.85, edgecolors="none")
    ax.axhline(0, color=OKABE_ITO["black"], linewidth=0.6)
    ax.set_xlim(-2, 102)
    ax.set_xlabel("Facility index (% right at the first try)")
    ax.set_ylabel("Discrimination index (%)")
    ax.set_title("Every item: how hard, and how well it separates learners", fontsize=10,
                 loc="left")
    ax.legend(fontsize=8, loc="lower right", frameon=False)
    add_source_line(fig, _source(report))
    hard = sum(i.facility < 0.3 for i in items)
    flat = sum(i.discrimination < 0 for i in items)
    set_alt_text(fig, f"Scatter plot of {len(items)} items answered by at least "
                      f"{MIN_FOR_SCATTER} learners: facility index in percent across, "
                      f"discrimination index in percent up. {hard} items have a facility "
                      f"below 30% and {flat} a negative discrimination index.")
    return fig


def report_figures(report: ClassReport) -> list[ReportFigure]:
    """The report's figures as PNG with alt text and captions (none for an empty class)."""
    out = []
    for draw, caption in ((misconception_figure, "The five wrong answers shared most."),
                          (facility_figure, "Facility against discrimination, one mark per "
                                            "item.")):
        fig = draw(report)
        if fig is not None:
            out.append(ReportFigure(render_png(fig, dpi=100), alt_text(fig), caption))
    return out


def report_page(report: ClassReport, lessons_url: str = "") -> str:
    """The whole offline HTML page, figures drawn in."""
    return report_html(report, report_figures(report), lessons_url)
