"""Property suite: every public function and widget input against hostile values.

Each value gets a correct result, or a ``ValueError``/``TypeError`` whose message names the
argument; a widget shows a readable card (never a traceback); a checker returns feedback. Every
example runs under hypothesis's deadline, so none may hang. The example count comes from the
"reliability" profile (small, for ``make test``); ``PANNET_EDU_HYPOTHESIS=thorough`` selects the
"reliability-thorough" profile (both are registered in the root ``conftest.py``).
"""

from __future__ import annotations

import contextlib
import math
import os
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pannet_edu import engine
from pannet_edu.clinic import imaging, pathology, staging
from pannet_edu.content import fields
from pannet_edu.practice import cases, exercises, quiz
from pannet_edu.widgets import (
    CasePlayer,
    GradingCalculator,
    PatientAppraisal,
    QuizWidget,
    StagingTool,
    Tool,
)
from pannet_edu.widgets._base import EMPTY_CHOICE, UNEXPECTED, Picker, optional_number

PROFILE = settings.get_profile(
    "reliability-thorough" if os.environ.get("PANNET_EDU_HYPOTHESIS") == "thorough"
    else "reliability"
)


class _BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("repr exploded")

    __str__ = __repr__


class _BadLen(list):
    def __len__(self) -> int:
        raise RuntimeError("len exploded")

    def __iter__(self):
        raise RuntimeError("iter exploded")


class _BadAttr:
    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        raise RuntimeError(f"no {name}")  # e.g. hasattr(answer, "columns") blows up


#: Values that have broken something before, and their cousins.
SPECIAL = [
    float("nan"), float("inf"), -float("inf"), -0.0, 0.0, 1e-320, 1e308,
    10**400, -(10**400), 2**1024, 2**63,
    True, False, np.True_, np.False_, pd.array([True], dtype="boolean")[0],
    np.float64("nan"), np.float64(5.0), np.float32(3.5), np.int64(7), np.int8(-1), np.uint64(3),
    pd.NA, pd.NaT, None, Ellipsis,
    Decimal("5"), Decimal("NaN"), Fraction(1, 3), complex(1, 1),
    [], {}, (), set(), frozenset(), [5], (5,), {"a": 1}, {5}, np.array([5.0]), np.array(5.0),
    pd.Series([5.0]), pd.DataFrame({"trial": ["PROMID"]}),
    b"5", bytearray(b"5"), "5", " 12 ", "12.5", "1,000", "12,5", "inf", "-inf", "nan", "1e400",
    "NaN", "Infinity", "٥", "５", "١٢", "𝟓", "5\u200b", "", " ", "\t", "G3", "T2", "yes", "None",
    "x" * 10_000, _BadRepr(), _BadLen([1]), _BadAttr(), object(), int, len,
]
#: Objects that break when looked at: a checker or widget must still answer; a logic function may
#: let the object's own error through (it is not a value of the wrong kind), so those use PLAIN.
HOSTILE = (_BadRepr, _BadLen, _BadAttr)
PLAIN = [v for v in SPECIAL if not isinstance(v, HOSTILE)]
NASTY_PLAIN = st.one_of(
    st.sampled_from(PLAIN),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.text(max_size=12),
    st.lists(st.sampled_from([1, "a", None, 2.5]), max_size=3),
)
NASTY = st.one_of(
    st.sampled_from(SPECIAL),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.text(max_size=12),
    st.text(alphabet="0123456789.,eE+-_ ٠١٢٣٤٥٦٧٨٩０１２３infa%", max_size=10),
    st.lists(st.sampled_from([1, "a", None, 2.5]), max_size=3),
)


def _names(exc: BaseException, *names: str) -> bool:
    text = str(exc)
    return any(name in text for name in names)


def call(func, arg: str, *args, **kwargs):
    """Call; the result, or None when a ValueError/TypeError named ``arg`` (else the test fails)."""
    try:
        return func(*args, **kwargs)
    except (ValueError, TypeError) as exc:
        assert _names(exc, arg), f"{func.__name__}: {type(exc).__name__} lacks {arg!r}: {exc}"
        return None


def _finite_number(value: object) -> bool:
    if fields.is_boolean(value) or not isinstance(value, int | float | np.integer | np.floating):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


# --- the shared validator --------------------------------------------------------------------


@PROFILE
@given(NASTY)
def test_number_accepts_only_finite_reals_and_names_the_argument(value):
    result = call(fields.number, "dose", "dose", value, high=1e300)
    if result is not None:
        assert _finite_number(value) or isinstance(value, Fraction | Decimal)
        assert math.isfinite(result) and 0 <= result <= 1e300
        assert str(result) != "-0.0"
    if fields.is_boolean(value):
        with pytest.raises(TypeError, match="dose"):
            fields.number("dose", value)


@PROFILE
@given(NASTY)
def test_parse_number_reads_typed_numbers_or_names_the_argument(value):
    result = call(fields.parse_number, "Ki-67", "Ki-67", value)
    if result is not None:
        assert math.isfinite(result)
        assert isinstance(value, str) and value.strip().isascii()


@pytest.mark.parametrize(
    ("text", "expected"),
    [(" 500 ", 500.0), ("500.0", 500.0), ("5e2", 500.0), ("1,000", 1000.0), ("12,5", 12.5),
     ("-0", 0.0), (".5", 0.5), ("1,000.5", 1000.5)],
)
def test_typed_numbers_are_read_as_a_clinician_means_them(text, expected):
    assert fields.parse_number("x", text) == expected


@pytest.mark.parametrize("text", ["inf", "nan", "1e400", "٥٠٠", "５", "1_000", "1.000,5",
                                  "1,000,00", "0x10", "5 5", "twelve"])
def test_non_numbers_and_look_alikes_are_refused(text):
    with pytest.raises(ValueError, match="x must"):
        fields.parse_number("x", text)


# --- pathology, staging, sequencing, imaging -------------------------------------------------


@PROFILE
@given(NASTY_PLAIN)
def test_grade_on_any_ki67_or_mitoses(value):
    for arg in ("ki67", "mitoses"):
        result = call(pathology.grade, arg, **{arg: value})
        if result is not None:
            assert _finite_number(value) or isinstance(value, Fraction | Decimal)
            assert result.label in pathology.GRADES
    call(pathology.grade_from_ki67, "ki67", value)
    call(pathology.grade_from_mitoses, "mitoses", value)
    call(pathology.classify_mixed, "neuroendocrine_percent", value)
    call(pathology.grade, "differentiation", ki67=5, differentiation=value)


def test_the_issue_reproducers_of_class_2():
    with pytest.raises(ValueError, match="mitoses must be a finite number"):
        pathology.grade(mitoses=float("inf"))
    with pytest.raises(ValueError, match="size_cm must be a finite number"):
        staging.t_category(float("inf"))
    with pytest.raises(ValueError, match=r"ki67 .*too large"):
        pathology.grade(ki67=10**400)
    with pytest.raises(TypeError, match=r"mitoses .*true/false"):
        pathology.grade(mitoses=np.True_)
    assert pathology.grade(ki67=np.float64(25.0)).label == "NET G3"
    assert pathology.grade(mitoses=np.int64(1)).label == "NET G1"


@PROFILE
@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_numpy_and_pandas_scalars_grade_like_floats(x):
    expected = pathology.grade(ki67=x).label
    assert pathology.grade(ki67=np.float64(x)).label == expected
    assert pathology.grade(ki67=pd.array([x], dtype="Float64")[0]).label == expected


@PROFILE
@given(NASTY_PLAIN)
def test_staging_on_any_input(value):
    for func in (staging.t_category, staging.explain_t):
        result = call(func, "size_cm", value)
        if result is not None:
            assert _finite_number(value) or isinstance(value, Fraction | Decimal)
    call(staging.t_category, "invades", 2.0, invades=value)
    call(staging.m_category, "liver", value, False)
    call(staging.m_category, "extrahepatic", False, value)
    for position, arg in enumerate(("t", "n", "m")):
        args = ["T1", "N0", "M0"]
        args[position] = value
        call(staging.stage, arg, *args)


def test_m_category_takes_numpy_booleans_as_booleans():
    assert staging.m_category(np.True_, np.False_) == "M1a"
    with pytest.raises(TypeError, match="liver"):
        staging.m_category(1, False)


@PROFILE
@given(NASTY_PLAIN, st.sampled_from(["ki67", "mitoses", "sstr", "burden", "progressing",
                                     "symptomatic", "syndrome", "prior", "comorbidities",
                                     "hereditary", "differentiation"]))
def test_patient_on_any_field(value, name):
    fields = {"ki67": 5, name: value}
    patient = call(engine.Patient, name, **fields)
    if patient is not None:
        assert patient.grade.label in (*pathology.GRADES, "NEC")


@PROFILE
@given(NASTY_PLAIN)
def test_sstr_reading_on_any_input(value):
    call(imaging.read_sstr_imaging, "lesion_scores", value)
    call(imaging.read_sstr_imaging, "lesion_scores", [value])


def test_sstr_reading_refuses_numpy_booleans_as_scores():
    with pytest.raises(ValueError, match="lesion_scores"):
        imaging.read_sstr_imaging([np.True_])
    assert imaging.read_sstr_imaging([np.int64(3), 3.0]).status == "positive"


# --- checkers never raise ---------------------------------------------------------------------

EXERCISE_IDS = [e.id for e in exercises.exercises()]
QUESTION_IDS = list(quiz.load_bank())


@PROFILE
@given(st.sampled_from(EXERCISE_IDS), NASTY)
def test_exercise_check_always_returns_feedback(exercise_id, answer):
    feedback = exercises.check(exercise_id, answer)
    assert feedback.correct in (True, False, None)
    assert isinstance(feedback.message, str) and feedback.message
    assert len(feedback.message) <= 2000


@pytest.mark.parametrize("answer", [_BadRepr(), _BadLen(["G3"]), _BadAttr(), 10**400,
                                    float("inf"), np.True_])
@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_the_issue_reproducers_of_class_3(exercise_id, answer):
    feedback = exercises.check(exercise_id, answer)
    assert feedback.correct is None
    assert "Traceback" not in feedback.message


@PROFILE
@given(st.sampled_from(QUESTION_IDS), NASTY)
def test_quiz_score_always_returns_feedback(question_id, answer):
    feedback = quiz.score(question_id, answer)
    assert feedback.correct in (True, False, None)
    assert feedback.message
    assert len(feedback.message) <= 3000
    assert quiz.score(answer, "A").correct is None or answer in QUESTION_IDS


def _numeric_keys():
    for question in quiz.load_bank().values():
        if question.kind == "short_answer":
            for key in question.accepted:
                try:
                    yield question.id, fields.parse_number("key", key)
                except ValueError:
                    continue


NUMERIC_KEYS = sorted(set(_numeric_keys()))


def test_the_bank_has_numeric_keys_to_test():
    assert len(NUMERIC_KEYS) >= 5
    assert ("cls-04", 500.0) in NUMERIC_KEYS


@pytest.mark.parametrize(("question_id", "key"), NUMERIC_KEYS)
def test_numeric_keys_accept_every_spelling_of_the_number(question_id, key):
    spellings = [f"{key:g}", f"{key!r}0", f" {key:g} ", f"{key:e}", key, np.float64(key)]
    if key >= 1000:
        spellings.append(f"{key:,.0f}")
    if key == int(key):
        spellings.append(int(key))
    for spelling in spellings:
        assert quiz.score(question_id, spelling).correct is True, spelling
    assert quiz.score(question_id, f"{key + 1:g}").correct is False
    assert quiz.score(question_id, "1,000").correct is (key == 1000)


@PROFILE
@given(NASTY_PLAIN)
def test_quiz_draw_names_its_arguments(value):
    call(quiz.draw, "n", n=value)
    call(quiz.draw, "seed", seed=value)
    call(quiz.draw, "lesson", lesson=value)


@PROFILE
@given(NASTY_PLAIN)
def test_cases_on_any_input(value):
    case = cases.load_case("vipoma")
    call(case.step, "step", value)
    call(cases.load_case, "case_id", value)
    call(cases.what_if_values, "factor", case.patient, value)


@PROFILE
@given(NASTY)
def test_a_case_choice_never_raises(value):
    feedback = cases.load_case("vipoma").choose(0, value)
    assert feedback.message and feedback.valid in (True, False)


# --- widgets: a readable card for any typed text ---------------------------------------------

TYPED = st.one_of(
    st.sampled_from([s for s in SPECIAL if isinstance(s, str)]),
    st.text(max_size=15),
    st.text(alphabet="0123456789.,eE+-_ ٠١٢٣４５inf%", max_size=10),
)


_TOOLS: dict[type, object] = {}


def _tool(kind):
    """One tool of each kind for the whole module, drawing no figure: the card is under test
    (figures are not part of the snapshot), and drawing on every example would only be slow."""
    if kind not in _TOOLS:
        without_figure = type(kind.__name__, (kind,), {"figure": Tool.figure})
        _TOOLS[kind] = without_figure()
    return _TOOLS[kind]


def _readable(tool) -> str:
    text = tool.snapshot_text()
    html = tool.snapshot_html()
    assert "Traceback" not in text and "Traceback" not in html
    assert text.strip()
    return text


@PROFILE
@given(TYPED)
def test_optional_number_on_any_text(text):
    value = call(optional_number, "Ki-67", "Ki-67", text)
    if value is not None:
        assert math.isfinite(value)


def test_the_issue_reproducers_in_a_widget():
    tool = _tool(GradingCalculator)
    for text in ("inf", "1e400", "nan", "-inf"):
        tool.ki67.value = text
        assert tool.view().error and "finite" in tool.view().error
    tool.ki67.value = "1,000"
    assert "between 0% and 100%, got 1000%" in tool.view().error  # not read as 1
    tool.ki67.value = "٥"
    assert "digits 0-9" in tool.view().error


@PROFILE
@given(TYPED, TYPED)
def test_grading_calculator_always_shows_a_card(ki67, mitoses):
    tool = _tool(GradingCalculator)
    tool.ki67.value, tool.mitoses.value = ki67, mitoses
    _readable(tool)


@PROFILE
@given(TYPED)
def test_staging_tool_always_shows_a_card(size):
    tool = _tool(StagingTool)
    tool.size_cm.value = size
    text = _readable(tool)
    if tool.view().error is None:
        assert "Stage" in text or "stage" in text


@PROFILE
@given(TYPED)
def test_patient_appraisal_always_shows_a_card(ki67):
    tool = _tool(PatientAppraisal)
    tool.ki67.value = ki67
    _readable(tool)


@PROFILE
@given(TYPED, st.integers(min_value=-(10**30), max_value=10**30))
def test_quiz_widget_always_shows_a_card(typed, seed):
    tool = QuizWidget(lesson="01_classification_and_staging")
    tool.seed.value = seed
    feedback = tool.answer(typed)
    assert feedback.message
    _readable(tool)


def test_case_player_survives_a_picker_set_to_none():
    player = CasePlayer("vipoma")
    player.plot_output = None
    for picker in (player.choice_picker, player.value_picker, player.step_picker,
                   player.case_picker, player.factor_picker):
        # An error here is raised by the case player's own observers (its module guards those).
        with contextlib.suppress(KeyError, ValueError, TypeError):
            picker.value = None
        _readable(player)  # the card: a result or a readable message, never a traceback
        error = player.view().error
        assert error in (None, UNEXPECTED) or error.startswith("Choose a value for “"), error


def test_case_player_recovers_after_its_case_picker_is_emptied():
    player = CasePlayer("vipoma")
    player.plot_output = None
    with contextlib.suppress(KeyError):
        player.case_picker.value = None
    assert player.case_picker.value in (None, "vipoma")
    if player.case_picker.value is None:  # the case player says it in its own words
        assert "Choose a case from the list to begin." in player.snapshot_text()
    player.case_picker.value = "nec_large_cell"
    assert player.view().error is None
    assert "Traceback" not in _readable(player)


def test_a_picker_cannot_be_emptied_and_a_guarded_observer_shows_a_card():
    picker = Picker(options=[("A", "a"), ("B", "b")], value="b")
    seen = []
    picker.observe(lambda _change: seen.append(picker.value), names="value")
    picker.value = None
    assert picker.value == "b" and None not in seen
    picker.options = []
    assert picker.value is None
    tool = _tool(StagingTool)
    tool.guarded(lambda change: {}["no such case"])(None)
    assert UNEXPECTED in tool.output.value


def test_any_tool_names_a_list_left_empty():
    _TOOLS.pop(PatientAppraisal, None)  # a fresh tool: the property tests leave theirs changed
    tool = _tool(PatientAppraisal)
    tool.sstr.value = None
    assert tool.view().error == EMPTY_CHOICE.format(name=tool.sstr.description.rstrip(":…. "))
    tool.sstr.value = "positive"
    assert tool.view().error is None
    tool.syndrome.value = None  # "none (non-functioning)" is an entry; nothing at all is not
    assert "“Functional syndrome”" in tool.view().error
    tool.syndrome.value = "none"
    assert tool.view().error is None
