"""Former home of :mod:`pannet_edu.practice.quiz_session` (kept so older imports keep working)."""

from .practice.quiz_session import *  # noqa: F403
