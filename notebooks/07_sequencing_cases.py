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
# # Lesson 7: Sequencing systemic therapy, reasoned through cases
#
# > **For education only.** The cases are invented and the tools teach reasoning with published
# > evidence; they never give advice about a real patient. Treatment is decided by a
# > multidisciplinary team, and a clinical trial is always an option to discuss.
#
# ## Objectives
# By the end of this lesson you can:
# 1. explain why no single order of therapies is "right" for metastatic panNET, and what evidence
#    the choice rests on instead;
# 2. apply the sequencing principles in order: classify, read the SSTR scan, start with an SSA
#    when it fits, then choose after progression on the patient's factors;
# 3. recognise when a patient needs **shrinkage** rather than control, and which therapies shrink;
# 4. match each therapy's toxicity to the patient's comorbidities, and account for functional and
#    hereditary syndromes;
# 5. weigh the options beyond a drug (surgery, liver-directed therapy, surveillance, a trial), tell
#    a therapy that failed from one that worked for a long time, name the checks before the first
#    dose, and say which approvals apply in the patient's region;
# 6. work through a multi-step case, defend each choice, and say where a rule-based engine and a
#    clinician's reading differ, and why.
#
# Every verdict, number and reference below comes from the `pannet_edu` package and its data files.

# %% tags=["handout-remove"]
from pannet_edu.content.reviews import lesson_review

lesson_review("07_sequencing_cases")

# %%
import matplotlib.pyplot as plt
import pandas as pd

import pannet_edu as pe
from pannet_edu.content.sources import HAUSER_2019, reference_list
from pannet_edu.engine.before_starting import checks_for
from pannet_edu.formatting import arms_label, format_hr, format_number, format_pair
from pannet_edu.plots import case_timeline
from pannet_edu.practice import cases
from pannet_edu.practice.selfcheck import choice_check, reason
from pannet_edu.views import appraisal as appraisal_views
from pannet_edu.views import cases as case_views
from pannet_edu.widgets import CasePlayer, SelfCheck

# %% [markdown]
# ## 1. Why order is a judgement, not a formula
# Many therapies prolong progression-free survival (PFS) in metastatic panNET, but no randomised
# trial has settled the best **order** in which to use them. The review this toolkit is built on
# says so plainly:

# %%
print(HAUSER_2019.cite())

# %% [markdown]
# Two facts from the trials explain why. First, the pivotal trials each compared one therapy with
# placebo or a control, not with each other. Only two randomised trials put two different classes
# side by side, and neither settles the order for 177Lu-DOTATATE: **OCLURANDOM** (2022) randomised
# 177Lu-DOTATATE against sunitinib in progressive panNET but was not designed to compare them
# (sunitinib was an internal control), and **COMPETE** compared a different radiopharmaceutical,
# 177Lu-edotreotide, which is not approved, with everolimus. A trial is evidence only for the drug
# and the population it tested. Second, the trials that reported overall survival (OS) did not
# show a significant OS gain, largely because patients on the control arm crossed over to the
# active drug at progression. The numbers, printed from the trials data:

# %%
trials = pe.trials()
for name in ("RADIANT-3", "A6181111", "NETTER-1", "COMPETE"):
    row = trials[trials["trial"] == name].iloc[0]
    os_row = {"hr": row["os_hr"], "hr_low": row["os_hr_low"], "hr_high": row["os_hr_high"]}
    pfs = f"median PFS {format_pair(row['pfs_median'], row['pfs_median_control'])} months"
    if pd.isna(row["pfs_median"]):  # reported as PFS at a landmark instead of a median
        pfs = (f"{format_number(row['landmark_months'])}-month PFS "
               f"{format_pair(row['landmark_pfs'], row['landmark_pfs_control'])}%")
    print(f"{arms_label(row)}  ({name})")
    print(f"    {pfs}, HR {format_hr(row)};  OS HR {format_hr(os_row)}")

# %% [markdown]
# Every OS confidence interval above includes 1. (NETTER-1 enrolled midgut NETs only, so its
# evidence is extrapolated to panNET; COMPETE, reported in full in The Lancet in 2026, tested
# 177Lu-edotreotide, not 177Lu-DOTATATE.) So the order
# is chosen on **patient and tumour
# factors**, the evidence each trial gives for a population like the patient, and each therapy's
# toxicity. That reasoning is what this lesson teaches.
#
# ## 2. The principles, in the order you apply them
# The appraisal tools of this course (the sequencing engine) apply each principle as a written
# rule, beside its source. These are the rules, in the order they are applied:

# %%
for number, (_name, principle) in enumerate(appraisal_views.rules_summary(), start=1):
    print(f"{number:>2}. {principle}")

# %% [markdown]
# In words:
# 1. **Classify first.** Well-differentiated NET (G1-G3) and poorly differentiated NEC are
#    different diseases. NEC goes to platinum plus etoposide; SSAs, everolimus and sunitinib are
#    not NEC treatments.
# 2. **Read the SSTR scan.** Uptake decides whether an SSA can act on growth and whether PRRT can
#    deliver radiation. Uptake **below** that of normal liver is not a PRRT target; uptake **equal
#    to** liver (Krenning 2) meets the EU Lutathera threshold and is a weaker but real target;
#    uptake above liver is a clear one. Heterogeneous or FDG-avid disease signals more aggressive
#    biology: a warning sign, not by itself an indication for chemotherapy. In NET G3 an FDG-PET
#    before PRRT finds lesions that lack SSTR uptake.
# 3. **First line for SSTR-positive, lower-grade disease: an SSA**, for its low toxicity (CLARINET
#    enrolled Ki-67 below 10%). Low tumour volume is a preference, not a requirement. Cut-offs are
#    not cliffs: around Ki-67 10%, an SSA, surveillance and PRRT can all be reasonable.
# 4. **After progression on an SSA, several options** (everolimus, sunitinib, PRRT, chemotherapy;
#    cabozantinib after a targeted agent or PRRT), chosen on the patient's factors.
# 5. **When shrinkage is needed** (heavy or symptomatic burden, rapid growth, higher Ki-67),
#    choose what shrinks: chemotherapy and PRRT. Targeted agents mostly stabilise.
# 6. **Match toxicity to the patient**: diabetes and everolimus (it raises glucose) or sunitinib
#    (it can lower glucose: a danger on insulin and in insulinoma); heart disease or uncontrolled
#    hypertension and the VEGFR inhibitors, and coronary disease and capecitabine (fluoropyrimidine
#    cardiotoxicity); heart failure and the amino-acid infusion given with PRRT; kidneys and PRRT,
#    streptozocin (boxed renal toxicity; not in severe impairment) or capecitabine (dosed by
#    creatinine clearance); the liver and everolimus or cabozantinib (dosed by Child-Pugh class);
#    marrow reserve and PRRT or chemotherapy; poor performance status and any cytotoxic option.
# 7. **Functional and hereditary contexts**: control the hormone first (gastrinoma: high-dose
#    proton-pump inhibitor; VIPoma and glucagonoma: an SSA; insulinoma: diet and diazoxide), and
#    turn to liver-directed therapy for the syndrome only when that drug has failed. In VHL,
#    belzutifan for a tumour without metastases (LITESPARK-004 excluded metastatic disease), with
#    non-hormonal contraception when a pregnancy is possible (embryo-fetal toxicity, boxed warning)
#    and fertility counselling.
# 8. **Options beyond a drug**: can all visible disease be removed or ablated? If so, the surgeon
#    comes first, not an SSA beside it. Liver-directed therapy for liver-dominant disease, with
#    its harms (post-embolisation syndrome, liver failure when most of the liver is replaced);
#    surveillance for a low-grade, low-volume, stable tumour (CLARINET showed a PFS benefit from
#    lanreotide, but no trial has shown that starting early prolongs life); a clinical trial is
#    always an option, and a standard answer after platinum-etoposide for NEC beside
#    irinotecan-based chemotherapy (PRODIGE 41-BEVANEC, NET-02).
# 9. **Prior therapy**: what failed is not repeated unchanged; what worked for a long time may be
#    given again (PRRT re-treatment after a durable response; a chemotherapy rechallenge after a
#    long treatment-free interval, expert practice). After PRRT, counts that stay low need a marrow
#    work-up for MDS or leukaemia before the next line.
# 10. **Before the first dose**: name the checks (DPYD before capecitabine or 5-FU; pregnancy
#    status and contraception, because every systemic drug here can harm a pregnancy, with a
#    stated time after the last dose where the label gives one; the SSA washout before PRRT with a
#    short-acting bridge and a crisis plan in a functioning tumour, potassium and liver tests
#    before each PRRT dose, liver tests and glucose before sunitinib, creatinine clearance before
#    streptozocin ...). In NEC, test the tumour for mismatch-repair deficiency, BRAF V600E and
#    NTRK fusions, which each have a tumour-agnostic FDA approval.
# 11. **Region**: approvals differ (surufatinib: China only; cabozantinib FDA 2025 and EU 2025;
#    belzutifan FDA 2021 and EU conditional 2025; the EU Lutathera label covers progressive G1 and
#    G2 disease only, so first-line and G3 use are off-label there). Label status informs, it
#    never demotes: off-label but available (CAPTEM in the US) keeps the verdict its evidence
#    gives; only a drug that cannot be had in the region is capped.
# 12. **Insulinoma, step by step**: frequent meals and glucose, diazoxide; an SSA only with glucose
#    monitoring; for refractory hypoglycaemia everolimus or PRRT, and cytoreduction.
# 13. **"Preferred" needs the patient inside the evidence**: inside the population of a trial that
#    tested that drug, or a stated guideline position. Outside every one, the option is
#    extrapolated and at most reasonable (sunitinib in NET G3; CAPTEM in NET G3 rests on E2211, a
#    G1/G2 trial, and on the ENETS position statement; belzutifan for metastases).
#
# Decisions belong to a multidisciplinary team, and no trial has settled the order (Hauser 2019).
#
# The same patient can need a different answer at each progression, because the factors change:
# burden rises, Ki-67 climbs, marrow reserve is spent, and what has already failed is not repeated.

# %% [markdown]
# ## 3. The case bank
# Each case follows one invented patient through several decisions, with the case author's
# verdict and feedback for every option offered. Your instructor can edit the cases and add
# their own.

# %%
case_views.bank_table()

# %% [markdown]
# ## 4. A worked case, step by step
# Read the situation, decide what you would offer, then read the verdicts. The walkthrough prints
# each option with the case author's verdict and feedback and, beside it, the engine's verdict.
#
# ### Decision 1: diagnosis

# %%
worked = cases.load_case("progression_after_ssa_g2")
print(worked.summary)
print()
print(case_views.walkthrough(worked, "diagnosis"))

# %% [markdown]
# ### Decision 2: progression on the SSA
# Twenty-two months later the disease grows on CT. Read the trial populations closely: RADIANT-3
# and the sunitinib trial asked for radiological progression within the 12 months before entry
# (not progression within 12 months of starting an SSA), so this man is inside both. Notice that
# no option is "preferred": several are reasonable, and the patient's own preference decides
# between them.

# %%
print(case_views.walkthrough(worked, "progression_on_ssa"))

# %% [markdown]
# ### Decision 3: progression on everolimus, now bulky and symptomatic
# The factors have changed: burden is high, the liver causes symptoms and Ki-67 has risen. The
# question is no longer "what controls growth?" but "what shrinks tumours?".

# %%
print(case_views.walkthrough(worked, "progression_on_everolimus"))

# %% [markdown]
# The lines of therapy so far, with PRRT drawn as the proposed next line:

# %%
case_timeline(worked, "progression_on_everolimus", choice="prrt")
plt.show()

# %% [markdown]
# ## 5. Before the first dose
# Choosing a therapy is half the decision; naming the checks before the first dose is the other
# half. The engine lists them for each patient from the therapy catalogue, with their sources. For
# the man with coronary disease whose DPYD status is unknown, before CAPTEM:

# %%
captem_case = cases.load_case("captem_coronary_dpyd")
for check in checks_for("capecitabine_temozolomide", captem_case.steps[0].patient):
    print(f"- {check.check}  [{check.source}]")

# %% [markdown]
# ## 6. Play the cases yourself
# Pick a case, read the situation and **decide before you choose**: nothing that grades an option
# (the case author's verdict, the engine's appraisal, the what-if panel) appears until you have
# chosen. After your choice the card tells you what the team did next ("The team chose PRRT
# instead, because ..."), so the story never silently assumes a choice you did not make. Your
# first choice at each decision is the one scored; **Next decision** on the last step opens the
# end-of-case summary with your score, and **Start again** replays the case.
#
# The timeline below the card numbers the lines of systemic therapy, counting those given before
# the case opens (everolimus after an SSA is second line). The **What if…** panel changes *one*
# patient factor and lists the verdicts that move, and why: after your choice, try making the SSTR
# scan heterogeneous, adding heart disease, or moving the patient to another region.

# %%
CasePlayer()

# %% [markdown]
# ## 7. Where the case authors and the engine disagree
# The engine applies written rules; a case author reads the whole patient. Where they differ, the
# case author says why, in a note beside the option. The current disagreements:

# %%
cases.disagreement_table()

# %% [markdown]
# Most disagreements come from what a rule-based engine cannot record: that a pregnancy is being
# planned (not only possible), that myelodysplasia has followed PRRT, or that a drug outside its
# list (diazoxide) already controls an insulinoma's hypoglycaemia. Others are judgements: a short
# pause for a marrow work-up, or a few months of surveillance for slow, low-burden growth. Read
# each note and decide which reading you find more convincing: that judgement
# is the skill this lesson trains.

# %% [markdown]
# ## Check your understanding
# Decide first: write your answer in each box, then press **Show the answer**. Your answer is
# kept once the answer shows.

# %%
insulinoma = cases.load_case("malignant_insulinoma")
low_counts = cases.load_case("cytopenia_after_prrt")
regrowth = cases.load_case("prrt_retreatment_durable")


def engine_says(step, therapy, rule, sentences=None, instead=None):
    """The engine's reason from one rule on one option at a case's decision (its first
    ``sentences`` only, or the case's own words ``instead``), with the rule's sources."""
    found = next(f for f in pe.engine.evaluate(step.patient)[therapy].findings if f.rule == rule)
    said = instead or ". ".join(found.reason.split(". ")[:sentences])
    return f"{said.rstrip('.')} [{'; '.join(found.citations)}]."


def author_says(step, therapy):
    """The case author's verdict and feedback on one option at a decision."""
    option = step.option(therapy)
    return f"{option.name}: {option.verdict}. {option.feedback}"


SelfCheck([
    choice_check("Diazoxide controls a metastatic insulinoma's hypoglycaemia: is everolimus the "
                 "first answer?", "no",
                 engine_says(insulinoma.steps[0], "everolimus", "functional_syndrome",
                             instead=insulinoma.steps[0].teaching_point),
                 {"yes": author_says(insulinoma.steps[0], "everolimus")},
                 accepted=["not yet", "not first", "not the first"]),
    choice_check("Counts stay low a year after PRRT and the liver disease grows slowly: start the "
                 "next line now, or examine the marrow first?",
                 "examine the marrow first",
                 engine_says(low_counts.steps[0], "everolimus", "cytopenia_after_prrt"),
                 {"next line now": low_counts.teaching_point},
                 accepted=["marrow", "bone marrow", "marrow first", "work-up", "workup"]),
    choice_check("PRRT controlled her disease for years, and now it regrows slowly: may PRRT be "
                 "given again?", "yes",
                 engine_says(regrowth.steps[0], "prrt", "prior_therapy", sentences=1),
                 {"no": reason("long-benefit-is-not-failure")},
                 accepted=["re-treatment", "re-treat", "retreatment", "retreat"]),
])

# %% [markdown]
# ## Summary
# - No randomised trial has settled the order of therapies for metastatic panNET (Hauser 2019).
#   OCLURANDOM (177Lu-DOTATATE beside sunitinib) was not designed to compare; COMPETE compared
#   177Lu-edotreotide, not 177Lu-DOTATATE, with everolimus; crossover blurred overall survival.
# - Apply the principles in order: classify (NET or NEC), read the SSTR scan, an SSA first when it
#   fits, then choose after progression on burden, pace, Ki-67, uptake, comorbidities and what has
#   been used. When shrinkage is needed, choose what shrinks (chemotherapy, PRRT); targeted
#   agents mostly stabilise.
# - Control the hormone first in functioning tumours (insulinoma step by step); in VHL consider
#   belzutifan, with non-hormonal contraception when a pregnancy is possible.
# - Ask about options beyond a drug (surgery, liver-directed therapy, surveillance, a trial), tell
#   what failed from what worked for a long time, name the checks before the first dose, and know
#   the approvals in the patient's region. Re-read the patient at every progression: the right
#   answer changes as the factors change.
#
# ## References
# The sources of the cases and of this lesson:

# %%
reference_list(HAUSER_2019, *[s for s in cases.references() if s != HAUSER_2019])
