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
# # Exercises for lesson 7: sequencing decisions on short vignettes
#
# > **For education only.** The vignettes are invented teaching cases. No randomised trial has
# > settled the order of therapies; a multidisciplinary team decides for a real patient.
#
# ## Objectives
# After these exercises you can, from a short vignette:
# 1. classify first (NET or NEC, grade), then let SSTR status gate SSAs and PRRT;
# 2. choose a therapy that shrinks tumours when shrinkage is needed;
# 3. spot the syndrome or comorbidity that makes a usual choice a poor one.
#
# ## How to work
# Each vignette asks for one therapy: one the evidence favours (*preferred*), one to use only with
# *caution*, or one that is *not suitable*. Replace the `...` with a therapy name (`"SSA"`,
# `"everolimus"`, `"PRRT"`, `"CAPTEM"`, ...) and run the cell. The check answers with the reasons
# of the package's sequencing engine (`pe.appraise`) and the evidence behind them.

# %%
from pannet_edu.exercises import check, exercise

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
# An SSA can worsen hypoglycaemia in insulinoma; everolimus raises glucose.
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
#
# ## References

# %%
from pannet_edu.sources import HAUSER_2019, reference_list

reference_list(HAUSER_2019)
