"""The words of a short answer in the form they are compared in, so that a self-check recognises
an answer in the forms learners write.

Both the learner's answer and the model answer are read alike: lower case, hyphens and spaces
alike ("von Hippel-Lindau" is "von hippel lindau"), British and American spellings alike
("hypoglycemia" is "hypoglycaemia"), a plural like its singular, the misspellings and synonyms
that ``data/answer_words.yaml`` declares ("heterogenous" is "heterogeneous", "SSA" is
"somatostatin analogue"), and without the filler words it lists ("the", "it").

>>> words("von Hippel-Lindau"), words("the EU label's only")
(['vhl'], ['eu', 'only'])
>>> words("Heterogenous"), words("It can worsen hypoglycemia")
(['heterogeneous'], ['worsen', 'hypoglycemia'])
>>> words("randomised phase II") == words("randomized phase 2")
True
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache

from ..content import ContentError
from ..content import reader as _datafile
from ..content.fields import short_repr
from .files import read_yaml

__all__ = ["Vocabulary", "plain_words", "vocabulary", "words"]

_FILE = "answer_words.yaml"
#: Words a filler list may never hold: each can turn an answer round.
_NEVER_FILLERS = frozenset({"not", "no", "none", "only", "more", "less", "yes", "never",
                            "without", "both", "neither", "nor", "cannot"})


def plain_words(text: object) -> list[str]:
    """The words and numbers of ``text``, lower case, spellings made alike (no synonyms, no
    fillers dropped): ``"Haemorrhages"`` -> ``['hemorrhage']``.

    >>> plain_words("NETTER-3 trials"), plain_words("1.5 cm"), plain_words("-15, 3-20")
    (['netter', '3', 'trial'], ['1.5', 'cm'], ['-15', '3', '20'])
    """
    text = unicodedata.normalize("NFKC", str(text)).casefold().replace("\u2212", "-")
    # A minus sign belongs to a number ("-15" is not "15"); a hyphen inside a name does not.
    return [_word(token) for token in
            re.findall(r"(?<![\w.])-?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[^\W_]+", text)]


def _word(token: str) -> str:
    """One token in its compared form: ``ae``/``oe`` as ``e`` (British and American spellings
    alike), a final plural ``s`` dropped from a word of five letters or more (not ``-ss``, ``-us``,
    ``-is``: "everolimus", "analysis" stay)."""
    if token.lstrip("-")[:1].isdigit():
        return token.replace(",", ".")
    token = token.replace("ae", "e").replace("oe", "e")
    if len(token) >= 5 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    return token


class Vocabulary:
    """The spellings, synonyms and fillers of ``answer_words.yaml``, each in its compared form.

    >>> v = vocabulary()
    >>> v.spellings["heterogenous"], v.synonyms[("somatostatin", "analogue")]
    ('heterogeneous', ('ssa',))
    """

    def __init__(self, spellings: dict[str, str], synonyms: dict[tuple[str, ...], tuple[str, ...]],
                 fillers: frozenset[str]) -> None:
        self.spellings = spellings
        self.synonyms = synonyms
        self.fillers = fillers
        self.longest = max((len(phrase) for phrase in synonyms), default=0)


def vocabulary(path: str | os.PathLike[str] | None = None) -> Vocabulary:
    """The vocabulary of ``answer_words.yaml`` (or of ``path``); a bad entry raises
    :class:`~pannet_edu.content.ContentError` naming the file, the entry and the field.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "answer_words.yaml"
    >>> _ = bad.write_text("spellings: {}\\nsynonyms: []\\nfillers: [not]\\n")
    >>> vocabulary(bad)
    Traceback (most recent call last):
    ...
    pannet_edu.content.errors.ContentError: answer_words.yaml: entry fillers, field not: ...
    """
    return _cached(str(_datafile.data_dir() / _FILE if path is None else path))


@cache
def _cached(path: str) -> Vocabulary:
    return _load(path)


def _load(path: str | os.PathLike[str]) -> Vocabulary:
    data = read_yaml(path)
    if not isinstance(data, dict) or set(data) != {"spellings", "synonyms", "fillers"}:
        raise ContentError(_FILE, "(file)", "(top level)",
                           "the file must hold 'spellings', 'synonyms' and 'fillers'")
    raw_spellings, raw_synonyms, raw_fillers = (data["spellings"], data["synonyms"],
                                                data["fillers"])
    if not isinstance(raw_spellings, dict):
        raise ContentError(_FILE, "spellings", "(section)", "must map a variant to a word")
    spellings: dict[str, str] = {}
    for variant, word in raw_spellings.items():
        one = plain_words(variant), plain_words(word)
        if any(len(part) != 1 for part in one):
            raise ContentError(_FILE, "spellings", str(variant),
                               f"a variant and its word must be one word each; got "
                               f"{short_repr(word)}")
        spellings[one[0][0]] = one[1][0]
    if not isinstance(raw_fillers, list) or not all(isinstance(f, str) for f in raw_fillers):
        raise ContentError(_FILE, "fillers", "(section)", "must be a list of words")
    fillers = frozenset(word for f in raw_fillers for word in plain_words(f))
    turning = sorted(fillers & _NEVER_FILLERS)
    if turning:
        raise ContentError(_FILE, "fillers", turning[0], "can turn an answer round, so it is "
                           "never skipped as a filler")
    if not isinstance(raw_synonyms, list):
        raise ContentError(_FILE, "synonyms", "(section)", "must be a list of groups")
    synonyms: dict[tuple[str, ...], tuple[str, ...]] = {}
    for number, group in enumerate(raw_synonyms, start=1):
        if not isinstance(group, list) or len(group) < 2 or not all(
                isinstance(g, str) and g.strip() for g in group):
            raise ContentError(_FILE, f"synonyms #{number}", "(group)",
                               f"a group lists two or more phrases; got {short_repr(group)}")
        forms = [tuple(w for w in (spellings.get(x, x) for x in plain_words(g))
                       if w not in fillers) for g in group]
        for form in forms[1:]:
            if form in synonyms and synonyms[form] != forms[0]:
                raise ContentError(_FILE, f"synonyms #{number}", " ".join(form),
                                   "is already a synonym of another group")
            if form != forms[0]:
                synonyms[form] = forms[0]
    return Vocabulary(spellings, synonyms, fillers)


def words(text: object, vocab: Vocabulary | None = None) -> list[str]:
    """The words of ``text`` in their compared form: :func:`plain_words`, misspellings
    corrected, fillers dropped and each synonym replaced by its group's first form (the longest
    phrase first).

    >>> words("Somatostatin analogues (SSA): caution")
    ['ssa', 'ssa', 'caution']
    >>> words("not the next line now") == words("not start next line")
    True
    """
    vocab = vocab or vocabulary()
    plain = [vocab.spellings.get(w, w) for w in plain_words(text)]
    plain = [w for w in plain if w not in vocab.fillers]
    out: list[str] = []
    i = 0
    while i < len(plain):
        for size in range(min(vocab.longest, len(plain) - i), 0, -1):
            form = vocab.synonyms.get(tuple(plain[i:i + size]))
            if form is not None:
                out.extend(form)
                i += size
                break
        else:
            out.append(plain[i])
            i += 1
    return out


def mentions(said: list[str], form: str, negatable: bool = True) -> bool:
    """Whether ``form`` appears in the compared words ``said`` as whole words, not negated ("not
    good" is not "good", unless the form itself is a negation such as "not suitable"); with
    ``negatable`` false a "not" before it does not matter ("not RECIST" still names RECIST).

    >>> mentions(words("Suitable, it is an SSA"), "suitable"), mentions(words("not suitable"),
    ...                                                              "suitable")
    (True, False)
    """
    wanted = words(form)
    size = len(wanted)
    if not size:
        return False
    for i in range(len(said) - size + 1):
        negated = negatable and i and said[i - 1] in ("not", "no")
        if said[i:i + size] == wanted and not negated:
            return True
    return False


def same(given: str, form: str) -> bool:
    """Whether two short answers say the same in the compared words, a part in brackets of the
    model answer read as a name for what precedes it ("PRRT (177Lu-DOTATATE)" is "PRRT").

    >>> same("SSA caution, everolimus preferred",
    ...      "somatostatin analogue (SSA): caution; everolimus: preferred")
    True
    >>> same("everolimus preferred, SSA caution", "SSA: caution; everolimus: preferred")
    False
    """
    said = words(given)
    return bool(said) and said in (words(form), words(_unbracketed(form)))


def _unbracketed(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)", "", text)


_NEGATIONS = frozenset({"not", "no", "non", "never", "without"})


def _signed(said: list[str]) -> set[str]:
    """The words, each marked ``~`` when a negation stands before it ("not compared" is
    ``~compared``, "non-comparative" ``~comparative``), so a word said the other way round is
    another word."""
    out, negated = set(), False
    for word in said:
        if word in _NEGATIONS:
            negated = True
            continue
        out.add(f"~{word}" if negated else word)
        negated = False
    return out


def covers(given: str, answer: str, prompt: str = "") -> bool:
    """Whether a free-text answer says what the model ``answer`` says, in its own order of
    parts: each part of the answer (split at ``;``) is said by one part of the learner's (split
    at ``,`` or ``;``), every word of which is a word of that part of the answer, with at least
    one word that is not already in the question (repeating the question is no answer).
    A number binds to its own part, so "acute leukaemia 2.3%" is not "acute leukaemia 0.5%".
    Only a sentence-like answer (four words or more) is read so, and only an answer of two words
    or more: a name ("NETTER-3") is compared whole, so "NETTER" is not taken for it.

    >>> answer = "temozolomide alone; phase II, randomised controlled."
    >>> covers("temozolomide alone, randomised phase 2", answer, "compared with what?")
    True
    >>> covers("temozolomide alone", answer), covers("placebo, randomised phase 2", answer)
    (False, False)
    >>> covers("it can worsen hypoglycaemia",
    ...        "In insulinoma, SSAs can unmask or worsen hypoglycaemia.", "with hypoglycaemia?")
    True
    >>> covers("hypoglycaemia", "SSAs can worsen hypoglycaemia.", "with hypoglycaemia?")
    False
    >>> covers("NETTER", "NETTER-3"), covers("worsen", "SSAs can worsen hypoglycaemia.")
    (False, False)
    >>> ocl = "Its design is randomised, non-comparative: the sunitinib arm is not compared."
    >>> covers("randomised, comparative", ocl), covers("not randomised", ocl)
    (False, False)
    >>> covers("randomised non comparative", ocl), covers("sunitinib arm not compared", ocl)
    (True, True)
    >>> combination = "everolimus 10 mg daily + lanreotide 120 mg; setting: first line"
    >>> covers("everolimus and lanreotide, first line", combination)
    True
    >>> covers("everolimus, first line", combination)
    False
    """
    asked = _signed(words(prompt))
    theirs = [_signed(words(part)) for part in re.split(r"[,;]", given)]
    theirs = [part for part in theirs if part]
    parts = [_signed(words(part)) | _signed(words(_unbracketed(part)))
             for part in answer.split(";") if words(part)]
    if not theirs or not parts or len(words(answer)) < 4 or len(set().union(*theirs)) < 2:
        return False
    raw_parts = [part for part in answer.split(";") if words(part)]
    for part, text in zip(parts, raw_parts, strict=True):
        fits = [mine for mine in theirs if mine <= part]
        if not any(mine - asked for mine in fits):
            return False
        said = {w.lstrip("~") for w in set().union(*fits)}
        # A combination ("everolimus + lanreotide") is said only when each of its drugs is.
        items = [set(words(item)) - {w for w in said if w[:1].isdigit()}
                 for item in text.split("+")]
        if len(items) > 1 and not all(item & said for item in items):
            return False
    return all(any(mine <= part for part in parts) for mine in theirs)
