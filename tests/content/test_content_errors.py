"""One error class for unusable content, whatever the loader and whatever name a caller uses."""

from __future__ import annotations

import pickle

import pytest

from pannet_edu import evidence
from pannet_edu.content import ContentError


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("trials.csv", "PROMID / all", "hr", "must be above 0"),
         "trials.csv: entry PROMID / all, field hr: must be above 0"),
        (("therapies.yaml", "classes", "-", "is missing"), "therapies.yaml: classes: is missing"),
        (("trials.csv", "file", "-", "holds no trials"), "trials.csv: holds no trials"),
        (("imaging.yaml", "(file)", "(syntax)", "line 3: tab"), "imaging.yaml: line 3: tab"),
    ],
)
def test_message_names_file_entry_and_field(args, message):
    err = ContentError(*args)
    assert str(err) == message
    assert (err.file, err.entry, err.field, err.problem) == args
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is ContentError and str(again) == message


def test_a_loader_error_is_caught_as_content_error(tmp_path):
    with pytest.raises(ContentError) as caught:
        evidence.trials(tmp_path / "nope.csv")
    assert (caught.value.file, caught.value.problem) == ("nope.csv", "does not exist")
