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
# # Exercises for lesson 2: reading SSTR imaging, and letting syndromes shape the choice
#
# > **For education only.** The scans and patients are invented teaching cases. Nothing here is
# > advice about a real patient.
#
# ## Objectives
# After these exercises you can:
# 1. read per-lesion Krenning scores as the SSTR status the weakest lesion decides (above liver,
#    equal to liver, below liver, heterogeneous or negative);
# 2. say which therapies become unsuitable when the tumour is SSTR-negative;
# 3. spot the syndrome that turns a usual first choice into one to use with caution.
#
# ## How to work
# Replace the `...` after `answer =` with your answer and run the cell. SSTR status is one of
# `"positive"`, `"equal to liver"`, `"below liver"`, `"heterogeneous"`, `"negative"` or
# `"unknown"`; therapies by name or id (`"SSA"`, `"everolimus"`, `"PRRT"`). The checks compute
# the key with the package's own logic (`read_sstr_imaging` and the sequencing engine
# `pe.appraise`).

# %%
from pannet_edu.clinic.imaging import krenning_table, read_sstr_imaging
from pannet_edu.practice.exercises import check, exercise

krenning_table()

# %% [markdown]
# ## 1. Read the Krenning scores
# Each lesion gets a score from 0 to 4. A lesion counts as SSTR-positive when it reaches the
# threshold the question sets; the status describes **all** lesions together.
# `read_sstr_imaging` reads a list of scores; with no lesion scored, for example:

# %%
print(read_sstr_imaging([]).explanation)

# %% [markdown]
# Now read these reports yourself (you may call `read_sstr_imaging` to check your reading).

# %%
exercise("sstr-1")

# %%
# BEGIN SOLUTION
answer = read_sstr_imaging([3, 4, 3]).status
# END SOLUTION
check("sstr-1", answer)

# %%
exercise("sstr-2")

# %%
# BEGIN SOLUTION
# One lesion below liver beside lesions at or above it: mixed uptake.
answer = read_sstr_imaging([3, 1, 2]).status
# END SOLUTION
check("sstr-2", answer)

# %%
exercise("sstr-3")

# %%
# BEGIN SOLUTION
# Krenning 2 (uptake equal to the liver): SSTR-positive for an SSA, a weaker but real PRRT target.
answer = read_sstr_imaging([2, 2]).status
# END SOLUTION
check("sstr-3", answer)

# %% [markdown]
# ## 2. SSTR-negative disease
# SSTR status gates two therapies. Which one cannot work without receptors on the tumour?

# %%
exercise("img-seq-1")

# %%
# BEGIN SOLUTION
# PRRT needs SSTR on the tumour to deliver its radiation.
answer = "PRRT"
# END SOLUTION
check("img-seq-1", answer)

# %% [markdown]
# ## 3. A syndrome changes the choice
# In a malignant insulinoma the usual first line needs care.

# %%
exercise("img-seq-2")

# %%
# BEGIN SOLUTION
# An SSA can worsen hypoglycaemia in insulinoma.
answer = "SSA"
# END SOLUTION
check("img-seq-2", answer)

# %% [markdown]
# ## Quiz
# Questions from lesson 2's question bank, with feedback after each; the score comes at the end.

# %%
from pannet_edu.widgets import QuizWidget

QuizWidget(lesson="02_imaging_and_syndromes", seed=2026)

# %% [markdown]
# ## Summary
# - SSTR status describes every lesion, read against a stated Krenning threshold; a trial may set
#   a stricter one.
# - SSTR-negative disease rules out PRRT (and an SSA as antitumour therapy).
# - A syndrome can change the choice: an SSA needs caution in insulinoma.
#
# ## References

# %%
from pannet_edu.clinic.imaging import references
from pannet_edu.content.sources import reference_list

reference_list(*references())
