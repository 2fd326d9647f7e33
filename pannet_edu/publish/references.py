"""The reference list a handout ends with, built from the identifiers its lesson cites.

>>> cited_identifiers("PMID 31433515; DOI 10.1111/his.13975. Again PMID 31433515.")
(['31433515'], ['10.1111/his.13975'])
"""

from __future__ import annotations

import re

from ..content import sources
from ..display import escape

_PMID = re.compile(r"PMID:?\s*(\d{6,9})")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s<>\"';,)]+)")


def cited_identifiers(text: str) -> tuple[list[str], list[str]]:
    """PMIDs and DOIs cited in a text, in order of first appearance, without repeats.

    >>> cited_identifiers("PMID 31433515; DOI 10.1111/his.13975. Again PMID 31433515.")
    (['31433515'], ['10.1111/his.13975'])
    """
    pmids = list(dict.fromkeys(_PMID.findall(text)))
    dois = list(dict.fromkeys(doi.rstrip(".") for doi in _DOI.findall(text)))
    return pmids, dois


def _known_sources() -> list[sources.Source]:
    return list(sources.sources().values())


def references_block(text: str) -> str:
    """HTML list of the sources cited in ``text``, by identifier, with full references where known.

    Used for lessons without a References section of their own, so every handout ends with
    its references.

    >>> "Histopathology 2020" in references_block("Source: ... DOI 10.1111/his.13975.")
    True
    >>> references_block("no identifiers here")
    ''
    """
    pmids, dois = cited_identifiers(text)
    items: list[str] = []
    seen_pmids: set[str] = set()
    seen_dois: set[str] = set()
    for source in _known_sources():
        if source.pmid in pmids or source.doi in dois:
            seen_pmids.add(source.pmid or "")
            seen_dois.add(source.doi or "")
            items.append(_reference_item(source.cite(), source.link))
    for pmid in pmids:
        if pmid not in seen_pmids:
            items.append(_reference_item(f"PMID {pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"))
    for doi in dois:
        if doi not in seen_dois:
            items.append(_reference_item(f"DOI {doi}", f"https://doi.org/{doi}"))
    if not items:
        return ""
    return (
        '<section class="pannet-references jp-RenderedHTMLCommon">'
        "<h2>References cited in this handout</h2><ul>"
        + "".join(items)
        + "</ul></section>"
    )


def _reference_item(text: str, link: str | None) -> str:
    anchor = f' <a href="{escape(link)}">{escape(link)}</a>' if link else ""
    return f"<li>{escape(text)}{anchor}</li>"
