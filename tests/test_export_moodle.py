"""Moodle XML export: parsed back, one category per lesson, feedback on every option."""

import xml.etree.ElementTree as ET

import pytest

from pannet_edu.content.reviews import content_reviewed
from pannet_edu.export import common, render
from pannet_edu.practice import quiz


@pytest.fixture(scope="module")
def parsed():
    data = render("moodle", include_vignettes=12, seed=5)
    return data, ET.fromstring(data)


def _plain(element):
    """The text of a format="html" element, tags stripped (Moodle shows it as HTML)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", element.find("text").text or ""))


def test_one_category_per_lesson_then_its_questions(parsed):
    _, root = parsed
    categories = [q.find("category/text").text for q in root if q.get("type") == "category"]
    assert categories == [f"$course$/top/pannet-edu/{lesson}" for lesson in quiz.lessons()]
    questions = [q for q in root if q.tag == "question" and q.get("type") != "category"]
    bank = quiz.load_bank()
    assert len(questions) == len(bank) + 12
    ids = [q.find("idnumber").text for q in questions]
    assert set(bank) <= set(ids)
    assert sum(i.startswith("vig-") for i in ids) == 12


def test_every_option_has_feedback_and_exactly_one_is_right(parsed):
    _, root = parsed
    bank = quiz.load_bank()
    for question in root.iter("question"):
        kind = question.get("type")
        if kind == "category":
            continue
        answers = question.findall("answer")
        assert answers
        for answer in answers:
            assert _plain(answer.find("feedback")).strip(), "feedback for every answer"
        qid = question.find("idnumber").text
        if kind == "multichoice":
            assert [a.get("fraction") for a in answers].count("100") == 1
            assert question.find("single").text == "true"
            if qid in bank:
                source = bank[qid]
                assert len(answers) == len(source.options)
                for answer, option in zip(answers, source.options, strict=True):
                    assert _plain(answer) == option.text
                    assert _plain(answer.find("feedback")) == option.explanation
                    assert answer.get("fraction") == ("100" if option.correct else "0")
        else:
            source = bank[qid]
            assert kind == ("numerical" if common.is_numeric(source) else "shortanswer")
            assert answers[-1].find("text").text == "*"
            assert answers[-1].get("fraction") == "0"
            if kind == "numerical":
                assert all(a.find("tolerance").text == "0" for a in answers)
                assert float(answers[0].find("text").text) == float(source.accepted[0])
            else:
                assert [a.find("text").text for a in answers[:-1]] == list(source.accepted)


def test_general_feedback_carries_reference_review_date_and_notice(parsed):
    data, root = parsed
    reviewed = content_reviewed().isoformat()
    bank = quiz.load_bank()
    for question in root.iter("question"):
        if question.get("type") == "category":
            continue
        general = _plain(question.find("generalfeedback"))
        assert f"Content reviewed {reviewed}." in general
        assert "For education only" in general
        qid = question.find("idnumber").text
        if qid in bank:
            assert bank[qid].reference.rstrip(".") in general
    assert b"For education only" in data.split(b"<question")[0]  # the file's own header


def test_one_lesson_and_a_re_export_are_stable():
    one = render("moodle", "05_prrt")
    root = ET.fromstring(one)
    lessons = {q.find("category/text").text for q in root if q.get("type") == "category"}
    assert lessons == {"$course$/top/pannet-edu/05_prrt"}
    assert render("moodle", "05_prrt") == one
    assert render("moodle", include_vignettes=3, seed=1) == render(
        "moodle", include_vignettes=3, seed=1
    )
