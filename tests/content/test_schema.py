"""Every content kind declared once (pannet_edu/content/kinds.py): the declaration covers every key
of the shipped data, a bad value of each kind is refused naming the file, the entry and the field
(on a copy of the data), and the field tables and YAML headers are the declaration's."""

from __future__ import annotations

import csv
import datetime
import shutil
from pathlib import Path

import pytest
import yaml

from pannet_edu.content import ContentError, schema_docs
from pannet_edu.content.entries import check_kind, kind_entries
from pannet_edu.content.folder import PACKAGE_DATA_DIR
from pannet_edu.content.kinds import KINDS, PATIENT_FIELD_NAMES
from pannet_edu.content.kinds_evidence import trial_rows
from pannet_edu.content.manifest import load_manifest
from pannet_edu.content.schema import (
    KEYED,
    NUMBER,
    RECORDS,
    TEXT,
    Field,
    Kind,
    field_table,
    undeclared_keys,
    validate,
    vocabulary,
    with_generated,
)
from pannet_edu.content.sources import load_sources
from pannet_edu.engine.scope import load_scope
from pannet_edu.evidence import trials
from pannet_edu.practice.question_bank import load_file


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_key_of_the_shipped_data_is_declared(name):
    kind = KINDS[name]
    entries = list(kind_entries(kind, PACKAGE_DATA_DIR))
    assert entries, f"no {name} entry found in {kind.file}"
    undeclared = {f"{path.name}: {entry}: {key}" for path, entry, record in entries
                  for key in undeclared_keys(kind, record)}
    assert not undeclared, f"keys no declaration of {name} names:\n" + "\n".join(
        sorted(undeclared))


@pytest.mark.parametrize("name", sorted(KINDS))
def test_the_shipped_data_meets_its_declaration(name):
    assert check_kind(KINDS[name], PACKAGE_DATA_DIR) == []


def test_a_trial_column_no_declaration_names_is_found():
    (_entry, row), = trial_rows("trial,cohort,colour\nA,all,red\n")
    assert list(undeclared_keys(KINDS["trial"], row)) == ["colour"]


def test_the_patient_fields_are_the_engines():
    from pannet_edu.engine import PATIENT_FIELDS

    assert tuple(PATIENT_FIELDS) == PATIENT_FIELD_NAMES


def test_the_exercise_fields_are_the_registrys():
    from pannet_edu.practice.exercises.registry import KINDS as EXERCISE_KINDS

    used = {"id", "kind", "report"}
    for kind in EXERCISE_KINDS.values():
        used |= {*kind.required, *kind.optional}
    declared = {f.name for f in KINDS["exercise"].fields}
    assert used - declared == set(), "exercise fields a kind takes but no declaration names"
    query_only = {"question", "query", "explain", "near_row", "mistakes", "notes", "source"}
    assert declared - used - query_only == set(), "declared exercise fields no kind takes"


# --- A bad value of each kind, on a copy of the data ------------------------------------------


def _yaml_edit(file: str, change):
    def edit(folder: Path) -> None:
        path = folder / file
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
    return edit


def _trial_edit(column: str, value: str):
    def edit(folder: Path) -> None:
        path = folder / "trials.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        rows[0][column] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return edit


def _set(*keys, value):
    def change(document):
        target = document
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return change


#: A position of evidence_scope.yaml (the first), for the bad value of a position.
POSITION = next(iter(yaml.safe_load((PACKAGE_DATA_DIR / "evidence_scope.yaml").read_text(
    encoding="utf-8"))["positions"]))
BAD = {
    "therapy": (_yaml_edit("therapies.yaml", _set("sunitinib", "approval", "US", "status",
                                                  value="maybe")),
                "therapies.yaml", "sunitinib", "approval.US.status", "not_approved"),
    "therapy-toxicity": (_yaml_edit("therapies.yaml", _set("sunitinib", "toxicities", 0,
                                                           "percent", value=140)),
                         "therapies.yaml", "sunitinib", "toxicities[1].percent", "between 0"),
    "class": (_yaml_edit("therapies.yaml", _set("classes", "ssa", "colour", value="red")),
              "therapies.yaml", "classes", "ssa.colour", "sky_blue"),
    "trial": (_trial_edit("phase", "IV"), "trials.csv", "PROMID / all", "phase", "IIIb"),
    "trial-number": (_trial_edit("orr", "120"), "trials.csv", "PROMID / all", "orr", "100"),
    "source": (_yaml_edit("sources.yaml", _set("HAUSER_2019", "confidence", value="sure")),
               "sources.yaml", "HAUSER_2019", "confidence", "verified, secondary, conflicting"),
    "lesson": (_yaml_edit("lessons.yaml", _set("lessons", 5, "kind", value="lecture")),
               "lessons.yaml", "05_prrt", "kind", "lesson, orientation"),
    "question": (_yaml_edit("questions/05_prrt.yaml", _set("questions", 0, "kind",
                                                          value="essay")),
                 "questions/05_prrt.yaml", None, "kind", "multiple_choice, short_answer"),
    "case": (_yaml_edit("cases/vipoma.yaml", _set("steps", 0, "options", "ssa", "verdict",
                                                  value="good")),
             "cases/vipoma.yaml", "vipoma", "steps[1].options.ssa.verdict", "preferred"),
    "exercise": (_yaml_edit("exercises/07_sequencing_cases.yaml", _set("exercises", 0, "sstr",
                                                                      value="glowing")),
                 "exercises/07_sequencing_cases.yaml", "seq-1", "sstr", "heterogeneous"),
    "evidence_trial": (_yaml_edit("evidence_scope.yaml", _set("trials", "CLARINET", "population",
                                                              "ki67", "below", value=120)),
                       "evidence_scope.yaml", "CLARINET", "population.ki67.below", "between 0"),
    "evidence_position": (_yaml_edit("evidence_scope.yaml", _set("positions", POSITION,
                                                                 "confidence", value="sure")),
                          "evidence_scope.yaml", POSITION, "confidence", "expert practice"),
    "near_cut_off": (_yaml_edit("evidence_scope.yaml", _set("ki67_near_cut_off", "margin",
                                                            value="one")),
                     "evidence_scope.yaml", "ki67_near_cut_off", "margin", "must be a number"),
}


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(PACKAGE_DATA_DIR, folder)
    return folder


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_value_of_each_kind_names_file_entry_and_field(case, data_copy, tmp_path):
    edit, file, entry, field, allowed = BAD[case]
    folder = tmp_path / "data"
    shutil.copytree(data_copy, folder)
    edit(folder)
    kind = KINDS[case.split("-")[0]]
    problems = check_kind(kind, folder)
    assert len(problems) == 1, [str(p) for p in problems]
    error = problems[0]
    if entry is None:  # the first question of the file, whatever its id
        entry = yaml.safe_load((folder / file).read_text())["questions"][0]["id"]
    assert (error.file, error.entry, error.field) == (Path(file).name, entry, field)
    assert allowed in error.problem


def test_the_loaders_of_declared_kinds_raise_the_same_error(data_copy, tmp_path):
    for case, loader, path in (("lesson", load_manifest, "lessons.yaml"),
                               ("source", load_sources, "sources.yaml"),
                               ("question", load_file, "questions/05_prrt.yaml"),
                               ("trial", trials, "trials.csv"),
                               ("evidence_trial", load_scope, "evidence_scope.yaml"),
                               ("near_cut_off", load_scope, "evidence_scope.yaml")):
        folder = tmp_path / case
        shutil.copytree(data_copy, folder)
        BAD[case][0](folder)
        with pytest.raises(ContentError) as caught:
            loader(folder / path)
        assert caught.value.field == BAD[case][3]
        assert BAD[case][4] in caught.value.problem


# --- Validation by a declaration --------------------------------------------------------------

TOY = Kind("toy", "toy.yaml", "a toy", (
    Field("name", TEXT, "its name"),
    Field("size", NUMBER, "its size", required=False, default=1, low=0),
    Field("parts", RECORDS, "its parts", required=False, fields=(
        Field("region", TEXT, "where", allowed=vocabulary("REGIONS")),)),
    Field("by_region", KEYED, "per region", required=False, keys=("US",), fields=(
        Field("text", TEXT, "words"),)),
))


def test_a_declaration_fills_defaults_and_keeps_the_given():
    assert validate(TOY, "toy.yaml", "a", {"name": "x"})["size"] == 1
    assert validate(TOY, "toy.yaml", "a", {"name": "x", "size": 3})["size"] == 3


@pytest.mark.parametrize(
    ("record", "field", "problem"),
    [
        ({}, "name", "missing"),
        ({"name": "x", "colour": "red"}, "colour", "unknown field 'colour'"),
        ({"name": "x", "size": -1}, "size", "at least 0"),
        ({"name": "x", "size": True}, "size", "must be a number"),
        ({"name": "x", "parts": [{"region": "EU"}, {"region": "Mars"}]}, "parts[2].region",
         "US, EU, China"),
        ({"name": "x", "by_region": {"EU": {"text": "y"}}}, "by_region.EU", "one of US"),
        ({"name": "x", "by_region": {"US": {}}}, "by_region.US.text", "missing"),
    ],
)
def test_a_declaration_names_the_field_actually_wrong(record, field, problem):
    with pytest.raises(ContentError) as caught:
        validate(TOY, "toy.yaml", "a", record)
    assert (caught.value.file, caught.value.entry, caught.value.field) == ("toy.yaml", "a", field)
    assert problem in caught.value.problem


def test_a_check_registered_on_a_kind_runs_with_the_declaration():
    kind = Kind("toy2", "toy.yaml", "a toy", (Field("name", TEXT, "its name"),))

    @kind.check
    def _not_bob(file, entry, record):
        if record["name"] == "bob":
            raise ContentError(file, entry, "name", "is not bob")

    assert validate(kind, "toy.yaml", "a", {"name": "al"})["name"] == "al"
    with pytest.raises(ContentError, match="is not bob"):
        validate(kind, "toy.yaml", "a", {"name": "bob"})


def test_a_number_above_a_bound_refuses_the_bound_and_infinity():
    kind = Kind("n", "n.yaml", "a number", (Field("hr", NUMBER, "a ratio", above=0),))
    assert validate(kind, "n.yaml", "a", {"hr": 0.5})["hr"] == 0.5
    for value, problem in ((0, "must be above 0"), (float("inf"), "finite")):
        with pytest.raises(ContentError, match=problem):
            validate(kind, "n.yaml", "a", {"hr": value})


def test_a_date_field_refuses_the_future_and_the_impossible():
    kind = Kind("d", "d.yaml", "a date", (Field("on", "date", "when", past=True),))
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    for value, problem in ((tomorrow, "future"), ("2026-02-30", "not a date"),
                           ("soon", "YYYY-MM-DD")):
        with pytest.raises(ContentError, match=problem):
            validate(kind, "d.yaml", "a", {"on": value})


# --- Generated documentation ------------------------------------------------------------------


def test_the_generated_field_docs_are_the_declarations():
    assert schema_docs.stale_docs() == [], (
        "the field tables of pannet_edu/data/README.md or a YAML header differ from "
        "pannet_edu/content/kinds.py: run python tools/write_schema_docs.py")


def test_the_docs_check_fails_when_they_disagree(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("README.md", *schema_docs.HEADER_KINDS):
        shutil.copy(PACKAGE_DATA_DIR / name, folder / name)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    edited = readme.replace("| `short_name` | text |", "| `short_name` | number |", 1)
    assert edited != readme
    (folder / "README.md").write_text(edited, encoding="utf-8")
    assert schema_docs.stale_docs(folder) == ["README.md"]
    assert schema_docs.write_docs(folder) == ["README.md"]
    assert schema_docs.stale_docs(folder) == []


def test_every_declared_field_is_in_the_readme():
    readme = (PACKAGE_DATA_DIR / "README.md").read_text(encoding="utf-8")
    for kind in KINDS.values():
        table = field_table(kind)
        assert table in readme
        for declared in kind.fields:
            assert f"| `{declared.name}` |" in table


def test_generated_text_replaces_only_its_block():
    text = "a\n<!-- x -->\nold\n<!-- /x -->\nb"
    assert with_generated(text, "<!-- x -->", "<!-- /x -->", "new") == (
        "a\n<!-- x -->\nnew\n<!-- /x -->\nb")
    with pytest.raises(ValueError, match="markers"):
        with_generated("no markers", "<!-- x -->", "<!-- /x -->", "new")


def test_the_trial_table_reads_the_declared_columns():
    from pannet_edu.evidence import trial_table

    read = tuple(c for c in trial_table.TRIAL_COLUMNS if c not in trial_table._DERIVED_COLUMNS)
    assert read == tuple(f.name for f in KINDS["trial"].fields)


def test_one_cache_reads_a_file_again_only_when_its_stamp_changes(tmp_path):
    from pannet_edu.content.reader import cached

    path = tmp_path / "lessons.yaml"
    shutil.copy(PACKAGE_DATA_DIR / "lessons.yaml", path)
    shutil.copytree(PACKAGE_DATA_DIR / "questions", tmp_path / "questions")
    calls = []

    def titles(file):
        calls.append(file)
        return [lesson.title for lesson in load_manifest(file)]

    first = cached(titles, path)
    assert cached(titles, path) is first and len(calls) == 1
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"pannet-edu: start here"', '"Start here, edited"'),
                    encoding="utf-8")
    assert cached(titles, path)[0] == "Start here, edited" and len(calls) == 2


@pytest.mark.parametrize(("change", "field", "problem"), [
    (_set("trials", "CLARINET", "population", "grades", value=[]), "population.grades",
     "must not be empty"),
    (_set("trials", "CLARINET", "population", "prior_none_of", value=["aspirin"]),
     "population.prior_none_of", "'aspirin' is not a therapy id"),
])
def test_the_scope_loader_keeps_the_checks_a_declaration_cannot_make(data_copy, tmp_path,
                                                                      change, field, problem):
    folder = tmp_path / "data"
    shutil.copytree(data_copy, folder)
    _yaml_edit("evidence_scope.yaml", change)(folder)
    with pytest.raises(ContentError) as caught:
        load_scope(folder / "evidence_scope.yaml")
    assert (caught.value.entry, caught.value.field) == ("CLARINET", field)
    assert problem in caught.value.problem


def test_a_trial_row_cites_its_overall_survival_source_by_a_known_id(data_copy, tmp_path):
    """pannet-edu check refuses a free-text citation in os_source, and an unknown id."""
    for value, problem in (("Rinke A et al. Neuroendocrinology 2017 (long-term OS)",
                            "must cite its source by id"),
                           ("[@NO_SUCH_SOURCE] (final OS)", "unknown source id")):
        folder = tmp_path / problem.replace(" ", "_")
        shutil.copytree(data_copy, folder)
        _trial_edit("os_source", value)(folder)
        (error,) = check_kind(KINDS["trial"], folder)
        assert (error.entry, error.field) == ("PROMID / all", "os_source")
        assert problem in error.problem
