"""Reading the case files: every case validated at load, with errors that name the file, the
case, the step and the field (:class:`~pannet_edu.content.ContentError`).

Each case is one YAML file in ``pannet_edu/data/cases/`` (how to write one: the README there).
The loader checks everything an instructor can get wrong: the therapy ids, the verdicts, that each
feedback names the patient or tumour factor behind it, the timeline, and the references.

>>> load_case("vipoma").title
'VIPoma with profuse watery diarrhoea'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from ...content import ContentError, sources
from ...content import reader as _datafile
from ...content.fields import short_repr
from ...content.kinds import CASE
from ...content.schema import validate
from ...engine import Patient
from ..files import read_yaml
from .model import Case, Option, Step

__all__ = ["CASES_DIR", "CASE_FIELDS", "MIN_FEEDBACK_CHARS", "OPTION_FIELDS",
           "PATIENT_FACTOR_WORDS", "REQUIRED_STEP_FIELDS", "STEP_FIELDS", "ContentError",
           "case_bank", "cases_dir", "load_case", "load_case_file", "references"]  # fmt: skip

#: Where the packaged cases live (one ``*.yaml`` file per case); ``$PANNET_EDU_DATA_DIR/cases``
#: is read instead when that variable is set.
CASES_DIR = _datafile.PACKAGE_DATA_DIR / "cases"


def cases_dir() -> Path:
    """The folder :func:`case_bank` reads by default (``cases/`` in the data folder)."""
    return _datafile.data_dir() / "cases"


def _evidence_files() -> tuple[Path, ...]:
    """The files a case is checked against besides its own: the catalogue, the trials (which the
    catalogue's key trials must name) and the sources."""
    data = _datafile.data_dir()
    return data / "therapies.yaml", data / "trials.csv", sources.sources_file()


#: The fields of a case, of a step and of an option, as the case kind declares them (one home:
#: :data:`pannet_edu.content.kinds.CASE`, which also writes the data README's table).
CASE_FIELDS = tuple(f.name for f in CASE.fields)
STEP_FIELDS = tuple(f.name for f in CASE.field("steps").fields)
REQUIRED_STEP_FIELDS = tuple(f.name for f in CASE.field("steps").fields if f.required)
OPTION_FIELDS = tuple(f.name for f in CASE.field("steps").field("options").fields)

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




# --- Loading and validation -------------------------------------------------------------------
class _Where:
    """Builds error messages that name the file, case, step and field."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.case = "?"

    def error(self, message: str, *, step: str | None = None, field: str | None = None):
        """The error for an entry ``"<case>"`` or ``"<case>, step <step>"`` (field or "(case)")."""
        entry = self.case if step is None else f"{self.case}, step {step}"
        return ContentError(self.path, entry, field or "(case)", message)


def _words(value: str) -> str:
    """A text field with its line breaks and runs of spaces made single spaces."""
    return " ".join(value.split())


def _validated(path: Path, case_id: str, raw: Mapping) -> None:
    """``raw`` checked against the case kind's declaration (content/kinds.py: shape, types,
    allowed values of the case, its patient, steps and options). A problem inside a step is named
    as the step's (``vipoma, step growth_on_ssa``, field ``options.prrt.verdict``)."""
    try:
        validate(CASE, path, case_id, raw)
    except ContentError as problem:
        found = re.match(r"steps\[(\d+)\]\.?(.*)", problem.field)
        if not found:
            raise
        body = raw["steps"][int(found.group(1)) - 1]
        step = body.get("id") if isinstance(body, Mapping) else None
        step = step if isinstance(step, str) and step.strip() else found.group(1)
        raise ContentError(path, f"{case_id}, step {step}", found.group(2) or "steps",
                           problem.problem) from None


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
    therapies_file, *others = _evidence_files()
    return _datafile.cached(_catalogue_of, therapies_file, *others)


def _catalogue_of(_therapies_file: Path) -> tuple[str, ...]:
    from ...evidence import therapies

    return tuple(therapies().index)


def _options(where: _Where, raw: Mapping, step: str) -> tuple[Option, ...]:
    """The options of a step (declared shape already checked): each a catalogue id, with a
    feedback that explains the verdict by a patient or tumour factor."""
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
        verdict, feedback = body["verdict"], body["feedback"]
        if len(feedback.strip()) < MIN_FEEDBACK_CHARS:
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
        out.append(Option(therapy, verdict, _words(feedback), _words(note)))
    return tuple(out)


def _steps(where: _Where, raw: list, base: Mapping) -> tuple[Step, ...]:
    """The steps (declared shape already checked): two or more, ids unique, each patient one the
    engine accepts, ``given`` one of the step's options, the months in order."""
    if len(raw) < 2:
        raise where.error("must be a list of at least two decision points", field="steps")
    fields = dict(base)
    prior = list(fields.get("prior") or ())
    steps: list[Step] = []
    seen: set[str] = set()
    for body in raw:
        step_id = body["id"]
        if step_id in seen:
            raise where.error("step ids must be unique within a case", step=step_id, field="id")
        seen.add(step_id)
        changes = body.get("changes") or {}
        if "prior" in changes:
            raise where.error(
                "prior grows by itself from each earlier step's 'given'; do not change it here",
                step=step_id,
                field="changes.prior",
            )
        fields.update(changes)
        fields["prior"] = list(prior)
        patient = _patient(where, fields, step=step_id, changed=changes)
        options = _options(where, body["options"], step_id)
        given = body.get("given")
        if given is not None and given not in {o.therapy for o in options}:
            raise where.error(
                f"{short_repr(given)} must be one of this step's options "
                f"({', '.join(o.therapy for o in options)})",
                step=step_id,
                field="given",
            )
        because = body.get("given_because")
        if given is not None and because is None:
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
                label=_words(body["label"]),
                situation=_words(body["situation"]),
                options=options,
                teaching_point=_words(body["teaching_point"]),
                patient=patient,
                changes=MappingProxyType(dict(changes)),
                month=None if body.get("month") is None else float(body["month"]),
                given=given,
                given_because=_words(because or ""),
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
    """Load and validate one case file; raise :class:`~pannet_edu.content.ContentError` naming the
    file, the case, the step and the field.

    >>> load_case_file(CASES_DIR / "vipoma.yaml").patient.syndrome
    'vipoma'
    """
    path = Path(path)
    where = _Where(path)
    raw = read_yaml(path)
    if raw is None:
        raise ContentError(path, "(file)", "(top level)",
                           "the file is empty (a case file maps case fields to values)")
    if not isinstance(raw, Mapping):
        raise ContentError(path, "(file)", "(top level)",
                           "a case file must be a mapping of case fields")
    case_id = raw.get("id")
    if not isinstance(case_id, str) or not case_id.strip():
        raise where.error("every case needs an id", field="id")
    where.case = case_id
    if case_id != path.stem:
        raise where.error(f"the id must match the file name ({short_repr(path.stem)})", field="id")
    _validated(path, case_id, raw)
    base = raw["patient"]
    patient = _patient(where, base, step=None, changed={})
    topics = raw["topics"]
    # A case cites sources.yaml by id (a trial by its paper's id), so every PMID and DOI lives
    # there once; an unknown id names the file, the case and the field.
    cited = sources.cited_sources(where.path, case_id, "references", raw["references"])
    references = [source.short for source in cited]
    return Case(
        id=case_id,
        title=_words(raw["title"]),
        topics=tuple(topics),
        summary=_words(raw["summary"]),
        teaching_point=_words(raw["teaching_point"]),
        patient=patient,
        steps=_steps(where, raw["steps"], base),
        references=tuple(references),
        sources=cited,
        path=path,
    )


def _load_bank(directory: Path) -> tuple[Case, ...]:
    """The validated cases of a folder, read through the loaders' one cache: again when a case
    file, the folder or the evidence changes."""
    return _datafile.cached(_load_bank_of, directory, *_datafile.folder_files(directory),
                            *_evidence_files())


def _load_bank_of(directory: Path) -> tuple[Case, ...]:
    if not directory.is_dir():
        raise ContentError("cases", str(directory), "(folder)",
                           "no case files: the folder does not exist")
    paths = sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))
    if not paths:
        raise ContentError("cases", str(directory), "(folder)", "no case files (*.yaml) found")
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


def references(*selected: Case) -> list[sources.Source]:
    """The sources the given cases cite (every case by default), each once, in first-seen order:
    the ids of ``sources.yaml`` a case lists, a trial by its paper's id.

    >>> [s.short for s in references(load_case("vipoma"))][-1]
    'ENETS 2023 functioning panNET syndromes (Hofland 2023)'
    """
    chosen = selected or tuple(case_bank().values())
    out: dict[str, sources.Source] = {}
    for case in chosen:
        for source in case.sources:
            out.setdefault(source.cite(), source)
    return list(out.values())
