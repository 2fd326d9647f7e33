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
# # Lesson 6: Chemotherapy (CAPTEM, streptozocin-based, platinum-etoposide for NEC)
#
# > **For education only.** The tools teach reasoning with published evidence; they never give
# > advice about a real patient. Treatment is decided by a multidisciplinary team.
#
# ## Objectives
# By the end of this lesson you can:
# 1. say **when** chemotherapy is preferred for a metastatic panNET, and why "shrinkage" is the
#    key word;
# 2. describe the two chemotherapy families for well-differentiated panNET: **capecitabine +
#    temozolomide (CAPTEM)**, tested in the randomised **E2211** trial, and **streptozocin-based**
#    combinations (**Moertel 1992**, the **Kouvaraki 2004** FAS series);
# 3. explain why **platinum-etoposide** belongs to poorly differentiated **NEC**, and what
#    **NORDIC NEC** taught about Ki-67 within high-grade tumours;
# 4. read a response rate and a hazard ratio as answers to **different questions**;
# 5. name the main toxicities and the patients for whom each regimen is a poor fit;
# 6. say what changed in 2024-2026: the ENETS position on NET G3, randomised evidence for NEC
#    after platinum-etoposide (PRODIGE 41-BEVANEC, NET-02) and the biomarker guideline.
#
# Every number below is read from the toolkit's evidence data, each row with its citation; the
# references close the lesson.

# %% tags=["handout-remove"]
from pannet_edu.content.reviews import lesson_review

lesson_review("06_chemotherapy")

# %%
import matplotlib.pyplot as plt

import pannet_edu as pe
from pannet_edu import evidence, trials
from pannet_edu.content.sources import HAUSER_2019, mark_legend
from pannet_edu.formatting import format_hr, format_number, format_vs
from pannet_edu.plots import hr_and_response, response_bars, toxicity_grid
from pannet_edu.practice.selfcheck import Check, Wrong, choice_check, exercise_check, reason
from pannet_edu.views import lessons
from pannet_edu.views.lessons import note_sentence
from pannet_edu.views.wording import plain
from pannet_edu.widgets import InsideTheEvidence, SelfCheck, TrialExplorer, VignetteDrill

LESSON = "06_chemotherapy"
facts = evidence.lesson_facts(LESSON)
print(evidence.lesson_review_line(LESSON))

CHEMO_THERAPIES = ["capecitabine_temozolomide", "streptozocin_based", "platinum_etoposide"]
table = trials()
chemo_rows = table[table.therapy_class == "chemotherapy"]

# %% [markdown]
# ## 1. When chemotherapy
# For a well-differentiated, SSTR-positive metastatic panNET the usual first step is an SSA
# (lesson 3); on progression the options are everolimus, sunitinib, PRRT or chemotherapy, and now
# cabozantinib. The Hauser 2019 review puts the reason for choosing chemotherapy plainly: it is
# often preferred when the **tumour burden is heavy**, the **grade is higher**, or the disease is
# **clinically or radiographically aggressive**. In those situations the goal is not only to hold
# the disease but to **shrink** it. Chemotherapy is the class that shrinks tumours most often
# (section 5).
#
# ## 2. The regimens and how they work

# %%
lessons.therapy_overview(CHEMO_THERAPIES)

# %% [markdown]
# ## 3. CAPTEM and the E2211 trial
# Capecitabine and temozolomide are both taken by mouth. For years the combination rested on
# retrospective series; **E2211** was the first randomised test. Note its design: a **randomised
# phase II** trial comparing the combination with temozolomide **alone** (not with placebo and not
# with another class), in progressive low- or intermediate-grade panNET.

# %%
e2211 = lessons.trial_row("E2211")
print(f"Population: {e2211.population}.")
print(f"Median PFS {format_vs(e2211.pfs_median, e2211.pfs_median_control)} months, "
      f"HR {format_hr(e2211)}")
print(f"Median OS {format_vs(e2211.os_median, e2211.os_median_control)} months, "
      f"OS HR {format_number(e2211.os_hr)} ({e2211.os_source})")
print(f"Notes: {e2211.notes}")

# %% [markdown]
# Two lessons in these lines. First, **MGMT**: this enzyme repairs the kind of DNA damage
# temozolomide causes, and in E2211 tumours deficient in MGMT were more likely to respond: a
# biomarker associated with response in this trial. Second, the PFS difference was significant
# but the **overall-survival** difference was not: a trial powered for PFS rarely settles survival.
#
# ## 4. Streptozocin-based chemotherapy
# Streptozocin is an alkylating agent taken up by pancreatic islet cells, which is why it was
# developed for "islet-cell carcinoma". Two pieces of evidence:

# %%
lessons.key_results(["Moertel 1992", "Kouvaraki 2004"])

# %%
for name in ("Moertel 1992", "Kouvaraki 2004"):
    row = lessons.trial_row(name)
    print(f"{name} ({row.design.replace('_', ' ')}): {row.notes}\n")

# %% [markdown]
# Read Moertel 1992 with its era in mind. Its "regression rate" was measured **before RECIST**
# existed, so it cannot be set beside modern response rates, and its patients were "islet-cell
# carcinomas" diagnosed before the WHO grading system (lesson 1). Kouvaraki 2004 is a
# **retrospective** single-centre series: no control group, so its response rate describes the
# patients treated, not a comparison. The streptozocin toxicity to remember is the **kidney**.
#
# ## 5. Why chemotherapy for shrinkage: a hazard ratio is not a response rate
# A **hazard ratio** answers "how much more slowly does disease progress than on the control arm?".
# A **response rate** answers "in how many patients did the tumours shrink?". They are different
# questions, and the classes answer them differently. In the figure each point is one trial's
# therapy arm; trials without a hazard ratio (single-arm, retrospective, or not reported) sit in
# the strip on the right.

# %%
hr_and_response(table)
plt.show()

# %% [markdown]
# Look for the pattern: the targeted agents delay progression (low hazard ratios) while shrinking
# few tumours; the chemotherapy series shrink tumours in far more patients, and PRRT (above all in
# NETTER-2) shrinks more than the targeted agents. Then look for
# the traps: response criteria changed over the decades (Moertel predates RECIST), trials without
# a control arm have no hazard ratio at all, and many trials in the data report no response rate
# (listed under the figure). The same response rates, each beside its own control arm:

# %%
response_bars(table)
plt.show()

# %% [markdown]
# ## 6. NET G3 is not NEC: platinum-etoposide
# Lesson 1 separated **well-differentiated NET G3** from **poorly differentiated NEC**, whatever
# the Ki-67. The separation matters most here, because the chemotherapy differs:

# %%
print(pe.grade(ki67=30).label, "->", "a NET: the well-differentiated options of lessons 3-6")
print(pe.grade(ki67=30, differentiation="poor").label, "->",
      "an NEC: platinum + etoposide, borrowed from small-cell lung cancer")

# %% [markdown]
# **NORDIC NEC**, a retrospective series of high-grade digestive neoplasms treated with
# platinum-etoposide, found that Ki-67 splits them: the less proliferative ones responded **less**
# often but lived **longer**. Read it as a hint that a different disease (what is now called NET
# G3) was mixed into the "G3" group: the study did not separate the two. Its response and
# survival figures could not be checked in a source, so the data holds its size and its
# qualitative finding, plus the prospective NORDIC NEC 2 figures for NEC and NET G3 separately:

# %%
nordic = lessons.trial_row("NORDIC NEC")
print(f"Population: {nordic.population}.")
print(f"Notes: {nordic.notes}")

# %% [markdown]
# ## 7. What changed in 2024-2026
# **NET G3 has its own position statement.** An ENETS position statement on well-differentiated
# grade 3 GEP-NETs (McNamara, Sorbye et al.) places NET G3 between NET G1-2 and NEC in prognosis.
# For advanced NET G3 it favours **CAPTEM or 5-FU-based chemotherapy rather than
# platinum-etoposide** first line; the second line depends on the first; after NETTER-2,
# **177Lu-DOTATATE is an option for selected SSTR-positive NET G3** (lesson 5); data on
# immunotherapy and targeted drugs are limited.
#
# **NEC after platinum-etoposide: two randomised second-line trials.** Both were randomised but
# **non-comparative**: each arm is judged against its own target, not against the other arm.

# %%
lessons.key_results(["PRODIGE 41-BEVANEC", "NET-02"])

# %%
for name in ("PRODIGE 41-BEVANEC", "NET-02"):
    print(f"{name}: {lessons.trial_row(name).notes}\n")

# %% [markdown]
# PRODIGE 41-BEVANEC found that bevacizumab added nothing to FOLFIRI, and supports FOLFIRI as a
# second-line option; in NET-02 only the liposomal irinotecan arm met its 6-month PFS target.
# Survival after platinum-etoposide remains short whichever regimen follows, which is why a
# clinical trial is always worth raising at this point.
#
# **Biomarkers.** A 2024 CommNETS/NANETS guideline (JAMA Oncology) reviewed biomarkers for
# prognosis and treatment choice in unresectable or metastatic GEP-NENs (tumour and functional
# imaging features, blood biomarkers, carcinoid heart disease) and made 24 recommendations and 5
# good-practice statements, by full consensus; read them in the paper.
#
# ## 8. Explore the trials
# The explorer opens on the chemotherapy trials. Only E2211 has a hazard ratio, so the explorer's
# forest plot (in JupyterLab) shows one row; the table says why the others have none.

# %%
TrialExplorer(therapy_class="chemotherapy")

# %% [markdown]
# ## 9. Toxicity and its management
# Each regimen has its own organ to watch: the **marrow** for all three, the **kidney** for
# streptozocin, **nausea and vomiting** for the streptozocin combinations. Rates appear only where
# a source gives them:

# %%
lessons.toxicity_summary(CHEMO_THERAPIES)

# %%
toxicity_grid(therapy_ids=CHEMO_THERAPIES)
plt.show()

# %% [markdown]
# ## 10. Who is a poor candidate
# - **Low marrow reserve**: all three regimens suppress the marrow.
# - **Impaired kidney function**: streptozocin is nephrotoxic.
# - **Well-differentiated NET (including NET G3)** for platinum-etoposide: it is the NEC regimen,
#   and NORDIC NEC showed that less proliferative tumours respond less to it.
# - Small-volume, slowly growing disease that needs no shrinkage: chemotherapy's toxicity is harder
#   to justify when an SSA or a targeted agent can hold the disease.

# %%
lessons.poor_fit_summary(CHEMO_THERAPIES)

# %% [markdown]
# ## 11. Is this patient inside the evidence?
# Each regimen rests on its own trials, and the oldest of them were run before the WHO grades
# existed. Before calling a regimen the right choice, ask whether this patient could have entered
# its trials. Inside, the regimen may be preferred if everything else agrees; outside every trial
# its use is **extrapolated**: at most reasonable, and still not unsuitable.
#
# Once you have checked your reading, the tool names the criterion that keeps the patient out,
# the label where the patient is treated, and the checks before a first dose. Three patients to
# try:
#
# 1. **CAPTEM for a progressing tumour with Ki-67 25% (NET G3).** Which grades did its
#    randomised trial enrol? Then read the US label: is CAPTEM a labelled regimen for panNET?
# 2. **A poorly differentiated carcinoma (NEC) with Ki-67 60%, untreated: platinum-etoposide,
#    then an irinotecan-based regimen.** Then tick platinum-etoposide as already given and
#    progressing. The second-line trials asked for something the first patient did not have.
# 3. **Streptozocin-based chemotherapy for NET G3.** A trial run before the grading era cannot
#    show that a G3 tumour is inside it.

# %%
InsideTheEvidence(lesson=LESSON, ki67="15", region="US")

# %% [markdown]
# ## 12. Practise on invented patients
# Invented cases written for this lesson from the same data: read the case, choose an answer, then
# read why. The class seed fixes the set, so a class that types the same seed works through the
# same cases; change it for new ones.

# %%
VignetteDrill(seed=3, n=5, lesson=LESSON)

# %% [markdown]
# ## Check your understanding
# The answers are read from the same data as the tables above.

# %%
moertel = lessons.trial_row("Moertel 1992")
g30 = pe.grade(ki67=30).label
nec_reading = exercise_check("Ki-67 30%, well differentiated.", "grade", ki67_percent=30,
                             differentiation="well").marker("NEC").message
platinum_g3 = pe.appraise(pe.Patient(ki67=30, sstr="positive")).loc["platinum_etoposide"]
nordic_finding, nordic_caveat = note_sentence(nordic, "Ki-67").split(": ", 1)[1].split("; ", 1)
SelfCheck([
    Check("E2211 compared CAPTEM with what, in which kind of trial?",
          f"{e2211.comparator}; phase {e2211.phase}, {plain(e2211.design)}.",
          explanation=note_sentence(e2211, "phase II"),
          wrong=(Wrong(("placebo",), f"E2211 had an active comparator: {e2211.comparator}."),
                 Wrong(("phase III", "phase 3"), note_sentence(e2211, "phase II")))),
    choice_check("Which tumour characteristic went with response to CAPTEM in E2211?",
                 note_sentence(e2211, "MGMT"), "", {}, accepted=["MGMT"],
                 negatable=False),
    choice_check("Why can Moertel 1992's regression rate not be set beside NETTER-2's response "
                 "rate?", note_sentence(moertel, "RECIST"), "",
                 {}, accepted=["RECIST", "response criteria", "criteria"], negatable=False),
    choice_check("A tumour is well differentiated with a Ki-67 of 30%. Is platinum-etoposide its "
                 "standard regimen?", "no",
                 f"{g30}, not NEC; the engine's verdict on platinum-etoposide here is "
                 f"{platinum_g3['verdict']}. {platinum_g3['reasons']}",
                 {"yes": nec_reading}),
    Check("In NORDIC NEC, did the less proliferative high-grade tumours respond more or less to "
          "platinum-etoposide, and did they live longer or shorter?",
          nordic_finding[:1].upper() + nordic_finding[1:] + ".",
          ("less, longer", "less and longer", "less; longer", "respond less, live longer",
           "responded less and lived longer"),
          nordic_caveat[:1].upper() + nordic_caveat[1:],
          (Wrong(("more, shorter", "more and shorter", "responded more and lived shorter"),
                 reason("nordic-other-way-round")),
           Wrong(("more, longer", "more and longer"), reason("nordic-responded-less")),
           Wrong(("less, shorter", "less and shorter"), reason("nordic-lived-longer"))),
          closed=False),
])

# %% [markdown]
# ## Summary
# - Chemotherapy is chosen when the disease must **shrink**: heavy burden, higher grade,
#   aggressive behaviour (Hauser 2019).
# - **CAPTEM** beat temozolomide alone for PFS in the randomised phase II E2211; survival did not
#   differ significantly; MGMT deficiency went with response.
# - **Streptozocin-based** regimens have the oldest evidence (Moertel 1992, pre-RECIST) and
#   retrospective support (Kouvaraki 2004); watch the kidney.
# - **Platinum-etoposide** is for **NEC**, not for well-differentiated NET G3; NORDIC NEC showed
#   why Ki-67 within "G3" matters. For NET G3 the ENETS position favours CAPTEM or 5-FU-based
#   chemotherapy first line; for NEC after platinum-etoposide, FOLFIRI or liposomal irinotecan
#   with 5-FU have randomised (non-comparative) phase II support.
# - A response rate and a hazard ratio answer different questions: read both, and the design.
#
# Next: lesson 7, sequencing through cases; lesson 8, what is under investigation.
#
# ## References

# %%
lessons.lesson_references(facts.trials, facts.therapies, *facts.source_objects(), HAUSER_2019)

# %%
mark_legend()
