"""Endless practice: invented panNET vignettes whose answer key the package computes.

:func:`vignettes` draws teaching patients from written, tested distributions (:func:`draw_case`),
writes each as a short clinical vignette and asks one question about it:

* ``grade``: the WHO grade (:func:`pannet_edu.grade`);
* ``stage``: the AJCC 8th stage group (:func:`pannet_edu.t_category`, :func:`pannet_edu.stage`);
* ``best_option``: the systemic option with the strongest case (:func:`pannet_edu.appraise`);
* ``before_starting``: a check needed before the first dose (the engine's ``before_starting``
  column, asked only when the engine provides it);
* ``trial``: the trial behind an option (the engine's reasons and :func:`pannet_edu.trials`).

Nothing in a key is typed in: the correct option, the feedback on every option and the citation
come from the package's grading, staging, sequencing engine and trial table. A question is asked
only when exactly one option is right: where the engine rates two options equally, the other one is
never offered as a wrong answer. Every vignette says it is an invented teaching case.

The generator's plausibility rules are written in :func:`plausibility_problems` (and tested): a
poorly differentiated carcinoma always has Ki-67 above 20%; a hereditary syndrome comes with a
well-differentiated tumour; VHL never comes with a functioning tumour (VHL-associated pancreatic
NETs are nearly always non-functioning); carcinomas are SSTR-negative or heterogeneous on imaging;
Ki-67 and the mitotic count are at most one grade apart; treatments already given fit the tumour.

>>> first = vignettes(seed=7, n=3)
>>> [v.id for v in first] == [v.id for v in vignettes(seed=7, n=3)]
True
>>> v = vignettes(seed=7, n=1, lesson="01_classification_and_staging")[0]
>>> v.kind in ("grade", "stage"), sum(o.correct for o in v.options)
(True, 1)
>>> v.check(v.key).correct
True
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .. import pathology, staging
from ..display import DISCLAIMER, card, text_card
from ..sequencing import (
    COMORBIDITIES,
    THERAPY_IDS,
    THERAPY_NAMES,
    Patient,
    appraise,
    evaluate,
)
from .feedback import Feedback
from .question_bank import LETTERS, Option, Question

__all__ = [
    "DIFFICULTIES",
    "INVENTED",
    "KINDS",
    "Case",
    "Vignette",
    "available_kinds",
    "draw_case",
    "plausibility_problems",
    "validate",
    "vignette_lessons",
    "vignettes",
]

KINDS = ("grade", "stage", "best_option", "before_starting", "trial")
#: How each kind of question is headed for a learner.
KIND_TITLES = {
    "grade": "Invented case: the WHO grade",
    "stage": "Invented case: the AJCC stage",
    "best_option": "Invented case: choosing an option",
    "before_starting": "Invented case: before the first dose",
    "trial": "Invented case: the evidence behind an option",
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
    "03_somatostatin_analogues": (("best_option", "trial"), ("ssa",)),
    "04_targeted_agents": (("best_option", "trial"), ("mtor_inhibitor", "tki")),
    "05_prrt": (("best_option", "trial", "before_starting"), ("prrt",)),
    "06_chemotherapy": (("best_option", "trial", "before_starting"), ("chemotherapy",)),
    "07_sequencing_cases": (("best_option", "before_starting", "trial"), None),
}
#: Where a mixed set (no lesson) files each kind.
_HOME_LESSON = {
    "grade": "01_classification_and_staging",
    "stage": "01_classification_and_staging",
    "best_option": "07_sequencing_cases",
    "before_starting": "07_sequencing_cases",
    "trial": "07_sequencing_cases",
}
_THERAPY_KINDS = ("best_option", "before_starting", "trial")
#: Catalogue classes that are systemic drug therapy (the options these questions are about).
SYSTEMIC_CLASSES = ("ssa", "mtor_inhibitor", "tki", "prrt", "chemotherapy", "hif2a_inhibitor")
_GRADE_OPTIONS = ("NET G1", "NET G2", "NET G3", "NEC")
_LIMITS = ("caution", "not suitable")

# --- The invented patient ------------------------------------------------------------------

SITES = ("head", "body", "tail")
#: Structures a tumour at each site can plausibly invade (AJCC 8th T3/T4 structures).
SITE_INVASION = {
    "head": ("duodenum", "common bile duct", "superior mesenteric artery"),
    "body": ("stomach", "celiac axis", "superior mesenteric artery"),
    "tail": ("spleen", "adrenal gland", "colon", "stomach"),
}
EXTRAHEPATIC_SITES = ("bone", "lung", "peritoneum", "non-regional lymph nodes", "ovary")
#: Functioning syndromes the generator uses (the rarer ones are left to the case library).
GENERATED_SYNDROMES = ("insulinoma", "gastrinoma", "glucagonoma", "vipoma")
#: Smallest primary (cm) described as invading a structure: the duodenum or bile duct can be
#: reached by a small head tumour; other organs and the large vessels need a bigger one.
_MIN_INVADING_CM: dict[str | None, float] = {"duodenum": 1.5, "common bile duct": 1.5, None: 3.0}
#: Therapies a generated patient may already have had, after an SSA.
SECOND_LINE_PRIOR = ("everolimus", "sunitinib", "capecitabine_temozolomide")


@dataclass(frozen=True)
class Case:
    """An invented patient: the findings a vignette describes and the engine reads.

    ``size_cm``, ``site`` and ``invades`` describe the primary; ``nodes`` is ``"N0"``/``"N1"``;
    ``liver`` and ``extrahepatic`` the distant metastases; the rest are the
    :class:`~pannet_edu.Patient` fields.
    """

    age: int
    sex: str
    site: str
    size_cm: float
    invades: tuple[str, ...]
    nodes: str
    liver: bool
    extrahepatic: tuple[str, ...]
    differentiation: str
    morphology: str | None
    ki67: float
    mitoses: float | None
    sstr: str
    burden: str
    progressing: bool
    symptomatic: bool
    syndrome: str | None
    hereditary: str | None
    comorbidities: tuple[str, ...]
    prior: tuple[str, ...]
    difficulty: str = "easy"

    @property
    def metastatic(self) -> bool:
        return self.liver or bool(self.extrahepatic)

    def patient(self) -> Patient:
        """The engine's view of this case.

        >>> draw_case(random.Random(3)).patient().grade.label in (*_GRADE_OPTIONS,)
        True
        """
        return Patient(
            ki67=self.ki67,
            mitoses=self.mitoses,
            differentiation=self.differentiation,
            sstr=self.sstr,
            burden=self.burden,
            progressing=self.progressing,
            symptomatic=self.symptomatic,
            syndrome=self.syndrome,
            prior=self.prior,
            comorbidities=self.comorbidities,
            hereditary=self.hereditary,
        )

    def grade(self) -> pathology.GradeResult:
        """The WHO grade, by :func:`pannet_edu.grade`."""
        return pathology.grade(self.ki67, self.mitoses, self.differentiation)

    def t(self) -> staging.TResult:
        """The AJCC 8th T category with its reason."""
        return staging.explain_t(self.size_cm, self.invades)

    def m(self) -> str:
        """The AJCC 8th M category from where the metastases are."""
        return staging.m_category(self.liver, bool(self.extrahepatic))

    def stage(self) -> staging.StageResult:
        """The AJCC 8th stage group, by :func:`pannet_edu.stage`.

        >>> case = draw_case(random.Random(4), metastatic=True)
        >>> case.stage().group
        'IV'
        """
        return staging.stage(self.t().category, self.nodes, self.m())


def _grade_index(label: str) -> int:
    return pathology.GRADES.index(label)


def plausibility_problems(case: Case) -> list[str]:
    """Why a case would be clinically implausible as a typical teaching case (empty: plausible).

    >>> rng = random.Random(0)
    >>> all(not plausibility_problems(draw_case(rng)) for _ in range(200))
    True
    >>> import dataclasses
    >>> nec = dataclasses.replace(draw_case(random.Random(1), differentiation="poor"), ki67=2.0)
    >>> plausibility_problems(nec)[0]
    'a poorly differentiated carcinoma has Ki-67 above 20%, got 2%'
    """
    problems = []
    poor = case.differentiation == "poor"
    if poor and case.ki67 <= pathology.KI67_G2_MAX:
        problems.append(
            f"a poorly differentiated carcinoma has Ki-67 above {pathology.KI67_G2_MAX:g}%, "
            f"got {case.ki67:g}%"
        )
    if poor and case.morphology not in ("small-cell", "large-cell"):
        problems.append("a carcinoma is described as small-cell or large-cell")
    if not poor and case.morphology is not None:
        problems.append("a well-differentiated tumour has no small/large-cell morphology")
    if poor and case.sstr == "positive":
        problems.append("a carcinoma is typically SSTR-negative or heterogeneous on imaging")
    if poor and case.progressing and not case.prior:
        problems.append("a carcinoma is treated at diagnosis, not watched for progression")
    if poor and (case.syndrome or case.hereditary):
        problems.append("a functioning syndrome or hereditary syndrome comes with a NET here")
    if case.hereditary == "VHL" and case.syndrome is not None:
        problems.append("VHL-associated pancreatic NETs are non-functioning (insulinoma is rare)")
    if case.hereditary == "VHL" and case.grade().label not in ("NET G1", "NET G2"):
        problems.append("a VHL-associated pancreatic NET is G1 or G2 here")
    if not poor and case.mitoses is not None:
        gap = abs(
            _grade_index(pathology.grade_from_ki67(case.ki67))
            - _grade_index(pathology.grade_from_mitoses(case.mitoses))
        )
        if gap > 1:
            problems.append("Ki-67 and the mitotic count are more than one grade apart")
    if case.syndrome == "insulinoma" and "diabetes" in case.comorbidities:
        problems.append("diabetes does not go with hypoglycaemia from an insulinoma")
    if case.syndrome and not case.symptomatic:
        problems.append("a functioning tumour is described by its symptoms")
    for structure in case.invades:
        if structure not in SITE_INVASION[case.site]:
            problems.append(f"a tumour of the pancreatic {case.site} cannot reach the {structure}")
        if case.size_cm < _MIN_INVADING_CM.get(structure, _MIN_INVADING_CM[None]):
            problems.append(f"a {case.size_cm:g} cm tumour is too small to invade the {structure}")
    if "ovary" in case.extrahepatic and case.sex != "woman":
        problems.append("ovarian metastases need a woman")
    if case.burden == "high" and not case.liver:
        problems.append("a high tumour burden means bulky liver metastases here")
    if not case.metastatic and (case.prior or case.burden == "high" or case.progressing):
        problems.append("prior therapy, high burden or progression need metastatic disease")
    if case.prior and not case.progressing:
        problems.append("a next line is discussed because the disease progressed")
    for therapy in case.prior:
        if poor and therapy != "platinum_etoposide":
            problems.append(f"a carcinoma is not treated with {THERAPY_NAMES[therapy]}")
        if not poor and therapy == "platinum_etoposide":
            problems.append("platinum-etoposide is the carcinoma regimen")
        if therapy in ("ssa", "prrt") and case.sstr not in ("positive", "heterogeneous"):
            problems.append(f"{THERAPY_NAMES[therapy]} needs SSTR-positive disease")
    if not 18 <= case.age <= 90:
        problems.append("age outside 18-90")
    return problems


def _weighted(rng: random.Random, table: Sequence[tuple[object, float]]) -> object:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights=weights)[0]


def _ki67_for(rng: random.Random, label: str, hard: bool) -> float:
    if label == "NET G1":
        return rng.choice((0.5, 1, 1.5, 2, 2.5) + ((2.9,) if hard else ()))
    if label == "NET G2":
        if hard and rng.random() < 0.4:
            return float(rng.choice((3, 10, 20)))
        return float(rng.randint(4, 18))
    if label == "NET G3":
        if hard and rng.random() < 0.4:
            return float(rng.choice((21, 55, 56)))
        return float(rng.randint(25, 50))
    return float(rng.randint(30, 95) if hard else rng.randint(55, 95))  # NEC


def _mitoses_for(rng: random.Random, label: str, hard: bool) -> float | None:
    if label != "NEC" and rng.random() < 0.25:
        return None  # some reports give Ki-67 only
    if label == "NEC":
        return float(rng.randint(25, 80))
    if hard and label != "NET G3" and rng.random() < 0.35:
        # Discordant: the mitotic count puts the tumour one grade higher (the higher index wins).
        return float(rng.randint(2, 6) if label == "NET G1" else rng.randint(21, 30))
    if label == "NET G1":
        return float(rng.choice((0, 1)))
    if label == "NET G2":
        return float(rng.randint(0, 12))
    return float(rng.randint(3, 30))


def _size(rng: random.Random, hard: bool) -> float:
    if hard and rng.random() < 0.3:
        return rng.choice((staging.T1_BELOW_CM, staging.T2_MAX_CM))
    low, high = rng.choice(((0.8, 1.9), (2.1, 3.9), (4.1, 9.0)))
    while True:
        size = round(rng.uniform(low, high), 1)
        near = min(abs(size - staging.T1_BELOW_CM), abs(size - staging.T2_MAX_CM))
        if hard or near > 0.15:
            return size


def draw_case(
    rng: random.Random,
    *,
    difficulty: str = "easy",
    metastatic: bool | None = None,
    differentiation: str | None = None,
) -> Case:
    """Draw one plausible invented patient (the distributions are written here, in full).

    ``metastatic`` forces (or forbids) distant metastases; ``differentiation`` forces ``"well"``
    or ``"poor"``. About one tumour in ten is a poorly differentiated carcinoma; among NETs,
    grades G1:G2:G3 run 3:5:2.

    >>> case = draw_case(random.Random(5), metastatic=True)
    >>> case.metastatic, plausibility_problems(case)
    (True, [])
    """
    hard = difficulty == "hard"
    if differentiation is None:
        differentiation = "poor" if rng.random() < 0.1 else "well"
    poor = differentiation == "poor"
    grades = (("NET G1", 3), ("NET G2", 5), ("NET G3", 2))
    label = "NEC" if poor else str(_weighted(rng, grades))
    hereditary = None
    if not poor and label != "NET G3":
        hereditary = _weighted(rng, ((None, 90), ("MEN1", 5), ("VHL", 5)))
    syndrome = None
    if not poor and hereditary != "VHL":
        weights = ((None, 86), ("insulinoma", 4), ("gastrinoma", 4), ("glucagonoma", 3),
                   ("vipoma", 3)) if hard else ((None, 96), ("insulinoma", 1), ("gastrinoma", 1),
                                                ("glucagonoma", 1), ("vipoma", 1))
        syndrome = _weighted(rng, weights)
    ki67 = _ki67_for(rng, label, hard)
    mitoses = _mitoses_for(rng, label, hard)
    if hereditary == "VHL" and mitoses is not None and pathology.grade_from_mitoses(mitoses) == (
        "NET G3"
    ):
        mitoses = float(rng.randint(2, 12))
    if poor:
        sstr = str(_weighted(rng, (("negative", 75), ("heterogeneous", 25))))
    elif label == "NET G3":
        sstr = str(_weighted(rng, (("positive", 55), ("heterogeneous", 20), ("negative", 20),
                                   ("unknown", 5))))
    else:
        sstr = str(_weighted(rng, (("positive", 80), ("negative", 8), ("heterogeneous", 6),
                                   ("unknown", 6))))
    sex = rng.choice(("woman", "man"))
    young = hereditary is not None
    age = rng.randint(25, 55) if young else rng.randint(35, 82)
    site = rng.choice(SITES)
    size_cm = _size(rng, hard)
    invades: tuple[str, ...] = ()
    if rng.random() < (0.35 if hard else 0.2):
        reachable = [s for s in SITE_INVASION[site]
                     if size_cm >= _MIN_INVADING_CM.get(s, _MIN_INVADING_CM[None])]
        if reachable:
            invades = (rng.choice(reachable),)
    nodes = "N1" if rng.random() < 0.4 else "N0"
    if metastatic is None:
        metastatic = rng.random() < 0.8
    liver, extrahepatic = False, ()
    if metastatic:
        liver = rng.random() < 0.9
        wants_extra = not liver or rng.random() < 0.25
        if wants_extra:
            sites = [s for s in EXTRAHEPATIC_SITES if s != "ovary" or sex == "woman"]
            extrahepatic = (rng.choice(sites),)
    # "High burden" here means bulky liver disease, as in the trials' hepatic-volume strata.
    high = rng.random() < (0.55 if label in ("NET G3", "NEC") else 0.4)
    burden = "high" if liver and high else "low"
    prior: tuple[str, ...] = ()
    if metastatic:
        roll = rng.random()
        if poor:
            prior = ("platinum_etoposide",) if roll < 0.2 else ()
        elif sstr in ("positive", "heterogeneous") and roll < 0.5:
            prior = ("ssa",) if roll < 0.3 else ("ssa", rng.choice(SECOND_LINE_PRIOR))
    # A carcinoma is treated at diagnosis; the question of progression arises after a first line.
    progressing = bool(prior) or (metastatic and not poor and rng.random() < 0.4)
    if syndrome:
        symptomatic = True
    elif burden == "high":
        symptomatic = rng.random() < 0.5
    else:
        symptomatic = metastatic and rng.random() < 0.1
    count = int(_weighted(rng, ((0, 30), (1, 45), (2, 25)) if hard else ((0, 70), (1, 30))))
    # Only comorbidities the vignette can describe; never both grades of kidney disease.
    pool = [c for c in COMORBIDITIES if c in _COMORBIDITY
            and not (c == "diabetes" and syndrome == "insulinoma")]
    picked = set(rng.sample(pool, count))
    if {"renal_impairment", "severe_renal_impairment"} <= picked:
        picked.discard("renal_impairment")
    comorbidities = tuple(c for c in COMORBIDITIES if c in picked)
    return Case(
        age=age,
        sex=sex,
        site=site,
        size_cm=size_cm,
        invades=invades,
        nodes=nodes,
        liver=liver,
        extrahepatic=extrahepatic,
        differentiation=differentiation,
        morphology=rng.choice(("small-cell", "large-cell")) if poor else None,
        ki67=ki67,
        mitoses=mitoses,
        sstr=sstr,
        burden=burden,
        progressing=progressing,
        symptomatic=symptomatic,
        syndrome=syndrome,  # type: ignore[arg-type]
        hereditary=hereditary,  # type: ignore[arg-type]
        comorbidities=comorbidities,
        prior=prior,
        difficulty=difficulty,
    )


# --- Writing the vignette ------------------------------------------------------------------

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
_COMORBIDITY = {
    "diabetes": "type 2 diabetes treated with insulin",
    "uncontrolled_hypertension": "hypertension that stays uncontrolled on three drugs",
    "cardiac_disease": "ischaemic heart disease with heart failure",
    "renal_impairment": "chronic kidney disease with a reduced glomerular filtration rate",
    "interstitial_lung_disease": "interstitial lung disease",
    "low_marrow_reserve": "persistently low blood counts (low marrow reserve)",
    # Used only when the engine's vocabulary has them.
    "severe_renal_impairment": "severe chronic kidney disease",
    "bleeding_risk": "a recent gastrointestinal bleed",
    "gallstones": "gallstones",
}
_SSTR = {
    "positive": "68Ga-DOTATATE PET shows uptake above that of normal liver in every known lesion",
    "negative": "68Ga-DOTATATE PET shows no uptake above background in the lesions",
    "heterogeneous": "68Ga-DOTATATE PET shows uptake in some lesions but not in others, and the "
    "lesions without uptake are avid on FDG PET",
    "unknown": "somatostatin-receptor imaging has not been done",
}


_PRIOR = {"ssa": "a somatostatin analogue (lanreotide)"}
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
    if case.prior:
        given = ", then ".join(_PRIOR.get(t, THERAPY_NAMES[t]) for t in case.prior)
        sentences.append(f"{she} has been treated with {given}; the latest scan shows progression.")
    elif case.metastatic and case.differentiation == "well":
        sentences.append(
            "Compared with a scan six months ago, the metastases have grown."
            if case.progressing
            else "Scans six months apart show no growth."
        )
    if case.comorbidities:
        history = _join([_COMORBIDITY[c] for c in case.comorbidities])
        sentences.append(f"{her} other history includes {history}.")
    sentences.append(INVENTED)
    return " ".join(sentences)


# --- The vignette and its question -----------------------------------------------------------

_VERDICT_OPENING = {
    "preferred": "The strongest case here (preferred).",
    "reasonable": "A reasonable option here, but not the strongest case.",
    "caution": "A weaker case here (caution).",
    "not suitable": "Not suitable here.",
}


@dataclass(frozen=True)
class Vignette:
    """One invented case with one question; every option carries the reason it is right or wrong.

    ``key`` is the letter of the correct option; :meth:`check` marks an answer;
    :meth:`as_question` gives the quiz-bank form the exporters take.
    """

    id: str
    kind: str
    lesson: str
    difficulty: str
    case: Case
    text: str
    question: str
    options: tuple[Option, ...]
    reference: str
    meta: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def prompt(self) -> str:
        return f"{self.text} {self.question}"

    @property
    def key(self) -> str:
        return next(LETTERS[i] for i, o in enumerate(self.options) if o.correct)

    @property
    def answer(self) -> str:
        index = LETTERS.index(self.key)
        return f"{self.key}. {self.options[index].text}"

    def choices(self) -> list[str]:
        return [f"{LETTERS[i]}. {option.text}" for i, option in enumerate(self.options)]

    def as_question(self) -> Question:
        """The vignette as a multiple-choice :class:`~pannet_edu.quiz.Question` (for exports)."""
        return Question(self.id, self.lesson, "multiple_choice", self.prompt, self.reference,
                        options=self.options)

    def check(self, answer: object) -> Feedback:
        """Mark an answer (a letter, ``"B. text"`` or the option text); never raises.

        >>> v = vignettes(seed=3, n=1)[0]
        >>> v.check(None).status, v.check("Z").status
        ('not answered', 'not answered')
        """
        letters = LETTERS[: len(self.options)]
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return Feedback(None, "Choose an answer first.")
        index = None
        if isinstance(answer, str):
            text = " ".join(answer.split()).casefold()
            for i, option in enumerate(self.options):
                if text in (letters[i].casefold(), option.text.casefold(),
                            f"{letters[i]}. {option.text}".casefold()):
                    index = i
        if index is None:
            return Feedback(None, f"Answer with the letter of one option ({letters[0]}-"
                                  f"{letters[-1]}).")
        chosen = self.options[index]
        if chosen.correct:
            return Feedback(True, f"You chose {letters[index]}. {chosen.explanation}",
                            self.reference)
        right = self.options[LETTERS.index(self.key)]
        return Feedback(
            False,
            f"You chose {letters[index]}. {chosen.explanation} The answer is {self.answer}: "
            f"{right.explanation}",
            self.reference,
        )

    def __str__(self) -> str:
        return text_card(KIND_TITLES[self.kind], [self.text, self.question, *self.choices()],
                         footer=DISCLAIMER)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return card(KIND_TITLES[self.kind], [self.text, self.question, *self.choices()],
                    footer=DISCLAIMER)


def _vignette_id(kind: str, text: str, question: str, options: Sequence[Option]) -> str:
    digest = hashlib.sha256(
        "\x1f".join([kind, text, question, *(o.text for o in options)]).encode("utf-8")
    ).hexdigest()
    return f"vig-{digest[:12]}"


def _grade_question(case: Case, rng: random.Random) -> tuple[str, list[Option], str, dict]:
    result = case.grade()
    criteria = {row["grade"]: row for row in pathology.grading_criteria().rows}
    options = []
    for label in _GRADE_OPTIONS:
        if label == result.label:
            why = result.explanation
        elif label == "NEC":
            why = ("NEC is defined by poorly differentiated (small- or large-cell) morphology, "
                   "not by the counts; this tumour is well differentiated, so it takes a NET "
                   f"grade. {result.explanation}")
        elif case.differentiation == "poor":
            why = (f"{label} is a grade of well-differentiated tumours; poorly differentiated "
                   "morphology makes this a neuroendocrine carcinoma whatever the counts.")
        else:
            row = criteria[label]
            why = (f"{label} means Ki-67 {row['Ki-67 (%)']}% or mitoses "
                   f"{row['mitoses per 2 mm²']} per 2 mm², the higher index setting the grade. "
                   f"{result.explanation}")
        options.append(Option(label, label == result.label, why))
    reference = "; ".join(s.cite() for s in pathology.GRADING_SOURCES)
    return "What is the WHO grade of this tumour?", options, reference, {"key": result.label}


def _stage_question(case: Case, rng: random.Random) -> tuple[str, list[Option], str, dict]:
    t, m = case.t(), case.m()
    result = case.stage()
    here = (f"Here: {t.explanation} {case.nodes} ({staging.N_MEANING[case.nodes]}); {m} "
            f"({staging.M_MEANING[m]}).")
    options = []
    for row in staging.stage_groups().rows:
        group = row["stage"]
        if group == result.group:
            why = f"{t.explanation} {result.explanation}"
        else:
            why = f"Stage {group} is {row['T']}, {row['N']}, {row['M']}. {here}"
        options.append(Option(f"Stage {group}", group == result.group, why))
    question = "What is the AJCC 8th edition stage group?"
    return question, options, staging.SOURCE.cite(), {"key": result.group}


@dataclass(frozen=True)
class _Data:
    """The trial table and catalogue as one call of :func:`vignettes` needs them (read once)."""

    pool: tuple[str, ...]
    systemic: tuple[str, ...]
    trial_rows: Mapping[str, Mapping[str, object]]
    own_trials: Mapping[str, frozenset[str]]
    key_trials: Mapping[str, frozenset[str]]
    cites: Mapping[str, str]

    @classmethod
    def load(cls, classes: tuple[str, ...] | None) -> _Data:
        from ..evidence import therapies, trial_references, trials

        frame, catalogue = trials(), therapies()
        rows: dict[str, dict] = {}
        for record in frame.to_dict("records"):
            rows.setdefault(str(record["trial"]), record)  # a trial's first cohort
        systemic = tuple(t for t in THERAPY_IDS if t in catalogue.index
                         and catalogue.loc[t, "therapy_class"] in SYSTEMIC_CLASSES)
        pool = tuple(t for t in systemic
                     if classes is None or catalogue.loc[t, "therapy_class"] in classes)
        own = {t: frozenset(str(n) for n in frame.loc[frame.therapy == t, "trial"])
               for t in THERAPY_IDS}
        keys = {t: frozenset(catalogue.loc[t, "key_trials"]) if t in catalogue.index
                else frozenset() for t in THERAPY_IDS}
        cites: dict[str, str] = {}
        for source in trial_references():
            cites.setdefault(source.short, source.cite())
        return cls(pool, systemic, rows, own, keys, cites)

    def reference(self, findings: Sequence, extra_trials: Sequence[str] = ()) -> str:
        """Citations of the findings' trials and sources, each once, in order."""
        names = [t for f in findings for t in f.trials] + list(extra_trials)
        out = [self.cites[n] for n in dict.fromkeys(names) if n in self.cites]
        for finding in findings:
            out += [s.cite() for s in finding.sources]
        return "; ".join(c.rstrip(".") for c in dict.fromkeys(out)) + "."


@dataclass(frozen=True)
class _Appraisal:
    """The engine's verdict, reasons (and checks, when it gives them) per therapy."""

    verdict: Mapping[str, str]
    reasons: Mapping[str, str]
    checks: Mapping[str, tuple[str, ...]] | None
    findings: Mapping[str, object]

    @classmethod
    def of(cls, patient: Patient) -> _Appraisal:
        result = evaluate(patient)
        checks = None
        if _engine_has_before_starting():
            table = appraise(patient)
            checks = {t: before_starting_checks(table.loc[t, "before_starting"])
                      for t in table.index}
        return cls({t: r.verdict for t, r in result.items()},
                   {t: r.reasons for t, r in result.items()}, checks, result)


def _option_text(therapy: str) -> str:
    return _upper(THERAPY_NAMES[therapy])


def _best_option_question(case: Case, rng: random.Random, data: _Data, app: _Appraisal):
    verdict = app.verdict
    keys = [t for t in data.pool if verdict[t] == "preferred"]
    # Only drugs in the catalogue are offered: the question is about systemic therapy.
    limited = [t for t in data.systemic if verdict[t] in _LIMITS]
    if not keys or len(limited) < 2:
        return None
    key = rng.choice(keys)
    distractors = rng.sample(limited, min(len(limited), rng.choice((2, 3))))
    chosen = [key, *distractors]
    rng.shuffle(chosen)
    options = [
        Option(_option_text(t), t == key, f"{_VERDICT_OPENING[verdict[t]]} {app.reasons[t]}")
        for t in chosen
    ]
    question = (
        "Surgery or ablation cannot remove all the disease. If systemic therapy is chosen now, "
        "which option has the strongest case for this patient?"
    )
    reference = data.reference(app.findings[key].decisive)
    return question, options, reference, {"key": key, "offered": tuple(chosen)}


_STOP = {"before", "after", "each", "with", "from", "that", "this", "dose", "first", "check",
         "checks", "start", "starting", "test", "tests", "level", "levels", "status", "history",
         "least", "where", "their", "them", "within", "weeks", "hours", "function", "normal"}
#: Words that name the same organ or system, so two differently worded checks are recognised as
#: one concern (creatinine clearance and renal function are both the kidneys).
_CONCEPTS = {
    "kidney": {"renal", "kidney", "kidneys", "creatinine", "clearance", "egfr", "nephrotoxic",
               "urine", "proteinuria", "protein"},
    "marrow": {"blood", "counts", "count", "haemoglobin", "hemoglobin", "anaemia", "anemia",
               "marrow", "cytopenia", "cytopenias", "platelets", "neutrophils", "lymphopenia"},
    "pregnancy": {"pregnancy", "pregnant", "contraception", "contraceptive"},
    "liver": {"liver", "hepatic", "hepatotoxicity", "hepatitis", "transaminases"},
    "glucose": {"glucose", "diabetes", "hypoglycaemia", "hyperglycaemia", "insulin", "lipids"},
    "circulation": {"blood", "pressure", "hypertension", "cardiac", "heart", "lvef",
                    "coronary", "bleeding", "thrombosis"},
    "lung": {"lung", "lungs", "pneumonitis", "oxygen", "saturation"},
}
#: Concerns checked before most anticancer drugs: never offered as a wrong answer.
_GENERAL_CONCERNS = {"kidney", "marrow", "pregnancy", "liver"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) >= 4} - _STOP


def _concerns(text: str) -> set[str]:
    words = set(re.findall(r"[a-z0-9]+", text.casefold()))
    return {name for name, vocabulary in _CONCEPTS.items() if words & vocabulary}


def can_be_wrong_answer(check: str, own_checks: Sequence[str]) -> bool:
    """Whether another therapy's check may be offered as wrong before a therapy with
    ``own_checks``: it shares no word or organ system with them, and is not a check made before
    most anticancer drugs (kidneys, blood counts, liver, pregnancy).

    >>> can_be_wrong_answer("renal function", ["creatinine clearance"])
    False
    >>> can_be_wrong_answer("gallbladder", ["DPYD genotype", "blood counts"])
    True
    >>> can_be_wrong_answer("pregnancy test", ["gallbladder"])
    False
    """
    own_words = set().union(*(_words(c) for c in own_checks)) if own_checks else set()
    own_concerns = set().union(*(_concerns(c) for c in own_checks)) if own_checks else set()
    concerns = _concerns(check)
    return bool(_words(check)) and not (
        _words(check) & own_words
        or concerns & own_concerns
        or concerns & _GENERAL_CONCERNS
        or check.casefold() in {c.casefold() for c in own_checks}
    )


def _split_outside_brackets(text: str) -> list[str]:
    """Split on ``;`` or newlines that are not inside brackets.

    >>> _split_outside_brackets("a (b; c); d")
    ['a (b; c)', ' d']
    """
    parts, depth, current = [], 0, []
    for char in text:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char in ";\n" and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


#: How a cell says that no check is listed.
_NONE_LISTED = {"", "none", "none listed", "-", "–"}


def before_starting_checks(value: object) -> tuple[str, ...]:
    """The checks in one ``before_starting`` cell: text (split on ``;``) or a list of texts.

    >>> before_starting_checks("blood counts; renal function")
    ('blood counts', 'renal function')
    >>> before_starting_checks(None), before_starting_checks(["DPYD genotype"])
    ((), ('DPYD genotype',))
    >>> before_starting_checks("none listed")
    ()
    """
    if value is None or (isinstance(value, str) and value.strip().casefold() in _NONE_LISTED):
        return ()
    if isinstance(value, str):
        items = _split_outside_brackets(value)
    elif isinstance(value, Sequence) or hasattr(value, "__iter__"):
        items = [str(v) for v in value]
    else:
        try:
            import pandas as pd

            if pd.isna(value):
                return ()
        except (TypeError, ValueError):
            pass
        items = [str(value)]
    return tuple(" ".join(i.split()).rstrip(".") for i in items if i and str(i).strip())




def _before_starting_question(case: Case, rng: random.Random, data: _Data, app: _Appraisal):
    if app.checks is None:
        return None
    preferred = [t for t in data.pool if app.verdict[t] == "preferred"]
    if not preferred:
        return None
    therapy = rng.choice(preferred)
    own = app.checks.get(therapy, ())
    if not own:
        return None
    others: dict[str, str] = {}
    for other in data.systemic:
        if other == therapy:
            continue
        for check in app.checks.get(other, ()):
            if can_be_wrong_answer(check, own):
                others.setdefault(check, other)
    if len(others) < 2:
        return None
    right = rng.choice(own)
    wrong: list[str] = []
    for check in rng.sample(sorted(others), len(others)):
        # No two wrong options about the same thing (two wordings of one check).
        if len(wrong) < 3 and all(can_be_wrong_answer(check, [w]) for w in wrong):
            wrong.append(check)
    if len(wrong) < 2:
        return None
    name = THERAPY_NAMES[therapy]
    options = [Option(_upper(right), True,
                      f"Before {name}: {_join(own)}. {app.reasons[therapy]}")]
    for check in wrong:
        options.append(Option(
            _upper(check),
            False,
            f"This is a check before {THERAPY_NAMES[others[check]]}; it is not among the checks "
            f"named before {name} ({_join(own)}).",
        ))
    rng.shuffle(options)
    question = f"The team chooses {name}. Which of these checks is named before the first dose?"
    reference = data.reference(app.findings[therapy].decisive)
    return question, options, reference, {"key": right, "therapy": therapy}


def _trial_summary(data: _Data, trial: str) -> str:
    from ..evidence_views import arms_label

    row = data.trial_rows[trial]
    return f"{trial} tested {arms_label(row, THERAPY_NAMES)} in: {row['population']}."


def _trial_question(case: Case, rng: random.Random, data: _Data, app: _Appraisal):
    candidates = []
    for therapy in data.pool:
        if app.verdict[therapy] not in ("preferred", "reasonable"):
            continue
        for finding in app.findings[therapy].findings:
            if finding.verdict in _LIMITS:
                continue
            candidates += [(therapy, t, finding) for t in finding.trials
                           if t in data.own_trials[therapy]]
    if not candidates:
        return None
    therapy, key, finding = rng.choice(candidates)
    cited = {t for f in app.findings[therapy].findings for t in f.trials}
    excluded = cited | data.own_trials[therapy] | data.key_trials[therapy]
    wrong_pool = sorted(t for t in data.trial_rows if t not in excluded)
    if len(wrong_pool) < 2:
        return None
    wrong = rng.sample(wrong_pool, min(3, len(wrong_pool)))
    name = THERAPY_NAMES[therapy]
    options = [Option(key, True, f"{finding.reason} {_trial_summary(data, key)}")]
    options += [Option(t, False, f"{_trial_summary(data, t)} It is not the evidence for {name}.")
                for t in wrong]
    rng.shuffle(options)
    question = f"The team considers {name}. Which trial is the evidence for it in this situation?"
    reference = data.reference([finding], [key])
    return question, options, reference, {"key": key, "therapy": therapy}


_BUILDERS = {
    "best_option": _best_option_question,
    "before_starting": _before_starting_question,
    "trial": _trial_question,
}


@lru_cache(maxsize=1)
def _engine_has_before_starting() -> bool:
    return "before_starting" in appraise(Patient(ki67=5, sstr="positive")).columns


def vignette_lessons() -> list[str]:
    """The lessons that generated vignettes can practise.

    >>> vignette_lessons()[0]
    '01_classification_and_staging'
    """
    return [lesson for lesson in _LESSONS if available_kinds(lesson)]


def available_kinds(lesson: str | None = None) -> tuple[str, ...]:
    """The question kinds asked for a lesson (all lessons when ``None``), in :data:`KINDS` order.

    ``before_starting`` appears only when the sequencing engine gives a ``before_starting``
    column.

    >>> available_kinds("01_classification_and_staging")
    ('grade', 'stage')
    """
    if lesson is None:
        wanted = set(KINDS)
    else:
        if lesson not in _LESSONS:
            raise ValueError(
                f"lesson must be None (all lessons) or one of {list(_LESSONS)}; got {lesson!r}"
            )
        wanted = set(_LESSONS[lesson][0])
    if not _engine_has_before_starting():
        wanted.discard("before_starting")
    return tuple(k for k in KINDS if k in wanted)


def _build(
    kind: str, case: Case, rng: random.Random, lesson: str | None, data: _Data
) -> Vignette | None:
    if kind in _THERAPY_KINDS:
        built = _BUILDERS[kind](case, rng, data, _Appraisal.of(case.patient()))
    elif kind == "grade":
        built = _grade_question(case, rng)
    else:
        built = _stage_question(case, rng)
    if built is None:
        return None
    question, options, reference, meta = built
    if kind in ("grade", "stage"):
        rng.shuffle(options)
    text = narrative(case, name_grade=kind in _THERAPY_KINDS)
    return Vignette(
        id=_vignette_id(kind, text, question, options),
        kind=kind,
        lesson=lesson or _HOME_LESSON[kind],
        difficulty=case.difficulty,
        case=case,
        text=text,
        question=question,
        options=tuple(options),
        reference=reference,
        meta=meta,
    )


def _case_for(kind: str, rng: random.Random, difficulty: str) -> Case:
    if kind == "stage":
        # AJCC 8th stages well-differentiated panNET; G1/G2 keep clear of the UICC G3 caveat.
        return _staging_case(rng, difficulty)
    if kind == "grade":
        return draw_case(rng, difficulty=difficulty)
    return draw_case(rng, difficulty=difficulty, metastatic=True)


def _staging_case(rng: random.Random, difficulty: str) -> Case:
    """A well-differentiated G1/G2 case, metastatic in about one in three (all stages appear)."""
    while True:
        case = draw_case(rng, difficulty=difficulty, differentiation="well",
                         metastatic=rng.random() < 0.35)
        if case.grade().label in ("NET G1", "NET G2"):
            return case


def vignettes(
    seed: int,
    n: int,
    lesson: str | None = None,
    difficulty: str | None = None,
) -> list[Vignette]:
    """``n`` invented vignettes, the same for the same arguments on every machine.

    ``lesson`` limits the questions to one lesson's kinds (:func:`vignette_lessons`);
    ``difficulty`` is ``"easy"``, ``"hard"`` or ``None`` (mixed).

    >>> [v.lesson for v in vignettes(seed=2, n=2, lesson="05_prrt")]
    ['05_prrt', '05_prrt']
    >>> vignettes(seed=1, n=0)
    Traceback (most recent call last):
    ...
    ValueError: n must be a whole number from 1 to 5000, got 0
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be a whole number, got {seed!r}")
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_N:
        raise ValueError(f"n must be a whole number from 1 to {MAX_N}, got {n!r}")
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty must be None or one of {list(DIFFICULTIES)}; "
                         f"got {difficulty!r}")
    if lesson is not None and lesson not in vignette_lessons():
        raise ValueError(f"lesson must be None (all lessons) or one of {vignette_lessons()}; "
                         f"got {lesson!r}")
    kinds = available_kinds(lesson)
    data = _Data.load(_LESSONS[lesson][1] if lesson else None)
    rng = random.Random(f"pannet-edu vignettes|{seed}|{lesson}|{difficulty}")
    out: list[Vignette] = []
    seen: set[str] = set()
    for _ in range(n):
        for _attempt in range(MAX_ATTEMPTS):
            kind = rng.choice(kinds)
            level = difficulty or rng.choice(DIFFICULTIES)
            vignette = _build(kind, _case_for(kind, rng, level), rng, lesson, data)
            if vignette is not None and vignette.id not in seen:
                seen.add(vignette.id)
                out.append(vignette)
                break
        else:  # pragma: no cover - every lesson's kinds are reachable (tested)
            raise ValueError(f"could not draw a fitting patient for lesson {lesson!r}")
    return out


def validate(items: Vignette | Sequence[Vignette]) -> int:
    """Recompute each key from the package; raise ``ValueError`` where a vignette disagrees.

    Returns how many vignettes were checked.

    >>> validate(vignettes(seed=11, n=20))
    20
    """
    from ..evidence import trials

    items = [items] if isinstance(items, Vignette) else list(items)
    frame = trials()
    own = {t: set(frame.loc[frame.therapy == t, "trial"]) for t in THERAPY_IDS}
    for vignette in items:
        _validate_one(vignette, own)
    return len(items)


def _validate_one(vignette: Vignette, own_trials: Mapping[str, set[str]]) -> None:
    problems = plausibility_problems(vignette.case)
    if problems:
        raise ValueError(f"{vignette.id}: implausible case: {problems[0]}")
    if not vignette.text.endswith(INVENTED):
        raise ValueError(f"{vignette.id}: the vignette must say it is an invented teaching case")
    correct = [o for o in vignette.options if o.correct]
    if len(correct) != 1:
        raise ValueError(f"{vignette.id}: {len(correct)} options are marked correct")
    if not all(o.explanation.strip() for o in vignette.options):
        raise ValueError(f"{vignette.id}: every option needs its feedback")
    if not vignette.reference.strip():
        raise ValueError(f"{vignette.id}: the citation is missing")
    case, kind, right = vignette.case, vignette.kind, correct[0].text
    if kind == "grade":
        expected = case.grade().label
        if right != expected:
            raise ValueError(f"{vignette.id}: key {right!r}, the package grades {expected!r}")
    elif kind == "stage":
        expected = f"Stage {case.stage().group}"
        if right != expected:
            raise ValueError(f"{vignette.id}: key {right!r}, the package stages {expected!r}")
    elif kind == "best_option":
        table = appraise(case.patient())
        by_text = {_option_text(t): t for t in THERAPY_IDS}
        for option in vignette.options:
            verdict = table.loc[by_text[option.text], "verdict"]
            if option.correct and verdict != "preferred":
                raise ValueError(f"{vignette.id}: key {option.text!r} is {verdict!r}")
            if not option.correct and verdict not in _LIMITS:
                raise ValueError(f"{vignette.id}: wrong option {option.text!r} is {verdict!r}")
    elif kind == "trial":
        therapy = vignette.meta["therapy"]
        cited = {t for f in evaluate(case.patient())[therapy].findings for t in f.trials}
        own = own_trials[therapy]
        for option in vignette.options:
            if option.correct and option.text not in cited & own:
                raise ValueError(f"{vignette.id}: {option.text} is not cited for {therapy}")
            if not option.correct and option.text in cited | own:
                raise ValueError(f"{vignette.id}: wrong option {option.text} supports {therapy}")
    elif kind == "before_starting":
        table = appraise(case.patient())
        therapy = vignette.meta["therapy"]
        own = {c.casefold() for c in before_starting_checks(table.loc[therapy, "before_starting"])}
        for option in vignette.options:
            if option.correct != (option.text.casefold() in own):
                raise ValueError(f"{vignette.id}: option {option.text!r} is mis-keyed")
