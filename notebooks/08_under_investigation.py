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
# # Lesson 8: Under investigation: what is new, how sure we are, and what remains open
#
# > **For education only.** The tools teach reasoning with published evidence; they never give
# > advice about a real patient. Treatment is decided by a multidisciplinary team.
#
# ## Objectives
# By the end of this lesson you can:
# 1. summarise the four recent pieces of evidence that textbooks may not yet hold: **NETTER-2**
#    (first-line PRRT), **COMPETE** (PRRT against everolimus), **CABINET** (cabozantinib after
#    prior therapy) and **belzutifan** in von Hippel-Lindau disease (**LITESPARK-004**);
# 2. tell how firm each result is: journal report, congress report or regulatory label, and why
#    a label and a journal can give **different numbers** for the same trial;
# 3. explain why overall survival so rarely settles the question in this disease;
# 4. name the questions that remain **open**, so that you recognise them in a case discussion.
#
# Every number below is read from the package's evidence data (`pannet_edu/data/`), each row with
# its citation and confidence mark; the references close the lesson.

# %%
import matplotlib.pyplot as plt

from pannet_edu import lessons, therapies, trials
from pannet_edu.plots import forest_plot
from pannet_edu.sources import HAUSER_2019
from pannet_edu.widgets import SelfCheck, TrialExplorer

NEW_TRIALS = ["NETTER-2", "COMPETE", "CABINET", "LITESPARK-004"]
table = trials()
new_rows = table[table.trial.isin(NEW_TRIALS)]

# %% [markdown]
# ## 1. The recent evidence at a glance
# One line per cohort. The **confidence** column matters as much as the numbers: "verified" means
# the value was seen in the cited source, "secondary" that only a congress or secondary report
# was seen, "conflicting" that sources disagree and the row cites the one it uses.

# %%
lessons.key_results(NEW_TRIALS)

# %%
forest_plot(new_rows, title="Recent trials: PFS hazard ratios against each trial's control")
plt.show()

# %% [markdown]
# ## 2. NETTER-2: PRRT moves to first line, for higher-grade tumours
# NETTER-2 gave PRRT (with octreotide) **at diagnosis** to patients with higher-grade
# well-differentiated GEP-NETs, against high-dose octreotide alone.

# %%
netter2 = lessons.trial_row("NETTER-2")
print(f"Population: {netter2.population}.")
print(f"Median PFS {netter2.pfs_median:g} vs {netter2.pfs_median_control:g} months; "
      f"response rate {netter2.orr:g}% vs {netter2.orr_control:g}%")
print("Overall survival:", netter2.notes.split(". ")[-1])

# %% [markdown]
# What it does **not** answer: whether PRRT first line is better than an SSA first and PRRT at
# progression (it compared PRRT plus octreotide with octreotide alone, not with that sequence),
# how it compares with
# chemotherapy for the same higher-grade tumours, and whether patients live longer (overall
# survival was immature).
#
# ## 3. COMPETE: the first head-to-head of two active therapies
# COMPETE randomised a lutetium-labelled radiopeptide against everolimus in progressive G1/G2
# GEP-NETs. Read its confidence mark and its source before its numbers:

# %%
compete = lessons.trial_row("COMPETE")
print(f"Confidence: {compete.confidence} ({compete.figures_source} report)")
print(f"Source: {compete.citation}")
print(f"Notes: {compete.notes}")

# %% [markdown]
# Two cautions. The radiopeptide was **177Lu-edotreotide**, not the licensed 177Lu-DOTATATE, so the
# result does not transfer automatically; and until the full paper can be checked, treat the
# figures as a congress report.
#
# ## 4. CABINET: cabozantinib after prior therapy, and a label that differs from the journal
# CABINET randomised previously treated patients (prior PRRT and/or targeted therapy) in two
# separate cohorts (pancreatic and extrapancreatic). The regulatory label was written from
# a **later data cut-off** than the journal report, so the two give different numbers; the data
# keeps both, each with its source:

# %%
lessons.journal_vs_label("CABINET")

# %%
print("Approval:", " | ".join(therapies().loc["cabozantinib", "approval"]))

# %% [markdown]
# Neither set is "wrong": they describe the same trial at different moments. When you quote a
# number, quote its source. What CABINET does not answer: where cabozantinib belongs relative to
# everolimus, sunitinib or PRRT (it was compared with placebo), and whether it prolongs survival
# (the notes say overall survival was immature or confounded by crossover).
#
# ## 5. Belzutifan: a targeted drug for a hereditary cause
# In von Hippel-Lindau (VHL) disease the VHL protein is lost and the transcription factor HIF-2α
# stays switched on; belzutifan blocks it. LITESPARK-004 was a **single-arm** phase II trial in
# VHL patients with renal cell carcinoma, and reported how their pancreatic NETs responded. The
# journal and the label count different patients:

# %%
lessons.journal_vs_label("LITESPARK-004")

# %%
print("Poor candidates:", therapies().loc["belzutifan", "poor_fit"])

# %% [markdown]
# High response rates in a single-arm trial of a hereditary syndrome do not transfer by themselves
# to **sporadic** panNETs: the evidence and the approval are for VHL disease, and sporadic panNET
# is an open question.
#
# ## 6. Explore: what competes with PRRT at first line?
# The explorer opens on the first-line trials: the SSA trials and NETTER-2 side by side. In
# JupyterLab, switch the setting to "pretreated" to see CABINET beside OCLURANDOM.

# %%
TrialExplorer(setting="first line")

# %% [markdown]
# ## 7. Why overall survival rarely settles the question
# In the three pivotal trials below, many patients in the control arm received the experimental
# treatment after their disease progressed (crossover; the source lines give the share where the
# data holds it). That lets control patients benefit too, but it turns the survival comparison
# into "treatment now" against "treatment later". Their final survival analyses:

# %%
for name in ("RADIANT-3", "A6181111", "NETTER-1"):
    row = lessons.trial_row(name)
    includes_one = row.os_hr_low < 1 < row.os_hr_high
    print(f"{name}: OS {row.os_median:g} vs {row.os_median_control:g} months, "
          f"HR {row.os_hr:g} ({row.os_hr_low:g}-{row.os_hr_high:g}); "
          f"interval includes 1: {'yes' if includes_one else 'no'}. Source: {row.os_source}")

# %% [markdown]
# ## 8. What remains open
# - **Sequencing.** It is uncertain how best to order SSAs, everolimus, sunitinib, cabozantinib,
#   PRRT and chemotherapy (Hauser 2019). Only COMPETE compares two active therapies head to head,
#   and OCLURANDOM places PRRT beside sunitinib without a formal comparison. Lesson 7 teaches how to
#   reason when trials have not settled the order.
# - **PRRT timing.** NETTER-2 moved PRRT forward for higher-grade tumours; whether earlier is better
#   than later for the same patient, and how it compares with chemotherapy there, is not known.
# - **NET G3.** The well-differentiated high-grade tumours that NORDIC NEC hinted at were separated
#   from NEC only in recent WHO classifications; which therapy suits them best is open.
# - **Survival.** With crossover, trials rarely show a survival difference (section 7).
# - **Biomarkers.** MGMT deficiency went with response to CAPTEM in E2211, but no biomarker in
#   this toolkit's evidence selects the drug for a patient in advance.
# - **Sporadic vs hereditary.** Belzutifan's evidence is in VHL disease only.
# - **What our data leaves out.** Some widely quoted numbers could not be confirmed in a source and
#   are therefore absent, or carried with a weaker confidence mark. The rows below are the ones
#   whose figures come from congress reports or reviews, or whose sources disagree:

# %%
for _, row in table[table.confidence != "verified"].iterrows():
    label = row.trial if row.cohort == "all" else f"{row.trial} ({row.cohort})"
    print(f"{label}: {row.confidence} ({row.figures_source})")

# %% [markdown]
# ## Check your understanding
# Decide first: write your answer in each box, then press **Show the answer**. Your answer is
# kept once the answer shows. The answers are read from the same data as the tables above.

# %%
netter1 = lessons.trial_row("NETTER-1")
SelfCheck([
    ("NETTER-2's control arm received what?", netter2.comparator),
    ("How firm are COMPETE's numbers, and why?", f"{compete.confidence}: {compete.citation}"),
    ("CABINET's pancreatic cohort has two control medians in the data. Which sources give them?",
     "; ".join(f"{row['figures from']}: {row['control median PFS, months']} months "
               f"({row['source']})" for row in lessons.journal_vs_label("CABINET").rows[:2])),
    ("Can LITESPARK-004's response rate be used for a sporadic panNET?",
     "No: " + therapies().loc["belzutifan", "poor_fit"].split(". ")[0] + "."),
    ("Why does the NETTER-1 survival hazard ratio not show that PRRT fails to prolong life?",
     netter1.os_source),
])

# %% [markdown]
# ## Summary
# - NETTER-2 made PRRT a first-line option for higher-grade well-differentiated GEP-NETs, against
#   an SSA comparator; survival data are immature.
# - COMPETE compared PRRT (177Lu-edotreotide) with everolimus head to head; its figures are from a
#   congress report.
# - CABINET established cabozantinib after prior therapy; its label and journal numbers differ
#   because of a later data cut-off: quote the source with the number.
# - Belzutifan works on the VHL pathway; its evidence is for VHL disease only.
# - Sequencing, PRRT timing, NET G3, survival and predictive biomarkers remain open questions.
#
# ## References

# %%
lessons.lesson_references(NEW_TRIALS, ["prrt", "cabozantinib", "belzutifan"], HAUSER_2019)
