"""GIFT export: parsed back with a small GIFT reader, every answer with its feedback."""

import html
import re

import pytest

from pannet_edu.export import common, render
from pannet_edu.practice import quiz

_UNESCAPED = re.compile(r"(?<!\\)[~=#{}:]")


def _unescape(text: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


def _split_feedback(text: str) -> tuple[str, str]:
    match = re.search(r"(?<!\\)#", text)
    assert match, f"no feedback in {text!r}"
    return text[: match.start()], text[match.end():]


def parse_gift(text: str) -> list[dict]:
    """Questions of a GIFT file as produced by the exporter: one line per answer."""
    out, category = [], None
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("//")]
        if not lines:
            continue
        if lines[0].startswith("$CATEGORY:"):
            category = lines[0].split("/")[-1]
            continue
        head = re.match(r"^::(.+?)::\[html\](.*)\{(#?)$", lines[0])
        assert head, lines[0]
        assert lines[-1] == "}"
        qid, prompt, numeric = head.groups()
        assert not _UNESCAPED.search(prompt), f"unescaped GIFT character in {qid}"
        answers, general = [], None
        for line in lines[1:-1]:
            if line.startswith("####"):
                general = _unescape(line[4:])
                continue
            mark, rest = line[0], line[1:]
            assert mark in "=~"
            weight = re.match(r"^%(-?\d+)%", rest)  # Moodle's answer weight: =%0%*#...
            if weight:
                rest = rest[weight.end():]
            fraction = int(weight.group(1)) if weight else (100 if mark == "=" else 0)
            value, feedback = _split_feedback(rest)
            assert not _UNESCAPED.search(feedback), f"unescaped GIFT character in {qid}"
            # Moodle reads a bare "~" in a numerical question as "any other answer" (*).
            text = "*" if (numeric and mark == "~" and not value) else _unescape(value)
            answers.append({"correct": fraction == 100, "fraction": fraction, "text": text,
                            "feedback": _unescape(feedback)})
        out.append({"id": _unescape(qid), "prompt": _unescape(prompt), "numeric": bool(numeric),
                    "answers": answers, "general": general, "category": category})
    return out


@pytest.fixture(scope="module")
def parsed():
    return parse_gift(render("gift", include_vignettes=10, seed=2).decode("utf-8"))


def test_every_question_comes_back_under_its_lesson(parsed):
    bank = quiz.load_bank()
    assert len(parsed) == len(bank) + 10
    for question in parsed:
        if question["id"] in bank:
            source = bank[question["id"]]
            assert question["category"] == source.lesson
            assert question["prompt"] == source.prompt


def test_every_answer_has_feedback_and_the_right_ones_are_marked(parsed):
    bank = quiz.load_bank()
    for question in parsed:
        assert question["answers"]
        assert all(a["feedback"].strip() for a in question["answers"])
        source = bank.get(question["id"])
        if source is None or source.kind == "multiple_choice":
            assert sum(a["correct"] for a in question["answers"]) == 1
            if source is not None:
                assert [(a["text"], a["correct"], a["feedback"]) for a in question["answers"]] \
                    == [(o.text, o.correct, o.explanation) for o in source.options]
        elif question["numeric"]:
            assert common.is_numeric(source)
            *right, otherwise = question["answers"]
            assert all(a["text"].endswith(":0") and a["correct"] for a in right)
            assert (otherwise["text"], otherwise["fraction"]) == ("*", 0)
        else:
            *right, otherwise = question["answers"]
            assert [a["text"] for a in right] == list(source.accepted)
            assert (otherwise["text"], otherwise["fraction"]) == ("*", 0)


def _plain(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def test_every_question_carries_the_same_feedback_as_the_moodle_xml_export(parsed):
    """Including the catch-all feedback for any other reply on short-answer and numerical
    questions (Moodle's ``*`` answer), which GIFT once dropped."""
    import xml.etree.ElementTree as ET

    moodle = ET.fromstring(render("moodle", include_vignettes=10, seed=2))
    expected = {}
    for element in moodle.findall("question"):
        if element.get("type") == "category":
            continue
        expected[element.find("idnumber").text] = [
            (answer.find("text").text == "*", int(answer.get("fraction")),
             _plain(answer.find("feedback/text").text))
            for answer in element.findall("answer")
        ]
    catch_alls = 0
    for question in parsed:
        # The parsed feedback is plain text (GIFT and HTML escapes undone); escaped again, it
        # reads as the XML's HTML does, so a "<=55%" in a trial population is text, not a tag.
        got = [(a["text"] == "*", a["fraction"], _plain(html.escape(a["feedback"], quote=False)))
               for a in question["answers"]]
        assert got == expected[question["id"]], question["id"]
        catch_alls += got[-1][0]
    bank = quiz.load_bank()
    short_answers = sum(bank[q["id"]].kind == "short_answer" for q in parsed if q["id"] in bank)
    assert catch_alls == short_answers > 0


def test_general_feedback_names_the_source_review_date_and_notice(parsed):
    bank = quiz.load_bank()
    for question in parsed:
        assert "Content reviewed" in question["general"]
        assert "For education only" in question["general"]
        if question["id"] in bank:
            assert bank[question["id"]].reference.rstrip(".") in question["general"]


def test_the_file_header_and_stability():
    text = render("gift", "01_classification_and_staging").decode("utf-8")
    assert text.splitlines()[1].startswith("// Content reviewed ")
    assert render("gift", "01_classification_and_staging").decode("utf-8") == text
