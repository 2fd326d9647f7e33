"""The exercise registry: the exercise files are read, validated and looked up here, and
``check(exercise_id, answer)`` marks an answer without ever raising at a learner.

Each entry of ``pannet_edu/data/exercises/*.yaml`` names its ``kind``; the kind (one module per
kind in this package) says which fields the entry takes, asks the question, computes the key from
the package's own logic and marks the answer. A file that breaks the schema raises
:class:`~pannet_edu.content.ContentError` naming the file, the exercise and the field.

>>> exercise("trials-4").answer_form
'a number of months, e.g. 3.2'
>>> sorted(KINDS)[:3]
['before_starting', 'grade', 'minen']
"""

from __future__ import annotations

import re
from pathlib import Path

from ...content import ContentError
from ...content import reader as _datafile
from ...content.fields import short_repr
from ...content.kinds import EXERCISE
from ...content.schema import validate
from .. import answer_hints
from ..attempts import record_exercise
from ..feedback import Feedback
from ..files import entry_id, read_yaml
from . import (
    before_starting,
    grade,
    minen,
    poor_fit,
    sequencing,
    sstr_reading,
    stage,
    t_category,
    trial_query,
)
from .answers import _is_blank
from .model import FIELD_PROBLEM_FILE, NOT_ANSWERED, Exercise, Kind

__all__ = [
    "EXERCISES_DIR",
    "KINDS",
    "check",
    "exercise",
    "exercises",
    "exercises_dir",
    "load_exercise_file",
]

#: Where the package's own exercise files live (``$PANNET_EDU_DATA_DIR/exercises`` if set).
EXERCISES_DIR = _datafile.PACKAGE_DATA_DIR / "exercises"
#: A feedback message longer than this is cut (an answer's text is quoted in it).
MAX_MESSAGE_CHARS = 600

# In a notebook, an answer typed without quotes gets "put it in quotes", not a Python error.
answer_hints.register()

#: Every kind an exercise entry may name, each from its own module.
KINDS: dict[str, Kind] = {
    "poor_fit": poor_fit.KIND,
    "sequencing": sequencing.KIND,
    "sstr_reading": sstr_reading.KIND,
    "before_starting": before_starting.KIND,
    "grade": grade.KIND,
    "minen": minen.KIND,
    "t_category": t_category.KIND,
    "stage": stage.KIND,
    "trial_query": trial_query.KIND,
}


# --- Loading and validating one exercise file -------------------------------------------------


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


#: The package's own name for an entry field, where its messages use another one.
_ENGINE_NAMES = {"lesion_scores": "krenning_scores", "ki67": "ki67_percent",
                 "mitoses": "mitoses_per_2mm2"}  # fmt: skip


def _culprit(message: str, case: dict) -> str:
    """The entry field a logic function's message opens with (``"sstr must be ..."``), if any.

    >>> _culprit("lesion_scores must be a list", {"krenning_scores": "three"})
    'krenning_scores'
    >>> _culprit("no therapy has the verdict 'preferred'", {"ask": "preferred"})
    '(fields)'
    """
    first = re.match(r"[a-z0-9_]+", message)
    name = _ENGINE_NAMES.get(first.group(), first.group()) if first else ""
    return name if name in case else "(fields)"


def _case(path: Path, lesson: str, number: int, raw: object) -> Exercise:
    where = f"#{number}"
    if not isinstance(raw, dict):
        raise ContentError(path, where, "(entry)",
                           f"an exercise must be a mapping of fields, got {short_repr(raw)}")
    exercise_id = where = entry_id(path, where, raw.get("id"), "grade-1")
    # Shape, types and allowed values: the exercise kind's declaration (content/kinds.py); what
    # follows is what it cannot say (the fields each kind takes, the key, the report's numbers).
    validate(EXERCISE, path, exercise_id, raw)
    kind_name = raw.get("kind")
    if kind_name not in KINDS:
        raise ContentError(path, where, "kind",
                           f"must be one of {sorted(KINDS)}; got {short_repr(kind_name)}")
    kind = KINDS[kind_name]
    allowed = {"id", "kind", *kind.required, *kind.optional}
    if kind.needs_report:
        allowed.add("report")
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ContentError(path, where, unknown[0], f"unknown field(s) {unknown}; a {kind_name} "
                           f"has {sorted(allowed)}")
    report = raw.get("report", "")
    if kind.needs_report and not report:
        raise ContentError(path, where, "report",
                           "missing field 'report' (the text the learner reads)")
    report = " ".join(str(report).split())
    for name in kind.required:
        if name not in raw:
            raise ContentError(path, where, name, f"missing field '{name}'")
    case = {key: value for key, value in raw.items() if key not in ("id", "kind")}
    case["report"] = report
    try:
        kind.expected(case)  # the package's own checks name the bad field
    except ContentError as exc:
        if exc.file != FIELD_PROBLEM_FILE:  # a data file's own problem says where it is
            raise
        raise ContentError(path, where, exc.field, exc.problem) from None
    except (ValueError, TypeError, KeyError) as exc:
        raise ContentError(path, where, _culprit(str(exc), case),
                           f"the fields do not make a valid case: {exc}") from None
    for name in _MENTIONED_FIELDS & set(case):
        value = case[name]
        values = value if isinstance(value, list) else [value]
        if not all(_mentioned(report, v) for v in values):
            raise ContentError(path, where, name, f"field '{name}' ({short_repr(value)}) does "
                               "not appear in the report")
    return Exercise(
        id=exercise_id,
        lesson=lesson,
        question=kind.question(case),
        answer_form=kind.form(case),
        expected=lambda: kind.expected(case),
        parse=kind.parser(case),
        mark=lambda given: kind.mark(case, given),
        report=report,
        any_one_of=kind.any_one_of,
    )


def load_exercise_file(path: str | Path) -> list[Exercise]:
    """Load and validate one exercise file; raise :class:`~pannet_edu.content.ContentError`
    naming the file, the exercise and the field.

    >>> [e.id for e in load_exercise_file(EXERCISES_DIR / "01_classification_and_staging.yaml")][:2]
    ['grade-1', 'grade-2']
    """
    path = Path(path)
    data = read_yaml(path)
    if data is None:
        raise ContentError(path, "(file)", "(top level)",
                           "the file is empty (it must hold 'lesson' and 'exercises')")
    if not isinstance(data, dict) or set(data) != {"lesson", "exercises"}:
        raise ContentError(path, "(file)", "(top level)",
                           "the file must hold exactly 'lesson' and 'exercises'")
    if data["lesson"] != path.stem:
        raise ContentError(path, "(file)", "(lesson)", f"field 'lesson' is "
                           f"{short_repr(data['lesson'])} but must match the file name "
                           f"{short_repr(path.stem)}")
    raw = data["exercises"]
    if not isinstance(raw, list) or not raw:
        raise ContentError(path, "(file)", "(exercises)",
                           "field 'exercises' must be a non-empty list")
    loaded = [_case(path, path.stem, i, entry) for i, entry in enumerate(raw, start=1)]
    ids = [e.id for e in loaded]
    for exercise_id in ids:
        if ids.count(exercise_id) > 1:
            raise ContentError(path, exercise_id, "id", "duplicate id")
    return loaded


# --- The registry and the learner-facing check -------------------------------------------------


def _load_folder(folder: Path) -> dict[str, Exercise]:
    registry: dict[str, Exercise] = {}
    for path in sorted(folder.glob("*.yaml")):
        for item in load_exercise_file(path):
            if item.id in registry:
                raise ContentError(path, item.id, "id", "duplicate id across exercise files")
            registry[item.id] = item
    return registry


def exercises_dir() -> Path:
    """The folder the exercise files are read from: ``exercises/`` in the data folder.

    >>> exercises_dir().name
    'exercises'
    """
    return _datafile.data_dir() / "exercises"


def _registry() -> dict[str, Exercise]:
    """Every exercise, read through the loaders' one cache: again when an exercise file or the
    data they read (trials, catalogue, labels, evidence scope, sources) changes."""
    folder = exercises_dir()
    data = _datafile.data_dir()
    also = [data / name for name in ("trials.csv", "therapies.yaml", "label_figures.csv",
                                     "evidence_scope.yaml", "sources.yaml")]
    return _datafile.cached(_registry_of, folder, *_datafile.folder_files(folder), *also)


def _registry_of(folder: Path) -> dict[str, Exercise]:
    if not folder.is_dir():
        raise ContentError("exercises", str(folder), "(folder)", "no such folder of exercise files")
    return _load_folder(folder)


def exercises(lesson: str | None = None) -> list[Exercise]:
    """Every exercise, or those of one lesson, in file order.

    >>> [e.id for e in exercises("01_classification_and_staging")][-1]
    'stage-3'
    """
    items = list(_registry().values())
    known = sorted({e.lesson for e in items})
    if lesson is not None and lesson not in known:
        raise ValueError(f"lesson must be None or one of {known}; got {short_repr(lesson)}")
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
    if not isinstance(exercise_id, str):  # an id object that cannot be hashed or compared
        raise TypeError(f"exercise_id must be text such as 'grade-1', got "
                        f"{type(exercise_id).__name__}")
    if exercise_id not in registry:
        raise ValueError(f"exercise_id must be one of {sorted(registry)}; got "
                         f"{short_repr(exercise_id)}")
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
        result = item.mark(given)
        record_exercise(item, given, result)  # the learner's own record (in a kernel only)
        return result
    except Exception:  # an answer object that breaks when read (its repr, len or iteration)
        return Feedback(
            None,
            f"Your answer could not be read. Give it in the form asked for: {item.answer_form}.",
        )


def _cut(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[: MAX_MESSAGE_CHARS - 3] + "..."
