"""Live figures kept between kernels: read back when nothing changed, drawn anew when the data,
the selection or the case changes, and never broken by a folder that cannot be written."""

import matplotlib

matplotlib.use("Agg")

import pytest
from figure_draws import counting
from trial_frames import trial_rows

from pannet_edu.widgets import CasePlayer, TrialExplorer, kept_figures


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(kept_figures.FIGURE_CACHE_ENV, str(tmp_path / "figures"))
    return tmp_path / "figures" / kept_figures.code_fingerprint()[:16]


def shown(tool) -> str:
    return tool.plot_output.outputs[0]["data"]["text/html"]


def test_a_second_kernel_reads_the_kept_forest_plot_instead_of_drawing_it(folder, monkeypatch):
    first = TrialExplorer(trials=trial_rows())
    kept = list(folder.glob("*.figure"))
    assert len(kept) == 1
    calls = counting(monkeypatch, TrialExplorer)
    second = TrialExplorer(trials=trial_rows())
    assert calls == [] and shown(second) == shown(first)


def test_a_changed_trials_file_invalidates_the_kept_figure(folder, monkeypatch):
    before = shown(TrialExplorer(trials=trial_rows()))
    edited = trial_rows()
    edited.loc[edited["trial"] == "RADIANT-3", "hr"] = 0.5  # an edited hazard ratio
    calls = counting(monkeypatch, TrialExplorer)
    after = TrialExplorer(trials=edited)
    assert calls == [1]
    assert shown(after) != before and "RADIANT-3 0.5" in shown(after)
    assert len(list(folder.glob("*.figure"))) == 2


def test_each_selection_is_kept_apart_and_the_view_follows_the_filter(folder):
    tool = TrialExplorer(trials=trial_rows())
    everything = shown(tool)
    tool.therapy_class.value = "ssa"
    assert shown(tool) != everything and "RADIANT" not in shown(tool)
    tool.therapy_class.value = "all"
    assert shown(tool) == everything


def test_the_kept_case_timeline_follows_the_case_file(folder, monkeypatch):
    from dataclasses import replace

    player = CasePlayer("vipoma", step=1)
    before = shown(player)
    calls = counting(monkeypatch, CasePlayer)
    assert shown(CasePlayer("vipoma", step=1)) == before and calls == []
    edited = CasePlayer("vipoma", step=1)
    case = edited.bank["vipoma"]
    edited.bank["vipoma"] = replace(case, title="An edited case title")
    edited._figures.clear()
    edited.refresh()
    assert calls == [1] and "An edited case title" in shown(edited)


def test_no_folder_or_an_unwritable_one_still_draws(tmp_path, monkeypatch):
    monkeypatch.setenv(kept_figures.FIGURE_CACHE_ENV, "off")
    assert "<img" in shown(TrialExplorer(trials=trial_rows()))
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(kept_figures.FIGURE_CACHE_ENV, str(blocked / "figures"))
    assert "<img" in shown(TrialExplorer(trials=trial_rows()))


def test_a_kept_figure_is_written_whole(folder):
    TrialExplorer(trials=trial_rows())
    assert not list(folder.glob(".*.partial"))
    (page,) = folder.glob("*.figure")
    png, alt = kept_figures.parse_figure(page.read_bytes())  # a whole PNG, and its alt text
    assert png.startswith(b"\x89PNG") and alt.startswith("Forest plot")
