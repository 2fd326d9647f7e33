"""WHO grading: every cut-off boundary, the higher-index rule, NEC, MiNEN and bad input."""

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pannet_edu import classify_mixed, grade
from pannet_edu.clinic.pathology import GRADES, MITOSES_PLAUSIBLE_MAX

RANK = {label: i for i, label in enumerate(GRADES)}


@pytest.mark.parametrize(
    ("ki67", "expected"),
    [
        (0, "NET G1"),
        (2.99, "NET G1"),
        (3, "NET G2"),
        (20, "NET G2"),
        (20.01, "NET G3"),
        (100, "NET G3"),
    ],
)
def test_ki67_boundaries(ki67, expected):
    result = grade(ki67=ki67)
    assert result.label == expected
    assert result.driver == "ki67"


@pytest.mark.parametrize(
    ("mitoses", "expected"),
    [
        (0, "NET G1"),
        (1.9, "NET G1"),
        (2, "NET G2"),
        (20, "NET G2"),
        (20.5, "NET G3"),
        (21, "NET G3"),
    ],
)
def test_mitoses_boundaries(mitoses, expected):
    result = grade(mitoses=mitoses)
    assert result.label == expected
    assert result.driver == "mitoses"


def test_higher_index_wins_and_is_named_as_driver():
    result = grade(ki67=8, mitoses=25)
    assert (result.label, result.driver) == ("NET G3", "mitoses")
    assert "higher grade wins" in result.explanation
    result = grade(ki67=25, mitoses=1)
    assert (result.label, result.driver) == ("NET G3", "ki67")


def test_both_indices_agreeing_gives_driver_both():
    assert grade(ki67=10, mitoses=5).driver == "both"
    assert grade(ki67=1, mitoses=0).driver == "both"


def test_g1_needs_both_indices_low():
    assert grade(ki67=2, mitoses=2).label == "NET G2"
    assert grade(ki67=3, mitoses=1).label == "NET G2"


def test_poor_differentiation_gives_nec_and_flags_low_ki67():
    nec = grade(ki67=70, differentiation="poor")
    assert nec.label == "NEC"
    assert "unusual" not in nec.explanation
    odd = grade(ki67=15, differentiation="Poor")
    assert odd.label == "NEC"
    assert "unusual" in odd.explanation


def test_g3_explanation_separates_net_g3_from_nec():
    assert "different disease" in grade(ki67=30).explanation


@pytest.mark.parametrize(
    ("kwargs", "error", "names"),
    [
        ({}, ValueError, "ki67"),
        ({"ki67": -1}, ValueError, "ki67"),
        ({"ki67": 100.5}, ValueError, "ki67"),
        ({"ki67": math.nan}, ValueError, "ki67"),
        ({"ki67": "12"}, TypeError, "ki67"),
        ({"ki67": True}, TypeError, "ki67"),
        ({"mitoses": -3}, ValueError, "mitoses"),
        ({"mitoses": [3]}, TypeError, "mitoses"),
        ({"ki67": 5, "differentiation": "moderate"}, ValueError, "differentiation"),
        ({"ki67": 5, "differentiation": None}, TypeError, "differentiation"),
    ],
)
def test_bad_input_raises_naming_the_argument(kwargs, error, names):
    with pytest.raises(error, match=names):
        grade(**kwargs)


finite_ki67 = st.floats(min_value=0, max_value=100, allow_nan=False)
finite_mitoses = st.floats(min_value=0, max_value=1000, allow_nan=False)


@given(ki67=finite_ki67, mitoses=finite_mitoses, extra=st.floats(min_value=0, max_value=100))
def test_grade_never_falls_when_ki67_rises(ki67, mitoses, extra):
    higher = min(100.0, ki67 + extra)
    assert (
        RANK[grade(ki67=higher, mitoses=mitoses).label]
        >= RANK[grade(ki67=ki67, mitoses=mitoses).label]
    )


@given(ki67=finite_ki67, mitoses=finite_mitoses, extra=st.floats(min_value=0, max_value=100))
def test_grade_never_falls_when_mitoses_rise(ki67, mitoses, extra):
    assume(mitoses + extra <= MITOSES_PLAUSIBLE_MAX)  # beyond it, a count is refused as a slip
    before = grade(ki67=ki67, mitoses=mitoses).label
    after = grade(ki67=ki67, mitoses=mitoses + extra).label
    assert RANK[after] >= RANK[before]


@given(ki67=finite_ki67, mitoses=finite_mitoses)
def test_combined_grade_is_the_higher_single_index_grade(ki67, mitoses):
    combined = grade(ki67=ki67, mitoses=mitoses).label
    singles = [grade(ki67=ki67).label, grade(mitoses=mitoses).label]
    assert combined == max(singles, key=RANK.get)


@pytest.mark.parametrize(
    ("ne", "minen"), [(30, True), (70, True), (29.9, False), (70.1, False), (100, False)]
)
def test_minen_needs_each_component_at_least_30_percent(ne, minen):
    assert classify_mixed(ne).is_minen is minen


def test_minen_rejects_out_of_range_share():
    with pytest.raises(ValueError, match="neuroendocrine_percent"):
        classify_mixed(130)
