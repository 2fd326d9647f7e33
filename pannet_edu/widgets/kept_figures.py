"""Live figures kept on disk between kernels, drawn ahead of the learners, and pruned.

A forest plot or case timeline takes 100-200 ms to draw in a fresh kernel; read back from disk
it takes under a millisecond. :func:`kept_figure_html` keeps each figure a kernel draws, keyed by
the data it shows and the code that draws it, so the next kernel (the next learner of a class on
one server) reads it. :mod:`pannet_edu.widgets.warm` draws every figure a learner can reach in
those tools before anyone asks (``pannet-edu warm``; ``pannet-edu app`` and ``make lab`` start it
in the background), so even the first learner's first view is read, not drawn.

Figures live in ``<folder>/<code digest>/<data digest>.html``: a new version of the code or of
matplotlib writes a new sub-folder, and :func:`prune_kept_figures` removes the old ones.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

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


def kept_figure_html(data: bytes, draw: Callable[[], str | None]) -> str | None:
    """A live figure's HTML, kept on disk under a digest of ``data`` (everything the figure is
    drawn from: the rows or case it shows, and the names and colours it uses) and of the code
    that draws it. A figure one kernel drew is read back by the next (a class opening the same
    tool), and changed data or code gives a new digest, so a stale figure is never shown.
    ``draw`` makes the HTML when none is kept; any disk error just means drawing it.

    >>> kept_figure_html(b"example", lambda: "<img>")
    '<img>'
    """
    folder = current_folder()
    if folder is None:
        return draw()
    key = hashlib.sha256(code_fingerprint().encode() + b"\0" + data).hexdigest()
    path = folder / f"{key}.html"
    try:
        return path.read_text(encoding="utf-8") or None
    except OSError:
        pass
    html = draw()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{key}.{os.getpid()}.tmp"
        partial.write_text(html or "", encoding="utf-8")
        os.replace(partial, path)  # atomic: another kernel never reads half a figure
    except OSError:
        pass
    return html


def prune_kept_figures(keep_days: float = KEEP_OLD_DAYS, *, now: float | None = None) -> int:
    """Remove the kept figures of older code versions (sub-folders other than the current one,
    and loose files of the older flat layout) not written to for ``keep_days`` days, and
    half-written files older than a day. Returns the number of sub-folders removed; the current
    version's figures are never touched.

    >>> os.environ["PANNET_FIGURE_CACHE"] = "off"
    >>> prune_kept_figures()
    0
    >>> del os.environ["PANNET_FIGURE_CACHE"]
    """
    if isinstance(keep_days, bool) or not isinstance(keep_days, int | float) or keep_days < 0:
        raise ValueError(f"keep_days must be a number of days (0 or more), got {keep_days!r}")
    folder, current = figure_cache_dir(), current_folder()
    if folder is None or not folder.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    for entry in folder.iterdir():
        try:
            age_days = (now - entry.stat().st_mtime) / 86400
            if entry.is_dir() and entry != current and age_days >= keep_days:
                shutil.rmtree(entry)
                removed += 1
            elif entry.is_file() and age_days >= keep_days:  # figures of the older flat layout
                entry.unlink()
            elif entry.is_dir() and entry == current:
                for partial in entry.glob(".*.tmp"):
                    if (now - partial.stat().st_mtime) / 86400 >= 1:
                        partial.unlink()
        except OSError:  # another process removed it first, or it cannot be removed: leave it
            continue
    return removed
