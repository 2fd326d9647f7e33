"""Writing published files whole, and only over files the toolkit wrote.

Every publication (handouts, class sheets, learner notebooks) is written through
:func:`pannet_edu.safe_files.write_atomic`. A handouts build is written into a staging folder of
its own inside the output folder and moved out page by page when complete, so a full disk or an
interrupt leaves the previous version as it was. The folder may hold other files (a Downloads
folder): pannet-edu keeps a list of the pages it wrote there (:data:`OWNED_LIST`) and replaces only
those, never a file of the user's.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     write_atomic(Path(folder) / "a.txt", "whole").read_text()
'whole'
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import time
from pathlib import Path

from ..safe_files import read_regular, write_atomic

#: The file in a handouts folder that lists the pages pannet-edu wrote there, each with the
#: SHA-256 of what it wrote: a page is replaced only if it is listed and still holds those bytes.
OWNED_LIST = ".pannet-edu-handouts.json"
#: A build is written into ``<out>/.pannet-edu-partial-<process id>-<random>`` and moved out when
#: complete; a folder so named whose process has ended (or older than a day) is a killed build's.
STAGING_PREFIX = ".pannet-edu-partial-"
_STAGING = re.compile(re.escape(STAGING_PREFIX) + r"(?P<pid>\d+)-[0-9a-f]{16}")
#: The names of the pages a handouts build writes.
_GENERATED = re.compile(r"[^/]+\.(html|pdf)")


def output_folder(out_dir: object) -> Path:
    """Check a folder to write handouts into; raise ``ValueError`` saying why not.

    >>> output_folder("")
    Traceback (most recent call last):
    ...
    ValueError: the output folder must be named (got empty text)
    """
    if not isinstance(out_dir, str | os.PathLike):
        raise TypeError(f"out_dir must be a folder path, got {type(out_dir).__name__}")
    if not str(os.fspath(out_dir)).strip():
        raise ValueError("the output folder must be named (got empty text)")
    out = Path(out_dir).expanduser().absolute()
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} is a file, not a folder; give a folder for the handouts")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ValueError(f"{out}: {parent} is a file, so no folder can be made there")
    checked = out if out.exists() else parent
    if not os.access(checked, os.W_OK | os.X_OK):
        raise ValueError(f"{checked} is not writable; choose another folder for --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes, or ``None`` (missing, a link, a device, ...).

    >>> file_digest(Path("no/such/page.html")) is None
    True
    """
    try:
        return hashlib.sha256(read_regular(path, limit=1 << 30)).hexdigest()
    except (OSError, ValueError):
        return None


def owned_pages(out: Path) -> dict[str, list[str]]:
    """The pages pannet-edu wrote in ``out`` (name -> digests of what it wrote), from the list
    it keeps there; a missing, damaged or planted list (a link, a pipe) owns nothing.

    >>> owned_pages(Path("no/such/folder"))
    {}
    """
    try:
        listed = json.loads(read_regular(out / OWNED_LIST, limit=1 << 20))
    except (OSError, ValueError):
        return {}
    if not isinstance(listed, dict):
        return {}
    return {name: [d for d in digests if isinstance(d, str)] for name, digests in listed.items()
            if isinstance(name, str) and _GENERATED.fullmatch(name) and isinstance(digests, list)}


def not_ours(out: Path, names: list[str]) -> list[str]:
    """The names among ``names`` already in ``out`` that pannet-edu cannot prove it wrote: not
    listed as its own, changed since, or not a regular file (a link, a folder, a device).

    >>> not_ours(Path("no/such/folder"), ["index.html"])
    []
    """
    owned = owned_pages(out)
    return [name for name in names
            if os.path.lexists(out / name) and file_digest(out / name) not in owned.get(name, [])]


def remove_killed_builds(out: Path, *, now: float | None = None) -> list[Path]:
    """Remove the staging folders of builds killed before they could clean up (their process
    has ended, or they are over a day old); returns what was removed. Only folders named by the
    builder's own scheme, inside ``out``, are considered; a link is never followed.

    >>> remove_killed_builds(Path("no/such/folder"))
    []
    """
    now = time.time() if now is None else now
    removed = []
    with contextlib.suppress(OSError):
        for entry in out.iterdir():
            match = _STAGING.fullmatch(entry.name)
            if not match or entry.is_symlink() or not entry.is_dir():
                continue
            pid = int(match["pid"])
            if _process_alive(pid) and now - entry.stat().st_mtime < 86400:
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def remove_older_partials(out: Path, *, now: float | None = None) -> list[Path]:
    """Remove what builds of earlier versions left when killed: folders beside ``out`` named
    ``.<out name>.partial-<8 characters>`` (their staging scheme), over a day old, that hold only
    handout pages. Anything else, or a link, is left. Returns what was removed.

    >>> remove_older_partials(Path("no/such/folder"))
    []
    """
    now = time.time() if now is None else now
    scheme = re.compile(re.escape(f".{out.name}.partial-") + r"[a-z0-9_]{8}")
    removed = []
    with contextlib.suppress(OSError):
        for entry in out.parent.iterdir():
            if (not scheme.fullmatch(entry.name) or entry.is_symlink() or not entry.is_dir()
                    or now - entry.lstat().st_mtime < 86400):
                continue
            if all(page.is_file() and not page.is_symlink() and _GENERATED.fullmatch(page.name)
                   for page in entry.iterdir()):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0
    return True


def start_staging(out: Path) -> Path:
    """A new, private staging folder inside ``out`` (created if missing), named by the builder's
    scheme; killed builds' staging folders found there are removed first."""
    remove_killed_builds(out)
    remove_older_partials(out)
    staging = out / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(8)}"
    staging.mkdir(mode=0o700)
    return staging


def move_into_place(staging: Path, out: Path) -> list[Path]:
    """Move a complete build from ``staging`` (inside ``out``) into ``out``, page by page, and
    record each page as pannet-edu's own; returns the other entries of ``out``, which were kept.

    Every page the build replaces must be one pannet-edu wrote and nobody changed since
    (:func:`not_ours`); otherwise nothing is moved and ``ValueError`` names the files.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = Path(folder)
    ...     _ = write_atomic(out / "notes.txt", "mine")
    ...     staging = start_staging(out)
    ...     _ = write_atomic(staging / "a.html", "new")
    ...     kept = move_into_place(staging, out)
    ...     sorted(p.name for p in out.iterdir()), [p.name for p in kept]
    (['.pannet-edu-handouts.json', 'a.html', 'notes.txt'], ['notes.txt'])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = Path(folder)
    ...     _ = write_atomic(out / "index.html", "a page of the user's")
    ...     staging = start_staging(out)
    ...     _ = write_atomic(staging / "index.html", "new")
    ...     move_into_place(staging, out)
    Traceback (most recent call last):
    ...
    ValueError: ... holds index.html, which pannet-edu did not
    write (or which was changed since); move it away or choose another folder; nothing was replaced
    """
    pages = sorted(entry.name for entry in staging.iterdir())
    foreign = not_ours(out, pages)
    if foreign:
        raise ValueError(
            f"{out} holds {', '.join(foreign[:5])}{' ...' if len(foreign) > 5 else ''}, which "
            "pannet-edu did not write (or which was changed since); move it away or choose "
            "another folder; nothing was replaced"
        )
    owned = owned_pages(out)
    new = {name: file_digest(staging / name) for name in pages}
    # Listed before the move with old and new digests, so a move cut short (kill -9) leaves
    # every page provably ours; listed again after with the new digests only.
    during = {**owned, **{name: [*owned.get(name, [])[-1:], digest]
                          for name, digest in new.items()}}
    write_atomic(out / OWNED_LIST, json.dumps(during, indent=1, sort_keys=True))
    os.chmod(staging, 0o755)
    for name in pages:
        os.replace(staging / name, out / name)
    staging.rmdir()
    write_atomic(out / OWNED_LIST,
                 json.dumps({**owned, **{n: [d] for n, d in new.items()}}, indent=1,
                            sort_keys=True))
    return sorted(entry for entry in out.iterdir()
                  if entry.name not in new and entry.name != OWNED_LIST
                  and not _STAGING.fullmatch(entry.name))
