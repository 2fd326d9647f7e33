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
# # Lesson 4: Targeted agents: everolimus, sunitinib, cabozantinib, surufatinib
#
# > **For education only.** The tools teach reasoning with published evidence; they never give
# > advice about a real patient. Treatment is decided by a multidisciplinary team.
#
# ## Objectives
# By the end of this lesson you can:
# 1. tell the two targeted mechanisms apart: **mTOR inhibition** (everolimus) and **VEGF-receptor
#    tyrosine kinase inhibition** (sunitinib, cabozantinib, surufatinib);
# 2. give the doses and schedules the pivotal trials used, and where each drug is approved;
# 3. read **RADIANT-3**, **A6181111** (sunitinib), **SANET-p** and **CABINET**, including why
#    CABINET has two sets of numbers (journal and FDA label);
# 4. explain why these drugs delay progression without shrinking many tumours, and why their
#    survival results are blurred by **crossover**;
# 5. match class toxicities to patients: who is a poor candidate for which drug;
# 6. say what changed in 2024-2026: CABINET and its approvals, the label figures that differ from
#    the papers, and belzutifan for von Hippel-Lindau disease.
#
# Every number below is read from the package's evidence data, each row with its citation.

# %% tags=["handout-remove"]
from pannet_edu.content.reviews import lesson_review

lesson_review("04_targeted_agents")

# %%
import matplotlib.pyplot as plt
import pandas as pd

from pannet_edu import evidence, therapies, trials
from pannet_edu.content.sources import mark_legend
from pannet_edu.formatting import format_hr, format_number, format_percent, format_vs
from pannet_edu.plots import forest_plot, hr_and_response, toxicity_grid
from pannet_edu.practice.selfcheck import Check, Wrong, choice_check, reason, set_check
from pannet_edu.views import lessons
from pannet_edu.widgets import InsideTheEvidence, SelfCheck, TrialExplorer, VignetteDrill

LESSON = "04_targeted_agents"
facts = evidence.lesson_facts(LESSON)
print(evidence.lesson_review_line(LESSON))

TARGETED = ["everolimus", "sunitinib", "cabozantinib", "surufatinib"]
TARGETED_TRIALS = ["RADIANT-3", "A6181111", "SANET-p", "CABINET"]
table = trials()
targeted_rows = table[table.therapy.isin(TARGETED) & table.trial.isin(TARGETED_TRIALS)]

# %% [markdown]
# ## 1. Two ways to hold a NET back
# - **mTOR** is a kinase inside the cell that drives growth and metabolism. Well-differentiated
#   panNETs often rely on this pathway; **everolimus** blocks it. Because mTOR also governs glucose
#   handling, everolimus raises blood sugar: a toxicity for most patients, a help for some with
#   malignant insulinoma.
# - panNETs are richly vascular. **Sunitinib**, **cabozantinib** and **surufatinib** block the
#   receptors for vascular endothelial growth factor (VEGFR) and other kinases, starving the
#   tumour of new vessels. Their shared class effects (high blood pressure, proteinuria,
#   bleeding or clotting) follow from that mechanism.
#
# All four are tablets or capsules taken **once daily, continuously**, at the doses below:

# %%
lessons.therapy_overview(TARGETED)

# %% [markdown]
# ## 2. Administration and approval
# Daily oral treatment means the patient carries the toxicity every day, so early review,
# dose interruption and dose reduction (details in each label) are part of the treatment.
# Approval differs by drug and region: surufatinib's evidence comes from a Chinese trial and it is
# approved in China only; cabozantinib is the newest approval (US March 2025, EU July 2025), for
# previously treated NETs:

# %%
for therapy_id in ("surufatinib", "cabozantinib"):
    for line in therapies().loc[therapy_id, "approval"]:
        print(f"{therapy_id}: {line}")

# %% [markdown]
# ## 3. The pivotal trials
# All four were placebo-controlled and enrolled **progressing** or **previously treated**
# disease: they answer "does this drug delay progression once the tumour is growing?".

# %%
lessons.key_results(TARGETED_TRIALS)

# %% [markdown]
# ### RADIANT-3 (everolimus) and A6181111 (sunitinib): the 2011 pair
# Both trials enrolled progressive, well-differentiated panNETs, and in the journal reports each
# more than doubled median PFS. The sunitinib trial was stopped early by its data monitoring
# committee, which tends to overestimate an effect; its blinded central review (in the EU label)
# gave a similar picture, and the FDA's own analysis slightly lower medians, a little short of
# double. The paper is cited by its DOI.

# %%
for name in ("RADIANT-3", "A6181111"):
    row = lessons.trial_row(name)
    print(f"{name}: median PFS {format_vs(row.pfs_median, row.pfs_median_control)} months, "
          f"HR {format_hr(row)}, n={format_number(row.n)}")
radiant = lessons.trial_row("RADIANT-3")
print(f"RADIANT-3 {format_number(radiant.landmark_months)}-month PFS: "
      f"{format_vs(radiant.landmark_pfs, radiant.landmark_pfs_control, unit='%')}")

# %%
lessons.journal_vs_label("A6181111")

# %% [markdown]
# ### SANET-p (surufatinib)
# A Chinese phase III trial in progressive G1/G2 panNET after up to two prior regimens, stopped at
# its interim analysis. Investigator and blinded independent review gave different medians; the
# table holds the investigator-assessed figures, the notes hold both:

# %%
print(lessons.trial_row("SANET-p").notes)

# %% [markdown]
# ### CABINET (cabozantinib): after PRRT or another targeted drug
# CABINET enrolled **previously treated** G1-G3 NETs in two separate cohorts, pancreatic and
# extrapancreatic, each randomised against placebo. Only the pancreatic cohort is panNET
# evidence. The FDA label was written from a **later data cut-off** than the journal report, so
# the two give slightly different numbers for the same trial. Both are kept, each with its
# source:

# %%
lessons.journal_vs_label("CABINET")

# %% [markdown]
# ## 4. What changed in 2024-2026
# - **Cabozantinib** became the newest targeted drug for NETs: the CABINET paper (2025), then US
#   and EU approvals that differ in age and in which earlier treatment they require. The approval
#   text in the catalogue:

# %%
for line in therapies().loc["cabozantinib", "approval"]:
    print("cabozantinib:", line)

# %% [markdown]
# - **Label figures that differ from the papers** are now kept beside the papers for every trial
#   where a label gives its own numbers (CABINET and the sunitinib trial above; lanreotide in
#   lesson 3; belzutifan below). Quote the source with the number.
# - **Surufatinib** stays a regional drug: its approvals and the reasons it is not approved
#   elsewhere, from the catalogue:

# %%
for line in therapies().loc["surufatinib", "approval"]:
    print("surufatinib:", line)

# %% [markdown]
# ### Belzutifan: a targeted drug for a hereditary cause
# In von Hippel-Lindau (VHL) disease the VHL protein is lost and the transcription factor HIF-2α
# stays switched on; belzutifan blocks it. LITESPARK-004 was a **single-arm** phase II trial in
# VHL patients with renal cell carcinoma that also reported how their pancreatic NETs responded.
# The journal and the label count different patients, and the approval wording differs by region:

# %%
lessons.journal_vs_label("LITESPARK-004")

# %%
for line in therapies().loc["belzutifan", "approval"]:
    print("belzutifan:", line)
print("Poor candidates:", therapies().loc["belzutifan", "poor_fit"])

# %% [markdown]
# High response rates in a single-arm trial of a hereditary syndrome do not transfer by themselves
# to **sporadic** panNETs: the evidence and the approval are for VHL disease.
#
# **Guidelines.** The European guidance for non-functioning panNET (ENETS 2023, Kos-Kudła) and the
# ESMO 2020 guideline are the guidelines in force for these drugs; read their recommendations in
# the papers listed in the references. Lenvatinib, a kinase inhibitor not approved for NETs, is in
# lesson 8.
#
# ## 5. Explore the trials
# The explorer opens on the tyrosine kinase inhibitors; in JupyterLab, choose *mTOR inhibitor* to
# see RADIANT-3, or filter by setting (everolimus is also the control arm of COMPETE, a PRRT
# trial in lesson 5). The
# forest plot draws the four trials' hazard ratios side by side.

# %%
TrialExplorer(therapy_class="tki")

# %%
forest_plot(targeted_rows, title="Targeted agents in panNET: PFS hazard ratios")
plt.show()

# %% [markdown]
# ## 6. Delaying progression is not shrinking tumours
# A hazard ratio answers "how much more slowly does disease progress?". A response rate answers
# "how often does the tumour shrink?". Targeted agents score well on the first and modestly on the
# second; chemotherapy and PRRT can shrink tumours more often (lessons 5 and 6). In the figure,
# each trial is a point: left means a stronger delay of progression, up means more shrinkage.

# %%
hr_and_response(table)
plt.show()

# %% [markdown]
# The response rates the data holds for the targeted trials. RADIANT-3 and SANET-p reported
# response rates too, but this course has no checked figure for them, so none is shown. "No
# checked figure" never means "not reported", and it never means zero:

# %%
for _, row in targeted_rows.iterrows():
    orr = ("no checked figure" if pd.isna(row.orr)
           else format_vs(row.orr, row.orr_control, unit="%"))
    print(f"{row.trial:<10} {row.cohort:<16} response rate: {orr}")

# %% [markdown]
# ## 7. Why overall survival did not separate: crossover
# When the control arm may switch to the active drug at progression, both arms end up treated, and
# overall survival converges even if the drug works. RADIANT-3 and the sunitinib trial show this:

# %%
for name in ("RADIANT-3", "A6181111"):
    row = lessons.trial_row(name)
    print(f"{name}: OS {format_vs(row.os_median, row.os_median_control)} months, "
          f"HR {format_hr(row, 'os_hr')}")
    print(f"  source: {row.os_source}")

# %% [markdown]
# ## 8. Toxicity and its management
# The toxicities differ by mechanism: mouth ulcers, rash, infections, high glucose and pneumonitis
# with mTOR inhibition; high blood pressure, proteinuria, hand-foot syndrome, diarrhoea and
# clotting with the VEGFR inhibitors. The grid shows which main toxicities the catalogue names for
# each drug; the table gives the rates where a source reports one.

# %%
toxicity_grid(therapy_ids=TARGETED)
plt.show()

# %%
lessons.toxicity_summary(TARGETED)

# %% [markdown]
# ## 9. Who is a poor candidate
# The comorbidity half of every choice:
# - **everolimus**: diabetes or hard-to-control hyperglycaemia; interstitial lung disease.
#   (In malignant insulinoma with refractory hypoglycaemia, its glucose-raising effect can help.)
# - **sunitinib, cabozantinib, surufatinib**: uncontrolled hypertension, cardiac disease, high
#   bleeding or clotting risk; proteinuria for surufatinib.
# - **all four**: disease that must shrink quickly, since responses are uncommon.

# %%
lessons.poor_fit_summary(TARGETED)

# %% [markdown]
# ## 10. Is this patient inside the evidence?
# Each targeted drug rests on its own trial, and each trial enrolled its own patients. Before
# calling a drug the right choice, ask whether this patient could have entered its trial. Inside,
# the drug may be preferred if everything else agrees; outside every trial its use is
# **extrapolated**: at most reasonable, and still not unsuitable. What the label covers in the
# patient's country is a separate question with its own answer.
#
# Once you have checked your reading, the tool names the criterion that keeps the patient out,
# where a trial was run in one country only, the label where the patient is treated, and the
# checks before a first dose. Three patients to try:
#
# 1. **Everolimus, then sunitinib, for a progressing tumour with Ki-67 30%.** Which grades did
#    their trials enrol, and how is the sunitinib trial's population dated?
# 2. **Cabozantinib in the United States after an SSA only, then after everolimus.** Compare what
#    its trial required before entry with what the label asks, then move the patient to the EU.
# 3. **Surufatinib for a progressing NET G2 treated in the United States.** Inside the trial, yet
#    where can the drug be had? Then try belzutifan with von Hippel-Lindau disease: what did its
#    trial exclude that every patient in this toolkit has?

# %%
InsideTheEvidence(lesson=LESSON, region="US")

# %% [markdown]
# ## 11. Practise on invented patients
# Invented cases written for this lesson from the same data: read the case, choose an answer, then
# read why. The class seed fixes the set, so a class that types the same seed works through the
# same cases; change it for new ones.

# %%
VignetteDrill(seed=3, n=5, lesson=LESSON)

# %% [markdown]
# ## Check your understanding
# The answers are read from the same data as the tables above.

# %%
catalogue = therapies()
fit = catalogue.loc[TARGETED, "poor_fit_factors"]
cabinet = lessons.journal_vs_label("CABINET").rows
best = targeted_rows.loc[targeted_rows.orr.idxmax()]
pancreatic = [r for r in cabinet if r["cohort"] == "pancreatic"]


def fit_check(prompt, factor):
    """Which of the four drugs the catalogue lists the factor against, each with its reasons."""
    return set_check(
        prompt,
        {catalogue.loc[t, "name"].lower(): catalogue.loc[t, "poor_fit"]
         for t in TARGETED if factor in fit[t]},
        {catalogue.loc[t, "name"].lower(): "not listed for it; its poor candidates: "
         + catalogue.loc[t, "poor_fit"] for t in TARGETED if factor not in fit[t]})


SelfCheck([
    fit_check("A patient has type 2 diabetes treated with insulin. Which of the four drugs need "
              "a glucose plan before the first dose (one raises glucose, one can lower it)?",
              "diabetes"),
    fit_check("A patient has uncontrolled hypertension. Which drugs does that affect?",
              "uncontrolled_hypertension"),
    choice_check("RADIANT-3's overall-survival hazard ratio is close to 1. Does that show "
                 "everolimus does not work?", "no",
                 f"The PFS HR {format_number(radiant.hr)} shows the delay of progression; the OS "
                 f"HR {format_number(radiant.os_hr)} is blurred by crossover: "
                 f"{radiant.os_source}.",
                 {"yes": reason("crossover-survival")}),
    Check("What is the control-arm median PFS in CABINET's pancreatic cohort?",
          "; ".join(f"{r['control median PFS, months']} months ({r['figures from']})"
                    for r in pancreatic),
          tuple(form for r in pancreatic for form in (str(r["control median PFS, months"]),
                                                      f"{r['control median PFS, months']} months")),
          reason("journal-and-label"),
          tuple([Wrong((r["median PFS, months"],), reason("treatment-arm-not-control"))
                 for r in pancreatic]
                + [Wrong((r["control median PFS, months"],), reason("other-cohort"))
                   for r in cabinet if r["cohort"] != "pancreatic"]), closed=False),
    choice_check("Symptoms from bulky liver metastases need the tumour to shrink. Are the targeted "
                 "agents the strongest tool for that?", "no",
                 "The highest response rate confirmed for this course is "
                 f"{format_percent(best.orr)} "
                 f"({best.trial}, {best.cohort}); lessons 5 and 6 show therapies that shrink more "
                 "often.",
                 {"yes": reason("hold-back-not-shrink")}),
])

# %% [markdown]
# ## Summary
# - Everolimus (mTOR) and the VEGFR inhibitors (sunitinib, cabozantinib, surufatinib) each
#   prolonged median PFS against placebo in progressive or pretreated panNET, about doubling it or
#   more in the journal reports (the FDA's analysis of the sunitinib trial: a little short of
#   double).
# - They delay progression but shrink few tumours; when shrinkage matters, look at chemotherapy
#   or PRRT.
# - Overall survival did not separate in RADIANT-3 or the sunitinib trial, largely because of
#   crossover.
# - CABINET brings cabozantinib to previously treated NETs; its journal and label figures differ
#   because of a later data cut-off: cite the one you use.
# - Choose by comorbidity: glucose and lungs for everolimus; blood pressure, heart and clotting for
#   the VEGFR inhibitors. Approval differs by region (surufatinib: China).
# - Belzutifan treats pancreatic NETs in VHL disease; its evidence is for VHL only.
#
# Next: lesson 5, peptide receptor radionuclide therapy (PRRT).
#
# ## References

# %%
lessons.lesson_references(facts.trials, facts.therapies, *facts.source_objects())

# %%
mark_legend()
