"""Vignette kind ``before_starting``: a check needed before the first dose (asked only when the
engine gives its ``before_starting`` column).

>>> from pannet_edu.practice.vignettes import available_kinds
>>> available_kinds("01_classification_and_staging")
('grade', 'stage')
"""

from __future__ import annotations

import random

from ...engine import THERAPY_NAMES
from ..question_bank import Option
from .checks import can_be_wrong_answer
from .narrative import _join, _upper
from .patient import Case
from .therapy import _Appraisal, _Data


def _before_starting_question(case: Case, rng: random.Random, data: _Data, app: _Appraisal):
    if app.checks is None:
        return None
    preferred = [t for t in data.pool if app.verdict[t] == "preferred"]
    if not preferred:
        return None
    therapy = rng.choice(preferred)
    own = app.checks.get(therapy, ())
    if not own:
        return None
    others: dict[str, str] = {}
    for other in data.systemic:
        if other == therapy:
            continue
        for check in app.checks.get(other, ()):
            if can_be_wrong_answer(check, own):
                others.setdefault(check, other)
    if len(others) < 2:
        return None
    right = rng.choice(own)
    wrong: list[str] = []
    for check in rng.sample(sorted(others), len(others)):
        # No two wrong options about the same thing (two wordings of one check).
        if len(wrong) < 3 and all(can_be_wrong_answer(check, [w]) for w in wrong):
            wrong.append(check)
    if len(wrong) < 2:
        return None
    name = THERAPY_NAMES[therapy]
    options = [Option(_upper(right), True,
                      f"Before {name}: {_join(own)}. {app.reasons[therapy]}")]
    for check in wrong:
        options.append(Option(
            _upper(check),
            False,
            f"This is a check before {THERAPY_NAMES[others[check]]}; it is not among the checks "
            f"named before {name} ({_join(own)}).",
        ))
    rng.shuffle(options)
    question = f"The team chooses {name}. Which of these checks is named before the first dose?"
    reference = data.reference(app.findings[therapy].decisive)
    return question, options, reference, {"key": right, "therapy": therapy}
