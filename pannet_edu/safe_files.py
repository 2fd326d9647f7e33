"""Writing and reading files safely in folders other people can write (a shared hub, Downloads).

The package's one home for touching files on disk:

- :func:`write_atomic` writes through an exclusive temporary file in the target's own folder
  (opened with ``O_EXCL`` and ``O_NOFOLLOW``, a random name), then renames it into place: a reader
  never sees half a file, a planted symbolic link is never followed, and a failure leaves the
  previous file as it was and no temporary file behind.
- :func:`check_replaceable` refuses a target that is a link, a device, a pipe or a folder: the
  toolkit replaces only regular files (``--out /dev/null`` as root must not replace the device).
- :func:`read_regular` reads a file only if it is a regular file, without following a link and
  without ever waiting on a named pipe.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     write_atomic(Path(folder) / "a.txt", "whole").read_text()
'whole'
>>> check_replaceable("/dev/null")
Traceback (most recent call last):
...
ValueError: /dev/null is a device, not a regular file; the toolkit only replaces files it writes
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

__all__ = ["TEMPORARY_SUFFIX", "check_replaceable", "file_kind", "read_regular", "write_atomic"]

#: Every temporary file the toolkit writes ends so: ``.<target name>.<random>.partial``.
TEMPORARY_SUFFIX = ".partial"

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What an ``st_mode`` is, in words: ``"a regular file"``, ``"a device"``, ...

    >>> file_kind(os.lstat("/dev/null").st_mode), file_kind(os.lstat(__file__).st_mode)
    ('a device', 'a regular file')
    """
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def check_replaceable(target: str | os.PathLike[str]) -> Path:
    """``target`` as a path, if nothing is there or a regular file is; else ``ValueError``.

    A link is refused even when it points to a regular file: replacing it would break a link
    someone made, and writing through it would write where the link points.

    >>> check_replaceable("no/such/file.txt").name
    'file.txt'
    """
    path = Path(target)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    if not stat.S_ISREG(mode):
        raise ValueError(
            f"{path} is {file_kind(mode)}, not a regular file; the toolkit only replaces files "
            "it writes"
        )
    return path


def write_atomic(target: str | os.PathLike[str], data: str | bytes, *, mode: int = 0o644,
                 only_regular: bool = True) -> Path:
    """Write ``data`` (text as UTF-8, or bytes) to ``target`` whole, through an exclusive
    temporary file in the same folder; returns the path.

    The temporary file has a random name and is created with ``O_EXCL | O_NOFOLLOW``, so a file
    or link another user planted under a guessed name is never opened; the rename replaces the
    target's name, never what a link points to. Any failure (a full disk, an interrupt) removes
    the temporary file and leaves ``target`` as it was.

    ``only_regular=False`` lets the write replace a link or a named pipe standing at ``target``
    (the name is replaced; nothing is written through it): for a folder of the toolkit's own,
    where such an entry can only be planted or damaged (a folder there is still refused).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = write_atomic(Path(folder) / "a.html", "<p>x</p>")
    ...     write_atomic(page, b"PK").read_bytes(), sorted(p.name for p in Path(folder).iterdir())
    (b'PK', ['a.html'])
    """
    path = check_replaceable(target) if only_regular else Path(target)
    if not only_regular and os.path.isdir(path) and not os.path.islink(path):
        raise ValueError(f"{path} is a folder, not a regular file; it is left as it is")
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    temporary = path.parent / f".{path.name[:80]}.{secrets.token_hex(8)}{TEMPORARY_SUFFIX}"
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
            os.fchmod(stream.fileno(), mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


def read_regular(path: str | os.PathLike[str], *, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Never follows a link and never waits: a named pipe is opened without blocking and refused.
    Raises ``OSError`` (missing, unreadable) or ``ValueError`` (not a regular file, too large).

    >>> read_regular(__file__, limit=1 << 20).startswith(b'"' * 3 + b"Writing")
    True
    >>> read_regular("/dev/null", limit=10)
    Traceback (most recent call last):
    ...
    ValueError: /dev/null is a device, not a regular file
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if os.path.islink(path):
            raise ValueError(f"{path} is a symbolic link, not a regular file") from None
        raise exc
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise ValueError(f"{path} is {file_kind(status.st_mode)}, not a regular file")
        data = stream.read(limit + 1) if status.st_size <= limit else b""
        if status.st_size > limit or len(data) > limit:
            raise ValueError(f"{path} is larger than {limit} bytes")
        return data
