"""Small trial and toxicity tables for the plot and explorer tests, independent of the data files.

The values are test input with the columns of ``pannet_edu.trials()`` and
``pannet_edu.evidence.toxicity_table()``; the tests check what the figures and tables do with
them (which rows are drawn, skipped or flagged), not the clinical content.
"""

import pandas as pd

TRIAL_COLUMNS = [
    "trial", "cohort", "therapy", "therapy_class", "comparator", "design", "phase", "population",
    "pannet", "setting", "time_endpoint", "n", "pfs_median", "pfs_median_control",
    "pfs_median_not_reached", "hr", "hr_low", "hr_high", "orr", "orr_control", "pmid", "doi",
    "citation", "confidence",
]
_RCT = "randomised_controlled"


def trial_rows() -> pd.DataFrame:
    """Nine cohorts covering: HR with and without CI, no HR, no panNET enrolled, single arm,
    retrospective series, TTP, and a median not reached."""
    rows = [
        ("PROMID", "all", "ssa", "ssa", "placebo", _RCT, "IIIb", "midgut NET", "no",
         "first line", "TTP", 85, 14.3, 6.0, False, 0.34, 0.20, 0.59, None, None, "19704057",
         None, "Rinke 2009", "verified"),
        ("CLARINET", "all", "ssa", "ssa", "placebo", _RCT, "III", "enteropancreatic NET", "part",
         "first line", "PFS", 204, None, 18.0, True, 0.47, 0.30, 0.73, None, None, "25014687",
         None, "Caplin 2014", "verified"),
        ("RADIANT-3", "all", "everolimus", "mtor_inhibitor", "placebo", _RCT, "III", "panNET",
         "yes", "progressive", "PFS", 410, 11.0, 4.6, False, 0.35, 0.27, 0.45, None, None,
         "21306238", None, "Yao 2011", "verified"),
        ("CABINET", "pancreatic", "cabozantinib", "tki", "placebo", _RCT, "III", "panNET", "yes",
         "pretreated", "PFS", 95, 13.8, 4.4, False, 0.23, 0.12, 0.42, 19.0, 0.0, "39282913",
         None, "Chan 2025", "conflicting"),
        ("CABINET", "extrapancreatic", "cabozantinib", "tki", "placebo", _RCT, "III",
         "extrapancreatic NET", "no", "pretreated", "PFS", 203, 8.4, 3.9, False, 0.38, 0.25,
         0.59, 5.0, 0.0, "39282913", None, "Chan 2025", "conflicting"),
        ("E2211", "all", "capecitabine_temozolomide", "chemotherapy", "temozolomide alone", _RCT,
         "II", "panNET", "yes", "progressive", "PFS", 144, 22.7, 14.4, False, 0.58, None, None,
         None, None, "36260828", None, "Kunz 2023", "verified"),
        ("OCLURANDOM", "all", "prrt", "prrt", "sunitinib", "randomised_non_comparative", "II",
         "panNET", "yes", "pretreated", "PFS", 84, 20.7, 11.0, False, None, None, None, None,
         None, None, None, "ESMO 2022 887O", "secondary"),
        ("Kouvaraki 2004", "all", "streptozocin_based", "chemotherapy", None, "retrospective",
         "retrospective", "panNET", "yes", "not restricted", None, 84, None, None, False, None,
         None, None, 39.0, None, None, "10.1007/s11605-016-3270-4", "Kouvaraki 2004",
         "secondary"),
        ("CLARINET FORTE", "pancreatic", "ssa", "ssa", None, "single_arm", "II", "panNET", "yes",
         "after SSA", "PFS", 48, 5.6, None, False, None, None, None, None, None, None, None,
         "ESMO 2020 report", "secondary"),
    ]
    frame = pd.DataFrame(rows, columns=TRIAL_COLUMNS)
    for column in ("pfs_median", "pfs_median_control", "hr", "hr_low", "hr_high", "orr",
                   "orr_control"):
        frame[column] = frame[column].astype("Float64")
    frame["n"] = frame["n"].astype("Int64")
    return frame


def toxicity_rows() -> pd.DataFrame:
    """Three therapies, seven (therapy, toxicity) pairs, six distinct toxicities, three rates."""
    rows = [
        ("everolimus", "mtor_inhibitor", "stomatitis", 64.0, 17.0, None, "RADIANT-3"),
        ("everolimus", "mtor_inhibitor", "hyperglycaemia", None, None, None, "RADIANT-3"),
        ("everolimus", "mtor_inhibitor", "diarrhoea", 34.0, 10.0, None, "RADIANT-3"),
        ("sunitinib", "tki", "hypertension", None, None, None, "post-marketing data"),
        ("sunitinib", "tki", "diarrhoea", None, None, None, "safety analysis"),
        ("prrt", "prrt", "myelosuppression", None, None, 3.0, "label"),
        ("prrt", "prrt", "renal toxicity", None, None, None, "label"),
    ]
    frame = pd.DataFrame(rows, columns=["therapy", "therapy_class", "effect", "percent",
                                        "percent_control", "grade3plus_percent", "source"])
    for column in ("percent", "percent_control", "grade3plus_percent"):
        frame[column] = frame[column].astype("Float64")
    return frame
