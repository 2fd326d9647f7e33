"""Live figures kept on disk between kernels, drawn ahead of the learners, and pruned.

A forest plot or case timeline takes 100-200 ms to draw in a fresh kernel; read back from disk
it takes under a millisecond. :func:`kept_figure_html` keeps each figure a kernel draws, keyed by
the data it shows and the code that draws it, so the next kernel (the next learner of a class on
one server) reads it. :mod:`pannet_edu.widgets.warm` draws every figure a learner can reach in
those tools before anyone asks (``pannet-edu warm``; ``pannet-edu app`` and ``make lab`` start it
in the background), so even the first learner's first view is read, not drawn.

Figures live in ``<folder>/<code digest>/<data digest>.figure`` as PNG bytes and alt text, never
as HTML: the folder may be shared by a class (a hub), so what is read from it is checked and the
page is built here with the alt text escaped. A new version of the code or of matplotlib writes a
new sub-folder, and :func:`prune_kept_figures` removes the old ones, and nothing else.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..content.fields import short_repr
from ..display import figure_html
from ..safe_files import TEMPORARY_SUFFIX, read_regular, write_atomic
from ._base import FIGURE_DPI

#: Environment variable naming the folder where live figures are kept between kernels ("off":
#: no folder, draw every figure in each kernel). Default: the user's cache folder.
FIGURE_CACHE_ENV = "PANNET_FIGURE_CACHE"
#: Sub-folders of an older code version untouched this many days are removed by the next warm.
KEEP_OLD_DAYS = 7

_CODE_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    """A digest of everything besides the data that changes a drawn figure: the package's code
    (plots, widgets and the labels and number formats they call), matplotlib's version and the
    live figures' resolution.

    >>> len(code_fingerprint())
    64
    """
    global _CODE_FINGERPRINT
    if _CODE_FINGERPRINT is None:
        import matplotlib

        package = Path(__file__).resolve().parents[1]
        digest = hashlib.sha256(f"{matplotlib.__version__} {FIGURE_DPI}".encode())
        for source in sorted(package.rglob("*.py")):
            digest.update(str(source.relative_to(package)).encode() + source.read_bytes())
        _CODE_FINGERPRINT = digest.hexdigest()
    return _CODE_FINGERPRINT


def figure_cache_dir() -> Path | None:
    """The folder of kept figures (``None`` when turned off with ``PANNET_FIGURE_CACHE=off``).

    >>> os.environ["PANNET_FIGURE_CACHE"] = "off"
    >>> figure_cache_dir() is None
    True
    >>> del os.environ["PANNET_FIGURE_CACHE"]
    """
    setting = os.environ.get(FIGURE_CACHE_ENV, "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "pannet-edu" / "figures"


def current_folder() -> Path | None:
    """The sub-folder of the kept figures this version of the code reads and writes."""
    folder = figure_cache_dir()
    return None if folder is None else folder / code_fingerprint()[:16]


#: A kept figure: ``<64 hex digits>.figure``, JSON ``{"alt": text, "png": base64}``.
FIGURE_SUFFIX = ".figure"
_FIGURE_NAME = re.compile(r"[0-9a-f]{64}\.figure")
#: Names the toolkit wrote in a version's sub-folder, in this layout and the older ones (a raw
#: ``.html`` figure and its ``.<key>.<pid>.tmp``): pruning removes these names only.
_OWN_NAMES = re.compile(r"[0-9a-f]{64}\.(figure|html)"
                        r"|\.[0-9a-f]{64}\.(\d+\.tmp|figure\.[0-9a-f]{16}"
                        + re.escape(TEMPORARY_SUFFIX) + ")")
_HALF_WRITTEN = re.compile(r"\.[0-9a-f]{64}\..*(\.tmp|" + re.escape(TEMPORARY_SUFFIX) + ")")
_VERSION_FOLDER = re.compile(r"[0-9a-f]{16}")
_FLAT_FIGURE = re.compile(r"[0-9a-f]{64}\.html")
_PNG_START = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
#: Larger than any figure the tools draw (about 30-150 kB); a larger file is not a kept figure.
_MAX_BYTES = 8 << 20
_MAX_ALT = 4000


@dataclass
class KeepCounts:
    """What this process did with kept figures: read back, drawn, written, and failed writes
    (with the last reason), for ``pannet-edu warm``'s report."""

    read: int = 0
    drawn: int = 0
    written: int = 0
    failed: int = 0
    replaced: int = 0
    last_error: str = ""


#: This process's counts (one warm process reads them; a kernel only adds to them).
COUNTS = KeepCounts()


def figure_bytes(image: tuple[bytes, str] | None) -> bytes:
    """The file kept for a figure: its PNG and alt text as JSON (both null: a view without a
    figure, kept too so that it is not asked again).

    >>> parse_figure(figure_bytes((_PNG_START + _PNG_END, "A plot")))[1]
    'A plot'
    >>> parse_figure(figure_bytes(None)) is None
    True
    """
    if image is None:
        return b'{"alt": null, "png": null}'
    png, alt = image
    return json.dumps({"alt": alt, "png": base64.b64encode(png).decode("ascii")}).encode()


def parse_figure(data: bytes) -> tuple[bytes, str] | None:
    """The (PNG bytes, alt text) of a kept figure file (``None``: a view without a figure);
    ``ValueError`` for anything else: not JSON or UTF-8, other keys, an alt text that is not
    text, or bytes that are not a whole PNG (a truncated file lacks the PNG's end).

    >>> parse_figure(b'{"alt": "x", "png": "PHNjcmlwdD4="}')
    Traceback (most recent call last):
    ...
    ValueError: a kept figure must hold a whole PNG image
    """
    try:
        kept = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("a kept figure must be JSON text") from None
    if not isinstance(kept, dict) or set(kept) != {"alt", "png"}:
        raise ValueError("a kept figure must have exactly the fields alt and png")
    alt, encoded = kept["alt"], kept["png"]
    if alt is None and encoded is None:
        return None
    if not isinstance(alt, str) or not alt.strip() or len(alt) > _MAX_ALT:
        raise ValueError(f"a kept figure's alt text must be text of 1 to {_MAX_ALT} characters")
    try:
        png = base64.b64decode(encoded, validate=True) if isinstance(encoded, str) else b""
    except binascii.Error:
        png = b""
    if not (png.startswith(_PNG_START) and png.endswith(_PNG_END)):
        raise ValueError("a kept figure must hold a whole PNG image")
    return png, alt


def kept_figure_html(data: bytes, draw: Callable[[], tuple[bytes, str] | None]) -> str | None:
    """A live figure's HTML, built here from a kept (PNG, alt text) pair under a digest of
    ``data`` (everything the figure is drawn from: the rows or case it shows, and the names and
    colours it uses) and of the code that draws it. A figure one kernel drew is read back by
    the next (a class opening the same tool); changed data or code gives a new digest, so a
    stale figure is never shown. ``draw`` returns (PNG bytes, alt text) when none is kept.

    The folder may be shared: a kept file is read only if it is a regular file holding a whole
    PNG and an alt text (never HTML from disk: the page is built here, the alt text escaped);
    anything else (a pipe, a folder, a link, truncated or foreign bytes) is drawn again and
    replaced. Any disk error just means drawing it.

    >>> os.environ["PANNET_FIGURE_CACHE"] = "off"
    >>> kept_figure_html(b"example", lambda: (b"x", 'Bands "G1"'))[:31]
    '<img alt="Bands &quot;G1&quot;"'
    >>> del os.environ["PANNET_FIGURE_CACHE"]
    """
    folder = current_folder()
    if folder is None:
        return _html(draw())
    key = hashlib.sha256(code_fingerprint().encode() + b"\0" + data).hexdigest()
    path = folder / f"{key}{FIGURE_SUFFIX}"
    corrupt = False
    try:
        image = parse_figure(read_regular(path, limit=_MAX_BYTES))
        COUNTS.read += 1
        return _html(image)
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        corrupt = True  # a planted or damaged entry: drawn again, and replaced if it can be
    image = draw()
    COUNTS.drawn += 1
    try:
        if folder.is_symlink():
            raise ValueError(f"{folder} is a symbolic link; figures are not kept through it")
        folder.mkdir(parents=True, exist_ok=True)
        # In the version's own folder a link or pipe at a figure's name was planted: replaced.
        write_atomic(path, figure_bytes(image), only_regular=False)
        COUNTS.written += 1
        COUNTS.replaced += corrupt
    except (OSError, ValueError) as exc:
        COUNTS.failed += 1
        COUNTS.last_error = str(exc.strerror if isinstance(exc, OSError) and exc.strerror
                                else exc)
    return _html(image)


def _html(image: tuple[bytes, str] | None) -> str | None:
    return None if image is None else figure_html(*image)


def kept_count(folder: Path | None) -> int:
    """How many kept figures ``folder`` holds, counting only whole ones.

    >>> kept_count(None)
    0
    """
    if folder is None or folder.is_symlink() or not folder.is_dir():
        return 0
    count = 0
    for entry in folder.iterdir():
        if _FIGURE_NAME.fullmatch(entry.name):
            try:
                parse_figure(read_regular(entry, limit=_MAX_BYTES))
                count += 1
            except (OSError, ValueError):
                continue
    return count


def prune_kept_figures(keep_days: float = KEEP_OLD_DAYS, *, now: float | None = None) -> int:
    """Remove the kept figures of older code versions not written to for ``keep_days`` days, and
    half-written files older than a day. Returns the number of version sub-folders removed; the
    current version's figures are never touched.

    The folder may be shared (a hub's course folder): only what the toolkit wrote is removed,
    known by its own naming scheme. A version sub-folder is 16 hex digits (a real folder, not a
    link) and only files named as kept figures are removed from it; it goes only once empty, so
    a file of anyone else's keeps it. Any other entry (``student_submissions/``, a syllabus) is
    never touched.

    >>> os.environ["PANNET_FIGURE_CACHE"] = "off"
    >>> prune_kept_figures()
    0
    >>> del os.environ["PANNET_FIGURE_CACHE"]
    """
    if isinstance(keep_days, bool) or not isinstance(keep_days, int | float) or not (
            0 <= keep_days <= 36500):
        raise ValueError(f"keep_days must be a number of days from 0 to 36500, got "
                         f"{short_repr(keep_days)}")
    folder, current = figure_cache_dir(), current_folder()
    if folder is None or not folder.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    for entry in folder.iterdir():
        try:
            age_days = (now - entry.lstat().st_mtime) / 86400
            if entry.is_symlink():
                continue
            if entry.is_dir() and _VERSION_FOLDER.fullmatch(entry.name):
                if entry == current:
                    _remove_own(entry, _HALF_WRITTEN, now - 86400)
                elif age_days >= keep_days:
                    _remove_own(entry, _OWN_NAMES, now)
                    entry.rmdir()  # only if nothing else is left in it
                    removed += 1
            elif _FLAT_FIGURE.fullmatch(entry.name) and entry.is_file() and age_days >= keep_days:
                entry.unlink()  # a figure of the older flat layout
        except OSError:  # removed by another process first, or not removable: leave it
            continue
    return removed


def _remove_own(folder: Path, names: re.Pattern[str], older_than: float) -> None:
    """Remove the regular files in ``folder`` whose names match ``names``, written before
    ``older_than`` (a time stamp)."""
    for entry in folder.iterdir():
        with contextlib.suppress(OSError):
            status = entry.lstat()
            if (names.fullmatch(entry.name) and stat.S_ISREG(status.st_mode)
                    and status.st_mtime <= older_than):
                entry.unlink()
