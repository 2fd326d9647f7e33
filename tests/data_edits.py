"""Editing a copy of a data file in a test, as an instructor edits it by hand."""

from __future__ import annotations

from pathlib import Path


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file with ``new``; the test fails if ``old`` is absent
    (an edit that silently did nothing would make a refusal test pass for the wrong reason)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
