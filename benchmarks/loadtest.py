"""Load test of the dashboard server: N learners open the dashboard at the same moment.

    python benchmarks/loadtest.py                    # 400 learners against a fresh `pannet-edu app`
    python benchmarks/loadtest.py --clients 100
    python benchmarks/loadtest.py --record           # record a real Chromium session first
    python benchmarks/loadtest.py --browsers 5       # per-session cost from 5 fresh Chromiums
    python benchmarks/loadtest.py --clients 200 --workers 2   # two workers, one token

Runs with `make bench` (through `benchmarks/run.py`), never in the tests. Everything stays on
127.0.0.1: `pannet-edu app` is started here, as the README starts it (no options but a free port,
--no-browser and a token in its environment), and stopped at the end. The room arrives once the
server says it has made the learners' sessions ahead (a few seconds after it answers, as when a
class arrives a minute after the instructor started the server); ``--at-start`` lets it in as
soon as the server answers.

**Protocol-level learners.** Each simulated learner is an HTTP + websocket client, not a browser
(400 Chromiums would measure the browsers): it does on the network what a fresh browser's page
does, replaying the messages a real Chromium session sent (recorded with ``--record`` into
``benchmarks/dashboard_session.json``, with fresh ids, and the widget ids the recording addressed
mapped to this session's by the order the server opened them):

1. GET the address with the token (the server answers with its cookie), then the page, then every
   script and style the page links, compressed as a browser asks (a fresh browser: no cache);
2. open the session's websocket and send what the page sent: the kernel handshake, the app's
   control channel and its "run";
3. first tool: the server says the page is built (the first tab's tool with its card and figure);
4. type a Ki-67 of 25 into the grading calculator and wait for the card to say NET G3.

All learners keep their page open until the last one is done (the server holds them all at once).
Reported: time to the first tool and to the changed card (p50, p95, max, from each learner's first
request), errors (any learner that failed or passed the time-out), and the server's CPU seconds and
peak resident memory (RSS, the whole process). Targets: 400 learners, 0 errors, p95 to the first
tool at most 10 s, at most 4 GB.

**Several workers** (``--workers N``): N servers with one token, each learner kept on one of them,
as a load balancer with sticky sessions does (the balancer itself is not part of the test).

**Fresh browsers** (``--browsers N``, needs Chromium and Playwright): N real headless Chromiums,
one after another, each a fresh profile (no cache) opening the dashboard until the first tool is
shown; the server's CPU seconds and RSS growth per page are reported (target: 50 ms, 10 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORDING = Path(__file__).resolve().parent / "dashboard_session.json"
#: Seconds a learner may take; later counts as an error.
CLIENT_TIMEOUT = float(os.environ.get("PANNET_LOADTEST_TIMEOUT", "120"))
#: Every request's time-outs (connecting included: a room arriving at once queues connections).
_TIMEOUTS = {"request_timeout": CLIENT_TIMEOUT, "connect_timeout": CLIENT_TIMEOUT}
TARGET = {"clients": 400, "p95": 10.0, "rss_gb": 4.0, "browser_cpu_ms": 50.0, "browser_mb": 10.0}

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run.py loads this file by path
from _launch import free_port as _free_port  # noqa: E402  (one home for the launch code)

# ---------------------------------------------------------------------------------------------
# The server


class AppServer:
    """`pannet-edu app` as the README starts it, on a free port with a known token."""

    def __init__(self, log: Path, extra_env: dict[str, str] | None = None,
                 token: str | None = None) -> None:
        self.port = _free_port()
        self.token = token or secrets.token_hex(24)
        env = dict(os.environ, PANNET_EDU_APP_TOKEN=self.token, **(extra_env or {}))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        self.log = log
        self._out = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pannet_edu.cli", "app", "--no-browser", "--no-warm",
             f"--port={self.port}"],
            env=env, stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_until_up(self, timeout: float = 180.0) -> float:
        """Seconds until the server answers (its shared work done)."""
        import socket

        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"pannet-edu app exited early: {self.log.read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return time.monotonic() - started
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"pannet-edu app not up after {timeout:.0f} s")

    def wait_until_ready(self, timeout: float = 180.0) -> float:
        """Seconds until the server says its learners' sessions are made ahead (after it is up),
        as when a class arrives a minute after the instructor started the server."""
        from pannet_edu.app.server import READY_MESSAGE

        started = time.monotonic()
        self.wait_until_up(timeout)
        ready = READY_MESSAGE.partition(":")[0]
        while time.monotonic() - started < timeout:
            self._out.flush()
            if ready in self.log.read_text(errors="replace"):
                return time.monotonic() - started
            if self.process.poll() is not None:
                raise RuntimeError(f"pannet-edu app exited early: {self.log.read_text()[-2000:]}")
            time.sleep(0.2)
        raise RuntimeError(f"pannet-edu app made no sessions ahead in {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._out.close()


class Meter:
    """The server process's CPU seconds (user + system) and peak RSS, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        import threading

        import psutil

        self.process = psutil.Process(pid)
        self.peak_rss = self.rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def rss(self) -> int:
        return self.process.memory_info().rss

    def cpu(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system

    def _sample(self) -> None:
        while not self._stop.wait(0.25):
            try:
                self.peak_rss = max(self.peak_rss, self.rss())
            except Exception:
                return

    def __enter__(self) -> Meter:
        self.cpu_start, self.rss_start = self.cpu(), self.rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu_used = self.cpu() - self.cpu_start
        self.peak_rss = max(self.peak_rss, self.rss())


# ---------------------------------------------------------------------------------------------
# Recording a real session


def record(path: Path = RECORDING) -> Path:
    """Open the dashboard once in a real headless Chromium and keep what its page sent on the
    websocket (and the order of the widget ids the server opened), until the first tool shows."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import _launch

    missing = _launch.chromium_missing()
    if missing:
        raise RuntimeError(f"cannot record: {missing}")
    server = AppServer(Path(os.environ.get("TMPDIR", "/tmp")) / "pannet-record.log")
    sent: list[dict] = []
    opened: list[str] = []
    try:
        server.wait_until_up()
        with _launch.chromium() as browser:
            page = browser.new_page()

            def on_socket(ws) -> None:
                ws.on("framesent", lambda p: sent.append(json.loads(p)) if isinstance(p, str)
                      else None)

                def received(payload) -> None:
                    if isinstance(payload, str):
                        msg = json.loads(payload)
                        if msg["header"]["msg_type"] == "comm_open":
                            opened.append(msg["content"]["comm_id"])
                ws.on("framereceived", received)

            page.on("websocket", on_socket)
            page.goto(f"{server.base}/?token={server.token}")
            page.locator(".pannet-result").first.wait_for(state="visible", timeout=120_000)
            page.wait_for_timeout(1500)
    finally:
        server.stop()
    for msg in sent:  # nothing of the recording's own session is kept but its shape
        msg["header"]["date"] = ""
    path.write_text(json.dumps({"sent": sent, "server_comm_order": opened}, indent=1) + "\n")
    return path


# ---------------------------------------------------------------------------------------------
# One protocol-level learner


@dataclass
class Result:
    first_tool: float | None = None
    changed: float | None = None
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)


def _cookies(headers, jar: dict[str, str]) -> None:
    for value in headers.get_list("Set-Cookie"):
        name, _, rest = value.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]


async def learner(base: str, token: str, recording: dict, http, started: float,
                  assets: bool, arrived, all_done: asyncio.Event) -> Result:
    """One simulated learner (see the module docstring); times are from ``started``. Calls
    ``arrived()`` once its card has changed (or it failed), then keeps its page open until
    ``all_done``."""
    result = Result()
    holder: list = []
    try:
        await asyncio.wait_for(_learn(base, token, recording, http, started, assets, result,
                                      holder), CLIENT_TIMEOUT)
    except TimeoutError:
        result.error = f"no changed card within {CLIENT_TIMEOUT:.0f} s"
    except Exception as exc:  # every failure is counted and reported, never hidden
        result.error = f"{type(exc).__name__}: {str(exc)[:200]}"
    arrived()
    try:
        await all_done.wait()  # the page stays open until every learner is in
    finally:
        for page in holder:
            page.close()
    return result


class Page:
    """One learner's page on the protocol level: the HTTP requests and the session's websocket,
    replaying a recorded session's messages (see the module docstring). Every text frame the
    server sent is kept in :attr:`frames`."""

    def __init__(self, base: str, token: str, recording: dict, http) -> None:
        self.base, self.token, self.recording, self.http = base, token, recording, http
        self.jar: dict[str, str] = {}
        self.frames: list[str] = []
        self.opened: list[str] = []  # this session's server widget ids, in the order opened
        self.states: dict[str, dict] = {}  # widget id -> state it was opened with
        self.finished = False
        self.socket = None
        self.session = str(uuid.uuid4())
        self._ids: dict[str, str] = {}  # the recording's client-made ids -> this session's
        self._pending = list(recording["sent"])

    async def load(self, assets: bool = True) -> None:
        """GET the token address (the cookie), the page and (``assets``) what it links."""
        from tornado.httpclient import HTTPClientError

        try:
            await self.http.fetch(f"{self.base}/?token={self.token}", follow_redirects=False,
                                  **_TIMEOUTS)
            raise RuntimeError("the token address did not redirect")
        except HTTPClientError as redirect:
            if redirect.code != 303 or redirect.response is None:
                raise
            _cookies(redirect.response.headers, self.jar)
        page = await self.http.fetch(f"{self.base}/", headers=self._headers("gzip"),
                                     **_TIMEOUTS)
        _cookies(page.headers, self.jar)
        if assets:
            html = page.body.decode("utf-8")
            links = sorted(set(re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', html)))
            await asyncio.gather(*(self.http.fetch(
                f"{self.base}{link}", headers=self._headers("gzip, br"),
                decompress_response=False, **_TIMEOUTS) for link in links))

    def _headers(self, encoding: str) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.items()),
                "Accept-Encoding": encoding}

    async def connect(self) -> None:
        """Open the session's websocket and send what the recorded page sent first."""
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = (f"{self.base.replace('http', 'ws', 1)}/jupyter/api/kernels/{uuid.uuid4()}"
               f"/channels?session_id={self.session}")
        self.socket = await websocket_connect(HTTPRequest(
            url, headers=self._headers("identity"), **_TIMEOUTS))
        self._send_ready()

    def _ready(self, msg: dict) -> bool:
        order = self.recording["server_comm_order"]
        comm = msg["content"].get("comm_id")
        return comm is None or comm not in order or order.index(comm) < len(self.opened)

    def _send_ready(self) -> None:
        order = self.recording["server_comm_order"]
        while self._pending and self._ready(self._pending[0]):
            msg = json.loads(json.dumps(self._pending.pop(0)))
            comm = msg["content"].get("comm_id")
            if comm in order:
                msg["content"]["comm_id"] = self.opened[order.index(comm)]
            elif comm is not None:
                msg["content"]["comm_id"] = self._ids.setdefault(comm, uuid.uuid4().hex)
            self._send(msg)

    def _send(self, msg: dict) -> None:
        msg["header"].update(msg_id=str(uuid.uuid4()), session=self.session)
        self.socket.write_message(json.dumps(msg))

    def update(self, comm_id: str, state: dict) -> None:
        """Send a widget value, as the page does when the learner changes a control."""
        self._send({
            "header": {"msg_type": "comm_msg", "username": "", "date": "", "version": "5.2"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"comm_id": comm_id, "data": {
                "method": "update", "state": state, "buffer_paths": []}},
        })

    def widget(self, description: str) -> str:
        """The id of this session's widget with that description (e.g. ``"Ki-67 (%)"``)."""
        for comm, state in self.states.items():
            if state.get("description") == description:
                return comm
        raise LookupError(f"no widget described {description!r} in this session")

    async def until(self, wanted) -> dict:
        """Read the server's messages until ``wanted(message)`` is true; returns that message."""
        while True:
            frame = await self.socket.read_message()
            if frame is None:
                raise RuntimeError("websocket closed by the server")
            if not isinstance(frame, str):
                continue  # binary buffers: the dashboard sends none
            self.frames.append(frame)
            msg = json.loads(frame)
            content = msg.get("content", {})
            data = content.get("data", {}) if isinstance(content, dict) else {}
            if msg["header"]["msg_type"] == "comm_open":
                self.opened.append(content["comm_id"])
                self.states[content["comm_id"]] = data.get("state", {})
                self._send_ready()
            elif data.get("method") == "finished":
                self.finished = True
                self._send_ready()
            if wanted(msg):
                return msg

    async def first_tool(self) -> None:
        """Until the server says the page is built (the first tab's tool shown)."""
        await self.until(lambda msg: self.finished)

    async def card_with(self, text: str) -> str:
        """Until a result card with ``text`` arrives; returns the card's HTML."""
        def card(msg: dict) -> bool:
            value = msg.get("content", {}).get("data", {}).get("state", {}).get("value")
            return isinstance(value, str) and "pannet-card" in value and text in value
        msg = await self.until(card)
        return msg["content"]["data"]["state"]["value"]

    def close(self) -> None:
        if self.socket is not None:
            self.socket.close()


async def _learn(base: str, token: str, recording: dict, http, started: float, assets: bool,
                 result: Result, holder: list) -> None:
    page = Page(base, token, recording, http)
    holder.append(page)
    await page.load(assets)
    result.timings["page"] = time.perf_counter() - started
    await page.connect()
    await page.first_tool()
    result.first_tool = time.perf_counter() - started
    page.update(page.widget("Ki-67 (%)"), {"value": "25"})
    await page.card_with("NET G3")
    result.changed = time.perf_counter() - started


async def _room(base: str, token: str, recording: dict, clients: int,
                assets: bool) -> list[Result]:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=max(10, clients * 8))
    http = AsyncHTTPClient()
    all_done = asyncio.Event()
    started = time.perf_counter()
    count = [0]

    def arrived() -> None:
        count[0] += 1
        if count[0] >= clients:
            all_done.set()

    results = await asyncio.gather(*(
        learner(base, token, recording, http, started, assets, arrived, all_done)
        for _ in range(clients)))
    http.close()
    return list(results)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def room_line(clients: int, assets: bool = True, at_start: bool = False) -> str:
    """Start a server, let ``clients`` learners in at once (once the server has made their
    sessions ahead, or ``at_start``: as soon as it answers), stop it; one line with the numbers."""
    recording = json.loads(RECORDING.read_text())
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"pannet-loadtest-{clients}.log"
    server = AppServer(log)
    try:
        up = server.wait_until_up() if at_start else server.wait_until_ready()
        meter = Meter(server.process.pid)
        idle_rss = meter.rss()
        client_cpu = time.process_time()  # the simulated learners share this machine's cores
        with meter:
            results = asyncio.run(_counted_room(server, recording, clients, assets))
        client_cpu = time.process_time() - client_cpu
        errors = [r.error or "no changed card" for r in results if r.error or r.changed is None]
        kinds = "; ".join(sorted(set(errors))[:3])
        first = [r.first_tool for r in results if r.first_tool is not None]
        changed = [r.changed for r in results if r.changed is not None]
        gb = meter.peak_rss / 1e9
        line = (
            f"dashboard server, {clients} learners at once ({'with' if assets else 'without'} "
            f"static assets): first tool p50 {statistics.median(first) if first else 0:.2f} s, "
            f"p95 {_percentile(first, 0.95) if first else 0:.2f} s, max "
            f"{max(first) if first else 0:.2f} s; card changed p95 "
            f"{_percentile(changed, 0.95) if changed else 0:.2f} s; errors {len(errors)}"
            f"{f' ({kinds})' if errors else ''}; "
            f"server CPU {meter.cpu_used:.1f} s ({meter.cpu_used / clients * 1000:.0f} ms per "
            f"learner), RSS {idle_rss / 1e6:.0f} MB idle -> {meter.peak_rss / 1e6:.0f} MB peak "
            f"({(meter.peak_rss - idle_rss) / clients / 1e6:.2f} MB per learner); "
            f"the simulated learners' own CPU {client_cpu:.1f} s; "
            f"server {'up' if at_start else 'up and sessions made ahead'} in {up:.1f} s"
        )
        met = (clients >= TARGET["clients"] and not errors and first
               and _percentile(first, 0.95) <= TARGET["p95"] and gb <= TARGET["rss_gb"])
        return line + (" [target met]" if met else " [target NOT met]"
                       if clients >= TARGET["clients"] else "")
    finally:
        server.stop()


async def _counted_room(server: AppServer, recording: dict, clients: int,
                        assets: bool) -> list[Result]:
    return await _room(server.base, server.token, recording, clients, assets)


def workers_line(clients: int, workers: int = 2, assets: bool = True) -> str:
    """``workers`` servers with one token, each learner kept on one of them (what a load
    balancer with sticky sessions does: round-robin per learner here); one line with the numbers.
    """
    recording = json.loads(RECORDING.read_text())
    token = secrets.token_hex(24)
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    servers = [AppServer(tmp / f"pannet-loadtest-worker{i}.log", token=token)
               for i in range(workers)]
    try:
        for server in servers:
            server.wait_until_ready()
        meters = [Meter(server.process.pid) for server in servers]
        idle = sum(meter.rss() for meter in meters)
        for meter in meters:
            meter.__enter__()

        async def room() -> list[Result]:
            from tornado.httpclient import AsyncHTTPClient

            AsyncHTTPClient.configure(None, max_clients=max(10, clients * 8))
            http = AsyncHTTPClient()
            all_done, started, count = asyncio.Event(), time.perf_counter(), [0]

            def arrived() -> None:
                count[0] += 1
                if count[0] >= clients:
                    all_done.set()

            results = await asyncio.gather(*(
                learner(servers[i % workers].base, token, recording, http, started, assets,
                        arrived, all_done) for i in range(clients)))
            http.close()
            return list(results)

        results = asyncio.run(room())
        for meter in meters:
            meter.__exit__(None, None, None)
    finally:
        for server in servers:
            server.stop()
    errors = [r.error or "no changed card" for r in results if r.error or r.changed is None]
    first = [r.first_tool for r in results if r.first_tool is not None]
    cpu = [meter.cpu_used for meter in meters]
    return (f"{workers} workers, one token, learners kept per worker, {clients} learners at once: "
            f"first tool p50 {statistics.median(first) if first else 0:.2f} s, p95 "
            f"{_percentile(first, 0.95) if first else 0:.2f} s; errors {len(errors)}; server CPU "
            f"{' + '.join(f'{c:.1f}' for c in cpu)} s ({sum(cpu) / clients * 1000:.0f} ms per "
            f"learner); RSS {idle / 1e6:.0f} MB idle -> "
            f"{sum(m.peak_rss for m in meters) / 1e6:.0f} MB peak (sum of the peaks)")


# ---------------------------------------------------------------------------------------------
# Fresh real browsers


def browsers_line(count: int = 5) -> str:
    """Per-session server cost from ``count`` fresh headless Chromiums, one after another."""
    import _launch

    missing = _launch.chromium_missing()
    if missing:
        return f"fresh-browser sessions: not measured ({missing})"
    log = Path(os.environ.get("TMPDIR", "/tmp")) / "pannet-loadtest-browsers.log"
    server = AppServer(log)
    cpu, rss, first = [], [], []
    try:
        server.wait_until_ready()
        meter = Meter(server.process.pid)
        with _launch.chromium() as browser:
            contexts = []
            for index in range(count + 1):  # the first one warms the server up: not counted
                time.sleep(1.0)  # let the server go quiet
                before_cpu, before_rss = meter.cpu(), meter.rss()
                context = browser.new_context(viewport={"width": 1366, "height": 800})
                page = context.new_page()
                started = time.perf_counter()
                page.goto(f"{server.base}/?token={server.token}")
                page.locator("img[alt^='Grade plane']").first.wait_for(state="visible",
                                                                         timeout=120_000)
                seconds = time.perf_counter() - started
                time.sleep(1.5)  # the last messages of the page's start
                if index:
                    cpu.append(meter.cpu() - before_cpu)
                    rss.append(meter.rss() - before_rss)
                    first.append(seconds)
                contexts.append(context)  # kept open: every page's session stays on the server
            for context in contexts:
                context.close()
    finally:
        server.stop()
    cpu_ms, mb = statistics.mean(cpu) * 1000, statistics.mean(rss) / 1e6
    met = cpu_ms <= TARGET["browser_cpu_ms"] and mb <= TARGET["browser_mb"]
    return (f"fresh-browser sessions ({count} real Chromiums, fresh profile each): server CPU "
            f"{cpu_ms:.0f} ms per page (min {min(cpu) * 1000:.0f}, max {max(cpu) * 1000:.0f}), "
            f"RSS +{mb:.1f} MB per page, first tool shown in {statistics.median(first):.1f} s "
            f"(median) [target {'met' if met else 'NOT met'}: "
            f"{TARGET['browser_cpu_ms']:.0f} ms, {TARGET['browser_mb']:.0f} MB]")


def run(clients: int = TARGET["clients"], browsers: int = 5) -> list[str]:
    """The lines `benchmarks/run.py` prints (`make bench`)."""
    lines = [room_line(clients)]
    lines.append(browsers_line(browsers))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=TARGET["clients"])
    parser.add_argument("--no-assets", action="store_true",
                        help="learners skip the page's scripts and styles (a warm browser cache)")
    parser.add_argument("--workers", type=int, default=1,
                        help="this many servers with one token, each learner kept on one")
    parser.add_argument("--at-start", action="store_true",
                        help="the room arrives as soon as the server answers, before it has "
                             "made the learners' sessions ahead")
    parser.add_argument("--browsers", type=int, default=0,
                        help="also measure this many fresh real Chromium sessions")
    parser.add_argument("--record", action="store_true",
                        help="record a real Chromium session into dashboard_session.json first")
    args = parser.parse_args(argv)
    if args.record:
        print(f"recorded {record()}")
    if args.clients and args.workers > 1:
        print(workers_line(args.clients, args.workers, assets=not args.no_assets), flush=True)
    elif args.clients:
        print(room_line(args.clients, assets=not args.no_assets, at_start=args.at_start),
              flush=True)
    if args.browsers:
        print(browsers_line(args.browsers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
