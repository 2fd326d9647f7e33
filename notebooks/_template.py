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
# <!-- TEMPLATE: copy this file to notebooks/NN_name.py and add one entry for NN_name to
# pannet_edu/data/lessons.yaml (docs/adding-a-lesson.md). Delete every TEMPLATE comment. This
# file is not a lesson: the handouts, nbval, the lesson lists and the notebook build skip names
# starting with "_". Keep the headings below, in this order (tests/content/test_lesson_rhythm.py
# checks them): Objectives, numbered sections, Check your understanding, Summary, References. -->
# # Lesson N: Title of the lesson
#
# > **For education only.** The tools teach reasoning with published evidence; they never give
# > advice about a real patient. Treatment is decided by a multidisciplinary team.
#
# ## Objectives
# By the end of this lesson you can:
# 1. first objective, copied word for word into the lesson's objectives in lessons.yaml;
# 2. second objective.
#
# Every number below is read from the toolkit's evidence data, each row with its citation; the
# references close the lesson.

# %% tags=["handout-remove"]
from pannet_edu.content.reviews import lesson_review

lesson_review("NN_name")

# %%
from pannet_edu import evidence
from pannet_edu.content.sources import mark_legend
from pannet_edu.practice.selfcheck import Check
from pannet_edu.views import lessons
from pannet_edu.widgets import SelfCheck

LESSON = "NN_name"
facts = evidence.lesson_facts(LESSON)
print(evidence.lesson_review_line(LESSON))

# %% [markdown]
# ## 1. The first idea, in a sentence
# A short explanation (a screen at most). Numbers are never typed here: a tool prints them from
# the data, as in the cell below.

# %%
lessons.key_results(list(facts.trials))

# %% [markdown]
# ## 2. Try it
# <!-- TEMPLATE: a widget or a figure the learner changes; a cell longer than a screen is a
# package function. -->

# %% [markdown]
# ## Check your understanding
# Decide first: write your answer in each box, then press **Show the answer**.

# %%
SelfCheck([
    Check("A question whose answer the lesson has shown?",
          "The answer, read from the same data as the tables above.",
          explanation="Why it is the answer, read from the data (a trial's notes, an engine "
                      "reason); choice_check and exercise_check also say why a wrong answer is "
                      "wrong."),
])

# %% [markdown]
# ## Summary
# - One line per idea the learner should keep.
#
# ## References

# %%
lessons.lesson_references(facts.trials, facts.therapies, *facts.source_objects())

# %%
mark_legend()
