"""Fixtures shared by the test folders.

``data_copy``: a private copy of the packaged data folder that every loader reads for the length
of one test (through the data-folder variable, as an instructor's override is read), so a test
can edit a file as an instructor would (``data_edits.replace_once``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pannet_edu.content.folder import DATA_DIR_ENV, PACKAGE_DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA_DIR, copy)
    monkeypatch.setenv(DATA_DIR_ENV, str(copy))
    return copy
