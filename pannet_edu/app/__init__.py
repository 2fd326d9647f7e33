"""Dashboard mode: the interactive tools without code, served by Voila on this computer only.

The dashboard is built from :data:`TOOLS`, a registry of ``(key, tab title, "module:Class")``
entries: adding a tool to the dashboard is one line here. Widgets are imported only when the
dashboard is built, so ``import pannet_edu.app`` stays light.

    pannet-edu app                   # http://127.0.0.1:8866/ with a token, opens a browser
    pannet-edu app --no-browser      # print the address instead

>>> [tool.key for tool in TOOLS][:2]
['grading', 'staging']
>>> voila_command(port=8870)[-4:]
['--Voila.ip=127.0.0.1', '--port=8870', '--Voila.open_browser=False', '--Voila.auto_token=True']
"""

from __future__ import annotations

import importlib
import ipaddress
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The dashboard notebook Voila serves (one code cell: ``dashboard()``).
DASHBOARD_NOTEBOOK = Path(__file__).resolve().parent / "dashboard.ipynb"
#: Loopback only by default: nothing in the toolkit opens a server to the network unasked.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8866


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
)


def dashboard(tools: tuple[AppTool, ...] = TOOLS) -> Any:
    """The dashboard widget: a header with the disclaimer, then one tab per registered tool.

    >>> app = dashboard()
    >>> [app.children[1].get_title(i) for i in range(len(TOOLS))][:2]
    ['WHO grade', 'AJCC stage']
    """
    import ipywidgets as widgets

    from ..handouts import content_reviewed
    from ..render import DISCLAIMER, escape

    header = widgets.HTML(
        "<h2 style='margin:0'>pannet-edu tools</h2>"
        "<p style='margin:2px 0'>Metastatic pancreatic neuroendocrine tumours: classification, "
        "staging and systemic therapy, for teaching.</p>"
        f"<p style='margin:2px 0;color:#D55E00'><strong>{escape(DISCLAIMER)}</strong></p>"
        f"<p style='margin:2px 0;color:#555'><small>Content last reviewed "
        f"{content_reviewed().isoformat()}.</small></p>"
    )
    loaded = [tool.load() for tool in tools]
    tabs = widgets.Tab(children=[tool.widget for tool in loaded])
    for index, tool in enumerate(tools):
        tabs.set_title(index, tool.title)
    return widgets.VBox([header, tabs])


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


def voila_command(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    open_browser: bool = False,
    token: str | None = None,
    notebook: Path = DASHBOARD_NOTEBOOK,
) -> list[str]:
    """The command that serves the dashboard with Voila (code cells stripped, tracebacks hidden).

    Token authentication is always on: a fixed ``token`` if given, else Voila generates one and
    prints the address with it.

    >>> cmd = voila_command(token="abc")
    >>> "--Voila.ip=127.0.0.1" in cmd, "--Voila.token=abc" in cmd, "--strip_sources=True" in cmd
    (True, True, True)
    """
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        raise ValueError(f"port must be a whole number between 1 and 65535, got {port!r}")
    auth = f"--Voila.token={token}" if token else "--Voila.auto_token=True"
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--theme=light",
        f"--Voila.ip={host}",
        f"--port={port}",
        f"--Voila.open_browser={open_browser}",
        auth,
    ]
