"""The vignette drill: seeded cases, feedback with source, a running score, messages not errors."""

from pannet_edu.practice import vignettes
from pannet_edu.widgets import VignetteDrill

LESSON = "07_sequencing_cases"


def _choose(tool, letter):
    tool.choice.value = next(c for c in tool.choice.options if c.startswith(f"{letter}."))
    tool.check_button.click()


def test_a_class_seed_gives_everyone_the_same_cases():
    tool = VignetteDrill(seed=12, n=4, lesson=LESSON)
    assert [v.id for v in tool.drawn] == [v.id for v in vignettes(12, 4, lesson=LESSON)]
    tool.seed.value = 13
    assert tool.index == 0
    assert [v.id for v in tool.drawn] == [v.id for v in vignettes(13, 4, lesson=LESSON)]


def test_feedback_with_reasons_and_source_and_a_running_score():
    tool = VignetteDrill(seed=2, n=3, lesson=LESSON)
    first = tool.current
    _choose(tool, first.key)
    assert "Correct." in tool.output.value
    assert "Score so far: 1 of 1 answered right (100%)." in tool.output.value
    assert "Source:" in tool.output.value
    tool.next_button.click()
    second = tool.current
    wrong = next(letter for letter, o in zip("ABCDE", second.options, strict=False)
                 if not o.correct)
    _choose(tool, wrong)
    assert "Not quite." in tool.output.value and second.answer in tool.output.value
    assert "Score so far: 1 of 2 answered right (50%)." in tool.output.value
    tool.next_button.click()
    tool.next_button.click()  # third left unanswered
    view = tool.view()
    assert view.title == "Drill finished"
    # the unanswered case is named as skipped and left out of the score
    assert view.lines[0] == "Score: 1 of 2 answered right (50%); 1 question skipped (not counted)."
    assert "skipped" in view.lines[3]
    assert tool.check_button.disabled and tool.next_button.disabled


def test_the_snapshot_shows_the_case_the_options_and_the_notice():
    tool = VignetteDrill(seed=1, n=1)
    html, text = tool.snapshot_html(), tool.snapshot_text()
    assert "Invented teaching case." in html and "Invented teaching case." in text
    for choice in tool.current.choices():
        assert choice in text
    assert "For education only" in html


def test_nothing_chosen_or_bad_settings_give_a_readable_message():
    tool = VignetteDrill(seed=1, n=2)
    tool.check_button.click()
    assert "Choose an answer first." in tool.output.value
    assert VignetteDrill(lesson="00_start_here").view().error.startswith("lesson must be None")
    assert VignetteDrill(difficulty="medium").view().error.startswith("difficulty must be")
    tool.n_cases.value = -3
    assert "n must be a whole number" in tool.output.value
    assert "Traceback" not in tool.output.value


def test_an_unreadable_or_empty_answer_is_skipped_not_scored():
    tool = VignetteDrill(seed=2, n=3, lesson=LESSON)
    first = tool.current
    assert tool.answer("Z").correct is None  # not an option: a message, no mark
    assert "Score so far: no question answered yet." in tool.output.value
    tool.answer(first.key)  # a readable answer after the unreadable one is marked
    assert "Score so far: 1 of 1 answered right (100%)." in tool.output.value
    tool.next()
    assert tool.answer("   ").correct is None
    tool.next()
    wrong = next(letter for letter, o in zip("ABCDE", tool.current.options, strict=False)
                 if not o.correct)
    tool.answer(wrong)
    assert "Score so far: 1 of 2 answered right (50%); 1 question skipped (not counted)." \
        in tool.output.value
    tool.next()
    assert tool.view().lines[0] == (
        "Score: 1 of 2 answered right (50%); 1 question skipped (not counted).")


def test_the_lesson_list_shows_lesson_titles_not_file_ids():
    from pannet_edu.content.manifest import lesson
    from pannet_edu.widgets import VignetteDrill

    drill = VignetteDrill(seed=1, n=1)
    labels = [label for label, value in drill.lesson.options if value]
    assert labels and all(label.startswith("Lesson ") for label in labels)
    assert not [label for label in labels if "_" in label]
    for label, value in drill.lesson.options:
        if value:
            assert lesson(value).title in label
