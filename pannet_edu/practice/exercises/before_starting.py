"""Exercise kind ``before_starting``: name the checks before the first dose of a therapy, for this
patient; the key is the therapy catalogue's own list, read through the engine.

>>> sorted(concepts_in("creatinine and TSH"))
['kidney function', 'thyroid function']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from ...content.fields import short_repr
from ..feedback import Feedback
from .answers import parse_checks
from .model import Kind, _therapy_display, _upper_first

__all__ = ["CHECK_CONCEPTS", "KIND", "before_starting_checks", "concepts_in"]


#: Words a learner may use for each kind of check. A catalogue check is "named" when the learner
#: names any concept that its own text contains. This is vocabulary, not a clinical fact: the
#: checks themselves, their sources and their confidence come from the therapy catalogue.
CHECK_CONCEPTS: dict[str, tuple[str, ...]] = {
    "DPYD (DPD deficiency)": ("dpyd", "dpd", "dihydropyrimidine"),
    "kidney function": ("kidney", "renal", "creatinine", "egfr", "crcl", "clearance", "nephro"),
    "the heart": ("heart", "cardiac", "coronary", "lvef", "ejection", "echocardiogra", "ecg",
                  "angina", "cardiolog", "ischaemi"),
    "blood counts": ("blood count", "counts", "fbc", "cbc", "full blood", "neutrophil", "anc",
                     "platelet", "haematolog"),
    "lymphocytes and PJP prophylaxis": ("lymphocyte", "lymphopenia", "pjp", "pcp",
                                        "pneumocystis", "prophylaxis", "opportunistic"),
    "liver tests": ("liver test", "liver function", "lft", "lfts", "transaminase", "alt",
                    "bilirubin", "hepatotox", "child-pugh", "child pugh", "liver replaced"),
    "anticoagulants": ("warfarin", "vitamin k", "anticoagula", "inr", "vka"),
    "pregnancy and contraception": ("pregnan", "contracept"),
    "haemoglobin": ("haemoglobin", "hemoglobin", "hb", "anaemia", "anemia"),
    "oxygen saturation": ("oxygen", "spo2", "saturation", "oximetr", "hypoxi"),
    "blood pressure": ("blood pressure", "hypertension", "bp"),
    "thyroid function": ("thyroid", "tsh"),
    "glucose": ("glucose", "sugar", "hba1c", "glycaemi", "hypoglycaemi", "hyperglycaemi",
                "diabet"),
    "lipids": ("lipid", "cholesterol", "triglycerid"),
    "the lungs": ("lung", "pneumonitis", "chest", "interstitial", "breath"),
    "ACE inhibitors": ("ace inhibitor", "ace-inhibitor", "acei", "angioedema", "ramipril",
                       "lisinopril", "enalapril", "perindopril"),
    "hepatitis B": ("hepatitis b", "hbv", "hbsag"),
    "the gallbladder": ("gallbladder", "gallstone", "cholelith", "biliary"),
    "steatorrhoea": ("steatorrh", "fatty stool", "fat malabsorption", "malabsorption"),
    "SSTR uptake": ("sstr", "uptake", "krenning", "dotatate", "somatostatin receptor",
                    "somatostatin-receptor"),
    "stopping the long-acting SSA": ("washout", "wash out", "long-acting", "stop the ssa",
                                     "stop ssa", "lanreotide", "octreotide"),
    "a hormonal-crisis plan": ("crisis",),
    "bleeding": ("bleed", "haemoptysis", "haematemesis", "melena", "haemorrhag"),
    "planned surgery and wound healing": ("surgery", "wound", "operation"),
    "fistula or perforation": ("fistula", "perforat"),
    "urine protein": ("urine protein", "proteinuria", "dipstick", "urinalysis", "protein"),
    "a marrow examination": ("marrow", "myelodysplas", "mds", "leukaemia", "leukemia"),
    "whether all disease can be removed": ("surgical review", "surgeon", "resect", "removed",
                                           "ablat"),
    "the trial's criteria": ("eligib", "criteria"),
    "the teeth and jaw": ("dental", "dentist", "teeth", "jaw", "osteonecrosis"),
    "vaccines": ("vaccin",),
    "potassium": ("potassium", "hyperkalaemi", "hyperkalemi"),
    "the fluid load": ("fluid", "volume load"),
    "FDG-PET": ("fdg",),
    "a biliary anastomosis or stent": ("anastomosis", "whipple", "stent"),
}


_CONFIDENCE_WORDS = {
    "verified": "",
    "secondary": " (secondary source)",
    "congress report": " (congress report only)",
    "expert practice": " (expert practice, no trial)",
    "conflicting": " (sources conflict)",
}


def _term_pattern(term: str) -> re.Pattern[str]:
    """A term of 3 letters or fewer must be a whole word (``hb``, ``alt``); longer ones a prefix."""
    end = r"\b" if len(term) <= 3 else ""
    return re.compile(rf"\b{re.escape(term)}{end}", re.IGNORECASE)


@cache
def _concept_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    return {c: tuple(_term_pattern(t) for t in terms) for c, terms in CHECK_CONCEPTS.items()}


def concepts_in(text: str) -> frozenset[str]:
    """The kinds of check that a piece of text names.

    >>> sorted(concepts_in("DPYD genotype and creatinine clearance"))
    ['DPYD (DPD deficiency)', 'kidney function']
    >>> sorted(concepts_in("HbA1c"))
    ['glucose']
    """
    return frozenset(
        concept for concept, patterns in _concept_patterns().items()
        if any(p.search(str(text)) for p in patterns)
    )  # fmt: skip


_START_PATIENT_FIELDS = (
    "differentiation", "sstr", "burden", "progressing", "symptomatic", "syndrome", "prior",
    "comorbidities", "hereditary", "m_category", "region", "durable_benefit",
    "hypoglycaemia_refractory", "dpyd", "pregnancy_possible", "pregnant", "performance_status",
)  # fmt: skip


def _before_starting_patient(case: Mapping[str, object]):
    from ...engine import Patient

    fields = {
        "ki67": case.get("ki67_percent"),
        "mitoses": case.get("mitoses_per_2mm2"),
        **{name: case[name] for name in _START_PATIENT_FIELDS if name in case},
    }
    if fields["ki67"] is None and fields["mitoses"] is None:
        raise ValueError("give ki67_percent or mitoses_per_2mm2 for the patient")
    return Patient(**fields)


def _therapy_for_checks(case: Mapping[str, object]) -> str:
    from ...evidence import therapies

    therapy = case.get("therapy")
    catalogue = therapies()
    if therapy not in catalogue.index:
        raise ValueError(f"therapy must be a catalogue id ({', '.join(catalogue.index)}); "
                         f"got {short_repr(therapy)}")  # fmt: skip
    return str(therapy)


def before_starting_checks(case: Mapping[str, object]) -> tuple:
    """The catalogue's checks before the first dose of the case's therapy, for its patient.

    Read through the engine (:func:`pannet_edu.engine.before_starting.checks_for`), so the key
    is the catalogue's own list: nothing is typed twice.
    """
    from ...engine.before_starting import checks_for

    checks = tuple(checks_for(_therapy_for_checks(case), _before_starting_patient(case)))
    if not checks:
        raise ValueError(f"the catalogue lists no check before {case.get('therapy')!r}")
    unnamed = [c.check for c in checks if not concepts_in(c.check)]
    if unnamed:
        raise ValueError(f"no learner vocabulary for the check {short_repr(unnamed[0])}; add it to "
                         "CHECK_CONCEPTS")  # fmt: skip
    return checks


def _check_line(check) -> str:
    return (
        f"{_upper_first(check.check)}{_CONFIDENCE_WORDS.get(check.confidence, '')} "
        f"[{check.source}]"
    )


def _mark_before_starting(case: Mapping[str, object], given: tuple[str, ...]) -> Feedback:
    checks = before_starting_checks(case)
    name = _therapy_display(str(case["therapy"]))
    named_concepts = frozenset().union(*(concepts_in(item) for item in given))
    named = [c for c in checks if concepts_in(c.check) & named_concepts]
    missed = [c for c in checks if c not in named]
    strays = [item for item in given if not any(concepts_in(item) & concepts_in(c.check)
                                                for c in checks)]  # fmt: skip
    source = "Therapy catalogue: checks before the first dose, each with its source"
    parts = [f"You named {len(named)} of {len(checks)} checks before {name} for this patient."]
    if missed:
        parts.append("Missed: " + " ".join(f"{_check_line(c)}." for c in missed))
    if named:
        parts.append("Named: " + " ".join(f"{_check_line(c)}." for c in named))
    if strays:
        # The learner's own words, quoted back short: a pasted essay must not fill the page.
        shown = [item if len(item) <= 60 else item[:57] + "..." for item in strays[:5]]
        more = f"; and {len(strays) - 5} more" if len(strays) > 5 else ""
        parts.append(
            "Not among the checks listed for this patient: " + "; ".join(shown) + more + "."
        )
    return Feedback(not missed, " ".join(parts), source)


#: The entry kind ``before_starting`` in the exercise files.
KIND = Kind(
    lambda case: (
        f"Before the first dose of {_therapy_display(str(case['therapy']))}: name the checks "
        "for this patient."
    ),
    'a list of checks, e.g. ["blood pressure", "liver tests"]',
    ("therapy",),
    ("ki67_percent", "mitoses_per_2mm2", *_START_PATIENT_FIELDS),
    parse_checks,
    _mark_before_starting,
    lambda case: tuple(c.check for c in before_starting_checks(case)),
)
