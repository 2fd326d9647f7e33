"""Writing published files whole: a page or a folder of pages is never left half written.

Every publication (handouts, class sheets, learner notebooks) is written to a temporary file or
folder beside its target and moved into place only when complete, so a full disk or an interrupt
leaves the previous version as it was.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     write_atomic(Path(folder) / "a.txt", "whole").read_text()
'whole'
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path


class HandoutWriteError(ValueError):
    """The handouts could not be written; the message says why and what was left unchanged."""


def write_atomic(target: str | os.PathLike[str], text: str | bytes) -> Path:
    """Write ``text`` (UTF-8) or bytes to a temporary file beside ``target``, then move it into
    place.

    A reader never sees half a page: if writing fails (a full disk, an interrupt) the previous
    file, if any, is left as it was and the temporary file is removed.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_atomic(Path(folder) / "a.html", "<p>x</p>").read_text()
    ...     write_atomic(Path(folder) / "a.zip", b"PK").read_bytes()
    '<p>x</p>'
    b'PK'
    """
    target = Path(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


#: Files a handout build writes; a folder holding only these is an earlier build, replaced whole.
_GENERATED = re.compile(r"[^/]+\.(html|pdf)")


def output_folder(out_dir: object) -> Path:
    """Check a folder to write handouts into; raise :class:`HandoutWriteError` saying why not.

    >>> output_folder("")
    Traceback (most recent call last):
    ...
    pannet_edu.publish.writing.HandoutWriteError: the output folder must be named (got empty text)
    """
    if not isinstance(out_dir, str | os.PathLike):
        raise TypeError(f"out_dir must be a folder path, got {type(out_dir).__name__}")
    if not str(os.fspath(out_dir)).strip():
        raise HandoutWriteError("the output folder must be named (got empty text)")
    out = Path(out_dir).expanduser().absolute()
    if out.exists() and not out.is_dir():
        raise HandoutWriteError(f"{out} is a file, not a folder; give a folder for the handouts")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise HandoutWriteError(f"{out}: {parent} is a file, so no folder can be made there")
    checked = out if out.exists() else parent
    if not os.access(checked, os.W_OK | os.X_OK):
        raise HandoutWriteError(f"{checked} is not writable; choose another folder for --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def move_into_place(staging: Path, out: Path) -> None:
    """Move a complete build from ``staging`` to ``out``.

    ``out`` missing, or holding only an earlier build's pages: the folder is swapped whole (one
    rename each way). Otherwise (the folder holds other files) each page replaces its namesake.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     staging, out = Path(folder) / "new", Path(folder) / "out"
    ...     _ = write_atomic(staging.mkdir() or staging / "a.html", "new")
    ...     _ = write_atomic(out.mkdir() or out / "notes.txt", "mine")
    ...     move_into_place(staging, out)
    ...     sorted(p.name for p in out.iterdir()), staging.exists()
    (['a.html', 'notes.txt'], False)
    """
    os.chmod(staging, 0o755)  # mkdtemp makes it private; handouts are for sharing
    if not out.exists():
        os.rename(staging, out)
        return
    if all(entry.is_file() and _GENERATED.fullmatch(entry.name) for entry in out.iterdir()):
        previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.previous-", dir=out.parent))
        previous.rmdir()
        os.rename(out, previous)
        try:
            os.rename(staging, out)
        except BaseException:
            os.rename(previous, out)
            raise
        shutil.rmtree(previous, ignore_errors=True)
        return
    for entry in sorted(staging.iterdir()):
        os.replace(entry, out / entry.name)
    staging.rmdir()


_move_into_place = move_into_place  # the name the handout builder used before the split
