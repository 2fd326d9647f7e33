"""Shared set-up of the real-browser tests: one system Chromium for the whole run.

The launch code (ports, server processes, Chromium through Playwright) lives in
``benchmarks/_launch.py``, which the load test uses too; it is loaded here by path and importable
in these modules as ``pannet_launch``.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

if "pannet_launch" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("pannet_launch",
                                                   ROOT / "benchmarks" / "_launch.py")
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["pannet_launch"] = _module
    _spec.loader.exec_module(_module)

import pannet_launch  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """The system Chromium, headless, shared by the browser tests of one module.

    Module scope, not session: Playwright's sync API keeps an event loop running in the main
    thread while it is open, and a later test that calls ``asyncio.run`` (the dashboard server's
    gate, the hub extension) would fail with "cannot be called from a running event loop"."""
    missing = pannet_launch.chromium_missing()
    if missing:
        pytest.skip(f"real-browser test skipped: {missing}")
    with pannet_launch.chromium() as chromium:
        yield chromium
