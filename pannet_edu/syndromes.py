"""Former home of functional and hereditary syndromes: now :mod:`pannet_edu.clinic.syndromes`.

This module only re-exports the names it used to define, so old imports keep working;
package code imports :mod:`pannet_edu.clinic.syndromes`.
"""

from .clinic.syndromes import (
    SYNDROMES_FILE,
    DataFileError,
    FunctionalSyndrome,
    HereditarySyndrome,
    SyndromeBook,
    functional_syndromes,
    hereditary_syndromes,
    load_syndromes,
    references,
    syndrome_table,
)

__all__ = [
    "SYNDROMES_FILE",
    "DataFileError",
    "FunctionalSyndrome",
    "HereditarySyndrome",
    "SyndromeBook",
    "functional_syndromes",
    "hereditary_syndromes",
    "load_syndromes",
    "references",
    "syndrome_table",
]
