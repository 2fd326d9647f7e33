"""The lesson manifest (data/lessons.yaml): one entry per lesson, validated, and the README table,
the lesson folder and the lesson facts agree with it. Adding a lesson is a notebook source plus
one entry, proved on a temporary copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import jupytext
import pytest
import yaml

from pannet_edu.content import ContentError, folder, manifest
from pannet_edu.content.reviews import lesson_review
from pannet_edu.publish.transforms import objectives, rhythm_problems

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "pannet_edu" / "data"
ENTRIES = manifest.load_manifest()


def test_the_readme_lesson_table_is_the_manifest():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert manifest.with_readme_table(readme, manifest.readme_table()) == readme, (
        "README.md's lesson table differs from pannet_edu/data/lessons.yaml: "
        "run python tools/write_lesson_table.py")


def test_the_readme_check_fails_when_they_disagree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    edited = readme.replace("| `05_prrt` | 177Lu-DOTATATE", "| `05_prrt` | lutetium", 1)
    assert edited != readme
    assert manifest.with_readme_table(edited, manifest.readme_table()) != edited


def test_every_lesson_notebook_has_one_entry_and_every_entry_a_notebook():
    sources = sorted(p.stem for p in (ROOT / "notebooks").glob("*.py")
                     if not p.name.startswith("_"))
    assert sorted(manifest.lesson_ids()) == sources
    assert manifest.lesson_ids() == sorted(manifest.lesson_ids())  # teaching order = NN order


def test_questions_and_exercises_named_in_the_manifest_exist():
    solutions = {p.name.removesuffix("_solutions.py")
                 for p in (ROOT / "exercises" / "solutions").glob("*_solutions.py")}
    practised = set()
    for entry in ENTRIES:
        if entry.questions:
            assert (DATA / "questions" / entry.questions).is_file()
            assert yaml.safe_load((DATA / "questions" / entry.questions).read_text())[
                "lesson"] == entry.id
        assert set(entry.exercises) <= solutions, entry.id
        practised |= set(entry.exercises)
    assert practised == solutions, "every exercise notebook practises at least one lesson"


def test_the_lesson_facts_the_evidence_layer_reads_are_the_manifests():
    from pannet_edu import evidence

    for entry in ENTRIES:
        facts = evidence.lesson_facts(entry.id)
        assert (facts.trials, facts.therapies, facts.sources, facts.pipeline) == (
            entry.trials, entry.therapies, entry.sources, entry.pipeline)


def _mutated(tmp_path: Path, change) -> Path:
    document = yaml.safe_load((DATA / "lessons.yaml").read_text())
    change(document["lessons"])
    shutil.copytree(DATA / "questions", tmp_path / "questions")
    path = tmp_path / "lessons.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def _set(index, field, value):
    def change(lessons):
        lessons[index][field] = value
    return change


@pytest.mark.parametrize(
    ("change", "entry", "field", "problem"),
    [
        (_set(1, "id", "lesson one"), "lesson 2", "id", "NN_words"),
        (_set(1, "title", ""), "01_classification_and_staging", "title", "non-empty"),
        (_set(2, "kind", "lecture"), "02_imaging_and_syndromes", "kind", "lesson, orientation"),
        (_set(3, "objectives", []), "03_somatostatin_analogues", "objectives", "at least one"),
        (_set(4, "questions", "nope.yaml"), "04_targeted_agents", "questions", "nope.yaml"),
        (_set(5, "trials", "NETTER-1"), "05_prrt", "trials", "list"),
        (_set(5, "reviewer", "Dr X"), "05_prrt", "reviewer", "needs both"),
        (_set(5, "colour", "red"), "05_prrt", "colour", "unknown field"),
        (lambda lessons: lessons.append(dict(lessons[0])), "00_start_here", "id", "given twice"),
    ],
    ids=["id", "title", "kind", "objectives", "questions", "list", "review", "unknown", "twice"],
)
def test_a_bad_entry_names_file_entry_and_field(tmp_path, change, entry, field, problem):
    with pytest.raises(ContentError) as caught:
        manifest.load_manifest(_mutated(tmp_path, change))
    error = caught.value
    assert (error.file, error.entry, error.field) == ("lessons.yaml", entry, field)
    assert problem in error.problem


def test_a_broken_manifest_file_is_a_content_error(tmp_path):
    path = tmp_path / "lessons.yaml"
    path.write_text("lessons: [\n")
    with pytest.raises(ContentError, match=r"lessons\.yaml: .*not valid YAML"):
        manifest.load_manifest(path)
    path.write_text("lessons: []\n")
    with pytest.raises(ContentError, match="non-empty list"):
        manifest.load_manifest(path)


def test_adding_a_lesson_is_a_notebook_source_plus_one_entry(tmp_path, monkeypatch):
    """On a copy of the data and the lesson folder: copy the template, add one entry; the lesson
    is then listed, in the README table, has a review status and keeps the rhythm."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    monkeypatch.setattr(folder, "DATA_DIR_OVERRIDE", [data])
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    source = (ROOT / "notebooks" / "_template.py").read_text(encoding="utf-8")
    (notebooks / "09_new_lesson.py").write_text(source.replace("NN_name", "09_new_lesson"))
    template = jupytext.read(notebooks / "09_new_lesson.py")

    document = yaml.safe_load((data / "lessons.yaml").read_text(encoding="utf-8"))
    document["lessons"].append({
        "id": "09_new_lesson", "title": "A new lesson", "kind": "lesson",
        "teaches": "what the new lesson teaches", "objectives": objectives(template),
        "questions": None, "exercises": [], "reviewer": None, "reviewed": None,
    })
    (data / "lessons.yaml").write_text(yaml.safe_dump(document, sort_keys=False))

    assert manifest.lesson_ids()[-1] == "09_new_lesson"
    assert "| `09_new_lesson` | what the new lesson teaches |" in manifest.readme_table()
    assert not lesson_review("09_new_lesson").is_reviewed
    assert rhythm_problems(template) == []
    assert objectives(template) == list(manifest.lesson("09_new_lesson").objectives)
