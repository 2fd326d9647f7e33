"""'Check your understanding': questions whose answers stay hidden until the learner has answered.

A lesson lists its questions with the answers the package computes (so an answer cannot drift
from the data). The learner writes an answer first; only then is the model answer shown beside it,
with the reason it is right, and where the learner's answer can be marked, why theirs is wrong.

Three ways a check is marked, each teaching from the data:

* an exercise kind (:func:`exercise_check`): the answer is read and marked by the same code and
  data as the exercises (``grade``, ``minen``, ``stage``, ``sstr_reading``...), so a right
  answer is recognised in every form the exercises accept ("g2", "NET-G2", "grade 2") and a
  wrong one gets the exercise's explanation;
* accepted forms: the answer itself and any short forms listed count as right, however a learner
  hyphenates or spaces a name ("NETTER 3" is "NETTER-3"); a listed wrong answer (:class:`Wrong`)
  gets its own reason;
* neither: the model answer and its explanation show beside the learner's, to compare.

On paper the answers go to an answer key at the end of the handout
(:mod:`pannet_edu.publish.handouts` moves every ``pannet-answer-key`` block there).

>>> quiz = checks([("Ki-67 2%, 3 mitoses: G1 or G2?", "NET G2", ["G2", "NET G2"])])
>>> print(reveal(quiz[0], "g2"))
Your answer matches. Answer: NET G2
>>> print(reveal(quiz[0], ""))
Write your answer first: the answer shows once you have committed to one.
>>> trial = Check("Which trial?", "NETTER-3", explanation="It enrols newly diagnosed G1/G2.")
>>> print(reveal(trial, "netter 3"))
Your answer matches. Answer: NETTER-3. It enrols newly diagnosed G1/G2.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..content.fields import short_repr
from ..display import CARD_STYLE, escape
from . import answer_words
from .feedback import Feedback
from .question_bank import answers_match, has_letter_or_digit
from .reasons import reason, reasons

__all__ = [
    "ANSWER_KEY_CLASS",
    "ASK_FIRST",
    "Check",
    "Revealed",
    "Wrong",
    "checks",
    "choice_check",
    "exercise_check",
    "label_forms",
    "questions_html",
    "questions_text",
    "reason",
    "reasons",
    "reveal",
    "set_check",
    "verdict_check",
]

#: The class the handout builder looks for to move the answers to the end of the page.
ANSWER_KEY_CLASS = "pannet-answer-key"
ASK_FIRST = "Write your answer first: the answer shows once you have committed to one."
_CARD = CARD_STYLE + ";text-align:left"
#: The verdict an exercise's feedback opens with ("Right.", or the tally of a list answer: "You
#: named 5 of 5 checks ... Named:"); the answer key states the answer instead.
_OPENER = re.compile(r"^((right|correct)[.!:,]|you named \d+ of \d+ [^.]*\.(\s*named:)?)\s*",
                     re.IGNORECASE)


@dataclass(frozen=True)
class Wrong:
    """A wrong answer learners give (in any of ``forms``) and why it is wrong.

    >>> Wrong(("M1a",), "M1a is liver only.").forms
    ('M1a',)
    """

    forms: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Check:
    """One question, its model answer, the short forms that count as right, why the answer is
    right (``explanation``), the wrong answers learners give with the reason each is wrong, and,
    for a check marked like an exercise, the ``marker`` that reads and marks an answer."""

    prompt: str
    answer: str
    accepted: tuple[str, ...] = ()
    explanation: str = ""
    wrong: tuple[Wrong, ...] = ()
    marker: Callable[[str], Feedback] | None = None
    #: ``True`` when ``accepted`` lists every right form, so any other answer is wrong; ``False``
    #: for a free-text answer, where an unlisted answer is compared by eye, never called wrong.
    closed: bool = True


def _sentence(text: str) -> str:
    """One sentence: spaces tidied, a capital first letter, a closing full stop."""
    text = " ".join(str(text).split())
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


@dataclass(frozen=True)
class Revealed:
    """What the learner sees after answering: their answer, the model answer, and a mark where
    the question can be marked (``matches`` is ``None`` when it cannot); ``why`` says why the
    learner's answer is wrong (or, from an exercise marker, why the answer is what it is) and
    ``explanation`` why the model answer is right."""

    given: str
    answer: str
    matches: bool | None
    why: str = ""
    explanation: str = ""

    def __str__(self) -> str:
        if not self.given:
            return ASK_FIRST
        answer = f"Answer: {self.answer}"
        reason = " ".join(_sentence(part) for part in (self.why, self.explanation) if part)
        if self.matches is True:
            return f"Your answer matches. {_join(answer, reason)}"
        if self.matches is False:
            shown = self.given if len(self.given) <= 80 else self.given[:77] + "..."
            return f"Not quite: you wrote '{shown}'. {_join(answer, reason)}"
        return f"Compare with your answer. {_join(answer, reason)}"


def _join(answer: str, reason: str) -> str:
    return f"{_sentence(answer)} {_sentence(reason)}" if reason else answer


def checks(items: Iterable[object]) -> tuple[Check, ...]:
    """Questions from ``(prompt, answer)`` or ``(prompt, answer, accepted)`` tuples, or Checks.

    >>> checks([("Which M category?", "M1c")])[0].answer
    'M1c'
    >>> checks([("no answer",)])
    Traceback (most recent call last):
    ...
    ValueError: items must be Checks or (prompt, answer) or (prompt, answer, accepted) tuples; ...
    """
    out = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, Check):
            out.append(item)
            continue
        if not isinstance(item, tuple | list) or len(item) not in (2, 3):
            raise ValueError(
                "items must be Checks or (prompt, answer) or (prompt, answer, accepted) tuples; "
                f"item {number} is {short_repr(item)}"
            )
        prompt, answer, *rest = item
        accepted = _accepted_forms(number, rest[0] if rest else ())
        if not str(prompt).strip() or not str(answer).strip():
            raise ValueError(f"items: item {number} needs a question and an answer")
        out.append(Check(str(prompt), str(answer), accepted))
    if not out:
        raise ValueError("items must hold at least one question")
    return tuple(out)


def exercise_check(prompt: str, kind: str, answer: str | None = None,
                   **case: object) -> Check:
    """A check read and marked by an exercise kind, from the same code and data as the exercises.

    ``case`` holds the kind's fields (as an exercise entry does); ``answer`` is how the key reads
    to a learner (default: the key the kind computes).

    >>> c = exercise_check("Ki-67 2% and 3 mitoses per 2 mm²?", "grade", ki67_percent=2,
    ...                    mitoses_per_2mm2=3)
    >>> c.answer, reveal(c, "grade 2").matches, reveal(c, "g1").matches
    ('NET G2', True, False)
    >>> print(reveal(c, "G1").why)
    Ki-67 2% alone is G1, but 3 mitoses per 2 mm² make it G2: the higher index wins.
    >>> reveal(c, "well differentiated, G2").matches  # a part that reads as a grade is marked
    True
    >>> exercise_check("?", "nope")
    Traceback (most recent call last):
    ...
    ValueError: kind must be one of [...]; got 'nope'
    """
    from .exercises.registry import KINDS

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {sorted(KINDS)}; got {short_repr(kind)}")
    spec = KINDS[kind]
    fields: Mapping[str, object] = {"report": prompt, **case}
    key = spec.expected(fields)
    parse = spec.parser(fields)

    def marker(text: str) -> Feedback:
        try:
            given = parse(text)
        except (ValueError, TypeError) as exc:
            # "T4, stage III": a learner may add other findings; one part that reads is marked.
            readable = set()
            for part in re.split(r"[,;/]|\band\b", text):
                try:
                    readable.add(parse(part.strip()))
                except (ValueError, TypeError):
                    continue
            if len(readable) != 1:
                return Feedback(None, str(exc))
            given = readable.pop()
        return spec.mark(fields, given)

    # The answer key on paper explains the answer with the exercise's own words for it.
    explanation = _OPENER.sub("", spec.mark(fields, parse(key) if isinstance(key, str) else key)
                              .message)
    return Check(prompt, _key_text(key) if answer is None else answer, explanation=explanation,
                 marker=marker)


def _key_text(key: object) -> str:
    """An exercise's key as a learner reads it: a list of items joined, not a Python repr.

    >>> _key_text(("blood pressure", "liver tests")), _key_text(frozenset({"prrt", "ssa"}))
    ('blood pressure; liver tests', 'prrt, ssa')
    """
    if isinstance(key, tuple | list):
        return "; ".join(str(item) for item in key)
    if isinstance(key, set | frozenset):
        return ", ".join(sorted(str(item) for item in key))
    return str(key)


def _tokens(text: str) -> list[str]:
    """Words and numbers in the form answers are compared in (:mod:`.answer_words`):
    ``"the NETTER-3 trial"`` -> ``['netter', '3', 'trial']``."""
    return answer_words.words(text)


def _mentions(words: list[str], form: str, negatable: bool = True) -> bool:
    """Whether ``form`` appears in ``words`` as whole words, not negated (see
    :func:`.answer_words.mentions`)."""
    return answer_words.mentions(words, form, negatable)


#: The opposite of a yes-or-no answer, for a check that lists only one of them.
_OPPOSITE = {"yes": "no", "no": "yes"}


def _with_opposites(options: dict[str, tuple[bool, str]]) -> dict[str, tuple[bool, str]]:
    """The options, with the opposite of each right yes/no or negated answer that is not listed
    itself ("suitable" beside a right "not suitable", "no" beside a right "yes"): an opposite is
    wrong, for the reasons the listed wrong options give."""
    why = " ".join(dict.fromkeys(w for right, w in options.values() if not right and w))
    out = dict(options)
    for form, (right, _why) in options.items():
        said = _tokens(form)
        opposite = None
        if len(said) == 1 and said[0] in _OPPOSITE:
            opposite = _OPPOSITE[said[0]]
        elif len(said) > 1 and said[0] in ("not", "no"):
            opposite = " ".join(said[1:])
        if right and opposite and not any(_tokens(o) == _tokens(opposite) for o in out):
            out[opposite] = (False, why)
    return out


def _option_marker(options: Mapping[str, tuple[bool, str]], explanation: str,
                   ask: str, negatable: bool = True) -> Callable[[str], Feedback]:
    """A marker for a check with options: the learner's words must name exactly one option (a
    reason may follow it); a wrong option is told why it is wrong (its own text, then why the
    answer is right), an answer naming none or several is compared by eye."""
    options = _with_opposites(dict(options))
    longest_first = sorted(options, key=lambda form: len(_tokens(form)), reverse=True)

    def marker(text: str) -> Feedback:
        words = _tokens(text)
        named: list[str] = []
        for form in longest_first:
            inside = any(" ".join(_tokens(form)) in " ".join(_tokens(n)) for n in named)
            if _mentions(words, form, negatable) and not inside:
                named.append(form)
        rights = {options[form][0] for form in named}
        if len(named) == 1 or (named and len(rights) == 1):
            if rights == {True}:
                return Feedback(True, explanation)
            # Every option named is wrong: each one's reason, once, then why the answer is right.
            whys = dict.fromkeys(options[form][1] for form in named if options[form][1])
            return Feedback(False, " ".join([*whys, explanation]).strip())
        return Feedback(None, f"{ask} {explanation}".strip())

    return marker


def choice_check(prompt: str, answer: str, explanation: str, wrong: Mapping[str, str],
                 accepted: Iterable[str] = (), negatable: bool = True) -> Check:
    """A check with options: the right one (``answer``, and any ``accepted`` forms) and each wrong
    option a learner may write, mapped to why it is wrong (read from the data by the caller).

    The learner's answer is marked by the option it names, so a reason may follow it ("good
    news: fewer than half progressed"); an answer naming no option is compared by eye. A "not"
    before an option negates it unless ``negatable`` is false (for answers such as "not RECIST").

    >>> c = choice_check("Good or bad news?", "good", "Fewer than half had progressed.",
    ...                  {"bad": "Not reached means the median was not crossed."})
    >>> print(reveal(c, "Bad"))
    Not quite: you wrote 'Bad'. Answer: good. Not reached means the median was not crossed. \
Fewer than half had progressed.
    >>> reveal(c, "Good news!").matches, reveal(c, "not good").matches, reveal(c, "?").matches
    (True, None, None)
    """
    options = {form: (True, "") for form in dict.fromkeys([answer, *accepted])}
    options.update({form: (False, why) for form, why in wrong.items()})
    # With wrong options listed, an answer naming none is asked to name one; without, the
    # accepted forms are key words and the explanation is shown to compare.
    ask = f"Name one option: {', '.join([answer, *wrong])}." if wrong else ""
    return Check(prompt, answer, tuple(dict.fromkeys([answer, *accepted])), explanation,
                 tuple(Wrong((form,), why) for form, why in wrong.items()),
                 marker=_option_marker(options, explanation, ask, negatable))


def set_check(prompt: str, right: Mapping[str, str], wrong: Mapping[str, str]) -> Check:
    """A check whose answer is a set of items (``right``, each with why it belongs) out of the
    items offered (``wrong`` holds the others, each with why it does not belong). All the right
    items and none of the others must be named; the feedback names what was missed or added.

    >>> c = set_check("Which raise glucose?", {"everolimus": "it raises glucose"},
    ...               {"sunitinib": "it can lower glucose"})
    >>> reveal(c, "Everolimus").matches, reveal(c, "everolimus, sunitinib").matches
    (True, False)
    >>> print(reveal(c, "sunitinib").why)
    Missing everolimus: it raises glucose. Not sunitinib: it can lower glucose.
    """
    answer = ", ".join(right)
    explanation = " ".join(_sentence(f"{name[:1].upper()}{name[1:]}: {why}")
                           for name, why in right.items())
    items = {**{name: True for name in right}, **{name: False for name in wrong}}

    def marker(text: str) -> Feedback:
        words = _tokens(text)
        named = {name for name in items if _mentions(words, name)}
        if not named:
            return Feedback(None, f"Name the items from: {', '.join(items)}. {explanation}")
        missed = [name for name in right if name not in named]
        added = [name for name in wrong if name in named]
        if not missed and not added:
            return Feedback(True, explanation)
        parts = [_sentence(f"Missing {name}: {right[name]}") for name in missed]
        parts += [_sentence(f"Not {name}: {wrong[name]}") for name in added]
        return Feedback(False, " ".join(parts))

    return Check(prompt, answer, tuple(right) if len(right) == 1 else (), explanation,
                 marker=marker)


def verdict_check(prompt: str, verdict: str, reason: str) -> Check:
    """A check on the engine's verdict on one option: the verdict is read from the learner's
    words (a reason may follow it), and the engine's reason explains it either way.

    >>> c = verdict_check("PRRT here?", "not suitable", "SSTR-negative: no target.")
    >>> reveal(c, "Not suitable, no receptors").matches, reveal(c, "preferred").matches
    (True, False)
    >>> print(reveal(c, "maybe").why)
    Name one verdict: preferred, reasonable, caution or not suitable. SSTR-negative: no target.
    """
    from ..vocab import VERDICTS

    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}; got {short_repr(verdict)}")
    options = {name: (name == verdict, "") for name in VERDICTS}
    ask = "Name one verdict: " + ", ".join(VERDICTS[:-1]) + f" or {VERDICTS[-1]}."
    return Check(prompt, verdict, (verdict,), reason, marker=_option_marker(options, reason, ask))


def _accepted_forms(number: int, forms: object) -> tuple[str, ...]:
    """The accepted short forms of item ``number``: one text ("G2" is one form, not "G" and "2")
    or a list of texts, each with a letter or digit (punctuation alone would match "!")."""
    if isinstance(forms, str):
        forms = (forms,)
    if not isinstance(forms, list | tuple) or not all(isinstance(f, str) for f in forms):
        raise TypeError(f"items: item {number}'s accepted forms must be a text or a list of "
                        f"texts, got {short_repr(forms)}")
    empty = [form for form in forms if not has_letter_or_digit(form)]
    if empty:
        raise ValueError(f"items: item {number}'s accepted form {short_repr(empty[0])} has no "
                         "letter or digit")
    return tuple(forms)


def label_forms(label: str) -> list[str]:
    """The ways a learner rightly writes a two-word label: as written, reversed, its last word.

    >>> label_forms("NET G3")
    ['NET G3', 'G3 NET', 'G3']
    """
    words = label.split()
    return list(dict.fromkeys([label, " ".join(reversed(words)), words[-1]]))


def reveal(check: Check, given: object) -> Revealed:
    """The model answer beside the learner's, once there is one (blank shows nothing), with why.

    The answer itself always counts as right, however it is spaced or hyphenated; a check with
    accepted forms marks any other answer wrong, and says why when it is one of the listed wrong
    answers; a check without accepted forms is compared by eye.

    >>> q = Check("T category?", "T2", ("T2",))
    >>> reveal(q, "T3").matches, reveal(q, " t2 ").matches
    (False, True)
    >>> reveal(Check("Why?", "Because."), "crossover").matches is None
    True
    >>> m = Check("Liver and bone?", "M1c", ("M1c",), "Both hepatic and extrahepatic.",
    ...           (Wrong(("M1a",), "M1a is liver only."),))
    >>> print(reveal(m, "m1a"))
    Not quite: you wrote 'm1a'. Answer: M1c. M1a is liver only. Both hepatic and extrahepatic.
    >>> free = Check("Ki-67 range?", "Ki-67 <10%", ("<10%",), "CLARINET's range.", closed=False)
    >>> reveal(free, "below 10%").matches is None, reveal(free, "< 10 %").matches
    (True, True)
    """
    text = "" if given is None else " ".join(str(given).split())
    if not text:
        return Revealed("", check.answer, None)
    if check.marker is not None:
        feedback = check.marker(text)
        return Revealed(text, check.answer, feedback.correct, why=feedback.message)
    if answers_match(text, (check.answer, *check.accepted)) or any(
            answer_words.same(text, form) for form in (check.answer, *check.accepted)):
        return Revealed(text, check.answer, True, explanation=check.explanation)
    for wrong in check.wrong:
        if answers_match(text, wrong.forms) or any(answer_words.same(text, form)
                                                   for form in wrong.forms):
            return Revealed(text, check.answer, False, wrong.why, check.explanation)
    if answer_words.covers(text, check.answer, check.prompt):
        return Revealed(text, check.answer, True, explanation=check.explanation)
    said = _tokens(text)
    for wrong in check.wrong:  # a wrong option named inside a longer answer
        if any(_mentions(said, form) for form in wrong.forms):
            return Revealed(text, check.answer, False, wrong.why, check.explanation)
    matches = False if check.accepted and check.closed else None
    return Revealed(text, check.answer, matches, explanation=check.explanation)


def questions_html(items: Iterable[Check], title: str = "Check your understanding") -> str:
    """The questions with space to answer, then the answers in a closed ``<details>`` block.

    The block carries :data:`ANSWER_KEY_CLASS`, so a handout prints it at the end of the page.

    >>> html = questions_html(checks([("Stage?", "IV")]))
    >>> html.index("Stage?") < html.index("pannet-answer-key") < html.index("IV")
    True
    """
    items = list(items)
    asked = "".join(f'<li style="margin:4px 0">{escape(c.prompt)}</li>' for c in items)
    answers = "".join(f'<li style="margin:4px 0">{escape(_answer_line(c))}</li>' for c in items)
    return (
        f'<div class="pannet-card pannet-selfcheck" style="{_CARD}">'
        f"<strong>{escape(title)}</strong>"
        '<p style="margin:4px 0">Write down your answers first, then open the answers.</p>'
        f'<ol style="margin:4px 0;padding-left:1.6em">{asked}</ol>'
        f'<details class="{ANSWER_KEY_CLASS}" data-title="{escape(title)}">'
        "<summary>Answers (open once you have decided)</summary>"
        f'<ol style="margin:4px 0;padding-left:1.6em">{answers}</ol></details></div>'
    )


def questions_text(items: Iterable[Check]) -> str:
    """Plain-text twin of :func:`questions_html`: the questions, then the answers.

    >>> print(questions_text(checks([("Stage?", "IV")])))
    1. Stage?
    Answers:
    1. IV
    """
    items = list(items)
    asked = [f"{i}. {c.prompt}" for i, c in enumerate(items, start=1)]
    answers = [f"{i}. {_answer_line(c)}" for i, c in enumerate(items, start=1)]
    return "\n".join([*asked, "Answers:", *answers])


def _answer_line(check: Check) -> str:
    """The answer as the answer key prints it: the answer, then why (when the check says).

    >>> _answer_line(Check("?", "M1c", explanation="liver and another site"))
    'M1c. Liver and another site.'
    """
    if not check.explanation:
        return check.answer
    return f"{_sentence(check.answer)} {_sentence(check.explanation)}"
