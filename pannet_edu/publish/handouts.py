"""Offline handouts: one self-contained HTML page per lesson, optionally printed to PDF.

A handout is the executed lesson notebook exported without its code: prose, figures (embedded
PNG) and each widget's stored ``text/html`` snapshot, with a title block (the date the content was
last reviewed, the disclaimer) and references. It loads no script from the network, so it opens
from a USB stick in a lecture hall with no internet. PDFs are printed by a local Chromium.

    pannet-edu handouts --out handouts/          # HTML for every lesson + therapy-class sheets
    pannet-edu handouts --out handouts/ --pdf    # ... and a PDF beside each page

The lessons are those of the lesson manifest (``data/lessons.yaml``), in its order. How a
notebook is read (titles, sections, widget snapshots) lives in :mod:`.transforms`, the reference
list in :mod:`.references`, writing pages whole in :mod:`.writing` and printing in :mod:`.pdf`.
Nothing here imports nbconvert at package import: the exporter is loaded when a handout is built.

>>> [p.name for p in lesson_notebooks()][:2]
['00_start_here.ipynb', '01_classification_and_staging.ipynb']
"""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..content.manifest import lesson_ids
from ..content.reviews import content_reviewed
from ..display import ALERT_BACKGROUND, ALERT_BORDER, DISCLAIMER, escape, page_css
from ..safe_files import write_atomic
from . import class_sheets
from .pdf import CHROMIUM_NAMES, find_chromium, print_pdf
from .print_wording import key_numbers_html, page_wording, static_wording
from .references import references_block
from .transforms import (
    REMOVE_TAG,
    has_references,
    lesson_title,
    move_answer_keys,
    notebook_text,
    remote_scripts,
    strip_widget_state,
    summary_cells,
)
from .trust import trust_html
from .writing import move_into_place, output_folder, start_staging

PACKAGE_DIR = Path(__file__).resolve().parents[1]
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "pannet_handout"

__all__ = [
    "PACKAGE_DIR",
    "TEMPLATE_DIR",
    "TEMPLATE_NAME",
    "HandoutBuild",
    "build_all",
    "build_handouts",
    "default_notebooks_dir",
    "find_chromium",
    "handout_html",
    "index_html",
    "lesson_notebooks",
    "print_pdf",
    "write_atomic",
]


_HANDOUT_CSS = page_css("""
.pannet-title { border-bottom: 3px solid $brand; margin: 0 0 1.5em; padding: 0 0 0.8em;
  font-family: var(--jp-content-font-family, sans-serif); }
.pannet-kicker { color: $brand; font-weight: bold; letter-spacing: 0.05em; margin: 0; }
.pannet-subtitle { margin: 0.2em 0 0.6em; color: $body; }
.pannet-facts { margin: 0.4em 0; color: $body; }
.pannet-disclaimer { border-left: 6px solid $alert_border; padding: 0.4em 0.8em;
  background: $alert_background; font-weight: bold; margin: 0.6em 0; }
.pannet-note { color: $muted; font-size: smaller; margin: 0.3em 0; }
.pannet-trust { font-size: smaller; color: $body; margin: 0.4em 0; }
.pannet-trust p { margin: 0.15em 0; }
/* Links are underlined, not told apart by colour alone (WCAG 1.4.1): the JupyterLab stylesheet
   the page also carries takes the underline off (".jp-RenderedHTMLCommon a:link"). */
a[href] { color: $link !important; text-decoration: underline !important; }
.pannet-closing { border-top: 1px solid $rule; margin-top: 2em; padding-top: 0.6em;
  font-family: var(--jp-content-font-family, sans-serif); }
.pannet-references li { margin: 0.2em 0; }
.pannet-answers { border-top: 3px solid $brand; margin-top: 2em; padding-top: 0.6em; }
main { max-width: 60em; margin: 1.5em auto; padding: 0 1em; }
/* A number is never split across lines (a squeezed column printed n = 28 as "2" over "8"):
   words wrap only where one is longer than its column. */
.pannet-table td, .pannet-table th { overflow-wrap: break-word !important; }
@page { size: A4; margin: 15mm; }
@media print {
  main { margin: 0; max-width: none; }
  .jp-OutputArea-child, .pannet-card, img, table { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  .pannet-answers { break-before: page; }
  .pannet-trials-wrap { overflow: visible !important; }
  .pannet-scroll-key { display: none !important; }
  .pannet-trials { font-size: 7pt !important; width: 100%; }
  .pannet-trials td, .pannet-trials th { min-width: 0 !important; overflow-wrap: anywhere; }
  .pannet-trials td[style*="text-align:right"] { overflow-wrap: normal; }
}
""")


#: A summary handout is set a little tighter so it fits four A4 pages; its answer key follows the
#: references on the same page instead of starting a new one.
_SUMMARY_CSS = """
@page { size: A4; margin: 11mm; }
:root { --jp-content-font-size0: 8pt; --jp-content-font-size1: 9.5pt;
  --jp-content-font-size2: 11pt; --jp-content-font-size3: 12.5pt;
  --jp-content-font-size4: 14pt; --jp-content-font-size5: 17pt; --jp-content-line-height: 1.35; }
main { font-size: 9.5pt; }
main table { font-size: 7pt !important; line-height: 1.25; }
main td, main th { padding: 1px 4px !important; }
.pannet-key-numbers table { font-size: 6.5pt !important; width: 100%; line-height: 1.15; }
.pannet-key-numbers p { margin: 0.2em 0; font-size: 8pt; }
.pannet-key-numbers h2, .pannet-answers h2 { margin: 0.5em 0 0.2em !important;
  font-size: 12.5pt !important; }
.pannet-closing, .pannet-answers { margin-top: 0.8em; }
.pannet-key-numbers td:nth-child(2) { min-width: 0; word-break: normal; }
/* the lesson's own tables keep their tighter wrapping so the summary fits its four pages */
main .pannet-table td, main .pannet-table th { overflow-wrap: anywhere !important; }
main .pannet-key-numbers .pannet-table td { overflow-wrap: break-word !important; }
.pannet-key-numbers td:last-child { min-width: 16em; }
/* reference lists: room for a DOI on one line keeps each row short */
main td:nth-child(2) { min-width: 12em; overflow-wrap: normal; word-break: break-all; }
@media print {
  .pannet-answers { break-before: auto; }
  /* nothing after the closing block: no blank last page */
  body, main, .pannet-closing { margin-bottom: 0 !important; padding-bottom: 0 !important; }
  /* a long reference list may run over a page break rather than leave a page empty */
  .jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea, .jp-OutputArea-child,
  .jp-OutputArea-output, main table { break-inside: auto !important; }
}
"""


def _title_block(title: str, notebook_name: str, *, summary: bool = False) -> str:
    kicker = "lesson summary (the full handout has every section)" if summary else "lesson handout"
    return (
        '<header class="pannet-title jp-RenderedHTMLCommon">'
        f'<p class="pannet-kicker">pannet-edu · {kicker}</p>'
        '<p class="pannet-subtitle">Systemic therapy of metastatic pancreatic neuroendocrine '
        "tumours, taught with published evidence.</p>"
        # the lesson's own review date here; the content's latest check in the footer, named as
        # such (a reader shown both dates unnamed took one to contradict the other)
        f'<p class="pannet-facts"><strong>Lesson:</strong> {escape(title)}'
        f"{_review_date_part(Path(notebook_name).stem)}</p>"
        f'<p class="pannet-disclaimer" role="note">{escape(DISCLAIMER)}</p>'
        f"{trust_html(Path(notebook_name).stem)}"
        '<p class="pannet-note">Code is hidden. Interactive tools appear as a snapshot of their '
        "starting values; open the notebook in JupyterLab to change them.</p>"
        "</header>"
    )


def _review_date_part(lesson: str) -> str:
    """`` · Review date of this lesson: YYYY-MM-DD`` (its oldest fact's check), or nothing for a
    page that is not a lesson."""
    from ..evidence.dated import lesson_review_date

    try:
        day = lesson_review_date(lesson)
    except (ValueError, KeyError):
        return ""
    return f" · <strong>Review date of this lesson:</strong> {day.isoformat()}"


def _closing_block(references: str, reviewed: datetime.date) -> str:
    return (
        f'{references}<footer class="pannet-closing jp-RenderedHTMLCommon">'
        f"<p>Facts last checked against their sources {reviewed.isoformat()} (the latest check) "
        f"· pannet-edu {escape(__version__)} · {escape(DISCLAIMER)}</p>"
        "</footer>"
    )


def handout_html(
    notebook_path: str | os.PathLike[str],
    *,
    reviewed: datetime.date | None = None,
    summary: bool = False,
) -> str:
    """Export one executed lesson notebook as a self-contained, offline HTML handout.

    With ``summary=True`` the handout keeps only the objectives, the self-check questions, the
    summary and the references (:func:`summary_cells`): a short handout for the lecture hall.
    "Check your understanding" answers go to an answer key at the end (:func:`move_answer_keys`).
    Raises ``ValueError`` if the page would still fetch a script from the network.

    >>> from pathlib import Path
    >>> page = handout_html(Path(__file__).parents[2] / "notebooks" / "00_start_here.ipynb")
    >>> "NET G2" in page and "Facts last checked" in page, remote_scripts(page)
    (True, [])
    """
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    path = Path(notebook_path)
    if path.suffix != ".ipynb" or not path.is_file():
        raise ValueError(f"notebook_path must be an existing .ipynb file, got {str(path)!r}")
    reviewed = reviewed or content_reviewed()
    notebook = strip_widget_state(nbformat.read(path, as_version=4))
    notebook = nbformat.from_dict(static_wording(summary_cells(notebook) if summary
                                                 else notebook))
    title = lesson_title(notebook)
    kind = "summary handout" if summary else "handout"
    notebook.metadata["title"] = f"{title} · pannet-edu {kind}"

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={REMOVE_TAG}, enabled=True), enabled=True
    )
    references = "" if has_references(notebook) else references_block(notebook_text(notebook))
    resources = {
        "metadata": {"name": path.stem, "path": str(path.parent)},
        "handout": {
            "css": _HANDOUT_CSS + (_SUMMARY_CSS if summary else ""),
            "title_block": _title_block(title, path.name, summary=summary),
            "closing_block": _closing_block(references, reviewed),
        },
    }
    page, _ = exporter.from_notebook_node(notebook, resources=resources)
    page = page_wording(page)
    if summary:  # a table to revise from, before the answer key and the closing block
        page = _before_closing(page, key_numbers_html(path.stem))
    page = move_answer_keys(page)
    remote = remote_scripts(page)
    if remote:
        raise ValueError(f"{path.name}: the handout would load from the network: {remote}")
    return page


def _before_closing(page: str, block: str) -> str:
    """``block`` placed just before the page's closing block (or the end of its main part).

    >>> _before_closing('<main>x<footer class="pannet-closing">end</footer></main>', "<p>k</p>")
    '<main>x<p>k</p><footer class="pannet-closing">end</footer></main>'
    """
    at = page.find('<footer class="pannet-closing')
    if at < 0:
        at = page.rfind("</main>")
    return page[:at] + block + page[at:] if at >= 0 else page + block


def default_notebooks_dir() -> Path:
    """The lesson folder: ``notebooks/`` in the checkout the package runs from, else here."""
    checkout = PACKAGE_DIR.parent / "notebooks"
    return checkout if checkout.is_dir() else Path.cwd() / "notebooks"


def lesson_notebooks(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """The lesson notebooks to publish, in order.

    With no ``folder``: the lessons of the manifest (``data/lessons.yaml``), in its order, from
    the checkout's ``notebooks/`` folder; a lesson listed there without its ``.ipynb`` is an
    error naming it. With a ``folder``: every ``*.ipynb`` in it, sorted, except names starting
    with ``_`` (templates and drafts are not lessons).

    >>> [p.name for p in lesson_notebooks()][0]
    '00_start_here.ipynb'
    """
    if folder is None:
        base = default_notebooks_dir()
        paths = [base / f"{lesson}.ipynb" for lesson in lesson_ids()]
        missing = [p.name for p in paths if not p.is_file()]
        if missing:
            raise ValueError(f"the lesson manifest lists lessons with no notebook in {base}: "
                             f"{', '.join(missing)}")
        return paths
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"notebooks folder {str(folder)!r} does not exist")
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("_"))


def build_handouts(
    notebooks: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    summary: bool = False,
) -> list[Path]:
    """Write one ``NAME.html`` handout per notebook into ``out_dir``; return the paths.

    With ``summary=True`` write the short ``NAME_summary.html`` handouts instead.

    Each page is written whole (:func:`write_atomic`); :func:`build_all` goes further and builds
    the whole set in a temporary folder before moving it into place.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    reviewed = content_reviewed()
    written = []
    for notebook in notebooks:
        suffix = "_summary" if summary else ""
        target = out / f"{Path(notebook).stem}{suffix}.html"
        write_atomic(target, handout_html(notebook, reviewed=reviewed, summary=summary))
        written.append(target)
    return written


def index_html(lessons: Sequence[tuple[str, str]], sheets: Sequence[tuple[str, str]]) -> str:
    """A contents page linking the lesson handouts and the therapy-class sheets.

    ``lessons`` and ``sheets`` are ``(file name, title)`` pairs.

    >>> "01.html" in index_html([("01.html", "Grading")], [])
    True
    """

    def links(pairs: Sequence[tuple[str, str]]) -> str:
        return "".join(
            f'<li><a href="{escape(name)}">{escape(title)}</a></li>' for name, title in pairs
        )

    reviewed = content_reviewed().isoformat()
    sheet_part = f"<h2>Therapy-class summary sheets</h2><ul>{links(sheets)}</ul>" if sheets else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>pannet-edu handouts</title>"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em}"
        f".pannet-disclaimer{{border-left:6px solid {ALERT_BORDER};padding:.4em .8em;"
        f"background:{ALERT_BACKGROUND};"
        "font-weight:bold}</style></head><body>"
        "<h1>pannet-edu handouts</h1>"
        "<p>Systemic therapy of metastatic pancreatic neuroendocrine tumours.</p>"
        f'<p class="pannet-disclaimer">{escape(DISCLAIMER)}</p>'
        f"<p>Facts last checked against their sources {reviewed} · "
        f"pannet-edu {escape(__version__)}</p>"
        f"<h2>Lessons</h2><ul>{links(lessons)}</ul>{sheet_part}</body></html>"
    )


@dataclass
class HandoutBuild:
    """What :func:`build_all` wrote, and anything it could not do (said plainly)."""

    index: Path
    lessons: list[Path] = field(default_factory=list)
    summaries: list[Path] = field(default_factory=list)
    sheets: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: What else the output folder holds: left as it was (pannet-edu replaces only its own pages).
    kept: list[Path] = field(default_factory=list)


def build_all(
    out_dir: str | os.PathLike[str],
    *,
    notebooks_dir: str | os.PathLike[str] | None = None,
    pdf: bool = False,
) -> HandoutBuild:
    """Build every lesson handout, the therapy-class sheets and a contents page in ``out_dir``.

    With ``pdf=True`` each page is also printed to PDF; if no Chromium is found the HTML is still
    written and the reason is listed in ``problems``.

    Everything is first written into a staging folder of the build's own inside ``out_dir`` and
    moved into place only when complete, so a full disk or an interrupted build never leaves a
    truncated handout or a mix of old and new pages: on any failure ``out_dir`` keeps its
    previous contents and a ``ValueError`` (or the interrupt) says so; the staging
    folder of a killed build is removed by the next one. ``out_dir`` may hold other files: only
    pages pannet-edu wrote there are replaced (a page of the same name that is the user's stops
    the build before anything is replaced), and the others are listed in ``kept``. ``out_dir``
    must not be empty text, an existing file, or a folder that cannot be written.
    """
    import nbformat

    out = output_folder(out_dir)
    notebooks = lesson_notebooks(notebooks_dir)
    if not notebooks:
        raise ValueError(f"no lesson notebooks (*.ipynb) found in {str(notebooks_dir)!r}")
    made_folder = not out.exists()
    unchanged = f"{out} was not changed" if made_folder else f"{out} keeps its previous contents"
    try:
        out.mkdir(exist_ok=True)
        staging = start_staging(out)
    except OSError as exc:
        _remove_if_empty(out, made_folder)
        raise ValueError(
            f"cannot write in {out} ({exc.strerror or exc}); nothing was written"
        ) from None
    try:
        lessons = build_handouts(notebooks, staging)
        summaries = build_handouts(notebooks, staging, summary=True)
        sheets = class_sheets.build_class_sheets(staging)
        titles = [lesson_title(nbformat.read(path, as_version=4)) for path in notebooks]
        write_atomic(
            staging / "index.html",
            index_html(
                [
                    pair
                    for p, short, t in zip(lessons, summaries, titles, strict=True)
                    for pair in ((p.name, t), (short.name, f"{t}: summary (at most 4 pages)"))
                ],
                [(p.name, class_sheets.sheet_title(p)) for p in sheets],
            ),
        )
        problems: list[str] = []
        pdfs: list[Path] = []
        if pdf:
            chromium = find_chromium()
            if chromium is None:
                problems.append(
                    "PDFs not written: no Chromium found (looked at $PANNET_EDU_CHROMIUM and "
                    f"{', '.join(CHROMIUM_NAMES)} on PATH). Install one (Debian/Ubuntu: "
                    "`apt-get install chromium`) or print the HTML from any browser."
                )
            else:
                for page in [*lessons, *summaries, *sheets]:
                    try:
                        pdfs.append(print_pdf(page, chromium=chromium))
                    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
                        # The HTML is complete; a page Chromium cannot print is reported.
                        problems.append(f"PDF not written for {page.name}: "
                                        f"{' '.join(str(exc).split())[:300]}")
        kept = move_into_place(staging, out)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_if_empty(out, made_folder)
        if isinstance(exc, KeyboardInterrupt):
            raise KeyboardInterrupt(f"{unchanged}; nothing was written") from None
        if isinstance(exc, OSError):
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            raise ValueError(
                f"writing the handouts failed: {exc.strerror or exc}{where}; {unchanged}"
            ) from None
        raise
    return HandoutBuild(
        index=out / "index.html",
        lessons=[out / p.name for p in lessons],
        summaries=[out / p.name for p in summaries],
        sheets=[out / p.name for p in sheets],
        pdfs=[out / p.name for p in pdfs],
        problems=problems,
        kept=kept,
    )


def _remove_if_empty(out: Path, made_folder: bool) -> None:
    """Remove the output folder this build made, if it is still empty (a failed first build)."""
    if made_folder:
        with contextlib.suppress(OSError):
            out.rmdir()

