"""Former home of the sequencing engine, kept so that older imports keep working.

The engine lives in :mod:`pannet_edu.engine`, its HTML and text views (``appraisal_html``,
``verdict_grid``, ...) in :mod:`pannet_edu.views`.

Every name the lessons, cases and widgets import from here keeps working. Therapy ids and
learner-facing names are read from the therapy catalogue (``data/therapies.yaml``) each time they
are asked for, so a catalogue entry added to the data appears here with no code change.

>>> p = Patient(ki67=5, sstr="positive")
>>> appraise(p).loc["ssa", "verdict"]
'preferred'
>>> appraise(Patient(ki67=5, sstr="negative")).loc["prrt", "verdict"]
'not suitable'
>>> from pannet_edu.sequencing import THERAPY_IDS, THERAPY_NAMES
>>> THERAPY_IDS[:2], THERAPY_NAMES["prrt"]
(('ssa', 'everolimus'), 'PRRT (177Lu-DOTATATE)')
"""

from __future__ import annotations

from .display import DISCLAIMER
from .engine import (
    COLUMNS,
    NO_RULE_REASON,
    PATIENT_FIELDS,
    RULES,
    Finding,
    Patient,
    Rule,
    TherapyAppraisal,
    appraise,
    context_notes,
    evaluate,
    explain,
    what_if,
)
from .engine.combine import combine as _combine
from .engine.facts import (
    CHEMOTHERAPY,
    CLARINET_KI67_BELOW,
    NETTER2_KI67_FROM,
    NETTER2_KI67_UP_TO,
    NORDIC_NEC_KI67_CUT,
    SANET_P_MAX_PRIOR_REGIMENS,
    TARGETED,
)
from .views.appraisal import (
    VERDICT_COLOURS,
    appraisal_html,
    appraisal_text,
    rules_summary,
    verdict_grid,
)
from .vocab import (
    APPROVAL_STATUSES,
    BURDENS,
    COMORBIDITIES,
    COMORBIDITY_NAMES,
    DIFFERENTIATIONS,
    DPYD_STATUSES,
    HEREDITARY_SYNDROMES,
    M_CATEGORIES,
    REGIONS,
    SSTR_STATUSES,
    SYNDROME_NAMES,
    SYNDROMES,
    VERDICTS,
)

__all__ = [
    "APPROVAL_STATUSES",
    "BURDENS",
    "CHEMOTHERAPY",
    "CLARINET_KI67_BELOW",
    "COLUMNS",
    "COMORBIDITIES",
    "COMORBIDITY_NAMES",
    "DIFFERENTIATIONS",
    "DISCLAIMER",
    "DPYD_STATUSES",
    "HEREDITARY_SYNDROMES",
    "M_CATEGORIES",
    "NETTER2_KI67_FROM",
    "NETTER2_KI67_UP_TO",
    "NORDIC_NEC_KI67_CUT",
    "NO_RULE_REASON",
    "PATIENT_FIELDS",
    "REGIONS",
    "RULES",
    "SANET_P_MAX_PRIOR_REGIMENS",
    "SSTR_STATUSES",
    "SYNDROMES",
    "SYNDROME_NAMES",
    "TARGETED",
    "THERAPY_IDS",  # noqa: F822 (provided by the module __getattr__, from the catalogue)
    "THERAPY_NAMES",  # noqa: F822
    "VERDICTS",
    "VERDICT_COLOURS",
    "Finding",
    "Patient",
    "Rule",
    "TherapyAppraisal",
    "_combine",
    "appraisal_html",
    "appraisal_text",
    "appraise",
    "context_notes",
    "evaluate",
    "explain",
    "rules_summary",
    "verdict_grid",
    "what_if",
]


def __getattr__(name: str) -> object:
    """``THERAPY_IDS`` and ``THERAPY_NAMES`` from :mod:`pannet_edu.engine`, when asked for."""
    if name in ("THERAPY_IDS", "THERAPY_NAMES"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
