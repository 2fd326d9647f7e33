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
# # Lesson 8: Under investigation in late 2026: what is new, how sure we are, what remains open
#
# > **For education only.** The tools teach reasoning with published evidence; they never give
# > advice about a real patient. Treatment is decided by a multidisciplinary team.
#
# ## Objectives
# By the end of this lesson you can:
# 1. name the agents in trials for metastatic panNET in late 2026: a second lutetium radiopeptide
#    (**177Lu-edotreotide**), **alpha emitters** (212Pb-DOTAMTATE, 225Ac-DOTATATE), a receptor
#    **antagonist** (177Lu-satoreotide), a new kinase inhibitor (**lenvatinib**) and a new
#    combination (**everolimus plus lanreotide**);
# 2. tell an approved drug from one under investigation, and say where each stands with the
#    regulators;
# 3. judge how firm each result is from its design (randomised or single arm) and its source
#    (paper, congress report, secondary report);
# 4. describe what the trials still running (COMPOSE, NETTER-3) ask;
# 5. name the questions that remain **open**.
#
# The approved drugs and their 2024-2026 evidence (NETTER-2, CABINET, belzutifan, the new label
# figures) are taught in their own lessons (3 to 6). Every number below is read from the
# package's evidence data, each with its source; the references close the lesson.

# %% tags=["handout-remove"]
from pannet_edu.trust import lesson_review

lesson_review("08_under_investigation")

# %%
from pannet_edu import evidence, lessons, pipeline
from pannet_edu.display import format_percent
from pannet_edu.sources import mark_legend
from pannet_edu.widgets import SelfCheck
from pannet_edu.wording import plain

LESSON = "08_under_investigation"
facts = evidence.lesson_facts(LESSON)
print(evidence.lesson_review_line(LESSON))

# %% [markdown]
# ## 1. How sure are we? The marks
# Most of this lesson's evidence comes from congress presentations and secondary reports: the
# peer-reviewed papers are not out, or their numbers could not be checked. Every table marks
# such a source; a source without a mark was checked in its paper or label.

# %%
mark_legend()

# %% [markdown]
# ## 2. The agents at a glance
# One line per agent: what it is, where it stands with the regulators, and the trial that tests
# it. "Not approved" means no regulator had approved it for NETs in the sources checked by late
# 2026; it says nothing about whether it works.

# %%
pipeline.agents()

# %% [markdown]
# ## 3. 177Lu-edotreotide: a second lutetium radiopeptide
# 177Lu-edotreotide carries the same isotope as the licensed 177Lu-DOTATATE on a different
# somatostatin analogue (DOTATOC). COMPETE randomised it against **everolimus**, an active drug,
# in progressive G1/G2 GEP-NETs: the first head-to-head trial of two active therapies in this
# disease. Lesson 5 reads its design; here, its result and its regulatory path.

# %%
lessons.key_results(["COMPETE"])

# %%
pipeline.events("lu177_edotreotide")

# %% [markdown]
# Read the last line carefully. The regulator's target date passed without a reported decision,
# so in late 2026 177Lu-edotreotide is **not an approved drug** anywhere in the sources checked;
# outside a trial, the lutetium radiopeptide in use is 177Lu-DOTATATE.
#
# ## 4. Alpha emitters: more energy over a shorter path
# An alpha particle deposits far more energy than the beta particle of lutetium-177, over a few
# cell diameters. The hope is to kill tumours that have stopped responding to lutetium, with
# less damage around them. Two alpha-emitting radiopeptides reached phase 2 or beyond:

# %%
lessons.key_results(["ALPHAMEDIX-02", "ACTION-1"])

# %%
naive = lessons.trial_row("ALPHAMEDIX-02", "PRRT-naive")
exposed = lessons.trial_row("ALPHAMEDIX-02", "PRRT-exposed")
print(f"ALPHAMEDIX-02 response rate: {format_percent(naive.orr)} without previous PRRT, "
      f"{format_percent(exposed.orr)} "
      "after 177Lu-DOTATATE (central review).")
print("Status:", pipeline.status_of("pb212_dotamtate"))

# %% [markdown]
# Three cautions. These are **single-arm** results: without a control group, a response rate
# cannot say whether patients live longer or progress later than with the alternatives. The
# figures come from **congress reports**. And a promising agent can still stop for other reasons:
# the developer of 212Pb-DOTAMTATE discontinued it after these results.

# %%
pipeline.events("pb212_dotamtate")

# %% [markdown]
# ## 5. Receptor antagonists: binding without being taken up
# Somatostatin analogues used so far (octreotide, lanreotide, DOTATATE, DOTATOC) are *agonists*:
# the receptor pulls them into the cell. Radiolabelled *antagonists* bind the receptor without
# activating it, and in early studies showed more uptake in tumour. The evidence is early-phase
# only, and marrow toxicity shaped the dosing:

# %%
pipeline.events("lu177_satoreotide")

# %% [markdown]
# ## 6. A new combination and a new kinase inhibitor
# **STARTER-NET** asked whether adding lanreotide to everolimus helps as **first line** for G1/G2
# tumours with poor-prognosis features (Japan). **TALENT** tested lenvatinib, a kinase inhibitor
# not approved for NETs, in two non-randomised cohorts.

# %%
lessons.key_results(["STARTER-NET", "TALENT"])

# %%
starter = lessons.trial_row("STARTER-NET")
print(starter.notes)

# %% [markdown]
# STARTER-NET's progression-free survival result is consistent across reports, but its response
# rate and survival hazard ratio differ between reports of the same presentation, and no journal
# paper was seen: this is why its mark says that sources differ. TALENT's response rate in
# pancreatic NETs is high for a kinase inhibitor, but without a control arm it cannot be set
# against sunitinib or cabozantinib.
#
# ## 7. Trials still running
# Two randomised trials ask questions that the approved evidence leaves open: **COMPOSE** puts
# 177Lu-edotreotide against chemotherapy or everolimus in higher-grade tumours, and **NETTER-3**
# asks whether 177Lu-DOTATATE helps at diagnosis in lower-grade tumours with a high disease
# burden.

# %%
pipeline.ongoing_trials()

# %% [markdown]
# ## 8. What remains open
# - **Sequencing.** No trial has settled the order of SSAs, everolimus, sunitinib, cabozantinib,
#   PRRT and chemotherapy (Hauser 2019). COMPETE is one head-to-head comparison; COMPOSE will add
#   another.
# - **PRRT at diagnosis.** NETTER-2 moved PRRT to first line for higher-grade tumours (lesson 5);
#   for lower-grade tumours the question is NETTER-3's.
# - **After lutetium.** Alpha emitters and re-treatment (lesson 5) are the candidates; only
#   single-arm and retrospective evidence exists so far.
# - **Combinations.** STARTER-NET is the first randomised first-line combination of two approved
#   drugs; its paper and survival data are awaited.
# - **Survival.** With crossover, trials rarely show a survival difference (lesson 4).
# - **Biomarkers.** Some already select a treatment: SSTR imaging decides whether an SSA or PRRT
#   can act (lesson 2), and germline VHL disease opens belzutifan (lesson 4). A 2024
#   CommNETS/NANETS guideline graded the evidence on tumour, imaging and blood biomarkers for
#   prognosis and treatment choice. MGMT deficiency went with response to CAPTEM in E2211
#   (lesson 6), but MGMT status is not yet established as a way to choose chemotherapy.
#
# ## Check your understanding
# Decide first: write your answer in each box, then press **Show the answer**. Your answer is
# kept once the answer shows. The answers are read from the same data as the tables above.

# %%
compete = lessons.trial_row("COMPETE")
SelfCheck([
    ("Is 177Lu-edotreotide an approved treatment in late 2026?",
     pipeline.status_of("lu177_edotreotide")),
    ("What did COMPETE compare it with, and how firm are its figures?",
     f"{compete.comparator}; {lessons.key_results('COMPETE').rows[0]['mark'] or 'checked'}"),
    ("Why can ALPHAMEDIX-02's response rate not show that 212Pb-DOTAMTATE is better than "
     "177Lu-DOTATATE?", f"Its design is {plain(naive.design)}: there is no control arm."),
    ("Which drugs did STARTER-NET combine, and in which line of treatment?",
     f"{starter.regimen}; setting: {starter.setting}"),
    ("Which running trial asks whether PRRT helps at diagnosis in lower-grade tumours?",
     next(r["trial"] for r in pipeline.ongoing_trials().rows
          if "Ki-67 below 10%" in r["population"])),
])

# %% [markdown]
# ## Summary
# - 177Lu-edotreotide beat everolimus on progression-free survival in COMPETE, but had no
#   regulatory decision in the sources checked by late 2026: it is not an approved drug.
# - Alpha emitters give high response rates in single-arm trials; one programme was discontinued
#   and the other is in a phase 3 trial.
# - Receptor antagonists are at an early phase; marrow toxicity shaped their dosing.
# - STARTER-NET (everolimus plus lanreotide, first line) and TALENT (lenvatinib) are congress or
#   secondary-source evidence without a checked paper.
# - COMPOSE and NETTER-3 have no results yet; sequencing, timing and biomarkers remain open.
#
# ## References

# %%
lessons.lesson_references(facts.trials, facts.therapies, *facts.source_objects())

# %%
mark_legend()
