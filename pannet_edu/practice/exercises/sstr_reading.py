"""Exercise kind ``sstr_reading``: read the SSTR status from Krenning scores per lesion.

>>> KIND.expected({"krenning_scores": [3, 1]})
'heterogeneous'
"""

from __future__ import annotations

from collections.abc import Mapping

from ..feedback import Feedback
from .answers import parse_sstr_status
from .model import Kind

__all__ = ["KIND", "KRENNING_LIVER", "sstr_consequence"]


def _sstr_minimum(case: Mapping[str, object]) -> object:
    from ...clinic.imaging import TRIAL_MINIMUM_KRENNING

    return case.get("minimum", TRIAL_MINIMUM_KRENNING)


def _sstr_reading(case: Mapping[str, object]):
    from ...clinic.imaging import read_sstr_imaging

    return read_sstr_imaging(case["krenning_scores"], _sstr_minimum(case))


#: Krenning score of uptake equal to normal liver: SSTR-positive for an SSA (CLARINET enrolled
#: Krenning 2 or more) but only borderline as a PRRT target (the PRRT trials asked for uptake at
#: least that of normal liver in every target lesion, NETTER-2 for uptake above liver, 3-4).
KRENNING_LIVER = 2


def sstr_consequence(scores: list[int], status: str) -> str:
    """What an SSTR reading means for an SSA and for PRRT, lesion scores taken into account.

    A Krenning 2 lesion is SSTR-positive for an SSA and borderline for PRRT; it is never read as
    SSTR-negative, even against a stricter threshold.

    >>> sstr_consequence([2, 2], "positive")[:47]
    'SSTR-positive for an SSA: Krenning 2 counts, as'
    >>> sstr_consequence([0, 1], "negative")
    'PRRT has no target and an SSA no proven antitumour role.'
    """
    lowest = min(scores) if scores else None
    if status == "unknown" or lowest is None:
        return "Image with SSTR PET before choosing an SSA or PRRT."
    if status == "heterogeneous":
        return "Weigh the lesions without uptake before an SSA or PRRT: they would escape both."
    if lowest > KRENNING_LIVER:
        return "An SSA can act on every lesion, and every lesion is a clear PRRT target."
    if lowest == KRENNING_LIVER or (status == "negative" and max(scores) >= KRENNING_LIVER):
        return (
            "SSTR-positive for an SSA: Krenning 2 counts, as in CLARINET. For PRRT the Krenning 2 "
            "lesions are borderline, not a clear target: the PRRT trials asked for uptake at least "
            "that of normal liver in every target lesion, and NETTER-2 for uptake above liver."
        )
    return "PRRT has no target and an SSA no proven antitumour role."


def _mark_sstr_reading(case: Mapping[str, object], given: str) -> Feedback:
    reading = _sstr_reading(case)
    source = "Krenning scale and the SSTR entry criteria of CLARINET, NETTER-1 and NETTER-2"
    consequence = sstr_consequence(list(case["krenning_scores"]), reading.status)
    if given == reading.status:
        return Feedback(True, f"Right. {reading.explanation} {consequence}", source)
    return Feedback(
        False,
        f"Not {given}. {reading.explanation} Every lesion counts, against the threshold the "
        f"question sets. {consequence}",
        source,
    )


#: The entry kind ``sstr_reading`` in the exercise files.
KIND = Kind(
    lambda case: (
        "Read the SSTR status, counting a lesion as positive at Krenning "
        f"{_sstr_minimum(case)} or more."
    ),
    '"positive", "borderline", "heterogeneous", "negative" or "unknown"',
    ("krenning_scores",),
    ("minimum",),
    parse_sstr_status,
    _mark_sstr_reading,
    lambda case: _sstr_reading(case).status,
)
