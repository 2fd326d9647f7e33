"""The case bank: multi-step teaching vignettes with a decision, options and feedback at each step.

Each case is one YAML file in ``pannet_edu/data/cases/`` (how to write one: the README there). A
case is a patient, a timeline of decision points (diagnosis, first line, progression, later lines)
and, at every point, the options offered with the author's verdict and feedback for each. The
loader validates everything an instructor can get wrong and names the file, case, step and field.

The author's verdicts are a teacher's reading; the engine (:mod:`pannet_edu.sequencing`) gives its
own. :func:`engine_comparison` puts them side by side so that any disagreement stays visible, and
each one must be explained in the case file (``engine_note``).

For education only: the cases are invented and the feedback never advises on a real patient.

>>> case = load_case("indolent_g1_sstr_positive")
>>> case.steps[0].label
'First line'
>>> case.choose("first_line", "ssa").verdict
'preferred'
>>> case.choose("first_line", "aspirin").valid
False
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from . import _datafile, sequencing, sources
from ._validate import is_boolean, short_repr
from .display import Table
from .sequencing import THERAPY_NAMES, VERDICTS, Patient

if TYPE_CHECKING:
    import pandas as pd

#: Where the packaged cases live (one ``*.yaml`` file per case); ``$PANNET_EDU_DATA_DIR/cases``
#: is read instead when that variable is set.
CASES_DIR = Path(__file__).resolve().parent / "data" / "cases"


def cases_dir() -> Path:
    """The folder :func:`case_bank` reads by default (``cases/`` in the data folder)."""
    return _datafile.data_dir() / "cases"


def _evidence_stamp() -> tuple:
    data = _datafile.data_dir()
    return _datafile.stamp([data / "trials.csv", data / "therapies.yaml"])


CASE_FIELDS = (
    "id", "title", "topics", "summary", "teaching_point", "patient", "steps", "references",
)  # fmt: skip
STEP_FIELDS = (
    "id", "label", "month", "situation", "changes", "options", "given", "given_because",
    "teaching_point",
)  # fmt: skip
REQUIRED_STEP_FIELDS = ("id", "label", "situation", "options", "teaching_point")
OPTION_FIELDS = ("verdict", "feedback", "engine_note")

#: Words that show a feedback names a patient or tumour factor (checked case-insensitively).
#: Feedback must say *why* an option is strong or weak for this patient, not just grade it.
PATIENT_FACTOR_WORDS = (
    "ki-67", "mitos", "differentiat", "grade", "g1", "g2", "g3", "nec", "carcinoma",
    "sstr", "uptake", "receptor", "burden", "bulk", "progress", "growing", "stable",
    "symptom", "syndrome", "hormone", "insulinoma", "hypoglyc", "vipoma", "gastrinoma",
    "glucagonoma", "diarrh", "prior", "already", "diabet", "glucose", "hypertension",
    "heart", "cardiac", "kidney", "renal", "lung", "marrow", "blood count", "platelet",
    "vhl", "men1", "hereditary", "fdg", "shrink", "dpyd", "dpd", "coronary", "pregnan",
    "contracep", "approved", "resect", "remov", "counts", "myelodysplas", "mds", "bleeding",
    "lesion", "durable",
)  # fmt: skip
#: A feedback shorter than this cannot both judge an option and give the reason.
MIN_FEEDBACK_CHARS = 40


class CaseValidationError(ValueError):
    """A case file breaks the schema; the message names the file, case, step and field."""


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
class Feedback:
    """What a learner sees after choosing: the verdict, why, and the step's teaching point.

    ``valid`` is ``False`` when the choice was not one of the options; ``message`` then says what
    can be chosen. It is never an exception: a learner's slip gets a sentence, not a traceback.
    """

    case_id: str
    step_id: str
    choice: str
    valid: bool
    message: str
    verdict: str | None = None
    strongest: tuple[str, ...] = ()
    teaching_point: str = ""

    def lines(self) -> tuple[str, ...]:
        """The feedback as lines of text for a card."""
        if not self.valid:
            return (self.message,)
        out = [self.message]
        if self.strongest and self.choice not in self.strongest:
            names = ", ".join(THERAPY_NAMES[t] for t in self.strongest)
            out.append(f"The case author's strongest option(s) here: {names}.")
        out.append(f"Teaching point: {self.teaching_point}")
        return tuple(out)


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
    references: tuple[str, ...]
    path: Path

    @property
    def has_durations(self) -> bool:
        """Whether the steps carry months (else the timeline shows ordered steps)."""
        return self.steps[0].month is not None

    def step(self, key: int | str) -> Step:
        """A step by position (0-based) or by id.

        >>> load_case("nec_large_cell").step(1).id
        'second_line'
        >>> load_case("nec_large_cell").step("third_line")
        Traceback (most recent call last):
        ...
        ValueError: step must be a position 0-1 or one of 'first_line', ...; got 'third_line'
        """
        if isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(self.steps):
            return self.steps[key]
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
            return Feedback(self.id, current.id, shown, False, message)
        return Feedback(
            self.id,
            current.id,
            found.therapy,
            True,
            f"{found.name}: {found.verdict}. {found.feedback}",
            verdict=found.verdict,
            strongest=current.strongest,
            teaching_point=current.teaching_point,
        )

    def lines_before(self, step: int | str) -> tuple[TherapyLine, ...]:
        """The lines of therapy given in the story before a step, with their spans.

        With durations each line runs from its step's month to the next step's month; without,
        from its step's position to the next one.

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

        >>> load_case("cardiac_renal").line_phrase(1)
        'third line of systemic therapy'
        """
        return f"{ordinal(self.line_number(step))} line of systemic therapy"

    def line_sentence(self, step: int | str) -> str:
        """Where a step sits in the sequence, for a learner: the systemic lines so far and the
        number of the line a drug or PRRT chosen now would be.

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

        >>> result = load_case("vipoma").run_summary({"syndrome_control": "ssa"})
        >>> result.score, result.out_of
        (1, 2)
        >>> result.lines()[0]
        'You matched the strongest option at 1 of 2 decisions.'
        """
        if not isinstance(choices, Mapping):
            raise TypeError(f"choices must map step ids to therapy ids, got {choices!r}")
        ids = {s.id for s in self.steps}
        unknown = [k for k in choices if k not in ids]
        if unknown:
            allowed = ", ".join(repr(i) for i in ids)
            raise ValueError(f"choices has unknown step {unknown[0]!r}; steps: {allowed}")
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

    >>> is_systemic("everolimus"), is_systemic("prrt"), is_systemic("surgery")
    (True, True, False)
    """
    from .engine import load_catalogue

    catalogue = load_catalogue()
    if therapy not in catalogue.ids:
        raise ValueError(f"therapy must be a catalogue id; got {therapy!r}")
    return catalogue.is_systemic(therapy)


def ordinal(number: int) -> str:
    """``1`` → ``"first"`` ... ``8`` → ``"eighth"``, then ``"9th"``.

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


# --- Loading and validation -------------------------------------------------------------------
def _known_references() -> frozenset[str]:
    """Trial names in the trials data, plus the short names of the guideline sources."""
    return _known_references_of(_evidence_stamp())


@lru_cache(maxsize=2)
def _known_references_of(_stamp: tuple) -> frozenset[str]:
    from .evidence import trials

    names = set(trials()["trial"])
    names |= set(_guideline_sources())
    return frozenset(names)


def _guideline_sources() -> dict[str, sources.Source]:
    """Every non-trial source a case may cite, by short name: the package's sources (labels and
    guidelines included, all in :mod:`pannet_edu.sources`) and the engine's."""
    found: dict[str, sources.Source] = {}
    for module in (sources, sequencing):
        for value in vars(module).values():
            if isinstance(value, sources.Source):
                found.setdefault(value.short, value)
    return found


class _Where:
    """Builds error messages that name the file, case, step and field."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.case = "?"

    def error(self, message: str, *, step: str | None = None, field: str | None = None):
        parts = [f"{self.path.name}: case {self.case!r}"]
        if step is not None:
            parts.append(f"step {step!r}")
        if field is not None:
            parts.append(f"field {field!r}")
        return CaseValidationError(", ".join(parts) + f": {message}")


def _text(where: _Where, raw: Mapping, name: str, *, step: str | None = None) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise where.error("must be non-empty text", step=step, field=name)
    return " ".join(value.split())


def _unknown_keys(where: _Where, raw: Mapping, allowed, *, step=None, field=None) -> None:
    extra = [k for k in raw if k not in allowed]
    if extra:
        allowed_text = ", ".join(allowed)
        raise where.error(
            f"unknown key(s) {', '.join(map(repr, extra))}; allowed: {allowed_text}",
            step=step,
            field=field,
        )


def _patient(where: _Where, fields: Mapping, *, step: str | None, changed: Mapping) -> Patient:
    """Build the Patient (the engine validates every value); name the field that failed."""
    try:
        return Patient(**fields)
    except (TypeError, ValueError) as exc:
        message = str(exc)
        culprit = next((k for k in fields if message.startswith(k)), None)
        if step is None:
            field = f"patient.{culprit}" if culprit else "patient"
        elif culprit in changed:
            field = f"changes.{culprit}"
        else:
            field = "changes"
        raise where.error(message, step=step, field=field) from None


def _catalogue() -> tuple[str, ...]:
    """The therapy ids a case may offer: the catalogue of :func:`pannet_edu.evidence.therapies`."""
    return _catalogue_of(_evidence_stamp())


@lru_cache(maxsize=2)
def _catalogue_of(_stamp: tuple) -> tuple[str, ...]:
    from .evidence import therapies

    return tuple(therapies().index)


def _options(where: _Where, raw: object, step: str) -> tuple[Option, ...]:
    if not isinstance(raw, Mapping) or not raw:
        raise where.error(
            "must map at least one therapy id to its verdict and feedback", step=step,
            field="options",
        )  # fmt: skip
    out = []
    catalogue = _catalogue()
    for therapy, body in raw.items():
        field = f"options.{therapy}"
        if therapy not in catalogue:
            raise where.error(
                f"{short_repr(therapy)} is not in the therapy catalogue; use one of: "
                + ", ".join(catalogue),
                step=step,
                field=field,
            )
        if not isinstance(body, Mapping):
            raise where.error("must have a verdict and a feedback", step=step, field=field)
        _unknown_keys(where, body, OPTION_FIELDS, step=step, field=field)
        verdict = body.get("verdict")
        if verdict not in VERDICTS:
            raise where.error(
                f"verdict must be one of {', '.join(map(repr, VERDICTS))}; "
                f"got {short_repr(verdict)}",
                step=step,
                field=f"{field}.verdict",
            )
        feedback = body.get("feedback")
        if not isinstance(feedback, str) or len(feedback.strip()) < MIN_FEEDBACK_CHARS:
            raise where.error(
                f"feedback must explain the verdict in at least {MIN_FEEDBACK_CHARS} characters",
                step=step,
                field=f"{field}.feedback",
            )
        if not any(word in feedback.lower() for word in PATIENT_FACTOR_WORDS):
            raise where.error(
                "feedback must name the patient or tumour factor behind the verdict "
                "(e.g. Ki-67, SSTR uptake, burden, progression, symptoms, a comorbidity, "
                "prior therapy)",
                step=step,
                field=f"{field}.feedback",
            )
        note = body.get("engine_note") or ""
        if not isinstance(note, str):
            raise where.error("must be text", step=step, field=f"{field}.engine_note")
        out.append(Option(therapy, verdict, " ".join(feedback.split()), " ".join(note.split())))
    return tuple(out)


def _month(where: _Where, value: object, step: str) -> float | None:
    if value is None:
        return None
    number = None
    if not is_boolean(value) and isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            number = None
    if number is None or not math.isfinite(number) or number < 0:
        raise where.error(
            "must be months since the case's first decision (a finite number, 0 or more); "
            f"got {short_repr(value)}",
            step=step,
            field="month",
        )
    return number


def _steps(where: _Where, raw: object, base: Mapping) -> tuple[Step, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise where.error("must be a list of at least two decision points", field="steps")
    fields = dict(base)
    prior = list(fields.get("prior") or ())
    steps: list[Step] = []
    seen: set[str] = set()
    for position, body in enumerate(raw):
        if not isinstance(body, Mapping):
            raise where.error("must be a mapping of step fields", step=str(position), field="steps")
        step_id = body.get("id")
        if not isinstance(step_id, str) or not step_id.strip():
            raise where.error("every step needs an id", step=str(position), field="id")
        if step_id in seen:
            raise where.error("step ids must be unique within a case", step=step_id, field="id")
        seen.add(step_id)
        _unknown_keys(where, body, STEP_FIELDS, step=step_id)
        for name in REQUIRED_STEP_FIELDS[1:]:
            if name not in body:
                raise where.error("is required", step=step_id, field=name)
        changes = body.get("changes") or {}
        if not isinstance(changes, Mapping):
            raise where.error("must map patient fields to new values", step=step_id,
                              field="changes")  # fmt: skip
        if "prior" in changes:
            raise where.error(
                "prior grows by itself from each earlier step's 'given'; do not change it here",
                step=step_id,
                field="changes.prior",
            )
        unknown = [k for k in changes if k not in sequencing.PATIENT_FIELDS]
        if unknown:
            raise where.error(
                f"{unknown[0]!r} is not a patient field; use one of: "
                + ", ".join(f for f in sequencing.PATIENT_FIELDS if f != "prior"),
                step=step_id,
                field=f"changes.{unknown[0]}",
            )
        fields.update(changes)
        fields["prior"] = list(prior)
        patient = _patient(where, fields, step=step_id, changed=changes)
        options = _options(where, body.get("options"), step_id)
        given = body.get("given")
        if given is not None and given not in {o.therapy for o in options}:
            raise where.error(
                f"{short_repr(given)} must be one of this step's options "
                f"({', '.join(o.therapy for o in options)})",
                step=step_id,
                field="given",
            )
        because = body.get("given_because")
        if given is not None and (not isinstance(because, str) or not because.strip()):
            raise where.error(
                "say why the team gave it (shown to a learner who chose otherwise)",
                step=step_id,
                field="given_because",
            )
        if given is None and because:
            raise where.error("only a step with 'given' has a reason for it", step=step_id,
                              field="given_because")  # fmt: skip
        if given is not None and given not in prior:
            prior.append(given)
        steps.append(
            Step(
                id=step_id,
                label=_text(where, body, "label", step=step_id),
                situation=_text(where, body, "situation", step=step_id),
                options=options,
                teaching_point=_text(where, body, "teaching_point", step=step_id),
                patient=patient,
                changes=MappingProxyType(dict(changes)),
                month=_month(where, body.get("month"), step_id),
                given=given,
                given_because=" ".join(str(because or "").split()),
            )
        )
    _check_months(where, steps)
    return tuple(steps)


def _check_months(where: _Where, steps: list[Step]) -> None:
    """Either every step has a month (a timeline in months) or none does (ordered steps)."""
    with_month = [s.month is not None for s in steps]
    if any(with_month) and not all(with_month):
        missing = steps[with_month.index(False)].id
        raise where.error(
            "give a month for every step or for none (then the timeline shows ordered steps)",
            step=missing,
            field="month",
        )
    if all(with_month):
        for earlier, later in itertools.pairwise(steps):
            if later.month < earlier.month:
                raise where.error(
                    f"months must not go backwards ({later.month:g} after {earlier.month:g})",
                    step=later.id,
                    field="month",
                )


def load_case_file(path: str | Path) -> Case:
    """Load and validate one case file; raise :class:`CaseValidationError` naming what is wrong.

    >>> load_case_file(CASES_DIR / "vipoma.yaml").patient.syndrome
    'vipoma'
    """
    path = Path(path)
    where = _Where(path)
    try:
        raw = _datafile.load_yaml(path)
    except _datafile.DataFileError as exc:
        raise CaseValidationError(str(exc)) from None
    if raw is None:
        raise CaseValidationError(f"{path.name}: the file is empty (a case file maps case fields "
                                  "to values)")
    if not isinstance(raw, Mapping):
        raise CaseValidationError(f"{path.name}: a case file must be a mapping of case fields")
    case_id = raw.get("id")
    if not isinstance(case_id, str) or not case_id.strip():
        raise where.error("every case needs an id", field="id")
    where.case = case_id
    if case_id != path.stem:
        raise where.error(f"the id must match the file name ({path.stem!r})", field="id")
    _unknown_keys(where, raw, CASE_FIELDS)
    for name in CASE_FIELDS:
        if name not in raw:
            raise where.error("is required", field=name)
    base = raw["patient"]
    if not isinstance(base, Mapping):
        raise where.error("must map patient fields to values", field="patient")
    unknown = [k for k in base if k not in sequencing.PATIENT_FIELDS]
    if unknown:
        raise where.error(
            f"{unknown[0]!r} is not a patient field; use one of: "
            + ", ".join(sequencing.PATIENT_FIELDS),
            field=f"patient.{unknown[0]}",
        )
    patient = _patient(where, base, step=None, changed={})
    topics = raw["topics"]
    if not isinstance(topics, list) or not all(isinstance(t, str) and t for t in topics):
        raise where.error("must be a list of topic names", field="topics")
    references = raw["references"]
    if not isinstance(references, list) or not references:
        raise where.error("must list at least one trial name or guideline", field="references")
    known = _known_references()
    for ref in references:
        if ref not in known:
            raise where.error(
                f"{short_repr(ref)} is not a trial name in the trials data or a known guideline "
                "source; "
                "known: " + ", ".join(sorted(known)),
                field="references",
            )
    return Case(
        id=case_id,
        title=_text(where, raw, "title"),
        topics=tuple(topics),
        summary=_text(where, raw, "summary"),
        teaching_point=_text(where, raw, "teaching_point"),
        patient=patient,
        steps=_steps(where, raw["steps"], base),
        references=tuple(references),
        path=path,
    )


def _load_bank(directory: Path) -> tuple[Case, ...]:
    """The validated cases of a folder, cached per version of its files (and of the evidence)."""
    return _load_bank_of(directory, _datafile.folder_stamp(directory) + _evidence_stamp())


@lru_cache(maxsize=8)
def _load_bank_of(directory: Path, _version: tuple) -> tuple[Case, ...]:
    if not directory.is_dir():
        raise CaseValidationError(f"{directory}: no case files: the folder does not exist")
    paths = sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))
    if not paths:
        raise CaseValidationError(f"{directory}: no case files (*.yaml) found")
    return tuple(load_case_file(p) for p in paths)


def case_bank(directory: str | Path | None = None) -> dict[str, Case]:
    """Every case in the bank, validated, by id (sorted by file name).

    Cases are immutable, so the cached objects are safe to share. The cache is per version of the
    files: an edited case file is read again on the next call.

    >>> bank = case_bank()
    >>> len(bank) >= 10, "vhl_pnet" in bank
    (True, True)
    """
    folder = Path(directory).resolve() if directory is not None else cases_dir()
    return {case.id: case for case in _load_bank(folder)}


def load_case(case_id: str, directory: str | Path | None = None) -> Case:
    """One case by id.

    >>> load_case("vipoma").title
    'VIPoma with profuse watery diarrhoea'
    >>> load_case("vipomma")
    Traceback (most recent call last):
    ...
    ValueError: case_id must be one of 'bulky_symptomatic_g2', ...; got 'vipomma'
    """
    bank = case_bank(directory)
    if not isinstance(case_id, str) or case_id not in bank:
        options = ", ".join(repr(c) for c in bank)
        raise ValueError(f"case_id must be one of {options}; got {short_repr(case_id)}")
    return bank[case_id]


# --- The engine beside the author --------------------------------------------------------------
COMPARISON_COLUMNS = (
    "case", "step", "option", "author_verdict", "engine_verdict", "agrees", "engine_note",
    "engine_reasons",
)  # fmt: skip


def engine_comparison(case: Case) -> pd.DataFrame:
    """The engine's verdict beside the author's, for every step and option of a case.

    ``agrees`` is ``True`` when the two verdicts are the same. Every disagreement must carry an
    ``engine_note`` in the case file saying why the author reads the patient differently.

    >>> table = engine_comparison(load_case("nec_large_cell"))
    >>> table.loc[0, ["step", "option", "author_verdict", "engine_verdict"]].tolist()
    ['first_line', 'platinum_etoposide', 'preferred', 'preferred']
    >>> bool(table["agrees"].all())
    True
    """
    import pandas as pd

    if not isinstance(case, Case):
        raise TypeError(f"case must be a Case (from load_case), got {type(case).__name__}")
    rows = []
    for step in case.steps:
        appraisal = sequencing.appraise(step.patient)
        for option in step.options:
            engine = appraisal.loc[option.therapy]
            rows.append(
                (
                    case.id,
                    step.id,
                    option.therapy,
                    option.verdict,
                    engine["verdict"],
                    option.verdict == engine["verdict"],
                    option.engine_note,
                    engine["reasons"],
                )
            )
    return pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))


def patient_changes(before: Patient, after: Patient) -> dict[str, tuple[object, object]]:
    """The patient fields that differ between two steps, as ``{field: (before, after)}``.

    >>> case = load_case("vipoma")
    >>> patient_changes(case.steps[0].patient, case.steps[1].patient)["progressing"]
    (False, True)
    """
    return {
        f.name: (getattr(before, f.name), getattr(after, f.name))
        for f in dataclasses.fields(Patient)
        if f.init and getattr(before, f.name) != getattr(after, f.name)
    }


#: How each patient field is named to a learner when it changes between decisions.
FIELD_LABELS = {
    "ki67": "Ki-67",
    "mitoses": "mitoses per 2 mm²",
    "differentiation": "differentiation",
    "sstr": "SSTR imaging",
    "burden": "tumour burden",
    "progressing": "progressing",
    "symptomatic": "symptoms",
    "syndrome": "functional syndrome",
    "prior": "therapies so far",
    "comorbidities": "comorbidities",
    "hereditary": "hereditary syndrome",
    "m_category": "spread of metastases (M category)",
    "resectable": "all visible disease removable or ablatable",
    "region": "region",
    "durable_benefit": "long disease control from",
    "hypoglycaemia_refractory": "hypoglycaemia despite diet and diazoxide",
    "dpyd": "DPYD (DPD deficiency) test",
    "pregnancy_possible": "could become pregnant",
}
_VALUE_WORDS = {
    "unknown": "not tested",
    "normal": "normal",
    "partial_deficiency": "partial DPD deficiency",
    "complete_deficiency": "complete DPD deficiency",
}


def show_value(field_name: str, value: object) -> str:
    """A patient value in a learner's words (therapy and comorbidity names, yes/no, percent).

    >>> show_value("prior", ("ssa", "everolimus"))
    'somatostatin analogue (SSA), everolimus'
    >>> show_value("ki67", 14.0), show_value("progressing", True)
    ('14%', 'yes')
    """
    if value is None or value == ():
        return "none" if field_name not in ("resectable",) else "not assessed"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field_name == "ki67":
        return f"{value:g}%"
    if isinstance(value, float | int):
        return f"{value:g}"
    if isinstance(value, tuple):
        return ", ".join(show_value(field_name, v) for v in value)
    if value in THERAPY_NAMES:
        return THERAPY_NAMES[value]
    if value in sequencing.COMORBIDITY_NAMES:
        return sequencing.COMORBIDITY_NAMES[value].lower()
    if value in sequencing.SYNDROME_NAMES:
        return sequencing.SYNDROME_NAMES[value]
    if field_name == "dpyd":
        return _VALUE_WORDS.get(str(value), str(value).replace("_", " "))
    return str(value).replace("_", " ")


def describe_changes(before: Patient, after: Patient) -> str:
    """What changed between two decisions, in a learner's words ('' when nothing did).

    >>> case = load_case("progression_after_ssa_g2")
    >>> describe_changes(case.steps[0].patient, case.steps[1].patient)
    'progressing: no → yes; therapies so far: none → somatostatin analogue (SSA)'
    """
    return "; ".join(
        f"{FIELD_LABELS.get(name, name.replace('_', ' '))}: {show_value(name, a)} → "
        f"{show_value(name, b)}"
        for name, (a, b) in patient_changes(before, after).items()
    )


# --- What-if: change one patient factor ------------------------------------------------------
#: Patient factors a learner may change in the case player, with their labels.
WHAT_IF_FACTORS = {
    "ki67": "Ki-67",
    "differentiation": "Differentiation",
    "sstr": "SSTR imaging",
    "burden": "Tumour burden",
    "progressing": "Progressing",
    "symptomatic": "Symptomatic",
    "syndrome": "Functional syndrome",
    "comorbidities": "Comorbidities",
    "hereditary": "Hereditary syndrome",
    "region": "Region",
    "dpyd": "DPYD test",
    "pregnancy_possible": "Could become pregnant",
    "resectable": "All disease removable",
}
#: Ki-67 values offered for a what-if (vignette values spanning G1, G2 and G3, not cut-offs).
WHAT_IF_KI67 = (2, 5, 8, 12, 15, 25, 35, 60, 80)


def what_if_values(patient: Patient, factor: str) -> list[tuple[str, object]]:
    """The values ``factor`` can be changed to for this patient, as ``(label, value)`` pairs.

    The current value is left out, so every entry is a real change. Comorbidities change one at a
    time: each entry adds or removes one.

    >>> p = Patient(ki67=5, sstr="positive", comorbidities=["diabetes"])
    >>> sorted(value for _label, value in what_if_values(p, "sstr"))
    ['borderline', 'heterogeneous', 'negative', 'unknown']
    >>> what_if_values(p, "comorbidities")[0]
    ('remove diabetes', ())
    >>> what_if_values(p, "age")
    Traceback (most recent call last):
    ...
    ValueError: factor must be one of 'ki67', 'differentiation', ...; got 'age'
    """
    if not isinstance(factor, str) or factor not in WHAT_IF_FACTORS:
        options = ", ".join(repr(f) for f in WHAT_IF_FACTORS)
        raise ValueError(f"factor must be one of {options}; got {short_repr(factor)}")
    current = getattr(patient, factor)
    if factor == "ki67":
        return [(f"{k}%", float(k)) for k in WHAT_IF_KI67 if k != current]
    if factor in ("progressing", "symptomatic", "pregnancy_possible"):
        return [("yes", True)] if not current else [("no", False)]
    if factor == "resectable":
        return [(show_value(factor, v), v) for v in (None, True, False) if v != current]
    if factor == "dpyd":
        return [(show_value(factor, v), v) for v in sequencing.DPYD_STATUSES if v != current]
    if factor == "region":
        return [("not set" if v is None else v, v) for v in (None, *sequencing.REGIONS)
                if v != current]  # fmt: skip
    if factor == "comorbidities":
        out = []
        for item in sequencing.COMORBIDITIES:
            label = sequencing.COMORBIDITY_NAMES[item].lower()
            if item in current:
                out.append((f"remove {label}", tuple(c for c in current if c != item)))
            else:
                out.append((f"add {label}", (*current, item)))
        return out
    vocab = {
        "differentiation": sequencing.DIFFERENTIATIONS,
        "sstr": sequencing.SSTR_STATUSES,
        "burden": sequencing.BURDENS,
        "syndrome": (None, *sequencing.SYNDROMES),
        "hereditary": (None, *sequencing.HEREDITARY_SYNDROMES),
    }[factor]
    return [("none" if v is None else v, v) for v in vocab if v != current]


def what_if_lines(patient: Patient, factor: str, value: object) -> tuple[str, ...]:
    """Learner-facing lines: which verdicts move when one factor changes, and why.

    >>> lines = what_if_lines(Patient(ki67=5, sstr="positive"), "sstr", "negative")
    >>> lines[0].startswith("What if SSTR imaging were negative?")
    True
    >>> [line for line in lines if line.startswith("PRRT")][0][:45]
    'PRRT (177Lu-DOTATATE): caution → not suitable'
    """
    allowed = dict((repr(v), label) for label, v in what_if_values(patient, factor))
    if repr(value) not in allowed:
        options = ", ".join(allowed.values())
        raise ValueError(f"value for {factor} must be one of: {options}; got {value!r}")
    moved = sequencing.what_if(patient, **{factor: value})
    question = f"What if {WHAT_IF_FACTORS[factor]} were {allowed[repr(value)]}?"
    if factor == "comorbidities":
        question = f"What if we {allowed[repr(value)]}?"
    if moved.empty:
        return (f"{question} No verdict moves.",)
    plural = "verdict moves" if len(moved) == 1 else "verdicts move"
    lines = [f"{question} {len(moved)} {plural}:"]
    for therapy, row in moved.iterrows():
        lines.append(f"{THERAPY_NAMES[therapy]}: {row['before']} → {row['after']}. {row['why']}")
    return tuple(lines)


# --- Rendering the author beside the engine (layout only) -------------------------------------
def _comparison_rows(case: Case, step: int | str) -> list[tuple[str, str, str, str]]:
    current = case.step(step)
    appraisal = sequencing.appraise(current.patient)
    return [
        (o.name, o.verdict, appraisal.loc[o.therapy, "verdict"], o.engine_note)
        for o in current.options
    ]


def comparison_html(case: Case, step: int | str) -> str:
    """The author's and the engine's verdicts for the options at one step, as an HTML table.

    >>> html = comparison_html(load_case("vipoma"), 0)
    >>> html.count("<tr>")
    5
    """
    from .display import escape

    cell = "padding:3px 6px;border-bottom:1px solid #ddd;vertical-align:top;text-align:left"
    head = "".join(
        f'<th style="{cell}">{h}</th>'
        for h in ("Option", "Case author", "Engine", "Why they differ")
    )
    body = "".join(
        f'<tr><td style="{cell}"><b>{escape(name)}</b></td><td style="{cell}">{escape(author)}'
        f'</td><td style="{cell}">{escape(engine)}</td><td style="{cell};font-size:smaller">'
        f"{escape(note if author != engine else '(same verdict)')}</td></tr>"
        for name, author, engine, note in _comparison_rows(case, step)
    )
    return (
        '<div class="pannet-comparison" style="font-family:sans-serif;max-width:60em">'
        f'<table style="border-collapse:collapse;font-size:90%"><tr>{head}</tr>{body}</table></div>'
    )


def comparison_text(case: Case, step: int | str) -> str:
    """Plain-text twin of :func:`comparison_html`.

    >>> print(comparison_text(load_case("nec_large_cell"), 0).splitlines()[0])
    platinum + etoposide: author preferred, engine preferred
    """
    lines = []
    for name, author, engine, note in _comparison_rows(case, step):
        line = f"{name}: author {author}, engine {engine}"
        lines.append(line + (f" (why: {note})" if author != engine else ""))
    return "\n".join(lines)


# --- Lesson helpers: tables and a static walkthrough ------------------------------------------
def bank_table(directory: str | Path | None = None) -> Table:
    """The cases in the bank as a table: title, topics and decision points (as a learner reads
    them; the player's case list uses the same titles).

    >>> bank_table().rows[0]["case"]
    'Bulky, symptomatic NET G2 filling the liver'
    """
    return Table(
        {
            "case": c.title,
            "topics": ", ".join(c.topics),
            "decisions": " → ".join(s.label for s in c.steps),
        }
        for c in case_bank(directory).values()
    )


def walkthrough(case: Case, step: int | str | None = None) -> str:
    """A case (or one step of it) as plain text: situation, every option with the author's verdict
    and feedback, the engine's verdict, and the teaching point. For handouts and static lessons.

    >>> print(walkthrough(load_case("nec_large_cell"), 0).splitlines()[0])
    Decision 1 of 2: First line (month 0)
    """
    if not isinstance(case, Case):
        raise TypeError(f"case must be a Case (from load_case), got {type(case).__name__}")
    indices = range(len(case.steps)) if step is None else [case.index(step)]
    blocks = []
    for i in indices:
        current = case.steps[i]
        appraisal = sequencing.appraise(current.patient)
        when = f" (month {current.month:g})" if current.month is not None else ""
        lines = [
            f"Decision {i + 1} of {len(case.steps)}: {current.label}{when}",
            case.line_sentence(i),
            f"Situation: {current.situation}",
            f"Patient: {current.patient.describe()}.",
            "Options (case author's verdict; engine's verdict):",
        ]
        for option in current.options:
            engine = appraisal.loc[option.therapy, "verdict"]
            lines.append(f"  - {option.name}: {option.verdict}; engine {engine}.")
            lines.append(f"    {option.feedback}")
            if option.engine_note:
                lines.append(f"    Why the author differs from the engine: {option.engine_note}")
        if current.given:
            lines.append(
                f"What the team gave: {THERAPY_NAMES[current.given]}, because "
                f"{_lower_first(current.given_because)}"
            )
        lines.append(f"Teaching point: {current.teaching_point}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def references(*selected: Case) -> list[sources.Source]:
    """The sources the given cases cite (every case by default), each once, in first-seen order.

    Trial names resolve to their trial citations; guideline names to the package's sources.

    >>> [s.short for s in references(load_case("vipoma"))][-1]
    'ENETS 2023 functioning panNET syndromes (Hofland 2023)'
    """
    from .evidence import trial_references, trials

    chosen = selected or tuple(case_bank().values())
    guidelines = _guideline_sources()
    trial_names = set(trials()["trial"])
    out: dict[str, sources.Source] = {}
    for case in chosen:
        for ref in case.references:
            found = trial_references([ref]) if ref in trial_names else [guidelines[ref]]
            for source in found:
                out.setdefault(source.cite(), source)
    return list(out.values())


def disagreement_table(directory: str | Path | None = None) -> Table:
    """Every option where the case author and the engine differ, with the author's reason.

    >>> len(disagreement_table().rows) > 0
    True
    """
    rows = []
    for case in case_bank(directory).values():
        for row in engine_comparison(case).itertuples():
            if not row.agrees:
                case_obj = case_bank(directory)[row.case]
                rows.append(
                    {
                        "case": case_obj.title,
                        "decision": case_obj.step(row.step).label,
                        "option": THERAPY_NAMES[row.option],
                        "author": row.author_verdict,
                        "engine": row.engine_verdict,
                        "why the author differs": row.engine_note,
                    }
                )
    return Table(rows)
