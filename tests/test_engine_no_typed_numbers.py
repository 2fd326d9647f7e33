"""The engine types no clinical number: a trial's figures, a series' counts and a rate live in the
data beside their source and confidence mark (evidence_scope.yaml ``says``, trials.csv,
therapies.yaml), and the rules read them. This test reads every string literal of
``pannet_edu/engine`` outside docstrings.

What counts as a clinical number here: a number with a clinical unit (``14.6 months``, ``88%``,
``48 hours``, ``10 mg``, ``7.4 GBq``), a count of patients (``14 of 15``), a comparison
(``29.7 vs 11.5``) or a named measure with its value (``HR 0.38``, ``OS 6``). Not counted: grades,
stages and scales that are names (``G3``, ``M1a``, ``Krenning 2``, ``ECOG 0-4`` as the range of
the scale), isotopes (``68Ga``), section marks (``§13``) and numbers an f-string fills from the
data.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import pannet_edu.engine

ENGINE = Path(pannet_edu.engine.__file__).parent

_NUMBER = r"\d+(?:[.,]\d+)?"
CLINICAL_NUMBER = re.compile(
    rf"{_NUMBER}\s*%"
    rf"|\b{_NUMBER}(?:\s*[-–]\s*{_NUMBER})?\s*(?:months?|weeks?|days?|hours?|years?|mg|g|GBq|MBq|"
    r"mCi|mL/min)\b"
    rf"|\b{_NUMBER} of {_NUMBER}\b"
    rf"|\b{_NUMBER}\s+vs\.?\s+{_NUMBER}"
    rf"|\b(?:HR|OR|OS|PFS|TTP|ORR|CI)\s+(?:of\s+)?{_NUMBER}")

def _docstrings(tree: ast.AST) -> set[int]:
    nodes = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, nodes) and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def _literals(path: Path) -> list[tuple[int, str]]:
    """The module's string literals outside docstrings (an implicitly joined literal is one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skip]


def typed_numbers() -> set[tuple[str, int, str]]:
    return {(path.name, line, text) for path in sorted(ENGINE.glob("*.py"))
            for line, text in _literals(path) if CLINICAL_NUMBER.search(text)}


@pytest.mark.parametrize("text", [
    "PFS 29.7 vs 11.5 months", "with 88% crossover", "re-treatment PFS of 14.6 months",
    "resolved in 14 of 15", "(interim, HR 0.38)", "median OS 6-9 months", "for 48 hours",
])
def test_the_pattern_finds_a_clinical_number(text):
    assert CLINICAL_NUMBER.search(text)


@pytest.mark.parametrize("text", [
    "NET G3 (", "Liver metastases only (M1a)", "SSTR uptake equal to normal liver (Krenning 2)",
    "None (not stated) or an ECOG score 0, 1, 2, 3 or 4", "68Ga/64Cu-DOTATATE",
    "§13 Cut-offs are not cliffs", " enrolled Ki-67 up to ", "ki67_at_most",
])
def test_the_pattern_leaves_names_and_scales(text):
    assert not CLINICAL_NUMBER.search(text)


def test_no_engine_string_types_a_clinical_number():
    typed = sorted(f"{name}:{line}: {text!r}" for name, line, text in typed_numbers())
    assert not typed, ("clinical numbers typed in engine strings; put them in the data beside "
                       "their source:\n" + "\n".join(typed))


def test_a_rule_principle_reads_its_trial_figures_from_the_data_in_use(data_copy):
    """A principle that names a trial's Ki-67 range reads it when shown: an instructor's edit of
    the range in the evidence file reaches the lesson's list of principles."""
    from pannet_edu.engine.combine import RULES
    from tests.data_edits import replace_once

    def principle() -> str:
        return next(r.principle for r in RULES if r.name == "first_line_prrt")

    assert "Ki-67 10-55% (NETTER-2)" in principle()
    replace_once(data_copy / "evidence_scope.yaml", "ki67: {min: 10, max: 55}",
                 "ki67: {min: 10, max: 50}")
    assert "Ki-67 10-50% (NETTER-2)" in principle()


def test_the_marrow_risk_after_prrt_is_read_from_the_radioligand_therapy_in_the_data(data_copy):
    """The label's MDS and leukaemia rates reach the verdict and the check from the PRRT entry
    of the catalogue: an edit there is what the learner reads."""
    from pannet_edu.engine import Patient, appraise
    from pannet_edu.engine.before_starting import checks_for
    from tests.data_edits import replace_once

    patient = Patient(ki67=5, prior=["prrt"], comorbidities=["low_marrow_reserve"],
                      progressing=True)
    replace_once(data_copy / "therapies.yaml", "MDS 2.3%, acute leukaemia 0.5%'",
                 "MDS 9.9%, acute leukaemia 0.5%'")
    assert "MDS 9.9%" in checks_for("everolimus", patient)[0].source
    assert appraise(patient).reasons.str.contains("MDS 9.9%", regex=False).any()
