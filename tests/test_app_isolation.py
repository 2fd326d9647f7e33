"""Learners share one dashboard server process: two sessions driven at the same time never see
each other's inputs, tabs or results, and an exception in one session does not disturb the other.

A real `pannet-edu app` on a free port; each learner is a protocol-level page (the load test's
client, benchmarks/loadtest.py, replaying a recorded real session), so the test reads every
message the server sent to each session.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 90  # seconds for the whole exchange: two shared cores can be slow


def _loadtest():
    """benchmarks/loadtest.py, loaded by path (as the browser tests load benchmarks/_launch.py)."""
    if "pannet_loadtest" not in sys.modules:
        spec = importlib.util.spec_from_file_location("pannet_loadtest",
                                                      ROOT / "benchmarks" / "loadtest.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["pannet_loadtest"] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["pannet_loadtest"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    pytest.importorskip("solara")
    loadtest = _loadtest()
    server = loadtest.AppServer(tmp_path_factory.mktemp("isolation") / "app.log")
    try:
        server.wait_until_up()
        yield loadtest, server
    finally:
        server.stop()


def _run(coroutine):
    """asyncio.run in a thread of its own (the browser tests keep a loop in the main thread)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(coroutine, TIMEOUT)).result()


def _tab_widget(page) -> str:
    return next(comm for comm, state in page.states.items()
                if state.get("_model_name") == "TabModel")


async def _two_learners(loadtest, server):
    from tornado.httpclient import AsyncHTTPClient

    recording = json.loads(loadtest.RECORDING.read_text())
    http = AsyncHTTPClient()
    a = loadtest.Page(server.base, server.token, recording, http)
    b = loadtest.Page(server.base, server.token, recording, http)
    try:
        await asyncio.gather(a.load(assets=False), b.load(assets=False))
        await asyncio.gather(a.connect(), b.connect())
        await asyncio.gather(a.first_tool(), b.first_tool())
        # At the same time: A types a Ki-67 of 47.25 (G3), B one of 1.75 (G1).
        a.update(a.widget("Ki-67 (%)"), {"value": "47.25"})
        b.update(b.widget("Ki-67 (%)"), {"value": "1.75"})
        cards = await asyncio.gather(a.card_with("47.25"), b.card_with("1.75"))
        # A opens the case player; B stays on the grading calculator.
        tabs = _tab_widget(a)
        a.update(tabs, {"selected_index": a.states[tabs]["titles"].index("Case player")})
        await a.until(lambda msg: msg.get("content", {}).get("data", {}).get("state", {})
                      .get("description") == "Your choice")
        # A's session raises (a number where the box holds text); B goes on working, and so
        # does A.
        a.update(a.widget("Mitoses per 2 mm²"), {"value": 12345})
        b.update(b.widget("Mitoses per 2 mm²"), {"value": "3"})
        after_error = await b.card_with("NET G2")
        a.update(a.widget("Ki-67 (%)"), {"value": "2.25"})
        a_after = await a.card_with("2.25")
        return a, b, cards, after_error, a_after
    finally:
        a.close()
        b.close()
        http.close()


def _contents(page) -> str:
    """What the server sent the page, without the message headers: a header's time stamp
    ("16:47:21.750261") would otherwise hold "1.75" and fail the test by chance."""
    return "\n".join(json.dumps(json.loads(frame).get("content", {}), ensure_ascii=False)
                     for frame in page.frames)


def test_two_sessions_at_once_never_see_each_others_inputs_and_an_error_stays_in_its_session(
        served):
    loadtest, server = served
    a, b, (card_a, card_b), b_after_error, a_after_error = _run(_two_learners(loadtest, server))
    assert "NET G3" in card_a and "NET G1" in card_b
    assert "3 mitoses per 2 mm²" in b_after_error and "1.75" in b_after_error
    assert "NET G1" in a_after_error
    a_text, b_text = _contents(a), _contents(b)
    assert "47.25" in a_text and "47.25" not in b_text  # A's input never reaches B
    assert "1.75" in b_text and "1.75" not in a_text  # nor B's A
    assert "Your choice" in a_text and "Your choice" not in b_text  # A's tab stays A's
    assert not set(a.opened) & set(b.opened)  # no widget is shared by the two sessions
    assert "Traceback" not in b_text and "12345" not in b_text
    assert "TraitError" in server.log.read_text()  # A's session did raise (in the server's log)
    # Each session wrote its messages itself (Solara's synchronous websocket writes, the cheap
    # path a room needs): Solara logs a warning when it has to fall back to the event loop.
    assert "sync_ws_write requested but unavailable" not in server.log.read_text()
    assert "DeprecationWarning" not in server.log.read_text()  # no noise in the console


async def _abandoned_then_fresh(loadtest, server, abandoned: int):
    """``abandoned`` pages open their session and leave before it is built (a reload after a
    second, as a class does when a page is slow); then one learner opens the dashboard."""
    import time

    from tornado.httpclient import AsyncHTTPClient

    recording = json.loads(loadtest.RECORDING.read_text())
    http = AsyncHTTPClient()
    pages = [loadtest.Page(server.base, server.token, recording, http) for _ in range(abandoned)]
    try:
        await asyncio.gather(*(page.load(assets=False) for page in pages))
        await asyncio.gather(*(page.connect() for page in pages))
        for page in pages:
            page.close()  # gone before the page was built
        fresh = loadtest.Page(server.base, server.token, recording, http)
        started = time.monotonic()
        await fresh.load(assets=False)
        await fresh.connect()
        await fresh.first_tool()
        waited = time.monotonic() - started
        fresh.close()
        return waited
    finally:
        http.close()


def test_pages_abandoned_before_they_load_do_not_hold_up_the_next_learner(served):
    """Item 13 of the hub audit, held against the shared-process server: 30 pages left before
    they loaded cost the server no process each (one process serves every session, so nothing
    starts that a reload leaves running), add little memory, and the next learner still gets
    the first tool promptly (the old server started a kernel per page: +5.2 GB, and the next
    learner waited 71 s)."""
    import psutil

    loadtest, server = served
    process = psutil.Process(server.process.pid)
    before = process.memory_info().rss
    waited = _run(_abandoned_then_fresh(loadtest, server, 30))
    grown_mb = (process.memory_info().rss - before) / 2**20
    assert not process.children(recursive=True), "the server started processes for pages"
    assert grown_mb < 600, f"the server grew by {grown_mb:.0f} MB for 30 abandoned pages"
    assert waited < 60, f"the next learner waited {waited:.1f} s for the first tool"
