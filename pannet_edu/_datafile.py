"""Former home of :mod:`pannet_edu.content.reader`, kept so that older imports keep working."""

from .content.reader import *  # noqa: F403
from .content.reader import __all__  # noqa: F401
