"""Former home of the handouts; they now live in :mod:`pannet_edu.publish.handouts`, with the
notebook transforms in :mod:`pannet_edu.publish.transforms`, the reference list in
:mod:`pannet_edu.publish.references`, page writing in :mod:`pannet_edu.publish.writing`, PDF
printing in :mod:`pannet_edu.publish.pdf` and the content-reviewed date in
:mod:`pannet_edu.content.reviews`.

Kept so that code written against ``pannet_edu.handouts`` keeps working; package code imports the
new homes.
"""

from .content.reviews import META_FILE, MetaError, content_reviewed
from .publish.handouts import (
    PACKAGE_DIR,
    TEMPLATE_DIR,
    TEMPLATE_NAME,
    HandoutBuild,
    build_all,
    build_handouts,
    default_notebooks_dir,
    handout_html,
    index_html,
    lesson_notebooks,
)
from .publish.pdf import CHROMIUM_FLAGS, CHROMIUM_NAMES, find_chromium, print_pdf
from .publish.references import cited_identifiers, references_block
from .publish.transforms import (
    REMOVE_TAG,
    WIDGET_VIEW_MIME,
    has_references,
    lesson_title,
    move_answer_keys,
    remote_scripts,
    strip_widget_state,
    summary_cells,
)
from .publish.writing import HandoutWriteError, output_folder, write_atomic

__all__ = [
    "CHROMIUM_FLAGS",
    "CHROMIUM_NAMES",
    "META_FILE",
    "PACKAGE_DIR",
    "REMOVE_TAG",
    "TEMPLATE_DIR",
    "TEMPLATE_NAME",
    "WIDGET_VIEW_MIME",
    "HandoutBuild",
    "HandoutWriteError",
    "MetaError",
    "build_all",
    "build_handouts",
    "cited_identifiers",
    "content_reviewed",
    "default_notebooks_dir",
    "find_chromium",
    "handout_html",
    "has_references",
    "index_html",
    "lesson_notebooks",
    "lesson_title",
    "move_answer_keys",
    "output_folder",
    "print_pdf",
    "references_block",
    "remote_scripts",
    "strip_widget_state",
    "summary_cells",
    "write_atomic",
]
