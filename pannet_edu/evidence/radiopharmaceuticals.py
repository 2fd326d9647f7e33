"""The radiopharmaceutical a PRRT trial tested, and the class a trial table shows for each row.

PRRT is not one drug: 177Lu-DOTATATE (lutetium oxodotreotide, the licensed product) was tested in
NETTER-1, NETTER-2 and OCLURANDOM; 177Lu-edotreotide (177Lu-DOTATOC) in COMPETE; the alpha
emitters 212Pb-DOTAMTATE and 225Ac-DOTATATE in ALPHAMEDIX-02 and ACTION-1. A trial is evidence only
for the radiopharmaceutical it tested, so each PRRT row of ``data/trials.csv`` names it in its
``radiopharmaceutical`` column, and trial tables, filters and figures group PRRT rows by it
(:func:`trial_class`), never under one "PRRT" heading (REFERENCE B and G3; SEQUENCING 4 and 13).

>>> trial_class("prrt", "177Lu-edotreotide")
'prrt_lu177_edotreotide'
>>> trial_class_word("prrt_alpha")
'alpha-emitter PRRT (212Pb-DOTAMTATE, 225Ac-DOTATATE)'
>>> trial_class_word("mtor_inhibitor")
'mTOR inhibitor'
"""

from __future__ import annotations

from ..engine.catalogue import load_catalogue

#: The radiopharmaceuticals a trial row may name, each with the trial class it is shown under.
RADIOPHARMACEUTICALS = {
    "177Lu-DOTATATE": "prrt_lu177_dotatate",
    "177Lu-edotreotide": "prrt_lu177_edotreotide",
    "212Pb-DOTAMTATE": "prrt_alpha",
    "225Ac-DOTATATE": "prrt_alpha",
}
#: How a table cell, a filter or a legend names each radiopharmaceutical class.
RADIOPHARMACEUTICAL_CLASS_WORDS = {
    "prrt_lu177_dotatate": "PRRT with 177Lu-DOTATATE",
    "prrt_lu177_edotreotide": "PRRT with 177Lu-edotreotide",
    "prrt_alpha": "alpha-emitter PRRT (212Pb-DOTAMTATE, 225Ac-DOTATATE)",
}
#: The class group whose rows must name their radiopharmaceutical.
RADIOLIGAND_GROUP = "radioligand"
#: Words for the class of a combination regimen (CONTROL NETs: PRRT plus CAPTEM).
COMBINATION_WORD = "combination"


def trial_class(therapy_class: str | None, radiopharmaceutical: str | None) -> str | None:
    """The class a trial row is shown under: its radiopharmaceutical's class for a PRRT row,
    otherwise its therapy class (a combination stays a combination).

    >>> trial_class("prrt", "177Lu-DOTATATE"), trial_class("tki", None)
    ('prrt_lu177_dotatate', 'tki')
    >>> trial_class("combination", "177Lu-DOTATATE")
    'combination'
    """
    if radiopharmaceutical and is_radioligand_class(therapy_class):
        return RADIOPHARMACEUTICALS[radiopharmaceutical]
    return therapy_class


def is_radioligand_class(therapy_class: object) -> bool:
    """Whether a therapy class is radioligand therapy (its rows name the radiopharmaceutical).

    >>> is_radioligand_class("prrt"), is_radioligand_class("tki"), is_radioligand_class(None)
    (True, False, False)
    """
    found = load_catalogue().classes.get(str(therapy_class))
    return found is not None and found.group == RADIOLIGAND_GROUP


def trial_class_word(code: object) -> str:
    """A trial class in words (radiopharmaceutical classes here; the others from the vocabulary).

    >>> trial_class_word("prrt_lu177_dotatate"), trial_class_word("combination")
    ('PRRT with 177Lu-DOTATATE', 'combination')
    """
    text = str(code)
    if text in RADIOPHARMACEUTICAL_CLASS_WORDS:
        return RADIOPHARMACEUTICAL_CLASS_WORDS[text]
    if text == "combination":
        return COMBINATION_WORD
    found = load_catalogue().classes.get(text)
    return found.word if found else text.replace("_", " ")


__all__ = [
    "RADIOPHARMACEUTICALS",
    "RADIOPHARMACEUTICAL_CLASS_WORDS",
    "is_radioligand_class",
    "trial_class",
    "trial_class_word",
]
