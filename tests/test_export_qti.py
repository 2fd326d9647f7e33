"""QTI 1.2 export: the zip's manifest, every assessment and every item, opened and checked."""

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from pannet_edu.content.reviews import content_reviewed
from pannet_edu.export import render
from pannet_edu.practice import quiz

Q = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
# IMS Content Packaging 1.1 and IMS Metadata 1.2.2, as their schemas (imscp_v1p1.xsd,
# imsmd_v1p2p2.xsd) name them.
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
MD = "{http://www.imsglobal.org/xsd/imsmd_v1p2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Every element imsmd_v1p2p2.xsd declares that the manifest may use here (all lower case).
IMSMD_ELEMENTS = {"lom", "general", "title", "description", "langstring", "lifecycle",
                  "contribute", "role", "source", "value", "date", "datetime"}


def _text(element) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", element.find(f".//{Q}mattext").text)).strip()


@pytest.fixture(scope="module")
def package():
    data = render("qti", include_vignettes=8, seed=4)
    return data, zipfile.ZipFile(io.BytesIO(data))


def test_the_manifest_lists_one_quiz_per_lesson_and_every_file_exists(package):
    _, archive = package
    names = set(archive.namelist())
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    quizzes = [r for r in resources if r.get("type") == "imsqti_xmlv1p2"]
    assert len(quizzes) == len(quiz.lessons())
    hrefs = [f.get("href") for r in resources for f in r.findall(f"{CP}file")]
    assert set(hrefs) == names - {"imsmanifest.xml"}
    ids = {r.get("identifier") for r in resources}
    for resource in quizzes:
        assert resource.find(f"{CP}dependency").get("identifierref") in ids
    assert content_reviewed().isoformat() in archive.read("imsmanifest.xml").decode()


def test_the_manifest_is_ims_cp_1_1_with_ims_metadata_1_2_2(package):
    _, archive = package
    text = archive.read("imsmanifest.xml").decode()
    manifest = ET.fromstring(text)
    assert manifest.tag == f"{CP}manifest"
    assert "http://www.imsglobal.org/xsd/imscp_v1p1.xsd" in text
    assert "http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd" in text
    metadata = manifest.find(f"{CP}metadata")
    assert metadata.find(f"{CP}schema").text == "IMS Content"
    assert metadata.find(f"{CP}schemaversion").text.startswith("1.1")
    lom = metadata.find(f"{MD}lom")
    for element in lom.iter():
        namespace, name = element.tag[1:].split("}")
        assert "{" + namespace + "}" == MD and name in IMSMD_ELEMENTS, element.tag
    title = lom.find(f"{MD}general/{MD}title/{MD}langstring")
    assert title.text == "pannet-edu question bank" and title.get(XML_LANG) == "en"
    description = lom.find(f"{MD}general/{MD}description/{MD}langstring").text
    assert description.startswith(f"Content reviewed {content_reviewed().isoformat()}.")
    contribute = lom.find(f"{MD}lifecycle/{MD}contribute")
    assert contribute.find(f"{MD}role/{MD}source/{MD}langstring").text == "LOMv1.0"
    assert contribute.find(f"{MD}role/{MD}value/{MD}langstring").text == "Validator"
    assert contribute.find(f"{MD}date/{MD}datetime").text == content_reviewed().isoformat()


def test_every_item_has_its_options_feedback_and_one_scoring_rule(package):
    _, archive = package
    bank = quiz.load_bank()
    items = []
    for name in archive.namelist():
        if name.endswith(".xml") and not name.endswith(("assessment_meta.xml", "imsmanifest.xml")):
            root = ET.fromstring(archive.read(name))
            items += root.iter(f"{Q}item")
    assert len(items) == len(bank) + 8
    for item in items:
        fields = {f.find(f"{Q}fieldlabel").text: f.find(f"{Q}fieldentry").text
                  for f in item.iter(f"{Q}qtimetadatafield")}
        kind = fields["question_type"]
        feedback = {f.get("ident"): _text(f) for f in item.findall(f"{Q}itemfeedback")}
        assert "Content reviewed" in feedback["general_fb"]
        assert "For education only" in feedback["general_fb"]
        assert all(text for text in feedback.values())
        scoring = [c for c in item.iter(f"{Q}respcondition")
                   if c.find(f"{Q}setvar") is not None]
        links = {d.get("linkrefid") for d in item.iter(f"{Q}displayfeedback")}
        assert links <= set(feedback)
        qid = item.get("title")
        if kind == "multiple_choice_question":
            labels = [r.get("ident") for r in item.iter(f"{Q}response_label")]
            assert fields["original_answer_ids"].split(",") == labels
            assert all(f"{label}_fb" in feedback for label in labels), "feedback per option"
            assert len(scoring) == 1
            right = scoring[0].find(f".//{Q}varequal").text
            if qid in bank:
                options = bank[qid].options
                assert [_text(r) for r in item.iter(f"{Q}response_label")] == [
                    o.text for o in options]
                assert options[labels.index(right)].correct
                for label, option in zip(labels, options, strict=True):
                    assert feedback[f"{label}_fb"] == option.explanation
        else:
            source = bank[qid]
            assert kind in ("short_answer_question", "numerical_question")
            assert "general_incorrect_fb" in feedback
            assert len(scoring) >= 1
            if kind == "short_answer_question":
                assert [c.find(f".//{Q}varequal").text for c in scoring] == list(source.accepted)


def test_zip_entries_are_sorted_with_fixed_times_and_re_export_is_byte_stable(package):
    data, archive = package
    reviewed = content_reviewed()
    assert archive.namelist() == sorted(archive.namelist())
    assert {i.date_time[:3] for i in archive.infolist()} == {
        (reviewed.year, reviewed.month, reviewed.day)}
    assert render("qti", include_vignettes=8, seed=4) == data
