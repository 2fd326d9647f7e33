"""The therapy catalogue (``data/therapies.yaml``), read without pandas: the engine's facts.

Every therapy the engine appraises is an entry in the catalogue: its learner-facing names, class,
who is a poor candidate (each poor-fit factor with the verdict it caps, why, its source and a
confidence mark), the checks to name before the first dose (each with its source), and its
approval in each region (status, date, text, source). The engine reads these entries; no Python
table repeats them. Adding an entry to the file adds a row to every appraisal, with no code change.

Loading checks every field and stops with :class:`ContentError` naming the file, the entry
and the field. Which data folder is read can be changed with :func:`use_data_dir` (or the
``PANNET_EDU_DATA_DIR`` environment variable), so a lesson or a test can work on a copy.

>>> catalogue = load_catalogue()
>>> catalogue.ids[:3]
('ssa', 'everolimus', 'sunitinib')
>>> catalogue["prrt"].short_name
'PRRT (177Lu-DOTATATE)'
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from ..content import reader as _datafile
from ..content.errors import ContentError
from ..content.fields import short_repr
from ..content.kinds import THERAPY, THERAPY_CLASS
from ..content.manifest import lesson_ids
from ..content.schema import validate
from ..content.sources import Source, check_cites_by_id, cite_text, cited_sources, sources_file
from ..display import COLOUR_NAMES
from ..vocab import (
    APPROVAL_STATUSES,
    CLASS_GROUPS,
    FACT_CONFIDENCE,
    GROUP_NON_DRUG,
    PLOT_MARKERS,
    POOR_FIT_FACTORS,
    REGIONS,
    THERAPY_ROLES,
    VERDICTS,
)
from .catalogue_fields import (
    Where,
    choice,
    date,
    identifier,
    items,
    mapping,
    percent,
    text,
    text_list,
)
from .conditions import check_condition
from .datadir import (  # noqa: F401  (re-exported: the catalogue is where learners look)
    DATA_DIR_VARIABLE,
    PACKAGED_DATA_DIR,
    THERAPIES_NAME,
    data_dir,
    data_file,
    use_data_dir,
)


# --- Records -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Toxicity:
    """One main toxicity of a therapy, with its reported rate where the source gives one."""

    therapy: str
    effect: str
    source: str
    management: str
    percent: float | None = None
    percent_control: float | None = None
    grade3plus_percent: float | None = None


@dataclass(frozen=True)
class PoorFit:
    """A patient factor that makes a poor candidate: the verdict it caps (or "note"), and why."""

    factor: str
    caps: str
    why: str
    source: str
    confidence: str


@dataclass(frozen=True)
class Check:
    """A check to name before the first dose; ``when`` lists conditions that must all hold."""

    check: str
    source: str
    confidence: str
    when: tuple[str, ...] = ()


@dataclass(frozen=True)
class Approval:
    """Approval in one region: status (a key of ``APPROVAL_STATUSES``), date, text, source.

    ``requires`` lists patient conditions the approved use needs (e.g. prior systemic therapy);
    when one fails the status reads "approved for another use or age".
    """

    region: str
    status: str
    text: str
    source: str
    confidence: str
    date: str | None = None
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class TherapyClass:
    """A therapy class, declared once in the ``classes`` section of ``data/therapies.yaml``.

    ``name`` is its heading (a class sheet, a legend), ``word`` how a sentence or a table cell
    says it, ``group`` what rules and lessons ask of it (:data:`pannet_edu.vocab.CLASS_GROUPS`),
    ``colour`` its colour in every figure (hex, from a palette name), ``marker`` its shape in the
    trial figures and ``lessons`` the lessons that teach it (the first files its cards).

    >>> prrt = load_catalogue().classes["prrt"]
    >>> prrt.word, prrt.group, prrt.colour, prrt.marker, prrt.lessons, prrt.systemic
    ('PRRT', 'radioligand', '#009E73', '^', ('05_prrt', '02_imaging_and_syndromes'), True)
    """

    id: str
    name: str
    word: str
    group: str
    colour: str
    marker: str
    lessons: tuple[str, ...]

    @property
    def systemic(self) -> bool:
        """Systemic drug therapy: every group but ``non_drug``."""
        return self.group != GROUP_NON_DRUG


@dataclass(frozen=True)
class Therapy:
    """One catalogue entry, validated."""

    id: str
    name: str
    short_name: str
    therapy_class: str
    agents: tuple[str, ...]
    mechanism: str
    dose_schedule: str
    approvals: tuple[Approval, ...]
    toxicities: tuple[Toxicity, ...]
    poor_fit: str
    poor_fit_detail: tuple[PoorFit, ...]
    before_starting: tuple[Check, ...]
    key_trials: tuple[str, ...]
    sources: tuple[Source, ...]
    last_checked: str
    roles: tuple[str, ...] = ()
    combination_of: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def approval(self) -> tuple[str, ...]:
        """One line per region, e.g. ``'US: Approved 26 March 2025 ...'``."""
        return tuple(f"{a.region}: {a.text}" for a in self.approvals)

    @property
    def poor_fit_factors(self) -> tuple[str, ...]:
        """The factors that cap a verdict (notes left out)."""
        return tuple(p.factor for p in self.poor_fit_detail if p.caps != "note")

    def approval_in(self, region: str) -> Approval | None:
        return next((a for a in self.approvals if a.region == region), None)


@dataclass(frozen=True)
class Catalogue:
    """All entries in file order, with the classes they belong to."""

    therapies: tuple[Therapy, ...]
    classes: dict[str, TherapyClass]
    path: Path

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.therapies)

    def __getitem__(self, therapy_id: str) -> Therapy:
        for therapy in self.therapies:
            if therapy.id == therapy_id:
                return therapy
        raise KeyError(therapy_id)

    def __iter__(self) -> Iterator[Therapy]:
        return iter(self.therapies)

    def names(self) -> dict[str, str]:
        """Short learner-facing names used inside sentences, by id."""
        return {t.id: t.short_name for t in self.therapies}

    def is_systemic(self, therapy_id: str) -> bool:
        return self.classes[self[therapy_id].therapy_class].systemic


# --- Parsing -------------------------------------------------------------------------------------
_TOXICITY_FIELDS = ("effect", "percent", "percent_control", "grade3plus_percent", "source",
                    "management")
_POOR_FIT_FIELDS = ("factor", "caps", "why", "source", "confidence")
_CHECK_FIELDS = ("check", "when", "source", "confidence")
_APPROVAL_FIELDS = ("status", "date", "text", "source", "confidence", "requires")
_SOURCE_FIELDS = ("citation", "pmid", "doi")
_CAPS = ("note", *VERDICTS[1:])
_PMID = re.compile(r"\d{1,9}")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
CLASSES_KEY = "classes"
#: Top-level keys starting with this hold shared YAML anchors (``x-shared``), not therapies.
SHARED_PREFIX = "x-"


def _parse_therapy(path: Path, therapy_id: object, entry: object, classes, ids) -> Therapy:
    label = str(therapy_id)
    where = Where(path, label)
    if not isinstance(therapy_id, str) or not re.fullmatch(r"[a-z0-9_]+", therapy_id):
        raise where.fail("id")("must be lower-case letters, digits and underscores")
    fields = validate(THERAPY, path, label, entry)  # shape, types and vocabularies, declared once
    therapy_class = choice(where.fail("therapy_class"), fields["therapy_class"], classes)

    approvals = []
    raw = fields["approval"]
    if not isinstance(raw, dict) or not raw:
        raise where.fail("approval")("must map each region (US, EU, China) to its approval")
    for region, item in raw.items():
        fail = where.fail(f"approval.{region}")
        choice(fail, region, REGIONS)
        item = mapping(fail, item, _APPROVAL_FIELDS, ("status", "text", "source", "confidence"))
        approvals.append(Approval(
            region=region,
            status=choice(where.fail(f"approval.{region}.status"), item["status"],
                           APPROVAL_STATUSES),
            text=text(fail, item["text"]),
            source=cite_text(text(fail, item["source"]), path, label, "source"),
            confidence=choice(where.fail(f"approval.{region}.confidence"), item["confidence"],
                               FACT_CONFIDENCE),
            date=None if item.get("date") is None else date(
                where.fail(f"approval.{region}.date"), item["date"]),
            requires=tuple(check_condition(where.fail(f"approval.{region}.requires"), t, ids)
                           for t in items(fail, item.get("requires"))),
        ))

    toxicities = []
    for index, item in enumerate(items(where.fail("toxicities"), fields["toxicities"]), 1):
        fail = where.fail(f"toxicities[{index}]")
        item = mapping(fail, item, _TOXICITY_FIELDS, ("effect", "source", "management"))
        rates = {key: percent(where.fail(f"toxicities[{index}].{key}"), item.get(key))
                 for key in ("percent", "percent_control", "grade3plus_percent")}
        toxicities.append(Toxicity(
            therapy=label, effect=text(fail, item["effect"]),
            source=cite_text(text(fail, item["source"]), path, label, "source"),
            management=text(fail, item["management"]), **rates,
        ))

    poor_fit = []
    for index, item in enumerate(items(where.fail("poor_fit_factors"),
                                        fields["poor_fit_factors"]), 1):
        fail = where.fail("poor_fit_factors") if not isinstance(item, dict) else where.fail(
            f"poor_fit_factors[{index}]")
        if isinstance(item, str):  # a bare factor id is not enough: say what is needed
            choice(where.fail("poor_fit_factors"), item, POOR_FIT_FACTORS)
            raise fail("each factor needs caps, why, source and confidence")
        item = mapping(fail, item, _POOR_FIT_FIELDS, _POOR_FIT_FIELDS)
        poor_fit.append(PoorFit(
            factor=choice(where.fail("poor_fit_factors"), item["factor"], POOR_FIT_FACTORS),
            caps=choice(where.fail(f"poor_fit_factors[{index}].caps"), item["caps"], _CAPS),
            why=text(fail, item["why"]),
            source=cite_text(text(fail, item["source"]), path, label, "source"),
            confidence=choice(where.fail(f"poor_fit_factors[{index}].confidence"),
                               item["confidence"], FACT_CONFIDENCE),
        ))

    checks = []
    for index, item in enumerate(items(where.fail("before_starting"),
                                        fields.get("before_starting")), 1):
        fail = where.fail(f"before_starting[{index}]")
        item = mapping(fail, item, _CHECK_FIELDS, ("check", "source", "confidence"))
        checks.append(Check(
            check=text(fail, item["check"]),
            source=cite_text(text(fail, item["source"]), path, label, "source"),
            confidence=choice(where.fail(f"before_starting[{index}].confidence"),
                               item["confidence"], FACT_CONFIDENCE),
            when=tuple(check_condition(where.fail(f"before_starting[{index}].when"), t, ids)
                       for t in items(fail, item.get("when"))),
        ))

    sources = []
    for index, item in enumerate(items(where.fail("sources"), fields["sources"],
                                        allow_empty=False), 1):
        fail = where.fail(f"sources[{index}]")
        if isinstance(item, str):  # an id of sources.yaml: every PMID and DOI lives there
            sources.extend(cited_sources(path, label, f"sources[{index}]", item))
            continue
        item = mapping(fail, item, _SOURCE_FIELDS, ("citation",))
        citation = text(fail, item["citation"])
        check_cites_by_id(citation, path, label, f"sources[{index}].citation")
        sources.append(Source(
            short=citation, reference=citation,
            pmid=identifier(where.fail(f"sources[{index}].pmid"), item.get("pmid"), _PMID,
                             "a PubMed ID (digits only)"),
            doi=identifier(where.fail(f"sources[{index}].doi"), item.get("doi"), _DOI,
                            "a DOI like 10.1056/NEJMoa1009290 (no 'doi:' or URL)"),
        ))
    return Therapy(
        id=label,
        name=text(where.fail("name"), fields["name"]),
        short_name=text(where.fail("short_name"), fields["short_name"]),
        therapy_class=therapy_class,
        agents=text_list(where.fail("agents"), fields["agents"]),
        mechanism=text(where.fail("mechanism"), fields["mechanism"]),
        dose_schedule=text(where.fail("dose_schedule"), fields["dose_schedule"]),
        approvals=tuple(approvals),
        toxicities=tuple(toxicities),
        poor_fit=text(where.fail("poor_fit"), fields["poor_fit"]),
        poor_fit_detail=tuple(poor_fit),
        before_starting=tuple(checks),
        key_trials=text_list(where.fail("key_trials"), fields["key_trials"], allow_empty=True),
        sources=tuple(sources),
        last_checked=date(where.fail("last_checked"), fields["last_checked"]),
        **_role_fields(where, fields, classes[therapy_class].group),
    )


def _role_fields(where: Where, fields: dict, group: str) -> dict[str, tuple[str, ...]]:
    """``roles`` (from :data:`~pannet_edu.vocab.THERAPY_ROLES`), ``combination_of`` (the class
    groups a combination joins, its own class's group among them) and ``evidence`` (names of
    entries of ``evidence_scope.yaml``, checked when that file is read)."""
    out = {}
    for name, allowed in (("roles", tuple(THERAPY_ROLES)),
                          ("combination_of", tuple(CLASS_GROUPS)), ("evidence", None)):
        values = text_list(where.fail(name), fields.get(name) or [], allow_empty=True)
        for value in values:
            if allowed is not None:
                choice(where.fail(name), value, allowed)
        if len(set(values)) != len(values):
            raise where.fail(name)(f"lists a value twice: {list(values)!r}")
        out[name] = values
    combined = out["combination_of"]
    if combined and (len(combined) < 2 or group not in combined):
        raise where.fail("combination_of")(
            f"must list at least two groups, this class's group ({group!r}) among them; "
            f"got {list(combined)!r}")
    return out


def _parse_classes(path: Path, raw: object) -> dict[str, TherapyClass]:
    where = Where(path, CLASSES_KEY)
    if not isinstance(raw, dict) or not raw:
        raise where.fail("-")("must map each therapy class id to its name and systemic")
    out = {}
    for class_id, item in raw.items():
        fail = where.fail(str(class_id))
        item = validate(THERAPY_CLASS, path, CLASSES_KEY, item, at=f"{class_id}.")

        def field(name: str, _id=class_id):
            return where.fail(f"{_id}.{name}")

        group = choice(field("group"), item["group"], tuple(CLASS_GROUPS))
        colour = choice(field("colour"), item["colour"], tuple(COLOUR_NAMES))
        marker = choice(field("marker"), item["marker"], PLOT_MARKERS)
        lessons = text_list(field("lessons"), item["lessons"])
        known = lesson_ids(data_file("lessons.yaml"))  # the packaged manifest if not copied
        for lesson_id in lessons:
            if lesson_id not in known:
                raise field("lessons")(f"{short_repr(lesson_id)} is not a lesson of the "
                                       f"manifest (lessons.yaml); known: {', '.join(known)}")
        out[str(class_id)] = TherapyClass(
            str(class_id), text(fail, item["name"]), text(field("word"), item["word"]),
            group, COLOUR_NAMES[colour], marker, lessons)
    first_with: dict[str, str] = {}
    for class_id, therapy_class in out.items():
        earlier = first_with.setdefault(therapy_class.marker, class_id)
        if earlier != class_id:
            raise where.fail(f"{class_id}.marker")(
                f"{therapy_class.marker!r} is another class's marker too ({earlier}); each class "
                "keeps its own shape, so the figures read in greyscale")
    return out


_DEFAULT_PATHS: dict[Path, Path] = {}


def _load(path: Path) -> Catalogue:
    try:  # the one YAML reader: encoding, duplicate keys, alias limits, line numbers
        document = _datafile.load_yaml(path)
    except _datafile.ContentError as err:
        raise ContentError(path, err.entry, err.field, err.problem) from None
    if document is None:
        raise ContentError(path, "file", "-", "is empty (it must map therapy ids to "
                                  "their entries)")
    if not isinstance(document, dict) or not document:
        raise ContentError(path, "file", "-", "must map therapy ids to their entries")
    if CLASSES_KEY not in document:
        raise ContentError(path, CLASSES_KEY, "-", "is missing: list the therapy classes (name, "
                           "word, group, colour, marker, lessons)")
    classes = _parse_classes(path, document.pop(CLASSES_KEY))
    for key in [k for k in document if isinstance(k, str) and k.startswith(SHARED_PREFIX)]:
        document.pop(key)  # a holder of YAML anchors that entries share, not a therapy
    if not document:
        raise ContentError(path, "file", "-", "holds no therapies")
    ids = tuple(str(k) for k in document)
    therapies = tuple(_parse_therapy(path, key, value, classes, ids)
                      for key, value in document.items())
    return Catalogue(therapies, classes, path)


_PINNED: ContextVar[Catalogue | None] = ContextVar("pinned_catalogue", default=None)


@contextlib.contextmanager
def pinned_catalogue() -> Iterator[Catalogue]:
    """Read the data folder's catalogue once for a whole appraisal: inside the block,
    :func:`load_catalogue` returns that version without looking at the file again (the rules ask
    it many times per patient).

    >>> with pinned_catalogue() as catalogue:
    ...     load_catalogue() is catalogue
    True
    """
    held = _PINNED.get()
    if held is not None:
        yield held
        return
    token = _PINNED.set(load_catalogue())
    try:
        yield _PINNED.get()
    finally:
        _PINNED.reset(token)


def load_catalogue(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """The validated catalogue (cached per file version); ``path`` defaults to the data folder's
    ``therapies.yaml`` (see :func:`data_dir`).

    >>> load_catalogue().classes["prrt"].systemic
    True
    """
    if path is None:  # the hot path: one stat of the data folder's file, no resolving
        held = _PINNED.get()
        if held is not None:
            return held
        folder = data_dir()
        default = _DEFAULT_PATHS.get(folder)
        if default is None:
            default = _DEFAULT_PATHS.setdefault(folder, (folder / THERAPIES_NAME).resolve())
        if default.is_file():  # the loaders' one cache (content/reader.py), by the files' stamps
            return _datafile.cached(_load, default, sources_file())
        path = data_file(THERAPIES_NAME)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path (str or Path), got {type(path).__name__}")
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise ContentError(resolved, "file", "-", "does not exist")
    return _datafile.cached(_load, resolved, sources_file())
