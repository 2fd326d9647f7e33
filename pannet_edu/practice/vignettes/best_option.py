"""Vignette kind ``best_option``: the systemic option with the strongest case for the patient.

>>> from pannet_edu.practice.vignettes import vignettes
>>> vignettes(seed=5, n=1, lesson="04_targeted_agents")[0].kind in ("best_option", "trial")
True
"""

from __future__ import annotations

import random

from ..question_bank import Option
from .lessons import _LIMITS
from .model import _VERDICT_OPENING
from .patient import Case
from .therapy import _Appraisal, _Data, _option_text


def _best_option_question(case: Case, rng: random.Random, data: _Data, app: _Appraisal):
    verdict = app.verdict
    keys = [t for t in data.pool if verdict[t] == "preferred"]
    # Only drugs in the catalogue are offered: the question is about systemic therapy.
    limited = [t for t in data.systemic if verdict[t] in _LIMITS]
    if not keys or len(limited) < 2:
        return None
    key = rng.choice(keys)
    distractors = rng.sample(limited, min(len(limited), rng.choice((2, 3))))
    chosen = [key, *distractors]
    rng.shuffle(chosen)
    options = [
        Option(_option_text(t), t == key, f"{_VERDICT_OPENING[verdict[t]]} {app.reasons[t]}")
        for t in chosen
    ]
    question = (
        "Surgery or ablation cannot remove all the disease. If systemic therapy is chosen now, "
        "which option has the strongest case for this patient?"
    )
    reference = data.reference(app.findings[key].decisive)
    return question, options, reference, {"key": key, "offered": tuple(chosen)}
