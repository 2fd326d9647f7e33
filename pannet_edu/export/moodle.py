"""Moodle XML: one category per lesson; every option and accepted answer with its feedback.

Multiple choice becomes ``multichoice`` (single answer, shuffled by Moodle); a short answer whose
answer is a plain number becomes ``numerical`` (exact), any other ``shortanswer`` (case
ignored). A final ``*`` answer gives the feedback for any other reply. The question's reference,
the content review date and the education-only notice are in the general feedback.

>>> from .common import collect
>>> xml = render(collect("01_classification_and_staging"))
>>> xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
True
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..practice import quiz
from .common import (
    TITLE,
    Bundle,
    general_feedback,
    is_numeric,
    lesson_tag,
    numeric_answers,
    paragraphs_html,
    short_answer_feedback,
)


def _text(parent: ET.Element, tag: str, value: str, *, html: bool = False) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(element, "text").text = value
    return element


def _answer(parent: ET.Element, fraction: int, text: str, feedback: str, *, html: bool) -> None:
    answer = ET.SubElement(parent, "answer", {"fraction": str(fraction),
                                              **({"format": "html"} if html else {})})
    ET.SubElement(answer, "text").text = text
    _text(answer, "feedback", paragraphs_html(feedback), html=True)


def _question(root: ET.Element, question: quiz.Question, bundle: Bundle) -> None:
    if question.kind == "multiple_choice":
        kind = "multichoice"
    else:
        kind = "numerical" if is_numeric(question) else "shortanswer"
    element = ET.SubElement(root, "question", {"type": kind})
    _text(element, "name", f"{question.id}: {question.prompt[:60]}")
    _text(element, "questiontext", paragraphs_html(question.prompt), html=True)
    _text(element, "generalfeedback",
          paragraphs_html(general_feedback(question, bundle.reviewed)), html=True)
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = "0.3333333"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = question.id
    if kind == "multichoice":
        ET.SubElement(element, "single").text = "true"
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "ABCD"
        for option in question.options:
            _answer(element, 100 if option.correct else 0, paragraphs_html(option.text),
                    option.explanation, html=True)
    elif kind == "numerical":
        for number in numeric_answers(question):
            _answer(element, 100, number, question.explanation, html=False)
            ET.SubElement(element.findall("answer")[-1], "tolerance").text = "0"
        _answer(element, 0, "*", short_answer_feedback(question), html=False)
        ET.SubElement(element.findall("answer")[-1], "tolerance").text = "0"
    else:
        ET.SubElement(element, "usecase").text = "0"
        for accepted in question.accepted:
            _answer(element, 100, accepted, question.explanation, html=False)
        _answer(element, 0, "*", short_answer_feedback(question), html=False)
    tags = ET.SubElement(element, "tags")
    ET.SubElement(ET.SubElement(tags, "tag"), "text").text = lesson_tag(question.lesson)
    if question.id.startswith("vig-"):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = f"{TITLE}::generated-vignette"


def render(bundle: Bundle) -> bytes:
    """The bundle as a Moodle XML question file (UTF-8 bytes)."""
    root = ET.Element("quiz")
    root.append(ET.Comment(f" {TITLE} question bank. {bundle.notice} "))
    for lesson, questions in bundle.by_lesson().items():
        category = ET.SubElement(root, "question", {"type": "category"})
        _text(category, "category", f"$course$/top/{TITLE}/{lesson}")
        _text(category, "info", paragraphs_html(f"{TITLE}: {lesson}. {bundle.notice}"),
              html=True)
        for question in questions:
            _question(root, question, bundle)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
