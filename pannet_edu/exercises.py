"""Former home of the auto-checked exercises, now :mod:`pannet_edu.practice.exercises`.

Every name importable from here before still is: ``from pannet_edu.exercises import check``.
"""

from .practice.exercises import *  # noqa: F403
from .practice.exercises import __all__  # noqa: F401
from .practice.exercises.before_starting import _before_starting_patient  # noqa: F401
from .practice.exercises.poor_fit import _poor_fit_therapies  # noqa: F401
