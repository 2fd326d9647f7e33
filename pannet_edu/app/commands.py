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

    if find_spec("voila") is None:
        print(
            "pannet-edu app: Voila is not installed. Install the lab extra: "
            "pip install 'pannet-edu[lab]' (or run `make lab` once in a checkout).",
            file=sys.stderr,
        )
        return 2
    app.check_host(args.host, args.port)  # a bad --host is one line, not a server traceback
    if not app.is_loopback(args.host):
        print(
            f"pannet-edu app: serving on {args.host}, reachable from other computers on the "
            "network. Keep the token secret; use the default 127.0.0.1 unless you mean this.",
            file=sys.stderr,
        )
    command = app.voila_command(
        args.host,
        args.port,
        open_browser=not args.no_browser,
        pool=args.pool,
        cull_idle=args.cull_idle,
        kernel_starts=args.kernel_starts,
    )
    # The figures a class will ask for are drawn while the room arrives, at the lowest
    # priority: the kernels starting for the learners come first.
    warming = None if args.no_warm else start_warming()
    try:
        # Ctrl-C or SIGTERM stops Voila too (its kernels shut down, the port is freed).
        return app.serve(command, app.voila_env())
    finally:
        if warming is not None and warming.poll() is None:
            warming.terminate()


def add_app(subparsers: argparse._SubParsersAction) -> None:
    """Register ``pannet-edu app`` on the ``pannet-edu`` parser.

    >>> parser = argparse.ArgumentParser(); add_app(parser.add_subparsers())
    >>> parser.parse_args(["app", "--pool", "30"]).pool
    30
    """
    from . import DEFAULT_CULL_IDLE, DEFAULT_HOST, DEFAULT_POOL, DEFAULT_PORT

    parser = subparsers.add_parser(
        "app",
        help="serve the interactive tools as a dashboard (Voila), on this computer only",
        description=(
            "Serve the grading, staging and other tools as a Voila dashboard without code. "
            f"Binds to {DEFAULT_HOST} (this computer only) with token authentication unless "
            "--host says otherwise."
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
        "--pool",
        type=int,
        default=DEFAULT_POOL,
        help="kernels kept started with the dashboard built, for a room opening the page at "
        f"once (about 140 MB each; default {DEFAULT_POOL}; 0 = start one per page load)",
    )
    parser.add_argument(
        "--cull-idle",
        type=int,
        default=DEFAULT_CULL_IDLE,
        metavar="SECONDS",
        help="shut down a kernel idle this long with no page connected "
        f"(default {DEFAULT_CULL_IDLE}; 0 = never)",
    )
    parser.add_argument(
        "--kernel-starts",
        type=int,
        default=None,
        metavar="N",
        help="kernels started at the same time, first come first served (default: one per "
        "processor core, at least 2)",
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
