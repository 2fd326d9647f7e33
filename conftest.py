"""Root pytest configuration: keep jupytext sources of notebooks out of collection."""

import matplotlib

# In this process only: an environment variable would leak into nbval's kernels and change
# how their figures are stored.
matplotlib.use("Agg")

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
