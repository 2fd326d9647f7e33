"""The learner's own record of practice: every answer kept on the learner's computer, nowhere else.

Each quiz answer, lesson self-check, exercise check, vignette answer, case choice and committed
reading of the inside-the-evidence tool a learner makes in a notebook (or the dashboard) adds one
small record to a file in the learner's own data folder: no server, no network, no name. The learner
decides whether anything leaves, as one export file or a short code (:mod:`.attempt_files`); the
instructor's class report (:mod:`.class_stats`) reads those exports.

A record holds what a report needs and nothing about the person: the kind of practice, the item (a
question id, a case step, an option's trial), the lesson, the answer chosen from the options offered
(an option, a therapy, a parsed exercise answer, inside or outside), right or not, first try or
retry, the day, and a random record number (so that the same record exported twice is recognised).
Text the learner typed is kept apart (``"x"``) and leaves only if the learner says so when
exporting.

Where: ``$PANNET_EDU_ATTEMPTS_DIR`` if set, else the user's data folder (``$XDG_DATA_HOME`` or
``~/.local/share`` on Linux, ``~/Library/Application Support`` on a Mac, ``%APPDATA%`` on
Windows) ``/pannet-edu/attempts``. Each running kernel writes its own file there
(``session-<day>-<random>.jsonl``), whole, through :mod:`pannet_edu.safe_files`.

When: in a Jupyter kernel (a learner at work); never in a script or a test run, unless
``PANNET_EDU_ATTEMPTS=on``; never with ``PANNET_EDU_ATTEMPTS=off``. Recording never stops a tool:
a record that cannot be written is dropped.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder, recording_to(folder):
...     kept = record("quiz", "prrt-01", lesson="05_prrt", answer="Any GEP-NET", correct=False)
...     loaded = load_records()
>>> [(r["k"], r["i"], r["c"], r["r"]) for r in loaded]
[('quiz', 'prrt-01', 0, 1)]
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import os
import re
import secrets
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..content.fields import short_repr
from ..safe_files import read_regular, write_atomic
from .question_bank import LETTERS

__all__ = [
    "DIR_ENV",
    "KINDS",
    "SWITCH_ENV",
    "attempts_dir",
    "check_record",
    "evidence_fit_records",
    "load_records",
    "patient_key",
    "record",
    "record_case_choice",
    "record_evidence_fit",
    "record_exercise",
    "record_quiz",
    "record_selfcheck",
    "record_vignette",
    "recording_enabled",
    "recording_to",
    "selfcheck_id",
    "where_text",
]

#: Environment variable naming the folder of the record (for a lab machine, a test, a USB stick).
DIR_ENV = "PANNET_EDU_ATTEMPTS_DIR"
#: ``on`` records outside a kernel too; ``off`` never records.
SWITCH_ENV = "PANNET_EDU_ATTEMPTS"
#: The kinds of practice a record can come from.
KINDS = ("quiz", "selfcheck", "exercise", "vignette", "case", "evidence_fit")
#: A record's fields: kind, item, lesson, answer, typed text, right (1/0/None), try, question text
#: (self-checks), group (a vignette's kind; the patient's fingerprint for an evidence reading),
#: feedback (a vignette option's reason; what decides an evidence reading), day, number.
FIELDS = ("k", "i", "l", "a", "x", "c", "r", "q", "g", "f", "d", "n")
#: Longest text kept in one field (a typed answer longer than this is cut).
MAX_FIELD = 400
#: Records one kernel keeps (a learner answering for weeks stays far below it).
MAX_SESSION_RECORDS = 5000
#: Largest record file read back (bytes).
MAX_FILE_BYTES = 4 << 20

#: A lesson id as the manifest writes it (``05_prrt``); nothing else may name a lesson.
_LESSON = re.compile(r"\d\d_[a-z0-9_]{1,80}", re.ASCII)
_LOCK = threading.Lock()
_SESSION: dict[str, Path] = {}


def attempts_dir() -> Path:
    """The folder of the learner's record (it need not exist yet).

    >>> with recording_to("/tmp/pannet-record"):
    ...     str(attempts_dir())
    '/tmp/pannet-record'
    """
    chosen = os.environ.get(DIR_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", "").strip() or home / ".local" / "share")
    return base / "pannet-edu" / "attempts"


@contextmanager
def recording_to(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """Record into ``folder`` (outside a kernel too) inside a ``with`` block; the previous
    settings come back after it (for tests and demonstrations)."""
    saved = {name: os.environ.get(name) for name in (DIR_ENV, SWITCH_ENV)}
    os.environ[DIR_ENV], os.environ[SWITCH_ENV] = str(folder), "on"
    try:
        yield Path(folder)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def recording_enabled() -> bool:
    """Whether answers are recorded now: in a Jupyter kernel unless switched off, or when
    ``PANNET_EDU_ATTEMPTS=on``.

    >>> with recording_to("/tmp/pannet-record"):
    ...     recording_enabled()
    True
    >>> recording_enabled()   # a doctest runs in no kernel
    False
    """
    switch = os.environ.get(SWITCH_ENV, "").strip().lower()
    if switch in ("off", "0", "no", "false"):
        return False
    if switch in ("on", "1", "yes", "true"):
        return True
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        return getattr(shell.get_ipython(), "kernel", None) is not None
    except Exception:
        return False


def where_text() -> str:
    """One sentence for the learner: where the record is and what it holds.

    >>> "only on this computer" in where_text()
    True
    """
    return (f"Your practice record is kept only on this computer, in {attempts_dir()}: which "
            "answers you chose and whether they were right, with no name. Nothing is sent "
            "anywhere; you decide what to share with `pannet-edu attempts export`.")


def _text(value: object) -> str:
    text = " ".join(str(value).split()) if value is not None else ""
    return text if len(text) <= MAX_FIELD else text[: MAX_FIELD - 3] + "..."


def check_record(raw: object) -> dict:
    """A record checked field by field; ``ValueError`` naming the field that is wrong.

    >>> check_record({"k": "case", "i": "vipoma/first_line", "c": 1, "r": 1, "n": "ab12cd34",
    ...               "d": "2026-12-07"})["i"]
    'vipoma/first_line'
    >>> check_record({"k": "poll", "i": "x", "n": "ab12cd34", "d": "2026-12-07"})
    Traceback (most recent call last):
    ...
    ValueError: record field k must be one of quiz, selfcheck, exercise, vignette, case, \
evidence_fit; got 'poll'
    """
    if not isinstance(raw, Mapping):
        raise ValueError(f"a record must be a mapping of fields, got {short_repr(raw)}")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise ValueError(f"record has unknown field {unknown[0]!r}")
    if raw.get("k") not in KINDS:
        raise ValueError(f"record field k must be one of {', '.join(KINDS)}; "
                         f"got {short_repr(raw.get('k'))}")
    for name in ("i", "n", "d"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise ValueError(f"record field {name} must be non-empty text")
    if raw.get("l") and not _LESSON.fullmatch(str(raw["l"])):
        raise ValueError(f"record field l must be a lesson id such as 05_prrt; got "
                         f"{short_repr(raw['l'])}")
    for name in ("l", "a", "x", "q", "g", "f"):
        if not isinstance(raw.get(name, ""), str) or len(raw.get(name, "")) > MAX_FIELD:
            raise ValueError(f"record field {name} must be text of at most {MAX_FIELD} characters")
    if raw.get("c") not in (0, 1, None) or isinstance(raw.get("c"), bool):
        raise ValueError(f"record field c must be 1, 0 or null; got {short_repr(raw.get('c'))}")
    if raw.get("r", 1) not in (1, 2) or isinstance(raw.get("r", 1), bool):
        raise ValueError(f"record field r must be 1 or 2; got {short_repr(raw.get('r'))}")
    try:
        _dt.date.fromisoformat(raw["d"])
    except ValueError:
        raise ValueError(f"record field d must be a day YYYY-MM-DD; got {short_repr(raw['d'])}"
                         ) from None
    out = {name: raw[name] for name in FIELDS if name in raw and raw[name] not in ("",)}
    out.setdefault("r", 1)
    out.setdefault("c", None)
    return out


def _session_file(folder: Path) -> Path:
    key = str(folder)
    if key not in _SESSION:
        day = _dt.date.today().isoformat()
        _SESSION[key] = folder / f"session-{day}-{secrets.token_hex(6)}.jsonl"
    return _SESSION[key]


def record(kind: str, item: str, *, lesson: str = "", answer: object = "", text: object = "",
           correct: bool | None = None, retry: bool = False, prompt: str = "", group: str = "",
           feedback: str = "") -> dict | None:
    """Add one record to the learner's own file; the record, or ``None`` when recording is off
    or the record could not be written (the tool goes on either way).

    ``answer`` is an answer from the options offered (never the learner's own words); ``text``
    is what the learner typed, kept on this computer and exported only if the learner asks.
    """
    if not recording_enabled():
        return None
    try:
        entry = check_record({
            "k": kind, "i": _text(item), "l": _text(lesson), "a": _text(answer),
            "x": _text(text), "c": None if correct is None else int(bool(correct)),
            "r": 2 if retry else 1, "q": _text(prompt), "g": _text(group),
            "f": _text(feedback), "d": _dt.date.today().isoformat(), "n": secrets.token_hex(8),
        })
        folder = attempts_dir()
        with _LOCK:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            target = _session_file(folder)
            previous = read_regular(target, limit=MAX_FILE_BYTES) if target.exists() else b""
            if previous.count(b"\n") >= MAX_SESSION_RECORDS:
                return None
            line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
            write_atomic(target, previous + line.encode("utf-8"), mode=0o600)
        return entry
    except Exception:  # a full disk, a read-only home: the learner's tool must keep working
        return None


def load_records(folder: str | os.PathLike[str] | None = None) -> list[dict]:
    """Every readable record in the learner's folder, oldest file first; a damaged line (a
    crash mid-write on an old system) is skipped, never guessed at.

    >>> load_records("/no/such/folder")
    []
    """
    folder = Path(folder) if folder is not None else attempts_dir()
    if not folder.is_dir():
        return []
    out: list[dict] = []
    for path in sorted(folder.glob("session-*.jsonl")):
        try:
            data = read_regular(path, limit=MAX_FILE_BYTES)
        except (OSError, ValueError):
            continue
        for line in data.decode("utf-8", errors="replace").splitlines():
            try:
                out.append(check_record(json.loads(line)))
            except (ValueError, TypeError):
                continue
    return out


# --- The hooks the tools call (each one line in its tool) --------------------------------------


def _never_raises(hook: Callable[..., None]) -> Callable[..., None]:
    """A hook that can never break the tool that calls it (an odd answer object, a full disk)."""

    @functools.wraps(hook)
    def safe(*args: object, **kwargs: object) -> None:
        try:
            hook(*args, **kwargs)
        except Exception:
            return None

    return safe



@_never_raises
def record_quiz(question: object, value: object, feedback: object, *, retry: bool) -> None:
    """A quiz answer that was marked: the option's text for multiple choice, the typed answer
    (kept apart as typed text) for a short answer."""
    correct = getattr(feedback, "correct", None)
    if correct is None or question is None:
        return
    answer, typed = "", ""
    if question.kind == "multiple_choice":
        from .quiz import _pick_option  # the quiz's own reading of a letter, label or text

        index = _pick_option(question, value)
        answer = question.options[index].text if index is not None else ""
    else:
        typed = value
    record("quiz", question.id, lesson=question.lesson, answer=answer, text=typed,
           correct=correct, retry=retry)


def selfcheck_id(prompt: str) -> str:
    """A self-check question's id: from its words, so the same question has the same id in every
    learner's record.

    >>> selfcheck_id("Stage?") == selfcheck_id(" Stage? ")
    True
    """
    return "sc-" + hashlib.sha256(" ".join(prompt.split()).encode("utf-8")).hexdigest()[:10]


@_never_raises
def record_selfcheck(check: object, revealed: object, lesson: str = "") -> None:
    """A lesson self-check answered (its words stay typed text; right or not where it can be
    marked)."""
    given = getattr(revealed, "given", "")
    if not given:
        return
    record("selfcheck", selfcheck_id(check.prompt), lesson=lesson, text=given,
           correct=getattr(revealed, "matches", None), prompt=check.prompt)


@_never_raises
def record_exercise(exercise: object, given: object, feedback: object) -> None:
    """An exercise check that was marked, with the answer as the checker read it (a grade, a
    category, therapy ids: the answer's form, not the learner's words)."""
    if getattr(feedback, "correct", None) is None:
        return
    if isinstance(given, set | frozenset | list | tuple):
        answer = ", ".join(sorted(str(g) for g in given))
    else:
        answer = str(given)
    record("exercise", exercise.id, lesson=exercise.lesson, answer=answer,
           correct=feedback.correct)


@_never_raises
def record_vignette(vignette: object, value: object, feedback: object) -> None:
    """A vignette answer that was marked: the option chosen and its reason."""
    if getattr(feedback, "correct", None) is None:
        return
    letters = LETTERS
    key = str(value).strip()[:1].upper() if value is not None else ""
    chosen = None
    if len(str(value).strip()) == 1 and key in letters[: len(vignette.options)]:
        chosen = vignette.options[letters.index(key)]
    else:
        text = " ".join(str(value).split()).casefold()
        chosen = next((o for i, o in enumerate(vignette.options)
                       if text in (o.text.casefold(), f"{letters[i]}. {o.text}".casefold())),
                      None)
    if chosen is None:
        return
    record("vignette", vignette.id, lesson=vignette.lesson, answer=chosen.text,
           correct=feedback.correct, group=vignette.kind, feedback=chosen.explanation)


@_never_raises
def record_case_choice(feedback: object, lesson: str = "07_sequencing_cases") -> None:
    """A first choice at a case's decision point (``feedback`` from ``Case.choose``)."""
    if getattr(feedback, "correct", None) is None or not feedback.case_id:
        return
    record("case", f"{feedback.case_id}/{feedback.step_id}", lesson=lesson,
           answer=feedback.choice, correct=feedback.correct)


def patient_key(patient: object) -> str:
    """A short fingerprint of a teaching patient (the same inputs give the same key; the
    inputs cannot be read back from it): each patient is a question of its own.

    >>> from pannet_edu.engine import Patient
    >>> patient_key(Patient(ki67=15)) == patient_key(Patient(ki67=15.0)), len(patient_key(
    ...     Patient(ki67=15)))
    (True, 12)
    """
    return "p-" + hashlib.sha256(repr(patient).encode("utf-8")).hexdigest()[:10]


def evidence_fit_records(reading: object, lesson: str = "") -> list[dict]:
    """The record fields of a checked reading of the inside-the-evidence tool: one per call the
    learner answered (each trial, and overall), right or wrong against the data's answer, with
    what decides it (no patient value in it) and the patient only as a fingerprint. ``lesson``
    defaults to the lesson that first teaches the option's class.

    >>> from pannet_edu.engine import Patient
    >>> from pannet_edu.evidence.patient_fit import check_reading, evidence_fit
    >>> fit = evidence_fit("ssa", Patient(ki67=15, sstr="positive"))
    >>> rows = evidence_fit_records(check_reading(fit, "partly", {"CLARINET": "inside"}))
    >>> [(r["i"], r["a"], r["c"], r["l"]) for r in rows]
    [('ssa/CLARINET', 'inside', 0, '03_somatostatin_analogues'), ('ssa/overall', 'partly', 0, \
'03_somatostatin_analogues')]
    >>> rows[0]["f"]
    'Outside: CLARINET enrolled Ki-67 below 10%.'
    """
    from ..engine.catalogue import load_catalogue
    from ..evidence.patient_fit import deciding_words

    fit = reading.fit
    catalogue = load_catalogue()
    if not lesson:
        lessons = catalogue.classes[catalogue[fit.therapy].therapy_class].lessons
        lesson = lessons[0] if lessons else ""
    key = patient_key(fit.patient)
    return [{"k": "evidence_fit", "i": f"{fit.therapy}/{call.item}", "l": lesson,
             "a": call.guessed, "c": int(call.correct), "g": key,
             "f": deciding_words(fit, call.item)}
            for call in reading.calls if call.guessed is not None]


@_never_raises
def record_evidence_fit(reading: object, lesson: str = "", *, retry: bool = False) -> None:
    """A reading of the inside-the-evidence tool the learner committed to and checked (see
    :func:`evidence_fit_records`); ``retry`` for a patient this tool already checked."""
    for row in evidence_fit_records(reading, lesson):
        record(row["k"], row["i"], lesson=row["l"], answer=row["a"], correct=bool(row["c"]),
               retry=retry, group=row["g"], feedback=row["f"])
