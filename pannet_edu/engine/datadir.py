"""Which data folder the loaders read, and the error every data loader raises (ContentError).

The packaged data lives in ``pannet_edu/data``. :func:`use_data_dir` (or the
``PANNET_EDU_DATA_DIR`` environment variable) points the catalogue and evidence loaders at another
folder, so a lesson or a test can work on an edited copy without touching the package.

>>> data_dir() == PACKAGED_DATA_DIR
True
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from ..content import reader as _datafile

PACKAGED_DATA_DIR = _datafile.PACKAGE_DATA_DIR
THERAPIES_NAME = "therapies.yaml"
DATA_DIR_VARIABLE = _datafile.DATA_DIR_ENV


def data_dir() -> Path:
    """The data folder the loaders read: :func:`use_data_dir`, else ``$PANNET_EDU_DATA_DIR``,
    else the packaged ``pannet_edu/data`` (one setting for every loader).

    >>> data_dir().name
    'data'
    """
    return _datafile.data_dir()


@contextlib.contextmanager
def use_data_dir(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Read the catalogue (and the evidence tables) from another folder inside a ``with`` block.

    The folder holds files named like the packaged ones (``therapies.yaml``, ``trials.csv``,
    ``label_figures.csv``); a file missing there is read from the package.

    >>> import tempfile, shutil
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = shutil.copy(PACKAGED_DATA_DIR / THERAPIES_NAME, tmp)
    ...     with use_data_dir(tmp):
    ...         data_file(THERAPIES_NAME).parent == Path(tmp).resolve()
    True
    """
    folder = Path(path)
    if not folder.is_dir():
        raise ValueError(f"path must be an existing folder, got {str(path)!r}")
    _datafile.DATA_DIR_OVERRIDE.append(folder.resolve())
    try:
        yield folder
    finally:
        _datafile.DATA_DIR_OVERRIDE.pop()


def data_file(name: str) -> Path:
    """A data file from :func:`data_dir`, falling back to the packaged copy when absent.

    >>> data_file("therapies.yaml").name
    'therapies.yaml'
    """
    chosen = data_dir() / name
    return chosen if chosen.exists() else PACKAGED_DATA_DIR / name


