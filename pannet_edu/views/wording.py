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

from ..vocab import DESIGN_WORDS

__all__ = ["plain", "plain_list"]

def _vocabulary() -> dict[str, str]:
    from ..engine.catalogue import load_catalogue
    from ..vocab import COMORBIDITY_NAMES

    words = {code: name[0].lower() + name[1:] for code, name in COMORBIDITY_NAMES.items()}
    words.update(DESIGN_WORDS)
    catalogue = load_catalogue()
    words.update({class_id: c.word for class_id, c in catalogue.classes.items()})
    # "ssa" and "prrt" name a class and a therapy: the therapy's longer words win.
    words.update(catalogue.names())
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
