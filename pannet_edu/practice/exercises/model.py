"""The exercise objects: an :class:`Exercise`, the :class:`Kind` of exercise a data entry names,
and the wording helpers the kinds share (therapy names, lists of names).

>>> from pannet_edu.practice.exercises import exercise
>>> exercise("t-1").answer_form
'a T category such as "T2"'
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ...content.errors import ContentError
from ...content.fields import short_repr
from ..feedback import Feedback

__all__ = ["NOT_ANSWERED", "Exercise", "Kind", "field_problem"]

NOT_ANSWERED = (
    "Replace the ... with your answer, then run the cell again. "
    "(Nothing to mark yet: this is not counted as wrong.)"
)


#: The placeholder file of a :func:`field_problem` until the loader names the real one.
FIELD_PROBLEM_FILE = "(exercise file)"


def field_problem(field: str, problem: str) -> ContentError:
    """A kind's own check of an exercise entry failed on one field; the loader, which knows the
    file and the entry, raises it again with them.

    >>> field_problem("query", "must be a mapping").problem
    'must be a mapping'
    """
    return ContentError(FIELD_PROBLEM_FILE, "(entry)", field, problem)


@dataclass(frozen=True, repr=False)
class Exercise:
    """One exercise: what is asked, what form the answer takes, and how to mark it.

    ``expected`` computes the right answer from the package's logic; ``mark`` turns a parsed answer
    into feedback; ``parse`` reads what the learner typed (raising ``ValueError``/``TypeError``
    with a helpful message when it cannot).
    """

    id: str
    lesson: str
    question: str
    answer_form: str
    expected: Callable[[], object] = field(repr=False)
    parse: Callable[[object], object] = field(repr=False)
    mark: Callable[[object], Feedback] = field(repr=False)
    report: str = ""
    #: True when ``expected()`` is a set of answers any one of which is right.
    any_one_of: bool = False

    def solution(self) -> object:
        """One answer that passes the check (the computed key, or one member of it).

        >>> from pannet_edu.practice.exercises import exercise
        >>> exercise("seq-2").solution()
        'platinum_etoposide'
        """
        expected = self.expected()
        return sorted(expected)[0] if self.any_one_of else expected

    def __str__(self) -> str:
        report = f"\n  Report: {self.report}" if self.report else ""
        return f"Exercise {self.id}{report}\n  {self.question} ({self.answer_form})"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        report = (
            f'<blockquote style="margin:4px 0 4px 8px;font-style:italic">'
            f"{html.escape(self.report)}</blockquote>"
            if self.report
            else ""
        )
        return (
            f'<div class="pannet-exercise" style="border:1px solid #0072B2;border-radius:6px;'
            f'padding:6px 12px;margin:4px 0;font-family:sans-serif;max-width:46em">'
            f"<strong>Exercise {html.escape(self.id)}</strong>{report}"
            f'<p style="margin:4px 0">{html.escape(self.question)} '
            f"<small>({html.escape(self.answer_form)})</small></p></div>"
        )


@dataclass(frozen=True)
class Kind:
    """One kind of exercise entry: the fields it takes, its question, and how it is marked.

    ``expected(case)`` computes the key from the package's own logic (it raises ``ValueError``,
    or :func:`field_problem` naming the field, when the entry cannot make a case); ``mark(case,
    given)`` turns a parsed answer into feedback. ``needs_report`` is ``False`` for a kind whose
    question is about a table rather than a report (the entry then gives its own ``question``).
    ``answer_form`` may depend on the entry.
    """

    question: Callable[[Mapping[str, object]], str]
    answer_form: str | Callable[[Mapping[str, object]], str]
    required: tuple[str, ...]
    optional: tuple[str, ...]
    parse: Callable[[object], object] | Callable[[Mapping[str, object]], Callable[[object], object]]
    mark: Callable[[Mapping[str, object], object], Feedback]
    expected: Callable[[Mapping[str, object]], object]
    any_one_of: bool = False
    needs_report: bool = True
    #: When ``True``, ``parse(case)`` returns the parser for that entry.
    parse_per_entry: bool = False

    def form(self, case: Mapping[str, object]) -> str:
        """The answer form shown to the learner for one entry."""
        return self.answer_form(case) if callable(self.answer_form) else self.answer_form

    def parser(self, case: Mapping[str, object]) -> Callable[[object], object]:
        """The reader of a learner's answer for one entry."""
        return self.parse(case) if self.parse_per_entry else self.parse


# --- Wording shared by the kinds ----------------------------------------------------------


def _factor_name(factor: object) -> str:
    from ...vocab import COMORBIDITIES, COMORBIDITY_NAMES

    if factor not in COMORBIDITIES:
        raise ValueError(f"factor must be one of {', '.join(COMORBIDITIES)}; got "
                         f"{short_repr(factor)}")
    return COMORBIDITY_NAMES[factor].lower()


def _therapy_display(therapy_id: str) -> str:
    from ...engine import THERAPY_NAMES

    return THERAPY_NAMES.get(therapy_id, therapy_id)


def _upper_first(text: str) -> str:
    """Capitalise the first letter only (``str.capitalize`` would lower "PRRT")."""
    return text[:1].upper() + text[1:]


def _names(ids: frozenset[str] | set[str]) -> str:
    from ...engine import THERAPY_IDS

    ordered = [t for t in THERAPY_IDS if t in ids] + sorted(set(ids) - set(THERAPY_IDS))
    return ", ".join(_therapy_display(t) for t in ordered)


def set_mistakes(expected: frozenset[str], given: frozenset[str],
                 show: Callable[[frozenset[str]], str],
                 extra: Callable[[str], str]) -> str:  # fmt: skip
    """What a wrong set answer missed and added, as one capitalised clause.

    >>> set_mistakes(frozenset("ab"), frozenset("bc"), lambda s: ", ".join(sorted(s)),
    ...              lambda names: f"should not include {names}")
    'Missing a; should not include c'
    """
    parts = []
    if expected - given:
        parts.append(f"missing {show(expected - given)}")
    if given - expected:
        parts.append(extra(show(given - expected)))
    return _upper_first("; ".join(parts))
