"""A dashboard page that loses its kernel says so and clears its results (issue 25, item 12).

In a real browser: a learner's kernel dies (killed; the server restarts a fresh one, which knows
nothing of the page's tools), and later the server stops. Each time the page must show
"Connection lost: reload the page" and no result that could sit beside new input; a reload brings
the tools back. Skipped without Chromium or Playwright.
"""

from __future__ import annotations

import contextlib
import os
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


def _kernels(app: App) -> list[int]:
    """The kernel processes under the app (app -> Voila -> kernels)."""
    return [kernel for voila in pannet_launch.children(app.process.pid)
            for kernel in pannet_launch.children(voila)]


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


def test_a_lost_kernel_or_server_shows_connection_lost_and_clears_results(browser, tmp_path):
    app = App(tmp_path, pool=0, cli=["app", "--no-warm"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        app.wait_until_up()
        _show_a_result(page, app)
        kernels = _kernels(app)
        assert kernels, "no kernel process found under the app"
        for kernel in kernels:  # the kernel dies; the server starts a fresh one in its place
            with contextlib.suppress(ProcessLookupError):
                os.kill(kernel, signal.SIGKILL)
        _expect_lost(page)
        _show_a_result(page, app)  # a reload brings the tools back
        assert page.locator("#pannet-connection-lost").count() == 0
        app.stop(signal.SIGTERM)  # the server stops under the page
        _expect_lost(page)
    except Exception:
        print(app.tail())
        raise
    finally:
        context.close()
        app.stop()
