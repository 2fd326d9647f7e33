"""Every vocabulary of the package, with its learner-facing words.

One home for each vocabulary, so the patient model, the catalogue (``data/therapies.yaml``), the
rules, the trial tables and every figure cannot drift apart. Learner-facing names sit beside the
ids. The therapy classes themselves (their words, colour, marker, group and lessons) are data:
the ``classes`` section of ``data/therapies.yaml``.

>>> VERDICTS[0], COMORBIDITY_NAMES["diabetes"]
('preferred', 'Diabetes')
>>> CLASS_GROUPS["radioligand"], DESIGN_WORDS["single_arm"]
('radioligand therapy', 'single arm')
"""

from __future__ import annotations

#: Verdicts from best to worst.
VERDICTS = ("preferred", "reasonable", "caution", "not suitable")
DIFFERENTIATIONS = ("well", "poor")
#: The WHO grades a trial population may name (``grades`` in ``data/evidence_scope.yaml``), each
#: with the label the pathology module gives a patient's Ki-67 and mitoses.
GRADE_LABELS = {"G1": "NET G1", "G2": "NET G2", "G3": "NET G3", "NEC": "NEC"}
#: SSTR imaging as the engine reads it, decided by the weakest lesion (the Krenning scale: 1 below
#: normal liver, 2 equal to liver, 3 above liver, 4 above spleen or kidneys). Uptake equal to liver
#: meets the EU Lutathera threshold (a weaker but real PRRT target); below liver is not a PRRT
#: target, though an SSA may still be considered.
SSTR_STATUSES = ("positive", "equal_to_liver", "below_liver", "heterogeneous", "negative",
                 "unknown")
#: The SSTR statuses as a learner reads them.
SSTR_NAMES = {
    "positive": "SSTR-positive (uptake above normal liver, Krenning 3-4)",
    "equal_to_liver": "SSTR uptake equal to normal liver (Krenning 2)",
    "below_liver": "SSTR uptake below normal liver (Krenning 1)",
    "heterogeneous": "SSTR-heterogeneous (some lesions without uptake)",
    "negative": "SSTR-negative",
    "unknown": "SSTR status unknown",
}
#: ECOG performance status, 0-4 (``None`` on a patient: not stated).
PERFORMANCE_STATUSES = (0, 1, 2, 3, 4)
PERFORMANCE_STATUS_NAMES = {
    0: "ECOG 0: fully active",
    1: "ECOG 1: restricted in strenuous activity, able to do light work",
    2: "ECOG 2: up and about more than half the day, unable to work",
    3: "ECOG 3: in bed or chair more than half the day, limited self-care",
    4: "ECOG 4: completely disabled, confined to bed or chair",
}
BURDENS = ("low", "high")
SYNDROMES = ("insulinoma", "gastrinoma", "glucagonoma", "vipoma", "somatostatinoma", "acthoma")
COMORBIDITIES = (
    "diabetes",
    "uncontrolled_hypertension",
    "cardiac_disease",
    "renal_impairment",
    "interstitial_lung_disease",
    "low_marrow_reserve",
    "severe_renal_impairment",
    "bleeding_risk",
    "gallstones",
    "hepatic_impairment",
    "severe_hepatic_impairment",
    "heart_failure",
)
HEREDITARY_SYNDROMES = ("MEN1", "VHL", "NF1", "TSC")
#: AJCC 8th M categories: M1a liver only; M1b extrahepatic only; M1c both.
M_CATEGORIES = ("M1a", "M1b", "M1c")
#: Regions whose approvals the catalogue records.
REGIONS = ("US", "EU", "China")
#: DPYD genotype / DPD activity before a fluoropyrimidine.
DPYD_STATUSES = ("unknown", "normal", "partial_deficiency", "complete_deficiency")

SYNDROME_NAMES = {
    "insulinoma": "Insulinoma",
    "gastrinoma": "Gastrinoma",
    "glucagonoma": "Glucagonoma",
    "vipoma": "VIPoma",
    "somatostatinoma": "Somatostatinoma",
    "acthoma": "ACTHoma",
}
COMORBIDITY_NAMES = {
    "diabetes": "Diabetes",
    "uncontrolled_hypertension": "Uncontrolled hypertension",
    "cardiac_disease": "Cardiac disease",
    "renal_impairment": "Renal impairment",
    "interstitial_lung_disease": "Interstitial lung disease",
    "low_marrow_reserve": "Low marrow reserve",
    "severe_renal_impairment": "Severe renal impairment (creatinine clearance below 30 mL/min)",
    "bleeding_risk": "Bleeding risk (recent bleeding or a bleeding tendency)",
    "gallstones": "Gallstones",
    "hepatic_impairment": "Moderate hepatic impairment (Child-Pugh B)",
    "severe_hepatic_impairment": "Severe hepatic impairment (Child-Pugh C)",
    "heart_failure": "Heart failure",
}
REGION_NAMES = {"US": "the US", "EU": "the EU", "China": "China"}
DPYD_NAMES = {
    "unknown": "DPYD not tested",
    "normal": "DPYD normal",
    "partial_deficiency": "partial DPD deficiency",
    "complete_deficiency": "complete DPD deficiency",
}

#: Patient states, beside the comorbidities, that a catalogue poor-fit factor may name.
PATIENT_STATES = {
    "dpyd_partial_deficiency": "Partial DPD deficiency",
    "dpyd_complete_deficiency": "Complete DPD deficiency",
    "pregnancy_possible": "May become pregnant",
    "pregnant": "Pregnant",
    "poor_performance_status": "Performance status 3-4 (ECOG)",
    "insulinoma": "Insulinoma (hypoglycaemia)",
}
#: Every factor a poor-fit entry in the catalogue may name.
POOR_FIT_FACTORS = (*COMORBIDITIES, *PATIENT_STATES)
FACTOR_NAMES = {**COMORBIDITY_NAMES, **PATIENT_STATES}

#: How sure the toolkit is of a fact: every data file's ``confidence`` codes, one vocabulary, each
#: with what it means. Each file allows the codes that fit what it holds (the tuples below); a code
#: other than "verified" is shown to the learner beside the fact.
CONFIDENCE = {
    "verified": "value seen in the cited source (journal report, abstract or label)",
    "secondary": "value seen only in a secondary source (congress report, review, news summary)",
    "congress report": "from a congress abstract or presentation; no peer-reviewed paper yet",
    "expert practice": "expert practice or guideline opinion, not tested in a trial",
    "conflicting": "sources disagree; the row cites the source whose numbers it uses",
    "memory-only": "not confirmed in any source; must be shown flagged as unconfirmed",
}
#: A catalogue fact (approval, poor-fit factor, check before the first dose).
FACT_CONFIDENCE = ("verified", "secondary", "congress report", "expert practice", "conflicting")
#: A row of the trials or toxicity tables.
TRIAL_CONFIDENCE = ("verified", "secondary", "conflicting", "memory-only")
#: A citation in the sources file, or an entry of the pipeline file.
SOURCE_CONFIDENCE = ("verified", "secondary", "conflicting")

#: Approval of a therapy for metastatic panNET in one region, and how the column words it.
APPROVAL_STATUSES = {
    "approved": "approved for this use",
    "approved_other_use": "approved for another use or age",
    "not_approved": "not approved",
    "investigational": "investigational",
    "not_recorded": "approval for this use not recorded",
    "not_applicable": "not a medicine (no approval needed)",
}
REGION_NOT_SET = "region not set"

#: Trial designs (the ``design`` column of ``data/trials.csv``) as a reader says them.
DESIGN_WORDS = {
    "randomised_controlled": "randomised controlled",
    "randomised_non_comparative": "randomised, non-comparative",
    "single_arm": "single arm",
    "retrospective": "retrospective",
}
#: The groups a therapy class belongs to (``group`` of a class in ``data/therapies.yaml``): what a
#: rule, a lesson or a figure asks of a class. Every group but ``non_drug`` is systemic drug
#: therapy.
#: Each group by name, for the rules that ask a therapy's group (never a typed group word).
GROUP_SSA, GROUP_TARGETED, GROUP_RADIOLIGAND = "ssa", "targeted", "radioligand"
GROUP_CHEMOTHERAPY, GROUP_NON_DRUG = "chemotherapy", "non_drug"
CLASS_GROUPS = {
    GROUP_SSA: "somatostatin analogue",
    GROUP_TARGETED: "targeted agent",
    GROUP_RADIOLIGAND: "radioligand therapy",
    GROUP_CHEMOTHERAPY: "chemotherapy",
    GROUP_NON_DRUG: "not a drug (surgery, liver-directed therapy, surveillance, a trial)",
}
#: Trial phases (the ``phase`` column of ``data/trials.csv``).
TRIAL_PHASES = ("Ib", "II", "III", "IIIb", "retrospective", "not stated")
#: Where patients stood when they entered the trial (the ``setting`` column).
TRIAL_SETTINGS = ("first line", "progressive", "after SSA", "pretreated", "not restricted")
#: Were panNETs enrolled? "no" marks evidence extrapolated to panNET (PROMID, NETTER-1).
PANNET_ENROLLED = ("yes", "no", "part")
#: The time-to-event measure held in the ``pfs_median`` columns.
TIME_ENDPOINTS = ("PFS", "TTP")
#: The kind of document a trial row's figures were read from: a journal paper, a congress
#: abstract or presentation, a later paper quoting the figure, a news or summary report, a label.
FIGURES_SOURCES = ("journal", "congress", "review", "summary", "label")
#: A lesson of the manifest: ``lesson`` keeps the lesson rhythm; ``orientation`` is the start page.
LESSON_KINDS = ("lesson", "orientation")
#: How a quiz question is answered.
QUESTION_KINDS = ("multiple_choice", "short_answer")
#: Marker shapes a therapy class may take in the trial figures (matplotlib codes); ``X`` is kept
#: for regimens outside the classes, ``>`` and ``<`` for the other radiopharmaceuticals.
PLOT_MARKERS = ("o", "s", "D", "^", "v", "P", "p", "*", "h")
#: The roles a therapy may declare (``roles`` of an entry in ``data/therapies.yaml``) where a rule
#: speaks of one kind of option that its class group does not pick out: the engine asks the
#: catalogue for the options in a role, never for a therapy by its id.
THERAPY_ROLES = {
    "not_for_nec": "named by the NEC guidance as not a treatment for neuroendocrine carcinoma",
    "nec_first_line": "the first-line platinum regimen for neuroendocrine carcinoma",
    "nec_second_line": "tested in neuroendocrine carcinoma after the platinum regimen",
    "vhl_directed": "evidence and approval only for von Hippel-Lindau disease",
    "insulinoma_hypoglycaemia": "treats hypoglycaemia that stays refractory in insulinoma",
    "resection": "surgery or ablation of all visible disease",
    "liver_embolisation": "liver-directed therapy: bland, chemo- or radio-embolisation",
    "watchful_waiting": "surveillance: watching with scans, no treatment yet",
    "trial_enrolment": "treatment within a clinical trial",
}

__all__ = [
                 "APPROVAL_STATUSES",
                 "BURDENS",
                 "CLASS_GROUPS",
                 "COMORBIDITIES",
                 "COMORBIDITY_NAMES",
                 "DESIGN_WORDS",
                 "DIFFERENTIATIONS",
                 "DPYD_NAMES",
                 "DPYD_STATUSES",
                 "FACTOR_NAMES",
                 "FACT_CONFIDENCE",
                 "FIGURES_SOURCES",
                 "GRADE_LABELS",
                 "GROUP_CHEMOTHERAPY",
                 "GROUP_NON_DRUG",
                 "GROUP_RADIOLIGAND",
                 "GROUP_SSA",
                 "GROUP_TARGETED",
                 "HEREDITARY_SYNDROMES",
                 "LESSON_KINDS",
                 "M_CATEGORIES",
                 "PANNET_ENROLLED",
                 "PATIENT_STATES",
                 "PERFORMANCE_STATUSES",
                 "PERFORMANCE_STATUS_NAMES",
                 "PLOT_MARKERS",
                 "POOR_FIT_FACTORS",
                 "QUESTION_KINDS",
                 "REGIONS",
                 "REGION_NAMES",
                 "REGION_NOT_SET",
                 "SSTR_NAMES",
                 "SSTR_STATUSES",
                 "SYNDROMES",
                 "SYNDROME_NAMES",
                 "THERAPY_ROLES",
                 "TIME_ENDPOINTS",
                 "TRIAL_PHASES",
                 "TRIAL_SETTINGS",
                 "VERDICTS",
]
