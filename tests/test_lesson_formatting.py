"""A lesson never formats a clinical number itself: every number, interval, hazard ratio,
percentage and missing value it prints goes through the one set of formatters in
``pannet_edu.display`` (so a hazard ratio reads ``0.34 (0.20–0.59)`` in a lesson's sentence, its
table, its figure and its handout alike)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pannet_edu.evidence import trial_table

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9]*.py")) + sorted(
    (ROOT / "exercises" / "solutions").glob("*.py")
)
#: A format specification that writes a number (``:g``, ``:.2f``, ``:>4g``, ``:.0%``, ``:d``).
NUMBER_SPEC = re.compile(r"(\.\d+)|[bdeEfFgGnoxX%]$")
#: The clinical numbers of a trial row and of a toxicity table.
CLINICAL_FIELDS = frozenset(
    {*trial_table._POSITIVE, *trial_table._PERCENT, *trial_table._INTEGER,
     "percent", "percent_control", "grade3plus_percent"}
)


def _field(node: ast.expr) -> str | None:
    """The field an expression reads: ``row.hr`` -> 'hr', ``row['hr']`` -> 'hr'."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Tuple) and key.elts:
            key = key.elts[-1]  # frame.loc[e, "percent"]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
    return None


def self_formatted(source: str) -> list[str]:
    """Each f-string placeholder of ``source`` that writes a clinical number itself, as
    ``line N: text``: a numeric format spec, or a trial or toxicity field printed raw.

    >>> self_formatted('print(f"HR {row.hr:g} ({format_hr(row)})")')
    ['line 1: {row.hr:g}']
    >>> self_formatted('print(f"n={row.n}, {cohort:>10}, {format_number(row.n)}")')
    ['line 1: {row.n}']
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FormattedValue):
            continue
        spec = ""
        if node.format_spec is not None:
            spec = "".join(str(part.value) for part in node.format_spec.values
                           if isinstance(part, ast.Constant))
        text = ast.unparse(node.value)
        if NUMBER_SPEC.search(spec):
            found.append(f"line {node.lineno}: {{{text}:{spec}}}")
        elif _field(node.value) in CLINICAL_FIELDS:
            found.append(f"line {node.lineno}: {{{text}}}")
    return found


def test_the_scan_finds_a_lesson_that_formats_a_number_itself():
    source = (
        'print(f"HR {r.hr:g} ({r.hr_low:.2f}-{r.hr_high})")\n'
        'print(f"{tox.loc[e, \'percent\']}% and {format_vs(r.orr, r.orr_control)}")\n'
        'print(f"{name:<10} {r.trial} n={format_number(r.n)}")\n'
    )
    assert self_formatted(source) == [
        "line 1: {r.hr:g}", "line 1: {r.hr_low:.2f}", "line 1: {r.hr_high}",
        "line 2: {tox.loc[e, 'percent']}",
    ]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_lesson_prints_clinical_numbers_only_through_the_formatters(lesson):
    found = self_formatted(lesson.read_text(encoding="utf-8"))
    assert not found, (
        f"{lesson.relative_to(ROOT)} formats clinical numbers itself; use format_number, "
        f"format_percent, format_vs, format_hr or format_interval from pannet_edu.display: "
        + "; ".join(found)
    )
