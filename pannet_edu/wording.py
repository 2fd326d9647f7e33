"""Plain clinical words for the codes the data files use, for every screen a learner reads.

The data and the engine key things by short codes (``mtor_inhibitor``, ``single_arm``,
``low_marrow_reserve``); a learner should read "mTOR inhibitor", "single arm", "low marrow
reserve". Each code's words are defined once, beside the vocabulary they belong to; this module
only looks them up, so a new code without words reads as spaced text rather than as a code.

>>> plain("mtor_inhibitor"), plain("single_arm"), plain("low_marrow_reserve")
('mTOR inhibitor', 'single arm', 'low marrow reserve')
>>> plain("capecitabine_temozolomide")
'capecitabine + temozolomide (CAPTEM)'
>>> plain_list(["ssa", "prrt"])
'somatostatin analogue (SSA), PRRT (177Lu-DOTATATE)'
"""

from __future__ import annotations

from collections.abc import Iterable

#: Trial designs as a reader says them.
DESIGN_WORDS = {
    "randomised_controlled": "randomised controlled",
    "randomised_non_comparative": "randomised, non-comparative",
    "single_arm": "single arm",
    "retrospective": "retrospective",
}
#: Therapy classes in the singular, as a table cell reads them.
CLASS_WORDS = {
    "ssa": "somatostatin analogue",
    "mtor_inhibitor": "mTOR inhibitor",
    "tki": "tyrosine kinase inhibitor",
    "prrt": "PRRT",
    "chemotherapy": "chemotherapy",
    "hif2a_inhibitor": "HIF-2α inhibitor",
}


def _vocabulary() -> dict[str, str]:
    from .sequencing import COMORBIDITY_NAMES, THERAPY_NAMES

    words = {code: name[0].lower() + name[1:] for code, name in COMORBIDITY_NAMES.items()}
    words.update(DESIGN_WORDS)
    words.update(CLASS_WORDS)
    words.update(THERAPY_NAMES)  # "ssa" and "prrt" name a class and a therapy: the longer words
    return words


def plain(code: object) -> str:
    """The words for one code; unknown codes read with spaces for underscores.

    >>> plain("uncontrolled_hypertension"), plain("something_new")
    ('uncontrolled hypertension', 'something new')
    """
    text = str(code)
    return _vocabulary().get(text, text.replace("_", " "))


def plain_list(codes: Iterable[object], sep: str = ", ") -> str:
    """Several codes in words, joined (a dash when there are none).

    >>> plain_list([])
    '–'
    """
    words = [plain(code) for code in codes]
    return sep.join(words) if words else "–"
