"""Former home of :mod:`pannet_edu.content.fields`, kept so that older imports keep working."""

from .content.fields import *  # noqa: F403
from .content.fields import __all__  # noqa: F401
