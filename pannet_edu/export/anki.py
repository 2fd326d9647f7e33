"""An Anki deck (``.apkg``, written with genanki): quiz questions and fact cards from the data.

Subdecks ``pannet-edu::<lesson>`` hold the quiz questions (answer, the reason for every option,
the source) and fact cards drawn from the package's data: one per trial cohort (setting, n,
median PFS or TTP, hazard ratio with its CI, the source and how sure it is) and one per therapy
for its main toxicities (and, when the data give them, the checks before starting). Every note
is tagged with its lesson.

Ids are stable: model and deck ids are derived from fixed names, each question's GUID from its
id, each fact card's from the trial/therapy it states, and each generated vignette's from its
slot (its lesson and its place among that lesson's vignettes), so a re-imported deck updates the
cards instead of duplicating them, and regenerated vignettes (another seed) replace the previous
set slot by slot.

Anki updates a note whose GUID it already has only when the incoming note's modification time
is strictly newer (checked with Anki's own importer). A note's modification time is therefore
taken from the deck it revises (``previous``: the deck learners already have, by default the
file the export replaces): unchanged content keeps that deck's time, so the package is
byte-identical; a note whose content changed gets one second more than that deck gave it, so
the next import updates it, the same day or not. Without a previous deck every note carries the
content review date. The package is byte-stable for unchanged content (fixed SQLite content
and zip timestamps).

>>> from .common import collect
>>> data = render(collect("00_start_here"))
>>> data[:2]
b'PK'
"""

from __future__ import annotations

import datetime
import io
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from ..display import escape
from ..practice import quiz
from .common import TITLE, Bundle, general_feedback, lesson_tag, stable_id, zip_bytes


def card_lesson(kind: str, name: str, therapy_class: object) -> str:
    """The lesson a fact card is filed under: the first lesson of the manifest that lists the
    trial or therapy (``kind`` is ``"trials"`` or ``"therapies"``), else the first lesson that
    teaches its class (the class's ``lessons`` in the catalogue).

    >>> card_lesson("trials", "COMPETE", "prrt"), card_lesson("therapies", "belzutifan", "x")
    ('05_prrt', '04_targeted_agents')
    >>> card_lesson("therapies", "irinotecan_based", "chemotherapy")
    '06_chemotherapy'
    """
    from ..content.manifest import load_manifest
    from ..engine.catalogue import load_catalogue

    for lesson in load_manifest():
        if name in getattr(lesson, kind):
            return lesson.id
    found = load_catalogue().classes.get(str(therapy_class))
    if found is None:
        raise ValueError(f"{name!r} is listed by no lesson of the manifest (lessons.yaml) and "
                         f"{therapy_class!r} is not a therapy class: list it under a lesson")
    return found.lessons[0]

QUIZ_MODEL = "pannet-edu quiz question"
FACT_MODEL = "pannet-edu fact"
QUIZ_FIELDS = ("Question", "Answer", "Feedback", "Source", "Notice", "Id")
FACT_FIELDS = ("Front", "Back", "Source", "Notice", "Id")
_CSS = (
    ".card { font-family: sans-serif; font-size: 18px; text-align: left; max-width: 40em; "
    "margin: auto; } .source, .notice { font-size: 14px; color: #555; } "
    ".answer { font-weight: bold; color: #009E73; }"
)


#: Where a deck keeps its notes inside the ``.apkg`` zip.
COLLECTION = "collection.anki2"


@dataclass(frozen=True)
class Fact:
    """One fact card before it becomes a note."""

    key: tuple[str, ...]
    lesson: str
    front: str
    back: str
    source: str


def _genanki():
    try:
        import genanki
    except ImportError:
        raise ModuleNotFoundError(
            "the Anki export needs genanki: pip install 'pannet-edu[export]'"
        ) from None
    return genanki


def _models(genanki):
    back = '{{FrontSide}}<hr id="answer">'
    quiz_model = genanki.Model(
        stable_id(TITLE, "model", QUIZ_MODEL),
        QUIZ_MODEL,
        fields=[{"name": name} for name in QUIZ_FIELDS],
        templates=[{
            "name": "Question",
            "qfmt": "{{Question}}",
            "afmt": back + '<div class="answer">{{Answer}}</div>{{Feedback}}'
                    '<div class="source">{{Source}}</div><div class="notice">{{Notice}}</div>',
        }],
        css=_CSS,
    )
    fact_model = genanki.Model(
        stable_id(TITLE, "model", FACT_MODEL),
        FACT_MODEL,
        fields=[{"name": name} for name in FACT_FIELDS],
        templates=[{
            "name": "Fact",
            "qfmt": "{{Front}}",
            "afmt": back + '{{Back}}<div class="source">{{Source}}</div>'
                    '<div class="notice">{{Notice}}</div>',
        }],
        css=_CSS,
    )
    return quiz_model, fact_model


def _para(text: str) -> str:
    return f"<p>{escape(' '.join(text.split()))}</p>"


def _quiz_fields(question: quiz.Question, bundle: Bundle) -> list[str]:
    if question.kind == "multiple_choice":
        front = _para(question.prompt) + "".join(_para(c) for c in question.choices())
        feedback = "".join(
            _para(f"{label}: {option.explanation}")
            for label, option in zip(question.choices(), question.options, strict=True)
        )
    else:
        front = _para(question.prompt)
        feedback = _para(f"{question.explanation} Also accepted: "
                         f"{', '.join(question.accepted)}.")
    source = general_feedback(question, bundle.reviewed).split(f" {bundle.notice}")[0]
    return [front, escape(question.answer), feedback, escape(source), escape(bundle.notice),
            escape(question.id)]


def _median_text(row) -> str | None:
    from ..formatting import format_number, is_missing

    endpoint = row["time_endpoint"]
    if is_missing(endpoint):
        return None
    mine = "not reached" if row["pfs_median_not_reached"] else format_number(row["pfs_median"])
    if is_missing(row["comparator"]):
        return f"Median {endpoint}: {mine} months"
    control = format_number(row["pfs_median_control"])
    return f"Median {endpoint}: {mine} vs {control} months ({row['comparator']})"


def trial_facts() -> Iterator[Fact]:
    """One fact per trial cohort, every number read from :func:`pannet_edu.trials`.

    >>> fact = next(f for f in trial_facts() if f.key == ("trial", "RADIANT-3", "all"))
    >>> "0.35 (0.27–0.45)" in fact.back, fact.lesson
    (True, '04_targeted_agents')
    """
    from ..evidence import CONFIDENCE, trials
    from ..formatting import format_hr, format_number, is_missing
    from ..views.lessons import PANNET_TEXT
    from ..views.trials import citation, trial_label

    for _, row in trials().iterrows():
        lines = [
            f"Setting: {row['setting']}. Population: {row['population']}.",
            f"PanNETs enrolled: {PANNET_TEXT[row['pannet']]}.",
        ]
        if not is_missing(row["n"]):
            lines.append(f"n = {format_number(row['n'])}.")
        median = _median_text(row)
        if median:
            lines.append(f"{median}.")
        if not is_missing(row["hr"]):
            lines.append(f"Hazard ratio (95% CI): {format_hr(row)}.")
        confidence = f"Confidence: {CONFIDENCE[row['confidence']]}"
        if not row["identifiers_verified"] and not (is_missing(row["pmid"])
                                                    and is_missing(row["doi"])):
            confidence += "; the PMID/DOI are still to be checked against PubMed"
        yield Fact(
            key=("trial", str(row["trial"]), str(row["cohort"])),
            lesson=card_lesson("trials", str(row["trial"]), row["therapy_class"]),
            front=f"{trial_label(row)}: what did it test, in whom, and what did it show?",
            back="".join(_para(line) for line in lines),
            source=f"{citation(row)} {confidence}.",
        )


def _before_starting_table():
    """The checks before starting each therapy, where the data give them (else ``None``)."""
    from ..engine import Patient, appraise
    from ..evidence import therapies

    catalogue = therapies()
    if "before_starting" in catalogue.columns:
        return catalogue["before_starting"]
    table = appraise(Patient(ki67=5, sstr="positive"))
    if "before_starting" in table.columns:
        return table["before_starting"]
    return None


def therapy_facts() -> Iterator[Fact]:
    """Per therapy: its main toxicities (rates as reported) and, if given, checks before starting.

    >>> facts = list(therapy_facts())
    >>> next(f for f in facts if f.key == ("therapy", "everolimus", "toxicities")).lesson
    '04_targeted_agents'
    """
    from ..evidence import therapies
    from ..practice.vignettes import before_starting_checks
    from ..views.lessons import toxicity_summary

    catalogue = therapies()
    checks = _before_starting_table()
    from ..evidence import toxicity_table

    listed = set(toxicity_table().therapy)
    from ..engine.catalogue import load_catalogue

    catalogue_classes = load_catalogue().classes
    for therapy_id, entry in catalogue.iterrows():
        if not catalogue_classes[str(entry["therapy_class"])].systemic:
            continue  # not a drug (surveillance, surgery): no toxicity card
        lesson = card_lesson("therapies", str(therapy_id), entry["therapy_class"])
        # The summary names a therapy in words, so ask for one therapy at a time.
        rows = toxicity_summary(str(therapy_id)).rows if therapy_id in listed else []
        back = "".join(
            _para(f"{r['toxicity']}: {r['reported rate, %']} ({r['source']}). "
                  f"Management: {r['management']}")
            for r in rows
        )
        sources = "; ".join(entry["sources"])
        if rows:
            yield Fact(("therapy", str(therapy_id), "toxicities"), lesson,
                       f"{entry['name']}: what are the main toxicities?", back, sources)
        if checks is not None and therapy_id in checks.index:
            items = before_starting_checks(checks.loc[therapy_id])
            if items:
                yield Fact(("therapy", str(therapy_id), "before_starting"), lesson,
                           f"{entry['name']}: what must be checked before the first dose?",
                           "".join(_para(i) for i in items), sources)


def facts(lesson: str | None = None) -> list[Fact]:
    """Every fact card, or one lesson's.

    >>> {f.lesson for f in facts("05_prrt")}
    {'05_prrt'}
    """
    found = [*trial_facts(), *therapy_facts()]
    return [f for f in found if lesson is None or f.lesson == lesson]


def _timestamp(reviewed: datetime.date) -> float:
    moment = datetime.datetime(reviewed.year, reviewed.month, reviewed.day,
                               tzinfo=datetime.UTC)
    return moment.timestamp()


def previous_notes(package: bytes) -> dict[str, tuple[str, int]]:
    """Each note of an ``.apkg`` as ``guid -> (content, modification time)``.

    The content is the note type, the fields and the tags: what a learner's copy shows.
    Raises ``ValueError`` when the bytes are not an Anki package.

    >>> from .common import collect
    >>> notes = previous_notes(render(collect("05_prrt")))
    >>> len({mod for _, mod in notes.values()})
    1
    """
    try:
        collection = zipfile.ZipFile(io.BytesIO(package)).read(COLLECTION)
        connection = sqlite3.connect(":memory:")
        try:
            connection.deserialize(collection)
            rows = connection.execute("SELECT guid, mid, flds, tags, mod FROM notes").fetchall()
        finally:
            connection.close()
    except (zipfile.BadZipFile, KeyError, sqlite3.DatabaseError) as exc:
        raise ValueError(f"not an Anki package with notes ({exc})") from None
    return {guid: (_content(mid, fields, tags), mod) for guid, mid, fields, tags, mod in rows}


def _content(model_id: int, fields: str, tags: str) -> str:
    return "\x1e".join((str(model_id), fields, " ".join(tags.split())))


def modification_time(content: str, previous: tuple[str, int] | None, baseline: int) -> int:
    """The modification time a note is written with (seconds since 1970).

    Unchanged since the previous deck: that deck's time, so nothing changes. Changed: one more
    than that, so Anki (which updates only when the incoming note is newer) updates it. New:
    ``baseline`` (the content review date).

    >>> modification_time("a", ("a", 100), 50), modification_time("b", ("a", 100), 50)
    (100, 101)
    >>> modification_time("b", None, 50)
    50
    """
    if previous is None:
        return baseline
    old_content, old_mod = previous
    return old_mod if old_content == content else max(old_mod + 1, baseline)


def render(bundle: Bundle, previous: bytes | None = None) -> bytes:
    """The bundle (and the matching fact cards) as ``.apkg`` bytes, stable for stable content.

    ``previous`` is the deck this one revises (the ``.apkg`` bytes learners already imported):
    notes whose content changed since it are written newer, so re-importing updates them.
    """
    genanki = _genanki()
    quiz_model, fact_model = _models(genanki)
    earlier = previous_notes(previous) if previous is not None else {}
    decks: dict[str, object] = {}

    def deck(lesson: str):
        if lesson not in decks:
            decks[lesson] = genanki.Deck(
                stable_id(TITLE, "deck", lesson), f"{TITLE}::{lesson}",
                description=f"{TITLE}: {lesson}. {bundle.notice}",
            )
        return decks[lesson]

    vignette_slots: dict[str, int] = {}
    for question in bundle.questions:
        tags = [lesson_tag(question.lesson), f"{TITLE}::quiz"]
        if question.id.startswith("vig-"):
            tags.append(f"{TITLE}::generated-vignette")
            # A slot, not the vignette's own id: another seed replaces this slot's vignette.
            slot = vignette_slots[question.lesson] = vignette_slots.get(question.lesson, -1) + 1
            guid = genanki.guid_for(TITLE, "vignette", question.lesson, str(slot))
        else:
            guid = genanki.guid_for(TITLE, "quiz", question.id)
        deck(question.lesson).add_note(genanki.Note(
            model=quiz_model, fields=_quiz_fields(question, bundle), tags=tags, guid=guid,
        ))
    for fact in facts(bundle.lesson):
        deck(fact.lesson).add_note(genanki.Note(
            model=fact_model,
            fields=[escape(fact.front), fact.back, escape(fact.source), escape(bundle.notice),
                    escape("/".join(fact.key))],
            tags=[lesson_tag(fact.lesson), f"{TITLE}::fact"],
            guid=genanki.guid_for(TITLE, *fact.key),
        ))
    package = genanki.Package([decks[name] for name in sorted(decks)])
    timestamp = _timestamp(bundle.reviewed)
    # An in-memory database, serialised: no temporary file, no fsync, the same bytes each time.
    connection = sqlite3.connect(":memory:")
    try:
        package.write_to_db(connection.cursor(), timestamp, _counter(int(timestamp * 1000)))
        rows = connection.execute("SELECT guid, mid, flds, tags FROM notes").fetchall()
        connection.executemany("UPDATE notes SET mod = ? WHERE guid = ?", [
            (modification_time(_content(mid, fields, tags), earlier.get(guid), int(timestamp)),
             guid)
            for guid, mid, fields, tags in rows
        ])
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    return zip_bytes({COLLECTION: collection, "media": b"{}"}, bundle.reviewed)


def _counter(start: int) -> Iterator[int]:
    value = start
    while True:
        yield value
        value += 1
