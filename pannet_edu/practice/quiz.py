"""The quiz bank: questions as YAML data files, validated at load, drawn in a seeded order, scored.

One file per lesson, ``pannet_edu/data/questions/NN_lesson_name.yaml``, holds the lesson's
multiple-choice and short-answer questions (the schema is in ``exercises/README.md``). An
instructor edits these files without Python; a mistake in one raises :class:`ContentError`
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
from numbers import Real
from pathlib import Path

from ..content.fields import is_boolean, parse_number, short_repr
from ..vocab import QUESTION_KINDS as KINDS
from .feedback import Feedback
from .question_bank import (
    LETTERS,
    MAX_OPTIONS,
    MIN_OPTIONS,
    QUESTIONS_DIR,
    Option,
    Question,
    answers_match,
    load_bank,
    load_file,
    normalise_answer,
    pick_option,
    questions_dir,
)

__all__ = [
    "KINDS",
    "LETTERS",
    "MAX_OPTIONS",
    "MIN_OPTIONS",
    "QUESTIONS_DIR",
    "Option",
    "Question",
    "draw",
    "lessons",
    "load_bank",
    "load_file",
    "questions",
    "questions_dir",
    "score",
    "table",
]


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


def _pick_option(question: Question, answer: object) -> int | None:
    """Index of the chosen option from a letter ('B'), a labelled choice ('B. text') or the text."""
    return pick_option(question.options, answer)


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
    return value, normalise_answer(match.group("unit"))


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
    # Hyphens and spaces inside a name do not matter ("NETTER 3" is "NETTER-3"); an answer of
    # punctuation alone is never right.
    right = answers_match(text, question.accepted)
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
