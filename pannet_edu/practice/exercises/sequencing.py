"""Exercise kind ``sequencing``: name one therapy the engine rates preferred, caution or not
suitable for an invented patient (any therapy with that verdict is right).

>>> "prrt" in KIND.expected({"ask": "not suitable", "sstr": "negative", "ki67_percent": 5})
True
"""

from __future__ import annotations

from collections.abc import Mapping

from ...content.fields import short_repr
from ..feedback import Feedback
from .answers import parse_therapy
from .model import Kind, _names, _therapy_display, _upper_first

__all__ = ["KIND"]


_SEQUENCING_QUESTIONS = {
    "preferred": "Name one therapy that the evidence favours (preferred) for this patient.",
    "caution": "Name one therapy to use only with caution for this patient, given the findings.",
    "not suitable": "Name one therapy that is not suitable for this patient.",
}


_PATIENT_FIELDS_REQUIRED = ("sstr",)


_PATIENT_FIELDS_OPTIONAL = (
    "ki67_percent",
    "mitoses_per_2mm2",
    "differentiation",
    "burden",
    "progressing",
    "symptomatic",
    "syndrome",
    "prior",
    "comorbidities",
    "hereditary",
    "m_category",
    "resectable",
    "region",
    "durable_benefit",
    "hypoglycaemia_refractory",
    "dpyd",
    "pregnancy_possible",
)


def _patient(case: Mapping[str, object]):
    from ...engine import Patient

    fields = {
        "ki67": case.get("ki67_percent"),
        "mitoses": case.get("mitoses_per_2mm2"),
        **{name: case[name] for name in _PATIENT_FIELDS_OPTIONAL[2:] if name in case},
        "sstr": case["sstr"],
    }
    return Patient(**fields)


def _appraisal(case: Mapping[str, object]):
    from ...engine import appraise

    return appraise(_patient(case))


def _therapies_with_verdict(case: Mapping[str, object]) -> frozenset[str]:
    if case.get("ask") not in _SEQUENCING_QUESTIONS:
        raise ValueError(
            f"ask must be one of {list(_SEQUENCING_QUESTIONS)}; got {case.get('ask')!r}"
        )
    table = _appraisal(case)
    found = frozenset(str(t) for t in table.index[table["verdict"] == case["ask"]])
    if not found:
        raise ValueError(f"no therapy has the verdict {short_repr(case['ask'])} for this patient")
    return found


def _mark_sequencing(case: Mapping[str, object], given: str) -> Feedback:
    table = _appraisal(case)
    expected = _therapies_with_verdict(case)
    ask = str(case["ask"])
    verdict, reasons, evidence = table.loc[given, ["verdict", "reasons", "evidence"]]
    name = _upper_first(_therapy_display(given))
    if given in expected:
        others = expected - {given}
        also = f" Also {ask} here: {_names(others)}." if others else ""
        return Feedback(True, f"{name}: {verdict}. {reasons}{also}", evidence)
    return Feedback(
        False,
        f"{name}: {verdict} for this patient, not {ask}. {reasons} "
        f"{_upper_first(ask)} here: {_names(expected)}.",
        evidence,
    )


#: The entry kind ``sequencing`` in the exercise files.
KIND = Kind(
    lambda case: _SEQUENCING_QUESTIONS[case["ask"]],
    'one therapy, e.g. "everolimus"',
    ("ask", *_PATIENT_FIELDS_REQUIRED),
    _PATIENT_FIELDS_OPTIONAL,
    parse_therapy,
    _mark_sequencing,
    lambda case: _therapies_with_verdict(case),
    any_one_of=True,
)
