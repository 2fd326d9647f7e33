"""Former home of :mod:`pannet_edu.vocab`, kept so that older imports keep working."""

from ..vocab import *  # noqa: F403
from ..vocab import __all__  # noqa: F401
