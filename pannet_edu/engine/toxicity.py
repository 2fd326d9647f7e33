"""Match toxicity to the patient: the comorbidity half of every choice.

Each therapy's poor-fit factors live in the catalogue (``data/therapies.yaml``): the patient factor,
the verdict it caps, why, and the source with its confidence mark. A factor never supports a
therapy; it only caps it (or adds a note), so adding a comorbidity can never improve a verdict.
Examples the catalogue teaches: everolimus raises glucose (diabetes) and causes pneumonitis
(interstitial lung disease); VEGFR tyrosine kinase inhibitors raise blood pressure, cause
thromboembolic events and bleeding (hypertension, heart disease, bleeding risk, low platelets);
PRRT irradiates the kidneys and marrow; streptozocin is nephrotoxic; capecitabine is contraindicated
below a creatinine clearance of 30 mL/min, needs a 75% starting dose at 30-50 mL/min, causes
fluoropyrimidine cardiotoxicity (worse with coronary disease) and has no safe dose in complete DPD
deficiency (FDA boxed warning); belzutifan causes anaemia and harms a pregnancy.

>>> from pannet_edu.engine.patient import Patient
>>> [f.verdict for f in comorbidity_toxicity(Patient(ki67=5, dpyd="complete_deficiency"))
...  if f.therapy == "capecitabine_temozolomide"]
['not suitable']
"""

from __future__ import annotations

from ..vocab import FACTOR_NAMES
from .catalogue import load_catalogue
from .combine import Finding, finding, rule
from .facts import text_source

#: ECOG 3-4 (in bed or chair more than half the day): trials enrolled mostly ECOG 0-1
#: (STARTER-NET 0-2), so every systemic option is weighed against its burden.
POOR_PERFORMANCE_STATUS = 3


def active_factors(p) -> tuple[str, ...]:
    """The patient's poor-fit factors: comorbidities, DPD deficiency, a possible or present
    pregnancy, ECOG performance status 3-4 and an insulinoma's hypoglycaemia.

    >>> from pannet_edu.engine.patient import Patient
    >>> active_factors(Patient(ki67=5, comorbidities=["diabetes"], pregnancy_possible=True))
    ('diabetes', 'pregnancy_possible')
    >>> active_factors(Patient(ki67=5, pregnant=True, performance_status=3))
    ('pregnant', 'poor_performance_status')
    """
    factors = list(p.comorbidities)
    if p.dpyd in ("partial_deficiency", "complete_deficiency"):
        factors.append(f"dpyd_{p.dpyd}")
    if p.pregnant:
        factors.append("pregnant")
    elif p.pregnancy_possible:
        factors.append("pregnancy_possible")
    if p.performance_status is not None and p.performance_status >= POOR_PERFORMANCE_STATUS:
        factors.append("poor_performance_status")
    if p.syndrome == "insulinoma":
        factors.append("insulinoma")
    return tuple(factors)


@rule("comorbidity_toxicity", "§6 Match toxicity to the patient (catalogue poor-fit factors)")
def comorbidity_toxicity(p) -> list[Finding]:
    factors = active_factors(p)
    if not factors:
        return []
    out = []
    for therapy in load_catalogue():
        for item in therapy.poor_fit_detail:
            if item.factor in factors:
                out.append(finding(
                    therapy.id,
                    None if item.caps == "note" else item.caps,
                    f"{FACTOR_NAMES[item.factor]}: {item.why}",
                    sources=[text_source(item.source, item.confidence)],
                ))
    return out
