"""Former home of the quiz, now :mod:`pannet_edu.practice.quiz` (question files:
:mod:`pannet_edu.practice.question_bank`)."""

from .practice.quiz import *  # noqa: F403
from .practice.quiz import _VERDICT_OPENER, __all__, _pick_option  # noqa: F401
