"""One-page summary sheets per therapy class, generated from ``therapies()`` and ``trials()``.

Each sheet lists, for every therapy of the class, its mechanism, dose and schedule, approval and
main toxicities (with their rates and sources), then the pivotal trials with their numbers and
citations. Rows
whose figures are not verified in a primary source carry their confidence mark, so a reader at the
back of a lecture hall sees which numbers are firm. Nothing is typed here: every clinical word and
number comes from the data files, so a sheet cannot drift from the lessons.

How each number and citation is written is :mod:`.sheet_text`'s job.

>>> class_title("tki")
'Tyrosine kinase inhibitors'
>>> fmt_pair(6.0, 14.3, unit=""), fmt_number(0.276)
('6.0 vs 14.3', '0.276')
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..content.fields import short_repr
from ..content.reviews import content_reviewed
from ..content.sources import confidence_mark
from ..display import DISCLAIMER, escape, page_css
from ..safe_files import write_atomic
from .sheet_text import (
    NOT_REPORTED,
    citation,
    design_text,
    fmt_number,
    fmt_pair,
    hazard_ratio,
    key_result,
    response_rate,
    sheet_toxicity_lines,
    short_name,
    toxicity_line,
)
from .sheet_text import as_list as _as_list
from .sheet_text import as_text as _text
from .sheet_text import missing as _missing

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "NOT_REPORTED",
    "SHEET_PREFIX",
    "VERIFIED",
    "build_class_sheets",
    "citation",
    "class_title",
    "class_trials",
    "design_text",
    "fmt_number",
    "fmt_pair",
    "hazard_ratio",
    "key_result",
    "response_rate",
    "sheet_html",
    "sheet_title",
    "short_name",
    "therapy_classes",
    "toxicity_line",
]


#: The confidence mark of figures seen in their primary source; other marks are shown on the row.
VERIFIED = "verified"


SHEET_PREFIX = "class_"


_SHEET_CSS = page_css("""
@page { size: A4; margin: 8mm 9mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7.8pt; line-height: 1.2;
  color: $ink; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 14pt; margin: 0 0 1pt; color: $brand; }
h2 { font-size: 11pt; margin: 6pt 0 3pt; border-bottom: 1px solid $brand; }
h3 { font-size: 9.5pt; margin: 6pt 0 2pt; }
p, ul { margin: 1.5pt 0; }
ul { padding-left: 14pt; }
.meta { color: $body; margin: 0 0 3pt; }
.disclaimer { border-left: 5px solid $alert_border; background: $alert_background; padding: 1pt 6pt;
  font-weight: bold; display: inline-block; margin: 0 0 0 8pt; }
.therapy { break-inside: avoid; }
.therapies.several { display: grid; grid-template-columns: 1fr 1fr; gap: 0 10pt; }
.therapies.several .therapy:last-child:nth-child(odd) { grid-column: 1 / -1; }
dl { display: grid; grid-template-columns: 6.3em 1fr; gap: 1pt 5pt; margin: 2pt 0; }
dt { font-weight: bold; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 7.2pt; }
tr { break-inside: avoid; }
th, td { border: 1px solid $rule; padding: 1pt 2.5pt; vertical-align: top; text-align: left;
  overflow-wrap: break-word; hyphens: auto; }
col.trial { width: 11%; } col.design { width: 9.5%; } col.arms { width: 10.5%; }
col.n { width: 4.5%; } col.pannet { width: 7%; } col.result { width: 16%; }
col.hr { width: 10.5%; } col.orr { width: 6.5%; } col.source { width: 24.5%; }
col.label { width: 14%; } col.wide { width: 37%; }
th { background: $header_background; }
td.num { white-space: nowrap; }
.flag { color: $alert_text; font-weight: bold; }  /* darker than the vermillion: AA */
.cite { font-size: 6.8pt; color: $body; }
.legend { margin-top: 3pt; font-size: 7pt; color: $figure_text; }
caption { text-align: left; font-weight: bold; font-size: 8.5pt; padding: 4pt 0 2pt; }
/* Headroom so a sheet stays on one A4 page when an instructor lengthens an entry a little. */
@media print { html { zoom: 0.95; } }
/* On a phone the trial table keeps readable columns and scrolls sideways inside its own box,
   its first column (the trial) kept in view; the page keeps a margin. */
@media screen and (max-width: 640px) {
  body { padding: 0 12px; font-size: 10pt; }
  .therapies.several { display: block; }
  .scroll { overflow-x: auto; }
  .scroll table { table-layout: auto; width: max-content; font-size: 9pt; }
  .scroll col { width: auto !important; }
  .scroll th, .scroll td { min-width: 5.5em; max-width: 15em; hyphens: manual;
    overflow-wrap: normal; }
  .scroll td.num, .scroll th:nth-child(4) { min-width: 2.5em; }
  .scroll tr > :first-child { position: sticky; left: 0; z-index: 1; background: #ffffff;
    box-shadow: 1px 0 0 $rule; min-width: 6em; max-width: none; width: 7em; }
  .scroll thead tr > :first-child { background: $header_background; }
}
""")


def class_title(therapy_class: str) -> str:
    """Display name of a therapy class id (unknown ids are made readable, not rejected).

    >>> class_title("prrt"), class_title("new_class")
    ('Peptide receptor radionuclide therapy (PRRT)', 'New class')
    """
    from ..engine.catalogue import load_catalogue

    known = load_catalogue().classes.get(therapy_class)
    return known.name if known else therapy_class.replace("_", " ").capitalize()


def sheet_title(path: str | os.PathLike[str]) -> str:
    """The title of a sheet from its file name (``class_<id>.html``).

    >>> sheet_title("out/class_ssa.html")
    'Somatostatin analogues'
    """
    return class_title(Path(path).stem.removeprefix(SHEET_PREFIX))


def _toxicity_rows(toxicities: pd.DataFrame | None, therapy_id: str) -> list | None:
    if toxicities is None:
        return None
    return [
        {key: value for key, value in row.items() if not _missing(value)}
        for row in toxicities[toxicities["therapy"] == therapy_id].to_dict("records")
    ]


def class_trials(
    therapy_class: str, therapies: pd.DataFrame, trials: pd.DataFrame
) -> pd.DataFrame:
    """Trial rows for a class: those testing its therapies, plus its therapies' key trials
    (e.g. a trial where the class is the comparator arm)."""
    members = therapies.index[therapies["therapy_class"] == therapy_class]
    key_trials = {name for t in members for name in _as_list(therapies.loc[t, "key_trials"])}
    chosen = trials["therapy"].isin(members) | trials["trial"].isin(key_trials)
    return trials[chosen]


def therapy_classes(therapies: pd.DataFrame) -> list[str]:
    """The class ids in catalogue order, each once.

    >>> import pandas as pd
    >>> therapy_classes(pd.DataFrame({"therapy_class": ["tki", "ssa", "tki"]}))
    ['tki', 'ssa']
    """
    return list(dict.fromkeys(therapies["therapy_class"]))


def _therapy_block(
    therapy: Mapping[str, Any], toxicities: list | None = None, *, heading: bool = True
) -> str:
    """``toxicities``: detailed rows (from ``toxicity_table()``); else the catalogue's names."""
    approval = therapy.get("approval")
    approval_text = (
        " ".join(t if t.endswith((".", ";")) else f"{t}." for t in map(_text, approval) if t)
        if isinstance(approval, list | tuple)
        else _text(approval)
    )
    rows = [
        ("Agents", escape(_text(therapy.get("agents")))),
        ("Mechanism", escape(_text(therapy.get("mechanism")))),
        ("Dose", escape(_text(therapy.get("dose_schedule")))),
        ("Approval", escape(approval_text)),
    ]
    if toxicities is None:
        toxicities = _as_list(therapy.get("toxicities"))
    if toxicities:
        items = "".join(f"<li>{escape(line)}</li>" for line in sheet_toxicity_lines(toxicities))
        rows.append(("Toxicities", f"<ul>{items}</ul>"))
    if _text(therapy.get("poor_fit")):
        rows.append(("Poor fit", escape(_text(therapy.get("poor_fit")))))
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows if value)
    title = f"<h3>{escape(_text(therapy.get('name')))}</h3>" if heading else ""
    return f'<section class="therapy">{title}<dl>{body}</dl></section>'


def _trial_name(row: Mapping[str, Any]) -> str:
    """The trial's name, with its cohort in brackets unless the row is the whole trial."""
    name = _text(row.get("trial"))
    cohort = _text(row.get("cohort"))
    return f"{name} ({cohort})" if cohort not in ("", "all") else name


def _label_table(rows: pd.DataFrame) -> str:
    """Regulatory-label figures, shown apart from the journal figures they may differ from."""
    head = (
        "<tr><th>Trial</th><th>Label</th><th>n</th><th>Key result</th><th>HR (95% CI)</th>"
        "<th>ORR</th><th>Source</th></tr>"
    )
    body = []
    for _, row in rows.iterrows():
        row = row.to_dict()
        name = _trial_name(row)
        label = _text(row.get("label"))
        if _text(row.get("approval_date")):
            label += f", {_text(row['approval_date'])}"
        cells = [
            f"<strong>{escape(name)}</strong>",
            escape(label),
            escape(fmt_number(row.get("n"))),
            escape(key_result({**row, "time_endpoint": "PFS"})),
            escape(hazard_ratio(row)),
            escape(response_rate(row)),
            f'<span class="cite">{escape(_text(row.get("source")))}</span>',
        ]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    columns = (
        '<colgroup><col class="trial"><col class="label"><col class="n"><col class="result">'
        '<col class="hr"><col class="orr"><col class="wide"></colgroup>'
    )
    caption = (
        "<caption>Regulatory-label figures (a later data cut-off may differ from the journal)"
        "</caption>"
    )
    return (
        f"<table>{caption}{columns}<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
    )


_TRIAL_COLUMNS = (
    '<colgroup><col class="trial"><col class="design"><col class="arms"><col class="n">'
    '<col class="pannet"><col class="result"><col class="hr"><col class="orr">'
    '<col class="source"></colgroup>'
)


def _trials_table(rows: pd.DataFrame, names: Mapping[str, str]) -> str:
    head = (
        "<tr><th>Trial</th><th>Design</th><th>Arms</th><th>n</th><th>panNET</th>"
        "<th>Key result</th><th>HR (95% CI)</th><th>ORR</th><th>Source</th></tr>"
    )
    body = []
    for _, trial in rows.iterrows():
        trial = trial.to_dict()
        name = _trial_name(trial)
        confidence = _text(trial.get("confidence")) or VERIFIED
        mark = confidence_mark(confidence, _text(trial.get("figures_source")) or None)
        flag = f'<br><span class="flag">{escape(mark)}</span>' if mark else ""
        therapy = short_name(names.get(_text(trial.get("therapy")), _text(trial.get("therapy"))))
        comparator = _text(trial.get("comparator"))
        arms = f"{therapy} vs {comparator}" if comparator else therapy
        design = design_text(trial.get("design"), trial.get("phase"))
        unconfirmed_ids = ""
        cells = [
            f"<strong>{escape(name)}</strong>{flag}",
            escape(design),
            escape(arms),
            f'<span class="num">{escape(fmt_number(trial.get("n")))}</span>',
            escape(_text(trial.get("pannet"))),
            escape(key_result(trial)),
            escape(hazard_ratio(trial)),
            escape(response_rate(trial)),
            f'<span class="cite">{escape(citation(trial))}{unconfirmed_ids}</span>',
        ]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        '<div class="scroll" role="region" tabindex="0" aria-label="Pivotal trials (the table '
        'scrolls sideways on a narrow screen)">'
        f"<table>{_TRIAL_COLUMNS}<thead>{head}</thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def sheet_html(
    therapy_class: str,
    therapies: pd.DataFrame,
    trials: pd.DataFrame,
    *,
    toxicities: pd.DataFrame | None = None,
    labels: pd.DataFrame | None = None,
    reviewed: datetime.date | None = None,
) -> str:
    """A self-contained, printable one-page HTML sheet for one therapy class.

    ``therapies`` and ``trials`` are shaped like :func:`pannet_edu.evidence.therapies` and
    :func:`~pannet_edu.evidence.trials`; ``toxicities`` (like ``toxicity_table()``) adds rates,
    sources and management to each toxicity; ``labels`` (like ``label_figures()``) adds
    regulatory-label figures beside the journal ones. Raises ``ValueError`` naming the class ids
    there are when ``therapy_class`` is unknown.

    >>> from pannet_edu import evidence
    >>> page = sheet_html("mtor_inhibitor", evidence.therapies(), evidence.trials(),
    ...                   toxicities=evidence.toxicity_table())
    >>> "RADIANT-3" in page and "stomatitis 64% vs 17%" in page
    True
    """
    classes = therapy_classes(therapies)
    if therapy_class not in classes:
        raise ValueError(
            f"therapy_class must be one of {', '.join(repr(c) for c in classes)}; "
            f"got {short_repr(therapy_class)}"
        )
    reviewed = reviewed or content_reviewed()
    members = therapies[therapies["therapy_class"] == therapy_class]
    names = {str(t): _text(row.get("name")) for t, row in members.iterrows()}
    all_names = {str(t): _text(row.get("name")) for t, row in therapies.iterrows()}
    blocks = "".join(
        _therapy_block(
            row.to_dict(), _toxicity_rows(toxicities, str(therapy_id)), heading=len(members) > 1
        )
        for therapy_id, row in members.iterrows()
    )
    rows = class_trials(therapy_class, therapies, trials)
    table = (
        _trials_table(rows, {**all_names, **names})
        if len(rows)
        else "<p>No trials for this class in the data.</p>"
    )
    if labels is not None and len(rows):
        chosen = labels[labels["trial"].isin(set(rows["trial"]))]
        if len(chosen):
            table += _label_table(chosen)
    title = class_title(therapy_class)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} · pannet-edu summary sheet</title>"
        f"<style>{_SHEET_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        '<p class="meta">pannet-edu therapy-class summary · metastatic pancreatic NET · '
        f"facts last checked against their sources {reviewed.isoformat()}"
        f'<span class="disclaimer">{escape(DISCLAIMER)}</span></p>'
        f'<h2>Therapies</h2><div class="therapies{" several" if len(members) > 1 else ""}">'
        f"{blocks}</div>"
        f"<h2>Pivotal trials</h2>{table}"
        '<p class="legend">mo = months; ORR = objective response rate; HR = hazard ratio for the '
        "time endpoint shown first; panNET = pancreatic NETs enrolled (part = some). Flagged rows "
        "rest on secondary or congress sources, or on sources that disagree. Management of each "
        "toxicity: see the lessons. From the pannet-edu data files (trials.csv, therapies.yaml), "
        f"version {escape(__version__)}.</p>"
        "</body></html>"
    )


def build_class_sheets(
    out_dir: str | os.PathLike[str],
    *,
    therapies: pd.DataFrame | None = None,
    trials: pd.DataFrame | None = None,
    toxicities: pd.DataFrame | None = None,
    labels: pd.DataFrame | None = None,
    classes: Iterable[str] | None = None,
) -> list[Path]:
    """Write ``class_<id>.html`` for every therapy class; the frames default to the packaged
    data (``therapies()``, ``trials()``, ``toxicity_table()``, ``label_figures()``). By default
    one sheet per systemic class (surgery, surveillance and trials have no drug sheet).

    Each sheet is written whole (to a temporary file, then moved into place), so a failure never
    leaves a truncated sheet."""
    if therapies is None or trials is None:
        from .. import evidence

        therapies = evidence.therapies() if therapies is None else therapies
        trials = evidence.trials() if trials is None else trials
        toxicities = evidence.toxicity_table() if toxicities is None else toxicities
        labels = evidence.label_figures() if labels is None else labels
    from ..engine.catalogue import load_catalogue

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    reviewed = None
    written = []
    known = load_catalogue().classes
    systemic = [c for c in therapy_classes(therapies) if c not in known or known[c].systemic]
    for therapy_class in classes or systemic:
        target = out / f"{SHEET_PREFIX}{therapy_class}.html"
        write_atomic(
            target,
            sheet_html(
                therapy_class,
                therapies,
                trials,
                toxicities=toxicities,
                labels=labels,
                reviewed=reviewed,
            ),
        )
        written.append(target)
    return written
