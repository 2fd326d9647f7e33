"""How a class sheet writes a toxicity, a trial's result and its citation.

Every number, interval, hazard ratio, missing value and citation goes through the one set of
formatters in :mod:`pannet_edu.display`: numbers as the data give them, never rounded, zeros
added only so that two numbers compared side by side have the same decimals; a missing value
prints as :data:`~pannet_edu.formatting.MISSING`.

>>> hazard_ratio({"hr": 0.34, "hr_low": 0.2, "hr_high": 0.59})
'0.34 (0.20–0.59)'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..formatting import MISSING, format_citation, format_hr, format_number, format_vs

#: How a sheet shows a value the data does not hold: the one dash of the toolkit.
NOT_REPORTED = MISSING


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
    ('0.47', '204', '–')
    """
    return format_number(None if _missing(value) else value)


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
    return format_vs(value, None if _missing(control) else control, unit=unit)


def sheet_toxicity_lines(toxicities: Sequence[Any]) -> list[str]:
    """The one-page sheet's toxicity lines: neighbouring toxicities with no rate and the same
    source share one line (the data keeps one symptom per entry; the page saves the space).

    >>> sheet_toxicity_lines([{"effect": "nausea and vomiting", "source": "S"},
    ...                       {"effect": "fatigue", "source": "S"},
    ...                       {"effect": "diarrhoea", "percent": 63, "source": "S"}])
    ['nausea and vomiting; fatigue (S).', 'diarrhoea 63% (S).']
    """
    lines: list[str] = []
    shared: tuple[list[str], str] | None = None  # effects so far, their source
    for toxicity in toxicities:
        unrated = isinstance(toxicity, Mapping) and all(
            _missing(toxicity.get(k)) for k in ("percent", "grade3plus_percent"))
        source = _text(toxicity.get("source")) if unrated else ""
        if unrated and source and shared is not None and shared[1] == source:
            shared[0].append(_text(toxicity.get("effect", "")))
            lines[-1] = f"{'; '.join(shared[0])} ({source})."
            continue
        lines.append(toxicity_line(toxicity, management=False))
        shared = ([_text(toxicity.get("effect", ""))], source) if unrated and source else None
    return lines


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
    'PFS not reached vs 18 mo; 24-mo PFS 65.1% vs 33.0%'
    """
    endpoint = _text(trial.get("time_endpoint")) or "PFS"
    parts = []
    reached = not bool(trial.get("pfs_median_not_reached") is True)
    control = trial.get("pfs_median_control")
    if reached and not _missing(trial.get("pfs_median")):
        parts.append(f"{endpoint} {fmt_pair(trial['pfs_median'], control, unit='')} mo")
    elif not reached or not _missing(control):
        arm = "not reached" if not reached else NOT_REPORTED
        median = f"{endpoint} {arm}"
        if not _missing(control):
            median += f" vs {fmt_number(control)}"
        parts.append(median + " mo")
    if not _missing(trial.get("landmark_months")) and not _missing(trial.get("landmark_pfs")):
        landmark = fmt_pair(trial["landmark_pfs"], trial.get("landmark_pfs_control"))
        parts.append(f"{fmt_number(trial['landmark_months'])}-mo {endpoint} {landmark}")
    if not _missing(trial.get("os_median")):
        os_text = f"OS {fmt_pair(trial['os_median'], trial.get('os_median_control'), unit='')} mo"
        if not _missing(trial.get("os_hr")):
            os_text += f" (HR {fmt_number(trial['os_hr'])})"
        parts.append(os_text)
    return "; ".join(parts) or NOT_REPORTED


def hazard_ratio(trial: Mapping[str, Any]) -> str:
    """The hazard ratio of the primary time endpoint with its 95% CI
    (:func:`pannet_edu.formatting.format_hr`), or a dash.

    >>> hazard_ratio({"hr": 0.35, "hr_low": 0.27, "hr_high": 0.45}), hazard_ratio({"hr": None})
    ('0.35 (0.27–0.45)', '–')
    """
    return format_hr({key: None if _missing(trial.get(key)) else trial.get(key)
                      for key in ("hr", "hr_low", "hr_high")})


def response_rate(trial: Mapping[str, Any]) -> str:
    """Objective response rate, therapy vs control where there is one.

    >>> response_rate({"orr": 9.3, "orr_control": 0.0}), response_rate({"orr": None})
    ('9.3% vs 0.0%', '–')
    """
    return fmt_pair(trial.get("orr"), trial.get("orr_control"))


def citation(trial: Mapping[str, Any]) -> str:
    """The row's citation with its identifiers (:func:`pannet_edu.formatting.format_citation`),
    without the closing full stop: the sheet's last column, kept to one page.

    >>> citation({"citation": "Yao JC et al. N Engl J Med 2011", "pmid": "21306238", "doi": None})
    'Yao JC et al. N Engl J Med 2011. PMID 21306238'
    """
    cited = format_citation(_text(trial.get("citation")), trial.get("pmid"), trial.get("doi"))
    return cited.removesuffix(".")


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


missing = _missing
as_text = _text
as_list = _as_list
