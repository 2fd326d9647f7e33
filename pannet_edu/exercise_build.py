"""Former home of the learner-notebook builder; it now lives in
:mod:`pannet_edu.publish.exercise_build`.

Kept so that code written against ``pannet_edu.exercise_build`` keeps working; package code
imports the new home.
"""

from .publish.exercise_build import *  # noqa: F403
from .publish.exercise_build import __all__  # noqa: F401
