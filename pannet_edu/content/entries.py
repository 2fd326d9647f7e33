"""Every entry of a content kind in a data folder, and what its declaration finds wrong there:
``pannet-edu check`` runs :func:`check_kind` for every kind of
:data:`~pannet_edu.content.kinds.KINDS` on the data folder in use.

>>> from pannet_edu.content.kinds import LESSON
>>> check_kind(LESSON)
[]
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .errors import ContentError
from .folder import data_dir
from .reader import load_yaml, read_text
from .schema import Kind, validate


def kind_entries(kind: Kind, folder: str | os.PathLike[str] | None = None
                 ) -> Iterator[tuple[Path, str, object]]:
    """Every entry of ``kind`` in the data folder ``folder`` (by default the one in use):
    (file, entry name, record). A file that cannot be read is its own loader's to report, and is
    passed over here.

    >>> from pannet_edu.content.kinds import SOURCE
    >>> next(kind_entries(SOURCE))[0].name
    'sources.yaml'
    """
    folder = data_dir() if folder is None else folder
    for path in sorted(Path(folder).glob(kind.file)):
        if path.name.startswith("_"):
            continue  # a draft (cases/_draft.yaml)
        try:
            document = read_text(path) if path.suffix == ".csv" else load_yaml(path)
        except ContentError:
            continue
        for entry, record in kind.entries(document):
            yield path, entry, record


def check_kind(kind: Kind, folder: str | os.PathLike[str] | None = None) -> list[ContentError]:
    """Every problem the declaration of ``kind`` (and its registered checks) finds in the data
    folder ``folder`` (by default the one in use): at most one per entry.

    >>> from pannet_edu.content.kinds import LESSON
    >>> check_kind(LESSON)
    []
    """
    found = []
    for path, entry, record in kind_entries(kind, folder):
        try:
            if kind.section:
                validate(kind, path, kind.section, record, at=f"{entry}.")
            else:
                validate(kind, path, entry, record)
        except ContentError as problem:
            found.append(problem)
    return found


__all__ = ["check_kind", "kind_entries"]
