"""Corrupted content: every data file, every kind of instructor mistake, one clear error, fast.

Each test copies the packaged data folder, breaks one file the way an instructor might, points
the loaders at the copy (``PANNET_EDU_DATA_DIR``) and checks that loading fails with a
``ValueError`` naming the file, the entry and the field, using under a second of this process's
CPU time (CPU, not wall-clock, so a busy machine does not make the test flaky).
"""

from __future__ import annotations

import gc
import shutil
import time
from pathlib import Path

import pytest

from pannet_edu import evidence
from pannet_edu.clinic import imaging, syndromes
from pannet_edu.content import reader, reviews
from pannet_edu.practice import cases, exercises, quiz

DATA = reader.PACKAGE_DATA_DIR

#: One loader per data file (each reads the folder PANNET_EDU_DATA_DIR points at).
LOADERS = {
    "questions/01_classification_and_staging.yaml": lambda: quiz.load_bank(),
    "exercises/01_classification_and_staging.yaml": lambda: exercises.exercises(),
    "cases/vipoma.yaml": lambda: cases.case_bank(),
    "therapies.yaml": lambda: evidence.therapies(),
    "trials.csv": lambda: evidence.trials(),
    "label_figures.csv": lambda: evidence.label_figures(),
    "syndromes.yaml": lambda: syndromes.load_syndromes(),
    "imaging.yaml": lambda: imaging.load_imaging(),
    "meta.yaml": lambda: reviews.content_reviewed(),
}
YAML_FILES = [name for name in LOADERS if name.endswith(".yaml")]

# 9 x 9 x ... "lol": 333 bytes that expand to 387 million strings if aliases are followed.
ALIAS_BOMB = (
    '\nbomb_a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"bomb_{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
)

#: (file, mistake) -> (text replaced, replacement, fragments the error must contain).
#: The fragments name the file (always checked), the entry and the field.
THERAPIES = "therapies.yaml"


def _line_of(name: str, start: str) -> int:
    """The 1-based number of the first line of a packaged data file that starts with ``start``."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


MISTAKES = {
    # --- a question file ---
    ("questions/01_classification_and_staging.yaml", "indentation"): (
        "    kind: multiple_choice\n    prompt:", "    kind: multiple_choice\n     prompt:",
        ["line 10"]),
    ("questions/01_classification_and_staging.yaml", "tab"): (
        "\n    kind: multiple_choice", "\n\tkind: multiple_choice", ["line 9", "tab"]),
    ("questions/01_classification_and_staging.yaml", "missing field"): (
        "    kind: multiple_choice\n", "", ["entry cls-01, field kind:"]),
    ("questions/01_classification_and_staging.yaml", "number as text"): (
        "        correct: false", '        correct: "false"',
        ["entry cls-01, field options[1].correct:"]),
    ("questions/01_classification_and_staging.yaml", "duplicate id"): (
        "id: cls-02\n", "id: cls-01\n", ["entry cls-01, field id: duplicate id"]),
    ("questions/01_classification_and_staging.yaml", "duplicate key"): (
        "    kind: multiple_choice\n", "    kind: multiple_choice\n    kind: short_answer\n",
        ["line 10", "'kind'", "given twice"]),
    ("questions/01_classification_and_staging.yaml", "unknown reference"): (
        "lesson: 01_classification_and_staging", "lesson: 01_classification",
        ["field 'lesson'", "'01_classification'"]),
    ("questions/01_classification_and_staging.yaml", "bad identifier"): (
        "id: cls-01\n", "id: cls 01!\n", ["entry 'cls 01!', field id:"]),
    # --- an exercise file ---
    ("exercises/01_classification_and_staging.yaml", "indentation"): (
        "    kind: grade\n", "     kind: grade\n", ["line 15"]),
    ("exercises/01_classification_and_staging.yaml", "tab"): (
        "\n    kind: grade", "\n\tkind: grade", ["line 15", "tab"]),
    ("exercises/01_classification_and_staging.yaml", "missing field"): (
        "    kind: grade\n", "", ["entry grade-1, field kind:"]),
    ("exercises/01_classification_and_staging.yaml", "number as text"): (
        "    ki67_percent: 8\n", '    ki67_percent: "8"\n',
        ["entry grade-1, field ki67_percent:", "ki67"]),
    ("exercises/01_classification_and_staging.yaml", "duplicate id"): (
        "id: grade-2\n", "id: grade-1\n", ["entry grade-1, field id: duplicate id"]),
    ("exercises/01_classification_and_staging.yaml", "duplicate key"): (
        "    ki67_percent: 8\n", "    ki67_percent: 8\n    ki67_percent: 9\n",
        ["'ki67_percent'", "given twice"]),
    ("exercises/01_classification_and_staging.yaml", "unknown reference"): (
        "    kind: grade\n", "    kind: grading\n", ["entry grade-1, field kind:", "'grading'"]),
    ("exercises/01_classification_and_staging.yaml", "bad identifier"): (
        "id: grade-1\n", "id: grade 1?\n", ["entry 'grade 1?', field id:"]),
    # --- a case file ---
    ("cases/vipoma.yaml", "indentation"): ("  sstr: positive\n", "   sstr: positive\n",
                                           ["line 14"]),
    ("cases/vipoma.yaml", "tab"): ("\n  ki67: 5", "\n\tki67: 5", ["line 12", "tab"]),
    ("cases/vipoma.yaml", "missing field"): (
        "title: VIPoma with profuse watery diarrhoea\n", "", ["entry vipoma, field title:"]),
    ("cases/vipoma.yaml", "number as text"): (
        "  ki67: 5\n", '  ki67: "5"\n', ["entry vipoma, field patient.ki67:"]),
    ("cases/vipoma.yaml", "duplicate id"): (
        "  - id: growth_on_ssa", "  - id: syndrome_control",
        ["entry vipoma, step syndrome_control, field id:"]),
    ("cases/vipoma.yaml", "duplicate key"): (  # a second `everolimus:` block
        "      capecitabine_temozolomide:\n", "      everolimus:\n",
        ["'everolimus'", "given twice", "line"]),
    ("cases/vipoma.yaml", "unknown reference"): (
        "      prrt:\n", "      lutetium_magic:\n",
        ["entry vipoma, step syndrome_control, field options.lutetium_magic:"]),
    ("cases/vipoma.yaml", "bad identifier"): ("id: vipoma\n", "id: vipoma!\n",
                                              ["entry vipoma!, field id:"]),
    ("cases/vipoma.yaml", "infinite months"): (
        "    month: 26\n", "    month: .inf\n", ["entry vipoma, step growth_on_ssa, field month:",
                                                 "finite"]),
    ("cases/vipoma.yaml", "NaN months"): (
        "    month: 26\n", "    month: .nan\n", ["entry vipoma, step growth_on_ssa, field month:"]),
    # --- the therapy catalogue ---
    ("therapies.yaml", "indentation"): ("  therapy_class: ssa\n", "   therapy_class: ssa\n",
                                        [f"line {_line_of(THERAPIES, '  therapy_class: ssa')}"]),
    ("therapies.yaml", "tab"): ("\n  name: Somatostatin analogues",
                                "\n\tname: Somatostatin analogues",
                                [f"line {_line_of(THERAPIES, '  name: Somatostatin')}",
                                 "tab"]),
    ("therapies.yaml", "missing field"): ("  therapy_class: ssa\n", "",
                                          ["entry ssa, field therapy_class:"]),
    ("therapies.yaml", "number as text"): ("      percent: 26\n", '      percent: "26"\n',
                                           ["entry ssa, field toxicities[1].percent:"]),
    ("therapies.yaml", "duplicate key"): ("\nsunitinib:\n", "\neverolimus:\n",
                                          ["'everolimus'", "given twice",
                                           f"first at line {_line_of(THERAPIES, 'everolimus:')}"]),
    ("therapies.yaml", "unknown reference"): (
        "  key_trials: [PROMID, CLARINET, CLARINET FORTE]",
        "  key_trials: [PROMID, CLARINET, CLARINET ZETA]",
        ["entry ssa, field key_trials:", "CLARINET ZETA"]),
    ("therapies.yaml", "bad identifier"): ("\nssa:\n", "\nSSA analogues:\n",
                                           ["entry SSA analogues, field id:"]),
    # --- trials.csv ---
    ("trials.csv", "missing field"): (
        ",RINKE_2009,", ",,",
        ["entry PROMID / all, field source_id:"]),
    ("trials.csv", "number as text"): (",85,14.3,6.0,", ",85,14.3 months,6.0,",
                                       ["entry PROMID / all, field pfs_median:"]),
    ("trials.csv", "infinite months"): (",85,14.3,6.0,", ",85,inf,6.0,",
                                        ["entry PROMID / all, field pfs_median:", "finite"]),
    ("trials.csv", "unknown reference"): ("PROMID,all,ssa,", "PROMID,all,ssax,",
                                          ["entry PROMID / all, field therapy:", "'ssax'"]),
    ("trials.csv", "bad identifier"): (",RINKE_2009,", ",ＲＩＮＫＥ_2009,",
                                       ["entry PROMID / all, field source_id:",
                                        "unknown source id"]),
    ("trials.csv", "stray comma"): ("PROMID,all,ssa,", "PROMID,all,,ssa,", ["line 2"]),
    # --- label_figures.csv ---
    ("label_figures.csv", "missing field"): (",conflicting,", ",,",
                                             ["entry CABINET / pancreatic, field confidence:"]),
    ("label_figures.csv", "number as text"): (",99,13.8,", ",ninety-nine,13.8,",
                                              ["entry CABINET / pancreatic, field n:"]),
    ("label_figures.csv", "unknown reference"): (
        "CABINET,pancreatic,FDA", "CABINET,pancreas,FDA",
        ["entry CABINET / pancreas, field cohort:", "no such trial"]),
    ("label_figures.csv", "impossible date"): (
        "CABINET,pancreatic,FDA,2025-03-26", "CABINET,pancreatic,FDA,2025-02-30",
        ["entry CABINET / pancreatic, field approval_date:", "not a date"]),
    ("label_figures.csv", "future date"): (
        "CABINET,pancreatic,FDA,2025-03-26", "CABINET,pancreatic,FDA,2099-03-26",
        ["entry CABINET / pancreatic, field approval_date:", "future"]),
    # --- syndromes.yaml ---
    ("syndromes.yaml", "indentation"): ("    hormone: insulin\n", "     hormone: insulin\n",
                                        ["line 10"]),
    ("syndromes.yaml", "tab"): ("\n    hormone: insulin", "\n\thormone: insulin",
                                ["line 10", "tab"]),
    ("syndromes.yaml", "missing field"): ("    sources: [HAYES_2022, ENETS_2023_FUNCTIONING]\n",
                                          "", ["entry acthoma", "field sources"]),
    ("syndromes.yaml", "number as text"): ("    sources: [HAYES_2022, ENETS_2023_FUNCTIONING]\n",
                                           "    sources: [35980277, ENETS_2023_FUNCTIONING]\n",
                                           ["entry acthoma", "field sources", "35980277"]),
    ("syndromes.yaml", "duplicate id"): ("  - id: gastrinoma\n", "  - id: insulinoma\n",
                                         ["entry insulinoma", "field id", "twice"]),
    ("syndromes.yaml", "duplicate key"): ('    presentation: "Severe peptic',
                                          '    hormone: "Severe peptic',
                                          ["'hormone'", "given twice"]),
    ("syndromes.yaml", "unknown reference"): (
        "    sources: [BJR_2012_TABLE, ENETS_2023_FUNCTIONING]\n",
        "    sources: [BJR_2021_TABLE]\n",
        ["entry gastrinoma", "field sources", "BJR_2021_TABLE"]),
    ("syndromes.yaml", "bad identifier"): ("  - id: insulinoma\n", "  - id: insulin-oma\n",
                                           ["entry insulin-oma", "field id"]),
    # --- imaging.yaml ---
    ("imaging.yaml", "indentation"): ('    uptake: "no uptake"\n', '     uptake: "no uptake"\n',
                                      ["line 8"]),
    ("imaging.yaml", "tab"): ('\n    requirement: "SSTR-positive target',
                              '\n\trequirement: "SSTR-positive target', ["line 41", "tab"]),
    ("imaging.yaml", "missing field"): ('    uptake: "no uptake"\n', "",
                                        ["krenning_scale score 0", "field uptake"]),
    ("imaging.yaml", "number as text"): ("  - score: 0\n", '  - score: "0"\n',
                                         ["krenning_scale", "field score"]),
    ("imaging.yaml", "duplicate id"): ("  - score: 1\n", "  - score: 0\n",
                                       ["krenning_scale score 0", "field score", "twice"]),
    ("imaging.yaml", "duplicate key"): ('    meaning: "An SSA can act',
                                        '    pattern: "An SSA can act',
                                        ["'pattern'", "given twice"]),
    ("imaging.yaml", "unknown reference"): ("    sources: [RADIOPAEDIA_KRENNING]\n",
                                            "    sources: [NOBODY_2020]\n",
                                            ["krenning_scale score 0", "field sources",
                                             "NOBODY_2020"]),
    ("imaging.yaml", "bad identifier"): ("    sources: [CAPLIN_2014]\n",
                                         '    sources: ["doi:10.1056/NEJMoa1316158"]\n',
                                         ["entry trial_requirements CLARINET", "field sources",
                                          "doi:10.1056/NEJMoa1316158"]),
    # --- meta.yaml ---
    ("meta.yaml", "missing field"): ("content_reviewed:", "reviewed:", ["'content_reviewed'"]),
    ("meta.yaml", "number as text"): ("content_reviewed: 2026-12-07",
                                      "content_reviewed: twenty-six", ["'content_reviewed'"]),
    ("meta.yaml", "impossible date"): ("content_reviewed: 2026-12-07",
                                       "content_reviewed: 2026-02-30", ["line 4", "not a date"]),
    ("meta.yaml", "future date"): ("content_reviewed: 2026-12-07",
                                   "content_reviewed: 2099-11-26",
                                   ["'content_reviewed'", "future"]),
    ("meta.yaml", "duplicate key"): ("content_reviewed: 2026-12-07\n",
                                     "content_reviewed: 2026-12-07\ncontent_reviewed: 2026-11-20\n",
                                     ["'content_reviewed'", "given twice"]),
    ("meta.yaml", "tab"): ("content_reviewed: 2026-12-07", "content_reviewed:\t\t\n\t2026-12-07",
                           ["line"]),
}


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of the data folder that every loader reads."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv(reader.DATA_DIR_ENV, str(copy))
    return copy


def _fails_fast(name: str, fragments: list[str]) -> str:
    gc.collect()  # the garbage of earlier tests is not the loader's time
    start = time.process_time()
    with pytest.raises(ValueError) as caught:
        LOADERS[name]()
    used = time.process_time() - start
    message = str(caught.value)
    assert Path(name).name in message, message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from: {message}"
    assert used < 1.0, f"loading took {used:.2f} s of CPU"
    assert len(message) < 2000, "the error must not format a whole value"
    return message


@pytest.mark.parametrize(("name", "mistake"), sorted(MISTAKES), ids=lambda v: v)
def test_each_mistake_in_each_file_is_named(data_copy, name, mistake):
    old, new, fragments = MISTAKES[(name, mistake)]
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer matches {name}: update MISTAKES"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _fails_fast(name, fragments)


def test_a_duplicate_label_row_is_named(data_copy):
    path = data_copy / "label_figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    _fails_fast("label_figures.csv", ["entry CABINET / pancreatic, field label:", "duplicate row",
                                      "line 2"])


def test_a_duplicate_trial_row_is_named(data_copy):
    path = data_copy / "trials.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    _fails_fast("trials.csv", ["entry PROMID / all, field cohort:", "duplicate"])


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_an_empty_file_is_named(data_copy, name):
    (data_copy / name).write_text("", encoding="utf-8")
    _fails_fast(name, ["empty" if name != "meta.yaml" else "content_reviewed"])


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_a_windows_1252_file_is_named_with_its_line(data_copy, name):
    path = data_copy / name
    lines = path.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].rstrip(b"\r\n") + " caf\u00e9\n".encode("cp1252")
    path.write_bytes(b"".join(lines))
    _fails_fast(name, ["line 3", "not UTF-8", "Windows-1252"])


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_a_utf8_byte_order_mark_is_accepted(data_copy, name):
    path = data_copy / name
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    LOADERS[name]()


@pytest.mark.parametrize("name", YAML_FILES)
def test_an_alias_bomb_fails_at_once(data_copy, name):
    assert len(ALIAS_BOMB.encode()) < 400
    path = data_copy / name
    path.write_text(path.read_text(encoding="utf-8") + ALIAS_BOMB, encoding="utf-8")
    _fails_fast(name, ["aliases"])


def test_the_issue_reproducer_of_the_bomb_in_a_question_value(data_copy):
    path = data_copy / "questions" / "01_classification_and_staging.yaml"
    bomb = ALIAS_BOMB.replace("\nbomb_a", "\n# bomb\nbomb_a")
    text = path.read_text(encoding="utf-8").replace('    reference: "WHO', '    note: *i\n'
                                                    '    reference: "WHO', 1)
    path.write_text(bomb.lstrip("\n") + text, encoding="utf-8")
    _fails_fast("questions/01_classification_and_staging.yaml", ["aliases"])


def test_a_python_tag_is_refused(data_copy):
    path = data_copy / "imaging.yaml"
    path.write_text("x: !!python/object/apply:os.system ['true']\n" + path.read_text(),
                    encoding="utf-8")
    _fails_fast("imaging.yaml", ["line 1"])


def test_a_merge_key_is_not_a_duplicate(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("base: &b {a: 1}\nother:\n  <<: *b\n  a: 2\n", encoding="utf-8")
    assert reader.load_yaml(path) == {"base": {"a": 1}, "other": {"a": 2}}


def test_the_packaged_files_load_with_the_one_reader():
    for name in YAML_FILES:
        assert reader.load_yaml(DATA / name) is not None
    for folder in ("questions", "exercises", "cases"):
        for path in (DATA / folder).glob("*.yaml"):
            reader.load_yaml(path)


# --- edits are seen by a running process (reload on modification time) ----------------------


def _touch_later(path: Path) -> None:
    stat = path.stat()
    import os

    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_quiz_edits_are_seen_without_a_restart(data_copy):
    assert quiz.score("cls-04", "500").correct is True
    path = data_copy / "questions" / "01_classification_and_staging.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('accepted: ["500", "500 cells", '
                                                             '"at least 500"]',
                                                             'accepted: ["600"]'), "utf-8")
    _touch_later(path)
    assert quiz.score("cls-04", "500").correct is False
    assert quiz.score("cls-04", "600.0").correct is True


def test_exercise_edits_are_seen_without_a_restart(data_copy):
    assert exercises.check("grade-1", "G3").correct is True
    path = data_copy / "exercises" / "01_classification_and_staging.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("25 mitoses per 2 mm².", "5 mitoses per 2 mm².", 1)
    text = text.replace("    mitoses_per_2mm2: 25\n", "    mitoses_per_2mm2: 5\n", 1)
    path.write_text(text, encoding="utf-8")
    _touch_later(path)
    assert exercises.check("grade-1", "G2").correct is True


def test_case_edits_are_seen_without_a_restart(data_copy):
    assert cases.load_case("vipoma").title == "VIPoma with profuse watery diarrhoea"
    path = data_copy / "cases" / "vipoma.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: VIPoma with profuse watery diarrhoea", "title: VIPoma (edited)"), "utf-8")
    _touch_later(path)
    assert cases.load_case("vipoma").title == "VIPoma (edited)"


def test_imaging_and_syndrome_edits_are_seen_without_a_restart(data_copy):
    assert imaging.load_imaging().krenning_scale[0] == (0, "no uptake")
    assert syndromes.load_syndromes().functional[0].hormone == "insulin"
    path = data_copy / "imaging.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('uptake: "no uptake"',
                                                             'uptake: "none at all"'), "utf-8")
    _touch_later(path)
    path = data_copy / "syndromes.yaml"
    text = path.read_text(encoding="utf-8")
    old = text[text.index("  - id: insulinoma"):]
    hormone = old[old.index("hormone:"):].split("\n", 1)[0]
    path.write_text(text.replace(hormone, 'hormone: "insulin (edited)"', 1), "utf-8")
    _touch_later(path)
    assert imaging.load_imaging().krenning_scale[0] == (0, "none at all")
    assert syndromes.load_syndromes().functional[0].hormone == "insulin (edited)"


def test_missing_folders_are_named(tmp_path):
    with pytest.raises(ValueError, match="no such folder"):
        quiz.load_bank(tmp_path / "nothing")
    with pytest.raises(ValueError, match="no question files"):
        quiz.load_bank(tmp_path)
    with pytest.raises(ValueError, match="no case files"):
        cases.case_bank(tmp_path / "nothing")
