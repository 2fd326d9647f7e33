"""Trial figures: they build, are labelled, plot the rows they should and say what they skip."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from trial_frames import toxicity_rows, trial_rows

from pannet_edu.plots import (
    OKABE_ITO,
    forest_plot,
    hr_and_response,
    pfs_bars,
    response_bars,
    toxicity_grid,
)
from pannet_edu.views.trials import filter_trials


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def footer(fig) -> str:
    return fig.texts[-1].get_text().replace("\n", " ")


def row_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_forest_plot_draws_one_row_per_trial_with_a_hazard_ratio():
    rows = trial_rows()
    fig = forest_plot(rows)
    ax = fig.axes[0]
    assert len(row_labels(ax)) == int(rows["hr"].notna().sum()) == 6
    assert row_labels(ax)[0].startswith("PROMID")  # first row of the table on top
    assert ax.get_yticks()[0] > ax.get_yticks()[-1]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [({"therapy_class": "tki"}, 2), ({"pannet": "no"}, 2), ({"setting": "progressive"}, 2)],
)
def test_forest_plot_rows_equal_the_filtered_trials(filters, expected):
    selected = filter_trials(trial_rows(), **filters)
    fig = forest_plot(selected)
    assert len(row_labels(fig.axes[0])) == int(selected["hr"].notna().sum()) == expected


def test_forest_plot_has_log_axis_null_line_and_direction_labels():
    ax = forest_plot(trial_rows()).axes[0]
    assert ax.get_xscale() == "log"
    assert "Hazard ratio" in ax.get_xlabel() and "log scale" in ax.get_xlabel()
    assert any(list(line.get_xdata()) == [1.0, 1.0] for line in ax.get_lines())
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "favours therapy" in texts and "favours control" in texts


def test_forest_plot_shows_n_and_the_hazard_ratio_as_stored():
    fig = forest_plot(trial_rows())
    right = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert right[0] == "n=85   HR 0.34 (0.20–0.59)"
    assert "n=144   HR 0.58 (CI not reported)" in right
    assert len(right) == len(row_labels(fig.axes[0]))


def test_forest_plot_says_which_rows_it_skipped_and_which_lack_a_ci():
    text = footer(forest_plot(trial_rows()))
    skipped = "OCLURANDOM, Kouvaraki 2004, CLARINET FORTE (pancreatic)"
    assert f"Not plotted (no hazard ratio): {skipped}." in text
    assert "No 95% CI in the data (point only): E2211." in text


def test_forest_plot_source_line_cites_only_the_rows_plotted():
    text = footer(forest_plot(trial_rows()))
    assert "Sources: Rinke 2009. PMID 19704057. Caplin 2014. PMID 25014687. Yao 2011" in text
    assert "ESMO 2022 887O" not in text  # OCLURANDOM was not plotted


def test_forest_plot_marks_trials_without_pannet_as_extrapolated():
    fig = forest_plot(trial_rows())
    ax = fig.axes[0]
    labels = row_labels(ax)
    extrapolated = [label for label in labels if "extrapolated" in label]
    assert [label.split("\n")[0] for label in extrapolated] == [
        "PROMID [TTP] · no panNET: extrapolated",
        "CABINET (extrapancreatic) · no panNET: extrapolated",
    ]
    hollow = [line for line in ax.get_lines() if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 2


def test_forest_plot_can_order_by_effect():
    labels = row_labels(forest_plot(trial_rows(), order="effect").axes[0])
    assert labels[0].startswith("CABINET (pancreatic)")  # HR 0.23, the smallest
    assert labels[-1].startswith("E2211")  # HR 0.58, the largest


def test_trial_figures_use_the_okabe_ito_palette():
    palette = {v.lower() for v in OKABE_ITO.values()}
    ax = forest_plot(trial_rows()).axes[0]
    colours = {to_hex(line.get_color()) for line in ax.get_lines()}
    assert colours <= palette


@pytest.mark.parametrize(
    ("kwargs", "error", "names"),
    [
        ({"trials": "RADIANT-3"}, TypeError, "trials must be a pandas DataFrame"),
        ({"trials": trial_rows().drop(columns="hr_low")}, ValueError, "'hr_low'"),
        ({"trials": trial_rows(), "order": "size"}, ValueError, "order must be one of"),
        ({"trials": trial_rows().iloc[6:]}, ValueError, "no row with a hazard ratio"),
    ],
)
def test_forest_plot_rejects_bad_arguments_naming_them(kwargs, error, names):
    with pytest.raises(error, match=names):
        forest_plot(**kwargs)


def test_pfs_bars_draw_therapy_and_control_and_say_what_is_missing():
    rows = trial_rows()
    fig = pfs_bars(rows)
    ax = fig.axes[0]
    has_median = rows["pfs_median"].notna() | rows["pfs_median_control"].notna()
    assert len(row_labels(ax)) == int(has_median.sum()) == 8
    # One bar per reported median, never a zero-length bar for a missing one.
    reported = int(rows["pfs_median"].notna().sum() + rows["pfs_median_control"].notna().sum())
    assert len(ax.patches) == reported == 14
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("not reached") == 1  # CLARINET's lanreotide arm
    assert texts.count("no control arm") == 1  # single-arm CLARINET FORTE
    assert "22.7" in texts and "18" in texts
    assert ax.get_xlabel() == "Median progression-free survival (months)"
    assert "Not plotted (no median PFS): Kouvaraki 2004." in footer(fig)


def test_response_bars_use_a_percent_axis_to_100():
    rows = trial_rows()
    fig = response_bars(rows)
    ax = fig.axes[0]
    assert tuple(float(x) for x in ax.get_xlim()) == (0.0, 100.0)
    assert "%" in ax.get_xlabel()
    has_orr = rows["orr"].notna() | rows["orr_control"].notna()
    assert len(row_labels(ax)) == int(has_orr.sum()) == 3
    assert [t.get_text() for t in ax.texts].count("no control arm") == 1  # retrospective series


def test_bars_reject_a_frame_without_the_columns_they_need():
    with pytest.raises(ValueError, match="'orr_control'"):
        response_bars(trial_rows().drop(columns="orr_control"))
    with pytest.raises(ValueError, match="no row with pfs_median"):
        pfs_bars(trial_rows().assign(pfs_median=pd.NA, pfs_median_control=pd.NA))


def test_hr_and_response_places_each_trial_on_the_right_panel():
    rows = trial_rows()
    fig = hr_and_response(rows)
    main, strip = fig.axes[0], fig.axes[1]
    both = rows["hr"].notna() & rows["orr"].notna()
    orr_only = rows["hr"].isna() & rows["orr"].notna()
    assert [t.get_text() for t in main.texts if not t.get_text().startswith("progression")] == [
        "CABINET (pancreatic)",
        "CABINET (extrapancreatic)",
    ]
    assert len(main.texts) - 2 == int(both.sum())
    assert [t.get_text() for t in strip.texts] == ["Kouvaraki 2004"] and orr_only.sum() == 1
    assert main.get_xscale() == "log"
    assert main.get_ylabel() == "Objective response rate, therapy arm (%)"
    assert "Not plotted (no response rate in the data): PROMID, CLARINET, RADIANT-3" in footer(fig)
    assert "different questions" in fig.get_suptitle()


def test_toxicity_grid_fills_only_what_the_catalogue_lists():
    table = toxicity_rows()
    fig = toxicity_grid(table)
    ax = fig.axes[0]
    filled = [p for p in ax.patches if p.get_fill()]
    assert len(filled) == len(table) == 7
    assert len(row_labels(ax)) == table["effect"].nunique() == 6
    assert ax.get_xlabel() == "Therapy (class)" and ax.get_ylabel() == "Main toxicity"


def test_toxicity_grid_prints_only_the_rates_the_data_holds():
    fig = toxicity_grid(toxicity_rows())
    rates = sorted(t.get_text() for t in fig.axes[0].texts)
    assert rates == ["34%", "64%", "G≥3 3%"]
    text = footer(fig)
    assert "Everolimus, stomatitis: RADIANT-3" in text
    assert "PRRT, myelosuppression: label" in text


def test_toxicity_grid_selects_therapies_and_names_unknown_ones():
    fig = toxicity_grid(toxicity_rows(), therapy_ids=["prrt"])
    assert len(fig.axes[0].get_xticklabels()) == 1
    with pytest.raises(ValueError, match="therapy_ids has unknown therapy id"):
        toxicity_grid(toxicity_rows(), therapy_ids=["aspirin"])
    with pytest.raises(TypeError, match="toxicities must be a pandas DataFrame"):
        toxicity_grid(["everolimus"])
    with pytest.raises(ValueError, match="'effect'"):
        toxicity_grid(toxicity_rows().drop(columns="effect"))


def test_packaged_trials_forest_plot_draws_every_hazard_ratio_and_cites_it():
    from pannet_edu import trials

    table = trials()
    fig = forest_plot(table)
    with_hr = table[table["hr"].notna()]
    labels = row_labels(fig.axes[0])
    assert len(labels) == len(with_hr)
    for name in ("PROMID", "NETTER-1"):  # midgut-only trials are flagged as extrapolated
        assert any(label.startswith(name) and "extrapolated" in label for label in labels)
    text = footer(fig)
    for _, row in with_hr.iterrows():
        identifier = row["pmid"] if pd.notna(row["pmid"]) else row["doi"]
        if pd.notna(identifier):
            assert str(identifier) in text, row["trial"]


def test_packaged_toxicity_grid_shows_every_catalogued_toxicity_and_only_stored_rates():
    from pannet_edu.evidence import toxicity_table

    table = toxicity_table()
    ax = toxicity_grid().axes[0]
    assert len([p for p in ax.patches if p.get_fill()]) == len(table)
    rated = table["percent"].notna() | table["grade3plus_percent"].notna()
    assert len(ax.texts) == int(rated.sum())
