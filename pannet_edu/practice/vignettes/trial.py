"""Vignette kind ``trial``: the trial behind an option (the engine's reasons and the trial table).

>>> from pannet_edu.practice.vignettes import vignettes
>>> drawn = vignettes(seed=9, n=8, lesson="03_somatostatin_analogues")
>>> [v for v in drawn if v.kind == "trial"][0].reference != ""
True
"""

from __future__ import annotations

import random

from ...engine import THERAPY_NAMES
from ..question_bank import Option
from .lessons import _LIMITS
from .patient import Case
from .therapy import _Appraisal, _Data


def _trial_summary(data: _Data, trial: str) -> str:
    from ...formatting import arms_label

    row = data.trial_rows[trial]
    return f"{trial} tested {arms_label(row, THERAPY_NAMES)} in: {row['population']}."


def trials_holding(therapy: str, patient) -> frozenset[str]:
    """The trials of ``therapy`` whose enrolled population holds ``patient``: the only trials a
    question may call "the evidence for it in this situation". A trial the patient is outside
    (a different line of treatment, grade or Ki-67) is cited by the engine to say why the option
    is extrapolated, never as the answer.

    >>> from pannet_edu.engine import Patient
    >>> sorted(trials_holding("ssa", Patient(ki67=5, sstr="positive")))
    ['CLARINET']
    >>> sorted(trials_holding("ssa", Patient(ki67=14, sstr="positive", progressing=True)))
    []
    """
    from ...engine.scope import supported_within

    return frozenset(e.trial for e in supported_within(therapy, patient) if e.trial)


def _trial_question(case: Case, rng: random.Random, data: _Data, app: _Appraisal):
    candidates = []
    patient = case.patient()
    for therapy in data.pool:
        if app.verdict[therapy] not in ("preferred", "reasonable"):
            continue
        holding = trials_holding(therapy, patient)
        for finding in app.findings[therapy].findings:
            if finding.verdict in _LIMITS:
                continue
            candidates += [(therapy, t, finding) for t in finding.trials
                           if t in data.own_trials[therapy] and t in holding]
    if not candidates:
        return None
    therapy, key, finding = rng.choice(candidates)
    cited = {t for f in app.findings[therapy].findings for t in f.trials}
    excluded = cited | data.own_trials[therapy] | data.key_trials[therapy]
    wrong_pool = sorted(t for t in data.trial_rows if t not in excluded)
    if len(wrong_pool) < 2:
        return None
    wrong = rng.sample(wrong_pool, min(3, len(wrong_pool)))
    name = THERAPY_NAMES[therapy]
    options = [Option(key, True, f"{finding.reason} {_trial_summary(data, key)}")]
    options += [Option(t, False, f"{_trial_summary(data, t)} It is not the evidence for {name}.")
                for t in wrong]
    rng.shuffle(options)
    question = f"The team considers {name}. Which trial is the evidence for it in this situation?"
    reference = data.reference([finding], [key])
    return question, options, reference, {"key": key, "therapy": therapy}
