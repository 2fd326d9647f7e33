"""Vignette kind ``syndrome``: what a functioning tumour's syndrome changes about treatment.

The options and their feedback are read from ``data/syndromes.yaml`` (how each syndrome presents
and how it steers therapy, with its sources); the key is the case's own syndrome.

>>> from pannet_edu.practice.vignettes import vignettes
>>> drawn = vignettes(seed=4, n=6, lesson="02_imaging_and_syndromes")
>>> all(v.case.syndrome for v in drawn if v.kind == "syndrome")
True
"""

from __future__ import annotations

import random

from ...clinic.syndromes import load_syndromes
from ..question_bank import Option
from .patient import GENERATED_SYNDROMES, Case


def _in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: "Insulinoma" -> "insulinoma"; "VIPoma" stays.

    >>> _in_sentence("Gastrinoma (Zollinger-Ellison syndrome)"), _in_sentence("VIPoma")
    ('gastrinoma (Zollinger-Ellison syndrome)', 'VIPoma')
    """
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def _clause(text: str) -> str:
    """A sentence as a clause: first letter lowered (unless an acronym), final full stop dropped."""
    return _in_sentence(text).rstrip(".")


QUESTION = "The tumour secretes a hormone. What does this syndrome change about treatment?"


def _syndrome_question(case: Case, rng: random.Random):
    if case.syndrome is None:
        return None
    book = load_syndromes()
    known = {s.id: s for s in book.functional if s.id in GENERATED_SYNDROMES}
    own = known.get(case.syndrome)
    if own is None:
        return None
    here = _in_sentence(own.name)
    options = [Option(own.steers_therapy, True,
                      f"This is {here}: {_clause(own.presentation)}. {own.steers_therapy}")]
    seen = {own.steers_therapy}
    for other in known.values():
        if other.steers_therapy in seen:
            continue  # two syndromes that steer therapy alike: only one of them is offered
        seen.add(other.steers_therapy)
        options.append(Option(other.steers_therapy, False,
                              f"That applies to {_in_sentence(other.name)} "
                              f"({_clause(other.presentation)}). Here the syndrome is {here}: "
                              f"{own.steers_therapy}"))
    if len(options) < 3:
        return None
    rng.shuffle(options)
    reference = "; ".join(book.cite(s).rstrip(".") for s in own.sources) + "."
    return QUESTION, options, reference, {"key": own.id}
