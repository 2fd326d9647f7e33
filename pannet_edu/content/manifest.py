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
from .kinds import LESSON
from .schema import validate

MANIFEST_FILE = Path(__file__).resolve().parents[1] / "data" / "lessons.yaml"
FACT_FIELDS = ("trials", "therapies", "sources", "pipeline")
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
    return list(_datafile.cached(_read_manifest, file, file.parent / "questions"))


def _read_manifest(file: Path) -> tuple[Lesson, ...]:
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
    return tuple(lessons)


def _entry(file: Path, number: int, raw: object, questions_dir: Path) -> Lesson:
    lesson_id = raw.get("id") if isinstance(raw, dict) else None
    named = isinstance(lesson_id, str) and _ID.match(lesson_id)
    record = validate(LESSON, file, lesson_id if named else f"lesson {number}", raw)
    lists = {name: tuple(" ".join(v.split()) for v in record[name] or ())
             for name in ("objectives", "exercises", *FACT_FIELDS)}
    reviewed = record["reviewed"]
    if isinstance(reviewed, str):
        reviewed = datetime.date.fromisoformat(reviewed.strip())
    reviewer = record["reviewer"]
    return Lesson(lesson_id, " ".join(record["title"].split()), record["kind"],
                  " ".join(record["teaches"].split()), questions=record["questions"],
                  reviewer=reviewer.strip() if reviewer else None, reviewed=reviewed, **lists)


@LESSON.check
def _needs_objectives(file, entry: str, record) -> None:
    """A lesson (not the orientation page) lists at least one objective."""
    if record["kind"] == "lesson" and not record["objectives"]:
        raise ContentError(file, entry, "objectives", "a lesson needs at least one objective")


@LESSON.check
def _question_file_exists(file, entry: str, record) -> None:
    """``questions`` names a file of the questions folder beside the manifest."""
    questions = record["questions"]
    folder = Path(file).parent / "questions"
    if questions is not None and not (folder / questions).is_file():
        raise ContentError(file, entry, "questions", f"must name a file in {folder.name}/ or be "
                           f"null, got {short_repr(questions)}")


@LESSON.check
def _reviewed_by_someone(file, entry: str, record) -> None:
    """A review has both a reviewer and a date, or neither."""
    if (record["reviewer"] is None) != (record["reviewed"] is None):
        raise ContentError(file, entry, "reviewer",
                           "needs both reviewer and reviewed (a clinician's name and the date), "
                           "or neither")


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
