"""Where the content lives: the packaged data folder, or another one an instructor points to.

>>> data_dir().name
'data'
>>> shown_path(PACKAGE_DATA_DIR / "questions" / "05_prrt.yaml")
'questions/05_prrt.yaml'
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: Environment variable naming another data folder (same layout as ``pannet_edu/data``).
DATA_DIR_ENV = "PANNET_EDU_DATA_DIR"
#: Folders pushed by :func:`pannet_edu.engine.use_data_dir`; the innermost wins.
DATA_DIR_OVERRIDE: list[Path] = []


def data_dir() -> Path:
    """The data folder loaders read by default: ``$PANNET_EDU_DATA_DIR`` if set, else the package's.

    >>> data_dir().name
    'data'
    """
    if DATA_DIR_OVERRIDE:  # pannet_edu.engine.use_data_dir(...) inside a ``with`` block
        return DATA_DIR_OVERRIDE[-1]
    chosen = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(chosen).resolve() if chosen else PACKAGE_DATA_DIR


def shown_path(file: str | os.PathLike[str]) -> str:
    """A content file as an error names it: its path inside the data folder in use (or the
    package's), so ``questions/05_prrt.yaml`` and ``exercises/05_prrt.yaml`` are told apart; a
    file elsewhere (a folder given to a command, which the user knows) is named by its name. A
    relative name is taken as already shown (an error passed on keeps its name).

    >>> shown_path("trials.csv"), shown_path("cases/vipoma.yaml"), shown_path("/tmp/b/x.yaml")
    ('trials.csv', 'cases/vipoma.yaml', 'x.yaml')
    """
    text = os.fspath(file)
    path = Path(text)
    if not path.is_absolute():
        return text
    for folder in (data_dir(), PACKAGE_DATA_DIR):
        try:
            return path.resolve().relative_to(folder.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return path.name
