"""Dashboard mode and servers: every registered tool loads; nothing listens beyond this computer
unless asked; token authentication stays on."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from pannet_edu import app, cli
from pannet_edu.app import commands
from pannet_edu.widgets import Tool

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def no_background_warm(monkeypatch):
    """`pannet-edu app` starts drawing figures in the background; these tests only read the
    command it builds (tests/test_widgets_warm.py checks the warm itself)."""
    monkeypatch.setattr(commands, "start_warming", lambda: None)


@pytest.mark.parametrize("entry", app.TOOLS, ids=lambda t: t.key)
def test_every_registered_tool_loads_with_a_result_and_the_disclaimer(entry):
    tool = entry.load()
    assert isinstance(tool, Tool)
    view = tool.view()
    assert view.error is None, f"{entry.key} starts in an error state: {view.error}"
    assert "education only" in tool.snapshot_html()


def test_registry_keys_are_unique():
    keys = [tool.key for tool in app.TOOLS]
    assert len(keys) == len(set(keys))


def test_dashboard_has_one_tab_per_tool_in_registry_order():
    board = app.dashboard()
    header, tabs = board.children
    assert "education only" in header.value
    assert len(tabs.children) == len(app.TOOLS)
    assert [tabs.get_title(i) for i in range(len(app.TOOLS))] == [t.title for t in app.TOOLS]


def test_adding_a_tool_is_one_registry_entry():
    extra = app.AppTool("staging2", "Staging again", "pannet_edu.widgets:StagingTool")
    board = app.dashboard((*app.TOOLS, extra))
    assert board.children[1].get_title(len(app.TOOLS)) == "Staging again"


def test_dashboard_notebook_only_calls_the_package():
    notebook = json.loads(app.DASHBOARD_NOTEBOOK.read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code and all("dashboard()" in c for c in code)
    assert all(not c["outputs"] for c in notebook["cells"] if c["cell_type"] == "code")


def test_cli_app_binds_to_loopback_by_default():
    args = cli.build_parser().parse_args(["app"])
    assert args.host == "127.0.0.1"
    command = app.voila_command(args.host, args.port)
    assert "--Voila.ip=127.0.0.1" in command
    assert "--Voila.auto_token=True" in command
    assert "--strip_sources=True" in command


def test_a_fixed_token_replaces_the_generated_one():
    command = app.voila_command(token="s3cret")
    assert "--Voila.token=s3cret" in command
    assert not any("auto_token" in part for part in command)


def test_cli_app_pool_and_culling_options_reach_voila(monkeypatch):
    seen = {}
    monkeypatch.setattr(app, "serve", lambda command, env: seen.update(cmd=command, env=env) or 0)
    assert cli.main(["app", "--no-browser", "--pool", "30", "--cull-idle", "120"]) == 0
    assert "--VoilaConfiguration.preheat_kernel=True" in seen["cmd"]
    assert "--VoilaConfiguration.default_pool_size=30" in seen["cmd"]
    assert "--MappingKernelManager.cull_idle_timeout=120" in seen["cmd"]
    assert "--template=pannet" in seen["cmd"]
    assert seen["env"]["JUPYTER_PATH"].split(os.pathsep)[0] == str(app.SHARE_DIR)


def test_pool_zero_starts_a_kernel_per_page_and_cull_zero_never_culls():
    command = app.voila_command(pool=0, cull_idle=0)
    assert not any("preheat" in part or "cull" in part for part in command)


@pytest.mark.parametrize(("name", "value"), [("pool", -1), ("pool", 2.5), ("cull_idle", -5)])
def test_bad_pool_or_cull_value_is_refused_naming_it(name, value):
    with pytest.raises(ValueError, match=f"{name} must be a whole number"):
        app.voila_command(**{name: value})


def test_dashboard_template_drops_the_cdn_font_links_of_voilas_own_template():
    from importlib.util import find_spec

    template = app.SHARE_DIR / "voila" / "templates" / app.TEMPLATE / "index.html.j2"
    ours = template.read_text(encoding="utf-8")
    spec = find_spec("voila")
    if spec is None:
        pytest.skip("voila not installed")
    voila_lab = Path(spec.origin).parents[3] / "share/jupyter/voila/templates/lab/index.html.j2"
    if not voila_lab.is_file():
        voila_lab = Path(sys.prefix) / "share/jupyter/voila/templates/lab/index.html.j2"
    remote_link = r'<link rel="stylesheet" href="https?://[^"]+"[^>]*/>'
    links = re.findall(remote_link, voila_lab.read_text())
    assert links, "Voila's lab template changed: check where its remote links went"
    for link in links:
        assert link in ours, f"the dashboard template does not remove {link}"


def test_app_share_folder_is_package_data():
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert any(pattern.startswith("app/share") for pattern in data["package-data"]["pannet_edu"])


@pytest.mark.parametrize("port", [0, 70000, "8866", True])
def test_bad_port_is_refused_with_the_allowed_range(port):
    with pytest.raises(ValueError, match="port must be a whole number between 1 and 65535"):
        app.voila_command(port=port)


def test_cli_app_warns_before_serving_to_the_network(monkeypatch, capsys):
    seen = {}

    def fake_serve(command, env):
        seen["cmd"] = command
        return 0

    monkeypatch.setattr(app, "serve", fake_serve)
    assert cli.main(["app", "--host", "0.0.0.0", "--no-browser"]) == 0
    assert "reachable from other computers" in capsys.readouterr().err
    assert "--Voila.ip=0.0.0.0" in seen["cmd"]
    assert "--Voila.open_browser=False" in seen["cmd"]


def test_cli_app_is_quiet_on_loopback(monkeypatch, capsys):
    monkeypatch.setattr(app, "serve", lambda command, env: 0)
    assert cli.main(["app", "--no-browser"]) == 0
    assert capsys.readouterr().err == ""


def test_cli_app_without_voila_says_how_to_install_it(monkeypatch, capsys):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert cli.main(["app"]) == 2
    assert "pip install 'pannet-edu[lab]'" in capsys.readouterr().err


def test_make_lab_binds_to_localhost_and_keeps_token_auth():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    [lab_recipe] = re.findall(r"^lab:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    # The recipe passes $(LAB_FLAGS): check the flags it expands to as well.
    lab_recipe += "".join(re.findall(r"^LAB_FLAGS :=((?:.*\\\n)*.*)$", makefile, re.MULTILINE))
    assert "--ip=127.0.0.1" in lab_recipe
    assert not re.search(r"token\s*=\s*['\"]{2}|disable_check_xsrf|password\s*=", lab_recipe)


def test_dashboard_builds_each_tool_when_its_tab_is_first_opened():
    board = app.dashboard(lazy=True)
    tabs = board.children[1]
    assert sorted(board.tools) == [0]  # only the first tab's tool comes with the page
    assert tabs.children[0].children == (board.tools[0].widget,)
    assert "Opening the Trial explorer tool" in tabs.children[2].children[0].value
    tabs.selected_index = 2
    assert sorted(board.tools) == [0, 2]
    trials = board.tools[2]
    assert tabs.children[2].children == (trials.widget,)
    tabs.selected_index = 0
    tabs.selected_index = 2
    assert board.tools[2] is trials  # built once


def test_a_tool_that_cannot_be_built_says_so_in_its_tab():
    broken = app.AppTool("broken", "Broken", "pannet_edu.widgets:NoSuchTool")
    board = app.dashboard((app.TOOLS[1], broken), lazy=True)
    board.children[1].selected_index = 1
    assert "could not be opened" in board.children[1].children[1].children[0].value
    assert sorted(board.tools) == [0]


def test_dashboard_not_lazy_builds_every_tool():
    board = app.dashboard(app.TOOLS[:3], lazy=False)
    assert sorted(board.tools) == [0, 1, 2]


def test_the_served_dashboard_is_lazy_and_a_notebook_one_is_not(monkeypatch):
    assert app.voila_env({})[app.LAZY_ENV] == "1"
    monkeypatch.delenv(app.LAZY_ENV, raising=False)
    assert sorted(app.dashboard(app.TOOLS[:2]).tools) == [0, 1]
    monkeypatch.setenv(app.LAZY_ENV, "1")
    assert sorted(app.dashboard(app.TOOLS[:2]).tools) == [0]
