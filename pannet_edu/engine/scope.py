"""'Preferred' needs the patient inside the evidence: trial populations and guideline positions.

A trial is evidence only for the drug it tested and the patients it enrolled. Each option's
supporting trials and positions live in ``data/evidence_scope.yaml`` with the population each
enrolled (differentiation, grade and Ki-67 range, SSTR uptake, functioning or not, progression,
prior therapy, primary site, metastatic disease, hereditary syndrome, performance status) and its
source. After every rule has spoken, the engine asks this module whether the patient is inside at
least one of them. Outside every one, the option is **extrapolated**: at most "reasonable", and
the reason names each trial and what it excluded (SEQUENCING 13). Examples: belzutifan in
metastatic VHL (LITESPARK-004 excluded metastatic disease); sunitinib or CAPTEM in NET G3 (their
trials enrolled G1/G2 tumours); 177Lu-DOTATATE after everolimus (COMPETE tested 177Lu-edotreotide,
so it is not listed for it). A patient value that is not stated (Ki-67, performance status)
excludes no one; an SSTR status that is not known does, because every SSTR criterion asks for
uptake that has been seen.

>>> from pannet_edu.engine.patient import Patient
>>> outside_evidence("belzutifan", Patient(ki67=5, hereditary="VHL")).verdict
'reasonable'
>>> outside_evidence("ssa", Patient(ki67=5, sstr="positive")) is None
True
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from ..content import reader as _datafile
from ..content.errors import ContentError
from ..content.fields import short_repr
from ..content.kinds_evidence import EVIDENCE_POSITION, EVIDENCE_TRIAL, NEAR_CUT_OFF
from ..content.schema import validate
from ..content.sources import CITATION_MARKER, Source, cite_text, sources, sources_file
from ..vocab import GRADE_LABELS, SSTR_NAMES, SYNDROME_NAMES
from .catalogue import load_catalogue
from .combine import Finding, finding
from .datadir import data_file
from .facts import has_liver_disease, text_source
from .roles import given, had_benefit, tested_in

SCOPE_NAME = "evidence_scope.yaml"
@dataclass(frozen=True)
class Evidence:
    """A trial (``trial`` set) or a guideline/expert position that may support an option;
    ``key`` is its name in the file (an option's ``evidence`` lists it), ``ki67_cut_off`` a
    Ki-67 line the trial's findings turn on that is not an eligibility bound."""

    key: str
    words: str
    population: dict
    source: Source
    confidence: str
    trial: str = ""
    region: str = ""
    comparator: str = ""
    ki67_cut_off: float | None = None
    #: What a rule says of the option the trial tested, by situation (``says`` in the file).
    says: dict = dataclasses.field(default_factory=dict)
    #: Other trials those sentences cite beside this one (``{cited[0]}`` in a sentence).
    cites_with: tuple[str, ...] = ()
    #: Trials those sentences name as not evidence for the option (``{contrasted[0]}``).
    contrasts_with: tuple[str, ...] = ()

    def saying(self, situation: str, **words: str) -> str:
        """The sentence for ``situation``, the trial's name, the other trials' names (and
        ``words``) put in: a renamed trial is renamed in every sentence."""
        return self.says[situation].format(trial=self.trial, cited=self.cites_with,
                                           contrasted=self.contrasts_with, **words)

    @property
    def name(self) -> str:
        return self.trial or self.source.short


@dataclass(frozen=True)
class NearCutOff:
    """A Ki-67 cut-off that is not a cliff: within ``margin`` points of it, no option is
    preferred on Ki-67 alone."""

    cut_off: float
    margin: float
    words: str
    source: Source

    def holds(self, ki67: float | None) -> bool:
        return ki67 is not None and abs(ki67 - self.cut_off) <= self.margin


@dataclass(frozen=True)
class Scope:
    """The evidence file, validated: trials and positions by name (each option's ``evidence``
    in the catalogue lists its own), and the Ki-67 cut-off that is taught as no cliff."""

    trials: tuple[Evidence, ...]
    positions: tuple[Evidence, ...]
    near_cut_off: NearCutOff
    path: Path
    _by_therapy: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def for_therapy(self, therapy_id: str) -> tuple[Evidence, ...]:
        """The trials, then the positions, that the option's ``evidence`` lists (file order).

        >>> [e.key for e in load_scope().for_therapy("irinotecan_based")]
        ['PRODIGE 41-BEVANEC', 'NET-02']
        """
        catalogue = load_catalogue()
        held = self._by_therapy.get(id(catalogue))
        if held is None or held[0] is not catalogue:
            every = (*self.trials, *self.positions)
            held = (catalogue, {t.id: tuple(e for e in every if e.key in t.evidence)
                                for t in catalogue})
            self._by_therapy.clear()
            self._by_therapy[id(catalogue)] = held
        return held[1].get(therapy_id, ())

    def divided_by_cut_off(self) -> tuple[str, ...]:
        """The options whose trials meet at the taught Ki-67 line (one enrolled below it, another
        from it): the options a Ki-67 near that line must not decide between.

        >>> load_scope().divided_by_cut_off()
        ('ssa', 'prrt')
        """
        line = self.near_cut_off.cut_off
        return tuple(t for t in load_catalogue().ids if any(
            line in (e.population.get("ki67", {}).get("below"),
                     e.population.get("ki67", {}).get("min"))
            for e in self.for_therapy(t) if e.trial))

    def trial(self, name: str) -> Evidence:
        for item in self.trials:
            if item.trial == name:
                return item
        raise KeyError(name)


# --- Who is inside a population ----------------------------------------------------------------
def _systemic_prior(patient) -> list[str]:
    catalogue = load_catalogue()
    return [t for t in patient.prior if t in catalogue.ids and catalogue.is_systemic(t)]


def exclusions(evidence: Evidence, patient) -> list[str]:
    """What keeps this patient out of a trial's (or position's) population, in a learner's words
    (empty when the patient is inside).

    >>> from pannet_edu.engine.patient import Patient
    >>> exclusions(load_scope().trial("E2211"), Patient(ki67=30, progressing=True))
    ['enrolled G1 and G2 tumours, and this is NET G3']
    >>> hormone_control = next(p for p in load_scope().positions if p.key.startswith("SSA"))
    >>> exclusions(hormone_control, Patient(ki67=5))
    ['concerns VIPoma or glucagonoma only, and here: a non-functioning tumour']
    """
    pop, out = evidence.population, []
    names = load_catalogue().names()
    grade = patient.grade.label
    if "differentiation" in pop and patient.differentiation not in pop["differentiation"]:
        out.append("enrolled well-differentiated NET, and this is a poorly differentiated NEC"
                   if pop["differentiation"] == ["well"] else
                   "enrolled poorly differentiated NEC only")
    if "grades" in pop and grade not in [GRADE_LABELS[g] for g in pop["grades"]]:
        note = f" ({pop['grades_note']})" if "grades_note" in pop else ""
        out.append(f"enrolled {_and(pop['grades'])} tumours{note}, and this is {grade}")
    ki67 = pop.get("ki67", {})
    if patient.ki67 is not None and ki67:
        low, high, below = ki67.get("min"), ki67.get("max"), ki67.get("below")
        if ((low is not None and patient.ki67 < low) or (high is not None and patient.ki67 > high)
                or (below is not None and patient.ki67 >= below)):
            out.append(f"enrolled Ki-67 {_ki67_range(ki67)}, and this tumour's Ki-67 is "
                       f"{patient.ki67:g}%")
    if "sstr" in pop and patient.sstr not in pop["sstr"]:
        wanted = "uptake above liver" if pop["sstr"] == ["positive"] else "SSTR-positive disease"
        out.append(f"enrolled {wanted}, and here: {SSTR_NAMES[patient.sstr]}")
    functioning = patient.syndrome is not None
    if pop.get("functioning") == "non_functioning_only" and functioning:
        out.append("enrolled non-functioning tumours, and this one is functioning")
    if pop.get("functioning") == "functioning_allowed" and not functioning and (
            "syndromes" not in pop):
        out.append("concerns a hormone syndrome, and this tumour is non-functioning")
    if "syndromes" in pop and patient.syndrome not in pop["syndromes"]:
        here = _syndrome_word(patient.syndrome) if functioning else "a non-functioning tumour"
        out.append(f"concerns {_or([_syndrome_word(s) for s in pop['syndromes']])} only, "
                   f"and here: {here}")
    for key, words in (("progressing", "progressing disease"),
                       ("hypoglycaemia_refractory", "refractory hypoglycaemia"),
                       ("resectable", "disease that can all be removed"),
                       ("symptomatic", "symptoms")):
        if pop.get(key) and not getattr(patient, key):
            out.append(f"required {words}")
    if pop.get("liver_metastases") and not has_liver_disease(patient):
        out.append("requires liver metastases")
    systemic = _systemic_prior(patient)
    if pop.get("prior") == "none" and systemic:
        out.append(f"enrolled untreated patients, and this patient has had "
                   f"{_and([names[t] for t in systemic])}")
    if pop.get("prior") == "required" and not systemic:
        out.append("enrolled previously treated patients, and this patient is untreated")
    if "prior_any_of" in pop and not any(given(patient, t) for t in pop["prior_any_of"]):
        out.append(f"required prior {_or([names[t] for t in pop['prior_any_of']])}")
    had = [t for t in pop.get("prior_none_of", ()) if given(patient, t)]
    if had:
        out.append(f"excluded prior {_and([names[t] for t in had])}")
    if "max_prior_lines" in pop and len(systemic) > pop["max_prior_lines"]:
        out.append(f"enrolled at most {pop['max_prior_lines']} prior regimens, and this patient "
                   f"has had {len(systemic)}")
    durable = pop.get("durable_benefit_of")
    if durable and not had_benefit(patient, durable):
        out.append(f"required a long benefit from a first course of {names[durable]}")
    if pop.get("pancreatic") == "excluded":
        out.append("enrolled no pancreatic NETs")
    if pop.get("metastatic") == "excluded":
        out.append("excluded metastatic disease")
    if "hereditary" in pop and patient.hereditary not in pop["hereditary"]:
        out.append(f"enrolled patients with {_or(pop['hereditary'])} only")
    limit = pop.get("max_performance_status")
    if limit is not None and patient.performance_status is not None and (
            patient.performance_status > limit):
        out.append(f"enrolled ECOG performance status 0-{limit}, and this patient is "
                   f"{patient.performance_status}")
    # A guideline or expert position enrolled no one: it covers (or requires) a population.
    return out if evidence.trial else [_as_position(reason) for reason in out]


#: The verbs of a trial's eligibility and the words a guideline or expert position takes instead.
_POSITION_VERBS = {"enrolled ": "covers ", "required ": "requires ", "excluded ": "excludes "}


def _as_position(reason: str) -> str:
    for trial_verb, position_verb in _POSITION_VERBS.items():
        if reason.startswith(trial_verb):
            return position_verb + reason[len(trial_verb):]
    return reason


def _syndrome_word(syndrome: str) -> str:
    """A syndrome's name inside a sentence: "insulinoma", but "VIPoma" and "ACTHoma" kept."""
    name = SYNDROME_NAMES[syndrome]
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def outside_evidence(therapy_id: str, patient) -> Finding | None:
    """The 'extrapolated' finding when the patient is outside every trial and position that
    supports this option (None when inside one, or when the file lists no evidence for it).

    >>> from pannet_edu.engine.patient import Patient
    >>> found = outside_evidence("sunitinib", Patient(ki67=30, progressing=True))
    >>> found.reason.startswith("Outside the evidence (extrapolated), so at most reasonable: "
    ...                         "A6181111 (well-differentiated panNET")
    True
    """
    evidence = load_scope().for_therapy(therapy_id)
    if not evidence:
        return None
    reasons = []
    for item in evidence:
        excluded = exclusions(item, patient)
        if not excluded:
            return None
        if item.trial:  # a position the patient is outside is simply not cited
            reasons.append((item, excluded[0]))
    if not reasons:
        return None
    parts = []
    for item, first in reasons:
        caveat = f"; it was run in {item.region} only" if item.region else ""
        vs = f"; it compared the option with {item.comparator}" if item.comparator else ""
        parts.append(f"{item.trial} ({item.words}) {first}{caveat}{vs}.")
    return finding(
        therapy_id, "reasonable",
        "Outside the evidence (extrapolated), so at most reasonable: " + " ".join(parts),
        trials=[item.trial for item, _ in reasons],
    )


def trial_with(therapy_id: str, test: Callable[[Evidence], bool]) -> Evidence | None:
    """The first trial in the option's evidence that passes ``test``: where a rule reads a
    trial's cut-off and name from the data.

    >>> clarinet = trial_with("ssa", lambda e: "below" in e.population.get("ki67", {}))
    >>> clarinet.trial, clarinet.population["ki67"]["below"]
    ('CLARINET', 10)
    """
    return next((e for e in load_scope().for_therapy(therapy_id) if e.trial and test(e)), None)


def saying(situation: str) -> list[tuple[str, Evidence]]:
    """(therapy id, trial) for every trial of the evidence file with a sentence for
    ``situation`` (its ``says``) and every option whose evidence lists it, in file order: a rule
    reads the sentence and the trial's name from the data, never types them.

    >>> [(t, e.trial) for t, e in saying("untreated")]
    [('cabozantinib', 'CABINET')]
    """
    return [(t, trial) for trial in load_scope().trials if situation in trial.says
            for t in tested_in(trial.key)]


def supported_within(therapy_id: str, patient) -> tuple[Evidence, ...]:
    """The trials and positions whose population holds this patient (for a reason's evidence)."""
    return tuple(e for e in load_scope().for_therapy(therapy_id) if not exclusions(e, patient))


def _and(items: list[str]) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _ki67_range(ki67: dict) -> str:
    if "below" in ki67:
        return f"below {ki67['below']:g}%"
    if "min" in ki67 and "max" in ki67:
        return f"{ki67['min']:g}-{ki67['max']:g}%"
    if "max" in ki67:
        return f"up to {ki67['max']:g}%"
    return f"from {ki67['min']:g}%"


# --- Loading and checking the file -----------------------------------------------------------
# Shape, types and allowed values come from the declarations (content/kinds_evidence.py); what
# is left here reads two fields or another file: the catalogue's ids, a name given twice.


def _population(path: Path, entry: str, population: dict | None, ids: tuple[str, ...]) -> dict:
    """The checks of a population (its declaration already checked) that the declaration cannot
    make: a key is given with a value (an empty list or range would exclude everyone), and
    therapy ids are the catalogue's."""
    out = dict(population or {})  # as written: the declaration's defaults are not keys here
    for key, value in out.items():
        field = f"population.{key}"
        if value is None or value in ([], {}) or (key == "ki67" and None in value.values()):
            raise ContentError(path, entry, field, "must not be empty (leave the key out "
                               "instead)")
        named = value if key in ("prior_any_of", "prior_none_of") else (
            [value] if key == "durable_benefit_of" else [])
        unknown = [v for v in named if v not in ids]
        if unknown:
            raise ContentError(path, entry, field, f"{unknown[0]!r} is not a therapy id of the "
                               f"catalogue (known: {', '.join(ids)})")
    return out


def _evidence(path: Path, entry: str, raw: object, kind, ids: tuple[str, ...],
              trial: str = "") -> Evidence:
    record = validate(kind, path, entry, raw)
    source = sources().get(record["source"])
    if source is None:
        # A citation in words has one home, sources.yaml: words here must cite it by id.
        if not CITATION_MARKER.search(record["source"]):
            raise ContentError(path, entry, "source", f"{short_repr(record['source'])} is not "
                               "an id of sources.yaml and cites none as [@ID]")
        source = text_source(cite_text(record["source"], path, entry, "source"),
                             record["confidence"])
    cut = record.get("ki67_cut_off")
    cited = tuple(record.get("cites_with") or ())
    contrasted = tuple(record.get("contrasts_with") or ())
    return Evidence(
        key=entry, words=" ".join(record["words"].split()),
        population=_population(path, entry, raw.get("population"), ids), source=source,
        confidence=record["confidence"], trial=trial, region=record.get("region") or "",
        comparator=record.get("comparator") or "",
        ki67_cut_off=None if cut is None else float(cut),
        says=_says(path, entry, raw.get("says"), cited, contrasted), cites_with=cited,
        contrasts_with=contrasted,
    )


def _says(path: Path, entry: str, says: dict | None, cited: tuple[str, ...] = (),
          contrasted: tuple[str, ...] = ()) -> dict:
    """A trial's sentences (declaration already checked): each names the trial only as
    ``{trial}``, the trials of its ``cites_with`` and ``contrasts_with`` as ``{cited[0]}`` and
    ``{contrasted[0]}`` (and the prior therapies as ``{prior}``), never otherwise in braces."""
    for situation, sentence in (says or {}).items():
        try:
            sentence.format(trial="", prior="", cited=cited, contrasted=contrasted)
        except (KeyError, IndexError, ValueError, AttributeError):
            raise ContentError(path, entry, f"says.{situation}", "may hold only {trial}, "
                               "{cited[N]} and {contrasted[N]} for a trial its cites_with and "
                               "contrasts_with list (and {prior}) in braces") from None
    return dict(says or {})


def _read(path: Path) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...], NearCutOff]:
    """The file checked on its own: its sections, every entry against its declaration."""
    try:
        document = _datafile.load_yaml(path)
    except ContentError as err:
        raise ContentError(path, err.entry, err.field, err.problem) from None
    if not isinstance(document, dict) or set(document) != {"trials", "positions",
                                                           "ki67_near_cut_off"}:
        raise ContentError(path, "file", "-", "must hold three sections: trials, positions and "
                           "ki67_near_cut_off")
    if not isinstance(document["trials"], dict) or not isinstance(document["positions"], dict):
        raise ContentError(path, "file", "-", "trials must map trial names to entries; "
                           "positions must map position names to entries")
    ids = load_catalogue().ids
    trials = tuple(_evidence(path, str(name), raw, EVIDENCE_TRIAL, ids, trial=str(name))
                   for name, raw in document["trials"].items())
    positions = tuple(_evidence(path, str(name), raw, EVIDENCE_POSITION, ids)
                      for name, raw in document["positions"].items())
    near = validate(NEAR_CUT_OFF, path, "ki67_near_cut_off", document["ki67_near_cut_off"])
    cut_off = NearCutOff(float(near["cut_off"]), float(near["margin"]),
                         " ".join(near["words"].split()),
                         text_source(near["source"], near["confidence"]))
    return trials, positions, cut_off


def _load(path: Path) -> Scope:
    """The scope file checked on its own and against the catalogue's ``evidence`` names."""
    trials, positions, cut_off = _read(path)
    known = [e.key for e in (*trials, *positions)]
    twice = sorted({k for k in known if known.count(k) > 1})
    if twice:
        raise ContentError(path, "positions", twice[0], "is also the name of a trial: each "
                           "name once")
    catalogue = load_catalogue()
    for therapy in catalogue:
        for name in therapy.evidence:
            if name not in known:
                raise ContentError(catalogue.path, therapy.id, "evidence", (
                    f"{name!r} is not a trial or position of {SCOPE_NAME}; known: "
                    f"{', '.join(known)}"))
    return Scope(trials, positions, cut_off, path)


_PINNED: ContextVar[Scope | None] = ContextVar("pinned_scope", default=None)


@contextlib.contextmanager
def pinned_scope() -> Iterator[Scope]:
    """Read the evidence file once for a whole appraisal (see
    :func:`~pannet_edu.engine.catalogue.pinned_catalogue`)."""
    held = _PINNED.get()
    if held is not None:
        yield held
        return
    token = _PINNED.set(load_scope())
    try:
        yield _PINNED.get()
    finally:
        _PINNED.reset(token)


def load_scope(path: str | os.PathLike[str] | None = None) -> Scope:
    """The validated evidence-scope file of the data folder (cached per file version).

    >>> load_scope().trial("NETTER-2").population["ki67"]
    {'min': 10, 'max': 55}
    """
    if path is None and _PINNED.get() is not None:
        return _PINNED.get()
    resolved = Path(path).resolve() if path is not None else data_file(SCOPE_NAME).resolve()
    if not resolved.is_file():
        raise ContentError(resolved, "file", "-", "does not exist")
    catalogue = load_catalogue()
    # One cache for every loader (content/reader.py): read again when this file, the catalogue
    # or sources.yaml changes.
    return _datafile.cached(_load, resolved, catalogue.path, sources_file())
