"""Dashboard mode: the interactive tools without code, served by Voila on this computer only.

The dashboard is built from :data:`TOOLS`, a registry of ``(key, tab title, "module:Class")``
entries: adding a tool to the dashboard is one line here. Widgets are imported only when the
dashboard is built, so ``import pannet_edu.app`` stays light.

    pannet-edu app                   # http://127.0.0.1:8866/ with a token, opens a browser
    pannet-edu app --no-browser      # print the address instead
    pannet-edu app --pool 30 --no-browser   # a class: 30 kernels started ahead, page ready

A page load takes a kernel: with ``pool`` > 0, Voila keeps that many kernels started and the
dashboard already built in them ("pre-heated"), so a room opening the page together does not wait
for kernels to start; the pool refills behind them. Learners beyond the pool wait in line for a
kernel of their own: kernels start one per processor core at a time (``--kernel-starts``), first
come first served (about 3-5 s of processor time each, about 140 MB of memory). For a class, set
``--pool`` to the number of learners: memory, not the pool, is then the bound (60 kernels: about
8.5 GB). While the room arrives, ``pannet-edu warm`` draws the figures the tools can show in the
background at the lowest priority (``--no-warm`` skips it), so the first learner's first view of a
forest plot or case timeline is read from disk, not drawn. Kernels idle for ``cull_idle`` seconds
with no page connected are shut down (a page opened and closed does not hold ~140 MB until the
server stops), and a kernel whose page never connected (closed or reloaded while it loaded) is
shut down after a minute idle. The page is served from the ``pannet`` template in
``app/share``: Voila's own page without anything fetched from the network.

>>> [tool.key for tool in TOOLS][:2]
['grading', 'staging']
>>> voila_command(port=8870)[-4:]
['--Voila.ip=127.0.0.1', '--port=8870', '--Voila.open_browser=False', '--Voila.auto_token=True']
>>> [a for a in voila_command(pool=4) if "pool" in a or "preheat" in a]
['--VoilaConfiguration.preheat_kernel=True', '--VoilaConfiguration.default_pool_size=4']
"""

from __future__ import annotations

import importlib
import ipaddress
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.fields import short_repr

#: Where the dashboard tells the instructor why a tool could not be built (the kernel's stderr,
#: shown in the console that runs ``pannet-edu app``).
LOG = logging.getLogger("pannet_edu.app")
#: The dashboard notebook Voila serves (one code cell: ``dashboard()``).
DASHBOARD_NOTEBOOK = Path(__file__).resolve().parent / "dashboard.ipynb"
#: Loopback only by default: nothing in the toolkit opens a server to the network unasked.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8866
#: Pre-heated kernels kept ready by default (one: the first page opens at once).
DEFAULT_POOL = 1
#: Seconds a kernel may sit idle with no page connected before it is shut down.
DEFAULT_CULL_IDLE = 600
#: Seconds Voila waits after handing out a pre-heated kernel before starting its replacement:
#: long enough for a room's first clicks, short, since a learner beyond the pool waits for it.
POOL_REFILL_DELAY = 5
#: The kernel manager that starts kernels a few at a time, first come first served (see
#: :mod:`pannet_edu.app._kernels`): learners beyond the pool wait in line instead of all
#: starting at once and all finishing late.
KERNEL_MANAGER = "pannet_edu.app._kernels.QueuedKernelManager"


def start_slots() -> int:
    """Kernels started at the same time: one per processor core (at least 2).

    >>> start_slots() >= 2
    True
    """
    return max(2, os.cpu_count() or 2)
#: Where the dashboard's Voila template lives (``voila/templates/pannet``), added to JUPYTER_PATH.
SHARE_DIR = Path(__file__).resolve().parent / "share"
TEMPLATE = "pannet"


@dataclass(frozen=True)
class AppTool:
    """One dashboard tab. ``factory`` is ``"module:attribute"``: a Tool class that can be made
    with no arguments."""

    key: str
    title: str
    factory: str

    def load(self) -> Any:
        """Import the tool's class and make one with its default inputs."""
        module_name, _, attribute = self.factory.partition(":")
        return getattr(importlib.import_module(module_name), attribute)()


#: The dashboard's tools, in tab order. Add a tool with one line.
TOOLS: tuple[AppTool, ...] = (
    AppTool("grading", "WHO grade", "pannet_edu.widgets.classification:GradingCalculator"),
    AppTool("staging", "AJCC stage", "pannet_edu.widgets.classification:StagingTool"),
    AppTool("trials", "Trial explorer", "pannet_edu.widgets.trial_explorer:TrialExplorer"),
    AppTool("appraisal", "Therapy appraisal", "pannet_edu.widgets.appraisal:PatientAppraisal"),
    AppTool("cases", "Case player", "pannet_edu.widgets.case_player:CasePlayer"),
    AppTool("quiz", "Quiz", "pannet_edu.widgets.quiz:QuizWidget"),
)


#: Set (to "1") in the served dashboard's environment by :func:`voila_env`: tabs built on demand.
LAZY_ENV = "PANNET_DASHBOARD_LAZY"


def dashboard(tools: tuple[AppTool, ...] = TOOLS, *, lazy: bool | None = None) -> Any:
    """The dashboard widget: a header with the disclaimer, then one tab per registered tool.

    With ``lazy`` only the first tab's tool is built with the page; each other tool is built the
    first time its tab is opened. Building every tool is most of a dashboard kernel's start-up
    work (the trial table and forest plot, the case bank, the quiz), and a room opening the page
    at once waits on that work, kernel after kernel. The default is lazy in the served dashboard
    (:data:`LAZY_ENV` set by :func:`voila_env`) and every tool built elsewhere.

    >>> app = dashboard(lazy=True)
    >>> tabs = app.children[1]
    >>> [tabs.get_title(i) for i in range(len(TOOLS))][:2]
    ['WHO grade', 'AJCC stage']
    >>> "Opening" in tabs.children[2].children[0].value
    True
    >>> tabs.selected_index = 2
    >>> type(tabs.children[2].children[0]).__name__
    'VBox'
    """
    import ipywidgets as widgets

    from ..content.reviews import content_reviewed
    from ..display import ALERT_TEXT, DISCLAIMER, MUTED_TEXT, escape

    header = widgets.HTML(
        "<h2 style='margin:0'>pannet-edu tools</h2>"
        "<p style='margin:2px 0'>Metastatic pancreatic neuroendocrine tumours: classification, "
        "staging and systemic therapy, for teaching.</p>"
        f"<p style='margin:2px 0;color:{ALERT_TEXT}'><strong>{escape(DISCLAIMER)}</strong></p>"
        f"<p style='margin:2px 0;color:{MUTED_TEXT}'><small>Content last reviewed "
        f"{content_reviewed().isoformat()}.</small></p>"
    )
    if lazy is None:
        lazy = os.environ.get(LAZY_ENV) == "1"
    pages = [widgets.VBox() for _ in tools]
    built: dict[int, Any] = {}

    def build(index: int) -> None:
        if index in built or not 0 <= index < len(tools):
            return
        try:
            built[index] = tools[index].load()
        except Exception as exc:  # a readable message in the tab, never a traceback
            pages[index].children = (widgets.HTML(
                f"<p style='color:{ALERT_TEXT}'>{escape(_not_opened(tools[index].title, exc))}"
                "</p>"),)
            return
        pages[index].children = (built[index].widget,)

    for index, tool in enumerate(tools):
        if lazy and index > 0:
            pages[index].children = (widgets.HTML(
                f"<p style='color:{MUTED_TEXT}'>Opening the {escape(tool.title)} tool…</p>"),)
        else:
            build(index)
    tabs = widgets.Tab(children=pages)
    for index, tool in enumerate(tools):
        tabs.set_title(index, tool.title)
    tabs.observe(lambda change: build(change["new"]) if isinstance(change["new"], int) else None,
                 names="selected_index")
    board = widgets.VBox([header, tabs])
    board.tools = built  # the tools built so far, by tab index
    return board


def _not_opened(title: str, exc: Exception) -> str:
    """What a learner reads when a tool cannot be built; the cause goes to the server's log.

    A mistake in a content file will not go away on a reload, so the learner is told to tell the
    instructor, who finds the file, entry and field in the log (or with ``pannet-edu check``).
    """
    from ..content import ContentError

    log = server_log()
    if isinstance(exc, ContentError):
        log.error("The %s tool could not be built: a content file has a mistake: %s", title, exc)
        return (f"The {title} tool cannot be opened: one of the course's content files has a "
                "mistake. Please tell your instructor (the details are in the server's log); "
                "reloading will not help.")
    log.error("The %s tool could not be built: %s: %s", title, type(exc).__name__,
              short_repr(str(exc), 1000))
    return (f"The {title} tool could not be opened (the error is in the server's log for the "
            "instructor). Reload the page to try again.")


def server_log() -> logging.Logger:
    """Where a dashboard kernel writes for the instructor: the kernel's own log, which goes to the
    console running the server. Plain logging (and stderr) in a kernel would be sent to the
    learner's page instead. Outside a kernel: the ``pannet_edu.app`` logger.

    >>> server_log().name
    'pannet_edu.app'
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return LOG
    kernel = getattr(get_ipython(), "kernel", None)
    log = getattr(kernel, "log", None)
    return log if isinstance(log, logging.Logger) else LOG


def check_host(host: str, port: int) -> None:
    """Refuse, in one line, an address this computer cannot listen on (a mistyped or foreign
    address, a name that does not resolve), before any server starts. The address is tried on a
    free port: whether ``port`` is taken is the server's to say.

    >>> check_host("999.1.1.1", 8866)
    Traceback (most recent call last):
    ...
    ValueError: --host 999.1.1.1: not an address of this computer (...)
    """
    import socket

    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ValueError(f"--host {short_repr(host, 80)[1:-1]}: not an address of this computer "
                         f"({reason})") from None
    for family, kind, protocol, _name, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            try:
                probe.bind((address[0], 0, *address[2:]))
            except OSError as exc:
                raise ValueError(f"--host {short_repr(host, 80)[1:-1]}: this computer cannot "
                                 f"listen there ({exc.strerror or exc})") from None


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this computer.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _whole_number(name: str, value: object, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number between {low} and {high}, got "
                         f"{short_repr(value)}")
    return value


def voila_command(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    open_browser: bool = False,
    token: str | None = None,
    notebook: Path = DASHBOARD_NOTEBOOK,
    pool: int = DEFAULT_POOL,
    cull_idle: int = DEFAULT_CULL_IDLE,
    kernel_starts: int | None = None,
) -> list[str]:
    """The command that serves the dashboard with Voila (code cells stripped, tracebacks hidden).

    Token authentication is always on: a fixed ``token`` if given, else Voila generates one and
    prints the address with it. ``pool`` kernels are kept pre-heated (0: none, each page starts
    its own); kernels idle for ``cull_idle`` seconds without a connected page are shut down
    (0: never). ``kernel_starts`` kernels start at the same time (default :func:`start_slots`,
    one per processor core).

    >>> cmd = voila_command(token="abc")
    >>> "--Voila.ip=127.0.0.1" in cmd, "--Voila.token=abc" in cmd, "--strip_sources=True" in cmd
    (True, True, True)
    >>> "--MappingKernelManager.cull_idle_timeout=600" in cmd, "--template=pannet" in cmd
    (True, True)
    >>> voila_command(pool=-1)
    Traceback (most recent call last):
    ...
    ValueError: pool must be a whole number between 0 and 200, got -1
    """
    _whole_number("port", port, 1, 65535)
    _whole_number("pool", pool, 0, 200)
    _whole_number("cull_idle", cull_idle, 0, 7 * 24 * 3600)
    if kernel_starts is None:
        kernel_starts = start_slots()
    _whole_number("kernel_starts", kernel_starts, 1, 64)
    auth = f"--Voila.token={token}" if token else "--Voila.auto_token=True"
    command = [
        sys.executable,
        "-m",
        "pannet_edu.app._voila",  # Voila, finding the dashboard's template without set-up
        str(notebook),
        "--strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--template={TEMPLATE}",
        "--theme=light",
    ]
    command += [
        f"--VoilaConfiguration.multi_kernel_manager_class={KERNEL_MANAGER}",
        f"--QueuedKernelManager.max_starting={kernel_starts}",
    ]
    if pool:
        command += [
            "--VoilaConfiguration.preheat_kernel=True",
            f"--VoilaConfiguration.default_pool_size={pool}",
            # Refill the pool after the room has arrived, not while its kernels answer: starting
            # kernels competes for the same cores as the learners' first clicks.
            f"--VoilaKernelManager.fill_delay={POOL_REFILL_DELAY}",
        ]
    if cull_idle:
        command += [
            f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
            f"--MappingKernelManager.cull_interval={max(5, min(60, cull_idle // 4))}",
        ]
    return [
        *command,
        f"--Voila.ip={host}",
        f"--port={port}",
        f"--Voila.open_browser={open_browser}",
        auth,
    ]


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for :func:`voila_command`: ``base`` (default: this process's) with the
    dashboard's template folder first on JUPYTER_PATH, and tabs built on demand (:data:`LAZY_ENV`).

    >>> voila_env({"JUPYTER_PATH": "/x"})["JUPYTER_PATH"].endswith(os.pathsep + "/x")
    True
    """
    env = dict(os.environ if base is None else base)
    paths = [str(SHARE_DIR), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env[LAZY_ENV] = "1"  # the kernels build each tab's tool when it is first opened
    return env


#: Seconds Voila gets to shut its kernels down after SIGTERM before it is killed.
STOP_TIMEOUT = 20


def serve(command: list[str], env: dict[str, str]) -> int:
    """Run the Voila ``command`` until it ends, or until this process is told to stop (Ctrl-C,
    SIGTERM or SIGHUP): then stop Voila too (SIGTERM, which shuts its kernels down and frees the
    port; SIGKILL after :data:`STOP_TIMEOUT` seconds). Returns Voila's exit status (0 when stopped).
    """
    import signal
    import subprocess

    # Its own session: a terminal's Ctrl-C reaches this process only, which stops Voila once.
    process = subprocess.Popen(command, env=env, start_new_session=True)
    import time

    stopping: float | None = None  # when the stop was asked for

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        if stopping is None:
            stopping = time.monotonic()
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)

    # SIGHUP too: a closed terminal or a hub's stop must not leave Voila, its kernels and its
    # token running.
    stops = (signal.SIGTERM, signal.SIGINT, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else []))
    previous = {sig: signal.signal(sig, stop) for sig in stops}
    try:
        while True:
            try:
                code = process.wait(timeout=0.5)  # short waits: the stop's deadline is checked
                break
            except subprocess.TimeoutExpired:
                if stopping is not None and time.monotonic() - stopping > STOP_TIMEOUT:
                    process.kill()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if process.poll() is None:  # an unexpected error in this process: never leave it behind
            process.kill()
            process.wait()
    return 0 if stopping is not None else code
