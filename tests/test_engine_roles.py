"""A data-only copy of any therapy is appraised exactly like the original.

The rules ask the catalogue by role (class group, declared roles, combination, the trials in an
option's evidence), never by therapy id, and a patient's prior therapies are matched as the same
option (class and agents), whatever id they were recorded under. So copying an entry of
``therapies.yaml`` under a new id, in a copied data folder, must give the copy the original's
verdict, reasons, evidence, checks and approval for every patient, including patients who have
had the original (the copy is the same drug under another name: already given too).

One copied folder holds a copy of every entry at once (``<id>_copy``), so one appraisal per
patient compares all of them; a fixed grid and a hypothesis sample of patients are appraised.
"""

from __future__ import annotations

import itertools
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from patient_strategies import patient_fields

from pannet_edu.content.errors import ContentError
from pannet_edu.engine import Patient, evaluate, load_catalogue, use_data_dir
from pannet_edu.engine.before_starting import before_starting_text
from pannet_edu.engine.catalogue import PACKAGED_DATA_DIR, THERAPIES_NAME, pinned_catalogue
from pannet_edu.engine.region import approval_label
from pannet_edu.engine.scope import load_scope, pinned_scope

SUFFIX = "_copy"
ORIGINAL_IDS = load_catalogue().ids


def _data_folder(parent, *names: str):
    """A data folder holding copies of only these files (the others are read from the package)."""
    folder = parent / "data"
    folder.mkdir()
    for name in names:
        shutil.copy(PACKAGED_DATA_DIR / name, folder / name)
    return folder


def _write_therapies(folder, change) -> None:
    path = folder / THERAPIES_NAME
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    classes = document.pop("classes")
    change(document)
    document["classes"] = classes
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def copied(tmp_path_factory):
    """A data folder whose catalogue holds every entry twice: as itself and as ``<id>_copy``."""
    folder = _data_folder(tmp_path_factory.mktemp("roles"), THERAPIES_NAME)

    def add_copies(document: dict) -> None:
        for therapy_id in ORIGINAL_IDS:
            document[therapy_id + SUFFIX] = document[therapy_id]

    _write_therapies(folder, add_copies)
    return folder


def _row(result, therapy_id: str, patient: Patient) -> tuple:
    appraisal = result[therapy_id]
    return (appraisal.verdict, appraisal.reasons, appraisal.evidence,
            before_starting_text(therapy_id, patient), approval_label(therapy_id, patient))


def _differences(patient: Patient) -> list[str]:
    out = []
    with pinned_catalogue(), pinned_scope():  # as appraise() reads the files: once
        result = evaluate(patient)
        for therapy_id in ORIGINAL_IDS:
            original = _row(result, therapy_id, patient)
            copy = _row(result, therapy_id + SUFFIX, patient)
            if original != copy:
                out.append(f"{therapy_id}: {original[0]!r} but its copy {copy[0]!r} for "
                           f"{patient.describe()}")
    return out


def _grid() -> list[dict]:
    """The grid of the issue's measurement (its two regions alternating), with prior lists that
    name originals and copies: 128 patients."""
    out = []
    for n, (ki67, sstr, progressing, prior, syndrome) in enumerate(itertools.product(
            (2, 12, 30, 60), ("positive", "negative"), (True, False),
            ((), ("ssa",), ("ssa", "everolimus"), ("ssa_copy", "prrt")),
            (None, "insulinoma"))):
        out.append(dict(ki67=ki67, sstr=sstr, progressing=progressing, prior=list(prior),
                        syndrome=syndrome, region=("US", "EU")[n % 2]))
    return out


def test_the_copy_of_every_therapy_gets_the_originals_appraisal_on_a_grid(copied):
    with use_data_dir(copied):
        assert len(load_catalogue().ids) == 2 * len(ORIGINAL_IDS)
        problems = [d for kw in _grid() for d in _differences(Patient(**kw))]
    assert not problems, f"{len(problems)} differences, e.g. {problems[:3]}"


#: Patients with any therapy (original or copy) among their prior ones.
PATIENTS = patient_fields([*ORIGINAL_IDS, *(t + SUFFIX for t in ORIGINAL_IDS)],
                          ki67=st.one_of(st.none(), st.sampled_from((1, 5, 9.5, 10, 15, 25, 55,
                                                                     56, 80))),
                          mitoses=st.just(3.0), max_comorbidities=2)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(fields=PATIENTS)
def test_the_copy_of_every_therapy_gets_the_originals_appraisal_for_any_patient(copied, fields):
    with use_data_dir(copied):
        assert _differences(Patient(**fields)) == []


def test_a_patient_who_had_the_original_has_had_the_copy(copied):
    """The same drug under another name counts as given: it is not offered as new."""
    with use_data_dir(copied):
        result = evaluate(Patient(ki67=12, sstr="positive", progressing=True,
                                  prior=["sunitinib"]))
    assert result["sunitinib_copy"].verdict == result["sunitinib"].verdict == "not suitable"
    assert "Prior sunitinib" in result["sunitinib_copy"].reasons


def test_the_trial_cut_offs_come_from_the_evidence_file(tmp_path):
    """Moving CLARINET's Ki-67 bound in the data moves the first-line SSA rule with it."""
    folder = _data_folder(tmp_path, "evidence_scope.yaml")
    path = folder / "evidence_scope.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["trials"]["CLARINET"]["population"]["ki67"] = {"below": 20}
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    patient = Patient(ki67=15, sstr="positive")
    assert evaluate(patient)["ssa"].verdict != "preferred"
    with use_data_dir(folder):
        moved = evaluate(patient)["ssa"]
    assert moved.verdict == "preferred" and "below 20%" in moved.reasons


@pytest.mark.parametrize(("field", "value", "wrong", "message"), [
    ("roles", ["vhl"], "roles[1]", "must be one of not_for_nec"),
    ("combination_of", ["ssa"], "combination_of", "must list at least two groups"),
    ("combination_of", ["ssa", "chemotherapy"], "combination_of",
     r"this class's group \('targeted'\) among"),
    ("roles", ["resection", "resection"], "roles", "lists a value twice"),
])
def test_a_bad_role_field_names_the_file_entry_and_field(tmp_path, field, value, wrong, message):
    folder = _data_folder(tmp_path, THERAPIES_NAME)
    _write_therapies(folder, lambda document: document["everolimus"].update({field: value}))
    with use_data_dir(folder), pytest.raises(ContentError, match=message) as raised:
        load_catalogue()
    assert (raised.value.entry, raised.value.field) == ("everolimus", wrong)
    assert THERAPIES_NAME in str(raised.value)


def test_evidence_naming_no_trial_or_position_names_the_therapy_entry(tmp_path):
    folder = _data_folder(tmp_path, THERAPIES_NAME)
    _write_therapies(folder, lambda document: document["sunitinib"].update(
        {"evidence": ["A6181111", "NO-SUCH-TRIAL"]}))
    with use_data_dir(folder), pytest.raises(ContentError, match="NO-SUCH-TRIAL") as raised:
        load_scope()
    assert (raised.value.entry, raised.value.field) == ("sunitinib", "evidence")


def test_the_rules_name_class_groups_by_the_constants_of_vocab():
    """A group word is typed once, in vocab.py beside CLASS_GROUPS; a rule reads the constant."""
    import ast
    from pathlib import Path

    from pannet_edu import vocab

    typed = []
    for path in sorted((Path(vocab.__file__).parent / "engine").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
                      and ast.get_docstring(node)}
        typed += [f"{path.name}:{node.lineno} {node.value!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and node.value in vocab.CLASS_GROUPS
                  and id(node) not in docstrings]
    assert typed == [], "group words typed in engine rules:\n" + "\n".join(typed)


def test_a_trial_renamed_in_the_data_is_renamed_in_the_after_progression_sentences(tmp_path):
    """The after-progression rule types no trial name: its sentences and names are the data's."""
    folder = _data_folder(tmp_path, THERAPIES_NAME, "trials.csv", "evidence_scope.yaml")
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("RADIANT-3", "RADIANT-THREE").replace(
            "CABINET", "CABINET-PNET"), encoding="utf-8")
    patient = Patient(ki67=25, sstr="negative", progressing=True)
    with use_data_dir(folder):
        result = evaluate(patient)
    everolimus, cabozantinib = result["everolimus"], result["cabozantinib"]
    assert "progressive panNET (RADIANT-THREE)" in everolimus.reasons
    assert "NET G3: RADIANT-THREE enrolled" in everolimus.reasons
    assert "CABINET-PNET enrolled previously treated patients" in cabozantinib.reasons
    assert "RADIANT-3" not in everolimus.reasons and "CABINET " not in cabozantinib.reasons
