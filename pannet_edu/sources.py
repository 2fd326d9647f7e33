"""Former home of :mod:`pannet_edu.content.sources`, kept so that older imports keep working."""

from .content.sources import *  # noqa: F403
from .content.sources import __all__  # noqa: F401
