"""One content check (issue 25, item 15): ``pannet-edu check`` finds a content error before a lesson
cell meets it, names the file by its path inside the data folder, the entry and the field actually
wrong, and reports every broken file at once; ``quiz check`` is part of it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from cli_run import run

from pannet_edu.content import ContentError
from pannet_edu.practice import quiz

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1] / "notebooks"


@pytest.fixture
def data(data_copy):
    """A copy of the data folder, read by every loader (the root conftest's ``data_copy``)."""
    return data_copy


def edit_trial(data, trial: str, **values: str) -> None:
    path = data / "trials.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["trial"] == trial:
            row.update(values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def problems(err: str) -> list[str]:
    return [line.removeprefix("problem: ") for line in err.splitlines()
            if line.startswith("problem: ")]


def test_the_packaged_content_passes_the_check(capsys):
    code, out, err = run(capsys, "check")
    assert code == 0, err
    assert "ok: all content checked" in out and "lessons.yaml: 9 lessons have" in out


def test_a_manifest_naming_an_unknown_trial_fails_the_check(data, capsys):
    text = (data / "lessons.yaml").read_text(encoding="utf-8")
    (data / "lessons.yaml").write_text(text.replace("trials: [NETTER-1,", "trials: [NETTER-9,"),
                                       encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 1
    assert problems(err) == [
        "lessons.yaml: entry 05_prrt, field trials: 'NETTER-9' is not a known trial"]


def test_a_manifest_lesson_without_its_notebook_fails_the_check(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, notebooks)
    (notebooks / "05_prrt.ipynb").unlink()
    code, _, err = run(capsys, "check", "--notebooks", str(notebooks))
    assert code == 1
    (line,) = problems(err)
    assert line.startswith("lessons.yaml: entry 05_prrt, field id: no notebook 05_prrt.ipynb")


def test_every_broken_file_is_named_at_once(data, capsys):
    questions = data / "questions" / "05_prrt.yaml"
    questions.write_text(questions.read_text(encoding="utf-8").replace(
        "kind: short_answer", "kind: essay", 1), encoding="utf-8")
    case = data / "cases" / "vipoma.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "\nnot: [valid\n", encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 1
    named = problems(err)
    assert any(line.startswith("questions/05_prrt.yaml: entry prrt-") for line in named), named
    assert any(line.startswith("cases/vipoma.yaml") for line in named), named


def test_quiz_check_fails_on_a_broken_trials_table(data, capsys):
    edit_trial(data, "RADIANT-3", hr="-1")
    code, _, err = run(capsys, "quiz", "check")
    assert code == 1
    assert any(line.startswith("trials.csv: entry RADIANT-3") for line in problems(err)), err


def test_an_error_names_the_path_inside_the_data_folder(data):
    path = data / "questions" / "05_prrt.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: short_answer",
                                                             "kind: essay", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        quiz.load_file(path)
    assert str(caught.value).startswith("questions/05_prrt.yaml: entry ")


def test_a_flipped_confidence_interval_blames_the_bound_not_the_estimate(data, capsys):
    edit_trial(data, "RADIANT-3", hr_low="0.45", hr_high="0.27")
    code, _, err = run(capsys, "check")
    assert code == 1
    assert any("entry RADIANT-3" in line and "field hr_low" in line for line in problems(err)), err


def test_a_trial_number_a_question_states_must_match_the_trial_table(data, capsys):
    # RADIANT-3's HR is 0.35 (0.27-0.45) in the table and in three questions. A typo in the
    # table (or in a question) is caught by the rule, naming each question and its field.
    edit_trial(data, "RADIANT-3", hr="0.36")
    code, _, err = run(capsys, "check")
    assert code == 1
    named = problems(err)
    assert {line.split(",")[0] for line in named} == {
        "questions/00_start_here.yaml: entry start-05",
        "questions/04_targeted_agents.yaml: entry tgt-02",
        "questions/04_targeted_agents.yaml: entry tgt-04",
    }, named
    assert all("states 0.35 (a hazard ratio) but no row of RADIANT-3" in line
               for line in named), named


def test_a_pmid_or_doi_written_outside_sources_yaml_fails_the_check(data, capsys):
    path = data / "questions" / "05_prrt.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('reference: "[@STROSBERG_2017]"',
                                 'reference: "Strosberg 2017, DOI 10.1056/NEJMoa1607427"', 1),
                    encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 1
    (line,) = problems(err)
    assert line.startswith("questions/05_prrt.yaml: line ")
    assert "'10.1056/NEJMoa1607427' is written here: every PMID and DOI lives in sources.yaml" \
        in line


def test_a_question_citing_an_unknown_source_id_fails_naming_question_and_field(data, capsys):
    path = data / "questions" / "05_prrt.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('reference: "[@STROSBERG_2017]"',
                                 'reference: "[@STROSBERG_2018]"', 1), encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 1
    assert any(line.startswith("questions/05_prrt.yaml: entry prrt-")
               and "field reference: unknown source id 'STROSBERG_2018'" in line
               for line in problems(err)), err
