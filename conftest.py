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


# `make test` runs pytest on two workers (pytest-xdist, ``--dist loadgroup``). Each test file is
# one group, so a module's fixtures are built once; the tests that start a browser, a server,
# JupyterLab, a hub or nbgrader share one group and run one after another on one worker, so no
# two of them compete for the processor and time out (each waits for a page or a server with a
# time limit).
ONE_AT_A_TIME = (
    "tests/browser/",
    "tests/publish/test_handouts.py",
    "tests/test_app.py",
    "tests/test_app_honest.py",
    "tests/test_app_isolation.py",
    "tests/test_app_server.py",
    "tests/test_benchmarks_lab.py",
    "tests/test_exercises_nbgrader.py",
    "tests/test_hub_data_loss.py",
    "tests/test_readme_commands.py",
    "tests/test_widgets_warm.py",
)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups into the test ids
def pytest_collection_modifyitems(config, items):
    root = config.rootpath
    for item in items:
        try:
            where = item.path.relative_to(root).as_posix()
        except ValueError:
            continue
        group = "one-at-a-time" if where.startswith(ONE_AT_A_TIME) else where
        item.add_marker(pytest.mark.xdist_group(group))
