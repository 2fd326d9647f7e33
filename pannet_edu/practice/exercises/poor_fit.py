"""Exercise kind ``poor_fit``: which therapies does the catalogue list as a poor fit for a factor?

>>> sorted(KIND.expected({"factor": "diabetes"}))[:1]
['everolimus']
"""

from __future__ import annotations

from collections.abc import Mapping

from ..feedback import Feedback
from .answers import parse_therapies
from .model import Kind, _factor_name, _names, _therapy_display, _upper_first, set_mistakes

__all__ = ["KIND"]


def _poor_fit_therapies(factor: str) -> frozenset[str]:
    from ...evidence import therapies

    _factor_name(factor)
    catalogue = therapies()
    return frozenset(
        str(t) for t, factors in catalogue["poor_fit_factors"].items() if factor in factors
    )


def _mark_poor_fit(case: Mapping[str, object], given: frozenset[str]) -> Feedback:
    from ...evidence import therapies

    expected = _poor_fit_therapies(case["factor"])
    catalogue = therapies()
    factor = _factor_name(case["factor"])
    why = " ".join(
        f"{_upper_first(_therapy_display(t))}: {catalogue.loc[t, 'poor_fit']}"
        for t in sorted(expected)
    )
    source = "the therapy catalogue: who is a poor candidate for each therapy, and why"
    listed = f"The catalogue lists {factor} as a poor fit for: {_names(expected)}."
    if given == expected:
        return Feedback(True, f"{listed} {why}", source)
    wrong = set_mistakes(expected, given, _names, lambda names: f"{names} not listed for {factor}")
    return Feedback(False, f"{wrong}. {listed} {why}", source)


#: The entry kind ``poor_fit`` in the exercise files.
KIND = Kind(
    lambda case: (
        f"Which therapies in the catalogue list {_factor_name(case['factor'])} as a "
        "poor fit? Name them all."
    ),
    'a list of therapies, e.g. ["sunitinib", "prrt"]',
    ("factor",),
    (),
    parse_therapies,
    _mark_poor_fit,
    lambda case: _poor_fit_therapies(case["factor"]),
)
