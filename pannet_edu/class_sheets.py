"""Former home of the therapy-class summary sheets; they now live in
:mod:`pannet_edu.publish.class_sheets` (the sheets) and :mod:`pannet_edu.publish.sheet_text` (how
their numbers and citations are written).

Kept so that code written against ``pannet_edu.class_sheets`` keeps working; package code imports
the new homes.
"""

from .publish.class_sheets import *  # noqa: F403
from .publish.class_sheets import __all__  # noqa: F401
