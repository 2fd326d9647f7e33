# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 2: Imaging and syndromes, the inputs that steer systemic therapy
#
# > **For education only.** The appraisal engine teaches reasoning with published evidence; it
# > never gives advice about a real patient. Treatment is decided by a multidisciplinary team.
#
# ## Objectives
# By the end of this lesson you can:
# 1. explain what somatostatin-receptor (SSTR) imaging shows and why it **gates** two therapy
#    classes: somatostatin analogues (SSAs) and peptide receptor radionuclide therapy (PRRT);
# 2. read a **Krenning score** and the "uptake compared with liver" language of trial reports;
# 3. say what **FDG-PET** and **heterogeneous** SSTR uptake add;
# 4. recognise the **functional syndromes** (insulinoma, gastrinoma, glucagonoma, VIPoma,
#    somatostatinoma, ACTHoma and rarer ones) and how controlling the hormone changes the choice;
# 5. name the **hereditary syndromes** (MEN1, VHL, NF1, TSC) and the one with its own drug (VHL);
# 6. predict how the appraisal engine's verdicts move when SSTR status or a syndrome changes.
#
# Lesson 1 taught grade and differentiation; this lesson adds the other patient facts that decide
# which therapies can work.

# %% tags=["handout-remove"]
from pannet_edu.content.reviews import lesson_review

lesson_review("02_imaging_and_syndromes")

# %%
import pannet_edu as pe
from pannet_edu import engine, vocab
from pannet_edu.clinic import imaging, syndromes
from pannet_edu.content.sources import ENETS_2023_FUNCTIONING, HAUSER_2019, reference_list
from pannet_edu.engine import Patient, what_if
from pannet_edu.evidence import trial_references
from pannet_edu.practice.selfcheck import Check, choice_check, exercise_check, verdict_check
from pannet_edu.views.appraisal import verdict_grid
from pannet_edu.views.wording import plain
from pannet_edu.widgets import PatientAppraisal, SelfCheck


def show_changes(table):
    """Print what_if() results line by line (fixed formatting, stable under nbval)."""
    if table.empty:
        print("No verdict changes.")
    for therapy, row in table.iterrows():
        print(f"{engine.THERAPY_NAMES[therapy]}: {row.before} -> {row.after}")
        print(f"    why: {row.why}")


# %% [markdown]
# ## 1. Why imaging decides what can work
# Many well-differentiated NETs carry **somatostatin receptors** on their cells. Two therapy
# classes use them:
# - an **SSA** (lanreotide, octreotide) binds the receptor to slow growth and control hormones;
# - **PRRT** (177Lu-DOTATATE) uses the receptor to carry radiation into the tumour.
#
# Both need receptors on the tumour, and SSTR imaging is how we see them. The trials that proved
# these drugs enrolled only SSTR-positive disease. The methods, newest first:

# %%
imaging.modalities_table()

# %% [markdown]
# ## 2. The Krenning score: uptake compared with liver and spleen
# Uptake in each lesion is graded by eye against normal liver and spleen. The scale was defined on
# scintigraphy and is now also applied to SSTR PET:

# %%
imaging.krenning_table()

# %% [markdown]
# The trials wrote their imaging requirements in these terms. Note how the bar rose from
# "Krenning 2 or more" to "above liver" in NETTER-2, and that the drug label says only
# "SSTR-positive":

# %%
imaging.trial_requirements_table()

# %% [markdown]
# ### From a report to the engine's SSTR status
# A tumour board reads the weakest lesion, because PRRT reaches each lesion only as far as that
# lesion takes up the tracer. Uptake **above** liver (Krenning 3-4) in every lesion is a clear PRRT
# target. Uptake **equal to** liver (Krenning 2) meets the EU label's threshold ("at least as high
# as normal liver"): a weaker but real target, and SSTR-positive for an SSA (CLARINET's floor).
# Uptake **below** liver (Krenning 1) is not a PRRT target. Some texts define grade 2 as
# "slightly lower than or equal to" liver: a lesion read as slightly below liver does not meet the
# EU threshold, so read such a lesion as below liver. Weak lesions beside strong ones make the
# disease heterogeneous. NETTER-1 stratified its patients by Krenning score (2, 3 or 4). The
# package turns per-lesion scores into the engine's word:

# %%
reports = {
    "every lesion intense": [4, 4, 3],
    "one lesion faint": [4, 3, 1],
    "all at liver level": [2, 2, 2],
    "all below liver": [1, 1],
    "nothing takes up": [0, 0, 0],
    "not imaged": [],
}
for label, scores in reports.items():
    reading = imaging.read_sstr_imaging(scores)
    print(f"{label:<22} scores {scores!s:<10} {reading.explanation}")

# %% [markdown]
# ## 3. FDG-PET and heterogeneous disease
# SSTR imaging shows receptors; **FDG-PET** shows glucose use, which rises with aggressive,
# higher-grade biology. Read together ("dual-tracer" imaging), they reveal lesions that are
# FDG-avid but SSTR-poor: those lesions escape an SSA and PRRT. The patterns and what they mean:

# %%
imaging.patterns_table()

# %% [markdown]
# ## 4. Watch the engine react to SSTR status
# Take one patient, a NET G2 with Ki-67 8%, whose disease has progressed on an SSA, and change only
# the SSTR result. Predict first: which verdicts will move?

# %%
base = Patient(ki67=8, sstr="positive", progressing=True, prior=["ssa"])
print(base.describe())
verdict_grid(
    {status.replace("_", " "): Patient(ki67=8, sstr=status, progressing=True, prior=["ssa"])
     for status in vocab.SSTR_STATUSES},
    therapies=["ssa", "prrt", "everolimus", "capecitabine_temozolomide"],
)

# %% [markdown]
# Only the two receptor-dependent classes moved. `what_if` says **why**, one therapy at a time:

# %%
show_changes(what_if(base, sstr="negative"))

# %% [markdown]
# Heterogeneous uptake does more than gate: with progression it signals aggressive biology, and
# the engine then favours treatments that shrink tumours.

# %%
show_changes(what_if(base, sstr="heterogeneous"))

# %% [markdown]
# ## 5. Try it: the appraisal tool
# Change one control at a time and read which verdicts move. Suggestions:
# - set **SSTR imaging** to *negative*, then *unknown*: what happens to the SSA and PRRT?
# - choose **Insulinoma** as the functional syndrome and tick **Symptomatic** (hypoglycaemia):
#   why does the SSA move the *other* way from everolimus?
# - add **Low marrow reserve** to the comorbidities: which options turn to caution?
# - type **abc** as Ki-67: the tool tells you what it accepts.

# %%
PatientAppraisal(ki67="8", sstr="positive", progressing=True, prior=("ssa",))

# %% [markdown]
# ## 6. Functional syndromes: control the hormone first
# A functional panNET secretes a hormone that causes its own syndrome. The hormone can be the
# most urgent problem, so controlling it comes first, and the syndrome changes which drugs fit.
# Rarer functioning tumours also exist:

# %%
print(f"Rarer functioning syndromes: {syndromes.load_syndromes().rarer_functional}.")
syndromes.syndrome_table("functional")

# %% [markdown]
# The same low-grade, SSTR-positive, stable patient with different syndromes. Predict the SSA and
# everolimus verdicts for an insulinoma before you run the cell.

# %%
labels = {"non-functioning": None, "insulinoma": "insulinoma", "gastrinoma": "gastrinoma",
          "VIPoma": "vipoma", "glucagonoma": "glucagonoma"}
verdict_grid(
    {label: Patient(ki67=5, sstr="positive", syndrome=syndrome, symptomatic=syndrome is not None)
     for label, syndrome in labels.items()},
    therapies=["ssa", "everolimus", "capecitabine_temozolomide"],
)

# %% [markdown]
# The insulinoma column is the lesson: an SSA can **worsen** hypoglycaemia, and everolimus, which
# **raises** glucose, is not the first answer. Hypoglycaemia is controlled step by step: frequent
# meals and glucose, then diazoxide; everolimus or PRRT (and cytoreduction) when it stays
# refractory. The engine's reasons, first for an untreated insulinoma, then for refractory
# hypoglycaemia:

# %%
show_changes(what_if(Patient(ki67=5, sstr="positive"), syndrome="insulinoma", symptomatic=True))
print()
show_changes(what_if(Patient(ki67=5, sstr="positive", syndrome="insulinoma", symptomatic=True),
                     hypoglycaemia_refractory=True))

# %% [markdown]
# Notice what did *not* change: hormonal symptoms alone do not make chemotherapy preferred. In the
# engine, symptoms call for tumour shrinkage only when they come from the tumour itself, not from
# the hormone.

# %% [markdown]
# ## 7. Hereditary syndromes
# A minority of panNETs arise in an inherited syndrome (Geurts 2020). Recognising one changes
# surveillance, surgery and family counselling, and in VHL it brings a drug of its own.

# %%
syndromes.syndrome_table("hereditary")

# %% [markdown]
# *Caveat.* This list rests on a review (Geurts 2020), which names the same syndromes (plus the
# rarer MEN4), not on a guideline: check a current guideline before relying on it. The engine has
# a therapy rule only for VHL:

# %%
show_changes(what_if(Patient(ki67=5, sstr="positive"), hereditary="VHL"))
print()
for note in pe.appraise(Patient(ki67=5, sstr="positive", hereditary="MEN1")).attrs["notes"]:
    print("Note for MEN1:", note)

# %% [markdown]
# ## Check your understanding
# Decide first: write your answer in each box, then press **Show the answer**. Your answer is
# kept once the answer shows. Each answer comes from the same functions the tools use.

# %%
q2 = imaging.read_sstr_imaging([2, 2, 2]).explanation
q3 = engine.evaluate(Patient(ki67=8, sstr="negative", progressing=True, prior=["ssa"]))
q4 = pe.appraise(Patient(ki67=5, sstr="positive", syndrome="insulinoma", symptomatic=True,
                         hypoglycaemia_refractory=True))
q5 = [h for h in vocab.HEREDITARY_SYNDROMES
      if pe.appraise(Patient(ki67=5, hereditary=h)).loc["belzutifan", "verdict"] != "not suitable"]
belzutifan = {h: pe.appraise(Patient(ki67=5, hereditary=h)).loc["belzutifan"]
              for h in vocab.HEREDITARY_SYNDROMES}
q5 = [h for h, row in belzutifan.items() if row["verdict"] != "not suitable"]

def first_reason(row):
    """The engine's first reason for a verdict, as one sentence."""
    return row["reasons"].split(". ")[0].rstrip(".") + "."
SelfCheck([
    exercise_check("Lesions score Krenning 4, 3 and 1. Is the disease SSTR-positive, "
                   "heterogeneous or negative?", "sstr_reading", krenning_scores=[4, 3, 1]),
    choice_check("Three lesions all score 2. Would they meet NETTER-2's \"above liver\" "
                 "requirement, and the EU label's?", "the EU label's only", q2,
                 {"both": "", "neither": "", "NETTER-2 only": ""},
                 accepted=["EU label", "only the EU label", "EU label only"]),
    verdict_check("SSTR-negative, progressing NET G2 after an SSA: what is the engine's verdict "
                  "on PRRT, and why?", q3["prrt"].verdict, q3["prrt"].decisive[0].reason),
    Check("Malignant insulinoma with hypoglycaemia that persists despite diet, glucose and "
          "diazoxide: what does the engine say of an SSA, everolimus and PRRT?",
          "; ".join(f"{plain(t)}: {q4.loc[t, 'verdict']}" for t in ("ssa", "everolimus", "prrt")),
          explanation=" ".join(first_reason(q4.loc[t]) for t in ("ssa", "everolimus", "prrt"))),
    choice_check("Which hereditary syndrome changes the engine's verdict on belzutifan?",
                 ", ".join(q5),
                 " ".join(f"{h}: {belzutifan[h]['verdict']}. {first_reason(belzutifan[h])}"
                          for h in q5),
                 {h: first_reason(row) for h, row in belzutifan.items() if h not in q5}),
])

# %% [markdown]
# ## Summary
# - SSTR imaging (now SSTR PET; earlier scintigraphy with the Krenning score) decides whether an SSA
#   can act on growth and whether PRRT can deliver radiation. The trials enrolled SSTR-positive
#   disease; NETTER-2 asked for uptake above liver, the EU label for uptake at least that of liver.
#   Uptake equal to liver (Krenning 2) is SSTR-positive for an SSA and a weaker but real PRRT
#   target; uptake below liver (Krenning 1) is not a PRRT target.
# - SSTR-negative disease rules PRRT out and leaves an SSA without proven antiproliferative effect;
#   unknown status means *image first*; heterogeneous uptake (often with FDG-avid lesions) signals
#   aggressive biology and lesions that would escape receptor-targeted therapy.
# - Functional syndromes: control the hormone first. SSAs control VIPoma and glucagonoma syndromes
#   but can worsen hypoglycaemia in insulinoma, which is controlled stepwise (meals, glucose,
#   diazoxide; then everolimus, PRRT or cytoreduction if refractory); gastrinoma starts with
#   high-dose proton-pump inhibitors.
# - Hereditary syndromes (MEN1, VHL, NF1, TSC) change surveillance and counselling; in VHL the
#   HIF-2α inhibitor belzutifan has its own evidence.
#
# Next: lesson 3, somatostatin analogues.
#
# ## References

# %%
cited = [
    HAUSER_2019,
    ENETS_2023_FUNCTIONING,
    *trial_references(["CLARINET", "NETTER-1", "NETTER-2", "LITESPARK-004"]),
    *imaging.references(),
    *syndromes.references(),
]
unique = {}  # the imaging and syndrome files cite some of the same papers: list each once
for source in cited:
    unique.setdefault(source.doi or source.reference, source)
reference_list(*unique.values())
