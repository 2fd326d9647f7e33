"""The vignette drill in a terminal (``pannet-edu practice``): each invented case with its options,
then either an answer key, or (interactive) the learner's answer marked at once with an honest
running score: only answered cases count, and the skipped ones (an empty or unreadable answer, or
input that ended early) are named apart.

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

from collections.abc import Callable, Sequence

from ..display import DISCLAIMER
from .feedback import SKIPPED, Feedback, Tally, tally
from .vignettes import Vignette

__all__ = ["run_drill"]


def run_drill(drawn: Sequence[Vignette], interactive: bool = False, answers: bool = True,
              read: Callable[[str], str] = input,
              write: Callable[[str], object] = print) -> Tally:
    """Show ``drawn``; with ``interactive``, ``read`` each answer (end of input stops the drill)
    and ``write`` the feedback and the running score; otherwise the answer key unless
    ``answers`` is false. Returns the final tally (all skipped when not interactive)."""
    write(DISCLAIMER)
    results: list[Feedback] = []
    for number, vignette in enumerate(drawn, start=1):
        write(f"\n{number}. {vignette.text}\n   {vignette.question}")
        for choice in vignette.choices():
            write(f"     {choice}")
        if not interactive:
            continue
        try:
            given = read("   Your answer: ")
        except (EOFError, StopIteration):
            break
        results.append(vignette.check(given))  # empty or unreadable: skipped, not scored
        shown = results[-1]
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

