"""Citations for the rules coded in Python (grading and staging cut-offs).

Trial and therapy numbers live in the data files with their own citations; this module holds only
the sources behind the thresholds written as constants in :mod:`pannet_edu.pathology` and
:mod:`pannet_edu.staging`. Each entry keeps the confidence mark given in the project's reference
file (``shared/clinical/REFERENCE.md``).

>>> WHO_2019.short
'WHO 2019 digestive-system classification (Nagtegaal 2020)'
"""

from __future__ import annotations

from dataclasses import dataclass

from .render import Table


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
    note: str = ""

    @property
    def link(self) -> str | None:
        """A DOI link when a DOI is known, else a PubMed link, else ``None``."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return None

    def cite(self) -> str:
        """One-line citation with its identifiers.

        >>> AJCC_8.cite()
        'AJCC Cancer Staging Manual, 8th edition: pancreatic neuroendocrine tumours.'
        """
        ids = [f"PMID {self.pmid}" if self.pmid else "", f"DOI {self.doi}" if self.doi else ""]
        ids_text = "; ".join(i for i in ids if i)
        return f"{self.reference}." + (f" {ids_text}." if ids_text else "")


WHO_2019 = Source(
    short="WHO 2019 digestive-system classification (Nagtegaal 2020)",
    reference=(
        "Nagtegaal ID et al. WHO 2019 classification of tumours of the digestive system. "
        "Histopathology 2020;76:182-188"
    ),
    pmid="31433515",
    doi="10.1111/his.13975",
    note="Grading table verified as reproduced (JNMT, UpToDate); PMID and DOI from memory.",
)

WHO_2022 = Source(
    short="WHO 2022 endocrine and neuroendocrine classification (Rindi 2022)",
    reference=(
        "Rindi G et al. WHO 2022 classification of neuroendocrine neoplasms. "
        "Endocr Pathol 2022;33:115-154"
    ),
    doi="10.1007/s12022-022-09708-2",
    note="Citation verified; DOI from memory. Keeps the 2019 NET grade thresholds.",
)

AJCC_8 = Source(
    short="AJCC 8th edition, pancreatic NET",
    reference="AJCC Cancer Staging Manual, 8th edition: pancreatic neuroendocrine tumours",
    note="T, N, M and stage groups verified in the AJCC 8th TNM calculator text and UICC 8 pages.",
)

ENETS_2023_FUNCTIONING = Source(
    short="ENETS 2023 functioning panNET syndromes (Hofland 2023)",
    reference=(
        "Hofland J et al. ENETS 2023 guidance on functioning pancreatic NET syndromes. "
        "J Neuroendocrinol 2023"
    ),
    doi="10.1111/jne.13318",
)

HAUSER_2019 = Source(
    short="Hauser 2019 review",
    reference=(
        "Hauser H et al. Systemic Therapies for Metastatic Pancreatic Neuroendocrine Tumors. "
        "Curr Treat Options Oncol 2019;20(12):87"
    ),
    pmid="31776785",
    doi="10.1007/s11864-019-0690-x",
)


def reference_list(*sources: Source) -> Table:
    """A references table for the end of a lesson.

    >>> reference_list(HAUSER_2019).rows[0]["identifiers"]
    'PMID 31776785; DOI 10.1007/s11864-019-0690-x'
    """
    rows = []
    for source in sources:
        ids = "; ".join(
            x
            for x in (
                f"PMID {source.pmid}" if source.pmid else "",
                f"DOI {source.doi}" if source.doi else "",
            )
            if x
        )
        rows.append(
            {"reference": source.reference, "identifiers": ids or "-", "note": source.note or "-"}
        )
    return Table(rows)
