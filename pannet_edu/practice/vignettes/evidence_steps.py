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


def outside_trial(case: Case, trial: str) -> list[str]:
    """What keeps the invented patient out of ``trial``'s enrolled population, in a learner's
    words (empty when inside, or when the trial's population is not described in the data): a
    question about a trial must fit its patient (a Ki-67 of 48% does not fit a G1/G2 trial).

    >>> import dataclasses, random
    >>> from pannet_edu.practice import draw_case
    >>> case = draw_case(random.Random(1), difficulty="easy", metastatic=True)
    >>> g3 = dataclasses.replace(case, ki67=48, mitoses=None, differentiation="well")
    >>> outside_trial(g3, "STARTER-NET")[:1]
    ['enrolled G1 and G2 tumours, and this is NET G3']
    """
    from ...engine.scope import exclusions, load_scope

    try:
        evidence = load_scope().trial(trial)
    except KeyError:
        return []
    return exclusions(evidence, case.patient())


def _fits(case: Case, agent: str, trial: str) -> bool:
    """The invented patient could plausibly ask about this agent, tested in this trial."""
    if not case.metastatic or case.differentiation != "well":
        return False
    if any(word in agent for word in _RADIOPEPTIDE_WORDS) and case.sstr != "positive":
        return False
    return not outside_trial(case, trial)


def _step_sentence(step: practice_change.Step) -> str:
    """A step and its evidence as one sentence a learner reads: whether the step is taken, then
    what the data say (never "Not yet. No: ...").

    >>> step = practice_change.Step("approved", "Approved by a regulator for this use", False,
    ...                             "No: each drug approved; the combination is investigated.")
    >>> _step_sentence(step)
    'Not yet taken, “approved by a regulator for this use”: each drug approved; the \
combination is investigated.'
    """
    detail = step.evidence
    for opener in ("Yes:", "Yes,", "No:", "Not yet:"):
        if detail.startswith(opener):
            detail = detail[len(opener):].strip()
    taken = "Already taken" if step.met else "Not yet taken"
    question = step.question[:1].lower() + step.question[1:]
    detail = detail.rstrip(".")
    return f"{taken}, “{question}”: {detail}." if detail else f"{taken}, “{question}”."


def _evidence_question(case: Case, rng: random.Random):
    choices = []
    for trial in practice_change.trial_names():
        found = practice_change.checklist(trial)
        if not found.running and _fits(case, found.agent, found.trial):
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
    options = [Option(key.question, True, f"{_step_sentence(key)} {found.verdict}")]
    options += [Option(s.question, False, f"{_step_sentence(s)} {found.verdict}")
                for s in wrong]
    rng.shuffle(options)
    she = "She" if case.sex == "woman" else "He"
    agent = found.agent[0].lower() + found.agent[1:] if found.agent[1:2].islower() else found.agent
    question = (f"{she} has read about {agent}, tested in {found.trial}, and asks whether it "
                f"will become a standard treatment. Which step toward changing practice has the "
                f"{found.trial} result already taken?")
    return question, options, found.source, {"key": key.id, "trial": found.trial}
