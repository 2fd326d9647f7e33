"""Exercise kind ``stage``: the AJCC 8th stage group from T, N and M.

>>> KIND.expected({"size_cm": 1.5, "invades": [], "nodes": "N0", "liver_metastases": True,
...                "extrahepatic_metastases": False})
'IV'
"""

from __future__ import annotations

from collections.abc import Mapping

from ...clinic import staging
from ...content.sources import AJCC_8
from ..feedback import Feedback
from .answers import parse_stage
from .model import Kind

__all__ = ["KIND"]


def _staging_of(case: Mapping[str, object]) -> tuple[staging.TResult, str, staging.StageResult]:
    t = staging.explain_t(case["size_cm"], case.get("invades", []))
    m = staging.m_category(case["liver_metastases"], case["extrahepatic_metastases"])
    return t, m, staging.stage(t.category, case["nodes"], m)


def _mark_stage(case: Mapping[str, object], given: str) -> Feedback:
    t, m, result = _staging_of(case)
    reasoning = (
        f"{t.explanation} {result.n}: {staging.N_MEANING[result.n]}. "
        f"{m}: {staging.M_MEANING[m]}. So {result.t} {result.n} {result.m}: {result.explanation}"
    )
    if given == result.group:
        return Feedback(True, f"Stage {result.group}. {reasoning}", AJCC_8.cite())
    return Feedback(False, f"You wrote stage {given}. {reasoning}", AJCC_8.cite())


#: The entry kind ``stage`` in the exercise files.
KIND = Kind(
    lambda _case: "What is the AJCC 8th stage group?",
    'a stage group such as "II"',
    ("size_cm", "invades", "nodes", "liver_metastases", "extrahepatic_metastases"),
    (),
    parse_stage,
    _mark_stage,
    lambda case: _staging_of(case)[2].group,
)
