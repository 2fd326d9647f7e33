"""Writing an invented patient as a short clinical vignette.

>>> import random
>>> from pannet_edu.practice.vignettes.patient import draw_case
>>> narrative(draw_case(random.Random(3))).endswith("Invented teaching case.")
True
"""

from __future__ import annotations

from collections.abc import Sequence

from ...engine import THERAPY_NAMES
from .lessons import INVENTED
from .patient import _COMORBIDITY, Case

__all__ = ["narrative"]


_PRESENTATION = {
    "insulinoma": "has had episodes of sweating and confusion when fasting, relieved by eating; "
    "blood taken during an episode shows low glucose with inappropriately high insulin",
    "gastrinoma": "has recurrent peptic ulcers and chronic diarrhoea, with a markedly raised "
    "fasting gastrin (Zollinger-Ellison syndrome)",
    "glucagonoma": "has a migrating, blistering red rash (necrolytic migratory erythema) and "
    "weight loss, with a raised plasma glucagon",
    "vipoma": "has profuse watery diarrhoea with a low potassium and a raised plasma VIP",
}


_HEREDITARY = {
    "MEN1": "has multiple endocrine neoplasia type 1 (MEN1) and had parathyroid surgery years ago",
    "VHL": "has von Hippel-Lindau disease, with renal cysts and a treated retinal "
    "haemangioblastoma",
}


_SSTR = {
    "positive": "68Ga-DOTATATE PET shows uptake above that of normal liver in every known lesion",
    "negative": "68Ga-DOTATATE PET shows no uptake above background in the lesions",
    "heterogeneous": "68Ga-DOTATATE PET shows uptake in some lesions but not in others, and the "
    "lesions without uptake are avid on FDG PET",
    "unknown": "somatostatin-receptor imaging has not been done",
    "equal_to_liver": "68Ga-DOTATATE PET shows uptake in every lesion, in the weakest equal to "
    "that of normal liver",
    "below_liver": "68Ga-DOTATATE PET shows uptake in every lesion, but below that of normal liver",
}
#: How a vignette describes the ECOG performance status (with the score a learner can read).
_PERFORMANCE = {
    0: "is fully active",
    1: "works light duties only",
    2: "is up and about but cannot work",
    3: "spends most of the day in bed or a chair",
    4: "is confined to bed",
}


_PRIOR = {"ssa": "a somatostatin analogue (lanreotide)"}


#: The course before this visit (see :attr:`Case.follow_up`), as the vignette says it.
_FOLLOW_UP = {
    "grown": "Compared with a scan six months ago, the metastases have grown.",
    "stable": "Scans six months apart show no growth.",
    "new": "The metastases were found at diagnosis; there is no earlier scan to compare with.",
}


_SITE_TEXT = {"bone": "the bones", "lung": "the lungs", "peritoneum": "the peritoneum",
              "ovary": "an ovary", "non-regional lymph nodes": "non-regional lymph nodes"}


def _join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _a(number: str) -> str:
    """The article before a number read aloud ("an 8.5", "an 11", "a 3").

    >>> [_a(n) for n in ("8.5", "11", "18", "1.2", "3")]
    ['an', 'an', 'an', 'a', 'a']
    """
    whole = number.split(".")[0]
    return "an" if whole.startswith("8") or whole in ("11", "18") else "a"


def _upper(text: str) -> str:
    return text[0].upper() + text[1:]


def narrative(case: Case, *, name_grade: bool = False) -> str:
    """The case as a short clinical vignette, ending with :data:`INVENTED`.

    ``name_grade`` adds the WHO grade to the pathology sentence (for therapy questions; a grade
    question must leave it out).

    >>> import random
    >>> from pannet_edu.practice.vignettes.patient import draw_case
    >>> text = narrative(draw_case(random.Random(2)))
    >>> text.endswith(INVENTED), "NET G" in text
    (True, False)
    """
    she = "She" if case.sex == "woman" else "He"
    her = "Her" if case.sex == "woman" else "His"
    if case.syndrome:
        opening = _PRESENTATION[case.syndrome]
    elif case.symptomatic:
        opening = "has upper abdominal pain, early satiety and weight loss"
    else:
        opening = "has a pancreatic mass found on a CT scan done for another reason"
    sentences = [f"{_upper(_a(str(case.age)))} {case.age}-year-old {case.sex} {opening}."]
    if case.hereditary:
        sentences.append(f"{she} {_HEREDITARY[case.hereditary]}.")
    invasion = f" that invades the {_join(case.invades)}" if case.invades else ""
    nodes = (
        "a regional lymph node is enlarged and its biopsy contains tumour"
        if case.nodes == "N1"
        else "the regional lymph nodes look normal"
    )
    sentences.append(
        f"CT and endoscopic ultrasound show {_a(f'{case.size_cm:g}')} {case.size_cm:g} cm tumour "
        f"in the pancreatic "
        f"{case.site}{invasion}; {nodes}."
    )
    spread = []
    if case.liver:
        spread.append(
            "numerous liver metastases replacing much of the liver"
            if case.burden == "high"
            else "a few small liver metastases"
        )
    if case.extrahepatic:
        spread.append(f"metastases in {_join([_SITE_TEXT[x] for x in case.extrahepatic])}")
    if not spread:
        sentences.append("Staging scans show no distant metastases.")
    else:
        sentences.append(f"Staging scans show {_join(spread)}.")
    biopsied = "a liver metastasis" if case.liver else "the primary tumour"
    if case.differentiation == "poor":
        cells = case.morphology.replace("-cell", "")  # type: ignore[union-attr]
        path = f"the tumour is poorly differentiated, with {cells}-cell morphology"
    else:
        path = "the tumour is well differentiated"
    counts = f"Ki-67 is {case.ki67:g}% in hot spots"
    if case.mitoses == 0:
        counts += " and no mitoses are seen in 2 mm²"
    elif case.mitoses is not None:
        counts += f" and there {'is' if case.mitoses == 1 else 'are'} {case.mitoses:g} " \
                  f"{'mitosis' if case.mitoses == 1 else 'mitoses'} per 2 mm²"
    named = f" ({case.grade().label})" if name_grade else ""
    sentences.append(f"A biopsy of {biopsied} shows that {path}{named}; {counts}.")
    sentences.append(_upper(_SSTR[case.sstr]) + ".")
    course = case.follow_up
    if course == "treated":
        given = ", then ".join(_PRIOR.get(t, THERAPY_NAMES[t]) for t in case.prior)
        sentences.append(f"{she} has been treated with {given}; the latest scan shows progression.")
    elif course:
        sentences.append(_FOLLOW_UP[course])
    if case.comorbidities:
        history = _join([_COMORBIDITY[c] for c in case.comorbidities])
        sentences.append(f"{her} other history includes {history}.")
    sentences.append(f"{she} {_PERFORMANCE[case.performance_status]} (ECOG performance status "
                     f"{case.performance_status}).")
    if case.pregnancy_possible:
        sentences.append(f"{she} could become pregnant.")
    sentences.append(INVENTED)
    return " ".join(sentences)
