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
# # Lesson 3: Somatostatin analogues (SSAs)
#
# > **For education only.** The tools teach reasoning with published evidence; they never give
# > advice about a real patient. Treatment is decided by a multidisciplinary team.
#
# ## Objectives
# By the end of this lesson you can:
# 1. explain how somatostatin analogues act on a neuroendocrine tumour, and why **SSTR imaging**
#    comes before them;
# 2. name the two long-acting agents and the schedules the trials used;
# 3. read the three SSA trials (**PROMID**, **CLARINET**, **CLARINET FORTE**): who was enrolled,
#    what was measured, why PROMID's result is only **extrapolated** to panNET, and why
#    CLARINET's label figure differs from its paper;
# 4. explain why a trial reports a **hazard ratio** when a median is "not reached";
# 5. recognise the main toxicities and the patients for whom an SSA is a poor fit;
# 6. say what changed in 2024-2026: the 2024 label warning on **steatorrhoea and fat
#    malabsorption**, SORENTO (a higher-exposure octreotide, no results yet) and STARTER-NET (an
#    SSA added to everolimus at first line).
#
# Every number below is read from the toolkit's evidence data, each row with its citation; the
# references close the lesson.

# %% tags=["handout-remove"]
from pannet_edu.content.reviews import lesson_review

lesson_review("03_somatostatin_analogues")

# %%
import matplotlib.pyplot as plt

import pannet_edu as pe
from pannet_edu import evidence, trials
from pannet_edu.content.sources import confidence_mark, mark_legend
from pannet_edu.engine import Patient
from pannet_edu.evidence import pipeline, toxicity_table
from pannet_edu.formatting import format_hr, format_number, format_vs
from pannet_edu.plots import forest_plot
from pannet_edu.practice.selfcheck import Check, choice_check, reason
from pannet_edu.views import lessons
from pannet_edu.views.lessons import enrolled_sentence, note_sentence
from pannet_edu.views.wording import plain
from pannet_edu.widgets import InsideTheEvidence, SelfCheck, TrialExplorer, VignetteDrill

LESSON = "03_somatostatin_analogues"
facts = evidence.lesson_facts(LESSON)
SSA_TRIALS = ["PROMID", "CLARINET", "CLARINET FORTE"]
print(evidence.lesson_review_line(LESSON))

# %% [markdown]
# ## 1. How SSAs work
# Somatostatin is a hormone that switches off secretion in many endocrine cells.
# Well-differentiated NETs often carry **somatostatin receptors (SSTR)** on their surface.
# Long-acting analogues bind these receptors and do two things:
#
# - **control hormone syndromes** (for example VIPoma or glucagonoma), and
# - **slow tumour growth** (the *antiproliferative* effect that PROMID and CLARINET measured).
#
# They need a target: a tumour that does not express SSTR gives them nothing to bind. That is why
# SSTR imaging (68Ga- or 64Cu-DOTATATE/DOTATOC PET, or the older scintigraphy read with the
# Krenning score) comes first. The catalogue entry:

# %%
lessons.therapy_profile("ssa")

# %% [markdown]
# ## 2. Administration
# Both agents are long-acting depot injections given every four weeks, so a patient's treatment
# burden is small: one of the reasons an SSA is the usual first line for well-differentiated,
# SSTR-positive panNET (Hauser 2019). The doses the trials used are in the profile above.
#
# **The labels differ between the two agents.** Lanreotide is approved to slow the growth of
# GEP-NETs, pancreatic ones included (US; in the EU for Ki-67 up to 10%). Octreotide LAR is
# approved for hormone symptoms; no label seen gives it a growth-control indication in panNET
# (outside the US it has one for midgut NETs or an unknown primary, and the US label says its
# effect on tumour growth has not been determined). Its use to slow a panNET rests on PROMID, an
# extrapolation (below).
#
# CLARINET FORTE tested a **shorter interval** (lanreotide every 14 days) after progression on
# the standard schedule:

# %%
forte = lessons.trial_row("CLARINET FORTE", "pancreatic")
print(forte.notes)

# %% [markdown]
# ## 3. The pivotal trials
# Three trials, three different questions. The table gives one line per cohort; the median column
# says whether the trial measured progression-free survival (PFS) or time to progression (TTP).

# %%
lessons.key_results(SSA_TRIALS)

# %% [markdown]
# ### PROMID: the first proof of an antiproliferative effect, in midgut NETs only
# PROMID randomised octreotide LAR against placebo in **midgut** NETs. It enrolled **no
# panNETs**, so using it for pancreatic tumours is an **extrapolation**. Its primary endpoint was
# TTP, and its long-term overall survival shows what crossover does to a survival comparison:

# %%
promid = lessons.trial_row("PROMID")
print(f"Population: {promid.population}")
print(f"TTP {format_vs(promid.pfs_median, promid.pfs_median_control)} months, "
      f"HR {format_hr(promid, label=True)}")
print(f"Overall survival {format_vs(promid.os_median, promid.os_median_control)} months, "
      f"HR {format_hr(promid, 'os_hr')}")
print(f"OS source: {promid.os_source}")

# %% [markdown]
# ### CLARINET: lanreotide in enteropancreatic NETs, including panNETs
# CLARINET enrolled non-functioning, SSTR-positive G1/G2 tumours with **Ki-67 below 10%**,
# pancreatic and intestinal primaries together. Most patients had stable disease at entry, and
# many had a large liver burden: low tumour volume is a preference, not a requirement.

# %%
clarinet = lessons.trial_row("CLARINET")
print(f"Population: {clarinet.population}")
print("Median PFS: not reached with lanreotide vs "
      f"{format_number(clarinet.pfs_median_control)} months with placebo; "
      f"HR {format_hr(clarinet)}")
print(f"{format_number(clarinet.landmark_months)}-month PFS: "
      f"{format_vs(clarinet.landmark_pfs, clarinet.landmark_pfs_control, unit='%')}")

# %% [markdown]
# **Why a hazard ratio?** A median is the time by which half the patients have progressed. In
# CLARINET fewer than half of the lanreotide group had progressed by the end of the study, so
# their median PFS was *not reached*: there is no number to put beside placebo's. The hazard ratio
# compares the **whole** progression curves (an HR below 1 means a lower rate of progression or
# death over the follow-up than with placebo), and the landmark rate (PFS at 24 months) shows the
# gap at one
# point. The trial's notes carry the rest, including the open-label extension:

# %%
print(clarinet.notes)

# %% [markdown]
# **A label figure that differs from the paper.** When the FDA approved lanreotide for GEP-NETs
# (2014), it quoted a different placebo median from the NEJM report: the same trial, a different
# analysis. Both are kept, each with its source; quote the one you cite.

# %%
lessons.journal_vs_label("CLARINET")

# %% [markdown]
# ### CLARINET FORTE: a shorter interval after progression
# A **single-arm** phase II study: every patient received lanreotide every 14 days after
# centrally confirmed progression on the 28-day schedule. Without a control group there is no
# hazard ratio, and its median PFS cannot be compared with CLARINET's: the patients were
# further along in their disease. Its journal paper appeared in 2021 (Eur J Cancer); the figures
# below are those presented at ESMO 2020, hence the congress mark. Read the two cohorts' medians
# as descriptions, not as a comparison:

# %%
for cohort in ("pancreatic", "midgut"):
    row = lessons.trial_row("CLARINET FORTE", cohort)
    mark = confidence_mark(row.confidence, row.figures_source)
    print(f"{cohort:>10}: n={format_number(row.n)}, "
          f"median PFS {format_number(row.pfs_median)} months [{mark}]")

# %% [markdown]
# ## 4. What changed in 2024-2026
# Three things are new since 2024, in the order they appeared: a label warning for every SSA (July
# 2024), a phase III trial of a higher-exposure octreotide whose methods appeared in 2024
# (SORENTO), and congress reports of an SSA added to everolimus (STARTER-NET, 2025).
#
# **A new warning for every SSA (July 2024).** The US labels of octreotide LAR and lanreotide
# gained a warning of **steatorrhoea and malabsorption of dietary fats**. Ask about pale, fatty,
# floating stools and weight loss: on an SSA, diarrhoea that changes character may be fat
# malabsorption (exocrine pancreatic insufficiency) rather than a syndrome escaping control. The
# catalogue's entry:

# %%
ssa_toxicity = toxicity_table().query("therapy == 'ssa'").set_index("effect")
fat = ssa_toxicity.loc["steatorrhoea and fat malabsorption"]
print(f"Steatorrhoea and fat malabsorption: {fat.management} (source: {fat.source})")

# %% [markdown]
# **SORENTO: does a higher-exposure octreotide control growth longer?** A phase III trial
# randomised a new subcutaneous octreotide depot (CAM2029) every 2 weeks against the standard
# analogues every 4 weeks. Its methods paper appeared in 2024; **its efficacy results were not
# found** in the sources checked by late 2026, so it is not yet evidence for or against a higher
# dose:

# %%
[row for row in pipeline.ongoing_trials().rows if row["trial"] == "SORENTO"]

# %% [markdown]
# **STARTER-NET: an SSA added to everolimus at first line (congress reports, 2025).** A Japanese
# phase III trial gave
# everolimus with or without lanreotide to G1/G2 tumours with poor-prognosis features (Ki-67
# 5-20%, or diffuse liver metastases). Its results are congress reports only, and its response
# rate and survival figures differ between reports; lesson 8 reads it as evidence under
# investigation.

# %%
lessons.key_results(["STARTER-NET"])

# %% [markdown]
# **Guidelines.** The ENETS 2023 guidance for non-functioning panNET (Kos-Kudła) and for
# functioning syndromes (Hofland), and the ESMO 2020 guideline, are the guidelines in force. The
# functioning-syndrome paper covers the work-up and treatment of insulinoma, gastrinoma,
# glucagonoma, VIPoma and rarer syndromes; read its step-by-step recommendations in the paper
# (listed in the references).
#
# ## 5. Explore the trials
# The explorer filters every trial in the data by therapy class, panNET population and setting.
# It opens on the SSA trials; in JupyterLab, change the filters to compare them with other
# classes. The forest plot below draws the hazard ratios that exist (single-arm trials have none;
# hollow markers are midgut-only trials).

# %%
TrialExplorer(therapy_class="ssa")

# %%
table = trials()
ssa_rows = table[table.therapy_class == "ssa"]
forest_plot(ssa_rows, title="Somatostatin analogues: PFS/TTP hazard ratios")
plt.show()

# %% [markdown]
# ## 6. Toxicity and its management
# SSAs are among the best tolerated anticancer treatments, which is why they come first. The
# catalogue lists the main effects with the rate where a source gives one:

# %%
lessons.toxicity_summary("ssa")

# %% [markdown]
# ## 7. Who is a poor candidate
# - **SSTR-negative** disease: the drug has no target, and the trials enrolled SSTR-positive
#   tumours only.
# - Disease that needs to **shrink** (bulky, symptomatic or fast-growing): SSAs stabilise rather
#   than shrink; chemotherapy or PRRT answer that need (lessons 5 and 6).
# - **Insulinoma** with hypoglycaemia: SSAs can make hypoglycaemia worse.
# - Higher proliferation: CLARINET's evidence stops at Ki-67 below 10%.
# - **NEC** (poorly differentiated): SSAs are not a treatment for it.

# %%
lessons.poor_fit_summary("ssa")

# %% [markdown]
# ## 8. Is this patient inside the evidence?
# A trial is evidence for the drug it tested and for the patients it enrolled. Before calling an
# SSA the right choice for a patient, ask whether that patient could have entered CLARINET,
# CLARINET FORTE or PROMID. Inside a trial's population, the option may be preferred if
# everything else agrees; outside every trial its use is **extrapolated**: at most reasonable,
# and still not unsuitable. A guideline or expert position (an SSA to control a VIPoma or
# glucagonoma syndrome) can cover a patient no trial enrolled.
#
# Once you have checked your reading, the tool names the criterion that keeps the patient out of
# each trial, what the label covers where the patient is treated, and the checks before a first
# dose. Three patients to try:
#
# 1. **The first patient shown, then Ki-67 10%, then 15%.** Which of the three trials could this
#    patient have entered at each value, and does the EU label draw its line in the same place?
#    Read what the tool says of a Ki-67 measured right at a cut-off: cut-offs are not cliffs.
# 2. **Ki-67 15%, progressing, an SSA already given.** A trial after progression on an SSA is a
#    different population from one at first line: the same drug, a different question.
# 3. **Ki-67 15% with a VIPoma.** Controlling a hormone syndrome is not the question the growth
#    trials asked. If no trial holds this patient, what does?

# %%
InsideTheEvidence(lesson=LESSON)

# %% [markdown]
# ## 9. Practise on invented patients
# Invented cases written for this lesson from the same data: read the case, choose an answer, then
# read why. The class seed fixes the set, so a class that types the same seed works through the
# same cases; change it for new ones.

# %%
VignetteDrill(seed=3, n=5, lesson=LESSON)

# %% [markdown]
# ## Check your understanding
# The answers are read from the same data as the tables above.

# %%
# What the engine says of an SSA just above that range (the same rule the appraisal tool uses).
above_range = pe.appraise(Patient(ki67=15, sstr="positive")).loc["ssa", "reasons"].split(". ")[-1]
insulinoma_care = next(r["management"] for r in lessons.toxicity_summary("ssa").rows
                       if "insulinoma" in r["toxicity"])
SelfCheck([
    choice_check('A colleague says "PROMID shows that octreotide slows pancreatic NETs." What is '
                 "missing?", enrolled_sentence(promid), note_sentence(promid, "extrapolated"),
                 {}, accepted=["no panNETs", "no pancreatic", "extrapolated", "extrapolation",
                               "midgut"]),
    choice_check("CLARINET's lanreotide arm has no median PFS. Is that good or bad news, and "
                 "which two numbers describe the benefit instead?", "good news",
                 f"{reason('median-not-reached')} Use the HR {format_hr(clarinet)} and the "
                 f"{format_number(clarinet.landmark_months)}-month PFS "
                 f"{format_vs(clarinet.landmark_pfs, clarinet.landmark_pfs_control, unit='%')}.",
                 {"bad": reason("missing-median-is-not-missing-result")},
                 accepted=["good"]),
    Check("Which Ki-67 range does CLARINET's evidence cover?", clarinet.population.split(";")[0],
          ("Ki-67 <10%", "<10%", "below 10%", "Ki-67 below 10%", "under 10%", "less than 10%"),
          explanation=above_range, closed=False),
    choice_check("CLARINET FORTE's panNET cohort had a median PFS of a few months. Can you say "
                 "lanreotide every 14 days is worse than CLARINET's schedule?", "no",
                 f"The design is {plain(forte.design)}, with no control arm, and the patients "
                 f"were different: {forte.population[:1].lower()}{forte.population[1:]}.",
                 {"yes": reason("across-trials")}),
    Check("A patient has a metastatic insulinoma with recurrent hypoglycaemia. Why be careful "
          "with an SSA?", insulinoma_care),
])

# %% [markdown]
# ## Summary
# - SSAs act through somatostatin receptors: SSTR imaging decides whether they can work.
# - They control hormone syndromes and slow growth with little toxicity, which makes them the
#   usual first line for well-differentiated, SSTR-positive panNET with lower proliferation.
# - PROMID (midgut only) is extrapolated to panNET; CLARINET included panNETs with Ki-67 below
#   10%; CLARINET FORTE is single-arm evidence for a shorter interval after progression. The
#   lanreotide label and the CLARINET paper give different placebo medians (quote the source).
# - When a median is not reached, the hazard ratio and landmark rates carry the result.
# - SSAs rarely shrink tumours; bulky or aggressive disease needs another plan.
# - Since 2024: a US label warning of steatorrhoea and fat malabsorption for the SSAs; SORENTO
#   tests a higher-exposure octreotide (results not yet reported); STARTER-NET tests lanreotide
#   added to everolimus at first line (congress reports only).
#
# Next: lesson 4, targeted agents (everolimus, sunitinib, cabozantinib, surufatinib).
#
# ## References

# %%
lessons.lesson_references(facts.trials, facts.therapies, *facts.source_objects())

# %%
mark_legend()
