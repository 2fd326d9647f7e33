"""One-page summary sheets per therapy class, generated from ``therapies()`` and ``trials()``.

Each sheet lists, for every therapy of the class, its mechanism, dose and schedule, approval and
main toxicities (with management), then the pivotal trials with their numbers and citations. Rows
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
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .render import DISCLAIMER, escape

if TYPE_CHECKING:
    import pandas as pd

#: Display names for the therapy_class ids used in therapies.yaml (names, not clinical facts).
CLASS_TITLES = {
    "ssa": "Somatostatin analogues",
    "mtor_inhibitor": "mTOR inhibitor",
    "tki": "Tyrosine kinase inhibitors",
    "prrt": "Peptide receptor radionuclide therapy (PRRT)",
    "chemotherapy": "Cytotoxic chemotherapy",
    "hif2a_inhibitor": "HIF-2α inhibitor",
}
#: The confidence mark of figures seen in their primary source; other marks are shown on the row.
VERIFIED = "verified"
SHEET_PREFIX = "class_"
NOT_REPORTED = "—"

_SHEET_CSS = """
@page { size: A4; margin: 10mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.5pt; line-height: 1.3;
  color: #111; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 15pt; margin: 0 0 2pt; color: #0072B2; }
h2 { font-size: 11pt; margin: 8pt 0 3pt; border-bottom: 1px solid #0072B2; }
h3 { font-size: 9.5pt; margin: 6pt 0 2pt; }
p, ul { margin: 2pt 0; }
ul { padding-left: 14pt; }
.meta { color: #333; margin: 0 0 3pt; }
.disclaimer { border-left: 5px solid #D55E00; background: #fff4ec; padding: 2pt 6pt;
  font-weight: bold; }
.therapy { break-inside: avoid; }
dl { display: grid; grid-template-columns: 7em 1fr; gap: 1pt 6pt; margin: 2pt 0; }
dt { font-weight: bold; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; break-inside: avoid; }
th, td { border: 1px solid #999; padding: 1.5pt 3pt; vertical-align: top; text-align: left; }
th { background: #e8f1f8; }
td.num { white-space: nowrap; }
.flag { color: #D55E00; font-weight: bold; }
.cite { font-size: 7.5pt; color: #333; }
footer { margin-top: 6pt; font-size: 7.5pt; color: #444; border-top: 1px solid #999; }
"""


def class_title(therapy_class: str) -> str:
    """Display name of a therapy class id (unknown ids are made readable, not rejected).

    >>> class_title("prrt"), class_title("new_class")
    ('Peptide receptor radionuclide therapy (PRRT)', 'New class')
    """
    return CLASS_TITLES.get(therapy_class, therapy_class.replace("_", " ").capitalize())


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
    texts = [fmt_number(value)] + ([] if _missing(control) else [fmt_number(control)])
    decimals = max(len(t.partition(".")[2]) for t in texts)
    if "e" not in "".join(texts):
        texts = [f"{float(t):.{decimals}f}" for t in texts]
    return " vs ".join(f"{t}{unit}" for t in texts)


def toxicity_line(toxicity: Any) -> str:
    """One toxicity, with its rate and source when the data gives them, then its management.

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
    if toxicity.get("management"):
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


def hazard_ratio(trial: Mapping[str, Any]) -> str:
    """``HR (low-high)`` for the primary time endpoint, or a dash.

    >>> hazard_ratio({"hr": 0.35, "hr_low": 0.27, "hr_high": 0.45})
    '0.35 (0.27-0.45)'
    """
    if _missing(trial.get("hr")):
        return NOT_REPORTED
    text = fmt_number(trial["hr"])
    if not _missing(trial.get("hr_low")) and not _missing(trial.get("hr_high")):
        text += f" ({fmt_number(trial['hr_low'])}-{fmt_number(trial['hr_high'])})"
    return text


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


def _therapy_block(therapy: Mapping[str, Any]) -> str:
    rows = [
        ("Agents", escape(_text(therapy.get("agents")))),
        ("Mechanism", escape(_text(therapy.get("mechanism")))),
        ("Dose", escape(_text(therapy.get("dose_schedule")))),
        ("Approval", escape(_text(therapy.get("approval")))),
    ]
    toxicities = _as_list(therapy.get("toxicities"))
    if toxicities:
        items = "".join(f"<li>{escape(toxicity_line(t))}</li>" for t in toxicities)
        rows.append(("Main toxicities", f"<ul>{items}</ul>"))
    if _text(therapy.get("poor_fit")):
        rows.append(("Poor fit", escape(_text(therapy.get("poor_fit")))))
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows if value)
    return (
        f'<section class="therapy"><h3>{escape(_text(therapy.get("name")))}</h3>'
        f"<dl>{body}</dl></section>"
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
        flag = (
            f'<br><span class="flag">figures: {escape(confidence)}</span>'
            if confidence != VERIFIED
            else ""
        )
        therapy = names.get(_text(trial.get("therapy")), _text(trial.get("therapy")))
        comparator = _text(trial.get("comparator"))
        arms = f"{therapy} vs {comparator}" if comparator else therapy
        phase = _text(trial.get("phase"))
        design = ", ".join(
            part
            for part in (_text(trial.get("design")).replace("_", " "), phase and f"phase {phase}")
            if part
        )
        cells = [
            f"<strong>{escape(name)}</strong>{flag}",
            escape(design),
            escape(arms),
            f'<span class="num">{escape(fmt_number(trial.get("n")))}</span>',
            escape(_text(trial.get("pannet"))),
            escape(key_result(trial)),
            escape(hazard_ratio(trial)),
            escape(response_rate(trial)),
            f'<span class="cite">{escape(citation(trial))}</span>',
        ]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"


def sheet_html(
    therapy_class: str,
    therapies: pd.DataFrame,
    trials: pd.DataFrame,
    *,
    reviewed: datetime.date | None = None,
) -> str:
    """A self-contained, printable one-page HTML sheet for one therapy class.

    Raises ``ValueError`` naming the class ids there are when ``therapy_class`` is unknown.
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
    blocks = "".join(_therapy_block(row.to_dict()) for _, row in members.iterrows())
    rows = class_trials(therapy_class, therapies, trials)
    table = (
        _trials_table(rows, {**all_names, **names})
        if len(rows)
        else "<p>No trials for this class in the data.</p>"
    )
    title = class_title(therapy_class)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} · pannet-edu summary sheet</title>"
        f"<style>{_SHEET_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        '<p class="meta">pannet-edu therapy-class summary · metastatic pancreatic NET · '
        f"content last reviewed {reviewed.isoformat()}</p>"
        f'<p class="disclaimer">{escape(DISCLAIMER)}</p>'
        f"<h2>Therapies</h2>{blocks}"
        f"<h2>Pivotal trials</h2>{table}"
        '<p class="cite">mo = months; ORR = objective response rate; HR = hazard ratio for the '
        "time endpoint shown first; panNET: whether pancreatic NETs were enrolled (part = some). "
        "Rows marked with a confidence other than verified rest on a secondary or congress "
        "source.</p>"
        f"<footer>Generated from the pannet-edu data files (trials.csv, therapies.yaml), "
        f"pannet-edu {escape(__version__)}. {escape(DISCLAIMER)}</footer>"
        "</body></html>"
    )


def build_class_sheets(
    out_dir: str | os.PathLike[str],
    *,
    therapies: pd.DataFrame | None = None,
    trials: pd.DataFrame | None = None,
    classes: Iterable[str] | None = None,
) -> list[Path]:
    """Write ``class_<id>.html`` for every therapy class (default: the packaged data)."""
    if therapies is None or trials is None:
        from . import evidence

        therapies = evidence.therapies() if therapies is None else therapies
        trials = evidence.trials() if trials is None else trials
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    reviewed = None
    written = []
    for therapy_class in classes or therapy_classes(therapies):
        target = out / f"{SHEET_PREFIX}{therapy_class}.html"
        target.write_text(
            sheet_html(therapy_class, therapies, trials, reviewed=reviewed), encoding="utf-8"
        )
        written.append(target)
    return written
