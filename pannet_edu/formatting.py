"""The one set of formatters: every table, card, figure label, handout, class sheet and lesson
prints a stored number through them, so one number reads the same on every screen.

:func:`format_number`, :func:`format_percent`, :func:`format_vs` (a result beside its control),
:func:`format_interval`, :func:`format_hr` (a hazard ratio with its interval), :data:`MISSING`
for a value the data does not hold, and :func:`format_citation` for a citation. A lesson never
formats a clinical number itself (``tests/test_lesson_formatting.py``).

>>> format_hr({"hr": 0.34, "hr_low": 0.2, "hr_high": 0.59})
'0.34 (0.20–0.59)'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
    "MISSING",
    "arms_label",
    "exact_number",
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
    "therapy_display_name",
]
