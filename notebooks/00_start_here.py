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
# ## Lessons
# Lessons are numbered; open them from the file browser on the left (folder `notebooks`).

# %%
from pannet_edu.views.lessons import lesson_list

lesson_list()

# %% [markdown]
# ## Practice
# The `exercises` folder has notebooks with automatic feedback, and every lesson has a quiz:
# `from pannet_edu.widgets import QuizWidget; QuizWidget(lesson="01_classification_and_staging")`.
