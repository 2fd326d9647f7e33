"""Content: reading, validating and citing the data files an instructor edits without Python.

This is the lowest layer above the vocabularies and display helpers: it imports nothing from the
clinical, evidence, engine, practice, view or publishing layers.
"""

from .errors import ContentError

__all__ = ["ContentError"]
