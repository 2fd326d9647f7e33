"""Exercise kind ``t_category``: the AJCC 8th T category from size and invasion.

>>> KIND.expected({"size_cm": 3.2, "invades": ["duodenum"]})
'T3'
"""

from __future__ import annotations

from collections.abc import Mapping

from ...clinic import staging
from ...content.sources import AJCC_8
from ..feedback import Feedback
from .answers import parse_t
from .model import Kind

__all__ = ["KIND"]


def _mark_t(case: Mapping[str, object], given: str) -> Feedback:
    result = staging.explain_t(case["size_cm"], case.get("invades", []))
    source = AJCC_8.cite()
    if given == result.category:
        return Feedback(True, result.explanation, source)
    by_size = staging.explain_t(case["size_cm"]).category
    if given == by_size != result.category:
        return Feedback(
            False,
            f"By size alone ({case['size_cm']:g} cm) it would be {by_size}, but invasion "
            f"decides here. {result.explanation}",
            source,
        )
    hint = (
        " Extension into peripancreatic fat is not a basis for T in AJCC 8th."
        if "peripancreatic fat" in str(case.get("report", "")).lower()
        else ""
    )
    return Feedback(False, f"You wrote {given}. {result.explanation}{hint}", source)


#: The entry kind ``t_category`` in the exercise files.
KIND = Kind(
    lambda _case: "What is the AJCC 8th T category?",
    'a T category such as "T2"',
    ("size_cm", "invades"),
    (),
    parse_t,
    _mark_t,
    lambda case: staging.t_category(case["size_cm"], case["invades"]),
)
