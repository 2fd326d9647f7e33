"""A QTI 1.2 package (zip with ``imsmanifest.xml``) in the profile Canvas imports.

One assessment (a Canvas practice quiz) per lesson, in ``<ident>/<ident>.xml`` with Canvas's
``assessment_meta.xml`` beside it. Items are ``multiple_choice_question``,
``short_answer_question`` or ``numerical_question``; every option and accepted answer has its own
``itemfeedback``, and the general feedback (``general_fb``) carries the source, the content review
date and the education-only notice.

Written with the standard library rather than text2qti: text2qti reads its own Markdown quiz
format (so clinical text such as "Ki-67 <3%" or "*" would be re-interpreted as markup), writes one
quiz per package and stamps the current date, so re-exports would differ; building the XML here
keeps every text exactly as in the bank, one quiz per lesson, and the bytes stable.

>>> import io, zipfile
>>> from .common import collect
>>> names = zipfile.ZipFile(io.BytesIO(render(collect("00_start_here")))).namelist()
>>> names[-1]
'imsmanifest.xml'
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..practice import quiz
from .common import (
    TITLE,
    Bundle,
    general_feedback,
    is_numeric,
    numeric_answers,
    paragraphs_html,
    short_answer_feedback,
    stable_ident,
    zip_bytes,
)

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
#: IMS Content Packaging 1.1 (imscp_v1p1.xsd) and IMS Metadata 1.2.2 (imsmd_v1p2p2.xsd): the
#: names and namespaces those schemas declare (lower-case ``lifecycle``, ``langstring``,
#: ``datetime``), not the Common Cartridge ones.
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
IMSMD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _mattext(parent: ET.Element, html: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html, texttype="text/html")


def _field(metadata: ET.Element, label: str, entry: str) -> None:
    field = _sub(metadata, "qtimetadatafield")
    _sub(field, "fieldlabel", label)
    _sub(field, "fieldentry", entry)


def _langstring(parent: ET.Element, text: str, *, lang: str = "en") -> None:
    _sub(parent, "imsmd:langstring", text, **{"xml:lang": lang})


def _feedback(item: ET.Element, ident: str, text: str) -> None:
    _mattext(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), paragraphs_html(text))


def _condition(processing: ET.Element, *, cont: str) -> tuple[ET.Element, ET.Element]:
    condition = _sub(processing, "respcondition", **{"continue": cont})
    return condition, _sub(condition, "conditionvar")


def _item(section: ET.Element, question: quiz.Question, bundle: Bundle) -> None:
    ident = stable_ident("i", question.id)
    item = _sub(section, "item", ident=ident, title=question.id)
    metadata = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    if question.kind == "multiple_choice":
        kind = "multiple_choice_question"
    else:
        kind = "numerical_question" if is_numeric(question) else "short_answer_question"
    answer_ids = [f"{ident}_{i}" for i in range(1, len(question.options) + 1)]
    _field(metadata, "question_type", kind)
    _field(metadata, "points_possible", "1.0")
    _field(metadata, "original_answer_ids", ",".join(answer_ids))
    _field(metadata, "assessment_question_identifierref", stable_ident("q", question.id))
    presentation = _sub(item, "presentation")
    _mattext(presentation, paragraphs_html(question.prompt))
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0",
         varname="SCORE", vartype="Decimal")
    condition, var = _condition(processing, cont="Yes")
    _sub(var, "other")
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    feedback: list[tuple[str, str]] = []
    if question.kind == "multiple_choice":
        response = _sub(presentation, "response_lid", ident="response1", rcardinality="Single")
        choices = _sub(response, "render_choice")
        for answer_id, option in zip(answer_ids, question.options, strict=True):
            label = _sub(choices, "response_label", ident=answer_id)
            _mattext(label, paragraphs_html(option.text))
            condition, var = _condition(processing, cont="Yes")
            _sub(var, "varequal", answer_id, respident="response1")
            _sub(condition, "displayfeedback", feedbacktype="Response",
                 linkrefid=f"{answer_id}_fb")
            feedback.append((f"{answer_id}_fb", option.explanation))
        right = answer_ids[[o.correct for o in question.options].index(True)]
        condition, var = _condition(processing, cont="No")
        _sub(var, "varequal", right, respident="response1")
        _sub(condition, "setvar", "100", action="Set", varname="SCORE")
    else:
        numeric = is_numeric(question)
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        render = _sub(response, "render_fib", **({"fibtype": "Decimal"} if numeric else {}))
        _sub(render, "response_label", ident="answer1", **({} if numeric else {"rshuffle": "No"}))
        answers = numeric_answers(question) if numeric else list(question.accepted)
        for number, answer in enumerate(answers, start=1):
            condition, var = _condition(processing, cont="No")
            if numeric:
                either = _sub(var, "or")
                _sub(either, "varequal", answer, respident="response1")
                both = _sub(either, "and")
                _sub(both, "vargte", answer, respident="response1")
                _sub(both, "varlte", answer, respident="response1")
            else:
                _sub(var, "varequal", answer, respident="response1")
            _sub(condition, "setvar", "100", action="Set", varname="SCORE")
            _sub(condition, "displayfeedback", feedbacktype="Response",
                 linkrefid=f"{ident}_a{number}_fb")
            feedback.append((f"{ident}_a{number}_fb", question.explanation))
        condition, var = _condition(processing, cont="Yes")
        _sub(var, "other")
        _sub(condition, "displayfeedback", feedbacktype="Response",
             linkrefid="general_incorrect_fb")
        feedback.append(("general_incorrect_fb", short_answer_feedback(question)))
    _feedback(item, "general_fb", general_feedback(question, bundle.reviewed))
    for fb_ident, text in feedback:
        _feedback(item, fb_ident, text)


def assessment(lesson: str, questions: list[quiz.Question], bundle: Bundle) -> bytes:
    """One lesson's questions as a QTI 1.2 ``questestinterop`` document."""
    ident = stable_ident("a", TITLE, lesson)
    root = ET.Element("questestinterop", {
        "xmlns": QTI_NS, "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd",
    })
    test = _sub(root, "assessment", ident=ident, title=f"{TITLE}: {lesson}")
    _field(_sub(test, "qtimetadata"), "cc_maxattempts", "unlimited")
    section = _sub(test, "section", ident="root_section")
    for question in questions:
        _item(section, question, bundle)
    return _xml(root)


def assessment_meta(lesson: str, questions: list[quiz.Question], bundle: Bundle) -> bytes:
    """Canvas's quiz settings for one lesson: an ungraded practice quiz, answers shown."""
    ident = stable_ident("a", TITLE, lesson)
    root = ET.Element("quiz", {
        "identifier": ident, "xmlns": CANVAS_NS, "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd",
    })
    _sub(root, "title", f"{TITLE}: {lesson}")
    _sub(root, "description", paragraphs_html(f"{TITLE}: {lesson}. {bundle.notice}"))
    for tag, value in (
        ("shuffle_answers", "true"), ("scoring_policy", "keep_highest"),
        ("quiz_type", "practice_quiz"), ("points_possible", f"{len(questions):.1f}"),
        ("show_correct_answers", "true"), ("allowed_attempts", "-1"),
        ("one_question_at_a_time", "false"), ("cant_go_back", "false"),
        ("available", "false"),
    ):
        _sub(root, tag, value)
    return _xml(root)


def manifest(lessons: list[str], bundle: Bundle) -> bytes:
    """``imsmanifest.xml``: one QTI resource (and its Canvas settings) per lesson."""
    root = ET.Element("manifest", {
        "identifier": stable_ident("m", TITLE, *lessons), "xmlns": CP_NS,
        "xmlns:imsmd": IMSMD_NS, "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
                              f"{IMSMD_NS} http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd",
    })
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    lom = _sub(metadata, "imsmd:lom")
    general = _sub(lom, "imsmd:general")
    _langstring(_sub(general, "imsmd:title"), f"{TITLE} question bank")
    _langstring(_sub(general, "imsmd:description"), bundle.notice)
    # The review date as a contribution by the content's validator (IMS MD 1.2 vocabulary).
    contribute = _sub(_sub(lom, "imsmd:lifecycle"), "imsmd:contribute")
    role = _sub(contribute, "imsmd:role")
    _langstring(_sub(role, "imsmd:source"), "LOMv1.0", lang="x-none")
    _langstring(_sub(role, "imsmd:value"), "Validator", lang="x-none")
    date = _sub(contribute, "imsmd:date")
    _sub(date, "imsmd:datetime", bundle.reviewed.isoformat())
    _langstring(_sub(date, "imsmd:description"), "Content review date")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for lesson in lessons:
        ident = stable_ident("a", TITLE, lesson)
        resource = _sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
        _sub(resource, "file", href=f"{ident}/{ident}.xml")
        _sub(resource, "dependency", identifierref=f"{ident}_meta")
        meta = _sub(resources, "resource", identifier=f"{ident}_meta",
                    type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
                    href=f"{ident}/assessment_meta.xml")
        _sub(meta, "file", href=f"{ident}/assessment_meta.xml")
    return _xml(root)


def render(bundle: Bundle) -> bytes:
    """The bundle as a QTI 1.2 zip package (bytes), the same for the same content."""
    entries: dict[str, bytes] = {}
    by_lesson = bundle.by_lesson()
    for lesson, questions in by_lesson.items():
        ident = stable_ident("a", TITLE, lesson)
        entries[f"{ident}/{ident}.xml"] = assessment(lesson, questions, bundle)
        entries[f"{ident}/assessment_meta.xml"] = assessment_meta(lesson, questions, bundle)
    entries["imsmanifest.xml"] = manifest(list(by_lesson), bundle)
    return zip_bytes(entries, bundle.reviewed)
