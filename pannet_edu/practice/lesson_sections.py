"""Which section of a lesson teaches a question: the numbered section whose words it shares most.

A lesson notebook's explanation sections are its numbered ``## N.`` headings and the ``###``
headings inside them. A question (its prompt, options and feedback) is matched to the section
whose text shares the most of its distinctive words (a word found in few sections of the lesson
counts more, as in tf-idf). The link points into the lesson's handout (``NN_name.html``) at the
heading's anchor, the one nbconvert and JupyterLab give it (spaces as ``-``).

>>> section = teaching_section("05_prrt", "NETTER-1 control arm octreotide LAR 60 mg midgut")
>>> section.title.startswith("NETTER-1")
True
>>> section.href()
'05_prrt.html#NETTER-1:-the-registration-trial,-in-midgut-NETs-only'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..content.manifest import load_manifest, manifest_file

__all__ = ["NOTEBOOKS_DIR", "Section", "find_lesson_of", "named_section", "teaching_section"]

#: The checkout's lesson sources (an installed package without them links to the lesson only).
NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"
_HEADING = re.compile(r"^# (#{2,3}) (.+?)\s*$")
_NUMBERED = re.compile(r"^\d+\.\s")
_WORD = re.compile(r"[a-z0-9][a-z0-9\-]*[a-z0-9]|[a-z0-9]", re.IGNORECASE)
#: Words too common to tell sections apart (words of one or two letters are dropped anyway).
_STOP = frozenset({
    "about", "after", "all", "also", "and", "any", "are", "before", "between", "but", "can",
    "could", "did", "does", "each", "for", "from", "had", "has", "have", "her", "here", "him",
    "his", "how", "into", "it's", "its", "less", "many", "may", "more", "most", "much", "not",
    "one", "only", "our", "over", "per", "shall", "she", "should", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "two", "under", "was",
    "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will",
    "with", "within", "without", "would", "yes", "you", "your",
})


@dataclass(frozen=True)
class Section:
    """A place in a lesson: the lesson, its title, a section heading (``""`` for the lesson
    itself) and the heading's anchor."""

    lesson: str
    lesson_title: str
    title: str = ""
    anchor: str = ""

    def href(self, base: str = "") -> str:
        """The link into the lesson's handout (``base`` is the handouts' folder or address).

        >>> Section("05_prrt", "PRRT").href("handouts")
        'handouts/05_prrt.html'
        """
        base = base if not base or base.endswith("/") else base + "/"
        return f"{base}{self.lesson}.html" + (f"#{self.anchor}" if self.anchor else "")

    def label(self) -> str:
        """The place in words.

        >>> Section("05_prrt", "PRRT", "3. How it is given").label()
        'Lesson 5 (PRRT), section 3. How it is given'
        """
        number = self.lesson.split("_", 1)[0]
        head = f"Lesson {int(number)} ({self.lesson_title})" if number.isdigit() else \
            self.lesson_title
        return f"{head}, section {self.title}" if self.title else head


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2 and w.lower() not in _STOP}


@lru_cache(maxsize=32)
def _sections(lesson: str, folder: str) -> tuple[tuple[str, frozenset[str], str], ...]:
    """(heading, words, source text) of each numbered section and its subsections."""
    path = Path(folder) / f"{lesson}.py"
    if not path.is_file():
        return ()
    out: list[tuple[str, list[str]]] = []
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = _HEADING.match(line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2)
            if level == 2:
                inside = bool(_NUMBERED.match(title))
            if inside:
                out.append((title, [title]))
                continue
        if inside and out:
            out[-1][1].append(line)
    return tuple((title, frozenset(_words("\n".join(body))), "\n".join(body))
                 for title, body in out)


def _titles() -> dict[str, str]:
    """The lessons' titles by id, in teaching order (the manifest, read through the loaders'
    one cache)."""
    return {entry.id: entry.title for entry in load_manifest(manifest_file())}


def teaching_section(lesson: str, text: str, folder: str | Path | None = None
                     ) -> Section | None:
    """The section of ``lesson`` that best matches ``text`` (the lesson itself if none does);
    ``None`` for a lesson the manifest does not list (no link is made to an unknown page).

    >>> teaching_section("javascript:alert(1)//", "NETTER-1") is None
    True
    """
    if lesson not in _titles():
        return None
    title = _titles()[lesson]
    sections = _sections(lesson, str(folder or NOTEBOOKS_DIR))
    wanted = _words(text)
    if not sections or not wanted:
        return Section(lesson, title)
    count = len(sections)
    frequency = {w: sum(w in words for _h, words, _t in sections) for w in wanted}
    average = sum(len(words) for _h, words, _t in sections) / count
    best, best_score = None, 0.0
    for heading, words, _body in sections:
        # tf-idf-like: rare shared words count more; a long section is not favoured for length.
        score = sum(math.log((count + 1) / frequency[w]) for w in wanted & words) / (
            0.5 + 0.5 * len(words) / average)
        if score > best_score:
            best, best_score = heading, score
    if best is None:
        return Section(lesson, title)
    return Section(lesson, title, best, best.replace(" ", "-"))


def named_section(lesson: str, name: str, folder: str | Path | None = None) -> Section | None:
    """The first section of ``lesson`` whose heading names ``name`` (a trial) as a whole name,
    not as the start of a longer one ("CLARINET" is not "CLARINET FORTE"); ``None`` if none does.

    >>> named_section("03_somatostatin_analogues", "CLARINET").title
    'CLARINET: lanreotide in enteropancreatic NETs, including panNETs'
    >>> named_section("03_somatostatin_analogues", "NETTER-1") is None
    True
    """
    if lesson not in _titles() or not name.strip():
        return None
    whole = re.compile(rf"(?<![\w-]){re.escape(name.strip())}(?![\w-]| [A-Z])")
    for heading, _words, _body in _sections(lesson, str(folder or NOTEBOOKS_DIR)):
        if whole.search(heading):
            return Section(lesson, _titles()[lesson], heading, heading.replace(" ", "-"))
    return None


def find_lesson_of(prompt: str, folder: str | Path | None = None) -> str:
    """The lesson whose notebook holds a self-check question's words (``""`` if none does).

    >>> find_lesson_of("OCLURANDOM reports no hazard ratio. Why?")
    '05_prrt'
    """
    start = " ".join(prompt.split())[:30]
    if len(start) < 8:
        return ""
    for lesson in _titles():
        path = Path(folder or NOTEBOOKS_DIR) / f"{lesson}.py"
        if path.is_file() and start in " ".join(path.read_text(encoding="utf-8").split()):
            return lesson
    return ""
