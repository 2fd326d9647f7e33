"""The invented patient: drawn from written, tested distributions, checked for plausibility.

>>> import random
>>> plausibility_problems(draw_case(random.Random(1)))
[]
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from ...clinic import pathology, staging
from ...engine import THERAPY_NAMES, Patient
from ...vocab import COMORBIDITIES

__all__ = [
    "EXTRAHEPATIC_SITES",
    "GENERATED_SYNDROMES",
    "PS_NEEDS_A_REASON",
    "SECOND_LINE_PRIOR",
    "SITES",
    "SITE_INVASION",
    "WATCHABLE_GRADES",
    "Case",
    "draw_case",
    "plausibility_problems",
]


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
#: The smallest primary the generator pairs with a liver replaced by metastases. A teaching
#: plausibility rule, not a clinical threshold: a small (T1, under 2 cm) panNET rarely presents
#: with bulky liver disease, and a 1 cm primary with the liver replaced reads as an error.
MIN_PRIMARY_CM_FOR_BULKY_LIVER = 2.0


#: Grades whose metastases may be described as watched without treatment and stable for six
#: months. A teaching plausibility rule, not a clinical threshold: a NET G3, or disease with
#: FDG-avid lesions (the "heterogeneous" SSTR pattern here), is described at diagnosis or as
#: growing, never as left untreated and unchanged for half a year.
WATCHABLE_GRADES = ("NET G1", "NET G2")
#: ECOG performance status from which a vignette needs a reason: metastatic disease or a
#: comorbidity (a small, localised tumour alone does not keep a patient in bed).
PS_NEEDS_A_REASON = 2


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
    performance_status: int = 0
    pregnancy_possible: bool = False

    @property
    def metastatic(self) -> bool:
        return self.liver or bool(self.extrahepatic)

    @property
    def follow_up(self) -> str:
        """How the vignette describes the course before this visit: ``"treated"`` (progression
        on treatment), ``"grown"`` (growth on scans six months apart), ``"stable"`` (no growth
        on scans six months apart: only a watchable NET G1/G2 without FDG-avid lesions), ``"new"``
        (metastatic disease at diagnosis, no earlier scan) or ``""`` (not metastatic, or a
        carcinoma, which is treated at diagnosis).

        >>> draw_case(random.Random(4), metastatic=True).follow_up in ("treated", "grown",
        ...                                                           "stable", "new")
        True
        """
        if self.prior:
            return "treated"
        if not self.metastatic or self.differentiation != "well":
            return ""
        if self.progressing:
            return "grown"
        watchable = self.grade().label in WATCHABLE_GRADES and self.sstr != "heterogeneous"
        return "stable" if watchable else "new"

    def patient(self) -> Patient:
        """The engine's view of this case.

        >>> from pannet_edu.practice.vignettes.lessons import _GRADE_OPTIONS
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
            performance_status=self.performance_status,
            pregnancy_possible=self.pregnancy_possible,
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
    if case.burden == "high" and case.size_cm < MIN_PRIMARY_CM_FOR_BULKY_LIVER:
        problems.append(f"a {case.size_cm:g} cm primary rarely comes with a liver replaced by "
                        "metastases")
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
    if (case.performance_status >= PS_NEEDS_A_REASON and not case.metastatic
            and not case.comorbidities):
        problems.append("a poor performance status needs metastatic disease or a comorbidity")
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
    high = (rng.random() < (0.55 if label in ("NET G3", "NEC") else 0.4)
            and size_cm >= MIN_PRIMARY_CM_FOR_BULKY_LIVER)
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
    for milder, worse in (("renal_impairment", "severe_renal_impairment"),
                          ("hepatic_impairment", "severe_hepatic_impairment")):
        if {milder, worse} <= picked:
            picked.discard(milder)
    comorbidities = tuple(c for c in COMORBIDITIES if c in picked)
    # Trials enrolled mostly ECOG 0-1; harder vignettes bring frailer patients.
    performance_status = int(_weighted(rng, ((0, 35), (1, 40), (2, 15), (3, 10)) if hard
                                       else ((0, 55), (1, 45))))
    if performance_status >= PS_NEEDS_A_REASON and not metastatic and not comorbidities:
        performance_status = rng.choice((0, 1))  # nothing here would keep the patient in bed
    pregnancy_possible = sex == "woman" and age < 50 and rng.random() < 0.5
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
        performance_status=performance_status,
        pregnancy_possible=pregnancy_possible,
    )


_COMORBIDITY = {
    "diabetes": "type 2 diabetes treated with insulin",
    "uncontrolled_hypertension": "hypertension that stays uncontrolled on three drugs",
    "cardiac_disease": "ischaemic heart disease",
    "renal_impairment": "chronic kidney disease with a reduced glomerular filtration rate",
    "interstitial_lung_disease": "interstitial lung disease",
    "low_marrow_reserve": "persistently low blood counts (low marrow reserve)",
    # Used only when the engine's vocabulary has them.
    "severe_renal_impairment": "severe chronic kidney disease",
    "bleeding_risk": "a recent gastrointestinal bleed",
    "gallstones": "gallstones",
    "hepatic_impairment": "cirrhosis (Child-Pugh class B)",
    "severe_hepatic_impairment": "decompensated cirrhosis (Child-Pugh class C)",
    "heart_failure": "heart failure with a reduced ejection fraction",
}
