"""The declaration of every kind of content: therapy, therapy class, trial, source, lesson,
question, case and exercise, with the evidence kinds of :mod:`pannet_edu.content.kinds_evidence`
(see :mod:`pannet_edu.content.schema` for what a declaration gives).

Each field is declared here once, with its type, its meaning for an instructor, its allowed values
(read from :mod:`pannet_edu.vocab`) and whether it is required. The loaders validate entries with
these declarations, ``pannet-edu check`` runs them on every data file, and the field tables of
``data/README.md`` and the ``# Fields`` blocks of the YAML files are written from them
(``python tools/write_schema_docs.py``).

>>> sorted(KINDS)[:5]
['case', 'class', 'evidence_position', 'evidence_trial', 'exercise']
>>> KINDS["therapy"].field("therapy_class").meaning
'a key of the classes section'
"""

from __future__ import annotations

from collections.abc import Mapping

from ..display import COLOUR_NAMES
from ..vocab import VERDICTS
from .kinds_evidence import EVIDENCE_POSITION, EVIDENCE_TRIAL, NEAR_CUT_OFF, TRIAL
from .schema import (
    ANY,
    BOOL,
    DATE,
    KEYED,
    MAPPING,
    NUMBER,
    NUMBERS,
    RECORDS,
    TEXT,
    TEXTS,
    WHOLE,
    Field,
    Kind,
    Vocabulary,
    vocabulary,
)

CONFIDENCE_CODE = "the confidence mark of the fact"
_SOURCE_TEXT = "its source: words, with [@ID] citing an id of sources.yaml"
_PERCENT = {"low": 0, "high": 100}
_SOURCE_ID = r"[A-Z][A-Z0-9_]*"
_ID_WORDS = "lower-case letters, digits and underscores"


def _text(name: str, meaning: str, **options) -> Field:
    return Field(name, TEXT, meaning, **options)


# --- Therapy and therapy class (data/therapies.yaml) ----------------------------------------

_FACT_CONFIDENCE = vocabulary("FACT_CONFIDENCE")
THERAPY = Kind("therapy", "therapies.yaml", "a therapy (one top-level key of therapies.yaml)", (
    _text("name", "catalogue heading"),
    _text("short_name", "the name used inside sentences"),
    _text("therapy_class", "a key of the classes section"),
    Field("agents", TEXTS, "the drugs (or procedures)"),
    _text("mechanism", "how it works"),
    _text("dose_schedule", "the regimen, with the trial it comes from"),
    Field("approval", KEYED, "its approval in each region", keys=vocabulary("REGIONS"), fields=(
        _text("status", "the approval for metastatic panNET",
              allowed=vocabulary("APPROVAL_STATUSES")),
        Field("date", ANY, "the date of the approval (YYYY-MM-DD or YYYY-MM)", required=False),
        _text("text", "the approval in words"),
        _text("source", _SOURCE_TEXT),
        _text("confidence", CONFIDENCE_CODE, allowed=_FACT_CONFIDENCE),
        Field("requires", TEXTS, "conditions the labelled use needs (see Conditions)",
              required=False),
    )),
    Field("toxicities", RECORDS, "its adverse effects", empty=True, fields=(
        _text("effect", "the adverse effect"),
        Field("percent", NUMBER, "any grade, percent", required=False, **_PERCENT),
        Field("percent_control", NUMBER, "any grade in the control arm, percent", required=False,
              **_PERCENT),
        Field("grade3plus_percent", NUMBER, "grade 3 or higher, percent", required=False,
              **_PERCENT),
        _text("source", _SOURCE_TEXT),
        _text("management", "what to monitor and why (a teaching principle, not a dose rule)"),
    )),
    _text("poor_fit", "what makes a patient a poor candidate, in words"),
    Field("poor_fit_factors", RECORDS, "the factors that cap its verdict", empty=True, fields=(
        _text("factor", "a comorbidity or patient state", allowed=vocabulary("POOR_FIT_FACTORS")),
        _text("caps", "the best verdict the factor allows", allowed=("note", *VERDICTS[1:])),
        _text("why", "why, in words"),
        _text("source", _SOURCE_TEXT),
        _text("confidence", CONFIDENCE_CODE, allowed=_FACT_CONFIDENCE),
    )),
    Field("before_starting", RECORDS, "checks before the first dose", required=False, fields=(
              _text("check", "the check, in words"),
              Field("when", TEXTS, "conditions that must all hold (see Conditions)",
                    required=False),
              _text("source", _SOURCE_TEXT),
              _text("confidence", CONFIDENCE_CODE, allowed=_FACT_CONFIDENCE),
          )),
    Field("key_trials", TEXTS, "trial names of trials.csv", empty=True),
    Field("sources", ANY, "ids of sources.yaml; a citation with neither PMID nor DOI may be "
          "written out as a mapping with citation"),
    Field("last_checked", DATE, "the date the entry was last checked against its sources",
          past=True),
    Field("roles", TEXTS, "what a rule asks of this option that its class group does not say "
          "(each role's meaning is in vocab.THERAPY_ROLES); role names are not therapy ids, and "
          "the engine never asks for a therapy by its id", required=False,
          allowed=vocabulary("THERAPY_ROLES")),
    Field("combination_of", TEXTS, "for a combination: the class groups it joins (at least two, "
          "its class's group among them); a rule about an SSA then speaks of it too, and a "
          "patient who had it has had an SSA", required=False,
          allowed=vocabulary("CLASS_GROUPS")),
    Field("evidence", TEXTS, "names of the entries of evidence_scope.yaml (trials that tested "
          "this option, guideline or expert positions on it) whose populations decide whether "
          "it may be preferred; a copy of the entry carries them", required=False),
))

THERAPY_CLASS = Kind("class", "therapies.yaml", "a therapy class (a key of the classes section)",
                     section="classes", fields=(
    _text("name", "its heading (a class sheet, a figure legend, the case timeline)"),
    _text("word", "how a sentence or a table cell says it, in the singular"),
    _text("group", "what a rule, a lesson or a figure asks of the class; every group but "
          "non_drug is systemic drug therapy, and a radioligand trial row names its "
          "radiopharmaceutical", allowed=vocabulary("CLASS_GROUPS")),
    _text("colour", "its colour in every figure, a palette name",
          allowed=Vocabulary("display.COLOUR_NAMES", tuple(COLOUR_NAMES))),
    _text("marker", "its shape in the trial figures, one per class",
          allowed=vocabulary("PLOT_MARKERS")),
    Field("lessons", TEXTS, "lesson ids of lessons.yaml that teach the class; a fact card no "
          "lesson lists is filed under the first"),
))


def _therapy_entries(document: object) -> list[tuple[str, Mapping]]:
    if not isinstance(document, Mapping):
        return []
    return [(str(key), value) for key, value in document.items()
            if key != "classes" and not str(key).startswith("x-")]


def _class_entries(document: object) -> list[tuple[str, Mapping]]:
    classes = document.get("classes") if isinstance(document, Mapping) else None
    return [(str(key), value) for key, value in (classes or {}).items()]


THERAPY.entries, THERAPY_CLASS.entries = _therapy_entries, _class_entries

# --- Source (data/sources.yaml) --------------------------------------------------------------

_SOURCE_CONFIDENCE = vocabulary("SOURCE_CONFIDENCE")
SOURCE = Kind("source", "sources.yaml", "a citation (id -> fields)", (
    _text("short", "the name in a sentence"),
    _text("reference", "the full citation"),
    _text("pmid", "the PubMed id (quoted)", required=False, pattern=r"[0-9]{1,9}",
          pattern_words="the digits 0-9 only (quoted)"),
    _text("doi", "the DOI", required=False, pattern=r"10\.\d{4,9}/\S+",
          pattern_words="a DOI like 10.xxxx/..."),
    _text("url", "a page to look the source up", required=False, pattern=r"https?://[^\s/]+\S*",
          pattern_words="a web address starting https:// (or http://)"),
    _text("confidence", "how far the source was checked (give it or note, not both)",
          required=False, allowed=_SOURCE_CONFIDENCE),
    _text("note", "the mark a reference list shows beside a source not checked in its paper or "
          "label", required=False),
    Field("last_checked", DATE, "the date the citation was last checked (quoted)",
          required=False, past=True),
    _text("identifiers_confidence", "secondary when the PMID (or, without one, the DOI) was seen "
          "only in a secondary list", required=False, allowed=_SOURCE_CONFIDENCE),
))
SOURCE.entries = lambda document: ([(str(k), v) for k, v in document.items()]
                                   if isinstance(document, Mapping) else [])

# --- Lesson (data/lessons.yaml) --------------------------------------------------------------

LESSON = Kind("lesson", "lessons.yaml", "a lesson (one item of lessons)", (
    _text("id", "the notebook's name without .py / .ipynb (notebooks/<id>.py)",
          pattern=r"\d\d_[a-z0-9_]+", pattern_words="the notebook's name, NN_words (e.g. "
          "05_prrt)"),
    _text("title", "the lesson's title, as its first heading says it (without \"Lesson N:\")"),
    _text("kind", "lesson keeps the lesson rhythm (objectives, explanation with a tool, check "
          "your understanding, summary, references); orientation is the start page",
          allowed=vocabulary("LESSON_KINDS")),
    _text("teaches", "one line for the README's lesson table"),
    Field("objectives", TEXTS, "the learning objectives, word for word as the notebook lists "
          "them (a test compares them); a lesson lists at least one", required=False,
          default=()),
    _text("questions", "the lesson's question file under questions/, or null", required=False),
    Field("exercises", TEXTS, "the exercise notebooks that practise it "
          "(exercises/solutions/<name>_solutions.py)", required=False,
          default=()),
    Field("trials", TEXTS, "trial names of trials.csv the lesson shows", required=False,
          default=()),
    Field("therapies", TEXTS, "therapy ids of therapies.yaml it shows", required=False,
          default=()),
    Field("sources", TEXTS, "ids of sources.yaml it cites", required=False, default=()),
    Field("pipeline", TEXTS, "pipeline entries of pipeline.yaml it shows", required=False,
          default=()),
    _text("reviewer", "the clinician who reviewed it against its sources (name and role), or "
          "null until then; given with reviewed", required=False),
    Field("reviewed", DATE, "the date of that review (YYYY-MM-DD), or null", required=False),
))
LESSON.entries = lambda document: [
    (str(item.get("id", f"lesson {n}")) if isinstance(item, Mapping) else f"lesson {n}", item)
    for n, item in enumerate(_section(document, "lessons"), start=1)]


def _section(document: object, name: str) -> list:
    value = document.get(name) if isinstance(document, Mapping) else None
    return value if isinstance(value, list) else []


def _listed(document: object, name: str) -> list[tuple[str, object]]:
    return [(str(item.get("id", f"#{n}")) if isinstance(item, Mapping) else f"#{n}", item)
            for n, item in enumerate(_section(document, name), start=1)]


# --- Question (data/questions/*.yaml) --------------------------------------------------------

QUESTION = Kind("question", "questions/*.yaml", "a question (one item of questions)", (
    _text("id", "unique across the bank, e.g. cls-01"),
    _text("kind", "how it is answered", allowed=vocabulary("QUESTION_KINDS")),
    _text("prompt", "the question a learner reads"),
    _text("reference", "its source in words, citing ids of sources.yaml as [@ID]"),
    Field("options", RECORDS, "multiple choice: 3-5 options, exactly one correct",
          required=False, fields=(
              _text("text", "the option"),
              Field("correct", BOOL, "true for the one right answer"),
              _text("explanation", "why it is right or wrong"),
          )),
    Field("accepted", ANY, "short answer: the accepted answers, each quoted text",
          required=False),
    _text("explanation", "short answer: why the answer is right", required=False),
))
QUESTION.entries = lambda document: _listed(document, "questions")

# --- Case (data/cases/*.yaml) ----------------------------------------------------------------

_PATIENT_FIELDS = (
    Field("ki67", NUMBER, "Ki-67, percent", required=False, **_PERCENT),
    Field("mitoses", NUMBER, "mitoses per 2 mm²", required=False, low=0),
    _text("differentiation", "the tumour's differentiation", required=False, default="well",
          allowed=vocabulary("DIFFERENTIATIONS")),
    _text("sstr", "the SSTR imaging status", required=False, default="unknown",
          allowed=vocabulary("SSTR_STATUSES")),
    _text("burden", "tumour burden", required=False, default="low",
          allowed=vocabulary("BURDENS")),
    Field("progressing", BOOL, "progression documented", required=False, default=False),
    Field("symptomatic", BOOL, "symptoms from the tumour", required=False, default=False),
    _text("syndrome", "a functioning syndrome, or null", required=False,
          allowed=vocabulary("SYNDROMES")),
    Field("prior", TEXTS, "therapy ids given before", required=False, default=()),
    Field("comorbidities", TEXTS, "comorbidities", required=False, default=(),
          allowed=vocabulary("COMORBIDITIES")),
    _text("hereditary", "a hereditary syndrome, or null", required=False,
          allowed=vocabulary("HEREDITARY_SYNDROMES")),
    _text("m_category", "where the metastases are, or null", required=False,
          allowed=vocabulary("M_CATEGORIES")),
    Field("resectable", BOOL, "can all visible disease be removed or ablated? null when not "
          "judged", required=False),
    _text("region", "whose approvals apply, or null", required=False,
          allowed=vocabulary("REGIONS")),
    Field("durable_benefit", TEXTS, "ids from prior that controlled the disease for a long time",
          required=False, default=()),
    Field("hypoglycaemia_refractory", BOOL, "insulinoma: hypoglycaemia despite diet, glucose and "
          "diazoxide", required=False, default=False),
    _text("dpyd", "DPYD status", required=False, default="unknown",
          allowed=vocabulary("DPYD_STATUSES")),
    Field("pregnancy_possible", BOOL, "may become pregnant", required=False, default=False),
    Field("pregnant", BOOL, "a present pregnancy", required=False, default=False),
    Field("performance_status", WHOLE, "ECOG performance status, null when not stated",
          required=False, allowed=vocabulary("PERFORMANCE_STATUSES")),
)
#: The names of the patient's fields (the engine's ``Patient``; a test keeps them equal).
PATIENT_FIELD_NAMES = tuple(f.name for f in _PATIENT_FIELDS)

CASE = Kind("case", "cases/*.yaml", "a case (one file)", (
    _text("id", "equals the file name without .yaml"),
    _text("title", "the case's title"),
    Field("topics", TEXTS, "short topic words"),
    _text("summary", "two lines a learner reads first"),
    _text("teaching_point", "the lesson of the whole case"),
    Field("patient", MAPPING, "the patient at the first step", fields=_PATIENT_FIELDS),
    Field("steps", RECORDS, "two or more decision points, in order", fields=(
        _text("id", "unique within the case"),
        _text("label", "the step's heading"),
        Field("month", NUMBER, "months since the first decision: every step or none",
              required=False, low=0),
        _text("situation", "what the learner is told at this point"),
        Field("changes", MAPPING, "patient fields that change at this point", required=False,
              fields=_PATIENT_FIELDS),
        Field("options", KEYED, "therapy ids offered, each with a verdict and feedback", fields=(
            _text("verdict", "the case author's verdict", allowed=vocabulary("VERDICTS")),
            _text("feedback", "what the learner reads after choosing it"),
            _text("engine_note", "why the author's verdict differs from the engine's",
                  required=False),
        )),
        _text("given", "the option the team chose (a therapy id of options)", required=False),
        _text("given_because", "why the team chose it", required=False),
        _text("teaching_point", "the step's lesson"),
    )),
    Field("references", TEXTS, "ids of sources.yaml the case rests on"),
))
CASE.entries = lambda document: ([(str(document.get("id")), document)]
                                 if isinstance(document, Mapping) else [])

# --- Exercise (data/exercises/*.yaml) --------------------------------------------------------

_PATIENT_BY_NAME = {f.name: f for f in _PATIENT_FIELDS}
EXERCISE = Kind("exercise", "exercises/*.yaml", "an exercise (one item of exercises)", (
    _text("id", "unique across the exercise files, e.g. grade-1"),
    _text("kind", "the exercise kind: which fields it takes and how the key is computed"),
    _text("report", "the report or vignette the learner reads (every kind but trial_query)",
          required=False),
    _text("question", "trial_query: the question asked of the table", required=False),
    Field("query", MAPPING, "trial_query: find (trials, trial or figure) and its filters",
          required=False, open=True),
    _text("explain", "trial_query: the text shown after answering", required=False),
    _text("near_row", "trial_query: the row a near miss points to", required=False),
    Field("mistakes", RECORDS, "trial_query: expected wrong answers and what they say",
          required=False, open=True),
    Field("notes", RECORDS, "trial_query: notes shown when their condition holds",
          required=False, open=True),
    _text("source", "trial_query: row cites the cohort's own row", required=False),
    _text("ask", "sequencing: the verdict asked for", required=False,
          allowed=vocabulary("VERDICTS")),
    _text("therapy", "before_starting: a catalogue id", required=False),
    _text("factor", "poor_fit: a comorbidity", required=False,
          allowed=vocabulary("COMORBIDITIES")),
    Field("ki67_percent", NUMBER, "Ki-67, percent (in the report)", required=False, **_PERCENT),
    Field("mitoses_per_2mm2", NUMBER, "mitoses per 2 mm² (in the report)", required=False,
          low=0),
    Field("neuroendocrine_percent", NUMBER, "minen: the neuroendocrine part, percent",
          required=False, **_PERCENT),
    Field("size_cm", NUMBER, "t_category, stage: the tumour's size, cm", required=False, low=0),
    Field("invades", TEXTS, "t_category, stage: the structures it invades", required=False,
          empty=True),
    _text("nodes", "stage: N0 or N1", required=False, allowed=("N0", "N1")),
    Field("liver_metastases", BOOL, "stage: liver metastases", required=False),
    Field("extrahepatic_metastases", BOOL, "stage: extrahepatic metastases", required=False),
    Field("krenning_scores", NUMBERS, "sstr_reading: one whole score 0-4 per lesion",
          required=False, low=0, high=4),
    *(_PATIENT_BY_NAME[name] for name in PATIENT_FIELD_NAMES if name not in ("ki67", "mitoses")),
))
EXERCISE.entries = lambda document: _listed(document, "exercises")



#: Every kind, by name.
KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    THERAPY, THERAPY_CLASS, TRIAL, SOURCE, LESSON, QUESTION, CASE, EXERCISE, EVIDENCE_TRIAL,
    EVIDENCE_POSITION, NEAR_CUT_OFF)}

__all__ = ["CASE", "EXERCISE", "KINDS", "LESSON", "PATIENT_FIELD_NAMES", "QUESTION", "SOURCE",
           "THERAPY", "THERAPY_CLASS"]
