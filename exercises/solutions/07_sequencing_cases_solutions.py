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
# # Exercises for lesson 7: sequencing decisions on short vignettes
#
# > **For education only.** The vignettes are invented teaching cases. No randomised trial has
# > settled the order of therapies; a multidisciplinary team decides for a real patient.
#
# ## Objectives
# After these exercises you can, from a short vignette:
# 1. classify first (NET or NEC, grade), then let SSTR status gate SSAs and PRRT;
# 2. choose a therapy that shrinks tumours when shrinkage is needed;
# 3. spot the syndrome or comorbidity that makes a usual choice a poor one;
# 4. name the checks before the first dose of a therapy, for a given patient.
#
# ## How to work
# Each vignette asks for one therapy: one the evidence favours (*preferred*), one to use only with
# *caution*, or one that is *not suitable*. Replace the `...` with a therapy name (`"SSA"`,
# `"everolimus"`, `"PRRT"`, `"CAPTEM"`, ...) and run the cell. The check answers with the reasons
# of the package's sequencing engine (`pe.appraise`) and the evidence behind them.

# %%
from pannet_edu.practice.exercises import check, exercise

# %%
exercise("seq-1")

# %%
# BEGIN SOLUTION
# Well differentiated, low grade, SSTR-positive: an SSA first (low toxicity, CLARINET).
answer = "SSA"
# END SOLUTION
check("seq-1", answer)

# %%
exercise("seq-2")

# %%
# BEGIN SOLUTION
# A poorly differentiated NEC: platinum plus etoposide, not NET treatments.
answer = "platinum + etoposide"
# END SOLUTION
check("seq-2", answer)

# %%
exercise("seq-3")

# %%
# BEGIN SOLUTION
# Shrinkage is needed: chemotherapy (or PRRT, SSTR-positive) has real response rates.
answer = "CAPTEM"
# END SOLUTION
check("seq-3", answer)

# %%
exercise("seq-4")

# %%
# BEGIN SOLUTION
# Hypoglycaemia refractory to diazoxide: everolimus (raises glucose) or PRRT (resolved it in 14
# of 15 in the largest series). An SSA can worsen hypoglycaemia.
answer = "everolimus"
# END SOLUTION
check("seq-4", answer)

# %%
exercise("seq-5")

# %%
# BEGIN SOLUTION
# Hypertension is a VEGFR-TKI class toxicity.
answer = "sunitinib"
# END SOLUTION
check("seq-5", answer)

# %%
exercise("seq-6")

# %%
# BEGIN SOLUTION
# SSTR-negative: PRRT cannot reach the tumour.
answer = "PRRT"
# END SOLUTION
check("seq-6", answer)

# %% [markdown]
# ## Before you start: the checks before the first dose
# Each vignette names a therapy the team has chosen. List the checks to make before the first
# dose for this patient, as a list of short phrases (`["DPYD", "kidney function", ...]`). The
# check compares your list with the therapy catalogue's checks for this patient and tells you
# what you missed, with the source of each check.

# %%
exercise("start-1")

# %%
# BEGIN SOLUTION
# Capecitabine: DPYD (boxed warning), kidneys (dose by creatinine clearance), heart (coronary
# disease), warfarin; temozolomide: counts, lymphocytes and PJP prophylaxis, liver tests.
answer = ["DPYD genotype", "creatinine clearance", "coronary heart disease", "warfarin",
          "blood counts", "lymphocytes and PJP prophylaxis", "liver tests"]
# END SOLUTION
check("start-1", answer)

# %%
exercise("start-2")

# %%
# BEGIN SOLUTION
# PRRT: uptake at least that of liver; stop the long-acting SSA 4 weeks before; kidneys and
# counts; a hormonal-crisis plan in a functioning tumour; pregnancy and contraception.
answer = ["SSTR uptake", "stop lanreotide 4 weeks before", "kidney function and blood counts",
          "hormonal crisis plan", "pregnancy test and contraception"]
# END SOLUTION
check("start-2", answer)

# %%
exercise("start-3")

# %%
# BEGIN SOLUTION
# Belzutifan: embryo-fetal toxicity (boxed) and failing hormonal contraception; anaemia; hypoxia.
answer = ["pregnancy test and non-hormonal contraception", "haemoglobin", "oxygen saturation"]
# END SOLUTION
check("start-3", answer)

# %%
exercise("start-4")

# %%
# BEGIN SOLUTION
# Low counts after PRRT: marrow work-up first. Cabozantinib: blood pressure, bleeding, surgery
# and wound healing (dental surgery too), the teeth and jaw, urine protein and thyroid, fistula or
# perforation.
answer = ["bone marrow examination", "blood pressure", "recent bleeding", "planned surgery",
          "dental check", "urine protein and thyroid", "fistula or perforation risk"]
# END SOLUTION
check("start-4", answer)

# %%
exercise("start-5")

# %%
# BEGIN SOLUTION
# Everolimus: glucose and lipids, lungs (pneumonitis), ACE inhibitor (angioedema), hepatitis B,
# live vaccines, planned surgery (wound healing).
answer = ["fasting glucose and lipids", "lung history", "ramipril (ACE inhibitor)",
          "hepatitis B", "no live vaccines", "planned surgery"]
# END SOLUTION
check("start-5", answer)

# %% [markdown]
# ## Quiz
# Questions from lesson 7's question bank, with feedback after each; the score comes at the end.

# %%
from pannet_edu.widgets import QuizWidget

QuizWidget(lesson="07_sequencing_cases", seed=2026)

# %% [markdown]
# ## Summary
# - Classify first: NEC and NET are treated differently.
# - SSTR status gates SSAs and PRRT.
# - When shrinkage is needed, choose what shrinks tumours.
# - A syndrome or comorbidity can turn the usual choice into a poor one.
# - Name the checks before the first dose: choosing a therapy is only half the decision.
#
# ## References

# %%
from pannet_edu.content.sources import HAUSER_2019, reference_list

reference_list(HAUSER_2019)
