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
#    (paper, congress report, secondary report), and say what each result still needs before it
#    could change practice;
# 4. describe what the trials still running (COMPOSE, NETTER-3) ask;
# 5. name the questions that remain **open**.
#
# This lesson is about agents and trials that are **not yet** standard treatment. The approved
# drugs and their 2024-2026 evidence (NETTER-2, CABINET, belzutifan, the new label figures) are
# taught in their own lessons (3 to 6). In section 8 you judge, trial by trial, what each result
# still needs before it could change practice. Every number below is read from the package's
# evidence data, each with its source; the references close the lesson.

# %% tags=["handout-remove"]
from pannet_edu.content.reviews import lesson_review

lesson_review("08_under_investigation")

# %%
from pannet_edu import evidence
from pannet_edu.content.sources import MARKS, mark_legend
from pannet_edu.evidence import pipeline, practice_change
from pannet_edu.formatting import format_percent
from pannet_edu.practice.selfcheck import Check, Wrong, choice_check, reason
from pannet_edu.views import lessons
from pannet_edu.views.wording import plain
from pannet_edu.widgets import PracticeChangeChecklist, SelfCheck

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
# in progressive G1/G2 GEP-NETs: a phase III comparison of two active therapies, which few trials
# in this disease have made (E2211 compared two chemotherapy regimens; OCLURANDOM randomised PRRT
# against sunitinib without a formal comparison). Lesson 5 reads its design; here, its result and
# its regulatory path.

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
# figures come from **congress reports**. And a promising agent can still stop: its developer
# later discontinued the 212Pb-DOTAMTATE programme (a secondary report, which the timeline below
# dates).

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
# STARTER-NET has two congress reports. The table shows the later one (the ENETS 2025 update); the
# notes above give the interim analysis presented first (ASCO GI 2025). Both favour the
# combination, but the everolimus-alone median and the hazard ratio differ between them; the
# response rate and survival hazard ratio also differ between summaries of the same presentation,
# and no journal paper was seen: this is why its mark says that sources differ. Quote which report
# a figure comes from. TALENT's response rate in
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
# ## 8. What would change practice? Trial by trial
# A result changes practice only when it has passed several steps. This checklist asks five
# questions of each trial, and answers them from the same data as the tables above:
# 1. **Results reported**: a trial still running has nothing to judge yet.
# 2. **Randomised against a control group**: without one, a response rate cannot show that the
#    agent does better than another treatment (section 4).
# 3. **Full results published in a peer-reviewed journal**: a congress abstract gives the main
#    figures; the full paper lets readers check the methods, every endpoint and the harms, and
#    its figures can differ from the congress report's.
# 4. **Pancreatic NETs enrolled**: a trial without them is evidence for panNETs only by
#    extrapolation; a mixed GEP-NET trial includes them among other sites.
# 5. **Approved by a regulator for this use**: a regulator has reviewed the data and put the use
#    on the label (lesson 4 shows how a label's figures can differ from the paper's).
#
# ### Try it: decide first, then check
# Choose a trial, tick the steps you think it has met, then press **Check my reading**. The
# marks and the evidence appear only after you commit; choose another trial to try again.

# %%
PracticeChangeChecklist(trial="COMPETE")

# %% [markdown]
# Try the tool on a few trials before you read on: the table below answers every one. All the
# trials at once: "yes" for a step met, "no" for a step missing, "not yet" for a step that waits
# for a running trial's results. Notice that no trial under investigation meets all
# five. COMPETE comes closest: randomised, with results published in full in The Lancet in 2026,
# but 177Lu-edotreotide is not approved. STARTER-NET is randomised too, but its results are known
# only from congress reports, and the combination is not approved as first-line treatment.

# %%
practice_change.practice_change_table()

# %% [markdown]
# ## 9. What remains open
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
compete_mark = lessons.key_results("COMPETE").rows[0]["mark"]
edotreotide_events = pipeline.events("lu177_edotreotide").rows
running = {r["trial"]: r for r in pipeline.ongoing_trials().rows}
at_diagnosis = next(t for t, r in running.items() if "Ki-67 below 10%" in r["population"])
netter2 = lessons.trial_row("NETTER-2")
SelfCheck([
    choice_check("Is 177Lu-edotreotide an approved treatment in late 2026?",
                 pipeline.status_of("lu177_edotreotide"),
                 " ".join(f"{e['when']}: {e['what']}." for e in edotreotide_events),
                 {"approved": reason("not-approved"), "yes": reason("not-approved")},
                 accepted=["no"]),
    choice_check("What did COMPETE compare it with, and how firm are its figures?",
                 f"{compete.comparator}; {compete_mark or 'checked'}",
                 f"{compete_mark or 'checked'}: "
                 + MARKS.get(compete_mark, "seen in its source"),
                 {"placebo": f"COMPETE had an active comparator: {compete.comparator}.",
                  "sunitinib": f"COMPETE's comparator was {compete.comparator}."},
                 accepted=[compete.comparator.split()[0]]),
    choice_check("Why can ALPHAMEDIX-02's response rate not show that 212Pb-DOTAMTATE is better "
                 "than 177Lu-DOTATATE?",
                 f"Its design is {plain(naive.design)}: there is no control arm.",
                 reason("no-control-arm"), {},
                 accepted=["no control", "single arm", "uncontrolled", "no comparison",
                           "no comparator"], negatable=False),
    Check("Which drugs did STARTER-NET combine, and in which line of treatment?",
          f"{starter.regimen}; setting: {starter.setting}",
          explanation=starter.notes.split(". ")[0] + "."),
    Check("Which running trial asks whether PRRT helps at diagnosis in lower-grade tumours?",
          at_diagnosis, explanation=f"{at_diagnosis}: {running[at_diagnosis]['population']}.",
          wrong=(*(Wrong((t,), f"{t} enrols {r['population'][:1].lower()}"
                         f"{r['population'][1:]}.") for t, r in running.items()
                   if t != at_diagnosis),
                 Wrong(("NETTER-2",), f"NETTER-2 has reported, and it enrolled "
                       f"{netter2.population[:1].lower()}{netter2.population[1:]}."))),
])

# %% [markdown]
# ## Summary
# - 177Lu-edotreotide beat everolimus on progression-free survival in COMPETE, but had no
#   regulatory decision in the sources checked by late 2026: it is not an approved drug.
# - Alpha emitters give high response rates in single-arm trials; one programme was discontinued
#   and the other is in a phase 3 trial.
# - Receptor antagonists are at an early phase; marrow toxicity shaped their dosing.
# - STARTER-NET (everolimus plus lanreotide, first line) is known from congress reports only;
#   TALENT (lenvatinib) has a journal report but no control arm.
# - Before a result changes practice it needs results, a randomised comparison, figures checked
#   in a paper, pancreatic NETs among those enrolled and a regulator's approval: no agent under
#   investigation had all five in late 2026.
# - COMPOSE and NETTER-3 have no results yet; sequencing, timing and biomarkers remain open.
#
# ## References

# %%
lessons.lesson_references(facts.trials, facts.therapies, *facts.source_objects())

# %%
mark_legend()
