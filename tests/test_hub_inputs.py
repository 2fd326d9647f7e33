"""Absurd values and hostile objects (issue 25, item 16): a finite but absurd number is refused with
a ValueError naming the argument, a hostile id gets a TypeError naming it, and no error message
embeds a huge repr."""

from __future__ import annotations

import pandas as pd
import pytest

from pannet_edu.clinic import pathology, staging
from pannet_edu.plots import grade_plane
from pannet_edu.practice.exercises import registry
from pannet_edu.widgets import GradingCalculator, StagingTool


@pytest.mark.parametrize("call", [
    lambda: pathology.grade(mitoses=1e308),
    lambda: pathology.grade(ki67=50, mitoses=1e300),
    lambda: pathology.grade_from_mitoses(5e4),
    lambda: grade_plane(ki67=10, mitoses=1e308),
])
def test_an_absurd_mitotic_count_is_refused_naming_the_argument(call):
    with pytest.raises(ValueError, match=r"^mitoses must be between 0 and 1000, got "):
        call()


def test_an_absurd_tumour_size_is_refused_naming_the_argument():
    with pytest.raises(ValueError, match=r"^size_cm must be between 0 and 50, got 1e\+300"):
        staging.explain_t(1e300)
    with pytest.raises(ValueError, match="size_cm"):
        staging.t_category(51)


def test_the_tools_say_so_in_clinical_words():
    assert GradingCalculator(ki67="", mitoses="1e308").view().error.startswith(
        "The mitotic count must be at most 1000 per 2 mm²")
    assert "at most 50 cm" in StagingTool(size_cm="1e300").view().error


class Hostile:
    """An id that cannot be hashed, compared or printed."""

    def __hash__(self):
        raise RuntimeError("hash")

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __repr__(self):
        return "x" * 100_000


@pytest.mark.parametrize("exercise_id", [Hostile(), ["grade-1"], {"id": "grade-1"}])
def test_a_hostile_exercise_id_is_a_type_error_naming_the_argument(exercise_id):
    with pytest.raises(TypeError, match=r"^exercise_id must be text") as caught:
        registry.exercise(exercise_id)
    assert len(str(caught.value)) < 200


def test_an_error_message_never_embeds_a_huge_repr():
    with pytest.raises(ValueError) as caught:
        registry.exercise("x" * 100_000)
    assert len(str(caught.value)) < 2000
    with pytest.raises(ValueError) as caught:
        staging.stage("T" + "1" * 100_000, "N0", "M0")  # a long value in a refusal
    assert len(str(caught.value)) < 2000


def test_a_huge_answer_is_not_quoted_back_whole():
    """Found by the thorough hypothesis profile: a checklist answer quoted back in full."""
    feedback = registry.check("start-1", "x" * 100_000)
    assert feedback.correct is False and len(feedback.message) < 2000


@pytest.mark.parametrize("key", [pd.Series([5.0]), pd.NA])
def test_a_case_step_given_an_array_or_na_is_refused_naming_step(key):
    """Found by the thorough hypothesis profile: pandas values compared with step ids."""
    from pannet_edu.practice.cases import load_case

    with pytest.raises(ValueError, match=r"^step must be"):
        load_case("nec_large_cell").step(key)
