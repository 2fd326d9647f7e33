"""Exercise kind ``trial_query``: a question about the trial table whose answer is a query on it.

The entry names the query in data (``query:``) and the package runs it on ``trials()`` and
``label_figures()``, so the key is never typed and follows the tables when they change. Three
queries cover the lessons' pandas exercises:

``find: trials``
    the set of trial names with a cohort matching ``where`` (column: value, or a list of values),
    or, with ``every_cohort``, the trials all of whose cohorts match it. Answer: a list of trials.
``find: trial``
    the trial of the cohort with the ``lowest`` or ``highest`` value of a column among the cohorts
    matching ``where``. Answer: one trial name.
``find: figure``
    one figure (``field``) of one cohort (``trial``, ``cohort``) in a ``table`` (``trials`` or
    ``label_figures``). ``pfs_gain`` is ``pfs_median - pfs_median_control``. Answer: a number.

The learner reads ``explain`` after answering. Its placeholders take the query's results, with
Python's format specifications (``{journal[hr]:g}``): ``{journal[column]}`` and ``{label[column]}``
are the cohort's rows in ``trials()`` and ``label_figures()``; ``{best[column]}`` the row a
``find: trial`` query chose and ``{also[column]}`` the row of its ``also`` query; ``{ranking}`` the
first three of that ranking; ``{mixed}`` the trials with some cohorts matching ``every_cohort``
and some not; ``{near}`` the rows matching ``near`` (a looser filter) but left out, each written
with ``near_row``. ``mistakes`` names wrong answers worth a sentence of their own (the same figure
in the other table, or the right size with the wrong sign); ``notes`` add a sentence when the
cohort's row matches ``if``. Every query and placeholder is checked when the file is loaded.

>>> sorted(run_query({"find": "trials", "every_cohort": {"pannet": "no"}}))
['NETTER-1', 'PROMID']
>>> run_query({"find": "figure", "table": "label_figures", "trial": "CABINET",
...            "cohort": "pancreatic", "field": "hr"})
0.22
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping

from ...content.errors import ContentError
from ...content.fields import short_repr
from ..feedback import Feedback
from .answers import parse_months, parse_number, parse_trial, parse_trials
from .model import Kind, field_problem, set_mistakes

__all__ = [
    "HR_TOLERANCE",
    "KIND",
    "MONTHS_TOLERANCE",
    "PERCENT_TOLERANCE",
    "congress_only_trials",
    "lowest_hr_pannet_trial",
    "no_pannet_trials",
    "pfs_gains",
    "placebo_phase3_pannet_trials",
    "run_query",
]

TRIALS_SOURCE = "the trial table (each row cites its trial: see its PMID and DOI)"
#: Months: answers within this of the computed figure count (medians are given to 0.1 month).
MONTHS_TOLERANCE = 0.05
#: Hazard ratios are given to two or three decimals; answers within this count.
HR_TOLERANCE = 0.0005
#: Rates are given as whole or one-decimal percentages.
PERCENT_TOLERANCE = 0.05

FINDS = ("trials", "trial", "figure")
TABLES = ("trials", "label_figures")
#: Figures read in months and in percent (any other numeric column is read as a plain number).
MONTH_FIELDS = ("pfs_gain", "pfs_median", "pfs_median_control", "os_median", "os_median_control")
PERCENT_FIELDS = ("orr", "orr_control")
_QUERY_FIELDS = {
    "trials": {"find", "where", "every_cohort", "near"},
    "trial": {"find", "where", "lowest", "highest", "also"},
    "figure": {"find", "table", "trial", "cohort", "field"},
}
_PLACEHOLDERS = {
    "trials": {"mixed", "near"},
    "trial": {"best", "also", "ranking"},
    "figure": {"journal", "label"},
}
_ENTRY_FIELDS = ("question", "query", "explain")
_OPTIONAL_FIELDS = ("near_row", "mistakes", "notes", "source")


# --- The tables -----------------------------------------------------------------------------


def _table(name: str):
    """``trials()`` or ``label_figures()``, with ``pfs_gain`` added where both medians exist."""
    from ...evidence import label_figures, trials

    table = (trials if name == "trials" else label_figures)().copy()
    if {"pfs_median", "pfs_median_control"} <= set(table.columns):
        table["pfs_gain"] = (table["pfs_median"] - table["pfs_median_control"]).round(1)
    return table


def _filter(table, where: Mapping[str, object], field: str):
    """The rows matching every ``column: value`` (a list of values: any of them)."""
    if not isinstance(where, Mapping) or not where:
        raise field_problem(field, "must map table columns to a value or a list of values")
    mask = None
    for column, wanted in where.items():
        if column not in table.columns:
            raise field_problem(f"{field}.{column}", f"is not a column of the table; columns: "
                               f"{', '.join(map(str, table.columns))}")
        values = wanted if isinstance(wanted, list) else [wanted]
        for value in values:
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise field_problem(f"{field}.{column}", "must be text or a number (write yes "
                                   f"and no in quotes, \"yes\"); got {short_repr(value)}")
        test = table[column].isin(values)
        mask = test if mask is None else mask & test
    return table[mask]


def _row(table_name: str, trial: object, cohort: object, field: str = "query"):
    table = _table(table_name)
    rows = table[(table["trial"] == trial) & (table["cohort"] == cohort)]
    if rows.empty:
        raise field_problem(field, f"{table_name}() has no row for trial {short_repr(trial)}, "
                           f"cohort {short_repr(cohort)}")
    return rows.iloc[0]


def _ranked(query: Mapping[str, object], field: str):
    """The cohorts matching ``where``, ranked on ``lowest`` or ``highest`` (non-missing only)."""
    keys = [k for k in ("lowest", "highest") if k in query]
    if len(keys) != 1:
        raise field_problem(field, "give exactly one of lowest or highest (a column to rank on)")
    column = query[keys[0]]
    table = _table("trials")
    if column not in table.columns:
        raise field_problem(f"{field}.{keys[0]}", f"{short_repr(column)} is not a column of "
                                                 "trials()")
    rows = _filter(table, query["where"], f"{field}.where") if "where" in query else table
    rows = rows[rows[column].notna()]
    if rows.empty:
        raise field_problem(field, "no cohort matches the query")
    return rows.sort_values(column, ascending=keys[0] == "lowest"), column


def run_query(query: Mapping[str, object]) -> object:
    """The answer a query gives on today's tables (a set of trials, one trial, or a number).

    >>> run_query({"find": "trial", "lowest": "hr", "where": {"pannet": ["yes", "part"]}})
    'CABINET'
    >>> run_query({"find": "figure", "table": "trials", "trial": "RADIANT-3", "cohort": "all",
    ...            "field": "pfs_gain"})
    6.4
    """
    if not isinstance(query, Mapping):
        raise field_problem("query", "must be a mapping with find: trials, trial or figure")
    find = query.get("find")
    if find not in FINDS:
        raise field_problem("query.find", f"must be one of {', '.join(FINDS)}; got "
                                         f"{short_repr(find)}")
    unknown = sorted(set(query) - _QUERY_FIELDS[find])
    if unknown:
        raise field_problem(f"query.{unknown[0]}", f"is not a field of a find: {find} query; "
                           f"allowed: {', '.join(sorted(_QUERY_FIELDS[find]))}")
    if find == "trials":
        return frozenset(str(t) for t in _matching_trials(query))
    if find == "trial":
        if "also" in query:
            _ranked(query["also"], "query.also")
        return str(_ranked(query, "query")[0].iloc[0]["trial"])
    return _figure(query)


def _matching_trials(query: Mapping[str, object]) -> list[str]:
    table = _table("trials")
    keys = [k for k in ("where", "every_cohort") if k in query]
    if len(keys) != 1:
        raise field_problem("query", "give exactly one of where or every_cohort")
    chosen = _filter(table, query[keys[0]], f"query.{keys[0]}")
    if keys[0] == "where":
        return sorted(set(chosen["trial"]))
    hit = set(chosen.index)
    return sorted(t for t, rows in table.groupby("trial") if set(rows.index) <= hit)


def _figure(query: Mapping[str, object]) -> float:
    table = query.get("table")
    if table not in TABLES:
        raise field_problem("query.table", f"must be one of {', '.join(TABLES)}; got "
                                          f"{short_repr(table)}")
    row = _row(str(table), query.get("trial"), query.get("cohort"))
    field = query.get("field")
    if field not in row.index or field in ("trial", "cohort"):
        raise field_problem("query.field", f"{short_repr(field)} is not a figure of {table}()")
    try:
        value = float(row[field])
    except (TypeError, ValueError):
        raise field_problem("query.field",
                           f"{short_repr(field)} is not a number in {table}()") from None
    if value != value:
        raise field_problem("query.field", f"{table}() has no {field} for this cohort")
    return value


# --- What the learner reads ------------------------------------------------------------------


def _values(case: Mapping[str, object]) -> dict[str, object]:
    """The placeholders of ``explain`` for one entry, computed from the tables."""
    query = case["query"]
    find = query["find"]
    if find == "figure":
        out = {"journal": _maybe_row("trials", query), "label": _maybe_row("label_figures", query)}
        return out
    if find == "trial":
        ranked, column = _ranked(query, "query")
        ranking = "; ".join(
            f"{r['trial']}{_cohort_suffix(r['cohort'])} {r[column]:g}"
            for _, r in ranked.head(3).iterrows()
        )
        out = {"best": ranked.iloc[0], "ranking": ranking}
        if "also" in query:
            out["also"] = _ranked(query["also"], "query.also")[0].iloc[0]
        return out
    table = _table("trials")
    chosen = _run_set(query)
    out: dict[str, object] = {"mixed": "", "near": ""}
    if "every_cohort" in query:
        hit = set(_filter(table, query["every_cohort"], "query.every_cohort").index)
        out["mixed"] = ", ".join(sorted(
            str(t) for t, rows in table.groupby("trial") if set(rows.index) & hit
            and not set(rows.index) <= hit
        ))  # fmt: skip
    if "near" in query:
        near = _filter(table, query["near"], "query.near")
        near = near[~near["trial"].isin(chosen)]
        template = str(case.get("near_row", "{trial}"))
        out["near"] = "; ".join(template.format_map(dict(r)) for _, r in near.iterrows())
    return out


def _cohort_suffix(cohort: object) -> str:
    return "" if cohort == "all" else f" ({cohort})"


def _run_set(query: Mapping[str, object]) -> frozenset[str]:
    return frozenset(str(t) for t in _matching_trials(query))


def _maybe_row(table: str, query: Mapping[str, object]):
    try:
        return _row(table, query.get("trial"), query.get("cohort"))
    except ContentError:
        return None


def _explain(case: Mapping[str, object]) -> str:
    text = " ".join(str(case["explain"]).split()).format_map(_values(case))
    query = case["query"]
    for note in case.get("notes") or ():
        row = _maybe_row("trials", query) if query["find"] == "figure" else None
        if row is not None and all(row.get(k) == v for k, v in note["if"].items()):
            text += " " + " ".join(str(note["text"]).split())
    return text


def _source(case: Mapping[str, object]) -> str:
    if case.get("source") != "row":
        return TRIALS_SOURCE
    query = case["query"]
    row = _row(query["table"], query["trial"], query["cohort"])
    return str(row["citation"] if query["table"] == "trials" else row["source"])


def _mark(case: Mapping[str, object], given: object) -> Feedback:
    expected = run_query(case["query"])
    why, source = _explain(case), _source(case)
    find = case["query"]["find"]
    if find == "trials":
        return _compare_sets(expected, given, why, source)
    if find == "trial":
        # A clause that runs on after the trial's name takes a colon; a new sentence a full stop.
        joint = ": " if why[:1].islower() else ". "
        if given == expected:
            return Feedback(True, f"{expected}{joint}{why}", source)
        return Feedback(False, f"Not {given}{joint}{why}", source)
    tolerance = _tolerance(case["query"]["field"])
    if abs(given - expected) <= tolerance:
        return Feedback(True, why, source)
    for mistake in case.get("mistakes") or ():
        if _is_mistake(case["query"], mistake, given, tolerance):
            return Feedback(False, f"{' '.join(str(mistake['says']).split())} {why}", source)
    return Feedback(False, f"You gave {given:g}. {why}", source)


def _is_mistake(query: Mapping[str, object], mistake: Mapping[str, object], given: float,
                tolerance: float) -> bool:  # fmt: skip
    if mistake.get("negated"):
        return abs(given + _figure(query)) <= tolerance
    other = _figure({**query, "table": mistake["table"]})
    return abs(given - other) <= tolerance


def _compare_sets(expected: frozenset[str], given: frozenset[str], why: str,
                  source: str = TRIALS_SOURCE) -> Feedback:  # fmt: skip
    names = ", ".join(sorted(expected))
    if given == expected:
        return Feedback(True, f"{names}. {why}", source)
    wrong = set_mistakes(expected, given, lambda names: ", ".join(sorted(names)),
                         lambda names: f"should not include {names}")
    return Feedback(False, f"{wrong}. {why}", source)


def _tolerance(field: str) -> float:
    if str(field).startswith("hr"):
        return HR_TOLERANCE
    return MONTHS_TOLERANCE if field in MONTH_FIELDS else PERCENT_TOLERANCE


def _answer_form(case: Mapping[str, object]) -> str:
    query = case["query"]
    if query["find"] == "trials":
        return 'a list of trial names, e.g. ["PROMID"]'
    if query["find"] == "trial":
        return 'one trial name, e.g. "RADIANT-3"'
    if query["field"] in MONTH_FIELDS:
        return "a number of months, e.g. 3.2"
    return "a percentage, e.g. 40" if query["field"] in PERCENT_FIELDS else "a number, e.g. 0.5"


def _parser(case: Mapping[str, object]) -> Callable[[object], object]:
    query = case["query"]
    if query["find"] == "trials":
        return parse_trials
    if query["find"] == "trial":
        return parse_trial
    return parse_months if query["field"] in MONTH_FIELDS else parse_number


# --- Checking an entry when its file is loaded -----------------------------------------------


def _validate(case: Mapping[str, object]) -> object:
    """Run the query and every placeholder once, naming the field that fails."""
    answer = run_query(case["query"])
    find = case["query"]["find"]
    for name in ("question", "explain", "near_row"):
        if name in case and (not isinstance(case[name], str) or not case[name].strip()):
            raise field_problem(name, "must be non-empty text")
    allowed = _PLACEHOLDERS[find]
    for _text, field, _spec, conversion in string.Formatter().parse(str(case["explain"])):
        if field is None:
            continue
        root = field.split("[", 1)[0]
        if root not in allowed or "." in field or "(" in field or conversion:
            raise field_problem("explain", f"placeholder {{{field}}} is not allowed for a find: "
                               f"{find} query; use {', '.join(sorted(allowed))}")
    if "near_row" in case and "near" not in case["query"]:
        raise field_problem("near_row", "only a query with near lists rows")
    _check_list(case, "mistakes", {"says", "table", "negated"}, find == "figure")
    _check_list(case, "notes", {"if", "text"}, find == "figure")
    for mistake in case.get("mistakes") or ():
        if not mistake.get("negated") and mistake.get("table") not in TABLES:
            raise field_problem("mistakes", f"table must be one of {', '.join(TABLES)} (or give "
                               "negated: true)")
        if not isinstance(mistake.get("says"), str):
            raise field_problem("mistakes", "every mistake needs says: the sentence shown")
        if not mistake.get("negated"):
            _figure({**case["query"], "table": mistake["table"]})
    for note in case.get("notes") or ():
        if not isinstance(note.get("if"), Mapping) or not isinstance(note.get("text"), str):
            raise field_problem("notes", "every note needs if (column: value) and text")
    if case.get("source", "row") != "row":
        raise field_problem("source", "must be row (cite the cohort's own row) or left out")
    try:
        _explain(case)
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        raise field_problem("explain",
                           f"a placeholder cannot be filled: {short_repr(exc)}") from None
    return answer


def _check_list(case: Mapping[str, object], name: str, keys: set[str], allowed: bool) -> None:
    items = case.get(name)
    if items is None:
        return
    if not allowed:
        raise field_problem(name, "only a find: figure query takes it")
    if not isinstance(items, list) or not all(isinstance(i, Mapping) and set(i) <= keys
                                              for i in items):  # fmt: skip
        raise field_problem(name, f"must be a list of mappings with {', '.join(sorted(keys))}")


#: The entry kind ``trial_query`` in the exercise files.
KIND = Kind(
    lambda case: " ".join(str(case["question"]).split()),
    _answer_form,
    _ENTRY_FIELDS,
    _OPTIONAL_FIELDS,
    _parser,
    _mark,
    _validate,
    needs_report=False,
    parse_per_entry=True,
)


# --- The same queries as functions, for lessons and tests -------------------------------------


def no_pannet_trials() -> frozenset[str]:
    """Trials none of whose cohorts enrolled panNET (``pannet == "no"`` in every row).

    >>> sorted(no_pannet_trials())
    ['NETTER-1', 'PROMID']
    """
    return run_query({"find": "trials", "every_cohort": {"pannet": "no"}})


def placebo_phase3_pannet_trials() -> frozenset[str]:
    """Randomised placebo-controlled phase III trials with panNET patients (``pannet`` yes/part).

    >>> sorted(placebo_phase3_pannet_trials())[:2]
    ['A6181111', 'CABINET']
    """
    where = {"design": "randomised_controlled", "phase": "III", "comparator": "placebo",
             "pannet": ["yes", "part"]}  # fmt: skip
    return run_query({"find": "trials", "where": where})


def congress_only_trials() -> frozenset[str]:
    """Trials whose figures come from a congress report, not a peer-reviewed paper.

    >>> "COMPETE" in congress_only_trials()
    True
    """
    return run_query({"find": "trials", "where": {"figures_source": "congress"}})


def lowest_hr_pannet_trial() -> tuple[str, float]:
    """The trial (and hazard ratio) with the lowest PFS/TTP hazard ratio among cohorts with panNET.

    >>> lowest_hr_pannet_trial()
    ('CABINET', 0.23)
    """
    best = _ranked({"lowest": "hr", "where": {"pannet": ["yes", "part"]}}, "query")[0].iloc[0]
    return str(best["trial"]), float(best["hr"])


def pfs_gains():
    """Absolute PFS gain (months) of every randomised controlled cohort reporting both PFS medians.

    Returns a DataFrame with ``trial``, ``cohort``, ``pfs_median``, ``pfs_median_control``,
    ``pfs_gain`` and ``hr``, largest gain first.

    >>> table = pfs_gains()
    >>> table.iloc[0]["trial"], round(float(table.iloc[0]["pfs_gain"]), 1)
    ('STARTER-NET', 16.1)
    """
    where = {"design": "randomised_controlled", "time_endpoint": "PFS"}
    rows, _column = _ranked({"highest": "pfs_gain", "where": where}, "query")
    columns = ["trial", "cohort", "pfs_median", "pfs_median_control", "pfs_gain", "hr"]
    return rows[columns].reset_index(drop=True)
