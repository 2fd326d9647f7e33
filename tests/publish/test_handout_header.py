"""A handout's header names the lesson as a reader knows it (its title), not the notebook's file
name or the package's version."""

from __future__ import annotations

import re
from pathlib import Path

from pannet_edu import __version__
from pannet_edu.publish import handouts

ROOT = Path(__file__).resolve().parents[2]


def test_the_header_shows_the_lesson_title_not_a_file_name_or_version():
    page = handouts.handout_html(ROOT / "notebooks" / "05_prrt.ipynb", summary=True)
    header = re.search(r'<header class="pannet-title.*?</header>', page, re.DOTALL).group(0)
    assert "05_prrt" not in header and ".ipynb" not in header
    assert __version__ not in header
    assert "<strong>Lesson:</strong> Lesson 5:" in header
