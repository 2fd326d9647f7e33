"""Dashboard mode: the interactive tools without code, for a whole class from one process.

The dashboard is built from :data:`TOOLS`, a registry of ``(key, tab title, "module:Class")``
entries: adding a tool to the dashboard is one line here. Widgets are imported only when the
dashboard is built, so ``import pannet_edu.app`` stays light.

    pannet-edu app                   # http://127.0.0.1:8866/ with a token, opens a browser
    pannet-edu app --no-browser      # print the address instead

``pannet-edu app`` serves the dashboard with Solara's server (:mod:`pannet_edu.app.server`): every
learner's page is a session of its own in one Python process (its own widgets and answers), so a
room opening the page at once costs the widgets each page builds, not a Python process per
learner. The first tab's tool comes with the page; each other tool is built when its tab is first
opened. Sessions whose page has gone are dropped after ``--cull-idle`` seconds. While the room
arrives, ``pannet-edu warm`` draws the figures the tools can show in the background at the lowest
priority (``--no-warm`` skips it), so the first learner's first view of a forest plot or case
timeline is read from disk, not drawn. Inside JupyterLab or on a JupyterHub, Voila's server
extension renders :data:`DASHBOARD_NOTEBOOK` (one code cell: ``dashboard()``) instead.

>>> [tool.key for tool in TOOLS][:2]
['grading', 'staging']
"""

from __future__ import annotations

import importlib
import ipaddress
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.fields import short_repr

#: Where the dashboard tells the instructor why a tool could not be built (the kernel's stderr,
#: shown in the console that runs ``pannet-edu app``).
LOG = logging.getLogger("pannet_edu.app")
#: The dashboard as a notebook, for Voila inside JupyterLab or a JupyterHub (one code cell:
#: ``dashboard()``); ``pannet-edu app`` serves :mod:`pannet_edu.app.page` instead.
DASHBOARD_NOTEBOOK = Path(__file__).resolve().parent / "dashboard.ipynb"
#: Loopback only by default: nothing in the toolkit opens a server to the network unasked.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8866
#: Seconds a learner's session is kept after its page has gone (closed, or the laptop asleep):
#: a page back within this time finds its inputs as they were.
DEFAULT_CULL_IDLE = 600
#: The environment variable that gives the server a fixed token (several workers behind one
#: load balancer share it); without it a new token is made at every start.
TOKEN_ENV = "PANNET_EDU_APP_TOKEN"


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
    # Every option of every lesson (a lesson's own options in its notebook).
    AppTool("evidence_fit", "Inside the evidence",
            "pannet_edu.widgets.evidence_fit:InsideTheEvidence"),
    AppTool("cases", "Case player", "pannet_edu.widgets.case_player:CasePlayer"),
    AppTool("quiz", "Quiz", "pannet_edu.widgets.quiz:QuizWidget"),
    AppTool("practice_change", "Practice change",
            "pannet_edu.widgets.practice_change:PracticeChangeChecklist"),
    # The instructor's misconception map: the files a class sends are read in this session only.
    AppTool("class_report", "Class report",
            "pannet_edu.widgets.misconception_map:ClassReportTool"),
)


def dashboard(tools: tuple[AppTool, ...] = TOOLS, *, lazy: bool = False) -> Any:
    """The dashboard widget: a header with the disclaimer, then one tab per registered tool.

    With ``lazy`` only the first tab's tool is built with the page; each other tool is built the
    first time its tab is opened. Building every tool is most of a page's cost on the server (the
    trial table and forest plot, the case bank, the quiz), and a room opening the page at once
    waits on that work. The served dashboard (:mod:`pannet_edu.app.page`) is lazy; by default
    every tool is built.

    >>> app = dashboard(lazy=True)
    >>> tabs = app.children[1]
    >>> [tabs.get_title(i) for i in range(len(TOOLS))][:2]
    ['WHO grade', 'AJCC stage']
    >>> tabs.children[2].children  # not opened yet: nothing built, nothing sent
    ()
    >>> tabs.selected_index = 2
    >>> type(tabs.children[2].children[0]).__name__
    'VBox'
    """
    import ipywidgets as widgets
    from ipywidgets.widgets.widget_string import HTMLStyle

    from ..display import ALERT_TEXT, MUTED_TEXT, escape

    # One layout and one style for every box, page and message of this board: each widget model
    # is a message to the learner's browser when the page opens, and these carry no settings.
    plain_layout, plain_style = widgets.Layout(), HTMLStyle()
    header = widgets.HTML(_header_html(), layout=plain_layout, style=plain_style)
    # A tab not yet opened holds nothing (its content cannot be seen before it is opened); the
    # "Opening ..." message is put in when it is, and shows while its tool is built.
    pages = [widgets.VBox(layout=plain_layout) for _ in tools]
    built: dict[int, Any] = {}

    def message(html: str) -> Any:
        return widgets.HTML(html, layout=plain_layout, style=plain_style)

    def build(index: int, opened: bool = True) -> None:
        if index in built or not 0 <= index < len(tools):
            return
        opening = None
        if opened:  # a learner opened the tab: say what is coming while it is built
            opening = message(f"<p style='color:{MUTED_TEXT}'>Opening the "
                              f"{escape(tools[index].title)} tool…</p>")
            pages[index].children = (opening,)
        try:
            built[index] = tools[index].load()
        except Exception as exc:  # a readable message in the tab, never a traceback
            pages[index].children = (message(
                f"<p style='color:{ALERT_TEXT}'>{escape(_not_opened(tools[index].title, exc))}"
                "</p>"),)
        else:
            pages[index].children = (built[index].widget,)
        if opening is not None:
            opening.close()

    for index in range(len(tools)):
        if not lazy or index == 0:
            build(index, opened=False)
    # The titles with the tabs (one message to the browser), not set one by one (one each).
    tabs = widgets.Tab(children=pages, titles=[tool.title for tool in tools],
                       layout=plain_layout)
    tabs.observe(lambda change: build(change["new"]) if isinstance(change["new"], int) else None,
                 names="selected_index")
    board = widgets.VBox([header, tabs], layout=plain_layout)
    board.tools = built  # the tools built so far, by tab index
    return board


_HEADER: dict[tuple[str, int], str] = {}


def _header_html() -> str:
    """The dashboard's header: title, scope, disclaimer, the date the facts were last checked
    and whether a clinician has reviewed the lessons. Kept per process (every learner's page has
    the same) and made again when the review file or the lesson manifest changes."""
    from ..content import reader
    from ..content.manifest import manifest_file
    from ..content.reviews import META_FILE, content_checked_line
    from ..display import ALERT_TEXT, DISCLAIMER, MUTED_TEXT, escape

    meta = reader.data_dir() / META_FILE.name
    key: tuple = ()
    for path in (meta, manifest_file()):
        try:
            key += (str(path), path.stat().st_mtime_ns)
        except OSError:  # a missing file: content_checked_line says so, in its words
            key += (str(path), -1)
    if key not in _HEADER:
        _HEADER.clear()
        _HEADER[key] = (
            "<h2 style='margin:0'>pannet-edu tools</h2>"
            "<p style='margin:2px 0'>Metastatic pancreatic neuroendocrine tumours: "
            "classification, staging and systemic therapy, for teaching.</p>"
            f"<p style='margin:2px 0;color:{ALERT_TEXT}'><strong>{escape(DISCLAIMER)}</strong></p>"
            f"<p style='margin:2px 0;color:{MUTED_TEXT}'><small>"
            f"{escape(content_checked_line(meta))}</small></p>")
    return _HEADER[key]


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
    """Where the dashboard writes for the instructor: in a Jupyter kernel (Voila in JupyterLab),
    the kernel's own log, which goes to the console running the server (plain logging and stderr
    there would be sent to the learner's page instead); elsewhere, as in ``pannet-edu app``, the
    ``pannet_edu.app`` logger.

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


def check_options(port: int, cull_idle: int) -> None:
    """Refuse a port or culling time out of range, naming the option and what is allowed.

    >>> check_options(8866, 600)
    >>> check_options(8866, -5)
    Traceback (most recent call last):
    ...
    ValueError: cull_idle must be a whole number between 0 and 604800, got -5
    """
    _whole_number("port", port, 1, 65535)
    _whole_number("cull_idle", cull_idle, 0, 7 * 24 * 3600)


def app_token(environ: dict[str, str] | None = None) -> str:
    """The server's token: :data:`TOKEN_ENV` if set (at least 16 characters), else a new random
    one.

    >>> len(app_token({})) >= 32, app_token({TOKEN_ENV: "x" * 16}) == "x" * 16
    (True, True)
    """
    import secrets

    env = os.environ if environ is None else environ
    given = env.get(TOKEN_ENV, "")
    if given:
        if len(given) < 16 or not given.isascii() or not given.isprintable() or " " in given:
            raise ValueError(f"{TOKEN_ENV} must be at least 16 printable characters without "
                             "spaces (a shared secret, e.g. from `openssl rand -hex 24`)")
        return given
    return secrets.token_hex(24)
