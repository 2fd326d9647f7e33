"""Root pytest configuration: keep jupytext sources of notebooks out of collection."""

import os

import matplotlib
import pytest

# In this process only: an environment variable would leak into nbval's kernels and change
# how their figures are stored.
matplotlib.use("Agg")

# Tests and nbval's kernels never add to the developer's own practice record (the learner's
# record of answers, pannet_edu.practice.attempts); a test that needs it records into a temporary
# folder with `attempts.recording_to(folder)`.
os.environ.setdefault("PANNET_EDU_ATTEMPTS", "off")

collect_ignore_glob = [
    "notebooks/*.py",
    "exercises/*.py",
    "exercises/**/*.py",
    "benchmarks/*.py",
    "tools/*.py",
]


def pytest_addoption(parser):
    """``--strict-staleness``: fail (instead of warn) when a fact is due a re-check."""
    parser.addoption(
        "--strict-staleness",
        action="store_true",
        default=False,
        help="fail the staleness check when a fact was last checked more than 24 months ago",
    )


# Hypothesis profiles of the reliability property suite (tests/test_reliability_inputs.py), applied
# by that suite to its own tests only (other property tests keep hypothesis's defaults):
# "reliability" keeps `make test` fast; `PANNET_EDU_HYPOTHESIS=thorough` selects the long run.
# `deadline` is the time limit of each single example, so none may hang.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "reliability", max_examples=12, deadline=15000, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile(
    "reliability-thorough", max_examples=2000, deadline=15000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


# ``data_copy``: a private copy of the packaged data folder that every loader reads for the length
# of one test (through the data-folder variable, as an instructor's override is read), so a test
# can edit a file as an instructor would (``tests/data_edits.replace_once``).
@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    import shutil

    from pannet_edu.content.folder import DATA_DIR_ENV, PACKAGE_DATA_DIR

    copy = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA_DIR, copy)
    monkeypatch.setenv(DATA_DIR_ENV, str(copy))
    return copy
