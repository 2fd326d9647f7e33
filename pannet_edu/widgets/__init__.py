"""Interactive tools for JupyterLab (ipywidgets). Each is thin: controls wired to the logic.

Importing this package imports ipywidgets; ``import pannet_edu`` alone does not.
"""

from ._base import Tool, View
from .classification import GradingCalculator, StagingTool
from .quiz import QuizWidget

__all__ = ["GradingCalculator", "QuizWidget", "StagingTool", "Tool", "View"]
