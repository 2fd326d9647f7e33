"""Former home of :mod:`pannet_edu.views.lessons`, kept so that older imports keep working."""

from .views.lessons import *  # noqa: F403
from .views.lessons import __all__  # noqa: F401
