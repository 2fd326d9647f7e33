"""The question bank's size goals, read from the data and the lesson manifest (never retyped):
at least 150 questions, at least 15 per lesson, and feedback on every option of every question."""

from pannet_edu.content.manifest import lesson_ids
from pannet_edu.practice.question_bank import load_bank

MIN_TOTAL, MIN_PER_LESSON = 150, 15


def test_every_lesson_has_at_least_15_questions_and_the_bank_150():
    bank = load_bank()
    per_lesson = {lesson: sum(q.lesson == lesson for q in bank.values()) for lesson in lesson_ids()}
    short = {lesson: n for lesson, n in per_lesson.items() if n < MIN_PER_LESSON}
    assert not short, f"lessons with fewer than {MIN_PER_LESSON} questions: {short}"
    assert len(bank) >= MIN_TOTAL
    assert set(per_lesson) == {q.lesson for q in bank.values()}  # no orphan question file


def test_every_option_explains_itself_in_its_own_words():
    for question in load_bank().values():
        if question.kind == "short_answer":
            assert question.explanation.strip(), question.id
            continue
        explanations = [o.explanation for o in question.options]
        assert all(e.strip() for e in explanations), question.id
        assert len(set(explanations)) == len(explanations), f"{question.id}: copied feedback"
        assert question.reference.strip(), question.id
