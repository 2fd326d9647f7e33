"""The evidence package keeps every name the single ``evidence`` module had, and the old paths of
the pipeline and changes modules keep working."""

import importlib

import pytest

from pannet_edu import evidence

#: Every public name ``pannet_edu.evidence`` offered before it became a package.
FORMER_NAMES = (
    "COMBINATION_CLASS", "CONFIDENCE", "DATA_DIR", "DESIGNS", "FIGURES_SOURCES", "LABEL_COLUMNS",
    "LABEL_FIGURES_FILE", "META_FILE", "PACKAGED_DATA_DIR", "PANNET", "PHASES", "POOR_FIT_FACTORS",
    "SETTINGS", "THERAPIES_FILE", "TIME_ENDPOINTS", "TRIALS_FILE", "TRIAL_COLUMNS",
    "DataValidationError", "LessonFacts", "Source", "Therapy", "Toxicity", "confidence_mark",
    "data_file", "dated_facts", "label_figures", "lesson_facts", "lesson_ids",
    "lesson_review_date", "lesson_review_line", "load_catalogue", "references", "regimen_classes",
    "therapies", "therapy_references", "toxicity_table", "trial_references", "trials",
)


def test_the_package_keeps_every_former_name():
    missing = [n for n in FORMER_NAMES if not hasattr(evidence, n)]
    assert not missing
    assert set(FORMER_NAMES) <= set(evidence.__all__)
    assert callable(evidence.trials) and callable(evidence.therapies)  # functions, not submodules


@pytest.mark.parametrize("name", ["pipeline", "changes"])
def test_old_paths_re_export_the_objects_of_the_new_home(name):
    old = importlib.import_module(f"pannet_edu.{name}")
    new = importlib.import_module(f"pannet_edu.evidence.{name}")
    public = {n for n, v in vars(new).items() if not n.startswith("_")
              and getattr(v, "__module__", None) == new.__name__}
    assert public <= set(old.__all__), sorted(public - set(old.__all__))
    for attribute in old.__all__:
        assert getattr(old, attribute) is getattr(new, attribute)


def test_no_evidence_module_is_over_500_lines():
    from pathlib import Path

    folder = Path(evidence.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.py")}
    assert max(sizes.values()) <= 500, sizes
