"""Notebook transforms shared by every publication: titles, headings, tags, widget snapshots.

A published page (a handout, a summary handout) and the lesson checks read a notebook the same
way: a cell's text, its Markdown headings, the lesson's title, the "Check your understanding" and
Summary sections. One reading, here, so the handouts and the tests cannot disagree about what a
lesson contains.

>>> nb = {"cells": [{"cell_type": "markdown", "source": "# Grading\\n## Objectives"}]}
>>> lesson_title(nb), headings(nb)
('Grading', [(1, 'Grading'), (2, 'Objectives')])
>>> remote_scripts('<script src="https://cdn.example/require.js"></script><script>1</script>')
['https://cdn.example/require.js']
"""

from __future__ import annotations

import copy
import re

#: Cells carrying this tag are left out of handouts (e.g. "run the cell below" instructions).
REMOVE_TAG = "handout-remove"
#: Output data that needs the live widget manager; handouts show the text/html snapshot instead.
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


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
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.MULTILINE)


def cell_text(cell: dict) -> str:
    """A cell's source as one string (a stored notebook may keep it as a list of lines).

    >>> cell_text({"source": ["# A\\n", "text"]})
    '# A\\ntext'
    """
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def headings(notebook: dict) -> list[tuple[int, str]]:
    """Every Markdown heading of a notebook, in order, as ``(level, text)``.

    >>> headings({"cells": [{"cell_type": "code", "source": "# a comment"},
    ...                     {"cell_type": "markdown", "source": "## 1. Why\\n### Try it"}]})
    [(2, '1. Why'), (3, 'Try it')]
    """
    found: list[tuple[int, str]] = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            found.extend((len(m.group(1)), m.group(2)) for m in _HEADING.finditer(cell_text(cell)))
    return found


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


def notebook_text(notebook: dict) -> str:
    """All Markdown and text outputs of a notebook, for finding cited identifiers.

    >>> notebook_text({"cells": [{"cell_type": "markdown", "source": "PMID 1"},
    ...     {"cell_type": "code", "outputs": [{"output_type": "stream", "text": "DOI 10.1/x"}]}]})
    'PMID 1\\n\\nDOI 10.1/x'
    """
    parts: list[str] = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            parts.append(cell.get("source", ""))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(str(data.get("text/html", "")) + str(data.get("text/plain", "")))
            parts.append(str(output.get("text", "")))
    return "\n".join(parts)


_notebook_text = notebook_text  # the name the handout builder used before the split


#: The level-2 headings every lesson has, in this order; numbered explanation sections
#: (``## 1. ...``, ``## 2. ...``) come between the objectives and the self-check.
RHYTHM = ("Objectives", "Check your understanding", "Summary", "References")
_NUMBERED = re.compile(r"^(\d+)\.\s+\S")
_OBJECTIVE = re.compile(r"^(\d+)\.\s+(.*)$")


def objectives(notebook: dict) -> list[str]:
    """The numbered learning objectives under a lesson's ``## Objectives`` heading, each on one
    line (continuation lines joined).

    >>> text = "## Objectives\\n1. grade a NET;\\n2. stage it,\\n   with AJCC.\\n\\nMore."
    >>> objectives({"cells": [{"cell_type": "markdown", "source": text}]})
    ['grade a NET;', 'stage it, with AJCC.']
    """
    for cell in notebook.get("cells", []):
        text = cell_text(cell)
        if cell.get("cell_type") != "markdown" or "## Objectives" not in text:
            continue
        found: list[list[str]] = []
        for line in text.split("## Objectives", 1)[1].splitlines()[1:]:
            if line.startswith("#") or (not line.strip() and found):
                break
            item = _OBJECTIVE.match(line)
            if item:
                found.append([item.group(2).strip()])
            elif found and line.startswith(" "):
                found[-1].append(line.strip())
        return [" ".join(parts) for parts in found]
    return []


def rhythm_problems(notebook: dict) -> list[str]:
    """What breaks the lesson rhythm, in words; ``[]`` for a lesson that keeps it.

    The rhythm: a title; ``## Objectives`` with a numbered list; explanation sections numbered
    ``## 1.``, ``## 2.``, ... of which at least one runs a tool (a code cell that stays in the
    handout: a widget, a figure or a table); ``## Check your understanding``; ``## Summary``;
    ``## References`` last. Level-3 headings inside a section are free.

    >>> md = lambda text: {"cell_type": "markdown", "source": text}
    >>> lesson = {"cells": [md("# T\\n## Objectives\\n1. x"), md("## 1. Why"),
    ...     {"cell_type": "code", "source": "tool()", "metadata": {}},
    ...     md("## Check your understanding"), md("## Summary"), md("## References")]}
    >>> rhythm_problems(lesson)
    []
    >>> rhythm_problems({"cells": lesson["cells"][:2] + lesson["cells"][3:]})
    ['no code cell runs a tool between the objectives and the self-check']
    """
    problems: list[str] = []
    levels = headings(notebook)
    if not levels or levels[0][0] != 1:
        problems.append("the first heading must be the lesson's title (# ...)")
    seconds = [text for level, text in levels if level == 2]
    numbered = [text for text in seconds if _NUMBERED.match(text)]
    fixed = [text for text in seconds if not _NUMBERED.match(text)]
    if fixed != list(RHYTHM):
        problems.append(f"the unnumbered sections must be {', '.join(RHYTHM)} in this order; "
                        f"found {', '.join(fixed) or 'none'}")
    if not numbered:
        problems.append("no numbered explanation section (## 1. ...)")
    numbers = [int(_NUMBERED.match(text).group(1)) for text in numbered]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"explanation sections must be numbered 1, 2, 3, ...; found {numbers}")
    if fixed == list(RHYTHM) and numbered:
        order = [text for text in seconds if text in RHYTHM or _NUMBERED.match(text)]
        first, last = order.index(numbered[0]), order.index(numbered[-1])
        if not (order.index("Objectives") < first and last < order.index(RHYTHM[1])):
            problems.append("the numbered sections must come after the objectives and before "
                            "the self-check")
    if not objectives(notebook):
        problems.append("## Objectives has no numbered list of objectives")
    if not _tool_between_objectives_and_check(notebook):
        problems.append("no code cell runs a tool between the objectives and the self-check")
    return problems


def _tool_between_objectives_and_check(notebook: dict) -> bool:
    inside = False
    for cell in notebook.get("cells", []):
        text = cell_text(cell)
        if cell.get("cell_type") == "markdown":
            if re.search(r"^##\s+1\.\s", text, re.MULTILINE):
                inside = True
            if re.search(r"^##\s+Check your understanding", text, re.MULTILINE):
                return False
        elif (inside and cell.get("cell_type") == "code" and text.strip()
              and REMOVE_TAG not in cell.get("metadata", {}).get("tags", [])):
            return True
    return False
