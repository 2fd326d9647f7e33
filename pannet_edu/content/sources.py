"""Every citation of the content, once, by id; and the one vocabulary of confidence marks.

``data/sources.yaml`` holds, once each and by id, every source the data cites: the trial papers
and reports the rows of ``trials.csv`` cite by ``source_id``, the sources behind the thresholds
written as constants in :mod:`pannet_edu.clinic.pathology` and :mod:`pannet_edu.clinic.staging`,
the engine's principles, the cases, the questions, the guidelines the lessons cite and the
sources the syndromes and imaging files list by id. Every DOI and PMID of the data lives here,
once. :func:`sources` reads it through the data folder in use (``PANNET_EDU_DATA_DIR``), cached
by the file's stamp so an edit is seen on the next call; :func:`cited_sources` resolves a list of
ids for a loader and refuses an unknown one naming the file, entry and field. Each id is also a
name here (``WHO_2019``, ``HAUSER_2019``, ...), looked up when it is asked for. :data:`MARKS` are
the small marks a reference list or a trial table shows beside a source that is not a checked
paper or label; :func:`mark_legend` explains them once.

>>> sources()["WHO_2019"].short
'WHO 2019 digestive-system classification (Nagtegaal 2020)'
>>> confidence_mark("secondary", "congress"), confidence_mark("verified", "journal")
('congress report', '')
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..display import Table
from ..formatting import format_citation
from ..vocab import SOURCE_CONFIDENCE
from .errors import ContentError
from .fields import short_repr
from .folder import data_dir
from .kinds import SOURCE
from .kinds_evidence import TRIAL
from .reader import cached
from .schema import validate

#: The confidence marks shown to learners, each with its meaning. A source without a mark was
#: checked in the paper or label it cites. One vocabulary for every table and reference list.
MARKS = {
    "congress report": (
        "figures as presented at a congress (an abstract or a presentation), not read from a "
        "journal paper"
    ),
    "secondary source": (
        "seen only in a secondary source (a news or summary report, a review, a trial listing), "
        "not in the original paper or label"
    ),
    "sources differ": (
        "sources give different figures for the same thing; the figure shown names its source and "
        "the other is given beside it"
    ),
}
#: The data files' confidence codes (``verified``, ``secondary``, ``conflicting``) as marks.
_CODE_MARKS = {"verified": "", "conflicting": "sources differ", "memory-only": "unconfirmed"}


def confidence_mark(confidence: object, figures_source: object = None) -> str:
    """The learner-facing mark for a data confidence code ('' for checked figures).

    ``secondary`` reads "congress report" when the figures come from a congress, else
    "secondary source".

    >>> confidence_mark("conflicting"), confidence_mark("secondary", "summary")
    ('sources differ', 'secondary source')
    """
    code = "" if confidence is None else str(confidence).strip()
    if code == "secondary":
        congress = str(figures_source).strip() == "congress"
        return "congress report" if congress else "secondary source"
    if code not in _CODE_MARKS:
        raise ValueError(
            f"confidence must be one of {', '.join(map(repr, [*_CODE_MARKS, 'secondary']))}; "
            f"got {short_repr(confidence)}"
        )
    return _CODE_MARKS[code]


def mark_legend() -> Table:
    """The marks and what each means, for the foot of a lesson's tables.

    >>> [row["mark"] for row in mark_legend().rows]
    ['(no mark)', 'congress report', 'secondary source', 'sources differ']
    """
    rows = [{"mark": "(no mark)", "meaning": "checked in the cited paper or label"}]
    rows += [{"mark": mark, "meaning": meaning} for mark, meaning in MARKS.items()]
    return Table(rows, caption="Marks beside a source")


@dataclass(frozen=True)
class Source:
    """A citable source with the identifiers a learner can look up.

    >>> Source("Example", "Example reference", doi="10.1000/x").link
    'https://doi.org/10.1000/x'
    """

    short: str
    reference: str
    pmid: str | None = None
    doi: str | None = None
    #: the learner-facing mark (a key of :data:`MARKS`, or empty for a checked source)
    note: str = ""
    #: the date (YYYY-MM-DD) the citation and what the toolkit takes from it were last checked
    last_checked: str | None = None
    #: a page where the learner can look the source up (shown beside the mark, see ``note``)
    url: str | None = None
    #: how far the source was checked: one of :data:`SOURCE_CONFIDENCE`, or ``None``
    confidence: str | None = None
    #: a mark for the identifiers alone (a key of :data:`MARKS`), when the PMID (or, without
    #: one, the DOI) was seen only in a secondary list, not on PubMed or the publisher's page
    identifiers_mark: str = ""

    def identifiers(self) -> str:
        """PMID and DOI as a reader sees them, an unconfirmed identifier carrying its mark.

        >>> weak = Source("x", "X", pmid="1", doi="10.1/x", identifiers_mark="secondary source")
        >>> weak.identifiers()
        'PMID 1 (secondary source); DOI 10.1/x'
        """
        cited = format_citation("", self.pmid, self.doi, mark=self.identifiers_mark)
        return cited[1:].strip().rstrip(".")

    @property
    def checked_on(self) -> datetime.date | None:
        """``last_checked`` as a date, or ``None``.

        >>> sources()["AJCC_9"].checked_on.year
        2026
        """
        return None if not self.last_checked else datetime.date.fromisoformat(self.last_checked)

    @property
    def link(self) -> str | None:
        """A DOI link when a DOI is known, else a PubMed link, else ``None``."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return None

    def cite(self) -> str:
        """One-line citation with its identifiers (the url when there is no PMID or DOI),
        written by :func:`pannet_edu.formatting.format_citation`.

        >>> sources()["AJCC_8"].cite()
        'AJCC Cancer Staging Manual, 8th edition: pancreatic neuroendocrine tumours.'
        >>> sources()["JHU_FAMILIAL"].cite().endswith("familial-syndromes.")
        True
        """
        return format_citation(self.reference, self.pmid, self.doi, url=self.url,
                               mark=self.identifiers_mark)


#: The packaged sources file (:func:`sources_file` is the one in use).
SOURCES_FILE = Path(__file__).resolve().parent.parent / "data" / "sources.yaml"
_SOURCE_ID = re.compile(r"[A-Z][A-Z0-9_]*", re.ASCII)


def load_sources(path: str | os.PathLike[str] = SOURCES_FILE) -> dict[str, Source]:
    """Every citation of the sources file, by id, validated: a problem is a
    :class:`~pannet_edu.content.ContentError` naming the file, the entry and the field. A PMID
    or DOI given under two ids is refused: each lives in the file once.

    >>> load_sources()["HAUSER_2019"].pmid
    '31776785'
    """
    from .reader import load_yaml  # the one YAML reader (it imports this module's Source)

    name = Path(path).name
    document = load_yaml(path)
    if not isinstance(document, dict) or not document:
        raise ContentError(name, "(file)", "(top level)", "must map source ids to citations")
    loaded = {str(source_id): _source(name, source_id, record)
              for source_id, record in document.items()}
    first: dict[tuple[str, str], str] = {}
    for source_id, source in loaded.items():
        for kind, value in (("pmid", source.pmid), ("doi", source.doi)):
            if value is None:
                continue
            key = (kind, value.lower())
            if key in first:
                raise ContentError(name, source_id, kind, f"{value} is already the {kind} of "
                                   f"{first[key]}: cite that id instead of a second entry")
            first[key] = source_id
    return loaded


def sources_file() -> Path:
    """The sources file the loaders read: ``sources.yaml`` of the data folder in use, or the
    packaged one when that folder holds none (as every data file of a partial copy falls back).

    >>> sources_file().name
    'sources.yaml'
    """
    chosen = data_dir() / "sources.yaml"
    return chosen if chosen.exists() else SOURCES_FILE


def sources(path: str | os.PathLike[str] | None = None) -> Mapping[str, Source]:
    """Every citation by id, from ``path`` or the data folder in use (``PANNET_EDU_DATA_DIR``),
    read again only when the file changes (the loaders' one cache, keyed by the file's stamp).

    >>> sources()["HAUSER_2019"] is sources()["HAUSER_2019"]
    True
    """
    file = Path(path) if path is not None else sources_file()
    return cached(_read_sources, file)


def _read_sources(path: Path) -> Mapping[str, Source]:
    return MappingProxyType(load_sources(path))


def cited_sources(file: str | os.PathLike[str], entry: str, field: str, ids: object,
                  known: Mapping[str, Source] | None = None) -> tuple[Source, ...]:
    """The sources a content entry cites by id (one id, or a list of ids), resolved against
    ``known`` (by default :func:`sources`); an unknown or malformed id is a
    :class:`~pannet_edu.content.ContentError` naming the file, the entry and the field.

    >>> [s.short for s in cited_sources("cases/x.yaml", "x", "sources", ["HAUSER_2019"])]
    ['Hauser 2019 review']
    >>> cited_sources("cases/x.yaml", "x", "sources", ["NO_SUCH_ID"])
    Traceback (most recent call last):
    ...
    pannet_edu.content.errors.ContentError: cases/x.yaml: entry x, field sources: unknown source \
id 'NO_SUCH_ID'; use an id of sources.yaml
    """
    known = sources() if known is None else known
    listed = [ids] if isinstance(ids, str) else ids
    if not isinstance(listed, list | tuple) or not listed:
        raise ContentError(file, entry, field, "must give at least one source id of sources.yaml")
    found = []
    for source_id in listed:
        if not isinstance(source_id, str) or source_id.strip() not in known:
            raise ContentError(file, entry, field, f"unknown source id {short_repr(source_id)}; "
                               "use an id of sources.yaml")
        found.append(known[source_id.strip()])
    return tuple(found)


def _source(file: str, source_id: object, record: object) -> Source:
    entry = str(source_id)
    if not isinstance(source_id, str) or not _SOURCE_ID.fullmatch(source_id):
        raise ContentError(file, entry, "id", "must be capital letters, digits and underscores "
                           "(e.g. HAUSER_2019)")
    checked = validate(SOURCE, file, entry, record)
    fields = {key: value.strip() for key, value in checked.items() if isinstance(value, str)}
    if checked.get("last_checked") is not None:
        fields["last_checked"] = str(checked["last_checked"]).strip()
    if "confidence" in fields:
        fields["note"] = confidence_mark(fields["confidence"])
    if "identifiers_confidence" in fields:  # the PMID (or DOI) itself seen only in a list
        fields["identifiers_mark"] = confidence_mark(fields.pop("identifiers_confidence"))
    # A reader sees the mark and, beside it, the page to look the source up.
    fields["note"] = "; ".join(n for n in (fields.get("note", ""), fields.get("url", "")) if n)
    return Source(**fields)


@SOURCE.check
def _confidence_or_note(file, entry: str, record) -> None:
    """A source gives a confidence (which sets its mark) or a note, not both; a source with a
    confidence gives at least one identifier (pmid, doi or url)."""
    if record.get("confidence") is None:
        return
    if record.get("note") is not None:
        raise ContentError(file, entry, "note", "give either a note or a confidence, not "
                           "both (the confidence sets the mark)")
    if not any(record.get(key) for key in ("pmid", "doi", "url")):
        raise ContentError(file, entry, "pmid/doi/url", "give at least one identifier "
                           "(pmid, doi or url) for a source with a confidence")


@SOURCE.check
def _identifiers_have_an_identifier(file, entry: str, record) -> None:
    """``identifiers_confidence`` speaks of a PMID or a DOI, so the source gives one."""
    if record.get("identifiers_confidence") is not None and not (
            record.get("pmid") or record.get("doi")):
        raise ContentError(file, entry, "identifiers_confidence", "needs a pmid or a doi")


#: How a text field of the data cites a source of ``sources.yaml``: ``[@HAUSER_2019]``.
CITATION_MARKER = re.compile(r"\[@([^\]]*)\]")


def cite_text(text: str, file: str | os.PathLike[str], entry: str, field: str,
              known: Mapping[str, Source] | None = None) -> str:
    """A data text with each ``[@ID]`` replaced by that source's citation (its reference,
    PMID and DOI, as :func:`pannet_edu.formatting.format_citation` writes them, without the
    closing full stop): a note, a question's reference or a pipeline entry's source cites by
    id, so its PMID and DOI live once, in ``sources.yaml``. An unknown id is a
    :class:`~pannet_edu.content.ContentError` naming the file, the entry and the field.

    >>> cite_text("Hauser review ([@HAUSER_2019])", "q.yaml", "q-1", "reference")
    'Hauser review (Hauser H et al. Systemic Therapies for Metastatic Pancreatic Neuroendocrine \
Tumors. Curr Treat Options Oncol 2019;20(12):87. PMID 31776785; DOI 10.1007/s11864-019-0690-x)'
    """
    known = sources() if known is None else known

    def cited(match: re.Match) -> str:
        (source,) = cited_sources(file, entry, field, [match.group(1)], known)
        return source.cite().removesuffix(".")

    return CITATION_MARKER.sub(cited, text)


#: A journal locator (``2017;104:26-32``, year;volume): words holding one cite a journal paper,
#: which has a PubMed ID or DOI, so it belongs in ``sources.yaml`` and is cited there by id.
_JOURNAL_LOCATOR = re.compile(r"\b(?:19|20)\d\d;\s*\d+")


def check_cites_by_id(text: str, file: str | os.PathLike[str], entry: str, field: str) -> None:
    """Refuse a citation field whose own words (outside its ``[@ID]`` markers) cite a journal
    paper by year and volume: that paper is an entry of ``sources.yaml``, cited as ``[@ID]``, so
    its PMID and DOI live once. A :class:`~pannet_edu.content.ContentError` names the field.

    >>> check_cites_by_id("[@RINKE_2009]; [@PROMID_OS]", "q.yaml", "q-1", "reference")
    >>> check_cites_by_id("Rinke A et al. Neuroendocrinology 2017;104:26-32", "q.yaml", "q-1",
    ...                   "reference")
    Traceback (most recent call last):
    ...
    pannet_edu.content.errors.ContentError: q.yaml: entry q-1, field reference: cites a journal \
paper in words ('2017;104'); cite its id of sources.yaml as [@ID] (add the paper there if missing)
    """
    found = _JOURNAL_LOCATOR.search(CITATION_MARKER.sub("", text))
    if found:
        raise ContentError(file, entry, field, f"cites a journal paper in words "
                           f"({found.group(0)!r}); cite its id of sources.yaml as [@ID] (add "
                           "the paper there if missing)")


def cited_ids(text: str) -> list[str]:
    """The source ids a data text cites with ``[@ID]``, in order.

    >>> cited_ids("[@YAO_2011]; final OS: [@YAO_2016]")
    ['YAO_2011', 'YAO_2016']
    """
    return CITATION_MARKER.findall(text)


#: A citation field of a trial row: it opens with the id of its source, ``[@ID]``, then a note.
_CITED_FIRST = re.compile(r"\[@[^\]]+\]")


@TRIAL.check
def _trial_citations_are_known_ids(file, entry: str, record) -> None:
    """A trial row cites by id: ``source_id`` is an id of ``sources.yaml`` and ``os_source``
    opens with one as ``[@ID]`` (a free-text citation would keep a PMID or DOI outside it), every
    id it cites known."""
    known = sources()
    if record.get("source_id") not in known:
        raise ContentError(file, entry, "source_id", f"unknown source id "
                           f"{short_repr(record.get('source_id'))}; use an id of sources.yaml")
    text = record.get("os_source")
    if text is None:
        return
    if not _CITED_FIRST.match(text):
        raise ContentError(file, entry, "os_source", "must cite its source by id: \"[@ID] "
                           f"(note)\", an id of sources.yaml; got {short_repr(text)}")
    unknown = [i for i in cited_ids(text) if i not in known]
    if unknown:
        raise ContentError(file, entry, "os_source", f"unknown source id "
                           f"{short_repr(unknown[0])}; use an id of sources.yaml")


#: A PMID or DOI written out in a data file (a ``pmid:``/``doi:`` field or column, or text).
_WRITTEN_ID = re.compile(r"\bPMID:?\s*\d{5,9}|\bpmid\b\"?:\s*['\"]?\d|\b10\.\d{4,9}/[^\s\"',;]+",
                         re.ASCII)


def identifiers_outside_sources(folder: str | os.PathLike[str]) -> list[ContentError]:
    """Each PMID or DOI written in a data file of ``folder`` other than ``sources.yaml``: every
    one lives in ``sources.yaml``, once, and the other files cite its id (a column
    ``source_id``, a list of ids, or ``[@ID]`` in a text).

    >>> identifiers_outside_sources(SOURCES_FILE.parent)
    []
    """
    found = []
    root = Path(folder)
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".yaml", ".yml", ".csv") or path == root / "sources.yaml":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the file's own loader reports it
        for number, line in enumerate(text.splitlines(), 1):
            match = _WRITTEN_ID.search(line)
            if match:
                written = short_repr(match.group(0).rstrip("."), 60)
                found.append(ContentError(
                    path, f"line {number}", "(identifier)",
                    f"{written} is written here: every PMID and DOI lives in sources.yaml, "
                    "once; cite its id instead ([@ID] in a text)"))
    return found


def __getattr__(name: str) -> object:
    """``SOURCES`` (every citation by id) and each id as a name (``HAUSER_2019``), read from
    the sources file in use when asked for."""
    if name == "SOURCES":
        return sources()
    if _SOURCE_ID.fullmatch(name):
        found = sources().get(name)
        if found is not None:
            return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def reference_list(*sources: Source) -> Table:
    """A references table for the end of a lesson: reference, identifiers and the source's mark
    (empty for a checked source; the marks are explained by :func:`mark_legend`).

    >>> reference_list(sources()["HAUSER_2019"]).rows[0]["identifiers"]
    'PMID 31776785; DOI 10.1007/s11864-019-0690-x'
    >>> reference_list(sources()["HAUSER_2019"]).rows[0]["mark"]
    ''
    """
    rows = []
    for source in sources:
        ids = source.identifiers()
        rows.append(
            {"reference": source.reference, "identifiers": ids or "-", "mark": source.note}
        )
    return Table(rows)


__all__ = [
    "MARKS",
    "SOURCES",  # noqa: F822 (served by __getattr__ from the file in use)
    "SOURCES_FILE",
    "SOURCE_CONFIDENCE",
    "Source",
    "CITATION_MARKER",
    "cite_text",
    "cited_ids",
    "cited_sources",
    "confidence_mark",
    "identifiers_outside_sources",
    "load_sources",
    "mark_legend",
    "reference_list",
    "sources",
    "sources_file",
    *sources(SOURCES_FILE),  # every packaged citation id, each looked up when asked for
]
