"""Which kinds of vignette practise which lesson, and the limits of a draw.

>>> KINDS[:2]
('grade', 'stage')
"""

from __future__ import annotations

from ...engine.catalogue import load_catalogue

__all__ = [
    "DIFFICULTIES",
    "INVENTED",
    "KINDS",
    "KIND_TITLES",
    "MAX_ATTEMPTS",
    "MAX_N",
    "lesson_classes",
    "systemic_classes",
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


#: Which question kinds practise which lesson. Which therapies a lesson's questions are about is
#: not kept here: it is read from the therapy classes' ``lessons`` (:func:`lesson_classes`).
_LESSONS: dict[str, tuple[str, ...]] = {
    "01_classification_and_staging": ("grade", "stage"),
    "02_imaging_and_syndromes": ("syndrome", "best_option"),
    "03_somatostatin_analogues": ("best_option", "trial"),
    "04_targeted_agents": ("best_option", "trial"),
    "05_prrt": ("best_option", "trial", "before_starting"),
    "06_chemotherapy": ("best_option", "trial", "before_starting"),
    "07_sequencing_cases": ("best_option", "before_starting", "trial"),
    "08_under_investigation": ("evidence",),
}


def systemic_classes() -> tuple[str, ...]:
    """The catalogue's classes of systemic drug therapy (the options therapy questions are about).

    >>> "prrt" in systemic_classes(), "surveillance" in systemic_classes()
    (True, False)
    """
    classes = load_catalogue().classes
    return tuple(cid for cid, item in classes.items() if item.systemic)


def lesson_classes(lesson: str) -> tuple[str, ...] | None:
    """The systemic classes whose catalogue entry names ``lesson`` among the lessons that teach
    it; ``None`` (every class) for a lesson that teaches no class of its own.

    >>> lesson_classes("05_prrt"), lesson_classes("07_sequencing_cases")
    (('prrt',), None)
    """
    classes = load_catalogue().classes
    own = tuple(cid for cid in systemic_classes() if lesson in classes[cid].lessons)
    return own or None


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


_GRADE_OPTIONS = ("NET G1", "NET G2", "NET G3", "NEC")


_LIMITS = ("caution", "not suitable")
