"""The catalogue drives the engine: a new entry in a copy of the data is appraised and rendered
with no code change, and every new kind of catalogue field is validated with a clear message."""

import shutil
from pathlib import Path

import pytest
import yaml

from pannet_edu import evidence
from pannet_edu.content import ContentError
from pannet_edu.engine import Patient, appraise, data_dir, load_catalogue, use_data_dir
from pannet_edu.engine.catalogue import PACKAGED_DATA_DIR, THERAPIES_NAME
from pannet_edu.plots.timeline import class_styles
from pannet_edu.views.appraisal import appraisal_html

NEW_ENTRY = {
    "name": "Example kinase inhibitor",
    "short_name": "examplinib",
    "therapy_class": "tki",
    "agents": ["examplinib"],
    "mechanism": "An invented VEGFR inhibitor used only to test the catalogue.",
    "dose_schedule": "Not a real drug.",
    "approval": {"US": {"status": "not_approved", "text": "Not approved (invented drug).",
                        "source": "test data", "confidence": "expert practice"}},
    "toxicities": [{"effect": "hypertension", "source": "test data",
                    "management": "Measure blood pressure."}],
    "poor_fit": "Uncontrolled hypertension.",
    "poor_fit_factors": [{"factor": "uncontrolled_hypertension", "caps": "not suitable",
                          "why": "an invented test rule.", "source": "test data",
                          "confidence": "expert practice"}],
    "before_starting": [{"check": "blood pressure (test check)", "source": "test data",
                         "confidence": "expert practice"}],
    "key_trials": [],
    "sources": [{"citation": "Invented test entry"}],
    "last_checked": "2026-12-01",
}


def copy_data(tmp_path: Path, change=None) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("therapies.yaml", "trials.csv", "label_figures.csv"):
        shutil.copy(PACKAGED_DATA_DIR / name, folder / name)
    if change is not None:
        path = folder / THERAPIES_NAME
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
    return folder


def test_a_therapy_added_to_a_copy_of_the_data_is_appraised_and_rendered(tmp_path):
    def add(document):
        classes = document.pop("classes")
        document["examplinib"] = NEW_ENTRY
        document["classes"] = classes

    folder = copy_data(tmp_path, add)
    with use_data_dir(folder):
        assert data_dir() == folder.resolve()
        patient = Patient(ki67=8, progressing=True, prior=["ssa"], region="US",
                          comorbidities=["uncontrolled_hypertension"])
        table = appraise(patient)
        assert table.index[-1] == "examplinib"
        assert table.loc["examplinib", "verdict"] == "not suitable"
        assert "an invented test rule" in table.loc["examplinib", "reasons"]
        assert table.loc["examplinib", "before_starting"] == ("blood pressure (test check) "
                                                           "(expert practice)")
        assert table.loc["examplinib", "approval"].startswith("not approved")
        html = appraisal_html(table)
        assert "examplinib" in html
        assert "examplinib" in evidence.therapies().index  # the evidence tables follow too
        assert Patient(ki67=5, prior=["examplinib"]).prior == ("examplinib",)
        assert class_styles()["tki"][1] == "#D55E00"
    # Outside the block the packaged catalogue is back.
    assert "examplinib" not in appraise(Patient(ki67=8)).index
    with pytest.raises(ValueError, match="prior entries must be ids"):
        Patient(ki67=5, prior=["examplinib"])


def test_the_environment_variable_points_the_loaders_at_a_folder(tmp_path, monkeypatch):
    def add(document):
        classes = document.pop("classes")
        document["examplinib"] = NEW_ENTRY
        document["classes"] = classes

    monkeypatch.setenv("PANNET_EDU_DATA_DIR", str(copy_data(tmp_path, add)))
    assert "examplinib" in load_catalogue().ids


def test_use_data_dir_rejects_a_missing_folder(tmp_path):
    with pytest.raises(ValueError, match="path must be an existing folder"), \
            use_data_dir(tmp_path / "nowhere"):
        pass


BAD = [
    (lambda d: d["ssa"]["approval"]["US"].update(status="maybe"), "ssa", "approval.US.status",
     "must be one of"),
    (lambda d: d["ssa"]["approval"].update(UK={"status": "approved"}), "ssa", "approval.UK",
     "must be one of"),
    (lambda d: d["ssa"]["approval"]["US"].update(date="16 Dec 2014"), "ssa",
     "approval.US.date", "YYYY-MM-DD"),
    (lambda d: d["cabozantinib"]["approval"]["EU"].update(requires=["prior:aspirin"]),
     "cabozantinib", "approval.EU.requires", "value must be one of"),
    (lambda d: d["everolimus"]["poor_fit_factors"][0].update(caps="forbidden"), "everolimus",
     "poor_fit_factors[1].caps", "must be one of"),
    (lambda d: d["everolimus"]["poor_fit_factors"][0].pop("source"), "everolimus",
     "poor_fit_factors[1].source", "missing"),
    (lambda d: d["everolimus"]["poor_fit_factors"][0].update(confidence="memory"), "everolimus",
     "poor_fit_factors[1].confidence", "must be one of"),
    (lambda d: d["prrt"]["before_starting"][3].update(when=["if functioning"]), "prrt",
     "before_starting[4].when", "unknown condition"),
    (lambda d: d["prrt"]["before_starting"][0].pop("confidence"), "prrt",
     "before_starting[1].confidence", "missing"),
    (lambda d: d["prrt"].update(last_checked="December"), "prrt", "last_checked", "YYYY-MM-DD"),
    (lambda d: d["prrt"].pop("short_name"), "prrt", "short_name", "missing"),
    (lambda d: d["classes"]["prrt"].update(systemic=True), "classes", "prrt.systemic",
     "unknown field 'systemic'"),
    (lambda d: d["classes"]["prrt"].update(colour="#00FF00"), "classes", "prrt.colour",
     "must be one of"),
    (lambda d: d["classes"]["prrt"].update(group="radiation"), "classes", "prrt.group",
     "must be one of"),
    (lambda d: d["classes"]["prrt"].update(marker="o"), "classes", "prrt.marker",
     "another class's marker too"),
    (lambda d: d["classes"]["prrt"].update(lessons=["05_radiation"]), "classes", "prrt.lessons",
     "is not a lesson of the manifest"),
    (lambda d: d["classes"].update(radiotherapy={"name": "Radiotherapy"}), "classes",
     "radiotherapy.word", "missing"),
    (lambda d: d["prrt"].update(therapy_class="radiation"), "prrt", "therapy_class",
     "must be one of"),
]


@pytest.mark.parametrize(("change", "entry", "field", "problem"), BAD,
                         ids=[f"{b[2]}-{i}" for i, b in enumerate(BAD)])
def test_bad_catalogue_fields_name_file_entry_and_field(tmp_path, change, entry, field, problem):
    folder = copy_data(tmp_path, change)
    with pytest.raises(ContentError) as caught:
        load_catalogue(folder / THERAPIES_NAME)
    err = caught.value
    assert (err.file, err.entry, err.field) == ("therapies.yaml", entry, field)
    assert problem in err.problem


def test_catalogue_without_classes_is_caught(tmp_path):
    folder = copy_data(tmp_path, lambda d: d.pop("classes"))
    with pytest.raises(ContentError, match=r"therapies\.yaml: classes: is missing"):
        load_catalogue(folder / THERAPIES_NAME)


def test_every_entry_was_checked_and_every_fact_carries_source_and_confidence():
    catalogue = load_catalogue()
    for therapy in catalogue:
        assert therapy.last_checked >= "2026-12-07", therapy.id  # checked against reference G
        for item in (*therapy.poor_fit_detail, *therapy.before_starting, *therapy.approvals):
            assert item.source and item.confidence, (therapy.id, item)


def test_learner_facing_catalogue_text_has_no_project_notes():
    text = (PACKAGED_DATA_DIR / THERAPIES_NAME).read_text(encoding="utf-8").lower()
    for phrase in ("identifiers not confirmed", "project reference", "see label",
                   "not taught", "reference.md", "sequencing.md", "from memory"):
        assert phrase not in text, phrase


def test_a_therapy_with_one_trial_is_the_data_edit_the_guide_describes(tmp_path, monkeypatch):
    """docs/architecture.md, "How to add a therapy": an entry in therapies.yaml, its trial as a row
    of trials.csv citing a new entry of sources.yaml, and whom the trial enrolled in
    evidence_scope.yaml. Four data files, no code: the content check passes, the trial tables
    list the trial, and inside the trial's population the option can be preferred."""
    import csv

    from pannet_edu.check import check_content

    folder = tmp_path / "data"
    shutil.copytree(PACKAGED_DATA_DIR, folder)
    therapies_file = folder / THERAPIES_NAME
    document = yaml.safe_load(therapies_file.read_text(encoding="utf-8"))
    classes = document.pop("classes")
    document["examplinib"] = {**NEW_ENTRY, "key_trials": ["EXAMPLE-1"],
                              "evidence": ["EXAMPLE-1"], "sources": ["EXAMPLE_2026"]}
    document["classes"] = classes
    therapies_file.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                              encoding="utf-8")
    with (folder / "sources.yaml").open("a", encoding="utf-8") as out:
        out.write("\nEXAMPLE_2026:\n  short: Example 2026 (EXAMPLE-1)\n"
                  "  reference: Invented A et al. Test Journal 2026;1:1-2 (EXAMPLE-1)\n"
                  "  pmid: '99999999'\n  confidence: verified\n  last_checked: '2026-12-01'\n")
    trials_file = folder / "trials.csv"
    with trials_file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = dict(next(r for r in rows if r["trial"] == "CABINET" and r["cohort"] == "pancreatic"))
    row.update(trial="EXAMPLE-1", therapy="examplinib", source_id="EXAMPLE_2026",
               notes="An invented trial used only to test the data path.")
    with trials_file.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(rows[0])).writerow(row)
    with (folder / "evidence_scope.yaml").open(encoding="utf-8") as handle:
        scope = yaml.safe_load(handle)
    scope["trials"]["EXAMPLE-1"] = {
        "words": "progressing well-differentiated G1-G2 panNET",
        "population": {"differentiation": ["well"], "grades": ["G1", "G2"]},
        "source": "[@EXAMPLE_2026]", "confidence": "verified"}
    (folder / "evidence_scope.yaml").write_text(
        yaml.safe_dump(scope, sort_keys=False, allow_unicode=True), encoding="utf-8")

    monkeypatch.setenv("PANNET_EDU_DATA_DIR", str(folder))
    report = check_content(notebooks_dir=None, solutions_dir=None, learner_dir=None)
    assert report.ok, [str(p) for p in report.problems]
    with use_data_dir(folder):
        listed = evidence.trials()
        assert "EXAMPLE-1" in set(listed["trial"])
        assert listed.loc[listed["trial"] == "EXAMPLE-1", "pmid"].iloc[0] == "99999999"
        from pannet_edu.engine.scope import load_scope

        tested = {e.trial: e for e in load_scope().trials}
        assert [e.trial for e in load_scope().for_therapy("examplinib")] == ["EXAMPLE-1"]
        assert "PMID 99999999" in tested["EXAMPLE-1"].source.short  # resolved from sources.yaml
        inside = appraise(Patient(ki67=8, progressing=True, prior=["ssa"], region="EU"))
        assert "extrapolated" not in inside.loc["examplinib", "reasons"]
        outside = appraise(Patient(ki67=30, progressing=True, prior=["ssa"], region="EU"))
        assert "EXAMPLE-1" in outside.loc["examplinib", "reasons"]  # G3: outside its population
