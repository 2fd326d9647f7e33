"""Rendering "is this patient inside the evidence?" (layout only): the question, then the answer.

Before the learner commits, only the patient and whom each trial enrolled are shown; after, trial
by trial whether the patient is inside, the criterion that excludes them, the overall answer and
what it means, the label in the patient's region and the checks before a first dose, each with
its source. Every word of fact comes from :mod:`pannet_edu.evidence.patient_fit` (which reads the
data); this module lays it out as HTML and as plain text from the same sections.

>>> from pannet_edu.engine import Patient
>>> from pannet_edu.evidence.patient_fit import evidence_fit
>>> fit = evidence_fit("ssa", Patient(ki67=5, sstr="positive"))
>>> [title for title, _ in fit_sections(fit)]
['The patient', 'Whom the evidence for somatostatin analogue (SSA) enrolled', 'Decide first']
"""

from __future__ import annotations

from ..display import CARD_STYLE, MUTED_TEXT, escape
from ..evidence.patient_fit import (
    FIT_WORDS,
    PRINCIPLE_SOURCE,
    EvidenceFit,
    ItemFit,
    Reading,
)
from ..practice.selfcheck import ANSWER_KEY_CLASS
from ..vocab import REGION_NAMES

__all__ = ["PROMPT", "STATIC_PROMPT", "answer_sections", "fit_html",
           "fit_sections", "fit_text", "fit_title", "question_sections", "static_html"]

#: What the learner is asked before the answer shows.
PROMPT = (
    "For each trial, is this patient inside the population it enrolled, or outside it? And "
    "overall: inside the evidence, partly inside (a guideline or expert position only), or "
    "outside it? Choose your answers below, then choose Check my reading: the answers, the "
    "label and the checks before a first dose show after you check."
)
#: What a page without the live tool asks (a handout prints the answer in its answer key).
STATIC_PROMPT = (
    "Write down your answers first: for each trial, is this patient inside the population it "
    "enrolled, or outside it? And overall: inside the evidence, partly inside (a guideline or "
    "expert position only), or outside it?"
)
#: The learner-facing mark of a data confidence code (nothing for a verified fact).
_MARKS = {"verified": "", "secondary": "secondary source", "conflicting": "sources differ"}


def _mark(confidence: str) -> str:
    mark = _MARKS.get(confidence, confidence)
    return f" [{mark}]" if mark else ""


def _sentence(text: str) -> str:
    """The text as a sentence: a capital first letter (unless a unit or a name such as
    "177Lu" or "panNET" starts it) and a full stop."""
    text = text.strip()
    if text[:1].islower() and not text[1:2].isupper():
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def fit_title(fit: EvidenceFit) -> str:
    """The card's title.

    >>> from pannet_edu.engine import Patient
    >>> from pannet_edu.evidence.patient_fit import evidence_fit
    >>> fit_title(evidence_fit("prrt", Patient(ki67=15, sstr="positive")))
    'Inside the evidence? PRRT (177Lu-DOTATATE) for NET G2'
    """
    return f"Inside the evidence? {fit.therapy_name} for {fit.patient.grade.label}"


def _enrolled(item: ItemFit) -> str:
    kind = "trial" if item.is_trial else "guideline or expert position"
    return f"{item.name} ({kind}): {_sentence(item.evidence.words)}"


def _said(guess: str | None, correct: bool | None) -> str:
    if guess is None:
        return " You left it unanswered."
    return f" You said {guess}: {'right' if correct else 'not quite'}."


def _item_line(item: ItemFit, reading: Reading | None) -> str:
    whom = "Whom it enrolled" if item.is_trial else "What it covers"
    line = f"{item.name}: inside." if item.inside else (
        f"{item.name}: outside: it {'; it '.join(item.excluded_by)}.")
    line += f" {whom}: {_sentence(item.evidence.words)}"
    line += "".join(f" Note: {_sentence(c)}" for c in item.caveats)
    line += "".join(f" Not checked: {_sentence(c)}" for c in item.not_checked)
    if reading is not None and item.is_trial:
        call = reading.call(item.name)
        line += _said(call.guessed, call.correct)
    return line + f" Source: {item.source.cite()}{_mark(item.evidence.confidence)}"


def _overall(fit: EvidenceFit, reading: Reading | None) -> list[str]:
    held = ", ".join(fit.holding)
    said = "" if reading is None else _said(reading.call("overall").guessed,
                                            reading.call("overall").correct)
    lines = [f"Overall: {FIT_WORDS[fit.overall]}" + (f" ({held})." if held else ".") + said,
             f"{fit.meaning} Source: {PRINCIPLE_SOURCE.short}."]
    if fit.near_cut_off is not None:
        words, source = fit.near_cut_off
        lines.append(f"Cut-offs are not cliffs: {_sentence(words)} Source: {source.short}.")
    return lines


def _label(fit: EvidenceFit) -> tuple[str, list[str]]:
    label = fit.label
    if label.region is None:
        return "The label", [label.text]
    line = f"{label.status_words[0].upper()}{label.status_words[1:]}: {_sentence(label.text)}"
    if label.source:
        line += f" Source: {label.source}{_mark(label.confidence)}"
    return f"The label in {REGION_NAMES[label.region]}", [line]


def question_sections(fit: EvidenceFit, prompt: str = PROMPT) -> list[tuple[str, list[str]]]:
    """The question as (heading, lines): the patient, whom each trial and position enrolled,
    and what to decide (``prompt``)."""
    listed = [_enrolled(i) for i in (*fit.trials, *fit.positions)]
    return [("The patient", [_sentence(fit.patient.describe())]),
            (f"Whom the evidence for {fit.therapy_name} enrolled", listed),
            ("Decide first", [prompt])]


def answer_sections(fit: EvidenceFit,
                    reading: Reading | None = None) -> list[tuple[str, list[str]]]:
    """The answer as (heading, lines), with the learner's calls beside the data's when a
    ``reading`` is given (from :func:`~pannet_edu.evidence.patient_fit.check_reading`)."""
    sections = [("The patient", [_sentence(fit.patient.describe())]),
                ("Trial by trial", [_item_line(t, reading) for t in fit.trials])]
    if fit.positions:
        sections.append(("Guideline and expert positions",
                         [_item_line(p, reading) for p in fit.positions]))
    sections.append(("Overall", _overall(fit, reading)))
    sections.append(_label(fit))
    checks = [f"{_sentence(c.check)} Source: {c.source}{_mark(c.confidence)}"
              for c in fit.checks] or ["None listed."]
    sections.append(("Before a first dose", checks))
    if reading is not None:
        sections.append(("Your reading", [reading.score_line]))
    return sections


def fit_sections(fit: EvidenceFit, reading: Reading | None = None) -> list[tuple[str, list[str]]]:
    """The question while ``reading`` is ``None``, the answer once the learner has committed."""
    return question_sections(fit) if reading is None else answer_sections(fit, reading)


def _sections_html(sections: list[tuple[str, list[str]]]) -> str:
    """Headed lists; the list of trials a question names is numbered."""
    body = []
    for heading, lines in sections:
        tag = "ol" if heading.startswith("Whom the evidence") else "ul"
        items = "".join(f'<li style="margin:2px 0">{escape(line)}</li>' for line in lines)
        body.append(f'<p style="margin:8px 0 2px 0"><strong>{escape(heading)}</strong></p>'
                    f'<{tag} style="margin:0;padding-left:1.2em">{items}</{tag}>')
    return "".join(body)


def _muted(text: str) -> str:
    return (f'<p style="margin:6px 0 0 0;font-size:smaller;color:{MUTED_TEXT}">'
            f"{escape(text)}</p>")


def fit_html(fit: EvidenceFit, reading: Reading | None = None) -> str:
    """The question or the answer as an HTML card (every text escaped; it reflows at any width).

    >>> from pannet_edu.engine import Patient
    >>> from pannet_edu.evidence.patient_fit import evidence_fit
    >>> html = fit_html(evidence_fit("ssa", Patient(ki67=5, sstr="positive")))
    >>> "Decide first" in html and "CLARINET" in html and "inside. It" not in html
    True
    """
    return (f'<div aria-live="polite" class="pannet-card pannet-evidence-fit" role="status" '
            f'style="{CARD_STYLE}"><strong>{escape(fit_title(fit))}</strong>'
            f"{_sections_html(fit_sections(fit, reading))}{_muted(_FOOTER)}</div>")


def static_html(fit: EvidenceFit, notice: str = "") -> str:
    """The question for a page without a live tool (a handout, a notebook viewer), with the
    answer in a closed block carrying the answer-key class of the lesson self-checks, so that a
    handout prints it in the answer key at its end; ``notice``: a line under the footer.

    >>> from pannet_edu.engine import Patient
    >>> from pannet_edu.evidence.patient_fit import evidence_fit
    >>> html = static_html(evidence_fit("ssa", Patient(ki67=5, sstr="positive")))
    >>> html.index("Write down") < html.index(ANSWER_KEY_CLASS) < html.index("CLARINET: inside")
    True
    >>> html.endswith("</details></div>")
    True
    """
    title = fit_title(fit)
    answer = (f'<p style="margin:4px 0"><strong>{escape(title)}: the answer</strong></p>'
              f"{_sections_html(answer_sections(fit))}")
    return (f'<div class="pannet-card pannet-evidence-fit" style="{CARD_STYLE}">'
            f"<strong>{escape(title)}</strong>"
            f"{_sections_html(question_sections(fit, STATIC_PROMPT))}{_muted(_FOOTER)}"
            + (_muted(notice) if notice else "")
            + f'<details class="{ANSWER_KEY_CLASS}" data-title="{escape(title)}">'
            f"<summary>The answer for this patient (read it once you have decided)</summary>"
            f"{answer}</details></div>")


def fit_text(fit: EvidenceFit, reading: Reading | None = None) -> str:
    """Plain-text twin of :func:`fit_html`.

    >>> from pannet_edu.engine import Patient
    >>> from pannet_edu.evidence.patient_fit import evidence_fit
    >>> print(fit_text(evidence_fit("ssa", Patient(ki67=5, sstr="positive"))).splitlines()[0])
    Inside the evidence? somatostatin analogue (SSA) for NET G2
    """
    out = [fit_title(fit)]
    for heading, lines in fit_sections(fit, reading):
        out.append(f"  {heading}")
        out += [f"    - {line}" for line in lines]
    out.append(f"  ({_FOOTER})")
    return "\n".join(out)


_FOOTER = (
    "Whom each trial enrolled is read from the evidence data, each with its source. A trial is "
    "evidence only for the drug it tested and the patients it enrolled; outside the evidence "
    "means extrapolated, never by itself unsuitable."
)
