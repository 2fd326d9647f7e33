"""Interactive tools for JupyterLab (ipywidgets). Each is thin: controls wired to the logic.

Importing this package imports ipywidgets; ``import pannet_edu`` alone does not.
"""

from ._base import Tool, View
from .appraisal import PatientAppraisal
from .case_player import CasePlayer
from .classification import GradingCalculator, StagingTool
from .evidence_fit import InsideTheEvidence
from .practice_change import PracticeChangeChecklist
from .quiz import QuizWidget
from .selfcheck import SelfCheck
from .trial_explorer import TrialExplorer
from .vignette_drill import VignetteDrill

__all__ = [
    "CasePlayer",
    "GradingCalculator",
    "InsideTheEvidence",
    "PatientAppraisal",
    "PracticeChangeChecklist",
    "QuizWidget",
    "SelfCheck",
    "StagingTool",
    "Tool",
    "TrialExplorer",
    "View",
    "VignetteDrill",
]
