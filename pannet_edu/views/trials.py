"""Trial filters and tables for lessons, plots and the trial explorer.

These functions select and lay out rows of :func:`pannet_edu.evidence.trials`; they compute no
clinical answer. Numbers are printed as stored (no rounding) by the one set of formatters in
:mod:`pannet_edu.display` (re-exported here for older imports), so a table cannot drift from the
data, and the same rows give the same text on every run (nbval checks it).

>>> import pandas as pd
>>> frame = pd.DataFrame({"trial": ["CABINET"], "cohort": ["pancreatic"], "hr": [0.23],
...                       "hr_low": [0.12], "hr_high": [0.42]})
>>> trial_label(frame.iloc[0])
'CABINET (pancreatic)'
>>> format_hr(frame.iloc[0])
'0.23 (0.12–0.42)'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..content import fields as _validate
from ..content.sources import confidence_mark
from ..display import EXTRAPOLATED_BACKGROUND, MUTED_TEXT, TABLE_RULE, escape, scroll_box
from ..formatting import (
    arms_label,
    format_citation,
    format_hr,
    format_number,
    format_pair,
    is_missing,
)
from ..formatting import row_field as _get

if TYPE_CHECKING:
    import pandas as pd

#: Meaning of the ``pannet`` column: were patients with panNETs enrolled?
PANNET_MEANING = {
    "yes": "panNET only",
    "part": "panNET and other primary sites",
    "no": "no panNET enrolled: result extrapolated to panNET",
}
#: The word "all" switches a filter off.
ALL = "all"
#: Cohort names that add nothing to a trial's name (single-cohort trials).
_PLAIN_COHORTS = {"", "all", "main", "overall", "itt"}
#: Columns every trial view needs; the evidence contract guarantees them.
REQUIRED_COLUMNS = ("trial", "cohort", "n", "hr", "hr_low", "hr_high")


def trial_label(row: object) -> str:
    """The trial's name, with its cohort when the trial has several.

    >>> trial_label({"trial": "NETTER-1", "cohort": "all"})
    'NETTER-1'
    """
    trial = str(_get(row, "trial"))
    cohort = _get(row, "cohort")
    if is_missing(cohort) or str(cohort).strip().lower() in _PLAIN_COHORTS:
        return trial
    return f"{trial} ({cohort})"


def is_ttp(row: object) -> bool:
    """True when the row's time-to-event figures are time to progression, not PFS (e.g. PROMID).

    >>> is_ttp({"time_endpoint": "TTP"}), is_ttp({"time_endpoint": "PFS"}), is_ttp({})
    (True, False, False)
    """
    for field in ("time_endpoint", "primary_endpoint"):
        value = _get(row, field)
        if not is_missing(value):
            return str(value).strip().upper() == "TTP"
    return False


def pfs_not_reached(row: object) -> bool:
    """True when the therapy arm's median PFS was not reached (e.g. CLARINET's lanreotide arm).

    >>> pfs_not_reached({"pfs_median_not_reached": True}), pfs_not_reached({})
    (True, False)
    """
    value = _get(row, "pfs_median_not_reached")
    return not is_missing(value) and bool(value)


def therapy_names() -> dict[str, str]:
    """Catalogue names by therapy id, for labels (read from the validated catalogue, which is
    cached per file version: a table or figure asks for them several times per change).

    >>> therapy_names()["everolimus"]
    'Everolimus'
    """
    from ..engine.catalogue import load_catalogue

    return {t.id: t.name for t in load_catalogue()}


def is_mixed_population(row: object) -> bool:
    """True when panNETs were only part of the population (e.g. CLARINET, NETTER-2, COMPETE).

    >>> is_mixed_population({"pannet": "part"}), is_mixed_population({"pannet": "yes"})
    (True, False)
    """
    value = _get(row, "pannet")
    return not is_missing(value) and str(value).strip().lower() == "part"


def is_extrapolated(row: object) -> bool:
    """True when the trial enrolled no panNETs (e.g. midgut-only PROMID, NETTER-1).

    >>> is_extrapolated({"pannet": "no"}), is_extrapolated({"pannet": "part"})
    (True, False)
    """
    value = _get(row, "pannet")
    return not is_missing(value) and str(value).strip().lower() == "no"


def citation(row: object, *, one_id: bool = False) -> str:
    """Citation with its identifiers, from the row's ``citation``, ``pmid`` and ``doi``, written
    by :func:`pannet_edu.formatting.format_citation`.

    ``one_id=True`` keeps only the PMID (or the DOI when there is no PMID), for figure footers.

    >>> row = {"citation": "Yao 2011", "pmid": "21306238", "doi": "10.1056/NEJMoa1009290"}
    >>> citation(row)
    'Yao 2011. PMID 21306238; DOI 10.1056/NEJMoa1009290.'
    >>> citation(row, one_id=True)
    'Yao 2011. PMID 21306238.'
    """
    short = _get(row, "citation")
    reference = _get(row, "trial") if is_missing(short) else short
    return format_citation(reference, _get(row, "pmid"), _get(row, "doi"), one_id=one_id)


def citations(trials: pd.DataFrame, *, one_id: bool = False) -> list[str]:
    """Distinct citations of the rows, in row order (a trial's cohorts share one citation).

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"trial": ["A", "A"], "citation": ["Lee 2020", "Lee 2020"],
    ...                      "pmid": ["1", "1"], "doi": [None, None]})
    >>> citations(rows)
    ['Lee 2020. PMID 1.']
    """
    seen: dict[str, None] = {}
    for _, row in trials.iterrows():
        seen.setdefault(citation(row, one_id=one_id), None)
    return list(seen)


def source_line(trials: pd.DataFrame, *, one_id: bool = False) -> str:
    """'Sources: ...' listing the citations of the rows shown (for figures and tables).

    >>> import pandas as pd
    >>> source_line(pd.DataFrame({"trial": ["X"], "citation": ["Lee 2020"], "pmid": ["1"]}))
    'Sources: Lee 2020. PMID 1.'
    """
    found = citations(trials, one_id=one_id)
    return "Sources: " + (" ".join(found) if found else "none.")


def check_trials_frame(trials: object, required: Iterable[str] = REQUIRED_COLUMNS) -> None:
    """Raise ``TypeError`` unless ``trials`` is a DataFrame, ``ValueError`` naming missing columns.

    >>> import pandas as pd
    >>> check_trials_frame(pd.DataFrame({"trial": []}), ["trial", "hr"])
    Traceback (most recent call last):
    ...
    ValueError: trials is missing the column(s) 'hr'
    """
    import pandas as pd

    if not isinstance(trials, pd.DataFrame):
        kind = type(trials).__name__
        raise TypeError(f"trials must be a pandas DataFrame like pannet_edu.trials(), got {kind}")
    missing = [c for c in required if c not in trials.columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        raise ValueError(f"trials is missing the column(s) {names}")


def filter_options(trials: pd.DataFrame) -> dict[str, list[str]]:
    """The values each filter of :func:`filter_trials` accepts, from the data (plus ``'all'``).

    The class filter offers each PRRT radiopharmaceutical as its own class (the ``trial_class``
    column of :func:`pannet_edu.evidence.trials`): a trial is evidence only for what it tested.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"therapy_class": ["tki", "prrt", "tki"], "pannet": ["yes"] * 3,
    ...                      "setting": ["pretreated"] * 3})
    >>> filter_options(rows)["therapy_class"]
    ['all', 'prrt', 'tki']
    """
    options = {}
    for name in ("therapy_class", "pannet", "setting"):
        column = _filter_column(trials, name)
        values = trials[column].dropna().astype(str) if column in trials.columns else []
        options[name] = [ALL, *sorted(set(values))]
    return options


def _filter_column(trials: pd.DataFrame, name: str) -> str:
    """The column a filter reads: the class filter reads ``trial_class`` when the table has it
    (PRRT rows grouped by the radiopharmaceutical tested), else ``therapy_class``."""
    if name == "therapy_class" and "trial_class" in trials.columns:
        return "trial_class"
    return name


def filter_trials(
    trials: pd.DataFrame,
    *,
    therapy_class: str = ALL,
    pannet: str = ALL,
    setting: str = ALL,
) -> pd.DataFrame:
    """The rows matching every filter; ``'all'`` leaves a filter off. Bad values raise naming it.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"trial": ["X", "Y"], "therapy_class": ["tki", "prrt"],
    ...                      "pannet": ["yes", "no"], "setting": ["pretreated", "first line"]})
    >>> list(filter_trials(rows, therapy_class="prrt")["trial"])
    ['Y']
    >>> filter_trials(rows, pannet="maybe")
    Traceback (most recent call last):
    ...
    ValueError: pannet must be one of 'all', 'no', 'yes'; got 'maybe'
    """
    check_trials_frame(trials, required=())
    options = filter_options(trials)
    selected = trials
    wanted = {"therapy_class": therapy_class, "pannet": pannet, "setting": setting}
    for name, value in wanted.items():
        value = _validate.choice(name, value, options[name])
        if value != ALL:
            column = _filter_column(selected, name)
            selected = selected[selected[column].astype(str) == value]
    return selected


_TABLE_STYLE = "border-collapse:collapse;font-family:sans-serif;font-size:smaller;margin:4px 0"
_CELL_BASE = f"border-bottom:1px solid {TABLE_RULE};padding:3px 6px;vertical-align:top"
_CELL = _CELL_BASE + ";text-align:left"
_NUMERIC = _CELL_BASE + ";text-align:right"
#: Text columns that need room to be read: a minimum width, and long words (DOIs) may wrap.
_WIDE_COLUMNS = {
    "Population": "min-width:18em",
    "Source": "min-width:14em",
    "Arms": "min-width:9em",
}


def _style(header: str, numeric: bool) -> str:
    """Inline style of one column: numbers right-aligned, text left-aligned and wrapping."""
    if numeric:
        return _NUMERIC
    extra = _WIDE_COLUMNS.get(header, "")
    return f"{_CELL};overflow-wrap:anywhere;{extra}" if extra else _CELL


#: (header, numeric?) for each table column, in order.
TABLE_HEADERS = (
    ("Trial", False),
    ("Phase", False),
    ("Arms", False),
    ("Population", False),
    ("Setting", False),
    ("n", True),
    ("Median PFS, months (therapy / control)", True),
    ("PFS hazard ratio (95% CI)", True),
    ("PFS at a landmark, % (therapy / control)", True),
    ("Response rate, % (therapy / control)", True),
    ("Median OS, months (therapy / control; OS HR)", True),
    ("Mark", False),
    ("Source", False),
)


def _mark(row: object) -> str:
    """The confidence mark (:data:`~pannet_edu.content.sources.MARKS`); a dash for checked
    figures."""
    confidence = _get(row, "confidence")
    if is_missing(confidence):
        return "–"
    source = _get(row, "figures_source")
    return confidence_mark(confidence, None if is_missing(source) else source) or "–"


def _landmark(row: object) -> str:
    months = _get(row, "landmark_months")
    if is_missing(months):
        return "–"
    pair = format_pair(_get(row, "landmark_pfs"), _get(row, "landmark_pfs_control"))
    return f"at {format_number(months)} months: {pair}"


def _overall_survival(row: object) -> str:
    therapy, control = _get(row, "os_median"), _get(row, "os_median_control")
    if is_missing(therapy) and is_missing(control):
        return "–"
    text = format_pair(therapy, control)
    if not is_missing(_get(row, "os_hr")):
        text += f"; HR {format_hr(row, prefix='os_hr')}"
    return text


def _cells(row: object, names: Mapping[str, str] | None = None) -> list[str]:
    """The text of each table column for one row (shared by the HTML and text tables)."""
    therapy_median = "not reached" if pfs_not_reached(row) else _get(row, "pfs_median")
    pfs = format_pair(therapy_median, _get(row, "pfs_median_control"))
    if is_ttp(row) and pfs != "–":
        pfs += " (TTP)"
    population = _get(row, "population")
    pannet = _get(row, "pannet")
    scope = "" if is_missing(pannet) else PANNET_MEANING.get(str(pannet), str(pannet))
    population_text = "; ".join(
        str(p) for p in (population, scope) if not is_missing(p) and str(p).strip()
    )
    return [
        trial_label(row),
        "–" if is_missing(_get(row, "phase")) else str(_get(row, "phase")),
        arms_label(row, names),
        population_text or "–",
        "–" if is_missing(_get(row, "setting")) else str(_get(row, "setting")),
        format_number(_get(row, "n")),
        pfs,
        format_hr(row),
        _landmark(row),
        format_pair(_get(row, "orr"), _get(row, "orr_control")),
        _overall_survival(row),
_mark(row),
        citation(row),
    ]


def trial_table_html(trials: pd.DataFrame, names: Mapping[str, str] | None = None) -> str:
    """The rows as an HTML table with fixed number formatting, midgut-only rows flagged.

    ``names`` maps therapy ids to display names (default: the catalogue's names).

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"trial": ["NETTER-1"], "cohort": ["all"], "n": [229], "hr": [0.21],
    ...                      "hr_low": [0.13], "hr_high": [0.33], "pannet": ["no"]})
    >>> html = trial_table_html(rows)
    >>> "0.21 (0.13–0.33)" in html, "extrapolated to panNET" in html
    (True, True)
    """
    check_trials_frame(trials)
    names = therapy_names() if names is None else names
    head = "".join(
        f'<th style="{_style(name, numeric)}">{escape(name)}</th>'
        for name, numeric in TABLE_HEADERS
    )
    body = []
    for _, row in trials.iterrows():
        cells = _cells(row, names)
        style = f' style="background:{EXTRAPOLATED_BACKGROUND}"' if is_extrapolated(row) else ""
        tds = "".join(
            f'<td style="{_style(name, numeric)}">{escape(text)}</td>'
            for text, (name, numeric) in zip(cells, TABLE_HEADERS, strict=True)
        )
        body.append(f"<tr{style}>{tds}</tr>")
    note = (
        f'<p style="margin:2px 0;font-size:smaller;color:{MUTED_TEXT}">'
        "Shaded rows enrolled no panNETs: "
        "their results are extrapolated to panNET. A dash means this table holds no figure for "
        "that cell (the source may give one) or that it does not apply (e.g. no control "
        "arm).</p>"
    )
    # The wrapper scrolls sideways on a narrow screen instead of clipping the last columns.
    table = (f'<table class="pannet-trials" style="{_TABLE_STYLE}"><thead><tr>{head}</tr></thead>'
             f"<tbody>{''.join(body)}</tbody></table>")
    return scroll_box(table, "Trial table", css_class="pannet-trials-wrap") + note


def trial_table_text(trials: pd.DataFrame, names: Mapping[str, str] | None = None) -> str:
    """Plain-text twin of :func:`trial_table_html`: one block per row, stable across releases.

    Fields that are not reported (a dash in the HTML table) are left out of the text.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"trial": ["E2211"], "cohort": ["all"], "n": [144], "hr": [0.58],
    ...                      "hr_low": [None], "hr_high": [None]})
    >>> print(trial_table_text(rows).splitlines()[0])
    E2211
    >>> "PFS hazard ratio (95% CI): 0.58 (CI not reported)" in trial_table_text(rows)
    True
    """
    check_trials_frame(trials)
    names = therapy_names() if names is None else names
    blocks = []
    for _, row in trials.iterrows():
        cells = _cells(row, names)
        name = cells[0] + ("  [no panNET enrolled: extrapolated]" if is_extrapolated(row) else "")
        lines = [name]
        lines += [
            f"  {header}: {text}"
            for text, (header, _) in zip(cells[1:], TABLE_HEADERS[1:], strict=True)
            if text != "–"  # the HTML table keeps every column; the text lists what is known
        ]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)

__all__ = [
    "ALL",
    "PANNET_MEANING",
    "REQUIRED_COLUMNS",
    "TABLE_HEADERS",
    "check_trials_frame",
    "citation",
    "citations",
    "filter_options",
    "filter_trials",
    "is_extrapolated",
    "is_mixed_population",
    "is_ttp",
    "pfs_not_reached",
    "source_line",
    "therapy_names",
    "trial_label",
    "trial_table_html",
    "trial_table_text",
]
