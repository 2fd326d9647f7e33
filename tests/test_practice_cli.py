"""`pannet-edu practice`: honest scores (only answered vignettes count, the skipped ones are
named) and a help text that lists the lesson ids from the lesson manifest."""

import io

from pannet_edu import cli
from pannet_edu.content.manifest import lesson_ids
from pannet_edu.practice import vignettes


def _drill(monkeypatch, capsys, typed, n=3, seed=1):
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{t}\n" for t in typed)))
    assert cli.main(["practice", "-n", str(n), "--seed", str(seed), "--interactive"]) == 0
    return capsys.readouterr().out


def test_empty_and_unreadable_answers_are_skipped_with_a_message(monkeypatch, capsys):
    drawn = vignettes(1, 3)
    wrong = next(letter for letter, o in zip("ABCDE", drawn[2].options, strict=False)
                 if not o.correct)
    out = _drill(monkeypatch, capsys, ["", "Z", wrong])
    assert out.count("Skipped: no answer, or one that could not be read.") == 2
    assert "Score so far: no question answered yet; 1 question skipped (not counted)." in out
    assert out.rstrip().endswith(
        "Score: 0 of 1 answered right (0%); 2 questions skipped (not counted).")


def test_the_score_counts_right_answers_of_those_answered(monkeypatch, capsys):
    drawn = vignettes(1, 3)
    out = _drill(monkeypatch, capsys, [drawn[0].key.lower(), f"({drawn[1].key})"])
    # the third was never asked: input ended, so it is skipped, not counted as wrong
    assert out.rstrip().endswith(
        "Score: 2 of 2 answered right (100%); 1 question skipped (not counted).")


def test_help_lists_every_lesson_id_from_the_manifest(capsys):
    try:
        cli.main(["practice", "--help"])
    except SystemExit as stop:
        assert stop.code == 0
    out = " ".join(capsys.readouterr().out.split())
    ids = lesson_ids()
    assert len(ids) >= 9
    for lesson in ids:
        assert lesson in out, lesson
