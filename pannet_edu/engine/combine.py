"""Findings, rules and the combination step: how many findings become one verdict per therapy.

Every rule looks at the patient and returns *findings* about some therapies. A finding is one of
three kinds:

* **support** (verdict ``"preferred"``): the evidence fits this patient well;
* **limit** (verdict ``"reasonable"``, ``"caution"`` or ``"not suitable"``): something stands in
  the way (a gate, a trial population that excludes the patient, a toxicity, prior failure, a
  region where it is not approved);
* **note** (no verdict): context the learner should read, which changes nothing.

A therapy starts as ``"reasonable"`` (a valid option that no rule argues for or against), becomes
``"preferred"`` if any rule supports it, and is then capped by the most severe limit: **the worst
limit always wins**, so a safety rule can never be outvoted by a supportive one, and adding a
limit (a comorbidity, a region) can never improve a verdict. The result does not depend on the
order of the rules.

>>> f = [Finding("x", "preferred", "A: fits."), Finding("x", "caution", "B: toxic.")]
>>> combine("x", f).verdict
'caution'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..content.sources import HAUSER_2019, Source
from ..vocab import VERDICTS


@dataclass(frozen=True)
class Finding:
    """What one rule says about one therapy for this patient.

    ``verdict`` is ``"preferred"`` (support), a worse verdict (a limit that caps the result) or
    ``None`` (a note). ``reason`` starts with the patient factor that drove it.
    """

    therapy: str
    verdict: str | None
    reason: str
    trials: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    rule: str = ""

    @property
    def citations(self) -> tuple[str, ...]:
        return (*self.trials, *(s.short for s in self.sources))


@dataclass(frozen=True)
class Rule:
    """A named rule, the sequencing principle it encodes, and the function that applies it.

    ``template`` is the principle in words; where it names a trial's figures, ``{placeholders}``
    filled by ``words()`` when the principle is read, so the figures come from the data folder in
    use (rules are registered at import, before any data folder is chosen).
    """

    name: str
    template: str
    apply: Callable[[object], list[Finding]]
    words: Callable[[], Mapping[str, str]] | None = None

    @property
    def principle(self) -> str:
        """The principle in words, its trial names and figures read from the data now."""
        return self.template.format(**self.words()) if self.words else self.template


#: Every rule, in the order the principle modules register them.
RULES: list[Rule] = []


def rule(name: str, principle: str,
         words: Callable[[], Mapping[str, str]] | None = None) -> Callable:
    """Register a rule function under ``name`` with the principle it teaches (``words``: what
    fills the principle's placeholders, read from the data; see :class:`Rule`)."""

    def register(function: Callable) -> Callable:
        if any(r.name == name for r in RULES):
            raise ValueError(f"a rule named {name!r} is already registered")
        RULES.append(Rule(name, principle, function, words))
        return function

    return register


def finding(
    therapy: str,
    verdict: str | None,
    reason: str,
    *,
    trials: Iterable[str] = (),
    sources: Iterable[Source] = (),
) -> Finding:
    """Build a finding (trials by name as in ``trials.csv``; sources as :class:`Source`)."""
    return Finding(therapy, verdict, reason, tuple(trials), tuple(sources))


def rank(verdict: str) -> int:
    """Position in :data:`VERDICTS` (0 = preferred)."""
    return VERDICTS.index(verdict)


@dataclass(frozen=True)
class TherapyAppraisal:
    """The verdict for one therapy with the findings behind it (decisive ones first)."""

    therapy: str
    verdict: str
    findings: tuple[Finding, ...]
    decisive: tuple[Finding, ...]

    @property
    def reasons(self) -> str:
        return " ".join(f.reason for f in self.findings)

    @property
    def evidence(self) -> str:
        seen: list[str] = []
        for item in self.findings:
            seen += [c for c in item.citations if c not in seen]
        return "; ".join(seen)


NO_RULE_REASON = "No rule in this engine argues for or against it for this patient."


def combine(therapy: str, findings: list[Finding]) -> TherapyAppraisal:
    """Best support (else 'reasonable'), capped by the worst limit; see the module docstring."""
    supports = [f for f in findings if f.verdict == "preferred"]
    limits = [f for f in findings if f.verdict not in (None, "preferred")]
    notes = [f for f in findings if f.verdict is None]
    verdict = "preferred" if supports else "reasonable"
    worst = max(limits, key=lambda f: rank(f.verdict), default=None)
    if worst is not None and rank(worst.verdict) > rank(verdict):
        verdict = worst.verdict
        decisive = tuple(f for f in limits if f.verdict == verdict)
    else:
        decisive = tuple(supports)
    limits.sort(key=lambda f: -rank(f.verdict))  # stable: rule order kept within a severity
    ordered = (*decisive, *(f for f in (*limits, *supports) if f not in decisive), *notes)
    if not ordered:
        ordered = (Finding(therapy, None, NO_RULE_REASON, sources=(HAUSER_2019,), rule="none"),)
    return TherapyAppraisal(therapy, verdict, ordered, decisive)
