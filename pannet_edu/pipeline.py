"""Former home of the agents and trials under investigation: :mod:`pannet_edu.evidence.pipeline`.

This module only re-exports the names it used to define, so old imports keep working;
package code imports :mod:`pannet_edu.evidence.pipeline`.
"""

from .evidence.pipeline import (
    PIPELINE_FILE,
    agent_ids,
    agent_record,
    agents,
    dated_entries,
    events,
    ongoing_trial_record,
    ongoing_trials,
    status_of,
)

__all__ = [
    "PIPELINE_FILE",
    "agent_ids",
    "agent_record",
    "agents",
    "dated_entries",
    "events",
    "ongoing_trial_record",
    "ongoing_trials",
    "status_of",
]
