"""Former home of :mod:`pannet_edu.practice.feedback` (kept so older imports keep working)."""

from .practice.feedback import *  # noqa: F403
from .practice.feedback import __all__  # noqa: F401
