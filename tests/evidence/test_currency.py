"""Dated facts, lesson review dates, the changes report and the staleness check."""

from __future__ import annotations

import datetime
import subprocess
import warnings

import pytest

from pannet_edu import cli, evidence
from pannet_edu.clinic import staging
from pannet_edu.content import ContentError
from pannet_edu.content.sources import MARKS, confidence_mark, mark_legend
from pannet_edu.evidence import changes, label_figures, trials


class StaleFactWarning(UserWarning):
    """A fact was last checked more than 24 months ago."""


# --- the staleness check that `make test` prints ---------------------------------------------

def test_staleness_check_warns_and_fails_only_when_asked(request):
    """Prints the facts due a re-check; fails only with ``--strict-staleness``."""
    stale = changes.stale_facts()
    if stale:
        message = changes.stale_report()
        if request.config.getoption("--strict-staleness"):
            pytest.fail(message)
        warnings.warn(StaleFactWarning(message), stacklevel=1)


def test_stale_facts_finds_old_checks_and_respects_the_window():
    assert changes.stale_facts("2026-12-01") == []
    later = changes.stale_facts("2029-01-01")
    facts = {f["fact"] for f in later}
    assert "RADIANT-3 / all" in facts and "CABINET / pancreatic (FDA label)" in facts
    # 24 months exactly is not yet stale; a day more is.
    assert not any(f["fact"] == "RADIANT-3 / all" for f in changes.stale_facts("2028-11-26"))
    assert any(f["fact"] == "RADIANT-3 / all" for f in changes.stale_facts("2028-11-27"))
    assert changes.stale_facts("2026-12-01", months=1) == []
    with pytest.raises(ValueError, match="months"):
        changes.stale_facts(months=0)


def test_cli_stale_strict_exits_1_only_when_something_is_stale(capsys):
    assert cli.main(["changes", "--stale", "--strict", "--today", "2026-12-01"]) == 0
    assert cli.main(["changes", "--stale", "--strict", "--today", "2030-01-01"]) == 1
    assert cli.main(["changes", "--stale", "--today", "2030-01-01"]) == 0
    assert "re-check them" in capsys.readouterr().out


# --- every fact carries a date -------------------------------------------------------------

def test_every_trial_row_and_label_figure_has_a_real_past_check_date():
    today = datetime.date.today()
    for frame in (trials(), label_figures()):
        for value in frame.last_checked:
            day = datetime.date.fromisoformat(value)
            assert datetime.date(2024, 1, 1) <= day <= today


def test_a_missing_or_future_check_date_is_refused(tmp_path):
    text = evidence.TRIALS_FILE.read_text(encoding="utf-8")
    for bad, problem in (("", "missing"), ("2999-01-01", "future"), ("2026-02-30", "not a date"),
                         ("1 Dec 2026", "YYYY-MM-DD")):
        path = tmp_path / f"trials_{len(problem)}.csv"
        path.write_text(text.replace(",2026-11-26,", f",{bad},", 1), encoding="utf-8")
        with pytest.raises(ContentError, match=problem) as err:
            trials(path)
        assert err.value.field == "last_checked"


def test_lesson_review_date_is_the_oldest_check_among_its_facts():
    facts = evidence.dated_facts()
    lesson = evidence.lesson_facts("03_somatostatin_analogues")
    mine = facts[facts.trial.isin(lesson.trials) | facts.source_name.isin(lesson.sources)]
    assert evidence.lesson_review_date("03_somatostatin_analogues") == min(mine.last_checked)
    # Lesson 8's trials were all checked in the December 2026 pass; its oldest fact is a review.
    eight = evidence.lesson_facts("08_under_investigation")
    assert set(facts[facts.trial.isin(eight.trials)].last_checked) == {datetime.date(2026, 12, 1)}
    assert evidence.lesson_review_date("08_under_investigation") == datetime.date(2026, 11, 26)
    assert "2026-" in evidence.lesson_review_line("05_prrt")
    with pytest.raises(ValueError, match="lesson_id must be one of"):
        evidence.lesson_facts("09_nowhere")


def test_every_lesson_lists_only_known_trials_and_sources():
    for lesson in evidence.lesson_ids():
        facts = evidence.lesson_facts(lesson)
        assert set(facts.trials) <= set(trials().trial)
        assert isinstance(evidence.lesson_review_date(lesson), datetime.date)


# --- the changes report -----------------------------------------------------------------------

def _has_git() -> bool:
    try:
        return subprocess.run(["git", "-C", str(evidence.DATA_DIR), "rev-parse"],
                              capture_output=True, check=False).returncode == 0
    except OSError:
        return False


@pytest.mark.skipif(not _has_git(), reason="needs the git history of a checkout")
def test_changes_since_before_this_pass_lists_new_trials_and_changed_numbers():
    report = changes.changes("2026-11-27")
    assert report.history
    sections = report.by_section()
    new = {c.what for c in sections["new trials"]}
    assert {"STARTER-NET", "NET-02", "TALENT (pancreatic)"} <= new
    changed = {c.what: c.detail for c in sections["changed numbers and identifiers"]}
    assert "80 -> 80.5" in changed["OCLURANDOM"]
    assert "CLARINET / all, FDA label" in {c.what for c in sections["new label figures"]}
    markdown = report.markdown()
    assert markdown.startswith("## Content changes since 2026-11-27")
    assert "### New trials" in markdown


def test_changes_without_git_lists_what_was_rechecked_since_the_date():
    report = changes.changes("2026-11-30", use_git=False)
    assert not report.history
    rechecked = {c.what for c in report.items}
    assert "STARTER-NET / all" in rechecked and "RADIANT-3 / all" not in rechecked
    assert "no version history" in report.text()
    assert changes.changes("2999-01-01", use_git=False).text().endswith("No changes.")


def test_changes_refuses_a_bad_date():
    with pytest.raises(ValueError, match="since must be a date"):
        changes.changes("last week")
    with pytest.raises(TypeError, match="since must be a date"):
        changes.changes(20261201)
    assert cli.main(["changes", "--since", "soon"]) == 2
    assert cli.main(["changes"]) == 2


# --- marks: one vocabulary, explained once -----------------------------------------------------

def test_every_mark_shown_comes_from_the_one_vocabulary_and_the_legend_explains_it():
    legend = {row["mark"] for row in mark_legend().rows}
    for row in trials().itertuples(index=False):
        mark = confidence_mark(row.confidence, row.figures_source)
        assert mark == "" or mark in MARKS
        assert mark == "" or mark in legend
    assert confidence_mark("secondary", "congress") == "congress report"
    with pytest.raises(ValueError, match="confidence must be one of"):
        confidence_mark("probably")


def test_reference_lists_carry_no_project_notes():
    refs = evidence.trial_references()
    for source in refs:
        assert source.note in ("", *MARKS), source.note
        assert "confirmed" not in source.reference
    marks = {s.short: s.note for s in refs}
    assert marks["COMPETE"] == "congress report"
    assert marks["OCLURANDOM"] == "sources differ"
    assert marks["RADIANT-3"] == ""


# --- new evidence rows ----------------------------------------------------------------------

def test_new_rows_have_their_design_and_sources():
    table = trials().set_index(["trial", "cohort"])
    starter = table.loc[("STARTER-NET", "all")]
    assert starter.comparator == "everolimus 10 mg daily" and starter.confidence == "conflicting"
    assert "26.8%" in starter.notes and "23.0%" in starter.notes  # both ORR reports, each sourced
    assert starter.hr_low <= starter.hr <= starter.hr_high
    assert table.loc[("OCLURANDOM", "all"), "landmark_pfs"] == 80.5
    assert table.loc[("NET-02", "all"), "pmid"] == "37287870"
    assert table.loc[("PRODIGE 41-BEVANEC", "all"), "doi"] == "10.1016/S1470-2045(23)00001-3"
    assert "discontinued" in table.loc[("ALPHAMEDIX-02", "PRRT-naive"), "notes"]
    assert table.loc[("A6181111", "all"), "doi"] == "10.1056/NEJMoa1003825"
    assert table.loc[("A6181111", "all"), "pmid"] is __import__("pandas").NA
    for key in (("CONTROL NETs", "pancreatic"), ("CONTROL NETs", "midgut")):
        assert table.loc[key, "comparator"]  # randomised: its control arm is named
    # Investigational regimens are not catalogue therapies.
    assert table.loc[("TALENT", "pancreatic"), "therapy_class"] == "tki"
    assert table.loc[("TALENT", "pancreatic"), "therapy"] is __import__("pandas").NA


def test_label_figures_keep_the_label_beside_the_paper():
    labels = label_figures().set_index(["trial", "cohort", "label"])
    assert labels.loc[("CLARINET", "all", "FDA"), "pfs_median_control"] == 16.6
    assert trials().set_index("trial").loc["CLARINET", "pfs_median_control"] == 18.0
    assert labels.loc[("A6181111", "all", "FDA"), "pfs_median"] == 10.2


# --- AJCC editions ----------------------------------------------------------------------------

def test_stage_edition_8_is_the_default_and_edition_9_says_what_it_uses():
    assert staging.stage("T2", "N0", "M0").edition == 8
    result = staging.stage("T2", "N0", "M1a", edition=9, tumour="NET G3")
    assert result.group == "IV" and result.edition == 9
    assert "could not be checked" in result.note and "8th-edition" in str(result)
    assert "UICC" in staging.stage("T1", "N0", "M0", tumour="NET G3").note
    assert staging.stage("T1", "N0", "M0", tumour="NET G1").note == ""


@pytest.mark.parametrize("edition", [8, 9])
@pytest.mark.parametrize("tumour", ["NEC", "MiNEN", "nec"])
def test_nec_and_minen_are_staged_as_exocrine_pancreas(edition, tumour):
    with pytest.raises(ValueError, match="exocrine pancreas"):
        staging.stage("T2", "N0", "M0", edition=edition, tumour=tumour)


def test_bad_edition_or_tumour_is_refused_naming_the_argument():
    with pytest.raises(ValueError, match="edition must be 8 or 9"):
        staging.stage("T1", "N0", "M0", edition=7)
    with pytest.raises(TypeError, match="edition must be"):
        staging.stage("T1", "N0", "M0", edition="9")
    with pytest.raises(ValueError, match="tumour must be one of"):
        staging.stage("T1", "N0", "M0", tumour="adenocarcinoma")


def test_edition_changes_name_chromogranin_and_the_unconfirmed_tnm():
    rows = {r["topic"]: r["version 9"] for r in staging.edition_changes().rows}
    assert "chromogranin A" in rows["chromogranin A"]
    assert "Not found in the sources checked" in rows["pancreas T, N and M"]
    assert "G1, G2 and G3, and only these" in rows["which pancreatic tumours it stages"]


def test_catalogue_comparison_finds_new_approvals_and_warnings_but_not_rechecks():
    old = """
drug:
  name: Drug X
  approval: {USA (FDA): "Approved 2020"}
  toxicities:
    - {effect: rash, source: Trial A, last_checked: 2024-01-01}
"""
    new = """
drug:
  name: Drug X
  approval: {USA (FDA): "Approved 2020", EU: "Approved 2025"}
  toxicities:
    - {effect: rash, source: Trial A, last_checked: 2026-12-01}
    - {effect: hepatotoxicity, source: Label 2026}
other:
  name: Drug Y
"""
    found = {(c.section, c.what) for c in changes._compare_therapies(old, new)}
    assert ("new approvals", "Drug X, EU") in found
    assert ("new warnings", "Drug X: hepatotoxicity") in found
    assert ("new therapies", "Drug Y") in found
    assert not any(section == "changed warnings" for section, _ in found)  # only re-dated
