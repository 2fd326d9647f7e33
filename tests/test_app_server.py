"""The dashboard server's own layers, without a server: the token gate refuses every request
without the token and moves a token from the address into a cookie; the page is compressed once
and the kept bytes sent to every learner; Solara's page is adapted (zoom allowed, language,
connection-lost watch first)."""

from __future__ import annotations

import asyncio
import gzip

from pannet_edu.app import server, tuning

TOKEN = "t" * 24


def _call(app, scope: dict) -> tuple[dict, bytes]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app({"type": "http", "method": "GET", "path": "/", "query_string": b"",
                     "headers": [], "root_path": "", **scope}, receive, send))
    start = next(m for m in sent if m["type"] in ("http.response.start", "websocket.close"))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start, body


def _inner(calls: list):
    async def app(scope, receive, send):
        calls.append(scope)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"<html>" + b"x" * 5000})
    return app


def test_the_gate_refuses_every_request_without_the_token():
    calls: list = []
    gate = server.TokenGate(_inner(calls), TOKEN)
    for scope in ({}, {"path": "/static/assets/custom.css"},
                  {"query_string": f"token={TOKEN[:-1]}x".encode()},
                  {"headers": [(b"cookie", f"{server.cookie_name(TOKEN)}=wrong".encode())]}):
        start, _ = _call(gate, scope)
        assert start["status"] == 403, scope
    start, _ = _call(gate, {"type": "websocket", "path": "/jupyter/api/kernels/x/channels"})
    assert start == {"type": "websocket.close", "code": 1008}
    assert not calls


def test_the_token_in_the_address_becomes_a_cookie_and_leaves_the_address():
    calls: list = []
    gate = server.TokenGate(_inner(calls), TOKEN)
    start, _ = _call(gate, {"query_string": f"token={TOKEN}&x=1".encode()})
    headers = dict(start["headers"])
    assert start["status"] == 303 and headers[b"location"] == b"/?x=1"
    cookie = headers[b"set-cookie"].decode()
    assert cookie.startswith(f"{server.cookie_name(TOKEN)}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    start, body = _call(gate, {"headers": [(b"cookie", cookie.split(";")[0].encode())]})
    assert start["status"] == 200 and body.startswith(b"<html>") and len(calls) == 1


def test_the_page_is_compressed_once_and_the_kept_bytes_sent_again():
    calls: list = []
    pages = server.CompressedPages(_inner(calls))
    gzip_asked = {"headers": [(b"accept-encoding", b"gzip, br")]}
    first_start, first = _call(pages, gzip_asked)
    _, second = _call(pages, gzip_asked)
    assert dict(first_start["headers"])[b"content-encoding"] == b"gzip"
    assert first == second and len(pages._compressed) == 1  # compressed once, kept
    assert gzip.decompress(first) == b"<html>" + b"x" * 5000
    assert all(b"accept-encoding" not in dict(scope["headers"]) for scope in calls)
    start, plain = _call(pages, {})
    assert plain.startswith(b"<html>") and b"content-encoding" not in dict(start["headers"])
    assert dict(start["headers"])[b"content-length"] == str(len(plain)).encode()


def _asset(calls: list, status: int = 200, headers=()):
    async def app(scope, receive, send):
        calls.append(scope)
        gz = any(k == b"accept-encoding" and b"gzip" in v for k, v in scope["headers"])
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"text/javascript"), (b"etag", b'W/"abc"'),
            (b"cache-control", b"public, max-age=31536000, immutable"),
            *([(b"content-encoding", b"gzip")] if gz else []), *headers]})
        await send({"type": "http.response.body", "body": b"gz" if gz else b"plain",
                    "more_body": True})
        await send({"type": "http.response.body", "body": b"-end"})
    return app


def test_assets_are_looked_up_once_and_the_kept_answer_sent_again():
    calls: list = []
    kept = server.KeptAssets(_asset(calls))
    path = {"path": "/_solara/cdn/app.js"}
    gz = {**path, "headers": [(b"accept-encoding", b"gzip, br")]}
    first_start, first = _call(kept, gz)
    again_start, again = _call(kept, gz)
    assert first == again == b"gz-end" and len(calls) == 1  # the second never reached Solara
    assert first_start == again_start
    assert dict(again_start["headers"])[b"etag"] == b'W/"abc"'
    assert b"immutable" in dict(again_start["headers"])[b"cache-control"]
    _, plain = _call(kept, path)  # a browser that takes no gzip gets its own kept answer
    assert plain == b"plain-end" and len(calls) == 2
    _, other = _call(kept, {"path": "/static/assets/style.css", "query_string": b"v=2"})
    assert other == b"plain-end" and len(calls) == 3  # each address its own
    assert kept.kept_bytes == len(b"gz-end") + 2 * len(b"plain-end")


def test_kept_assets_pass_on_what_must_not_be_kept():
    calls: list = []
    kept = server.KeptAssets(_asset(calls))
    for scope in ({"path": "/"}, {"path": "/jupyter/api/kernels/x"},
                  {"path": "/static/a.js", "headers": [(b"if-none-match", b'W/"abc"')]},
                  {"path": "/static/a.js", "headers": [(b"range", b"bytes=0-1")]},
                  {"path": "/static/a.js", "method": "HEAD"}):
        _call(kept, scope)
        _call(kept, scope)
    assert len(calls) == 10 and kept.kept_bytes == 0  # each went to Solara, nothing kept
    for inner in (_asset(calls, status=404), _asset(calls, headers=[(b"set-cookie", b"s=1")])):
        refused = server.KeptAssets(inner)
        _call(refused, {"path": "/static/a.js"})
        _call(refused, {"path": "/static/a.js"})
        assert refused.kept_bytes == 0
    small = server.KeptAssets(_asset(calls), limit=3)  # over the limit: served, not kept
    _, body = _call(small, {"path": "/static/a.js"})
    assert body == b"plain-end" and small.kept_bytes == 0


def test_sessions_run_on_the_event_loop_and_write_their_messages_at_once_in_production_mode():
    env = server.solara_environment(600, {"SOLARA_MODE": "development",
                                          "SOLARA_KERNEL_THREADED": "True"})
    assert env["SOLARA_MODE"] == "production"
    # no thread (and event loop) per session; each message written at once, not as a task
    assert env["SOLARA_KERNEL_THREADED"] == "False"
    assert env["SOLARA_SERVER_SYNC_WS_WRITE"] == "True"


def test_the_servers_housekeeping_runs_once_a_second_and_still_stops():
    import time

    import uvicorn

    ticks: list[int] = []
    server_ = server.server_class()(uvicorn.Config(_inner([])))

    async def on_tick(counter: int) -> bool:
        ticks.append(counter)
        return len(ticks) == 3  # stop at the third tick

    server_.on_tick = on_tick
    started = time.monotonic()
    asyncio.run(server_.main_loop())
    took = time.monotonic() - started
    assert ticks == [0, 10, 20]  # each tick is one uvicorn counts as a header update
    assert 1.9 <= took < 4  # two waits of a second between the three ticks


def test_the_garbage_collector_is_set_for_a_room_arriving_at_once():
    import subprocess
    import sys

    # in a process of its own: freezing the collector is for the server's process only
    out = subprocess.run([sys.executable, "-c", (
        "import gc\nfrom pannet_edu.app import tuning\ntuning.tune_gc()\n"
        "print(gc.get_threshold()[0], gc.get_freeze_count() > 0)")],
        capture_output=True, text=True, check=True, timeout=60).stdout.split()
    assert out == [str(tuning.GC_YOUNG_THRESHOLD), "True"]
    assert tuning.GC_YOUNG_THRESHOLD > 700  # Python's default young threshold


def test_a_slow_page_never_stalls_the_other_sessions_and_a_gone_page_is_noticed():
    import socket
    import time
    from types import SimpleNamespace

    import pytest

    sync_ws_write = pytest.importorskip("solara.server.sync_ws_write")
    tuning.write_from_the_event_loop()
    data = b"x" * 4_000_000  # far more than the socket's buffer holds

    async def scenario() -> tuple[float, bytes, bool]:
        ours, page = socket.socketpair()
        page.setblocking(False)
        loop = asyncio.get_running_loop()
        _, stream = await asyncio.open_connection(sock=ours)
        writer = object.__new__(sync_ws_write.SyncFrameWriter)
        writer.protocol = SimpleNamespace(transport=stream.transport, loop=loop)
        started = time.monotonic()
        writer._os_write(data)  # the page reads nothing yet: must not wait for it
        took = time.monotonic() - started
        got = bytearray()
        while len(got) < len(data):  # the page reads; the event loop sends the rest meanwhile
            try:
                got.extend(page.recv(65536))
            except BlockingIOError:
                await asyncio.sleep(0.001)
        stream.close()
        await asyncio.sleep(0)
        try:
            writer._os_write(b"after the page went")
            noticed = False
        except OSError:
            noticed = True
        page.close()
        return took, bytes(got), noticed

    took, got, noticed = asyncio.run(scenario())
    assert got == data  # everything arrived, in order
    assert took < 0.5  # handed to the transport, not waited for (a blocking write waits forever)
    assert noticed  # Solara reads the error as the page having gone


def test_a_thread_of_no_session_ends_without_a_traceback_on_the_console():
    import threading

    import pytest

    kernel_context = pytest.importorskip("solara.server.kernel_context")
    from solara.server import settings

    tuning.threads_without_a_session()
    threaded = settings.kernel.threaded
    settings.kernel.threaded = False  # as the dashboard server runs
    errors: list[BaseException] = []

    def end_of_a_worker_thread() -> None:  # what Solara does as any thread ends
        try:
            kernel_context.clear_context_for_thread(threading.current_thread())
        except BaseException as error:  # the test reports it
            errors.append(error)

    try:
        worker = threading.Thread(target=end_of_a_worker_thread, name="file-reader")
        worker.start()
        worker.join()
    finally:
        settings.kernel.threaded = threaded
    assert errors == []  # Solara's own lookup raised LookupError here


def test_a_session_closed_from_another_thread_closes_its_page_on_the_event_loop():
    import threading

    import pytest

    starlette = pytest.importorskip("solara.server.starlette")
    tuning.close_on_the_event_loop()
    closed_on: list[int] = []

    class Page:
        async def close(self) -> None:
            closed_on.append(threading.get_ident())

    async def scenario() -> int:
        wrapper = object.__new__(starlette.WebsocketWrapper)
        wrapper.ws, wrapper.portal = Page(), None
        wrapper.event_loop = asyncio.get_running_loop()
        culler = threading.Thread(target=wrapper.close)  # as Solara's cull does
        culler.start()
        culler.join()
        for _ in range(100):
            if closed_on:
                break
            await asyncio.sleep(0.01)
        return threading.get_ident()

    loop_thread = asyncio.run(scenario())
    assert closed_on == [loop_thread]  # closed, and by the event loop's thread


def test_the_server_parses_http_in_compiled_code():
    import warnings

    import uvicorn
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    config = uvicorn.Config(_inner([]), ws="websockets")  # as run() configures it
    with warnings.catch_warnings():  # run() silences uvicorn's note on its websockets protocol
        warnings.simplefilter("ignore")
        config.load()
    assert config.http_protocol_class is HttpToolsProtocol  # httptools installed, h11 not used


def test_kernels_are_made_ahead_only_while_no_learner_arrives_and_each_goes_to_one_session():
    import pytest

    made: list[object] = []

    def make() -> object:
        made.append(object())
        return made[-1]

    now = [100.0]
    ahead = tuning.KernelsAhead(make, size=3)
    ahead._clock = lambda: now[0]

    async def run_for(seconds: float) -> None:
        task = asyncio.ensure_future(ahead.keep_ready())
        await asyncio.sleep(seconds)
        task.cancel()

    asyncio.run(run_for(0.05))
    assert len(ahead.ready) == 3 and len(made) == 3  # idle: made up to its size, no more
    first, second = ahead(), ahead()  # two learners arrive
    assert first is made[0] and second is made[1] and first is not second
    asyncio.run(run_for(0.05))
    assert len(ahead.ready) == 1  # a learner arrived under a second ago: nothing is made
    now[0] += tuning.IDLE_AFTER
    asyncio.run(run_for(0.05))
    assert len(ahead.ready) == 3  # a quiet second later the server tops up again
    taken = {id(ahead()) for _ in range(5)}  # more learners than kernels made ahead
    assert len(taken) == 5 and len(made) == 7  # the last two made on the spot, none twice
    make.instance = lambda: "the session's kernel"  # type: ignore[attr-defined]
    assert ahead.instance() == "the session's kernel"  # the rest is asked of Solara's class
    with pytest.raises(ValueError, match="size"):
        tuning.KernelsAhead(make, size=-1)


def test_the_server_makes_sessions_ahead_while_it_waits_and_says_when_a_room_can_come(capsys):
    import uvicorn

    gate = server.TokenGate(_inner([]), TOKEN)
    gate.kernels_ahead = tuning.KernelsAhead(object, size=3)
    server_ = server.server_class()(uvicorn.Config(gate))
    ticks: list[int] = []

    async def on_tick(counter: int) -> bool:
        ticks.append(counter)
        return len(ticks) == 2  # stop at the second tick, a second later

    server_.on_tick = on_tick
    asyncio.run(server_.main_loop())
    assert len(gate.kernels_ahead.ready) == 3
    said = capsys.readouterr().out
    assert said == server.READY_MESSAGE.format(sessions=3) + "\n"  # said once
