"""Rendering an appraisal (layout only): HTML and text tables, side-by-side verdict grids.

Used by the widgets, the notebooks and the case player (the engine computes, this view lays
out). Verdict colours are the Okabe-Ito palette of the
figures; therapy names come from the catalogue.

>>> from pannet_edu.engine.patient import Patient
>>> from pannet_edu.engine.appraisal import appraise
>>> "preferred" in appraisal_html(appraise(Patient(ki67=5, sstr="positive")))
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..content import fields as _validate
from ..display import OKABE_ITO, TABLE_RULE, Table, escape, scroll_box, sticky_cell_style
from ..engine.appraisal import evaluate
from ..engine.catalogue import load_catalogue
from ..engine.combine import RULES

if TYPE_CHECKING:
    import pandas as pd

#: Okabe-Ito colours per verdict (the one palette of :mod:`pannet_edu.display`).
VERDICT_COLOURS = {
    "preferred": OKABE_ITO["green"],
    "reasonable": OKABE_ITO["sky_blue"],
    "caution": OKABE_ITO["orange"],
    "not suitable": OKABE_ITO["vermillion"],
}
_HEADINGS = {
    "verdict": "Verdict",
    "reasons": "Why",
    "evidence": "Evidence",
    "before_starting": "Before starting",
    "approval": "Approval",
}


#: Room to read each text column on a narrow screen, where the table scrolls sideways instead.
_COLUMN_WIDTHS = {
    "reasons": "min-width:16em",
    "evidence": "min-width:11em",
    "before_starting": "min-width:11em",
    "approval": "min-width:9em",
}


def appraisal_html(table: pd.DataFrame, *, therapies: Iterable[str] | None = None) -> str:
    """An appraisal (from :func:`~pannet_edu.engine.appraisal.appraise`) as an HTML table with
    colour-coded verdicts; the before-starting and approval columns are shown when present.

    >>> from pannet_edu.engine.patient import Patient
    >>> from pannet_edu.engine.appraisal import appraise
    >>> html = appraisal_html(appraise(Patient(ki67=5, sstr="positive")))
    >>> html.count("<tr>") == len(load_catalogue().ids) + 1, "Before starting" in html
    (True, True)
    """
    names = load_catalogue().names()
    rows = list(therapies or table.index)
    columns = [c for c in ("reasons", "evidence", "before_starting", "approval")
               if c in table.columns]
    cell = (f"padding:3px 6px;border-bottom:1px solid {TABLE_RULE};vertical-align:top;"
            "text-align:left")
    first = f"{cell};{sticky_cell_style()}"  # the therapy stays in view while the row scrolls
    head = "".join(f'<th style="{first if i == 0 else cell}">{h}</th>'
                   for i, h in enumerate(("Therapy", "Verdict", *(_HEADINGS[c] for c in columns))))
    body = []
    for therapy in rows:
        verdict = table.loc[therapy, "verdict"]
        badge = (
            f'<span style="background:{VERDICT_COLOURS[verdict]};color:#000;border-radius:4px;'
            f'padding:1px 6px;white-space:nowrap">{escape(verdict)}</span>'
        )
        cells = "".join(
            f'<td style="{cell};{_COLUMN_WIDTHS[c]}'
            f'{"" if c == "reasons" else ";font-size:smaller"}">'
            f"{escape(table.loc[therapy, c])}</td>"
            for c in columns
        )
        body.append(
            f'<tr><td style="{first}"><b>{escape(names.get(therapy, therapy))}</b></td>'
            f'<td style="{cell}">{badge}</td>{cells}</tr>'
        )
    notes = "".join(
        f'<p style="margin:4px 0">{escape(n)}</p>' for n in table.attrs.get("notes", [])
    )
    # On a phone the table scrolls sideways in its own box, wide enough to read each reason.
    rows_html = f"<tr>{head}</tr>{''.join(body)}"
    return (
        f'<div class="pannet-appraisal" style="font-family:sans-serif;max-width:72em">{notes}'
        + scroll_box(f'<table style="border-collapse:collapse;font-size:90%">'
                     f"{rows_html}</table>", "Appraisal table")
        + "</div>"
    )


def appraisal_text(table: pd.DataFrame) -> str:
    """Plain-text twin of :func:`appraisal_html`: one line per therapy with its first reason,
    and the before-starting checks and approval on indented lines when present.

    >>> from pannet_edu.engine.patient import Patient
    >>> from pannet_edu.engine.appraisal import appraise
    >>> print(appraisal_text(appraise(Patient(ki67=5, sstr="positive"))).splitlines()[0])
    preferred     somatostatin analogue (SSA): NET G... Ki-67 5% (below 10%), ...
    """
    names = load_catalogue().names()
    lines = []
    for therapy in table.index:
        first = table.loc[therapy, "reasons"].split(". ")[0].rstrip(".") + "."
        lines.append(f"{table.loc[therapy, 'verdict']:<13} {names.get(therapy, therapy)}: {first}")
        if "before_starting" in table.columns:
            lines.append(f"{'':<13}   before starting: {table.loc[therapy, 'before_starting']}")
        if "approval" in table.columns:
            lines.append(f"{'':<13}   approval: {table.loc[therapy, 'approval']}")
    lines += [f"Note: {n}" for n in table.attrs.get("notes", [])]
    return "\n".join(lines)


def verdict_grid(patients: Mapping[str, object], therapies: Iterable[str] | None = None) -> Table:
    """Verdicts side by side for several patients: one row per therapy, one column per patient.

    >>> from pannet_edu.engine.patient import Patient
    >>> grid = verdict_grid({"SSTR+": Patient(ki67=5, sstr="positive"),
    ...                      "SSTR-": Patient(ki67=5, sstr="negative")}, ["ssa", "prrt"])
    >>> grid
    therapy                     SSTR+      SSTR-
    somatostatin analogue (SSA)  preferred  not suitable
    PRRT (177Lu-DOTATATE)        caution    not suitable
    """
    if not isinstance(patients, Mapping) or not patients:
        raise TypeError("patients must be a non-empty mapping of label -> Patient")
    catalogue = load_catalogue()
    chosen = list(catalogue.ids if therapies is None else therapies)
    for therapy in chosen:
        _validate.choice("therapies", therapy, catalogue.ids)
    results = {label: evaluate(patient) for label, patient in patients.items()}
    names = catalogue.names()
    rows = []
    for therapy in chosen:
        row: dict[str, object] = {"therapy": names[therapy]}
        row.update({label: result[therapy].verdict for label, result in results.items()})
        rows.append(row)
    return Table(rows)


def rules_summary() -> list[tuple[str, str]]:
    """The engine's rules in the order they are applied, each with its principle and source, as a
    learner reads them (without the section mark that ties a rule to its principle's number).

    >>> rules_summary()[0]
    ('nec_pathway', 'NET/NEC split (WHO 2019; ENETS 2023 NEC, Sorbye 2023; NORDIC NEC)')
    """
    return [(item.name, re.sub(r"^§\d+(?:/§\d+)*\s*", "", item.principle)) for item in RULES]

__all__ = [
    "VERDICT_COLOURS",
    "appraisal_html",
    "appraisal_text",
    "rules_summary",
    "verdict_grid",
]
