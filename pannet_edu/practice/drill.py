"""The vignette drill in a terminal (``pannet-edu practice``): each invented case with its options,
then either an answer key, or (interactive) the learner's answer marked at once with an honest
running score: only answered cases count, and the skipped ones (an empty or unreadable answer, or
input that ended early) are named apart.

An interactive drill keeps each marked answer in the learner's own practice record
(:mod:`.attempts`), as the vignette drill in a notebook does, so the misconception map sees it too;
it says so on screen first, where the record is kept, and how to practise without one.

>>> from pannet_edu.practice import vignettes
>>> said = []
>>> drawn = vignettes(seed=1, n=2)
>>> typed = iter([drawn[0].key, ""])
>>> tally = run_drill(drawn, interactive=True, read=lambda _prompt: next(typed),
...                   write=said.append)
>>> said[-1]
'\\nScore: 1 of 1 answered right (100%); 1 question skipped (not counted).'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from ..display import DISCLAIMER
from . import attempts
from .feedback import SKIPPED, Feedback, Tally, tally
from .question_bank import LETTERS, pick_option
from .vignettes import Vignette

__all__ = ["record_note", "run_drill"]

#: The values of ``PANNET_EDU_ATTEMPTS`` that switch recording off on this computer.
_OFF = ("off", "0", "no", "false")


def _switched_off() -> bool:
    return os.environ.get(attempts.SWITCH_ENV, "").strip().lower() in _OFF


def record_note(record: bool) -> str:
    """What the learner is told before the first case: whether their answers are kept, where,
    and how to practise without a record.

    >>> record_note(False)
    'Your answers are not kept (--no-record): nothing is written to this computer.'
    """
    if not record:
        return "Your answers are not kept (--no-record): nothing is written to this computer."
    if _switched_off():
        return (f"Your answers are not kept: recording is switched off on this computer "
                f"({attempts.SWITCH_ENV}=off).")
    return f"{attempts.where_text()} To practise without keeping a record, add --no-record."


@contextmanager
def _recording_on() -> Iterator[None]:
    """Record from this terminal drill (a learner at work, though not in a kernel), unless
    recording is switched off; the previous setting comes back afterwards."""
    saved = os.environ.get(attempts.SWITCH_ENV)
    if not _switched_off():
        os.environ[attempts.SWITCH_ENV] = "on"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(attempts.SWITCH_ENV, None)
        else:
            os.environ[attempts.SWITCH_ENV] = saved


def _keep(vignette: Vignette, given: str, result: Feedback) -> None:
    """Add a marked answer to the learner's record, as the notebook drill does: the option's
    letter (however the learner wrote it), never their own words."""
    if result.correct is None:
        return
    index = pick_option(vignette.options, given)
    if index is None:
        return
    with _recording_on():
        attempts.record_vignette(vignette, LETTERS[index], result)


def run_drill(drawn: Sequence[Vignette], interactive: bool = False, answers: bool = True,
              read: Callable[[str], str] = input,
              write: Callable[[str], object] = print, record: bool = False) -> Tally:
    """Show ``drawn``; with ``interactive``, ``read`` each answer (end of input stops the drill)
    and ``write`` the feedback and the running score; otherwise the answer key unless
    ``answers`` is false. With ``record`` (and ``interactive``) each marked answer is kept in the
    learner's own practice record, and the learner is told so first. Returns the final tally (all
    skipped when not interactive)."""
    write(DISCLAIMER)
    if interactive:
        write(record_note(record))
    results: list[Feedback] = []
    for number, vignette in enumerate(drawn, start=1):
        write(f"\n{number}. {vignette.text}\n   {vignette.question}")
        choices = vignette.choices()
        for choice in choices:
            write(f"     {choice}")
        if not interactive:
            continue
        try:
            # The letters asked for, said where the answer is typed ("1" is not read as "A").
            given = read(f"   Your answer (a letter, {LETTERS[0]} to {LETTERS[len(choices) - 1]};"
                         " Enter skips): ")
        except (EOFError, StopIteration):
            break
        results.append(vignette.check(given))  # empty or unreadable: skipped, not scored
        shown = results[-1]
        if record:
            _keep(vignette, given, shown)
        write(f"   {shown if shown.valid else f'{shown.message} {SKIPPED}'}")
        write(f"   {tally(results).line('Score so far')}")
    final = tally([*results, *([None] * (len(drawn) - len(results)))])
    if interactive:
        write(f"\n{final.line()}")
    elif answers:
        write("\nAnswers")
        for number, vignette in enumerate(drawn, start=1):
            chosen = vignette.options["ABCDE".index(vignette.key)]
            write(f"{number}. {vignette.answer}: {chosen.explanation}\n   Source: "
                  f"{vignette.reference}")
    return final
