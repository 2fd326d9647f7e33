"""HTML and plain-text cards and tables for results, the disclaimer and the one palette.

These functions hold no clinical logic: they lay out results the logic modules computed. Widgets
show them live; the same HTML is stored in notebooks as the widget's static snapshot. Every figure
takes its colours from :data:`OKABE_ITO`; every number inside a card or table was written by the
formatters of :mod:`pannet_edu.formatting`.

>>> card("Grade", ["NET G2"]).startswith('<div aria-live="polite" class="pannet-card"')
True
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable

#: Shown wherever a learner meets an interactive tool.
DISCLAIMER = "For education only: not for decisions about a real patient."

#: Okabe & Ito (2008) palette, distinguishable with the common colour-vision deficiencies: the one
#: palette of every figure (each therapy class in ``data/therapies.yaml`` names its colour from
#: it).
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
#: Two greys beside the palette, for options that are not drug therapy (surveillance, trials).
NEUTRALS = {"light_grey": "#BBBBBB", "dark_grey": "#666666"}
#: Every colour a data file may name (a therapy class's ``colour``): the palette and the greys.
COLOUR_NAMES = {**OKABE_ITO, **NEUTRALS}
#: Cycle for categorical series (black kept for text and reference lines).
SERIES = tuple(v for k, v in OKABE_ITO.items() if k != "black")

#: Text colours that pass WCAG 2.1 AA contrast (4.5:1) on white, for small text too.
#: Okabe-Ito vermillion (#D55E00) is only 3.9:1 on white: keep it for borders and figures, and
#: write warnings in its darker shade.
ALERT_TEXT = "#A33B00"  # 6.6:1 on white
MUTED_TEXT = "#555555"  # 7.5:1 on white
LINK_TEXT = "#005A8C"  # 7.0:1 on white
#: The small print under a figure (its source line): 9.7:1 on white.
FIGURE_TEXT = "#444444"
#: The border colours of cards (non-text: 3:1 is enough).
ALERT_BORDER = OKABE_ITO["vermillion"]
#: The accent of titles and rules in the handouts and class sheets.
BRAND = OKABE_ITO["blue"]
#: Body text of the handouts (12.6:1 on white) and the denser print of the class sheets.
BODY_TEXT = "#333"
INK = "#111"
#: Lines: card and section borders, and the rules between table rows (decoration, not meaning).
RULE = "#888"
TABLE_RULE = "#ccc"
#: Backgrounds: table headers, the disclaimer box, and table rows of extrapolated evidence.
HEADER_BACKGROUND = "#e8f1f8"
ALERT_BACKGROUND = "#fff4ec"
EXTRAPOLATED_BACKGROUND = "#fdf1e6"
#: The colour bar of an answer's feedback: correct, not correct, nothing to mark yet (its heading
#: says the same in words).
ANSWER_COLOURS = {True: OKABE_ITO["green"], False: OKABE_ITO["vermillion"], None: "#888888"}

#: The colours a page's CSS may name, as ``$name`` in :func:`page_css`.
PAGE_COLOURS = {
    "brand": BRAND, "body": BODY_TEXT, "ink": INK, "muted": MUTED_TEXT, "link": LINK_TEXT,
    "alert_text": ALERT_TEXT, "alert_border": ALERT_BORDER, "alert_background": ALERT_BACKGROUND,
    "rule": RULE, "table_rule": TABLE_RULE, "header_background": HEADER_BACKGROUND,
    "figure_text": FIGURE_TEXT,
}


def page_css(template: str) -> str:
    """A stylesheet with the toolkit's colours filled in (``$brand``, ``$alert_border``, ...: the
    keys of :data:`PAGE_COLOURS`); a name not in it is an error, never an empty colour.

    >>> page_css("h1 { color: $brand; }")
    'h1 { color: #0072B2; }'
    """
    from string import Template

    return Template(template).substitute(PAGE_COLOURS)


#: Inline style of a card (and of every card-like box).
CARD_STYLE = (
    f"border:1px solid {RULE};border-radius:6px;padding:8px 12px;margin:4px 0;"
    "font-family:sans-serif;max-width:46em"
)
_ERROR_STYLE = (
    f"border:1px solid {ALERT_BORDER};border-left:6px solid {ALERT_BORDER};border-radius:6px;"
    "padding:8px 12px;margin:4px 0;font-family:sans-serif;max-width:46em"
)
#: The box around a wide table: on a narrow screen (a phone, 390 px) the table scrolls sideways
#: inside it, and the box never makes the page or the tool around it wider than the screen
#: (``contain:inline-size``: its width comes from its container, not from the table).
SCROLL_BOX_STYLE = "overflow-x:auto;max-width:100%;contain:inline-size"
#: The first column of a wide table (its row labels) stays in view while the rest scrolls.
STICKY_CELL_STYLE = "position:sticky;left:0;z-index:1"
#: The background of a table cell that is not shaded (a sticky cell needs one of its own).
CELL_BACKGROUND = "#ffffff"


#: The line at the top of a box that scrolls sideways: the box's one keyboard stop (select it,
#: then the arrow keys scroll the table). It stays at the box's left edge while the table scrolls.
SCROLL_KEY_STYLE = (f"display:inline-block;position:sticky;left:0;margin:2px 0;"
                    f"font-size:smaller;color:{MUTED_TEXT}")


def scroll_box(table_html: str, label: str, *, css_class: str = "pannet-scroll") -> str:
    """A wide table in a box that scrolls sideways on a narrow screen, reachable by keyboard.

    The keyboard stop is a line inside the box (``tabindex`` on an ``<a>``), not the box itself:
    JupyterLab shows a notebook that is not trusted (any notebook a learner has not run) through
    a sanitiser that drops a ``<div>``'s ``tabindex``, ``role`` and ``aria-label`` but keeps an
    ``<a>``'s ``tabindex``; the box keeps its role and name wherever they survive.

    >>> html = scroll_box("<table></table>", "Trial table")
    >>> html.startswith('<div aria-label="Trial table (scrolls sideways)" class="pannet-scroll"')
    True
    >>> "overflow-x:auto" in html and '<a class="pannet-scroll-key"' in html
    True
    >>> 'tabindex="0">Trial table: scrolls sideways on a narrow screen' in html
    True
    """
    # Attributes in alphabetical order, as the handouts' HTML serialiser writes them.
    return (
        f'<div aria-label="{escape(label)} (scrolls sideways)" class="{escape(css_class)}" '
        f'role="region" style="{SCROLL_BOX_STYLE}">'
        f'<a class="pannet-scroll-key" style="{SCROLL_KEY_STYLE}" tabindex="0">'
        f"{escape(label)}: scrolls sideways on a narrow screen (keyboard: Tab to this line, then "
        f"the arrow keys)</a>{table_html}</div>"
    )


def sticky_cell_style(background: str = CELL_BACKGROUND) -> str:
    """Inline style that keeps a row label in view while a table scrolls sideways; the cell is
    painted in ``background`` so the scrolled cells pass under it, not through it.

    >>> sticky_cell_style()
    'position:sticky;left:0;z-index:1;background:#ffffff'
    """
    return f"{STICKY_CELL_STYLE};background:{background}"


#: The stylesheet of the live tools (JupyterLab and the dashboard), scoped to ``.pannet-tool``.
#: At any screen width (a phone is 390 px): a control's label wraps above it instead of running
#: into the next control (the widgets' rows otherwise keep one line's height), a result never
#: makes the tool wider than the screen, and a wide table scrolls sideways in its own box with its
#: first column (the row labels) kept in view. Static snapshots (handouts, stored notebooks) carry
#: their own styles and do not need it.
TOOL_CSS = page_css("""
.pannet-tool .widget-inline-hbox { height: auto; min-height: var(--jp-widgets-inline-height, 28px);
  flex-wrap: wrap; max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important; }
.pannet-tool .widget-inline-hbox > .widget-label { white-space: normal; }
.pannet-tool .widget-dropdown > select { min-width: min(14em, 100%); }
.pannet-tool .widget-text > input { min-width: min(8em, 100%); }
.pannet-tool .widget-html, .pannet-tool .widget-html-content { min-width: 0; max-width: 100%; }
.pannet-tool .widget-output { min-width: 0; max-width: 100%; }
.pannet-tool a[href] { color: $link !important; text-decoration: underline !important; }
.pannet-tool .pannet-trials-wrap { contain: inline-size; }
.pannet-tool .pannet-trials th { min-width: 6em; }
.pannet-tool .pannet-trials tr > :first-child { position: sticky; left: 0; z-index: 1;
  background: #ffffff; }
.pannet-tool .pannet-trials tr[style*="background"] > :first-child { background: inherit; }
""")


def escape(text: object) -> str:
    """HTML-escape any value's text.

    >>> escape("Ki-67 <3%")
    'Ki-67 &lt;3%'
    """
    return html.escape(str(text))


def figure_html(png: bytes, alt: str) -> str:
    """An ``<img>`` of PNG bytes with its alt text, scaled to the width it is shown in: how every
    figure reaches a page (JupyterLab's image renderer would drop an alt kept beside the PNG).

    >>> figure_html(b"x", 'Bands "G1"')[:65]
    '<img alt="Bands &quot;G1&quot;" src="data:image/png;base64,eA==" '
    """
    if not isinstance(png, bytes):
        raise TypeError(f"png must be the PNG's bytes, got {type(png).__name__}")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("alt must be a non-empty description of the figure")
    data = base64.b64encode(png).decode("ascii")
    # Attributes in alphabetical order and the void element closed, as the handouts' HTML
    # serialiser writes them.
    return (f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}" '
            'style="max-width:100%;height:auto"/>')


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
        f'<div aria-live="polite" class="pannet-card" role="status" style="{CARD_STYLE}">'
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


#: Table cells read left to right, top-aligned (notebook front-ends right-align cells by
#: default). A number is never split across lines: with ``overflow-wrap:anywhere`` a squeezed
#: column showed a trial's n = 28 as "2" over "8", because every character then counts as a
#: place to break when the columns are sized. ``break-word`` sizes each column to its longest
#: word and breaks a word only if it alone is wider than the column (the handouts' rule too).
TEXT_CELL_STYLE = "text-align:left;vertical-align:top;padding:2px 8px;overflow-wrap:break-word"


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
    "COLOUR_NAMES",
    "DISCLAIMER",
    "FIGURE_TEXT",
    "LINK_TEXT",
    "MUTED_TEXT",
    "NEUTRALS",
    "OKABE_ITO",
    "SERIES",
    "TEXT_CELL_STYLE",
    "Table",
    "card",
    "error_card",
    "escape",
    "table",
    "text_card",
    "text_table",
]
