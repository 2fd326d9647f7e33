"""The case bank: multi-step teaching vignettes with a decision, options and feedback at each step.

:mod:`.model` holds the objects (a case, its steps and options, the summary), :mod:`.loader`
reads and checks the case files, :mod:`.comparison` sets the engine beside the author and answers
what-if questions. Their HTML and text renderings are in :mod:`pannet_edu.views.cases`.

For education only: the cases are invented and the feedback never advises on a real patient.

>>> case = load_case("indolent_g1_sstr_positive")
>>> case.choose("first_line", "ssa").verdict
'preferred'
"""

from .comparison import (
    COMPARISON_COLUMNS,
    FIELD_LABELS,
    WHAT_IF_FACTORS,
    WHAT_IF_KI67,
    comparison_rows,
    describe_changes,
    disagreement_table,
    engine_comparison,
    patient_changes,
    show_value,
    what_if_lines,
    what_if_values,
)
from .loader import (
    CASE_FIELDS,
    CASES_DIR,
    MIN_FEEDBACK_CHARS,
    OPTION_FIELDS,
    PATIENT_FACTOR_WORDS,
    REQUIRED_STEP_FIELDS,
    STEP_FIELDS,
    case_bank,
    cases_dir,
    load_case,
    load_case_file,
    references,
)
from .model import (
    Case,
    CaseSummary,
    Feedback,
    Option,
    Step,
    SummaryRow,
    TherapyLine,
    is_systemic,
    ordinal,
)

__all__ = [
    "CASES_DIR",
    "CASE_FIELDS",
    "COMPARISON_COLUMNS",
    "FIELD_LABELS",
    "MIN_FEEDBACK_CHARS",
    "OPTION_FIELDS",
    "PATIENT_FACTOR_WORDS",
    "REQUIRED_STEP_FIELDS",
    "STEP_FIELDS",
    "WHAT_IF_FACTORS",
    "WHAT_IF_KI67",
    "Case",
    "CaseSummary",
    "Feedback",
    "Option",
    "Step",
    "SummaryRow",
    "TherapyLine",
    "case_bank",
    "cases_dir",
    "comparison_rows",
    "describe_changes",
    "disagreement_table",
    "engine_comparison",
    "is_systemic",
    "load_case",
    "load_case_file",
    "ordinal",
    "patient_changes",
    "references",
    "show_value",
    "what_if_lines",
    "what_if_values",
]
