"""Former home of :mod:`pannet_edu.practice.quiz_session` (kept so older imports keep working)."""

from .practice.quiz_session import *  # noqa: F403
from .practice.quiz_session import __all__  # noqa: F401
