"""Vignette kinds ``grade`` and ``stage``: the WHO grade and the AJCC 8th stage group of the case.

>>> from pannet_edu.practice.vignettes import vignettes
>>> drawn = vignettes(seed=3, n=6, lesson="01_classification_and_staging")
>>> {v.kind for v in drawn} <= {"grade", "stage"}
True
"""

from __future__ import annotations

import random

from ...clinic import pathology, staging
from ..question_bank import Option
from .lessons import _GRADE_OPTIONS
from .patient import Case


def _grade_question(case: Case, rng: random.Random) -> tuple[str, list[Option], str, dict]:
    result = case.grade()
    criteria = {row["grade"]: row for row in pathology.grading_criteria().rows}
    options = []
    for label in _GRADE_OPTIONS:
        if label == result.label:
            why = result.explanation
        elif label == "NEC":
            why = ("NEC is defined by poorly differentiated (small- or large-cell) morphology, "
                   "not by the counts; this tumour is well differentiated, so it takes a NET "
                   f"grade. {result.explanation}")
        elif case.differentiation == "poor":
            why = (f"{label} is a grade of well-differentiated tumours; poorly differentiated "
                   "morphology makes this a neuroendocrine carcinoma whatever the counts.")
        else:
            row = criteria[label]
            why = (f"{label} means Ki-67 {row['Ki-67 (%)']}% or mitoses "
                   f"{row['mitoses per 2 mm²']} per 2 mm², the higher index setting the grade. "
                   f"{result.explanation}")
        options.append(Option(label, label == result.label, why))
    reference = "; ".join(s.cite() for s in pathology.GRADING_SOURCES)
    return "What is the WHO grade of this tumour?", options, reference, {"key": result.label}


def _stage_question(case: Case, rng: random.Random) -> tuple[str, list[Option], str, dict]:
    t, m = case.t(), case.m()
    result = case.stage()
    here = (f"Here: {t.explanation} {case.nodes} ({staging.N_MEANING[case.nodes]}); {m} "
            f"({staging.M_MEANING[m]}).")
    options = []
    for row in staging.stage_groups().rows:
        group = row["stage"]
        if group == result.group:
            why = f"{t.explanation} {result.explanation}"
        else:
            why = f"Stage {group} is {row['T']}, {row['N']}, {row['M']}. {here}"
        options.append(Option(f"Stage {group}", group == result.group, why))
    question = "What is the AJCC 8th edition stage group?"
    return question, options, staging.SOURCE.cite(), {"key": result.group}
