"""Starting things on this computer for the benchmarks and the real-browser tests: free ports,
the processes a server started, and Debian's Chromium through Playwright.

One home for the launch code that `benchmarks/loadtest.py` and every module in `tests/browser/`
use. Chromium is the system browser (``/usr/bin/chromium``, or ``PANNET_EDU_CHROMIUM``), never one
downloaded by ``playwright install``; everything binds to 127.0.0.1.

>>> port = free_port()
>>> 1024 < port < 65536 and port_free(port)
True
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The system Chromium (Debian/Ubuntu: ``apt-get install chromium``).
CHROMIUM = Path(os.environ.get("PANNET_EDU_CHROMIUM", "/usr/bin/chromium"))
#: Headless, no sandbox (containers run as root), nothing fetched in the background.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_free(port: int) -> bool:
    """Whether a new server could bind ``port`` on 127.0.0.1 (as a restarted server would)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (read from /proc; empty where there is no /proc).

    >>> children(os.getpid()) == [] or all(isinstance(p, int) for p in children(os.getpid()))
    True
    """
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie.

    >>> alive(os.getpid())
    True
    """
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def chromium_missing() -> str | None:
    """Why a real-browser run cannot start (no Chromium, no Playwright), or ``None``."""
    if not CHROMIUM.is_file():
        return (f"no Chromium at {CHROMIUM} (Debian/Ubuntu: `apt-get install chromium`; "
                ".ci/run installs it)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python package playwright missing (pip install -e '.[test]')"
    return None


@contextmanager
def chromium() -> Iterator[object]:
    """A headless system Chromium (a Playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            yield browser
        finally:
            browser.close()
