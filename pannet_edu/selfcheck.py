"""Former home of :mod:`pannet_edu.practice.selfcheck` (kept so older imports keep working)."""

from .practice.selfcheck import *  # noqa: F403
from .practice.selfcheck import __all__  # noqa: F401
