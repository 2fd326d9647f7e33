"""What would change practice: the steps each result under investigation has taken, trial by trial.

Lesson 8's checklist. Each trial of an agent under investigation (``data/pipeline.yaml``, linked
to its rows of ``data/trials.csv``) and each trial still running is asked five questions, every
answer read from the data:

1. **results**: has it reported results? (rows in the trial table; a running trial has none);
2. **randomised**: did it compare the agent at random with a control group? (``design``);
3. **checked**: are its full results published in a peer-reviewed journal? (``figures_source``
   is a journal, or the agent's ``journal_reports`` names the paper; otherwise the results are
   known only from congress reports or summaries, as the mark says). It asks about the evidence,
   not about where this course read its figures;
4. **panNET**: did it enrol pancreatic NETs? (``pannet``: alone, or among other sites);
5. **approved**: has a regulator approved the agent for this use? (the agent's ``approval``).

A result that meets all five is the kind that changes practice; the lesson's point is what is
still missing for each. A running trial is judged on the first question only: the others wait
for its results (``met`` is ``None``). :func:`check_reading` compares a learner's reading (the
steps they believe are met) with the data, step by step.

>>> [s.met for s in checklist("COMPETE").steps]
[True, True, True, True, False]
>>> checklist("COMPOSE").steps[1].met is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..content import reader as _datafile
from ..content.fields import short_repr
from ..content.sources import confidence_mark, sources_file
from ..display import Table
from ..vocab import DESIGN_WORDS
from . import pipeline
from .reading import THERAPIES_FILE, TRIALS_FILE, _resolve
from .trial_table import trials

#: The five questions, in order: id -> how the checklist asks it.
STEPS: dict[str, str] = {
    "results": "Results reported",
    "randomised": "Randomised against a control group",
    "checked": "Full results published in a peer-reviewed journal",
    "pannet": "Pancreatic NETs enrolled",
    "approved": "Approved by a regulator for this use",
}
#: How the one-table summary heads each step's column.
COLUMNS: dict[str, str] = {
    "results": "results", "randomised": "randomised", "checked": "journal paper",
    "pannet": "panNETs enrolled", "approved": "approved",
}
#: Where a trial's figures were read from (its ``figures_source``), as the checklist says it.
FIGURES_FROM: dict[str, str] = {
    "journal": "the journal paper", "congress": "congress reports",
    "summary": "secondary summaries", "review": "a review", "label": "the label",
}
#: Said for a step of a running trial, which cannot be judged before its results.
NOT_YET = "not judged until the trial reports its results"


@dataclass(frozen=True)
class Step:
    """One question of the checklist: met (True/False, or None: not judged yet) and why."""

    id: str
    question: str
    met: bool | None
    evidence: str


@dataclass(frozen=True)
class Checklist:
    """The five steps for one trial, with what it tested and where its figures come from."""

    trial: str
    agent: str
    tested: str
    steps: tuple[Step, ...]
    source: str
    running: bool = False

    @property
    def missing(self) -> tuple[Step, ...]:
        """The steps not (yet) met, in order."""
        return tuple(s for s in self.steps if s.met is not True)

    @property
    def verdict(self) -> str:
        """One sentence: could it change practice, and what is missing.

        >>> checklist("TALENT").verdict
        'Not yet practice-changing: missing randomised against a control group, approved by a \
regulator for this use.'
        """
        if self.running:
            return "No results yet: nothing to change practice until the trial reports."
        if not self.missing:
            return "Every step is met: this is the kind of result that changes practice."
        return "Not yet practice-changing: missing " + ", ".join(
            s.question[0].lower() + s.question[1:] for s in self.missing) + "."


def _in_sentence(text: str) -> str:
    """Text as it reads after a comma: "Progressive ..." -> "progressive ..."; "SSTR" stays.

    >>> _in_sentence("Progressive disease"), _in_sentence("GEP-NETs")
    ('progressive disease', 'GEP-NETs')
    """
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def _agents_by_trial() -> dict[str, str]:
    return {trial: agent_id for agent_id in pipeline.agent_ids()
            for trial in pipeline.agent_record(agent_id)["trials"]}


def trial_names() -> list[str]:
    """The trials the checklist covers: the agents' trials, then the trials still running.

    >>> trial_names()[:2], trial_names()[-1]
    (['COMPETE', 'ALPHAMEDIX-02'], 'SORENTO')
    """
    running = [row["trial"] for row in pipeline.ongoing_trials().rows]
    return [*_agents_by_trial(), *running]


def _pannet_step(values: list[str]) -> Step:
    if "yes" in values:
        text = ("pancreatic NETs only" if set(values) == {"yes"}
                else "a cohort of pancreatic NETs of its own")
        return Step("pannet", STEPS["pannet"], True, f"Yes: {text}.")
    if "part" in values:
        return Step("pannet", STEPS["pannet"], True,
                    "Yes, beside NETs of other sites (GEP-NETs): pancreatic tumours were part of "
                    "those enrolled.")
    return Step("pannet", STEPS["pannet"], False,
                "No pancreatic NETs: for them the result is extrapolated.")


def _result_checklist(trial: str, agent_id: str) -> Checklist:
    frame = trials()
    rows = frame[frame.trial == trial]
    first = rows.iloc[0]
    agent = pipeline.agent_record(agent_id)
    design = DESIGN_WORDS.get(first.design, str(first.design))
    randomised = first.design == "randomised_controlled"
    comparator = first.comparator if isinstance(first.comparator, str) and first.comparator else ""
    if randomised:
        how = f"Yes: {design}, phase {first.phase}, against {comparator}."
    else:
        how = (f"No: {design}, phase {first.phase}; without a control group it cannot show that "
               "the agent does better than another treatment.")
    mark = confidence_mark(first.confidence, first.figures_source)
    report = agent["journal_reports"].get(trial, "")
    where = FIGURES_FROM.get(str(first.figures_source), "other reports")
    if all(rows.figures_source == "journal"):
        checked, check_text = True, f"Yes: {first.citation}."
    elif report:
        checked = True
        check_text = f"Yes: {report}. The figures shown here are from {where}."
    else:
        checked = False
        check_text = (f"No: the results are known only from {where}; a full peer-reviewed "
                      "report lets readers check the methods and every endpoint.")
    approval = agent["approval"]
    steps = (
        Step("results", STEPS["results"], True,
             f"Yes: primary endpoint {first.primary_endpoint}, in {len(rows)} "
             f"{'cohort' if len(rows) == 1 else 'cohorts'}."),
        Step("randomised", STEPS["randomised"], randomised, how),
        Step("checked", STEPS["checked"], checked, check_text),
        _pannet_step(list(rows.pannet)),
        Step("approved", STEPS["approved"], approval == "approved",
             f"{'Yes' if approval == 'approved' else 'No'}: {agent['status']}."),
    )
    versus = f" vs {comparator}" if comparator else ""
    populations = list(dict.fromkeys(str(p) for p in rows.population))
    tested = f"{agent['name']}{versus}, in {_in_sentence(populations[0])}" + "".join(
        f"; another cohort: {_in_sentence(p)}" for p in populations[1:])
    source = str(first.citation) + (f" ({mark})" if mark else "")
    return Checklist(trial, agent["name"], tested, steps, source)


def _running_checklist(trial: str) -> Checklist:
    record = pipeline.ongoing_trial_record(trial)
    mark = confidence_mark(record["confidence"])
    steps = (Step("results", STEPS["results"], False, f"No: {record['status']}"),
             *(Step(key, question, None, f"Not yet: {NOT_YET}.")
               for key, question in list(STEPS.items())[1:]))
    tested = f"{record['design']}, in {_in_sentence(record['population'])}"
    source = record["source"] + (f" ({mark})" if mark else "")
    return Checklist(trial, "", tested, steps, source, running=True)


def checklist(trial: str) -> Checklist:
    """The five steps for one trial (see :func:`trial_names`); ValueError naming the choices.

    >>> checklist("STARTER-NET").steps[4].evidence
    'No: each drug approved; the combination as first line is under investigation.'
    >>> checklist("NETTER-1")
    Traceback (most recent call last):
    ...
    ValueError: trial must be one of the trials under investigation (COMPETE, ALPHAMEDIX-02, \
ACTION-1, TALENT, STARTER-NET, COMPOSE, NETTER-3, SORENTO); got 'NETTER-1'
    """
    names = trial_names()
    if trial not in names:
        raise ValueError("trial must be one of the trials under investigation "
                         f"({', '.join(names)}); got {short_repr(trial)}")
    # The loaders' one cache, keyed by the trials file and the trial, stamped by every file the
    # checklist is read from.
    files = [_resolve(None, file, "path")[0]
             for file in (TRIALS_FILE, THERAPIES_FILE, pipeline.PIPELINE_FILE)]
    return _datafile.cached(_checklist, *files, sources_file(), args=(trial,))


def _checklist(_trials_file: Path, trial: str) -> Checklist:
    """Built once per trial and version of the data (a Checklist cannot be changed)."""
    agent_id = _agents_by_trial().get(trial)
    return _result_checklist(trial, agent_id) if agent_id else _running_checklist(trial)


@dataclass(frozen=True)
class StepReading:
    """A learner's call on one step beside the data's."""

    step: Step
    believed: bool
    #: True or False; None for a step not judged yet (it does not count in the score)
    correct: bool | None


@dataclass(frozen=True)
class Reading:
    """A learner's reading of one checklist, step by step, with a score over the judged steps."""

    checklist: Checklist
    steps: tuple[StepReading, ...]

    @property
    def right(self) -> int:
        return sum(s.correct is True for s in self.steps)

    @property
    def judged(self) -> int:
        return sum(s.correct is not None for s in self.steps)

    @property
    def score_line(self) -> str:
        """How many judged steps the learner read as the data do.

        >>> check_reading("COMPETE", ["results", "randomised"]).score_line
        'You read 3 of 5 steps as the data do.'
        """
        return f"You read {self.right} of {self.judged} steps as the data do."


def check_reading(trial: str, believed_met: Iterable[str]) -> Reading:
    """Compare the steps a learner believes are met with the data's checklist.

    ``believed_met`` holds step ids of :data:`STEPS`; any other id is a ValueError naming them.

    >>> reading = check_reading("ALPHAMEDIX-02", ["results", "randomised", "pannet"])
    >>> [(s.step.id, s.correct) for s in reading.steps if not s.correct]
    [('randomised', False)]
    """
    if isinstance(believed_met, str):
        believed_met = [believed_met]
    believed = set()
    for step_id in believed_met:
        if step_id not in STEPS:
            raise ValueError(f"believed_met must hold steps among {', '.join(STEPS)}; "
                             f"got {short_repr(step_id)}")
        believed.add(step_id)
    found = checklist(trial)
    steps = tuple(
        StepReading(s, s.id in believed, None if s.met is None else (s.id in believed) == s.met)
        for s in found.steps
    )
    return Reading(found, steps)


def practice_change_table() -> Table:
    """Every trial of the checklist in one table: each step met (yes), missing (no) or not yet.

    >>> row = practice_change_table().rows[0]
    >>> row["trial"], row["randomised"], row["approved"]
    ('COMPETE', 'yes', 'no')
    """
    words = {True: "yes", False: "no", None: "not yet"}
    rows = []
    for trial in trial_names():
        found = checklist(trial)
        row = {"trial": trial, "agent": found.agent or "(trial still running)"}
        row.update({COLUMNS[s.id]: words[s.met] for s in found.steps})
        row["still missing"] = len(found.missing)
        rows.append(row)
    return Table(rows, caption="What would change practice: five steps, trial by trial")
