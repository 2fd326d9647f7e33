"""Generated vignettes never attribute a trial to a drug it did not test.

A trial is evidence only for the drug (for PRRT: the radiopharmaceutical) and the population it
tested. Over many seeds, every trial a vignette names in its evidence or answer text is checked
against the trials table: COMPETE tested 177Lu-edotreotide, and must never be offered as the
evidence for 177Lu-DOTATATE or said to have tested it.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pannet_edu import trials
from pannet_edu.engine import THERAPY_IDS, THERAPY_NAMES
from pannet_edu.evidence.radiopharmaceuticals import RADIOPHARMACEUTICALS
from pannet_edu.practice.vignettes import vignettes

SEEDS = range(0, 240, 3)
LESSONS = (None, "05_prrt", "04_targeted_agents", "07_sequencing_cases")


def _draw() -> list:
    drawn = []
    for seed in SEEDS:
        for lesson in LESSONS:
            drawn += vignettes(seed=seed, n=4, lesson=lesson)
    return drawn


@pytest.fixture(scope="module")
def drawn() -> list:
    return _draw()


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return trials()


def _rows(table: pd.DataFrame, trial: str) -> pd.DataFrame:
    return table[table.trial == trial]


def _tested(rows: pd.DataFrame) -> set[str]:
    """What a trial's rows tested: catalogue therapy ids and radiopharmaceuticals."""
    out = {str(t) for t in rows.therapy.dropna()}
    out |= {str(r) for r in rows.radiopharmaceutical.dropna()}
    return out


def _catalogue_radiopharmaceutical(therapy: str) -> str | None:
    named = [r for r in RADIOPHARMACEUTICALS if r in THERAPY_NAMES[therapy]]
    return named[0] if named else None


_TESTED_CLAIM = re.compile(r"(?P<trial>[A-Z][\w .\-]*?) tested (?P<arms>.+?) in: ")


def test_the_draw_covers_trial_questions_and_prrt(drawn):
    kinds = {v.kind for v in drawn}
    assert {"trial", "best_option"} <= kinds
    assert any(v.kind == "trial" and v.meta["therapy"] == "prrt" for v in drawn)
    assert any("tested" in o.explanation for v in drawn for o in v.options)


def test_every_tested_claim_names_what_the_trials_table_says_was_tested(drawn, table):
    """'X tested Y': Y must name X's own radiopharmaceutical, never another one."""
    names = set(table.trial)
    checked = 0
    for vignette in drawn:
        for option in vignette.options:
            for claim in _TESTED_CLAIM.finditer(option.explanation):
                trial = next((n for n in names if claim["trial"].endswith(n)), None)
                assert trial is not None, f"{vignette.id}: unknown trial in {claim[0]!r}"
                arm = claim["arms"].split(" vs ")[0]
                rows = _rows(table, trial)
                own = set(rows.radiopharmaceutical.dropna())
                for agent in RADIOPHARMACEUTICALS:
                    if agent in arm:
                        assert agent in own, (
                            f"{vignette.id}: {trial} is said to have tested {agent}; the trials "
                            f"table says {sorted(own) or 'no radiopharmaceutical'}")
                for agent in own:
                    assert agent in arm, f"{vignette.id}: {trial}'s arm {arm!r} hides {agent}"
                checked += 1
    assert checked > 50


def test_the_trial_offered_as_evidence_tested_that_drug(drawn, table):
    """The key of a 'which trial is the evidence' vignette tested the option considered (for PRRT,
    the same radiopharmaceutical as the catalogue's)."""
    seen = 0
    for vignette in (v for v in drawn if v.kind == "trial"):
        therapy = vignette.meta["therapy"]
        key = next(o.text for o in vignette.options if o.correct)
        rows = _rows(table, key)
        assert therapy in set(rows.therapy.dropna()), (
            f"{vignette.id}: {key} is the key for {therapy}, but the trials table says it tested "
            f"{sorted(_tested(rows))}")
        agent = _catalogue_radiopharmaceutical(therapy)
        if agent is not None:
            assert set(rows.radiopharmaceutical.dropna()) == {agent}, vignette.id
        seen += 1
    assert seen > 20


def test_compete_is_never_the_evidence_for_177lu_dotatate(drawn):
    for vignette in drawn:
        if vignette.kind == "trial" and vignette.meta["therapy"] == "prrt":
            key = next(o.text for o in vignette.options if o.correct)
            assert key != "COMPETE", vignette.id
        for option in vignette.options:
            assert "COMPETE tested 177Lu-DOTATATE" not in option.explanation, vignette.id


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+", text) if s.strip()]


def test_no_option_text_cites_a_trial_of_another_radiopharmaceutical(drawn, table):
    """Every trial a best-option answer names beside a PRRT option tested that radiopharmaceutical,
    or the sentence says what the trial tested instead."""
    problems = []
    for vignette in (v for v in drawn if v.kind in ("best_option", "trial", "before_starting")):
        for option in vignette.options:
            therapy = next((t for t in THERAPY_IDS if THERAPY_NAMES[t] == option.text.lower()
                            or THERAPY_NAMES[t][0].upper() + THERAPY_NAMES[t][1:] == option.text),
                           vignette.meta.get("therapy"))
            agent = _catalogue_radiopharmaceutical(therapy) if therapy else None
            if agent is None:
                continue
            for sentence in _sentences(option.explanation):
                for trial in set(table.trial):
                    if not re.search(rf"\b{re.escape(trial)}\b", sentence):
                        continue
                    own = set(_rows(table, trial).radiopharmaceutical.dropna())
                    if own and agent not in own and not any(a in sentence for a in own):
                        problems.append(f"{vignette.id}: {sentence!r}")
    assert not problems, problems[:3]
