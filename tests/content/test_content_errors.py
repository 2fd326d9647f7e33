"""One error class for unusable content, whatever the loader and whatever name a caller uses."""

from __future__ import annotations

import pickle

import pytest

from pannet_edu import _datafile, evidence
from pannet_edu.content import ContentError, reader
from pannet_edu.engine import DataValidationError
from pannet_edu.engine.datadir import DataValidationError as DatadirError


def test_every_older_name_is_the_one_class():
    assert DataValidationError is ContentError
    assert DatadirError is ContentError
    assert reader.DataFileError is ContentError
    assert _datafile.DataFileError is ContentError
    assert evidence.DataValidationError is ContentError


def test_the_stub_and_the_new_home_share_one_data_folder_setting():
    assert _datafile.DATA_DIR_OVERRIDE is reader.DATA_DIR_OVERRIDE
    assert _datafile.load_yaml is reader.load_yaml


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
