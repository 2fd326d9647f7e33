"""The dashboard server: many learners' sessions in one Python process (Solara's server).

Each browser tab is a session of its own (a "virtual kernel": its own widgets, inputs and answers)
in this one process, so a session costs the widgets it builds, not a Python process of its own.
Everything the page loads comes from the installed packages (``solara-assets``): nothing is fetched
from the network, by the server or by the browser. Every request must carry the token, in the
address (``/?token=...``, the link printed at start) or in the cookie that link sets; anything else
is refused. Sessions whose page has gone are dropped after ``cull_idle`` seconds.

The settings Solara reads at import are set by :func:`solara_environment` before Solara is
imported (:func:`asgi_app`); ``pannet-edu app`` runs :func:`run` in its own process.

>>> env = solara_environment(cull_idle=600, environ={})
>>> env["SOLARA_APP"], env["SOLARA_KERNEL_CULL_TIMEOUT"], env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"]
('pannet_edu.app.page', '600s', 'False')
>>> cookie_name("abc") == cookie_name("abc") != cookie_name("abd")
True
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

#: The Solara app: the module whose ``Page`` is one learner's dashboard.
PAGE_MODULE = "pannet_edu.app.page"
#: The dashboard's own page assets (custom.css; connection-lost.js, put in the page's head).
ASSETS_DIR = Path(__file__).resolve().parent / "assets"
#: The page's title in the browser tab.
TITLE = "pannet-edu tools"
#: What the console says once the learners' sessions are made ahead (tuning.KernelsAhead).
READY_MESSAGE = "Ready for a room: sessions for {sessions} learners made ahead."

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def solara_environment(cull_idle: int, environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment Solara's settings are read from: ``environ`` (default: this process's) with
    the dashboard app, production mode, no telemetry, every asset served from the installed
    packages and sessions dropped ``cull_idle`` seconds after their page went (0: kept a week).
    """
    env = dict(os.environ if environ is None else environ)
    env.update(
        SOLARA_APP=PAGE_MODULE,
        SOLARA_MODE="production",
        SOLARA_THEME_TITLE=TITLE,
        SOLARA_THEME_VARIANT="light",
        SOLARA_THEME_SHOW_BANNER="False",
        SOLARA_TELEMETRY_MIXPANEL_ENABLE="False",  # nothing sent anywhere
        SOLARA_ASSETS_PROXY="True",  # assets from solara-assets' folder, not a CDN
        SOLARA_KERNEL_CULL_TIMEOUT=f"{cull_idle or 7 * 24 * 3600}s",
        SOLARA_CHECK_HOOKS="off",
        # every session on the server's event loop, not a thread (and an event loop) of its own
        # each: the hand-offs between threads cost a session more than its widgets (measured
        # with benchmarks/loadtest.py; docs/teaching.md)
        SOLARA_KERNEL_THREADED="False",
        # each message written to its connection at once, not handed on as a task of its own
        # (tuning.write_from_the_event_loop)
        SOLARA_SERVER_SYNC_WS_WRITE="True",
        # the dashboard's styles (custom.css)
        SOLARA_ASSETS_EXTRA_LOCATIONS=str(ASSETS_DIR),
    )
    return env


def cookie_name(token: str) -> str:
    """The cookie that carries the token after the first visit: named after the token, so two
    dashboards on one computer (two ports, two tokens) do not overwrite each other's."""
    return "pannet_edu_" + hashlib.sha256(token.encode()).hexdigest()[:12]


class TokenGate:
    """ASGI middleware: let a request through only with the token, else answer 403.

    The token may come in the query (``?token=...``; a page request is then sent to the same
    address without it, with the token set in an HttpOnly cookie, so it does not stay in the
    address bar or the browser's history) or in that cookie (the page's own requests, its
    websocket). Compared in constant time.
    """

    def __init__(self, app: Callable[..., Awaitable[None]], token: str) -> None:
        if not token:
            raise ValueError("token must be a non-empty string")
        self.app = app
        self.token = token
        self.cookie = cookie_name(token)
        #: The learners' kernels made ahead (tuning.KernelsAhead), if the server makes them.
        self.kernels_ahead: Any = None

    def _given(self, scope: Scope) -> tuple[bool, bool]:
        """(token in the query, token in the cookie), each checked."""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        in_query = any(hmac.compare_digest(value, self.token) for value in query.get("token", []))
        cookie_header = b"; ".join(value for key, value in scope.get("headers", ())
                                   if key == b"cookie").decode("latin-1")
        cookies = SimpleCookie()
        try:
            cookies.load(cookie_header)
        except Exception:  # a malformed cookie header is no token
            cookies = SimpleCookie()
        morsel = cookies.get(self.cookie)
        in_cookie = morsel is not None and hmac.compare_digest(morsel.value, self.token)
        return in_query, in_cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        in_query, in_cookie = self._given(scope)
        if not (in_query or in_cookie):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await _respond(send, 403, b"This dashboard needs the address with its token "
                           b"(printed when the server started).\n")
            return
        if in_query and scope["type"] == "http" and scope.get("method") == "GET":
            query = {key: values for key, values in
                     parse_qs(scope.get("query_string", b"").decode("latin-1")).items()
                     if key != "token"}
            location = scope.get("root_path", "") + scope["path"]
            if query:
                location += "?" + urlencode(query, doseq=True)
            cookie = (f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict")
            await _respond(send, 303, b"", [(b"location", location.encode("latin-1")),
                                            (b"set-cookie", cookie.encode("latin-1"))])
            return
        await self.app(scope, receive, send)


class CompressedPages:
    """ASGI middleware: the dashboard page, gzip-compressed once and kept, not per request.

    Solara's server compresses its static files once each, but its page (about 80 kB, the same
    for every learner) again for every request. Here a page request reaches Solara without
    asking for compression; the answer is compressed here, once per distinct page, and the kept
    bytes are sent to every learner whose browser accepts gzip. Everything else passes through.
    """

    def __init__(self, app: Callable[..., Awaitable[None]], paths: tuple[str, ...] = ("/",)):
        self.app = app
        self.paths = paths
        self._compressed: dict[bytes, bytes] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope.get("method") != "GET"
                or scope["path"] not in self.paths):
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope.get("headers", ()) if k != b"accept-encoding"]
        wants_gzip = any(k == b"accept-encoding" and b"gzip" in v for k, v in scope["headers"])
        start: dict[str, Any] = {}
        body = bytearray()

        async def collect(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app({**scope, "headers": headers}, receive, collect)
        content = bytes(body)
        response_headers = [(k, v) for k, v in start.get("headers", [])
                            if k not in (b"content-length", b"content-encoding")]
        if wants_gzip and start.get("status") == 200 and len(content) > 1000:
            content = self._gzip(content)
            response_headers.append((b"content-encoding", b"gzip"))
        if not any(k == b"vary" for k, _ in response_headers):
            response_headers.append((b"vary", b"Accept-Encoding"))
        response_headers.append((b"content-length", str(len(content)).encode()))
        await send({"type": "http.response.start", "status": start.get("status", 500),
                    "headers": response_headers})
        await send({"type": "http.response.body", "body": content})

    def _gzip(self, content: bytes) -> bytes:
        import gzip

        key = hashlib.sha256(content).digest()
        if key not in self._compressed:
            if len(self._compressed) >= 16:  # a new Solara page after a change: keep a few
                self._compressed.clear()
            self._compressed[key] = gzip.compress(content, compresslevel=9, mtime=0)
        return self._compressed[key]


class KeptAssets:
    """ASGI middleware: the page's scripts, styles and fonts answered from memory once served.

    They come from the installed packages and do not change while the server runs, but
    Solara's file server looks each one up on disk again (paths resolved, files checked, in a
    worker thread) for every learner. Here the first answer to each address (per compression
    the browser accepts) is kept, headers and compressed bytes as Solara made them (ETag,
    ``Cache-Control: immutable``), and sent as it is to every later learner. Only complete 200
    answers that set no cookie are kept, up to ``limit`` bytes in all; a conditional or partial
    request (``If-None-Match``, ``Range``) goes to Solara, which answers it as before.
    """

    PREFIXES = ("/_solara/cdn/", "/static/", "/jupyter/nbextensions/")
    _PASS = (b"if-none-match", b"if-modified-since", b"range")

    def __init__(self, app: Callable[..., Awaitable[None]], limit: int = 64_000_000) -> None:
        self.app = app
        self.limit = limit
        self.kept_bytes = 0
        self._kept: dict[tuple[str, bytes, bool], tuple[int, list[tuple[bytes, bytes]], bytes]]
        self._kept = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope.get("method") != "GET"
                or not scope["path"].startswith(self.PREFIXES)
                or any(key in self._PASS for key, _ in scope.get("headers", ()))):
            await self.app(scope, receive, send)
            return
        gzip = any(key == b"accept-encoding" and b"gzip" in value
                   for key, value in scope.get("headers", ()))
        key = (scope.get("root_path", "") + scope["path"], scope.get("query_string", b""), gzip)
        kept = self._kept.get(key)
        if kept is None:
            start: dict[str, Any] = {}
            body = bytearray()
            complete = [False]

            async def collect(message: MutableMapping[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    start.update(message)
                elif message["type"] == "http.response.body":
                    body.extend(message.get("body", b""))
                    complete[0] = not message.get("more_body", False)

            await self.app(scope, receive, collect)
            kept = (start.get("status", 500), list(start.get("headers", [])), bytes(body))
            if (kept[0] == 200 and complete[0]
                    and not any(k == b"set-cookie" for k, _ in kept[1])
                    and self.kept_bytes + len(kept[2]) <= self.limit):
                self._kept[key] = kept
                self.kept_bytes += len(kept[2])
        status, headers, content = kept
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})


async def _respond(send: Send, status: int, body: bytes,
                   headers: list[tuple[bytes, bytes]] | None = None) -> None:
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        *(headers or []),
    ]})
    await send({"type": "http.response.body", "body": body})


def _offline_cdn() -> None:
    """Never fetch an asset from the network: one missing from the installed packages is a 404,
    not a download (Solara's asset proxy would otherwise fetch it from a CDN)."""
    from solara.server import cdn_helper

    def refuse(url: str) -> bytes:
        raise FileNotFoundError(f"not installed and not fetched (offline): {url}")

    cdn_helper.fetch_from_cdn = refuse


def adapt_page(html: str) -> str:
    """Solara's page, adapted for the dashboard: the connection-lost watch first in the head
    (before Solara's scripts keep a reference to the browser's WebSocket), and zooming allowed
    (Solara's page forbids it, which fails readers who enlarge text: WCAG 1.4.4), and the page's
    language stated (WCAG 3.1.1).

    >>> page = adapt_page('<html><head><meta name="viewport" content="width=device-width, '
    ...                   'initial-scale=1, maximum-scale=1, user-scalable=no, minimal-ui">')
    >>> "user-scalable" in page, "maximum-scale" in page, "pannet-connection-lost" in page
    (False, False, True)
    >>> page.startswith('<html lang="en"><head>')
    True
    """
    watch = (ASSETS_DIR / "connection-lost.js").read_text(encoding="utf-8")
    html = html.replace("maximum-scale=1, user-scalable=no, ", "")
    html = html.replace("<html>", '<html lang="en">', 1)  # screen readers pick the language
    return html.replace("<head>", f"<head>\n<script>\n{watch}</script>", 1)


def _serve_pages_once() -> None:
    """Render Solara's page once per address and keep it: it is the same for every learner (no
    per-request data in it), and rendering it (a 75 kB template, files hashed) is CPU a room
    opening the page at once would otherwise pay per learner. Adapted by :func:`adapt_page`."""
    from solara.server import server as solara_server

    render = solara_server.read_root
    pages: dict[tuple[str, str], str | None] = {}

    def read_root(path: str, root_path: str = "", *args: Any, **kwargs: Any) -> str | None:
        if args or kwargs:
            page = render(path, root_path, *args, **kwargs)
            return None if page is None else adapt_page(page)
        key = (path, root_path)
        if key in pages:
            return pages[key]
        page = render(path, root_path)
        page = None if page is None else adapt_page(page)
        if len(pages) < 64:  # any address may be asked for: keep a few, never grow without end
            pages[key] = page
        return page

    solara_server.read_root = read_root


def prepare_shared_work() -> None:
    """What every learner's first page needs and no learner should pay for, done once before the
    server answers: the tools' modules imported (pandas, matplotlib) and the grade plane's bands
    drawn (the first tab's figure, shared by every session)."""
    import importlib

    import matplotlib

    matplotlib.use("Agg")  # drawn to PNG on the server: no window, no GUI toolkit
    from . import TOOLS

    for tool in TOOLS:
        importlib.import_module(tool.factory.partition(":")[0])
    from ..widgets.classification import shared_plane_html

    shared_plane_html(12.0, None)


def asgi_app(token: str, cull_idle: int) -> Callable[..., Awaitable[None]]:
    """Solara's server app behind :class:`TokenGate`. Sets Solara's settings in this process's
    environment first (:func:`solara_environment`): call it before anything imports Solara."""
    import warnings

    os.environ.update(solara_environment(cull_idle, {}))
    # Solara warns on every page load over plain http at 127.0.0.1 that its session cookie
    # cannot be SameSite=None (which only an embedding iframe would need): noise in the console.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")
    from solara.server.starlette import app as solara_app

    from . import tuning

    _offline_cdn()
    _serve_pages_once()
    tuning.lighter_session_shell()
    tuning.write_from_the_event_loop()
    tuning.threads_without_a_session()
    tuning.close_on_the_event_loop()
    prepare_shared_work()
    tuning.tune_gc()
    gate = TokenGate(KeptAssets(CompressedPages(solara_app)), token)
    gate.kernels_ahead = tuning.kernels_made_ahead()  # made by the server's loop (server_class)
    return gate


def server_class() -> type:
    """uvicorn's server as the dashboard runs it: a stop signal (SIGHUP too) ends it quietly, and
    its housekeeping runs once a second (see the methods)."""
    import asyncio
    import contextlib
    import signal

    import uvicorn

    def announce_ready(sessions: int) -> None:
        print(READY_MESSAGE.format(sessions=sessions), flush=True)

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self):  # type: ignore[override]
            """A stop signal ends the server, which is this command's normal end: the signal is
            not raised again afterwards (uvicorn's own handling would, and the command would
            report an interruption). SIGHUP too: a closed terminal stops the server."""
            stops = [signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP]
                                                      if hasattr(signal, "SIGHUP") else [])]
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in stops}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

        async def main_loop(self) -> None:
            """uvicorn's housekeeping (the Date header, whether to stop) once a second, not ten
            times: a server waiting for its class wakes up a tenth as often. Meanwhile the
            learners' kernels are made ahead while no one arrives (the app's ``kernels_ahead``)."""
            ahead = getattr(self.config.app, "kernels_ahead", None)
            making = (asyncio.ensure_future(ahead.keep_ready(announce_ready))
                      if ahead is not None else None)
            counter = 0
            try:
                while not await self.on_tick(counter):
                    counter = (counter + 10) % 864000  # uvicorn's header update: every 10th tick
                    await asyncio.sleep(1.0)
            finally:
                if making is not None:
                    making.cancel()

    return Server


def run(host: str, port: int, token: str, cull_idle: int) -> int:
    """Serve the dashboard until stopped (Ctrl-C, SIGTERM or SIGHUP); returns 0 once stopped."""
    import warnings

    import uvicorn

    Server = server_class()
    # uvicorn's "websockets" protocol (which uvicorn calls deprecated) is the one whose frames
    # Solara can write directly (SOLARA_SERVER_SYNC_WS_WRITE): a message is one write, not a task
    # of its own, which was half of a session's cost here. Should uvicorn drop it, Solara says so
    # once in the log and sends each message as a task.
    warnings.filterwarnings("ignore", message="The `websockets` implementation is deprecated")
    app = asgi_app(token, cull_idle)
    # A page has two minutes to answer the server's keep-alive ping (uvicorn's default is 20 s):
    # when a room arrives at once the pages' answers queue behind the room's first pages, and a
    # page dropped for answering late would come back as a new session, adding to the queue. A
    # page that has really gone is dropped after two minutes, its session after --cull-idle.
    config = uvicorn.Config(app, host=host, port=port, log_level="warning",
                            timeout_graceful_shutdown=5, ws="websockets",
                            ws_per_message_deflate=False, ws_ping_interval=20.0,
                            ws_ping_timeout=120.0)
    server = Server(config)
    own = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
    address = f"http://{f'[{own}]' if ':' in own else own}:{port}"
    threading.Thread(target=fetch_page_and_assets, args=(address, token, server),
                     name="compress-assets", daemon=True).start()
    server.run()
    return 0


def fetch_page_and_assets(base: str, token: str, server: Any = None) -> list[str]:
    """Ask this server, once it is up, for its page and every script and style the page links,
    as a browser would: each file is compressed on its first request and kept, so the first
    learners do not wait for (or pay for) that. Returns the addresses fetched (errors skipped)."""
    import re
    import time
    import urllib.request

    deadline = time.monotonic() + 120
    while server is not None and not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    cookie = f"{cookie_name(token)}={token}"
    fetched = []

    def get(path: str) -> bytes:
        request = urllib.request.Request(base + path, headers={
            "Cookie": cookie, "Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read()

    try:
        import gzip

        page = get("/")
        html = (gzip.decompress(page) if page[:2] == b"\x1f\x8b" else page).decode("utf-8")
        fetched.append("/")
    except Exception:
        return fetched
    for link in sorted(set(re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', html))):
        try:
            get(link)
            fetched.append(link)
        except Exception:
            continue
    return fetched
