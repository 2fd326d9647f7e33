"""The one set of number formatters and the one palette (pannet_edu.display)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pannet_edu import display, formatting
from pannet_edu.evidence import trials
from pannet_edu.formatting import (
    MISSING,
    format_estimate,
    format_hr,
    format_number,
    format_pair,
    same_decimals,
)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"hr": 0.34, "hr_low": 0.2, "hr_high": 0.59}, "0.34 (0.20–0.59)"),  # PROMID
        ({"hr": 0.47, "hr_low": 0.3, "hr_high": 0.73}, "0.47 (0.30–0.73)"),  # CLARINET
        ({"hr": 0.276, "hr_low": 0.182, "hr_high": 0.418}, "0.276 (0.182–0.418)"),
        ({"hr": 0.5, "hr_low": 0.31, "hr_high": 0.81}, "0.50 (0.31–0.81)"),
        ({"hr": 0.58, "hr_low": None, "hr_high": None}, "0.58 (CI not reported)"),
        ({"hr": 0.58, "hr_low": 0.4, "hr_high": math.nan}, "0.58 (CI not reported)"),
        ({"hr": pd.NA, "hr_low": 0.1, "hr_high": 0.2}, MISSING),
        ({}, MISSING),
    ],
)
def test_format_hr_pads_never_rounds_and_says_when_the_ci_is_missing(row, expected):
    assert format_hr(row) == expected
    assert format_hr(pd.Series(row, dtype=object)) == expected


def test_format_hr_reads_the_overall_survival_columns_with_its_prefix():
    row = {"hr": 0.4, "os_hr": 0.84, "os_hr_low": 0.6, "os_hr_high": 1.17}
    assert format_hr(row, prefix="os_hr") == "0.84 (0.60–1.17)"
    with pytest.raises(ValueError, match="prefix must be 'hr' or 'os_hr'"):
        format_hr(row, prefix="pfs")


def test_same_decimals_adds_zeros_only():
    assert same_decimals([1.25, 3, 10.5]) == ["1.25", "3.00", "10.50"]
    assert same_decimals([None, 0.2]) == [MISSING, "0.2"]
    assert same_decimals(["not reached", 0.2]) == ["not reached", "0.2"]
    for values in ([0.34, 0.2, 0.59], [0.123456, 7]):
        assert [float(t) for t in same_decimals(values)] == [float(v) for v in values]


def test_every_packaged_hazard_ratio_prints_its_stored_values():
    for _, row in trials().iterrows():
        text = format_hr(row)
        if pd.isna(row["hr"]):
            assert text == MISSING
            continue
        numbers = text.replace("(", " ").replace(")", " ").replace("–", " ").split()
        values = [float(n) for n in numbers if n[0].isdigit()]
        stored = [row["hr"]] + [row[c] for c in ("hr_low", "hr_high") if not pd.isna(row[c])]
        assert values == [float(v) for v in stored]


def test_numbers_and_pairs_print_as_stored():
    assert format_number(0.2765432) == "0.2765432" and format_number(229.0) == "229"
    assert format_number("not reached") == "not reached"
    assert format_pair(11.0, 4.6) == "11 / 4.6"
    assert format_estimate(1.0, 0.5, 2.0) == "1.0 (0.5–2.0)"


def test_the_trial_views_use_the_one_set_of_formatters():
    from pannet_edu.views import trials as views_trials

    for name in ("format_hr", "format_number", "format_pair", "is_missing"):
        assert getattr(views_trials, name) is getattr(formatting, name)


def test_plots_share_the_display_palette():
    from pannet_edu.plots import _style

    assert _style.OKABE_ITO is display.OKABE_ITO
    assert tuple(v for k, v in display.OKABE_ITO.items() if k != "black") == _style.SERIES


def test_a_result_beside_its_control_adds_zeros_but_never_rounds():
    assert formatting.format_vs(65.1, 33.0, unit="%") == "65.1% vs 33.0%"
    assert formatting.format_vs(11.0, 4.6) == "11.0 vs 4.6"
    assert formatting.format_vs(0.123456, 2) == "0.123456 vs 2.000000"
    assert formatting.format_vs(12, None, unit="%") == "12%"
    assert formatting.format_vs(None, None) == MISSING
    assert formatting.format_percent(9.3) == "9.3%" and formatting.format_percent(pd.NA) == MISSING


def test_an_interval_and_a_labelled_hazard_ratio_use_the_one_dash_form():
    row = {"hr": 0.34, "hr_low": 0.2, "hr_high": 0.59, "os_hr": 0.83, "os_hr_low": 0.47,
           "os_hr_high": 1.46}
    assert formatting.format_interval(0.2, 0.59) == "0.20–0.59"
    assert formatting.format_interval(0.2, None) == MISSING
    assert format_hr(row, label=True) == "0.34 (95% CI 0.20–0.59)"
    assert format_hr(row, "os_hr") == "0.83 (0.47–1.46)"


def test_a_named_tuple_row_prints_like_a_series():
    row = next(trials().itertuples(index=False))
    series = trials().iloc[0]
    assert format_hr(row) == format_hr(series) != MISSING


def test_one_citation_formatter_writes_every_citation():
    from pannet_edu.content.sources import sources
    from pannet_edu.publish import sheet_text
    from pannet_edu.views.trials import citation

    yao = sources()["YAO_2011"]
    written = formatting.format_citation(yao.reference, yao.pmid, yao.doi)
    assert written == ("Yao JC et al. N Engl J Med 2011;364:514-523 (RADIANT-3). "
                       "PMID 21306238; DOI 10.1056/NEJMoa1009290.")
    assert yao.cite() == written
    row = trials().set_index("trial").loc["RADIANT-3"]
    assert citation(row) == written
    assert sheet_text.citation(row) == written.removesuffix(".")
    assert formatting.format_citation("X", "1", "10.1/x", one_id=True) == "X. PMID 1."
    assert formatting.format_citation("X", "1", "10.1/x", mark="secondary source") == (
        "X. PMID 1 (secondary source); DOI 10.1/x.")
    assert formatting.format_citation("X", None, "10.1/x", mark="secondary source") == (
        "X. DOI 10.1/x (secondary source).")


def test_a_class_sheet_and_a_table_show_a_missing_value_with_the_same_dash():
    from pannet_edu.publish import sheet_text

    assert sheet_text.NOT_REPORTED == MISSING == format_number(None)
    assert sheet_text.hazard_ratio({"hr": None}) == MISSING
    assert sheet_text.fmt_pair(None, 3) == MISSING
