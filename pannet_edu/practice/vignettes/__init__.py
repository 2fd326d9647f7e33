"""Endless practice: invented panNET vignettes whose answer key the package computes.

:func:`vignettes` draws teaching patients from written, tested distributions (:func:`draw_case`),
writes each as a short clinical vignette and asks one question about it:

* ``grade``: the WHO grade (:func:`pannet_edu.grade`);
* ``stage``: the AJCC 8th stage group (:func:`pannet_edu.t_category`, :func:`pannet_edu.stage`);
* ``syndrome``: what a functioning tumour's syndrome changes about treatment (``syndromes.yaml``);
* ``best_option``: the systemic option with the strongest case (:func:`pannet_edu.appraise`);
* ``before_starting``: a check needed before the first dose (the engine's ``before_starting``
  column, asked only when the engine provides it);
* ``trial``: the trial behind an option (the engine's reasons and :func:`pannet_edu.trials`);
* ``evidence``: which step toward changing practice a trial under investigation has taken
  (:mod:`pannet_edu.evidence.practice_change`, lesson 8's checklist).

Every lesson (all but the orientation page) has its kinds (:func:`vignette_lessons`).

Nothing in a key is typed in: the correct option, the feedback on every option and the citation
come from the package's grading, staging, sequencing engine and trial table. A question is asked
only when exactly one option is right: where the engine rates two options equally, the other one is
never offered as a wrong answer. Every vignette says it is an invented teaching case.

The generator's plausibility rules are written in :func:`plausibility_problems` (and tested): a
poorly differentiated carcinoma always has Ki-67 above 20%; a hereditary syndrome comes with a
well-differentiated tumour; VHL never comes with a functioning tumour (VHL-associated pancreatic
NETs are nearly always non-functioning); carcinomas are SSTR-negative or heterogeneous on imaging;
Ki-67 and the mitotic count are at most one grade apart; treatments already given fit the tumour;
no primary under 2 cm with the liver replaced; only a NET G1/G2 without FDG-avid lesions is
described as unchanged on scans six months apart (:attr:`Case.follow_up`); a poor performance
status comes with metastatic disease or a comorbidity.

The package: :mod:`.patient` (the invented patient), :mod:`.narrative` (its text), :mod:`.model`
(:class:`Vignette`), one module per kind of question (:mod:`.grade_stage`, :mod:`.best_option`,
:mod:`.before_starting` with :mod:`.checks`, :mod:`.trial`, sharing :mod:`.therapy`;
:mod:`.syndrome`, :mod:`.evidence_steps`),
:mod:`.lessons` (which kinds practise which lesson) and :mod:`.generate` (drawing and checking).

>>> first = vignettes(seed=7, n=3)
>>> [v.id for v in first] == [v.id for v in vignettes(seed=7, n=3)]
True
>>> v = vignettes(seed=7, n=1, lesson="01_classification_and_staging")[0]
>>> v.kind in ("grade", "stage"), sum(o.correct for o in v.options)
(True, 1)
>>> v.check(v.key).correct
True
"""

from ...engine import appraise, evaluate
from .checks import before_starting_checks, can_be_wrong_answer
from .generate import available_kinds, validate, vignette_lessons, vignettes
from .lessons import (
    DIFFICULTIES,
    INVENTED,
    KIND_TITLES,
    KINDS,
    MAX_ATTEMPTS,
    MAX_N,
    lesson_classes,
    systemic_classes,
)
from .model import Vignette
from .narrative import narrative
from .patient import Case, draw_case, plausibility_problems
from .therapy import _engine_has_before_starting  # noqa: F401 (tests patch it)

__all__ = [
    "DIFFICULTIES",
    "INVENTED",
    "KINDS",
    "KIND_TITLES",
    "MAX_ATTEMPTS",
    "MAX_N",
    "Case",
    "Vignette",
    "appraise",
    "available_kinds",
    "before_starting_checks",
    "can_be_wrong_answer",
    "draw_case",
    "evaluate",
    "lesson_classes",
    "narrative",
    "plausibility_problems",
    "systemic_classes",
    "validate",
    "vignette_lessons",
    "vignettes",
]
