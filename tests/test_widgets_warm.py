"""Figures drawn ahead of a class: every view a learner can reach is kept, a warmed folder is
read (nothing drawn again), older code versions' figures are pruned, and the app and `make lab`
start the warm in the background."""

import os
import time

import matplotlib

matplotlib.use("Agg")

import pytest
from figure_draws import counting
from trial_frames import trial_rows

from pannet_edu import cli
from pannet_edu.app import commands, server
from pannet_edu.widgets import CasePlayer, TrialExplorer, kept_figures, warm


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(kept_figures.FIGURE_CACHE_ENV, str(tmp_path / "figures"))
    return tmp_path / "figures"


def test_warming_keeps_every_filter_combination_so_a_learner_never_draws(folder, monkeypatch):
    report = warm.warm_kept_figures(("trial explorer",), trials=trial_rows())
    tool = TrialExplorer(trials=trial_rows())
    combinations = (len(tool.therapy_class.options) * len(tool.pannet.options)
                    * len(tool.setting.options))
    assert report.views == combinations
    assert report.drawn == report.kept > 1 and report.folder == kept_figures.current_folder()
    calls = counting(monkeypatch, TrialExplorer)
    again = warm.warm_kept_figures(("trial explorer",), trials=trial_rows())
    assert again.drawn == 0 and again.kept == report.kept and "0 drawn now" in again.summary()
    learner = TrialExplorer(trials=trial_rows())  # a new kernel's tool, moved through every filter
    for therapy_class in [value for _label, value in learner.therapy_class.options]:
        learner.therapy_class.value = therapy_class
        for pannet in [value for _label, value in learner.pannet.options]:
            learner.pannet.value = pannet
            for setting in learner.setting.options:
                learner.setting.value = setting
    assert calls == [], "a second warm or a learner's view drew a figure the warm had kept"


def test_warming_the_case_player_covers_each_case_step_and_choice(folder, monkeypatch):
    from pannet_edu.practice import cases

    whole_bank = cases.case_bank()
    two = {key: whole_bank[key] for key in ("vipoma", "indolent_g1_sstr_positive")}
    monkeypatch.setattr(cases, "case_bank", lambda: dict(two))  # every case: half a minute
    report = warm.warm_kept_figures(("case player",))
    assert report.views == sum(len(step.options) + 1 for case in two.values()
                               for step in case.steps)
    calls = counting(monkeypatch, CasePlayer)
    for case in two.values():
        player = CasePlayer(case.id)
        for index in range(len(case.steps)):
            player.go_to(index)  # what "Next decision" does
            for _label, choice in player.choice_picker.options:
                player.choice_picker.value = choice
    assert calls == [], "a learner's view drew a timeline the warm should have kept"


def test_warming_is_off_when_keeping_is_off(monkeypatch):
    monkeypatch.setenv(kept_figures.FIGURE_CACHE_ENV, "off")
    report = warm.warm_kept_figures()
    assert (report.views, report.drawn, report.folder) == (0, 0, None)
    assert "not kept" in report.summary()


@pytest.mark.parametrize(("tools", "error"), [("case player", TypeError),
                                              (("slides",), ValueError)])
def test_warming_an_unknown_tool_is_refused(folder, tools, error):
    with pytest.raises(error, match="tools must"):
        warm.warm_kept_figures(tools)


def test_pruning_removes_old_versions_only(folder):
    current = kept_figures.current_folder()
    current.mkdir(parents=True)
    (current / f"{'a' * 64}.figure").write_text("{}")
    old, recent = folder / "0123456789abcdef", folder / "fedcba9876543210"
    for sub in (old, recent):
        sub.mkdir()
        (sub / f"{'b' * 64}.html").write_text("<img>")  # the layout before figures were PNGs
        (sub / f"{'c' * 64}.figure").write_text("{}")
    # the older flat layout
    flat, flat_recent = folder / f"{'0a' * 32}.html", folder / f"{'2c' * 32}.html"
    flat.write_text("<img>")
    flat_recent.write_text("<img>")
    stale = time.time() - 10 * 86400
    os.utime(old, (stale, stale))
    os.utime(flat, (stale, stale))
    os.utime(current, (stale, stale))  # the current version stays however old
    assert kept_figures.prune_kept_figures(keep_days=7) == 1
    assert not old.exists() and recent.exists() and (current / f"{'a' * 64}.figure").exists()
    assert not flat.exists() and flat_recent.exists()
    assert kept_figures.prune_kept_figures(keep_days=0) == 1 and not recent.exists()
    with pytest.raises(ValueError, match="keep_days must be"):
        kept_figures.prune_kept_figures(keep_days=-1)


def test_pruning_removes_half_written_files_older_than_a_day(folder):
    current = kept_figures.current_folder()
    current.mkdir(parents=True)
    partial = current / f".{'1' * 64}.figure.{'0' * 16}.partial"
    fresh = current / f".{'2' * 64}.figure.{'0' * 16}.partial"
    partial.write_text("<im")
    fresh.write_text("<im")
    stale = time.time() - 2 * 86400
    os.utime(partial, (stale, stale))
    kept_figures.prune_kept_figures()
    assert not partial.exists() and fresh.exists()


def test_the_warm_command_prints_what_it_kept(folder, monkeypatch, capsys):
    seen = {}

    def fake_warm():
        seen["called"] = True
        return warm.WarmReport(3, 2, 2, 0, 0.1, folder)

    monkeypatch.setattr(warm, "warm_kept_figures", fake_warm)
    assert cli.main(["warm"]) == 0
    assert seen and "Figures ready: 2 kept" in capsys.readouterr().out


def test_warm_in_the_background_starts_a_quiet_low_priority_process(monkeypatch, capsys):
    started = []
    monkeypatch.setattr(commands.subprocess, "Popen", lambda command, **kw: started.append(command))
    assert cli.main(["warm", "--background"]) == 0
    (command,) = started
    assert command[-4:] == ["pannet_edu.cli", "warm", "--quiet", "--low-priority"]
    assert "background" in capsys.readouterr().out


class FakeProcess:
    def __init__(self):
        self.terminated = False

    def poll(self):
        return None

    def terminate(self):
        self.terminated = True


def test_the_app_warms_the_figures_while_it_serves_and_stops_the_warm_after(monkeypatch):
    process = FakeProcess()
    monkeypatch.setattr(commands, "start_warming", lambda: process)
    monkeypatch.setattr(server, "run", lambda *args: 0)
    assert cli.main(["app", "--no-browser"]) == 0
    assert process.terminated


def test_the_app_can_be_told_not_to_warm(monkeypatch):
    monkeypatch.setattr(commands, "start_warming", lambda: pytest.fail("warmed despite --no-warm"))
    monkeypatch.setattr(server, "run", lambda *args: 0)
    assert cli.main(["app", "--no-browser", "--no-warm"]) == 0


