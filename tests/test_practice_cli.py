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


def _letter_of(vignette, correct):
    return next(letter for letter, o in zip("ABCDE", vignette.options, strict=False)
                if o.correct is correct)


def test_interactive_answers_go_to_the_learners_record_as_the_notebook_drill_keeps_them(
        monkeypatch, capsys, tmp_path):
    from pannet_edu.practice import attempts
    from pannet_edu.widgets import VignetteDrill

    drawn = vignettes(1, 3)
    right, wrong = _letter_of(drawn[0], True), _letter_of(drawn[1], False)
    with attempts.recording_to(tmp_path / "cli"):
        out = _drill(monkeypatch, capsys, [f"({right.lower()})", wrong, ""])
        from_cli = attempts.load_records()
    assert "kept only on this computer" in out and str(tmp_path / "cli") in out
    assert "--no-record" in out
    # two marked answers kept; the skipped third is not an answer
    assert [(r["k"], r["i"], r["c"]) for r in from_cli] == [
        ("vignette", drawn[0].id, 1), ("vignette", drawn[1].id, 0)]
    # the same records the notebook's drill keeps for the same answers
    with attempts.recording_to(tmp_path / "widget"):
        drill = VignetteDrill(seed=1, n=3)
        drill.answer(right)
        drill.next()
        drill.answer(wrong)
        from_widget = attempts.load_records()
    shape = [{k: v for k, v in r.items() if k not in ("n", "d")} for r in from_cli]
    assert shape == [{k: v for k, v in r.items() if k not in ("n", "d")} for r in from_widget]
    assert from_cli[1]["a"] == drawn[1].options["ABCDE".index(wrong)].text


def test_no_record_keeps_nothing_and_says_so(monkeypatch, capsys, tmp_path):
    from pannet_edu.practice import attempts

    drawn = vignettes(1, 3)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{drawn[0].key}\n"))
    with attempts.recording_to(tmp_path):
        assert cli.main(["practice", "-n", "3", "--seed", "1", "--interactive",
                         "--no-record"]) == 0
        assert attempts.load_records() == []
    assert "Your answers are not kept (--no-record)" in capsys.readouterr().out


def test_recording_switched_off_on_the_computer_is_respected_and_named(monkeypatch, capsys,
                                                                       tmp_path):
    from pannet_edu.practice import attempts

    monkeypatch.setenv(attempts.DIR_ENV, str(tmp_path))
    monkeypatch.setenv(attempts.SWITCH_ENV, "off")
    out = _drill(monkeypatch, capsys, [vignettes(1, 3)[0].key])
    assert attempts.load_records(tmp_path) == []
    assert "recording is switched off" in out
    assert __import__("os").environ[attempts.SWITCH_ENV] == "off"  # left as it was


def test_help_explains_where_answers_are_kept_and_how_to_keep_none(capsys):
    try:
        cli.main(["practice", "--help"])
    except SystemExit as stop:
        assert stop.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--no-record" in out and "only on this computer" in out
