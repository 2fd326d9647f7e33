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
# # Exercises for lesson 1: grading and staging from pathology and imaging reports
#
# > **For education only.** The reports are invented teaching cases, not real patients.
#
# ## Objectives
# After these exercises you can, from a short report:
# 1. give the WHO grade of a pancreatic neuroendocrine neoplasm, taking the **higher** of the Ki-67
#    and mitotic-count grades, and telling a well-differentiated NET G3 from a poorly differentiated
#    NEC;
# 2. decide whether a mixed tumour is a **MiNEN**;
# 3. give the AJCC 8th **T category** and **stage group** of a well-differentiated panNET.
#
# ## How to work
# Each exercise shows a report and a question. In the cell below it, replace the `...` after
# `answer =` with your answer and run the cell: the check tells you whether you are right and
# why. An exercise you have not answered yet says so; it is not marked wrong. Write grades as
# `"NET G2"` or `"NEC"`, T categories as `"T3"`, stage groups as `"III"`, and MiNEN answers as
# `True` or `False`.

# %%
from pannet_edu.practice.exercises import check, exercise

# %% [markdown]
# ## 1. Grading
# Grade by Ki-67 (percent of tumour cells, counted over at least 500 cells in hot spots) and by the
# mitotic count (per 2 mm²). When the two disagree, the index giving the **higher** grade wins.
# Differentiation comes first: poorly differentiated morphology makes a tumour an NEC, whatever
# the numbers.

# %%
exercise("grade-1")

# %%
# BEGIN SOLUTION
# Ki-67 8% alone is G2, but 25 mitoses per 2 mm² is above 20 (G3): the higher index wins.
answer = "NET G3"
# END SOLUTION
check("grade-1", answer)

# %%
exercise("grade-2")

# %%
# BEGIN SOLUTION
# Ki-67 2% alone would be G1, but 3 mitoses per 2 mm² is in the G2 range (2-20).
answer = "NET G2"
# END SOLUTION
check("grade-2", answer)

# %%
exercise("grade-3")

# %%
# BEGIN SOLUTION
# Well differentiated with Ki-67 35% (above 20%): NET G3, not NEC.
answer = "NET G3"
# END SOLUTION
check("grade-3", answer)

# %%
exercise("grade-4")

# %%
# BEGIN SOLUTION
# Poorly differentiated small-cell morphology: a neuroendocrine carcinoma, not graded G1-G3.
answer = "NEC"
# END SOLUTION
check("grade-4", answer)

# %%
exercise("grade-5")

# %%
# BEGIN SOLUTION
# Both indices in the G1 range: Ki-67 below 3% and fewer than 2 mitoses per 2 mm².
answer = "NET G1"
# END SOLUTION
check("grade-5", answer)

# %% [markdown]
# ## 2. Mixed tumours
# A tumour is a MiNEN when its neuroendocrine and non-neuroendocrine components **each** make up
# at least 30% of it.

# %%
exercise("minen-1")

# %%
# BEGIN SOLUTION
# 40% neuroendocrine and 60% adenocarcinoma: both reach 30%.
answer = True
# END SOLUTION
check("minen-1", answer)

# %%
exercise("minen-2")

# %%
# BEGIN SOLUTION
# The neuroendocrine component is only 10%, below 30%.
answer = False
# END SOLUTION
check("minen-2", answer)

# %% [markdown]
# ## 3. AJCC 8th T category and stage group
# T depends on size and on which structures the tumour invades; peripancreatic fat does not count.
# Stage: I = T1 N0 M0; II = T2 or T3, N0 M0; III = T4 N0 M0 or any T N1 M0; IV = any M1.

# %%
exercise("t-1")

# %%
# BEGIN SOLUTION
# Duodenal invasion is T3 whatever the size.
answer = "T3"
# END SOLUTION
check("t-1", answer)

# %%
exercise("t-2")

# %%
# BEGIN SOLUTION
# Under 2 cm; extension into peripancreatic fat is not a basis for T in AJCC 8th.
answer = "T1"
# END SOLUTION
check("t-2", answer)

# %%
exercise("stage-1")

# %%
# BEGIN SOLUTION
# T2 (2.5 cm), N1 (regional nodes involved), M0: any T with N1 is stage III.
answer = "III"
# END SOLUTION
check("stage-1", answer)

# %%
exercise("stage-2")

# %%
# BEGIN SOLUTION
# Invading the spleen is T4; T4 N0 M0 is stage III, whatever the size.
answer = "III"
# END SOLUTION
check("stage-2", answer)

# %%
exercise("stage-3")

# %%
# BEGIN SOLUTION
# Bone metastases without liver metastases: M1b, so stage IV.
answer = "IV"
# END SOLUTION
check("stage-3", answer)

# %% [markdown]
# ## 4. Quiz
# Questions from the lesson's question bank, with feedback after each. Pick an answer, press
# *Check answer*, then *Next question*; the score comes at the end. Everyone who types the same
# class seed gets the same order.

# %%
from pannet_edu.widgets import QuizWidget

QuizWidget(lesson="01_classification_and_staging", seed=2026)

# %% [markdown]
# ## Summary
# - Differentiation first: poorly differentiated is NEC; well differentiated is NET G1-G3.
# - Grade with both indices; the higher grade wins.
# - MiNEN needs each component at 30% or more.
# - T depends on size and invaded structures (not peripancreatic fat); any M1 is stage IV.
#
# ## References
# The expected answers are computed by `pannet_edu` from the rules of these sources.

# %%
from pannet_edu.content.sources import AJCC_8, WHO_2019, WHO_2022, reference_list

reference_list(WHO_2019, WHO_2022, AJCC_8)
