"""One-page summary sheets per therapy class, generated from ``therapies()`` and ``trials()``.

Each sheet lists, for every therapy of the class, its mechanism, dose and schedule, approval and
main toxicities (with their rates and sources), then the pivotal trials with their numbers and
citations. Rows
whose figures are not verified in a primary source carry their confidence mark, so a reader at the
back of a lecture hall sees which numbers are firm. Nothing is typed here: every clinical word and
number comes from the data files, so a sheet cannot drift from the lessons.

>>> class_title("tki")
'Tyrosine kinase inhibitors'
>>> fmt_median(6.0), fmt_median(14.3), fmt_number(0.276)
('6.0', '14.3', '0.276')
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .display import DISCLAIMER, escape
from .sources import confidence_mark

if TYPE_CHECKING:
    import pandas as pd

#: The confidence mark of figures seen in their primary source; other marks are shown on the row.
VERIFIED = "verified"
SHEET_PREFIX = "class_"
NOT_REPORTED = "—"

_SHEET_CSS = """
@page { size: A4; margin: 8mm 9mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7.8pt; line-height: 1.2;
  color: #111; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 14pt; margin: 0 0 1pt; color: #0072B2; }
h2 { font-size: 11pt; margin: 6pt 0 3pt; border-bottom: 1px solid #0072B2; }
h3 { font-size: 9.5pt; margin: 6pt 0 2pt; }
p, ul { margin: 1.5pt 0; }
ul { padding-left: 14pt; }
.meta { color: #333; margin: 0 0 3pt; }
.disclaimer { border-left: 5px solid #D55E00; background: #fff4ec; padding: 1pt 6pt;
  font-weight: bold; display: inline-block; margin: 0 0 0 8pt; }
.therapy { break-inside: avoid; }
.therapies.several { display: grid; grid-template-columns: 1fr 1fr; gap: 0 10pt; }
.therapies.several .therapy:last-child:nth-child(odd) { grid-column: 1 / -1; }
dl { display: grid; grid-template-columns: 6.3em 1fr; gap: 1pt 5pt; margin: 2pt 0; }
dt { font-weight: bold; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 7.2pt; }
tr { break-inside: avoid; }
th, td { border: 1px solid #999; padding: 1pt 2.5pt; vertical-align: top; text-align: left;
  overflow-wrap: break-word; hyphens: auto; }
col.trial { width: 11%; } col.design { width: 9.5%; } col.arms { width: 10.5%; }
col.n { width: 4.5%; } col.pannet { width: 7%; } col.result { width: 16%; }
col.hr { width: 8.5%; } col.orr { width: 6.5%; } col.source { width: 26.5%; }
col.label { width: 14%; } col.wide { width: 37%; }
th { background: #e8f1f8; }
td.num { white-space: nowrap; }
.flag { color: #A33B00; font-weight: bold; }  /* 6.6:1 on white (#D55E00 is 3.9:1) */
.cite { font-size: 6.8pt; color: #333; }
.legend { margin-top: 3pt; font-size: 7pt; color: #444; }
caption { text-align: left; font-weight: bold; font-size: 8.5pt; padding: 4pt 0 2pt; }
/* Headroom so a sheet stays on one A4 page when an instructor lengthens an entry a little. */
@media print { html { zoom: 0.95; } }
"""


def class_title(therapy_class: str) -> str:
    """Display name of a therapy class id (unknown ids are made readable, not rejected).

    >>> class_title("prrt"), class_title("new_class")
    ('Peptide receptor radionuclide therapy (PRRT)', 'New class')
    """
    from .engine.catalogue import load_catalogue

    known = load_catalogue().classes.get(therapy_class)
    return known.name if known else therapy_class.replace("_", " ").capitalize()


def sheet_title(path: str | os.PathLike[str]) -> str:
    """The title of a sheet from its file name (``class_<id>.html``).

    >>> sheet_title("out/class_ssa.html")
    'Somatostatin analogues'
    """
    return class_title(Path(path).stem.removeprefix(SHEET_PREFIX))


def _missing(value: Any) -> bool:
    """None, NA/NaN or blank text; lists and mappings are values, never missing."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, str | list | tuple | Mapping):
        return False
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt_number(value: Any) -> str:
    """A number as written in the data (no rounding); missing values as a dash.

    >>> fmt_number(0.47), fmt_number(204), fmt_number(None)
    ('0.47', '204', '—')
    """
    if _missing(value):
        return NOT_REPORTED
    return f"{float(value):g}"


def fmt_median(value: Any) -> str:
    """A median in months with at least one decimal, as trial reports print them.

    >>> fmt_median(18), fmt_median(22.75)
    ('18.0', '22.75')
    """
    if _missing(value):
        return NOT_REPORTED
    value = float(value)
    return f"{value:.1f}" if value == int(value) else f"{value:g}"


def _text(value: Any) -> str:
    """Data cells can be text, lists (agents) or mappings (approval by region)."""
    if _missing(value):
        return ""
    if isinstance(value, Mapping):
        return "; ".join(f"{region}: {_text(text)}" for region, text in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    return " ".join(str(value).split())


def _as_list(value: Any) -> list:
    if isinstance(value, list | tuple):
        return list(value)
    if _missing(value):
        return []
    return [value]


def fmt_pair(value: Any, control: Any, unit: str = "%") -> str:
    """``value vs control`` with the same number of decimals on both sides (zeros added, never
    rounded), or just the value when there is no control.

    >>> fmt_pair(65.1, 33.0), fmt_pair(19, 0), fmt_pair(43.0, 9.3), fmt_pair(12, None)
    ('65.1% vs 33.0%', '19% vs 0%', '43.0% vs 9.3%', '12%')
    """
    if _missing(value):
        return NOT_REPORTED
    values = [value] + ([] if _missing(control) else [control])
    return " vs ".join(f"{t}{unit}" for t in _same_decimals(values))


def toxicity_line(toxicity: Any, *, management: bool = True) -> str:
    """One toxicity, with its rate and source when the data gives them, then its management
    (left out with ``management=False``, as on the one-page sheets).

    >>> toxicity_line({"effect": "diarrhoea", "percent": 26, "percent_control": 9,
    ...                "source": "CLARINET", "management": "Supportive care."})
    'diarrhoea 26% vs 9% (CLARINET). Management: Supportive care.'
    >>> toxicity_line("stomatitis")
    'stomatitis'
    """
    if not isinstance(toxicity, Mapping):
        return _text(toxicity)
    line = _text(toxicity.get("effect", ""))
    rates = []
    if not _missing(toxicity.get("percent")):
        rates.append(fmt_pair(toxicity["percent"], toxicity.get("percent_control")))
    if not _missing(toxicity.get("grade3plus_percent")):
        rates.append(f"grade ≥3 {fmt_number(toxicity['grade3plus_percent'])}%")
    if rates:
        line += " " + ", ".join(rates)
    if toxicity.get("source"):
        line += f" ({_text(toxicity['source'])})"
    line += "."
    if management and toxicity.get("management"):
        line += f" Management: {_text(toxicity['management'])}"
    return line


def key_result(trial: Mapping[str, Any]) -> str:
    """The trial's headline numbers from its row: median time endpoint, landmark rate, OS.

    >>> key_result({"time_endpoint": "PFS", "pfs_median": 11.0, "pfs_median_control": 4.6,
    ...             "comparator": "placebo"})
    'PFS 11.0 vs 4.6 mo'
    >>> key_result({"time_endpoint": "PFS", "pfs_median_not_reached": True,
    ...             "pfs_median_control": 18.0, "comparator": "placebo", "landmark_months": 24,
    ...             "landmark_pfs": 65.1, "landmark_pfs_control": 33.0})
    'PFS not reached vs 18.0 mo; 24-mo PFS 65.1% vs 33.0%'
    """
    endpoint = _text(trial.get("time_endpoint")) or "PFS"
    parts = []
    reached = not bool(trial.get("pfs_median_not_reached") is True)
    arm = fmt_median(trial.get("pfs_median")) if reached else "not reached"
    control = trial.get("pfs_median_control")
    if arm != NOT_REPORTED or not _missing(control):
        median = f"{endpoint} {arm}"
        if not _missing(control):
            median += f" vs {fmt_median(control)}"
        parts.append(median + " mo")
    if not _missing(trial.get("landmark_months")) and not _missing(trial.get("landmark_pfs")):
        landmark = fmt_pair(trial["landmark_pfs"], trial.get("landmark_pfs_control"))
        parts.append(f"{fmt_number(trial['landmark_months'])}-mo {endpoint} {landmark}")
    if not _missing(trial.get("os_median")):
        os_text = f"OS {fmt_median(trial['os_median'])}"
        if not _missing(trial.get("os_median_control")):
            os_text += f" vs {fmt_median(trial['os_median_control'])}"
        os_text += " mo"
        if not _missing(trial.get("os_hr")):
            os_text += f" (HR {fmt_number(trial['os_hr'])})"
        parts.append(os_text)
    return "; ".join(parts) or NOT_REPORTED


def _same_decimals(values: list[Any]) -> list[str]:
    """Numbers written with the same number of decimals (zeros added, never rounded)."""
    texts = [fmt_number(v) for v in values]
    if any("e" in t for t in texts):
        return texts
    decimals = max(len(t.partition(".")[2]) for t in texts)
    return [f"{float(t):.{decimals}f}" for t in texts]


def hazard_ratio(trial: Mapping[str, Any]) -> str:
    """``HR (low-high)`` for the primary time endpoint, or a dash; a CI stored as 0.2 prints 0.20
    beside 0.34 (the data file drops trailing zeros; nothing is rounded).

    >>> hazard_ratio({"hr": 0.35, "hr_low": 0.27, "hr_high": 0.45})
    '0.35 (0.27-0.45)'
    >>> hazard_ratio({"hr": 0.34, "hr_low": 0.2, "hr_high": 0.59})
    '0.34 (0.20-0.59)'
    >>> hazard_ratio({"hr": 0.58})
    '0.58'
    """
    if _missing(trial.get("hr")):
        return NOT_REPORTED
    if _missing(trial.get("hr_low")) or _missing(trial.get("hr_high")):
        return fmt_number(trial["hr"])
    hr, low, high = _same_decimals([trial["hr"], trial["hr_low"], trial["hr_high"]])
    return f"{hr} ({low}-{high})"


def response_rate(trial: Mapping[str, Any]) -> str:
    """Objective response rate, therapy vs control where there is one.

    >>> response_rate({"orr": 9.3, "orr_control": 0.0}), response_rate({"orr": None})
    ('9.3% vs 0.0%', '—')
    """
    return fmt_pair(trial.get("orr"), trial.get("orr_control"))


def citation(trial: Mapping[str, Any]) -> str:
    """The row's citation with its identifiers.

    >>> citation({"citation": "Yao JC et al. N Engl J Med 2011", "pmid": "21306238", "doi": None})
    'Yao JC et al. N Engl J Med 2011. PMID 21306238'
    """
    ids = []
    if not _missing(trial.get("pmid")) and str(trial.get("pmid")).strip():
        ids.append(f"PMID {trial['pmid']}")
    if not _missing(trial.get("doi")) and str(trial.get("doi")).strip():
        ids.append(f"DOI {trial['doi']}")
    return ". ".join([_text(trial.get("citation")), *ids]) if ids else _text(trial.get("citation"))


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
        items = "".join(
            f"<li>{escape(toxicity_line(t, management=False))}</li>" for t in toxicities
        )
        rows.append(("Toxicities", f"<ul>{items}</ul>"))
    if _text(therapy.get("poor_fit")):
        rows.append(("Poor fit", escape(_text(therapy.get("poor_fit")))))
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows if value)
    title = f"<h3>{escape(_text(therapy.get('name')))}</h3>" if heading else ""
    return f'<section class="therapy">{title}<dl>{body}</dl></section>'


def _label_table(rows: pd.DataFrame) -> str:
    """Regulatory-label figures, shown apart from the journal figures they may differ from."""
    head = (
        "<tr><th>Trial</th><th>Label</th><th>n</th><th>Key result</th><th>HR (95% CI)</th>"
        "<th>ORR</th><th>Source</th></tr>"
    )
    body = []
    for _, row in rows.iterrows():
        row = row.to_dict()
        name = _text(row.get("trial"))
        if _text(row.get("cohort")) not in ("", "all"):
            name += f" ({_text(row['cohort'])})"
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


def design_text(design: Any, phase: Any) -> str:
    """Design and phase as one phrase, without saying the same word twice.

    >>> design_text("randomised_controlled", "III"), design_text("retrospective", "retrospective")
    ('randomised controlled, phase III', 'retrospective')
    >>> design_text("randomised_controlled", "not stated")
    'randomised controlled, phase not stated'
    """
    design, phase = _text(design).replace("_", " "), _text(phase)
    if not phase or phase in design:
        return design
    return f"{design}, phase {phase}" if design else f"phase {phase}"


def short_name(name: str) -> str:
    """A therapy's abbreviation when its name ends with one in brackets, else the name.

    >>> short_name("Capecitabine + temozolomide (CAPTEM)"), short_name("Everolimus")
    ('CAPTEM', 'Everolimus')
    """
    match = re.search(r"\(([^()]+)\)\s*$", name)
    return match.group(1) if match else name


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
        name = _text(trial.get("trial"))
        cohort = _text(trial.get("cohort"))
        if cohort and cohort != "all":
            name += f" ({cohort})"
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
    return f"<table>{_TRIAL_COLUMNS}<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"


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
    from .handouts import content_reviewed

    classes = therapy_classes(therapies)
    if therapy_class not in classes:
        raise ValueError(
            f"therapy_class must be one of {', '.join(repr(c) for c in classes)}; "
            f"got {therapy_class!r}"
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
        f"content last reviewed {reviewed.isoformat()}"
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
        from . import evidence

        therapies = evidence.therapies() if therapies is None else therapies
        trials = evidence.trials() if trials is None else trials
        toxicities = evidence.toxicity_table() if toxicities is None else toxicities
        labels = evidence.label_figures() if labels is None else labels
    from .engine.catalogue import load_catalogue

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    reviewed = None
    written = []
    from .handouts import write_atomic

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
