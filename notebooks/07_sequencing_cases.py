# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 7: Sequencing systemic therapy, reasoned through cases
#
# > **For education only.** The cases are invented and the tools teach reasoning with published
# > evidence; they never give advice about a real patient. Treatment is decided by a
# > multidisciplinary team, and a clinical trial is always an option to discuss.
#
# ## Objectives
# By the end of this lesson you can:
# 1. explain why no single order of therapies is "right" for metastatic panNET, and what evidence
#    the choice rests on instead;
# 2. apply the sequencing principles in order: classify, read the SSTR scan, start with an SSA
#    when it fits, then choose after progression on the patient's factors;
# 3. recognise when a patient needs **shrinkage** rather than control, and which therapies shrink;
# 4. match each therapy's toxicity to the patient's comorbidities, and account for functional and
#    hereditary syndromes;
# 5. work through a multi-step case, defend each choice, and say where a rule-based engine and a
#    clinician's reading differ, and why.
#
# Every verdict, number and reference below comes from the `pannet_edu` package and its data files.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import pannet_edu as pe
from pannet_edu import cases, sequencing
from pannet_edu.evidence_views import arms_label, format_hr, format_number, format_pair
from pannet_edu.plots import case_timeline
from pannet_edu.sources import HAUSER_2019, reference_list
from pannet_edu.widgets import CasePlayer, SelfCheck

# %% [markdown]
# ## 1. Why order is a judgement, not a formula
# Many therapies prolong progression-free survival (PFS) in metastatic panNET, but no randomised
# trial has settled the best **order** in which to use them. The review this toolkit is built on
# says so plainly:

# %%
print(HAUSER_2019.cite())

# %% [markdown]
# Two facts from the trials explain why. First, the pivotal trials each compared one therapy with
# placebo or a control, not with each other; only **COMPETE** compared two active options head to
# head (PRRT against everolimus). Second, the trials that reported overall survival (OS) did not
# show a significant OS gain, largely because patients on the control arm crossed over to the
# active drug at progression. The numbers, printed from the trials data:

# %%
trials = pe.trials()
for name in ("RADIANT-3", "A6181111", "NETTER-1", "COMPETE"):
    row = trials[trials["trial"] == name].iloc[0]
    os_row = {"hr": row["os_hr"], "hr_low": row["os_hr_low"], "hr_high": row["os_hr_high"]}
    pfs = f"median PFS {format_pair(row['pfs_median'], row['pfs_median_control'])} months"
    if pd.isna(row["pfs_median"]):  # reported as PFS at a landmark instead of a median
        pfs = (f"{format_number(row['landmark_months'])}-month PFS "
               f"{format_pair(row['landmark_pfs'], row['landmark_pfs_control'])}%")
    print(f"{arms_label(row)}  ({name})")
    print(f"    {pfs}, HR {format_hr(row)};  OS HR {format_hr(os_row)}")

# %% [markdown]
# Every OS confidence interval above includes 1. (NETTER-1 enrolled midgut NETs only, so its
# evidence is extrapolated to panNET; COMPETE's figures come from a congress report.) So the order is chosen on **patient and tumour
# factors**, the evidence each trial gives for a population like the patient, and each therapy's
# toxicity. That reasoning is what this lesson teaches.
#
# ## 2. The principles, in the order you apply them
# The sequencing engine (`pannet_edu.sequencing`) writes each principle as a rule beside its source.
# These are the rules it applies, in order:

# %%
for number, (_name, principle) in enumerate(sequencing.rules_summary(), start=1):
    print(f"{number:>2}. {principle}")

# %% [markdown]
# In words:
# 1. **Classify first.** Well-differentiated NET (G1-G3) and poorly differentiated NEC are
#    different diseases. NEC goes to platinum plus etoposide; SSAs, everolimus and sunitinib are
#    not NEC treatments.
# 2. **Read the SSTR scan.** Uptake decides whether an SSA can act on growth and whether PRRT can
#    deliver radiation. Heterogeneous or FDG-avid disease signals more aggressive biology.
# 3. **First line for SSTR-positive, lower-grade disease: an SSA**, for its low toxicity (CLARINET
#    enrolled Ki-67 below 10%). Low tumour volume is a preference, not a requirement.
# 4. **After progression on an SSA, several options** (everolimus, sunitinib, PRRT, chemotherapy;
#    cabozantinib after a targeted agent or PRRT), chosen on the patient's factors.
# 5. **When shrinkage is needed** (heavy or symptomatic burden, rapid growth, higher Ki-67),
#    choose what shrinks: chemotherapy and PRRT. Targeted agents mostly stabilise.
# 6. **Match toxicity to the patient**: diabetes and everolimus; heart disease or uncontrolled
#    hypertension and the VEGFR inhibitors; kidneys and PRRT or streptozocin; marrow reserve and
#    PRRT or alkylating chemotherapy.
# 7. **Functional and hereditary contexts**: control the hormone first (and remember that an SSA
#    can worsen hypoglycaemia in insulinoma); in VHL, belzutifan.
# 8. **Uncertainty**: decisions belong to a multidisciplinary team; approvals differ by country.
#
# The same patient can need a different answer at each progression, because the factors change:
# burden rises, Ki-67 climbs, marrow reserve is spent, and what has already failed is not repeated.

# %% [markdown]
# ## 3. The case bank
# Each case is a YAML file an instructor can edit (see `pannet_edu/data/cases/README.md`). Each
# follows one invented patient through several decisions, with the case author's verdict and
# feedback for every option offered.

# %%
cases.bank_table()

# %% [markdown]
# ## 4. A worked case, step by step
# Read the situation, decide what you would offer, then read the verdicts. The walkthrough prints
# each option with the case author's verdict and feedback and, beside it, the engine's verdict.
#
# ### Decision 1: diagnosis

# %%
worked = cases.load_case("progression_after_ssa_g2")
print(worked.summary)
print()
print(cases.walkthrough(worked, "diagnosis"))

# %% [markdown]
# ### Decision 2: progression on the SSA
# Twenty-two months later the disease grows. Notice that no option is "preferred": several are
# reasonable, and the patient's own preference decides between them.

# %%
print(cases.walkthrough(worked, "progression_on_ssa"))

# %% [markdown]
# ### Decision 3: progression on everolimus, now bulky and symptomatic
# The factors have changed: burden is high, the liver causes symptoms and Ki-67 has risen. The
# question is no longer "what controls growth?" but "what shrinks tumours?".

# %%
print(cases.walkthrough(worked, "progression_on_everolimus"))

# %% [markdown]
# The lines of therapy so far, with PRRT drawn as the proposed next line:

# %%
case_timeline(worked, "progression_on_everolimus", choice="prrt")
plt.show()

# %% [markdown]
# ## 5. Play the cases yourself
# Pick a case, read the situation and choose an option. The player then shows the case author's
# feedback, the author's verdicts beside the engine's, and the engine's appraisal for the patient at
# that step; the timeline below the card shows the lines of therapy so far and your choice. Use
# **Next decision** to move on.
#
# The **What if…** panel changes *one* patient factor and lists the verdicts that move, and why.
# Try, for example, making the SSTR scan heterogeneous, or adding diabetes or heart disease.

# %%
CasePlayer()

# %% [markdown]
# A second player, set up to show the what-if panel: the man with heart failure and kidney
# impairment, after choosing everolimus. What if he also had diabetes?

# %%
CasePlayer("cardiac_renal", step="after_ssa", choice="everolimus",
           what_if=("comorbidities", ("cardiac_disease", "renal_impairment", "diabetes")))

# %% [markdown]
# ## 6. Where the case authors and the engine disagree
# The engine applies written rules; a case author reads the whole patient. Where they differ, the
# case file must say why (`engine_note`), and a test fails if a disagreement is unexplained. The
# current disagreements:

# %%
cases.disagreement_table()

# %% [markdown]
# Most disagreements have one of three causes. The engine notes, but does not penalise, targeted
# agents when shrinkage is needed; an author may rate them lower. The engine has no field for
# stage, so a localised VHL tumour looks to it like advanced disease. And an author may rank the
# *least harmful* option first when comorbidities limit all the others. Read each note and decide
# which reading you find more convincing: that judgement is the skill this lesson trains.

# %% [markdown]
# ## Check your understanding
# Decide first: write your answer in each box, then press **Show the answer**. Your answer is
# kept once the answer shows. Each answer is the case author's feedback for that option.

# %%
questions = [
    ("A VIPoma with profuse diarrhoea, SSTR-positive, Ki-67 5%: what comes first, and why?",
     "vipoma", "syndrome_control", "ssa"),
    ("A metastatic insulinoma with hypoglycaemia despite diazoxide: why is an SSA a caution?",
     "malignant_insulinoma", "hypoglycaemia", "ssa"),
    ("A large-cell NEC, SSTR-negative: is PRRT an option?", "nec_large_cell", "first_line", "prrt"),
    ("Progression on an SSA in a patient with diabetes that is hard to control: why is everolimus "
     "a caution?", "diabetes_then_marrow", "after_ssa", "everolimus"),
    ("SSTR uptake in only half of the lesions, the others FDG-avid: why is PRRT a caution?",
     "sstr_heterogeneous_fdg_avid", "first_line", "prrt"),
]
SelfCheck([(prompt, cases.load_case(case_id).choose(step, option).message)
           for prompt, case_id, step, option in questions])

# %% [markdown]
# ## Summary
# - No randomised trial has settled the order of therapies for metastatic panNET (Hauser 2019);
#   only COMPETE compared two options head to head, and crossover blurred overall survival.
# - Apply the principles in order: classify (NET or NEC), read the SSTR scan, an SSA first when it
#   fits, then choose after progression on burden, pace, Ki-67, uptake, comorbidities and what has
#   been used.
# - When shrinkage is needed, choose what shrinks (chemotherapy, PRRT); targeted agents mostly
#   stabilise.
# - Control the hormone first in functioning tumours; in VHL consider belzutifan.
# - Re-read the patient at every progression: the right answer changes as the factors change.
#
# ## References
# The sources cited by the cases and by this lesson, rendered from the data:

# %%
reference_list(HAUSER_2019, *[s for s in cases.references() if s != HAUSER_2019])
