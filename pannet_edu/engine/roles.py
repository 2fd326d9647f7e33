"""The catalogue asked by role: which options a rule speaks of, and what a patient has had.

A rule never names a therapy by its id. It asks the catalogue for the options of a class
**group** (``ssa``, ``targeted``, ``radioligand``, ``chemotherapy``, ``non_drug``: the ``group``
of each class in ``data/therapies.yaml``), for the options that declare a **role**
(:data:`~pannet_edu.vocab.THERAPY_ROLES`, the ``roles`` of an entry), for a **combination**
(``combination_of``: the groups it joins) or for the options whose **evidence** lists a trial
(``evidence``: names of ``data/evidence_scope.yaml`` entries). So a copy of an entry under
another id is appraised exactly like the original.

What a patient has had is read the same way. Two entries are **the same option** when they name
the same class and the same agents (a copy of an entry under a new id is the same drug under
another name), so an option counts as already given when the same option is in ``prior``.

>>> from pannet_edu.engine.patient import Patient
>>> with_role("vhl_directed")
('belzutifan',)
>>> sole("ssa"), in_group("radioligand")
(('ssa',), ('prrt',))
>>> given(Patient(ki67=5, prior=["ssa"]), "ssa"), had_group(Patient(ki67=5, prior=["ssa"]), "ssa")
(True, True)
"""

from __future__ import annotations

from collections.abc import Callable

from .catalogue import Catalogue, Therapy, load_catalogue

_CACHE: dict[int, tuple[Catalogue, dict]] = {}


def _index(catalogue: Catalogue) -> dict:
    """Per catalogue version: each id's groups and identity (class and agents), and the answers
    to the questions already asked (the rules ask the same ones for every patient)."""
    held = _CACHE.get(id(catalogue))
    if held is not None and held[0] is catalogue:
        return held[1]
    index = {
        "groups": {t.id: frozenset((catalogue.classes[t.therapy_class].group,
                                    *t.combination_of)) for t in catalogue},
        "identity": {t.id: (t.therapy_class, t.agents) for t in catalogue},
        "roles": {t.id: frozenset(t.roles) for t in catalogue},
        "asked": {},
    }
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(catalogue)] = (catalogue, index)
    return index


def _asked(question: tuple, answer: Callable[[Catalogue, dict], tuple[str, ...]]):
    catalogue = load_catalogue()
    index = _index(catalogue)
    held = index["asked"].get(question)
    if held is None:
        held = index["asked"][question] = answer(catalogue, index)
    return held


def groups(therapy_id: str) -> frozenset[str]:
    """The class groups an option belongs to: its class's group, and for a combination every
    group it joins.

    >>> sorted(groups("everolimus_ssa"))
    ['ssa', 'targeted']
    """
    return _index(load_catalogue())["groups"].get(therapy_id, frozenset())


def is_combination(therapy_id: str) -> bool:
    return len(groups(therapy_id)) > 1


def select(test: Callable[[Therapy], bool]) -> tuple[str, ...]:
    """The ids of every catalogue entry that passes ``test``, in catalogue order."""
    return tuple(t.id for t in load_catalogue() if test(t))


def _where(question: tuple, test: Callable[[str, dict], bool]) -> tuple[str, ...]:
    """The ids passing ``test(id, index)``, asked once per catalogue version."""
    return _asked(question, lambda catalogue, index: tuple(
        t for t in catalogue.ids if test(t, index)))


def in_group(group: str) -> tuple[str, ...]:
    """Every option of a group, combinations that join it included."""
    return _where(("in_group", group), lambda t, index: group in index["groups"][t])


def sole(group: str) -> tuple[str, ...]:
    """The options of a group given alone (no combination).

    >>> sole("targeted")
    ('everolimus', 'sunitinib', 'cabozantinib', 'surufatinib', 'belzutifan')
    """
    return _where(("sole", group), lambda t, index: index["groups"][t] == {group})


def with_role(role: str) -> tuple[str, ...]:
    """The options that declare ``role`` in their ``roles``."""
    return _where(("role", role), lambda t, index: role in index["roles"][t])


def has_role(therapy_id: str, role: str) -> bool:
    return role in _index(load_catalogue())["roles"].get(therapy_id, ())


def tested_in(trial: str) -> tuple[str, ...]:
    """The options whose ``evidence`` lists this trial (or position)."""
    return _asked(("tested_in", trial), lambda catalogue, index: tuple(
        t.id for t in catalogue if trial in t.evidence))


def same_option(first: str, second: str) -> bool:
    """The same class and the same agents: the same option, whatever its id.

    >>> same_option("ssa", "ssa"), same_option("ssa", "everolimus_ssa")
    (True, False)
    """
    if first == second:
        return True
    identity = _index(load_catalogue())["identity"]
    return first in identity and identity.get(first) == identity.get(second)


def given(patient, therapy_id: str) -> bool:
    """The patient has had this option (under this id or another)."""
    return any(same_option(t, therapy_id) for t in patient.prior)


def had_benefit(patient, therapy_id: str) -> bool:
    """This option controlled the patient's disease for a long time."""
    return any(same_option(t, therapy_id) for t in patient.durable_benefit)


def prior_where(patient, test: Callable[[str], bool]) -> list[str]:
    """The patient's prior therapies (ids as given) that pass ``test``."""
    return [t for t in patient.prior if test(t)]


def had_group(patient, group: str, *, alone: bool = False) -> bool:
    """The patient has had an option of this group (``alone``: not as part of a combination)."""
    known = _index(load_catalogue())["groups"]
    return any(group in known.get(t, ()) and (not alone or len(known[t]) == 1)
               for t in patient.prior)


def had_role(patient, role: str) -> bool:
    return any(has_role(t, role) for t in patient.prior)


#: Roles that take an option out of the well-differentiated NET lines of a group.
_NOT_NET_LINE = ("nec_first_line", "nec_second_line", "vhl_directed")


def net_line(group: str) -> tuple[str, ...]:
    """The options of a group given alone for well-differentiated panNET: the group without
    the NEC regimens and the VHL-directed drug.

    >>> net_line("chemotherapy"), net_line("targeted")[-1]
    (('capecitabine_temozolomide', 'streptozocin_based'), 'surufatinib')
    """
    return _where(("net_line", group), lambda t, index: index["groups"][t] == {group}
                  and not index["roles"][t] & set(_NOT_NET_LINE))
