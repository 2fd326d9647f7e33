"""Every lesson ends its teaching with a self-check that explains; lesson 7's checks are read from
its cases and the engine, recognise the forms learners write, and type no clinical number.

Lesson 7 asks three: its summary handout (references of every case) must still print on four A4
pages with the answer key (tests/publish/test_handouts.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import jupytext
import pytest

from pannet_edu.content import manifest
from pannet_edu.practice.selfcheck import reason, reveal

ROOT = Path(__file__).resolve().parents[2]
LESSONS = [entry for entry in manifest.load_manifest() if entry.kind == "lesson"]


def _cells(lesson: str) -> list[str]:
    notebook = jupytext.read(ROOT / "notebooks" / f"{lesson}.py")
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def _selfcheck_cell(lesson: str) -> str:
    return next(source for source in _cells(lesson) if "SelfCheck([" in source)


@pytest.mark.parametrize("entry", LESSONS, ids=lambda e: e.id)
def test_every_lesson_has_a_self_check_widget(entry):
    cells = _cells(entry.id)
    assert any("SelfCheck([" in source for source in cells), entry.id


@pytest.fixture(scope="module")
def lesson7():
    """Lesson 7's self-check, built by the lesson's own import and check cells."""
    cells = _cells("07_sequencing_cases")
    imports = next(source for source in cells if "import pannet_edu as pe" in source)
    check = _selfcheck_cell("07_sequencing_cases").replace("SelfCheck([", "tool = SelfCheck([")
    namespace: dict = {}
    exec(compile(imports + "\n" + check, "07_sequencing_cases", "exec"), namespace)
    return namespace["tool"].items


def test_lesson7_self_check_types_no_number(lesson7):
    tree = ast.parse(_selfcheck_cell("07_sequencing_cases"))
    texts = [node.value for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    words = [text for text in texts if not text.isidentifier()]  # ids name data, not facts
    assert words and not [text for text in words if any(c.isdigit() for c in text)]


def test_lesson7_every_check_explains_its_answer(lesson7):
    assert len(lesson7) >= 3
    for check in lesson7:
        assert check.explanation.strip(), check.prompt
        assert "(" not in check.answer[:1] and "'" not in check.answer, check.answer


@pytest.mark.parametrize(("number", "right", "wrong"), [
    (0, ["No, only when the hypoglycaemia is refractory to diazoxide", "not yet"], ["yes"]),
    (1, ["a bone marrow biopsy first", "marrow"], ["start the next line now"]),
    (2, ["yes, re-treatment", "Yes"], ["no", "no re-treatment"]),
])
def test_lesson7_recognises_right_forms_and_explains_wrong_ones(lesson7, number, right, wrong):
    check = lesson7[number]
    for typed in right:
        assert reveal(check, typed).matches is True, (check.prompt, typed)
    for typed in wrong:
        shown = reveal(check, typed)
        assert shown.matches is False and shown.why, (check.prompt, typed)


def test_lesson7_answers_come_from_the_cases_and_the_engine(lesson7):
    from pannet_edu import engine
    from pannet_edu.practice import cases

    insulinoma = cases.load_case("malignant_insulinoma").steps[0]
    assert insulinoma.teaching_point.rstrip(".") in lesson7[0].explanation
    assert reveal(lesson7[0], "yes").why.startswith(insulinoma.option("everolimus").name)
    marrow = engine.evaluate(cases.load_case("cytopenia_after_prrt").steps[0].patient)
    finding = next(f for f in marrow["everolimus"].findings if f.rule == "cytopenia_after_prrt")
    assert finding.reason.rstrip(".") in lesson7[1].explanation
    assert all(s.short in lesson7[1].explanation for s in finding.sources)  # with its source
    assert reveal(lesson7[2], "no").why.startswith(reason("long-benefit-is-not-failure"))


def test_the_start_page_warms_up_with_checks_that_explain_and_names_the_ward_checks():
    import pannet_edu as pe

    cells = _cells("00_start_here")
    check = _selfcheck_cell("00_start_here").replace("SelfCheck([", "tool = SelfCheck([")
    namespace: dict = {"pe": pe}
    exec(compile(check, "00_start_here", "exec"), namespace)
    items = namespace["tool"].items
    assert 2 <= len(items) <= 4  # a warm-up, not a lesson
    assert all(item.explanation.strip() for item in items)
    assert reveal(items[0], "NEC").matches is False and reveal(items[0], "G3").matches is True
    assert reveal(items[2], "DPD").matches is True
    assert "Source:" in items[2].explanation
    # the ward box reads the label warnings through the package and says what the toolkit is not
    assert any("boxed_warning_checks()" in source for source in cells)
    text = (ROOT / "notebooks" / "00_start_here.py").read_text(encoding="utf-8")
    assert "never advises" in text and "What to say on the ward" in text


def test_the_ward_table_lists_every_boxed_warning_check_with_its_source():
    from pannet_edu.engine.catalogue import load_catalogue
    from pannet_edu.views.lessons import boxed_warning_checks

    catalogue = load_catalogue()
    expected = [c.check for t in catalogue if catalogue.is_systemic(t.id)
                for c in t.before_starting if "boxed" in f"{c.check} {c.source}".lower()]
    rows = boxed_warning_checks().rows
    assert [r["check before the first dose"] for r in rows] == expected and len(rows) >= 3
    assert all(r["source"].strip() for r in rows)
    assert any("secondary source" in r["source"] for r in rows)  # the confidence mark shows
