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
from pannet_edu.trust import lesson_review

lesson_review("01_classification_and_staging")

# %%
import matplotlib.pyplot as plt

import pannet_edu as pe
from pannet_edu import evidence, pathology, staging
from pannet_edu.display import format_number, format_percent
from pannet_edu.plots import grade_plane
from pannet_edu.selfcheck import label_forms
from pannet_edu.sources import HAUSER_2019, reference_list
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
# The 8th-edition definitions and stage groups:

# %%
staging.tnm_criteria()

# %%
staging.stage_groups()

# %% [markdown]
# ### Try it: the staging tool
# Set the size and any invaded structures, the nodes and the metastatic sites. Notice that:
# - a 1 cm tumour that invades the **duodenum** is already T3;
# - nodes alone (N1) make any tumour stage III;
# - any distant metastasis is stage IV, and M1a/M1b/M1c say *where* (liver only, extrahepatic
#   only, or both): metastatic disease, the subject of this toolkit, is stage IV.

# %%
StagingTool(size_cm="3.5", nodes="N0", liver=True)

# %% [markdown]
# ## Check your understanding
# Decide first: write your answer in each box, then press **Show the answer**. Your answer is
# kept once the answer shows. The answers are computed by the same functions the tools use.

# %%
t = pe.t_category(1.5, ["spleen"])
g1, g2 = pe.grade(ki67=2, mitoses=3).label, pe.grade(ki67=25, differentiation="well").label
minen = "MiNEN" if pe.classify_mixed(40).is_minen else "not MiNEN"
m = pe.m_category(liver=True, extrahepatic=True)
SelfCheck([
    ("Ki-67 2% and 3 mitoses per 2 mm²: G1 or G2?", g1, label_forms(g1)),
    ("Ki-67 25%, well-differentiated morphology: NET G3 or NEC?", g2, label_forms(g2)),
    ("A 1.5 cm tumour invading the splenic parenchyma, no nodes, no metastases: T? stage?",
     f"{t}, stage {pe.stage(t, 'N0', 'M0').group}"),
    ("A tumour with 40% neuroendocrine and 60% adenocarcinoma components: MiNEN or not?", minen,
     [minen]),
    ("Liver and bone metastases: which M category?", m, [m]),
])

# %% [markdown]
# ## Summary
# - Differentiation and grade are separate questions. Well differentiated = NET (G1-G3); poorly
#   differentiated = NEC, high grade by definition.
# - Grade by Ki-67 and mitotic count; the index giving the higher grade wins.
# - NET G3 and NEC are different diseases. MiNEN needs each component at 30% or more.
# - Functional and hereditary syndromes change which therapies suit a patient.
# - AJCC TNM stages well-differentiated panNETs; metastatic disease is stage IV (M1a/b/c).
#   Version 9 (2024) follows the WHO split of NET G3 from NEC, stages NEC and MiNEN as exocrine
#   pancreas and advises against chromogranin A; its pancreas T, N and M could not be checked, so
#   the 8th-edition definitions are the worked example.
#
# Next: lesson 2, imaging and syndromes, the inputs that steer systemic therapy.
#
# ## References

# %%
reference_list(*evidence.lesson_facts(LESSON).source_objects(), HAUSER_2019)
