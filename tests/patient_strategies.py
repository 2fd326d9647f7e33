"""The one hypothesis strategy for a teaching patient, shared by the property tests of the engine
(tests/test_sequencing.py) and the data-clone test (tests/test_engine_roles.py): every field of
the engine's Patient drawn from its vocabulary, the prior therapies from the ids a test names.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from pannet_edu import vocab


@st.composite
def patient_fields(draw, therapy_ids: Sequence[str], *, ki67=None, mitoses=None,
                   max_comorbidities: int = 3) -> dict:
    """The keyword arguments of one ``Patient``: prior therapies from ``therapy_ids`` (a durable
    benefit only from those), Ki-67 and mitoses from the given strategies (by default any
    percent or none, and 3 or any count up to 60)."""
    ki67 = st.one_of(st.none(), st.floats(0, 100)) if ki67 is None else ki67
    mitoses = st.one_of(st.just(3.0), st.floats(0, 60)) if mitoses is None else mitoses
    prior = draw(st.lists(st.sampled_from(list(therapy_ids)), max_size=4, unique=True))
    return dict(
        ki67=draw(ki67),
        mitoses=draw(mitoses),
        differentiation=draw(st.sampled_from(vocab.DIFFERENTIATIONS)),
        sstr=draw(st.sampled_from(vocab.SSTR_STATUSES)),
        burden=draw(st.sampled_from(vocab.BURDENS)),
        progressing=draw(st.booleans()),
        symptomatic=draw(st.booleans()),
        syndrome=draw(st.one_of(st.none(), st.sampled_from(vocab.SYNDROMES))),
        prior=prior,
        comorbidities=draw(st.lists(st.sampled_from(vocab.COMORBIDITIES),
                                    max_size=max_comorbidities, unique=True)),
        hereditary=draw(st.one_of(st.none(), st.sampled_from(vocab.HEREDITARY_SYNDROMES))),
        m_category=draw(st.one_of(st.none(), st.sampled_from(vocab.M_CATEGORIES))),
        resectable=draw(st.sampled_from([None, True, False])),
        region=draw(st.one_of(st.none(), st.sampled_from(vocab.REGIONS))),
        durable_benefit=draw(st.lists(st.sampled_from(prior), unique=True)) if prior else [],
        hypoglycaemia_refractory=draw(st.booleans()),
        dpyd=draw(st.sampled_from(vocab.DPYD_STATUSES)),
        pregnancy_possible=draw(st.booleans()),
        pregnant=draw(st.booleans()),
        performance_status=draw(st.sampled_from([None, *vocab.PERFORMANCE_STATUSES])),
    )
