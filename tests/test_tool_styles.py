"""Every tool carries the disclaimer as its last line and the tools' stylesheet (phone width)."""

from __future__ import annotations

import pytest

from pannet_edu.display import DISCLAIMER, TOOL_CSS
from pannet_edu.widgets._base import TOOL_CLASS
from pannet_edu.widgets.appraisal import PatientAppraisal
from pannet_edu.widgets.classification import GradingCalculator
from pannet_edu.widgets.quiz import QuizWidget
from pannet_edu.widgets.vignette_drill import VignetteDrill


@pytest.mark.parametrize("tool_class", [GradingCalculator, PatientAppraisal, QuizWidget,
                                        VignetteDrill], ids=lambda c: c.__name__)
def test_each_tool_ends_with_the_disclaimer(tool_class):
    tool = tool_class()
    assert DISCLAIMER in tool.widget.children[-1].value
    assert TOOL_CLASS in tool.widget._dom_classes


def test_the_stylesheet_is_a_hidden_child_of_the_tool_and_scoped_to_it():
    tool = PatientAppraisal()
    styles = [c for c in tool.widget.children
              if isinstance(getattr(c, "value", None), str) and "<style>" in c.value]
    assert len(styles) == 1 and styles[0].layout.display == "none"
    assert TOOL_CSS.strip() in styles[0].value
    rules = [line for line in TOOL_CSS.splitlines() if "{" in line]
    assert rules and all(line.startswith(f".{TOOL_CLASS} ") for line in rules)
