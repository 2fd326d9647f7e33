"""The case bank's objects: a multi-step teaching case, its decision points, options, the
learner's feedback at each step and the end-of-case summary.

A case is a patient, a timeline of decision points (diagnosis, first line, progression, later lines)
and, at every point, the options offered with the author's verdict and feedback for each. The files
are read and checked by :mod:`.loader`; the engine's view beside the author's is in
:mod:`.comparison`; HTML and text renderings are in :mod:`pannet_edu.views.cases`.

For education only: the cases are invented and the feedback never advises on a real patient.

>>> from pannet_edu.practice.cases import load_case
>>> case = load_case("indolent_g1_sstr_positive")
>>> case.steps[0].label
'First line'
>>> case.choose("first_line", "ssa").verdict
'preferred'
>>> case.choose("first_line", "aspirin").valid
False
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ...content.fields import short_repr
from ...content.sources import Source
from ...engine import THERAPY_NAMES, Patient
from ...vocab import VERDICTS
from ..feedback import Feedback

__all__ = ["Case", "CaseSummary", "Feedback", "Option", "Step", "SummaryRow", "TherapyLine",
           "is_systemic", "ordinal"]  # fmt: skip


# --- The objects a learner (or a widget) works with -------------------------------------------
@dataclass(frozen=True)
class Option:
    """One option offered at a step, with the author's verdict and feedback."""

    therapy: str
    verdict: str
    feedback: str
    engine_note: str = ""

    @property
    def name(self) -> str:
        """The therapy's learner-facing name."""
        return THERAPY_NAMES[self.therapy]


@dataclass(frozen=True)
class Step:
    """A decision point: the situation, the patient at that moment and the options offered."""

    id: str
    label: str
    situation: str
    options: tuple[Option, ...]
    teaching_point: str
    patient: Patient
    changes: Mapping[str, object]
    month: float | None = None
    given: str | None = None
    given_because: str = ""

    def option(self, therapy: str) -> Option | None:
        """The option for a therapy id (case-insensitive), or ``None`` if it is not offered."""
        key = therapy.strip().lower() if isinstance(therapy, str) else None
        return next((o for o in self.options if o.therapy == key), None)

    @property
    def strongest(self) -> tuple[str, ...]:
        """Therapy ids the author rates best at this step (all options sharing the top verdict)."""
        best = min(VERDICTS.index(o.verdict) for o in self.options)
        return tuple(o.therapy for o in self.options if VERDICTS.index(o.verdict) == best)


@dataclass(frozen=True)
class TherapyLine:
    """A line of therapy given in the story, from ``start`` to ``end`` (months or step numbers)."""

    therapy: str
    step_id: str
    start: float
    end: float


@dataclass(frozen=True)
class SummaryRow:
    """One decision in a learner's end-of-case summary."""

    step: str
    chosen: str
    verdict: str
    strongest: tuple[str, ...]
    matched: bool
    given: str


@dataclass(frozen=True)
class CaseSummary:
    """The end of a case: each decision, the learner's first choice, and the score."""

    title: str
    teaching_point: str
    rows: tuple[SummaryRow, ...]

    @property
    def score(self) -> int:
        """Decisions where the first choice was among the author's strongest options."""
        return sum(row.matched for row in self.rows)

    @property
    def out_of(self) -> int:
        """The number of decisions in the case."""
        return len(self.rows)

    def lines(self) -> tuple[str, ...]:
        """The summary as lines a learner reads."""
        noun = "decision" if self.out_of == 1 else "decisions"
        out = [f"You matched the strongest option at {self.score} of {self.out_of} {noun}."]
        for number, row in enumerate(self.rows, start=1):
            strongest = " or ".join(row.strongest)
            if not row.chosen:
                mine = "not answered"
            elif row.matched:
                mine = f"you chose {row.chosen} ({row.verdict}), a strongest option"
            else:
                mine = f"you chose {row.chosen} ({row.verdict}); strongest: {strongest}"
            given = f" The team gave {row.given}." if row.given else ""
            out.append(f"{number}. {row.step}: {mine}.{given}")
        out.append(f"The lesson of the case: {self.teaching_point}")
        return tuple(out)


@dataclass(frozen=True)
class Case:
    """A multi-step teaching case loaded from one YAML file."""

    id: str
    title: str
    topics: tuple[str, ...]
    summary: str
    teaching_point: str
    patient: Patient
    steps: tuple[Step, ...]
    #: the short names of the sources it cites, as a reader sees them
    references: tuple[str, ...]
    path: Path
    #: the sources it cites (ids of ``sources.yaml`` in the case file), in file order
    sources: tuple[Source, ...] = ()

    @property
    def has_durations(self) -> bool:
        """Whether the steps carry months (else the timeline shows ordered steps)."""
        return self.steps[0].month is not None

    def step(self, key: int | str) -> Step:
        """A step by position (0-based) or by id.

        >>> from pannet_edu.practice.cases import load_case
        >>> load_case("nec_large_cell").step(1).id
        'second_line'
        >>> load_case("nec_large_cell").step("third_line")
        Traceback (most recent call last):
        ...
        ValueError: step must be a position 0-1 or one of 'first_line', ...; got 'third_line'
        """
        if isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(self.steps):
            return self.steps[key]
        if isinstance(key, str):  # never compared otherwise: an array's == is not a yes or no
            for step in self.steps:
                if step.id == key:
                    return step
        ids = ", ".join(repr(s.id) for s in self.steps)
        raise ValueError(
            f"step must be a position 0-{len(self.steps) - 1} or one of {ids}; "
            f"got {short_repr(key)}"
        )

    def index(self, key: int | str) -> int:
        """The 0-based position of a step given by position or id."""
        return self.steps.index(self.step(key))

    def choose(self, step: int | str, option: str) -> Feedback:
        """The author's feedback on choosing ``option`` (a therapy id) at ``step``.

        An option that is not offered gives a readable message, never an exception.

        >>> from pannet_edu.practice.cases import load_case
        >>> fb = load_case("nec_large_cell").choose(0, "ssa")
        >>> fb.verdict, fb.strongest
        ('not suitable', ('platinum_etoposide',))
        >>> print(load_case("nec_large_cell").choose(0, "").message)
        Choose one of the options offered at “First line”: platinum + etoposide; ...
        """
        current = self.step(step)
        offered = "; ".join(o.name for o in current.options)
        found = current.option(option) if isinstance(option, str) else None
        if found is None:
            text = option.strip() if isinstance(option, str) else ""
            if not text:
                message = f"Choose one of the options offered at “{current.label}”: {offered}."
            else:
                message = (
                    f"“{text}” is not an option at “{current.label}”. Choose one of: {offered}."
                )
            shown = option if isinstance(option, str) else short_repr(option)
            return Feedback(None, message, case_id=self.id, step_id=current.id, choice=shown)
        return Feedback(
            found.therapy in current.strongest,
            f"{found.name}: {found.verdict}. {found.feedback}",
            case_id=self.id,
            step_id=current.id,
            choice=found.therapy,
            verdict=found.verdict,
            strongest=current.strongest,
            teaching_point=current.teaching_point,
        )

    def lines_before(self, step: int | str) -> tuple[TherapyLine, ...]:
        """The lines of therapy given in the story before a step, with their spans.

        With durations each line runs from its step's month to the next step's month; without,
        from its step's position to the next one.

        >>> from pannet_edu.practice.cases import load_case
        >>> [(l.therapy, l.start, l.end) for l in load_case("vipoma").lines_before(1)]
        [('ssa', 0.0, 26.0)]
        """
        stop = self.index(step)
        out = []
        for i in range(stop):
            here, after = self.steps[i], self.steps[i + 1]
            if here.given is None:
                continue
            if self.has_durations:
                start, end = float(here.month), float(after.month)
            else:
                start, end = float(i), float(i + 1)
            out.append(TherapyLine(here.given, here.id, start, end))
        return tuple(out)

    def line_number(self, step: int | str) -> int:
        """Which line of systemic therapy is chosen at a step (1 = first line).

        Systemic therapies given before the case opens count, as do those given at earlier steps
        (a repeat course counts again); surgery, liver-directed therapy and surveillance are not
        lines of systemic therapy. Everolimus chosen after an SSA is therefore second line.

        >>> from pannet_edu.practice.cases import load_case
        >>> load_case("cardiac_renal").line_number("after_ssa")
        2
        >>> load_case("progression_after_ssa_g2").line_number(0)
        1
        """
        stop = self.index(step)
        before = [t for t in self.patient.prior if is_systemic(t)]
        before += [s.given for s in self.steps[:stop] if s.given and is_systemic(s.given)]
        return len(before) + 1

    def line_phrase(self, step: int | str) -> str:
        """The line number in words, for a learner: ``"second line of systemic therapy"``.

        >>> from pannet_edu.practice.cases import load_case
        >>> load_case("cardiac_renal").line_phrase(1)
        'third line of systemic therapy'
        """
        return f"{ordinal(self.line_number(step))} line of systemic therapy"

    def line_sentence(self, step: int | str) -> str:
        """Where a step sits in the sequence, for a learner: the systemic lines so far and the
        number of the line a drug or PRRT chosen now would be.

        >>> from pannet_edu.practice.cases import load_case
        >>> print(load_case("cardiac_renal").line_sentence(0)[-45:])
        A drug or PRRT chosen now is the second line.
        """
        stop = self.index(step)
        before = [t for t in self.patient.prior if is_systemic(t)]
        before += [s.given for s in self.steps[:stop] if s.given and is_systemic(s.given)]
        so_far = ", ".join(THERAPY_NAMES[t] for t in before) or "none"
        return (
            f"Systemic therapy so far: {so_far}. A drug or PRRT chosen now is the "
            f"{self.line_phrase(step).removesuffix(' of systemic therapy')}."
        )

    def bridge(self, step: int | str, choice: str | None) -> str:
        """What the story does next, said in words, so no later step silently assumes a choice.

        If the learner chose what the team gave, the sentence says so; otherwise it names what
        the team chose instead and why (``given_because`` in the case file). Empty at a step
        where nothing was given.

        >>> from pannet_edu.practice.cases import load_case
        >>> case = load_case("vipoma")
        >>> case.bridge(0, "everolimus").startswith("The team chose somatostatin analogue")
        True
        >>> case.bridge(0, "ssa").startswith("The team made the same choice, somatostatin")
        True
        """
        current = self.step(step)
        if current.given is None:
            return ""
        given = THERAPY_NAMES[current.given]
        chosen = current.option(choice) if isinstance(choice, str) else None
        because = current.given_because
        if chosen is not None and chosen.therapy == current.given:
            return f"The team made the same choice, {given}, because {_lower_first(because)}"
        return f"The team chose {given} instead, because {_lower_first(because)}"

    def run_summary(self, choices: Mapping[str, str]) -> CaseSummary:
        """Score a learner's run: ``choices`` maps step ids to the therapy chosen first there.

        A choice scores when it is among the case author's strongest options at that step; a
        step with no choice counts as not answered. Unknown step ids raise ``ValueError``.

        >>> from pannet_edu.practice.cases import load_case
        >>> result = load_case("vipoma").run_summary({"syndrome_control": "ssa"})
        >>> result.score, result.out_of
        (1, 2)
        >>> result.lines()[0]
        'You matched the strongest option at 1 of 2 decisions.'
        """
        if not isinstance(choices, Mapping):
            raise TypeError(f"choices must map step ids to therapy ids, got {short_repr(choices)}")
        ids = {s.id for s in self.steps}
        unknown = [k for k in choices if k not in ids]
        if unknown:
            allowed = ", ".join(repr(i) for i in ids)
            raise ValueError(f"choices has unknown step {short_repr(unknown[0])}; steps: {allowed}")
        rows = []
        for step in self.steps:
            option = step.option(choices.get(step.id) or "")
            rows.append(
                SummaryRow(
                    step=step.label,
                    chosen=option.name if option else "",
                    verdict=option.verdict if option else "",
                    strongest=tuple(THERAPY_NAMES[t] for t in step.strongest),
                    matched=option is not None and option.therapy in step.strongest,
                    given=THERAPY_NAMES[step.given] if step.given else "",
                )
            )
        return CaseSummary(self.title, self.teaching_point, tuple(rows))


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def is_systemic(therapy: str) -> bool:
    """Whether a catalogue option is a line of systemic therapy (a drug or PRRT), as the
    catalogue's therapy classes say; surgery, liver-directed therapy, surveillance and a trial
    placeholder are not.

    >>> from pannet_edu.practice.cases import load_case
    >>> is_systemic("everolimus"), is_systemic("prrt"), is_systemic("surgery")
    (True, True, False)
    """
    from ...engine import load_catalogue

    catalogue = load_catalogue()
    if therapy not in catalogue.ids:
        raise ValueError(f"therapy must be a catalogue id; got {short_repr(therapy)}")
    return catalogue.is_systemic(therapy)


def ordinal(number: int) -> str:
    """``1`` → ``"first"`` ... ``8`` → ``"eighth"``, then ``"9th"``.

    >>> from pannet_edu.practice.cases import load_case
    >>> ordinal(2), ordinal(11)
    ('second', '11th')
    """
    return _ORDINALS[number - 1] if 1 <= number <= len(_ORDINALS) else f"{number}th"


def _lower_first(text: str) -> str:
    """Lower the first letter unless the first word is an abbreviation (``PRRT``, ``SSTR``)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return text
    return text[:1].lower() + text[1:]
