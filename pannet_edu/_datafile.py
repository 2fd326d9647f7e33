"""Loading instructor-editable YAML files: one clear error naming the file, the entry and the field.

Shared by the small data modules (:mod:`pannet_edu.syndromes`, :mod:`pannet_edu.imaging`). Each
file has a ``sources`` block (id -> citation, identifiers, confidence) that its entries cite by id.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .sources import Source

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Confidence marks (as in shared/clinical/REFERENCE.md): seen in the cited source; seen only in a
#: secondary summary (review table, reference page); widely quoted but not confirmed.
CONFIDENCE = ("verified", "secondary", "memory-only")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


class DataFileError(ValueError):
    """A data file entry is invalid; the message names the file, the entry and the field.

    >>> str(DataFileError("syndromes.yaml", "insulinoma", "hormone", "must not be empty"))
    'syndromes.yaml: entry insulinoma, field hormone: must not be empty'
    """

    def __init__(self, file: str, entry: str, field: str, problem: str) -> None:
        super().__init__(f"{file}: entry {entry}, field {field}: {problem}")
        self.file, self.entry, self.field = file, entry, field


def read_yaml(path: Path) -> dict:
    """Parse a YAML mapping, or raise :class:`DataFileError` naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFileError(path.name, "(file)", "(syntax)", f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise DataFileError(path.name, "(file)", "(top level)", "must be a mapping of sections")
    return data


def text(file: str, entry: str, record: dict, field: str) -> str:
    """A required, non-empty text field."""
    value = record.get(field)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(file, entry, field, f"must be non-empty text, got {value!r}")
    return value.strip()


def entries(file: str, data: dict, section: str) -> list[dict]:
    """A required list-of-mappings section."""
    value = data.get(section)
    if not isinstance(value, list) or not value:
        raise DataFileError(file, f"({section})", section, "must be a non-empty list of entries")
    for i, record in enumerate(value):
        if not isinstance(record, dict):
            raise DataFileError(file, f"#{i + 1} of {section}", "(entry)", "must be a mapping")
    return value


def sources(file: str, data: dict) -> dict[str, dict]:
    """Validate the ``sources`` block: citation, a PMID/DOI/URL, and a confidence mark."""
    block = data.get("sources")
    if not isinstance(block, dict) or not block:
        raise DataFileError(file, "(sources)", "sources", "must map source ids to citations")
    out = {}
    for source_id, record in block.items():
        entry = f"source {source_id}"
        if not isinstance(record, dict):
            raise DataFileError(file, entry, "(entry)", "must be a mapping")
        short = text(file, entry, record, "short")
        citation = text(file, entry, record, "citation")
        pmid, doi, url = record.get("pmid"), record.get("doi"), record.get("url")
        if pmid is not None and not re.fullmatch(r"\d{1,9}", str(pmid)):
            raise DataFileError(file, entry, "pmid", f"must be digits only, got {pmid!r}")
        if doi is not None and not _DOI.match(str(doi)):
            raise DataFileError(file, entry, "doi", f"must look like 10.xxxx/..., got {doi!r}")
        if pmid is None and doi is None and url is None:
            raise DataFileError(file, entry, "pmid/doi/url", "give at least one identifier")
        confidence = record.get("confidence")
        if confidence not in CONFIDENCE:
            raise DataFileError(file, entry, "confidence",
                                f"must be one of {', '.join(CONFIDENCE)}; got {confidence!r}")
        note = record.get("note", "")
        if not isinstance(note, str):
            raise DataFileError(file, entry, "note", f"must be text, got {note!r}")
        out[str(source_id)] = {
            "note": note,
            "short": short,
            "citation": citation,
            "pmid": None if pmid is None else str(pmid),
            "doi": doi,
            "url": url,
            "confidence": confidence,
        }
    return out


def cited(file: str, entry: str, record: dict, known: dict[str, dict]) -> tuple[str, ...]:
    """The entry's ``sources`` list: non-empty, every id defined in the file's sources block."""
    ids = record.get("sources")
    if not isinstance(ids, list) or not ids:
        raise DataFileError(file, entry, "sources", "must list at least one source id")
    for source_id in ids:
        if source_id not in known:
            raise DataFileError(file, entry, "sources",
                                f"unknown source id {source_id!r}; define it under sources:")
    return tuple(ids)


def as_source(source: dict) -> Source:
    """A validated source record as a :class:`pannet_edu.sources.Source` (for reference lists).

    >>> as_source({"short": "X 2020", "citation": "X et al. J 2020", "pmid": "1", "doi": None,
    ...            "url": None, "confidence": "secondary", "note": ""}).note
    'secondary source'
    """
    notes = [n.rstrip(".") for n in (source["note"], f"{source['confidence']} source"
             if source["confidence"] != "verified" else "", source["url"] or "") if n]
    return Source(short=source["short"], reference=source["citation"], pmid=source["pmid"],
                  doi=source["doi"], note="; ".join(notes))


def cite(source: dict) -> str:
    """One-line citation with identifiers and, unless verified, the confidence mark.

    >>> cite({"short": "A 2020", "citation": "A B. J 2020", "pmid": "1", "doi": None,
    ...       "url": None, "confidence": "secondary", "note": ""})
    'A B. J 2020. PMID 1. [secondary source]'
    """
    ids = [f"PMID {source['pmid']}" if source["pmid"] else "",
           f"DOI {source['doi']}" if source["doi"] else "",
           source["url"] if (source["url"] and not source["pmid"] and not source["doi"]) else ""]
    out = source["citation"] + "." + "".join(f" {i}." for i in ids if i)
    if source["confidence"] != "verified":
        out += f" [{source['confidence']} source]"
    return out
