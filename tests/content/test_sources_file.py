"""The one sources file: each citation once, by id, checked when it is read."""

from __future__ import annotations

import pytest

from pannet_edu.clinic import pathology
from pannet_edu.content import ContentError, sources
from pannet_edu.content.sources import SOURCES, SOURCES_FILE, Source, load_sources
from pannet_edu.publish import references

GOOD = """\
HAUSER_2019:
  short: Hauser 2019 review
  reference: Hauser H et al. Curr Treat Options Oncol 2019;20(12):87
  pmid: '31776785'
  doi: 10.1007/s11864-019-0690-x
  last_checked: '2026-11-26'
"""


def test_every_citation_is_read_once_and_is_a_name_of_the_module():
    assert SOURCES and all(isinstance(s, Source) for s in SOURCES.values())
    for source_id, source in SOURCES.items():
        assert getattr(sources, source_id) is source
        assert source_id in sources.__all__
    assert len({(s.short, s.reference) for s in SOURCES.values()}) == len(SOURCES)


def test_modules_cite_the_loaded_objects():
    assert (SOURCES["WHO_2019"], SOURCES["WHO_2022"]) == pathology.GRADING_SOURCES
    assert pathology.GRADING_SOURCES[0] is SOURCES["WHO_2019"]
    known = {id(s) for s in references._known_sources()}
    assert {id(s) for s in SOURCES.values()} <= known


def test_a_small_file_loads(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD, encoding="utf-8")
    loaded = load_sources(path)["HAUSER_2019"]
    assert (loaded.short, loaded.pmid, loaded.doi, loaded.note, loaded.last_checked) == (
        "Hauser 2019 review", "31776785", "10.1007/s11864-019-0690-x", "", "2026-11-26")
    assert loaded.pmid == SOURCES["HAUSER_2019"].pmid


@pytest.mark.parametrize(
    ("change", "entry", "field", "problem"),
    [
        (("  pmid: '31776785'", "  pmid: 'PMID31776785'"), "HAUSER_2019", "pmid", "digits"),
        (("  pmid: '31776785'", "  pmid: 31776785"), "HAUSER_2019", "pmid", "non-empty text"),
        (("  doi: 10.1007/", "  doi: doi:10.1007/"), "HAUSER_2019", "doi", "10.xxxx"),
        (("  short: Hauser 2019 review\n", ""), "HAUSER_2019", "short", "non-empty text"),
        (("  reference: Hauser", "  referense: Hauser"), "HAUSER_2019", "referense",
         "unknown field"),
        (("'2026-11-26'", "'2026-02-30'"), "HAUSER_2019", "last_checked", "not a date"),
        (("'2026-11-26'", "'2999-01-01'"), "HAUSER_2019", "last_checked", "future"),
        (("'2026-11-26'", "'26 Nov 2026'"), "HAUSER_2019", "last_checked", "YYYY-MM-DD"),
        (("HAUSER_2019:", "hauser 2019:"), "hauser 2019", "id", "capital letters"),
        (("  reference: Hauser H et al. Curr Treat Options Oncol 2019;20(12):87",
          "  reference: ' '"),
         "HAUSER_2019", "reference", "non-empty text"),
        (("  doi: 10.1007/", "  url: www.example.org/hauser\n  doi: 10.1007/"), "HAUSER_2019",
         "url", "https://"),
        (("  doi: 10.1007/", "  url: https://\n  doi: 10.1007/"), "HAUSER_2019", "url",
         "https://"),
        (("  doi: 10.1007/", "  url: https://example.org/a b\n  doi: 10.1007/"), "HAUSER_2019",
         "url", "https://"),
        (("  doi: 10.1007/", "  confidence: sure\n  doi: 10.1007/"), "HAUSER_2019", "confidence",
         "verified, secondary, conflicting"),
        (("  doi: 10.1007/", "  confidence: memory-only\n  doi: 10.1007/"), "HAUSER_2019",
         "confidence", "must be one of"),
        (("  doi: 10.1007/", "  confidence: 'secondary source'\n  doi: 10.1007/"), "HAUSER_2019",
         "confidence", "must be one of"),
        (("  doi: 10.1007/", "  confidence: ''\n  doi: 10.1007/"), "HAUSER_2019", "confidence",
         "non-empty text"),
        (("  doi: 10.1007/", "  confidence: secondary\n  note: secondary source\n  doi: 10.1007/"),
         "HAUSER_2019", "note", "not both"),
        (("  pmid: '31776785'\n  doi: 10.1007/s11864-019-0690-x\n", "  confidence: verified\n"),
         "HAUSER_2019", "pmid/doi/url", "at least one identifier"),
    ],
)
def test_a_bad_entry_names_file_entry_and_field(tmp_path, change, entry, field, problem):
    path = tmp_path / "sources.yaml"
    assert change[0] in GOOD
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_sources(path)
    err = caught.value
    assert (err.file, err.entry, err.field) == ("sources.yaml", entry, field)
    assert problem in err.problem


def test_an_empty_or_duplicated_file_is_refused(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ContentError, match="must map source ids"):
        load_sources(path)
    path.write_text(GOOD + GOOD.replace("Hauser 2019 review", "again"), encoding="utf-8")
    with pytest.raises(ContentError, match="given twice"):
        load_sources(path)


def test_the_packaged_file_is_the_data_folder_one():
    assert SOURCES_FILE.name == "sources.yaml" and SOURCES_FILE.parent.name == "data"


def test_a_confidence_sets_the_mark_and_a_url_is_shown_beside_it(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD + """
PAGE_ONLY:
  short: A reference page
  reference: A reference page about Krenning scores
  url: https://example.org/krenning
  confidence: secondary
DIFFER:
  short: Two figures
  reference: A paper whose figures differ from its label
  doi: 10.1000/xyz
  confidence: conflicting
CHECKED:
  short: A checked paper with a page
  reference: A paper checked in full
  pmid: '1'
  url: https://example.org/paper
  confidence: verified
""", encoding="utf-8")
    loaded = load_sources(path)
    page, differ, checked = loaded["PAGE_ONLY"], loaded["DIFFER"], loaded["CHECKED"]
    assert (page.note, page.url, page.confidence) == (
        "secondary source; https://example.org/krenning", "https://example.org/krenning",
        "secondary")
    assert page.cite() == "A reference page about Krenning scores. https://example.org/krenning."
    assert page.link is None
    assert (differ.note, differ.confidence) == ("sources differ", "conflicting")
    assert checked.note == "https://example.org/paper"
    assert checked.cite() == "A paper checked in full. PMID 1."
    assert loaded["HAUSER_2019"].note == "" and loaded["HAUSER_2019"].confidence is None
    assert sources.reference_list(page, differ).rows[1]["mark"] == "sources differ"


def test_a_note_without_a_confidence_still_works(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD.replace("  last_checked:", "  note: congress report\n  last_checked:"),
                    encoding="utf-8")
    assert load_sources(path)["HAUSER_2019"].note == "congress report"
    assert SOURCES["STARTER_NET"].note == "congress report"
    assert SOURCES["HAUSER_2019"].url is None


def test_the_confidence_words_are_the_toolkits_own():
    from pannet_edu.vocab import FACT_CONFIDENCE

    assert sources.SOURCE_CONFIDENCE == ("verified", "secondary", "conflicting")
    assert set(sources.SOURCE_CONFIDENCE) <= set(FACT_CONFIDENCE)
    for word in sources.SOURCE_CONFIDENCE:
        assert sources.confidence_mark(word) in ("", *sources.MARKS)
    for source in SOURCES.values():
        if source.confidence:
            assert source.confidence in sources.SOURCE_CONFIDENCE
            assert source.pmid or source.doi or source.url


def test_a_pmid_or_doi_lives_in_the_file_once(tmp_path):
    path = tmp_path / "sources.yaml"
    again = GOOD.replace("HAUSER_2019", "HAUSER_AGAIN").replace("Hauser 2019 review", "again")
    path.write_text(GOOD + again, encoding="utf-8")
    with pytest.raises(ContentError, match="already the pmid of HAUSER_2019") as err:
        load_sources(path)
    assert (err.value.entry, err.value.field) == ("HAUSER_AGAIN", "pmid")


def test_the_sources_of_an_override_data_folder_are_read_and_an_edit_is_seen(
        tmp_path, monkeypatch):
    import shutil

    from pannet_edu.content.folder import DATA_DIR_ENV, PACKAGE_DATA_DIR

    folder = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA_DIR, folder)
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    assert sources.sources_file() == folder / "sources.yaml"
    assert sources.sources()["HAUSER_2019"].short == "Hauser 2019 review"
    text = (folder / "sources.yaml").read_text(encoding="utf-8")
    edited = text.replace("short: Hauser 2019 review", "short: Hauser 2019 review (edited)")
    (folder / "sources.yaml").write_text(edited + "\nEXTRA_2026:\n  short: Extra\n"
                                         "  reference: An extra source\n", encoding="utf-8")
    assert sources.sources()["HAUSER_2019"].short == "Hauser 2019 review (edited)"
    assert sources.HAUSER_2019.short == "Hauser 2019 review (edited)"
    assert sources.SOURCES["EXTRA_2026"].reference == "An extra source"
    found = sources.cited_sources("cases/x.yaml", "x", "references", ["EXTRA_2026"])
    assert found[0].short == "Extra"
    monkeypatch.delenv(DATA_DIR_ENV)
    assert "EXTRA_2026" not in sources.sources()
    assert sources.sources()["HAUSER_2019"].short == "Hauser 2019 review"


def test_an_unknown_source_id_names_the_file_entry_and_field():
    with pytest.raises(ContentError) as err:
        sources.cited_sources("questions/05_prrt.yaml", "prrt-01", "sources", ["NO_SUCH_ID"])
    assert (err.value.file, err.value.entry, err.value.field) == (
        "questions/05_prrt.yaml", "prrt-01", "sources")
    assert "unknown source id 'NO_SUCH_ID'" in str(err.value)
