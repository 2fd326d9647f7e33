"""Matplotlib figures for the lessons. Importing this package imports matplotlib."""

from ._style import OKABE_ITO, add_source_line
from .classification import grade_plane

__all__ = ["OKABE_ITO", "add_source_line", "grade_plane"]
