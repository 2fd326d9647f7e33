"""A learner's first hour in a real browser, with JupyterLab started as ``make lab`` starts it.

The server command is read from ``make -n lab`` (so the test follows the Makefile), run on a copy
of the lessons, the exercises and ``jupyter_server_config.py`` in a temporary folder, with a free
port and a token set here. As root (this machine, containers) the command carries --allow-root
because the Makefile adds it. The test opens the start page, checks the file browser lists each
lesson once, opens an exercise notebook, answers a quiz question wrong and then tries to change
the answer: the first answer must stay. Screenshots at laptop (1366 px) and phone (390 px) widths
go to ``build/screenshots/``. Skipped without Chromium, Playwright or make.
"""

from __future__ import annotations

import secrets
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser import (  # tests/browser is on sys.path (no package)
    RENDER_TIMEOUT_MS,
    SCREENSHOTS,
    Server,
    _free_port,
    _isolated_env,
    sync_api,
)

from pannet_edu.practice import quiz

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"laptop": (1366, 800), "phone": (390, 844)}
EXERCISE = "exercises/01_classification_and_staging.ipynb"
QUIZ_LESSON, QUIZ_SEED = "01_classification_and_staging", 2026

if shutil.which("make") is None:
    pytest.skip("first-hour browser test skipped: make is not installed", allow_module_level=True)


def make_lab_command(port: int, token: str) -> list[str]:
    """The command ``make lab`` runs, with this environment's jupyter, a port and a token."""
    dry = subprocess.run(["make", "-n", "--no-print-directory", "-C", str(ROOT), "lab"],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    line = next(line for line in dry.splitlines() if " lab " in line and "jupyter" in line)
    words = shlex.split(line)
    assert words[0].endswith("/jupyter") and words[1] == "lab", line
    return [sys.executable, "-m", "jupyter", "lab", *words[2:], "--no-browser",
            f"--port={port}", f"--IdentityProvider.token={token}",
            "--LabApp.news_url=", "--LabApp.expose_app_in_browser=True",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[dict]:
    tmp = tmp_path_factory.mktemp("first_hour")
    work = tmp / "checkout"
    for folder in ("notebooks", "exercises"):
        shutil.copytree(ROOT / folder, work / folder,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    shutil.copy(ROOT / "jupyter_server_config.py", work / "jupyter_server_config.py")
    port, token = _free_port(), secrets.token_hex(16)
    command = make_lab_command(port, token)
    server = Server(command, work, _isolated_env(tmp / "home"), tmp / "lab.log")
    base = f"http://127.0.0.1:{port}"
    try:
        server.wait_until_up(port, f"{base}/api/status?token={token}")
        yield {"base": base, "token": token, "server": server, "command": command}
    finally:
        server.terminate()
        server.wait_stopped()


def _page(browser, width: str):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    return context, page


def _wait_for_notebook(page, name: str) -> None:
    page.wait_for_function(
        "(name) => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.title.label === name",
        arg=name,
    )


def _show_document(page) -> None:
    """On a phone-width screen JupyterLab may open the file browser over the notebook, and may
    do so after the notebook opens (layout restore): collapse it until the first cell shows."""
    page.wait_for_function(
        """() => {
            window.jupyterapp.shell.collapseLeft();
            const cell = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell');
            const box = cell && cell.getBoundingClientRect();
            return !!box && box.width > 0 && box.height > 0;
        }""",
        polling=500,
    )


def _run_all(page, name: str) -> None:
    """Run every cell of the open notebook ``name``: made the current document first (a layout
    restore may bring back another notebook after this one opened, and Run All acts on the
    current one), once its kernel is connected and idle."""
    page.wait_for_function(
        """(name) => {
            const app = window.jupyterapp;
            const panel = [...app.shell.widgets('main')].find((w) => w.title.label === name);
            if (!panel) return false;
            if (app.shell.currentWidget !== panel) app.shell.activateById(panel.id);
            const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
            return app.shell.currentWidget === panel && panel.context.isReady
                && !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
        }""",
        arg=name, polling=250,
    )
    # Not awaited: the caller waits for the outputs it needs, and a promise held across a long
    # run can be collected by the page (Playwright then fails the evaluate).
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")


def test_make_lab_as_root_is_allowed_only_because_we_are_root(lab):
    import os

    assert ("--allow-root" in lab["command"]) is (os.geteuid() == 0)
    assert "--ip=127.0.0.1" in lab["command"]


def test_start_page_opens_and_each_lesson_is_listed_once(lab):
    import json
    import urllib.request

    url = f"{lab['base']}/api/contents/notebooks?token={lab['token']}"
    with urllib.request.urlopen(url, timeout=30) as response:
        names = [item["name"] for item in json.load(response)["content"]]
    assert "00_start_here.ipynb" in names
    assert not [n for n in names if n.endswith(".py")], names  # the jupytext twins are hidden
    url = f"{lab['base']}/api/contents/exercises?token={lab['token']}"
    with urllib.request.urlopen(url, timeout=30) as response:
        assert "01_classification_and_staging.ipynb" in {
            item["name"] for item in json.load(response)["content"]
        }


@pytest.mark.parametrize("width", list(WIDTHS))
def test_start_page_then_an_exercise_quiz_keeps_the_first_answer(lab, browser, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page = _page(browser, width)
    try:
        page.goto(f"{lab['base']}/?token={lab['token']}")  # the default URL is the start page
        _wait_for_notebook(page, "00_start_here.ipynb")
        _show_document(page)
        page.wait_for_timeout(1500)
        _show_document(page)  # the layout restore may reopen the file browser after a moment
        page.screenshot(path=SCREENSHOTS / f"first_hour_{width}_1_start_page.png")

        # A workspace of its own: the start page is not restored beside the exercise.
        page.goto(f"{lab['base']}/lab/workspaces/exercise-{width}/tree/{EXERCISE}?reset"
                  f"&token={lab['token']}")
        _wait_for_notebook(page, Path(EXERCISE).name)
        _show_document(page)
        _run_all(page, Path(EXERCISE).name)
        question = quiz.draw(QUIZ_LESSON, seed=QUIZ_SEED)[0]
        assert question.kind == "multiple_choice"
        wrong = next(c for c in question.choices() if not c.startswith(question.key))
        right = next(c for c in question.choices() if c.startswith(question.key))
        # The quiz's own options (the grading and staging tools have radio groups too). On a
        # phone-width screen JupyterLab may reopen the file browser over the notebook while the
        # cells run, so keep it collapsed until the options show (run-all, loaded CPU).
        page.wait_for_function(
            """(text) => {
                window.jupyterapp.shell.collapseLeft();
                const boxes = document.querySelectorAll(
                    '.jp-NotebookPanel:not(.lm-mod-hidden) .widget-radio-box');
                const box = [...boxes].find((b) => b.textContent.includes(text));
                const area = box && box.getBoundingClientRect();
                return !!area && area.width > 0 && area.height > 0;
            }""",
            arg=wrong, polling=500, timeout=3 * RENDER_TIMEOUT_MS,
        )
        radios = page.locator(".widget-radio-box", has_text=wrong)
        tool = radios.first.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")
        tool.scroll_into_view_if_needed()
        tool.get_by_label(wrong, exact=True).check()
        tool.get_by_role("button", name="Check answer").click()
        card = tool.locator(".pannet-card").first
        sync_api.expect(card).to_contain_text("Not quite.")
        sync_api.expect(card).not_to_contain_text(question.answer)  # a retry is still open
        page.wait_for_timeout(500)
        page.screenshot(path=SCREENSHOTS / f"first_hour_{width}_2_quiz_wrong.png")

        # Trying to change the answer: the options are locked and the first answer stays.
        sync_api.expect(tool.get_by_label(right, exact=True)).to_be_disabled()
        sync_api.expect(tool.get_by_role("button", name="Check answer")).to_be_disabled()
        sync_api.expect(tool.get_by_label(wrong, exact=True)).to_be_checked()
        sync_api.expect(card).to_contain_text("Not quite.")
        sync_api.expect(tool.get_by_role("button", name="Try again")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / f"first_hour_{width}_3_quiz_locked.png")
    except Exception:
        print(lab["server"].log_tail())
        raise
    finally:
        context.close()


LESSON = "notebooks/01_classification_and_staging.ipynb"


def _stop_kernels(lab: dict) -> None:
    """Shut down the kernels this test's own server started for earlier tests."""
    import json
    import urllib.request

    base, token = lab["base"], lab["token"]
    with urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=30) as response:
        kernels = json.load(response)
    for kernel in kernels:
        request = urllib.request.Request(f"{base}/api/kernels/{kernel['id']}?token={token}",
                                         method="DELETE")
        urllib.request.urlopen(request, timeout=60).close()
#: axe-core runs on OUR content only: the lesson's rendered text (markdown cells) and its cell
#: outputs (widgets, cards, tables, figures). JupyterLab's own chrome (menus, toolbars, the file
#: browser, the code editors) is not ours to fix and is left out by this include list.
OUR_CONTENT = {
    "include": [".jp-Notebook .jp-MarkdownOutput", ".jp-Notebook .jp-OutputArea-output"],
}


def test_a_lesson_in_jupyterlab_passes_axe_and_its_toggles_are_radio_groups(lab, browser):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    from test_accessibility import AXE_OPTIONS, _blocking

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _stop_kernels(lab)  # the earlier tests' kernels would compete for the two cores
    context, page = _page(browser, "laptop")
    try:
        # A workspace of its own, reset: the notebooks the earlier tests left open (and their
        # stopped kernels) are not restored around the lesson.
        page.goto(f"{lab['base']}/lab/workspaces/axe/tree/{LESSON}?reset&token={lab['token']}")
        _wait_for_notebook(page, Path(LESSON).name)
        _show_document(page)
        _run_all(page, Path(LESSON).name)
        # The grading calculator's morphology choice: radios with their checked state.
        group = page.locator(".widget-radio", has=page.locator("label", has_text="Morphology"))
        group.first.wait_for(state="visible", timeout=5 * RENDER_TIMEOUT_MS)  # loaded CPU
        group.first.scroll_into_view_if_needed()
        tree = group.first.aria_snapshot()
        assert 'radio "Well differentiated" [checked]' in tree, tree
        assert 'radio "Poorly differentiated"' in tree, tree
        group.first.get_by_role("radio", name="Poorly differentiated").check()
        sync_api.expect(group.first.get_by_role("radio", name="Poorly differentiated")
                        ).to_be_checked()
        page.wait_for_timeout(1000)
        page.screenshot(path=SCREENSHOTS / "first_hour_lab_lesson01_axe.png")
        results = axe_module.Axe().run(page, context=OUR_CONTENT, options=AXE_OPTIONS)
        checked = len(page.locator(", ".join(OUR_CONTENT["include"])).all())
        assert checked > 10, f"axe found only {checked} content nodes: the lesson did not render"
        passed = sum(len(rule["nodes"]) for rule in results.response["passes"])
        assert passed > 10, "axe-core checked almost nothing in the lesson's content"
        problems = _blocking(results)
        assert not problems, "axe-core on lesson 01 in JupyterLab:\n" + "\n".join(problems)
    except Exception:
        print(lab["server"].log_tail())
        raise
    finally:
        context.close()


@pytest.mark.parametrize("uid", ["0", "1000"], ids=["root", "normal user"])
def test_make_lab_dry_run_passes_allow_root_only_for_root_and_keeps_the_token(uid):
    """``make -n lab LAB_UID=…`` simulates the user-id check the Makefile makes with ``id -u``."""
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "-C", str(ROOT), "lab", f"LAB_UID={uid}"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout
    line = next(line for line in dry.splitlines() if " lab " in line and "jupyter" in line)
    words = shlex.split(line)
    assert ("--allow-root" in words) is (uid == "0"), line
    assert "--ip=127.0.0.1" in words
    # the token stays on: nothing in the command sets, empties or disables it
    assert not [w for w in words if "token" in w.lower() or "password" in w.lower()], words
