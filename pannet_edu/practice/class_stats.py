"""A class's practice, merged: what each question tells the instructor, and what to teach next.

The inputs are the learners' exports (:mod:`.attempt_files`), one per learner, each with a random
id and no name. Only each learner's **first try** at an item counts, as Moodle's quiz statistics
count only the first attempt by default. An item scores 1 (right at the first try) or 0; a
vignette kind or any item tried on several instances scores the learner's mean over them.

The two item statistics are Moodle's (Moodle Docs, "Quiz statistics calculations",
https://docs.moodle.org/dev/Quiz_statistics_calculations; the same formulas in Moodle's
``question/classes/statistics/questions/calculator.php``):

* **facility index**: the mean score on the item divided by the item's maximum score (here 1), so
  the share of the class right at the first try; 0 is very hard, 1 very easy;
* **discrimination index**: the product-moment (Pearson) correlation between the score on the
  item and the score on the rest of the test (the learner's total without this item), over the
  learners who answered it; Moodle shows it as a percentage. Low or negative values flag an item
  the stronger learners miss as often as the others (often an ambiguous question or a wrong key).

Learners here answer different sets of items (quizzes are drawn, lessons differ), so the rest of
the test is each learner's own other items: read discrimination as a pointer, never as a grade.

A reading of the inside-the-evidence tool is one item per option's trial (and one for the
option overall), each patient an instance of it; a wrong answer there is the answer given with
what decides the data's answer (the criterion that keeps the patient out, or that every
criterion is met), so "inside" where the patient's Ki-67 is above the trial's range and "inside"
where the patient had a treatment the trial excluded are two different misconceptions.

**Misconceptions** are wrong answers many learners gave at the first try: the same wrong option
(or case choice) chosen by at least :data:`MIN_LEARNERS` learners, ranked by how many chose it;
one per item, so five misconceptions are five different points to teach.

>>> facility([1, 1, 0, 0])
0.5
>>> round(discrimination_index([1, 1, 0, 0], [3, 2, 1, 2]), 4)
0.7071
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .attempt_files import Export, RefusedFile
from .lesson_sections import Section, find_lesson_of, named_section, teaching_section

__all__ = ["MIN_LEARNERS", "CaseChoice", "ClassReport", "ItemStats", "Misconception",
           "StepStats", "WrongAnswer", "class_report", "discrimination_index", "facility"]

#: A wrong answer counts as a shared misconception when at least this many learners gave it.
MIN_LEARNERS = 3
#: How many misconceptions the report puts first.
TOP = 5
#: Shown where a learner's typed words were not shared with the instructor.
NOT_SHARED = "(typed answers, not shared)"
#: The lesson that plays the teaching cases.
CASE_LESSON = "07_sequencing_cases"


def facility(scores: Sequence[float], max_score: float = 1.0) -> float | None:
    """Moodle's facility index: the mean score divided by the maximum score (``None`` if no one
    answered).

    >>> facility([1, 0, 0, 0]), facility([0.5, 1.0], max_score=1.0), facility([])
    (0.25, 0.75, None)
    """
    if not scores:
        return None
    return sum(scores) / len(scores) / max_score


def discrimination_index(item: Sequence[float], rest: Sequence[float]) -> float | None:
    """Moodle's discrimination index as a fraction (-1 to 1): the correlation of the item score
    with the rest-of-test score; ``None`` when either does not vary (or fewer than 2 learners).

    Hand check: item 1,1,0,0 and rest 3,2,1,2: means 0.5 and 2; deviations (0.5, 0.5, -0.5,
    -0.5) and (1, 0, -1, 0); covariance sum 1; variance sums 1 and 2; r = 1/sqrt(2) = 0.7071...

    >>> round(discrimination_index([1, 1, 0, 0], [3, 1, 1, 3]), 4), round(
    ...     discrimination_index([1, 1, 0, 0], [3, 2, 1, 2]), 4)
    (0.0, 0.7071)
    >>> discrimination_index([1, 1, 1], [0, 1, 2]) is None
    True
    """
    if len(item) != len(rest):
        raise ValueError(f"item and rest must have one score per learner each; got "
                         f"{len(item)} and {len(rest)}")
    n = len(item)
    if n < 2:
        return None
    mean_item, mean_rest = sum(item) / n, sum(rest) / n
    covariance = sum((a - mean_item) * (b - mean_rest) for a, b in zip(item, rest, strict=True))
    var_item = sum((a - mean_item) ** 2 for a in item)
    var_rest = sum((b - mean_rest) ** 2 for b in rest)
    if var_item == 0 or var_rest == 0:
        return None
    return covariance / math.sqrt(var_item * var_rest)


@dataclass(frozen=True)
class WrongAnswer:
    """A wrong answer given at the first try: how many learners gave it, and the feedback it
    gets in the toolkit."""

    answer: str
    learners: int
    share: float
    feedback: str = ""


@dataclass(frozen=True)
class ItemStats:
    """One item (a question, a self-check, an exercise, a vignette kind or a case step)."""

    item: str
    kind: str
    lesson: str
    prompt: str
    learners: int
    right_first: int
    facility: float | None
    discrimination: float | None
    wrong: tuple[WrongAnswer, ...] = ()
    section: Section | None = None

    @property
    def share_right(self) -> float:
        """The share of learners right at their first try."""
        return self.right_first / self.learners if self.learners else 0.0


@dataclass(frozen=True)
class CaseChoice:
    """One option chosen at a case step: by how many, the author's and the engine's verdicts,
    and (for a weaker choice) the principle of the engine it broke."""

    therapy: str
    name: str
    learners: int
    strongest: bool
    author_verdict: str
    engine_verdict: str
    principle: str = ""
    reason: str = ""
    feedback: str = ""


@dataclass(frozen=True)
class StepStats:
    """A case's decision point: the learners' first choices there."""

    case_id: str
    step_id: str
    title: str
    label: str
    learners: int
    choices: tuple[CaseChoice, ...]


@dataclass(frozen=True)
class Misconception:
    """A wrong answer many learners shared, with the feedback it gets and where it is taught."""

    item: ItemStats
    answer: str
    learners: int
    share: float
    feedback: str
    section: Section | None


@dataclass(frozen=True)
class ClassReport:
    """The merged class: learners, items, case steps, misconceptions, and refused files."""

    learners: int
    records: int
    items: tuple[ItemStats, ...]
    steps: tuple[StepStats, ...]
    misconceptions: tuple[Misconception, ...]
    refused: tuple[RefusedFile, ...] = ()
    unmarked: int = 0
    typed_shared: int = 0
    files: tuple[str, ...] = field(default=())


# --- Merging --------------------------------------------------------------------------------


def _item_key(record: dict) -> str:
    if record["k"] == "vignette":
        return f"vignette:{record.get('g', '')}"
    if record["k"] == "case":
        return f"case:{record['i']}"
    if record["k"] == "evidence_fit":
        return f"fit:{record['i']}"
    return record["i"]


def _first_tries(export: Export) -> dict[str, list[dict]]:
    """Each item's first-try records of one learner (several for a vignette kind or an evidence
    reading's patients)."""
    seen: set[tuple[str, str, str]] = set()
    out: dict[str, list[dict]] = defaultdict(list)
    for record in export.records:
        if record.get("r", 1) != 1 or record.get("c") is None:
            continue
        instance = (record["k"], record["i"], record.get("g", ""))
        if instance in seen:
            continue
        seen.add(instance)
        out[_item_key(record)].append(record)
    return out


def class_report(exports: Iterable[Export], refused: Iterable[RefusedFile] = ()) -> ClassReport:
    """Merge the accepted exports into the report's numbers (see the module docstring).

    >>> report = class_report([])
    >>> report.learners, report.items, report.misconceptions
    (0, (), ())
    """
    exports = list(exports)
    learners = [_first_tries(e) for e in exports]
    scores = [{key: sum(r["c"] for r in rs) / len(rs) for key, rs in tries.items()}
              for tries in learners]
    totals = [sum(s.values()) for s in scores]
    examples: dict[str, dict] = {}
    for tries in learners:
        for key, rs in tries.items():
            examples.setdefault(key, rs[0])
    items = []
    for key in sorted(examples):
        item_scores, rest = [], []
        wrong: Counter[tuple[str, str]] = Counter()
        feedback: dict[tuple[str, str], str] = {}
        for tries, score, total in zip(learners, scores, totals, strict=True):
            if key not in tries:
                continue
            item_scores.append(score[key])
            rest.append(total - score[key])
            for answer in {_answer_key(r) for r in tries[key] if r["c"] == 0}:
                wrong[answer] += 1
            for r in tries[key]:
                if r["c"] == 0 and r.get("f"):
                    feedback.setdefault(_answer_key(r), r["f"])
        items.append(_item_stats(key, examples[key], item_scores, rest, wrong, feedback))
    steps = tuple(_step_stats(exports, learners))
    return ClassReport(
        learners=len(exports),
        records=sum(len(e.records) for e in exports),
        items=tuple(items),
        steps=steps,
        misconceptions=_misconceptions(items),
        refused=tuple(refused),
        unmarked=sum(1 for e in exports for r in e.records if r.get("c") is None),
        typed_shared=sum(e.free_text for e in exports),
        files=tuple(e.name for e in exports),
    )


def _answer_key(record: dict) -> tuple[str, str]:
    """How a wrong answer is counted: the answer shown, and (for an evidence reading) what
    decides it, so the same answer for different reasons counts apart."""
    decided = record.get("f", "") if record["k"] == "evidence_fit" else ""
    return _shown_answer(record), decided


def _shown_answer(record: dict) -> str:
    if record.get("a"):
        return record["a"]
    if record.get("x"):
        return " ".join(record["x"].split()).casefold()
    return NOT_SHARED


def _item_stats(key: str, example: dict, item_scores: list[float], rest: list[float],
                wrong: Counter[tuple[str, str]], feedback: dict[tuple[str, str], str]
                ) -> ItemStats:
    kind = example["k"]
    prompt, lesson, known_feedback, teaches = _describe(kind, key, example)
    n = len(item_scores)
    shown = _therapy_name if kind == "case" else str
    answers = tuple(
        WrongAnswer(shown(answer), count, count / n,
                    feedback.get((answer, decided)) or known_feedback(answer))
        for (answer, decided), count in sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0])))
    if kind == "evidence_fit":
        section = _fit_section(key, lesson, prompt, teaches)
    else:
        section = teaching_section(lesson, f"{prompt} {teaches}") if lesson else None
    return ItemStats(key, kind, lesson, prompt, n, sum(s == 1 for s in item_scores),
                     facility(item_scores), discrimination_index(item_scores, rest), answers,
                     section)


def _therapy_name(therapy: str) -> str:
    from ..engine import THERAPY_NAMES

    return THERAPY_NAMES.get(therapy, therapy)


def _describe(kind: str, key: str, example: dict):
    """The item's prompt, lesson, a look-up of the feedback for a wrong answer, and the words of
    what it teaches (to find the lesson section)."""
    lesson = example.get("l", "")
    none = lambda _answer: ""  # noqa: E731
    if kind == "quiz":
        from .question_bank import load_bank

        question = load_bank().get(key)
        if question is None:
            return f"A question no longer in the bank ({key})", lesson, none, ""
        options = {o.text: o.explanation for o in question.options}
        right = " ".join(f"{o.text} {o.explanation}" for o in question.options if o.correct)
        return (question.prompt, question.lesson,
                lambda answer: options.get(answer, question.explanation),
                f"{right} {question.explanation}")
    if kind == "exercise":
        return _describe_exercise(key, lesson)
    if kind == "vignette":
        from .vignettes.lessons import KIND_TITLES

        group = example.get("g", "")
        return (KIND_TITLES.get(group, f"Invented cases ({group})"), lesson, none,
                example.get("f", ""))
    if kind == "case":
        return _describe_case(key)
    if kind == "evidence_fit":
        return _describe_fit(key, lesson)
    prompt = example.get("q", key)
    return prompt, lesson or find_lesson_of(prompt), none, ""


def _describe_exercise(key: str, lesson: str):
    from .exercises import exercise

    try:
        item = exercise(key)
    except (ValueError, TypeError):
        return f"An exercise no longer in the bank ({key})", lesson, lambda _a: "", ""

    def why(answer: str) -> str:
        try:
            return item.mark(item.parse(answer)).message
        except Exception:
            return ""

    prompt = f"Exercise {key}: {item.question}" + (f" ({item.report})" if item.report else "")
    try:
        teaches = item.mark(item.parse(item.solution())).message
    except Exception:
        teaches = ""
    return prompt, item.lesson, why, teaches


def _describe_fit(key: str, lesson: str):
    """A trial-fit question (``fit:<option>/<trial>`` or ``fit:<option>/overall``): its words,
    and the trial's population (to find the lesson section that teaches it)."""
    from ..engine.catalogue import load_catalogue
    from ..engine.scope import load_scope

    therapy, _, trial = key.partition(":")[2].partition("/")
    names = load_catalogue().names()
    listed = {e.trial: e for e in load_scope().for_therapy(therapy) if e.trial}
    if therapy not in names or (trial != "overall" and trial not in listed):
        return (f"A trial-fit question no longer in the data ({key})", lesson,
                lambda _a: "", "")
    name = names[therapy]
    if trial == "overall":
        return (f"Inside the evidence: overall, is the patient inside the evidence for {name}?",
                lesson, lambda _a: "", f"{name} {' '.join(listed)} inside the evidence")
    return (f"Inside the evidence: is the patient inside {trial}, a trial of {name}?", lesson,
            lambda _a: "", f"{trial} {listed[trial].words}")


def _fit_section(key: str, lesson: str, prompt: str, teaches: str) -> Section | None:
    """A trial-fit question is taught where the lesson presents the trial (its heading names
    it, else the section whose words match its population best); the overall question where
    the lesson's words match it best (its section on the evidence)."""
    trial = key.partition(":")[2].partition("/")[2]
    if not lesson:
        return None
    if trial == "overall":
        return teaching_section(lesson, f"{prompt} {teaches}")
    return named_section(lesson, trial) or teaching_section(lesson, teaches)


def _describe_case(key: str):
    from .cases import case_bank

    case_id, _, step_id = key.partition(":")[2].partition("/")
    case = case_bank().get(case_id)
    step = next((s for s in case.steps if s.id == step_id), None) if case else None
    if step is None:
        return f"A case step no longer in the bank ({key})", CASE_LESSON, lambda _a: "", ""
    prompt = f"{case.title}: {step.label}. {step.situation}"

    def why(answer: str) -> str:
        option = step.option(answer)
        principle, reason = _broken_principle(step, answer)
        text = option.feedback if option else ""
        return f"{text} Engine: {principle}: {reason}".strip() if principle else text

    return prompt, CASE_LESSON, why, step.teaching_point


def _broken_principle(step: object, therapy: str) -> tuple[str, str]:
    """The engine's principle that rates ``therapy`` below the strongest at this step, and its
    reason in words (``("", "")`` when the engine raises no objection)."""
    from ..engine import RULES, evaluate

    appraisal = evaluate(step.patient).get(therapy)
    if appraisal is None or appraisal.verdict == "preferred":
        return "", ""
    limits = [f for f in appraisal.decisive if f.verdict not in (None, "preferred")]
    if not limits:
        return "", ""
    finding = limits[0]
    principles = {r.name: r.principle for r in RULES}
    principle = principles.get(finding.rule, finding.rule.replace("_", " "))
    return principle.split(" ", 1)[1] if principle.startswith("§") else principle, finding.reason


def _step_stats(exports: list[Export], learners: list[dict[str, list[dict]]]
                ) -> list[StepStats]:
    from ..engine import THERAPY_NAMES, evaluate
    from .cases import case_bank

    bank = case_bank()
    chosen: dict[str, Counter[str]] = defaultdict(Counter)
    for tries in learners:
        for key, rs in tries.items():
            if key.startswith("case:"):
                chosen[key][rs[0].get("a", "")] += 1
    out = []
    for key in sorted(chosen):
        case_id, _, step_id = key[5:].partition("/")
        case = bank.get(case_id)
        step = next((s for s in case.steps if s.id == step_id), None) if case else None
        if step is None:
            continue
        engine = evaluate(step.patient)
        choices = []
        for therapy, count in sorted(chosen[key].items(), key=lambda kv: (-kv[1], kv[0])):
            option = step.option(therapy)
            strongest = therapy in step.strongest
            principle, reason = ("", "") if strongest else _broken_principle(step, therapy)
            choices.append(CaseChoice(
                therapy, THERAPY_NAMES.get(therapy, therapy), count, strongest,
                option.verdict if option else "", engine[therapy].verdict
                if therapy in engine else "", principle, reason,
                option.feedback if option else ""))
        out.append(StepStats(case_id, step_id, case.title, step.label,
                             sum(chosen[key].values()), tuple(choices)))
    return out


def _misconceptions(items: list[ItemStats]) -> tuple[Misconception, ...]:
    found = []
    for item in items:
        for wrong in item.wrong:
            if wrong.answer == NOT_SHARED or wrong.learners < MIN_LEARNERS:
                continue
            found.append(Misconception(item, wrong.answer, wrong.learners, wrong.share,
                                       wrong.feedback, item.section))
            break  # one per item: the most chosen wrong answer
    found.sort(key=lambda m: (-m.learners, -m.share, m.item.item))
    return tuple(found[:TOP])
