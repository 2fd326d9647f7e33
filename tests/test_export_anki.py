"""Anki export: the .apkg opened as a zip holding a SQLite collection; notes, tags and ids."""

import html
import io
import json
import sqlite3
import zipfile

import genanki
import pytest

from pannet_edu.content.reviews import content_reviewed
from pannet_edu.export import anki, common, render
from pannet_edu.practice import quiz


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    data = render("anki", include_vignettes=6, seed=9)
    archive = zipfile.ZipFile(io.BytesIO(data))
    path = tmp_path_factory.mktemp("apkg") / "collection.anki2"
    path.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(path)
    yield data, archive, connection
    connection.close()


def _notes(connection):
    rows = connection.execute("SELECT guid, mid, tags, flds, mod FROM notes").fetchall()
    return [{"guid": g, "mid": m, "tags": t.split(), "fields": f.split("\x1f"), "mod": mod}
            for g, m, t, f, mod in rows]


def test_the_package_holds_a_collection_and_an_empty_media_map(collection):
    _, archive, _ = collection
    assert archive.namelist() == ["collection.anki2", "media"]
    assert json.loads(archive.read("media")) == {}


def test_every_question_and_fact_is_a_note_with_a_stable_guid(collection):
    _, _, connection = collection
    notes = _notes(connection)
    bank = quiz.load_bank()
    facts = anki.facts()
    assert len(notes) == len(bank) + 6 + len(facts)
    guids = {n["guid"] for n in notes}
    assert len(guids) == len(notes)
    for qid in bank:
        assert genanki.guid_for("pannet-edu", "quiz", qid) in guids
    for fact in facts:
        assert genanki.guid_for("pannet-edu", *fact.key) in guids


def test_fields_tags_models_and_decks(collection):
    _, _, connection = collection
    notes = _notes(connection)
    bank = quiz.load_bank()
    quiz_mid = common.stable_id("pannet-edu", "model", anki.QUIZ_MODEL)
    fact_mid = common.stable_id("pannet-edu", "model", anki.FACT_MODEL)
    reviewed = content_reviewed().isoformat()
    for note in notes:
        assert any(t.startswith("pannet-edu::0") for t in note["tags"]), "tagged by lesson"
        assert f"Content reviewed {reviewed}" in note["fields"][-2]
        if "pannet-edu::quiz" in note["tags"]:
            assert note["mid"] == quiz_mid and len(note["fields"]) == len(anki.QUIZ_FIELDS)
            qid = note["fields"][-1]
            if qid in bank:
                assert f"pannet-edu::{bank[qid].lesson}" in note["tags"]
                assert html.unescape(note["fields"][1]) == bank[qid].answer
                assert note["fields"][3].startswith("Source: ")
        else:
            assert "pannet-edu::fact" in note["tags"]
            assert note["mid"] == fact_mid and len(note["fields"]) == len(anki.FACT_FIELDS)
    models = json.loads(connection.execute("SELECT models FROM col").fetchone()[0])
    assert {int(k) for k in models} >= {quiz_mid, fact_mid}
    decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
    names = {d["name"] for d in decks.values()}
    assert {f"pannet-edu::{lesson}" for lesson in quiz.lessons()} <= names
    for deck in decks.values():
        if deck["name"].startswith("pannet-edu::"):
            lesson = deck["name"].split("::")[1]
            assert deck["id"] == common.stable_id("pannet-edu", "deck", lesson)
    cards = connection.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    assert cards == len(notes)


def test_fact_cards_read_their_numbers_from_the_trial_table(collection):
    import pannet_edu as pe

    _, _, connection = collection
    notes = {n["fields"][-1]: n for n in _notes(connection)}
    row = pe.trials().query("trial == 'CABINET' and cohort == 'pancreatic'").iloc[0]
    back = notes["trial/CABINET/pancreatic"]["fields"][1]
    assert f"n = {int(row.n)}." in back
    assert f"Median PFS: {row.pfs_median:g} vs {row.pfs_median_control:g} months" in back
    assert f"{row.hr:g} ({row.hr_low:g}–{row.hr_high:g})" in back
    assert "N Engl J Med" in notes["trial/CABINET/pancreatic"]["fields"][2]
    tox = notes["therapy/everolimus/toxicities"]
    assert "pannet-edu::04_targeted_agents" in tox["tags"]
    assert "stomatitis" in tox["fields"][1]


def test_notes_carry_the_review_date_and_re_export_is_byte_stable(collection):
    data, _, connection = collection
    import datetime

    reviewed = content_reviewed()
    stamp = int(datetime.datetime(reviewed.year, reviewed.month, reviewed.day,
                                  tzinfo=datetime.UTC).timestamp())
    assert {n["mod"] for n in _notes(connection)} == {stamp}
    assert render("anki", include_vignettes=6, seed=9) == data


def test_one_lesson_gives_its_questions_and_its_facts_only():
    data = render("anki", "05_prrt")
    archive = zipfile.ZipFile(io.BytesIO(data))
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "c.anki2"
    path.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(path)
    try:
        notes = _notes(connection)
    finally:
        connection.close()
    assert notes and all("pannet-edu::05_prrt" in n["tags"] for n in notes)
    assert len(notes) == len(quiz.questions("05_prrt")) + len(anki.facts("05_prrt"))
