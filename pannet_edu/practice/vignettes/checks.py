"""Reading the engine's checks before a first dose, and choosing checks that can be wrong answers.

>>> before_starting_checks("kidney function; blood counts")
('kidney function', 'blood counts')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["before_starting_checks", "can_be_wrong_answer"]


_STOP = {"before", "after", "each", "with", "from", "that", "this", "dose", "first", "check",
         "checks", "start", "starting", "test", "tests", "level", "levels", "status", "history",
         "least", "where", "their", "them", "within", "weeks", "hours", "function", "normal"}


#: Words that name the same organ or system, so two differently worded checks are recognised as
#: one concern (creatinine clearance and renal function are both the kidneys).
_CONCEPTS = {
    "kidney": {"renal", "kidney", "kidneys", "creatinine", "clearance", "egfr", "nephrotoxic",
               "urine", "proteinuria", "protein"},
    "marrow": {"blood", "counts", "count", "haemoglobin", "hemoglobin", "anaemia", "anemia",
               "marrow", "cytopenia", "cytopenias", "platelets", "neutrophils", "lymphopenia"},
    "pregnancy": {"pregnancy", "pregnant", "contraception", "contraceptive"},
    "liver": {"liver", "hepatic", "hepatotoxicity", "hepatitis", "transaminases"},
    "glucose": {"glucose", "diabetes", "hypoglycaemia", "hyperglycaemia", "insulin", "lipids"},
    "circulation": {"blood", "pressure", "hypertension", "cardiac", "heart", "lvef",
                    "coronary", "bleeding", "thrombosis"},
    "lung": {"lung", "lungs", "pneumonitis", "oxygen", "saturation"},
}


#: Concerns checked before most anticancer drugs: never offered as a wrong answer.
_GENERAL_CONCERNS = {"kidney", "marrow", "pregnancy", "liver"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) >= 4} - _STOP


def _concerns(text: str) -> set[str]:
    words = set(re.findall(r"[a-z0-9]+", text.casefold()))
    return {name for name, vocabulary in _CONCEPTS.items() if words & vocabulary}


def can_be_wrong_answer(check: str, own_checks: Sequence[str]) -> bool:
    """Whether another therapy's check may be offered as wrong before a therapy with
    ``own_checks``: it shares no word or organ system with them, and is not a check made before
    most anticancer drugs (kidneys, blood counts, liver, pregnancy).

    >>> can_be_wrong_answer("renal function", ["creatinine clearance"])
    False
    >>> can_be_wrong_answer("gallbladder", ["DPYD genotype", "blood counts"])
    True
    >>> can_be_wrong_answer("pregnancy test", ["gallbladder"])
    False
    """
    own_words = set().union(*(_words(c) for c in own_checks)) if own_checks else set()
    own_concerns = set().union(*(_concerns(c) for c in own_checks)) if own_checks else set()
    concerns = _concerns(check)
    return bool(_words(check)) and not (
        _words(check) & own_words
        or concerns & own_concerns
        or concerns & _GENERAL_CONCERNS
        or check.casefold() in {c.casefold() for c in own_checks}
    )


def _split_outside_brackets(text: str) -> list[str]:
    """Split on ``;`` or newlines that are not inside brackets.

    >>> _split_outside_brackets("a (b; c); d")
    ['a (b; c)', ' d']
    """
    parts, depth, current = [], 0, []
    for char in text:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char in ";\n" and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


#: How a cell says that no check is listed.
_NONE_LISTED = {"", "none", "none listed", "-", "–"}


def before_starting_checks(value: object) -> tuple[str, ...]:
    """The checks in one ``before_starting`` cell: text (split on ``;``) or a list of texts.

    >>> before_starting_checks("blood counts; renal function")
    ('blood counts', 'renal function')
    >>> before_starting_checks(None), before_starting_checks(["DPYD genotype"])
    ((), ('DPYD genotype',))
    >>> before_starting_checks("none listed")
    ()
    """
    if value is None or (isinstance(value, str) and value.strip().casefold() in _NONE_LISTED):
        return ()
    if isinstance(value, str):
        items = _split_outside_brackets(value)
    elif isinstance(value, Sequence) or hasattr(value, "__iter__"):
        items = [str(v) for v in value]
    else:
        try:
            import pandas as pd

            if pd.isna(value):
                return ()
        except (TypeError, ValueError):
            pass
        items = [str(value)]
    return tuple(" ".join(i.split()).rstrip(".") for i in items if i and str(i).strip())
