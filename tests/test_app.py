"""Dashboard mode and servers: every registered tool loads; nothing listens beyond this computer
unless asked; token authentication stays on."""

from __future__ import annotations

import json
import re
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


@pytest.fixture()
def served(monkeypatch):
    """What `pannet-edu app` would serve: the arguments of server.run, without starting it."""
    from pannet_edu.app import server

    seen = {}
    monkeypatch.setattr(server, "run", lambda host, port, token, cull_idle: seen.update(
        host=host, port=port, token=token, cull_idle=cull_idle) or 0)
    monkeypatch.delenv(app.TOKEN_ENV, raising=False)
    return seen


def test_cli_app_binds_to_loopback_by_default_with_a_new_token_each_start(served, capsys):
    assert cli.main(["app", "--no-browser"]) == 0
    first = dict(served)
    assert first["host"] == "127.0.0.1" and first["port"] == app.DEFAULT_PORT
    assert len(first["token"]) >= 32
    assert f"http://127.0.0.1:{app.DEFAULT_PORT}/?token={first['token']}" in capsys.readouterr().out
    assert cli.main(["app", "--no-browser"]) == 0
    assert served["token"] != first["token"]


def test_a_fixed_token_comes_from_the_environment(served, monkeypatch, capsys):
    monkeypatch.setenv(app.TOKEN_ENV, "s3cret-s3cret-s3cret")
    assert cli.main(["app", "--no-browser"]) == 0
    assert served["token"] == "s3cret-s3cret-s3cret"
    served.clear()
    monkeypatch.setenv(app.TOKEN_ENV, "short")
    assert cli.main(["app", "--no-browser"]) == 2 and not served
    assert "at least 16 printable characters" in capsys.readouterr().err


def test_cli_app_culling_option_reaches_the_server(served):
    assert cli.main(["app", "--no-browser", "--cull-idle", "120"]) == 0
    assert served["cull_idle"] == 120
    from pannet_edu.app import server

    assert server.solara_environment(120, {})["SOLARA_KERNEL_CULL_TIMEOUT"] == "120s"
    assert server.solara_environment(0, {})["SOLARA_KERNEL_CULL_TIMEOUT"] == f"{7 * 24 * 3600}s"


@pytest.mark.parametrize(("name", "value"), [("cull_idle", -5), ("cull_idle", 2.5)])
def test_bad_cull_value_is_refused_naming_it(name, value):
    with pytest.raises(ValueError, match=f"{name} must be a whole number"):
        app.check_options(8866, value)


def test_the_server_settings_keep_everything_on_this_computer():
    from pannet_edu.app import server

    env = server.solara_environment(600, {"SOLARA_TELEMETRY_MIXPANEL_ENABLE": "True"})
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    assert env["SOLARA_ASSETS_PROXY"] == "True"  # the installed assets, not a CDN
    assert env["SOLARA_MODE"] == "production"  # no development reloader, no solara.dev check


@pytest.mark.parametrize("port", [0, 70000, "8866", True])
def test_bad_port_is_refused_with_the_allowed_range(port):
    with pytest.raises(ValueError, match="port must be a whole number between 1 and 65535"):
        app.check_options(port, 600)


def test_cli_app_warns_before_serving_to_the_network(served, capsys):
    assert cli.main(["app", "--host", "0.0.0.0", "--no-browser"]) == 0
    assert "reachable from other computers" in capsys.readouterr().err
    assert served["host"] == "0.0.0.0"


def test_cli_app_is_quiet_on_loopback(served, capsys):
    assert cli.main(["app", "--no-browser"]) == 0
    assert capsys.readouterr().err == ""


def test_cli_app_without_the_server_says_how_to_install_it(monkeypatch, capsys):
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
    assert tabs.children[2].children == ()  # not opened: nothing built or sent for it
    tabs.selected_index = 2
    assert sorted(board.tools) == [0, 2]
    trials = board.tools[2]
    assert tabs.children[2].children == (trials.widget,)
    tabs.selected_index = 0
    tabs.selected_index = 2
    assert board.tools[2] is trials  # built once


_SHOWN_WHILE_BUILDING: list[str] = []


def _tool_that_looks_at_its_tab():
    """A tool factory that records what its tab shows while it is being built."""
    _SHOWN_WHILE_BUILDING.append(_BOARD[0].children[1].children[1].children[0].value)
    return app.TOOLS[1].load()


_BOARD: list = []


def test_an_opened_tab_says_what_is_coming_while_its_tool_is_built():
    slow = app.AppTool("slow", "Trial explorer", f"{__name__}:_tool_that_looks_at_its_tab")
    board = app.dashboard((app.TOOLS[1], slow), lazy=True)
    _BOARD[:] = [board]
    _SHOWN_WHILE_BUILDING.clear()
    board.children[1].selected_index = 1
    assert len(_SHOWN_WHILE_BUILDING) == 1
    assert "Opening the Trial explorer tool" in _SHOWN_WHILE_BUILDING[0]
    assert board.children[1].children[1].children == (board.tools[1].widget,)


def test_a_tool_that_cannot_be_built_says_so_in_its_tab():
    broken = app.AppTool("broken", "Broken", "pannet_edu.widgets:NoSuchTool")
    board = app.dashboard((app.TOOLS[1], broken), lazy=True)
    board.children[1].selected_index = 1
    assert "could not be opened" in board.children[1].children[1].children[0].value
    assert sorted(board.tools) == [0]


def test_dashboard_not_lazy_builds_every_tool():
    board = app.dashboard(app.TOOLS[:3], lazy=False)
    assert sorted(board.tools) == [0, 1, 2]


def test_the_served_page_is_lazy_and_a_notebook_one_is_not():
    from pannet_edu.app import page

    assert sorted(page.new_board().tools) == [0]
    assert sorted(app.dashboard(app.TOOLS[:2]).tools) == [0, 1]


def test_the_header_is_made_once_and_again_when_the_review_date_changes(data_copy):
    import os

    meta = data_copy / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("content_reviewed: 2026-12-07", "content_reviewed: 2026-01-15"),
                    encoding="utf-8")
    first = app._header_html()
    assert "Facts last checked against their sources 2026-01-15 (the latest check;" in first
    assert app._header_html() is first  # kept: the same text object, not made again
    meta.write_text(text.replace("content_reviewed: 2026-12-07", "content_reviewed: 2026-02-20"),
                    encoding="utf-8")
    os.utime(meta, ns=(meta.stat().st_atime_ns, meta.stat().st_mtime_ns + 10**9))
    assert ("Facts last checked against their sources 2026-02-20 (the latest check;"
            in app._header_html())


def test_the_inside_the_evidence_tab_offers_every_lessons_options_and_waits_to_be_opened():
    from pannet_edu.evidence.patient_fit import therapy_choices
    from pannet_edu.practice.vignettes.lessons import lesson_classes
    from pannet_edu.widgets import InsideTheEvidence

    index, entry = next((i, t) for i, t in enumerate(app.TOOLS) if t.key == "evidence_fit")
    offered = [value for _, value in entry.load().therapy.options]
    for lesson in ("03_somatostatin_analogues", "04_targeted_agents", "05_prrt",
                   "06_chemotherapy"):  # every option any lesson's tool offers
        assert set(therapy_choices(lesson_classes(lesson))) <= set(offered), lesson
    board = app.dashboard(lazy=True)
    tabs = board.children[1]
    assert index > 0 and tabs.children[index].children == () and index not in board.tools
    tabs.selected_index = index
    assert isinstance(board.tools[index], InsideTheEvidence)
    assert tabs.children[index].children == (board.tools[index].widget,)
