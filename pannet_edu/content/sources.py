"""Citations for the rules coded in Python, and the one vocabulary of confidence marks.

Trial and therapy numbers live in the data files with their own citations; this module holds the
sources behind the thresholds written as constants in :mod:`pannet_edu.pathology` and
:mod:`pannet_edu.staging`, the guidelines the lessons cite, and :data:`MARKS`: the small marks a
reference list or a trial table shows beside a source that is not a checked paper or label. Every
table in the toolkit takes its marks from here, and :func:`mark_legend` explains them once.

>>> WHO_2019.short
'WHO 2019 digestive-system classification (Nagtegaal 2020)'
>>> confidence_mark("secondary", "congress"), confidence_mark("verified", "journal")
('congress report', '')
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..display import Table

#: The confidence marks shown to learners, each with its meaning. A source without a mark was
#: checked in the paper or label it cites. One vocabulary for every table and reference list.
MARKS = {
    "congress report": (
        "figures from a congress abstract or presentation; the peer-reviewed paper, if any, was "
        "not the source of these numbers"
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
            f"got {confidence!r}"
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

    @property
    def checked_on(self) -> datetime.date | None:
        """``last_checked`` as a date, or ``None``.

        >>> AJCC_9.checked_on.year
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
    doi="10.1111/his.13975",
    note="",
    last_checked="2026-12-01",
)

WHO_2022 = Source(
    short="WHO 2022 endocrine and neuroendocrine classification (Rindi 2022)",
    reference=(
        "Rindi G et al. WHO 2022 classification of neuroendocrine neoplasms. "
        "Endocr Pathol 2022;33:115-154"
    ),
    last_checked="2026-12-01",
)

AJCC_8 = Source(
    short="AJCC 8th edition, pancreatic NET",
    reference="AJCC Cancer Staging Manual, 8th edition: pancreatic neuroendocrine tumours",
    last_checked="2026-11-26",
)

AJCC_9 = Source(
    short="AJCC version 9, GEP-NET staging (CA Cancer J Clin 2024)",
    reference=(
        "Critical updates in neuroendocrine tumors: Version 9 American Joint Committee on Cancer "
        "staging system for gastroenteropancreatic neuroendocrine tumors. "
        "CA Cancer J Clin 2024;74(4):359-367"
    ),
    pmid="38685134",
    doi="10.3322/caac.21840",
    last_checked="2026-12-01",
)

AJCC_9_PANCREAS = Source(
    short="AJCC version 9 protocol, NETs of the pancreas (Rindi, Dasari, Hope et al.)",
    reference=(
        "Rindi G, Dasari A, Hope TA, Mittra E, Thomas SM, Wei AC, for the AJCC Expert Panel. "
        "AJCC Cancer Staging Protocol, version 9: neuroendocrine tumors of the pancreas"
    ),
    last_checked="2026-12-01",
)

ENETS_2023_FUNCTIONING = Source(
    short="ENETS 2023 functioning panNET syndromes (Hofland 2023)",
    reference=(
        "Hofland J et al. ENETS 2023 guidance on functioning pancreatic NET syndromes. "
        "J Neuroendocrinol 2023"
    ),
    doi="10.1111/jne.13318",
    last_checked="2026-12-01",
)

ENETS_2023_NF_PANNET = Source(
    short="ENETS 2023 non-functioning panNET guidance (Kos-Kudla 2023)",
    reference=(
        "Kos-Kudla B et al. European Neuroendocrine Tumour Society (ENETS) 2023 guidance paper for "
        "nonfunctioning pancreatic neuroendocrine tumours. J Neuroendocrinol 2023"
    ),
    doi="10.1111/jne.13343",
    last_checked="2026-12-01",
)

ENETS_NET_G3 = Source(
    short="ENETS position statement on NET G3 (McNamara)",
    reference=(
        "McNamara MG, Sorbye H, Begum N, et al. Controversies in NEN: an ENETS position statement "
        "on the treatment of patients with grade 3 well-differentiated neuroendocrine tumours of "
        "the gastroenteropancreatic tract. J Neuroendocrinol"
    ),
    doi="10.1111/jne.70080",
    last_checked="2026-12-01",
)

COMMNETS_NANETS_BIOMARKERS = Source(
    short="CommNETS/NANETS biomarker guideline (Loree 2024)",
    reference=(
        "Loree JM et al. Biomarkers to inform prognosis and treatment for unresectable or "
        "metastatic GEP-NENs. JAMA Oncol 2024"
    ),
    doi="10.1001/jamaoncol.2024.4330",
    last_checked="2026-12-01",
)

ESMO_2020 = Source(
    short="ESMO 2020 GEP-NEN guideline (Pavel 2020)",
    reference=(
        "Pavel M et al. Gastroenteropancreatic neuroendocrine neoplasms: ESMO Clinical Practice "
        "Guidelines for diagnosis, treatment and follow-up. Ann Oncol 2020;31(7):844-860"
    ),
    doi="10.1016/j.annonc.2020.03.304",
    last_checked="2026-12-01",
)

SATOREOTIDE_PHASE1 = Source(
    short="177Lu-satoreotide tetraxetan phase I (Reidy-Lagunes 2019)",
    reference=(
        "Reidy-Lagunes D et al. Phase I trial of well-differentiated neuroendocrine tumors (NETs) "
        "with radiolabeled somatostatin antagonist 177Lu-satoreotide tetraxetan. "
        "Clin Cancer Res 2019;25(23):6939-6947"
    ),
    pmid="31439583",
    doi="10.1158/1078-0432.CCR-19-1026",
    last_checked="2026-12-01",
)

SATOREOTIDE_PHASE12 = Source(
    short="177Lu-satoreotide tetraxetan phase I/II (Wild 2023)",
    reference=(
        "Wild D et al. A phase I/II study of the safety and efficacy of [177Lu]Lu-satoreotide "
        "tetraxetan in advanced somatostatin receptor-positive neuroendocrine tumours. "
        "Eur J Nucl Med Mol Imaging 2023;51(1):183-195"
    ),
    pmid="37721581",
    doi="10.1007/s00259-023-06383-1",
    last_checked="2026-12-01",
)

HAUSER_2019 = Source(
    short="Hauser 2019 review",
    reference=(
        "Hauser H et al. Systemic Therapies for Metastatic Pancreatic Neuroendocrine Tumors. "
        "Curr Treat Options Oncol 2019;20(12):87"
    ),
    pmid="31776785",
    doi="10.1007/s11864-019-0690-x",
    last_checked="2026-11-26",
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
    last_checked="2026-12-01",
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


# --- Label and regulatory sources the cases cite beside the trials (each with its confidence
# mark, as the clinical reference gives it).
CAPECITABINE_LABEL = Source(
    short="Capecitabine prescribing information (DPYD, heart, kidneys)",
    reference=(
        "Xeloda (capecitabine) US prescribing information, boxed warning: test for DPYD variants "
        "before starting unless treatment is urgent (openFDA label, 2026; FDA safety-labeling "
        "communication 5 Feb 2026); renal dosing: creatinine clearance 30-50 mL/min start at 75%, "
        "below 30 mL/min contraindicated (US generic label, sections 2.4 and 4.1); "
        "cardiotoxicity more common with prior coronary disease (capecitabine label text)"
    ),
    note="verified (cardiotoxicity wording from non-US label text)",
)
BELZUTIFAN_LABEL = Source(
    short="Belzutifan prescribing information (embryo-fetal toxicity)",
    reference=(
        "Welireg (belzutifan) US prescribing information: boxed warning for embryo-fetal "
        "toxicity; effective non-hormonal contraception during treatment and for 1 week after "
        "(hormonal contraceptives may fail); anaemia (withhold below 8 g/dL) and hypoxia. EU "
        "conditional approval 18 Feb 2025, for VHL tumours where localised procedures are "
        "unsuitable"
    ),
    note="verified (contraception duration from a secondary label summary)",
)
SURUFATINIB_APPROVALS = Source(
    short="Surufatinib approvals (China 2021; FDA complete response letter 2022)",
    reference=(
        "Surufatinib approved by China's NMPA for pancreatic NET on 18 Jun 2021 (HUTCHMED); FDA "
        "complete response letter 2 May 2022 (Healio, 3 May 2022); EU application withdrawn "
        "(Citeline Pink Sheet)"
    ),
    note="verified",
)
CABOZANTINIB_APPROVALS = Source(
    short="Cabozantinib approvals (FDA March 2025; EU July 2025)",
    reference=(
        "Cabozantinib: FDA approval March 2025 for previously treated pNET and epNET (12 years "
        "and older); European Commission approval 24 Jul 2025 for adults after at least one prior "
        "systemic therapy other than an SSA (Exelixis release)"
    ),
    note="verified",
)


def reference_list(*sources: Source) -> Table:
    """A references table for the end of a lesson: reference, identifiers and the source's mark
    (empty for a checked source; the marks are explained by :func:`mark_legend`).

    >>> reference_list(HAUSER_2019).rows[0]["identifiers"]
    'PMID 31776785; DOI 10.1007/s11864-019-0690-x'
    >>> reference_list(HAUSER_2019).rows[0]["mark"]
    ''
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
            {"reference": source.reference, "identifiers": ids or "-", "mark": source.note}
        )
    return Table(rows)

__all__ = [
    "AJCC_8",
    "AJCC_9",
    "AJCC_9_PANCREAS",
    "BELZUTIFAN_FDA",
    "BELZUTIFAN_LABEL",
    "CABOZANTINIB_APPROVALS",
    "CAPECITABINE_LABEL",
    "COMMNETS_NANETS_BIOMARKERS",
    "ENETS_2023_FUNCTIONING",
    "ENETS_2023_NF_PANNET",
    "ENETS_G3_STATEMENT",
    "ENETS_NET_G3",
    "ESMO_2020",
    "GAMAGE_2025",
    "HAUSER_2019",
    "HOPE_2020",
    "INSULINOMA_PRRT_2025",
    "LUTATHERA_LABEL",
    "MARKS",
    "MATEJ_2016",
    "MULTIDISCIPLINARY_PRACTICE",
    "NET_02",
    "PRODIGE_41",
    "PROMID_OS",
    "PRRT_RETREATMENT_META",
    "SATOREOTIDE_PHASE1",
    "SATOREOTIDE_PHASE12",
    "SORBYE_2023",
    "STARTER_NET",
    "SURUFATINIB_APPROVALS",
    "VAN_DER_ZWAN_2019",
    "WHO_2019",
    "WHO_2022",
    "Source",
    "confidence_mark",
    "mark_legend",
    "reference_list",
]
