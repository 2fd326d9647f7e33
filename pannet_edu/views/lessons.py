"""Small tables for the therapy lessons, built from the evidence data.

Each function returns a :class:`~pannet_edu.display.Table` (HTML in a notebook, aligned text
elsewhere) whose every number is read from :mod:`pannet_edu.evidence`, printed as stored, so a
lesson's tables cannot drift from the data. Nothing here decides anything about a patient.

>>> row = key_results(["RADIANT-3"]).rows[0]
>>> row["median PFS/TTP, months"], row["hazard ratio (95% CI)"], row["response rate, %"]
('PFS 11 vs 4.6', '0.35 (0.27–0.45)', '–')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .. import evidence
from ..content.sources import Source, confidence_mark, reference_list
from ..display import Table, table
from ..formatting import format_hr, format_number, is_missing
from .trials import trial_label
from .wording import plain


def catalogue_name(therapy_id: str) -> str:
    """The therapy's name as the catalogue gives it (the id itself if it has none).

    >>> catalogue_name("capecitabine_temozolomide")
    'Capecitabine + temozolomide (CAPTEM)'
    """
    catalogue = evidence.therapies()
    return str(catalogue.loc[therapy_id, "name"]) if therapy_id in catalogue.index else therapy_id

_CELL_STYLE = "text-align:left;vertical-align:top;padding:2px 8px"


class LessonTable(Table):
    """A :class:`~pannet_edu.display.Table` whose cells read left to right, top-aligned.

    Lesson tables hold sentences (mechanisms, management), which are hard to read right-aligned,
    as notebook front-ends align table cells by default.

    >>> 'style="text-align:left' in LessonTable([{"a": "text"}])._repr_html_()
    True
    """

    def _repr_html_(self) -> str:
        html = table(self.rows, caption=self.caption)
        # render.table escapes every cell's text, so these tags can only be the table's own.
        return html.replace("<td>", f'<td style="{_CELL_STYLE}">').replace(
            "<th>", f'<th style="{_CELL_STYLE}">'
        )


#: How the ``pannet`` column reads in a lesson table.
PANNET_TEXT = {
    "yes": "yes",
    "part": "partly (mixed sites)",
    "no": "no: other sites only; for panNET, extrapolated",
}




def _names(argument: str, values: Iterable[str] | str, allowed: Iterable[str]) -> list[str]:
    """The requested names in order, or ValueError naming the argument and what is allowed."""
    chosen = [values] if isinstance(values, str) else list(values)
    allowed = list(dict.fromkeys(allowed))
    unknown = [v for v in chosen if v not in allowed]
    if unknown or not chosen:
        raise ValueError(
            f"{argument} must name one or more of {', '.join(map(repr, allowed))}; "
            f"got {', '.join(map(repr, unknown)) or 'nothing'}"
        )
    return chosen


def _median_text(row) -> str:
    """'PFS 11 vs 4.6', 'PFS not reached vs 18' or a single-arm 'PFS 5.6' (months)."""
    if is_missing(row["time_endpoint"]):
        return "–"
    therapy = "not reached" if row["pfs_median_not_reached"] else format_number(row["pfs_median"])
    if is_missing(row["comparator"]):
        return f"{row['time_endpoint']} {therapy}"
    return f"{row['time_endpoint']} {therapy} vs {format_number(row['pfs_median_control'])}"


def _rate_text(value, control, has_control: bool) -> str:
    if is_missing(value):
        return "–"
    if not has_control:
        return format_number(value)
    return f"{format_number(value)} vs {format_number(control)}"


def _confidence_text(row) -> str:
    """The row's mark from the one vocabulary (:data:`~pannet_edu.content.sources.MARKS`); ''
    if checked."""
    return confidence_mark(row["confidence"], row["figures_source"])


def key_results(trial_names: Iterable[str] | str) -> Table:
    """One line per cohort of the named trials: who was enrolled, n, medians, HR and response.

    Medians are PFS or TTP as the trial reported (the column says which); "not reached" is shown
    as such; a dash means the source gives no value. Midgut-only trials are marked extrapolated.

    >>> key_results("CLARINET").rows[0]["median PFS/TTP, months"]
    'PFS not reached vs 18'
    >>> key_results(["RADIANT-4"])
    Traceback (most recent call last):
    ...
    ValueError: trial_names must name one or more of 'PROMID', ...; got 'RADIANT-4'
    """
    table = evidence.trials()
    chosen = _names("trial_names", trial_names, table.trial)
    rows = []
    for name in chosen:
        for _, row in table[table.trial == name].iterrows():
            has_control = not is_missing(row["comparator"])
            rows.append({
                "trial": trial_label(row),
                "panNETs enrolled": PANNET_TEXT[row["pannet"]],
                "n": format_number(row["n"]),
                "median PFS/TTP, months": _median_text(row),
                "hazard ratio (95% CI)": format_hr(row),
                "response rate, %": _rate_text(row["orr"], row["orr_control"], has_control),
                "mark": _confidence_text(row),
            })
    return LessonTable(rows)


def trial_row(trial: str, cohort: str = "all"):
    """One trial cohort as a pandas Series, for quoting its numbers in a lesson's f-strings.

    >>> row = trial_row("CABINET", "pancreatic")
    >>> f"{row.pfs_median:g} vs {row.pfs_median_control:g} months, HR {row.hr:g}"
    '13.8 vs 4.4 months, HR 0.23'
    """
    table = evidence.trials()
    match = table[(table.trial == trial) & (table.cohort == cohort)]
    if match.empty:
        known = ", ".join(f"{t} / {c}" for t, c in zip(table.trial, table.cohort, strict=True))
        raise ValueError(f"trial and cohort must be one of: {known}; got {trial} / {cohort}")
    return match.iloc[0]


#: Whom a trial enrolled, as the verb phrase of a sentence (one wording for every lesson).
_ENROLLED = {
    "yes": "enrolled panNETs",
    "part": "enrolled panNETs among other primary sites",
    "no": "enrolled no panNETs",
}


def enrolled_sentence(row) -> str:
    """Whom a trial cohort enrolled, as a sentence that reads the right way round.

    >>> enrolled_sentence(trial_row("PROMID"))  # doctest: +NORMALIZE_WHITESPACE
    'PROMID enrolled no panNETs: treatment-naive, well-differentiated metastatic midgut NETs
    (functioning and non-functioning).'
    >>> enrolled_sentence(trial_row("RADIANT-3"))[:48]
    'RADIANT-3 enrolled panNETs: advanced low- or int'
    """
    population = str(row["population"]).split(";")[0].strip().rstrip(".")
    return f"{row['trial']} {_ENROLLED[row['pannet']]}: {population[:1].lower()}{population[1:]}."


def note_sentence(row, word: str) -> str:
    """The sentence of a trial row's notes that mentions ``word``, ending with one full stop.

    For quoting a finding in a lesson without cutting the notes by hand (a sentence split at
    ". " keeps the final full stop of the last one, so adding one would print "response..").

    >>> note_sentence(trial_row("E2211"), "MGMT")
    'MGMT deficiency was associated with response.'
    >>> note_sentence(trial_row("E2211"), "nothing like this")
    Traceback (most recent call last):
    ...
    ValueError: word must appear in the notes of E2211; 'nothing like this' does not
    """
    notes = " ".join(str(row["notes"]).split())
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9(])", notes):
        if word.casefold() in sentence.casefold():
            return sentence.rstrip(".") + "."
    raise ValueError(f"word must appear in the notes of {row['trial']}; {word!r} does not")


def therapy_profile(therapy_id: str) -> Table:
    """The catalogue entry of one therapy: agents, mechanism, dose, approval, poor fit, trials.

    >>> print(therapy_profile("surufatinib").rows[3]["detail"])
    Surufatinib 300 mg orally once daily (SANET-p).
    """
    catalogue = evidence.therapies()
    (therapy_id,) = _names("therapy_id", [therapy_id], catalogue.index)
    entry = catalogue.loc[therapy_id]
    items = [
        ("therapy", f"{entry['name']} (class: {plain(entry['therapy_class'])})"),
        ("agents", ", ".join(entry["agents"])),
        ("how it works", entry["mechanism"]),
        ("dose and schedule", entry["dose_schedule"]),
        ("approval", " | ".join(entry["approval"])),
        ("poor candidates", entry["poor_fit"]),
        ("key trials", ", ".join(entry["key_trials"])),
    ]
    return LessonTable([{"item": item, "detail": detail} for item, detail in items])


def toxicity_summary(therapy_ids: Iterable[str] | str) -> Table:
    """Main toxicities of the given therapies with the reported rate (where the source has one),
    its source and the management principle.

    >>> row = toxicity_summary("everolimus").rows[0]
    >>> row["toxicity"], row["reported rate, %"]
    ('stomatitis', 'any grade 64 vs 17')
    """
    tox = evidence.toxicity_table()
    chosen = _names("therapy_ids", therapy_ids, tox.therapy)
    rows = []
    for therapy_id in chosen:
        for _, row in tox[tox.therapy == therapy_id].iterrows():
            rates = []
            if not is_missing(row["percent"]):
                rate = f"any grade {format_number(row['percent'])}"
                if not is_missing(row["percent_control"]):
                    rate += f" vs {format_number(row['percent_control'])}"
                rates.append(rate)
            if not is_missing(row["grade3plus_percent"]):
                rates.append(f"grade ≥3 {format_number(row['grade3plus_percent'])}")
            rows.append({
                "therapy": catalogue_name(therapy_id),
                "toxicity": row["effect"],
                "reported rate, %": "; ".join(rates) or "named, rate not recorded",
                "source": row["source"],
                "management": row["management"],
            })
    return LessonTable(rows)


def _factor_caps(therapy_id: str) -> str:
    """The catalogue's poor-fit factors of a therapy in words, each with the verdict it caps."""
    from ..engine.catalogue import load_catalogue
    from ..vocab import FACTOR_NAMES

    return ", ".join(
        f"{FACTOR_NAMES[p.factor][0].lower()}{FACTOR_NAMES[p.factor][1:]} ({p.caps})"
        for p in load_catalogue()[therapy_id].poor_fit_detail
        if p.caps != "note"
    )


def poor_fit_summary(therapy_ids: Iterable[str] | str) -> Table:
    """Who is a poor candidate for each therapy, in words and as the factors the engine reads
    (each with the verdict it caps).

    >>> poor_fit_summary("everolimus").rows[0]["factors"][:55]
    'diabetes (caution), interstitial lung disease (caution)'
    """
    catalogue = evidence.therapies()
    chosen = _names("therapy_ids", therapy_ids, catalogue.index)
    return LessonTable([
        {
            "therapy": catalogue.loc[therapy_id, "name"],
            "poor candidates": catalogue.loc[therapy_id, "poor_fit"],
            "factors": _factor_caps(therapy_id) or "–",
        }
        for therapy_id in chosen
    ])


def boxed_warning_checks() -> Table:
    """The checks before a first dose that a label marks with a boxed warning, for every systemic
    therapy of the catalogue, each with its source and its confidence mark (the words a learner
    can say on a ward: name the check before the first dose).

    >>> rows = boxed_warning_checks().rows
    >>> all("boxed" in (r["check before the first dose"] + r["source"]).lower() for r in rows)
    True
    """
    from ..content.sources import confidence_mark
    from ..engine.catalogue import load_catalogue

    catalogue = load_catalogue()
    rows = []
    for therapy in catalogue:
        if not catalogue.is_systemic(therapy.id):
            continue
        for check in therapy.before_starting:
            if "boxed" not in f"{check.check} {check.source}".lower():
                continue
            mark = confidence_mark(check.confidence)
            rows.append({
                "therapy": therapy.short_name,
                "check before the first dose": check.check,
                "source": f"{check.source} ({mark})" if mark else check.source,
            })
    return LessonTable(rows)


def therapy_overview(therapy_ids: Iterable[str] | str) -> Table:
    """Several therapies side by side: class, how each works, dose and schedule, approval.

    >>> [row["class"] for row in therapy_overview(["everolimus", "sunitinib"]).rows]
    ['mTOR inhibitor', 'tyrosine kinase inhibitor']
    """
    catalogue = evidence.therapies()
    chosen = _names("therapy_ids", therapy_ids, catalogue.index)
    return LessonTable([
        {
            "therapy": catalogue.loc[therapy_id, "name"],
            "class": plain(catalogue.loc[therapy_id, "therapy_class"]),
            "how it works": catalogue.loc[therapy_id, "mechanism"],
            "dose and schedule": catalogue.loc[therapy_id, "dose_schedule"],
            "approval": " | ".join(catalogue.loc[therapy_id, "approval"]),
        }
        for therapy_id in chosen
    ])


def journal_vs_label(trial: str) -> Table:
    """A trial's journal figures next to its regulatory-label figures, each with its source.

    >>> rows = journal_vs_label("CABINET").rows
    >>> [(r["cohort"], r["figures from"], r["control median PFS, months"]) for r in rows][:2]
    [('pancreatic', 'journal', '4.4'), ('pancreatic', 'FDA label', '3.3')]
    """
    table, labels = evidence.trials(), evidence.label_figures()
    (trial,) = _names("trial", [trial], labels.trial)
    rows = []
    for _, journal in table[table.trial == trial].iterrows():
        versions = [("journal", journal, journal["citation"])]
        matching = labels[(labels.trial == trial) & (labels.cohort == journal["cohort"])]
        versions += [(f"{label['label']} label", label, label["source"])
                     for _, label in matching.iterrows()]
        for origin, row, source in versions:
            rows.append({
                "cohort": journal["cohort"],
                "figures from": origin,
                "assessment": (row["assessment"] if origin != "journal"
                               and not is_missing(row["assessment"]) else "–"),
                "n": format_number(row["n"]),
                "median PFS, months": format_number(row["pfs_median"]),
                "control median PFS, months": format_number(row["pfs_median_control"]),
                "hazard ratio (95% CI)": format_hr(row),
                "response rate, %": format_number(row["orr"]),
                "source": source,
            })
    return LessonTable(rows)


def lesson_references(
    trial_names: Iterable[str] | str = (),
    therapy_ids: Iterable[str] | str = (),
    *extra: Source,
) -> Table:
    """References for a lesson: the trials' citations, then the therapies' sources, each once,
    then any ``extra`` sources (e.g. a review from :mod:`pannet_edu.content.sources`).

    >>> refs = lesson_references(["CABINET"], ["cabozantinib"])
    >>> [r["identifiers"] for r in refs.rows][:1]
    ['PMID 39282913; DOI 10.1056/NEJMoa2403991']
    >>> len(refs.rows)
    4
    """
    found = evidence.references(trial_names, therapy_ids)
    return LessonTable(reference_list(*found, *(e for e in extra if e not in found)).rows)

__all__ = [
    "PANNET_TEXT",
    "LessonTable",
    "catalogue_name",
    "enrolled_sentence",
    "is_missing",
    "journal_vs_label",
    "key_results",
    "lesson_list",
    "lesson_references",
    "note_sentence",
    "poor_fit_summary",
    "therapy_overview",
    "therapy_profile",
    "toxicity_summary",
    "trial_row",
]


def lesson_list() -> LessonTable:
    """The lessons and what each teaches, read from the lesson manifest (as the README's table).

    >>> lesson_list().rows[0]["notebook"]
    '01_classification_and_staging'
    """
    from ..content.manifest import load_manifest

    return LessonTable([{"notebook": entry.id, "what it teaches": entry.teaches}
                        for entry in load_manifest() if entry.kind == "lesson"],
                       caption="The lessons")
