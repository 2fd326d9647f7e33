"""The dashboard in a real browser, started with the command ``make app`` runs (read from
``make -n app``, run with this environment's Python on a free port with a token set here).

At laptop (1366 px) and phone (390 px) widths: the case player is played to its summary (a
choice at each step, then "Next decision"), and the summary and score must show what
:class:`pannet_edu.widgets.case_player.CasePlayer` computes for the same choices; the therapy
appraisal tab shows every label whole, no control wider than the screen, every comorbidity
without scrolling, the hint on choosing several items, a Ki-67 message in clinical words, and its
one-of-a-few choices as radio groups in the accessibility tree. Screenshots go to
``build/screenshots/``. Skipped without Chromium, Playwright or make.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pannet_launch  # benchmarks/_launch.py, loaded by conftest.py
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"
WIDTHS = {"laptop": (1366, 800), "phone": (390, 844)}
TIMEOUT_MS = 120_000  # two cores shared with other work

if pannet_launch.chromium_missing():
    pytest.skip(f"dashboard browser test skipped: {pannet_launch.chromium_missing()}",
                allow_module_level=True)
if shutil.which("make") is None:
    pytest.skip("dashboard browser test skipped: make is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
sync_api.expect.set_options(timeout=30_000)  # a loaded kernel may take seconds to answer
from test_accessibility import App  # noqa: E402  (tests/browser is on sys.path)


def make_app_words() -> list[str]:
    """The CLI words ``make app`` passes to ``pannet-edu`` (as the README gives it)."""
    dry = subprocess.run(["make", "-n", "--no-print-directory", "-C", str(ROOT), "app"],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    words = shlex.split(dry.splitlines()[-1])
    assert Path(words[0]).name == "pannet-edu", words
    return words[1:]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory) -> Iterator[App]:
    server = App(tmp_path_factory.mktemp("dashboard"), cli=make_app_words())
    try:
        yield server
    finally:
        server.stop()


def _open(browser, server: App, width: str):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    server.wait_until_up()
    page.goto(server.url, timeout=TIMEOUT_MS)
    page.locator(".pannet-card").first.wait_for(state="visible")
    return context, page


def _tab(page, title: str) -> None:
    page.locator(".lm-TabBar-tab", has_text=title).first.click()


def test_make_app_is_the_readme_command_and_runs_the_cli():
    readme = (ROOT / "README.md").read_text()
    assert "make app" in readme
    assert make_app_words()[0] == "app"


def _expected_summary(choices: list[str]) -> str:
    """The score line the case player computes for the same choices (in this process)."""
    from pannet_edu.widgets.case_player import CasePlayer

    player = CasePlayer()
    for name in choices:
        value = next(v for label, v in player.choice_picker.options if label == name)
        player.choice_picker.value = value
        player.next_step()
    assert player.finished
    return player.view().lines[0]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_case_player_is_played_to_its_summary_and_score(browser, dashboard, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page = _open(browser, dashboard, width)
    try:
        _tab(page, "Case player")
        choice_row = page.locator(".widget-dropdown",
                                  has=page.locator("label", has_text="Your choice")).first
        choice_row.wait_for(state="visible")
        tool = choice_row.locator("xpath=..")
        card = tool.locator(".pannet-result").first
        title = card.locator("strong").first
        sync_api.expect(title).to_contain_text("decision 1 of")
        steps = int(re.search(r"decision 1 of (\d+)", title.inner_text())[1])
        select = choice_row.locator("select")
        chosen = []
        for step in range(steps):
            sync_api.expect(title).to_contain_text(f"decision {step + 1} of {steps}")
            sync_api.expect(card).not_to_contain_text("Your choice:")  # asks before revealing
            # ipywidgets writes the option labels with no-break spaces
            labels = select.evaluate(
                "s => [...s.options].map(o => o.textContent.replace(/\\u00a0/g, ' ').trim())")
            assert labels[0] == "(choose an option)" and len(labels) > 1, labels
            # The kernel redraws the timeline figure after each card; choosing while it still
            # sends the previous update can be overwritten, so wait for the figure first.
            sync_api.expect(tool.locator("img[alt]").first).to_be_visible()
            page.wait_for_timeout(500)
            select.select_option(index=1)  # the first option offered
            chosen.append(labels[1])
            sync_api.expect(card).to_contain_text("Your choice:")
            page.wait_for_timeout(300)
            page.screenshot(path=SCREENSHOTS / f"dashboard_case_{width}_step{step + 1}.png")
            tool.get_by_role("button", name="Next decision →").click()
        sync_api.expect(title).to_contain_text("end of the case")
        sync_api.expect(card).to_contain_text(_expected_summary(chosen))
        sync_api.expect(card).to_contain_text(re.compile(r"at \d+ of \d+ decisions"))
        card.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=SCREENSHOTS / f"dashboard_case_{width}_summary.png")
    except Exception:
        page.screenshot(path=SCREENSHOTS / f"dashboard_case_{width}_FAILED.png")
        print(dashboard.tail())
        raise
    finally:
        context.close()


_CLIPPED = """(root) => {
    const out = [];
    const width = window.innerWidth;
    for (const label of root.querySelectorAll('label, .widget-label')) {
        const box = label.getBoundingClientRect();
        if (!box.width) continue;
        if (label.scrollWidth > label.clientWidth + 1 || box.right > width + 1)
            out.push('label: ' + label.textContent.trim());
    }
    for (const input of root.querySelectorAll('.widget-radio-box input')) {
        const box = input.getBoundingClientRect(), label = input.parentElement
            .getBoundingClientRect(), group = input.closest('.widget-radio')
            .getBoundingClientRect();
        if (box.top < label.top - 1 || box.bottom > label.bottom + 1
                || box.bottom > group.bottom + 1)
            out.push('radio button out of sight: ' + input.parentElement.textContent.trim());
    }
    for (const control of root.querySelectorAll('select, input, .widget-radio-box')) {
        const box = control.getBoundingClientRect();
        if (box.width && (box.right > width + 1 || box.left < -1))
            out.push('control overhangs: ' + (control.parentElement.textContent || '').trim()
                     .slice(0, 40));
    }
    return out;
}"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_appraisal_tab_labels_whole_lists_whole_and_radio_groups(browser, dashboard, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page = _open(browser, dashboard, width)
    try:
        _tab(page, "Therapy appraisal")
        row = page.locator(".widget-select-multiple",
                           has=page.locator("label", has_text="Comorbidities")).first
        row.wait_for(state="visible")
        tool = row.locator("xpath=..")
        page.wait_for_timeout(1000)  # let the tab's layout settle
        page.screenshot(path=SCREENSHOTS / f"dashboard_appraisal_{width}.png", full_page=True)

        problems = tool.evaluate(_CLIPPED)
        assert not problems, f"at {width} width: {problems}"
        comorbidities = row.locator("select")
        assert comorbidities.evaluate("s => s.scrollHeight <= s.clientHeight + 1"), (
            "the comorbidity list scrolls")
        sync_api.expect(tool.get_by_text("On a phone or tablet, tap each item").first
                        ).to_be_visible()

        # The accessibility tree: radio buttons with their checked state, not plain buttons.
        morphology = tool.locator(".widget-radio",
                                  has=page.locator("label", has_text="Morphology")).first
        tree = morphology.aria_snapshot()
        assert re.search(r'radio "Well differentiated" \[checked\]', tree), tree
        assert re.search(r'radio "Poorly differentiated"(?! \[checked\])', tree), tree
        morphology.get_by_role("radio", name="Poorly differentiated").check()
        sync_api.expect(morphology.get_by_role("radio", name="Poorly differentiated")
                        ).to_be_checked()
        assert '"Poorly differentiated" [checked]' in morphology.aria_snapshot()
        assert not tool.get_by_role("button", name="Well differentiated").count()

        card = tool.locator(".pannet-result").first
        ki67 = tool.locator(".widget-text", has=page.locator("label", has_text="Ki-67 (%)"))
        ki67.locator("input").fill("")
        ki67.locator("input").press("Enter")
        sync_api.expect(card).to_contain_text(
            "Give a Ki-67 between 0% and 100% to see the appraisal.")
        sync_api.expect(card).not_to_contain_text("ki67")
        card.scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOTS / f"dashboard_appraisal_{width}_ki67_blank.png")
    except Exception:
        print(dashboard.tail())
        raise
    finally:
        context.close()
