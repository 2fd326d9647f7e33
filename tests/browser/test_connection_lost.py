"""A dashboard page that loses its session says so and clears its results.

In a real browser: the server stops under a page that shows a result. The page must show
"Connection lost: reload the page" and no result that could sit beside new input; opening the
dashboard again (a new server) brings the tools back. Skipped without Chromium or Playwright.
"""

from __future__ import annotations

import signal

import pannet_launch  # benchmarks/_launch.py, loaded by conftest.py
import pytest

import pannet_edu as pe

if pannet_launch.chromium_missing():
    pytest.skip(f"connection-lost browser test skipped: {pannet_launch.chromium_missing()}",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
from test_accessibility import App  # noqa: E402  (tests/browser is on sys.path)

TIMEOUT_MS = 120_000


def _show_a_result(page, app: App) -> None:
    page.goto(app.url, timeout=TIMEOUT_MS)
    ki67 = page.locator(".widget-text", has=page.locator("label", has_text="Ki-67 (%)")).first
    ki67.locator("input").fill("25")
    ki67.locator("input").press("Enter")
    result = page.locator("[role=status]", has_text=pe.grade(ki67=25).label).first
    sync_api.expect(result).to_be_visible(timeout=TIMEOUT_MS)


def _expect_lost(page) -> None:
    notice = page.locator("#pannet-connection-lost")
    sync_api.expect(notice).to_be_visible(timeout=60_000)
    sync_api.expect(notice).to_contain_text("Connection lost: reload the page")
    assert page.locator(".pannet-card").count() == 0
    assert page.locator("input").count() == 0


def test_a_lost_server_shows_connection_lost_and_clears_results(browser, tmp_path):
    app = App(tmp_path, cli=["app", "--no-warm"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    again = None
    try:
        app.wait_until_up()
        _show_a_result(page, app)
        assert page.locator("#pannet-connection-lost").count() == 0
        app.stop(signal.SIGTERM)  # the server stops under the page: its session is gone
        _expect_lost(page)
        again = App(tmp_path, cli=["app", "--no-warm"])  # a new server (a new port and token)
        again.wait_until_up()
        _show_a_result(page, again)  # a reload brings the tools back
        assert page.locator("#pannet-connection-lost").count() == 0
    except Exception:
        print(app.tail())
        raise
    finally:
        context.close()
        app.stop()
        if again is not None:
            again.stop()
