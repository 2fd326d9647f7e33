"""Former home of :mod:`pannet_edu.views.wording`, kept so that older imports keep working."""

from .views.wording import *  # noqa: F403
from .views.wording import __all__, _vocabulary  # noqa: F401
