"""Former home of the WHO grading of panNETs: now :mod:`pannet_edu.clinic.pathology`.

This module only re-exports the names it used to define, so old imports keep working;
package code imports :mod:`pannet_edu.clinic.pathology`.
"""

from .clinic.pathology import (
    DIFFERENTIATIONS,
    GRADES,
    GRADING_SOURCES,
    KI67_G1_BELOW,
    KI67_G2_MAX,
    KI67_MIN_CELLS_COUNTED,
    MINEN_COMPONENT_MIN_PERCENT,
    MITOSES_G1_BELOW,
    MITOSES_G2_MAX,
    MITOSES_PLAUSIBLE_MAX,
    GradeResult,
    MixedNeoplasmResult,
    classify_mixed,
    grade,
    grade_from_ki67,
    grade_from_mitoses,
    grading_criteria,
)

__all__ = [
    "DIFFERENTIATIONS",
    "GRADES",
    "GRADING_SOURCES",
    "KI67_G1_BELOW",
    "KI67_G2_MAX",
    "KI67_MIN_CELLS_COUNTED",
    "MINEN_COMPONENT_MIN_PERCENT",
    "MITOSES_G1_BELOW",
    "MITOSES_G2_MAX",
    "MITOSES_PLAUSIBLE_MAX",
    "GradeResult",
    "MixedNeoplasmResult",
    "classify_mixed",
    "grade",
    "grade_from_ki67",
    "grade_from_mitoses",
    "grading_criteria",
]
