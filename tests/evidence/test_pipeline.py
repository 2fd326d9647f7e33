"""The pipeline file (agents and trials under investigation): each kind of bad entry is named.

Each test edits a private copy of the data folder, points the loaders at it, and reads it through
the same public functions lesson 8 uses.
"""


import pytest
from data_edits import replace_once

from pannet_edu.content import ContentError
from pannet_edu.evidence import pipeline


def edit(folder, old, new):
    replace_once(folder / "pipeline.yaml", old, new)


def test_the_packaged_file_loads_every_entry_with_a_date():
    ids = pipeline.agent_ids()
    assert "lu177_edotreotide" in ids
    assert {e["pipeline_id"] for e in pipeline.dated_entries()} >= set(ids)
    assert all(e["last_checked"] for e in pipeline.dated_entries())


def test_the_loader_reads_the_chosen_data_folder(data_copy):
    edit(data_copy, "    status: not approved\n    trials: [COMPETE]",
         "    status: approved in a test copy\n    trials: [COMPETE]")
    assert pipeline.status_of("lu177_edotreotide") == "approved in a test copy"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    last_checked: 2026-12-01\n  pb212", "    last_checked: 2099-12-01\n  pb212",
         "entry lu177_edotreotide, field last_checked: lies in the future"),
        ("    last_checked: 2026-12-01\n  pb212", "    last_checked: 1 Dec 2026\n  pb212",
         "entry lu177_edotreotide, field last_checked: must be a date written YYYY-MM-DD"),
        ("    last_checked: 2026-12-01\n  pb212", "  pb212",
         "entry lu177_edotreotide, field last_checked: is required"),
        ("trials: [COMPETE]", "trials: [COMPLETE]",
         "entry lu177_edotreotide, field trials: 'COMPLETE' is not a trial in trials.csv"),
        ("    confidence: secondary\n    last_checked: 2026-12-01\n  pb212",
         "    confidence: sure\n    last_checked: 2026-12-01\n  pb212",
         "entry lu177_edotreotide, field confidence: must be one of"),
        ("    kind: beta-emitting", "    dosage: 7.4 GBq\n    kind: beta-emitting",
         "entry lu177_edotreotide, field dosage: unknown field"),
        ("      - when: 2022-10\n", "      - when: late 2022\n",
         "entry lu177_edotreotide, field events[1].when: must be YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
    ids=["future date", "date as words", "no date", "unknown trial", "confidence",
         "unknown field", "event date"],
)
def test_a_bad_entry_is_named_with_file_entry_and_field(data_copy, old, new, message):
    edit(data_copy, old, new)
    with pytest.raises(ContentError) as caught:
        pipeline.agents()
    assert str(caught.value).startswith("pipeline.yaml: ")
    assert message in str(caught.value)


def test_a_key_given_twice_is_named_with_its_line(data_copy):
    edit(data_copy, "  pb212_dotamtate:\n", "  lu177_edotreotide:\n")
    with pytest.raises(ContentError, match=r"pipeline.yaml: .*'lu177_edotreotide'.*given twice"):
        pipeline.agents()


def test_a_file_that_is_not_a_mapping_is_refused(data_copy):
    (data_copy / "pipeline.yaml").write_text("- a list\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^pipeline\.yaml: must hold 'agents'"):
        pipeline.agents()
