"""The engine beside the case author: verdicts side by side, what changed between decisions, and
what-if (change one patient factor and see which verdicts move).

The author's verdicts are a teacher's reading; the engine (:mod:`pannet_edu.engine`) gives its
own. :func:`engine_comparison` puts them side by side so that any disagreement stays visible, and
each one must be explained in the case file (``engine_note``).

>>> from pannet_edu.practice.cases import load_case
>>> bool(engine_comparison(load_case("vipoma"))["agrees"].any())
True
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ...content.fields import short_repr
from ...display import Table
from ...engine import THERAPY_NAMES, Patient, appraise, what_if
from ...vocab import (
    BURDENS,
    COMORBIDITIES,
    COMORBIDITY_NAMES,
    DIFFERENTIATIONS,
    DPYD_STATUSES,
    HEREDITARY_SYNDROMES,
    PERFORMANCE_STATUS_NAMES,
    PERFORMANCE_STATUSES,
    REGIONS,
    SSTR_NAMES,
    SSTR_STATUSES,
    SYNDROME_NAMES,
    SYNDROMES,
)
from .loader import case_bank
from .model import Case

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COMPARISON_COLUMNS", "FIELD_LABELS", "WHAT_IF_FACTORS", "WHAT_IF_KI67",
           "comparison_rows", "describe_changes", "disagreement_table", "engine_comparison",
           "patient_changes", "show_value", "what_if_lines", "what_if_values"]  # fmt: skip


# --- The engine beside the author --------------------------------------------------------------
COMPARISON_COLUMNS = (
    "case", "step", "option", "author_verdict", "engine_verdict", "agrees", "engine_note",
    "engine_reasons",
)  # fmt: skip


def engine_comparison(case: Case) -> pd.DataFrame:
    """The engine's verdict beside the author's, for every step and option of a case.

    ``agrees`` is ``True`` when the two verdicts are the same. Every disagreement must carry an
    ``engine_note`` in the case file saying why the author reads the patient differently.

    >>> from pannet_edu.practice.cases import load_case
    >>> table = engine_comparison(load_case("nec_large_cell"))
    >>> table.loc[0, ["step", "option", "author_verdict", "engine_verdict"]].tolist()
    ['first_line', 'platinum_etoposide', 'preferred', 'preferred']
    >>> bool(table["agrees"].all())
    True
    """
    import pandas as pd

    if not isinstance(case, Case):
        raise TypeError(f"case must be a Case (from load_case), got {type(case).__name__}")
    rows = []
    for step in case.steps:
        appraisal = appraise(step.patient)
        for option in step.options:
            engine = appraisal.loc[option.therapy]
            rows.append(
                (
                    case.id,
                    step.id,
                    option.therapy,
                    option.verdict,
                    engine["verdict"],
                    option.verdict == engine["verdict"],
                    option.engine_note,
                    engine["reasons"],
                )
            )
    return pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))


def patient_changes(before: Patient, after: Patient) -> dict[str, tuple[object, object]]:
    """The patient fields that differ between two steps, as ``{field: (before, after)}``.

    >>> from pannet_edu.practice.cases import load_case
    >>> case = load_case("vipoma")
    >>> patient_changes(case.steps[0].patient, case.steps[1].patient)["progressing"]
    (False, True)
    """
    return {
        f.name: (getattr(before, f.name), getattr(after, f.name))
        for f in dataclasses.fields(Patient)
        if f.init and getattr(before, f.name) != getattr(after, f.name)
    }


#: How each patient field is named to a learner when it changes between decisions.
FIELD_LABELS = {
    "ki67": "Ki-67",
    "mitoses": "mitoses per 2 mm²",
    "differentiation": "differentiation",
    "sstr": "SSTR imaging",
    "burden": "tumour burden",
    "progressing": "progressing",
    "symptomatic": "symptoms",
    "syndrome": "functional syndrome",
    "prior": "therapies so far",
    "comorbidities": "comorbidities",
    "hereditary": "hereditary syndrome",
    "m_category": "spread of metastases (M category)",
    "resectable": "all visible disease removable or ablatable",
    "region": "region",
    "durable_benefit": "long disease control from",
    "hypoglycaemia_refractory": "hypoglycaemia despite diet and diazoxide",
    "dpyd": "DPYD (DPD deficiency) test",
    "pregnancy_possible": "could become pregnant",
    "pregnant": "pregnant",
    "performance_status": "performance status (ECOG)",
}
_VALUE_WORDS = {
    "unknown": "not tested",
    "normal": "normal",
    "partial_deficiency": "partial DPD deficiency",
    "complete_deficiency": "complete DPD deficiency",
}


def show_value(field_name: str, value: object) -> str:
    """A patient value in a learner's words (therapy and comorbidity names, yes/no, percent).

    >>> from pannet_edu.practice.cases import load_case
    >>> show_value("prior", ("ssa", "everolimus"))
    'somatostatin analogue (SSA), everolimus'
    >>> show_value("ki67", 14.0), show_value("progressing", True)
    ('14%', 'yes')
    """
    if value is None or value == ():
        return {"resectable": "not assessed", "performance_status": "not stated"}.get(
            field_name, "none")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field_name == "performance_status":
        return PERFORMANCE_STATUS_NAMES[value]
    if field_name == "sstr":
        return SSTR_NAMES[value]
    if field_name == "ki67":
        return f"{value:g}%"
    if isinstance(value, float | int):
        return f"{value:g}"
    if isinstance(value, tuple):
        return ", ".join(show_value(field_name, v) for v in value)
    if value in THERAPY_NAMES:
        return THERAPY_NAMES[value]
    if value in COMORBIDITY_NAMES:
        return COMORBIDITY_NAMES[value].lower()
    if value in SYNDROME_NAMES:
        return SYNDROME_NAMES[value]
    if field_name == "dpyd":
        return _VALUE_WORDS.get(str(value), str(value).replace("_", " "))
    return str(value).replace("_", " ")


def describe_changes(before: Patient, after: Patient) -> str:
    """What changed between two decisions, in a learner's words ('' when nothing did).

    >>> from pannet_edu.practice.cases import load_case
    >>> case = load_case("progression_after_ssa_g2")
    >>> describe_changes(case.steps[0].patient, case.steps[1].patient)
    'progressing: no → yes; therapies so far: none → somatostatin analogue (SSA)'
    """
    return "; ".join(
        f"{FIELD_LABELS.get(name, name.replace('_', ' '))}: {show_value(name, a)} → "
        f"{show_value(name, b)}"
        for name, (a, b) in patient_changes(before, after).items()
    )


# --- What-if: change one patient factor ------------------------------------------------------
#: Patient factors a learner may change in the case player, with their labels.
WHAT_IF_FACTORS = {
    "ki67": "Ki-67",
    "differentiation": "Differentiation",
    "sstr": "SSTR imaging",
    "burden": "Tumour burden",
    "progressing": "Progressing",
    "symptomatic": "Symptomatic",
    "syndrome": "Functional syndrome",
    "comorbidities": "Comorbidities",
    "hereditary": "Hereditary syndrome",
    "region": "Region",
    "dpyd": "DPYD test",
    "pregnancy_possible": "Could become pregnant",
    "pregnant": "Pregnant",
    "performance_status": "Performance status (ECOG)",
    "resectable": "All disease removable",
}
#: Ki-67 values offered for a what-if (vignette values spanning G1, G2 and G3, not cut-offs).
WHAT_IF_KI67 = (2, 5, 8, 12, 15, 25, 35, 60, 80)


def what_if_values(patient: Patient, factor: str) -> list[tuple[str, object]]:
    """The values ``factor`` can be changed to for this patient, as ``(label, value)`` pairs.

    The current value is left out, so every entry is a real change. Comorbidities change one at a
    time: each entry adds or removes one.

    >>> from pannet_edu.practice.cases import load_case
    >>> p = Patient(ki67=5, sstr="positive", comorbidities=["diabetes"])
    >>> sorted(value for _label, value in what_if_values(p, "sstr"))
    ['below_liver', 'equal_to_liver', 'heterogeneous', 'negative', 'unknown']
    >>> what_if_values(p, "comorbidities")[0]
    ('remove diabetes', ())
    >>> what_if_values(p, "age")
    Traceback (most recent call last):
    ...
    ValueError: factor must be one of 'ki67', 'differentiation', ...; got 'age'
    """
    if not isinstance(factor, str) or factor not in WHAT_IF_FACTORS:
        options = ", ".join(repr(f) for f in WHAT_IF_FACTORS)
        raise ValueError(f"factor must be one of {options}; got {short_repr(factor)}")
    current = getattr(patient, factor)
    if factor == "ki67":
        return [(f"{k}%", float(k)) for k in WHAT_IF_KI67 if k != current]
    if factor in ("progressing", "symptomatic", "pregnancy_possible", "pregnant"):
        return [("yes", True)] if not current else [("no", False)]
    if factor == "resectable":
        return [(show_value(factor, v), v) for v in (None, True, False) if v != current]
    if factor == "dpyd":
        return [(show_value(factor, v), v) for v in DPYD_STATUSES if v != current]
    if factor == "performance_status":
        return [(show_value(factor, v), v) for v in (None, *PERFORMANCE_STATUSES)
                if v != current]
    if factor == "region":
        return [("not set" if v is None else v, v) for v in (None, *REGIONS)
                if v != current]  # fmt: skip
    if factor == "comorbidities":
        out = []
        for item in COMORBIDITIES:
            label = COMORBIDITY_NAMES[item].lower()
            if item in current:
                out.append((f"remove {label}", tuple(c for c in current if c != item)))
            else:
                out.append((f"add {label}", (*current, item)))
        return out
    vocab = {
        "differentiation": DIFFERENTIATIONS,
        "sstr": SSTR_STATUSES,
        "burden": BURDENS,
        "syndrome": (None, *SYNDROMES),
        "hereditary": (None, *HEREDITARY_SYNDROMES),
    }[factor]
    return [(show_value(factor, v), v) for v in vocab if v != current]


def what_if_lines(patient: Patient, factor: str, value: object) -> tuple[str, ...]:
    """Learner-facing lines: which verdicts move when one factor changes, and why.

    >>> from pannet_edu.practice.cases import load_case
    >>> lines = what_if_lines(Patient(ki67=5, sstr="positive"), "sstr", "negative")
    >>> lines[0].startswith("What if SSTR imaging were SSTR-negative?")
    True
    >>> [line for line in lines if line.startswith("PRRT")][0][:45]
    'PRRT (177Lu-DOTATATE): caution → not suitable'
    """
    allowed = dict((repr(v), label) for label, v in what_if_values(patient, factor))
    if repr(value) not in allowed:
        options = ", ".join(allowed.values())
        raise ValueError(f"value for {factor} must be one of: {options}; got {short_repr(value)}")
    moved = what_if(patient, **{factor: value})
    question = f"What if {WHAT_IF_FACTORS[factor]} were {allowed[repr(value)]}?"
    if factor == "comorbidities":
        question = f"What if we {allowed[repr(value)]}?"
    if moved.empty:
        return (f"{question} No verdict moves.",)
    plural = "verdict moves" if len(moved) == 1 else "verdicts move"
    lines = [f"{question} {len(moved)} {plural}:"]
    for therapy, row in moved.iterrows():
        lines.append(f"{THERAPY_NAMES[therapy]}: {row['before']} → {row['after']}. {row['why']}")
    return tuple(lines)


def comparison_rows(case: Case, step: int | str) -> list[tuple[str, str, str, str]]:
    """The options at one step as ``(name, author's verdict, engine's verdict, engine_note)``.

    >>> from pannet_edu.practice.cases import load_case
    >>> comparison_rows(load_case("nec_large_cell"), 0)[0][:3]
    ('platinum + etoposide', 'preferred', 'preferred')
    """
    current = case.step(step)
    appraisal = appraise(current.patient)
    return [
        (o.name, o.verdict, appraisal.loc[o.therapy, "verdict"], o.engine_note)
        for o in current.options
    ]


def disagreement_table(directory: str | Path | None = None) -> Table:
    """Every option where the case author and the engine differ, with the author's reason.

    >>> from pannet_edu.practice.cases import load_case
    >>> len(disagreement_table().rows) > 0
    True
    """
    rows = []
    for case in case_bank(directory).values():
        for row in engine_comparison(case).itertuples():
            if not row.agrees:
                case_obj = case_bank(directory)[row.case]
                rows.append(
                    {
                        "case": case_obj.title,
                        "decision": case_obj.step(row.step).label,
                        "option": THERAPY_NAMES[row.option],
                        "author": row.author_verdict,
                        "engine": row.engine_verdict,
                        "why the author differs": row.engine_note,
                    }
                )
    return Table(rows)
