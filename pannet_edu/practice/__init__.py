"""Practice beyond the fixed bank: invented vignettes whose answer key the package computes.

>>> from pannet_edu.practice import vignettes
>>> case = vignettes(seed=1, n=1)[0]
>>> case.text.endswith("Invented teaching case.")
True
"""

from .vignettes import (
    DIFFICULTIES,
    KINDS,
    Case,
    Vignette,
    available_kinds,
    draw_case,
    plausibility_problems,
    validate,
    vignette_lessons,
    vignettes,
)

__all__ = [
    "DIFFICULTIES",
    "KINDS",
    "Case",
    "Vignette",
    "available_kinds",
    "draw_case",
    "plausibility_problems",
    "validate",
    "vignette_lessons",
    "vignettes",
]
