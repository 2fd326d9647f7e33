"""Former home of SSTR and FDG imaging: now :mod:`pannet_edu.clinic.imaging`.

This module only re-exports the names it used to define, so old imports keep working;
package code imports :mod:`pannet_edu.clinic.imaging`.
"""

from .clinic.imaging import (
    IMAGING_FILE,
    KRENNING_SCORES,
    STATUS_BY_WEAKEST_SCORE,
    ImagingBook,
    SstrReading,
    krenning_scale,
    krenning_table,
    load_imaging,
    modalities_table,
    patterns_table,
    read_sstr_imaging,
    references,
    trial_requirements_table,
)

__all__ = [
    "IMAGING_FILE",
    "KRENNING_SCORES",
    "STATUS_BY_WEAKEST_SCORE",
    "ImagingBook",
    "SstrReading",
    "krenning_scale",
    "krenning_table",
    "load_imaging",
    "modalities_table",
    "patterns_table",
    "read_sstr_imaging",
    "references",
    "trial_requirements_table",
]
