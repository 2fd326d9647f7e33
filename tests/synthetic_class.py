"""A synthetic class for the misconception-map tests: learners of varied ability answer real
items of the bank, with five misconceptions planted that the class report must surface.

Every learner answers 30 background multiple-choice questions (right with a probability set by
their ability; a wrong answer spread evenly over the wrong options, so no background option is
shared as widely as a planted one), then the five planted items, each with a fixed share of the
class choosing the planted wrong answer. Deterministic for a seed.

With ``fit=True`` every learner also reads two patients in the inside-the-evidence tool for a
somatostatin analogue (the records made by the tool's own code from a real reading): one inside
CLARINET (Ki-67 5%) and one outside it (Ki-67 15%), which a planted share of the class judges
inside CLARINET, and inside the evidence overall.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
import secrets

from pannet_edu.engine import Patient
from pannet_edu.evidence.patient_fit import check_reading, evidence_fit
from pannet_edu.practice.attempt_files import export_json
from pannet_edu.practice.attempts import evidence_fit_records
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
#: The planted evidence misconception: a patient outside CLARINET (Ki-67 above its range)
#: judged inside it, by this share of the class.
PLANTED_FIT = ("fit:ssa/CLARINET", "inside", 0.5)
#: The two patients every learner reads (SSTR-positive, untreated): inside and outside CLARINET.
FIT_INSIDE, FIT_OUTSIDE = Patient(ki67=5, sstr="positive"), Patient(ki67=15, sstr="positive")


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


@functools.cache
def _fits():
    return evidence_fit("ssa", FIT_INSIDE), evidence_fit("ssa", FIT_OUTSIDE)


def fit_learner_records(rng: random.Random) -> list[dict]:
    """One learner's two readings of the inside-the-evidence tool (see the module docstring)."""
    trials = ("CLARINET", "CLARINET FORTE", "PROMID")
    inside, outside = _fits()
    readings = [check_reading(inside, inside.overall, {t: inside.trial(t).fit for t in trials})]
    planted = rng.random() < PLANTED_FIT[2]
    if planted:
        guesses = {"CLARINET": "inside"}
        overall = "inside"
    else:  # right, or now and then a wrong answer of another kind
        guesses = {t: outside.trial(t).fit for t in trials}
        overall = outside.overall if rng.random() < 0.8 else "partly"
    readings.append(check_reading(outside, overall, guesses))
    return [{**row, "d": dt.date(2026, 12, 1).isoformat(), "n": secrets.token_hex(8), "r": 1}
            for reading in readings for row in evidence_fit_records(reading)]


def background_questions() -> list:
    """The 30 background questions: multiple choice, outside the planted ones, in bank order."""
    planted = {item for _k, item, *_rest in PLANTED}
    bank = [q for q in load_bank().values()
            if q.kind == "multiple_choice" and q.id not in planted]
    return bank[:BACKGROUND]


def class_exports(n: int = 200, seed: int = 7, *, fit: bool = False) -> list[str]:
    """``n`` learners' export files (as text); ``fit`` adds the inside-the-evidence readings
    (drawn from a generator of their own, so the other answers are the same with or without)."""
    rng, fit_rng = random.Random(seed), random.Random(seed + 1)
    background = background_questions()
    return [export_json(learner_records(rng, background)
                        + (fit_learner_records(fit_rng) if fit else []))
            for _ in range(n)]
