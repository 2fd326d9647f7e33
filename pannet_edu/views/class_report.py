"""The class report as one offline HTML page (and a plain-text summary): the instructor's view of
what a class got wrong, built from :mod:`pannet_edu.practice.class_stats`.

The page opens with any refused file (so nothing is left out silently), then the five
misconceptions to address next lesson with the feedback each wrong answer gets and a link to the
lesson section that teaches it, the figures, every item's numbers, the readings of the
inside-the-evidence tool trial by trial (each wrong answer with the criterion that decides it),
the case decisions beside the engine, and how the numbers are computed. Everything is escaped;
no script, no web font, no address outside the page but the lesson links.

>>> from pannet_edu.practice.class_stats import class_report
>>> page = report_html(class_report([]))
>>> "No learner files were accepted" in page and page.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import base64
import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

from .. import __version__
from ..display import DISCLAIMER, escape, page_css
from ..practice.class_stats import MIN_LEARNERS, ClassReport, ItemStats, Misconception

__all__ = ["MOODLE_SOURCE", "ReportFigure", "report_fragment", "report_html", "report_text"]

#: Where the definitions of facility and discrimination come from.
MOODLE_SOURCE = ("Moodle Docs, Quiz statistics calculations "
                 "(https://docs.moodle.org/dev/Quiz_statistics_calculations)")
KIND_NAMES = {"quiz": "quiz question", "selfcheck": "lesson self-check", "exercise": "exercise",
              "vignette": "invented cases", "case": "case decision",
              "evidence_fit": "inside the evidence"}
#: What the note under a wrong answer is, by kind (the feedback it gets, or what decides it).
_NOTE_NAMES = {"evidence_fit": "What decides it"}

_CSS = """
.pannet-report { font-family: sans-serif; color: $body; max-width: 62em; margin: 0 auto;
  padding: 0 12px; line-height: 1.45; }
.pannet-report h1, .pannet-report h2 { color: $brand; }
.pannet-report a { color: $link; text-decoration: underline; }
.pannet-report .refused { border: 1px solid $alert_border; border-left: 6px solid $alert_border;
  background: $alert_background; padding: 6px 12px; margin: 8px 0; }
.pannet-report .refused strong { color: $alert_text; }
.pannet-report p, .pannet-report li { overflow-wrap: anywhere; }
.pannet-report .scroll { overflow-x: auto; max-width: 100%; }
.pannet-report table { border-collapse: collapse; margin: 6px 0; font-size: 0.92em; }
.pannet-report th { background: $header_background; text-align: left; }
.pannet-report .scroll table { min-width: 52em; }
.pannet-report td.wide { min-width: 18em; }
.pannet-report th, .pannet-report td { border-bottom: 1px solid $table_rule; padding: 3px 8px;
  vertical-align: top; text-align: left; overflow-wrap: break-word; }
.pannet-report td:first-child { min-width: 14em; }
.pannet-report td.num { text-align: right; white-space: nowrap; }
.pannet-report .muted, .pannet-report figcaption { color: $muted; font-size: 0.9em; }
.pannet-report figure { margin: 10px 0; }
.pannet-report img { max-width: 100%; height: auto; }
.pannet-report ol.misconceptions > li { margin: 0 0 12px 0; }
"""


@dataclass(frozen=True)
class ReportFigure:
    """A drawn figure for the page: PNG bytes, alt text and a caption."""

    png: bytes
    alt: str
    caption: str


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _lesson_link(section: object, lessons_url: str) -> str:
    if section is None:
        return ""
    return f'<a href="{escape(section.href(lessons_url))}">{escape(section.label())}</a>'


def _misconception(m: Misconception, lessons_url: str) -> str:
    item = m.item
    taught = _lesson_link(m.section, lessons_url)
    where = f"<br>Taught in: {taught}" if taught else ""
    note = _NOTE_NAMES.get(item.kind, "The feedback this answer gets")
    feedback = f"<br>{note}: <em>{escape(m.feedback)}</em>" if m.feedback else ""
    return (f"<li><strong>{escape(item.prompt)}</strong> <span class=\"muted\">"
            f"({escape(KIND_NAMES.get(item.kind, item.kind))})</span><br>"
            f"Wrong answer: <strong>{escape(m.answer)}</strong>, chosen by {m.learners} of "
            f"{item.learners} learners ({_percent(m.share)}) at their first try."
            f"{feedback}{where}</li>")


def _wrong_cell(item: ItemStats) -> str:
    parts = []
    for wrong in item.wrong[:3]:
        why = f" <span class=\"muted\">{escape(wrong.feedback)}</span>" if wrong.feedback else ""
        parts.append(f"{escape(wrong.answer)} ({wrong.learners}){why}")
    return "<br>".join(parts) or "–"


def _items_table(report: ClassReport, lessons_url: str) -> str:
    rows = []
    ordered = sorted(report.items, key=lambda i: (i.facility if i.facility is not None else 2,
                                                  i.item))
    for item in ordered:
        rows.append(
            f"<tr><td>{escape(item.prompt)}<br><span class=\"muted\">"
            f"{escape(KIND_NAMES.get(item.kind, item.kind))} · {escape(item.item)}</span></td>"
            f"<td class=\"num\">{item.learners}</td>"
            f"<td class=\"num\">{item.right_first} ({_percent(item.share_right)})</td>"
            f"<td class=\"num\">{_percent(item.facility)}</td>"
            f"<td class=\"num\">{_percent(item.discrimination)}</td>"
            f"<td class=\"wide\">{_wrong_cell(item)}</td>"
            f"<td>{_lesson_link(item.section, lessons_url)}</td></tr>")
    head = ("<tr><th scope=\"col\">Item</th><th scope=\"col\">Learners</th>"
            "<th scope=\"col\">Right at first try</th><th scope=\"col\">Facility index</th>"
            "<th scope=\"col\">Discrimination index</th>"
            "<th scope=\"col\">Wrong answers chosen most (learners) and their feedback</th>"
            "<th scope=\"col\">Taught in</th></tr>")
    return (f'<div class="scroll" tabindex="0" role="region" aria-label="Every item">'
            f"<table><caption>Every item, hardest first</caption>"
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>")


def _fits_html(report: ClassReport, lessons_url: str) -> str:
    """The inside-the-evidence questions, option by option: the share right at the first try
    and the wrong answers chosen most, each with what decides it."""
    rows = []
    for item in (i for i in report.items if i.kind == "evidence_fit"):
        wrong = "<br>".join(
            f"{escape(w.answer)} ({w.learners}): <span class=\"muted\">{escape(w.feedback)}"
            "</span>" for w in item.wrong[:3]) or "–"
        rows.append(f"<tr><td>{escape(item.prompt)}</td><td class=\"num\">{item.learners}</td>"
                    f"<td class=\"num\">{item.right_first} ({_percent(item.share_right)})</td>"
                    f"<td class=\"wide\">{wrong}</td>"
                    f"<td>{_lesson_link(item.section, lessons_url)}</td></tr>")
    if not rows:
        return "<p>No readings of the inside-the-evidence tool in these files.</p>"
    return ('<div class="scroll" tabindex="0" role="region" aria-label="Inside the evidence">'
            "<table><caption>Each trial of an option, and the option overall: the learners' "
            "first readings (each patient a question of its own)</caption><thead><tr>"
            "<th scope=\"col\">Question</th><th scope=\"col\">Learners</th>"
            "<th scope=\"col\">Right at first try</th><th scope=\"col\">Wrong answers chosen "
            "most (learners) and the criterion that decides each</th>"
            f"<th scope=\"col\">Taught in</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            "</table></div>")


def _steps_html(report: ClassReport) -> str:
    blocks = []
    for step in report.steps:
        rows = []
        for c in step.choices:
            mark = "a strongest option" if c.strongest else "weaker"
            broke = (f"<strong>{escape(c.principle)}</strong>: {escape(c.reason)}"
                     if c.principle else ("–" if c.strongest else
                                          "The engine raises no objection; the author's "
                                          f"reading: {escape(c.feedback)}"))
            rows.append(f"<tr><td>{escape(c.name)}</td><td class=\"num\">{c.learners}</td>"
                        f"<td>{escape(c.author_verdict)} ({mark})</td>"
                        f"<td>{escape(c.engine_verdict)}</td><td class=\"wide\">{broke}</td></tr>")
        blocks.append(
            f"<h3>{escape(step.title)}: {escape(step.label)}</h3>"
            f'<div class="scroll" tabindex="0" role="region" '
            f'aria-label="{escape(step.title)}: {escape(step.label)}">'
            f"<table><caption>{step.learners} learners chose at this "
            "decision (first choices)</caption><thead><tr><th scope=\"col\">Choice</th>"
            "<th scope=\"col\">Learners</th><th scope=\"col\">Case author's verdict</th>"
            "<th scope=\"col\">Engine's verdict</th><th scope=\"col\">Principle a weaker "
            "choice broke (engine)</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")
    return "".join(blocks) or "<p>No case decisions in these files.</p>"


def _figures_html(figures: Sequence[ReportFigure]) -> str:
    out = []
    for fig in figures:
        data = base64.b64encode(fig.png).decode("ascii")
        out.append(f'<figure><img src="data:image/png;base64,{data}" alt="{escape(fig.alt)}">'
                   f"<figcaption>{escape(fig.caption)}</figcaption></figure>")
    return "".join(out)


def report_fragment(report: ClassReport, figures: Sequence[ReportFigure] = (),
                    lessons_url: str = "") -> str:
    """The report's body (with its own style), to show inside a page or a widget."""
    parts = [f"<style>{page_css(_CSS)}</style>", '<div class="pannet-report">',
             "<h1>Class report: what the class got wrong</h1>",
             f"<p>{report.learners} learner files, {report.records} answers. Each file carries "
             "a random id and no name; typed answers appear only where a learner chose to share "
             f"them ({report.typed_shared} of {report.learners} did).</p>"]
    if report.refused:
        listed = "".join(f"<li>{escape(r)}</li>" for r in report.refused)
        parts.append(f'<div class="refused" role="alert"><strong>{len(report.refused)} file(s) '
                     f"refused and left out of this report:</strong><ul>{listed}</ul></div>")
    if not report.learners:
        parts.append("<p>No learner files were accepted, so there is nothing to report.</p>")
    else:
        parts.append("<h2>Five misconceptions to address next lesson</h2>")
        if report.misconceptions:
            items = "".join(_misconception(m, lessons_url) for m in report.misconceptions)
            parts.append(f'<ol class="misconceptions">{items}</ol>')
        else:
            parts.append(f"<p>No wrong answer was shared by {MIN_LEARNERS} or more learners.</p>")
        if figures:
            parts.append(f"<h2>At a glance</h2>{_figures_html(figures)}")
        parts.append(f"<h2>Every item</h2>{_items_table(report, lessons_url)}")
        parts.append("<h2>Inside the evidence, trial by trial</h2>"
                     f"{_fits_html(report, lessons_url)}")
        parts.append(f"<h2>Case decisions beside the engine</h2>{_steps_html(report)}")
    parts.append(
        "<h2>How the numbers are computed</h2><p>Only each learner's first try at an item "
        "counts (a retry does not). <strong>Facility index</strong>: the mean score on the item "
        "divided by its maximum, here the share right at the first try. <strong>Discrimination "
        "index</strong>: the correlation between the score on the item and the learner's score "
        "on the rest of the items they answered, shown as a percentage; a low or negative value "
        "marks an item the stronger learners miss as often as the others. Learners answered "
        "different sets of items, so read it as a pointer. Definitions: "
        f"{escape(MOODLE_SOURCE)}. A misconception is a wrong answer at least {MIN_LEARNERS} "
        "learners gave, one per item, most learners first.</p>")
    if report.unmarked:
        parts.append(f"<p class=\"muted\">{report.unmarked} answers to open questions could not "
                     "be marked and are counted nowhere.</p>")
    parts.append(f'<p class="muted">{escape(DISCLAIMER)} Made by pannet-edu {__version__} on '
                 f"{_dt.date.today().isoformat()} from {report.learners} files.</p></div>")
    return "".join(parts)


def report_html(report: ClassReport, figures: Sequence[ReportFigure] = (),
                lessons_url: str = "") -> str:
    """The whole report as one self-contained HTML page."""
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Class report: what the class got wrong</title></head><body><main>"
            f"{report_fragment(report, figures, lessons_url)}</main></body></html>\n")


def report_text(report: ClassReport) -> str:
    """A short plain-text summary (the command's output, a widget's text snapshot).

    >>> from pannet_edu.practice.class_stats import class_report
    >>> print(report_text(class_report([])))
    Class report: 0 learner files, 0 answers.
    """
    lines = [f"Class report: {report.learners} learner files, {report.records} answers."]
    lines += [f"Refused: {r}" for r in report.refused]
    for number, m in enumerate(report.misconceptions, start=1):
        where = f" (taught in {m.section.label()})" if m.section else ""
        lines.append(f"{number}. {m.item.prompt[:90]}: {m.answer} - {m.learners} of "
                     f"{m.item.learners}{where}")
    return "\n".join(lines)
