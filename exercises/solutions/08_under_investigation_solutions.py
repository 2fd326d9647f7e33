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
# # Exercises for lesson 8: reading the newest trials, and journal versus label figures
#
# > **For education only.** The figures come with their citations in the tables. Nothing here is
# > advice about a real patient.
#
# ## Objectives
# After these exercises you can:
# 1. compute the absolute PFS gain of a recent randomised trial (NETTER-2) and say who it enrolled;
# 2. tell figures from a congress report (COMPETE) from figures in a peer-reviewed paper;
# 3. keep a regulatory label's figures (CABINET, belzutifan) apart from the journal's, and
#    explain why they differ.
#
# ## How to work
# Replace the `...` after `answer =` with your answer (you may add lines of pandas code above
# it) and run the cell. Trial names are written as in the `trial` column. Journal figures are in
# `pe.trials()`, label figures in `label_figures()`.

# %%
import pannet_edu as pe
from pannet_edu.display import Table
from pannet_edu.evidence import label_figures
from pannet_edu.practice.exercises import check, exercise

trials = pe.trials()
labels = label_figures()
recent = trials[trials["trial"].isin(["NETTER-2", "COMPETE", "CABINET", "LITESPARK-004"])]
columns = ["trial", "cohort", "comparator", "pannet", "n", "pfs_median", "pfs_median_control",
           "hr", "orr", "figures_source"]
Table(recent[columns].astype(str).to_dict("records"))

# %% [markdown]
# ## 1. NETTER-2: an absolute gain

# %%
exercise("inv-1")

# %%
# BEGIN SOLUTION
netter2 = trials[trials["trial"] == "NETTER-2"].iloc[0]
answer = netter2["pfs_median"] - netter2["pfs_median_control"]
# END SOLUTION
check("inv-1", answer)

# %% [markdown]
# ## 2. Where do the figures come from?
# The `figures_source` column says whether a row's figures come from a journal paper or from a
# congress report.

# %%
exercise("inv-2")

# %%
# BEGIN SOLUTION
answer = sorted(trials.loc[trials["figures_source"] == "congress", "trial"].unique())
# END SOLUTION
check("inv-2", answer)

# %% [markdown]
# ## 3. CABINET: the journal and the label
# The label figures sit in their own table, each row with its source.

# %%
Table(labels[["trial", "cohort", "label", "n", "pfs_median", "pfs_median_control", "hr",
              "orr"]].astype(str).to_dict("records"))

# %%
exercise("inv-3")

# %%
# BEGIN SOLUTION
cabinet = labels[(labels["trial"] == "CABINET") & (labels["cohort"] == "pancreatic")].iloc[0]
answer = cabinet["hr"]
# END SOLUTION
check("inv-3", answer)

# %% [markdown]
# ## 4. Belzutifan: a response rate and its denominator

# %%
exercise("inv-4")

# %%
# BEGIN SOLUTION
belzutifan = trials[trials["trial"] == "LITESPARK-004"].iloc[0]
answer = belzutifan["orr"]
# END SOLUTION
check("inv-4", answer)

# %% [markdown]
# ## Quiz
# Questions from lesson 8's question bank, with feedback after each; the score comes at the end.

# %%
from pannet_edu.widgets import QuizWidget

QuizWidget(lesson="08_under_investigation", seed=2026)

# %% [markdown]
# ## Summary
# - An absolute gain in months needs the control arm and the population beside it.
# - Congress figures are preliminary; check `figures_source`.
# - A label and a journal report can give different figures for one trial (another data cut-off,
#   another denominator): keep both, each with its source.
#
# ## References

# %%
from pannet_edu.content.sources import reference_list
from pannet_edu.evidence import trial_references

reference_list(*trial_references(["NETTER-2", "COMPETE", "CABINET", "LITESPARK-004"]))
