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
# # Lesson 5: Peptide receptor radionuclide therapy (PRRT)
#
# > **For education only.** The tools teach reasoning with published evidence; they never give
# > advice about a real patient. Treatment is decided by a multidisciplinary team.
#
# ## Objectives
# By the end of this lesson you can:
# 1. explain how PRRT delivers radiation to a tumour, and why **SSTR uptake on imaging** decides
#    who can receive it;
# 2. describe how it is given, including **kidney protection** with amino acids;
# 3. read the four PRRT trials (**NETTER-1**, **NETTER-2**, **COMPETE**, **OCLURANDOM**): who was
#    enrolled, what each compared, and why NETTER-1's result is only **extrapolated** to panNET;
# 4. explain why an overall-survival difference can vanish when patients cross over;
# 5. name the short- and long-term risks (blood counts, kidney, **MDS and acute leukaemia**) and
#    the patients for whom PRRT is a poor fit;
# 6. say what changed in 2024-2026: PRRT at first line for higher-grade tumours, PRRT beside
#    chemotherapy (CONTROL NETs), re-treatment after a durable first course, and where guidelines
#    stand.
#
# Every number below is read from the toolkit's evidence data, each row with its citation; the
# references close the lesson.

# %% tags=["handout-remove"]
from pannet_edu.content.reviews import lesson_review

lesson_review("05_prrt")

# %%
import matplotlib.pyplot as plt

from pannet_edu import evidence, therapies, trials
from pannet_edu.content.sources import confidence_mark, mark_legend
from pannet_edu.evidence import toxicity_table
from pannet_edu.formatting import format_hr, format_number, format_percent, format_vs
from pannet_edu.plots import forest_plot, pfs_bars, toxicity_grid
from pannet_edu.practice.selfcheck import Check, choice_check
from pannet_edu.views import lessons
from pannet_edu.views.lessons import enrolled_sentence, note_sentence
from pannet_edu.views.wording import plain
from pannet_edu.widgets import InsideTheEvidence, SelfCheck, TrialExplorer, VignetteDrill

LESSON = "05_prrt"
facts = evidence.lesson_facts(LESSON)
PRRT_TRIALS = ["NETTER-1", "NETTER-2", "COMPETE", "OCLURANDOM"]
table = trials()
prrt_rows = table[table.trial.isin(PRRT_TRIALS)]
print(evidence.lesson_review_line(LESSON))
prrt_toxicity = toxicity_table().query("therapy == 'prrt'").set_index("effect")

# %% [markdown]
# ## 1. How PRRT works
# PRRT is a **radiopharmaceutical**: a somatostatin analogue (the "peptide") carries a radioactive
# isotope, lutetium-177. The analogue binds somatostatin receptors (SSTR) on the tumour cells and
# the isotope irradiates them from within. The same receptor that an SSA
# blocks (lesson 3) becomes the address for a radiation dose. The catalogue entry:

# %%
lessons.therapy_profile("prrt")

# %% [markdown]
# ## 2. Who can receive it: SSTR uptake first
# PRRT can only irradiate what takes it up. Every PRRT trial enrolled **SSTR-positive** tumours,
# shown on SSTR imaging (68Ga-DOTATATE/DOTATOC PET, or older scintigraphy read with the Krenning
# score). Read how each trial described its patients:

# %%
for name in PRRT_TRIALS:
    row = lessons.trial_row(name)
    print(f"{name}: {row.population}.")

# %% [markdown]
# The US label asks only for "SSTR-positive" disease. The EU label asks for tumour uptake **at
# least as high as normal liver**: uptake equal to liver (Krenning 2) meets it, a weaker but real
# target; uptake below liver (Krenning 1) is not a PRRT target, though an SSA may still be
# considered. Practice looks for that uptake in (nearly) all lesions, with caution where some
# lesions are **FDG-avid but SSTR-poor** (those lesions would be left untreated). *The NANETS/SNMMI
# consensus on patient selection (Hope 2020) addresses this question; its wording is not
# reproduced here, so read the practice rule as a teaching summary, not as the guideline's text.*

# %% [markdown]
# ## 3. How it is given
# A short course of infusions spaced weeks apart, each given with an amino-acid infusion
# (L-lysine and L-arginine) that lowers the radiation dose the kidneys receive as they clear the
# radiopeptide. The schedule the trials used, and what the label says the amino acids achieve:

# %%
print("Schedule:", therapies().loc["prrt", "dose_schedule"])
print("Kidney protection:", prrt_toxicity.loc["renal failure (all grades)", "management"])

# %% [markdown]
# ## 4. The trials
# Four trials, four questions, and not one drug: NETTER-1, NETTER-2 and OCLURANDOM gave
# **177Lu-DOTATATE** (the licensed radiopharmaceutical, also called octreotate), COMPETE gave
# **177Lu-edotreotide** (DOTATOC). 177Lu-DOTATATE **after SSA progression** (NETTER-1),
# **first line** in higher-grade tumours (NETTER-2), and **beside** an active drug without a
# formal comparison (OCLURANDOM, beside sunitinib); 177Lu-edotreotide **against an active drug**
# (COMPETE, against everolimus). A trial is evidence for the radiopharmaceutical it tested.

# %%
lessons.key_results(PRRT_TRIALS)

# %% [markdown]
# ### NETTER-1: the registration trial, in midgut NETs only
# NETTER-1 compared 177Lu-DOTATATE plus octreotide with high-dose octreotide in **midgut** NETs
# that had progressed on octreotide. It enrolled **no panNETs**: its use for pancreatic tumours is
# an **extrapolation**. The PRRT arm's median PFS was **not reached** at the primary analysis,
# so the trial is read through its hazard ratio and a landmark rate:

# %%
netter1 = lessons.trial_row("NETTER-1")
print(f"PFS hazard ratio {format_hr(netter1, label=True)}; "
      f"control median {format_number(netter1.pfs_median_control)} months")
print(f"PFS at {format_number(netter1.landmark_months)} months: "
      f"{format_vs(netter1.landmark_pfs, netter1.landmark_pfs_control, unit='%')}")
print(f"Response rate: {format_vs(netter1.orr, netter1.orr_control, unit='%')}")

# %% [markdown]
# **Overall survival and crossover.** The final analysis found longer median survival with PRRT,
# but a hazard ratio whose interval includes 1. Patients in the control arm could receive PRRT
# later; when the control arm also gets the treatment, a survival comparison measures *when* it
# was given, not *whether*.

# %%
print(f"Overall survival {format_vs(netter1.os_median, netter1.os_median_control)} months, "
      f"HR {format_hr(netter1, 'os_hr', label=True)}")
print(f"Source: {netter1.os_source}")

# %% [markdown]
# ### NETTER-2: first line, for higher-grade tumours
# NETTER-2 moved PRRT **forward**, to newly diagnosed, higher-grade (high G2 and G3)
# well-differentiated GEP-NETs, pancreatic and intestinal together. It compared PRRT plus octreotide
# with
# high-dose octreotide alone: a comparison with an SSA, not with chemotherapy.

# %%
netter2 = lessons.trial_row("NETTER-2")
print(f"Median PFS {format_vs(netter2.pfs_median, netter2.pfs_median_control)} months, "
      f"HR {format_hr(netter2)}")
print(f"Response rate {format_vs(netter2.orr, netter2.orr_control, unit='%')}")
print(f"Notes: {netter2.notes}")

# %% [markdown]
# ### COMPETE: 177Lu-edotreotide against everolimus
# A phase III comparison of a radiopeptide with a drug of another class. Note what it tested: a
# different radiopeptide (177Lu-**edotreotide**, not the licensed DOTATATE, and not approved:
# lesson 8), in G1/G2 GEP-NETs. Its result is evidence for 177Lu-edotreotide; it says nothing
# about 177Lu-DOTATATE, and nothing about PRRT once everolimus has failed. Its full report
# appeared in The Lancet in July 2026 (known from secondary summaries, which give the same
# progression-free survival); the figures shown are those presented at ENETS 2025, and the row's
# mark says so.

# %%
compete = lessons.trial_row("COMPETE")
print(f"Median PFS {format_vs(compete.pfs_median, compete.pfs_median_control)} months, "
      f"HR {format_hr(compete)} "
      f"[{confidence_mark(compete.confidence, compete.figures_source)}]")
print(f"Notes: {compete.notes}")

# %% [markdown]
# ### OCLURANDOM: 177Lu-DOTATATE beside sunitinib, without a formal comparison
# The earlier of the two randomised trials of PRRT beside another active drug (ESMO 2022
# abstract, before COMPETE was presented): a **randomised non-comparative** phase II trial of
# 177Lu-octreotate (DOTATATE) in progressive panNET. The sunitinib arm is there to calibrate
# expectations, not to be beaten, so no hazard ratio is reported. Its primary endpoint was a
# landmark: the share of patients free of progression at 12 months.

# %%
ocl = lessons.trial_row("OCLURANDOM")
print(f"PFS at {format_number(ocl.landmark_months)} months: "
      f"{format_vs(ocl.landmark_pfs, ocl.landmark_pfs_control, unit='%')}; "
      f"median PFS {format_vs(ocl.pfs_median, ocl.pfs_median_control)} months "
      f"[{confidence_mark(ocl.confidence, ocl.figures_source)}]")
print(f"Notes: {ocl.notes}")

# %% [markdown]
# ## 5. What changed in 2024-2026
# - **PRRT at first line.** NETTER-2 (Lancet 2024) is the first phase III evidence for PRRT at
#   diagnosis, for higher-grade tumours (above). The labels differ by region: the US label (since
#   April 2024 also for children from 12 years) has no grade or line restriction, while the EU
#   label covers only progressive, well-differentiated G1 and G2 tumours in adults, with uptake at
#   least as high as normal liver, so NETTER-2-style first-line use and NET G3 are off-label in the
#   EU; an application to change the EU authorisation was withdrawn (EMA), and no first-line
#   approval was found anywhere. The label, from the catalogue:

# %%
for line in therapies().loc["prrt", "approval"]:
    print("177Lu-DOTATATE:", line)

# %% [markdown]
# - **Guidelines.** An ENETS position statement on NET G3 (lesson 6) names 177Lu-DOTATATE as an
#   option for selected SSTR-positive NET G3 after NETTER-2. The NANETS/SNMMI consensus (Hope 2020)
#   is the patient-selection reference; the ESMO GEP-NEN guideline cited is the 2020 edition.
# - **PRRT with chemotherapy.** CONTROL NETs randomised PRRT plus CAPTEM against each alone
#   (non-comparative). Its efficacy figures are not included here; its safety findings are:

# %%
lessons.key_results(["CONTROL NETs"])

# %%
for cohort in ("pancreatic", "midgut"):
    print(f"{cohort}: {lessons.trial_row('CONTROL NETs', cohort).notes}\n")

# %% [markdown]
# - **Re-treatment.** A first course that controlled the disease for a long time is not a
#   failed therapy. The Rotterdam series re-treated only patients whose first course gave at least
#   18 months without progression; NETTER-2 let investigators re-treat patients who had benefited.
#   Single-arm and retrospective evidence only:

# %%
rotterdam = lessons.trial_row("Rotterdam PRRT re-treatment")
print(f"Population: {rotterdam.population}.")
print(f"Median PFS {format_number(rotterdam.pfs_median)} months; "
      f"response rate {format_percent(rotterdam.orr)}.")
print(f"Notes: {rotterdam.notes}")

# %% [markdown]
# ## 6. Explore the trials
# The explorer opens on the 177Lu-DOTATATE trials; each radiopharmaceutical is a class of its own
# (choose 177Lu-edotreotide to see COMPETE, or the alpha emitters of lesson 8). In JupyterLab,
# change the filters to compare with other classes or settings. Below it, the forest plot draws
# the hazard ratios of all four trials of this lesson, each labelled with the radiopharmaceutical
# it tested (hollow = no panNET enrolled), and the bars compare median PFS with each trial's own
# control arm.

# %%
TrialExplorer(therapy_class="prrt_lu177_dotatate")

# %%
forest_plot(prrt_rows, title="PRRT trials: PFS hazard ratios against each trial's control")
plt.show()

# %%
pfs_bars(prrt_rows)
plt.show()

# %% [markdown]
# Three cautions when reading these pictures side by side. The **radiopharmaceuticals differ**
# (COMPETE's 177Lu-edotreotide is not 177Lu-DOTATATE); the **controls differ** (high-dose
# octreotide, everolimus, sunitinib), so the hazard ratios answer different questions; and the
# **patients differ** (midgut vs pancreatic, first line vs pretreated, G1/G2 vs higher grade).
# A smaller hazard ratio in one trial does not make that setting "better" for PRRT.

# %% [markdown]
# ## 7. Toxicity and its management
# Early effects come from radiation to the **bone marrow** (falling blood counts) and the
# **kidneys**. The rare but serious late risks are **myelodysplastic syndrome (MDS)** and **acute
# leukaemia**, which can appear years after treatment. The catalogue's rates and sources (those of
# the 177Lu-DOTATATE label):

# %%
lessons.toxicity_summary("prrt")

# %%
for effect in ("myelodysplastic syndrome", "acute leukaemia"):
    row = prrt_toxicity.loc[effect]
    print(f"{effect}: {format_percent(row.percent)} ({row.source})")

# %% [markdown]
# **Sources differ** on the leukaemia figure from ERASMUS: the label's warnings section gives 0.5%
# (4 patients), the manufacturer's shorter safety summary 1% (a rounding). The figure above is the
# warnings section's.
#
# The grid puts 177Lu-DOTATATE (its label's toxicities) beside everolimus, COMPETE's comparator,
# and sunitinib, OCLURANDOM's. It shows *which* toxicities each has (a number only where the data
# holds one): different organs, different monitoring.

# %%
toxicity_grid(therapy_ids=["prrt", "everolimus", "sunitinib"])
plt.show()

# %% [markdown]
# ## 8. Who is a poor candidate
# - **SSTR-negative** disease, uptake below that of normal liver, or lesions that are FDG-avid but
#   SSTR-poor: PRRT cannot reach them well enough.
# - **Impaired kidney function**: the kidneys receive radiation as the peptide is cleared.
# - **Low marrow reserve**: cytopenias, and the long-term MDS/leukaemia risk weighs more.

# %%
lessons.poor_fit_summary("prrt")

# %% [markdown]
# ## 9. Is this patient inside the evidence?
# Before calling PRRT the right choice, ask whether this patient could have entered a study of
# 177Lu-DOTATATE. The tool holds the patient against the studies of that radiopharmaceutical
# only: COMPETE tested 177Lu-edotreotide, so it is no evidence for 177Lu-DOTATATE, and NETTER-1
# enrolled no panNETs at all. Inside a study's population, PRRT may be preferred if everything
# else agrees; outside every one its use is **extrapolated**: at most reasonable, and still not
# unsuitable. The label in the patient's region is a separate question: a patient can be inside
# the evidence and outside the label.
#
# Once you have checked your reading, the tool names the criterion that keeps the patient out,
# the label where the patient is treated, and the checks before a first dose. Three patients to
# try:
#
# 1. **The first patient shown: Ki-67 15%, uptake above liver, untreated, in the EU.** Which trial
#    holds this patient, and what does the EU label say of a first-line use? Then move the
#    patient to the United States.
# 2. **The same patient with uptake equal to the liver (Krenning 2).** Compare what the trial
#    asked of SSTR uptake with the EU label's threshold.
# 3. **Progressing after a first PRRT course that controlled the disease for a long time.** Tick
#    Progressing, and PRRT in both lists (already given; controlled the disease for a long
#    time). Which kind of study is the evidence for a second course?

# %%
InsideTheEvidence(lesson=LESSON, ki67="15")

# %% [markdown]
# ## 10. Practise on invented patients
# Invented cases written for this lesson from the same data: read the case, choose an answer, then
# read why. The class seed fixes the set, so a class that types the same seed works through the
# same cases; change it for new ones.

# %%
VignetteDrill(seed=3, n=5, lesson=LESSON)

# %% [markdown]
# ## Check your understanding
# The answers are read from the same data as the tables above.

# %%
netter1_median = lessons.key_results("NETTER-1").rows[0]["median PFS/TTP, months"]
includes_one = netter1.os_hr_low < 1 < netter1.os_hr_high
late_risks = ("myelodysplastic syndrome", "acute leukaemia")
SelfCheck([
    choice_check('A colleague says "NETTER-1 proved PRRT works in pancreatic NETs." What is '
                 "missing?", enrolled_sentence(netter1), note_sentence(netter1, "extrapolated"),
                 {}, accepted=["no panNETs", "no pancreatic", "extrapolated", "extrapolation",
                               "midgut"]),
    Check("Why is NETTER-1 read through a landmark rate and a hazard ratio rather than two "
          "medians?",
          f"Median PFS, months: {netter1_median}. The comparison rests on the "
          f"{format_number(netter1.landmark_months)}-month PFS "
          f"{format_vs(netter1.landmark_pfs, netter1.landmark_pfs_control, unit='%')} and the "
          f"HR {format_number(netter1.hr)}.",
          explanation=note_sentence(netter1, "not reached")),
    choice_check("NETTER-1's final overall-survival hazard ratio: does its interval include 1, "
                 "and what is the likely reason?",
                 "includes 1" if includes_one else "excludes 1",
                 f"OS HR {format_hr(netter1, 'os_hr')}; "
                 f"{netter1.os_source}.",
                 {"excludes 1" if includes_one else "includes 1":
                  f"Read the interval: {format_number(netter1.os_hr_low)} to "
                  f"{format_number(netter1.os_hr_high)}."},
                 accepted=["yes"] if includes_one else ["no"]),
    Check("OCLURANDOM reports no hazard ratio. Why?",
          f"Its design is {plain(ocl.design)}: the sunitinib arm calibrates, it is not compared.",
          explanation=note_sentence(ocl, "Non-comparative")),
    Check("Which two long-term haematological risks does the label give, and how often?",
          "; ".join(f"{e} {format_percent(prrt_toxicity.loc[e, 'percent'])}" for e in late_risks),
          explanation=" ".join(f"{e[:1].upper()}{e[1:]}: {prrt_toxicity.loc[e, 'source']}. "
                               f"{prrt_toxicity.loc[e, 'management']}" for e in late_risks)),
])

# %% [markdown]
# ## Summary
# - PRRT brings radiation to SSTR-expressing cells: **SSTR uptake on imaging** decides whether it
#   can work, and FDG-avid, SSTR-poor lesions are a warning.
# - It is given as four infusions with **amino acids** that protect the kidneys.
# - NETTER-1 (midgut only, **extrapolated** to panNET) established it after SSA progression;
#   NETTER-2 moved it first line for higher-grade tumours (off-label in the EU, whose label covers
#   progressive G1/G2 disease in adults); OCLURANDOM placed it beside sunitinib without a formal
#   comparison. COMPETE tested a different radiopeptide, 177Lu-edotreotide, against everolimus
#   (congress data): evidence for that radiopeptide, not for 177Lu-DOTATATE.
# - Overall survival differences shrink when the control arm crosses over to the treatment.
# - Watch blood counts and kidney function; MDS and acute leukaemia are rare, late and serious.
# - Since 2024: PRRT at first line for higher-grade tumours (NETTER-2), randomised data on PRRT
#   with chemotherapy (CONTROL NETs), and re-treatment after a durable response.
#
# Next: lesson 6, chemotherapy (CAPTEM, streptozocin-based, platinum-etoposide for NEC).
#
# ## References

# %%
lessons.lesson_references(facts.trials, facts.therapies, *facts.source_objects())

# %%
mark_legend()
