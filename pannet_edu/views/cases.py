"""The case bank as a learner or instructor reads it: the author beside the engine (HTML and
text), the bank as a table, and a static walkthrough of a case for handouts and lessons.

Layout only: the verdicts, the line numbers and the bridges come from
:mod:`pannet_edu.practice.cases`.

>>> from pannet_edu.practice.cases import load_case
>>> print(walkthrough(load_case("nec_large_cell"), 0).splitlines()[0])
Decision 1 of 2: First line (month 0)
"""

from __future__ import annotations

from pathlib import Path

from ..display import TABLE_RULE, Table, escape, scroll_box, sticky_cell_style
from ..engine import THERAPY_NAMES, appraise
from ..practice.cases import Case, case_bank, comparison_rows
from ..practice.cases.model import _lower_first

__all__ = ["bank_table", "comparison_html", "comparison_text", "walkthrough"]


def comparison_html(case: Case, step: int | str) -> str:
    """The author's and the engine's verdicts for the options at one step, as an HTML table.

    >>> from pannet_edu.practice.cases import load_case
    >>> html = comparison_html(load_case("vipoma"), 0)
    >>> html.count("<tr>") == len(load_case("vipoma").steps[0].options) + 1  # a header row
    True
    """
    cell = (f"padding:3px 6px;border-bottom:1px solid {TABLE_RULE};vertical-align:top;"
            "text-align:left")
    first = f"{cell};{sticky_cell_style()}"  # the option stays in view while the row scrolls
    head = "".join(
        f'<th style="{first if i == 0 else cell}">{h}</th>'
        for i, h in enumerate(("Option", "Case author", "Engine", "Why they differ"))
    )
    body = "".join(
        f'<tr><td style="{first}"><b>{escape(name)}</b></td><td style="{cell}">{escape(author)}'
        f'</td><td style="{cell}">{escape(engine)}</td><td style="{cell};font-size:smaller">'
        f"{escape(note if author != engine else '(same verdict)')}</td></tr>"
        for name, author, engine, note in comparison_rows(case, step)
    )
    table = (f'<table style="border-collapse:collapse;font-size:90%;min-width:30em">'
             f"<tr>{head}</tr>{body}</table>")
    return (
        '<div class="pannet-comparison" style="font-family:sans-serif;max-width:60em">'
        f'{scroll_box(table, "Author and engine compared")}</div>'
    )


def comparison_text(case: Case, step: int | str) -> str:
    """Plain-text twin of :func:`comparison_html`.

    >>> from pannet_edu.practice.cases import load_case
    >>> print(comparison_text(load_case("nec_large_cell"), 0).splitlines()[0])
    platinum + etoposide: author preferred, engine preferred
    """
    lines = []
    for name, author, engine, note in comparison_rows(case, step):
        line = f"{name}: author {author}, engine {engine}"
        lines.append(line + (f" (why: {note})" if author != engine else ""))
    return "\n".join(lines)


def bank_table(directory: str | Path | None = None) -> Table:
    """The cases in the bank as a table: title, topics, how many decisions and the first one (as
    a learner reads them; the player's case list uses the same titles). Later decisions are not
    named: "Progression after CAPTEM" would tell what the team chose before the learner commits.

    >>> row = bank_table().rows[0]
    >>> row["case"], row["decisions"], row["first decision"]
    ('Bulky, symptomatic NET G2 filling the liver', 2, 'First line')
    """
    return Table(
        {
            "case": c.title,
            "topics": ", ".join(c.topics),
            "decisions": len(c.steps),
            "first decision": c.steps[0].label,
        }
        for c in case_bank(directory).values()
    )


def walkthrough(case: Case, step: int | str | None = None) -> str:
    """A case (or one step of it) as plain text: situation, every option with the author's verdict
    and feedback, the engine's verdict, and the teaching point. For handouts and static lessons.

    >>> from pannet_edu.practice.cases import load_case
    >>> print(walkthrough(load_case("nec_large_cell"), 0).splitlines()[0])
    Decision 1 of 2: First line (month 0)
    """
    if not isinstance(case, Case):
        raise TypeError(f"case must be a Case (from load_case), got {type(case).__name__}")
    indices = range(len(case.steps)) if step is None else [case.index(step)]
    blocks = []
    for i in indices:
        current = case.steps[i]
        appraisal = appraise(current.patient)
        when = f" (month {current.month:g})" if current.month is not None else ""
        lines = [
            f"Decision {i + 1} of {len(case.steps)}: {current.label}{when}",
            case.line_sentence(i),
            f"Situation: {current.situation}",
            f"Patient: {current.patient.describe()}.",
            "Options (case author's verdict; engine's verdict):",
        ]
        for option in current.options:
            engine = appraisal.loc[option.therapy, "verdict"]
            lines.append(f"  - {option.name}: {option.verdict}; engine {engine}.")
            lines.append(f"    {option.feedback}")
            if option.engine_note:
                lines.append(f"    Why the author differs from the engine: {option.engine_note}")
        if current.given:
            lines.append(
                f"What the team gave: {THERAPY_NAMES[current.given]}, because "
                f"{_lower_first(current.given_because)}"
            )
        lines.append(f"Teaching point: {current.teaching_point}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
