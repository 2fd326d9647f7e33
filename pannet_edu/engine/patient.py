"""The teaching patient: the factors that steer systemic therapy of metastatic panNET.

A :class:`Patient` holds what a tumour board reads before choosing: the grade (from Ki-67 and the
mitotic count, WHO 2019/2022: the higher index decides), differentiation (NET or NEC), the SSTR
imaging result, tumour burden and pace, symptoms and hormone syndromes, hereditary syndromes, what
was already given and whether it worked, comorbidities, where the patient is treated (whose
approvals apply), DPYD status before a fluoropyrimidine, and whether a pregnancy is possible.
Every field is checked on entry: a wrong value raises an error naming the field and the values
allowed, so a typo can never pass silently into an appraisal.

The SSTR reading splits the Krenning scale as a tumour board does: ``"positive"`` (uptake above
normal liver, Krenning 3-4, a clear PRRT target), ``"equal_to_liver"`` (Krenning 2: it meets the
EU Lutathera threshold of uptake at least that of normal liver, a weaker but real target),
``"below_liver"`` (Krenning 1: not a PRRT target; an SSA may still be considered),
``"heterogeneous"`` (some lesions without uptake), ``"negative"`` and ``"unknown"``.

>>> Patient(ki67=5, sstr="equal_to_liver").describe()[:46]
'NET G2 (Ki-67 5%), SSTR uptake equal to normal'
>>> Patient(ki67=5, performance_status=5)
Traceback (most recent call last):
...
ValueError: performance_status must be None (not stated) or an ECOG score 0, 1, 2, 3 or 4; got 5
"""

from __future__ import annotations

import dataclasses
import numbers
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..clinic.pathology import GradeResult, grade
from ..content import fields as _validate
from ..content.fields import short_repr
from ..vocab import (
    BURDENS,
    COMORBIDITIES,
    COMORBIDITY_NAMES,
    DIFFERENTIATIONS,
    DPYD_NAMES,
    DPYD_STATUSES,
    HEREDITARY_SYNDROMES,
    M_CATEGORIES,
    PERFORMANCE_STATUS_NAMES,
    PERFORMANCE_STATUSES,
    REGION_NAMES,
    REGIONS,
    SSTR_NAMES,
    SSTR_STATUSES,
    SYNDROME_NAMES,
    SYNDROMES,
)
from .catalogue import load_catalogue


def _flag(name: str, value: object, *, optional: bool = False) -> bool:
    if not isinstance(value, bool):
        allowed = "None, True or False" if optional else "True or False"
        raise TypeError(f"{name} must be {allowed}; got {value!r}")
    return value


def _performance_status(value: object) -> int | None:
    """ECOG 0-4 as a whole number (an int, never a bool, a float or text), or None."""
    if value is None:
        return None
    allowed = "None (not stated) or an ECOG score 0, 1, 2, 3 or 4"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"performance_status must be {allowed} (a whole number); "
                        f"got {short_repr(value)}")
    if int(value) not in PERFORMANCE_STATUSES:
        raise ValueError(f"performance_status must be {allowed}; got {int(value)}")
    return int(value)


def _optional_choice(name: str, value: object, allowed: Iterable[str]) -> str | None:
    if value is None:
        return None
    allowed = tuple(allowed)
    try:
        return _validate.choice(name, value, allowed)
    except (TypeError, ValueError):
        options = ", ".join(repr(a) for a in allowed)
        kind = TypeError if not isinstance(value, str) else ValueError
        raise kind(f"{name} must be None or one of {options}; got {value!r}") from None


def _id_list(name: str, value: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """A list of vocabulary ids, duplicates dropped, first-seen order kept."""
    if value is None:
        return ()
    options = ", ".join(repr(a) for a in allowed)
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a list of ids from: {options}; got {value!r}")
    try:
        items = list(value)
    except TypeError:  # e.g. a 0-d numpy array, iterable in type only
        raise TypeError(f"{name} must be a list of ids from: {options}; got {value!r}") from None
    out: list[str] = []
    for item in items:
        try:
            canonical = _validate.choice(name, item, allowed)
        except (TypeError, ValueError):
            raise ValueError(f"{name} entries must be ids from: {options}; got {item!r}") from None
        if canonical not in out:
            out.append(canonical)
    return tuple(out)


@dataclass(frozen=True, kw_only=True)
class Patient:
    """A teaching patient with metastatic panNET: the factors that steer systemic therapy.

    ``ki67`` is a percentage and ``mitoses`` a count per 2 mm² (give at least one);
    ``differentiation`` is ``"well"`` or ``"poor"``; ``sstr`` is the somatostatin-receptor imaging
    result (``"positive"``; ``"borderline"``, uptake up to that of normal liver, Krenning 2;
    ``"negative"``, ``"heterogeneous"`` or ``"unknown"``); ``burden`` is
    ``"low"`` or ``"high"``; ``progressing`` and ``symptomatic`` are booleans; ``syndrome`` is a
    functional syndrome or ``None``; ``prior`` lists therapy ids already given (and stopped or
    failed); ``comorbidities`` lists ids from :data:`COMORBIDITIES`; ``hereditary`` is ``None`` or
    one of :data:`HEREDITARY_SYNDROMES`.

    Optional fields whose defaults keep the older meaning: ``m_category`` (``None``, ``"M1a"``
    liver only, ``"M1b"`` extrahepatic only, ``"M1c"`` both); ``resectable`` (``None`` = not
    judged, or a bool: could all visible disease be removed or ablated, as the board judges);
    ``region`` (``None``, ``"US"``, ``"EU"``, ``"China"``: whose approvals apply);
    ``durable_benefit`` (ids from ``prior`` that controlled the disease for a long time);
    ``hypoglycaemia_refractory`` (insulinoma: hypoglycaemia persists despite diet, glucose and
    diazoxide); ``dpyd`` (``"unknown"``, ``"normal"``, ``"partial_deficiency"``,
    ``"complete_deficiency"``); ``pregnancy_possible`` (bool: a pregnancy could start);
    ``pregnant`` (bool: a present pregnancy); ``performance_status`` (ECOG 0-4 as a whole
    number, or ``None``: not stated).

    Spelling is forgiven (case), anything else raises an error naming the field and the allowed
    values.

    >>> p = Patient(ki67=12, sstr="Positive", prior=["ssa"], progressing=True)
    >>> p.sstr, p.prior, p.grade.label
    ('positive', ('ssa',), 'NET G2')
    >>> Patient(ki67=12, region="eu", dpyd="Normal").region
    'EU'
    >>> Patient(ki67=12, sstr="weak")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    ValueError: sstr must be one of 'positive', 'equal_to_liver', 'below_liver', 'heterogeneous',
    'negative', 'unknown'; got 'weak'
    >>> Patient(ki67=12, pregnant="yes")
    Traceback (most recent call last):
    ...
    TypeError: pregnant must be True or False; got 'yes'
    >>> Patient(ki67=12, prior=["ssa"], durable_benefit=["prrt"])
    Traceback (most recent call last):
    ...
    ValueError: durable_benefit must list therapies from prior (given: 'ssa'); got 'prrt'
    """

    ki67: float | None = None
    mitoses: float | None = None
    differentiation: str = "well"
    sstr: str = "unknown"
    burden: str = "low"
    progressing: bool = False
    symptomatic: bool = False
    syndrome: str | None = None
    prior: tuple[str, ...] = ()
    comorbidities: tuple[str, ...] = ()
    hereditary: str | None = None
    m_category: str | None = None
    resectable: bool | None = None
    region: str | None = None
    durable_benefit: tuple[str, ...] = ()
    hypoglycaemia_refractory: bool = False
    dpyd: str = "unknown"
    pregnancy_possible: bool = False
    pregnant: bool = False
    performance_status: int | None = None
    grade: GradeResult = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        def set_(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        if self.ki67 is not None:
            set_("ki67", _validate.number("ki67", self.ki67, high=100))
        if self.mitoses is not None:
            set_("mitoses", _validate.number("mitoses", self.mitoses))
        set_(
            "differentiation",
            _validate.choice("differentiation", self.differentiation, DIFFERENTIATIONS),
        )
        set_("sstr", _validate.choice("sstr", self.sstr, SSTR_STATUSES))
        set_("burden", _validate.choice("burden", self.burden, BURDENS))
        set_("progressing", _flag("progressing", self.progressing))
        set_("symptomatic", _flag("symptomatic", self.symptomatic))
        set_("syndrome", _optional_choice("syndrome", self.syndrome, SYNDROMES))
        ids = load_catalogue().ids
        set_("prior", _id_list("prior", self.prior, ids))
        comorbidities = _id_list("comorbidities", self.comorbidities, COMORBIDITIES)
        # Canonical order, so two patients with the same comorbidities compare equal.
        set_("comorbidities", tuple(c for c in COMORBIDITIES if c in comorbidities))
        set_("hereditary", _optional_choice("hereditary", self.hereditary, HEREDITARY_SYNDROMES))
        set_("m_category", _optional_choice("m_category", self.m_category, M_CATEGORIES))
        if self.resectable is not None:
            set_("resectable", _flag("resectable", self.resectable, optional=True))
        set_("region", _optional_choice("region", self.region, REGIONS))
        durable = _id_list("durable_benefit", self.durable_benefit, ids)
        outside = [t for t in durable if t not in self.prior]
        if outside:
            given = ", ".join(repr(t) for t in self.prior) or "nothing"
            raise ValueError(
                f"durable_benefit must list therapies from prior (given: {given}); "
                f"got {', '.join(repr(t) for t in outside)}"
            )
        set_("durable_benefit", tuple(t for t in self.prior if t in durable))
        set_(
            "hypoglycaemia_refractory",
            _flag("hypoglycaemia_refractory", self.hypoglycaemia_refractory),
        )
        set_("dpyd", _validate.choice("dpyd", self.dpyd, DPYD_STATUSES))
        set_("pregnancy_possible", _flag("pregnancy_possible", self.pregnancy_possible))
        set_("pregnant", _flag("pregnant", self.pregnant))
        set_("performance_status", _performance_status(self.performance_status))
        set_("grade", grade(self.ki67, self.mitoses, self.differentiation))

    def describe(self) -> str:
        """One line a learner can read.

        >>> print(Patient(ki67=5, sstr="positive").describe())  # doctest: +NORMALIZE_WHITESPACE
        NET G2 (Ki-67 5%), SSTR-positive (uptake above normal liver, Krenning 3-4), low tumour
        burden, not progressing, no symptoms; no prior therapy
        """
        parts = [
            _grade_phrase(self),
            _sstr_phrase(self.sstr),
            f"{self.burden} tumour burden",
            "progressing" if self.progressing else "not progressing",
            "symptomatic" if self.symptomatic else "no symptoms",
        ]
        if self.syndrome:
            parts.append(SYNDROME_NAMES[self.syndrome])
        if self.hereditary:
            parts.append(self.hereditary)
        if self.comorbidities:
            parts.append(", ".join(COMORBIDITY_NAMES[c].lower() for c in self.comorbidities))
        if self.m_category:
            parts.append(_M_PHRASES[self.m_category])
        if self.resectable is not None:
            parts.append("resectable" if self.resectable else "not resectable")
        if self.hypoglycaemia_refractory:
            parts.append("refractory hypoglycaemia")
        if self.dpyd != "unknown":
            parts.append(DPYD_NAMES[self.dpyd])
        if self.pregnant:
            parts.append("pregnant")
        elif self.pregnancy_possible:
            parts.append("may become pregnant")
        if self.performance_status is not None:
            parts.append(PERFORMANCE_STATUS_NAMES[self.performance_status])
        if self.region:
            parts.append(f"treated in {REGION_NAMES[self.region]}")
        names = load_catalogue().names()
        prior = "no prior therapy"
        if self.prior:
            prior = "prior: " + ", ".join(
                names[t] + (" (long benefit)" if t in self.durable_benefit else "")
                for t in self.prior
            )
        return ", ".join(parts) + "; " + prior


PATIENT_FIELDS = tuple(f.name for f in dataclasses.fields(Patient) if f.init)


_M_PHRASES = {
    "M1a": "liver metastases only (M1a)",
    "M1b": "extrahepatic metastases only (M1b)",
    "M1c": "liver and extrahepatic metastases (M1c)",
}


def _grade_phrase(patient: Patient) -> str:
    label = patient.grade.label
    if patient.ki67 is None:
        return f"{label} (mitoses {patient.mitoses:g} per 2 mm²)"
    return f"{label} (Ki-67 {patient.ki67:g}%)"


def _sstr_phrase(sstr: str) -> str:
    return SSTR_NAMES[sstr]
