"""Evidence base: the public contract, the consistency of every row, and each kind of bad entry.

The bad-entry tests copy the packaged data files to a temporary folder, break one field, and load
them through the same public loaders a lesson uses.
"""

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pannet_edu import evidence
from pannet_edu.content import ContentError
from pannet_edu.evidence import (
    CONFIDENCE,
    DESIGNS,
    POOR_FIT_FACTORS,
    label_figures,
    therapies,
    toxicity_table,
    trial_references,
    trials,
)

CONTRACT_COLUMNS = [
    "trial", "cohort", "therapy", "phase", "population", "n", "pfs_median", "pfs_median_control",
    "hr", "hr_low", "hr_high", "orr", "orr_control", "pmid", "doi", "confidence",
]
EXTRA_COLUMNS = [
    "therapy_class", "comparator", "setting", "pannet", "primary_endpoint", "os_median",
    "os_median_control", "os_hr", "citation", "notes",
]
TRIAL_NAMES = {
    "PROMID", "CLARINET", "CLARINET FORTE", "RADIANT-3", "A6181111", "SANET-p", "CABINET",
    "NETTER-1", "NETTER-2", "COMPETE", "OCLURANDOM", "E2211", "Moertel 1992", "Kouvaraki 2004",
    "NORDIC NEC", "LITESPARK-004", "STARTER-NET", "TALENT", "ALPHAMEDIX-02", "ACTION-1",
    "CONTROL NETs", "PRODIGE 41-BEVANEC", "NET-02", "Rotterdam PRRT re-treatment",
}
THERAPY_IDS = [
    "ssa", "everolimus", "sunitinib", "cabozantinib", "surufatinib", "prrt",
    "capecitabine_temozolomide", "streptozocin_based", "platinum_etoposide", "belzutifan",
    "everolimus_ssa", "irinotecan_based", "surveillance", "surgery", "liver_directed",
    "clinical_trial",
]
PMID = re.compile(r"\d+")
DOI = re.compile(r"10\.\d{4,9}/\S+")


def present(value) -> bool:
    return not pd.isna(value)


# ---------------------------------------------------------------------------------------------
# Contract
# ---------------------------------------------------------------------------------------------


def test_trials_has_the_contract_columns_and_useful_extras():
    table = trials()
    for column in CONTRACT_COLUMNS + EXTRA_COLUMNS:
        assert column in table.columns, column


def test_prrt_rows_are_grouped_by_the_radiopharmaceutical_each_tested():
    table = trials().set_index(["trial", "cohort"])
    assert table.loc[("COMPETE", "all"), "radiopharmaceutical"] == "177Lu-edotreotide"
    assert pd.isna(table.loc[("COMPETE", "all"), "therapy"])  # not the catalogue's DOTATATE
    assert table.loc[("COMPETE", "all"), "trial_class"] == "prrt_lu177_edotreotide"
    for trial in ("NETTER-1", "NETTER-2", "OCLURANDOM", "Rotterdam PRRT re-treatment"):
        assert table.loc[(trial, "all"), "trial_class"] == "prrt_lu177_dotatate", trial
    assert set(table.loc["ALPHAMEDIX-02", "trial_class"]) == {"prrt_alpha"}
    assert "prrt" not in set(table["trial_class"])


def test_the_rotterdam_re_treatment_series_carries_its_doi():
    row = trials().set_index(["trial", "cohort"]).loc[("Rotterdam PRRT re-treatment", "all")]
    assert row["doi"] == "10.1007/s00259-018-4158-1"
    assert row["identifiers_verified"]


def test_trials_uses_nullable_dtypes_so_missing_values_are_na():
    table = trials()
    assert str(table["n"].dtype) == "Int64"
    for column in ("pfs_median", "hr", "hr_low", "orr", "orr_control", "os_median"):
        assert str(table[column].dtype) == "Float64", column
    assert table["pmid"].dtype == "string"
    clarinet = table[table.trial == "CLARINET"].iloc[0]
    assert clarinet.pfs_median is pd.NA  # not reached, so absent rather than invented
    assert bool(clarinet.pfs_median_not_reached)


def test_trial_names_are_exactly_the_contract_names():
    assert set(trials().trial) == TRIAL_NAMES


def test_one_row_per_trial_cohort_and_cabinet_has_its_two_cohorts():
    table = trials()
    assert not table.duplicated(["trial", "cohort"]).any()
    cabinet = table[table.trial == "CABINET"]
    assert sorted(cabinet.cohort) == ["extrapancreatic", "pancreatic"]


def test_therapies_are_indexed_by_the_contract_ids():
    catalogue = therapies()
    assert list(catalogue.index) == THERAPY_IDS
    for column in ("name", "therapy_class", "agents", "mechanism", "dose_schedule", "approval",
                   "toxicities", "poor_fit", "poor_fit_factors", "key_trials", "sources"):
        assert column in catalogue.columns, column


def test_midgut_only_trials_are_marked_as_extrapolated_to_pannet():
    table = trials().set_index(["trial", "cohort"])
    assert table.loc[("PROMID", "all"), "pannet"] == "no"
    assert table.loc[("NETTER-1", "all"), "pannet"] == "no"
    assert table.loc[("RADIANT-3", "all"), "pannet"] == "yes"


def test_pandas_is_not_imported_by_import_pannet_edu():
    code = "import sys, pannet_edu; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_lazy_reexports_give_the_same_tables():
    import pannet_edu

    pd.testing.assert_frame_equal(pannet_edu.trials(), trials())
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        pannet_edu.nonsense  # noqa: B018


# ---------------------------------------------------------------------------------------------
# Every packaged row is consistent (checked here independently of the loader's own rules)
# ---------------------------------------------------------------------------------------------

ROWS = [pytest.param(row, id=f"{row['trial']}/{row['cohort']}")
        for row in trials().to_dict("records")]


@pytest.mark.parametrize("row", ROWS)
def test_hazard_ratio_lies_inside_its_confidence_interval(row):
    for point, low, high in (("hr", "hr_low", "hr_high"), ("os_hr", "os_hr_low", "os_hr_high")):
        if present(row[low]):
            assert row[low] <= row[point] <= row[high]
        if present(row[point]):
            assert row[point] > 0


@pytest.mark.parametrize("row", ROWS)
def test_a_control_arm_comes_with_control_values(row):
    has_control = DESIGNS[row["design"]]
    controls = [row[c] for c in ("pfs_median_control", "orr_control", "landmark_pfs_control")]
    outcomes = [row[c] for c in ("pfs_median", "orr", "landmark_pfs", "os_median", "hr")]
    if has_control:
        assert present(row["comparator"])
        if any(present(c) for c in outcomes) or row["pfs_median_not_reached"]:
            assert any(present(c) for c in controls)
        for outcome, control in (("pfs_median", "pfs_median_control"), ("orr", "orr_control"),
                                 ("os_median", "os_median_control")):
            if present(row[outcome]):
                assert present(row[control]), control
    else:
        assert not any(present(c) for c in controls)
        assert not present(row["hr"])


@pytest.mark.parametrize("row", ROWS)
def test_identifiers_are_well_formed_and_journal_rows_have_one(row):
    if present(row["pmid"]):
        assert PMID.fullmatch(row["pmid"])
    for column in ("doi", "os_doi"):
        if present(row[column]):
            assert DOI.fullmatch(row[column])
    if present(row["nct"]):
        assert re.fullmatch(r"NCT\d{8}", row["nct"])
    # Every row carries a PMID or a DOI, or names the congress abstract its figures come from
    # (or, for a journal paper whose identifiers were not seen, its journal, year and volume).
    if not (present(row["pmid"]) or present(row["doi"])):
        if row["figures_source"] == "journal":
            assert re.search(r"(19|20)\d{2};\d+", row["citation"])
        else:
            assert re.search(r"\babstracts?\b", row["citation"], re.IGNORECASE)
    assert row["citation"].strip()
    assert "not confirmed" not in row["citation"] and "not confirmed" not in (row["notes"] or "")


@pytest.mark.parametrize("row", ROWS)
def test_ranges_and_vocabularies(row):
    assert row["confidence"] in CONFIDENCE
    assert row["pannet"] in ("yes", "no", "part")
    if present(row["n"]):
        assert row["n"] > 0
    for column in ("orr", "orr_control", "landmark_pfs", "landmark_pfs_control"):
        if present(row[column]):
            assert 0 <= row[column] <= 100
    for column in ("pfs_median", "pfs_median_control", "os_median", "os_median_control"):
        if present(row[column]):
            assert row[column] > 0


def test_every_therapy_named_by_a_trial_exists_and_every_key_trial_exists():
    table, catalogue = trials(), therapies()
    catalogued = table[table.therapy.notna()]
    assert set(catalogued.therapy) <= set(catalogue.index)
    for therapy_id, key_trials in catalogue.key_trials.items():
        assert set(key_trials) <= set(table.trial), therapy_id
    assert (catalogued.therapy_class == catalogued.therapy.map(catalogue.therapy_class)).all()
    # A regimen outside the catalogue names itself and its class.
    others = table[table.therapy.isna()]
    assert others.regimen.notna().all()
    assert (others.therapy_class == others.regimen_class).all()


def test_poor_fit_factors_come_from_the_shared_vocabulary():
    for factors in therapies().poor_fit_factors:
        assert set(factors) <= set(POOR_FIT_FACTORS)
    assert "diabetes" in therapies().loc["everolimus", "poor_fit_factors"]


def test_memory_only_values_are_left_out():
    table = trials().set_index(["trial", "cohort"])
    # RADIANT-3 response rate and E2211 response rates are unconfirmed: not in the data.
    assert table.loc[("RADIANT-3", "all"), "orr"] is pd.NA
    assert table.loc[("E2211", "all"), "orr"] is pd.NA
    # NORDIC NEC: its cohort size (305) was seen in a reference list; its rates were not.
    assert table.loc[("NORDIC NEC", "all"), "orr"] is pd.NA
    assert table.loc[("NORDIC NEC", "all"), "n"] == 305


def test_toxicity_rates_are_percentages_with_a_source():
    tox = toxicity_table()
    # Every medicine and liver-directed therapy lists its harms; surveillance, surgery and trials
    # have none here.
    assert set(tox.therapy) == set(THERAPY_IDS) - {"surveillance", "surgery", "clinical_trial"}
    for column in ("percent", "percent_control", "grade3plus_percent"):
        values = tox[column].dropna()
        assert ((values >= 0) & (values <= 100)).all()
    assert tox.source.str.len().min() > 0


# ---------------------------------------------------------------------------------------------
# CABINET: journal and label figures are both kept, each with its source
# ---------------------------------------------------------------------------------------------


def test_cabinet_journal_and_label_figures_differ_and_both_are_kept():
    table = trials().set_index(["trial", "cohort"])
    journal = table.loc[("CABINET", "pancreatic")]
    labels = label_figures().set_index(["trial", "cohort"])
    label = labels.loc[("CABINET", "pancreatic")]
    assert (journal.n, journal.pfs_median_control, journal.hr) == (95, 4.4, 0.23)
    assert (label.n, label.pfs_median_control, label.hr) == (99, 3.3, 0.22)
    assert journal.doi == "10.1056/NEJMoa2403991"
    assert "prescribing information" in label.source
    assert journal.confidence == label.confidence == "conflicting"
    extra_journal = table.loc[("CABINET", "extrapancreatic")]
    extra_label = labels.loc[("CABINET", "extrapancreatic")]
    assert (extra_journal.pfs_median, extra_label.pfs_median) == (8.4, 8.5)


# ---------------------------------------------------------------------------------------------
# Mutation safety and references
# ---------------------------------------------------------------------------------------------


def test_editing_a_returned_table_does_not_change_the_next_one():
    first = trials()
    first.loc[first.trial == "RADIANT-3", "hr"] = 9.9
    first.iloc[0, 0] = "edited"
    again = trials()
    assert len(again) == 29
    assert float(again.loc[again.trial == "RADIANT-3", "hr"].iloc[0]) == 0.35
    catalogue = therapies()
    catalogue.loc["prrt", "name"] = "changed"
    assert therapies().loc["prrt", "name"] != "changed"
    with pytest.raises(AttributeError):
        catalogue.loc["prrt", "key_trials"].append("X")  # tuples cannot be edited in place


def test_trial_references_are_distinct_and_carry_identifiers():
    refs = trial_references(["CABINET", "RADIANT-3"])
    assert [r.pmid for r in refs] == ["21306238", "39282913"]  # data order, CABINET once
    assert refs[1].link == "https://doi.org/10.1056/NEJMoa2403991"
    assert len(trial_references()) == len(set(trials().citation))


def test_trial_references_refuses_unknown_names():
    with pytest.raises(ValueError, match="unknown: 'RADIANT-4'"):
        trial_references(["RADIANT-4"])


def test_loader_path_must_be_a_path():
    with pytest.raises(TypeError, match="trials_path must be a file path"):
        trials(42)


def test_missing_file_is_named():
    with pytest.raises(ContentError, match=re.escape("nope.csv: does not exist")):
        trials("nope.csv")


# ---------------------------------------------------------------------------------------------
# Each kind of bad trial entry is caught, naming file, entry and field
# ---------------------------------------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def broken_trials(tmp_path: Path, trial: str, cohort: str, changes: dict[str, str]) -> Path:
    header, rows = read_rows(evidence.TRIALS_FILE)
    for row in rows:
        if (row["trial"], row["cohort"]) == (trial, cohort):
            row.update(changes)
    return write_rows(tmp_path / "bad_trials.csv", header, rows)


BAD_TRIALS = [
    # (trial, cohort, changes, field, words in the problem)
    ("RADIANT-3", "all", {"hr": "0.9"}, "hr", "outside its 95% CI"),
    ("RADIANT-3", "all", {"hr_high": ""}, "hr_high", "both hr_low and hr_high"),
    ("RADIANT-3", "all", {"n": "0"}, "n", "above 0"),
    ("RADIANT-3", "all", {"n": "many"}, "n", "must be a whole number, got 'many'"),
    ("RADIANT-3", "all", {"n": "410.5"}, "n", "whole number"),
    ("RADIANT-3", "all", {"hr": "inf", "hr_low": "", "hr_high": ""}, "hr", "finite"),
    ("RADIANT-3", "all", {"pfs_median": "\u0661\u0661"}, "pfs_median", "must be a number"),
    ("A6181111", "all", {"orr": "120"}, "orr", "between 0 and 100"),
    ("RADIANT-3", "all", {"pfs_median": "-1"}, "pfs_median", "above 0"),
    ("RADIANT-3", "all", {"hr": "0", "hr_low": "", "hr_high": ""}, "hr", "above 0"),
    # A row cites sources.yaml by id: its PMID and DOI live there, once.
    ("RADIANT-3", "all", {"source_id": "NO_SUCH_SOURCE"}, "source_id", "unknown source id"),
    ("RADIANT-3", "all", {"source_id": "Yao JC et al. 2011"}, "source_id", "unknown source id"),
    ("RADIANT-3", "all", {"source_id": ""}, "source_id", "missing"),
    ("RADIANT-3", "all", {"os_source": "[@NO_SUCH_SOURCE] (final OS)"}, "os_source",
     "unknown source id"),
    ("PROMID", "all", {"os_source": "Rinke A et al. Neuroendocrinology 2017;104:26-32"},
     "os_source", "must cite its source by id"),
    ("CLARINET", "all", {"notes": "Extension: [@CAPLIN_2022]."}, "notes", "unknown source id"),
    ("RADIANT-3", "all", {"confidence": "probably"}, "confidence", "must be one of"),
    ("RADIANT-3", "all", {"pannet": "maybe"}, "pannet", "must be one of"),
    ("RADIANT-3", "all", {"setting": "second line"}, "setting", "must be one of"),
    ("RADIANT-3", "all", {"therapy": "magic_bullet"}, "therapy", "not a therapy id"),
    ("RADIANT-3", "all", {"population": " "}, "population", "missing"),
    ("RADIANT-3", "all", {"trial": ""}, "trial", "missing"),
    ("RADIANT-3", "all", {"pfs_median_control": ""}, "pfs_median_control",
     "pfs_median is given"),
    ("A6181111", "all", {"orr_control": ""}, "orr_control", "orr is given"),
    ("CLARINET", "all", {"pfs_median_control": "", "landmark_months": "", "landmark_pfs": "",
                         "landmark_pfs_control": ""},
     "pfs_median_control", "at least one control value"),
    ("RADIANT-3", "all", {"comparator": ""}, "comparator", "required for design"),
    ("CLARINET FORTE", "pancreatic", {"pfs_median_control": "3.0"}, "pfs_median_control",
     "no control arm"),
    ("CLARINET FORTE", "pancreatic", {"comparator": "placebo"}, "comparator", "must be empty"),
    ("OCLURANDOM", "all", {"hr": "0.5"}, "hr", "needs a randomised comparison"),
    ("CLARINET", "all", {"pfs_median": "30"}, "pfs_median", "not_reached"),
    ("RADIANT-3", "all", {"time_endpoint": ""}, "time_endpoint", "PFS or TTP"),
    ("RADIANT-3", "all", {"landmark_months": ""}, "landmark_months", "together with"),
    ("RADIANT-3", "all", {"source_id": "OCLURANDOM_ESMO_2022"}, "source_id",
     "cites a source with a PMID or a DOI"),
    ("OCLURANDOM", "all", {"source_id": "MULTIDISCIPLINARY_PRACTICE"}, "source_id",
     "names the congress abstract"),
    ("TALENT", "pancreatic", {"regimen_class": ""}, "regimen_class", "required when therapy"),
    ("TALENT", "pancreatic", {"regimen_class": "magic"}, "regimen_class", "must be one of"),
    ("RADIANT-3", "all", {"regimen_class": "tki"}, "regimen_class", "must be empty"),
    ("TALENT", "pancreatic", {"regimen": ""}, "regimen", "name the regimen"),
    ("RADIANT-3", "all", {"nct": "NCT123"}, "nct", "ClinicalTrials.gov"),
    ("RADIANT-3", "all", {"identifiers_verified": "perhaps"}, "identifiers_verified",
     "true or false"),
    ("CLARINET FORTE", "pancreatic", {"nct": "02651987"}, "nct", "ClinicalTrials.gov"),
    # A trial is evidence only for the radiopharmaceutical it tested.
    ("COMPETE", "all", {"therapy": "prrt", "regimen_class": ""}, "therapy",
     "this trial tested 177Lu-edotreotide"),
    ("COMPETE", "all", {"radiopharmaceutical": ""}, "radiopharmaceutical",
     "required for a PRRT regimen"),
    ("NETTER-1", "all", {"radiopharmaceutical": ""}, "radiopharmaceutical",
     "required for a PRRT row"),
    ("NETTER-1", "all", {"radiopharmaceutical": "90Y-DOTATOC"}, "radiopharmaceutical",
     "must be one of"),
    ("RADIANT-3", "all", {"radiopharmaceutical": "177Lu-DOTATATE"}, "radiopharmaceutical",
     "must be empty"),
]


@pytest.mark.parametrize(
    ("trial", "cohort", "changes", "field", "problem"), BAD_TRIALS,
    ids=[f"{case[3]}-{i}" for i, case in enumerate(BAD_TRIALS)],
)
def test_bad_trial_entry_is_caught_naming_file_entry_and_field(
    tmp_path, trial, cohort, changes, field, problem
):
    path = broken_trials(tmp_path, trial, cohort, changes)
    with pytest.raises(ContentError) as caught:
        trials(path)
    err = caught.value
    assert err.file == "bad_trials.csv"
    assert err.field == field
    assert problem in err.problem
    expected_entry = f"{trial} / {cohort}" if changes.get("trial", trial) else "line"
    assert expected_entry in err.entry
    assert str(err).startswith(f"bad_trials.csv: entry {err.entry}, field {field}: ")
    assert isinstance(err, ValueError)


def test_duplicate_trial_cohort_is_caught(tmp_path):
    header, rows = read_rows(evidence.TRIALS_FILE)
    path = write_rows(tmp_path / "dup.csv", header, [*rows, rows[0]])
    expected = re.escape("dup.csv: entry PROMID / all, field cohort: ")
    with pytest.raises(ContentError, match=expected):
        trials(path)


def test_misspelt_or_missing_column_is_caught(tmp_path):
    header, rows = read_rows(evidence.TRIALS_FILE)
    renamed = [h if h != "hr_high" else "hr_hgih" for h in header]
    for row in rows:
        row["hr_hgih"] = row.pop("hr_high")
    path = write_rows(tmp_path / "typo.csv", renamed, rows)
    with pytest.raises(ContentError, match="entry header, field hr_high: column is"):
        trials(path)


def test_stray_cell_is_caught(tmp_path):
    text = evidence.TRIALS_FILE.read_text(encoding="utf-8").splitlines()
    text[1] += ",extra"
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^stray.csv: line 2: has more cells"):
        trials(path)


def test_a_bad_file_does_not_disturb_the_packaged_data(tmp_path):
    path = broken_trials(tmp_path, "RADIANT-3", "all", {"hr": "0.9"})
    with pytest.raises(ContentError):
        trials(path)
    assert float(trials().set_index("trial").loc["RADIANT-3", "hr"]) == 0.35


def test_an_edited_file_is_reloaded(tmp_path):
    header, rows = read_rows(evidence.TRIALS_FILE)
    path = write_rows(tmp_path / "edit.csv", header, rows)
    assert len(trials(path)) == 29
    write_rows(path, header, [r for r in rows if r["cohort"] != "midgut"])
    # A later modification time invalidates the cache (set it explicitly: coarse clocks).
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert len(trials(path)) == 27


# ---------------------------------------------------------------------------------------------
# Each kind of bad catalogue entry is caught
# ---------------------------------------------------------------------------------------------


def broken_catalogue(tmp_path: Path, therapy_id: str, change) -> Path:
    document = yaml.safe_load(evidence.THERAPIES_FILE.read_text(encoding="utf-8"))
    change(document[therapy_id])
    path = tmp_path / "bad_therapies.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


BAD_THERAPIES = [
    ("everolimus", lambda e: e.update(therapy_class="mtor"), "therapy_class", "must be one of"),
    ("everolimus", lambda e: e.update(poor_fit_factors=["smoker"]), "poor_fit_factors[1]",
     "must be a mapping of fields (factor, caps"),
    ("everolimus", lambda e: e.update(key_trials=["RADIANT-4"]), "key_trials",
     "not a trial"),
    ("everolimus", lambda e: e["toxicities"][0].update(percent=164), "toxicities[1].percent",
     "between 0 and 100"),
    ("everolimus", lambda e: e["toxicities"][1].pop("source"), "toxicities[2].source",
     "missing"),
    ("everolimus", lambda e: e.pop("mechanism"), "mechanism", "missing"),
    ("everolimus", lambda e: e.update(mechanism=""), "mechanism", "non-empty text"),
    ("everolimus", lambda e: e.update(agents=[]), "agents", "non-empty list"),
    ("everolimus", lambda e: e.update(approval="yes"), "approval", "US, EU, China -> status"),
    ("everolimus", lambda e: e["sources"][3].update(doi="10.1056"), "sources[4].doi", "a DOI"),
    ("everolimus", lambda e: e["sources"][3].update(pmid="PMC123"), "sources[4].pmid",
     "digits only"),
    ("everolimus", lambda e: e["sources"].__setitem__(0, "NO_SUCH_SOURCE"), "sources[1]",
     "unknown source id"),
    ("everolimus", lambda e: e["poor_fit_factors"][0].update(source="[@NO_SUCH_SOURCE]"),
     "source", "unknown source id"),
    ("everolimus", lambda e: e.update(dosage="10 mg"), "dosage", "unknown field 'dosage'"),
]


@pytest.mark.parametrize(
    ("therapy_id", "change", "field", "problem"), BAD_THERAPIES,
    ids=[f"{case[2]}-{i}" for i, case in enumerate(BAD_THERAPIES)],
)
def test_bad_catalogue_entry_is_caught_naming_file_entry_and_field(
    tmp_path, therapy_id, change, field, problem
):
    path = broken_catalogue(tmp_path, therapy_id, change)
    with pytest.raises(ContentError) as caught:
        therapies(path)
    err = caught.value
    assert (err.file, err.entry, err.field) == ("bad_therapies.yaml", therapy_id, field)
    assert problem in err.problem


def test_a_trial_naming_a_therapy_missing_from_a_catalogue_is_caught(tmp_path):
    document = yaml.safe_load(evidence.THERAPIES_FILE.read_text(encoding="utf-8"))
    del document["belzutifan"]
    path = tmp_path / "short.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    expected = re.escape("trials.csv: entry LITESPARK-004 / pancreatic, field therapy: ")
    with pytest.raises(ContentError, match=expected):
        trials(therapies_path=path)


def test_invalid_yaml_is_caught_with_its_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("ssa:\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"broken.yaml: line 3: not valid YAML"):
        therapies(path)


def test_bad_therapy_id_is_caught(tmp_path):
    path = broken_catalogue(tmp_path, "ssa", lambda e: None)
    text = path.read_text(encoding="utf-8").replace("ssa:", "SSA Analogues:", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match="entry SSA Analogues, field id:"):
        therapies(path)


# ---------------------------------------------------------------------------------------------
# Bad label figures
# ---------------------------------------------------------------------------------------------


def test_label_figures_must_name_a_known_trial_cohort(tmp_path):
    header, rows = read_rows(evidence.LABEL_FIGURES_FILE)
    rows[0]["cohort"] = "pancreas"
    path = write_rows(tmp_path / "bad_labels.csv", header, rows)
    expected = re.escape("bad_labels.csv: entry CABINET / pancreas, field cohort: ")
    with pytest.raises(ContentError, match=expected):
        label_figures(path)


def test_label_figures_hr_must_lie_in_its_interval(tmp_path):
    header, rows = read_rows(evidence.LABEL_FIGURES_FILE)
    rows[0]["hr"] = "0.5"
    path = write_rows(tmp_path / "bad_labels.csv", header, rows)
    with pytest.raises(ContentError, match=re.escape("field hr: 0.5 lies outside")):
        label_figures(path)


def test_the_kept_trials_table_is_not_changed_by_a_caller():
    """trials() builds the table once per file version and hands out copies."""
    first = trials()
    first.loc[first.index[0], "trial"] = "CHANGED"
    first["extra"] = 1
    again = trials()
    assert "CHANGED" not in set(again.trial) and "extra" not in again.columns
    assert again is not trials()


def test_an_edited_trials_file_is_read_again(tmp_path):
    header, rows = read_rows(evidence.TRIALS_FILE)
    path = write_rows(tmp_path / "edit.csv", header, rows)
    before = int(trials(path).n.iloc[0])
    rows[0]["n"] = str(before + 1)
    write_rows(path, header, rows)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a later version of the file
    assert int(trials(path).n.iloc[0]) == before + 1
