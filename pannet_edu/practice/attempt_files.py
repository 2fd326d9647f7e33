"""What leaves the learner's computer, if the learner chooses: one export file or one short code.

An export is JSON: the format's name and version, a random id made for this export (never the
learner's name, never the same twice), the day, whether typed text is included, the records, and
a SHA-256 checksum of everything else. The short code is the same export compressed (zlib) and
written in URL-safe base64 after the prefix ``PNET1.``, to paste into a text box of a learning
platform. The checksum is not a secret seal (anyone can recompute it); it shows that a file was
not cut short, damaged or edited by hand after export.

Typed text (short answers, self-check answers) stays out of an export unless the learner asks
for it (``include_text=True``); the choices among offered options are all a report needs.

Reading a class's files, :func:`read_exports` refuses, each with a message naming the file:
a file that is not an export (foreign), cut short or damaged (truncated), edited after export
(tampered: the checksum does not match), or the same export (or the same records) a second time
(duplicated). A refused file never changes the report.

>>> text = export_json([{"k": "quiz", "i": "prrt-01", "c": 0, "r": 1, "n": "0a1b2c3d",
...                      "d": "2026-12-07", "x": "my words"}])
>>> loaded = read_export(text, "ann.json")
>>> [r.get("x") for r in loaded.records]  # typed text stayed home
[None]
>>> read_export(text.replace('"c": 0', '"c": 1'), "ann.json")
Traceback (most recent call last):
...
pannet_edu.practice.attempt_files.RefusedFile: ann.json: refused: it was changed after export ...
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import hashlib
import json
import os
import re
import secrets
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..safe_files import read_regular, write_atomic
from .attempts import check_record, load_records

__all__ = [
    "CODE_PREFIX",
    "FORMAT",
    "VERSION",
    "Export",
    "RefusedFile",
    "export_code",
    "export_json",
    "export_payload",
    "read_export",
    "read_exports",
    "read_named",
    "split_codes",
    "write_export",
]

FORMAT = "pannet-edu-attempts"
VERSION = 1
CODE_PREFIX = "PNET1."
_CODE = re.compile(re.escape(CODE_PREFIX) + r"[A-Za-z0-9_-]*")
#: Largest export file read (bytes): a class's file is a few kB.
MAX_EXPORT_BYTES = 8 << 20
#: Most records one export may hold.
MAX_RECORDS = 50_000


class RefusedFile(ValueError):
    """A class file the report will not use, with the file's name and the reason in words."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: refused: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class Export:
    """One learner's export as read: its name (the file), random id, day and records."""

    name: str
    export_id: str
    created: str
    free_text: bool
    records: tuple[dict, ...] = field(repr=False)


def _canonical(payload: dict) -> bytes:
    body = {k: v for k, v in payload.items() if k != "checksum"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _checksum(payload: dict) -> str:
    return "sha256:" + hashlib.sha256(_canonical(payload)).hexdigest()


def export_payload(records: Iterable[dict] | None = None, *, include_text: bool = False) -> dict:
    """The export as a mapping (records from the learner's folder unless given).

    >>> payload = export_payload([])
    >>> payload["format"], payload["version"], len(payload["export_id"]), payload["records"]
    ('pannet-edu-attempts', 1, 32, [])
    """
    chosen = load_records() if records is None else [check_record(r) for r in records]
    kept = [{k: v for k, v in r.items() if include_text or k != "x"} for r in chosen]
    payload = {
        "format": FORMAT, "version": VERSION, "export_id": secrets.token_hex(16),
        "created": _dt.date.today().isoformat(), "package_version": __version__,
        "free_text": bool(include_text), "records": kept,
    }
    payload["checksum"] = _checksum(payload)
    return payload


def export_json(records: Iterable[dict] | None = None, *, include_text: bool = False) -> str:
    """The export file's text (JSON, one line per record for a reader's eye)."""
    payload = export_payload(records, include_text=include_text)
    head = {k: v for k, v in payload.items() if k not in ("records", "checksum")}
    lines = [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in payload["records"]]
    body = json.dumps(head, sort_keys=True, ensure_ascii=False)[:-1]
    joined = ",\n  ".join(lines)
    return (f'{body}, "records": [\n  {joined}\n], '
            f'"checksum": "{payload["checksum"]}"}}\n')


def export_code(records: Iterable[dict] | None = None, *, include_text: bool = False) -> str:
    """The export as one line of text to paste into a learning platform's text box.

    >>> export_code([]).startswith(CODE_PREFIX)
    True
    """
    payload = export_payload(records, include_text=include_text)
    packed = zlib.compress(json.dumps(payload, separators=(",", ":")).encode("utf-8"), 9)
    return CODE_PREFIX + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def write_export(target: str | os.PathLike[str], *, code: bool = False,
                 include_text: bool = False) -> Path:
    """Write the learner's export (JSON, or the code with ``code=True``) to ``target``."""
    text = export_code(include_text=include_text) + "\n" if code else export_json(
        include_text=include_text)
    return write_atomic(target, text)


# --- Reading a class's files ----------------------------------------------------------------


def _decode_code(text: str, name: str) -> dict:
    body = text.strip()[len(CODE_PREFIX):]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        return json.loads(zlib.decompress(packed).decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
        raise RefusedFile(name, "the code is cut short or damaged (copy the whole code, from "
                          f"{CODE_PREFIX} to its last character)") from None


def read_export(data: str | bytes, name: str) -> Export:
    """One export (file text or code) checked; :class:`RefusedFile` naming ``name`` if not.

    >>> read_export("name,score\\nann,3", "grades.csv")
    Traceback (most recent call last):
    ...
    pannet_edu.practice.attempt_files.RefusedFile: grades.csv: refused: not a pannet-edu ...
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise RefusedFile(name, "not a pannet-edu practice export (not text)") from None
    text = data.strip().lstrip("\ufeff")
    if text.startswith(CODE_PREFIX):
        payload = _decode_code(text, name)
    elif text.startswith("{"):
        try:
            payload = json.loads(text)
        except ValueError:
            raise RefusedFile(name, "the file is cut short or damaged (it is not complete "
                              "JSON); ask the learner to export again") from None
    else:
        raise RefusedFile(name, "not a pannet-edu practice export (neither an export file nor "
                          f"a code starting {CODE_PREFIX})")
    return _checked(payload, name)


def _checked(payload: object, name: str) -> Export:
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise RefusedFile(name, "not a pannet-edu practice export (another program's file)")
    version = payload.get("version")
    if version != VERSION:
        raise RefusedFile(name, f"export version {version!r}; this pannet-edu reads version "
                          f"{VERSION} (update pannet-edu to read newer files)")
    if not isinstance(payload.get("checksum"), str):
        raise RefusedFile(name, "the checksum is missing: the file is cut short or was edited")
    if payload["checksum"] != _checksum(payload):
        raise RefusedFile(name, "it was changed after export (the checksum does not match); "
                          "ask the learner to export again")
    records = payload.get("records")
    export_id = payload.get("export_id")
    if not isinstance(records, list) or not isinstance(export_id, str) or not export_id:
        raise RefusedFile(name, "it lacks its records or its export id")
    if len(records) > MAX_RECORDS:
        raise RefusedFile(name, f"it holds {len(records)} records (at most {MAX_RECORDS})")
    checked = []
    for number, raw in enumerate(records, start=1):
        try:
            checked.append(check_record(raw))
        except ValueError as exc:
            raise RefusedFile(name, f"record {number} is damaged: {exc}") from None
    return Export(name, export_id, str(payload.get("created", "")),
                  bool(payload.get("free_text")), tuple(checked))


def split_codes(name: str, text: str) -> list[tuple[str, str]]:
    """The exports in one text: an export file whole, or every code found in it (a list pasted
    one per line, or a course platform's download of the text-box answers, such as a CSV).

    >>> [n for n, _ in split_codes("answers.csv", "id,answer\\n1,PNET1.abc\\n2,PNET1.de_f\\n")]
    ['answers.csv (code 1)', 'answers.csv (code 2)']
    >>> split_codes("x.json", '{"format": 1}')
    [('x.json', '{"format": 1}')]
    """
    if text.strip().lstrip("\ufeff").startswith("{"):
        return [(name, text)]
    codes = _CODE.findall(text)
    if len(codes) == 1 and text.strip() == codes[0]:
        return [(name, codes[0])]
    if codes:
        return [(f"{name} (code {i})", code) for i, code in enumerate(codes, start=1)]
    return [(name, text)]


def _read_one(path: Path) -> list[tuple[str, str]]:
    """The exports in one file (see :func:`split_codes`)."""
    data = read_regular(path, limit=MAX_EXPORT_BYTES).decode("utf-8", errors="replace")
    return split_codes(str(path), data)


def read_exports(paths: Sequence[str | os.PathLike[str]]
                 ) -> tuple[list[Export], list[RefusedFile]]:
    """Read a class's files; the exports accepted, and each file refused with its reason.

    Refused: a file that cannot be read, is not an export, is cut short, was edited, or repeats
    an export already read (see :func:`read_named`).
    """
    named: list[tuple[str, str | bytes]] = []
    unreadable: list[RefusedFile] = []
    for path in paths:
        try:
            named += _read_one(Path(path))
        except (OSError, ValueError) as exc:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            unreadable.append(RefusedFile(str(path), f"cannot be read ({detail})"))
    accepted, refused = read_named(named)
    return accepted, unreadable + refused


def read_named(named: Iterable[tuple[str, str | bytes]]
               ) -> tuple[list[Export], list[RefusedFile]]:
    """Check exports given as (name, text) pairs (uploaded files, pasted codes), in order.

    A second copy of an export (the same export id) or an export whose records were already read
    from another one (the same learner's record exported twice) is refused, naming both.

    >>> one = export_json([{"k": "case", "i": "vipoma/first_line", "a": "ssa", "c": 1,
    ...                     "n": "00ff00ff", "d": "2026-12-07"}])
    >>> accepted, refused = read_named([("a.json", one), ("b.json", one), ("c.json", one[:90])])
    >>> [e.name for e in accepted], [r.reason[:28] for r in refused]
    (['a.json'], ['a duplicate of a.json (the s', 'the file is cut short or dam'])
    """
    accepted: list[Export] = []
    refused: list[RefusedFile] = []
    ids: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for name, text in named:
        try:
            export = read_export(text, name)
        except RefusedFile as exc:
            refused.append(exc)
            continue
        if export.export_id in ids:
            refused.append(RefusedFile(name, f"a duplicate of {ids[export.export_id]} (the "
                                       "same export twice); it is counted once"))
            continue
        shared = [numbers[r["n"]] for r in export.records if r["n"] in numbers]
        if shared:
            refused.append(RefusedFile(name, f"{len(shared)} of its records are already in "
                                       f"{shared[0]} (the same learner's record exported "
                                       "twice); use the newer export alone"))
            continue
        ids[export.export_id] = name
        numbers.update((r["n"], name) for r in export.records)
        accepted.append(export)
    return accepted, refused
