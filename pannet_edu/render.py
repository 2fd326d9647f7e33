"""Former home of :mod:`pannet_edu.display`, kept so that older imports keep working."""

from .display import *  # noqa: F403
from .display import __all__  # noqa: F401
