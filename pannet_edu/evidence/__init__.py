"""The evidence base: trials and the therapy catalogue as validated pandas tables, with citations.

The numbers live in data files an instructor can edit without Python
(``pannet_edu/data/trials.csv``, ``therapies.yaml``, ``label_figures.csv``; their README says where
every number comes from). Loading checks every entry and stops with a
:class:`~pannet_edu.content.ContentError` naming the file, the entry and the field, so a typo
cannot reach a lesson silently.

Loads are cached (per file and modification time), but every call returns a fresh DataFrame, so a
learner who edits a returned table cannot change what the next call returns.

Layer 4 of the package: it reads the therapy catalogue (:mod:`pannet_edu.engine.catalogue`) for
names and classes, and nothing above it. Where each part lives:

- :mod:`~pannet_edu.evidence.reading`: the file paths, the CSV reader and the field parsers;
- :mod:`~pannet_edu.evidence.trial_table`: :func:`trials` and the trial vocabularies;
- :mod:`~pannet_edu.evidence.therapy_tables`: :func:`therapies`, :func:`toxicity_table`;
- :mod:`~pannet_edu.evidence.labels`: :func:`label_figures`;
- :mod:`~pannet_edu.evidence.reference_lists`: :func:`trial_references`, :func:`references`, ...;
- :mod:`~pannet_edu.evidence.dated`: dated facts, each lesson's facts and review date;
- :mod:`~pannet_edu.evidence.pipeline`: agents and trials under investigation;
- :mod:`~pannet_edu.evidence.practice_change`: what each of them still needs to change practice;
- :mod:`~pannet_edu.evidence.changes`: what changed since a date, which facts are due a re-check.

>>> from pannet_edu.evidence import trials, therapies
>>> table = trials()
>>> row = table[(table.trial == "RADIANT-3")].iloc[0]
>>> float(row.hr), float(row.hr_low), float(row.hr_high), row.pmid
(0.35, 0.27, 0.45, '21306238')
>>> therapies().loc["everolimus", "therapy_class"]
'mtor_inhibitor'
"""

from ..content.sources import Source, confidence_mark
from ..engine.catalogue import (
    PACKAGED_DATA_DIR,
    Therapy,
    Toxicity,
    data_file,
    load_catalogue,
)
from ..vocab import POOR_FIT_FACTORS
from .dated import (
    LessonFacts,
    dated_facts,
    lesson_facts,
    lesson_ids,
    lesson_review_date,
    lesson_review_line,
)
from .labels import LABEL_COLUMNS, label_figures
from .reading import DATA_DIR, LABEL_FIGURES_FILE, META_FILE, THERAPIES_FILE, TRIALS_FILE
from .reference_lists import references, therapy_references, trial_references
from .therapy_tables import therapies, toxicity_table
from .trial_table import (
    COMBINATION_CLASS,
    CONFIDENCE,
    DESIGNS,
    TRIAL_COLUMNS,
    regimen_classes,
    trials,
)

__all__ = [
    "COMBINATION_CLASS",
    "CONFIDENCE",
    "DATA_DIR",
    "DESIGNS",
    "LABEL_COLUMNS",
    "LABEL_FIGURES_FILE",
    "META_FILE",
    "PACKAGED_DATA_DIR",
    "POOR_FIT_FACTORS",
    "THERAPIES_FILE",
    "TRIALS_FILE",
    "TRIAL_COLUMNS",
    "LessonFacts",
    "Source",
    "Therapy",
    "Toxicity",
    "confidence_mark",
    "data_file",
    "dated_facts",
    "label_figures",
    "lesson_facts",
    "lesson_ids",
    "lesson_review_date",
    "lesson_review_line",
    "load_catalogue",
    "references",
    "regimen_classes",
    "therapies",
    "therapy_references",
    "toxicity_table",
    "trial_references",
    "trials",
]
