"""The ``pannet-edu app`` and ``pannet-edu warm`` subcommands: serving the dashboard to a room,
and drawing the tools' figures before it arrives (registered by :mod:`pannet_edu.cli`)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys


def _run_app(args: argparse.Namespace) -> int:
    from importlib.util import find_spec

    from .. import app

    if find_spec("solara") is None or find_spec("solara_assets") is None:
        print(
            "pannet-edu app: the dashboard server (solara, solara-assets) is not installed. "
            "Install the lab extra: pip install 'pannet-edu[lab]' (or run `make lab` once in a "
            "checkout).",
            file=sys.stderr,
        )
        return 2
    app.check_options(args.port, args.cull_idle)
    app.check_host(args.host, args.port)  # a bad --host is one line, not a server traceback
    token = app.app_token()
    if not app.is_loopback(args.host):
        print(
            f"pannet-edu app: serving on {args.host}, reachable from other computers on the "
            "network. Keep the token secret; use the default 127.0.0.1 unless you mean this.",
            file=sys.stderr,
        )
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{args.port}/?token={token}"
    print(f"pannet-edu app: the dashboard is at {url}\n"
          "(one process for the whole class; Ctrl-C stops it)", flush=True)
    if not args.no_browser:
        _open_browser_when_up(args.host, args.port, url)
    # The figures a class will ask for are drawn while the room arrives, at the lowest
    # priority: the learners' pages come first.
    warming = None if args.no_warm else start_warming()
    try:
        from . import server

        return server.run(args.host, args.port, token, args.cull_idle)
    finally:
        if warming is not None and warming.poll() is None:
            warming.terminate()


def _open_browser_when_up(host: str, port: int, url: str) -> None:
    """Open ``url`` in the learner's browser once the port answers (in a daemon thread)."""
    import socket
    import threading
    import time
    import webbrowser

    def wait_then_open() -> None:
        target = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection((target, port), timeout=1).close()
            except OSError:
                time.sleep(0.2)
                continue
            webbrowser.open(url)
            return

    threading.Thread(target=wait_then_open, name="open-browser", daemon=True).start()


def add_app(subparsers: argparse._SubParsersAction) -> None:
    """Register ``pannet-edu app`` on the ``pannet-edu`` parser.

    >>> parser = argparse.ArgumentParser(); add_app(parser.add_subparsers())
    >>> parser.parse_args(["app", "--cull-idle", "120"]).cull_idle
    120
    """
    from . import DEFAULT_CULL_IDLE, DEFAULT_HOST, DEFAULT_PORT, TOKEN_ENV

    parser = subparsers.add_parser(
        "app",
        help="serve the interactive tools as a dashboard for a whole class, on this computer only",
        description=(
            "Serve the grading, staging and other tools as a dashboard without code: every "
            "learner's page is a session of its own, all in one process. "
            f"Binds to {DEFAULT_HOST} (this computer only) with a token unless --host says "
            f"otherwise; {TOKEN_ENV} sets a fixed token (several workers share one)."
        ),
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument(
        "--cull-idle",
        type=int,
        default=DEFAULT_CULL_IDLE,
        metavar="SECONDS",
        help="drop a learner's session this long after its page has gone "
        f"(default {DEFAULT_CULL_IDLE}; 0 = keep it a week)",
    )
    parser.add_argument(
        "--no-warm",
        action="store_true",
        help="do not draw the tools' figures in the background at start (see `pannet-edu warm`)",
    )
    parser.set_defaults(run=_run_app)


def start_warming() -> subprocess.Popen:
    """Start ``pannet-edu warm`` as a background process at the lowest processor priority, with
    no output; returns the process (it ends by itself when every figure is kept)."""
    return subprocess.Popen(
        [sys.executable, "-m", "pannet_edu.cli", "warm", "--quiet", "--low-priority"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # a Ctrl-C meant for the server does not reach it half-way
    )


def _run_warm(args: argparse.Namespace) -> int:
    if args.background:
        start_warming()
        if not args.quiet:
            print("pannet-edu warm: drawing the trial explorer's and the case player's figures "
                  "in the background, at low priority (under a minute of one core).")
        return 0
    if args.low_priority and hasattr(os, "nice"):
        os.nice(19)
    from ..widgets import warm

    report = warm.warm_kept_figures()
    if not report.ok:
        print(f"pannet-edu warm: {report.summary()}", file=sys.stderr)
        return 1  # a script or `make lab` can tell the figures were not prepared
    if not args.quiet:
        print(report.summary())
    return 0


def add_warm(subparsers: argparse._SubParsersAction) -> None:
    """Register ``pannet-edu warm`` on the ``pannet-edu`` parser.

    >>> parser = argparse.ArgumentParser(); add_warm(parser.add_subparsers())
    >>> parser.parse_args(["warm", "--background"]).background
    True
    """
    text = (
        "draw every figure the trial explorer and the case player can show and keep it on disk, "
        "so that each learner's first view of it is read, not drawn (PANNET_FIGURE_CACHE names "
        "the folder; off turns keeping off)"
    )
    parser = subparsers.add_parser("warm", help=text.split(" (")[0], description=text + ".")
    parser.add_argument("--background", action="store_true",
                        help="start it at low priority in the background and return at once")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    parser.add_argument("--low-priority", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(run=_run_warm)
