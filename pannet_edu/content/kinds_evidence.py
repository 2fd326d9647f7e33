"""The declaration of the evidence kinds: a trial cohort (a row of ``trials.csv``) and the
populations of ``evidence_scope.yaml`` (a trial's enrolment, a guideline or expert position, and
the Ki-67 margin around a cut-off). See :mod:`pannet_edu.content.schema` for what a declaration
gives, and :mod:`pannet_edu.content.kinds` for the other kinds.

>>> TRIAL.field("hr").above
0
>>> EVIDENCE_TRIAL.field("population").field("grades").allowed_values
('G1', 'G2', 'G3', 'NEC')
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping

from ..vocab import GRADE_LABELS
from .schema import (
    BOOL,
    DATE,
    MAPPING,
    NUMBER,
    TEXT,
    TEXTS,
    WHOLE,
    Field,
    Kind,
    Vocabulary,
    vocabulary,
)

_PERCENT = {"low": 0, "high": 100}


def _text(name: str, meaning: str, **options) -> Field:
    return Field(name, TEXT, meaning, **options)


# --- Trial (data/trials.csv) -----------------------------------------------------------------

_POSITIVE = {"above": 0}


def _number(name: str, meaning: str, **options) -> Field:
    return Field(name, NUMBER, meaning, required=False, **options)


TRIAL = Kind("trial", "trials.csv", "a trial cohort (one row of trials.csv)", (
    _text("trial", "trial name as used across the toolkit; with cohort, unique"),
    _text("cohort", "cohort name (all for a trial with one population)"),
    _text("therapy", "therapy id of therapies.yaml (the experimental arm); empty when the "
          "regimen is not in the catalogue", required=False),
    _text("regimen", "the experimental arm in words (required when therapy is empty)",
          required=False),
    _text("regimen_class", "the class of a regimen outside the catalogue: a catalogue class or "
          "combination (required when therapy is empty)", required=False),
    _text("radiopharmaceutical", "for a PRRT row, the radiopharmaceutical tested (required for "
          "PRRT, allowed for a combination, empty otherwise; the names of "
          "evidence/radiopharmaceuticals.py). A row names the catalogue therapy prrt "
          "(177Lu-DOTATATE) only if it tested 177Lu-DOTATATE", required=False),
    _text("comparator", "control arm in words; empty without a control arm", required=False),
    _text("design", "the trial design: the randomised designs have a control arm, single_arm "
          "and retrospective have none", allowed=vocabulary("DESIGN_WORDS")),
    _text("phase", "the trial phase", allowed=vocabulary("TRIAL_PHASES")),
    _text("setting", "where patients stood when they entered the trial: first line "
          "(treatment-naive or no recent systemic therapy), progressive (radiological progression "
          "required), after SSA (progression on a somatostatin analogue), pretreated (prior "
          "systemic therapy required), not restricted", allowed=vocabulary("TRIAL_SETTINGS")),
    _text("pannet", "were panNETs enrolled? no marks evidence extrapolated to panNET",
          allowed=vocabulary("PANNET_ENROLLED")),
    _text("population", "who was enrolled, in words"),
    _text("primary_endpoint", "as the trial defined it (PFS, TTP, 12-month PFS rate ..., not "
          "stated)", required=False),
    _text("time_endpoint", "what the pfs_median columns hold (PROMID and Moertel report TTP)",
          required=False,
          allowed=vocabulary("TIME_ENDPOINTS")),
    Field("n", WHOLE, "patients in the cohort (randomised, or analysed for a retrospective "
          "series)", required=False, above=0),
    _number("pfs_median", "median PFS (or TTP), months", **_POSITIVE),
    _number("pfs_median_control", "median PFS (or TTP) of the control arm, months", **_POSITIVE),
    Field("pfs_median_not_reached", BOOL, "true when the source reports the therapy arm's "
          "median as not reached; pfs_median is then empty", required=False, default=False),
    _number("hr", "PFS (or TTP) hazard ratio", **_POSITIVE),
    _number("hr_low", "lower bound of its 95% CI", **_POSITIVE),
    _number("hr_high", "upper bound of its 95% CI", **_POSITIVE),
    Field("landmark_months", WHOLE, "the time of a landmark PFS rate, months", required=False,
          above=0),
    _number("landmark_pfs", "PFS rate at that time, percent", **_PERCENT),
    _number("landmark_pfs_control", "PFS rate of the control arm, percent", **_PERCENT),
    _number("orr", "objective response rate, percent", **_PERCENT),
    _number("orr_control", "objective response rate of the control arm, percent", **_PERCENT),
    _number("os_median", "median overall survival, months", **_POSITIVE),
    _number("os_median_control", "median OS of the control arm, months", **_POSITIVE),
    _number("os_hr", "OS hazard ratio", **_POSITIVE),
    _number("os_hr_low", "lower bound of its 95% CI", **_POSITIVE),
    _number("os_hr_high", "upper bound of its 95% CI", **_POSITIVE),
    _text("os_source", "where the OS figures come from: opens with the id of its source in "
          "sources.yaml as [@ID], then a note in brackets", required=False),
    _text("source_id", "the source of the row's figures, an id of sources.yaml (the table's "
          "citation, pmid and doi columns are read from there)"),
    _text("nct", "the trial's registry id", required=False, pattern=r"NCT[0-9]{8}",
          pattern_words="a ClinicalTrials.gov id like NCT01234567"),
    Field("identifiers_verified", BOOL, "true when the PMID/DOI given were seen in a source",
          required=False, default=False),
    _text("figures_source", "the kind of document the figures were read from: a journal paper, "
          "a congress abstract, a later paper quoting the figure (review), a news or summary "
          "report (summary), a label",
          allowed=vocabulary("FIGURES_SOURCES")),
    _text("confidence", "the confidence mark of the row (see the table above)",
          allowed=vocabulary("TRIAL_CONFIDENCE")),
    Field("last_checked", DATE, "date the row was last checked against its source", past=True),
    _text("notes", "doses of the trial arms, p values, caveats, figures that fit no column "
          "(a source cited as [@ID])",
          required=False),
))


def trial_rows(text: str) -> list[tuple[str, dict]]:
    """The rows of a trials table as entries: an empty cell is absent, a cell of a number or
    true/false column read as such (a cell that is not one stays text, and is refused).

    >>> trial_rows("trial,cohort,n\\nA,all,12\\n")
    [('A / all', {'trial': 'A', 'cohort': 'all', 'n': 12})]
    """
    rows = []
    for raw in csv.DictReader(io.StringIO(text)):
        row = trial_cells(raw)
        rows.append((f"{row.get('trial')} / {row.get('cohort')}", row))
    return rows


#: A number as a cell of trials.csv writes it: the digits 0-9 (not look-alike digits of other
#: scripts, which Python's float() would read), an optional sign, point and exponent; ``inf`` and
#: ``nan`` are read too, so the declaration refuses them as numbers that are not finite.
_NUMBER_CELL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|"
                          r"[-+]?(?:inf|infinity|nan)", re.IGNORECASE)


def trial_cells(raw: Mapping[str, str | None]) -> dict[str, object]:
    """One row of a trials table (column -> cell text) as the entry its declaration checks: an
    empty cell is absent, a number or true/false cell read as such (one that is not stays text,
    and :func:`~pannet_edu.content.schema.validate` refuses it naming the column).

    >>> trial_cells({"trial": " A ", "n": "12", "hr": "0,5", "identifiers_verified": "TRUE"})
    {'trial': 'A', 'n': 12, 'hr': '0,5', 'identifiers_verified': True}
    """
    types = {f.name: f.type for f in TRIAL.fields}
    row: dict[str, object] = {}
    for key, cell in raw.items():
        cell = (cell or "").strip()
        if cell:
            row[key] = _cell(types.get(key), cell)
    return row


def _cell(kind: str | None, cell: str) -> object:
    if kind in (NUMBER, WHOLE) and _NUMBER_CELL.fullmatch(cell):
        number = float(cell)
        return int(number) if kind == WHOLE and number.is_integer() else number
    if kind == BOOL and cell.lower() in ("true", "false"):
        return cell.lower() == "true"
    return cell


TRIAL.entries = lambda text: trial_rows(text) if isinstance(text, str) else []
TRIAL.entries = lambda text: trial_rows(text) if isinstance(text, str) else []

# --- Evidence scope (data/evidence_scope.yaml) -----------------------------------------------

_ONLY_TRUE = (True,)
_EXCLUDED = ("excluded",)


def _only_true(name: str, meaning: str) -> Field:
    return Field(name, BOOL, f"{meaning}: true, or left out", required=False,
                 allowed=_ONLY_TRUE)


_POPULATION = Field("population", MAPPING, "the eligibility, as far as the sources give it "
                    "(every key optional); a patient value that is not stated excludes no one, "
                    "an SSTR status that is not known does", required=False, fields=(
    Field("differentiation", TEXTS, "the differentiations enrolled", required=False,
          allowed=vocabulary("DIFFERENTIATIONS")),
    Field("grades", TEXTS, "the WHO grades enrolled (the grade the patient's Ki-67 and mitoses "
          "give)", required=False, allowed=Vocabulary("vocab.GRADE_LABELS",
                                                      tuple(GRADE_LABELS))),
    _text("grades_note", "why the grades are what they are (e.g. before the WHO grading era)",
          required=False),
    Field("ki67", MAPPING, "the Ki-67 range enrolled, percent (min and max inclusive, below "
          "exclusive); gives at least one", required=False, fields=(
              Field("min", NUMBER, "lowest Ki-67 enrolled", required=False, **_PERCENT),
              Field("max", NUMBER, "highest Ki-67 enrolled", required=False, **_PERCENT),
              Field("below", NUMBER, "Ki-67 enrolled below this", required=False, **_PERCENT),
          )),
    Field("sstr", TEXTS, "the SSTR statuses enrolled", required=False,
          allowed=vocabulary("SSTR_STATUSES")),
    _text("functioning", "whether functioning tumours were enrolled", required=False,
          allowed=("non_functioning_only", "functioning_allowed")),
    Field("syndromes", TEXTS, "syndromes of which the patient must have one", required=False,
          allowed=vocabulary("SYNDROMES")),
    _only_true("progressing", "progression was required"),
    _text("prior", "systemic therapy before: none allowed, or at least one required",
          required=False, allowed=("none", "required")),
    Field("prior_any_of", TEXTS, "therapy ids of therapies.yaml of which at least one was given "
          "before", required=False),
    Field("prior_none_of", TEXTS, "therapy ids of therapies.yaml none of which was given "
          "before", required=False),
    Field("max_prior_lines", WHOLE, "at most this many prior systemic therapies",
          required=False, low=0, high=4),
    _text("durable_benefit_of", "a therapy id of therapies.yaml that controlled the disease for "
          "a long time", required=False),
    _text("pancreatic", "no pancreatic primaries (never evidence for a panNET)", required=False,
          allowed=_EXCLUDED),
    _text("metastatic", "metastatic disease excluded (never for this toolkit's patients)",
          required=False, allowed=_EXCLUDED),
    Field("hereditary", TEXTS, "hereditary syndromes of which the patient must have one",
          required=False, allowed=vocabulary("HEREDITARY_SYNDROMES")),
    Field("max_performance_status", WHOLE, "the highest ECOG status enrolled (a patient whose "
          "status is not stated is not excluded)", required=False, low=0, high=4),
    _only_true("hypoglycaemia_refractory", "refractory hypoglycaemia was required"),
    _only_true("resectable", "resectable disease was required"),
    _only_true("liver_metastases", "liver metastases were required"),
    _only_true("symptomatic", "symptoms were required"),
))
_WORDS = _text("words", "how a reason names the population (learner-facing)")
_EVIDENCE_SOURCE = _text("source", "an id of sources.yaml, or words citing one as [@ID]")
_EVIDENCE_CONFIDENCE = _text("confidence", "the confidence mark of the fact",
                             allowed=vocabulary("FACT_CONFIDENCE"))

_SAYS_WORDS = ("; {trial} stands for the trial's name, so a renamed trial is renamed in every "
               "verdict sentence")
_SAYS = Field("says", MAPPING, "what a rule says of the option the trial tested, by situation "
              "(learner-facing sentences" + _SAYS_WORDS + ")",
              required=False, fields=(
    _text("progressing", "the disease is progressing", required=False),
    _text("progressing_with_uptake", "progressing, with SSTR uptake a radioligand can target",
          required=False),
    _text("stable", "whom it enrolled, said of a patient whose disease is stable",
          required=False),
    _text("net_g3", "whom it enrolled, said of a NET G3", required=False),
    _text("untreated", "said of a patient without the prior therapy it required",
          required=False),
    _text("after_treatment", "said after \"Progressing after <the prior therapies>:\"",
          required=False),
    _text("shrinkage", "what the option's response rate means when shrinkage is needed (said "
          "after the reasons for shrinkage)", required=False),
    _text("nec", "what the trial's population means for a neuroendocrine carcinoma (said after "
          "\"Poorly differentiated (NEC):\")", required=False),
    _text("after_platinum", "the regimen and its result as a second line for NEC after "
          "platinum-etoposide (the trials' sentences are joined with \"and\")", required=False),
    _text("last_line_nec", "what second-line results for NEC after platinum-etoposide amount "
          "to, when a clinical trial is the answer", required=False),
    _text("first_line_enrolled", "whom it enrolled at first line, said of a patient outside "
          "its poor-prognosis population", required=False),
    _text("first_line_result", "its first-line result, said of a patient inside its "
          "poor-prognosis population", required=False),
    _text("surveillance", "what it showed about starting early, said where surveillance is an "
          "option", required=False),
    _text("durable_benefit", "what re-treatment gave, said after a long benefit from the "
          "option", required=False),
    _text("insulinoma", "its result in insulinoma, said before hypoglycaemia is refractory",
          required=False),
    _text("refractory_with_uptake", "its result in insulinoma with refractory hypoglycaemia and "
          "SSTR uptake", required=False),
    _text("refractory_without_uptake", "its result in insulinoma with refractory hypoglycaemia, "
          "said where SSTR uptake is not clear", required=False),
))

EVIDENCE_TRIAL = Kind("evidence_trial", "evidence_scope.yaml", "a trial's enrolment (a key of "
                      "the trials section: the trial's name as in trials.csv)", (
    _WORDS,
    _POPULATION,
    _SAYS,
    Field("contrasts_with", TEXTS, "trials of trials.csv its sentences name as not evidence "
          "for the option (written {contrasted[0]}, {contrasted[1]} ...)", required=False,
          default=()),
    Field("cites_with", TEXTS, "other trials of trials.csv its sentences cite beside it "
          "(written {cited[0]} ...)",
          required=False, default=()),
    _text("region", "where it was run, when only there (a caveat a reason names; it excludes "
          "no one)", required=False),
    _text("comparator", "what the trial compared the option with, when a reason must say it",
          required=False),
    Field("ki67_cut_off", NUMBER, "a Ki-67 line the trial's findings turn on that is not an "
          "eligibility bound, percent", required=False, **_PERCENT),
    _EVIDENCE_SOURCE,
    _EVIDENCE_CONFIDENCE,
))
EVIDENCE_POSITION = Kind("evidence_position", "evidence_scope.yaml", "a guideline or expert "
                         "position that may support preferred (a key of the positions section)",
                         (_WORDS, _POPULATION, _SAYS, _EVIDENCE_SOURCE,
                          _EVIDENCE_CONFIDENCE))
NEAR_CUT_OFF = Kind("near_cut_off", "evidence_scope.yaml", "the ki67_near_cut_off section: "
                    "within margin points of a trial's Ki-67 cut-off no option is preferred on "
                    "Ki-67 alone", (
    Field("cut_off", NUMBER, "the Ki-67 cut-off, percent", **_PERCENT),
    Field("margin", NUMBER, "percentage points either side (a teaching choice)", **_PERCENT),
    _WORDS,
    _text("source", "its source, in words"),
    _EVIDENCE_CONFIDENCE,
))


def _scope_section(name: str):
    def entries(document: object) -> list[tuple[str, Mapping]]:
        section = document.get(name) if isinstance(document, Mapping) else None
        return [(str(key), value) for key, value in section.items()] if isinstance(
            section, Mapping) else []
    return entries


EVIDENCE_TRIAL.entries = _scope_section("trials")
EVIDENCE_POSITION.entries = _scope_section("positions")
NEAR_CUT_OFF.entries = lambda document: (
    [("ki67_near_cut_off", document["ki67_near_cut_off"])]
    if isinstance(document, Mapping) and "ki67_near_cut_off" in document else [])

__all__ = ["EVIDENCE_POSITION", "EVIDENCE_TRIAL", "NEAR_CUT_OFF", "TRIAL", "trial_cells",
           "trial_rows"]
