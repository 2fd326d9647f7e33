"""What every export shares: the questions to write, the notice, stable ids and safe writing.

Every export states the content review date (``pannet_edu/data/meta.yaml``) and the
education-only notice. Files are written to a temporary name beside the target and renamed only
when complete, so an interrupted export never leaves a file that looks finished. Zip archives
are built with fixed timestamps and sorted entries, so re-exporting unchanged content gives the
same bytes.

>>> notice(datetime.date(2026, 11, 26))
'Content reviewed 2026-11-26. For education only: not for decisions about a real patient.'
>>> stable_id("pannet-edu", "deck") == stable_id("pannet-edu", "deck")
True
"""

from __future__ import annotations

import datetime
import hashlib
import html
import io
import os
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import safe_files
from ..content.fields import short_repr
from ..display import DISCLAIMER
from ..practice import quiz

#: The export formats, with the file name ending each writes by default.
EXTENSIONS = {"moodle": ".xml", "qti": ".zip", "gift": ".gift.txt", "anki": ".apkg"}
FORMATS = tuple(EXTENSIONS)
#: Title used for decks, quizzes and the top category.
TITLE = "pannet-edu"

_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Bundle:
    """What one export writes: questions in lesson order, and the facts about the content."""

    questions: tuple[quiz.Question, ...]
    reviewed: datetime.date
    lesson: str | None
    seed: int
    vignette_count: int = 0

    @property
    def notice(self) -> str:
        return notice(self.reviewed)

    def lessons(self) -> list[str]:
        """The lessons present, in order."""
        return sorted({q.lesson for q in self.questions})

    def by_lesson(self) -> dict[str, list[quiz.Question]]:
        out: dict[str, list[quiz.Question]] = {lesson: [] for lesson in self.lessons()}
        for question in self.questions:
            out[question.lesson].append(question)
        return out


def notice(reviewed: datetime.date) -> str:
    """The sentence every export carries: the review date and the education-only notice."""
    return f"Content reviewed {reviewed.isoformat()}. {DISCLAIMER}"


def collect(
    lesson: str | None = None,
    *,
    seed: int = 0,
    include_vignettes: int = 0,
    folder: str | Path | None = None,
) -> Bundle:
    """The bank's questions (one lesson, or all) plus ``include_vignettes`` generated vignettes.

    Bank questions keep their file order; vignettes (fixed by ``seed``) follow, filed under the
    lesson they practise. An unknown lesson raises ``ValueError`` naming the known ones.

    >>> bundle = collect("01_classification_and_staging", include_vignettes=2, seed=1)
    >>> sum(q.id.startswith("vig-") for q in bundle.questions)
    2
    """
    from ..content.reviews import content_reviewed
    from ..practice import vignette_lessons, vignettes

    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be a whole number, got {short_repr(seed)}")
    if isinstance(include_vignettes, bool) or not isinstance(include_vignettes, int) or (
        include_vignettes < 0
    ):
        raise ValueError(
            "include_vignettes must be a whole number 0 or more, got "
            f"{short_repr(include_vignettes)}"
        )
    questions = quiz.questions(lesson, folder)  # raises for an unknown lesson
    extra: list[quiz.Question] = []
    if include_vignettes:
        if lesson is not None and lesson not in vignette_lessons():
            raise ValueError(
                f"lesson {short_repr(lesson)} has no generated vignettes; vignettes practise "
                f"{', '.join(vignette_lessons())}"
            )
        extra = [v.as_question() for v in vignettes(seed, include_vignettes, lesson=lesson)]
    ordered = sorted([*questions, *extra], key=lambda q: q.lesson)  # stable: file order kept
    return Bundle(tuple(ordered), content_reviewed(), lesson, seed, len(extra))


def _number_head(answer: str) -> str | None:
    """The plain number an accepted answer is (``"28"``, ``"28 days"``, ``"19%"`` give the
    number), or ``None`` for an answer in words (``"four"``, ``"at least 500"``)."""
    words = answer.split()
    head = words[0].rstrip("%") if words else ""
    return head if _NUMBER.match(head) else None


def is_numeric(question: quiz.Question) -> bool:
    """A short answer exported as a numerical question: every accepted answer is a plain number
    (with at most a unit after it). A question that also accepts words ("four", "at least 500")
    is exported as a short answer with every accepted form, so no channel drops an answer the
    package marks right.

    >>> bank = quiz.load_bank()
    >>> is_numeric(bank["ssa-03"]), is_numeric(bank["cls-03"]), is_numeric(bank["prrt-05"])
    (True, False, False)
    """
    return question.kind == "short_answer" and all(
        _number_head(answer) is not None for answer in question.accepted)


def numeric_answers(question: quiz.Question) -> list[str]:
    """The distinct plain numbers among the accepted answers (``"28 days"`` gives ``"28"``).

    >>> numeric_answers(quiz.load_bank()["ssa-10"])
    ['28']
    """
    heads = (_number_head(answer) for answer in question.accepted)
    return list(dict.fromkeys(head for head in heads if head is not None))


def short_answer_feedback(question: quiz.Question) -> str:
    """Feedback for any answer not accepted: what was expected, and why.

    >>> short_answer_feedback(quiz.load_bank()["ssa-10"]).startswith("Not the expected answer (28)")
    True
    """
    return f"Not the expected answer ({question.answer}). {question.explanation}"


def general_feedback(question: quiz.Question, reviewed: datetime.date) -> str:
    """Shown after every attempt: the source, then the review date and the notice.

    >>> general_feedback(quiz.load_bank()["ssa-10"], datetime.date(2026, 1, 2))[:8]
    'Source: '
    """
    return f"Source: {question.reference.rstrip('.')}. {notice(reviewed)}"


def paragraphs_html(text: str) -> str:
    """Plain text as escaped HTML paragraphs (blank lines split paragraphs).

    >>> paragraphs_html("Ki-67 <3%")
    '<p>Ki-67 &lt;3%</p>'
    """
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(' '.join(p.split()), quote=False)}</p>" for p in parts)


def stable_id(*parts: str, low: int = 1 << 30, high: int = 1 << 31) -> int:
    """A deterministic integer in ``[low, high)`` from text parts (for Anki model and deck ids).

    >>> 1 << 30 <= stable_id("x") < 1 << 31
    True
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return low + int.from_bytes(digest[:8], "big") % (high - low)


def stable_ident(prefix: str, *parts: str) -> str:
    """A deterministic XML identifier such as ``'g3f2a...'`` (QTI idents start with a letter)."""
    return prefix + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def zip_bytes(entries: Mapping[str, bytes], when: datetime.date) -> bytes:
    """A zip archive of ``entries`` with sorted names and every timestamp set to ``when``.

    >>> a = zip_bytes({"b.txt": b"2", "a.txt": b"1"}, datetime.date(2026, 1, 1))
    >>> a == zip_bytes({"a.txt": b"1", "b.txt": b"2"}, datetime.date(2026, 1, 1))
    True
    >>> zipfile.ZipFile(io.BytesIO(a)).namelist()
    ['a.txt', 'b.txt']
    """
    buffer = io.BytesIO()
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()


def out_path(out: str | os.PathLike[str] | None, fmt: str, lesson: str | None) -> Path:
    """Where ``--out`` writes: nothing gives the default name here; a folder (one that exists,
    or any name ending in ``/``) gets the default name inside it; a file name without an
    extension gets the format's. A name with an extension is kept as given.

    >>> str(out_path("anki", "anki", None)), str(out_path("decks/", "anki", "05_prrt"))
    ('anki.apkg', 'decks/pannet-edu-05_prrt.apkg')
    >>> str(out_path("bank.xml", "moodle", None)), str(out_path(None, "gift", None))
    ('bank.xml', 'pannet-edu-all.gift.txt')
    """
    if out is None:
        return Path(default_name(fmt, lesson))
    if not isinstance(out, str | os.PathLike):
        raise TypeError(f"--out must be a file or folder path, got {type(out).__name__}")
    text = os.fspath(out)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"--out must name a file or a folder, got {short_repr(out)}")
    path = Path(text)
    if path.is_dir() or text.endswith(("/", os.sep)):
        return path / default_name(fmt, lesson)
    if not path.suffix:
        return path.with_name(path.name + EXTENSIONS[fmt])
    return path


def _nearest_existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def check_out_path(out: str | os.PathLike[str]) -> Path:
    """The target path, or ``ValueError`` saying why it cannot be written (before any work).

    A missing folder is fine when it can be made (:func:`write_atomic` makes it).

    >>> check_out_path("/dev/null/bank.xml")
    Traceback (most recent call last):
    ...
    ValueError: --out /dev/null/bank.xml: /dev/null is not a folder, so no folder can be made there
    """
    path = Path(out)
    if path.is_dir():
        raise ValueError(f"--out {path} is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    existing = _nearest_existing(folder)
    if not existing.is_dir():
        raise ValueError(f"--out {path}: {existing} is not a folder, so no folder can be made "
                         "there")
    try:
        safe_files.check_replaceable(path)
    except ValueError as exc:
        raise ValueError(f"--out {exc}") from None
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ValueError(f"--out {path}: folder {existing} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise ValueError(f"--out {path}: the file exists and is not writable")
    return path


def write_atomic(out: str | os.PathLike[str], data: bytes) -> Path:
    """Check ``out`` (:func:`check_out_path`), make its folder if missing, then write ``data``
    there whole (:func:`pannet_edu.safe_files.write_atomic`: an exclusive temporary file beside
    it, renamed).

    A failure leaves the previous file (if any) untouched and no partial file behind.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "x.txt", b"ok").read_bytes(), sorted(p.name for p in folder.iterdir())
    (b'ok', ['x.txt'])
    >>> write_atomic(folder / "new" / "y.txt", b"ok").relative_to(folder).as_posix()
    'new/y.txt'
    """
    path = check_out_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    return safe_files.write_atomic(path, data)


def lesson_tag(lesson: str) -> str:
    """A tag without spaces for a lesson id (Anki and Moodle tags).

    >>> lesson_tag("01_classification_and_staging")
    'pannet-edu::01_classification_and_staging'
    """
    return f"{TITLE}::{lesson}"


def default_name(fmt: str, lesson: str | None) -> str:
    """``pannet-edu-<lesson or all><extension>``.

    >>> default_name("anki", None), default_name("qti", "05_prrt")
    ('pannet-edu-all.apkg', 'pannet-edu-05_prrt.zip')
    """
    return f"{TITLE}-{lesson or 'all'}{EXTENSIONS[fmt]}"
