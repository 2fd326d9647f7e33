"""WHO 2019/2022 grading and differentiation of pancreatic neuroendocrine neoplasms.

Every cut-off is named once below, beside its source. The grade is set by whichever index
(Ki-67 or mitotic count) gives the higher grade.

>>> grade(ki67=8, mitoses=25).label
'NET G3'
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import fields as _validate
from ..content.sources import WHO_2019, WHO_2022
from ..display import Table
from ..formatting import exact_number

# --- Cut-offs (WHO 2019 digestive-system table, kept unchanged by WHO 2022) -----------------
#: Ki-67 below this (percent) is compatible with G1.
KI67_G1_BELOW = 3.0
#: Ki-67 up to and including this (percent) is at most G2; above it, G3.
KI67_G2_MAX = 20.0
#: Mitoses below this (per 2 mm²) are compatible with G1.
MITOSES_G1_BELOW = 2.0
#: Mitoses up to and including this (per 2 mm²) are at most G2; above it, G3.
MITOSES_G2_MAX = 20.0
#: No tumour counts near this many mitoses per 2 mm² (the busiest carcinomas count tens to a few
#: hundred): a larger value is a typing slip, refused rather than graded or drawn.
MITOSES_PLAUSIBLE_MAX = 1000.0
#: Ki-67 is counted in hot spots over at least this many tumour cells.
KI67_MIN_CELLS_COUNTED = 500
#: Each component of a MiNEN makes up at least this share of the tumour (percent).
MINEN_COMPONENT_MIN_PERCENT = 30.0

GRADING_SOURCES = (WHO_2019, WHO_2022)

GRADES = ("NET G1", "NET G2", "NET G3")
DIFFERENTIATIONS = ("well", "poor")


@dataclass(frozen=True)
class GradeResult:
    """The grade of a neuroendocrine neoplasm, with what set it and why.

    ``label`` is ``"NET G1"``, ``"NET G2"``, ``"NET G3"`` or ``"NEC"``; ``driver`` is ``"ki67"``,
    ``"mitoses"`` or ``"both"``; ``explanation`` is written for a learner.
    """

    label: str
    driver: str
    explanation: str
    ki67: float | None = None
    mitoses: float | None = None
    differentiation: str = "well"

    def __str__(self) -> str:
        return f"{self.label}: {self.explanation}"


def grading_criteria() -> Table:
    """The WHO grading table, built from the named cut-offs (nothing typed twice).

    >>> grading_criteria().rows[0]["Ki-67 (%)"]
    '<3'
    """
    return Table(
        [
            {
                "grade": "NET G1",
                "differentiation": "well",
                "Ki-67 (%)": f"<{KI67_G1_BELOW:g}",
                "mitoses per 2 mm²": f"<{MITOSES_G1_BELOW:g}",
            },
            {
                "grade": "NET G2",
                "differentiation": "well",
                "Ki-67 (%)": f"{KI67_G1_BELOW:g}-{KI67_G2_MAX:g}",
                "mitoses per 2 mm²": f"{MITOSES_G1_BELOW:g}-{MITOSES_G2_MAX:g}",
            },
            {
                "grade": "NET G3",
                "differentiation": "well",
                "Ki-67 (%)": f">{KI67_G2_MAX:g}",
                "mitoses per 2 mm²": f">{MITOSES_G2_MAX:g}",
            },
            {
                "grade": "NEC",
                "differentiation": "poor (small- or large-cell)",
                "Ki-67 (%)": f">{KI67_G2_MAX:g} (not formally graded)",
                "mitoses per 2 mm²": "not formally graded",
            },
        ],
        caption="WHO 2019/2022 grading; the index giving the higher grade wins",
    )


def grade_from_ki67(ki67: float) -> str:
    """NET grade implied by Ki-67 alone (percent).

    >>> grade_from_ki67(2.9), grade_from_ki67(3), grade_from_ki67(20), grade_from_ki67(20.1)
    ('NET G1', 'NET G2', 'NET G2', 'NET G3')
    """
    ki67 = _validate.number("ki67", ki67, high=100)
    if ki67 < KI67_G1_BELOW:
        return "NET G1"
    return "NET G2" if ki67 <= KI67_G2_MAX else "NET G3"


def grade_from_mitoses(mitoses: float) -> str:
    """NET grade implied by the mitotic count alone (mitoses per 2 mm²).

    >>> grade_from_mitoses(1), grade_from_mitoses(2), grade_from_mitoses(20), grade_from_mitoses(21)
    ('NET G1', 'NET G2', 'NET G2', 'NET G3')
    """
    mitoses = _validate.number("mitoses", mitoses, high=MITOSES_PLAUSIBLE_MAX)
    if mitoses < MITOSES_G1_BELOW:
        return "NET G1"
    return "NET G2" if mitoses <= MITOSES_G2_MAX else "NET G3"


def _describe_ki67(ki67: float, label: str) -> str:
    value = exact_number(ki67)  # never rounded onto a cut-off it is compared with
    if label == "NET G1":
        return f"Ki-67 {value}% is below {KI67_G1_BELOW:g}% (G1 range)"
    if label == "NET G2":
        return f"Ki-67 {value}% is within {KI67_G1_BELOW:g}-{KI67_G2_MAX:g}% (G2 range)"
    return f"Ki-67 {value}% is above {KI67_G2_MAX:g}% (G3 range)"


def _describe_mitoses(mitoses: float, label: str) -> str:
    count = f"{exact_number(mitoses)} {'mitosis' if mitoses == 1 else 'mitoses'} per 2 mm²"
    if label == "NET G1":
        return f"{count} is below {MITOSES_G1_BELOW:g} (G1 range)"
    if label == "NET G2":
        return f"{count} is within {MITOSES_G1_BELOW:g}-{MITOSES_G2_MAX:g} (G2 range)"
    return f"{count} is above {MITOSES_G2_MAX:g} (G3 range)"


def grade(
    ki67: float | None = None,
    mitoses: float | None = None,
    differentiation: str = "well",
) -> GradeResult:
    """Grade a pancreatic neuroendocrine neoplasm by WHO 2019/2022.

    ``ki67`` is a percentage (0-100) and ``mitoses`` a count per 2 mm² (0 or more); either may be
    missing, not both. The higher of the two grades wins. ``differentiation="poor"`` gives NEC,
    which is defined by morphology and not formally graded.

    >>> r = grade(ki67=8, mitoses=25)
    >>> r.label, r.driver
    ('NET G3', 'mitoses')
    >>> grade(ki67=1).label
    'NET G1'
    >>> grade(ki67=60, differentiation="poor").label
    'NEC'
    >>> grade()
    Traceback (most recent call last):
    ...
    ValueError: give ki67 (percent, 0-100) or mitoses (per 2 mm², 0 or more), or both
    """
    differentiation = _validate.choice("differentiation", differentiation, DIFFERENTIATIONS)
    if ki67 is None and mitoses is None:
        raise ValueError("give ki67 (percent, 0-100) or mitoses (per 2 mm², 0 or more), or both")
    by_index: dict[str, str] = {}
    parts: list[str] = []
    if ki67 is not None:
        ki67 = _validate.number("ki67", ki67, high=100)
        by_index["ki67"] = grade_from_ki67(ki67)
        parts.append(_describe_ki67(ki67, by_index["ki67"]))
    if mitoses is not None:
        mitoses = _validate.number("mitoses", mitoses, high=MITOSES_PLAUSIBLE_MAX)
        by_index["mitoses"] = grade_from_mitoses(mitoses)
        parts.append(_describe_mitoses(mitoses, by_index["mitoses"]))

    label = max(by_index.values(), key=GRADES.index)
    setters = [index for index, g in by_index.items() if g == label]
    driver = "both" if len(setters) == 2 else setters[0]
    findings = "; ".join(parts)

    if differentiation == "poor":
        text = (
            f"Poorly differentiated morphology makes this a neuroendocrine carcinoma (NEC), "
            f"high grade by definition and not graded G1-G3 ({findings})."
        )
        if ki67 is not None and ki67 <= KI67_G2_MAX:
            text += (
                f" A Ki-67 of {ki67:g}% (20% or less) is unusual for NEC: check the morphology "
                "and consider a well-differentiated NET."
            )
        return GradeResult("NEC", driver, text, ki67, mitoses, differentiation)

    if driver == "both" or len(by_index) == 1:
        text = f"{findings[0].upper()}{findings[1:]}, so this is {label}."
    else:
        lower = "mitotic count" if driver == "ki67" else "Ki-67"
        text = (
            f"{findings[0].upper()}{findings[1:]}. The higher grade wins, so this is {label}: "
            f"the {lower} does not lower it."
        )
    if label == "NET G3":
        text += " Well-differentiated G3 NET is a different disease from poorly differentiated NEC."
    return GradeResult(label, driver, text, ki67, mitoses, differentiation)


@dataclass(frozen=True)
class MixedNeoplasmResult:
    """Whether a tumour with two components qualifies as MiNEN, and why."""

    is_minen: bool
    explanation: str


def classify_mixed(neuroendocrine_percent: float) -> MixedNeoplasmResult:
    """Apply the MiNEN rule: both components each make up at least 30% of the tumour.

    ``neuroendocrine_percent`` is the neuroendocrine share (0-100); the rest is taken as the
    non-neuroendocrine component (for example adenocarcinoma).

    >>> classify_mixed(40).is_minen
    True
    >>> classify_mixed(10).is_minen
    False
    """
    ne = _validate.number("neuroendocrine_percent", neuroendocrine_percent, high=100)
    other = 100.0 - ne
    cut = MINEN_COMPONENT_MIN_PERCENT
    if ne >= cut and other >= cut:
        return MixedNeoplasmResult(
            True,
            f"MiNEN: neuroendocrine {exact_number(ne)}% and non-neuroendocrine "
            f"{exact_number(other)}%, each at least "
            f"{cut:g}%. Grade each component separately where possible.",
        )
    smaller = "neuroendocrine" if ne < other else "non-neuroendocrine"
    return MixedNeoplasmResult(
        False,
        f"Not MiNEN: the {smaller} component ({exact_number(min(ne, other))}%) is below "
        f"{cut:g}%, so the tumour is not classed as mixed.",
    )
