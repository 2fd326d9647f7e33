"""Former home of :mod:`pannet_edu.views.trials`, kept so that older imports keep working."""

from .views.trials import *  # noqa: F403
from .views.trials import __all__  # noqa: F401
