"""The clinic's vocabularies come from the one home of each vocabulary."""


def test_syndromes_take_their_ids_from_the_vocabularies():
    from pannet_edu import vocab
    from pannet_edu.clinic import syndromes

    assert syndromes.SYNDROMES is vocab.SYNDROMES
    assert syndromes.HEREDITARY_SYNDROMES is vocab.HEREDITARY_SYNDROMES
