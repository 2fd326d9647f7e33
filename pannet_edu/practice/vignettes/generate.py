"""Drawing a set of vignettes, the same for the same seed on every machine, and checking them.

>>> len(vignettes(seed=1, n=2))
2
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from ...content.fields import short_repr
from ...engine import THERAPY_IDS, appraise, evaluate
from .before_starting import _before_starting_question
from .best_option import _best_option_question
from .checks import before_starting_checks
from .evidence_steps import _evidence_question
from .grade_stage import _grade_question, _stage_question
from .lessons import (
    _HOME_LESSON,
    _LESSONS,
    _LIMITS,
    _THERAPY_KINDS,
    DIFFICULTIES,
    INVENTED,
    KINDS,
    MAX_ATTEMPTS,
    MAX_N,
    lesson_classes,
)
from .model import Vignette, _vignette_id
from .narrative import narrative
from .patient import Case, draw_case, plausibility_problems
from .syndrome import _syndrome_question
from .therapy import _Appraisal, _Data, _engine_has_before_starting, _option_text
from .trial import _trial_question, trials_holding

__all__ = ["available_kinds", "validate", "vignette_lessons", "vignettes"]


_BUILDERS = {
    "best_option": _best_option_question,
    "before_starting": _before_starting_question,
    "trial": _trial_question,
}


def vignette_lessons() -> list[str]:
    """The lessons that generated vignettes can practise.

    >>> vignette_lessons()[0]
    '01_classification_and_staging'
    """
    return [lesson for lesson in _LESSONS if available_kinds(lesson)]


def available_kinds(lesson: str | None = None) -> tuple[str, ...]:
    """The question kinds asked for a lesson (all lessons when ``None``), in :data:`KINDS` order.

    ``before_starting`` appears only when the sequencing engine gives a ``before_starting``
    column.

    >>> available_kinds("01_classification_and_staging")
    ('grade', 'stage')
    """
    if lesson is None:
        wanted = set(KINDS)
    else:
        if lesson not in _LESSONS:
            raise ValueError(
                f"lesson must be None (all lessons) or one of {list(_LESSONS)}; got "
                f"{short_repr(lesson)}"
            )
        wanted = set(_LESSONS[lesson])
    if not _engine_has_before_starting():
        wanted.discard("before_starting")
    return tuple(k for k in KINDS if k in wanted)


def _build(
    kind: str, case: Case, rng: random.Random, lesson: str | None, data: _Data
) -> Vignette | None:
    if kind in _THERAPY_KINDS:
        built = _BUILDERS[kind](case, rng, data, _Appraisal.of(case.patient()))
    elif kind == "grade":
        built = _grade_question(case, rng)
    elif kind == "syndrome":
        built = _syndrome_question(case, rng)
    elif kind == "evidence":
        built = _evidence_question(case, rng)
    else:
        built = _stage_question(case, rng)
    if built is None:
        return None
    question, options, reference, meta = built
    if kind in ("grade", "stage"):
        rng.shuffle(options)
    text = narrative(case, name_grade=kind in _THERAPY_KINDS)
    return Vignette(
        id=_vignette_id(kind, text, question, options),
        kind=kind,
        lesson=lesson or _HOME_LESSON[kind],
        difficulty=case.difficulty,
        case=case,
        text=text,
        question=question,
        options=tuple(options),
        reference=reference,
        meta=meta,
    )


def _case_for(kind: str, rng: random.Random, difficulty: str) -> Case:
    if kind == "stage":
        # AJCC 8th stages well-differentiated panNET; G1/G2 keep clear of the UICC G3 caveat.
        return _staging_case(rng, difficulty)
    if kind == "grade":
        return draw_case(rng, difficulty=difficulty)
    if kind == "syndrome":
        while True:  # about one case in twenty (easy) to one in seven (hard) is functioning
            case = draw_case(rng, difficulty=difficulty)
            if case.syndrome is not None:
                return case
    if kind == "evidence":
        return draw_case(rng, difficulty=difficulty, differentiation="well", metastatic=True)
    return draw_case(rng, difficulty=difficulty, metastatic=True)


def _staging_case(rng: random.Random, difficulty: str) -> Case:
    """A well-differentiated G1/G2 case, metastatic in about one in three (all stages appear)."""
    while True:
        case = draw_case(rng, difficulty=difficulty, differentiation="well",
                         metastatic=rng.random() < 0.35)
        if case.grade().label in ("NET G1", "NET G2"):
            return case


def vignettes(
    seed: int,
    n: int,
    lesson: str | None = None,
    difficulty: str | None = None,
) -> list[Vignette]:
    """``n`` invented vignettes, the same for the same arguments on every machine.

    ``lesson`` limits the questions to one lesson's kinds (:func:`vignette_lessons`);
    ``difficulty`` is ``"easy"``, ``"hard"`` or ``None`` (mixed).

    >>> [v.lesson for v in vignettes(seed=2, n=2, lesson="05_prrt")]
    ['05_prrt', '05_prrt']
    >>> vignettes(seed=1, n=0)
    Traceback (most recent call last):
    ...
    ValueError: n must be a whole number from 1 to 5000, got 0
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be a whole number, got {short_repr(seed)}")
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_N:
        raise ValueError(f"n must be a whole number from 1 to {MAX_N}, got {short_repr(n)}")
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty must be None or one of {list(DIFFICULTIES)}; "
                         f"got {short_repr(difficulty)}")
    if lesson is not None and lesson not in vignette_lessons():
        raise ValueError(f"lesson must be None (all lessons) or one of {vignette_lessons()}; "
                         f"got {short_repr(lesson)}")
    kinds = available_kinds(lesson)
    data = _Data.load(lesson_classes(lesson) if lesson else None)
    rng = random.Random(f"pannet-edu vignettes|{seed}|{lesson}|{difficulty}")
    out: list[Vignette] = []
    seen: set[str] = set()
    for _ in range(n):
        for _attempt in range(MAX_ATTEMPTS):
            kind = rng.choice(kinds)
            level = difficulty or rng.choice(DIFFICULTIES)
            vignette = _build(kind, _case_for(kind, rng, level), rng, lesson, data)
            if vignette is not None and vignette.id not in seen:
                seen.add(vignette.id)
                out.append(vignette)
                break
        else:  # pragma: no cover - every lesson's kinds are reachable (tested)
            raise ValueError(f"could not draw a fitting patient for lesson {short_repr(lesson)}")
    return out


def validate(items: Vignette | Sequence[Vignette]) -> int:
    """Recompute each key from the package; raise ``ValueError`` where a vignette disagrees.

    Returns how many vignettes were checked.

    >>> validate(vignettes(seed=11, n=20))
    20
    """
    from ...evidence import trials

    items = [items] if isinstance(items, Vignette) else list(items)
    frame = trials()
    own = {t: set(frame.loc[frame.therapy == t, "trial"]) for t in THERAPY_IDS}
    for vignette in items:
        _validate_one(vignette, own)
    return len(items)


def _validate_one(vignette: Vignette, own_trials: Mapping[str, set[str]]) -> None:
    problems = plausibility_problems(vignette.case)
    if problems:
        raise ValueError(f"{vignette.id}: implausible case: {problems[0]}")
    if not vignette.text.endswith(INVENTED):
        raise ValueError(f"{vignette.id}: the vignette must say it is an invented teaching case")
    correct = [o for o in vignette.options if o.correct]
    if len(correct) != 1:
        raise ValueError(f"{vignette.id}: {len(correct)} options are marked correct")
    if not all(o.explanation.strip() for o in vignette.options):
        raise ValueError(f"{vignette.id}: every option needs its feedback")
    if not vignette.reference.strip():
        raise ValueError(f"{vignette.id}: the citation is missing")
    case, kind, right = vignette.case, vignette.kind, correct[0].text
    if kind == "grade":
        expected = case.grade().label
        if right != expected:
            raise ValueError(f"{vignette.id}: key {short_repr(right)}, the package grades "
                             f"{short_repr(expected)}")
    elif kind == "stage":
        expected = f"Stage {case.stage().group}"
        if right != expected:
            raise ValueError(f"{vignette.id}: key {short_repr(right)}, the package stages "
                             f"{short_repr(expected)}")
    elif kind == "best_option":
        table = appraise(case.patient())
        by_text = {_option_text(t): t for t in THERAPY_IDS}
        for option in vignette.options:
            verdict = table.loc[by_text[option.text], "verdict"]
            if option.correct and verdict != "preferred":
                raise ValueError(f"{vignette.id}: key {short_repr(option.text)} is "
                                 f"{short_repr(verdict)}")
            if not option.correct and verdict not in _LIMITS:
                raise ValueError(f"{vignette.id}: wrong option {short_repr(option.text)} is "
                                 f"{short_repr(verdict)}")
    elif kind == "trial":
        therapy = vignette.meta["therapy"]
        cited = {t for f in evaluate(case.patient())[therapy].findings for t in f.trials}
        own = own_trials[therapy]
        holding = trials_holding(therapy, case.patient())
        for option in vignette.options:
            if option.correct and option.text not in cited & own:
                raise ValueError(f"{vignette.id}: {option.text} is not cited for {therapy}")
            if option.correct and option.text not in holding:
                raise ValueError(f"{vignette.id}: the patient is outside {option.text}'s "
                                 "population, so it cannot be the evidence for this patient")
            if not option.correct and option.text in cited | own:
                raise ValueError(f"{vignette.id}: wrong option {option.text} supports {therapy}")
    elif kind == "syndrome":
        from ...clinic.syndromes import load_syndromes

        own = {s.id: s for s in load_syndromes().functional}[case.syndrome]
        if right != own.steers_therapy:
            raise ValueError(f"{vignette.id}: key {short_repr(right)} is not how "
                             f"{own.name} steers therapy")
    elif kind == "evidence":
        from ...evidence import practice_change
        from .evidence_steps import outside_trial

        outside = outside_trial(case, vignette.meta["trial"])
        if outside:
            raise ValueError(f"{vignette.id}: the patient does not fit "
                             f"{vignette.meta['trial']}: {outside[0]}")
        steps = {s.question: s.met for s in
                 practice_change.checklist(vignette.meta["trial"]).steps}
        for option in vignette.options:
            if steps[option.text] is not option.correct:
                raise ValueError(f"{vignette.id}: option {short_repr(option.text)} is mis-keyed")
    elif kind == "before_starting":
        table = appraise(case.patient())
        therapy = vignette.meta["therapy"]
        own = {c.casefold() for c in before_starting_checks(table.loc[therapy, "before_starting"])}
        for option in vignette.options:
            if option.correct != (option.text.casefold() in own):
                raise ValueError(f"{vignette.id}: option {short_repr(option.text)} is mis-keyed")
