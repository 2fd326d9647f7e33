"""The therapy catalogue as pandas tables: one row per therapy, one row per (therapy, toxicity).

The catalogue itself (``data/therapies.yaml``) is parsed and validated once, by the engine's
catalogue loader; these tables only reshape it for lessons, and check it against the trials table.

>>> therapies().loc["everolimus", "therapy_class"]
'mtor_inhibitor'
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .reading import _typed
from .trial_table import _load


def therapies(
    path: str | Path | None = None, *, trials_path: str | Path | None = None
) -> pd.DataFrame:
    """The therapy catalogue as a DataFrame indexed by therapy id.

    List-like fields (``agents``, ``approval`` (one line per region), ``toxicities`` (effect
    names), ``poor_fit_factors`` (the factors that cap a verdict), ``before_starting`` (check
    texts), ``key_trials``, ``sources`` (citation lines)) are tuples, so they cannot be edited in
    place. Rates and management of each toxicity are in :func:`toxicity_table`; the full records
    (each poor-fit factor's verdict, source and confidence; approvals by region) are in
    :func:`pannet_edu.engine.load_catalogue`.

    >>> catalogue = therapies()
    >>> list(catalogue.index[:3])
    ['ssa', 'everolimus', 'sunitinib']
    >>> catalogue.loc["everolimus", "poor_fit_factors"][:3]
    ('diabetes', 'interstitial_lung_disease', 'hepatic_impairment')
    """
    _, catalogue = _load(trials_path, path)
    records = [
        {
            "name": t.name,
            "therapy_class": t.therapy_class,
            "agents": t.agents,
            "mechanism": t.mechanism,
            "dose_schedule": t.dose_schedule,
            "approval": t.approval,
            "toxicities": tuple(x.effect for x in t.toxicities),
            "poor_fit": t.poor_fit,
            "poor_fit_factors": t.poor_fit_factors,
            "key_trials": t.key_trials,
            "sources": tuple(s.cite() for s in t.sources),
            "short_name": t.short_name,
            "before_starting": tuple(c.check for c in t.before_starting),
            "last_checked": t.last_checked,
        }
        for t in catalogue
    ]
    frame = pd.DataFrame.from_records(records, index=[t.id for t in catalogue])
    frame.index.name = "therapy"
    return _typed(frame, text=("name", "therapy_class", "mechanism", "dose_schedule", "poor_fit",
                               "short_name", "last_checked"))


def toxicity_table(
    path: str | Path | None = None, *, trials_path: str | Path | None = None
) -> pd.DataFrame:
    """One row per (therapy, toxicity): reported rates where the source gives them, and management.

    ``percent`` is any grade, ``grade3plus_percent`` grade 3 or higher, ``percent_control`` the
    control arm's any-grade rate; missing rates are ``<NA>`` (never guessed).

    >>> tox = toxicity_table()
    >>> row = tox[(tox.therapy == "everolimus") & (tox.effect == "stomatitis")].iloc[0]
    >>> float(row.percent), float(row.percent_control), row.source
    (64.0, 17.0, 'RADIANT-3 (drug-related)')
    """
    _, catalogue = _load(trials_path, path)
    records = [
        {
            "therapy": x.therapy,
            "therapy_class": t.therapy_class,
            "effect": x.effect,
            "percent": x.percent,
            "percent_control": x.percent_control,
            "grade3plus_percent": x.grade3plus_percent,
            "source": x.source,
            "management": x.management,
        }
        for t in catalogue
        for x in t.toxicities
    ]
    return _typed(pd.DataFrame.from_records(records),
                  text=("therapy", "therapy_class", "effect", "source", "management"),
                  decimal=("percent", "percent_control", "grade3plus_percent"))
