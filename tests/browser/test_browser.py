"""Real-browser test: the grading widget a learner sees in JupyterLab and in the dashboard
answers as :func:`pannet_edu.grade` does when its inputs change.

Uses Debian's Chromium (``/usr/bin/chromium``) through Playwright, never a browser downloaded by
``playwright install``. Servers bind to 127.0.0.1 on free ports with a token set here, in a
temporary folder, so the repository's notebooks and the user's Jupyter settings are never touched.
Screenshots go to ``build/screenshots/``. Without Chromium (or Playwright) the test is skipped and
says why.
"""

from __future__ import annotations

import secrets
import shutil
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pannet_launch  # benchmarks/_launch.py, loaded by conftest.py
import phone_layout  # tests/browser/phone_layout.py (tests/browser is on sys.path)
import pytest

import pannet_edu as pe
from pannet_edu import app

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = pannet_launch.CHROMIUM
CHROMIUM_ARGS = list(pannet_launch.CHROMIUM_ARGS)
#: The lesson with the grading widget; the start page shows one too, until lesson 01 exists.
LESSON_CHOICES = ("01_classification_and_staging.ipynb", "00_start_here.ipynb")
SERVER_START_TIMEOUT = 60  # seconds; two cores shared with other work can be slow
RENDER_TIMEOUT_MS = 60_000
UPDATE_TIMEOUT_MS = 15_000

if pannet_launch.chromium_missing():
    pytest.skip(f"real-browser test skipped: {pannet_launch.chromium_missing()}",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
_free_port = pannet_launch.free_port


class Server(pannet_launch.Server):
    """A server started by this test (``benchmarks/_launch.py``); not coming up fails the test."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str], log: Path) -> None:
        super().__init__(command, cwd, env, log, start_timeout=SERVER_START_TIMEOUT)

    def wait_until_up(self, port: int, status_url: str | None = None) -> None:
        try:
            super().wait_until_up(port, status_url)
        except pannet_launch.ServerFailed as failed:
            pytest.fail(str(failed))


#: Jupyter config, settings, workspaces and runtime files under a temporary home; news pop-up off.
_isolated_env = pannet_launch.isolated_jupyter_env


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    yield page
    context.close()


@pytest.fixture(scope="module")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def _lesson() -> Path:
    for name in LESSON_CHOICES:
        if (ROOT / "notebooks" / name).is_file():
            return ROOT / "notebooks" / name
    pytest.fail(f"none of {LESSON_CHOICES} in notebooks/")


def _grading_tool(page):
    """The first grading widget on the page: its Ki-67 and mitoses boxes, toggle and card."""
    ki67_row = page.locator(".widget-text", has=page.locator("label", has_text="Ki-67 (%)")).first
    ki67_row.wait_for(state="visible")
    tool = ki67_row.locator("xpath=..")  # the tool's VBox holds controls, card and disclaimer
    mitoses_row = tool.locator(".widget-text", has=page.locator("label", has_text="Mitoses"))
    return {
        "ki67": ki67_row.locator("input"),
        "mitoses": mitoses_row.locator("input"),
        "poor": tool.get_by_role("radio", name="Poorly differentiated"),
        "well": tool.get_by_role("radio", name="Well differentiated"),
        "title": tool.locator(".pannet-card > strong, .pannet-error > strong").first,
        "card": tool.locator(".pannet-card, .pannet-error").first,
    }


def _expected_from_boxes(tool) -> str:
    """The grade ``pannet_edu.grade`` gives for what the widget's boxes show right now."""

    def number(box):
        text = box.input_value().strip()
        return float(text) if text else None

    poor = tool["poor"].is_checked()
    return pe.grade(
        ki67=number(tool["ki67"]),
        mitoses=number(tool["mitoses"]),
        differentiation="poor" if poor else "well",
    ).label


def _type(box, text: str) -> None:
    box.fill(text)
    box.press("Enter")


def _expect_title(tool, expected: str) -> None:
    sync_api.expect(tool["title"]).to_have_text(expected, timeout=UPDATE_TIMEOUT_MS)


def _exercise_grading(page, tool, shots: Path, prefix: str) -> None:
    """Change the inputs as a learner would; the card must follow ``pannet_edu.grade``."""
    page.screenshot(path=shots / f"{prefix}_1_start.png", full_page=False)

    _type(tool["mitoses"], "")
    _type(tool["ki67"], "25")
    _expect_title(tool, pe.grade(ki67=25).label)

    _type(tool["ki67"], "1")
    _type(tool["mitoses"], "0")
    _expect_title(tool, pe.grade(ki67=1, mitoses=0).label)

    _type(tool["mitoses"], "25")  # the higher grade wins
    _expect_title(tool, pe.grade(ki67=1, mitoses=25).label)
    tool["card"].scroll_into_view_if_needed()
    page.wait_for_timeout(1000)  # the live figure is redrawn just after the card: let it land
    page.screenshot(path=shots / f"{prefix}_2_changed.png")

    tool["poor"].check()
    _expect_title(tool, pe.grade(ki67=1, mitoses=25, differentiation="poor").label)
    tool["well"].check()

    _type(tool["ki67"], "150")
    _expect_title(tool, "Please check the input.")
    sync_api.expect(tool["card"]).to_contain_text("Ki-67 must be between 0% and 100%")
    page.screenshot(path=shots / f"{prefix}_3_bad_input.png")


@dataclass
class Served:
    server: Server
    port: int
    token: str
    lesson: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[dict[str, Served]]:
    """JupyterLab on a copy of the lesson and `pannet-edu app`, started together so their
    start-up overlaps; both stopped at the end."""
    tmp = tmp_path_factory.mktemp("browser")
    lesson = _lesson()
    work = tmp / "lab"
    work.mkdir()
    shutil.copy(lesson, work / lesson.name)  # the test edits a copy, never the lesson
    _write_tools_notebook(work / PHONE_NOTEBOOK)
    env = _isolated_env(tmp / "home")

    lab_token, lab_port = secrets.token_hex(16), _free_port()
    lab_command = pannet_launch.lab_command(lab_port, lab_token, work)
    app_token, app_port = secrets.token_hex(16), _free_port()
    app_command = [sys.executable, "-m", "pannet_edu.cli", "app", "--no-browser", "--no-warm",
                   f"--port={app_port}"]

    started = {
        "lab": Served(
            Server(lab_command, work, env, tmp / "lab.log"), lab_port, lab_token, lesson.name
        ),
        "app": Served(
            Server(app_command, tmp, {**env, app.TOKEN_ENV: app_token}, tmp / "app.log"),
            app_port, app_token,
        ),
    }
    yield started
    for served in started.values():
        served.server.terminate()
    for served in started.values():
        served.server.wait_stopped()


def _run_all_in_lab(page, lab, notebook: str, notebook_alone: bool = False) -> None:
    """Open ``notebook`` in JupyterLab as a learner does and run all its cells. ``?reset``:
    JupyterLab would otherwise restore the workspace the test before left (another notebook
    open), and run-all could reach the wrong notebook. ``notebook_alone``: the side panels
    closed, as a phone shows the notebook."""
    lab.server.wait_until_up(lab.port, f"{lab.base}/api/status?token={lab.token}")
    page.goto(f"{lab.base}/lab/tree/{notebook}?reset&token={lab.token}")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext"
    )
    page.evaluate(
        """async (alone) => {
            const panel = window.jupyterapp.shell.currentWidget;
            await panel.context.ready;
            await panel.sessionContext.ready;
            if (alone) {
                window.jupyterapp.shell.collapseLeft();
                window.jupyterapp.shell.collapseRight();
            }
            await window.jupyterapp.commands.execute('notebook:run-all-cells');
        }""",
        notebook_alone,
    )


def test_grading_widget_in_jupyterlab_follows_the_logic(page, screenshots, servers):
    lab = servers["lab"]
    try:
        _run_all_in_lab(page, lab, lab.lesson)
        tool = _grading_tool(page)
        _expect_title(tool, _expected_from_boxes(tool))
        _exercise_grading(page, tool, screenshots, "lab")
    except Exception:
        print(lab.server.log_tail())
        raise


def test_grading_tab_of_the_dashboard_follows_the_logic(page, screenshots, servers):
    served = servers["app"]
    try:
        served.server.wait_until_up(served.port)
        page.goto(f"{served.base}/?token={served.token}")
        assert "token=" not in page.url, "the token stays out of the address bar"
        tool = _grading_tool(page)
        _expect_title(tool, _expected_from_boxes(tool))
        assert "import dashboard" not in page.content(), "the dashboard must not show code"
        sync_api.expect(page.locator("body")).to_contain_text(pe.DISCLAIMER)
        _exercise_grading(page, tool, screenshots, "app")
    except Exception:
        print(served.server.log_tail())
        raise


#: The tools whose layout is checked at phone width, in the order the notebook shows them.
PHONE_TOOLS = (
    ("appraisal", "PatientAppraisal"),
    ("case_player", "CasePlayer"),
    ("trial_explorer", "TrialExplorer"),
    ("evidence_fit", "InsideTheEvidence"),
)
PHONE_NOTEBOOK = "phone_tools.ipynb"


def _write_tools_notebook(path: Path) -> None:
    import nbformat

    cells = [nbformat.v4.new_code_cell(f"from pannet_edu.widgets.{module} import {name}\n{name}()")
             for module, name in PHONE_TOOLS]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": kernel}), path)


def _phone_problems(page, tools) -> list[str]:
    problems = []
    for index, (_, name) in enumerate(PHONE_TOOLS):
        tool = tools.nth(index)
        tool.scroll_into_view_if_needed()
        problems += [f"{name}: {p}" for p in phone_layout.layout_problems(tool)]
    return problems


def test_tools_in_jupyterlab_fit_a_phone_screen(browser, screenshots, servers):
    """At 390 px the appraisal tool, the case player (after a choice, with its comparison
    table), the trial explorer and the inside-the-evidence tool (after the learner has checked
    a reading, with every patient input of every option) keep every control apart and nothing
    wider than the screen outside a box that scrolls sideways; screenshots at 1366 and 390 px."""
    lab = servers["lab"]
    context = browser.new_context(viewport=phone_layout.PHONE)
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    try:
        _run_all_in_lab(page, lab, PHONE_NOTEBOOK, notebook_alone=True)
        tools = page.locator(".pannet-tool")
        sync_api.expect(tools).to_have_count(len(PHONE_TOOLS), timeout=RENDER_TIMEOUT_MS)
        sync_api.expect(tools.nth(2).locator(".pannet-trials")).to_be_attached(
            timeout=RENDER_TIMEOUT_MS)
        player = tools.nth(1)
        player.scroll_into_view_if_needed()
        choice = player.locator(".widget-dropdown", has=page.locator("label",
                                                                      has_text="Your choice"))
        choice.locator("select").select_option(index=1)
        sync_api.expect(player.locator(".pannet-comparison")).to_be_attached(
            timeout=UPDATE_TIMEOUT_MS)
        fit = tools.nth(3)
        fit.scroll_into_view_if_needed()
        fit.get_by_role("radio", name="inside", exact=True).last.check()  # overall
        fit.get_by_role("button", name="Check my reading").click()
        sync_api.expect(fit.locator(".pannet-evidence-fit")).to_contain_text(
            "Trial by trial", timeout=UPDATE_TIMEOUT_MS)
        problems = _phone_problems(page, tools)
        for index, (module, _) in enumerate(PHONE_TOOLS):
            tools.nth(index).scroll_into_view_if_needed()
            page.screenshot(path=screenshots / f"phone_390_lab_{module}.png")
        assert not problems, "at 390 px:\n" + "\n".join(problems)
        page.set_viewport_size(phone_layout.LAPTOP)
        for index, (module, _) in enumerate(PHONE_TOOLS):
            tools.nth(index).scroll_into_view_if_needed()
            page.screenshot(path=screenshots / f"laptop_1366_lab_{module}.png")
        problems = _phone_problems(page, tools)
        assert not problems, "at 1366 px:\n" + "\n".join(problems)
    except Exception:
        print(lab.server.log_tail())
        raise
    finally:
        context.close()


def test_the_dashboard_refuses_a_request_without_the_token(servers):
    served = servers["app"]
    served.server.wait_until_up(served.port)
    opener = urllib.request.build_opener(_NoRedirect)
    for path in ("/", "/static/assets/custom.css", "/_solara/cdn/requirejs@2.3.6/require.js",
                 f"/?token={served.token[:-1]}x"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(f"{served.base}{path}", timeout=10)
        assert refused.value.code == 403, path


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
