"""Printing a local HTML page to PDF with a headless, offline Chromium.

>>> find_chromium() is None or Path(find_chromium()).name.startswith(("chrom", "google"))
True
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Where :func:`find_chromium` looks, after the ``PANNET_EDU_CHROMIUM`` environment variable.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Flags for a headless, sandbox-less (root in CI), offline Chromium.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def find_chromium() -> str | None:
    """Path of a Chromium to print PDFs with: ``$PANNET_EDU_CHROMIUM``, else one on ``PATH``.

    >>> find_chromium() is None or Path(find_chromium()).name.startswith(("chrom", "google"))
    True
    """
    chosen = os.environ.get("PANNET_EDU_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(
    html_path: str | os.PathLike[str],
    pdf_path: str | os.PathLike[str] | None = None,
    *,
    chromium: str | None = None,
    timeout: float = 120,
) -> Path:
    """Print a local HTML page to PDF with headless Chromium; return the PDF's path.

    Raises ``FileNotFoundError`` when no Chromium is found and ``RuntimeError`` when printing
    fails.
    """
    html_path = Path(html_path).resolve()
    pdf = Path(pdf_path) if pdf_path is not None else html_path.with_suffix(".pdf")
    chromium = chromium or find_chromium()
    if chromium is None:
        raise FileNotFoundError(
            "no Chromium found to print PDFs (set PANNET_EDU_CHROMIUM, or install it: "
            "on Debian/Ubuntu `apt-get install chromium`)"
        )
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="pannet-chromium-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf.resolve()}",
            html_path.as_uri(),
        ]
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        raise RuntimeError(
            f"Chromium did not print {html_path.name} (exit {completed.returncode}): "
            f"{completed.stderr.strip()[-500:]}"
        )
    return pdf
