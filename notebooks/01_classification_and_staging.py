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
# # Lesson 1: Classification, grading and staging of pancreatic neuroendocrine neoplasms
#
# > **For education only.** These tools teach the rules; they never give advice about a real
# > patient.
#
# ## Objectives
# By the end of this lesson you can:
# 1. tell **differentiation** (what the tumour looks like) from **grade** (how fast it
#    proliferates);
# 2. grade a well-differentiated NET from its Ki-67 index and mitotic count, knowing that the
#    **higher** of the two sets the grade;
# 3. explain why a well-differentiated **NET G3** and a poorly differentiated **NEC** are different
#    diseases, and when a tumour is a **MiNEN**;
# 4. name the functional and hereditary syndromes that change treatment;
# 5. stage a panNET with AJCC TNM, say what AJCC **version 9** (2024) changed, and know the limits
#    of the system.
#
# Every tool below calls the `pannet_edu` package, where each cut-off is written once beside its
# source.

# %% tags=["handout-remove"]
from pannet_edu.content.reviews import lesson_review

lesson_review("01_classification_and_staging")

# %%
import matplotlib.pyplot as plt

import pannet_edu as pe
from pannet_edu import evidence
from pannet_edu.clinic import pathology, staging
from pannet_edu.content.sources import HAUSER_2019, reference_list
from pannet_edu.formatting import format_number, format_percent
from pannet_edu.plots import grade_plane
from pannet_edu.practice.selfcheck import Check, Wrong, exercise_check
from pannet_edu.widgets import GradingCalculator, SelfCheck, StagingTool

LESSON = "01_classification_and_staging"
print(evidence.lesson_review_line(LESSON))

# %% [markdown]
# ## 1. Differentiation first, then grade
# Pathologists ask two separate questions.
#
# - **Differentiation**: does the tumour still look like neuroendocrine tissue (nests, trabeculae,
#   uniform cells: *well differentiated*) or has it lost that pattern (sheets of small or large
#   cells with necrosis: *poorly differentiated*)?
# - **Grade**: how fast are the cells dividing, measured by the **Ki-67 labelling index** and the
#   **mitotic count**?
#
# Well-differentiated tumours are **neuroendocrine tumours (NET)**, graded G1, G2 or G3. Poorly
# differentiated tumours are **neuroendocrine carcinomas (NEC)**, small-cell or large-cell type.
# NECs are high grade by definition and are not graded G1-G3: morphology, not a Ki-67 cut-off,
# makes a tumour an NEC. The WHO 2019 criteria, kept by WHO 2022:

# %%
pathology.grading_criteria()

# %% [markdown]
# **How the indices are measured.** Ki-67 is counted in hot spots (the areas with the highest
# labelling) over at least this many tumour cells:

# %%
print(f"Ki-67: at least {pathology.KI67_MIN_CELLS_COUNTED} cells counted in hot spots.")
print("Mitoses: counted per 2 mm², in 50 fields of 0.2 mm² (10 mm² in total).")

# %% [markdown]
# ## 2. Try it: the grading calculator
# Type a Ki-67 index, a mitotic count, or both (leave a box blank if it is not known), and choose
# the morphology. The card explains the grade and names the index that set it. Try:
# - Ki-67 **8%** with **25** mitoses per 2 mm²: which index sets the grade?
# - Ki-67 **2.9%** and then **3%**: where is the G1/G2 boundary?
# - Ki-67 **15%** with poorly differentiated morphology: why does the card warn you?
# - Ki-67 **150** or **abc**: the tool tells you what it accepts.

# %%
GradingCalculator(ki67="8", mitoses="25")

# %% [markdown]
# ## 3. Why the higher index wins: the grade plane
# Each point on this plane is a tumour. The G1 corner is small because **both** indices must be low;
# the G3 region is an L because **either** index above 20 is enough.

# %%
grade_plane(ki67=8, mitoses=25)
plt.show()

# %% [markdown]
# A few tumours side by side, graded by the same function:

# %%
examples = [
    {"ki67": 1.0, "mitoses": 1.0},
    {"ki67": 2.5, "mitoses": 4.0},
    {"ki67": 12.0, "mitoses": None},
    {"ki67": 8.0, "mitoses": 25.0},
    {"ki67": 35.0, "mitoses": 6.0},
]
for tumour in examples:
    result = pe.grade(**tumour)
    mitoses = format_number(tumour["mitoses"])
    print(f"Ki-67 {format_percent(tumour['ki67']):>5}  mitoses {mitoses:>3}  ->  {result.label}",
          f"(set by {result.driver})")

# %% [markdown]
# ## 4. NET G3 is not NEC
# A well-differentiated NET can have a Ki-67 above 20% (**NET G3**). It is still a NET: its
# biology and treatment options differ from NEC (lesson 6 and 7 return to this). A *poorly*
# differentiated tumour is an NEC whatever its Ki-67; NECs usually have a Ki-67 well above 20%
# (often above 55-70%), so an NEC with a low Ki-67 should make you re-check the morphology.

# %%
print(pe.grade(ki67=30))
print()
print(pe.grade(ki67=15, differentiation="poor"))

# %% [markdown]
# ## 5. MiNEN: mixed neuroendocrine-non-neuroendocrine neoplasms
# A MiNEN has a neuroendocrine and a non-neuroendocrine component (for example adenocarcinoma),
# **each making up at least 30%** of the tumour. Each component is graded separately where possible.

# %%
print(f"Cut-off: each component >= {format_percent(pathology.MINEN_COMPONENT_MIN_PERCENT)}")
for share in (20, 30, 60, 75):
    print(f"neuroendocrine {share:>3}%: {pe.classify_mixed(share).explanation}")

# %% [markdown]
# ## 6. Syndromes that change treatment (in brief; lesson 2 goes further)
# **Functional tumours** secrete a hormone that causes a clinical syndrome: insulinoma, gastrinoma
# (Zollinger-Ellison syndrome), glucagonoma, VIPoma, somatostatinoma, and also ACTH-secreting and
# rarer ones (serotonin-, PTHrP- or GHRH-secreting). Controlling the hormone comes first, and the
# syndrome changes which drugs suit: for example, somatostatin analogues can **worsen**
# hypoglycaemia
# in insulinoma (ENETS 2023 functioning-syndrome guidance, Hofland 2023).
#
# **Hereditary syndromes** associated with panNETs include MEN1, von Hippel-Lindau (VHL),
# neurofibromatosis type 1 and tuberous sclerosis complex. *Caveat: this list rests on a review
# (Geurts 2020, lesson 2), not on a guideline; check a current guideline before relying on it.*
# In VHL, the HIF-2α inhibitor belzutifan has its own evidence (lesson 4).

# %% [markdown]
# ## 7. Staging: AJCC TNM, and what version 9 changed
# The AJCC (American Joint Committee on Cancer) TNM system describes the primary tumour (**T**:
# its size and what it invades), the regional lymph nodes (**N**) and distant metastases (**M**),
# and groups them into stages I to IV. For the pancreas it stages **well-differentiated** NETs
# only, so the diagnosis of section 1 comes first: it decides which staging system applies.
#
# ### What AJCC version 9 (2024) changed
# Version 9 of the AJCC staging of gastroenteropancreatic NETs appeared in 2024. Each change below
# is read from the package's data with its source and mark; the last row is what no source showed.

# %%
staging.edition_changes()

# %% [markdown]
# What the changes mean for a pancreatic tumour:
# - **NET G3 is staged as a NET.** Version 9 follows the WHO split of NET G3 from NEC (section 4),
#   and its pancreas chapter names NET G1, G2 and G3.
# - **An NEC or a MiNEN is staged as exocrine pancreatic cancer**, not with the NET system: the
#   pathology report decides the staging system before any T, N or M is read.
# - **Chromogranin A**: version 9 advises against the serum test to diagnose or to monitor these
#   tumours.
# - The changes for endoscopy and for stage I concern NETs of the stomach, duodenum, colorectum and
#   appendix, not the pancreas.
#
# What version 9's scope means for three tumours, as the staging functions say it:

# %%
for tumour, edition in (("NET G3", 8), ("NET G3", 9), ("NEC", 9)):
    print(f"{tumour}, edition {edition}: {staging.explain_scope(tumour, edition)}")
    print()

# %% [markdown]
# The version 9 pancreas T, N and M definitions were not found in the sources checked, so this
# lesson does not guess them. The 8th-edition definitions and stage groups are the worked example:

# %%
staging.tnm_criteria()

# %%
staging.stage_groups()

# %% [markdown]
# ### Try it: the staging tool
# The tool opens with a 3.5 cm tumour confined to the pancreas, without nodes or metastases
# (stage II). Set the size and any invaded structures, the nodes and the metastatic sites.
# Notice that:
# - a 1 cm tumour that invades the **duodenum** is already T3;
# - nodes alone (N1) make any tumour stage III;
# - any distant metastasis is stage IV, and M1a/M1b/M1c say *where* (liver only, extrahepatic
#   only, or both): metastatic disease, the subject of this toolkit, is stage IV;
# - an unusually large size is staged as typed, with a request to check it: a size in millimetres
#   typed as centimetres is a common slip.

# %%
StagingTool(size_cm="3.5", nodes="N0")

# %% [markdown]
# ## Check your understanding
# Decide first: write your answer in each box, then press **Show the answer**. Your answer is
# kept once the answer shows. The answers are computed by the same functions the tools use.

# %%
t = pe.t_category(1.5, ["spleen"])
minen = "MiNEN" if pe.classify_mixed(40).is_minen else "not MiNEN"
m = pe.m_category(liver=True, extrahepatic=True)
SelfCheck([
    exercise_check("Ki-67 2% and 3 mitoses per 2 mm²: G1 or G2?", "grade", ki67_percent=2,
                   mitoses_per_2mm2=3),
    exercise_check("Ki-67 25%, well-differentiated morphology: NET G3 or NEC?", "grade",
                   ki67_percent=25, differentiation="well"),
    exercise_check("A 1.5 cm tumour invading the splenic parenchyma, no nodes, no metastases: "
                   "which stage group? (Work out T first.)", "stage",
                   answer=f"stage {pe.stage(t, 'N0', 'M0').group} ({t} N0 M0)", size_cm=1.5,
                   invades=["spleen"], nodes="N0", liver_metastases=False,
                   extrahepatic_metastases=False),
    exercise_check("A tumour with 40% neuroendocrine and 60% adenocarcinoma components: MiNEN or "
                   "not?", "minen", answer=minen, neuroendocrine_percent=40),
    Check("Liver and bone metastases: which M category?", m, (m,),
          f"{m}: {staging.M_MEANING[m]}",
          tuple(Wrong((c,), f"{c} means {staging.M_MEANING[c]}.")
                for c in staging.M_MEANING if c != m)),
])

# %% [markdown]
# ## Summary
# - Differentiation and grade are separate questions. Well differentiated = NET (G1-G3); poorly
#   differentiated = NEC, high grade by definition.
# - Grade by Ki-67 and mitotic count; the index giving the higher grade wins.
# - NET G3 and NEC are different diseases. MiNEN needs each component at 30% or more.
# - Functional and hereditary syndromes change which therapies suit a patient.
# - AJCC TNM stages well-differentiated panNETs; metastatic disease is stage IV (M1a/b/c).
#   Version 9 (2024) follows the WHO split of NET G3 from NEC and stages NET G1-G3; it stages
#   NEC and MiNEN as exocrine pancreas, advises against serum chromogranin A for diagnosis or
#   monitoring, and changes endoscopy and stage I at other GEP sites. Its pancreas T, N and M were
#   not found in a source, so the 8th-edition definitions are the worked example.
#
# Next: lesson 2, imaging and syndromes, the inputs that steer systemic therapy.
#
# ## References

# %%
reference_list(*evidence.lesson_facts(LESSON).source_objects(), HAUSER_2019)
