"""Former home of :mod:`pannet_edu.practice.answer_hints` (kept so older imports keep working)."""

from .practice.answer_hints import *  # noqa: F403
from .practice.answer_hints import __all__  # noqa: F401
