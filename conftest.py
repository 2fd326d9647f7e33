"""Root pytest configuration: keep jupytext sources of notebooks out of collection."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")

collect_ignore_glob = [
    "notebooks/*.py",
    "exercises/*.py",
    "exercises/**/*.py",
    "benchmarks/*.py",
    "tools/*.py",
]
