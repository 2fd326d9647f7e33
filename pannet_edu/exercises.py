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
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from . import pathology, staging
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

#: Where the package's own exercise cases live.
EXERCISES_DIR = Path(__file__).resolve().parent / "data" / "exercises"

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


def parse_grade(answer: object) -> str:
    """Read a grade typed by a learner: ``"G3"``, ``"net g3"``, ``"NET-G3"``, ``"NEC"``.

    A :class:`~pannet_edu.pathology.GradeResult` is accepted too (its label is used).

    >>> parse_grade(" net-g2 "), parse_grade("g1"), parse_grade("nec")
    ('NET G2', 'NET G1', 'NEC')
    """
    if isinstance(answer, pathology.GradeResult):
        return answer.label
    form = 'a grade such as "NET G2" or "NEC"'
    text = re.sub(r"[\s_-]+", "", _text_answer(answer, form)).upper()
    if text in {"NEC", "NEUROENDOCRINECARCINOMA"}:
        return "NEC"
    match = re.fullmatch(r"(?:NET)?(?:G|GRADE)([123])", text)
    if not match:
        raise ValueError(f"Write {form}; {answer!r} is not a WHO grade.")
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

    >>> parse_stage("Stage iv"), parse_stage(2)
    ('IV', 'II')
    """
    if isinstance(answer, staging.StageResult):
        return answer.group
    if isinstance(answer, int) and not isinstance(answer, bool):
        answer = str(answer)
    form = 'a stage group such as "II"'
    text = re.sub(r"\s+", "", _text_answer(answer, form)).upper()
    text = text.removeprefix("STAGE")
    text = _ROMAN.get(text, text)
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


# --- Case files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    question: str
    answer_form: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    parse: Callable[[object], object]
    mark: Callable[[Mapping[str, object], object], Feedback]
    expected: Callable[[Mapping[str, object]], object]


_KINDS: dict[str, _Kind] = {
    "grade": _Kind(
        "What is the WHO grade?",
        'a grade such as "NET G2" or "NEC"',
        ("differentiation",),
        ("ki67_percent", "mitoses_per_2mm2"),
        parse_grade,
        _mark_grade,
        lambda case: _grade_of(case).label,
    ),
    "minen": _Kind(
        "Is this a MiNEN?",
        "True or False",
        ("neuroendocrine_percent",),
        (),
        parse_yes_no,
        _mark_minen,
        lambda case: pathology.classify_mixed(case["neuroendocrine_percent"]).is_minen,
    ),
    "t_category": _Kind(
        "What is the AJCC 8th T category?",
        'a T category such as "T2"',
        ("size_cm", "invades"),
        (),
        parse_t,
        _mark_t,
        lambda case: staging.t_category(case["size_cm"], case["invades"]),
    ),
    "stage": _Kind(
        "What is the AJCC 8th stage group?",
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
        raise _fail(path, where, f"an exercise must be a mapping of fields, got {raw!r}")
    exercise_id = str(raw.get("id") or "").strip()
    if not exercise_id:
        raise _fail(path, where, "missing field 'id'")
    where = f"exercise '{exercise_id}'"
    kind_name = raw.get("kind")
    if kind_name not in _KINDS:
        raise _fail(path, where, f"field 'kind' must be one of {sorted(_KINDS)}; got {kind_name!r}")
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
            raise _fail(path, where, f"field '{name}' ({value!r}) does not appear in the report")
    return Exercise(
        id=exercise_id,
        lesson=lesson,
        question=kind.question,
        answer_form=kind.answer_form,
        expected=lambda: kind.expected(case),
        parse=kind.parse,
        mark=lambda given: kind.mark(case, given),
        report=report,
    )


def load_exercise_file(path: str | Path) -> list[Exercise]:
    """Load and validate one exercise file; raise :class:`ExerciseFileError` naming the problem.

    >>> [e.id for e in load_exercise_file(EXERCISES_DIR / "01_classification_and_staging.yaml")][:2]
    ['grade-1', 'grade-2']
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ExerciseFileError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or set(data) != {"lesson", "exercises"}:
        raise ExerciseFileError(f"{path.name}: the file must hold exactly 'lesson' and 'exercises'")
    if data["lesson"] != path.stem:
        raise ExerciseFileError(
            f"{path.name}: field 'lesson' is {data['lesson']!r} but must match the file name "
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


# --- Registry and the learner-facing check --------------------------------------------------


def _load_folder(folder: Path) -> dict[str, Exercise]:
    registry: dict[str, Exercise] = {}
    for path in sorted(folder.glob("*.yaml")):
        for item in load_exercise_file(path):
            if item.id in registry:
                raise _fail(path, f"exercise '{item.id}'", "duplicate id across exercise files")
            registry[item.id] = item
    return registry


@lru_cache(maxsize=1)
def _registry() -> dict[str, Exercise]:
    return _load_folder(EXERCISES_DIR)


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
    """
    registry = _registry()
    if not isinstance(exercise_id, str) or exercise_id not in registry:
        return Feedback(
            None,
            f"There is no exercise {exercise_id!r}. Check the id in the exercise cell "
            f"(ids look like {', '.join(list(registry)[:3])}).",
        )
    item = registry[exercise_id]
    if _is_blank(answer):
        return Feedback(None, NOT_ANSWERED)
    try:
        given = item.parse(answer)
    except (ValueError, TypeError) as exc:
        return Feedback(None, str(exc))
    return item.mark(given)
