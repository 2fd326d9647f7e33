"""AJCC 8th staging: size boundaries, invasion, stage groups, M subcategories and bad input."""

import pytest

from pannet_edu import m_category, stage, t_category
from pannet_edu.clinic.staging import STAGE_GROUPS, STRUCTURES, T4_STRUCTURES


@pytest.mark.parametrize(
    ("size", "expected"),
    [(0.1, "T1"), (1.99, "T1"), (2.0, "T2"), (4.0, "T2"), (4.01, "T3"), (12, "T3")],
)
def test_size_boundaries(size, expected):
    assert t_category(size) == expected


@pytest.mark.parametrize("structure", ["duodenum", "Common Bile Duct"])
def test_duodenum_or_bile_duct_invasion_is_t3_even_when_small(structure):
    assert t_category(1.0, [structure]) == "T3"


@pytest.mark.parametrize("structure", T4_STRUCTURES)
def test_adjacent_organ_or_vessel_invasion_is_t4(structure):
    assert t_category(1.0, [structure.upper()]) == "T4"


def test_t4_outranks_t3_structures_and_a_single_string_is_accepted():
    assert t_category(1.0, ["duodenum", "spleen"]) == "T4"
    assert t_category(1.0, "colon") == "T4"
    assert t_category(1.0, ["coeliac axis"]) == "T4"


def test_peripancreatic_fat_is_refused_with_the_teaching_point():
    with pytest.raises(ValueError, match="peripancreatic fat is not a basis"):
        t_category(3.0, ["peripancreatic fat"])


@pytest.mark.parametrize(
    ("args", "error", "name"),
    [
        ((0,), ValueError, "size_cm"),
        ((-2,), ValueError, "size_cm"),
        (("3",), TypeError, "size_cm"),
        ((3, ["liver"]), ValueError, "invades"),
        ((3, [7]), TypeError, "invades"),
        ((3, 7), TypeError, "invades"),
    ],
)
def test_t_category_bad_input(args, error, name):
    with pytest.raises(error, match=name):
        t_category(*args)


def test_error_lists_allowed_structures():
    with pytest.raises(ValueError) as info:
        t_category(3, ["kidney"])
    assert all(s in str(info.value) for s in STRUCTURES)


@pytest.mark.parametrize(
    ("t", "n", "m", "group"),
    [
        ("T1", "N0", "M0", "I"),
        ("T2", "N0", "M0", "II"),
        ("T3", "N0", "M0", "II"),
        ("T4", "N0", "M0", "III"),
        ("T1", "N1", "M0", "III"),
        ("T4", "N1", "M0", "III"),
        ("T1", "N0", "M1", "IV"),
        ("T1", "N0", "M1a", "IV"),
        ("T2", "N1", "M1b", "IV"),
        ("T3", "N0", "M1c", "IV"),
    ],
)
def test_stage_groups(t, n, m, group):
    result = stage(t, n, m)
    assert result.group == group
    assert result.group in STAGE_GROUPS
    assert result.explanation


def test_stage_is_case_insensitive_and_normalises():
    result = stage("t3", "n0", "m1A")
    assert (result.t, result.n, result.m, result.group) == ("T3", "N0", "M1a", "IV")


@pytest.mark.parametrize(
    ("args", "name"),
    [(("T5", "N0", "M0"), "t"), (("T1", "N2", "M0"), "n"), (("T1", "N0", "M2"), "m")],
)
def test_stage_rejects_unknown_categories(args, name):
    with pytest.raises(ValueError, match=f"^{name} must be one of"):
        stage(*args)


def test_m_category_from_sites():
    assert m_category(False, False) == "M0"
    assert m_category(True, False) == "M1a"
    assert m_category(False, True) == "M1b"
    assert m_category(True, True) == "M1c"
    with pytest.raises(TypeError, match="liver"):
        m_category("yes", False)


def test_printed_stage_group_table_agrees_with_stage_for_every_combination():
    from itertools import product

    from pannet_edu.clinic.staging import M_CATEGORIES, N_CATEGORIES, T_CATEGORIES, stage_groups

    printed = {row["stage"]: row for row in stage_groups().rows}
    for t, n, m in product(T_CATEGORIES, N_CATEGORIES, M_CATEGORIES):
        row = printed[stage(t, n, m).group]
        if m != "M0":
            assert row["M"].startswith("M1")
        elif n == "N1" or t == "T4":
            assert row["stage"] == "III"
        else:
            assert t in row["T"] and row["N"] == "N0"


def test_printed_grading_table_uses_the_coded_cut_offs():
    from pannet_edu.clinic.pathology import KI67_G2_MAX, MITOSES_G1_BELOW, grading_criteria

    rows = {row["grade"]: row for row in grading_criteria().rows}
    assert rows["NET G3"]["Ki-67 (%)"] == f">{KI67_G2_MAX:g}"
    assert rows["NET G1"]["mitoses per 2 mm²"] == f"<{MITOSES_G1_BELOW:g}"
