"""pannet-edu: teaching toolkit on the systemic therapy of metastatic pancreatic NETs.

For education only: it never advises on a real patient.

>>> import pannet_edu as pe
>>> pe.grade(ki67=15).label
'NET G2'
>>> pe.stage(pe.t_category(5.0), "N0", "M0").group
'II'

Widgets live in :mod:`pannet_edu.widgets` and figures in :mod:`pannet_edu.plots`; they import
ipywidgets and matplotlib only when used.
"""

from .clinic.pathology import GradeResult, MixedNeoplasmResult, classify_mixed, grade
from .clinic.staging import StageResult, explain_t, m_category, stage, t_category
from .display import DISCLAIMER
from .engine import Patient, appraise, explain, what_if

__version__ = "0.1.0"

# Names whose modules need pandas: imported on first use, so `import pannet_edu` stays light.
_LAZY = {"trials": "evidence", "therapies": "evidence"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DISCLAIMER",
    "GradeResult",
    "MixedNeoplasmResult",
    "Patient",
    "StageResult",
    "appraise",
    "classify_mixed",
    "explain",
    "explain_t",
    "grade",
    "m_category",
    "stage",
    "t_category",
    "therapies",
    "trials",
    "what_if",
]
