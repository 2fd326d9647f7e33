"""The one sources file: each citation once, by id, checked when it is read."""

from __future__ import annotations

import pytest

from pannet_edu import pathology
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
         "not a source field"),
        (("'2026-11-26'", "'2026-02-30'"), "HAUSER_2019", "last_checked", "not a date"),
        (("'2026-11-26'", "'2999-01-01'"), "HAUSER_2019", "last_checked", "future"),
        (("'2026-11-26'", "'26 Nov 2026'"), "HAUSER_2019", "last_checked", "YYYY-MM-DD"),
        (("HAUSER_2019:", "hauser 2019:"), "hauser 2019", "id", "capital letters"),
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
