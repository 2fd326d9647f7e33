"""Exercise kind ``sstr_reading``: read the SSTR status from Krenning scores per lesion.

>>> KIND.expected({"krenning_scores": [3, 1]})
'heterogeneous'
"""

from __future__ import annotations

from collections.abc import Mapping

from ..feedback import Feedback
from .answers import SSTR_ANSWER_FORM, parse_sstr_status
from .model import Kind

__all__ = ["KIND", "sstr_consequence"]


def _sstr_reading(case: Mapping[str, object]):
    from ...clinic.imaging import read_sstr_imaging

    return read_sstr_imaging(case["krenning_scores"])


#: What each SSTR status means for an SSA and for PRRT.
_CONSEQUENCES = {
    "unknown": "Image with SSTR PET before choosing an SSA or PRRT.",
    "heterogeneous": "Weigh the weak lesions before an SSA or PRRT: they would escape both.",
    "positive": "An SSA can act on every lesion, and every lesion is a clear PRRT target.",
    "equal_to_liver": (
        "SSTR-positive for an SSA: Krenning 2 counts, as in CLARINET. For PRRT, uptake equal to "
        "liver meets the EU label threshold: a weaker but real target (NETTER-2 asked for uptake "
        "above liver), so PRRT can be considered but is not preferred."
    ),
    "below_liver": (
        "Not a PRRT target (below the EU label threshold of uptake at least that of liver); an "
        "SSA lies outside CLARINET's Krenning 2 or more and may still be considered."
    ),
    "negative": "PRRT has no target and an SSA no proven antitumour role.",
}


def sstr_consequence(status: str) -> str:
    """What an SSTR reading means for an SSA and for PRRT.

    >>> sstr_consequence("equal_to_liver")[:47]
    'SSTR-positive for an SSA: Krenning 2 counts, as'
    >>> sstr_consequence("negative")
    'PRRT has no target and an SSA no proven antitumour role.'
    """
    return _CONSEQUENCES[status]


def _mark_sstr_reading(case: Mapping[str, object], given: str) -> Feedback:
    reading = _sstr_reading(case)
    source = "Krenning scale; the SSTR entry criteria of CLARINET and NETTER-2; EU Lutathera label"
    consequence = sstr_consequence(reading.status)
    if given == reading.status:
        return Feedback(True, f"Right. {reading.explanation} {consequence}", source)
    return Feedback(
        False,
        f"Not {given.replace('_', ' ')}. {reading.explanation} Every lesion counts: the weakest "
        f"decides what PRRT can reach. {consequence}",
        source,
    )


#: The entry kind ``sstr_reading`` in the exercise files.
KIND = Kind(
    lambda case: (
        "Read the SSTR status from the Krenning score of every lesion (1 below normal liver, 2 "
        "equal to liver, 3 above liver, 4 above spleen)."
    ),
    SSTR_ANSWER_FORM,
    ("krenning_scores",),
    (),
    parse_sstr_status,
    _mark_sstr_reading,
    lambda case: _sstr_reading(case).status,
)
