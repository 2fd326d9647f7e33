"""Auto-checked exercises: ``check(exercise_id, answer)`` returns :class:`Feedback` that teaches.

The expected answers are never written down: they are computed by the package's own logic
(:func:`~pannet_edu.grade`, :func:`~pannet_edu.stage`, ...) from the case data in
``pannet_edu/data/exercises/*.yaml``, so a key cannot drift from the rules the lessons teach.
A check never raises at a learner: no answer, the ``...`` placeholder or an answer of the wrong
kind gets a message.

>>> print(check("grade-1", "NET G2").message)
Ki-67 8% alone is G2, but 25 mitoses per 2 mm² make it G3: the higher index wins.
>>> check("grade-1", ...).status
'not answered'
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from numbers import Real
from pathlib import Path

from . import _datafile, answer_hints, pathology, staging
from ._validate import is_boolean, short_repr
from ._validate import parse_number as _parse_typed_number
from .feedback import Feedback
from .sources import AJCC_8, WHO_2019

__all__ = [
    "Exercise",
    "ExerciseFileError",
    "Feedback",
    "check",
    "exercise",
    "exercises",
    "load_exercise_file",
]

#: Where the package's own exercise cases live (``$PANNET_EDU_DATA_DIR/exercises`` if set).
EXERCISES_DIR = Path(__file__).resolve().parent / "data" / "exercises"
#: A feedback message longer than this is cut (an answer's text is quoted in it).
MAX_MESSAGE_CHARS = 600

# In a notebook, an answer typed without quotes gets "put it in quotes", not a Python error.
answer_hints.register()

NOT_ANSWERED = (
    "Replace the ... with your answer, then run the cell again. "
    "(Nothing to mark yet: this is not counted as wrong.)"
)


class ExerciseFileError(ValueError):
    """An exercise file breaks the schema; the message names the file, exercise and field."""


@dataclass(frozen=True, repr=False)
class Exercise:
    """One exercise: what is asked, what form the answer takes, and how to mark it.

    ``expected`` computes the right answer from the package's logic; ``mark`` turns a parsed answer
    into feedback; ``parse`` reads what the learner typed (raising ``ValueError``/``TypeError``
    with a helpful message when it cannot).
    """

    id: str
    lesson: str
    question: str
    answer_form: str
    expected: Callable[[], object] = field(repr=False)
    parse: Callable[[object], object] = field(repr=False)
    mark: Callable[[object], Feedback] = field(repr=False)
    report: str = ""
    #: True when ``expected()`` is a set of answers any one of which is right.
    any_one_of: bool = False

    def solution(self) -> object:
        """One answer that passes the check (the computed key, or one member of it).

        >>> exercise("seq-2").solution()
        'platinum_etoposide'
        """
        expected = self.expected()
        return sorted(expected)[0] if self.any_one_of else expected

    def __str__(self) -> str:
        report = f"\n  Report: {self.report}" if self.report else ""
        return f"Exercise {self.id}{report}\n  {self.question} ({self.answer_form})"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        report = (
            f'<blockquote style="margin:4px 0 4px 8px;font-style:italic">'
            f"{html.escape(self.report)}</blockquote>"
            if self.report
            else ""
        )
        return (
            f'<div class="pannet-exercise" style="border:1px solid #0072B2;border-radius:6px;'
            f'padding:6px 12px;margin:4px 0;font-family:sans-serif;max-width:46em">'
            f"<strong>Exercise {html.escape(self.id)}</strong>{report}"
            f'<p style="margin:4px 0">{html.escape(self.question)} '
            f"<small>({html.escape(self.answer_form)})</small></p></div>"
        )


# --- Reading a learner's answer -------------------------------------------------------------


def _is_blank(answer: object) -> bool:
    return answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip())


def _text_answer(answer: object, form: str) -> str:
    if isinstance(answer, bool) or not isinstance(answer, str):
        raise TypeError(f"Give your answer as text, {form}; got {answer!r}.")
    return answer.strip()


#: Words a clinician rightly adds to a grade; they do not change it.
_GRADE_QUALIFIERS = ("WELLDIFFERENTIATED", "POORLYDIFFERENTIATED", "SMALLCELL", "LARGECELL",
                     "PANCREATIC", "TYPE")


def parse_grade(answer: object) -> str:
    """Read a grade typed by a learner: ``"G3"``, ``"net g3"``, ``"NET-G3"``, ``"G3 NET"``,
    ``"NEC"``, ``"small-cell NEC"``, ``"poorly differentiated NEC"``.

    A :class:`~pannet_edu.pathology.GradeResult` is accepted too (its label is used).

    >>> parse_grade(" net-g2 "), parse_grade("g1"), parse_grade("nec")
    ('NET G2', 'NET G1', 'NEC')
    >>> parse_grade("G3 NET"), parse_grade("grade 3 net"), parse_grade("Small-cell NEC")
    ('NET G3', 'NET G3', 'NEC')
    >>> parse_grade("G4")
    Traceback (most recent call last):
    ...
    ValueError: Write a grade such as "NET G2" or "NEC"; 'G4' is not a WHO grade (NETs are G1, ...
    """
    if isinstance(answer, pathology.GradeResult):
        return answer.label
    form = 'a grade such as "NET G2" or "NEC"'
    text = re.sub(r"[\s_.-]+", "", _text_answer(answer, form)).upper()
    for qualifier in _GRADE_QUALIFIERS:
        text = text.replace(qualifier, "")
    if text in {"NEC", "NEUROENDOCRINECARCINOMA", "CARCINOMA"}:
        return "NEC"
    match = re.fullmatch(r"(?:NET)?(?:G|GRADE)([123])(?:NET)?", text)
    if not match:
        hint = " (NETs are G1, G2 or G3)" if re.fullmatch(r"(?:NET)?G\d", text) else ""
        raise ValueError(f"Write {form}; {answer!r} is not a WHO grade{hint}.")
    return f"NET G{match.group(1)}"


def parse_t(answer: object) -> str:
    """Read a T category: ``"T3"``, ``"t3"``; a ``TResult`` is accepted too.

    >>> parse_t("t3")
    'T3'
    """
    if isinstance(answer, staging.TResult):
        return answer.category
    form = 'a T category such as "T2"'
    text = re.sub(r"\s+", "", _text_answer(answer, form)).upper()
    if text not in staging.T_CATEGORIES:
        raise ValueError(f"Write {form}; {answer!r} is not an AJCC 8th T category (T1-T4).")
    return text


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def parse_stage(answer: object) -> str:
    """Read a stage group: ``"III"``, ``"stage 3"``, ``3``; a ``StageResult`` is accepted too.

    AJCC 8th stages pancreatic NETs I-IV with no A/B subgroups; "IIIA" gets that explanation.

    >>> parse_stage("Stage iv"), parse_stage(2)
    ('IV', 'II')
    >>> parse_stage("IIIA")
    Traceback (most recent call last):
    ...
    ValueError: AJCC 8th stages pancreatic NETs I, II, III or IV, with no A or B subgroups ...
    """
    if isinstance(answer, staging.StageResult):
        return answer.group
    if isinstance(answer, int) and not isinstance(answer, bool):
        answer = str(answer)
    form = 'a stage group such as "II"'
    text = re.sub(r"\s+", "", _text_answer(answer, form)).upper()
    text = text.removeprefix("STAGE")
    text = _ROMAN.get(text, text)
    sub = re.fullmatch(r"(I{1,3}|IV|[1-4])[ABC]\d?", text)
    if sub:
        group = _ROMAN.get(sub.group(1), sub.group(1))
        raise ValueError(
            "AJCC 8th stages pancreatic NETs I, II, III or IV, with no A or B subgroups (those "
            f"belong to other cancers' staging). Write \"{group}\" for {answer!r}."
        )
    if text not in staging.STAGE_GROUPS:
        raise ValueError(f"Write {form}; {answer!r} is not an AJCC 8th stage group (I-IV).")
    return text


_YES = {"yes", "y", "true", "minen", "mixed"}
_NO = {"no", "n", "false", "notminen", "not"}


def parse_yes_no(answer: object) -> bool:
    """Read yes/no: ``True``, ``"yes"``, ``"MiNEN"``, ``"not MiNEN"``, ``"no"``.

    >>> parse_yes_no("Yes"), parse_yes_no("not MiNEN"), parse_yes_no(False)
    (True, False, False)
    """
    if isinstance(answer, pathology.MixedNeoplasmResult):
        return answer.is_minen
    if isinstance(answer, bool):
        return answer
    form = "True or False (or yes/no)"
    text = re.sub(r"[\s_-]+", "", _text_answer(answer, form)).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"Answer {form}; got {answer!r}.")


# --- Marking: messages that teach ----------------------------------------------------------


def _grade_of(case: Mapping[str, object]) -> pathology.GradeResult:
    return pathology.grade(
        ki67=case.get("ki67_percent"),
        mitoses=case.get("mitoses_per_2mm2"),
        differentiation=case.get("differentiation", "well"),
    )


def _mark_grade(case: Mapping[str, object], given: str) -> Feedback:
    result = _grade_of(case)
    source = WHO_2019.cite()
    if given == result.label:
        return Feedback(True, result.explanation, source)
    if result.label == "NEC":
        return Feedback(
            False,
            "The report describes poorly differentiated morphology: that makes it a "
            "neuroendocrine carcinoma (NEC), high grade by definition and not graded G1-G3, "
            "whatever the counts.",
            source,
        )
    if given == "NEC":
        return Feedback(
            False,
            f"The report says well differentiated, and NEC needs poorly differentiated (small- or "
            f"large-cell) morphology. A high count does not change that: this is {result.label}. "
            "Well-differentiated G3 NET and NEC are different diseases.",
            source,
        )
    ki67, mitoses = result.ki67, result.mitoses
    if ki67 is not None and mitoses is not None and result.driver != "both":
        by_ki67 = pathology.grade_from_ki67(ki67)
        by_mitoses = pathology.grade_from_mitoses(mitoses)
        lower = by_ki67 if result.driver == "mitoses" else by_mitoses
        if given == lower:
            ki67_text = f"Ki-67 {ki67:g}%"
            mitoses_text = f"{mitoses:g} mitoses per 2 mm²"
            low_text, high_text = (
                (ki67_text, mitoses_text)
                if result.driver == "mitoses"
                else (mitoses_text, ki67_text)
            )
            verb = "make" if result.driver == "mitoses" else "makes"
            return Feedback(
                False,
                f"{low_text} alone is {lower[4:]}, but {high_text} {verb} it "
                f"{result.label[4:]}: the higher index wins.",
                source,
            )
    return Feedback(False, f"You wrote {given}. {result.explanation}", source)


def _mark_minen(case: Mapping[str, object], given: bool) -> Feedback:
    result = pathology.classify_mixed(case["neuroendocrine_percent"])
    verdict = given == result.is_minen
    return Feedback(verdict, result.explanation, WHO_2019.cite())


def _mark_t(case: Mapping[str, object], given: str) -> Feedback:
    result = staging.explain_t(case["size_cm"], case.get("invades", []))
    source = AJCC_8.cite()
    if given == result.category:
        return Feedback(True, result.explanation, source)
    by_size = staging.explain_t(case["size_cm"]).category
    if given == by_size != result.category:
        return Feedback(
            False,
            f"By size alone ({case['size_cm']:g} cm) it would be {by_size}, but invasion "
            f"decides here. {result.explanation}",
            source,
        )
    hint = (
        " Extension into peripancreatic fat is not a basis for T in AJCC 8th."
        if "peripancreatic fat" in str(case.get("report", "")).lower()
        else ""
    )
    return Feedback(False, f"You wrote {given}. {result.explanation}{hint}", source)


def _staging_of(case: Mapping[str, object]) -> tuple[staging.TResult, str, staging.StageResult]:
    t = staging.explain_t(case["size_cm"], case.get("invades", []))
    m = staging.m_category(case["liver_metastases"], case["extrahepatic_metastases"])
    return t, m, staging.stage(t.category, case["nodes"], m)


def _mark_stage(case: Mapping[str, object], given: str) -> Feedback:
    t, m, result = _staging_of(case)
    reasoning = (
        f"{t.explanation} {result.n}: {staging.N_MEANING[result.n]}. "
        f"{m}: {staging.M_MEANING[m]}. So {result.t} {result.n} {result.m}: {result.explanation}"
    )
    if given == result.group:
        return Feedback(True, f"Stage {result.group}. {reasoning}", AJCC_8.cite())
    return Feedback(False, f"You wrote stage {given}. {reasoning}", AJCC_8.cite())


# --- Toxicity and comorbidity (therapy catalogue) and sequencing vignettes (engine) ----------


def _factor_name(factor: object) -> str:
    from .sequencing import COMORBIDITIES, COMORBIDITY_NAMES

    if factor not in COMORBIDITIES:
        raise ValueError(f"factor must be one of {', '.join(COMORBIDITIES)}; got {factor!r}")
    return COMORBIDITY_NAMES[factor].lower()


#: Everyday names a learner may type for a catalogue option (brand and regimen names).
LEARNER_SPELLINGS = {
    "lanreotide": "ssa",
    "octreotide": "ssa",
    "somatostatin analogue": "ssa",
    "Lutathera": "prrt",
    "177Lu-DOTATATE": "prrt",
    "lutetium": "prrt",
    "FOLFIRI": "irinotecan_based",
    "nal-IRI": "irinotecan_based",
    "liposomal irinotecan": "irinotecan_based",
    "everolimus plus lanreotide": "everolimus_ssa",
    "everolimus and lanreotide": "everolimus_ssa",
    "everolimus plus SSA": "everolimus_ssa",
    "watch and wait": "surveillance",
    "embolisation": "liver_directed",
    "TACE": "liver_directed",
    "resection": "surgery",
    "trial": "clinical_trial",
}


def _therapy_aliases() -> dict[str, str]:
    """Every way a learner may name a therapy, normalised, mapped to its catalogue id.

    A therapy's own id and names win over an agent it shares with a combination ("everolimus"
    is everolimus, not everolimus plus an SSA); any other spelling shared by two therapies names
    neither.
    """
    return _therapy_aliases_of(_datafile.stamp([_datafile.data_dir() / "therapies.yaml"]))


@lru_cache(maxsize=2)
def _therapy_aliases_of(_stamp: tuple) -> dict[str, str]:
    from .evidence import therapies

    catalogue = therapies()
    own: dict[str, set[str]] = {}
    agents: dict[str, set[str]] = {}
    for therapy_id, row in catalogue.iterrows():
        names = {therapy_id, row["name"]}
        if row.get("short_name"):
            names.add(row["short_name"])
        names |= set(re.findall(r"\(([^)]+)\)", row["name"]))  # "(CAPTEM)", "(PRRT)"
        names.add(re.sub(r"\s*\([^)]*\)", "", row["name"]))
        for spelling in names:
            own.setdefault(_key(spelling), set()).add(str(therapy_id))
        for spelling in row["agents"]:
            agents.setdefault(_key(spelling), set()).add(str(therapy_id))
    own.setdefault(_key("SSA"), set()).add("ssa")
    for spelling, therapy_id in LEARNER_SPELLINGS.items():
        if therapy_id in catalogue.index:
            own.setdefault(_key(spelling), set()).add(therapy_id)
    out = {key: ids.pop() for key, ids in agents.items() if len(ids) == 1}
    out.update({key: ids.pop() for key, ids in own.items() if len(ids) == 1})
    return out


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z+]", "", str(text).casefold())


def _therapy_display(therapy_id: str) -> str:
    from .sequencing import THERAPY_NAMES

    return THERAPY_NAMES.get(therapy_id, therapy_id)


def parse_therapy(answer: object) -> str:
    """Read one therapy named by id, name, short name or agent: ``"CAPTEM"``, ``"Lutathera"``...

    >>> parse_therapy("captem"), parse_therapy("Everolimus"), parse_therapy("PRRT")
    ('capecitabine_temozolomide', 'everolimus', 'prrt')
    """
    form = 'one therapy, e.g. "everolimus" or "PRRT"'
    if isinstance(answer, list | tuple | set) and len(answer) == 1:
        answer = next(iter(answer))
    text = _text_answer(answer, form)
    therapy_id = _therapy_aliases().get(_key(text))
    if therapy_id is None:
        from .sequencing import THERAPY_IDS

        raise ValueError(f"{text!r} is not a therapy in the catalogue; use one of {THERAPY_IDS}.")
    return therapy_id


def parse_therapies(answer: object) -> frozenset[str]:
    """Read a collection of therapies (a list, a set, or text separated by commas).

    >>> sorted(parse_therapies("Sunitinib, cabozantinib"))
    ['cabozantinib', 'sunitinib']
    """
    if isinstance(answer, str):
        items: list[object] = [part for part in re.split(r"[,;]| and ", answer) if part.strip()]
    elif isinstance(answer, list | tuple | set | frozenset):
        items = list(answer)
    elif hasattr(answer, "tolist"):  # a pandas Index or Series of names
        items = list(answer.tolist())
    else:
        raise TypeError(f'Give a list of therapies, e.g. ["sunitinib", "prrt"]; got {answer!r}.')
    if not items:
        raise ValueError('Give at least one therapy, e.g. ["sunitinib"].')
    return frozenset(parse_therapy(item) for item in items)


def _poor_fit_therapies(factor: str) -> frozenset[str]:
    from .evidence import therapies

    _factor_name(factor)
    catalogue = therapies()
    return frozenset(
        str(t) for t, factors in catalogue["poor_fit_factors"].items() if factor in factors
    )


def _upper_first(text: str) -> str:
    """Capitalise the first letter only (``str.capitalize`` would lower "PRRT")."""
    return text[:1].upper() + text[1:]


def _names(ids: frozenset[str] | set[str]) -> str:
    from .sequencing import THERAPY_IDS

    ordered = [t for t in THERAPY_IDS if t in ids] + sorted(set(ids) - set(THERAPY_IDS))
    return ", ".join(_therapy_display(t) for t in ordered)


def _mark_poor_fit(case: Mapping[str, object], given: frozenset[str]) -> Feedback:
    from .evidence import therapies

    expected = _poor_fit_therapies(case["factor"])
    catalogue = therapies()
    factor = _factor_name(case["factor"])
    why = " ".join(
        f"{_upper_first(_therapy_display(t))}: {catalogue.loc[t, 'poor_fit']}"
        for t in sorted(expected)
    )
    source = "the therapy catalogue: who is a poor candidate for each therapy, and why"
    listed = f"The catalogue lists {factor} as a poor fit for: {_names(expected)}."
    if given == expected:
        return Feedback(True, f"{listed} {why}", source)
    parts = []
    if expected - given:
        parts.append(f"missing {_names(expected - given)}")
    if given - expected:
        parts.append(f"{_names(given - expected)} not listed for {factor}")
    return Feedback(False, f"{_upper_first('; '.join(parts))}. {listed} {why}", source)


_SEQUENCING_QUESTIONS = {
    "preferred": "Name one therapy that the evidence favours (preferred) for this patient.",
    "caution": "Name one therapy to use only with caution for this patient, given the findings.",
    "not suitable": "Name one therapy that is not suitable for this patient.",
}
_PATIENT_FIELDS_REQUIRED = ("sstr",)
_PATIENT_FIELDS_OPTIONAL = (
    "ki67_percent",
    "mitoses_per_2mm2",
    "differentiation",
    "burden",
    "progressing",
    "symptomatic",
    "syndrome",
    "prior",
    "comorbidities",
    "hereditary",
    "m_category",
    "resectable",
    "region",
    "durable_benefit",
    "hypoglycaemia_refractory",
    "dpyd",
    "pregnancy_possible",
)


def _patient(case: Mapping[str, object]):
    from .sequencing import Patient

    fields = {
        "ki67": case.get("ki67_percent"),
        "mitoses": case.get("mitoses_per_2mm2"),
        **{name: case[name] for name in _PATIENT_FIELDS_OPTIONAL[2:] if name in case},
        "sstr": case["sstr"],
    }
    return Patient(**fields)


def _appraisal(case: Mapping[str, object]):
    from .sequencing import appraise

    return appraise(_patient(case))


def _therapies_with_verdict(case: Mapping[str, object]) -> frozenset[str]:
    if case.get("ask") not in _SEQUENCING_QUESTIONS:
        raise ValueError(
            f"ask must be one of {list(_SEQUENCING_QUESTIONS)}; got {case.get('ask')!r}"
        )
    table = _appraisal(case)
    found = frozenset(str(t) for t in table.index[table["verdict"] == case["ask"]])
    if not found:
        raise ValueError(f"no therapy has the verdict {case['ask']!r} for this patient")
    return found


def _mark_sequencing(case: Mapping[str, object], given: str) -> Feedback:
    table = _appraisal(case)
    expected = _therapies_with_verdict(case)
    ask = str(case["ask"])
    verdict, reasons, evidence = table.loc[given, ["verdict", "reasons", "evidence"]]
    name = _upper_first(_therapy_display(given))
    if given in expected:
        others = expected - {given}
        also = f" Also {ask} here: {_names(others)}." if others else ""
        return Feedback(True, f"{name}: {verdict}. {reasons}{also}", evidence)
    return Feedback(
        False,
        f"{name}: {verdict} for this patient, not {ask}. {reasons} "
        f"{_upper_first(ask)} here: {_names(expected)}.",
        evidence,
    )


# --- Reading SSTR imaging (Krenning scores per lesion) -------------------------------------

_SSTR_STATUSES = ("positive", "borderline", "heterogeneous", "negative", "unknown")


def parse_sstr_status(answer: object) -> str:
    """Read an SSTR status: ``"positive"``, ``"SSTR-negative"``, ``"mixed"`` (heterogeneous)...

    An :class:`~pannet_edu.imaging.SstrReading` is accepted too (its status is used).

    >>> parse_sstr_status("SSTR-Positive"), parse_sstr_status("mixed")
    ('positive', 'heterogeneous')
    """
    from .imaging import SstrReading

    if isinstance(answer, SstrReading):
        return answer.status
    form = '"positive", "borderline", "heterogeneous", "negative" or "unknown"'
    text = re.sub(r"[\s_-]+", "", _text_answer(answer, form)).casefold().removeprefix("sstr")
    text = {"mixed": "heterogeneous", "pos": "positive", "neg": "negative"}.get(text, text)
    if text not in _SSTR_STATUSES:
        raise ValueError(f"Answer {form}; got {answer!r}.")
    return text


def _sstr_minimum(case: Mapping[str, object]) -> object:
    from .imaging import TRIAL_MINIMUM_KRENNING

    return case.get("minimum", TRIAL_MINIMUM_KRENNING)


def _sstr_reading(case: Mapping[str, object]):
    from .imaging import read_sstr_imaging

    return read_sstr_imaging(case["krenning_scores"], _sstr_minimum(case))


#: Krenning score of uptake equal to normal liver: SSTR-positive for an SSA (CLARINET enrolled
#: Krenning 2 or more) but only borderline as a PRRT target (the PRRT trials asked for uptake at
#: least that of normal liver in every target lesion, NETTER-2 for uptake above liver, 3-4).
KRENNING_LIVER = 2


def sstr_consequence(scores: list[int], status: str) -> str:
    """What an SSTR reading means for an SSA and for PRRT, lesion scores taken into account.

    A Krenning 2 lesion is SSTR-positive for an SSA and borderline for PRRT; it is never read as
    SSTR-negative, even against a stricter threshold.

    >>> sstr_consequence([2, 2], "positive")[:47]
    'SSTR-positive for an SSA: Krenning 2 counts, as'
    >>> sstr_consequence([0, 1], "negative")
    'PRRT has no target and an SSA no proven antitumour role.'
    """
    lowest = min(scores) if scores else None
    if status == "unknown" or lowest is None:
        return "Image with SSTR PET before choosing an SSA or PRRT."
    if status == "heterogeneous":
        return "Weigh the lesions without uptake before an SSA or PRRT: they would escape both."
    if lowest > KRENNING_LIVER:
        return "An SSA can act on every lesion, and every lesion is a clear PRRT target."
    if lowest == KRENNING_LIVER or (status == "negative" and max(scores) >= KRENNING_LIVER):
        return (
            "SSTR-positive for an SSA: Krenning 2 counts, as in CLARINET. For PRRT the Krenning 2 "
            "lesions are borderline, not a clear target: the PRRT trials asked for uptake at least "
            "that of normal liver in every target lesion, and NETTER-2 for uptake above liver."
        )
    return "PRRT has no target and an SSA no proven antitumour role."


def _mark_sstr_reading(case: Mapping[str, object], given: str) -> Feedback:
    reading = _sstr_reading(case)
    source = "Krenning scale and the SSTR entry criteria of CLARINET, NETTER-1 and NETTER-2"
    consequence = sstr_consequence(list(case["krenning_scores"]), reading.status)
    if given == reading.status:
        return Feedback(True, f"Right. {reading.explanation} {consequence}", source)
    return Feedback(
        False,
        f"Not {given}. {reading.explanation} Every lesion counts, against the threshold the "
        f"question sets. {consequence}",
        source,
    )


# --- Before the first dose: name the checks (from the catalogue, for this patient) -----------

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
                    "bilirubin", "hepatotox"),
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


def parse_checks(answer: object) -> tuple[str, ...]:
    """Read the checks a learner names: a list of phrases, or text separated by commas or ``;``.

    >>> parse_checks("DPYD; kidney function, the heart")
    ('DPYD', 'kidney function', 'the heart')
    """
    form = 'a list of checks, e.g. ["blood pressure", "liver tests"]'
    if isinstance(answer, str):
        items = [part.strip() for part in re.split(r"[,;\n]", answer)]
    elif isinstance(answer, list | tuple | set | frozenset):
        items = [item if isinstance(item, str) else None for item in answer]
        if any(item is None for item in items):
            raise TypeError(f"Give each check as text, {form}; got {answer!r}.")
        items = [item.strip() for item in items]
    else:
        raise TypeError(f"Give {form}; got {answer!r}.")
    items = [item for item in items if item]
    if not items:
        raise ValueError(f"Name at least one check, {form}.")
    return tuple(items)


def _before_starting_patient(case: Mapping[str, object]):
    from .sequencing import Patient

    fields = {
        "ki67": case.get("ki67_percent"),
        "mitoses": case.get("mitoses_per_2mm2"),
        **{name: case[name] for name in _START_PATIENT_FIELDS if name in case},
    }
    if fields["ki67"] is None and fields["mitoses"] is None:
        raise ValueError("give ki67_percent or mitoses_per_2mm2 for the patient")
    return Patient(**fields)


def _therapy_for_checks(case: Mapping[str, object]) -> str:
    from .evidence import therapies

    therapy = case.get("therapy")
    catalogue = therapies()
    if therapy not in catalogue.index:
        raise ValueError(f"therapy must be a catalogue id ({', '.join(catalogue.index)}); "
                         f"got {therapy!r}")  # fmt: skip
    return str(therapy)


def before_starting_checks(case: Mapping[str, object]) -> tuple:
    """The catalogue's checks before the first dose of the case's therapy, for its patient.

    Read through the engine (:func:`pannet_edu.engine.before_starting.checks_for`), so the key
    is the catalogue's own list: nothing is typed twice.
    """
    from .engine.before_starting import checks_for

    checks = tuple(checks_for(_therapy_for_checks(case), _before_starting_patient(case)))
    if not checks:
        raise ValueError(f"the catalogue lists no check before {case.get('therapy')!r}")
    unnamed = [c.check for c in checks if not concepts_in(c.check)]
    if unnamed:
        raise ValueError(f"no learner vocabulary for the check {unnamed[0]!r}; add it to "
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
        parts.append(
            "Not among the checks listed for this patient: " + "; ".join(strays) + "."
        )
    return Feedback(not missed, " ".join(parts), source)


_START_PATIENT_FIELDS = (
    "differentiation", "sstr", "burden", "progressing", "symptomatic", "syndrome", "prior",
    "comorbidities", "hereditary", "m_category", "region", "durable_benefit",
    "hypoglycaemia_refractory", "dpyd", "pregnancy_possible",
)  # fmt: skip


# --- Case files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    question: Callable[[Mapping[str, object]], str]
    answer_form: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    parse: Callable[[object], object]
    mark: Callable[[Mapping[str, object], object], Feedback]
    expected: Callable[[Mapping[str, object]], object]
    any_one_of: bool = False


_KINDS: dict[str, _Kind] = {
    "poor_fit": _Kind(
        lambda case: (
            f"Which therapies in the catalogue list {_factor_name(case['factor'])} as a "
            "poor fit? Name them all."
        ),
        'a list of therapies, e.g. ["sunitinib", "prrt"]',
        ("factor",),
        (),
        parse_therapies,
        _mark_poor_fit,
        lambda case: _poor_fit_therapies(case["factor"]),
    ),
    "sequencing": _Kind(
        lambda case: _SEQUENCING_QUESTIONS[case["ask"]],
        'one therapy, e.g. "everolimus"',
        ("ask", *_PATIENT_FIELDS_REQUIRED),
        _PATIENT_FIELDS_OPTIONAL,
        parse_therapy,
        _mark_sequencing,
        lambda case: _therapies_with_verdict(case),
        any_one_of=True,
    ),
    "sstr_reading": _Kind(
        lambda case: (
            "Read the SSTR status, counting a lesion as positive at Krenning "
            f"{_sstr_minimum(case)} or more."
        ),
        '"positive", "borderline", "heterogeneous", "negative" or "unknown"',
        ("krenning_scores",),
        ("minimum",),
        parse_sstr_status,
        _mark_sstr_reading,
        lambda case: _sstr_reading(case).status,
    ),
    "before_starting": _Kind(
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
    ),
    "grade": _Kind(
        lambda _case: "What is the WHO grade?",
        'a grade such as "NET G2" or "NEC"',
        ("differentiation",),
        ("ki67_percent", "mitoses_per_2mm2"),
        parse_grade,
        _mark_grade,
        lambda case: _grade_of(case).label,
    ),
    "minen": _Kind(
        lambda _case: "Is this a MiNEN?",
        "True or False",
        ("neuroendocrine_percent",),
        (),
        parse_yes_no,
        _mark_minen,
        lambda case: pathology.classify_mixed(case["neuroendocrine_percent"]).is_minen,
    ),
    "t_category": _Kind(
        lambda _case: "What is the AJCC 8th T category?",
        'a T category such as "T2"',
        ("size_cm", "invades"),
        (),
        parse_t,
        _mark_t,
        lambda case: staging.t_category(case["size_cm"], case["invades"]),
    ),
    "stage": _Kind(
        lambda _case: "What is the AJCC 8th stage group?",
        'a stage group such as "II"',
        ("size_cm", "invades", "nodes", "liver_metastases", "extrahepatic_metastases"),
        (),
        parse_stage,
        _mark_stage,
        lambda case: _staging_of(case)[2].group,
    ),
}


def _fail(path: Path, where: str, message: str) -> ExerciseFileError:
    return ExerciseFileError(f"{path.name}: {where}: {message}")


#: Fields whose values must appear in the report text, so the report and the key cannot drift.
_MENTIONED_FIELDS = {
    "ki67_percent",
    "mitoses_per_2mm2",
    "differentiation",
    "neuroendocrine_percent",
    "size_cm",
    "invades",
    "krenning_scores",
    "minimum",
}


def _mentioned(report: str, value: object) -> bool:
    """Whether a number or name from the fields appears in the report text."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return re.search(rf"(?<![\d.]){re.escape(f'{value:g}')}(?![\d])", report) is not None
    return str(value).casefold() in report.casefold()


def _case(path: Path, lesson: str, number: int, raw: object) -> Exercise:
    where = f"exercise {number}"
    if not isinstance(raw, dict):
        raise _fail(path, where, f"an exercise must be a mapping of fields, got {short_repr(raw)}")
    raw_id = raw.get("id")
    if raw_id is not None and (is_boolean(raw_id) or not isinstance(raw_id, str | int)):
        raise _fail(path, where,
                    f"field 'id' must be text such as grade-1, got {short_repr(raw_id)}")
    exercise_id = str(raw_id or "").strip()
    if not exercise_id:
        raise _fail(path, where, "missing field 'id'")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", exercise_id, re.ASCII):
        raise _fail(path, f"exercise {short_repr(exercise_id, 30)}", "field 'id' must be letters, "
                    "digits, '-', '_' or '.' (such as grade-1)")
    where = f"exercise '{exercise_id}'"
    kind_name = raw.get("kind")
    if kind_name not in _KINDS:
        raise _fail(path, where,
                    f"field 'kind' must be one of {sorted(_KINDS)}; got {short_repr(kind_name)}")
    kind = _KINDS[kind_name]
    allowed = {"id", "kind", "report", *kind.required, *kind.optional}
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise _fail(path, where, f"unknown field(s) {unknown}; a {kind_name} has {sorted(allowed)}")
    report = raw.get("report")
    if not isinstance(report, str) or not report.strip():
        raise _fail(path, where, "missing field 'report' (the text the learner reads)")
    report = " ".join(report.split())
    for name in kind.required:
        if name not in raw:
            raise _fail(path, where, f"missing field '{name}'")
    case = {key: value for key, value in raw.items() if key not in ("id", "kind")}
    case["report"] = report
    try:
        kind.expected(case)  # the package's own checks name the bad field
    except (ValueError, TypeError, KeyError) as exc:
        raise _fail(path, where, f"the fields do not make a valid case: {exc}") from None
    for name in _MENTIONED_FIELDS & set(case):
        value = case[name]
        values = value if isinstance(value, list) else [value]
        if not all(_mentioned(report, v) for v in values):
            raise _fail(path, where,
                        f"field '{name}' ({short_repr(value)}) does not appear in the report")
    return Exercise(
        id=exercise_id,
        lesson=lesson,
        question=kind.question(case),
        answer_form=kind.answer_form,
        expected=lambda: kind.expected(case),
        parse=kind.parse,
        mark=lambda given: kind.mark(case, given),
        report=report,
        any_one_of=kind.any_one_of,
    )


def load_exercise_file(path: str | Path) -> list[Exercise]:
    """Load and validate one exercise file; raise :class:`ExerciseFileError` naming the problem.

    >>> [e.id for e in load_exercise_file(EXERCISES_DIR / "01_classification_and_staging.yaml")][:2]
    ['grade-1', 'grade-2']
    """
    path = Path(path)
    try:
        data = _datafile.load_yaml(path)
    except _datafile.DataFileError as exc:
        raise ExerciseFileError(str(exc)) from None
    if data is None:
        raise ExerciseFileError(f"{path.name}: the file is empty (it must hold 'lesson' and "
                                "'exercises')")
    if not isinstance(data, dict) or set(data) != {"lesson", "exercises"}:
        raise ExerciseFileError(f"{path.name}: the file must hold exactly 'lesson' and 'exercises'")
    if data["lesson"] != path.stem:
        raise ExerciseFileError(
            f"{path.name}: field 'lesson' is {short_repr(data['lesson'])} but must match the file "
            "name "
            f"{path.stem!r}"
        )
    raw = data["exercises"]
    if not isinstance(raw, list) or not raw:
        raise ExerciseFileError(f"{path.name}: field 'exercises' must be a non-empty list")
    loaded = [_case(path, path.stem, i, entry) for i, entry in enumerate(raw, start=1)]
    ids = [e.id for e in loaded]
    for exercise_id in ids:
        if ids.count(exercise_id) > 1:
            raise _fail(path, f"exercise '{exercise_id}'", "duplicate id")
    return loaded


# --- Reading the trial table with pandas (defined in Python: the answer is pandas work) ------

TRIALS_LESSON = "03_trials_and_toxicity"
_TRIALS_SOURCE = (
    "the trial table (each row cites its trial: see its PMID and DOI)"
)


def _trial_table():
    from .evidence import trials

    return trials()


def _trial_key_map() -> dict[str, str]:
    return {_key(name): str(name) for name in _trial_table()["trial"].unique()}


def parse_trial(answer: object) -> str:
    """Read one trial name as it appears in ``trials()``; case, spaces and hyphens are ignored.

    >>> parse_trial("netter 2"), parse_trial(["RADIANT-3"])
    ('NETTER-2', 'RADIANT-3')
    """
    if hasattr(answer, "columns") and "trial" in answer.columns:  # a filtered DataFrame
        answer = list(dict.fromkeys(answer["trial"].tolist()))
    elif hasattr(answer, "tolist"):
        answer = list(dict.fromkeys(answer.tolist()))
    if isinstance(answer, list | tuple | set | frozenset) and len(answer) == 1:
        answer = next(iter(answer))
    text = _text_answer(answer, 'one trial name, e.g. "RADIANT-3"')
    known = _trial_key_map()
    if _key(text) not in known:
        raise ValueError(
            f"{text!r} is not a trial in trials(); names: {', '.join(known.values())}."
        )
    return known[_key(text)]


def parse_trials(answer: object) -> frozenset[str]:
    """Read several trial names: a list or set, comma-separated text, a Series, or a DataFrame
    with a ``trial`` column.

    >>> sorted(parse_trials("promid, Netter-1"))
    ['NETTER-1', 'PROMID']
    """
    if hasattr(answer, "columns"):
        if "trial" not in answer.columns:
            raise ValueError("Your table has no 'trial' column: keep it when you filter.")
        items: list[object] = answer["trial"].tolist()
    elif hasattr(answer, "tolist"):
        items = list(answer.tolist())
    elif isinstance(answer, str):
        items = [part for part in answer.split(",") if part.strip()]
    elif isinstance(answer, list | tuple | set | frozenset):
        items = list(answer)
    else:
        raise TypeError(f'Give a list of trial names, e.g. ["PROMID"]; got {answer!r}.')
    if not items:
        raise ValueError("Your answer is empty: give at least one trial name.")
    return frozenset(parse_trial(item) for item in items)


def _parse_figure(answer: object, *, suffix: str, example: str, missing: str) -> float:
    """Read a number given as a number or as text ending in an optional ``suffix``.

    Text is read by the package's one reader of typed numbers (``"6.4"``, ``" 6,4 "``,
    ``"1,000"`` as a thousand); infinities, numbers too large for a float and true/false values
    are refused with a message.
    """
    if isinstance(answer, str):
        text = answer.strip().removesuffix(suffix).strip()
        try:
            return _parse_typed_number("answer", text)
        except ValueError:
            raise ValueError(f"Give {example}; got {short_repr(answer)}.") from None
    if is_boolean(answer) or not isinstance(answer, Real):
        raise TypeError(f"Give {example}; got {short_repr(answer)}.")
    try:
        value = float(answer)
    except (OverflowError, ValueError, TypeError):
        raise ValueError(f"Give {example}; that number is too large to be one.") from None
    if value != value:  # NaN: a missing value in the table
        raise ValueError(f"Your answer is NaN: {missing} is missing.")
    if math.isinf(value):
        raise ValueError(f"Give {example}; an infinite value is not a figure from the table.")
    return value + 0.0


def parse_months(answer: object) -> float:
    """Read a number of months (a number, or text such as ``"6.4"``).

    >>> parse_months("6.4"), parse_months(6)
    (6.4, 6.0)
    """
    return _parse_figure(
        answer,
        suffix="months",
        example="a number of months, e.g. 6.4",
        missing="one of the medians you used",
    )


def _compare_sets(expected: frozenset[str], given: frozenset[str], why: str) -> Feedback:
    names = ", ".join(sorted(expected))
    if given == expected:
        return Feedback(True, f"{names}. {why}", _TRIALS_SOURCE)
    parts = []
    if expected - given:
        parts.append(f"missing {', '.join(sorted(expected - given))}")
    if given - expected:
        parts.append(f"should not include {', '.join(sorted(given - expected))}")
    return Feedback(False, f"{_upper_first('; '.join(parts))}. {why}", _TRIALS_SOURCE)


def no_pannet_trials() -> frozenset[str]:
    """Trials none of whose cohorts enrolled panNET (``pannet == "no"`` in every row).

    >>> sorted(no_pannet_trials())
    ['NETTER-1', 'PROMID']
    """
    table = _trial_table()
    enrolled = table.groupby("trial")["pannet"].agg(lambda s: bool((s != "no").any()))
    return frozenset(str(t) for t, any_pannet in enrolled.items() if not any_pannet)


def _mark_no_pannet(given: frozenset[str]) -> Feedback:
    expected = no_pannet_trials()
    table = _trial_table()
    split = sorted(
        str(t)
        for t, values in table.groupby("trial")["pannet"]
        if set(values) >= {"no"} and len(set(values)) > 1
    )
    why = (
        f"Their results reach panNET only by extrapolation. Careful with a trial with several "
        f"cohorts ({', '.join(split)}): one cohort without panNET does not mean the trial enrolled "
        "none, so group by trial before deciding."
    )
    return _compare_sets(expected, given, why)


def placebo_phase3_pannet_trials() -> frozenset[str]:
    """Randomised placebo-controlled phase III trials with panNET patients (``pannet`` yes/part).

    >>> sorted(placebo_phase3_pannet_trials())[:2]
    ['A6181111', 'CABINET']
    """
    table = _trial_table()
    chosen = table[
        (table["design"] == "randomised_controlled")
        & (table["phase"] == "III")
        & (table["comparator"] == "placebo")
        & table["pannet"].isin(["yes", "part"])
    ]
    return frozenset(str(t) for t in chosen["trial"])


def _mark_placebo_phase3(given: frozenset[str]) -> Feedback:
    table = _trial_table()
    expected = placebo_phase3_pannet_trials()
    near = table[
        (table["design"] == "randomised_controlled")
        & table["pannet"].isin(["yes", "part"])
        & ~table["trial"].isin(expected)
    ]
    misses = "; ".join(f"{r.trial}: phase {r.phase}, vs {r.comparator}" for r in near.itertuples())
    why = (
        "Filter on four columns at once: design == 'randomised_controlled', phase == 'III', "
        f"comparator == 'placebo' and pannet in ('yes', 'part'). Randomised but left out: {misses}."
    )
    return _compare_sets(expected, given, why)


def lowest_hr_pannet_trial() -> tuple[str, float]:
    """The trial (and hazard ratio) with the lowest PFS/TTP hazard ratio among cohorts with panNET.

    >>> lowest_hr_pannet_trial()
    ('CABINET', 0.23)
    """
    table = _trial_table()
    rows = table[table["pannet"].isin(["yes", "part"]) & table["hr"].notna()]
    best = rows.sort_values("hr").iloc[0]
    return str(best["trial"]), float(best["hr"])


def _mark_lowest_hr(given: str) -> Feedback:
    trial, hr = lowest_hr_pannet_trial()
    why = (
        f"sort_values('hr') on the cohorts with panNET puts {trial} first (HR {hr:g}). A hazard "
        "ratio is relative: it says how much the event rate fell, not how many months were "
        "gained, so also compare absolute differences (trials-5)."
    )
    if given == trial:
        return Feedback(True, f"{trial}: {why}", _TRIALS_SOURCE)
    return Feedback(False, f"Not {given}: {why}", _TRIALS_SOURCE)


def pfs_gains():
    """Absolute PFS gain (months) of every randomised controlled cohort reporting both PFS medians.

    Returns a DataFrame with ``trial``, ``cohort``, ``pfs_median``, ``pfs_median_control``,
    ``pfs_gain`` and ``hr``, largest gain first.

    >>> table = pfs_gains()
    >>> table.iloc[0]["trial"], round(float(table.iloc[0]["pfs_gain"]), 1)
    ('STARTER-NET', 16.1)
    """
    table = _trial_table()
    rows = table[
        (table["design"] == "randomised_controlled")
        & (table["time_endpoint"] == "PFS")
        & table["pfs_median"].notna()
        & table["pfs_median_control"].notna()
    ].copy()
    rows["pfs_gain"] = (rows["pfs_median"] - rows["pfs_median_control"]).round(1)
    columns = ["trial", "cohort", "pfs_median", "pfs_median_control", "pfs_gain", "hr"]
    return rows.sort_values("pfs_gain", ascending=False)[columns].reset_index(drop=True)


def _gain_of(trial: str) -> tuple[float, float, float]:
    row = pfs_gains().set_index("trial").loc[trial]
    return float(row["pfs_median"]), float(row["pfs_median_control"]), float(row["pfs_gain"])


#: Months: answers within this of the computed gain count (medians are given to 0.1 month).
MONTHS_TOLERANCE = 0.05


def _mark_radiant_gain(given: float) -> Feedback:
    active, control, gain = _gain_of("RADIANT-3")
    how = (
        f"pfs_median - pfs_median_control = {active:.1f} - {control:.1f} = {gain:.1f} months "
        "of median PFS gained with everolimus."
    )
    if abs(given - gain) <= MONTHS_TOLERANCE:
        return Feedback(True, how, _TRIALS_SOURCE)
    if abs(given + gain) <= MONTHS_TOLERANCE:
        return Feedback(
            False, f"Right size, wrong sign: subtract the control median. {how}", _TRIALS_SOURCE
        )
    return Feedback(False, f"You gave {given:g}. {how}", _TRIALS_SOURCE)


def _mark_largest_gain(given: str) -> Feedback:
    gains = pfs_gains()
    top = gains.iloc[0]
    trial, lowest_hr = str(top["trial"]), lowest_hr_pannet_trial()
    ranking = "; ".join(
        f"{r.trial}{'' if r.cohort == 'all' else f' ({r.cohort})'} {r.pfs_gain:g}"
        for r in gains.head(3).itertuples()
    )
    why = (
        f"Largest absolute gains (months): {ranking}. The lowest hazard ratio was "
        f"{lowest_hr[0]} (HR {lowest_hr[1]:g}): relative and absolute effects rank trials "
        "differently, and a gain also depends on the control arm and the population enrolled."
    )
    if given == trial:
        return Feedback(True, f"{trial}. {why}", _TRIALS_SOURCE)
    return Feedback(False, f"Not {given}. {why}", _TRIALS_SOURCE)


def _trial_exercises() -> list[Exercise]:
    """The pandas exercises on ``trials()``; expected answers are computed from the table."""

    def make(exercise_id, question, form, expected, parse, mark) -> Exercise:
        return Exercise(
            id=exercise_id,
            lesson=TRIALS_LESSON,
            question=question,
            answer_form=form,
            expected=expected,
            parse=parse,
            mark=mark,
        )

    names = 'a list of trial names, e.g. ["PROMID"]'
    return [
        make(
            "trials-1",
            "Which trials enrolled no patients with panNET at all?",
            names,
            no_pannet_trials,
            parse_trials,
            _mark_no_pannet,
        ),
        make(
            "trials-2",
            "Which randomised, placebo-controlled phase III trials enrolled patients with panNET "
            "(pannet 'yes' or 'part')?",
            names,
            placebo_phase3_pannet_trials,
            parse_trials,
            _mark_placebo_phase3,
        ),
        make(
            "trials-3",
            "Among cohorts that include panNET, which trial reported the lowest hazard ratio "
            "for progression?",
            'one trial name, e.g. "RADIANT-3"',
            lambda: lowest_hr_pannet_trial()[0],
            parse_trial,
            _mark_lowest_hr,
        ),
        make(
            "trials-4",
            "By how many months did everolimus lengthen median PFS in RADIANT-3 (absolute "
            "difference)?",
            "a number of months, e.g. 3.2",
            lambda: _gain_of("RADIANT-3")[2],
            parse_months,
            _mark_radiant_gain,
        ),
        make(
            "trials-5",
            "Add a pfs_gain column (pfs_median - pfs_median_control) for randomised controlled "
            "cohorts with a PFS endpoint. Which trial has the largest absolute gain?",
            'one trial name, e.g. "RADIANT-3"',
            lambda: str(pfs_gains().iloc[0]["trial"]),
            parse_trial,
            _mark_largest_gain,
        ),
    ]


# --- Lesson 08: trials under investigation, journal figures versus label figures ------------

INVESTIGATION_LESSON = "08_under_investigation"


def parse_number(answer: object) -> float:
    """Read a number (a number, or text such as ``"0.22"`` or ``"91%"``).

    >>> parse_number("91%"), parse_number(0.22)
    (91.0, 0.22)
    """
    return _parse_figure(
        answer, suffix="%", example="a number, e.g. 0.5", missing="the figure you used"
    )


def _journal_row(trial: str, cohort: str):
    table = _trial_table()
    return table[(table["trial"] == trial) & (table["cohort"] == cohort)].iloc[0]


def _label_row(trial: str, cohort: str):
    from .evidence import label_figures

    labels = label_figures()
    return labels[(labels["trial"] == trial) & (labels["cohort"] == cohort)].iloc[0]


def _close(given: float, expected: float, tolerance: float) -> bool:
    return abs(given - expected) <= tolerance


def _mark_netter2_gain(given: float) -> Feedback:
    active, control, gain = _gain_of("NETTER-2")
    row = _journal_row("NETTER-2", "all")
    how = (
        f"pfs_median - pfs_median_control = {active:.1f} - {control:.1f} = {gain:.1f} months, "
        f"{row['setting']}, against {row['comparator']} (HR {row['hr']:g})."
    )
    if row["pannet"] == "part":
        how += (
            " The trial enrolled other NETs as well as panNET (pannet == 'part'): check who was "
            "enrolled before carrying the gain over to a panNET patient."
        )
    if _close(given, gain, MONTHS_TOLERANCE):
        return Feedback(True, how, row["citation"])
    if _close(given, -gain, MONTHS_TOLERANCE):
        return Feedback(
            False, f"Right size, wrong sign: subtract the control median. {how}", row["citation"]
        )
    return Feedback(False, f"You gave {given:g}. {how}", row["citation"])


def congress_only_trials() -> frozenset[str]:
    """Trials whose figures come from a congress report, not a peer-reviewed paper.

    >>> "COMPETE" in congress_only_trials()
    True
    """
    table = _trial_table()
    return frozenset(str(t) for t in table.loc[table["figures_source"] == "congress", "trial"])


def _mark_congress(given: frozenset[str]) -> Feedback:
    why = (
        "Filter figures_source == 'congress'. Congress figures are preliminary: they can change "
        "in the full paper, and a single abstract has not been peer reviewed in full."
    )
    return _compare_sets(congress_only_trials(), given, why)


#: Hazard ratios are given to two or three decimals; answers within this count.
HR_TOLERANCE = 0.0005
#: Rates are given as whole or one-decimal percentages.
PERCENT_TOLERANCE = 0.05


def _mark_cabinet_label_hr(given: float) -> Feedback:
    label = _label_row("CABINET", "pancreatic")
    journal = _journal_row("CABINET", "pancreatic")
    why = (
        f"label_figures() gives HR {label['hr']:g} ({label['hr_low']:g}-{label['hr_high']:g}) "
        f"for {label['n']} patients ({label['label']} label, {label['assessment']}); the NEJM "
        f"report in trials() gives HR {journal['hr']:g} for {journal['n']} patients, and placebo "
        f"median PFS {label['pfs_median_control']:g} versus {journal['pfs_median_control']:g} "
        "months. The label used a later data cut-off: two honest figures, each with its source."
    )
    if _close(given, float(label["hr"]), HR_TOLERANCE):
        return Feedback(True, why, str(label["source"]))
    if _close(given, float(journal["hr"]), HR_TOLERANCE):
        return Feedback(False, f"That is the journal figure. {why}", str(label["source"]))
    return Feedback(False, f"You gave {given:g}. {why}", str(label["source"]))


def _mark_belzutifan_orr(given: float) -> Feedback:
    journal = _journal_row("LITESPARK-004", "pancreatic")
    label = _label_row("LITESPARK-004", "pancreatic")
    why = (
        f"trials() gives an objective response rate of {journal['orr']:g}% in the {journal['n']} "
        f"patients with panNET (single arm, phase {journal['phase']}, VHL disease only); the FDA "
        f"label gives {label['orr']:g}% in {label['n']}, because it counts only measurable "
        "panNETs. A response rate depends on its denominator, and a VHL result does not carry "
        "over to sporadic panNET."
    )
    if _close(given, float(journal["orr"]), PERCENT_TOLERANCE):
        return Feedback(True, why, str(journal["citation"]))
    if _close(given, float(label["orr"]), PERCENT_TOLERANCE):
        return Feedback(False, f"That is the label figure. {why}", str(journal["citation"]))
    return Feedback(False, f"You gave {given:g}. {why}", str(journal["citation"]))


def _investigation_exercises() -> list[Exercise]:
    """Lesson 08's exercises on ``trials()`` and ``label_figures()``; answers computed."""

    def make(exercise_id, question, form, expected, parse, mark) -> Exercise:
        return Exercise(
            id=exercise_id,
            lesson=INVESTIGATION_LESSON,
            question=question,
            answer_form=form,
            expected=expected,
            parse=parse,
            mark=mark,
        )

    return [
        make(
            "inv-1",
            "NETTER-2: by how many months did PRRT lengthen median PFS over the control arm "
            "(absolute difference)?",
            "a number of months, e.g. 3.2",
            lambda: _gain_of("NETTER-2")[2],
            parse_months,
            _mark_netter2_gain,
        ),
        make(
            "inv-2",
            "Which trials in trials() have figures from a congress report rather than a journal "
            "paper (column figures_source)?",
            'a list of trial names, e.g. ["PROMID"]',
            congress_only_trials,
            parse_trials,
            _mark_congress,
        ),
        make(
            "inv-3",
            "CABINET, pancreatic cohort: what hazard ratio for PFS does the FDA label give "
            "(label_figures())?",
            "a number, e.g. 0.5",
            lambda: float(_label_row("CABINET", "pancreatic")["hr"]),
            parse_number,
            _mark_cabinet_label_hr,
        ),
        make(
            "inv-4",
            "Belzutifan (LITESPARK-004), panNET cohort: what objective response rate (%) does "
            "the journal report give (trials())?",
            "a percentage, e.g. 40",
            lambda: float(_journal_row("LITESPARK-004", "pancreatic")["orr"]),
            parse_number,
            _mark_belzutifan_orr,
        ),
    ]


# --- Registry and the learner-facing check --------------------------------------------------


def _load_folder(folder: Path) -> dict[str, Exercise]:
    registry: dict[str, Exercise] = {}
    for path in sorted(folder.glob("*.yaml")):
        for item in load_exercise_file(path):
            if item.id in registry:
                raise _fail(path, f"exercise '{item.id}'", "duplicate id across exercise files")
            registry[item.id] = item
    return registry


def exercises_dir() -> Path:
    """The folder the exercise files are read from: ``exercises/`` in the data folder."""
    return _datafile.data_dir() / "exercises"


def _registry() -> dict[str, Exercise]:
    """Every exercise, cached per version of the exercise files and the data they read."""
    folder = exercises_dir()
    data = _datafile.data_dir()
    version = _datafile.folder_stamp(folder) + _datafile.stamp(
        [data / "trials.csv", data / "therapies.yaml", data / "label_figures.csv"]
    )
    return _registry_of(folder, version)


@lru_cache(maxsize=2)
def _registry_of(folder: Path, _version: tuple) -> dict[str, Exercise]:
    if not folder.is_dir():
        raise ExerciseFileError(f"{folder}: no such folder of exercise files")
    registry = _load_folder(folder)
    for item in _trial_exercises() + _investigation_exercises():
        if item.id in registry:
            raise ExerciseFileError(f"exercise '{item.id}' is defined in a file and in Python")
        registry[item.id] = item
    return registry


def exercises(lesson: str | None = None) -> list[Exercise]:
    """Every exercise, or those of one lesson, in file order.

    >>> [e.id for e in exercises("01_classification_and_staging")][-1]
    'stage-3'
    """
    items = list(_registry().values())
    known = sorted({e.lesson for e in items})
    if lesson is not None and lesson not in known:
        raise ValueError(f"lesson must be None or one of {known}; got {lesson!r}")
    return [e for e in items if lesson is None or e.lesson == lesson]


def exercise(exercise_id: str) -> Exercise:
    """One exercise by id; display it in a notebook to read the report and the question.

    >>> print(exercise("t-1"))
    Exercise t-1
      Report: CT: a 3.2 cm tumour in the pancreatic head invading the duodenum. No other structure
      involved.
      What is the AJCC 8th T category? (a T category such as "T2")
    """
    registry = _registry()
    if exercise_id not in registry:
        raise ValueError(f"exercise_id must be one of {sorted(registry)}; got {exercise_id!r}")
    return registry[exercise_id]


def check(exercise_id: str, answer: object) -> Feedback:
    """Mark ``answer`` to exercise ``exercise_id``; never raises at a learner.

    >>> check("grade-1", "G3").correct
    True
    >>> check("stage-2", "IV").correct
    False
    >>> check("grade-1", 3).message
    'Give your answer as text, a grade such as "NET G2" or "NEC"; got 3.'
    >>> check("nope", "G1").correct is None
    True
    >>> check("inv-1", 10**400).correct is None
    True
    """
    registry = _registry()
    if not isinstance(exercise_id, str) or exercise_id not in registry:
        return Feedback(
            None,
            f"There is no exercise {short_repr(exercise_id)}. Check the id in the exercise cell "
            f"(ids look like {', '.join(list(registry)[:3])}).",
        )
    item = registry[exercise_id]
    try:
        if _is_blank(answer):
            return Feedback(None, NOT_ANSWERED)
        try:
            given = item.parse(answer)
        except (ValueError, TypeError, OverflowError) as exc:
            return Feedback(None, _cut(str(exc)))
        return item.mark(given)
    except Exception:  # an answer object that breaks when read (its repr, len or iteration)
        return Feedback(
            None,
            f"Your answer could not be read. Give it in the form asked for: {item.answer_form}.",
        )


def _cut(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[: MAX_MESSAGE_CHARS - 3] + "..."
