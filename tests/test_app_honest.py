"""An honest dashboard server (issue 25, items 13 and 14): a content error is told to the learner
plainly and logged for the instructor; a bad ``--host`` is one line; SIGHUP stops the server as
SIGTERM does, and a ``pannet-edu app`` killed outright does not leave Voila, its kernels and its
token running."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_run import run

from pannet_edu import app
from pannet_edu.content import ContentError


def _broken_tool():
    raise ContentError("trials.csv", "RADIANT-3 / all", "hr", "must be above 0, got -1")


def test_a_content_error_is_told_plainly_and_logged_for_the_instructor(caplog):
    broken = app.AppTool("broken", "Trial explorer", f"{__name__}:_broken_tool")
    with caplog.at_level(logging.ERROR, logger="pannet_edu.app"):
        board = app.dashboard((app.TOOLS[0], broken), lazy=True)
        board.children[1].selected_index = 1
    shown = board.children[1].children[1].children[0].value
    assert "content files has a mistake" in shown and "tell your instructor" in shown
    assert "Reload the page" not in shown and "RADIANT" not in shown  # no file internals
    assert "trials.csv: entry RADIANT-3 / all, field hr: must be above 0" in caplog.text


@pytest.mark.parametrize("host", ["999.1.1.1", "10.255.255.254"])
def test_a_bad_host_is_one_line_before_any_server_starts(monkeypatch, capsys, host):
    started = []
    monkeypatch.setattr(app, "serve", lambda command, env: started.append(command) or 0)
    code, _, err = run(capsys, "app", "--host", host, "--no-browser", "--no-warm")
    assert code == 2 and not started
    assert len(err.strip().splitlines()) == 1 and f"--host {host}" in err


FAKE_VOILA = """
import os, signal, sys, time
from pathlib import Path
marks = Path(sys.argv[1])
(marks / "pid").write_text(str(os.getpid()))
signal.signal(signal.SIGTERM, lambda *a: ((marks / "stopped").write_text("yes"), sys.exit(0)))
time.sleep(120)
"""


def test_sighup_stops_the_server_as_sigterm_does(tmp_path):
    serve = subprocess.Popen([
        sys.executable, "-c",
        "import os, sys; from pannet_edu import app; "
        f"sys.exit(app.serve([sys.executable, '-c', {FAKE_VOILA!r}, {str(tmp_path)!r}], "
        "dict(os.environ)))",
    ])
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "pid").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # the handlers are in place once the child runs
        serve.send_signal(signal.SIGHUP)
        assert serve.wait(timeout=30) == 0
        assert (tmp_path / "stopped").read_text() == "yes"
    finally:
        if serve.poll() is None:
            serve.kill()
        if (tmp_path / "pid").exists():
            _kill(int((tmp_path / "pid").read_text()))


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _launch_helpers():
    """benchmarks/_launch.py (process ids from /proc), as the browser tests load it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "pannet_launch_helpers", Path(__file__).resolve().parents[1] / "benchmarks" / "_launch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads process ids from /proc")
def test_a_killed_app_does_not_leave_voila_running(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), PANNET_FIGURE_CACHE="off")
    server = subprocess.Popen(
        [sys.executable, "-m", "pannet_edu.cli", "app", "--no-browser", "--no-warm",
         "--pool", "0", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    launch = _launch_helpers()
    voila: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, "the app stopped before it served"
                time.sleep(0.5)
        voila = launch.children(server.pid)
        assert voila, "no Voila process found under the app"
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        deadline = time.monotonic() + 60
        while any(launch.alive(pid) for pid in voila) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not any(launch.alive(pid) for pid in voila), "Voila outlived the killed app"
    finally:
        if server.poll() is None:
            server.kill()
        for pid in voila:
            if launch.alive(pid):
                for kernel in launch.children(pid):
                    _kill(kernel)
                _kill(pid)
