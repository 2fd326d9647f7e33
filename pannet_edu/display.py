"""HTML and plain-text cards for results, the one palette and the one set of formatters.

These functions hold no clinical logic: they lay out results the logic modules computed. Widgets
show them live; the same HTML is stored in notebooks as the widget's static snapshot. Every figure
takes its colours from :data:`OKABE_ITO`, and every table, card, figure label, handout, class
sheet and lesson prints a stored number through the formatters here: :func:`format_number`,
:func:`format_percent`, :func:`format_vs` (a result beside its control), :func:`format_interval`,
:func:`format_hr` (a hazard ratio with its interval), :data:`MISSING` for a value the data does
not hold, and :func:`format_citation` for a citation; so one number reads the same on every
screen. A lesson never formats a clinical number itself (``tests/test_lesson_formatting.py``).

>>> card("Grade", ["NET G2"]).startswith('<div aria-live="polite" class="pannet-card"')
True
>>> format_hr({"hr": 0.34, "hr_low": 0.2, "hr_high": 0.59})
'0.34 (0.20–0.59)'
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

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


def scroll_box(table_html: str, label: str, *, css_class: str = "pannet-scroll") -> str:
    """A wide table in a box that scrolls sideways on a narrow screen, reachable by keyboard.

    >>> html = scroll_box("<table></table>", "Trial table")
    >>> html.startswith('<div aria-label="Trial table (scrolls sideways)" class="pannet-scroll"')
    True
    >>> "overflow-x:auto" in html and 'tabindex="0"' in html
    True
    """
    # Attributes in alphabetical order, as the handouts' HTML serialiser writes them.
    return (
        f'<div aria-label="{escape(label)} (scrolls sideways)" class="{escape(css_class)}" '
        f'role="region" style="{SCROLL_BOX_STYLE}" tabindex="0">{table_html}</div>'
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


#: How a table cell, a card or a figure label shows a value the data does not hold.
MISSING = "–"


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas.NA (which refuses ``bool()``).

    >>> import pandas as pd
    >>> is_missing(pd.NA), is_missing(float("nan")), is_missing(None), is_missing(0.0)
    (True, True, True, False)
    """
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN is the only value not equal to itself
    except TypeError:  # pandas.NA
        return True


def format_number(value: object) -> str:
    """A stored number exactly as held (no rounding, no trailing zeros); a dash when missing.

    Text (e.g. ``'not reached'``) passes through unchanged.

    >>> format_number(0.276), format_number(22.8), format_number(229.0), format_number(None)
    ('0.276', '22.8', '229', '–')
    """
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        return value
    # 15 significant digits: every stored digit, none of binary floating point's noise.
    return f"{float(value):.15g}"  # type: ignore[arg-type]


def exact_number(value: float) -> str:
    """A learner's number written so that it reads back as the same value: short where that is
    exact (``3``, ``12.5``), every digit where rounding would change it. An explanation that
    compares a value with a cut-off must not round 2.9999 to the cut-off 3 ("3% is below 3%").

    >>> exact_number(3.0), exact_number(12.5), exact_number(2.9999999), exact_number(1e300)
    ('3', '12.5', '2.9999999', '1e+300')
    >>> exact_number(1.9999999999999998)
    '1.9999999999999998'
    """
    short = f"{value:g}"
    return short if float(short) == value else repr(float(value))


def same_decimals(values: Iterable[object]) -> list[str]:
    """Numbers written with as many decimals as the most precise of them: zeros are added, nothing
    is rounded (a data file drops trailing zeros, so a CI printed 0.20 is stored as 0.2).

    >>> same_decimals([0.34, 0.2, 0.59]), same_decimals([19, 0]), same_decimals([1e-20, 0.5])
    (['0.34', '0.20', '0.59'], ['19', '0'], ['1e-20', '0.5'])
    """
    texts = [format_number(v) for v in values]
    numeric = [t for t in texts if t != MISSING]
    if any("e" in t for t in numeric) or not all(_is_decimal(t) for t in numeric):
        return texts
    decimals = max((len(t.partition(".")[2]) for t in numeric), default=0)
    return [t if t == MISSING else f"{float(t):.{decimals}f}" for t in texts]


def _is_decimal(text: str) -> bool:
    return text.lstrip("-").replace(".", "", 1).isdigit()


def format_interval(low: object, high: object) -> str:
    """A 95% confidence interval ``low–high``, both ends with the same decimals (zeros added,
    nothing rounded); a dash when either end is missing.

    >>> format_interval(0.2, 0.59), format_interval(None, 0.59)
    ('0.20–0.59', '–')
    """
    if is_missing(low) or is_missing(high):
        return MISSING
    low_text, high_text = same_decimals([low, high])
    return f"{low_text}–{high_text}"


def format_estimate(point: object, low: object, high: object, *, label: bool = False) -> str:
    """An estimate with its 95% confidence interval, all three with the same decimals; says so
    when the interval was not reported; a dash when there is no estimate. ``label=True`` names
    the interval ("95% CI"), for running text.

    >>> format_estimate(0.47, 0.3, 0.73), format_estimate(0.58, None, None)
    ('0.47 (0.30–0.73)', '0.58 (CI not reported)')
    >>> format_estimate(0.47, 0.3, 0.73, label=True), format_estimate(None, 0.1, 0.2)
    ('0.47 (95% CI 0.30–0.73)', '–')
    """
    if is_missing(point):
        return MISSING
    if is_missing(low) or is_missing(high):
        return f"{format_number(point)} (CI not reported)"
    point_text, low_text, high_text = same_decimals([point, low, high])
    return f"{point_text} ({'95% CI ' if label else ''}{low_text}–{high_text})"


def format_hr(row: object, prefix: str = "hr", *, label: bool = False) -> str:
    """The hazard ratio of a trial row (a Series, mapping or named tuple) with its 95% CI: the
    one way every table, figure label, card, handout and lesson prints one. ``prefix`` picks the
    columns: ``"hr"`` (progression: ``hr``, ``hr_low``, ``hr_high``) or ``"os_hr"`` (overall
    survival); ``label=True`` names the interval.

    >>> format_hr({"hr": 0.35, "hr_low": 0.27, "hr_high": 0.45})
    '0.35 (0.27–0.45)'
    >>> format_hr({"os_hr": 0.58}, prefix="os_hr"), format_hr({})
    ('0.58 (CI not reported)', '–')
    """
    if not isinstance(prefix, str) or prefix not in ("hr", "os_hr"):
        raise ValueError(f"prefix must be 'hr' or 'os_hr', got {prefix!r}")
    return format_estimate(*(row_field(row, prefix + end) for end in ("", "_low", "_high")),
                           label=label)


def format_percent(value: object) -> str:
    """A stored percentage as held, with its sign; a dash when missing.

    >>> format_percent(65.1), format_percent(33.0), format_percent(None)
    ('65.1%', '33%', '–')
    """
    return MISSING if is_missing(value) else f"{format_number(value)}%"


def format_vs(therapy: object, control: object, *, unit: str = "") -> str:
    """A result beside its control arm, ``therapy vs control``, both with the same decimals
    (zeros added, nothing rounded); only the therapy's value when there is no control; a dash
    when there is neither. ``unit`` follows each number (``"%"``; ``" months"`` after the last).

    >>> format_vs(65.1, 33.0, unit="%"), format_vs(12, None, unit="%"), format_vs(None, 18.0)
    ('65.1% vs 33.0%', '12%', '– vs 18')
    """
    if is_missing(therapy) and is_missing(control):
        return MISSING
    if is_missing(control):
        return f"{format_number(therapy)}{unit}"
    texts = same_decimals([therapy, control])
    return " vs ".join(t if t == MISSING else f"{t}{unit}" for t in texts)


def format_citation(reference: object, pmid: object = None, doi: object = None, *,
                    url: object = None, one_id: bool = False, mark: str = "") -> str:
    """The one way a citation is written: the reference, then its PMID and DOI (``one_id=True``
    keeps only the PMID, or the DOI when there is none, as figure footers do; the url stands in
    when there is neither). ``mark`` follows an identifier seen only in a secondary source.

    >>> format_citation("Yao JC et al. N Engl J Med 2011", "21306238", "10.1056/NEJMoa1009290")
    'Yao JC et al. N Engl J Med 2011. PMID 21306238; DOI 10.1056/NEJMoa1009290.'
    >>> format_citation("Yao 2011", "21306238", "10.1056/x", one_id=True)
    'Yao 2011. PMID 21306238.'
    >>> format_citation("A guide", url="https://example.org/guide"), format_citation("Lee 2020.")
    ('A guide. https://example.org/guide.', 'Lee 2020.')
    """
    def given(value: object) -> str:
        return "" if is_missing(value) else str(value).strip()

    pmid_text, doi_text, url_text = given(pmid), given(doi), given(url)
    flag = f" ({mark})" if mark else ""
    ids = [f"PMID {pmid_text}{flag}" if pmid_text else "",
           f"DOI {doi_text}{'' if pmid_text else flag}" if doi_text and not (one_id and pmid_text)
           else ""]
    ids_text = "; ".join(i for i in ids if i)
    if not ids_text and url_text:
        ids_text = url_text
    text = given(reference).rstrip(".")
    return f"{text}." + (f" {ids_text}." if ids_text else "")


def format_pair(therapy: object, control: object, joiner: str = " / ") -> str:
    """Therapy and control values side by side as stored, e.g. median PFS ``'11 / 4.6'``.

    >>> format_pair(11.0, 4.6), format_pair(20.7, None), format_pair(None, None)
    ('11 / 4.6', '20.7 / –', '–')
    >>> format_pair(26, 9, joiner=" vs ")
    '26 vs 9'
    """
    if is_missing(therapy) and is_missing(control):
        return MISSING
    return f"{format_number(therapy)}{joiner}{format_number(control)}"


def row_field(row: object, name: str) -> object:
    """A field of a row (Series, mapping or named tuple), or None when it lacks that field.

    >>> row_field({"hr": 0.5}, "hr"), row_field({"hr": 0.5}, "n")
    (0.5, None)
    """
    try:
        return row[name]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return getattr(row, name, None) if isinstance(row, tuple) else None


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


def therapy_display_name(therapy: object, names: Mapping[str, str] | None = None) -> str:
    """A short display name: the abbreviation a catalogue name ends with, else the name or id.

    >>> therapy_display_name("prrt", {"prrt": "Peptide receptor radionuclide therapy (PRRT)"})
    'PRRT'
    >>> therapy_display_name("capecitabine_temozolomide")
    'capecitabine temozolomide'
    """
    key = str(therapy)
    name = (names or {}).get(key)
    if not name:
        return key.replace("_", " ")
    if name.endswith(")") and "(" in name:
        return name[name.rindex("(") + 1 : -1]
    return name


def arms_label(row: object, names: Mapping[str, str] | None = None) -> str:
    """'therapy vs comparator', or the therapy and its design when there is no comparator.

    >>> arms_label({"therapy": "everolimus", "comparator": "placebo"})
    'everolimus vs placebo'
    >>> arms_label({"therapy": "prrt", "comparator": None, "design": "single_arm"})
    'prrt (single arm)'
    >>> arms_label({"therapy": "prrt", "radiopharmaceutical": "177Lu-DOTATATE",
    ...             "comparator": "octreotide LAR 60 mg"})
    '177Lu-DOTATATE vs octreotide LAR 60 mg'
    >>> arms_label({"therapy": "streptozocin_based", "comparator": None, "design": "retrospective"})
    'streptozocin based (retrospective series)'
    """
    regimen = row_field(row, "regimen")
    agent = row_field(row, "radiopharmaceutical")
    if is_missing(row_field(row, "therapy")) and not is_missing(regimen):
        therapy = str(regimen)
    elif not is_missing(agent) and str(agent).strip():
        therapy = str(agent)  # a PRRT trial names the radiopharmaceutical it tested
    else:
        therapy = therapy_display_name(row_field(row, "therapy"), names)
    comparator = row_field(row, "comparator")
    design = row_field(row, "design")
    if not is_missing(design) and str(design) == "randomised_non_comparative":
        return f"{therapy}, {comparator} (randomised, non-comparative)"
    if is_missing(comparator) or str(comparator).strip().lower() in {"", "none"}:
        if not is_missing(design) and str(design) == "retrospective":
            return f"{therapy} (retrospective series)"
        return f"{therapy} (single arm)"
    return f"{therapy} vs {comparator}"


__all__ = [
    "ALERT_BORDER",
    "ALERT_TEXT",
    "COLOUR_NAMES",
    "DISCLAIMER",
    "FIGURE_TEXT",
    "LINK_TEXT",
    "MISSING",
    "MUTED_TEXT",
    "NEUTRALS",
    "OKABE_ITO",
    "SERIES",
    "TEXT_CELL_STYLE",
    "Table",
    "arms_label",
    "card",
    "error_card",
    "escape",
    "format_citation",
    "format_estimate",
    "format_hr",
    "format_interval",
    "format_number",
    "format_pair",
    "format_percent",
    "format_vs",
    "is_missing",
    "row_field",
    "same_decimals",
    "table",
    "text_card",
    "text_table",
    "therapy_display_name",
]
