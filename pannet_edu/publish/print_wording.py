"""What a printed or static page says instead of what a screen says, and what it adds for
revision: no button to press on paper, no heading printed twice, and a summary handout's
key-numbers table read from the trial data.

The lessons speak to a learner at a live notebook ("press **Show the answer**"); a handout is a
static page whose answers wait in an answer key at its end. These transforms rewrite the screen
instructions once, here, for every handout.

>>> cell = {"cell_type": "markdown", "source": "Decide first: write your answer in each box, "
...         "then press **Show the answer**. Your answer is\\nkept once the answer shows."}
>>> import textwrap
>>> print(textwrap.fill(static_wording({"cells": [cell]})["cells"][0]["source"], 70))
Decide first: write down your answer to each question, then compare it
with the answer key at the end of this handout.
"""

from __future__ import annotations

import copy
import html
import re

from ..content.manifest import lesson
from ..display import escape, table
from ..formatting import is_missing

#: Screen instructions (a regular expression) and the words a static page prints instead.
SCREEN_TO_PAGE = (
    (r"write your answer in each box,\s+then press \*\*Show the answer\*\*\.(\s*Your answer is"
     r"\s+kept once the answer shows\.)?",
     "write down your answer to each question, then compare it with the answer key at the end "
     "of this handout."),
    (r"then press \*\*Show the answer\*\*",
     "then compare it with the answer key at the end of this handout"),
    (r"Write down your answers first, then open the answers\.", ""),
    # Lesson 8's practice-change checklist: on paper the table of every trial's marks follows.
    (r"Choose a trial, tick the steps you think it has met, then press \*\*Check my reading\*\*\."
     r"\s+The\s+marks and the evidence appear only after you commit; choose another trial to "
     r"try again\.",
     "Choose a trial, decide which steps you think it has met, then compare your reading with "
     "its marks in the table of every trial below."),
)
#: What no static page may say (checked by the handout tests).
SCREEN_ONLY_WORDS = ("Show the answer", "open the answers")

_HEADING = re.compile(r"<h([1-4])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_CARD_TITLE = re.compile(r'(<div class="pannet-card[^"]*"[^>]*>)<strong>(.*?)</strong>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def static_wording(notebook: dict) -> dict:
    """A copy of the notebook whose Markdown says what a static page can do (see
    :data:`SCREEN_TO_PAGE`); code cells and outputs are left as they are."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for screen, page in SCREEN_TO_PAGE:
            text = re.sub(screen, page, text)
        cell["source"] = text
    return notebook


def page_wording(page: str) -> str:
    """The exported page with the screen words of widget snapshots rewritten (see
    :data:`SCREEN_TO_PAGE`) and each card title that only repeats the heading above it removed.

    >>> page = page_wording('<h2 id="c">Check your understanding</h2><p>Decide.</p>'
    ...                     '<div class="pannet-card pannet-selfcheck" style="x"><strong>Check '
    ...                     'your understanding</strong><p style="m">Write down your answers '
    ...                     'first, then open the answers.</p><ol></ol></div>')
    >>> page.count("Check your understanding"), "open the answers" in page
    (1, False)
    """
    for screen, printed in SCREEN_TO_PAGE[2:]:
        page = re.sub(r"<p\b[^>]*>\s*" + screen + r"\s*</p>", printed, page)
    headings = [(match.start(), _plain(match.group(2))) for match in _HEADING.finditer(page)]

    def drop_repeat(match: re.Match) -> str:
        above = [text for start, text in headings if start < match.start()]
        return match.group(1) if above and above[-1] == _plain(match.group(2)) else match.group(0)

    return _CARD_TITLE.sub(drop_repeat, page)


def _plain(fragment: str) -> str:
    """The words of an HTML fragment (tags and the heading's anchor link left out)."""
    text = html.unescape(_TAG.sub("", fragment)).replace("¶", "")
    return " ".join(text.split()).casefold()


def key_numbers_html(lesson_id: str) -> str:
    """The key numbers of a lesson's trials (from its manifest entry), one row per trial
    cohort, each number as the trial table stores it and each row with its source; empty for a
    lesson that shows no trial.

    >>> page = key_numbers_html("03_somatostatin_analogues")
    >>> "<h2>Key numbers</h2>" in page and "CLARINET" in page and "PMID" in page
    True
    >>> key_numbers_html("07_sequencing_cases")
    ''
    """
    from .. import evidence
    from ..views.lessons import PANNET_TEXT, key_results
    from ..views.trials import citation

    trials = list(lesson(lesson_id).trials)
    if not trials:
        return ""
    data = evidence.trials()
    rows = key_results(trials).rows
    sources = [_source_id(row, citation) for name in trials
               for _, row in data[data.trial == name].iterrows()]
    enrolled = {text: _SHORT_PANNET[code] for code, text in PANNET_TEXT.items()}
    rows = [{**row, "panNETs enrolled": enrolled.get(row["panNETs enrolled"],
                                                     row["panNETs enrolled"]), "source": source}
            for row, source in zip(rows, sources, strict=True)]
    return (
        '<section class="pannet-key-numbers jp-RenderedHTMLCommon"><h2>Key numbers</h2>'
        f"<p>{escape(_KEY_NUMBERS_NOTE)}</p>{table(rows)}</section>"
    )


def _source_id(row, citation) -> str:
    """The row's PMID, else its DOI, else its trial registry number, else its citation (a
    congress abstract): short enough for a table column.

    >>> _source_id({"pmid": "21306238", "doi": "10.1056/x"}, str)
    'PMID 21306238'
    """
    for field, name in (("pmid", "PMID"), ("doi", "DOI"), ("nct", "")):
        value = row.get(field)
        if not is_missing(value) and str(value).strip():
            return f"{name} {value}".strip()
    return citation(row)


_KEY_NUMBERS_NOTE = (
    "This lesson's trials as the toolkit's trial table holds them, one row per cohort (therapy vs "
    "control; a dash: no figure in the table), each with its source: PMID, else DOI, else the "
    "trial registry number."
)
#: How the panNET column reads in the short table (no: extrapolated to panNET).
_SHORT_PANNET = {"yes": "yes", "part": "partly", "no": "no (extrapolated)"}
