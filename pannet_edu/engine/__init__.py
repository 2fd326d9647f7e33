"""The sequencing engine: a patient model and an appraisal of every option that explains itself.

The engine teaches the reasoning behind choosing and ordering therapy for metastatic panNET: it
never prescribes, and no randomised trial has settled the order of therapies (Hauser 2019). Each
option in the therapy catalogue (``data/therapies.yaml``) receives a verdict, the reasons (each
naming the patient factor that drove it), the evidence, the checks to name before the first dose
and its approval in the patient's region.

Where to read a rule:

* :mod:`~pannet_edu.engine.patient`: the patient model and its checks;
* :mod:`~pannet_edu.engine.combine`: findings and the precedence (the worst limit wins);
* one module per principle: :mod:`~pannet_edu.engine.classification` (NET/NEC, NEC second
  line), :mod:`~pannet_edu.engine.sstr`, :mod:`~pannet_edu.engine.first_line`,
  :mod:`~pannet_edu.engine.after_progression`, :mod:`~pannet_edu.engine.shrinkage`,
  :mod:`~pannet_edu.engine.toxicity`, :mod:`~pannet_edu.engine.functional` (insulinoma
  stepwise), :mod:`~pannet_edu.engine.hereditary`, :mod:`~pannet_edu.engine.prior_therapy`,
  :mod:`~pannet_edu.engine.before_starting`, :mod:`~pannet_edu.engine.region`,
  :mod:`~pannet_edu.engine.beyond_drugs`;
* :mod:`~pannet_edu.engine.scope`: "preferred" needs the patient inside the evidence (the trial
  populations and guideline positions of ``data/evidence_scope.yaml``), applied after every rule;
* :mod:`~pannet_edu.engine.catalogue`: the catalogue loader (and :func:`use_data_dir`);
* :mod:`~pannet_edu.engine.roles`: the catalogue asked by class group, role, combination and
  evidence (a rule never names a therapy by its id, so a copy of an entry is appraised like the
  original);
* :mod:`~pannet_edu.engine.appraisal`: the appraisal table. Its HTML and text views live in
  :mod:`pannet_edu.views.appraisal` (the engine computes; it imports no view).

>>> from pannet_edu.engine import Patient, appraise
>>> appraise(Patient(ki67=5, sstr="positive")).loc["ssa", "verdict"]
'preferred'
"""

from __future__ import annotations

# The principle modules register their rules on import; PRINCIPLES fixes the order they apply in.
from . import (  # noqa: F401
    after_progression,
    beyond_drugs,
    classification,
    first_line,
    functional,
    hereditary,
    prior_therapy,
    region,
    shrinkage,
    sstr,
    toxicity,
)
from .appraisal import COLUMNS, appraise, context_notes, evaluate, explain, what_if
from .catalogue import data_dir, load_catalogue, use_data_dir
from .combine import NO_RULE_REASON, RULES, Finding, Rule, TherapyAppraisal
from .patient import PATIENT_FIELDS, Patient

#: The principle modules in the order a tumour board reasons (the order of the rules).
PRINCIPLES = (
    "classification", "sstr", "first_line", "after_progression", "shrinkage", "toxicity",
    "functional", "hereditary", "prior_therapy", "region", "beyond_drugs",
)
RULES.sort(key=lambda r: PRINCIPLES.index(r.apply.__module__.rsplit(".", 1)[-1]))

__all__ = [
    "COLUMNS",
    "NO_RULE_REASON",
    "PATIENT_FIELDS",
    "RULES",
    "THERAPY_IDS",
    "THERAPY_NAMES",
    "Finding",
    "Patient",
    "Rule",
    "TherapyAppraisal",
    "appraise",
    "context_notes",
    "data_dir",
    "evaluate",
    "explain",
    "load_catalogue",
    "use_data_dir",
    "what_if",
]


def __getattr__(name: str) -> object:
    """``THERAPY_IDS`` (catalogue order) and ``THERAPY_NAMES`` (short learner-facing names),
    read from the catalogue at the time of asking, so a therapy added to the data appears here.

    >>> from pannet_edu.engine import THERAPY_IDS, THERAPY_NAMES
    >>> THERAPY_IDS[0], THERAPY_NAMES["prrt"]
    ('ssa', 'PRRT (177Lu-DOTATATE)')
    """
    if name == "THERAPY_IDS":
        return load_catalogue().ids
    if name == "THERAPY_NAMES":
        return load_catalogue().names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
