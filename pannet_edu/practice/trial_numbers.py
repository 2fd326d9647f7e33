"""A question that names a trial and states one of its numbers must state the number the trial
table holds: one rule, run by ``pannet-edu check``, in place of a hand-kept list of questions.

The numbers a question states are read by their clinical cue: a hazard ratio (``HR 0.35
(0.27-0.45)``, "a hazard ratio of 0.42"), a median time in months (``11.0 vs 4.6 months``), a
percentage (``9.3% vs 0%``; a Ki-67 value is the patient's, not the trial's) and a short answer's
numeric key. A number belongs to the trials the prompt names or the reference cites by id
(``[@YAO_2011]`` is RADIANT-3), and to those named in its own sentence (by name, or through a
therapy they tested: "the sunitinib trial"). It must be a value of one of them: a number of its
rows in ``trials.csv`` (any cohort), a number its rows' population, notes or overall-survival
source give, a number of its regulatory-label figures, or a rate of its therapy's toxicities in
the catalogue. A wrong option's own text may state a wrong number on purpose and is not read; its
explanation is. A number that fits none is a :class:`~pannet_edu.content.ContentError` naming
the question file, the question and the field.

>>> from pannet_edu.practice.question_bank import Question
>>> q = Question("tgt-x", "04_targeted_agents", "short_answer",
...              "In RADIANT-3, what was the PFS hazard ratio?", "[@YAO_2011]",
...              accepted=("0.53",), explanation="HR 0.35 (0.27-0.45).")
>>> [p.problem for p in question_number_problems([q])]  # doctest: +ELLIPSIS
["states 0.53 (a short answer's key) but no row of RADIANT-3 in trials.csv holds it..."]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..content import ContentError
from .question_bank import Question, questions_dir

#: A number as a question writes it (``0.35``, ``11.0``, ``9.3``, ``410``).
_NUMBER = r"\d+(?:\.\d+)?"
#: The cues that say what a stated number is, each with the groups holding its numbers.
CUES: dict[str, re.Pattern[str]] = {
    "a hazard ratio": re.compile(
        r"\b(?:HR|hazard ratio)\b[^0-9%;.]{0,30}?(\d\.\d+)(?:\s*\((?:95% CI\s*)?(\d\.\d+)\s*"
        r"[-–]\s*(\d\.\d+)\))?"),
    "a median time in months": re.compile(
        rf"(?:\b(?:median|PFS|OS|TTP|survival|progression)\b[^.;%]{{0,40}}?)"
        rf"(?<![\d.])({_NUMBER})(?:\s*(?:vs\.?|versus|and)\s*({_NUMBER}))?\s*months"),
    "a percentage": re.compile(
        rf"(?<![\d.])({_NUMBER})%(?!\s*(?:CI|confidence))"
        rf"(?:\s*(?:vs\.?|versus)\s*({_NUMBER})%)?"),
}
#: A sentence about grading: its percentages are Ki-67 values or cut-offs, not trial results.
_GRADING = re.compile(r"Ki-67|cut-off|\bG[123]\b")
#: Where one sentence ends and the next begins (a decimal point is followed by a digit).
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+")
#: Columns of a trial row whose text gives further numbers of the trial.
_TEXT_COLUMNS = ("population", "notes", "os_source")


def _texts(question: Question) -> list[tuple[str, str]]:
    """(field, text) of every learner-facing text of the question whose numbers must be right
    (a wrong option's own text is left out: it may state a wrong number on purpose)."""
    out = [("prompt", question.prompt), ("reference", question.reference)]
    if question.explanation:
        out.append(("explanation", question.explanation))
    for index, option in enumerate(question.options, 1):
        if option.correct:
            out.append((f"options[{index}].text", option.text))
        out.append((f"options[{index}].explanation", option.explanation))
    return out


def _as_value(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def trial_values(trials, labels=None, catalogue=None) -> dict[str, set[float]]:
    """Every number each trial holds: its rows' numbers (any cohort), the numbers written in
    their population, notes and overall-survival source, its label figures' numbers and the
    toxicity rates of the therapy it tested (``catalogue``: the therapies by id).

    >>> from pannet_edu.evidence import trials
    >>> 0.35 in trial_values(trials())["RADIANT-3"]
    True
    """
    values: dict[str, set[float]] = {}
    frames = [trials] if labels is None else [trials, labels]
    for frame in frames:
        for _, row in frame.iterrows():
            found = values.setdefault(str(row["trial"]), set())
            for column, value in row.items():
                if isinstance(value, str):
                    if column in _TEXT_COLUMNS or frame is labels:
                        found.update(float(n) for n in re.findall(_NUMBER, value))
                    continue
                try:
                    number = float(value)
                except (TypeError, ValueError):
                    continue
                if number == number and not isinstance(value, bool):  # not NaN, not a flag
                    found.add(number)
    if catalogue is not None:
        for _, row in trials.iterrows():
            therapy = catalogue.get(row["therapy"]) if isinstance(row["therapy"], str) else None
            for toxicity in getattr(therapy, "toxicities", ()):
                values[str(row["trial"])].update(
                    float(r) for r in (toxicity.percent, toxicity.percent_control,
                                       toxicity.grade3plus_percent) if r is not None)
    return values


def _named(text: str, names: Iterable[str], by_therapy: Mapping[str, set[str]]) -> list[str]:
    """The trials a text names, by name or by a therapy they tested."""
    named = [n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)]
    for word, trials in by_therapy.items():
        if re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
            named += [n for n in sorted(trials) if n not in named]
    return named


def question_number_problems(questions: Iterable[Question], trials=None,
                             labels=None) -> list[ContentError]:
    """Every number a question states, by its cue, that none of the trials it names holds."""
    if trials is None:
        from ..evidence import label_figures
        from ..evidence import trials as load_trials

        trials, labels = load_trials(), label_figures()
    from ..engine.catalogue import load_catalogue

    catalogue = {t.id: t for t in load_catalogue().therapies}
    values = trial_values(trials, labels, catalogue)
    by_source: dict[str, set[str]] = {}
    by_therapy: dict[str, set[str]] = {}
    for _, row in trials.iterrows():
        by_source.setdefault(str(row["source_id"]), set()).add(str(row["trial"]))
        therapy = catalogue.get(row["therapy"]) if isinstance(row["therapy"], str) else None
        if therapy is not None:
            for word in {therapy.short_name, *therapy.agents}:
                by_therapy.setdefault(str(word), set()).add(str(row["trial"]))
    problems = []
    for question in questions:
        default = _named(question.prompt, values, {})
        default += [n for s in question.sources for n in sorted(by_source.get(s, ()))
                    if n not in default]
        stated: list[tuple[str, str, str, list[str]]] = []
        for field, text in _texts(question):
            for sentence in _SENTENCE.split(text):
                named = default + [n for n in _named(sentence, values, by_therapy)
                                   if n not in default]
                for cue, pattern in CUES.items():
                    if cue == "a percentage" and _GRADING.search(sentence):
                        continue  # a Ki-67 value or a grading cut-off, not a trial's result
                    for match in pattern.finditer(sentence):
                        stated += [(field, cue, n, named) for n in match.groups() if n]
        if question.kind == "short_answer" and question.accepted:
            key = question.accepted[0].strip().rstrip("%").strip()
            if re.fullmatch(_NUMBER, key):
                stated.append(("accepted", "a short answer's key", key, default))
        for field, cue, number, named in stated:
            value = _as_value(number)
            if not named or value is None or value in set().union(*(values[n] for n in named)):
                continue
            problems.append(ContentError(
                questions_dir() / f"{question.lesson}.yaml", question.id, field,
                f"states {number} ({cue}) but no row of {' or '.join(named)} in trials.csv "
                "holds it (nor its population, notes or label figures): correct the number or "
                "the trial table",
            ))
    return problems


__all__ = ["CUES", "question_number_problems", "trial_values"]
