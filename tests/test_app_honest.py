"""An honest dashboard server: a content error is told to the learner plainly and logged for the
instructor; a bad ``--host`` is one line; SIGHUP stops the server as SIGTERM does, and the server
is the ``pannet-edu app`` process itself, so nothing is left running when it is killed."""

from __future__ import annotations

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
    from pannet_edu.app import server

    started = []
    monkeypatch.setattr(server, "run", lambda *args: started.append(args) or 0)
    code, _, err = run(capsys, "app", "--host", host, "--no-browser", "--no-warm")
    assert code == 2 and not started
    assert len(err.strip().splitlines()) == 1 and f"--host {host}" in err


def _launch_helpers():
    """benchmarks/_launch.py (free ports, process ids from /proc), as the browser tests load it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "pannet_launch_helpers", Path(__file__).resolve().parents[1] / "benchmarks" / "_launch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_app_is_one_process_and_sighup_stops_it_and_frees_its_port(tmp_path):
    """The dashboard server runs in the `pannet-edu app` process itself (no server or kernel
    processes under it to outlive it); SIGHUP (a closed terminal) stops it as SIGTERM and Ctrl-C
    do (those two: tests/browser/test_accessibility.py)."""
    launch = _launch_helpers()
    port = launch.free_port()
    env = dict(os.environ, PANNET_FIGURE_CACHE="off")
    server = subprocess.Popen(
        [sys.executable, "-m", "pannet_edu.cli", "app", "--no-browser", "--no-warm",
         "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, "the app stopped before it served"
                time.sleep(0.2)
        assert not launch.children(server.pid) or not Path("/proc").exists()
        server.send_signal(signal.SIGHUP)
        assert server.wait(timeout=30) == 0
        assert launch.port_free(port)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
