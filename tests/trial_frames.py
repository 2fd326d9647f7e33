"""Small trial and therapy tables for the plot and explorer tests, independent of the data files.

The values are illustrative test input with the same columns as ``pannet_edu.trials()``; the tests
check what the figures and tables do with them, not the clinical content.
"""

import pandas as pd

TRIAL_COLUMNS = [
    "trial", "cohort", "therapy", "therapy_class", "comparator", "phase", "population", "pannet",
    "setting", "primary_endpoint", "n", "pfs_median", "pfs_median_control", "hr", "hr_low",
    "hr_high", "orr", "orr_control", "pmid", "doi", "citation", "confidence",
]


def trial_rows() -> pd.DataFrame:
    """Eight cohorts covering: HR with CI, HR without CI, no HR, midgut only, single arm, TTP."""
    rows = [
        ("PROMID", "all", "ssa", "ssa", "placebo", "III", "midgut NET", "no", "first line", "TTP",
         85, 14.3, 6.0, 0.34, 0.20, 0.59, None, None, "19704057", None, "Rinke 2009", "verified"),
        ("RADIANT-3", "all", "everolimus", "mtor_inhibitor", "placebo", "III", "panNET", "yes",
         "progressive", "PFS", 410, 11.0, 4.6, 0.35, 0.27, 0.45, None, None, "21306238", None,
         "Yao 2011", "verified"),
        ("CABINET", "pancreatic", "cabozantinib", "tki", "placebo", "III", "panNET", "yes",
         "pretreated", "PFS", 95, 13.8, 4.4, 0.23, 0.12, 0.42, 19.0, 0.0, "39282913", None,
         "Chan 2025", "verified"),
        ("CABINET", "extrapancreatic", "cabozantinib", "tki", "placebo", "III", "extrapancreatic",
         "no", "pretreated", "PFS", 203, 8.4, 3.9, 0.38, 0.25, 0.59, 5.0, 0.0, "39282913", None,
         "Chan 2025", "verified"),
        ("E2211", "all", "capecitabine_temozolomide", "chemotherapy", "temozolomide", "II",
         "panNET", "yes", "progressive", "PFS", 144, 22.7, 14.4, 0.58, None, None, None, None,
         "36260828", None, "Kunz 2023", "verified"),
        ("OCLURANDOM", "all", "prrt", "prrt", "sunitinib", "II", "panNET", "yes", "pretreated",
         "PFS", 84, 20.7, 11.0, None, None, None, None, None, None, None, "ESMO 2022 887O",
         "secondary"),
        ("Moertel 1992", "all", "streptozocin_based", "chemotherapy", None, "III", "islet-cell",
         "yes", "first line", "ORR", 105, None, None, None, None, None, 69.0, None, "1310159",
         None, "Moertel 1992", "verified"),
        ("CLARINET FORTE", "pancreatic", "ssa", "ssa", None, "II", "panNET", "yes",
         "after SSA progression", "PFS", 48, 5.6, None, None, None, None, None, None, None, None,
         "ESMO 2020 report", "secondary"),
    ]
    frame = pd.DataFrame(rows, columns=TRIAL_COLUMNS)
    for column in ("n", "pfs_median", "pfs_median_control", "hr", "hr_low", "hr_high", "orr",
                   "orr_control"):
        frame[column] = frame[column].astype("Float64")
    return frame


def therapy_rows() -> pd.DataFrame:
    """Three catalogue entries with overlapping toxicities."""
    return pd.DataFrame(
        {
            "name": ["Everolimus", "Sunitinib", "PRRT"],
            "therapy_class": ["mtor_inhibitor", "tki", "prrt"],
            "toxicities": [
                ["stomatitis", "hyperglycaemia", "diarrhoea"],
                ["hypertension", "diarrhoea"],
                ["myelosuppression", "renal toxicity"],
            ],
            "sources": [["Yao 2011"], ["Raymond 2011"], ["Lutathera label"]],
        },
        index=["everolimus", "sunitinib", "prrt"],
    )
