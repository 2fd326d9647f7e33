"""Syndrome and imaging data files: the packaged files load, and each kind of bad entry is caught
with the file, the entry and the field named."""

import copy
import re

import pytest
import yaml

from pannet_edu import engine, vocab
from pannet_edu.clinic import imaging, syndromes
from pannet_edu.content import ContentError
from pannet_edu.content.sources import SOURCES

SYNDROMES_DATA = yaml.safe_load(syndromes.SYNDROMES_FILE.read_text(encoding="utf-8"))
IMAGING_DATA = yaml.safe_load(imaging.IMAGING_FILE.read_text(encoding="utf-8"))


def write(tmp_path, data, name):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def broken_syndromes(tmp_path, change):
    data = copy.deepcopy(SYNDROMES_DATA)
    change(data)
    return syndromes.load_syndromes(write(tmp_path, data, "syndromes.yaml"))


def broken_imaging(tmp_path, change):
    data = copy.deepcopy(IMAGING_DATA)
    change(data)
    return imaging.load_imaging(write(tmp_path, data, "imaging.yaml"))


def test_packaged_syndromes_cover_exactly_the_engine_vocabulary():
    book = syndromes.load_syndromes()
    assert [s.id for s in book.functional] == list(vocab.SYNDROMES)
    assert [s.id for s in book.hereditary] == list(vocab.HEREDITARY_SYNDROMES)
    vhl = next(s for s in book.hereditary if s.id == "VHL")
    assert "belzutifan" in vhl.steers_therapy.lower()
    assert "JONASCH_2021" in vhl.sources


def test_loaded_book_is_cached_but_tuples_keep_it_immutable():
    assert syndromes.load_syndromes() is syndromes.load_syndromes()
    assert isinstance(syndromes.functional_syndromes(), list)


@pytest.mark.parametrize(
    ("change", "entry", "field"),
    [
        (lambda d: d["functional"][0].update(hormone=""), "insulinoma", "hormone"),
        (lambda d: d["functional"][1].pop("presentation"), "gastrinoma", "presentation"),
        (lambda d: d["functional"][2].update(sources=["nope"]), "glucagonoma", "sources"),
        (lambda d: d["functional"][2].update(sources=[]), "glucagonoma", "sources"),
        (lambda d: d["functional"][0].update(id="carcinoid"), "carcinoid", "id"),
        (lambda d: d["functional"][1].update(id="insulinoma"), "insulinoma", "id"),
        (lambda d: d["functional"].pop(), "(functional)", "id"),
        (lambda d: d["hereditary"][0].update(id="MEN2"), "MEN2", "id"),
        (lambda d: d["hereditary"][3].update(pathway=None), "TSC", "pathway"),
        (lambda d: d.pop("hereditary"), "(hereditary)", "hereditary"),
        (lambda d: d["hereditary"][0].update(sources=["geurts_2020"]), "MEN1", "sources"),
        (lambda d: d["functional"][5].update(sources=["HAYES_2022", 7]), "acthoma", "sources"),
        (lambda d: d["functional"][0].update(sources="GAMAGE_2025"), "insulinoma", "sources"),
        (lambda d: d.update(sources={"hofland_2023": {"short": "Hofland 2023"}}), "(sources)",
         "sources"),
    ],
)
def test_bad_syndrome_entries_name_file_entry_and_field(tmp_path, change, entry, field):
    with pytest.raises(ContentError) as caught:
        broken_syndromes(tmp_path, change)
    message = str(caught.value)
    assert message.startswith("syndromes.yaml: ")
    assert f"entry {entry}, field {field}:" in message


def test_unparseable_yaml_is_reported_with_the_file_name(tmp_path):
    path = tmp_path / "syndromes.yaml"
    path.write_text("functional: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"syndromes.yaml: .*not valid YAML"):
        syndromes.load_syndromes(path)
    path.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(ContentError, match="must be a mapping"):
        syndromes.load_syndromes(path)


def test_an_unknown_source_id_is_named_in_the_error(tmp_path):
    def vhl(d):
        d["hereditary"][1].update(sources=["GEURTS_2020", "JONASCH_2012"])

    def fdg(d):
        d["modalities"][2].update(sources=["DUAL_TRACER_2021"])

    with pytest.raises(ContentError, match=re.escape(
            "entry VHL, field sources: unknown source id 'JONASCH_2012'; use an id of "
            "sources.yaml")):
        broken_syndromes(tmp_path, vhl)
    with pytest.raises(ContentError, match=re.escape(
            "entry modalities fdg_pet, field sources: unknown source id 'DUAL_TRACER_2021'")):
        broken_imaging(tmp_path, fdg)


def test_data_file_error_is_a_value_error():
    assert issubclass(ContentError, ValueError)
    assert issubclass(ContentError, ValueError)


def test_packaged_imaging_file_has_the_full_krenning_scale_and_trial_requirements():
    book = imaging.load_imaging()
    assert [s for s, _ in book.krenning_scale] == [0, 1, 2, 3, 4]
    assert {r["trial"] for r in book.trial_requirements} >= {"CLARINET", "NETTER-1", "NETTER-2"}
    assert {p["id"] for p in book.patterns} >= {"positive", "heterogeneous", "negative"}


@pytest.mark.parametrize(
    ("change", "entry", "field"),
    [
        (lambda d: d["krenning_scale"][0].update(score=7), "krenning_scale score 7", "score"),
        (lambda d: d["krenning_scale"].pop(), "(krenning_scale)", "score"),
        (lambda d: d["krenning_scale"][1].update(uptake=""), "krenning_scale score 1", "uptake"),
        (lambda d: d["trial_requirements"][0].update(sources=["x"]),
         "trial_requirements CLARINET", "sources"),
        (lambda d: d["krenning_scale"][2].update(sources=["radiopaedia_krenning"]),
         "krenning_scale score 2", "sources"),
        (lambda d: d["patterns"][1].update(sources=[]), "patterns equal_to_liver", "sources"),
        (lambda d: d.update(sources={"caplin_2014": {"short": "Caplin 2014"}}), "(sources)",
         "sources"),
        (lambda d: d["patterns"][0].pop("meaning"), "patterns positive", "meaning"),
        (lambda d: d["modalities"][0].update(role=3), "modalities sstr_pet", "role"),
    ],
)
def test_bad_imaging_entries_name_file_entry_and_field(tmp_path, change, entry, field):
    with pytest.raises(ContentError) as caught:
        broken_imaging(tmp_path, change)
    assert f"imaging.yaml: entry {entry}, field {field}:" in str(caught.value)


@pytest.mark.parametrize(
    ("scores", "status"),
    [
        # The weakest lesion decides: equal to liver (2) is a weaker but real PRRT target, below
        # liver (1) none; weak lesions beside strong ones make the disease heterogeneous.
        ([4, 3, 2], "equal_to_liver"),
        ([2, 2], "equal_to_liver"),
        ([4, 3, 3], "positive"),
        ([4, 4], "positive"),
        ([1, 1], "below_liver"),
        ([1, 0], "below_liver"),
        ([4, 3, 1], "heterogeneous"),
        ([4, 0], "heterogeneous"),
        ([0, 0], "negative"),
        ([], "unknown"),
    ],
)
def test_krenning_scores_become_the_engines_sstr_status(scores, status):
    reading = imaging.read_sstr_imaging(scores)
    assert reading.status == status
    assert reading.status in vocab.SSTR_STATUSES
    engine.Patient(ki67=5, sstr=reading.status)  # the engine accepts it


def test_krenning_reading_rejects_bad_scores_and_thresholds():
    with pytest.raises(ValueError, match="lesion_scores must be whole Krenning scores"):
        imaging.read_sstr_imaging([3, 2.5])
    with pytest.raises(TypeError, match="lesion_scores must be a list"):
        imaging.read_sstr_imaging("343")


def test_tables_render_from_the_data_with_sources():
    table = syndromes.syndrome_table("functional")
    assert len(table.rows) == len(vocab.SYNDROMES)
    assert "Hofland 2023" in table.rows[0]["sources"]
    assert "<table" in table._repr_html_() and "Insulinoma" in repr(table)
    with pytest.raises(ValueError, match="kind must be one of"):
        syndromes.syndrome_table("rare")
    assert imaging.krenning_table().rows[3]["tumour uptake"] == "higher than normal liver"
    assert len(imaging.patterns_table().rows) == len(imaging.load_imaging().patterns)
    assert imaging.modalities_table().rows[0]["source"]


def test_reference_lists_carry_identifiers_and_flag_non_verified_sources():
    refs = {s.short: s for s in syndromes.references() + imaging.references()}
    assert refs["Geurts 2020"].pmid == "32655935"
    assert "secondary source" in refs["Br J Radiol 2012 review table"].note


def test_the_files_cite_the_one_sources_file_by_id():
    assert "sources" not in SYNDROMES_DATA and "sources" not in IMAGING_DATA
    books = (syndromes.load_syndromes(), imaging.load_imaging())
    for book in books:
        assert book.sources and all(book.sources[i] is SOURCES[i] for i in book.sources)
    used = {s for e in books[0].functional + books[0].hereditary for s in e.sources}
    assert set(books[0].sources) == used
    assert list(books[0].sources) == [i for i in SOURCES if i in used]
    imaging_used = {s for part in (books[1].modalities, books[1].trial_requirements,
                                   books[1].patterns) for row in part for s in row["sources"]}
    krenning = {s for row in IMAGING_DATA["krenning_scale"] for s in row["sources"]}
    assert krenning == {"RADIOPAEDIA_KRENNING", "KWEKKEBOOM_2002"}  # grade 2 from the 2002 paper
    assert set(books[1].sources) == imaging_used | krenning
    # The works both files and the engine cite are one entry each.
    assert books[0].sources["ENETS_2023_FUNCTIONING"] is SOURCES["ENETS_2023_FUNCTIONING"]
    assert books[1].sources["HOPE_2020"] is SOURCES["HOPE_2020"]


def test_reference_lists_keep_every_mark_and_link():
    refs = {s.short: s for s in syndromes.references() + imaging.references()}
    assert refs["Johns Hopkins Pathology"].note == (
        "secondary source; https://pathology.jhu.edu/pancreas/neuroendocrine/familial-syndromes")
    assert refs["Hope (SSTR PET appropriate use)"].note == (
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC6910630")
    assert refs["Cancer Imaging 2022 (dual-tracer review)"].note == "secondary source"
    assert refs["NANETS/SNMMI PRRT consensus (Hope 2020)"].note.startswith(
        "secondary source; https://ohsu.pure.elsevier.com/")
    assert refs["Caplin 2014 (CLARINET)"].note == ""
    assert refs["Jonasch 2021 (LITESPARK-004)"].pmid == "34818478"
    assert syndromes.load_syndromes().cite("JHU_FAMILIAL").endswith(
        "https://pathology.jhu.edu/pancreas/neuroendocrine/familial-syndromes.")
