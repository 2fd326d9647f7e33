"""Is this patient inside the evidence? Trial by trial, with the label and the checks beside it.

A trial is evidence only for the drug it tested and the patients it enrolled (sequencing
principles 13). For one teaching patient and one option, :func:`evidence_fit` reads every trial
and guideline or expert position the option lists in the catalogue (``evidence``), asks the
engine's scope code (:func:`pannet_edu.engine.scope.exclusions`) which criterion keeps the
patient out of each population, and sets beside it what the option's label covers in the
patient's region (:func:`pannet_edu.engine.region.approval_status`) and the checks to name before
a first dose (:func:`pannet_edu.engine.before_starting.checks_for`). Every population, cut-off,
label text and check is read from the data files with its source; nothing here types a criterion.

Overall, the patient is **inside** the evidence (inside at least one trial of the option),
**partly** inside (no trial, but a guideline or expert position recorded for the option), or
**outside** it (extrapolated: the engine calls the option at most "reasonable", and outside the
evidence is never by itself "unsuitable"). :func:`check_reading` holds a learner's guesses,
made before the answer shows, against the data.

>>> from pannet_edu.engine import Patient
>>> fit = evidence_fit("ssa", Patient(ki67=15, sstr="positive"))
>>> fit.overall
'outside'
>>> print(fit.trial("CLARINET").excluded_by[0])
enrolled Ki-67 below 10%, and this tumour's Ki-67 is 15%
>>> evidence_fit("ssa", Patient(ki67=5, sstr="positive")).overall
'inside'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..content.fields import short_repr
from ..content.sources import Source
from ..engine.before_starting import checks_for
from ..engine.catalogue import Check, load_catalogue
from ..engine.patient import Patient
from ..engine.region import approval_status
from ..engine.scope import Evidence, exclusions, load_scope
from ..vocab import APPROVAL_STATUSES, REGION_NAMES

__all__ = [
    "FITS",
    "FIT_WORDS",
    "TRIAL_FITS",
    "Call",
    "EvidenceFit",
    "ItemFit",
    "LabelFit",
    "Reading",
    "check_reading",
    "criterion",
    "deciding_words",
    "evidence_fit",
    "fields_read",
    "therapy_choices",
]

#: The three overall answers, in the order a learner is offered them.
FITS = ("inside", "partly", "outside")
#: The two answers for one trial.
TRIAL_FITS = ("inside", "outside")
#: How each overall answer reads.
FIT_WORDS = {
    "inside": "inside the evidence",
    "partly": "partly inside: a guideline or expert position, no trial",
    "outside": "outside the evidence (extrapolated)",
}
#: What each overall answer means for the option (sequencing principles 13).
MEANING = {
    "inside": (
        "A trial of this option enrolled patients like this one, so the option may be preferred "
        "if the other principles agree (SSTR imaging, toxicity, what was given before)."
    ),
    "partly": (
        "No trial of this option enrolled a patient like this, but a guideline or expert "
        "position recorded for it covers them: evidence of a weaker kind than a trial."
    ),
    "outside": (
        "No trial or position recorded for this option holds this patient: its use here is "
        "extrapolated, so it is at most reasonable, and the reason names what each trial "
        "excluded. Outside the evidence is not the same as unsuitable: it is a use the trials "
        "did not test."
    ),
}
#: The source of the meanings above: a principle of expert practice (SEQUENCING 13), said as a
#: textbook says it.
PRINCIPLE_SOURCE = Source(
    short="expert practice, not tested in a trial",
    reference="Expert practice: a trial is evidence for the population it enrolled (a rule not "
              "itself tested in a trial)",
    note="expert practice")

#: The patient fields each population key of the evidence file reads (see ``exclusions``);
#: ``pancreatic`` and ``metastatic`` read none: they exclude every patient here alike.
_POPULATION_FIELDS = {
    "differentiation": ("differentiation",), "grades": ("ki67", "differentiation"),
    "ki67": ("ki67",), "sstr": ("sstr",), "functioning": ("syndrome",),
    "syndromes": ("syndrome",), "progressing": ("progressing",), "prior": ("prior",),
    "prior_any_of": ("prior",), "prior_none_of": ("prior",), "max_prior_lines": ("prior",),
    "durable_benefit_of": ("prior", "durable_benefit"), "hereditary": ("hereditary",),
    "max_performance_status": ("performance_status",),
    "hypoglycaemia_refractory": ("syndrome", "hypoglycaemia_refractory"),
    "resectable": ("resectable",), "liver_metastases": ("m_category",),
    "symptomatic": ("symptomatic",),
}
#: The patient fields each condition of a labelled use reads (``requires`` in the catalogue).
_CONDITION_FIELDS = {
    "progressing": ("progressing",), "symptomatic": ("symptomatic",),
    "functioning": ("syndrome",), "syndrome": ("syndrome",), "prior_any": ("prior",),
    "prior_systemic_other_than_ssa": ("prior",), "prior": ("prior",),
    "hereditary": ("hereditary",), "grade": ("ki67", "differentiation"), "sstr": ("sstr",),
    "ki67_at_most": ("ki67",), "pregnancy_possible": ("pregnancy_possible",),
    "pregnant": ("pregnant",), "comorbidity": ("comorbidities",), "dpyd": ("dpyd",),
}
#: The order a tool asks for the fields in (a tumour board's order).
_FIELD_ORDER = (
    "ki67", "differentiation", "sstr", "progressing", "symptomatic", "syndrome",
    "hypoglycaemia_refractory", "hereditary", "performance_status", "m_category", "resectable",
    "prior", "durable_benefit", "pregnancy_possible", "pregnant", "comorbidities", "dpyd",
)


@dataclass(frozen=True)
class ItemFit:
    """One trial or position of the option, and whether the patient is inside its population.

    ``excluded_by`` names each criterion that keeps the patient out (in a learner's words, from
    the scope code); ``caveats`` what holds even for a patient inside (run in one region only,
    compared with something else); ``not_checked`` a criterion a value not stated could not meet.
    """

    evidence: Evidence
    excluded_by: tuple[str, ...]
    caveats: tuple[str, ...] = ()
    not_checked: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The trial's name, or the position's name in the evidence file."""
        return self.evidence.trial or self.evidence.key

    @property
    def is_trial(self) -> bool:
        return bool(self.evidence.trial)

    @property
    def inside(self) -> bool:
        return not self.excluded_by

    @property
    def fit(self) -> str:
        return "inside" if self.inside else "outside"

    @property
    def source(self) -> Source:
        return self.evidence.source


@dataclass(frozen=True)
class LabelFit:
    """What the option's label covers in the patient's region (``status`` None: region not set).

    ``status_words`` read as :data:`pannet_edu.vocab.APPROVAL_STATUSES` says them."""

    region: str | None
    status: str | None
    status_words: str
    text: str
    source: str = ""
    confidence: str = ""


@dataclass(frozen=True)
class EvidenceFit:
    """The answer for one patient and one option: trial by trial, overall, label and checks."""

    therapy: str
    therapy_name: str
    patient: Patient
    trials: tuple[ItemFit, ...]
    positions: tuple[ItemFit, ...]
    label: LabelFit
    checks: tuple[Check, ...]
    #: the taught Ki-67 line when the patient's Ki-67 is within its margin and the option is one
    #: of those whose trials meet at that line (words, source); ``None`` otherwise
    near_cut_off: tuple[str, Source] | None = None

    @property
    def overall(self) -> str:
        """``inside`` (a trial holds the patient), ``partly`` (a position only) or ``outside``."""
        if any(t.inside for t in self.trials):
            return "inside"
        return "partly" if any(p.inside for p in self.positions) else "outside"

    @property
    def holding(self) -> tuple[str, ...]:
        """The trials (or, when none, the positions) whose population holds the patient."""
        inside = [t.name for t in self.trials if t.inside]
        return tuple(inside or [p.name for p in self.positions if p.inside])

    @property
    def meaning(self) -> str:
        return MEANING[self.overall]

    def trial(self, name: str) -> ItemFit:
        """One trial's fit by its name (ValueError naming the trials of the option)."""
        for item in self.trials:
            if item.name == name:
                return item
        raise ValueError(f"trial must be one of {', '.join(t.name for t in self.trials)}; "
                         f"got {short_repr(name)}")


# --- The patient against the data ---------------------------------------------------------------
def _therapy(therapy_id: object) -> str:
    catalogue = load_catalogue()
    if not isinstance(therapy_id, str) or therapy_id not in catalogue.ids:
        raise ValueError(f"therapy must be an option of the catalogue ({', '.join(catalogue.ids)})"
                         f"; got {short_repr(therapy_id)}")
    if not load_scope().for_therapy(therapy_id):
        raise ValueError(f"therapy {therapy_id!r} lists no trial or position in the evidence "
                         "data, so there is no population to hold the patient against")
    return therapy_id


def _caveats(evidence: Evidence, patient: Patient) -> tuple[str, ...]:
    out = []
    if evidence.region:
        where = f"; this patient is treated in {REGION_NAMES[patient.region]}" if (
            patient.region and patient.region != evidence.region) else ""
        out.append(f"it was run in {evidence.region} only{where}")
    if evidence.comparator:
        out.append(f"it compared the option with {evidence.comparator}")
    return tuple(out)


def _not_checked(evidence: Evidence, patient: Patient) -> tuple[str, ...]:
    """Criteria a value not stated could not be held against (it excludes no one)."""
    limit = evidence.population.get("max_performance_status")
    if limit is not None and patient.performance_status is None:
        return (f"it enrolled ECOG performance status 0-{limit}, and this patient's performance "
                "status is not stated",)
    return ()


def _item(evidence: Evidence, patient: Patient) -> ItemFit:
    return ItemFit(evidence, tuple(exclusions(evidence, patient)),
                   _caveats(evidence, patient) if evidence.trial else (),
                   _not_checked(evidence, patient))


def _label(therapy_id: str, patient: Patient) -> LabelFit:
    status, text = approval_status(therapy_id, patient)
    if status is None:
        return LabelFit(None, None, text, "Choose where the patient is treated to read the "
                        "label there.")
    approval = load_catalogue()[therapy_id].approval_in(patient.region)
    return LabelFit(patient.region, status, APPROVAL_STATUSES[status], text,
                    approval.source if approval else "", approval.confidence if approval else "")


def evidence_fit(therapy: str, patient: Patient) -> EvidenceFit:
    """Whether ``patient`` is inside the evidence for ``therapy`` (a catalogue id), trial by
    trial, with the label in the patient's region and the checks before a first dose.

    >>> from pannet_edu.engine import Patient
    >>> fit = evidence_fit("prrt", Patient(ki67=15, sstr="positive", region="EU"))
    >>> [(t.name, t.fit) for t in fit.trials][:2], fit.label.status
    ([('NETTER-1', 'outside'), ('NETTER-2', 'inside')], 'approved_other_use')
    >>> evidence_fit("aspirin", Patient(ki67=5))
    Traceback (most recent call last):
    ...
    ValueError: therapy must be an option of the catalogue (ssa, everolimus, sunitinib, \
cabozantinib, surufatinib, prrt, capecitabine_temozolomide, streptozocin_based, \
platinum_etoposide, belzutifan, everolimus_ssa, irinotecan_based, surveillance, surgery, \
liver_directed, clinical_trial); got 'aspirin'
    """
    therapy = _therapy(therapy)
    if not isinstance(patient, Patient):
        raise TypeError(f"patient must be a Patient (pannet_edu.engine.Patient); got "
                        f"{type(patient).__name__}")
    scope = load_scope()
    listed = scope.for_therapy(therapy)
    near = None
    if therapy in scope.divided_by_cut_off() and scope.near_cut_off.holds(patient.ki67):
        near = (scope.near_cut_off.words, scope.near_cut_off.source)
    return EvidenceFit(
        therapy=therapy, therapy_name=load_catalogue().names()[therapy], patient=patient,
        trials=tuple(_item(e, patient) for e in listed if e.trial),
        positions=tuple(_item(e, patient) for e in listed if not e.trial),
        label=_label(therapy, patient), checks=tuple(checks_for(therapy, patient)),
        near_cut_off=near,
    )


def therapy_choices(classes: Iterable[str] | None = None) -> tuple[str, ...]:
    """The options (catalogue order) of these therapy classes that list trials to hold a patient
    against; ``None``: every such option.

    >>> therapy_choices(["chemotherapy"])
    ('capecitabine_temozolomide', 'streptozocin_based', 'platinum_etoposide', 'irinotecan_based')
    >>> therapy_choices(["vitamins"])
    Traceback (most recent call last):
    ...
    ValueError: classes must be therapy classes of the catalogue (ssa, mtor_inhibitor, tki, \
prrt, chemotherapy, hif2a_inhibitor, local_therapy, surveillance, clinical_trial); got 'vitamins'
    """
    catalogue = load_catalogue()
    if isinstance(classes, str):
        classes = [classes]
    chosen = None if classes is None else list(classes)
    for name in chosen or ():
        if name not in catalogue.classes:
            raise ValueError(f"classes must be therapy classes of the catalogue "
                             f"({', '.join(catalogue.classes)}); got {short_repr(name)}")
    scope = load_scope()
    return tuple(t.id for t in catalogue
                 if (chosen is None or t.therapy_class in chosen)
                 and any(e.trial for e in scope.for_therapy(t.id)))


def fields_read(therapies: Iterable[str]) -> tuple[str, ...]:
    """The patient fields the populations of these options' evidence and their labelled uses
    read: the few inputs a learner must set to place a patient (Ki-67 and morphology always,
    since they give the grade).

    >>> fields_read(["capecitabine_temozolomide", "platinum_etoposide"])
    ('ki67', 'differentiation', 'progressing', 'prior')
    """
    scope, catalogue = load_scope(), load_catalogue()
    wanted = {"ki67", "differentiation"}
    for therapy in therapies:
        therapy = _therapy(therapy)
        for item in scope.for_therapy(therapy):
            for key in item.population:
                wanted.update(_POPULATION_FIELDS.get(key, ()))
        for approval in catalogue[therapy].approvals:
            for condition in approval.requires:
                for part in condition.split("|"):
                    name = part.strip().removeprefix("not ").partition(":")[0]
                    wanted.update(_CONDITION_FIELDS.get(name, ()))
    return tuple(f for f in _FIELD_ORDER if f in wanted)


# --- A learner's reading against the data ------------------------------------------------------
@dataclass(frozen=True)
class Call:
    """One of the learner's calls beside the data's: ``item`` is a trial name or ``"overall"``;
    ``guessed`` is ``None`` when left unanswered (it does not count in the score)."""

    item: str
    guessed: str | None
    actual: str

    @property
    def correct(self) -> bool | None:
        return None if self.guessed is None else self.guessed == self.actual


@dataclass(frozen=True)
class Reading:
    """A learner's calls on one patient and option, with a score over the answered calls."""

    fit: EvidenceFit
    calls: tuple[Call, ...]

    @property
    def answered(self) -> int:
        return sum(c.guessed is not None for c in self.calls)

    @property
    def right(self) -> int:
        return sum(c.correct is True for c in self.calls)

    def call(self, item: str) -> Call:
        return next(c for c in self.calls if c.item == item)

    @property
    def score_line(self) -> str:
        """How many answered calls match the data, and how many were left unanswered.

        >>> from pannet_edu.engine import Patient
        >>> fit = evidence_fit("ssa", Patient(ki67=5, sstr="positive"))
        >>> check_reading(fit, "inside", {"PROMID": "inside"}).score_line
        'You read 1 of 2 as the data do; 2 left unanswered (not counted).'
        """
        skipped = len(self.calls) - self.answered
        line = f"You read {self.right} of {self.answered} as the data do"
        return line + (f"; {skipped} left unanswered (not counted)." if skipped else ".")


def check_reading(fit: EvidenceFit, overall: str | None,
                  trials: Mapping[str, str | None] | None = None) -> Reading:
    """Hold a learner's guesses against the data: ``overall`` one of :data:`FITS` (or ``None``),
    ``trials`` a trial name of the option -> ``"inside"`` or ``"outside"`` (or ``None``).

    >>> from pannet_edu.engine import Patient
    >>> fit = evidence_fit("ssa", Patient(ki67=5, sstr="positive"))
    >>> reading = check_reading(fit, "partly", {"CLARINET": "inside"})
    >>> reading.call("CLARINET").correct, reading.call("overall").correct
    (True, False)
    >>> check_reading(fit, "maybe")
    Traceback (most recent call last):
    ...
    ValueError: overall must be one of inside, partly, outside (or None: not answered); got 'maybe'
    """
    if not isinstance(fit, EvidenceFit):
        raise TypeError(f"fit must be the result of evidence_fit; got {type(fit).__name__}")
    if overall is not None and overall not in FITS:
        raise ValueError(f"overall must be one of {', '.join(FITS)} (or None: not answered); "
                         f"got {short_repr(overall)}")
    trials = {} if trials is None else trials
    if not isinstance(trials, Mapping):
        raise TypeError(f"trials must map trial names to 'inside' or 'outside'; got "
                        f"{short_repr(trials)}")
    names = [t.name for t in fit.trials]
    for name, guess in trials.items():
        if name not in names:
            raise ValueError(f"trials must name trials of this option ({', '.join(names)}); "
                             f"got {short_repr(name)}")
        if guess is not None and guess not in TRIAL_FITS:
            raise ValueError(f"trials[{name!r}] must be one of {', '.join(TRIAL_FITS)} (or None: "
                             f"not answered); got {short_repr(guess)}")
    calls = [Call(t.name, trials.get(t.name), t.fit) for t in fit.trials]
    calls.append(Call("overall", overall, fit.overall))
    return Reading(fit, tuple(calls))


# --- What decides each answer (the class report groups wrong answers by it) ---------------------
def criterion(reason: str) -> str:
    """The criterion of an exclusion without the patient's own value: the scope code writes each
    one as the criterion, then ", and" and this patient's value.

    >>> criterion("enrolled Ki-67 below 10%, and this tumour's Ki-67 is 15%")
    'enrolled Ki-67 below 10%'
    >>> criterion("enrolled no pancreatic NETs")
    'enrolled no pancreatic NETs'
    """
    return reason.partition(", and ")[0].strip()


def deciding_words(fit: EvidenceFit, item: str) -> str:
    """What decides the data's answer for one call (a trial's name or ``"overall"``), in words
    that are the same for every patient the same criterion decides (no patient's own value).

    >>> from pannet_edu.engine import Patient
    >>> fit = evidence_fit("ssa", Patient(ki67=15, sstr="positive"))
    >>> deciding_words(fit, "CLARINET")
    'Outside: CLARINET enrolled Ki-67 below 10%.'
    >>> deciding_words(fit, "overall")
    'Outside: no trial or position recorded for somatostatin analogue (SSA) holds the patient.'
    >>> deciding_words(fit, "NETTER-1")
    Traceback (most recent call last):
    ...
    ValueError: trial must be one of CLARINET, CLARINET FORTE, PROMID; got 'NETTER-1'
    """
    if item != "overall":
        trial = fit.trial(item)
        if trial.inside:
            checked = " that could be checked" if trial.not_checked else ""
            return (f"Inside: the patient meets every criterion {trial.name} enrolled{checked} "
                    f"({trial.evidence.words}).")
        criteria = "; ".join(dict.fromkeys(criterion(r) for r in trial.excluded_by))
        return f"Outside: {trial.name} {criteria}."
    held = ", ".join(fit.holding)
    if fit.overall == "inside":
        return f"Inside: {held} enrolled patients like this one."
    if fit.overall == "partly":
        return (f"Partly: no trial of {fit.therapy_name} enrolled the patient; {held} (a "
                "guideline or expert position) covers them.")
    return (f"Outside: no trial or position recorded for {fit.therapy_name} holds the "
            "patient.")
