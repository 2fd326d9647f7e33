"""Which kinds of vignette practise which lesson, and the limits of a draw.

>>> KINDS[:2]
('grade', 'stage')
"""

from __future__ import annotations

__all__ = [
    "DIFFICULTIES",
    "INVENTED",
    "KINDS",
    "KIND_TITLES",
    "MAX_ATTEMPTS",
    "MAX_N",
    "SYSTEMIC_CLASSES",
]


KINDS = ("grade", "stage", "syndrome", "best_option", "before_starting", "trial", "evidence")


#: How each kind of question is headed for a learner.
KIND_TITLES = {
    "grade": "Invented case: the WHO grade",
    "stage": "Invented case: the AJCC stage",
    "best_option": "Invented case: choosing an option",
    "before_starting": "Invented case: before the first dose",
    "trial": "Invented case: the evidence behind an option",
    "syndrome": "Invented case: what a syndrome changes",
    "evidence": "Invented case: a treatment under investigation",
}


#: "easy": concordant indices, no boundary values, few extra factors; "hard": values on the
#: cut-offs, discordant Ki-67 and mitotic count, functioning tumours and more comorbidities.
DIFFICULTIES = ("easy", "hard")


#: Every vignette ends with this sentence.
INVENTED = "Invented teaching case."


#: The largest set one call draws.
MAX_N = 5000


#: Draws tried per vignette before giving up (a lesson's question needs a fitting patient).
MAX_ATTEMPTS = 2000


#: Which question kinds practise which lesson, and which therapy classes a lesson's therapy
#: questions are about (``None``: every class). Classes are read from the therapy catalogue.
_LESSONS: dict[str, tuple[tuple[str, ...], tuple[str, ...] | None]] = {
    "01_classification_and_staging": (("grade", "stage"), None),
    "02_imaging_and_syndromes": (("syndrome", "best_option"), ("ssa", "prrt")),
    "03_somatostatin_analogues": (("best_option", "trial"), ("ssa",)),
    "04_targeted_agents": (("best_option", "trial"), ("mtor_inhibitor", "tki")),
    "05_prrt": (("best_option", "trial", "before_starting"), ("prrt",)),
    "06_chemotherapy": (("best_option", "trial", "before_starting"), ("chemotherapy",)),
    "07_sequencing_cases": (("best_option", "before_starting", "trial"), None),
    "08_under_investigation": (("evidence",), None),
}


#: Where a mixed set (no lesson) files each kind.
_HOME_LESSON = {
    "grade": "01_classification_and_staging",
    "stage": "01_classification_and_staging",
    "best_option": "07_sequencing_cases",
    "before_starting": "07_sequencing_cases",
    "trial": "07_sequencing_cases",
    "syndrome": "02_imaging_and_syndromes",
    "evidence": "08_under_investigation",
}


_THERAPY_KINDS = ("best_option", "before_starting", "trial")


#: Catalogue classes that are systemic drug therapy (the options these questions are about).
SYSTEMIC_CLASSES = ("ssa", "mtor_inhibitor", "tki", "prrt", "chemotherapy", "hif2a_inhibitor")


_GRADE_OPTIONS = ("NET G1", "NET G2", "NET G3", "NEC")


_LIMITS = ("caution", "not suitable")
