"""HTML and plain-text cards for results, shared by widgets, notebooks and handouts.

These functions hold no clinical logic: they lay out results the logic modules computed. Widgets
show them live; the same HTML is stored in notebooks as the widget's static snapshot.

>>> card("Grade", ["NET G2"]).startswith('<div aria-live="polite" class="pannet-card"')
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable

#: Shown wherever a learner meets an interactive tool.
DISCLAIMER = "For education only: not for decisions about a real patient."

#: Text colours that pass WCAG 2.1 AA contrast (4.5:1) on white, for small text too.
#: Okabe-Ito vermillion (#D55E00) is only 3.9:1 on white: keep it for borders and figures, and
#: write warnings in its darker shade.
ALERT_TEXT = "#A33B00"  # 6.6:1 on white
MUTED_TEXT = "#555555"  # 7.5:1 on white
LINK_TEXT = "#005A8C"  # 7.0:1 on white
#: The border colours of cards (non-text: 3:1 is enough).
ALERT_BORDER = "#D55E00"

_CARD_STYLE = (
    "border:1px solid #888;border-radius:6px;padding:8px 12px;margin:4px 0;"
    "font-family:sans-serif;max-width:46em"
)
_ERROR_STYLE = (
    "border:1px solid #D55E00;border-left:6px solid #D55E00;border-radius:6px;"
    "padding:8px 12px;margin:4px 0;font-family:sans-serif;max-width:46em"
)


def escape(text: object) -> str:
    """HTML-escape any value's text.

    >>> escape("Ki-67 <3%")
    'Ki-67 &lt;3%'
    """
    return html.escape(str(text))


def card(title: str, lines: Iterable[str], *, footer: str = "") -> str:
    """A titled card of paragraphs; every line is escaped.

    >>> "a &lt; b</p>" in card("T", ["a < b"])
    True
    """
    body = "".join(f'<p style="margin:4px 0">{escape(line)}</p>' for line in lines)
    foot = (
        f'<p style="margin:4px 0;font-size:smaller;color:{MUTED_TEXT}">{escape(footer)}</p>'
        if footer
        else ""
    )
    # role="status": a screen reader announces the new result when the inputs change.
    # Attributes in alphabetical order, as the handouts' HTML serialiser writes them.
    head = (
        f'<div aria-live="polite" class="pannet-card" role="status" style="{_CARD_STYLE}">'
        f"<strong>{escape(title)}</strong>"
    )
    return f"{head}{body}{foot}</div>"


def error_card(message: str) -> str:
    """A readable message for invalid input, in place of a traceback.

    >>> "check the input" in error_card("ki67 must be between 0 and 100, got 120")
    True
    """
    return (
        f'<div class="pannet-error" role="alert" style="{_ERROR_STYLE}"><strong>Please check the '
        f'input.</strong><p style="margin:4px 0">{escape(message)}</p></div>'
    )


def text_card(title: str, lines: Iterable[str], *, footer: str = "") -> str:
    """Plain-text twin of :func:`card`, for ``text/plain`` snapshots.

    >>> print(text_card("Grade", ["NET G2"]))
    Grade
      NET G2
    """
    out = [title, *(f"  {line}" for line in lines)]
    if footer:
        out.append(f"  ({footer})")
    return "\n".join(out)


#: Table cells read left to right, top-aligned, and long words (URLs, DOIs) wrap rather than
#: push the table past the page: notebook front-ends right-align cells by default.
TEXT_CELL_STYLE = "text-align:left;vertical-align:top;padding:2px 8px;overflow-wrap:anywhere"


def table(rows: Iterable[dict[str, object]], *, caption: str = "") -> str:
    """A small HTML table from a list of row dicts (keys of the first row are the header).

    >>> html = table([{"grade": "NET G1", "Ki-67": "<3%"}])
    >>> ">Ki-67</th>" in html and ">&lt;3%</td>" in html and "text-align:left" in html
    True
    """
    rows = list(rows)
    if not rows:
        return "<p><em>(no rows)</em></p>"
    header = list(rows[0])
    cell = f'style="{TEXT_CELL_STYLE}"'
    head = "".join(f"<th {cell}>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td {cell}>{escape(row.get(h, ''))}</td>" for h in header) + "</tr>"
        for row in rows
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="pannet-table">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def text_table(rows: Iterable[dict[str, object]]) -> str:
    """Plain-text twin of :func:`table`, columns padded to line up.

    >>> rows = [{"grade": "NET G1", "Ki-67": "<3%"}, {"grade": "NET G2", "Ki-67": "3-20%"}]
    >>> print(text_table(rows))
    grade   Ki-67
    NET G1  <3%
    NET G2  3-20%
    """
    rows = list(rows)
    if not rows:
        return "(no rows)"
    header = list(rows[0])
    cells = [[str(h) for h in header]] + [[str(row.get(h, "")) for h in header] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in cells
    )


class Table:
    """Displays as an HTML table in a notebook and as aligned text elsewhere.

    >>> Table([{"a": 1}])
    a
    1
    """

    def __init__(self, rows: Iterable[dict[str, object]], caption: str = "") -> None:
        self.rows = list(rows)
        self.caption = caption

    def _repr_html_(self) -> str:
        return table(self.rows, caption=self.caption)

    def __repr__(self) -> str:
        return text_table(self.rows)

__all__ = [
    "ALERT_BORDER",
    "ALERT_TEXT",
    "DISCLAIMER",
    "LINK_TEXT",
    "MUTED_TEXT",
    "TEXT_CELL_STYLE",
    "Table",
    "card",
    "error_card",
    "escape",
    "table",
    "text_card",
    "text_table",
]
