"""The one error for content that cannot be used: a data file names its file, entry and field.

Every loader (trials, therapies, cases, questions, exercises, lessons, the meta file) raises
:class:`ContentError`, so an instructor who edits a file always reads the same kind of message,
and a caller catches one class.
"""

from __future__ import annotations

import os

from .folder import shown_path


class ContentError(ValueError):
    """A content file holds an entry that cannot be used.

    ``file`` is the file's path inside the data folder (``questions/05_prrt.yaml``; a file
    elsewhere keeps the path given, a bare name stays a name), ``entry`` the entry within it,
    ``field`` the field, and ``problem`` what is wrong and what is allowed. A problem with the
    whole file (its syntax, its encoding) puts ``"(file)"`` as the entry or a parenthesised
    field such as ``"(syntax)"``; so does a problem with a whole entry or section, whose field is
    ``"-"`` (the older loaders' mark, as their entry ``"file"`` is the older ``"(file)"``).

    >>> err = ContentError("trials.csv", "CABINET / pancreatic", "hr", "must be above 0")
    >>> str(err)
    'trials.csv: entry CABINET / pancreatic, field hr: must be above 0'
    >>> err.file, err.entry, err.field
    ('trials.csv', 'CABINET / pancreatic', 'hr')
    >>> str(ContentError("cases.yaml", "(file)", "(syntax)", "line 3: not valid YAML"))
    'cases.yaml: line 3: not valid YAML'
    >>> str(ContentError("therapies.yaml", "classes", "-", "is missing"))
    'therapies.yaml: classes: is missing'
    >>> str(ContentError("trials.csv", "file", "-", "holds no trials"))
    'trials.csv: holds no trials'
    """

    def __init__(self, file: str | os.PathLike[str], entry: str, field: str, problem: str) -> None:
        name = shown_path(file)
        self.file, self.entry, self.field, self.problem = str(name), str(entry), str(field), problem
        if self.field.startswith("(") or self.field == "-":  # "file: [entry: ]problem"
            where = "" if self.entry in ("(file)", "file") else f"{self.entry}: "
            message = f"{self.file}: {where}{problem}"
        else:
            message = f"{self.file}: entry {self.entry}, field {self.field}: {problem}"
        super().__init__(message)

    def __reduce__(self):  # picklable (multiprocessing, pytest-xdist) despite the 4-argument init
        return (type(self), (self.file, self.entry, self.field, self.problem))
