"""The quiz bank: questions as YAML data files, validated at load, drawn in a seeded order, scored.

One file per lesson, ``pannet_edu/data/questions/NN_lesson_name.yaml``, holds the lesson's
multiple-choice and short-answer questions (the schema is in ``exercises/README.md``). An
instructor edits these files without Python; a mistake in one raises :class:`QuestionFileError`
naming the file, the question and the field.

>>> q = questions("01_classification_and_staging")[0]
>>> q.lesson
'01_classification_and_staging'
>>> score(q.id, None).status
'not answered'
"""

from __future__ import annotations

import math
import operator
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from numbers import Real
from pathlib import Path

from . import _datafile
from ._validate import is_boolean, parse_number, short_repr
from .feedback import Feedback

#: Where the package's own question files live (``$PANNET_EDU_DATA_DIR/questions`` if set).
QUESTIONS_DIR = Path(__file__).resolve().parent / "data" / "questions"


def questions_dir() -> Path:
    """The folder the default bank is read from (``questions/`` in the data folder)."""
    return _datafile.data_dir() / "questions"

KINDS = ("multiple_choice", "short_answer")
#: A multiple-choice question offers this many options (inclusive range).
MIN_OPTIONS, MAX_OPTIONS = 3, 5
LETTERS = "ABCDE"

_TOP_FIELDS = {"lesson", "questions"}
_COMMON_FIELDS = {"id", "kind", "prompt", "reference"}
_KIND_FIELDS = {
    "multiple_choice": _COMMON_FIELDS | {"options"},
    "short_answer": _COMMON_FIELDS | {"accepted", "explanation"},
}
_OPTION_FIELDS = {"text", "correct", "explanation"}


class QuestionFileError(ValueError):
    """A question file breaks the schema; the message names the file, the question and the field."""


@dataclass(frozen=True)
class Option:
    """One option of a multiple-choice question, with why it is right or wrong."""

    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Question:
    """A validated question.

    ``options`` is filled for multiple choice; ``accepted`` and ``explanation`` for short answer.
    """

    id: str
    lesson: str
    kind: str
    prompt: str
    reference: str
    options: tuple[Option, ...] = ()
    accepted: tuple[str, ...] = ()
    explanation: str = ""

    @property
    def answer(self) -> str:
        """The correct answer as a learner would read it (``"B. ..."`` or the first accepted).

        >>> questions("01_classification_and_staging")[0].answer[:3] in {"A. ", "B. ", "C. ",
        ...                                                               "D. ", "E. "}
        True
        """
        if self.kind == "short_answer":
            return self.accepted[0]
        index = next(i for i, option in enumerate(self.options) if option.correct)
        return f"{LETTERS[index]}. {self.options[index].text}"

    @property
    def key(self) -> str:
        """The answer as :func:`score` takes it: the option letter, or the first accepted text.

        >>> score("cls-01", load_bank()["cls-01"].key).correct
        True
        """
        return self.answer if self.kind == "short_answer" else self.answer[0]

    def choices(self) -> list[str]:
        """The options labelled with letters, as shown to a learner (empty for short answer)."""
        return [f"{LETTERS[i]}. {option.text}" for i, option in enumerate(self.options)]


# --- Loading and validation -----------------------------------------------------------------


def _fail(path: Path, where: str, message: str) -> QuestionFileError:
    return QuestionFileError(f"{path.name}: {where}: {message}")


def _text(path: Path, where: str, mapping: dict, field: str) -> str:
    value = mapping.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail(path, where, f"missing field '{field}'")
    if not isinstance(value, str):
        raise _fail(path, where, f"field '{field}' must be text, got {short_repr(value)}")
    return " ".join(value.split())


def _check_fields(path: Path, where: str, mapping: dict, allowed: set[str], hint: str) -> None:
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        names = ", ".join(repr(f) for f in unknown)
        raise _fail(path, where, f"unknown field {names} ({hint}; allowed: {sorted(allowed)})")


def _options(path: Path, where: str, raw: object) -> tuple[Option, ...]:
    if not isinstance(raw, list):
        raise _fail(path, where, "missing field 'options' (a list of 3-5 options)")
    if not MIN_OPTIONS <= len(raw) <= MAX_OPTIONS:
        raise _fail(
            path,
            where,
            f"field 'options' needs {MIN_OPTIONS}-{MAX_OPTIONS} options, has {len(raw)}",
        )
    options = []
    for number, item in enumerate(raw, start=1):
        at = f"{where}, option {number}"
        if not isinstance(item, dict):
            raise _fail(path, at, "each option must have text, correct, explanation; got "
                        f"{short_repr(item)}")
        _check_fields(path, at, item, _OPTION_FIELDS, "an option has text, correct, explanation")
        text = _text(path, at, item, "text")
        correct = item.get("correct")
        if not isinstance(correct, bool):
            raise _fail(path, at,
                        f"field 'correct' must be true or false, got {short_repr(correct)}")
        explanation = _text(path, at, item, "explanation")
        options.append(Option(text, correct, explanation))
    texts = [o.text.casefold() for o in options]
    if len(set(texts)) != len(texts):
        raise _fail(path, where, "field 'options' repeats an option text")
    n_correct = sum(o.correct for o in options)
    if n_correct != 1:
        problem = "no option is marked" if n_correct == 0 else f"{n_correct} options are marked"
        raise _fail(
            path,
            where,
            f"field 'options': {problem} correct: true; exactly one must be the answer",
        )
    return tuple(options)


def _accepted(path: Path, where: str, raw: object) -> tuple[str, ...]:
    if raw is None:
        raise _fail(path, where, "missing field 'accepted' (the list of accepted answers)")
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise _fail(path, where, "field 'accepted' must be a non-empty list of answers")
    answers = []
    for item in raw:
        readable = isinstance(item, str | int | float) and not isinstance(item, bool)
        if isinstance(item, float) and not math.isfinite(item):
            raise _fail(path, where, f"field 'accepted' holds {item!r}, not an answer a learner "
                        "can give (write the number itself)")
        if not readable or not str(item).strip():
            raise _fail(path, where, "field 'accepted' holds a blank or non-text answer: "
                        f"{short_repr(item)}")
        answers.append(str(item).strip())
    return tuple(answers)


def _question(path: Path, lesson: str, number: int, raw: object) -> Question:
    where = f"question {number}"
    if not isinstance(raw, dict):
        raise _fail(path, where, f"a question must be a mapping of fields, got {short_repr(raw)}")
    qid = raw.get("id")
    if qid is None or not str(qid).strip():
        raise _fail(path, where, "missing field 'id'")
    if not isinstance(qid, str | int) or isinstance(qid, bool):
        raise _fail(path, where, f"field 'id' must be text such as cls-01, got {short_repr(qid)}")
    qid = str(qid).strip()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", qid, re.ASCII):
        raise _fail(path, f"question '{short_repr(qid, 30)}'", "field 'id' must be letters, "
                    "digits, '-', '_' or '.' (such as cls-01)")
    where = f"question '{qid}'"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(path, where,
                    f"field 'kind' must be one of {', '.join(KINDS)}; got {short_repr(kind)}")
    hint = (
        "mark the answer with correct: true on one option"
        if kind == "multiple_choice"
        else "a short answer has accepted and explanation"
    )
    _check_fields(path, where, raw, _KIND_FIELDS[kind], hint)
    prompt = _text(path, where, raw, "prompt")
    reference = _text(path, where, raw, "reference")
    if kind == "multiple_choice":
        return Question(
            qid, lesson, kind, prompt, reference, options=_options(path, where, raw.get("options"))
        )
    return Question(
        qid,
        lesson,
        kind,
        prompt,
        reference,
        accepted=_accepted(path, where, raw.get("accepted")),
        explanation=_text(path, where, raw, "explanation"),
    )


def load_file(path: str | Path) -> list[Question]:
    """Load and validate one question file; raise :class:`QuestionFileError` on any mistake.

    >>> len(load_file(QUESTIONS_DIR / "01_classification_and_staging.yaml")) >= 8
    True
    """
    path = Path(path)
    try:
        data = _datafile.load_yaml(path)
    except _datafile.DataFileError as exc:
        raise QuestionFileError(str(exc)) from None
    if data is None:
        raise QuestionFileError(f"{path.name}: the file is empty (it must hold 'lesson' and "
                                "'questions')")
    if not isinstance(data, dict):
        raise QuestionFileError(f"{path.name}: the file must hold 'lesson' and 'questions'")
    unknown = sorted(set(data) - _TOP_FIELDS)
    if unknown:
        raise QuestionFileError(
            f"{path.name}: unknown top-level field {unknown}; allowed: lesson, questions"
        )
    lesson = data.get("lesson")
    if lesson != path.stem:
        raise QuestionFileError(
            f"{path.name}: field 'lesson' is {short_repr(lesson)} but must match the file name "
            f"{path.stem!r} (the lesson notebook's name)"
        )
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise QuestionFileError(f"{path.name}: field 'questions' must be a non-empty list")
    loaded = [_question(path, lesson, i, raw) for i, raw in enumerate(raw_questions, start=1)]
    seen: set[str] = set()
    for question in loaded:
        if question.id in seen:
            raise _fail(path, f"question '{question.id}'", "duplicate id within this file")
        seen.add(question.id)
    return loaded


def load_bank(folder: str | Path | None = None) -> dict[str, Question]:
    """Every question in a folder of question files, by id; ids must be unique across files.

    ``folder`` defaults to the package's own bank. Loads are cached per file version: an edited
    question file is read again on the next call (as :func:`~pannet_edu.evidence.trials` does).
    A folder that does not exist or holds no question files raises :class:`QuestionFileError`.

    >>> bank = load_bank()
    >>> all(q.id == qid for qid, q in bank.items())
    True
    >>> load_bank("/no/such/folder")
    Traceback (most recent call last):
    ...
    pannet_edu.quiz.QuestionFileError: /no/such/folder: no such folder of question files
    """
    if folder is None:
        folder = questions_dir()
    elif not isinstance(folder, str | Path) or not str(folder).strip():
        raise TypeError(f"folder must be a folder path (str or Path), got {short_repr(folder)}")
    folder = Path(folder)
    return dict(_load_folder_cached(folder.resolve(), _datafile.folder_stamp(folder)))


@lru_cache(maxsize=8)
def _load_folder_cached(folder: Path, _stamp: tuple) -> dict[str, Question]:
    return _load_folder(folder)


def _load_folder(folder: Path) -> dict[str, Question]:
    if not folder.is_dir():
        kind = "is a file, not a folder" if folder.exists() else "no such folder"
        raise QuestionFileError(f"{folder}: {kind} of question files")
    if not any(folder.glob("*.yaml")):
        raise QuestionFileError(f"{folder}: holds no question files (*.yaml)")
    bank: dict[str, Question] = {}
    for path in sorted(folder.glob("*.yaml")):
        for question in load_file(path):
            if question.id in bank:
                raise _fail(
                    path,
                    f"question '{question.id}'",
                    f"duplicate id: already used in {bank[question.id].lesson}.yaml",
                )
            bank[question.id] = question
    return bank


# --- Public API -----------------------------------------------------------------------------


def lessons(folder: str | Path | None = None) -> list[str]:
    """The lessons that have questions, in order.

    >>> "01_classification_and_staging" in lessons()
    True
    """
    return sorted({q.lesson for q in load_bank(folder).values()})


def _check_lesson(lesson: object, folder: str | Path | None) -> str | None:
    if lesson is None:
        return None
    known = lessons(folder)
    if not isinstance(lesson, str) or lesson not in known:
        raise ValueError(
            f"lesson must be None (all lessons) or one of {known}; got {short_repr(lesson)}"
        )
    return lesson


def questions(lesson: str | None = None, folder: str | Path | None = None) -> list[Question]:
    """The questions of one lesson, or of every lesson when ``lesson`` is ``None``, in file order.

    >>> {q.kind for q in questions("01_classification_and_staging")} == set(KINDS)
    True
    >>> questions("99_nothing")
    Traceback (most recent call last):
    ...
    ValueError: lesson must be None (all lessons) or one of [...]; got '99_nothing'
    """
    lesson = _check_lesson(lesson, folder)
    return [q for q in load_bank(folder).values() if lesson is None or q.lesson == lesson]


def table(lesson: str | None = None, folder: str | Path | None = None):
    """The bank as a DataFrame for instructors: one row per question with its answer and source.

    >>> frame = table("01_classification_and_staging")
    >>> list(frame.columns)
    ['lesson', 'kind', 'prompt', 'answer', 'reference']
    >>> frame.loc["cls-01", "answer"]
    'C. NET G3'
    """
    import pandas as pd  # only instructors' tables need pandas

    rows = [
        {
            "id": q.id,
            "lesson": q.lesson,
            "kind": q.kind,
            "prompt": q.prompt,
            "answer": q.answer,
            "reference": q.reference,
        }
        for q in questions(lesson, folder)
    ]
    return pd.DataFrame(rows).set_index("id").astype("string")


def draw(
    lesson: str | None = None,
    n: int | None = None,
    seed: int = 0,
    folder: str | Path | None = None,
) -> list[Question]:
    """``n`` questions (all when ``None``) in an order fixed by ``seed``.

    The same seed gives the same sequence on every machine, so a class can share one quiz.

    >>> a = [q.id for q in draw("01_classification_and_staging", n=3, seed=7)]
    >>> a == [q.id for q in draw("01_classification_and_staging", n=3, seed=7)]
    True
    """
    pool = questions(lesson, folder)
    if _whole(seed) is None:
        raise TypeError(f"seed must be a whole number, got {short_repr(seed)}")
    seed = _whole(seed)
    if n is None:
        n = len(pool)
    whole = _whole(n)
    if whole is None or not 1 <= whole <= len(pool):
        raise ValueError(
            f"n must be a whole number from 1 to {len(pool)} (or None), got {short_repr(n)}"
        )
    n = whole
    return random.Random(seed).sample(pool, n)


def _whole(value: object) -> int | None:
    """``value`` as an int (numpy integers too), or ``None`` for bools and non-integers."""
    if is_boolean(value):
        return None
    try:
        return operator.index(value)
    except TypeError:
        return None


_VERDICT_OPENER = re.compile(r"^(right|correct|yes|no|wrong)[.!:,]\s*", re.IGNORECASE)


def _normalise(text: str) -> str:
    """Case-, space- and width-insensitive form of a short answer, without closing punctuation.

    ``"Gastrinoma."``, ``'"MDT"'`` and ``"ＭＤＴ"`` (full-width letters) read as typed plainly.

    >>> _normalise(' "Gastrinoma." '), _normalise("ＭＤＴ"), _normalise("mm²")
    ('gastrinoma', 'mdt', 'mm2')
    """
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text).casefold()
    return text.strip("\"'“”‘’`").rstrip(".!;:,").strip("\"'“”‘’`")


def _pick_option(question: Question, answer: object) -> int | None:
    """Index of the chosen option from a letter ('B'), a labelled choice ('B. text') or the text."""
    if isinstance(answer, bool) or not isinstance(answer, str):
        return None
    text = " ".join(answer.split()).strip("\"'“”‘’`")
    letters = LETTERS[: len(question.options)]
    # "B", "b", "B.", "B)", "(B)", "option B"
    letter = re.fullmatch(r"(?:option\s*)?\(?([A-Za-z])[.)]?", text, re.IGNORECASE)
    if letter and letter.group(1).upper() in letters:
        return letters.index(letter.group(1).upper())
    for i, label in enumerate(question.choices()):
        if text.casefold() == label.casefold():
            return i
    for i, option in enumerate(question.options):
        if text.casefold() == option.text.casefold():
            return i
    return None


def score(question_id: str, answer: object) -> Feedback:
    """Mark one answer and explain; never raises at a learner.

    Multiple choice takes the option letter (``"B"``) or its text; short answer takes text and
    ignores case and spaces. A numeric key is compared as a number, so ``"500.0"``, ``"5e2"``,
    ``" 500 "`` and ``500`` all match a key of 500, and ``"1,000"`` a key of 1000 (a unit after the
    number must match the key's: ``"10.0 mg"`` matches ``"10 mg"``). Nothing, a placeholder or an
    unreadable answer gets a message.

    >>> q = questions("01_classification_and_staging")[0]
    >>> score(q.id, q.answer[0]).correct
    True
    >>> score(q.id, 42).message
    'Answer with the letter of one option (A-...).'
    >>> score("no-such-id", "A").message
    "There is no question 'no-such-id' in the bank."
    >>> score("cls-04", "500.0").correct, score("cls-04", "5e2").correct
    (True, True)
    """
    question = load_bank().get(question_id) if isinstance(question_id, str) else None
    if question is None:
        return Feedback(None, f"There is no question {short_repr(question_id)} in the bank.")
    try:
        if answer is None or answer is Ellipsis or (isinstance(answer, str)
                                                    and not answer.strip()):
            return Feedback(None, "Choose or type an answer first.")
        if question.kind == "multiple_choice":
            return _score_choice(question, answer)
        return _score_short(question, answer)
    except Exception:  # an answer object that breaks when read: a message, never a traceback
        return Feedback(None, "This answer could not be read. Type it as a short piece of text.")


def _score_choice(question: Question, answer: object) -> Feedback:
    letters = LETTERS[: len(question.options)]
    index = _pick_option(question, answer)
    if index is None:
        return Feedback(None, f"Answer with the letter of one option ({letters[0]}-{letters[-1]}).")
    chosen = question.options[index]
    if chosen.correct:
        why = _VERDICT_OPENER.sub("", chosen.explanation)
        return Feedback(True, f"You chose {letters[index]}. {why}", question.reference)
    right = next(o for o in question.options if o.correct)
    # Option explanations usually open with "Right." / "No."; the feedback heading already says
    # so, so the opener is dropped.
    why_wrong = _VERDICT_OPENER.sub("", chosen.explanation)
    why_right = _VERDICT_OPENER.sub("", right.explanation)
    return Feedback(
        False,
        f"You chose {letters[index]}. {why_wrong} The answer is {question.answer}: {why_right}",
        question.reference,
    )


_NUMBER_AND_UNIT = re.compile(r"\s*(?P<number>[-+]?[0-9.,]+(?:[eE][-+]?[0-9]+)?)\s*(?P<unit>.*)")


def _numeric(text: str) -> tuple[float, str] | None:
    """``"10.0 mg"`` -> ``(10.0, "mg")``; ``None`` when the text does not start with a number."""
    match = _NUMBER_AND_UNIT.fullmatch(text)
    if not match:
        return None
    try:
        value = parse_number("answer", match.group("number"))
    except ValueError:
        return None
    return value, _normalise(match.group("unit"))


def _same_number(given: tuple[float, str], key: tuple[float, str]) -> bool:
    return given[1] == key[1] and math.isclose(given[0], key[0], rel_tol=1e-9, abs_tol=0.0)


def _score_short(question: Question, answer: object) -> Feedback:
    if is_boolean(answer) or not isinstance(answer, str | Real):
        return Feedback(None, "Type your answer as a short piece of text.")
    if isinstance(answer, Real) and not isinstance(answer, int):
        value = float(answer)
        if not math.isfinite(value):
            return Feedback(None, "Type your answer as a number (this one is missing or "
                            "infinite) or as a short piece of text.")
        answer = repr(value)
    text = str(answer) if not isinstance(answer, str) else answer
    given = _normalise(text)
    right = given in {_normalise(a) for a in question.accepted}
    number = _numeric(text) if not right and len(text) < 60 else None
    if number is not None:
        keys = (_numeric(a) for a in question.accepted)
        right = any(key is not None and _same_number(number, key) for key in keys)
    if right:
        return Feedback(True, question.explanation, question.reference)
    shown = " ".join(text.split())
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return Feedback(
        False,
        f"'{shown}' is not the expected answer ({question.answer}). "
        f"{question.explanation}",
        question.reference,
    )
