"""Starting things on this computer for the benchmarks and the real-browser tests: free ports,
the processes a server started, and Debian's Chromium through Playwright.

One home for the launch code that `benchmarks/loadtest.py`, `benchmarks/lab_run_all.py` and every
module in `tests/browser/` use. Chromium is the system browser (``/usr/bin/chromium``, or
``PANNET_EDU_CHROMIUM``), never one downloaded by ``playwright install``; everything binds to
127.0.0.1. JupyterLab is started by :func:`lab_command` with Jupyter's settings kept in a temporary
home (:func:`isolated_jupyter_env`), as a :class:`Server` in its own process group.

>>> port = free_port()
>>> 1024 < port < 65536 and port_free(port)
True
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pannet_edu.publish.pdf import CHROMIUM_FLAGS

#: The system Chromium (Debian/Ubuntu: ``apt-get install chromium``).
CHROMIUM = Path(os.environ.get("PANNET_EDU_CHROMIUM", "/usr/bin/chromium"))
#: The PDF printer's flags (no sandbox: containers run as root; nothing fetched in the background)
#: without ``--headless``, which Playwright sets itself.
CHROMIUM_ARGS = tuple(flag for flag in CHROMIUM_FLAGS if flag != "--headless")


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


class ServerFailed(RuntimeError):
    """A server this code started exited early or did not answer in time (its log included)."""


class Server:
    """A server process started here, in its own process group, logged to a file.

    The group is what :meth:`terminate` signals, so a server's kernels go with it. Call
    :meth:`terminate` then :meth:`wait_stopped` in a ``finally``.
    """

    def __init__(self, command: Sequence[str], cwd: Path, env: dict[str, str], log: Path,
                 start_timeout: float = 60.0) -> None:
        self.log = log
        self.start_timeout = start_timeout  # seconds; two shared cores can be slow
        self._log_file = log.open("w")
        self.process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self, port: int, status_url: str | None = None) -> None:
        """Wait for the port to accept connections (and ``status_url`` to answer 200).

        Raises :class:`ServerFailed` if the process exits first or ``start_timeout`` passes.
        """
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(
                    f"server exited early ({self.process.returncode}):\n{self.log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    pass
                if status_url is None:
                    return
                with urllib.request.urlopen(status_url, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise ServerFailed(f"server not up after {self.start_timeout:g} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def terminate(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the group this code started

    def wait_stopped(self) -> None:
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        self._log_file.close()


def isolated_jupyter_env(home: Path) -> dict[str, str]:
    """This process's environment with Jupyter's config, settings, workspaces and runtime files
    under ``home`` (created), the news pop-up off and matplotlib headless, so a server started
    here never reads or writes the user's Jupyter settings.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     env = isolated_jupyter_env(Path(tmp))
    ...     env["JUPYTER_CONFIG_DIR"].startswith(tmp), env["MPLBACKEND"]
    (True, 'Agg')
    """
    config = home / "config"
    (config / "labconfig").mkdir(parents=True)
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        MPLBACKEND="Agg",
    )
    return env


def lab_command(port: int, token: str, root_dir: Path) -> list[str]:
    """JupyterLab from this interpreter's environment on 127.0.0.1:``port`` with ``token``,
    serving ``root_dir``, no browser, ``window.jupyterapp`` exposed for Playwright, no update or
    news checks (no network), ``--allow-root`` only when running as root.

    >>> command = lab_command(8888, "abc", Path("/tmp/lessons"))
    >>> command[1:4], "--ip=127.0.0.1" in command, "--IdentityProvider.token=abc" in command
    (['-m', 'jupyter', 'lab'], True, True)
    >>> ("--allow-root" in command) == (os.geteuid() == 0)
    True
    """
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser",
        "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}", "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command
