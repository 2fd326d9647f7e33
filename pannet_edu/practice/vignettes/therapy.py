"""What the therapy kinds share: the trial table and catalogue read once per draw, and the
engine's appraisal of the invented patient.

>>> _option_text("prrt")
'PRRT (177Lu-DOTATATE)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...engine import THERAPY_IDS, THERAPY_NAMES, Patient, appraise, evaluate
from .checks import before_starting_checks
from .lessons import systemic_classes
from .narrative import _upper


@dataclass(frozen=True)
class _Data:
    """The trial table and catalogue as one call of :func:`vignettes` needs them (read once)."""

    pool: tuple[str, ...]
    systemic: tuple[str, ...]
    trial_rows: Mapping[str, Mapping[str, object]]
    own_trials: Mapping[str, frozenset[str]]
    key_trials: Mapping[str, frozenset[str]]
    cites: Mapping[str, str]

    @classmethod
    def load(cls, classes: tuple[str, ...] | None) -> _Data:
        from ...evidence import therapies, trial_references, trials

        frame, catalogue = trials(), therapies()
        rows: dict[str, dict] = {}
        for record in frame.to_dict("records"):
            rows.setdefault(str(record["trial"]), record)  # a trial's first cohort
        systemic = tuple(t for t in THERAPY_IDS if t in catalogue.index
                         and catalogue.loc[t, "therapy_class"] in systemic_classes())
        pool = tuple(t for t in systemic
                     if classes is None or catalogue.loc[t, "therapy_class"] in classes)
        own = {t: frozenset(str(n) for n in frame.loc[frame.therapy == t, "trial"])
               for t in THERAPY_IDS}
        keys = {t: frozenset(catalogue.loc[t, "key_trials"]) if t in catalogue.index
                else frozenset() for t in THERAPY_IDS}
        cites: dict[str, str] = {}
        for source in trial_references():
            cites.setdefault(source.short, source.cite())
        return cls(pool, systemic, rows, own, keys, cites)

    def reference(self, findings: Sequence, extra_trials: Sequence[str] = ()) -> str:
        """Citations of the findings' trials and sources, each once, in order."""
        names = [t for f in findings for t in f.trials] + list(extra_trials)
        out = [self.cites[n] for n in dict.fromkeys(names) if n in self.cites]
        for finding in findings:
            out += [s.cite() for s in finding.sources]
        return "; ".join(c.rstrip(".") for c in dict.fromkeys(out)) + "."


@dataclass(frozen=True)
class _Appraisal:
    """The engine's verdict, reasons (and checks, when it gives them) per therapy."""

    verdict: Mapping[str, str]
    reasons: Mapping[str, str]
    checks: Mapping[str, tuple[str, ...]] | None
    findings: Mapping[str, object]

    @classmethod
    def of(cls, patient: Patient) -> _Appraisal:
        result = evaluate(patient)
        checks = None
        if _engine_has_before_starting():
            table = appraise(patient)
            checks = {t: before_starting_checks(table.loc[t, "before_starting"])
                      for t in table.index}
        return cls({t: r.verdict for t, r in result.items()},
                   {t: r.reasons for t, r in result.items()}, checks, result)


def _option_text(therapy: str) -> str:
    return _upper(THERAPY_NAMES[therapy])


@lru_cache(maxsize=1)
def _engine_has_before_starting() -> bool:
    return "before_starting" in appraise(Patient(ki67=5, sstr="positive")).columns
