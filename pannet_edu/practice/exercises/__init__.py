"""Auto-checked exercises: ``check(exercise_id, answer)`` returns :class:`Feedback` that teaches.

The expected answers are never written down: they are computed by the package's own logic
(:func:`~pannet_edu.grade`, :func:`~pannet_edu.stage`, the engine, queries on the trial table)
from the entries in ``pannet_edu/data/exercises/*.yaml``, so a key cannot drift from the rules the
lessons teach. A check never raises at a learner: no answer, the ``...`` placeholder or an answer
of the wrong kind gets a message.

The package: :mod:`.registry` (loading, validation, look-up, :func:`check`), :mod:`.answers`
(reading what a learner typed), :mod:`.model` (:class:`Exercise`, :class:`Kind`), and one module
per kind of entry (:mod:`.grade`, :mod:`.minen`, :mod:`.t_category`, :mod:`.stage`,
:mod:`.poor_fit`, :mod:`.sequencing`, :mod:`.sstr_reading`, :mod:`.before_starting`,
:mod:`.trial_query`).

>>> print(check("grade-1", "NET G2").message)
Ki-67 8% alone is G2, but 25 mitoses per 2 mm² make it G3: the higher index wins.
>>> check("grade-1", ...).status
'not answered'
"""

from ..feedback import Feedback
from .answers import (
    LEARNER_SPELLINGS,
    parse_checks,
    parse_grade,
    parse_months,
    parse_number,
    parse_sstr_status,
    parse_stage,
    parse_t,
    parse_therapies,
    parse_therapy,
    parse_trial,
    parse_trials,
    parse_yes_no,
)
from .before_starting import CHECK_CONCEPTS, before_starting_checks, concepts_in
from .model import NOT_ANSWERED, Exercise, Kind
from .registry import (
    EXERCISES_DIR,
    KINDS,
    MAX_MESSAGE_CHARS,
    check,
    exercise,
    exercises,
    exercises_dir,
    load_exercise_file,
)
from .sstr_reading import sstr_consequence
from .trial_query import (
    HR_TOLERANCE,
    MONTHS_TOLERANCE,
    PERCENT_TOLERANCE,
    congress_only_trials,
    lowest_hr_pannet_trial,
    no_pannet_trials,
    pfs_gains,
    placebo_phase3_pannet_trials,
    run_query,
)

__all__ = [
    "CHECK_CONCEPTS",
    "EXERCISES_DIR",
    "HR_TOLERANCE",
    "KINDS",
    "LEARNER_SPELLINGS",
    "MAX_MESSAGE_CHARS",
    "MONTHS_TOLERANCE",
    "NOT_ANSWERED",
    "PERCENT_TOLERANCE",
    "Exercise",
    "Feedback",
    "Kind",
    "before_starting_checks",
    "check",
    "concepts_in",
    "congress_only_trials",
    "exercise",
    "exercises",
    "exercises_dir",
    "load_exercise_file",
    "lowest_hr_pannet_trial",
    "no_pannet_trials",
    "parse_checks",
    "parse_grade",
    "parse_months",
    "parse_number",
    "parse_sstr_status",
    "parse_stage",
    "parse_t",
    "parse_therapies",
    "parse_therapy",
    "parse_trial",
    "parse_trials",
    "parse_yes_no",
    "pfs_gains",
    "placebo_phase3_pannet_trials",
    "run_query",
    "sstr_consequence",
]
