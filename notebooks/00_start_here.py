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
# # pannet-edu: start here
#
# **Systemic therapy of metastatic pancreatic neuroendocrine tumours (panNETs), taught
# interactively.** Each lesson explains, lets you try a tool, checks your understanding and ends
# with references.
#
# > **For education only.** The tools teach reasoning with published evidence; they never give
# > advice about a real patient. Treatment is decided by a multidisciplinary team.
#
# ## How to use the lessons
# - Run a notebook top to bottom (*Run > Run All Cells*), then move the widgets.
# - Every number comes from a cited source; the references close each lesson.
# - Exercises with automatic feedback are in the `exercises/` folder.

# %% [markdown]
# ## Check that everything works
# Run the cell below. You should see a grade card for a tumour with Ki-67 of 12%.

# %% tags=["handout-remove"]
from pannet_edu.content.reviews import lesson_review

lesson_review("00_start_here")

# %%
import pannet_edu as pe
from pannet_edu.widgets import GradingCalculator

print(f"pannet-edu {pe.__version__}")
GradingCalculator(ki67="12")

# %% [markdown]
# ## Warm-up: three questions
# Three questions of the kind exams ask and ward rounds need.
# Decide first: write your answer in each box, then press **Show the answer**. Your answer is
# kept once the answer shows. Each answer is worked out from the same data the lessons teach,
# and says why.

# %%
from pannet_edu.engine.before_starting import checks_for
from pannet_edu.practice.exercises import CHECK_CONCEPTS, concepts_in
from pannet_edu.practice.selfcheck import choice_check, exercise_check, verdict_check
from pannet_edu.widgets import SelfCheck

nec = pe.engine.evaluate(pe.Patient(ki67=60, differentiation="poor"))["ssa"]
dpyd = next(c for c in checks_for("capecitabine_temozolomide", pe.Patient(ki67=5))
            if "DPYD (DPD deficiency)" in concepts_in(c.check))
SelfCheck([
    exercise_check("A well-differentiated tumour has a Ki-67 of 35%: NET G3 or NEC?", "grade",
                   ki67_percent=35, differentiation="well"),
    verdict_check("A poorly differentiated neuroendocrine carcinoma (NEC) with a Ki-67 of 60%: "
                  "what is the engine's verdict on a somatostatin analogue, and why?", nec.verdict,
                  nec.decisive[0].reason),
    choice_check("Capecitabine is planned. Which test of the patient's genes comes before the "
                 "first dose?", "DPYD", f"{dpyd.check[:1].upper()}{dpyd.check[1:]}. Source: "
                 f"{dpyd.source}.", {}, accepted=list(CHECK_CONCEPTS["DPYD (DPD deficiency)"]),
                 negatable=False),
])

# %% [markdown]
# ## What to say on the ward
# On a ward round the safest useful thing a student can say about a new treatment is which checks
# come before the first dose. Lesson 7 teaches them for each therapy and patient. The ones a
# drug label marks with a boxed warning, its strongest kind, are below, each with its source.
#
# > **Say what this toolkit is.** It teaches reasoning with published evidence; it never advises
# > on a real patient. A treatment is decided by the multidisciplinary team caring for that
# > patient.

# %%
from pannet_edu.views.lessons import boxed_warning_checks

boxed_warning_checks()

# %% [markdown]
# ## Lessons
# Lessons are numbered; open them from the file browser on the left (folder `notebooks`).

# %%
from pannet_edu.views.lessons import lesson_list

lesson_list()

# %% [markdown]
# ## Practice
# The `exercises` folder has notebooks with automatic feedback, and every lesson has a quiz:
# `from pannet_edu.widgets import QuizWidget; QuizWidget(lesson="01_classification_and_staging")`.
