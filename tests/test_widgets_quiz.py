"""The quiz widget: seeded order, feedback per question, a final score, messages not tracebacks."""

from pannet_edu.practice import quiz
from pannet_edu.widgets import QuizWidget

LESSON = "01_classification_and_staging"


def _answer_through_the_controls(tool, value):
    if tool.current.kind == "multiple_choice":
        tool.choice.value = next(c for c in tool.choice.options if c.startswith(f"{value}."))
    else:
        tool.typed.value = value
    tool.check_button.click()


def test_questions_come_in_the_seeded_order_of_the_bank():
    tool = QuizWidget(lesson=LESSON, seed=4)
    expected = [q.id for q in quiz.draw(LESSON, seed=4)]
    seen = []
    while tool.current is not None:
        seen.append(tool.current.id)
        tool.next_button.click()
    assert seen == expected


def test_changing_the_seed_or_lesson_restarts_the_quiz():
    tool = QuizWidget(lesson=LESSON, seed=1)
    tool.next()
    tool.seed.value = 2
    assert tool.index == 0
    assert tool.current.id == quiz.draw(LESSON, seed=2)[0].id
    tool.lesson.value = ""  # all lessons, mixed
    assert len(tool.drawn) == len(quiz.questions())


def _wrong(question):
    return "zzz" if question.kind == "short_answer" else next(
        letter for letter, o in zip("ABCDE", question.options, strict=False) if not o.correct
    )


def test_feedback_per_question_and_a_score_at_the_end():
    tool = QuizWidget(lesson=LESSON, seed=0, n=3)
    first, second, _third = tool.drawn
    _answer_through_the_controls(tool, first.key)
    assert "Correct." in tool.output.value
    tool.next_button.click()
    _answer_through_the_controls(tool, _wrong(second))
    assert "Not quite." in tool.output.value
    assert second.answer not in tool.output.value  # a retry is still open: no answer given away
    tool.reveal_button.click()
    assert "Source:" in tool.output.value and second.answer in tool.output.value
    tool.next_button.click()
    tool.next_button.click()  # third left unanswered
    view = tool.view()
    assert view.title == "Quiz finished"
    # the unanswered third is skipped: named apart, not counted as wrong
    assert view.lines[0] == ("First answers: 1 of 2 answered right (50%); 1 question skipped "
                             "(not counted).")
    assert view.lines[2] == f"1. {first.prompt} Right."
    assert f"Not quite (answer: {second.answer})" in view.lines[3]
    assert "Skipped" in view.lines[4]
    assert not any(q.id in " ".join(view.lines) for q in tool.drawn)  # text, not ids
    assert tool.check_button.disabled and tool.next_button.disabled


def test_the_first_answer_is_locked_and_a_retry_is_scored_as_a_retry():
    tool = QuizWidget(lesson=LESSON, seed=0, n=2)
    first = tool.current
    _answer_through_the_controls(tool, _wrong(first))
    assert tool.check_button.disabled
    assert tool.choice.disabled or tool.typed.disabled
    changed = tool.answer(first.key)  # trying to change the answer after the feedback
    assert changed.correct is None and "first answer is kept" in changed.message
    assert tool.session.attempts[0].first.correct is False
    tool.retry_button.click()
    assert not tool.check_button.disabled
    assert tool.answer(first.key).correct is True
    assert tool.retry_button.layout.display == "none"  # one retry only
    tool.next(), tool.next()
    lines = tool.view().lines
    # the second question was never answered: skipped, not counted as wrong
    assert lines[0] == ("First answers: 0 of 1 answered right (0%); 1 question skipped "
                        "(not counted).")
    assert lines[1] == "Right on the retry: 1."
    assert "Right on the retry" in lines[2]


def test_start_again_clears_the_answers():
    tool = QuizWidget(lesson=LESSON, seed=3, n=2)
    order = [q.id for q in tool.drawn]
    tool.answer(tool.current.key)
    tool.next(), tool.next()
    tool.restart_button.click()
    assert tool.index == 0 and [q.id for q in tool.drawn] == order
    assert not tool.check_button.disabled and tool.session.attempts == {}


def test_the_right_answer_control_is_shown_for_each_kind():
    tool = QuizWidget(lesson=LESSON, seed=0)
    for _ in tool.drawn:
        is_choice = tool.current.kind == "multiple_choice"
        assert (tool.choice.layout.display != "none") is is_choice
        assert (tool.typed.layout.display != "none") is not is_choice
        tool.next()


def test_empty_or_garbage_answers_get_a_message_never_a_traceback():
    tool = QuizWidget(lesson=LESSON, seed=0)
    tool.check_button.click()  # nothing chosen or typed
    assert "Choose or type an answer first." in tool.output.value
    for garbage in (None, 42, ["A"], "?!"):
        feedback = tool.answer(garbage)
        assert feedback.correct in (None, False)
        assert "Traceback" not in tool.output.value


def test_bad_settings_give_a_readable_message():
    tool = QuizWidget(lesson=LESSON)
    tool.n_questions.value = 999
    assert "Please check the input" in tool.output.value
    assert "n must be a whole number" in tool.output.value
    assert tool.answer("A").correct is None
    assert "lesson must be None" in QuizWidget(lesson="99_nothing").output.value


def test_snapshot_shows_the_first_question_and_the_disclaimer():
    tool = QuizWidget(lesson=LESSON, seed=0)
    bundle = tool._repr_mimebundle_()
    assert tool.drawn[0].prompt[:30] in bundle["text/plain"]
    assert "education only" in bundle["text/html"]


def test_options_sit_in_the_radio_buttons_live_and_in_the_card_for_the_snapshot():
    tool = QuizWidget(lesson=LESSON, seed=0)
    while tool.current.kind != "multiple_choice":
        tool.next()
    first_choice = tool.current.choices()[0]
    assert first_choice in tool.choice.options
    assert first_choice not in tool.output.value
    assert first_choice in tool.snapshot_html()


def test_the_last_question_offers_the_score():
    tool = QuizWidget(lesson=LESSON, seed=0, n=2)
    assert tool.next_button.description == "Next question"
    tool.next()
    assert tool.next_button.description == "See my score"


def test_an_unreadable_first_answer_is_skipped_not_counted_as_wrong():
    tool = QuizWidget(lesson=LESSON, seed=0, n=2)
    first = tool.current
    unreadable = 42 if first.kind == "multiple_choice" else "   "
    assert tool.answer(unreadable).correct is None  # a message; nothing is kept
    tool.next()
    tool.answer(tool.current.key)
    tool.next()
    lines = tool.view().lines
    assert lines[0] == ("First answers: 1 of 1 answered right (100%); 1 question skipped "
                        "(not counted).")
    assert f"Skipped (answer: {first.answer})" in lines[2]
