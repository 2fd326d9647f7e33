"""Which data folder the loaders read, and the error every data loader raises.

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

PACKAGED_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
THERAPIES_NAME = "therapies.yaml"
DATA_DIR_VARIABLE = "PANNET_EDU_DATA_DIR"
_override: list[Path] = []


def data_dir() -> Path:
    """The data folder the loaders read: :func:`use_data_dir`, else ``$PANNET_EDU_DATA_DIR``,
    else the packaged ``pannet_edu/data``.

    >>> data_dir().name
    'data'
    """
    if _override:
        return _override[-1]
    env = os.environ.get(DATA_DIR_VARIABLE)
    return Path(env) if env else PACKAGED_DATA_DIR


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
    _override.append(folder.resolve())
    try:
        yield folder
    finally:
        _override.pop()


def data_file(name: str) -> Path:
    """A data file from :func:`data_dir`, falling back to the packaged copy when absent.

    >>> data_file("therapies.yaml").name
    'therapies.yaml'
    """
    chosen = data_dir() / name
    return chosen if chosen.exists() else PACKAGED_DATA_DIR / name


class DataValidationError(ValueError):
    """A data file holds an entry that cannot be used; the message names file, entry and field.

    >>> err = DataValidationError("trials.csv", "CABINET / pancreatic", "hr", "must be above 0")
    >>> str(err)
    "trials.csv: entry 'CABINET / pancreatic', field 'hr': must be above 0"
    >>> err.field
    'hr'
    """

    def __init__(self, file: str | Path, entry: str, field: str, problem: str) -> None:
        self.file = Path(file).name
        self.entry = entry
        self.field = field
        self.problem = problem
        super().__init__(f"{self.file}: entry {entry!r}, field {field!r}: {problem}")
