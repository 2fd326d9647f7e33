"""What the practice layer's file loaders share: reading a YAML file and checking an entry's id,
each problem a :class:`~pannet_edu.content.ContentError` naming the file, the entry and the field.

>>> entry_id("01_demo.yaml", "#1", "grade-1", "grade-1")
'grade-1'
>>> entry_id("01_demo.yaml", "#2", "grade 1?", "grade-1")
Traceback (most recent call last):
...
pannet_edu.content.errors.ContentError: 01_demo.yaml: entry 'grade 1?', field id: must be ...
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..content import ContentError
from ..content import reader as _datafile
from ..content.fields import is_boolean, short_repr

__all__ = ["entry_id", "read_yaml"]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*", re.ASCII)


def read_yaml(path: str | os.PathLike[str]) -> object:
    """The parsed YAML file (the package's one safe reader); its problems as ContentError.

    >>> read_yaml(_datafile.PACKAGE_DATA_DIR / "questions" / "05_prrt.yaml")["lesson"]
    '05_prrt'
    """
    try:
        return _datafile.load_yaml(Path(path))
    except _datafile.ContentError as exc:
        raise ContentError(exc.file, exc.entry, exc.field, exc.problem) from None


def entry_id(file: str | os.PathLike[str], where: str, raw: object, example: str) -> str:
    """An entry's id: text (or a whole number) of letters, digits, ``-``, ``_`` or ``.``.

    ``where`` names the entry until it has an id (``"#3"``, the third entry); ``example`` is an
    id of the file's kind, shown in the message.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ContentError(file, where, "id", f"missing field 'id' (an id such as {example})")
    if is_boolean(raw) or not isinstance(raw, str | int):
        raise ContentError(file, where, "id", f"must be text such as {example}, got "
                           f"{short_repr(raw)}")
    text = str(raw).strip()
    if not _ID.fullmatch(text):
        raise ContentError(file, short_repr(text, 30), "id",
                           f"must be letters, digits, '-', '_' or '.' (such as {example})")
    return text
