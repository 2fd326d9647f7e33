"""Anki updates reach learners: decks imported twice with Anki's own library (``anki``).

Anki updates a note whose GUID it already has only when the incoming note is strictly newer;
these tests import a deck into a real collection, change the content, re-export over the deck
learners have, and import again, the same day (the content review date does not move).
"""

import dataclasses

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from pannet_edu import cli
from pannet_edu import export as exports
from pannet_edu.export import anki

LESSON = "05_prrt"


@pytest.fixture
def collection(tmp_path):
    (tmp_path / "learner").mkdir()
    col = Collection(str(tmp_path / "learner" / "collection.anki2"))
    yield col
    col.close()


def _import(col, deck) -> dict[str, int]:
    """Import as a learner does, with Anki's default options (update notes if newer)."""
    log = col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(deck), options=ImportAnkiPackageOptions())).log
    return {"new": len(log.new), "updated": len(log.updated),
            "unchanged": len(log.duplicate), "conflicting": len(log.conflicting)}


def _export(deck, *extra) -> None:
    assert cli.main(["export", "--format", "anki", "--lesson", LESSON, "--out", str(deck),
                     *extra]) == 0


def _fields(col, text: str) -> list[str]:
    return [flds for flds in col.db.list("SELECT flds FROM notes") if text in flds]


def _edit_question(monkeypatch, suffix: str) -> None:
    """The bank as if its first 05_prrt question's prompt ended with ``suffix``."""
    original = exports.collect

    def edited(*args, **kwargs):
        bundle = original(*args, **kwargs)
        first, *rest = bundle.questions
        changed = dataclasses.replace(first, prompt=f"{first.prompt} {suffix}")
        return dataclasses.replace(bundle, questions=(changed, *rest))

    monkeypatch.setattr(exports, "collect", edited)


def test_unchanged_content_re_exports_byte_identical_and_changes_nothing(tmp_path, collection):
    deck = tmp_path / "deck.apkg"
    _export(deck)
    first = deck.read_bytes()
    counts = _import(collection, deck)
    assert counts["new"] > 0 and counts["updated"] == 0
    _export(deck)
    assert deck.read_bytes() == first
    assert _import(collection, deck) == {"new": 0, "updated": 0, "unchanged": counts["new"],
                                         "conflicting": 0}


def test_an_edited_question_updates_the_imported_note_twice_the_same_day(tmp_path, collection,
                                                                           monkeypatch):
    deck = tmp_path / "deck.apkg"
    _export(deck)
    total = _import(collection, deck)["new"]
    cards = sorted(collection.db.list("SELECT id FROM cards"))
    for fix in ("(first correction)", "(second correction, same day)"):
        _edit_question(monkeypatch, fix)
        _export(deck)
        assert _import(collection, deck) == {"new": 0, "updated": 1, "unchanged": total - 1,
                                             "conflicting": 0}, fix
        assert len(_fields(collection, fix)) == 1
    assert collection.note_count() == total
    assert sorted(collection.db.list("SELECT id FROM cards")) == cards, "cards (and history) kept"


def test_an_edited_fact_card_updates_the_imported_note(tmp_path, collection, monkeypatch):
    deck = tmp_path / "deck.apkg"
    _export(deck)
    total = _import(collection, deck)["new"]
    original = anki.facts

    def edited(lesson=None):
        first, *rest = original(lesson)
        return [dataclasses.replace(first, front=f"{first.front} (corrected)"), *rest]

    monkeypatch.setattr(anki, "facts", edited)
    _export(deck)
    assert _import(collection, deck)["updated"] == 1
    assert len(_fields(collection, "(corrected)")) == 1
    assert collection.note_count() == total


def test_a_deck_written_elsewhere_updates_learners_given_the_previous_deck(tmp_path,
                                                                          collection,
                                                                          monkeypatch):
    given_out = tmp_path / "term1.apkg"
    _export(given_out)
    _import(collection, given_out)
    _edit_question(monkeypatch, "(fixed for term 2)")
    _export(tmp_path / "term2.apkg", "--previous", str(given_out))
    assert _import(collection, tmp_path / "term2.apkg")["updated"] == 1
    assert len(_fields(collection, "(fixed for term 2)")) == 1


def test_regenerated_vignettes_replace_the_previous_set(tmp_path, collection):
    deck = tmp_path / "deck.apkg"
    _export(deck, "--include-vignettes", "3", "--seed", "1")
    total = _import(collection, deck)["new"]
    before = set(collection.db.list(
        "SELECT flds FROM notes WHERE tags LIKE '%generated-vignette%'"))
    assert len(before) == 3
    _export(deck, "--include-vignettes", "3", "--seed", "2")
    counts = _import(collection, deck)
    assert (counts["new"], counts["updated"]) == (0, 3)
    after = set(collection.db.list(
        "SELECT flds FROM notes WHERE tags LIKE '%generated-vignette%'"))
    assert len(after) == 3 and not after & before
    assert collection.note_count() == total


def test_a_file_at_out_that_is_not_an_anki_deck_is_refused_and_kept(tmp_path, capsys):
    mine = tmp_path / "notes.apkg"
    mine.write_bytes(b"my own notes")
    assert cli.main(["export", "--format", "anki", "--lesson", LESSON, "--out", str(mine)]) == 2
    assert "cannot read it as the previous Anki deck" in capsys.readouterr().err
    assert mine.read_bytes() == b"my own notes"
