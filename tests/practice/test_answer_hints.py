"""In a real kernel, an unquoted answer in an exercise notebook gets a message, not a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

jupyter_client = pytest.importorskip("jupyter_client")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kernel():
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    manager, client = jupyter_client.manager.start_new_kernel(kernel_name="python3", env=env)
    try:
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def _run(client, code: str) -> tuple[str, str]:
    """(error text shown, stdout) for one cell."""
    client.execute(code)
    error, out = "", ""
    while True:
        msg = client.get_iopub_msg(timeout=60)
        kind, content = msg["msg_type"], msg["content"]
        if kind == "error":
            error += "\n".join(content["traceback"])
        elif kind == "stream":
            out += content["text"]
        elif kind == "status" and content["execution_state"] == "idle":
            return error, out


def test_unquoted_answers_are_explained_and_other_errors_are_not_hidden(kernel):
    assert _run(kernel, "from pannet_edu.practice.exercises import check")[0] == ""
    for line, typed in (("answer = NET G3", "NET G3"), ("answer = G3", "G3"),
                        ("answer = small-cell NEC  # my answer", "small-cell NEC")):
        error, _ = _run(kernel, line)
        assert f'answer = "{typed}"' in error and "Put the answer in quotes" in error, error
        assert "Traceback" not in error and "invalid syntax" not in error
    error, _ = _run(kernel, "x = 1 +* 2")
    assert "SyntaxError" in error  # not an answer line: Python's own message
    error, _ = _run(kernel, "y = no_such_name")
    assert "NameError" in error
    error, out = _run(kernel, 'answer = "G3 NET"\nprint(check("grade-1", answer).correct)')
    assert error == "" and out.strip() == "True"
