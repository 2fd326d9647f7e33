"""Trial filters and tables: numbers printed as stored, filters validated, flags shown."""

import pandas as pd
import pytest
from trial_frames import trial_rows

from pannet_edu.formatting import arms_label, format_hr, format_number
from pannet_edu.views.trials import (
    filter_options,
    filter_trials,
    source_line,
    trial_table_html,
    trial_table_text,
)


def test_numbers_are_printed_exactly_as_stored():
    values = (0.276, 0.418, 43.0, 6.0, 0.2765432, 1310159)
    assert [format_number(v) for v in values] == [
        "0.276", "0.418", "43", "6", "0.2765432", "1310159"
    ]
    assert format_number(pd.NA) == "–"
    assert format_hr({"hr": 0.276, "hr_low": 0.182, "hr_high": 0.418}) == "0.276 (0.182–0.418)"


def test_filter_options_come_from_the_data():
    options = filter_options(trial_rows())
    assert options["pannet"] == ["all", "no", "part", "yes"]
    assert options["therapy_class"][0] == "all"
    assert "mtor_inhibitor" in options["therapy_class"]


def test_filters_combine_and_reject_unknown_values_by_name():
    rows = trial_rows()
    both = filter_trials(rows, therapy_class="tki", pannet="yes")
    assert list(both["cohort"]) == ["pancreatic"]
    assert len(filter_trials(rows)) == len(rows)
    with pytest.raises(ValueError, match="setting must be one of"):
        filter_trials(rows, setting="adjuvant")
    with pytest.raises(TypeError, match="therapy_class must be one of"):
        filter_trials(rows, therapy_class=3)


def test_html_table_has_one_row_per_trial_and_shades_extrapolated_rows():
    rows = trial_rows()
    html = trial_table_html(rows)
    assert html.count("<tr") - 1 == len(rows)
    assert html.count('<tr style="background:#fdf1e6">') == int((rows["pannet"] == "no").sum())
    assert "14.3 / 6 (TTP)" in html  # PROMID's endpoint was time to progression
    assert "5.6 / –" in html  # single-arm: no control median
    assert "not reached / 18" in html  # CLARINET's lanreotide arm


def test_text_table_is_deterministic_and_names_every_field():
    rows = trial_rows().iloc[[2]]
    assert trial_table_text(rows) == "\n".join(
        [
            "RADIANT-3",
            "  Phase: III",
            "  Arms: Everolimus vs placebo",
            "  Population: panNET; panNET only",
            "  Setting: progressive",
            "  n: 410",
            "  Median PFS, months (therapy / control): 11 / 4.6",
            "  PFS hazard ratio (95% CI): 0.35 (0.27–0.45)",
            "  Source: Yao 2011. PMID 21306238.",
        ]
    )


def test_non_comparative_and_single_arm_designs_are_named_in_the_arms():
    rows = trial_rows().set_index("trial", drop=False)
    assert arms_label(rows.loc["OCLURANDOM"], {"prrt": "PRRT"}) == (
        "PRRT, sunitinib (randomised, non-comparative)"
    )
    assert arms_label(rows.loc["Kouvaraki 2004"], {}) == "streptozocin based (retrospective series)"
    assert arms_label(rows.loc["CLARINET FORTE"], {}) == "ssa (single arm)"


def test_source_line_lists_each_citation_once():
    rows = filter_trials(trial_rows(), therapy_class="tki")
    assert source_line(rows) == "Sources: Chan 2025. PMID 39282913."

