"""Exercise kind ``grade``: the WHO grade from Ki-67, mitoses and differentiation.

>>> from pannet_edu.practice.exercises import check
>>> check("grade-1", "NET G3").correct
True
"""

from __future__ import annotations

from collections.abc import Mapping

from ...clinic import pathology
from ...content.sources import WHO_2019
from ...formatting import exact_number
from ..feedback import Feedback
from .answers import parse_grade
from .model import Kind

__all__ = ["KIND"]


def _grade_of(case: Mapping[str, object]) -> pathology.GradeResult:
    return pathology.grade(
        ki67=case.get("ki67_percent"),
        mitoses=case.get("mitoses_per_2mm2"),
        differentiation=case.get("differentiation", "well"),
    )


def _mark_grade(case: Mapping[str, object], given: str) -> Feedback:
    result = _grade_of(case)
    source = WHO_2019.cite()
    if given == result.label:
        return Feedback(True, result.explanation, source)
    if given.startswith("NEC G"):
        # The classic misconception: a carcinoma given a NET grade.
        answer = ("NEC, not graded" if result.label == "NEC" else result.label)
        return Feedback(
            False,
            f"{given} mixes two diseases: a neuroendocrine carcinoma (NEC) is poorly "
            "differentiated and high grade by definition, so it is never graded G1-G3; the grades "
            "G1-G3 belong to well-differentiated NETs. Differentiation decides NET or NEC, then "
            f"the counts grade a NET. The answer here is {answer}: {result.explanation}",
            source,
        )
    if result.label == "NEC":
        return Feedback(
            False,
            "The report describes poorly differentiated morphology: that makes it a "
            "neuroendocrine carcinoma (NEC), high grade by definition and not graded G1-G3, "
            "whatever the counts.",
            source,
        )
    if given == "NEC":
        return Feedback(
            False,
            f"The report says well differentiated, and NEC needs poorly differentiated (small- or "
            f"large-cell) morphology. A high count does not change that: this is {result.label}. "
            "Well-differentiated G3 NET and NEC are different diseases.",
            source,
        )
    ki67, mitoses = result.ki67, result.mitoses
    if ki67 is not None and mitoses is not None and result.driver != "both":
        by_ki67 = pathology.grade_from_ki67(ki67)
        by_mitoses = pathology.grade_from_mitoses(mitoses)
        lower = by_ki67 if result.driver == "mitoses" else by_mitoses
        if given == lower:
            ki67_text = f"Ki-67 {exact_number(ki67)}%"
            mitoses_text = f"{exact_number(mitoses)} mitoses per 2 mm²"
            low_text, high_text = (
                (ki67_text, mitoses_text)
                if result.driver == "mitoses"
                else (mitoses_text, ki67_text)
            )
            verb = "make" if result.driver == "mitoses" else "makes"
            return Feedback(
                False,
                f"{low_text} alone is {lower[4:]}, but {high_text} {verb} it "
                f"{result.label[4:]}: the higher index wins.",
                source,
            )
    return Feedback(False, f"You wrote {given}. {result.explanation}", source)


#: The entry kind ``grade`` in the exercise files.
KIND = Kind(
    lambda _case: "What is the WHO grade?",
    'a grade such as "NET G2" or "NEC"',
    ("differentiation",),
    ("ki67_percent", "mitoses_per_2mm2"),
    parse_grade,
    _mark_grade,
    lambda case: _grade_of(case).label,
)
