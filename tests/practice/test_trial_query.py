"""Exercises of kind trial_query: data entries that name a query on the trial table.

The trials-* and inv-* exercises used to be Python; now they are entries in the exercise files,
their keys come from running the named query on the tables, and a bad entry is refused at load
naming the file, the exercise and the field.
"""

from pathlib import Path

import pytest
import yaml

from pannet_edu.content import ContentError
from pannet_edu.practice import exercises as ex
from pannet_edu.practice.exercises import trial_query

CONVERTED = ["trials-1", "trials-2", "trials-3", "trials-4", "trials-5",
             "inv-1", "inv-2", "inv-3", "inv-4"]  # fmt: skip


def _entries() -> dict[str, dict]:
    out = {}
    for path in sorted(ex.EXERCISES_DIR.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["exercises"]:
            out[entry["id"]] = entry
    return out


def test_every_exercise_is_a_data_entry_and_the_converted_ones_name_a_query():
    entries = _entries()
    assert [e.id for e in ex.exercises()] == list(entries)  # nothing is defined in Python
    for exercise_id in CONVERTED:
        entry = entries[exercise_id]
        assert entry["kind"] == "trial_query"
        assert entry["query"]["find"] in trial_query.FINDS
        # The answer key is never written in the entry: no field holds the answer.
        solution = ex.exercise(exercise_id).solution()
        assert str(solution) not in yaml.safe_dump(entry["query"])


def test_the_converted_keys_are_the_queries_on_the_tables():
    import pannet_edu as pe
    from pannet_edu.evidence import label_figures

    trials, labels = pe.trials(), label_figures()
    radiant = trials[(trials.trial == "RADIANT-3") & (trials.cohort == "all")].iloc[0]
    assert ex.exercise("trials-4").expected() == round(
        radiant.pfs_median - radiant.pfs_median_control, 1
    )
    cabinet = labels[(labels.trial == "CABINET") & (labels.cohort == "pancreatic")].iloc[0]
    assert ex.exercise("inv-3").expected() == cabinet.hr
    congress = set(trials.loc[trials.figures_source == "congress", "trial"])
    assert ex.exercise("inv-2").expected() == congress
    assert ex.check("inv-3", float(cabinet.hr)).correct is True


def test_a_key_follows_the_table_when_the_table_changes(data_copy):
    path = data_copy / "trials.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("RADIANT-3,all,"))
    assert ",410,11.0,4.6," in row
    path.write_text(text.replace(row, row.replace(",410,11.0,4.6,", ",410,12.0,4.6,")),
                    encoding="utf-8")  # fmt: skip
    assert ex.exercise("trials-4").expected() == 7.4
    feedback = ex.check("trials-4", 7.4)
    assert feedback.correct is True
    assert "12.0 - 4.6 = 7.4 months" in feedback.message


GOOD = """\
lesson: 01_demo
exercises:
  - id: q-1
    kind: trial_query
    question: "Which trial reported the lowest hazard ratio?"
    query:
      find: trial
      lowest: hr
      where: {pannet: ["yes", "part"]}
    explain: "{best[trial]} has HR {best[hr]:g}."
"""


def _load(tmp_path: Path, text: str):
    path = tmp_path / "01_demo.yaml"
    path.write_text(text, encoding="utf-8")
    return ex.load_exercise_file(path)


def test_a_new_query_entry_is_an_exercise_with_a_computed_key(tmp_path):
    (item,) = _load(tmp_path, GOOD)
    trial, hr = trial_query.lowest_hr_pannet_trial()
    assert item.expected() == trial
    assert item.answer_form == 'one trial name, e.g. "RADIANT-3"'
    assert item.mark(trial).message == f"{trial}. {trial} has HR {hr:g}."
    assert item.mark("PROMID").correct is False


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        (("find: trial\n", "find: trials_and_more\n"), "query.find", "must be one of"),
        (("where: {pannet:", "where: {pannett:"), "query.where.pannett", "not a column"),
        (('["yes", "part"]', "[yes, part]"), "query.where.pannet", "in quotes"),
        (("lowest: hr", "lowest: colour"), "query.lowest", "not a column"),
        (("lowest: hr\n", "lowest: hr\n      cohort: all\n"), "query.cohort", "not a field"),
        (("{best[hr]:g}", "{journal[hr]:g}"), "explain", "not allowed"),
        (("{best[hr]:g}", "{best.__class__}"), "explain", "not allowed"),
        (("{best[hr]:g}", "{best[colour]}"), "explain", "cannot be filled"),
        (('    explain: "{best[trial]} has HR {best[hr]:g}."\n', ""), "explain", "missing"),
        (("    query:\n", '    near_row: "{trial}"\n    query:\n'), "near_row", "near"),
        (("    query:\n", "    report: x\n    query:\n"), "report", "unknown field"),
    ],
)
def test_a_bad_query_entry_is_named_at_load(tmp_path, change, field, fragment):
    with pytest.raises(ContentError) as caught:
        _load(tmp_path, GOOD.replace(*change))
    err = caught.value
    assert (err.file, err.entry, err.field) == ("01_demo.yaml", "q-1", field)
    assert fragment in str(err)


def test_a_bad_figure_entry_is_named_at_load(tmp_path):
    figure = (
        "lesson: 01_demo\nexercises:\n  - id: f-1\n    kind: trial_query\n"
        '    question: "What HR?"\n'
        "    query: {find: figure, table: label_figures, trial: CABINET, cohort: pancreas,"
        " field: hr}\n"
        '    explain: "HR {label[hr]:g}."\n'
    )
    with pytest.raises(ContentError, match="no row for trial 'CABINET', cohort 'pancreas'"):
        _load(tmp_path, figure)
    fixed = figure.replace("pancreas,", "pancreatic,")
    (item,) = _load(tmp_path, fixed)
    assert item.answer_form == "a number, e.g. 0.5"
    bad_mistake = fixed + "    mistakes:\n      - {table: journals, says: x}\n"
    with pytest.raises(ContentError) as caught:
        _load(tmp_path, bad_mistake)
    assert caught.value.field == "mistakes"
