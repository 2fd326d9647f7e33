"""Exercise kind ``minen``: is a mixed neoplasm a MiNEN (each component at least 30%)?

>>> KIND.expected({"neuroendocrine_percent": 40})
True
"""

from __future__ import annotations

from collections.abc import Mapping

from ...clinic import pathology
from ...content.sources import WHO_2019
from ..feedback import Feedback
from .answers import parse_yes_no
from .model import Kind

__all__ = ["KIND"]


def _mark_minen(case: Mapping[str, object], given: bool) -> Feedback:
    result = pathology.classify_mixed(case["neuroendocrine_percent"])
    verdict = given == result.is_minen
    return Feedback(verdict, result.explanation, WHO_2019.cite())


#: The entry kind ``minen`` in the exercise files.
KIND = Kind(
    lambda _case: "Is this a MiNEN?",
    "True or False",
    ("neuroendocrine_percent",),
    (),
    parse_yes_no,
    _mark_minen,
    lambda case: pathology.classify_mixed(case["neuroendocrine_percent"]).is_minen,
)
