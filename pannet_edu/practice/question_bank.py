"""The question files: one YAML file per lesson, validated at load, cached per file version.

One file per lesson, ``pannet_edu/data/questions/NN_lesson_name.yaml``, holds the lesson's
multiple-choice and short-answer questions (the schema is in ``exercises/README.md``). An
instructor edits these files without Python; a mistake in one raises
:class:`~pannet_edu.content.ContentError` naming the file, the question and the field.

>>> bank = load_bank()
>>> bank["cls-01"].lesson
'01_classification_and_staging'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..content import ContentError
from ..content import reader as _datafile
from ..content.fields import short_repr
from ..content.kinds import QUESTION
from ..content.schema import validate
from ..content.sources import check_cites_by_id, cite_text, cited_ids, sources_file
from .files import entry_id, read_yaml

#: Where the package's own question files live (``$PANNET_EDU_DATA_DIR/questions`` if set).
QUESTIONS_DIR = _datafile.PACKAGE_DATA_DIR / "questions"


def questions_dir() -> Path:
    """The folder the default bank is read from (``questions/`` in the data folder).

    >>> questions_dir().name
    'questions'
    """
    return _datafile.data_dir() / "questions"


#: A multiple-choice question offers this many options (inclusive range).
MIN_OPTIONS, MAX_OPTIONS = 3, 5
LETTERS = "ABCDE"

_TOP_FIELDS = {"lesson", "questions"}
_COMMON_FIELDS = {"id", "kind", "prompt", "reference"}
_KIND_FIELDS = {
    "multiple_choice": _COMMON_FIELDS | {"options"},
    "short_answer": _COMMON_FIELDS | {"accepted", "explanation"},
}


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
    #: the ids of ``sources.yaml`` its reference cites (``[@ID]``), in order
    sources: tuple[str, ...] = ()

    @property
    def answer(self) -> str:
        """The correct answer as a learner would read it (``"B. ..."`` or the first accepted).

        >>> load_bank()["cls-01"].answer
        'C. NET G3'
        """
        if self.kind == "short_answer":
            return self.accepted[0]
        index = next(i for i, option in enumerate(self.options) if option.correct)
        return f"{LETTERS[index]}. {self.options[index].text}"

    @property
    def key(self) -> str:
        """The answer as :func:`score` takes it: the option letter, or the first accepted text.

        >>> load_bank()["cls-01"].key
        'C'
        """
        return self.answer if self.kind == "short_answer" else self.answer[0]

    def choices(self) -> list[str]:
        """The options labelled with letters, as shown to a learner (empty for short answer)."""
        return [f"{LETTERS[i]}. {option.text}" for i, option in enumerate(self.options)]


# --- Loading and validation -----------------------------------------------------------------


def _fail(path: Path, entry: str, field: str, problem: str) -> ContentError:
    """The error for one question file: file, question (``"q-2"``, ``"#3"``), field, problem."""
    return ContentError(path, entry, field, problem)


def _text(path: Path, where: str, mapping: dict, field: str) -> str:
    value = mapping.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail(path, where, field, "missing (it must be non-empty text)")
    if not isinstance(value, str):
        raise _fail(path, where, field, f"must be text, got {short_repr(value)}")
    return " ".join(value.split())


def _check_fields(path: Path, where: str, given: set[str], allowed: set[str], hint: str) -> None:
    unknown = sorted(given - allowed)
    if unknown:
        names = ", ".join(repr(f) for f in unknown)
        raise _fail(path, where, unknown[0],
                    f"unknown field {names} ({hint}; allowed: {sorted(allowed)})")


def _options(path: Path, where: str, raw: list[dict]) -> tuple[Option, ...]:
    """The options of a multiple-choice question whose fields the declaration has checked."""
    return tuple(Option(" ".join(item["text"].split()), item["correct"],
                        " ".join(item["explanation"].split())) for item in raw)


@QUESTION.check
def _fields_of_its_kind(path, where: str, record) -> None:
    """A question holds the fields of its kind: options for multiple choice, accepted answers
    and an explanation for a short answer."""
    kind = record["kind"]
    hint = (
        "mark the answer with correct: true on one option"
        if kind == "multiple_choice"
        else "a short answer has accepted and explanation"
    )
    given = {name for name, value in record.items() if value is not None}
    _check_fields(path, where, given, _KIND_FIELDS[kind], hint)
    if kind == "multiple_choice" and record["options"] is None:
        raise _fail(path, where, "options", "missing (a list of 3-5 options)")
    if kind == "short_answer":
        _accepted(path, where, record["accepted"])
        _text(path, where, record, "explanation")


@QUESTION.check
def _one_right_option(path, where: str, record) -> None:
    """A multiple-choice question offers 3-5 different options, exactly one marked correct."""
    raw = record["options"]
    if record["kind"] != "multiple_choice" or raw is None:
        return
    if not MIN_OPTIONS <= len(raw) <= MAX_OPTIONS:
        raise _fail(path, where, "options",
                    f"needs {MIN_OPTIONS}-{MAX_OPTIONS} options, has {len(raw)}")
    texts = [" ".join(o["text"].split()).casefold() for o in raw]
    if len(set(texts)) != len(texts):
        raise _fail(path, where, "options", "repeats an option text")
    n_correct = sum(bool(o["correct"]) for o in raw)
    if n_correct != 1:
        problem = "no option is marked" if n_correct == 0 else f"{n_correct} options are marked"
        raise _fail(path, where, "options",
                    f"{problem} correct: true; exactly one must be the answer")


def normalise_answer(text: str) -> str:
    """Case-, space- and width-insensitive form of a short answer, without closing punctuation.

    ``"Gastrinoma."``, ``'"MDT"'`` and ``"ＭＤＴ"`` (full-width letters) read as typed plainly; a
    decimal point or a minus sign inside an answer is kept ("1.5" is not "15").

    >>> normalise_answer(' "Gastrinoma." '), normalise_answer("ＭＤＴ"), normalise_answer("mm²")
    ('gastrinoma', 'mdt', 'mm2')
    >>> normalise_answer("-1.5"), normalise_answer("!")
    ('-1.5', '')
    """
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text).casefold()
    return text.strip("\"'“”‘’`").rstrip(".!;:,").strip("\"'“”‘’`")


_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212_"
#: Words a learner adds around a name without changing it ("the NETTER-3 trial").
_FILLER_BEFORE = ("the",)
_FILLER_AFTER = ("trial", "study")


def answer_key(text: str) -> str:
    """The form two short answers are compared in: :func:`normalise_answer`, without a leading
    "the" or a trailing "trial"/"study", and without hyphens, dashes and underscores except
    between two digits ("3-20" is a range) or as a minus sign before a number.

    So a trial name matches however a learner hyphenates or spaces it, while numbers stay exact.

    >>> answer_key("NETTER-3"), answer_key("netter 3"), answer_key("the NETTER–3 trial")
    ('netter3', 'netter3', 'netter3')
    >>> answer_key("177Lu-DOTATATE"), answer_key("3-20%"), answer_key("-1.5"), answer_key("1.5")
    ('177ludotatate', '3-20%', '-1.5', '1.5')
    >>> answer_key("the trial")  # a name is never trimmed away: one word always stays
    'trial'
    """
    words = unicodedata.normalize("NFKC", str(text)).split()
    trimmed = list(words)
    if len(trimmed) > 1 and trimmed[0].casefold() in _FILLER_BEFORE:
        trimmed = trimmed[1:]
    if len(trimmed) > 1 and trimmed[-1].casefold().rstrip(".!;:,") in _FILLER_AFTER:
        trimmed = trimmed[:-1]
    text = normalise_answer(" ".join(trimmed))
    if not has_letter_or_digit(text):
        text = normalise_answer(" ".join(words))
    out = []
    for i, character in enumerate(text):
        if character in _DASHES:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if not after.isdigit() or (before and not before.isdigit()):
                continue
            character = "-"
        out.append(character)
    return "".join(out)


def answers_match(given: str, accepted: tuple[str, ...] | list[str]) -> bool:
    """Whether a learner's short answer is one of the accepted answers (see :func:`answer_key`);
    punctuation alone never matches.

    >>> answers_match("Netter 3", ["NETTER-3"]), answers_match("NETTER-2", ["NETTER-3"])
    (True, False)
    >>> answers_match("15", ["1.5"]), answers_match("!", ["!"])
    (False, False)
    """
    if not has_letter_or_digit(given):
        return False
    key = answer_key(given)
    return any(key == answer_key(form) for form in accepted)


def pick_option(options: tuple[Option, ...] | list[Option], answer: object) -> int | None:
    """Index of the option a learner chose, from the forms learners write: a letter (``"B"``,
    ``"b"``, ``"B."``, ``"B)"``, ``"(B)"``, ``"option B"``), the labelled choice (``"B. text"``) or
    the option's text; ``None`` when the answer names no option.

    >>> opts = (Option("NET G1", False, "."), Option("NET G2", True, "."))
    >>> pick_option(opts, "(b)"), pick_option(opts, "option A"), pick_option(opts, "net g2")
    (1, 0, 1)
    >>> pick_option(opts, "C"), pick_option(opts, 2)
    (None, None)
    """
    if isinstance(answer, bool) or not isinstance(answer, str):
        return None
    text = " ".join(answer.split()).strip("\"'“”‘’`")
    letters = LETTERS[: len(options)]
    letter = re.fullmatch(r"(?:option\s*)?\(?([A-Za-z])[.)]?", text, re.IGNORECASE)
    if letter and letter.group(1).upper() in letters:
        return letters.index(letter.group(1).upper())
    for i, option in enumerate(options):
        if text.casefold() in (f"{letters[i]}. {option.text}".casefold(),
                               option.text.casefold()):
            return i
    return None


def has_letter_or_digit(answer: str) -> bool:
    """Whether an answer holds a letter or digit once normalised: punctuation alone ("!", "-",
    "...") is never an answer, so it can neither be accepted nor match one.

    >>> has_letter_or_digit("G2"), has_letter_or_digit(" -. "), has_letter_or_digit("“!”")
    (True, False, False)
    """
    return any(character.isalnum() for character in normalise_answer(answer))


def _accepted(path: Path, where: str, raw: object) -> tuple[str, ...]:
    """The accepted answers as written. Each must be quoted text: YAML reads an unquoted
    ``010`` as 8 and ``1:30`` as 90, so a number is refused rather than taken as something the
    author did not write; an answer of punctuation alone would make "!" right."""
    if raw is None:
        raise _fail(path, where, "accepted", "missing (the list of accepted answers)")
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise _fail(path, where, "accepted", "must be a non-empty list of answers")
    answers = []
    for number, item in enumerate(raw, start=1):
        if isinstance(item, int | float) and not isinstance(item, bool):
            raise _fail(path, where, "accepted", f"answer {number} is the number "
                        f"{short_repr(item)}: write every accepted answer in quotes (\"28\", "
                        "\"0.47\") so it is read as written (YAML reads 010 as 8 and 1:30 as 90)")
        if not isinstance(item, str) or not item.strip():
            raise _fail(path, where, "accepted",
                        f"holds a blank or non-text answer: {short_repr(item)}")
        if not has_letter_or_digit(item):
            raise _fail(path, where, "accepted", f"answer {number} ({short_repr(item)}) has no "
                        "letter or digit, so any punctuation would match it")
        answers.append(item.strip())
    return tuple(answers)


def _question(path: Path, lesson: str, number: int, raw: object) -> Question:
    where = f"question #{number}"
    if not isinstance(raw, dict):
        raise _fail(path, where, "(entry)",
                    f"a question must be a mapping of fields, got {short_repr(raw)}")
    qid = where = entry_id(path, where, raw.get("id"), "cls-01")
    raw = validate(QUESTION, path, where, raw)
    kind = raw["kind"]
    prompt = _text(path, where, raw, "prompt")
    written = _text(path, where, raw, "reference")
    check_cites_by_id(written, path, where, "reference")
    # Every PMID and DOI lives in sources.yaml: the reference cites them as [@ID].
    reference = cite_text(written, path, where, "reference")
    cited = tuple(cited_ids(written))
    if kind == "multiple_choice":
        return Question(
            qid, lesson, kind, prompt, reference, options=_options(path, where, raw["options"]),
            sources=cited,
        )
    return Question(
        qid,
        lesson,
        kind,
        prompt,
        reference,
        accepted=_accepted(path, where, raw.get("accepted")),
        explanation=_text(path, where, raw, "explanation"),
        sources=cited,
    )


def load_file(path: str | Path) -> list[Question]:
    """Load and validate one question file; raise :class:`~pannet_edu.content.ContentError`
    naming the file, the question and the field.

    >>> len(load_file(QUESTIONS_DIR / "01_classification_and_staging.yaml")) >= 8
    True
    """
    path = Path(path)
    data = read_yaml(path)
    if data is None:
        raise _fail(path, "(file)", "(top level)",
                    "the file is empty (it must hold 'lesson' and 'questions')")
    if not isinstance(data, dict):
        raise _fail(path, "(file)", "(top level)", "the file must hold 'lesson' and 'questions'")
    unknown = sorted(set(data) - _TOP_FIELDS)
    if unknown:
        raise _fail(path, "(file)", "(top level)",
                    f"unknown top-level field {unknown}; allowed: lesson, questions")
    lesson = data.get("lesson")
    if lesson != path.stem:
        raise _fail(path, "(file)", "(lesson)", f"field 'lesson' is {short_repr(lesson)} but must "
                    f"match the file name {short_repr(path.stem)} (the lesson notebook's name)")
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise _fail(path, "(file)", "(questions)", "field 'questions' must be a non-empty list")
    loaded = [_question(path, lesson, i, raw) for i, raw in enumerate(raw_questions, start=1)]
    seen: set[str] = set()
    for question in loaded:
        if question.id in seen:
            raise _fail(path, question.id, "id", "duplicate id within this file")
        seen.add(question.id)
    return loaded


def load_bank(folder: str | Path | None = None) -> dict[str, Question]:
    """Every question in a folder of question files, by id; ids must be unique across files.

    ``folder`` defaults to the package's own bank. Loads are cached per file version: an edited
    question file is read again on the next call (as :func:`~pannet_edu.evidence.trials` does).
    A folder that does not exist or holds no question files raises
    :class:`~pannet_edu.content.ContentError`.

    >>> bank = load_bank()
    >>> all(q.id == qid for qid, q in bank.items())
    True
    >>> load_bank("/no/such/folder")
    Traceback (most recent call last):
    ...
    pannet_edu.content.errors.ContentError: questions: /no/such/folder: no such folder of ...
    """
    if folder is None:
        folder = questions_dir()
    elif not isinstance(folder, str | Path) or not str(folder).strip():
        raise TypeError(f"folder must be a folder path (str or Path), got {short_repr(folder)}")
    folder = Path(folder).resolve()
    # The loaders' one cache: read again when a question file, the folder or the sources change.
    return dict(_datafile.cached(_load_folder, folder, *_datafile.folder_files(folder),
                                 sources_file()))


def _load_folder(folder: Path) -> dict[str, Question]:
    if not folder.is_dir():
        kind = "is a file, not a folder" if folder.exists() else "no such folder"
        raise ContentError("questions", str(folder), "(folder)", f"{kind} of question files")
    if not any(folder.glob("*.yaml")):
        raise ContentError("questions", str(folder), "(folder)",
                           "holds no question files (*.yaml)")
    bank: dict[str, Question] = {}
    for path in sorted(folder.glob("*.yaml")):
        for question in load_file(path):
            if question.id in bank:
                raise _fail(path, question.id, "id",
                            f"duplicate id: already used in {bank[question.id].lesson}.yaml")
            bank[question.id] = question
    return bank
