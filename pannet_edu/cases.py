"""Former home of the case bank, now :mod:`pannet_edu.practice.cases` (renderings:
:mod:`pannet_edu.views.cases`). Every name importable from here before still is."""

from .practice.cases import *  # noqa: F403
from .practice.cases import __all__ as _practice_all
from .practice.cases.model import _lower_first  # noqa: F401
from .views.cases import bank_table, comparison_html, comparison_text, walkthrough

__all__ = [*_practice_all, "bank_table", "comparison_html", "comparison_text", "walkthrough"]
