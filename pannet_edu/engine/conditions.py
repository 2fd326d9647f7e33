"""Catalogue conditions: when a check applies (``when``) and what a labelled use needs
(``requires``), read against a patient.

A condition is a word (``pregnant``, ``progressing``, ``functioning``...) or ``name:value``
(``syndrome:insulinoma``, ``grade:G2``, ``ki67_at_most:10``); ``not `` before it negates it and
``a | b`` holds when either holds. Loading checks every condition, so a typo stops with an error
naming the entry and the field.

>>> from pannet_edu.engine.patient import Patient
>>> from pannet_edu.engine.catalogue import load_catalogue
>>> condition_holds("grade:G2 | grade:G1", Patient(ki67=5), load_catalogue())
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..vocab import (
    COMORBIDITIES,
    DPYD_STATUSES,
    GROUP_SSA,
    HEREDITARY_SYNDROMES,
    SSTR_STATUSES,
    SYNDROMES,
)

_CONDITION_FORMS = {
    "pregnancy_possible": None,
    "pregnant": None,
    "progressing": None,
    "symptomatic": None,
    "functioning": None,
    "prior_systemic_other_than_ssa": None,
    "prior_any": None,
    "syndrome": SYNDROMES,
    "prior": None,  # any catalogue id; checked after loading
    "comorbidity": COMORBIDITIES,
    "dpyd": DPYD_STATUSES,
    "hereditary": HEREDITARY_SYNDROMES,
    "grade": ("G1", "G2", "G3", "NEC"),
    "sstr": SSTR_STATUSES,
    "ki67_at_most": None,  # a number; checked below
}
_NUMBER_CONDITIONS = ("ki67_at_most",)


def check_condition(fail, token: object, ids: Iterable[str]) -> str:
    if not isinstance(token, str) or not token.strip():
        raise fail(f"conditions must be text, got {token!r}")
    if "|" in token:  # alternatives: any one of them holds
        for part in token.split("|"):
            check_condition(fail, part.strip(), ids)
        return " | ".join(part.strip() for part in token.split("|"))
    body = token.removeprefix("not ").strip()
    name, _, value = body.partition(":")
    forms = ", ".join(f"{k}:<value>" if v is not None or k in ("prior", *_NUMBER_CONDITIONS)
                      else k for k, v in _CONDITION_FORMS.items())
    if name not in _CONDITION_FORMS:
        raise fail(f"unknown condition {token!r} (allowed, optionally after 'not '): {forms}")
    allowed = tuple(ids) if name == "prior" else _CONDITION_FORMS[name]
    if name in _NUMBER_CONDITIONS:
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not 0 <= number <= 100:
            raise fail(f"condition {token!r}: the value must be a percentage 0-100")
    elif allowed is None:
        if value:
            raise fail(f"condition {name!r} takes no value, got {token!r}")
    elif value not in allowed:
        raise fail(f"condition {token!r}: value must be one of {', '.join(allowed)}")
    return token.strip()


def condition_holds(token: str, patient: object, catalogue) -> bool:
    """Whether a catalogue condition holds for a patient.

    >>> from pannet_edu.engine.patient import Patient
    >>> from pannet_edu.engine.catalogue import load_catalogue
    >>> condition_holds("prior:ssa", Patient(ki67=5, prior=["ssa"]), load_catalogue())
    True
    >>> condition_holds("not functioning", Patient(ki67=5), load_catalogue())
    True
    >>> condition_holds("progressing | symptomatic", Patient(ki67=5, symptomatic=True),
    ...                 load_catalogue())
    True
    """
    if "|" in token:
        return any(condition_holds(part.strip(), patient, catalogue) for part in token.split("|"))
    negate = token.startswith("not ")
    name, _, value = token.removeprefix("not ").partition(":")
    prior = getattr(patient, "prior", ())
    if name == "pregnancy_possible":
        result = bool(patient.pregnancy_possible)
    elif name in ("pregnant", "progressing", "symptomatic"):
        result = bool(getattr(patient, name))
    elif name == "grade":
        result = patient.grade.label in (value, f"NET {value}")
    elif name == "sstr":
        result = patient.sstr == value
    elif name == "ki67_at_most":
        result = patient.ki67 is not None and patient.ki67 <= float(value)
    elif name == "functioning":
        result = patient.syndrome is not None
    elif name == "prior_any":
        result = bool(prior)
    elif name == "prior_systemic_other_than_ssa":  # anything systemic but an SSA given alone
        result = any(catalogue.is_systemic(t) and _groups(catalogue, t) != {GROUP_SSA}
                     for t in prior if t in catalogue.ids)
    elif name == "syndrome":
        result = patient.syndrome == value
    elif name == "prior":  # the same option (class and agents) under any id
        result = any(_same(catalogue, t, value) for t in prior)
    elif name == "comorbidity":
        result = value in patient.comorbidities
    elif name == "dpyd":
        result = patient.dpyd == value
    else:  # hereditary
        result = patient.hereditary == value
    return result != negate


def _groups(catalogue, therapy_id: str) -> set[str]:
    therapy = catalogue[therapy_id]
    return {catalogue.classes[therapy.therapy_class].group, *therapy.combination_of}


def _same(catalogue, first: str, second: str) -> bool:
    if first == second:
        return True
    if first not in catalogue.ids or second not in catalogue.ids:
        return False
    a, b = catalogue[first], catalogue[second]
    return (a.therapy_class, a.agents) == (b.therapy_class, b.agents)
