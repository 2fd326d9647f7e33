"""The lesson manifest: ``data/lessons.yaml``, the one home of the lesson list.

One entry per lesson, in teaching order: its id (the notebook's name), title, kind, a line for
the README's lesson table, its learning objectives, its question file, the exercise notebooks
that practise it, the facts it shows (trials, therapies, sources, pipeline entries) and its
clinical review (reviewer and date). The README table, the handouts, the lesson checks and the
review status read it; adding a lesson is its notebook source plus one entry here.

Every problem is a :class:`~pannet_edu.content.ContentError` naming the file, the lesson and the
field. Names of trials, therapies and sources are checked where they are known
(:func:`pannet_edu.evidence.lesson_facts`), not here: this layer reads no evidence.

>>> lesson_ids()[:2]
['00_start_here', '01_classification_and_staging']
>>> lesson("05_prrt").title
'Peptide receptor radionuclide therapy (PRRT)'
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..safe_files import write_atomic
from . import reader as _datafile
from .errors import ContentError
from .fields import short_repr

MANIFEST_FILE = Path(__file__).resolve().parents[1] / "data" / "lessons.yaml"
#: ``lesson``: keeps the lesson rhythm; ``orientation``: the start page, which teaches no topic.
KINDS = ("lesson", "orientation")
FACT_FIELDS = ("trials", "therapies", "sources", "pipeline")
FIELDS = ("id", "title", "kind", "teaches", "objectives", "questions", "exercises",
          *FACT_FIELDS, "reviewer", "reviewed")
_ID = re.compile(r"^\d\d_[a-z0-9_]+$")


@dataclass(frozen=True)
class Lesson:
    """One manifest entry (see the module docstring for what each field holds)."""

    id: str
    title: str
    kind: str
    teaches: str
    objectives: tuple[str, ...]
    questions: str | None
    exercises: tuple[str, ...]
    trials: tuple[str, ...] = ()
    therapies: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    pipeline: tuple[str, ...] = ()
    reviewer: str | None = None
    reviewed: datetime.date | None = None

    @property
    def notebook(self) -> str:
        """The notebook source's file name.

        >>> lesson("05_prrt").notebook
        '05_prrt.py'
        """
        return f"{self.id}.py"


def manifest_file() -> Path:
    """The manifest read by default: ``lessons.yaml`` in the data folder in use.

    >>> manifest_file().name
    'lessons.yaml'
    """
    return _datafile.data_dir() / MANIFEST_FILE.name


def load_manifest(path: str | os.PathLike[str] | None = None) -> list[Lesson]:
    """Every lesson of the manifest, in order, each entry validated.

    >>> [entry.kind for entry in load_manifest()][:2]
    ['orientation', 'lesson']
    """
    file = Path(path) if path is not None else manifest_file()
    try:
        document = _datafile.load_yaml(file)
    except _datafile.ContentError as exc:
        raise ContentError(exc.file, exc.entry, exc.field, exc.problem) from None
    if not isinstance(document, dict) or set(document) != {"lessons"}:
        raise ContentError(file, "(file)", "(top level)",
                           "must hold one field, lessons: a list of lesson entries")
    entries = document["lessons"]
    if not isinstance(entries, list) or not entries:
        raise ContentError(file, "(file)", "lessons", "must be a non-empty list of lessons")
    questions_dir = file.parent / "questions"
    lessons: list[Lesson] = []
    for number, raw in enumerate(entries, start=1):
        entry = _entry(file, number, raw, questions_dir)
        if any(known.id == entry.id for known in lessons):
            raise ContentError(file, entry.id, "id", "is given twice; each lesson is listed once")
        lessons.append(entry)
    return lessons


def _entry(file: Path, number: int, raw: object, questions_dir: Path) -> Lesson:
    if not isinstance(raw, dict):
        raise ContentError(file, f"lesson {number}", "(entry)", "must be a mapping of fields")
    lesson_id = raw.get("id")
    if not isinstance(lesson_id, str) or not _ID.match(lesson_id):
        raise ContentError(file, f"lesson {number}", "id",
                           "must be the notebook's name, NN_words (e.g. 05_prrt), "
                           f"got {short_repr(lesson_id)}")
    where = lesson_id
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise ContentError(file, where, unknown[0], f"unknown field; allowed: {', '.join(FIELDS)}")
    text = {}
    for name in ("title", "teaches"):
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ContentError(file, where, name, "must be non-empty text")
        text[name] = " ".join(value.split())
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ContentError(file, where, "kind", f"must be one of {', '.join(KINDS)}, got "
                                                f"{short_repr(kind)}")
    lists = {name: _names(file, where, name, raw.get(name))
             for name in ("objectives", "exercises", *FACT_FIELDS)}
    if kind == "lesson" and not lists["objectives"]:
        raise ContentError(file, where, "objectives", "a lesson needs at least one objective")
    questions = raw.get("questions")
    if questions is not None and (
        not isinstance(questions, str) or not (questions_dir / questions).is_file()
    ):
        raise ContentError(file, where, "questions",
                           f"must name a file in {questions_dir.name}/ or be null, "
                           f"got {short_repr(questions)}")
    reviewer, reviewed = _review(file, where, raw.get("reviewer"), raw.get("reviewed"))
    return Lesson(lesson_id, text["title"], kind, text["teaches"], questions=questions,
                  reviewer=reviewer, reviewed=reviewed, **lists)


def _names(file: Path, where: str, name: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(file, where, name, "must be a list of non-empty texts")
    return tuple(" ".join(v.split()) for v in value)


def _review(file: Path, where: str, reviewer: object, reviewed: object
            ) -> tuple[str | None, datetime.date | None]:
    if isinstance(reviewed, str):
        try:
            reviewed = datetime.date.fromisoformat(reviewed.strip())
        except ValueError:
            raise ContentError(file, where, "reviewed",
                               f"must be YYYY-MM-DD, got {short_repr(reviewed)}") from None
    if reviewed is not None and (isinstance(reviewed, datetime.datetime)
                                 or not isinstance(reviewed, datetime.date)):
        raise ContentError(file, where, "reviewed", "must be YYYY-MM-DD, got "
                                                    f"{short_repr(reviewed)}")
    if (reviewer is None) != (reviewed is None):
        raise ContentError(file, where, "reviewer",
                           "needs both reviewer and reviewed (a clinician's name and the date), "
                           "or neither")
    if reviewer is not None and (not isinstance(reviewer, str) or not reviewer.strip()):
        raise ContentError(file, where, "reviewer", "must be a name")
    return (reviewer.strip() if isinstance(reviewer, str) else None), reviewed


def lesson_ids(path: str | os.PathLike[str] | None = None) -> list[str]:
    """The lesson ids, in teaching order.

    >>> lesson_ids()[-1]
    '08_under_investigation'
    """
    return [entry.id for entry in load_manifest(path)]


def lesson(lesson_id: str, path: str | os.PathLike[str] | None = None) -> Lesson:
    """One lesson's entry; ``ValueError`` naming the known lessons for an unknown id.

    >>> lesson("03_somatostatin_analogues").exercises
    ('03_trials_and_toxicity',)
    >>> lesson("99_none")
    Traceback (most recent call last):
    ...
    ValueError: lesson must be one of the lessons in lessons.yaml (...), got '99_none'
    """
    entries = load_manifest(path)
    for entry in entries:
        if entry.id == lesson_id:
            return entry
    raise ValueError(f"lesson must be one of the lessons in lessons.yaml ({entries[0].id}, ...), "
                     f"got {short_repr(lesson_id)}")


#: Where the README's lesson table sits (written by :func:`write_readme_table`).
README_BEGIN = "<!-- lessons: generated from pannet_edu/data/lessons.yaml; edit that file -->"
README_END = "<!-- /lessons -->"


def readme_table(path: str | os.PathLike[str] | None = None) -> str:
    """The README's lesson table, one row per manifest entry.

    >>> readme_table().splitlines()[2].startswith("| `00_start_here` | how to use the lessons")
    True
    """
    rows = ["| notebook | what it teaches |", "|---|---|"]
    rows += [f"| `{entry.id}` | {entry.teaches} |" for entry in load_manifest(path)]
    return "\n".join(rows)


def with_readme_table(readme: str, table: str) -> str:
    """``readme`` with the text between the lesson-table markers replaced by ``table``.

    >>> page = with_readme_table(f"a\\n{README_BEGIN}\\nold\\n{README_END}\\nb", "new")
    >>> page.splitlines()[2], "old" in page
    ('new', False)
    """
    start, end = readme.find(README_BEGIN), readme.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"readme must hold the markers {short_repr(README_BEGIN)} and "
                         f"{short_repr(README_END)}")
    return readme[: start + len(README_BEGIN)] + "\n" + table + "\n" + readme[end:]


def write_readme_table(readme_path: str | os.PathLike[str]) -> bool:
    """Rewrite the lesson table in the README at ``readme_path``; return whether it changed.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "README.md"
    ...     _ = path.write_text(f"{README_BEGIN}\\n{README_END}\\n")
    ...     write_readme_table(path), write_readme_table(path)
    (True, False)
    """
    path = Path(readme_path)
    old = path.read_text(encoding="utf-8")
    new = with_readme_table(old, readme_table())
    if new != old:
        write_atomic(path, new)  # whole, never through a link
    return new != old
