"""Matplotlib figures for the lessons. Importing this package imports matplotlib."""

from ._style import OKABE_ITO, add_source_line, alt_text, render_png, set_alt_text
from .classification import GradePlane, grade_plane
from .timeline import case_timeline
from .trial_comparisons import hr_and_response, toxicity_grid
from .trials import forest_plot, pfs_bars, response_bars

__all__ = [
    "OKABE_ITO",
    "GradePlane",
    "add_source_line",
    "alt_text",
    "case_timeline",
    "forest_plot",
    "grade_plane",
    "hr_and_response",
    "pfs_bars",
    "render_png",
    "response_bars",
    "set_alt_text",
    "toxicity_grid",
]
