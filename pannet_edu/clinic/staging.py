"""AJCC TNM staging of well-differentiated pancreatic neuroendocrine tumours (8th edition and
version 9).

Scope: AJCC stages well-differentiated panNETs only; pancreatic NECs and MiNENs are staged with the
exocrine-pancreas system. AJCC version 9 (CA Cancer J Clin 2024) follows the WHO separation of NET
G3 from NEC, and its pancreas chapter names NET G1, G2 and G3 as the tumours it stages.

Why the 8th edition stays the default of :func:`stage`: the version 9 pancreas T, N and M
definitions could not be checked in a source, so the checked 8th-edition definitions are the worked
example. ``stage(..., edition=9)`` applies version 9's scope (it refuses an NEC or MiNEN, which
version 9 stages as exocrine pancreas) and says plainly that its T, N and M are the 8th-edition
ones. Registries used the 8th edition for diagnoses from 2018 to 2023.

>>> t_category(3.1)
'T2'
>>> stage("T2", "N0", "M0").group
'II'
>>> stage("T2", "N0", "M0", edition=9).edition
9
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..content import fields as _validate
from ..content import reader as _datafile
from ..content.errors import ContentError
from ..content.fields import short_repr
from ..content.sources import AJCC_8, AJCC_9, AJCC_9_PANCREAS, SOURCES, Source, confidence_mark
from ..display import Table
from ..formatting import exact_number
from ..vocab import SOURCE_CONFIDENCE

SOURCE = AJCC_8
#: The editions :func:`stage` knows, and the sources behind each.
EDITIONS: dict[int, tuple[Source, ...]] = {8: (AJCC_8,), 9: (AJCC_9, AJCC_9_PANCREAS)}
#: The edition used when none is asked for (see the module docstring for why it is the 8th).
DEFAULT_EDITION = 8
#: What the tumour is, as :func:`stage` accepts it.
TUMOURS = ("NET", "NET G1", "NET G2", "NET G3", "NEC", "MiNEN")

#: Said with every version 9 result: its pancreas T, N and M could not be checked.
V9_TNM_NOTE = (
    "The version 9 pancreas T, N and M definitions could not be checked in a source, so this "
    "stage uses the 8th-edition definitions as the worked example."
)
#: Said with an 8th-edition NET G3 result.
G3_EDITION_8_NOTE = (
    "AJCC 8th stages all well-differentiated panNETs, but the UICC 8th text names G1 and G2 only; "
    "version 9 names NET G3 explicitly."
)

#: T1 is a tumour limited to the pancreas and smaller than this (cm).
T1_BELOW_CM = 2.0
#: T2 is limited to the pancreas and up to this size (cm); larger is T3.
T2_MAX_CM = 4.0
#: Sizes above this (cm) are refused as typing errors rather than staged: a teaching tool has no
#: use for them, and they are most likely a size in millimetres typed as centimetres.
SIZE_PLAUSIBLE_MAX_CM = 50.0
#: Sizes above this (cm) are staged, with a warning to check the number typed. A typing check, not
#: a clinical cut-off. It is five times the largest T cut-off (T2_MAX_CM, 4 cm): above 4 cm every
#: size limited to the pancreas is T3, so the stage never depends on how much larger a tumour is,
#: while a size typed in millimetres instead of centimetres lands ten times too high, and every
#: true size of 2 cm or more typed that way (20 mm and up) reaches this line. A real tumour above it
#: is staged as typed: the warning asks for a second look, it does not refuse.
SIZE_WARN_ABOVE_CM = 20.0

#: Invasion of these makes a tumour T3 whatever its size.
T3_STRUCTURES = ("duodenum", "common bile duct")
#: Invasion of these adjacent organs or large-vessel walls makes it T4.
T4_STRUCTURES = (
    "stomach",
    "spleen",
    "colon",
    "adrenal gland",
    "celiac axis",
    "superior mesenteric artery",
)
STRUCTURES = T3_STRUCTURES + T4_STRUCTURES
_ALIASES = {
    "coeliac axis": "celiac axis",
    "sma": "superior mesenteric artery",
    "cbd": "common bile duct",
}

T_CATEGORIES = ("T1", "T2", "T3", "T4")
N_CATEGORIES = ("N0", "N1")
N_MEANING = {"N0": "no regional nodes", "N1": "regional nodes involved"}
M_CATEGORIES = ("M0", "M1", "M1a", "M1b", "M1c")
STAGE_GROUPS = ("I", "II", "III", "IV")

SCOPE_NOTE = (
    "AJCC stages well-differentiated panNETs only; pancreatic NECs and MiNENs are staged as "
    "exocrine pancreatic cancer. AJCC version 9 (2024) follows the WHO split of NET G3 from NEC "
    "and names NET G1, G2 and G3 as the tumours its pancreas chapter stages."
)

M_MEANING = {
    "M0": "no distant metastasis",
    "M1": "distant metastasis",
    "M1a": "metastasis confined to the liver",
    "M1b": (
        "at least one extrahepatic site (lung, ovary, non-regional node, peritoneum, bone), "
        "no liver"
    ),
    "M1c": "both hepatic and extrahepatic metastases",
}


STAGING_FILE = _datafile.DATA_DIR / "staging.yaml"


@dataclass(frozen=True)
class EditionChange:
    """One thing AJCC version 9 changed, with its sources and how far they were checked."""

    topic: str
    change: str
    sources: tuple[Source, ...]
    confidence: str


@dataclass(frozen=True)
class StagingBook:
    """``data/staging.yaml``, validated: version 9's changes and what no source showed."""

    changes: tuple[EditionChange, ...]
    #: (topic, what was looked for, what the lesson does instead) for each item not found
    not_found: tuple[tuple[str, str, str], ...]


def load_staging(path: Path | str | None = None) -> StagingBook:
    """Load and validate a staging file (default: the packaged one, or the data folder in use).

    >>> [c.topic for c in load_staging().changes][:2]
    ['NET G3 and NEC', 'which pancreatic tumours it stages']
    """
    if path is not None:
        return _load_staging(Path(path))
    default = _datafile.data_dir() / STAGING_FILE.name
    return _datafile.cached(_load_staging, default)


def _load_staging(path: Path) -> StagingBook:
    file = path.name
    data = _datafile.read_yaml(path)  # a ContentError naming the file and line of a problem
    changes = []
    for record in _datafile.entries(file, data, "version_9_changes"):
        entry = f"version_9_changes {record.get('topic', '(no topic)')}"
        topic = " ".join(_datafile.text(file, entry, record, "topic").split())
        change = " ".join(_datafile.text(file, entry, record, "change").split())
        cited = _datafile.cited(file, entry, record, SOURCES)
        confidence = record.get("confidence")
        if confidence not in SOURCE_CONFIDENCE:
            raise ContentError(file, entry, "confidence",
                               f"must be one of {', '.join(SOURCE_CONFIDENCE)}, got "
                               f"{short_repr(confidence)}")
        changes.append(EditionChange(topic, change, tuple(SOURCES[i] for i in cited),
                                     confidence))
    not_found = []
    for record in _datafile.entries(file, data, "not_found"):
        entry = f"not_found {record.get('topic', '(no topic)')}"
        not_found.append(tuple(" ".join(_datafile.text(file, entry, record, f).split())
                               for f in ("topic", "looked_for", "so")))
    return StagingBook(tuple(changes), tuple(not_found))  # type: ignore[arg-type]


def edition_changes() -> Table:
    """What AJCC version 9 changed for GEP-NETs, as far as a source shows it, each change with its
    source and mark; then what no source showed (taught as not found).

    >>> rows = edition_changes().rows
    >>> rows[0]["topic"], rows[-1]["source"]
    ('NET G3 and NEC', 'not found')
    """
    book = load_staging()
    rows = [{"topic": c.topic, "version 9": c.change,
             "source": "; ".join(src.short for src in c.sources),
             "mark": confidence_mark(c.confidence)} for c in book.changes]
    rows += [{"topic": topic, "version 9": so, "source": "not found", "mark": ""}
             for topic, _looked_for, so in book.not_found]
    return Table(rows, caption="AJCC version 9 for GEP-NETs: what changed")


def _scope(tumour: str, edition: int) -> str:
    """The note for a tumour inside the edition's scope; ValueError for one outside it."""
    if tumour in ("NEC", "MiNEN"):
        name = "neuroendocrine carcinoma (NEC)" if tumour == "NEC" else "MiNEN"
        which = "AJCC 8th" if edition == 8 else "AJCC version 9"
        raise ValueError(
            f"tumour: {which} does not stage a pancreatic {name} with the neuroendocrine-tumour "
            "system; it is staged with the exocrine pancreas system. This tool stages "
            "well-differentiated NETs (G1-G3) only."
        )
    if edition == 9:
        return V9_TNM_NOTE
    return G3_EDITION_8_NOTE if tumour == "NET G3" else ""


def explain_scope(tumour: str, edition: int = DEFAULT_EDITION) -> str:
    """Whether an edition's panNET system stages this tumour, in one or two sentences.

    >>> print(explain_scope("NEC", 9))
    AJCC version 9 does not stage a pancreatic neuroendocrine carcinoma (NEC) with the \
neuroendocrine-tumour system; it is staged with the exocrine pancreas system. This tool stages \
well-differentiated NETs (G1-G3) only.
    >>> explain_scope("NET G2", 8)
    'AJCC 8th stages a well-differentiated NET G2 with this system.'
    """
    if edition not in EDITIONS:
        raise ValueError("edition must be 8 or 9 (AJCC 8th edition or version 9), got "
                         f"{short_repr(edition)}")
    tumour = _validate.choice("tumour", tumour, TUMOURS)
    which = "AJCC 8th" if edition == 8 else "AJCC version 9"
    try:
        note = _scope(tumour, edition)
    except ValueError as err:
        return str(err).removeprefix("tumour: ")
    name = "well-differentiated NET" + (tumour[3:] if tumour != "NET" else "")
    return f"{which} stages a {name} with this system." + (f" {note}" if note else "")


def tnm_criteria() -> Table:
    """The AJCC 8th T, N and M definitions for panNET, built from the named cut-offs.

    >>> tnm_criteria().rows[0]
    {'category': 'T1', 'definition': 'limited to the pancreas, <2 cm'}
    """
    rows = [
        ("T1", f"limited to the pancreas, <{T1_BELOW_CM:g} cm"),
        ("T2", f"limited to the pancreas, {T1_BELOW_CM:g}-{T2_MAX_CM:g} cm"),
        (
            "T3",
            f"limited to the pancreas and >{T2_MAX_CM:g} cm, or invading the "
            + " or ".join(T3_STRUCTURES),
        ),
        ("T4", "invading " + ", ".join(T4_STRUCTURES) + " (peripancreatic fat does not count)"),
        *N_MEANING.items(),
        *M_MEANING.items(),
    ]
    return Table([{"category": c, "definition": d} for c, d in rows])


def stage_groups() -> Table:
    """The AJCC 8th stage groups, checked against :func:`stage` by the tests.

    >>> [row["stage"] for row in stage_groups().rows]
    ['I', 'II', 'III', 'IV']
    """
    return Table(
        [
            {"stage": "I", "T": "T1", "N": "N0", "M": "M0"},
            {"stage": "II", "T": "T2 or T3", "N": "N0", "M": "M0"},
            {"stage": "III", "T": "T4 (N0) or any T (N1)", "N": "N0 or N1", "M": "M0"},
            {"stage": "IV", "T": "any T", "N": "any N", "M": "M1 (a, b or c)"},
        ]
    )


def _structures(invades: Iterable[str] | str) -> list[str]:
    if isinstance(invades, str):
        invades = [invades]
    try:
        names = list(invades)
    except TypeError:
        raise TypeError("invades must be a list of structure names, got "
                        f"{_validate.short_repr(invades)}") from None
    found = []
    for name in names:
        if not isinstance(name, str):
            raise TypeError("invades must contain structure names (text), got "
                            f"{_validate.short_repr(name)}")
        key = name.strip().lower()
        key = _ALIASES.get(key, key)
        if key in ("peripancreatic fat", "peripancreatic tissue"):
            raise ValueError(
                "invades: extension into peripancreatic fat is not a basis for T category in "
                "AJCC 8th; leave it out"
            )
        if key not in STRUCTURES:
            allowed = ", ".join(STRUCTURES)
            raise ValueError(f"invades: unknown structure {_validate.short_repr(name)}; "
                             f"allowed: {allowed}")
        found.append(key)
    return found


@dataclass(frozen=True)
class TResult:
    """A T category with the reason for it, and a warning to check an unusually large size."""

    category: str
    explanation: str
    #: '' or a sentence asking to check the size typed (see :data:`SIZE_WARN_ABOVE_CM`)
    warning: str = ""


def size_warning(size_cm: float) -> str:
    """A sentence asking to check a size above :data:`SIZE_WARN_ABOVE_CM`, or ''.

    >>> size_warning(3.5)
    ''
    >>> size_warning(45)[:58]
    'Check the size: 45 cm is more than 20 cm. A size in millim'
    >>> size_warning(45).endswith("(45 mm is 4.5 cm). The stage uses 45 cm, as typed.")
    True
    """
    size = _validate.number("size_cm", size_cm, low=0.0, high=SIZE_PLAUSIBLE_MAX_CM)
    if size <= SIZE_WARN_ABOVE_CM:
        return ""
    shown = exact_number(size)
    return (f"Check the size: {shown} cm is more than {SIZE_WARN_ABOVE_CM:g} cm. A size in "
            f"millimetres typed as centimetres is a common slip ({shown} mm is "
            f"{exact_number(size / 10)} cm). The stage uses {shown} cm, as typed.")


def explain_t(size_cm: float, invades: Iterable[str] | str = ()) -> TResult:
    """T category with a learner-facing reason; :func:`t_category` returns the category only.

    >>> explain_t(5.0, ["duodenum"]).explanation
    'T3: invades the duodenum (T3 whatever the size).'
    """
    size = _validate.number("size_cm", size_cm, low=0.0, high=SIZE_PLAUSIBLE_MAX_CM)
    if size == 0:
        raise ValueError("size_cm must be greater than 0 (the tumour's greatest dimension in cm)")
    found = _structures(invades)
    warning = size_warning(size)
    t4 = [s for s in found if s in T4_STRUCTURES]
    t3 = [s for s in found if s in T3_STRUCTURES]
    if t4:
        return TResult("T4", f"T4: invades the {', '.join(t4)} (adjacent organ or large vessel).",
                       warning)
    if t3:
        return TResult("T3", f"T3: invades the {', '.join(t3)} (T3 whatever the size).", warning)
    if size > T2_MAX_CM:
        return TResult("T3", f"T3: {exact_number(size)} cm, limited to the pancreas but over "
                       f"{T2_MAX_CM:g} cm.", warning)
    if size >= T1_BELOW_CM:
        return TResult("T2", f"T2: {exact_number(size)} cm, limited to the pancreas, "
                       f"{T1_BELOW_CM:g}-{T2_MAX_CM:g} cm.")
    return TResult("T1", f"T1: {exact_number(size)} cm, limited to the pancreas, under "
                   f"{T1_BELOW_CM:g} cm.")


def t_category(size_cm: float, invades: Iterable[str] | str = ()) -> str:
    """AJCC 8th T category of a panNET from its greatest dimension and any invaded structure.

    ``size_cm`` is greater than 0; ``invades`` names structures among duodenum, common bile duct,
    stomach, spleen, colon, adrenal gland, celiac axis, superior mesenteric artery
    (case-insensitive).

    >>> t_category(1.9), t_category(2.0), t_category(4.0), t_category(4.1)
    ('T1', 'T2', 'T2', 'T3')
    >>> t_category(1.0, invades=["Spleen"])
    'T4'
    """
    return explain_t(size_cm, invades).category


def m_category(liver: bool, extrahepatic: bool) -> str:
    """M category from where the distant metastases are.

    >>> m_category(liver=True, extrahepatic=False), m_category(True, True)
    ('M1a', 'M1c')
    """
    checked = []
    for name, value in (("liver", liver), ("extrahepatic", extrahepatic)):
        if not _validate.is_boolean(value):  # bool, numpy.bool_ or a pandas boolean scalar
            raise TypeError(f"{name} must be True or False, got {_validate.short_repr(value)}")
        checked.append(bool(value))
    liver, extrahepatic = checked
    if liver and extrahepatic:
        return "M1c"
    if liver:
        return "M1a"
    return "M1b" if extrahepatic else "M0"


@dataclass(frozen=True)
class StageResult:
    """An AJCC 8th stage group with the reasoning behind it."""

    group: str
    t: str
    n: str
    m: str
    explanation: str
    #: the edition asked for (8 or 9)
    edition: int = DEFAULT_EDITION
    #: what the learner must know about this edition's result ('' when nothing)
    note: str = ""

    def __str__(self) -> str:
        text = f"Stage {self.group} ({self.t} {self.n} {self.m}): {self.explanation}"
        return f"{text} {self.note}" if self.note else text


def stage(
    t: str, n: str, m: str, *, edition: int = DEFAULT_EDITION, tumour: str = "NET"
) -> StageResult:
    """AJCC anatomic stage group for a well-differentiated panNET.

    I = T1 N0 M0; II = T2 or T3, N0 M0; III = T4 N0 M0 or any T N1 M0; IV = any M1 (8th-edition
    definitions). ``edition`` is 8 (default) or 9; ``tumour`` is one of :data:`TUMOURS`. An NEC
    or MiNEN raises ``ValueError`` explaining that it is staged as exocrine pancreas. With
    ``edition=9`` the result's ``note`` says that its T, N and M are the 8th-edition ones.

    >>> stage("T1", "N0", "M0").group
    'I'
    >>> stage("T4", "N0", "M0").group, stage("T1", "N1", "M0").group
    ('III', 'III')
    >>> stage("t2", "n0", "m1a").group
    'IV'
    >>> stage("T2", "N0", "M1a", edition=9, tumour="NET G3").note.startswith("The version 9")
    True
    >>> stage("T2", "N0", "M0", edition=9, tumour="NEC")
    Traceback (most recent call last):
    ...
    ValueError: tumour: AJCC version 9 does not stage a pancreatic neuroendocrine carcinoma ...
    """
    if isinstance(edition, bool) or not isinstance(edition, int):
        raise TypeError(f"edition must be the whole number 8 or 9, got {short_repr(edition)}")
    if edition not in EDITIONS:
        raise ValueError(f"edition must be 8 or 9 (AJCC 8th edition or version 9), got {edition}")
    tumour = _validate.choice("tumour", tumour, TUMOURS)
    note = _scope(tumour, edition)
    t = _validate.choice("t", t, T_CATEGORIES)
    n = _validate.choice("n", n, N_CATEGORIES)
    m = _validate.choice("m", m, M_CATEGORIES)
    if m != "M0":
        group, why = "IV", f"{m} ({M_MEANING[m]}): any distant metastasis is stage IV."
    elif n == "N1":
        group, why = "III", "N1 (regional nodes involved) without metastasis is stage III."
    elif t == "T4":
        group, why = "III", "T4 (adjacent organ or large vessel) without nodes is stage III."
    elif t in ("T2", "T3"):
        group, why = "II", f"{t} N0 M0 is stage II."
    else:
        group, why = "I", "T1 N0 M0 is stage I."
    return StageResult(group, t, n, m, why, edition=edition, note=note)
