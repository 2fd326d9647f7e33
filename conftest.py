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
