"""Matplotlib figures for the lessons. Importing this package imports matplotlib."""

from ._style import OKABE_ITO, add_source_line
from .classification import grade_plane
from .timeline import case_timeline
from .trials import forest_plot, hr_and_response, pfs_bars, response_bars, toxicity_grid

__all__ = [
    "OKABE_ITO",
    "add_source_line",
    "case_timeline",
    "forest_plot",
    "grade_plane",
    "hr_and_response",
    "pfs_bars",
    "response_bars",
    "toxicity_grid",
]
