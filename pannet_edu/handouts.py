"""Offline handouts: one self-contained HTML page per lesson, optionally printed to PDF.

A handout is the executed lesson notebook exported without its code: prose, figures (embedded
PNG) and each widget's stored ``text/html`` snapshot, with a title block (the date the content was
last reviewed, the disclaimer) and references. It loads no script from the network, so it opens
from a USB stick in a lecture hall with no internet. PDFs are printed by a local Chromium.

    pannet-edu handouts --out handouts/          # HTML for every lesson + therapy-class sheets
    pannet-edu handouts --out handouts/ --pdf    # ... and a PDF beside each page

Nothing here imports nbconvert at package import: the exporter is loaded when a handout is built.

>>> content_reviewed().isoformat()
'2026-11-26'
>>> remote_scripts('<script src="https://cdn.example/require.js"></script><script>1</script>')
['https://cdn.example/require.js']
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, sources
from .display import DISCLAIMER, escape
from .trust import trust_html

PACKAGE_DIR = Path(__file__).resolve().parent
META_FILE = PACKAGE_DIR / "data" / "meta.yaml"
TEMPLATE_DIR = PACKAGE_DIR / "templates"
TEMPLATE_NAME = "pannet_handout"
#: Cells carrying this tag are left out of handouts (e.g. "run the cell below" instructions).
REMOVE_TAG = "handout-remove"
#: Output data that needs the live widget manager; handouts show the text/html snapshot instead.
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
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

_REMOTE = r"""(?:https?:)?//"""
_REMOTE_SCRIPT = re.compile(
    r"""<script\b[^>]*?\bsrc\s*=\s*["']?\s*(""" + _REMOTE + r"""[^"'\s>]+)""", re.IGNORECASE
)
_REMOTE_STYLESHEET = re.compile(
    r"""<link\b[^>]*?\bhref\s*=\s*["']?\s*(""" + _REMOTE + r"""[^"'\s>]+)""", re.IGNORECASE
)
_REMOTE_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?(""" + _REMOTE + r"""[^"')\s]+)""")
_ANSWER_KEY = re.compile(
    r'<details class="pannet-answer-key"[^>]*>\s*<summary>.*?</summary>(.*?)</details>', re.DOTALL
)
_REFERENCES_HEADING = re.compile(r"^#{1,6}\s*(references|sources)\b", re.IGNORECASE | re.MULTILINE)
_PMID = re.compile(r"PMID:?\s*(\d{6,9})")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s<>\"';,)]+)")


class MetaError(ValueError):
    """A bad entry in ``meta.yaml``; the message names the file and the field."""


def content_reviewed(path: str | os.PathLike[str] | None = None) -> datetime.date:
    """The date the clinical content was last reviewed, from ``data/meta.yaml``.

    ``path`` defaults to the packaged file (or ``meta.yaml`` in ``$PANNET_EDU_DATA_DIR``); the
    field is ``content_reviewed: YYYY-MM-DD``, a real date that is not in the future (a review
    cannot have happened tomorrow, and a handout must not claim it did).

    >>> content_reviewed().year >= 2026
    True
    """
    from . import _datafile

    meta_file = Path(path) if path is not None else _datafile.data_dir() / META_FILE.name
    if not meta_file.exists():
        raise MetaError(f"{meta_file}: file not found")
    try:
        meta = _datafile.load_yaml(meta_file)
    except _datafile.DataFileError as exc:
        raise MetaError(f"{meta_file}: {exc.problem} ({exc.entry})") from None
    if not isinstance(meta, dict) or "content_reviewed" not in meta:
        raise MetaError(f"{meta_file}: field 'content_reviewed' is missing (YYYY-MM-DD)")
    value = meta["content_reviewed"]
    if isinstance(value, str):
        with contextlib.suppress(ValueError):  # not a date: reported just below
            value = datetime.date.fromisoformat(value.strip())
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise MetaError(
            f"{meta_file}: field 'content_reviewed' must be a date written YYYY-MM-DD, "
            f"got {_short(value)}"
        )
    if value > datetime.date.today():
        raise MetaError(
            f"{meta_file}: field 'content_reviewed' is {value.isoformat()}, a date in the future; "
            "give the date the review was done"
        )
    return value


def _short(value: object) -> str:
    from ._validate import short_repr

    return short_repr(value)


def remote_scripts(html: str) -> list[str]:
    """Every script or stylesheet the page would fetch from the network to render.

    An offline handout must return ``[]``. Links a reader may click (``<a href>``) do not count.

    >>> remote_scripts('<link rel="stylesheet" href="//fonts.example/x.css"><a href="https://x">')
    ['//fonts.example/x.css']
    >>> remote_scripts('<style>@import url("https://cdn.example/a.css");</style>')
    ['https://cdn.example/a.css']
    """
    found = []
    for pattern in (_REMOTE_SCRIPT, _REMOTE_STYLESHEET, _REMOTE_IMPORT):
        found.extend(match.group(1) for match in pattern.finditer(html))
    return found


def lesson_title(notebook: dict) -> str:
    """The lesson's title: the first level-1 Markdown heading, else the notebook's file stem.

    >>> lesson_title({"cells": [{"cell_type": "markdown", "source": "# Grading\\ntext"}]})
    'Grading'
    """
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        match = re.search(r"^#\s+(.+?)\s*$", text, re.MULTILINE)
        if match:
            return match.group(1)
    return str(notebook.get("metadata", {}).get("title", "Lesson"))


def strip_widget_state(notebook: dict) -> dict:
    """A copy without saved widget state or widget-view outputs, so snapshots show instead.

    >>> nb = {"metadata": {"widgets": {}}, "cells": [{"cell_type": "code", "outputs": [
    ...     {"output_type": "display_data", "data": {WIDGET_VIEW_MIME: {}, "text/html": "<b>x</b>"}}
    ... ]}]}
    >>> clean = strip_widget_state(nb)
    >>> "widgets" in clean["metadata"], list(clean["cells"][0]["outputs"][0]["data"])
    (False, ['text/html'])
    """
    notebook = copy.deepcopy(notebook)
    notebook.get("metadata", {}).pop("widgets", None)
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW_MIME, None)
    return notebook


def has_references(notebook: dict) -> bool:
    """Whether the lesson has its own References (or Sources) heading.

    >>> has_references({"cells": [{"cell_type": "markdown", "source": "## References\\n- x"}]})
    True
    """
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "markdown" and _REFERENCES_HEADING.search(text):
            return True
    return False


def cited_identifiers(text: str) -> tuple[list[str], list[str]]:
    """PMIDs and DOIs cited in a text, in order of first appearance, without repeats.

    >>> cited_identifiers("PMID 31433515; DOI 10.1111/his.13975. Again PMID 31433515.")
    (['31433515'], ['10.1111/his.13975'])
    """
    pmids = list(dict.fromkeys(_PMID.findall(text)))
    dois = list(dict.fromkeys(doi.rstrip(".") for doi in _DOI.findall(text)))
    return pmids, dois


def _known_sources() -> list[sources.Source]:
    return [value for value in vars(sources).values() if isinstance(value, sources.Source)]


def references_block(text: str) -> str:
    """HTML list of the sources cited in ``text``, by identifier, with full references where known.

    Used for lessons without a References section of their own, so every handout ends with
    its references.

    >>> "Histopathology 2020" in references_block("Source: ... DOI 10.1111/his.13975.")
    True
    >>> references_block("no identifiers here")
    ''
    """
    pmids, dois = cited_identifiers(text)
    items: list[str] = []
    seen_pmids: set[str] = set()
    seen_dois: set[str] = set()
    for source in _known_sources():
        if source.pmid in pmids or source.doi in dois:
            seen_pmids.add(source.pmid or "")
            seen_dois.add(source.doi or "")
            items.append(_reference_item(source.cite(), source.link))
    for pmid in pmids:
        if pmid not in seen_pmids:
            items.append(_reference_item(f"PMID {pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"))
    for doi in dois:
        if doi not in seen_dois:
            items.append(_reference_item(f"DOI {doi}", f"https://doi.org/{doi}"))
    if not items:
        return ""
    return (
        '<section class="pannet-references jp-RenderedHTMLCommon">'
        "<h2>References cited in this handout</h2><ul>"
        + "".join(items)
        + "</ul></section>"
    )


def _reference_item(text: str, link: str | None) -> str:
    anchor = f' <a href="{escape(link)}">{escape(link)}</a>' if link else ""
    return f"<li>{escape(text)}{anchor}</li>"


_HANDOUT_CSS = """
.pannet-title { border-bottom: 3px solid #0072B2; margin: 0 0 1.5em; padding: 0 0 0.8em;
  font-family: var(--jp-content-font-family, sans-serif); }
.pannet-kicker { color: #0072B2; font-weight: bold; letter-spacing: 0.05em; margin: 0; }
.pannet-subtitle { margin: 0.2em 0 0.6em; color: #333; }
.pannet-facts { margin: 0.4em 0; color: #333; }
.pannet-disclaimer { border-left: 6px solid #D55E00; padding: 0.4em 0.8em; background: #fff4ec;
  font-weight: bold; margin: 0.6em 0; }
.pannet-note { color: #555; font-size: smaller; margin: 0.3em 0; }
.pannet-trust { font-size: smaller; color: #333; margin: 0.4em 0; }
.pannet-trust p { margin: 0.15em 0; }
a, .jp-RenderedHTMLCommon a { color: #005A8C; text-decoration: underline; }
.pannet-closing { border-top: 1px solid #888; margin-top: 2em; padding-top: 0.6em;
  font-family: var(--jp-content-font-family, sans-serif); }
.pannet-references li { margin: 0.2em 0; }
.pannet-answers { border-top: 3px solid #0072B2; margin-top: 2em; padding-top: 0.6em; }
main { max-width: 60em; margin: 1.5em auto; padding: 0 1em; }
@page { size: A4; margin: 15mm; }
@media print {
  main { margin: 0; max-width: none; }
  .jp-OutputArea-child, .pannet-card, img, table { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  .pannet-answers { break-before: page; }
  .pannet-trials-wrap { overflow: visible !important; }
  .pannet-trials { font-size: 7pt !important; width: 100%; }
  .pannet-trials td, .pannet-trials th { min-width: 0 !important; overflow-wrap: anywhere; }
}
"""


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
/* reference lists: room for a DOI on one line keeps each row short */
main td:nth-child(2) { min-width: 12em; overflow-wrap: normal; word-break: break-all; }
@media print {
  .pannet-answers { break-before: auto; }
  /* a long reference list may run over a page break rather than leave a page empty */
  .jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea, .jp-OutputArea-child,
  .jp-OutputArea-output, main table { break-inside: auto !important; }
}
"""


def _title_block(
    title: str, notebook_name: str, reviewed: datetime.date, *, summary: bool = False
) -> str:
    kicker = "lesson summary (the full handout has every section)" if summary else "lesson handout"
    return (
        '<header class="pannet-title jp-RenderedHTMLCommon">'
        f'<p class="pannet-kicker">pannet-edu · {kicker}</p>'
        '<p class="pannet-subtitle">Systemic therapy of metastatic pancreatic neuroendocrine '
        "tumours, taught with published evidence.</p>"
        f'<p class="pannet-facts"><strong>Content last reviewed:</strong> '
        f"{reviewed.isoformat()} · <strong>Lesson:</strong> {escape(title)} "
        f"({escape(notebook_name)}) · <strong>pannet-edu</strong> {escape(__version__)}</p>"
        f'<p class="pannet-disclaimer" role="note">{escape(DISCLAIMER)}</p>'
        f"{trust_html(Path(notebook_name).stem)}"
        '<p class="pannet-note">Code is hidden. Interactive tools appear as a snapshot of their '
        "starting values; open the notebook in JupyterLab to change them.</p>"
        "</header>"
    )


def move_answer_keys(page: str) -> str:
    """Move every "Check your understanding" answer block to an answer key at the end of the page.

    On screen the answers wait in a closed ``<details>``; on paper that would either hide them
    for good or print them under the questions. The handout prints the questions in place, with a
    pointer, and the answers on a page of their own after the lesson.

    >>> page = ('<main><ol><li>Stage?</li></ol><details class="pannet-answer-key">'
    ...         '<summary>Answers</summary><ol><li>IV</li></ol></details>'
    ...         '<footer class="pannet-closing">end</footer></main>')
    >>> moved = move_answer_keys(page)
    >>> moved.index("Stage?") < moved.index("Answer key") < moved.index("IV") < moved.index("end<")
    True
    >>> "<details" in moved
    False
    """
    keys = [match.group(1) for match in _ANSWER_KEY.finditer(page)]
    if not keys:
        return page
    pointer = (
        '<p class="pannet-note">Answers: in the answer key at the end of this handout. '
        "Write yours down first.</p>"
    )
    page = _ANSWER_KEY.sub(lambda _match: pointer, page)
    parts = "".join(
        (f"<h3>Set {number}</h3>" if len(keys) > 1 else "") + key
        for number, key in enumerate(keys, start=1)
    )
    section = (
        '<section class="pannet-answers jp-RenderedHTMLCommon">'
        f"<h2>Answer key: check your understanding</h2>{parts}</section>"
    )
    at = page.find('<footer class="pannet-closing')
    if at < 0:
        at = page.rfind("</main>") if "</main>" in page else page.rfind("</body>")
    return page[:at] + section + page[at:] if at >= 0 else page + section


def _closing_block(references: str, reviewed: datetime.date) -> str:
    return (
        f'{references}<footer class="pannet-closing jp-RenderedHTMLCommon">'
        f"<p>Content last reviewed "
        f"{reviewed.isoformat()} · pannet-edu {escape(__version__)} · {escape(DISCLAIMER)}</p>"
        "</footer>"
    )


def summary_cells(notebook: dict) -> dict:
    """A copy of the lesson keeping only what a short handout needs: the opening cell (title and
    objectives), "Check your understanding", the Summary and everything after it (references).

    >>> nb = {"cells": [{"cell_type": "markdown", "source": "# T\\n## Objectives"},
    ...                 {"cell_type": "markdown", "source": "## 1. Detail"},
    ...                 {"cell_type": "markdown", "source": "## Summary\\n- x"},
    ...                 {"cell_type": "markdown", "source": "## References"}]}
    >>> [c["source"][:4] for c in summary_cells(nb)["cells"]]
    ['# T\\n', '## S', '## R']
    """
    notebook = copy.deepcopy(notebook)
    cells = notebook.get("cells", [])
    kept = cells[:1]
    in_summary = False
    for cell in cells[1:]:
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "markdown" and re.search(r"^##\s+Summary\b", text, re.M):
            in_summary = True
        check = re.search(r"^##\s+Check your understanding", text, re.M) or any(
            "pannet-selfcheck" in str(o.get("data", {}).get("text/html", ""))
            for o in cell.get("outputs", [])
        )
        if in_summary or check:
            kept.append(cell)
    notebook["cells"] = kept
    return notebook


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
    >>> page = handout_html(Path(__file__).parents[1] / "notebooks" / "00_start_here.ipynb")
    >>> "NET G2" in page and "Content last reviewed" in page, remote_scripts(page)
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
    notebook = nbformat.from_dict(summary_cells(notebook) if summary else notebook)
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
    references = "" if has_references(notebook) else references_block(_notebook_text(notebook))
    resources = {
        "metadata": {"name": path.stem, "path": str(path.parent)},
        "handout": {
            "css": _HANDOUT_CSS + (_SUMMARY_CSS if summary else ""),
            "title_block": _title_block(title, path.name, reviewed, summary=summary),
            "closing_block": _closing_block(references, reviewed),
        },
    }
    page, _ = exporter.from_notebook_node(notebook, resources=resources)
    page = move_answer_keys(page)
    remote = remote_scripts(page)
    if remote:
        raise ValueError(f"{path.name}: the handout would load from the network: {remote}")
    return page


def _notebook_text(notebook: dict) -> str:
    """All Markdown and text outputs of a notebook, for finding cited identifiers."""
    parts: list[str] = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            parts.append(cell.get("source", ""))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(str(data.get("text/html", "")) + str(data.get("text/plain", "")))
            parts.append(str(output.get("text", "")))
    return "\n".join(parts)


def default_notebooks_dir() -> Path:
    """The lesson folder: ``notebooks/`` in the checkout the package runs from, else here."""
    checkout = PACKAGE_DIR.parent / "notebooks"
    return checkout if checkout.is_dir() else Path.cwd() / "notebooks"


def lesson_notebooks(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """Every lesson notebook (``*.ipynb``) in ``folder``, in order.

    >>> [p.name for p in lesson_notebooks()][0]
    '00_start_here.ipynb'
    """
    folder = Path(folder) if folder is not None else default_notebooks_dir()
    if not folder.is_dir():
        raise ValueError(f"notebooks folder {str(folder)!r} does not exist")
    return sorted(folder.glob("*.ipynb"))


class HandoutWriteError(ValueError):
    """The handouts could not be written; the message says why and what was left unchanged."""


def write_atomic(target: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` to a temporary file beside ``target``, then move it into place.

    A reader never sees half a page: if writing fails (a full disk, an interrupt) the previous
    file, if any, is left as it was and the temporary file is removed.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_atomic(Path(folder) / "a.html", "<p>x</p>").read_text()
    '<p>x</p>'
    """
    target = Path(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


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
        ".pannet-disclaimer{border-left:6px solid #D55E00;padding:.4em .8em;background:#fff4ec;"
        "font-weight:bold}</style></head><body>"
        "<h1>pannet-edu handouts</h1>"
        "<p>Systemic therapy of metastatic pancreatic neuroendocrine tumours.</p>"
        f'<p class="pannet-disclaimer">{escape(DISCLAIMER)}</p>'
        f"<p>Content last reviewed {reviewed} · pannet-edu {escape(__version__)}</p>"
        f"<h2>Lessons</h2><ul>{links(lessons)}</ul>{sheet_part}</body></html>"
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


@dataclass
class HandoutBuild:
    """What :func:`build_all` wrote, and anything it could not do (said plainly)."""

    index: Path
    lessons: list[Path] = field(default_factory=list)
    summaries: list[Path] = field(default_factory=list)
    sheets: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def build_all(
    out_dir: str | os.PathLike[str],
    *,
    notebooks_dir: str | os.PathLike[str] | None = None,
    pdf: bool = False,
) -> HandoutBuild:
    """Build every lesson handout, the therapy-class sheets and a contents page in ``out_dir``.

    With ``pdf=True`` each page is also printed to PDF; if no Chromium is found the HTML is still
    written and the reason is listed in ``problems``.

    Everything is first written into a temporary folder beside ``out_dir`` and moved into place
    only when complete, so a full disk or an interrupted build never leaves a truncated handout
    or a mix of old and new pages: on any failure ``out_dir`` keeps its previous contents and a
    :class:`HandoutWriteError` (or the interrupt) says so. ``out_dir`` must not be empty text, an
    existing file, or a folder that cannot be written.
    """
    import nbformat

    from . import class_sheets

    out = output_folder(out_dir)
    notebooks = lesson_notebooks(notebooks_dir)
    if not notebooks:
        raise ValueError(f"no lesson notebooks (*.ipynb) found in {str(notebooks_dir)!r}")
    unchanged = (f"{out} was not changed" if not out.exists()
                 else f"{out} keeps its previous contents")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    except OSError as exc:
        raise HandoutWriteError(
            f"cannot write beside {out} ({exc.strerror or exc}); nothing was written"
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
        _move_into_place(staging, out)
    except KeyboardInterrupt:
        shutil.rmtree(staging, ignore_errors=True)
        raise KeyboardInterrupt(f"{unchanged}; nothing was written") from None
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        raise HandoutWriteError(
            f"writing the handouts failed: {exc.strerror or exc}{where}; {unchanged}"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return HandoutBuild(
        index=out / "index.html",
        lessons=[out / p.name for p in lessons],
        summaries=[out / p.name for p in summaries],
        sheets=[out / p.name for p in sheets],
        pdfs=[out / p.name for p in pdfs],
        problems=problems,
    )


#: Files a handout build writes; a folder holding only these is an earlier build, replaced whole.
_GENERATED = re.compile(r"[^/]+\.(html|pdf)")


def output_folder(out_dir: object) -> Path:
    """Check a folder to write handouts into; raise :class:`HandoutWriteError` saying why not.

    >>> output_folder("")
    Traceback (most recent call last):
    ...
    pannet_edu.handouts.HandoutWriteError: the output folder must be named (got empty text)
    """
    if not isinstance(out_dir, str | os.PathLike):
        raise TypeError(f"out_dir must be a folder path, got {type(out_dir).__name__}")
    if not str(os.fspath(out_dir)).strip():
        raise HandoutWriteError("the output folder must be named (got empty text)")
    out = Path(out_dir).expanduser().absolute()
    if out.exists() and not out.is_dir():
        raise HandoutWriteError(f"{out} is a file, not a folder; give a folder for the handouts")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise HandoutWriteError(f"{out}: {parent} is a file, so no folder can be made there")
    checked = out if out.exists() else parent
    if not os.access(checked, os.W_OK | os.X_OK):
        raise HandoutWriteError(f"{checked} is not writable; choose another folder for --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def _move_into_place(staging: Path, out: Path) -> None:
    """Move a complete build from ``staging`` to ``out``.

    ``out`` missing, or holding only an earlier build's pages: the folder is swapped whole (one
    rename each way). Otherwise (the folder holds other files) each page replaces its namesake.
    """
    os.chmod(staging, 0o755)  # mkdtemp makes it private; handouts are for sharing
    if not out.exists():
        os.rename(staging, out)
        return
    if all(entry.is_file() and _GENERATED.fullmatch(entry.name) for entry in out.iterdir()):
        previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.previous-", dir=out.parent))
        previous.rmdir()
        os.rename(out, previous)
        try:
            os.rename(staging, out)
        except BaseException:
            os.rename(previous, out)
            raise
        shutil.rmtree(previous, ignore_errors=True)
        return
    for entry in sorted(staging.iterdir()):
        os.replace(entry, out / entry.name)
    staging.rmdir()
