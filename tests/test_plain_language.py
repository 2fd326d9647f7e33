"""Every screen a learner reads speaks plain clinical language: no code words, no project notes.

Scanned: every stored notebook output (lessons and exercises), every handout the package builds
(full and summary, generated into a temporary folder) and the text of every dashboard tab.
A hit names where it was found. Hits that come from data files owned elsewhere are listed in
:data:`KNOWN_DATA_HITS`, each with the file that must change; the list is to shrink to nothing.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pannet_edu import engine, evidence, vocab
from pannet_edu.engine import load_catalogue
from pannet_edu.publish import handouts

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/**/*.ipynb")])

#: Project notes that must never reach a learner (case-insensitive).
PROJECT_NOTES = (
    "from memory",
    "(memory)",
    "project reference",
    "our reference",
    "reference file",
    "identifiers not confirmed",
    "identifiers unconfirmed",
    "weak source",
    "not taught in this toolkit",
    "reference.md",
    "sequencing.md",
    "abstract page seen",
    "wording not seen",
    "not yet confirmed",
    "ki67 must",
    # curation notes and project talk a blind learner review found (issue 24)
    "was not confirmed",
    "could not be confirmed",
    "in the sources here",
    "was not read here",
    "clinical reference",
    "live view",
    "not reproduced in this lesson",
    "yaml file",
    "a test fails",
    "§",
)
#: Code-style renderings that read fine in other capitals ("Prior SSA: already given").
CASE_SENSITIVE_NOTES = ("prior ssa", "Ki67 must")
#: The package's code vocabularies: words a learner should read in clinical words instead.
CODE_WORDS = sorted(
    {
        *(w for w in load_catalogue().classes if "_" in w),
        *(w for w in evidence.DESIGNS if "_" in w),
        *(w for w in engine.THERAPY_IDS if "_" in w),
        *(w for w in vocab.COMORBIDITIES if "_" in w),
        *(c for c in evidence.trials().columns if "_" in c),
        "tki",
    }
)
_CODE = re.compile(r"\b(" + "|".join(map(re.escape, CODE_WORDS)) + r")\b")
#: Any other snake_case word, except a lesson file name (``01_classification_and_staging``),
#: which a learner sees in the file browser.
_SNAKE = re.compile(r"(?<![\w/.-])(?!\d\d_)[a-z][a-z0-9]*_[a-z0-9_]+\b")

#: Hits allowed for now, each with the file that must change (none: keep it that way).
KNOWN_DATA_HITS: tuple[tuple[str, str], ...] = ()


def _visible_text(markup: str, coding: bool = False) -> str:
    """The text a reader sees. Inline ``<code>`` is left out: lesson prose marks in code font the
    names a notebook user types (``pannet_edu``, ``what_if``); a coding exercise's data tables are
    left out too (their column names and codes are what the exercise teaches)."""
    markup = re.sub(r"(?is)<(script|style|code)\b.*?</\1>", " ", markup)
    if coding:
        markup = re.sub(r'(?is)<table[^>]*class="(?:dataframe|pannet-table)".*?</table>', " ",
                        markup)
    markup = re.sub(r"(?s)<[^>]+>", " ", markup)
    return html.unescape(markup)


def _problems(text: str, coding: bool = False) -> list[str]:
    text = " ".join(text.split())
    for allowed, _file in KNOWN_DATA_HITS:
        text = text.replace(allowed, " ")
    lowered = text.casefold()
    found = [f"project note {note!r}" for note in PROJECT_NOTES if note in lowered]
    found += [f"project note {note!r}" for note in CASE_SENSITIVE_NOTES if note in text]
    found += [f"code word {m!r}" for m in sorted(set(_CODE.findall(text)))]
    snake = set(_SNAKE.findall(text)) - set(CODE_WORDS)
    if coding:  # pandas exercises name the functions, columns and codes they teach
        snake = set()
        found = [f for f in found if f.startswith("project note")]
    found += [f"code-style word {m!r}" for m in sorted(snake)]
    return found


def _outputs(path: Path, coding: bool = False) -> Iterator[tuple[str, str]]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for number, cell in enumerate(notebook["cells"], start=1):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/html", "text/markdown"):
                if mime in data:
                    raw = data[mime]
                    yield f"cell {number} {mime}", _visible_text("".join(raw), coding)
            if "text/html" not in data and "text/plain" in data:
                yield f"cell {number} text/plain", "".join(data["text/plain"])
            if "text" in output:
                yield f"cell {number} stream", "".join(output["text"])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_stored_notebook_outputs_speak_plain_clinical_language(notebook):
    coding = notebook.parent.name == "solutions" or notebook.parent.name == "exercises"
    coding = coding and any(k in notebook.name for k in ("03_trials", "08_under"))
    hits = [
        f"{where}: {problem}"
        for where, text in _outputs(notebook, coding)
        for problem in _problems(text, coding=coding)
    ]
    assert not hits, f"{notebook.relative_to(ROOT)}:\n" + "\n".join(hits)


@pytest.fixture(scope="module")
def handout_pages(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("plain_handouts")
    built = handouts.build_all(out)
    pages = [*built.lessons, *built.summaries, *built.sheets, built.index]
    return {p.name: p.read_text(encoding="utf-8") for p in pages}


def test_every_handout_speaks_plain_clinical_language(handout_pages):
    hits = []
    for name, page in handout_pages.items():
        # The title block names the notebook file a reader can open; that is not code talk.
        text = re.sub(r"\(\d\d_[\w]+\.ipynb\)", "", _visible_text(page))
        hits += [f"{name}: {problem}" for problem in _problems(text)]
    assert not hits, "\n".join(hits)


def _widget_texts(widget) -> Iterator[str]:
    import ipywidgets as widgets

    for attribute in ("value", "description", "placeholder", "tooltip"):
        value = getattr(widget, attribute, None)
        # A text box holds what the learner types; a list's value is its hidden key (the
        # learner reads its labels, scanned below).
        hidden = widgets.Text | widgets.Textarea | widgets.widget_selection._Selection
        if isinstance(value, str) and not isinstance(widget, hidden):
            yield _visible_text(value) if attribute == "value" else value
    for label in getattr(widget, "_options_labels", ()) or ():
        yield str(label)
    if isinstance(widget, widgets.Tab):
        yield from (str(t) for t in widget.titles)
    for child in getattr(widget, "children", ()) or ():
        yield from _widget_texts(child)


def test_every_dashboard_tab_speaks_plain_clinical_language():
    from pannet_edu import app

    texts = list(_widget_texts(app.dashboard()))
    assert len(texts) > 50  # the scan reached into every tab
    hits = [problem for text in texts for problem in _problems(text)]
    assert not hits, "\n".join(sorted(set(hits)))


#: Lesson prose (markdown cells, code spans included) that names the package's inner workings:
#: a module path in code font, a data file, the test suite or a section mark of a principle.
_LESSON_PROSE_NOTES = re.compile(
    r"`pannet_edu[./][\w./]*`|\b\w+\.yaml\b|README\.md|\ba test fails\b|§", re.IGNORECASE)


@pytest.mark.parametrize("lesson", sorted(ROOT.glob("notebooks/[0-9][0-9]_*.py")),
                         ids=lambda p: p.name)
def test_lesson_prose_names_no_module_data_file_or_test(lesson):
    """The prose a learner reads (markdown cells of the lesson source, with their code spans,
    which the output scan above leaves out) says what a tool does, not where it lives."""
    cells = lesson.read_text(encoding="utf-8").split("# %%")
    prose = [c for c in cells if c.startswith(" [markdown]")]
    hits = [m.group(0) for cell in prose for m in _LESSON_PROSE_NOTES.finditer(cell)]
    assert not hits, f"{lesson.name}: {hits}"


def test_the_scanner_catches_what_it_is_for():
    assert _problems("class: mtor_inhibitor") == ["code word 'mtor_inhibitor'"]
    assert _problems("Population: single_arm trial") == ["code word 'single_arm'"]
    assert _problems("checked from memory") == ["project note 'from memory'"]
    assert _problems("foo_bar") == ["code-style word 'foo_bar'"]
    assert _problems("open 01_classification_and_staging.ipynb") == []
    assert _problems("Ki-67 must be between 0% and 100%") == []
    assert _problems("Source: Clinical reference, sequencing principles 13") == [
        "project note 'clinical reference'"]
    assert _problems("appear in the forest plot (live view)") == ["project note 'live view'"]
    assert _problems("about 42% (the exact count was not confirmed)") == [
        "project note 'was not confirmed'"]
    assert _problems("§1 NET/NEC split") == ["project note '§'"]
    assert _LESSON_PROSE_NOTES.search("The engine (`pannet_edu.engine`) writes")
    assert _LESSON_PROSE_NOTES.search("Each case is a YAML file (see cases/README.md)")
    assert not _LESSON_PROSE_NOTES.search("`from pannet_edu.widgets import QuizWidget`")
