"""A case's key (the author's strongest options at each step) agrees with what the case teaches.

The case player scores a learner against the options the author rates best at each step and shows
them as "the case author's strongest option(s)". A key that contradicts the case's own teaching
(a stabilising drug scored best in a step about shrinkage, an option scored best whose feedback
calls it "not the first pick") teaches the wrong answer, so these checks read every step.
"""

import copy
import re
from pathlib import Path

import yaml

from pannet_edu.engine.facts import is_nec, shrinkage_triggers
from pannet_edu.engine.shrinkage import need_for_shrinkage
from pannet_edu.practice.cases import CASES_DIR, case_bank, load_case_file

BANK = case_bank()

#: Words that open a feedback rating an option below the step's best (its first sentence).
SECOND_BEST = re.compile(
    r"\b(not the first (pick|choice|answer|question)|weak|weaker|not yet)\b", re.IGNORECASE)
#: Words that open a feedback rating an option the single best.
SOLE_BEST = re.compile(r"(?<!not )\b(the strongest|the best|the first pick)\b", re.IGNORECASE)


def _opening(feedback: str) -> str:
    return re.split(r"(?<=[.:;])\s", feedback.strip(), maxsplit=1)[0]


def shrinkage_key_problems(case) -> list[str]:
    """Steps where the engine reads a need for shrinkage, a treatment that shrinks tumours is
    offered and not ruled out, yet none is among the author's strongest options."""
    problems = []
    for step in case.steps:
        p = step.patient
        if is_nec(p) or not shrinkage_triggers(p):
            continue
        shrinks = {f.therapy for f in need_for_shrinkage(p) if f.verdict == "preferred"}
        offered = {o.therapy for o in step.options
                   if o.therapy in shrinks and o.verdict != "not suitable"}
        if offered and not offered & set(step.strongest):
            why = ", ".join(shrinkage_triggers(p))
            problems.append(f"{case.id}/{step.id}: shrinkage needed ({why}) but the strongest "
                            f"are {step.strongest}, not any of {sorted(offered)}")
    return problems


def feedback_key_problems(case) -> list[str]:
    """Options whose feedback opens by calling them second best yet are among the strongest, or
    opens by calling them the single best yet are not the only strongest option."""
    problems = []
    for step in case.steps:
        for option in step.options:
            opening = _opening(option.feedback)
            where = f"{case.id}/{step.id}/{option.therapy}: '{opening}'"
            if SECOND_BEST.search(opening) and option.therapy in step.strongest:
                problems.append(f"{where} yet a strongest option")
            if SOLE_BEST.search(opening) and step.strongest != (option.therapy,):
                problems.append(f"{where} yet the strongest are {step.strongest}")
    return problems


def test_a_step_that_needs_shrinkage_counts_a_treatment_that_shrinks_among_its_strongest():
    problems = [p for case in BANK.values() for p in shrinkage_key_problems(case)]
    assert not problems, "\n".join(problems)


def test_no_option_called_second_best_is_scored_best_and_no_sole_best_ties():
    problems = [p for case in BANK.values() for p in feedback_key_problems(case)]
    assert not problems, "\n".join(problems)


def _mutated(tmp_path: Path, name: str, mutate):
    data = copy.deepcopy(yaml.safe_load((CASES_DIR / f"{name}.yaml").read_text(encoding="utf-8")))
    mutate(data)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_case_file(path)


def test_the_checks_catch_a_stabilising_drug_keyed_best_in_a_shrinkage_step(tmp_path):
    # The key the blind review found: CAPTEM and streptozocin at "caution", everolimus at
    # "reasonable" ("not the first pick") in the step titled "First line (shrinkage needed)".
    def old_key(data):
        options = data["steps"][0]["options"]
        options["capecitabine_temozolomide"]["verdict"] = "caution"
        options["streptozocin_based"]["verdict"] = "caution"

    case = _mutated(tmp_path, "captem_coronary_dpyd", old_key)
    assert case.steps[0].strongest == ("everolimus",)
    assert shrinkage_key_problems(case) and "needs_shrinkage" in shrinkage_key_problems(case)[0]
    assert any("not the first pick" in p for p in feedback_key_problems(case))


def test_the_checks_catch_a_claimed_single_best_that_ties(tmp_path):
    def claim(data):
        data["steps"][2]["options"]["capecitabine_temozolomide"]["feedback"] = (
            "Reasonable, and the strongest candidate: progressing low-grade panNET is the E2211 "
            "population.")

    case = _mutated(tmp_path, "malignant_insulinoma", claim)
    assert any("the strongest candidate" in p for p in feedback_key_problems(case))


def test_the_shrinkage_case_keys_captem_and_says_why_dpyd_does_not_change_the_choice():
    case = BANK["captem_coronary_dpyd"]
    first = case.steps[0]
    assert "capecitabine_temozolomide" in first.strongest
    assert "everolimus" not in first.strongest
    captem = first.option("capecitabine_temozolomide")
    assert "not a reason to choose another drug" in captem.feedback
    assert "check" in case.teaching_point and "not" in case.teaching_point
