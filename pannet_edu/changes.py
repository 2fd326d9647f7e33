"""Former home of the changes report and staleness check: now :mod:`pannet_edu.evidence.changes`.

This module only re-exports the names it used to define, so old imports keep working;
package code imports :mod:`pannet_edu.evidence.changes`.
"""

from .evidence.changes import (
    LABEL_NUMBERS,
    SECTIONS,
    STALE_AFTER_MONTHS,
    TRIAL_NUMBERS,
    Change,
    ChangeReport,
    changes,
    stale_facts,
    stale_report,
)

__all__ = [
    "LABEL_NUMBERS",
    "SECTIONS",
    "STALE_AFTER_MONTHS",
    "TRIAL_NUMBERS",
    "Change",
    "ChangeReport",
    "changes",
    "stale_facts",
    "stale_report",
]
