"""Before the first dose: the checks a learner must name, for this patient.

Every therapy's checks live in its catalogue entry, each with its source and a confidence mark,
and some apply only to some patients (a pregnancy test where a pregnancy is possible; a DPYD test
when it has not been done; a hormonal-crisis plan in a functioning tumour). Examples: DPYD before
capecitabine or 5-FU (FDA boxed warning 2026), creatinine clearance and coronary disease before
capecitabine, counts and lymphocytes before temozolomide, stopping a long-acting SSA 4 weeks
before PRRT, liver tests before sunitinib (boxed), blood pressure and recent bleeding before
cabozantinib, lung history and ACE inhibitors before everolimus, pregnancy test and non-hormonal
contraception before belzutifan, the gallbladder before an SSA. After PRRT, persistent low counts
add a marrow examination before any next systemic line.

>>> from pannet_edu.engine.patient import Patient
>>> checks = checks_for("capecitabine_temozolomide", Patient(ki67=5))
>>> checks[0].check.startswith("DPYD genotype")
True
"""

from __future__ import annotations

from ..vocab import GROUP_RADIOLIGAND
from .catalogue import Check, PoorFit, load_catalogue
from .conditions import condition_holds
from .roles import given, groups

#: The comorbidity that, after PRRT, adds a marrow examination before any next systemic line.
LOW_MARROW_RESERVE = "low_marrow_reserve"


def marrow_risk_after_prrt(patient) -> PoorFit | None:
    """The marrow risk the radioligand therapy this patient had records for itself (its
    low-marrow-reserve factor: why, source with the label's rates, confidence), when the patient
    has persistent low counts after it; ``None`` otherwise.

    >>> from pannet_edu.engine.patient import Patient
    >>> marrow_risk_after_prrt(Patient(ki67=5, prior=["prrt"],
    ...                                comorbidities=["low_marrow_reserve"])).source
    'Lutathera label: MDS 2.3%, acute leukaemia 0.5%'
    """
    if LOW_MARROW_RESERVE not in patient.comorbidities:
        return None
    for therapy in load_catalogue():
        if GROUP_RADIOLIGAND in groups(therapy.id) and given(patient, therapy.id):
            for item in therapy.poor_fit_detail:
                if item.factor == LOW_MARROW_RESERVE:
                    return item
    return None


def checks_for(therapy_id: str, patient) -> list[Check]:
    """The catalogue checks that apply to this patient, plus the marrow work-up after PRRT."""
    catalogue = load_catalogue()
    therapy = catalogue[therapy_id]
    chosen = [c for c in therapy.before_starting
              if all(condition_holds(w, patient, catalogue) for w in c.when)]
    marrow = marrow_risk_after_prrt(patient)
    if marrow is not None and catalogue.is_systemic(therapy_id):
        chosen.insert(0, Check(
            check="marrow examination for myelodysplasia or leukaemia (persistent low counts "
                  "after PRRT)",
            source=marrow.source, confidence=marrow.confidence))
    return chosen


def before_starting_text(therapy_id: str, patient) -> str:
    """The checks as one line (confidence shown where a check rests on expert practice or a
    secondary source).

    >>> from pannet_edu.engine.patient import Patient
    >>> before_starting_text("surveillance", Patient(ki67=5))
    'none listed'
    """
    checks = checks_for(therapy_id, patient)
    if not checks:
        return "none listed"
    return "; ".join(
        c.check + ("" if c.confidence in ("verified", "secondary") else f" ({c.confidence})")
        for c in checks
    )
