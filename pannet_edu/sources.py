"""Citations for the rules coded in Python (grading and staging cut-offs).

Trial and therapy numbers live in the data files with their own citations; this module holds only
the sources behind the thresholds written as constants in :mod:`pannet_edu.pathology` and
:mod:`pannet_edu.staging`. Each entry keeps the confidence mark given in the project's reference
file (``shared/clinical/REFERENCE.md``).

>>> WHO_2019.short
'WHO 2019 digestive-system classification (Nagtegaal 2020)'
"""

from __future__ import annotations

import re
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


# --- Guideline, label and review sources cited by the sequencing engine ---------------
SORBYE_2023 = Source(
    short="ENETS 2023 digestive NEC guidance (Sorbye 2023)",
    reference=(
        "Sorbye H et al. ENETS 2023 guidance paper for digestive neuroendocrine carcinoma. "
        "J Neuroendocrinol 2023"
    ),
    doi="10.1111/jne.13249",
)
HOPE_2020 = Source(
    short="NANETS/SNMMI PRRT consensus (Hope 2020)",
    reference=(
        "Hope TA et al. NANETS/SNMMI consensus statement on patient selection and appropriate "
        "use of 177Lu-DOTATATE peptide receptor radionuclide therapy. J Nucl Med 2020;61:222-227"
    ),
    note="Abstract page seen; recommendation wording not seen.",
)
GAMAGE_2025 = Source(
    short="Gamage 2025 (SSAs in insulinoma)",
    reference="Gamage I et al. Endocr Oncol 2025",
    doi="10.1530/EO-25-0005",
)
MATEJ_2016 = Source(
    short="Matej 2016 (everolimus for hypoglycaemia)",
    reference=(
        "Matej A et al. Glycemic control in patients with insulinoma. Hormones 2016;15:489-499"
    ),
    doi="10.14310/horm.2002.1706",
)
LUTATHERA_LABEL = Source(
    short="Lutathera prescribing information",
    reference="Lutathera (177Lu-DOTATATE) US prescribing information",
)
BELZUTIFAN_FDA = Source(
    short="FDA belzutifan approval, 13 Aug 2021",
    reference="US FDA approval of belzutifan for von Hippel-Lindau disease, 13 August 2021",
)


#: Confidence marks a source note may carry, as a reader should see them.
_NOTE_MARKS = {
    "secondary source": "secondary source",
    "conflicting source": "sources disagree",
    "memory-only source": "unconfirmed",
}
_URL = re.compile(r"https?://[^\s;]+")


def reader_note(note: str) -> str:
    """What a reader needs from a source's note: its confidence mark and its link, nothing of
    how the reference was checked (that stays in the data for instructors).

    >>> reader_note("Abstract page seen; wording not seen; secondary source; https://x.org/a")
    'secondary source; https://x.org/a'
    >>> reader_note("Citation verified; DOI from memory.")
    '–'
    """
    lowered = note.casefold()
    parts = [plain for mark, plain in _NOTE_MARKS.items() if mark in lowered]
    parts += [url.rstrip(".,)") for url in _URL.findall(note)]
    return "; ".join(parts) or "–"


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
        rows.append({
            "reference": source.reference,
            "identifiers": ids or "–",
            "confidence and link": reader_note(source.note),
        })
    return Table(rows)
