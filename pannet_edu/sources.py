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


# --- Sources for the options beyond a first drug (surgery, trials, re-treatment, NEC second line)
PRODIGE_41 = Source(
    short="PRODIGE 41-BEVANEC (Walter 2023)",
    reference=(
        "Walter T et al. FOLFIRI with or without bevacizumab after platinum-etoposide in "
        "neuroendocrine carcinoma (PRODIGE 41-BEVANEC). Lancet Oncol 2023;24(3):297-306"
    ),
    pmid="36739879",
    doi="10.1016/S1470-2045(23)00001-3",
    note="verified",
)
NET_02 = Source(
    short="NET-02 (McNamara 2023)",
    reference=(
        "McNamara MG et al. Liposomal irinotecan with 5-FU/folinic acid or docetaxel after "
        "platinum-etoposide in neuroendocrine carcinoma (NET-02). EClinicalMedicine "
        "2023;60:102015"
    ),
    pmid="37287870",
    doi="10.1016/j.eclinm.2023.102015",
    note="verified",
)
VAN_DER_ZWAN_2019 = Source(
    short="Rotterdam PRRT re-treatment series (van der Zwan 2019)",
    reference=(
        "van der Zwan WA et al. Salvage peptide receptor radionuclide therapy with "
        "177Lu-DOTATATE in patients with neuroendocrine tumours. Eur J Nucl Med Mol Imaging "
        "2019;46(3)"
    ),
    note="verified",
)
PRRT_RETREATMENT_META = Source(
    short="PRRT re-treatment meta-analysis (Cancer Treat Rev 2020)",
    reference=(
        "Meta-analysis of 177Lu-PRRT re-treatment (7 studies, 414 patients). Cancer Treat Rev, "
        "online 22 Dec 2020"
    ),
    note="verified",
)
INSULINOMA_PRRT_2025 = Source(
    short="PRRT in malignant insulinoma (Endocr Relat Cancer 2025)",
    reference=(
        "PRRT in malignant insulinoma: a two-centre series of 15 patients. "
        "Endocr Relat Cancer 2025"
    ),
    pmid="40424062",
    doi="10.1530/ERC-25-0018",
    note="verified",
)
STARTER_NET = Source(
    short="STARTER-NET (JCOG1901; congress reports)",
    reference=(
        "STARTER-NET (JCOG1901): everolimus with or without lanreotide, first line. Protocol: "
        "Pancreatology 2020;20(6):1183-1188. Results: ASCO GI 2025 interim and ENETS 2025 "
        "(congress reports; no journal paper found)"
    ),
    pmid="32798144",
    doi="10.1016/j.pan.2020.07.010",
    note="congress report",
)
PROMID_OS = Source(
    short="PROMID long-term survival (Rinke 2017)",
    reference="Rinke A et al. PROMID long-term overall survival. Neuroendocrinology 2017;104:26-32",
    note="verified",
)
ENETS_G3_STATEMENT = Source(
    short="ENETS NET G3 position statement (McNamara)",
    reference=(
        "McNamara MG et al. An ENETS position statement on the treatment of patients with "
        "grade 3 well-differentiated NETs of the GEP tract. J Neuroendocrinol"
    ),
    doi="10.1111/jne.70080",
    note="verified",
)
MULTIDISCIPLINARY_PRACTICE = Source(
    short="multidisciplinary practice [expert practice, no trial]",
    reference="Tumour-board practice for metastatic panNET (expert consensus; no randomised trial)",
    note="expert practice",
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
