"""Citation fields cite ``sources.yaml`` by id: a question's reference and a therapy's free-text
citation may not cite a journal paper in words (its year;volume), since that paper's PMID and
DOI live once, in ``sources.yaml``."""

from __future__ import annotations

import pytest
from data_edits import replace_once

from pannet_edu.content import ContentError
from pannet_edu.content.sources import check_cites_by_id
from pannet_edu.engine.catalogue import load_catalogue
from pannet_edu.practice.question_bank import load_bank


@pytest.mark.parametrize("text", [
    "[@RINKE_2009]; [@PROMID_OS]",
    "Lutathera US prescribing information (SSTR-positive requirement); [@HOPE_2020]",
    "Sunitinib long-term safety, Future Oncol 2019",
])
def test_ids_and_documents_without_a_journal_locator_pass(text):
    check_cites_by_id(text, "q.yaml", "q-1", "reference")


@pytest.mark.parametrize("text", [
    "Rinke A et al. Neuroendocrinology 2017;104:26-32",
    "[@YAO_2016]; Hope TA et al., J Nucl Med 2020;61(2):222-227",
    "van der Zwan WA et al., Eur J Nucl Med Mol Imaging 2019; 46(3)",
])
def test_a_journal_paper_in_words_is_refused_naming_the_field(text):
    with pytest.raises(ContentError, match=r"q-1.*reference.*cites a journal paper in words"):
        check_cites_by_id(text, "q.yaml", "q-1", "reference")


def test_the_packaged_questions_and_therapies_cite_journal_papers_by_id():
    citing = {q.id for q in load_bank().values() if "SUNITINIB_OS_2016" in q.sources}
    assert len(citing) >= 2, citing  # lessons 00 and 07 once wrote the abstract out in words
    promid_os = {s.reference for t in load_catalogue() if t.id == "surveillance"
                 for s in t.sources}
    assert any("Neuroendocrinology 2017;104:26-32" in r for r in promid_os)


def test_a_question_reference_in_words_fails_to_load(data_copy):
    replace_once(data_copy / "questions" / "00_start_here.yaml",
                 '"[@YAO_2016]; [@SUNITINIB_OS_2016]; [@STROSBERG_2021]"',
                 '"[@YAO_2016]; Raymond E et al. N Engl J Med 2011;364:501-513"')
    with pytest.raises(ContentError, match=r"00_start_here\.yaml.*field reference"):
        load_bank()


def test_a_therapy_citation_in_words_fails_to_load(data_copy):
    replace_once(data_copy / "therapies.yaml", "    - PROMID_OS\n",
                 "    - citation: Rinke A et al. Neuroendocrinology 2017;104:26-32\n")
    with pytest.raises(ContentError, match=r"therapies\.yaml.*sources\[1\]\.citation"):
        load_catalogue()


def test_every_trial_and_position_of_the_evidence_file_cites_a_source_by_id():
    from pannet_edu.content.sources import sources
    from pannet_edu.engine.scope import load_scope

    scope, known = load_scope(), set(sources().values())
    in_words = [e.key for e in (*scope.trials, *scope.positions) if e.source not in known
                and "PMID" not in e.source.reference and "DOI" not in e.source.reference]
    assert in_words == []


def test_an_evidence_source_in_words_fails_to_load(data_copy):
    from pannet_edu.engine.scope import load_scope

    replace_once(data_copy / "evidence_scope.yaml", "    source: RINKE_2009\n",
                 "    source: Rinke A et al. J Clin Oncol 2009 (PROMID)\n")
    with pytest.raises(ContentError, match=r"evidence_scope\.yaml.*PROMID.*field source.*"
                                           r"not an id of sources\.yaml"):
        load_scope()
