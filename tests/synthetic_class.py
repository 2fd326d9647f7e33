"""A synthetic class for the misconception-map tests: learners of varied ability answer real
items of the bank, with five misconceptions planted that the class report must surface.

Every learner answers 30 background multiple-choice questions (right with a probability set by
their ability; a wrong answer spread evenly over the wrong options, so no background option is
shared as widely as a planted one), then the five planted items, each with a fixed share of the
class choosing the planted wrong answer. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import secrets

from pannet_edu.practice.attempt_files import export_json
from pannet_edu.practice.question_bank import load_bank

#: The planted misconceptions: (kind, item, wrong answer, share of the class, fields).
PLANTED = (
    ("quiz", "prrt-01", "SSTR-positive panNETs progressing on lanreotide", 0.46,
     {"l": "05_prrt"}),
    ("quiz", "prrt-02", "Placebo injections every 4 weeks", 0.40, {"l": "05_prrt"}),
    ("case", "nec_large_cell/first_line", "ssa", 0.38, {"l": "07_sequencing_cases"}),
    ("exercise", "grade-1", "NET G2", 0.42, {"l": "01_classification_and_staging"}),
    ("vignette", "vig-synthetic-grade", "NET G2", 0.36,
     {"l": "01_classification_and_staging", "g": "grade",
      "f": "Ki-67 alone gives G2, but the mitotic count gives G3: the higher index wins."}),
)
#: The right answers of the planted items.
RIGHT = {"prrt-01": "SSTR-positive midgut NETs progressing on octreotide LAR",
         "prrt-02": "Octreotide LAR 60 mg every 4 weeks",
         "nec_large_cell/first_line": "platinum_etoposide", "grade-1": "NET G3",
         "vig-synthetic-grade": "NET G3"}
BACKGROUND = 30


def _record(kind: str, item: str, answer: str, correct: bool, **extra: str) -> dict:
    return {"k": kind, "i": item, "a": answer, "c": int(correct), "r": 1,
            "d": dt.date(2026, 12, 1).isoformat(), "n": secrets.token_hex(8), **extra}


def learner_records(rng: random.Random, background: list) -> list[dict]:
    """One learner's records."""
    ability = rng.gauss(0.0, 1.0)
    records = []
    for number, question in enumerate(background):
        difficulty = -1.2 + 1.6 * (number % 5) / 4  # easy to middling
        right = rng.random() < 1 / (1 + math.exp(-(ability - difficulty)))
        options = [o for o in question.options if o.correct == right]
        records.append(_record("quiz", question.id, rng.choice(options).text, right,
                               l=question.lesson))
    for kind, item, wrong, share, extra in PLANTED:
        planted = rng.random() < share
        right = not planted and rng.random() < 1 / (1 + math.exp(-(ability + 1.5)))
        if planted:
            answer = wrong
        elif right:
            answer = RIGHT[item]
        else:  # a wrong answer of another kind: the planted one must still lead
            answer = {"case": "everolimus", "exercise": "NEC",
                      "vignette": "NET G1"}.get(kind, "Everolimus 10 mg once daily"
                                                if item == "prrt-02" else
                                                "Any GEP-NET, whatever its SSTR status")
        records.append(_record(kind, item, answer, right, **extra))
    return records


def background_questions() -> list:
    """The 30 background questions: multiple choice, outside the planted ones, in bank order."""
    planted = {item for _k, item, *_rest in PLANTED}
    bank = [q for q in load_bank().values()
            if q.kind == "multiple_choice" and q.id not in planted]
    return bank[:BACKGROUND]


def class_exports(n: int = 200, seed: int = 7) -> list[str]:
    """``n`` learners' export files (as text)."""
    rng = random.Random(seed)
    background = background_questions()
    return [export_json(learner_records(rng, background)) for _ in range(n)]
