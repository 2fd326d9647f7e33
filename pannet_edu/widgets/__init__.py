"""Interactive tools for JupyterLab (ipywidgets). Each is thin: controls wired to the logic.

Importing this package imports ipywidgets; ``import pannet_edu`` alone does not.
"""

from ._base import Tool, View
from .appraisal import PatientAppraisal
from .classification import GradingCalculator, StagingTool

__all__ = ["GradingCalculator", "PatientAppraisal", "StagingTool", "Tool", "View"]
