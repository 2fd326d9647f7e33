"""Former home of :mod:`pannet_edu.views.appraisal`, kept so that older imports keep working.

The engine package itself does not import the views (a lower layer never imports a higher one);
only this compatibility module, imported by name, does.
"""

from ..views.appraisal import *  # noqa: F403
from ..views.appraisal import __all__  # noqa: F401
