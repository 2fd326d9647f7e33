"""What AJCC version 9 changed (data/staging.yaml), and the staging tool's size warning."""


import pytest
from data_edits import replace_once

from pannet_edu.clinic import staging
from pannet_edu.content import ContentError
from pannet_edu.widgets import StagingTool


def test_every_version_9_change_carries_its_source_and_a_confidence():
    book = staging.load_staging()
    assert len(book.changes) >= 5
    for change in book.changes:
        assert change.sources and change.confidence in ("verified", "secondary", "conflicting")
    topics = {c.topic: c for c in book.changes}
    assert topics["chromogranin A"].sources[0].pmid == "38685134"  # CA Cancer J Clin 2024
    assert "exocrine" in topics["NEC and MiNEN"].change


def test_what_no_source_showed_is_said_plainly_and_not_taught():
    rows = staging.edition_changes().rows
    last = rows[-1]
    assert last["topic"] == "pancreas T, N and M" and last["source"] == "not found"
    assert "does not teach them" in last["version 9"]


def test_the_lesson_table_reads_an_edited_data_file(data_copy):
    replace_once(data_copy / "staging.yaml", "  - topic: chromogranin A",
                 "  - topic: chromogranin A (CgA)")
    assert "chromogranin A (CgA)" in [r["topic"] for r in staging.edition_changes().rows]


@pytest.mark.parametrize(("old", "new", "field"), [
    ("    sources: [AJCC_9]\n    confidence: verified\n  - topic: which",
     "    sources: [NO_SUCH_SOURCE]\n    confidence: verified\n  - topic: which", "sources"),
    ("    confidence: verified\n  - topic: which", "    confidence: sure\n  - topic: which",
     "confidence"),
])
def test_a_bad_entry_is_named_with_its_field(data_copy, old, new, field):
    replace_once(data_copy / "staging.yaml", old, new)
    with pytest.raises(ContentError) as info:
        staging.edition_changes()
    assert "NET G3 and NEC" in str(info.value) and field in str(info.value)


@pytest.mark.parametrize("size", [0.5, 4.0, 12, staging.SIZE_WARN_ABOVE_CM])
def test_ordinary_sizes_carry_no_warning(size):
    assert staging.explain_t(size).warning == ""


@pytest.mark.parametrize("size", [20.5, 45, staging.SIZE_PLAUSIBLE_MAX_CM])
def test_an_implausible_size_is_staged_with_a_warning_not_refused(size):
    result = staging.explain_t(size)
    assert result.category == "T3"
    assert result.warning.startswith("Check the size:") and "millimetres" in result.warning
    invading = staging.explain_t(size, ["spleen"])
    assert invading.category == "T4" and invading.warning


def test_the_staging_tool_warns_on_45_cm_in_clinical_words():
    view = StagingTool(size_cm="45").view()
    assert view.error is None and view.title == "Stage II"
    assert view.lines[0] == ("Check the size: 45 cm is more than 20 cm. A size in millimetres "
                             "typed as centimetres is a common slip (45 mm is 4.5 cm). The stage "
                             "uses 45 cm, as typed.")


@pytest.mark.parametrize(("typed", "message"), [
    ("", "The size is needed: the tumour's greatest dimension in cm."),
    ("0", "The size must be greater than 0 cm (the tumour's greatest dimension), got 0 cm."),
    ("-2", "The size must be greater than 0 cm (the tumour's greatest dimension), got -2 cm."),
    ("big", "The size must be a number of centimetres, such as 3.5; got “big”."),
    ("inf", "The size must be a number of centimetres, such as 3.5; got “inf”."),
    ("60", "The size must be at most 50 cm, got 60 cm: check the number typed (in cm, not mm)."),
])
def test_every_bad_size_gets_a_message_without_code_names(typed, message):
    error = StagingTool(size_cm=typed).view().error
    assert error == message
    assert "size_cm" not in error and "_" not in error


def test_an_emptied_nodes_choice_names_the_control_in_words():
    tool = StagingTool()
    tool.nodes.value = None
    assert tool.view().error == "Choose a value for “Regional nodes”: the list was left empty. " \
                                "Pick one of its entries."


def test_the_programmers_error_still_names_the_argument():
    with pytest.raises(ValueError, match=r"^size_cm must be greater than 0"):
        staging.explain_t(0)
