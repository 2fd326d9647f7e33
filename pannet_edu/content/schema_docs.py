"""The field tables of ``data/README.md`` and the ``# Fields`` blocks of the YAML files, written
from the declarations of :mod:`pannet_edu.content.kinds` (the mechanism of the README's lesson
table: the text between two marker lines is generated, and a test compares it).

    python tools/write_schema_docs.py           # rewrite every generated block
    python tools/write_schema_docs.py --check   # exit 1 if one is out of date

>>> stale_docs()
[]
"""

from __future__ import annotations

import os
from pathlib import Path

from ..safe_files import write_atomic
from .folder import PACKAGE_DATA_DIR
from .kinds import KINDS
from .schema import field_table, header_block, with_generated

#: The kinds whose field table ``data/README.md`` holds, in its order.
README_KINDS = ("trial", "therapy", "class", "evidence_trial", "evidence_position", "near_cut_off",
                "source", "lesson", "question", "case", "exercise")
#: The YAML files that open with the ``# Fields`` block of their kinds.
HEADER_KINDS = {"therapies.yaml": ("therapy", "class"), "lessons.yaml": ("lesson",),
                "sources.yaml": ("source",),
                "evidence_scope.yaml": ("evidence_trial", "evidence_position", "near_cut_off")}
_SOURCE = "pannet_edu/content/kinds.py; python tools/write_schema_docs.py"


def readme_markers(kind: str) -> tuple[str, str]:
    """The lines around a kind's field table in ``data/README.md``.

    >>> readme_markers("trial")[1]
    '<!-- /fields: trial -->'
    """
    return (f"<!-- fields: {kind} (generated from {_SOURCE}) -->", f"<!-- /fields: {kind} -->")


def header_markers(file: str) -> tuple[str, str]:
    """The lines around the ``# Fields`` block of a YAML file.

    >>> header_markers("lessons.yaml")[1]
    '# --- end of the generated fields ---'
    """
    return (f"# --- fields of {file}, generated from {_SOURCE} ---",
            "# --- end of the generated fields ---")


def readme_text(text: str) -> str:
    """``data/README.md``'s text with every field table rewritten from its declaration."""
    for kind in README_KINDS:
        text = with_generated(text, *readme_markers(kind), field_table(KINDS[kind]))
    return text


def header_text(file: str, text: str) -> str:
    """A YAML file's text with its ``# Fields`` block rewritten from its kinds' declarations."""
    block = "\n#\n".join(header_block(KINDS[kind]) for kind in HEADER_KINDS[file])
    return with_generated(text, *header_markers(file), block)


def _documents(folder: Path) -> list[tuple[Path, str, str]]:
    """(path, checked-in text, generated text) of every file with a generated block."""
    out = []
    readme = folder / "README.md"
    text = readme.read_text(encoding="utf-8")
    out.append((readme, text, readme_text(text)))
    for file in HEADER_KINDS:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        out.append((path, text, header_text(file, text)))
    return out


def stale_docs(folder: str | os.PathLike[str] = PACKAGE_DATA_DIR) -> list[str]:
    """The names of the files in ``folder`` whose generated blocks differ from the declarations.

    >>> stale_docs()
    []
    """
    return [path.name for path, old, new in _documents(Path(folder)) if old != new]


def write_docs(folder: str | os.PathLike[str] = PACKAGE_DATA_DIR) -> list[str]:
    """Rewrite the generated blocks in ``folder``; return the names of the files changed."""
    changed = []
    for path, old, new in _documents(Path(folder)):
        if new != old:
            write_atomic(path, new)  # whole, never through a link
            changed.append(path.name)
    return changed


__all__ = ["HEADER_KINDS", "README_KINDS", "header_markers", "header_text", "readme_markers",
           "readme_text", "stale_docs", "write_docs"]
