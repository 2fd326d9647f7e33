"""Vignette kind ``evidence``: which step toward changing practice a trial under investigation
has taken (lesson 8's checklist, :mod:`pannet_edu.evidence.practice_change`).

The patient asks about an agent under investigation; one option is a step its trial has met,
the others steps it is still missing, each with the evidence read from the data.

>>> from pannet_edu.practice.vignettes import vignettes
>>> v = vignettes(seed=1, n=1, lesson="08_under_investigation")[0]
>>> v.kind, sum(o.correct for o in v.options)
('evidence', 1)
"""

from __future__ import annotations

import random

from ...evidence import practice_change
from ..question_bank import Option
from .patient import Case

#: Radiopeptides act only where the tumour takes up the tracer: their trials enrolled
#: SSTR-positive disease, so a patient asking about one has SSTR-positive disease here.
_RADIOPEPTIDE_WORDS = ("177Lu", "212Pb", "225Ac")


def _fits(case: Case, agent: str) -> bool:
    """The invented patient could plausibly ask about this agent."""
    if not case.metastatic or case.differentiation != "well":
        return False
    if any(word in agent for word in _RADIOPEPTIDE_WORDS):
        return case.sstr == "positive"
    return True


def _evidence_question(case: Case, rng: random.Random):
    choices = []
    for trial in practice_change.trial_names():
        found = practice_change.checklist(trial)
        if not found.running and _fits(case, found.agent):
            choices.append(found)
    if not choices:
        return None
    found = rng.choice(choices)
    met = [s for s in found.steps if s.met is True]
    missing = [s for s in found.steps if s.met is False]
    if not met or len(missing) < 2:
        return None
    key = rng.choice(met)
    wrong = rng.sample(missing, min(3, len(missing)))
    options = [Option(key.question, True, f"{key.evidence} {found.verdict}")]
    options += [Option(s.question, False, f"Not yet. {s.evidence} {found.verdict}")
                for s in wrong]
    rng.shuffle(options)
    she = "She" if case.sex == "woman" else "He"
    agent = found.agent[0].lower() + found.agent[1:] if found.agent[1:2].islower() else found.agent
    question = (f"{she} has read about {agent}, tested in {found.trial}, and asks whether it "
                f"will become a standard treatment. Which step toward changing practice has the "
                f"{found.trial} result already taken?")
    return question, options, found.source, {"key": key.id, "trial": found.trial}
