"""The class report's numbers against values computed by hand, a synthetic class of 200 learners
whose planted misconceptions the report must surface, and the refusal of bad files."""

from __future__ import annotations

import json
import time

import pytest
from synthetic_class import PLANTED, class_exports

from pannet_edu.plots.class_report import report_page
from pannet_edu.practice.attempt_files import (
    export_code,
    export_json,
    read_export,
    read_exports,
    read_named,
)
from pannet_edu.practice.class_stats import (
    MIN_LEARNERS,
    class_report,
    discrimination_index,
    facility,
)
from pannet_edu.views.class_report import report_html

DAY = "2026-12-01"


def _rec(item, correct, n, *, answer="", kind="quiz", retry=False, **extra):
    return {"k": kind, "i": item, "a": answer, "c": int(correct), "r": 2 if retry else 1,
            "d": DAY, "n": n, **extra}


def _exports(table):
    """One export per learner from {learner: [(item, right), ...]}."""
    texts = []
    for learner, answers in table.items():
        records = [_rec(item, right, f"{learner}{i:04d}") for i, (item, right) in
                   enumerate(answers)]
        texts.append((f"{learner}.json", export_json(records)))
    accepted, refused = read_named(texts)
    assert not refused
    return accepted


# --- The statistics, by hand -------------------------------------------------------------------


def test_facility_is_the_mean_score_over_the_maximum():
    assert facility([1, 0, 0, 1, 1]) == pytest.approx(0.6)
    assert facility([2, 1], max_score=2) == pytest.approx(0.75)
    assert facility([]) is None


def test_discrimination_is_the_correlation_with_the_rest_of_the_test():
    # Hand: item 1,1,0,0; rest 1,0,1,2. Means 0.5 and 1; deviation products 0, -0.5, 0, -0.5;
    # covariance sum -1; variance sums 1 and 2; r = -1/sqrt(2).
    assert discrimination_index([1, 1, 0, 0], [1, 0, 1, 2]) == pytest.approx(-0.70710678)
    # Hand: item 1,0,1,0,1; rest 4,1,3,2,5: means 0.6 and 3; deviations (.4,-.6,.4,-.6,.4) and
    # (1,-2,0,-1,2); products .4, 1.2, 0, .6, .8: covariance sum 3; variance sums 1.2 and 10;
    # r = 3/sqrt(12) = 0.8660254.
    assert discrimination_index([1, 0, 1, 0, 1], [4, 1, 3, 2, 5]) == pytest.approx(0.8660254)
    assert discrimination_index([1, 1], [2, 3]) is None  # the item does not vary
    with pytest.raises(ValueError, match="one score per learner"):
        discrimination_index([1, 0], [1])


def test_the_report_computes_moodles_numbers_from_first_tries():
    exports = _exports({
        "A": [("cls-01", 1), ("cls-02", 1), ("cls-03", 0)],
        "B": [("cls-01", 1), ("cls-02", 0), ("cls-03", 0)],
        "C": [("cls-01", 0), ("cls-02", 0), ("cls-03", 1)],
        "D": [("cls-01", 0), ("cls-02", 1), ("cls-03", 1)],
    })
    report = class_report(exports)
    items = {i.item: i for i in report.items}
    # cls-01: scores 1,1,0,0; rest (totals 2,1,1,2 minus it) 1,0,1,2 -> r = -1/sqrt(2).
    assert items["cls-01"].facility == pytest.approx(0.5)
    assert items["cls-01"].discrimination == pytest.approx(-0.70710678)
    assert (items["cls-01"].learners, items["cls-01"].right_first) == (4, 2)
    # cls-03: scores 0,0,1,1; rest 2,1,0,1 -> deviations (-.5,-.5,.5,.5)(1,0,-1,0): r = -1/sqrt(2)
    assert items["cls-03"].discrimination == pytest.approx(-0.70710678)
    assert report.learners == 4 and report.records == 12


def test_only_the_first_try_counts_and_a_retry_never_does():
    records = [_rec("cls-01", False, "a0000001", answer="NET G2"),
               _rec("cls-01", True, "a0000002", retry=True),
               _rec("cls-01", True, "a0000003")]  # the same question again later
    (export,), _ = read_named([("a.json", export_json(records))])
    (item,) = class_report([export]).items
    assert (item.learners, item.right_first, item.facility) == (1, 0, 0.0)
    assert [(w.answer, w.learners) for w in item.wrong] == [("NET G2", 1)]


def test_a_vignette_kind_scores_the_mean_of_its_first_tries():
    records = [_rec("vig-1", True, "b0000001", kind="vignette", g="grade"),
               _rec("vig-2", False, "b0000002", kind="vignette", g="grade", answer="NET G2"),
               _rec("vig-2", True, "b0000003", kind="vignette", g="grade")]
    (export,), _ = read_named([("b.json", export_json(records))])
    (item,) = class_report([export]).items
    assert item.item == "vignette:grade" and item.facility == pytest.approx(0.5)


def test_wrong_quiz_options_carry_the_feedback_of_the_bank():
    wrong = "Placebo injections every 4 weeks"
    exports = _exports({})  # none
    records = [[_rec("prrt-02", False, f"{i}0000000", answer=wrong)] for i in range(MIN_LEARNERS)]
    named = [(f"{i}.json", export_json(r)) for i, r in enumerate(records)]
    exports, _ = read_named(named)
    report = class_report(exports)
    (found,) = report.misconceptions
    assert found.answer == wrong and found.learners == MIN_LEARNERS
    assert found.feedback.startswith("No. NETTER-1 was open-label")
    assert found.section.lesson == "05_prrt" and "NETTER-1" in found.section.title


# --- A synthetic class of 200 -------------------------------------------------------------------


def test_a_class_of_200_surfaces_the_five_planted_misconceptions_quickly():
    texts = class_exports(200, seed=11)  # the learners' side (not timed)
    # Processor time of this process: the two cores are shared, and wall time measures the
    # neighbours' load as much as this code.
    start = time.process_time()
    accepted, refused = read_named([(f"learner{i}.json", t) for i, t in enumerate(texts)])
    report = class_report(accepted, refused)
    page = report_page(report, lessons_url="handouts/")
    elapsed = time.process_time() - start
    assert not refused and report.learners == 200
    planted = {(("vignette:" + extra["g"]) if kind == "vignette" else
                f"case:{item}" if kind == "case" else item) for kind, item, *_r, extra in PLANTED}
    assert {m.item.item for m in report.misconceptions} == planted
    shown = {m.item.item: m.answer for m in report.misconceptions}
    assert shown["case:nec_large_cell/first_line"] == "somatostatin analogue (SSA)"
    assert shown["prrt-01"] == "SSTR-positive panNETs progressing on lanreotide"
    for misconception in report.misconceptions:
        assert misconception.section is not None and misconception.feedback
    step = next(s for s in report.steps if s.case_id == "nec_large_cell")
    ssa = next(c for c in step.choices if c.therapy == "ssa")
    assert not ssa.strongest and ssa.principle.startswith("NET/NEC split")
    assert 'href="handouts/05_prrt.html#NETTER-1:-the-registration-trial' in page
    assert page.count("<img ") == 2 and 'alt="Bar chart of the 5 wrong answers' in page
    assert elapsed < 10, f"the class of 200 took {elapsed:.1f} s"


# --- Refusals -------------------------------------------------------------------------------


@pytest.fixture
def one_export():
    return export_json([_rec("cls-01", True, "c0000001"), _rec("cls-02", False, "c0000002")])


def test_a_tampered_file_is_refused_by_name(one_export):
    changed = one_export.replace('"c": 0', '"c": 1')
    with pytest.raises(ValueError, match=r"^bob\.json: refused: it was changed after export"):
        read_export(changed, "bob.json")


def test_a_truncated_file_or_code_is_refused_by_name(one_export):
    with pytest.raises(ValueError, match=r"^cut\.json: refused: the file is cut short"):
        read_export(one_export[: len(one_export) // 2], "cut.json")
    code = export_code([_rec("cls-01", True, "d0000001")])
    with pytest.raises(ValueError, match=r"^pasted: refused: the code is cut short"):
        read_export(code[:-8], "pasted")
    payload = json.loads(one_export)
    del payload["checksum"]
    with pytest.raises(ValueError, match="checksum is missing"):
        read_export(json.dumps(payload), "nosum.json")


@pytest.mark.parametrize("content", ["name,score\nann,3\n", '{"format": "other", "version": 1}',
                                     "[1, 2, 3]", b"\x89PNG\r\n\x1a\n\x00"])
def test_a_foreign_file_is_refused_by_name(content):
    with pytest.raises(ValueError, match=r"^other\.file: refused: not a pannet-edu"):
        read_export(content, "other.file")


def test_a_newer_version_is_refused_not_misread(one_export):
    payload = json.loads(one_export)
    payload["version"] = 2
    with pytest.raises(ValueError, match="export version 2; this pannet-edu reads version 1"):
        read_export(json.dumps(payload), "new.json")


def test_duplicates_are_refused_naming_both_files(tmp_path, one_export):
    first, copy, overlap = tmp_path / "ann.json", tmp_path / "ann (1).json", tmp_path / "ann2.json"
    first.write_text(one_export)
    copy.write_text(one_export)
    records = [_rec("cls-01", True, "c0000001"), _rec("cls-03", True, "c0000003")]
    overlap.write_text(export_json(records))  # the same learner's record, exported again later
    accepted, refused = read_exports([first, copy, overlap, tmp_path / "missing.json"])
    assert [e.name for e in accepted] == [str(first)]
    messages = [str(r) for r in refused]
    assert messages[0].startswith(f"{tmp_path / 'missing.json'}: refused: cannot be read")
    assert messages[1] == f"{copy}: refused: a duplicate of {first} (the same export twice); " \
                          "it is counted once"
    assert messages[2].startswith(f"{overlap}: refused: 1 of its records are already in {first}")


def test_refused_files_never_change_the_report_silently(one_export):
    good, _ = read_named([("good.json", one_export)])
    alone = class_report(good)
    accepted, refused = read_named([("good.json", one_export), ("bad.json", one_export[:50])])
    with_bad = class_report(accepted, refused)
    assert [(i.item, i.facility) for i in with_bad.items] == \
        [(i.item, i.facility) for i in alone.items]
    page = report_html(with_bad)
    assert "1 file(s) refused" in page and "bad.json: refused: the file is cut short" in page
    assert page.index("refused") < page.index("Five misconceptions")


def test_a_record_with_a_bad_field_is_refused_even_with_a_matching_checksum():
    payload = json.loads(export_json([_rec("cls-01", True, "e0000001")]))
    payload["records"][0]["c"] = 7
    from pannet_edu.practice.attempt_files import _checksum

    payload["checksum"] = _checksum(payload)
    with pytest.raises(ValueError, match="record 1 is damaged: record field c must be 1, 0"):
        read_export(json.dumps(payload), "odd.json")


def test_report_text_is_escaped():
    records = [_rec("sc-x", False, f"{i}f000000", kind="selfcheck", q="<script>x</script>",
                    x="<b>typed</b>") for i in range(3)]
    exports, _ = read_named([(f"{i}.json", export_json([r], include_text=True))
                             for i, r in enumerate(records)])
    page = report_html(class_report(exports))
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_every_lesson_question_is_linked_to_a_numbered_section_of_its_lesson():
    from pannet_edu.content.manifest import load_manifest
    from pannet_edu.practice.lesson_sections import teaching_section
    from pannet_edu.practice.question_bank import load_bank

    lessons = {entry.id for entry in load_manifest() if entry.kind == "lesson"}
    unlinked = []
    for question in load_bank().values():
        if question.lesson not in lessons:
            continue
        right = " ".join(f"{o.text} {o.explanation}" for o in question.options if o.correct)
        section = teaching_section(question.lesson, f"{question.prompt} {right} "
                                                    f"{question.explanation}")
        if not section.title or not section.anchor:
            unlinked.append(question.id)
    assert not unlinked, f"questions no lesson section matches: {unlinked}"


def test_codes_in_a_course_platforms_download_are_read_one_by_one(tmp_path):
    codes = [export_code([_rec("cls-01", i % 2, f"9{i:07d}")]) for i in range(3)]
    download = tmp_path / "text-box-answers.csv"
    download.write_text("learner,answer\n" + "".join(
        f'{i},"{code}"\n' for i, code in enumerate([codes[0], codes[1][:-10], codes[2]])))
    accepted, refused = read_exports([download])
    assert [e.name for e in accepted] == [f"{download} (code 1)", f"{download} (code 3)"]
    assert [str(r) for r in refused] == [f"{download} (code 2): refused: the code is cut short "
                                         "or damaged (copy the whole code, from PNET1. to its "
                                         "last character)"]


def test_a_crafted_file_can_neither_plant_a_link_nor_break_the_figures():
    bad = json.loads(export_json([_rec("cls-01", False, "f0000001")]))
    bad["records"][0]["l"] = "javascript:alert(1)//"
    from pannet_edu.practice.attempt_files import _checksum

    bad["checksum"] = _checksum(bad)  # the checksum is no seal: the record itself is checked
    with pytest.raises(ValueError, match="record field l must be a lesson id"):
        read_export(json.dumps(bad), "crafted.json")
    records = [[_rec("sc-y", False, f"{i}a000000", kind="selfcheck", l="99_no_such_lesson",
                     q="Costs $5 or $6?", a="$5 $$")] for i in range(MIN_LEARNERS)]
    exports, refused = read_named([(f"{i}.json", export_json(r)) for i, r in enumerate(records)])
    report = class_report(exports, refused)
    assert report.misconceptions[0].section is None  # an unknown lesson gets no link
    page = report_page(report)
    assert "99_no_such_lesson.html" not in page and page.count("<img ") == 1


# --- Readings of the inside-the-evidence tool ---------------------------------------------------


def _fit_rows(therapy, patient, overall, trials, tag):
    from pannet_edu.engine import Patient
    from pannet_edu.evidence.patient_fit import check_reading, evidence_fit
    from pannet_edu.practice.attempts import evidence_fit_records

    reading = check_reading(evidence_fit(therapy, Patient(**patient)), overall, trials)
    return [{**row, "d": DAY, "n": f"{tag}{i:03d}"}
            for i, row in enumerate(evidence_fit_records(reading))]


def test_a_trial_fit_question_counts_each_wrong_answer_with_the_criterion_that_decides_it():
    above_range = {"ki67": 15, "sstr": "positive"}   # outside CLARINET: Ki-67 above its range
    negative = {"ki67": 5, "sstr": "negative"}        # outside CLARINET: no SSTR uptake
    named = []
    for i in range(MIN_LEARNERS + 1):                 # four judge the Ki-67 15% patient inside
        named.append((f"k{i}.json", export_json(
            _fit_rows("ssa", above_range, "outside", {"CLARINET": "inside"}, f"aa{i}0"))))
    for i in range(2):                                # two judge the SSTR-negative patient inside
        named.append((f"s{i}.json", export_json(
            _fit_rows("ssa", negative, "outside", {"CLARINET": "inside"}, f"bb{i}0"))))
    named.append(("right.json", export_json(
        _fit_rows("ssa", above_range, "outside", {"CLARINET": "outside"}, "cc00"))))
    exports, refused = read_named(named)
    assert not refused
    report = class_report(exports)
    items = {i.item: i for i in report.items}
    clarinet = items["fit:ssa/CLARINET"]
    assert (clarinet.learners, clarinet.right_first) == (7, 1)
    assert clarinet.facility == pytest.approx(1 / 7)
    assert [(w.answer, w.learners, w.feedback) for w in clarinet.wrong] == [
        ("inside", 4, "Outside: CLARINET enrolled Ki-67 below 10%."),
        ("inside", 2, "Outside: CLARINET enrolled SSTR-positive disease."),
    ]
    assert clarinet.prompt == ("Inside the evidence: is the patient inside CLARINET, a trial of "
                               "somatostatin analogue (SSA)?")
    assert clarinet.section.lesson == "03_somatostatin_analogues"
    assert clarinet.section.title.startswith("CLARINET: lanreotide")
    assert items["fit:ssa/overall"].facility == 1.0  # every learner read overall right
    (found,) = report.misconceptions                  # the two-learner reason is not shared enough
    assert (found.item.item, found.answer, found.learners) == ("fit:ssa/CLARINET", "inside", 4)
    assert found.feedback == "Outside: CLARINET enrolled Ki-67 below 10%."
    page = report_html(report, lessons_url="handouts/")
    table = page[page.index("Inside the evidence, trial by trial"):]
    assert "criterion that decides each" in table
    assert "inside (4): <span class=\"muted\">Outside: CLARINET enrolled Ki-67 below 10%." in table
    assert "What decides it: <em>Outside: CLARINET enrolled Ki-67 below 10%.</em>" in page
    assert 'href="handouts/03_somatostatin_analogues.html#CLARINET:-lanreotide' in page


def test_each_patient_read_is_a_question_of_its_own_and_only_its_first_reading_counts():
    rows = (_fit_rows("ssa", {"ki67": 5, "sstr": "positive"}, "inside",
                      {"CLARINET": "inside"}, "dd0")
            + _fit_rows("ssa", {"ki67": 15, "sstr": "positive"}, "outside",
                        {"CLARINET": "inside"}, "dd1"))
    again = _fit_rows("ssa", {"ki67": 15, "sstr": "positive"}, "outside",
                      {"CLARINET": "outside"}, "dd2")   # the same patient checked a second time
    (export,), _ = read_named([("one.json", export_json(rows + again))])
    items = {i.item: i for i in class_report([export]).items}
    assert items["fit:ssa/CLARINET"].facility == pytest.approx(0.5)  # one of two patients right
    assert items["fit:ssa/overall"].facility == 1.0


def test_a_fit_record_from_a_tampered_or_foreign_file_is_still_refused():
    text = export_json(_fit_rows("ssa", {"ki67": 15, "sstr": "positive"}, "inside",
                                 {"CLARINET": "inside"}, "ee0"))
    with pytest.raises(ValueError, match=r"^t\.json: refused: it was changed after export"):
        read_export(text.replace('"a": "inside"', '"a": "outside"', 1), "t.json")
    payload = json.loads(text)
    payload["records"][0]["k"] = "evidence"           # a kind no version of the tool writes
    from pannet_edu.practice.attempt_files import _checksum

    payload["checksum"] = _checksum(payload)
    with pytest.raises(ValueError, match="record 1 is damaged: record field k must be one of"):
        read_export(json.dumps(payload), "odd.json")


def test_a_class_of_200_surfaces_an_outside_patient_judged_inside_a_trial():
    from synthetic_class import FIT_OUTSIDE, PLANTED_FIT

    accepted, refused = read_named([(f"learner{i}.json", t)
                                    for i, t in enumerate(class_exports(200, seed=11, fit=True))])
    report = class_report(accepted, refused)
    assert not refused and report.learners == 200
    item, answer, _share = PLANTED_FIT
    found = {m.item.item: m for m in report.misconceptions}
    assert item in found, [m.item.item for m in report.misconceptions]
    clarinet = found[item]
    assert clarinet.answer == answer and clarinet.learners > 70
    assert clarinet.feedback == "Outside: CLARINET enrolled Ki-67 below 10%."
    assert clarinet.section.title.startswith("CLARINET: lanreotide")
    # The planted misconceptions lead the ranking; no background answer pushes in.
    planted = {(("vignette:" + extra["g"]) if kind == "vignette" else
                f"case:{i}" if kind == "case" else i) for kind, i, *_r, extra in PLANTED}
    assert set(found) <= planted | {item, "fit:ssa/overall"}
    assert FIT_OUTSIDE.ki67 == 15  # the criterion above is the one this patient breaks
