"""Reading what a learner typed: grades, T categories, stages, yes/no, therapies, SSTR statuses,
checks, trial names and figures. Each parser returns the canonical answer or raises
``ValueError``/``TypeError`` with a message that says what to type instead.

>>> parse_grade("net g3"), parse_stage("stage 2"), parse_trial("netter 2")
('NET G3', 'II', 'NETTER-2')
"""

from __future__ import annotations

import math
import re
from numbers import Real
from pathlib import Path

from ...clinic import pathology, staging
from ...content import reader as _datafile
from ...content.fields import is_boolean, short_repr
from ...content.fields import parse_number as _parse_typed_number
from ...vocab import SSTR_STATUSES

__all__ = [
    "LEARNER_SPELLINGS",
    "parse_checks",
    "parse_grade",
    "parse_months",
    "parse_number",
    "parse_sstr_status",
    "parse_stage",
    "parse_t",
    "parse_therapies",
    "parse_therapy",
    "parse_trial",
    "parse_trials",
    "parse_yes_no",
]


def _is_blank(answer: object) -> bool:
    return answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip())


def _text_answer(answer: object, form: str) -> str:
    if isinstance(answer, bool) or not isinstance(answer, str):
        raise TypeError(f"Give your answer as text, {form}; got {short_repr(answer)}.")
    return answer.strip()


#: Words a clinician rightly adds to a grade; they do not change it.
_GRADE_QUALIFIERS = ("WELLDIFFERENTIATED", "POORLYDIFFERENTIATED", "SMALLCELL", "LARGECELL",
                     "PANCREATIC", "TYPE")


def parse_grade(answer: object) -> str:
    """Read a grade typed by a learner: ``"G3"``, ``"net g3"``, ``"NET-G3"``, ``"G3 NET"``,
    ``"NEC"``, ``"small-cell NEC"``, ``"poorly differentiated NEC"``. "NEC G3", a grade given to
    a carcinoma, is read as written, so that marking can explain the mix-up.

    A :class:`~pannet_edu.clinic.pathology.GradeResult` is accepted too (its label is used).

    >>> parse_grade(" net-g2 "), parse_grade("g1"), parse_grade("nec")
    ('NET G2', 'NET G1', 'NEC')
    >>> parse_grade("G3 NET"), parse_grade("grade 3 net"), parse_grade("Small-cell NEC")
    ('NET G3', 'NET G3', 'NEC')
    >>> parse_grade("NEC G3")
    'NEC G3'
    >>> parse_grade("G4")
    Traceback (most recent call last):
    ...
    ValueError: Write a grade such as "NET G2" or "NEC"; 'G4' is not a WHO grade (NETs are G1, ...
    """
    if isinstance(answer, pathology.GradeResult):
        return answer.label
    form = 'a grade such as "NET G2" or "NEC"'
    text = re.sub(r"[\s_.-]+", "", _text_answer(answer, form)).upper()
    for qualifier in _GRADE_QUALIFIERS:
        text = text.replace(qualifier, "")
    if text in {"NEC", "NEUROENDOCRINECARCINOMA", "CARCINOMA"}:
        return "NEC"
    graded_nec = re.fullmatch(r"(?:NEC|NEUROENDOCRINECARCINOMA)(?:G|GRADE)([123])", text)
    if graded_nec:
        # The classic mix-up of the two diseases: read, so that marking can say why it is wrong.
        return f"NEC G{graded_nec.group(1)}"
    match = re.fullmatch(r"(?:NET)?(?:G|GRADE)([123])(?:NET)?", text)
    if not match:
        hint = " (NETs are G1, G2 or G3)" if re.fullmatch(r"(?:NET)?G\d", text) else ""
        raise ValueError(f"Write {form}; {short_repr(answer)} is not a WHO grade{hint}.")
    return f"NET G{match.group(1)}"


def parse_t(answer: object) -> str:
    """Read a T category: ``"T3"``, ``"t3"``; a ``TResult`` is accepted too.

    >>> parse_t("t3")
    'T3'
    """
    if isinstance(answer, staging.TResult):
        return answer.category
    form = 'a T category such as "T2"'
    text = re.sub(r"\s+", "", _text_answer(answer, form)).upper()
    if text not in staging.T_CATEGORIES:
        raise ValueError(f"Write {form}; {short_repr(answer)} is not an AJCC 8th T category "
                         "(T1-T4).")
    return text


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def parse_stage(answer: object) -> str:
    """Read a stage group: ``"III"``, ``"stage 3"``, ``3``; a ``StageResult`` is accepted too.

    AJCC 8th stages pancreatic NETs I-IV with no A/B subgroups; "IIIA" gets that explanation.

    >>> parse_stage("Stage iv"), parse_stage(2)
    ('IV', 'II')
    >>> parse_stage("IIIA")
    Traceback (most recent call last):
    ...
    ValueError: AJCC 8th stages pancreatic NETs I, II, III or IV, with no A or B subgroups ...
    """
    if isinstance(answer, staging.StageResult):
        return answer.group
    if isinstance(answer, int) and not isinstance(answer, bool):
        answer = str(answer)
    form = 'a stage group such as "II"'
    text = re.sub(r"\s+", "", _text_answer(answer, form)).upper()
    text = text.removeprefix("STAGE")
    text = _ROMAN.get(text, text)
    sub = re.fullmatch(r"(I{1,3}|IV|[1-4])[ABC]\d?", text)
    if sub:
        group = _ROMAN.get(sub.group(1), sub.group(1))
        raise ValueError(
            "AJCC 8th stages pancreatic NETs I, II, III or IV, with no A or B subgroups (those "
            f"belong to other cancers' staging). Write \"{group}\" for {short_repr(answer)}."
        )
    if text not in staging.STAGE_GROUPS:
        raise ValueError(f"Write {form}; {short_repr(answer)} is not an AJCC 8th stage group "
                         "(I-IV).")
    return text


_YES = {"yes", "y", "true", "minen", "mixed"}


_NO = {"no", "n", "false", "notminen", "not"}


def parse_yes_no(answer: object) -> bool:
    """Read yes/no: ``True``, ``"yes"``, ``"MiNEN"``, ``"not MiNEN"``, ``"no"``.

    >>> parse_yes_no("Yes"), parse_yes_no("not MiNEN"), parse_yes_no(False)
    (True, False, False)
    """
    if isinstance(answer, pathology.MixedNeoplasmResult):
        return answer.is_minen
    if isinstance(answer, bool):
        return answer
    form = "True or False (or yes/no)"
    text = re.sub(r"[\s_-]+", "", _text_answer(answer, form)).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"Answer {form}; got {short_repr(answer)}.")


# --- Therapies, by id, name, short name or agent ------------------------------------------


#: Everyday names a learner may type for a catalogue option (brand and regimen names).
LEARNER_SPELLINGS = {
    "lanreotide": "ssa",
    "octreotide": "ssa",
    "somatostatin analogue": "ssa",
    "Lutathera": "prrt",
    "177Lu-DOTATATE": "prrt",
    "lutetium": "prrt",
    "FOLFIRI": "irinotecan_based",
    "nal-IRI": "irinotecan_based",
    "liposomal irinotecan": "irinotecan_based",
    "everolimus plus lanreotide": "everolimus_ssa",
    "everolimus and lanreotide": "everolimus_ssa",
    "everolimus plus SSA": "everolimus_ssa",
    "watch and wait": "surveillance",
    "embolisation": "liver_directed",
    "TACE": "liver_directed",
    "resection": "surgery",
    "trial": "clinical_trial",
}


def _therapy_aliases() -> dict[str, str]:
    """Every way a learner may name a therapy, normalised, mapped to its catalogue id.

    A therapy's own id and names win over an agent it shares with a combination ("everolimus"
    is everolimus, not everolimus plus an SSA); any other spelling shared by two therapies names
    neither.
    """
    data = _datafile.data_dir()
    return _datafile.cached(_therapy_aliases_of, data / "therapies.yaml", data / "trials.csv",
                            data / "sources.yaml")


def _therapy_aliases_of(_therapies_file: Path) -> dict[str, str]:
    from ...evidence import therapies

    catalogue = therapies()
    own: dict[str, set[str]] = {}
    agents: dict[str, set[str]] = {}
    for therapy_id, row in catalogue.iterrows():
        names = {therapy_id, row["name"]}
        if row.get("short_name"):
            names.add(row["short_name"])
        names |= set(re.findall(r"\(([^)]+)\)", row["name"]))  # "(CAPTEM)", "(PRRT)"
        names.add(re.sub(r"\s*\([^)]*\)", "", row["name"]))
        for spelling in names:
            own.setdefault(_key(spelling), set()).add(str(therapy_id))
        for spelling in row["agents"]:
            agents.setdefault(_key(spelling), set()).add(str(therapy_id))
    own.setdefault(_key("SSA"), set()).add("ssa")
    for spelling, therapy_id in LEARNER_SPELLINGS.items():
        if therapy_id in catalogue.index:
            own.setdefault(_key(spelling), set()).add(therapy_id)
    out = {key: ids.pop() for key, ids in agents.items() if len(ids) == 1}
    out.update({key: ids.pop() for key, ids in own.items() if len(ids) == 1})
    return out


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z+]", "", str(text).casefold())


def parse_therapy(answer: object) -> str:
    """Read one therapy named by id, name, short name or agent: ``"CAPTEM"``, ``"Lutathera"``...

    >>> parse_therapy("captem"), parse_therapy("Everolimus"), parse_therapy("PRRT")
    ('capecitabine_temozolomide', 'everolimus', 'prrt')
    """
    form = 'one therapy, e.g. "everolimus" or "PRRT"'
    if isinstance(answer, list | tuple | set) and len(answer) == 1:
        answer = next(iter(answer))
    text = _text_answer(answer, form)
    therapy_id = _therapy_aliases().get(_key(text))
    if therapy_id is None:
        from ...engine import THERAPY_IDS

        raise ValueError(f"{short_repr(text)} is not a therapy in the catalogue; use one of "
                         f"{THERAPY_IDS}.")
    return therapy_id


def parse_therapies(answer: object) -> frozenset[str]:
    """Read a collection of therapies (a list, a set, or text separated by commas).

    >>> sorted(parse_therapies("Sunitinib, cabozantinib"))
    ['cabozantinib', 'sunitinib']
    """
    if isinstance(answer, str):
        items: list[object] = [part for part in re.split(r"[,;]| and ", answer) if part.strip()]
    elif isinstance(answer, list | tuple | set | frozenset):
        items = list(answer)
    elif hasattr(answer, "tolist"):  # a pandas Index or Series of names
        items = list(answer.tolist())
    else:
        raise TypeError('Give a list of therapies, e.g. ["sunitinib", "prrt"]; '
                        f"got {short_repr(answer)}.")
    if not items:
        raise ValueError('Give at least one therapy, e.g. ["sunitinib"].')
    return frozenset(parse_therapy(item) for item in items)


# --- SSTR status and the checks before a first dose ---------------------------------------


def parse_sstr_status(answer: object) -> str:
    """Read an SSTR status: ``"positive"``, ``"SSTR-negative"``, ``"mixed"`` (heterogeneous),
    ``"equal to liver"``, ``"below liver"``...

    An :class:`~pannet_edu.clinic.imaging.SstrReading` is accepted too (its status is used).

    >>> parse_sstr_status("SSTR-Positive"), parse_sstr_status("mixed")
    ('positive', 'heterogeneous')
    >>> parse_sstr_status("Equal to liver"), parse_sstr_status("below_liver")
    ('equal_to_liver', 'below_liver')
    >>> parse_sstr_status("Heterogenous")  # a common misspelling
    'heterogeneous'
    """
    from ...clinic.imaging import SstrReading

    if isinstance(answer, SstrReading):
        return answer.status
    from ..answer_words import vocabulary

    form = SSTR_ANSWER_FORM
    spellings = vocabulary().spellings  # "heterogenous" is "heterogeneous"
    text = " ".join(spellings.get(w, w) for w in _text_answer(answer, form).casefold().split())
    text = re.sub(r"[\s_-]+", "", text).removeprefix("sstr")
    statuses = {status.replace("_", ""): status for status in SSTR_STATUSES}
    text = {"mixed": "heterogeneous", "pos": "positive", "neg": "negative"}.get(text, text)
    if text not in statuses:
        raise ValueError(f"Answer {form}; got {answer!r}.")
    return statuses[text]


#: How a learner may answer an SSTR reading (the engine's statuses, in words).
SSTR_ANSWER_FORM = ", ".join(f'"{s.replace("_", " ")}"' for s in SSTR_STATUSES[:-1]) + (
    f' or "{SSTR_STATUSES[-1]}"')


def parse_checks(answer: object) -> tuple[str, ...]:
    """Read the checks a learner names: a list of phrases, or text separated by commas or ``;``.

    >>> parse_checks("DPYD; kidney function, the heart")
    ('DPYD', 'kidney function', 'the heart')
    """
    form = 'a list of checks, e.g. ["blood pressure", "liver tests"]'
    if isinstance(answer, str):
        items = [part.strip() for part in re.split(r"[,;\n]", answer)]
    elif isinstance(answer, list | tuple | set | frozenset):
        items = [item if isinstance(item, str) else None for item in answer]
        if any(item is None for item in items):
            raise TypeError(f"Give each check as text, {form}; got {short_repr(answer)}.")
        items = [item.strip() for item in items]
    else:
        raise TypeError(f"Give {form}; got {short_repr(answer)}.")
    items = [item for item in items if item]
    if not items:
        raise ValueError(f"Name at least one check, {form}.")
    return tuple(items)


# --- Trials and figures from the trial table ----------------------------------------------


def _trial_table():
    from ...evidence import trials

    return trials()


def _trial_key_map() -> dict[str, str]:
    return {_key(name): str(name) for name in _trial_table()["trial"].unique()}


def parse_trial(answer: object) -> str:
    """Read one trial name as it appears in ``trials()``; case, spaces and hyphens are ignored.

    >>> parse_trial("netter 2"), parse_trial(["RADIANT-3"])
    ('NETTER-2', 'RADIANT-3')
    """
    if hasattr(answer, "columns") and "trial" in answer.columns:  # a filtered DataFrame
        answer = list(dict.fromkeys(answer["trial"].tolist()))
    elif hasattr(answer, "tolist"):
        answer = list(dict.fromkeys(answer.tolist()))
    if isinstance(answer, list | tuple | set | frozenset) and len(answer) == 1:
        answer = next(iter(answer))
    text = _text_answer(answer, 'one trial name, e.g. "RADIANT-3"')
    known = _trial_key_map()
    if _key(text) not in known:
        raise ValueError(
            f"{short_repr(text)} is not a trial in trials(); names: {', '.join(known.values())}."
        )
    return known[_key(text)]


def parse_trials(answer: object) -> frozenset[str]:
    """Read several trial names: a list or set, comma-separated text, a Series, or a DataFrame
    with a ``trial`` column.

    >>> sorted(parse_trials("promid, Netter-1"))
    ['NETTER-1', 'PROMID']
    """
    if hasattr(answer, "columns"):
        if "trial" not in answer.columns:
            raise ValueError("Your table has no 'trial' column: keep it when you filter.")
        items: list[object] = answer["trial"].tolist()
    elif hasattr(answer, "tolist"):
        items = list(answer.tolist())
    elif isinstance(answer, str):
        items = [part for part in answer.split(",") if part.strip()]
    elif isinstance(answer, list | tuple | set | frozenset):
        items = list(answer)
    else:
        raise TypeError(f'Give a list of trial names, e.g. ["PROMID"]; got {short_repr(answer)}.')
    if not items:
        raise ValueError("Your answer is empty: give at least one trial name.")
    return frozenset(parse_trial(item) for item in items)


def _parse_figure(answer: object, *, suffix: str, example: str, missing: str) -> float:
    """Read a number given as a number or as text ending in an optional ``suffix``.

    Text is read by the package's one reader of typed numbers (``"6.4"``, ``" 6,4 "``,
    ``"1,000"`` as a thousand); infinities, numbers too large for a float and true/false values
    are refused with a message.
    """
    if isinstance(answer, str):
        text = answer.strip().removesuffix(suffix).strip()
        try:
            return _parse_typed_number("answer", text)
        except ValueError:
            raise ValueError(f"Give {example}; got {short_repr(answer)}.") from None
    if is_boolean(answer) or not isinstance(answer, Real):
        raise TypeError(f"Give {example}; got {short_repr(answer)}.")
    try:
        value = float(answer)
    except (OverflowError, ValueError, TypeError):
        raise ValueError(f"Give {example}; that number is too large to be one.") from None
    if value != value:  # NaN: a missing value in the table
        raise ValueError(f"Your answer is NaN: {missing} is missing.")
    if math.isinf(value):
        raise ValueError(f"Give {example}; an infinite value is not a figure from the table.")
    return value + 0.0


def parse_months(answer: object) -> float:
    """Read a number of months (a number, or text such as ``"6.4"``).

    >>> parse_months("6.4"), parse_months(6)
    (6.4, 6.0)
    """
    return _parse_figure(
        answer,
        suffix="months",
        example="a number of months, e.g. 6.4",
        missing="one of the medians you used",
    )


def parse_number(answer: object) -> float:
    """Read a number (a number, or text such as ``"0.22"`` or ``"91%"``).

    >>> parse_number("91%"), parse_number(0.22)
    (91.0, 0.22)
    """
    return _parse_figure(
        answer, suffix="%", example="a number, e.g. 0.5", missing="the figure you used"
    )
