"""Never a wrong answer from an export or a checker (issue 25, items 9-11): exports carry the
answers the package accepts, ``accepted:`` is read as written, punctuation is never a right answer,
and explanations compare with the exact value, never one rounded onto the cut-off."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import pytest

from pannet_edu.clinic import pathology, staging
from pannet_edu.content import ContentError
from pannet_edu.export import common, gift, moodle, qti
from pannet_edu.practice import quiz, selfcheck


def bundle_of(*questions: quiz.Question) -> common.Bundle:
    return replace(common.collect("05_prrt"), questions=questions)


def short_answer(accepted: tuple[str, ...]) -> quiz.Question:
    return replace(quiz.load_bank()["cls-03"], id="t-01", accepted=accepted)


# --- item 9: exports -----------------------------------------------------------------------------


def test_gift_keeps_a_short_answer_key_as_typed_not_html_escaped():
    text = gift.render(bundle_of(short_answer(("<3%", "less than 3%")))).decode()
    assert "=<3%#" in text and "&lt;" not in text.split("{", 1)[1].split("#", 1)[0]


@pytest.mark.parametrize("question_id", ["prrt-05", "cls-04"])
def test_every_channel_accepts_the_word_answers_the_package_accepts(question_id):
    question = quiz.load_bank()[question_id]
    words = [a for a in question.accepted if not re.fullmatch(r"[\d.]+\s*\S*", a)]
    assert words, "the question no longer has a word answer; pick another"
    for word in words:
        assert quiz.score(question_id, word).correct is True
    bundle = bundle_of(question)
    gift_text = gift.render(bundle).decode()
    moodle_text = moodle.render(bundle).decode()
    archive = zipfile.ZipFile(io.BytesIO(qti.render(bundle)))
    qti_text = "".join(archive.read(name).decode() for name in archive.namelist())
    for word in words:
        assert f"={gift.escape(word)}#" in gift_text
        assert f"<text>{word}</text>" in moodle_text
        assert f'respident="response1">{word}</varequal>' in qti_text
    assert 'type="numerical"' not in moodle_text and "{#" not in gift_text


# --- item 10: accepted answers read as written ---------------------------------------------------


QUESTION_FILE = """\
lesson: 05_prrt
questions:
  - id: prrt-90
    kind: short_answer
    prompt: "How long is an infusion (h:mm)?"
    accepted: {accepted}
    explanation: "An explanation."
    reference: "[@STROSBERG_2017]"
"""


@pytest.mark.parametrize(("accepted", "why"), [
    ("[1:30]", "in quotes"),       # YAML 1.1 reads 1:30 as 90
    ("[010]", "in quotes"),        # ... and 010 as 8
    ("['!']", "no letter or digit"),
    ("['...']", "no letter or digit"),
])
def test_accepted_answers_are_read_as_written_or_refused(tmp_path, accepted, why):
    path = tmp_path / "05_prrt.yaml"
    path.write_text(QUESTION_FILE.format(accepted=accepted))
    with pytest.raises(ContentError, match=why) as caught:
        quiz.load_file(path)
    assert "prrt-90" in str(caught.value) and "accepted" in str(caught.value)


def test_a_quoted_accepted_answer_is_taken_as_written(tmp_path):
    path = tmp_path / "05_prrt.yaml"
    path.write_text(QUESTION_FILE.format(accepted='["1:30", "010"]'))
    (question,) = quiz.load_file(path)
    assert question.accepted == ("1:30", "010")


def test_punctuation_alone_is_never_a_right_answer():
    assert quiz.score("cls-03", "!").correct is False
    assert quiz.score("cls-03", "...").correct is False


def test_a_self_check_accepted_text_is_one_form_not_its_letters():
    (check,) = selfcheck.checks([("Grade?", "NET G2", "G2")])
    assert check.accepted == ("G2",)
    assert selfcheck.reveal(check, "2").matches is False
    assert selfcheck.reveal(check, "g2").matches is True


def test_a_self_check_keeps_decimal_points_and_minus_signs():
    (check,) = selfcheck.checks([("Ki-67?", "15%", ("15",))])
    assert selfcheck.reveal(check, "1.5").matches is False
    assert selfcheck.reveal(check, "-15").matches is False
    assert selfcheck.reveal(check, "15").matches is True


def test_a_self_check_accepted_form_of_punctuation_is_refused():
    with pytest.raises(ValueError, match="no letter or digit"):
        selfcheck.checks([("Grade?", "NET G2", ("-",))])


# --- item 11: explanations at the cut-offs -------------------------------------------------------


@pytest.mark.parametrize("ki67", [2.9999999, 2.99999999999, 20.0000001])
def test_a_grade_explanation_never_rounds_onto_the_cut_off(ki67):
    text = pathology.grade(ki67=ki67).explanation
    stated = re.search(r"Ki-67 ([\d.e+-]+)% is", text).group(1)
    assert float(stated) == ki67, text


@pytest.mark.parametrize("mitoses", [1.9999999, 20.0000001])
def test_a_mitotic_count_explanation_never_rounds_onto_the_cut_off(mitoses):
    text = pathology.grade(mitoses=mitoses).explanation
    assert float(re.search(r"([\d.e+-]+) mitoses per 2 mm²", text).group(1)) == mitoses, text


@pytest.mark.parametrize("size", [1.9999999, 2.0000001, 4.0000001])
def test_a_t_category_explanation_never_rounds_onto_the_cut_off(size):
    text = staging.explain_t(size).explanation
    assert float(re.search(r"T\d: ([\d.e+-]+) cm", text).group(1)) == size, text
