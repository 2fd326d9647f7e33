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
# # Exercises for lessons 3-6: reading the trial table, and matching toxicity to the patient
#
# > **For education only.** The patients are invented teaching cases; the trial figures come with
# > their citations in the table.
#
# ## Objectives
# After these exercises you can:
# 1. filter, group and sort the trial table with pandas, and tell which trials enrolled panNET at
#    all;
# 2. compute an **absolute** difference in median PFS and explain why it ranks trials differently
#    from the hazard ratio;
# 3. match a patient's comorbidity to the therapies it makes a poor fit.
#
# ## How to work
# Replace the `...` after `answer =` with your answer (you may add lines of pandas code above it)
# and run the cell: the check explains whether you are right. Trial names are written as in the
# `trial` column; therapies by name or id (`"everolimus"`, `"PRRT"`, `"CAPTEM"`).

# %%
import pannet_edu as pe
from pannet_edu.display import Table
from pannet_edu.practice.exercises import check, exercise

trials = pe.trials()
columns = ["trial", "cohort", "design", "phase", "comparator", "pannet", "time_endpoint"]
Table(trials[columns].astype(str).to_dict("records"))

# %% [markdown]
# ## 1. Which trials enrolled panNET at all?
# The `pannet` column says, for each **cohort**, whether patients with panNET were enrolled
# (`yes`, `part` of a mixed population, or `no`). Some trials have more than one cohort.

# %%
exercise("trials-1")

# %%
# BEGIN SOLUTION
# A trial enrolled panNET if any of its cohorts did: group by trial first.
enrolled = trials.groupby("trial")["pannet"].agg(lambda values: (values != "no").any())
answer = sorted(enrolled[~enrolled].index)
# END SOLUTION
check("trials-1", answer)

# %% [markdown]
# ## 2. Filter on several columns

# %%
exercise("trials-2")

# %%
# BEGIN SOLUTION
chosen = trials[
    (trials["design"] == "randomised_controlled")
    & (trials["phase"] == "III")
    & (trials["comparator"] == "placebo")
    & trials["pannet"].isin(["yes", "part"])
]
answer = sorted(chosen["trial"].unique())
# END SOLUTION
check("trials-2", answer)

# %% [markdown]
# ## 3. Sort by hazard ratio

# %%
exercise("trials-3")

# %%
# BEGIN SOLUTION
with_pannet = trials[trials["pannet"].isin(["yes", "part"])]
answer = with_pannet.sort_values("hr").iloc[0]["trial"]  # missing HRs sort last
# END SOLUTION
check("trials-3", answer)

# %% [markdown]
# ## 4. Absolute differences in median PFS
# A hazard ratio is relative. The absolute gain in median PFS is the difference between the two
# medians, in months.

# %%
exercise("trials-4")

# %%
# BEGIN SOLUTION
radiant = trials[trials["trial"] == "RADIANT-3"].iloc[0]
answer = radiant["pfs_median"] - radiant["pfs_median_control"]
# END SOLUTION
check("trials-4", answer)

# %%
exercise("trials-5")

# %%
# BEGIN SOLUTION
randomised = trials[
    (trials["design"] == "randomised_controlled") & (trials["time_endpoint"] == "PFS")
].copy()
randomised["pfs_gain"] = randomised["pfs_median"] - randomised["pfs_median_control"]
answer = randomised.sort_values("pfs_gain", ascending=False).iloc[0]["trial"]
# END SOLUTION
check("trials-5", answer)

# %% [markdown]
# ## 5. Match toxicity to the patient
# Each therapy in the catalogue lists the patient factors that make it a poor fit
# (`pe.therapies()["poor_fit_factors"]`). Try to answer from what you know of each drug's
# toxicity first, then check yourself with the catalogue.

# %%
exercise("tox-1")

# %%
# BEGIN SOLUTION
# Pneumonitis is an mTOR-inhibitor class effect.
answer = ["everolimus", "everolimus plus lanreotide"]
# END SOLUTION
check("tox-1", answer)

# %%
exercise("tox-2")

# %%
# BEGIN SOLUTION
# Hypertension is a VEGFR tyrosine-kinase-inhibitor class toxicity.
answer = ["sunitinib", "cabozantinib", "surufatinib"]
# END SOLUTION
check("tox-2", answer)

# %%
exercise("tox-3")

# %%
# BEGIN SOLUTION
# PRRT irradiates the kidneys; streptozocin is nephrotoxic; capecitabine is dosed by the kidneys.
answer = ["PRRT", "streptozocin", "CAPTEM"]
# END SOLUTION
check("tox-3", answer)

# %%
exercise("tox-4")

# %%
# BEGIN SOLUTION
# Cytopenias after PRRT (and MDS/leukaemia); all cytotoxic chemotherapy; belzutifan's anaemia;
# VEGFR inhibitors add bleeding risk when platelets are low.
answer = ["PRRT", "CAPTEM", "streptozocin", "platinum + etoposide", "FOLFIRI", "belzutifan",
          "sunitinib", "cabozantinib", "surufatinib"]
# END SOLUTION
check("tox-4", answer)

# %%
exercise("tox-5")

# %%
# BEGIN SOLUTION
# Everolimus raises blood glucose, alone or with an SSA; sunitinib can lower it (hypoglycaemia in
# about 10% of pNET patients), so treated diabetes needs a glucose plan.
answer = ["everolimus", "everolimus plus lanreotide", "sunitinib"]
# END SOLUTION
check("tox-5", answer)

# %% [markdown]
# ## Summary
# - Group by trial before deciding whether a trial enrolled panNET: cohorts differ.
# - A hazard ratio and an absolute gain in months rank trials differently; read both, with the
#   control arm and the population.
# - Each therapy's toxicities make some patients a poor fit: match them before choosing.
#
# ## References
# The trials behind every row of the table:

# %%
from pannet_edu.content.sources import reference_list
from pannet_edu.evidence import trial_references

reference_list(*trial_references())
