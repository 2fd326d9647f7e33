"""Each kind of content declared once: its fields, their type, meaning, allowed values and default.

A :class:`Kind` (therapy, therapy class, trial, source, lesson, question, case, exercise) names
the data file that holds its entries and declares every field of an entry as a :class:`Field`,
the way otter-grader declares a configuration key once (``fica.Key(description=..., default=...)``)
and takes its checks and its documentation from that one declaration. From a :class:`Kind` come:

- the loader's checks of shape, type and allowed values (:func:`validate`), each problem a
  :class:`~pannet_edu.content.ContentError` naming the file, the entry and the field actually
  wrong (``toxicities[2].percent``), with what is allowed;
- the checks that read two fields or two files (a confidence interval the wrong way round, an
  unknown trial), written as plain functions and registered on the kind (:meth:`Kind.check`),
  so ``pannet-edu check`` runs them with the declaration;
- the field tables of ``data/README.md`` and the ``# Fields`` block at the top of a YAML file
  (:func:`field_table`, :func:`header_block`), written by ``tools/write_schema_docs.py`` and
  compared with the checked-in text by a test.

Allowed values are read from :mod:`pannet_edu.vocab`, their one home (:func:`vocabulary`).
The kinds themselves are declared in :mod:`pannet_edu.content.kinds`.

>>> name = Field("name", TEXT, "its heading")
>>> kind = Kind("example", "example.yaml", "one example", (name,))
>>> validate(kind, "example.yaml", "first", {"name": "A"})
{'name': 'A'}
>>> validate(kind, "example.yaml", "first", {"name": 3})
Traceback (most recent call last):
...
pannet_edu.content.errors.ContentError: example.yaml: entry first, field name: must be \
non-empty text, got 3
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from numbers import Real

from .. import vocab
from .errors import ContentError
from .fields import is_boolean, short_repr

#: The types a field may have, each with how the field tables say it.
TEXT, TEXTS, BOOL, NUMBER, WHOLE, DATE = ("text", "list of texts", "true/false", "number",
                                          "whole number", "date")
NUMBERS, MAPPING, RECORDS = "list of numbers", "mapping", "list of mappings"
KEYED, ANY = "mapping by key", "any"
TYPES = (TEXT, TEXTS, BOOL, NUMBER, WHOLE, DATE, NUMBERS, MAPPING, RECORDS, KEYED, ANY)
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


@dataclass(frozen=True)
class Vocabulary:
    """A named set of allowed values, read from :mod:`pannet_edu.vocab` (or given, for a few
    words that belong to one file only).

    >>> vocabulary("REGIONS").values
    ('US', 'EU', 'China')
    """

    name: str
    values: tuple


def vocabulary(name: str) -> Vocabulary:
    """The vocabulary ``name`` of :mod:`pannet_edu.vocab` (a tuple, or a mapping's keys).

    >>> vocabulary("FACT_CONFIDENCE").values[:2]
    ('verified', 'secondary')
    """
    values = getattr(vocab, name)
    return Vocabulary(f"vocab.{name}", tuple(values))


@dataclass(frozen=True)
class Field:
    """One field of an entry: its name, type (one of :data:`TYPES`), meaning for an instructor,
    allowed values (a :class:`Vocabulary` or a tuple; for a list, of each item), whether it is
    required (``default`` is what an absent optional field means), whether it may be empty
    (``null`` or an empty list), a pattern (with the words an error gives for it), a range for
    numbers (``low`` and ``high`` inclusive, ``above`` a bound the number must exceed), and the
    fields of each nested mapping (``fields``; for :data:`KEYED`, ``keys``
    limits the keys).

    >>> Field("caps", TEXT, "the verdict it caps", allowed=("caution",)).allowed_values
    ('caution',)
    """

    name: str
    type: str
    meaning: str
    allowed: Vocabulary | tuple | None = None
    required: bool = True
    default: object = None
    empty: bool = False
    pattern: str | None = None
    pattern_words: str = ""
    low: float | None = None
    high: float | None = None
    above: float | None = None
    past: bool = False
    fields: tuple[Field, ...] = ()
    keys: Vocabulary | tuple | None = None
    open: bool = False

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"type must be one of {', '.join(TYPES)}, got {self.type!r}")

    def field(self, name: str) -> Field:
        """The nested field ``name``; ``KeyError`` for an undeclared one.

        >>> Field("parts", RECORDS, "parts", fields=(Field("a", TEXT, "a"),)).field("a").type
        'text'
        """
        for declared in self.fields:
            if declared.name == name:
                return declared
        raise KeyError(name)

    @property
    def allowed_values(self) -> tuple:
        """The allowed values as a tuple (empty when any value of the type is allowed)."""
        return _values(self.allowed)


def _values(allowed: Vocabulary | tuple | None) -> tuple:
    if allowed is None:
        return ()
    return allowed.values if isinstance(allowed, Vocabulary) else tuple(allowed)


Check = Callable[[str, str, Mapping], None]


@dataclass
class Kind:
    """One kind of content: ``file`` (a file, or a pattern such as ``questions/*.yaml``, inside
    the data folder), what one ``entry`` is, its ``fields``, how to find its entries in a loaded
    file (``entries``: ``document -> [(entry name, record), ...]``), and the checks across fields
    or files registered with :meth:`check`."""

    name: str
    file: str
    entry: str
    fields: tuple[Field, ...]
    entries: Callable[[object], list[tuple[str, Mapping]]] | None = None
    checks: list[Check] = field(default_factory=list)
    open: bool = False
    #: For entries that are the keys of one section (``classes``): the section, named as the
    #: entry of an error, the key opening the field (``classes``, ``prrt.colour``).
    section: str = ""

    def check(self, function: Check) -> Check:
        """Register a check across fields (or files) of one entry: ``function(file, entry,
        record)`` raising :class:`ContentError`. Returns ``function`` (use as a decorator)."""
        if function not in self.checks:
            self.checks.append(function)
        return function

    def field(self, name: str) -> Field:
        """The declared field ``name``; ``KeyError`` for an undeclared one."""
        for declared in self.fields:
            if declared.name == name:
                return declared
        raise KeyError(name)


# --- Validation ------------------------------------------------------------------------------


def validate(kind: Kind, file: str, entry: str, record: object, *, checks: bool = True,
             at: str = "") -> dict:
    """``record`` checked against ``kind``'s declaration (and, with ``checks``, its registered
    checks): returns a copy with every absent optional field set to its default. The first
    problem is a :class:`ContentError` naming ``file``, ``entry`` and the field (after ``at``,
    for an entry of a section: ``classes``, ``prrt.colour``), with what is allowed.
    """
    if not isinstance(record, Mapping):
        raise ContentError(file, entry, at.rstrip(".") or "-", f"must be a mapping of fields, "
                           f"got {short_repr(record)}")
    out = _mapping(kind.fields, record, file, entry, at, kind.open)
    if checks:
        for check in kind.checks:
            check(file, entry, out)
    return out


def _mapping(fields: tuple[Field, ...], record: Mapping, file: str, entry: str, at: str,
             open_: bool) -> dict:
    names = [f.name for f in fields]
    if not open_:
        for key in record:
            if key not in names:
                raise ContentError(file, entry, f"{at}{key}", f"unknown field {short_repr(key)} "
                                   f"(allowed: {', '.join(names)})")
    out = dict(record)
    for declared in fields:
        path = f"{at}{declared.name}"
        if declared.name not in record:
            if declared.required:
                raise ContentError(file, entry, path, f"missing ({_type_words(declared)})")
            out[declared.name] = declared.default
            continue
        out[declared.name] = _value(declared, record[declared.name], file, entry, path)
    return out


def _value(declared: Field, value: object, file: str, entry: str, path: str) -> object:
    def fail(problem: str) -> ContentError:
        return ContentError(file, entry, path, problem)

    if value is None or (isinstance(value, list | dict) and not value):
        if declared.empty or not declared.required:
            return declared.default if value is None else value
        raise fail(f"must be a non-empty {_type_words(declared).removeprefix('it must be ')}")
    kind = declared.type
    if kind == ANY:
        return value
    if kind in (TEXTS, NUMBERS, RECORDS):
        if not isinstance(value, list):
            raise fail(f"must be a {kind}, got {short_repr(value)}")
        item_type = {TEXTS: TEXT, NUMBERS: NUMBER, RECORDS: MAPPING}[kind]
        return [_single(declared, item_type, item, fail, file, entry, f"{path}[{number}]")
                for number, item in enumerate(value, start=1)]
    if kind == KEYED:
        keys = _values(declared.keys)
        if not isinstance(value, Mapping):
            raise fail(f"must be a mapping by key ({_listed(keys) or 'any key'} -> "
                       f"{', '.join(f.name for f in declared.fields)}), got {short_repr(value)}")
        out = {}
        for key, item in value.items():
            if keys and key not in keys:
                raise ContentError(file, entry, f"{path}.{key}", f"{short_repr(key)} is not a "
                                   f"key here: must be one of {_listed(keys)}")
            out[key] = _single(declared, MAPPING, item, fail, file, entry, f"{path}.{key}")
        return out
    return _single(declared, kind, value, fail, file, entry, path)


def _single(declared: Field, kind: str, value: object, fail, file: str, entry: str,
            path: str) -> object:
    if kind == MAPPING:
        if not isinstance(value, Mapping):
            raise ContentError(file, entry, path, f"must be a mapping of fields "
                               f"({', '.join(f.name for f in declared.fields)}), got "
                               f"{short_repr(value)}")
        if declared.fields:
            return _mapping(declared.fields, value, file, entry, f"{path}.", declared.open)
        return value
    where = (file, entry, path)  # the error is made only when there is one
    if kind == TEXT:
        if isinstance(value, str) and not value.strip():
            raise _at(where, "missing (it must be non-empty text)")
        if not isinstance(value, str):
            raise _at(where, f"must be non-empty text, got {short_repr(value)}")
        if declared.pattern and not re.fullmatch(declared.pattern, value.strip()):
            raise _at(where, f"must be {declared.pattern_words or declared.pattern}, got "
                      f"{short_repr(value)}")
    elif kind == BOOL:
        if not is_boolean(value):
            raise _at(where, f"must be true or false, got {short_repr(value)}")
    elif kind in (NUMBER, WHOLE):
        _number(declared, kind, value, where)
    elif kind == DATE:
        _date(declared, value, where)
    allowed = declared.allowed_values
    if allowed and value not in allowed:
        raise _at(where, f"must be one of {_listed(allowed)}; got {short_repr(value)}")
    return value


def _at(where: tuple[str, str, str], problem: str) -> ContentError:
    return ContentError(*where, problem)


def _number(declared: Field, kind: str, value: object, where: tuple[str, str, str]) -> None:
    if is_boolean(value) or not isinstance(value, Real) or math.isnan(float(value)):
        raise _at(where, f"must be a {kind}, got {short_repr(value)}")
    if math.isinf(float(value)):
        raise _at(where, f"must be a finite number, got {short_repr(value)}")
    if kind == WHOLE and float(value) != int(value):
        raise _at(where, f"must be a whole number, got {short_repr(value)}")
    if (declared.low is not None and value < declared.low) or (
            declared.high is not None and value > declared.high) or (
            declared.above is not None and value <= declared.above):
        raise _at(where, f"must be {_range_words(declared)}, got {short_repr(value)}")


def _date(declared: Field, value: object, where: tuple[str, str, str]) -> None:
    day = value
    if isinstance(value, str) and _DATE_TEXT.fullmatch(value.strip()):
        try:
            day = datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise _at(where, f"{value!r} is not a date on the calendar") from None
    if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
        raise _at(where, f"must be YYYY-MM-DD (a date), got {short_repr(value)}")
    if declared.past and day > datetime.date.today():
        raise _at(where, f"{day} is in the future")


def _listed(values: Iterable) -> str:
    return ", ".join(str(v) for v in values)


def _range_words(declared: Field) -> str:
    if declared.above is not None:
        return f"above {declared.above:g}"
    if declared.low is not None and declared.high is not None:
        return f"between {declared.low:g} and {declared.high:g}"
    if declared.low is not None:
        return f"at least {declared.low:g}"
    return f"at most {declared.high:g}"


def _type_words(declared: Field) -> str:
    words = "it must be non-empty text" if declared.type == TEXT else declared.type
    if declared.type == TEXTS and declared.allowed_values:
        words = "list of " + _listed(declared.allowed_values)
    elif declared.allowed_values:
        words = "one of " + _listed(declared.allowed_values)
    return words


def undeclared_keys(kind: Kind, record: Mapping) -> Iterator[str]:
    """Every key of ``record`` (nested keys as ``toxicities[].percent``) that ``kind`` does not
    declare: a field in the data that no declaration documents or checks.

    >>> kind = Kind("k", "k.yaml", "an entry", (Field("a", TEXT, "a"),))
    >>> list(undeclared_keys(kind, {"a": "x", "b": 1}))
    ['b']
    """
    yield from _undeclared(kind.fields, record, "", kind.open)


def _undeclared(fields: tuple[Field, ...], record: Mapping, at: str, open_: bool
                ) -> Iterator[str]:
    by_name = {f.name: f for f in fields}
    for key, value in record.items():
        declared = by_name.get(key)
        if declared is None:
            if not open_:
                yield f"{at}{key}"
            continue
        if not declared.fields or declared.open:
            continue
        inner = f"{at}{key}"
        if declared.type == MAPPING and isinstance(value, Mapping):
            yield from _undeclared(declared.fields, value, inner + ".", False)
        elif declared.type == RECORDS and isinstance(value, list):
            for item in value:
                if isinstance(item, Mapping):
                    yield from _undeclared(declared.fields, item, inner + "[].", False)
        elif declared.type == KEYED and isinstance(value, Mapping):
            for item in value.values():
                if isinstance(item, Mapping):
                    yield from _undeclared(declared.fields, item, inner + ".<key>.", False)


# --- Documentation ---------------------------------------------------------------------------


def _allowed_words(declared: Field) -> str:
    values = declared.allowed_values
    if not values:
        return ""
    shown = ", ".join(f"`{v}`" for v in values)
    if isinstance(declared.allowed, Vocabulary):
        return f"{shown} (`{declared.allowed.name}`)"
    return shown


def _status(declared: Field) -> str:
    if declared.required:
        return "required" + (", may be empty" if declared.empty else "")
    if declared.default not in (None, (), [], ""):
        return f"optional, default `{declared.default}`"
    return "optional"


def _rows(fields: tuple[Field, ...], at: str = "") -> Iterator[tuple[str, Field]]:
    for declared in fields:
        yield at + declared.name, declared
        suffix = {MAPPING: ".", RECORDS: "[].", KEYED: ".<key>."}.get(declared.type, ".")
        yield from _rows(declared.fields, f"{at}{declared.name}{suffix}")


def field_table(kind: Kind) -> str:
    """The markdown table of ``kind``'s fields for ``data/README.md``: field, type, meaning with
    its allowed values, and whether it is required (nested fields as ``toxicities[].percent``).

    >>> print(field_table(Kind("k", "k.yaml", "an entry", (Field("a", TEXT, "its name"),))))
    | field | type | meaning | allowed values | required |
    |---|---|---|---|---|
    | `a` | text | its name |  | required |
    """
    rows = ["| field | type | meaning | allowed values | required |", "|---|---|---|---|---|"]
    for name, declared in _rows(kind.fields):
        allowed = _allowed_words(declared)
        if declared.pattern_words and not allowed:
            allowed = declared.pattern_words
        elif any(bound is not None for bound in (declared.low, declared.high, declared.above)):
            allowed = allowed or _range_words(declared)
        if declared.type == KEYED and declared.keys is not None:
            allowed = "keys: " + ", ".join(f"`{k}`" for k in _values(declared.keys))
        rows.append(f"| `{name}` | {declared.type} | {declared.meaning} | {allowed} | "
                    f"{_status(declared)} |")
    return "\n".join(rows)


def header_block(kind: Kind, width: int = 99) -> str:
    """The ``# Fields`` comment block for the top of ``kind``'s YAML file: one line (or a few)
    per field, nested fields indented.

    >>> print(header_block(Kind("k", "k.yaml", "an entry", (Field("a", TEXT, "its name"),))))
    # Fields of an entry:
    #   a: text, required. its name
    """
    lines = [f"# Fields of {kind.entry}:"]
    for name, declared in _rows(kind.fields):
        depth = name.replace("<key>.", "").count(".")
        indent = "#   " + "  " * depth
        short = name.rsplit(".", 1)[-1]
        allowed = ", ".join(str(v) for v in declared.allowed_values)
        if declared.type == KEYED and declared.keys is not None:
            allowed = "keys: " + ", ".join(str(v) for v in _values(declared.keys))
        words = f"{short}: {declared.type}, {_status(declared).replace('`', '')}."
        words += f" {declared.meaning}" + (f" ({allowed})" if allowed else "")
        lines.extend(_wrap(words.replace("`", ""), indent, width))
    return "\n".join(lines)


def _wrap(text: str, indent: str, width: int) -> list[str]:
    out, line = [], indent
    for word in text.split():
        if len(line) + len(word) + 1 > width and line.strip("# "):
            out.append(line.rstrip())
            line = indent + "  "
        line += word + " "
    out.append(line.rstrip())
    return out


def with_generated(text: str, begin: str, end: str, generated: str) -> str:
    """``text`` with what lies between the lines ``begin`` and ``end`` replaced by
    ``generated`` (the mechanism of the README's lesson table).

    >>> with_generated("a\\n<!-- x -->\\nold\\n<!-- /x -->\\nb", "<!-- x -->", "<!-- /x -->", "new")
    'a\\n<!-- x -->\\nnew\\n<!-- /x -->\\nb'
    """
    start, stop = text.find(begin), text.find(end)
    if start < 0 or stop < start:
        raise ValueError(f"text must hold the markers {short_repr(begin)} and {short_repr(end)}")
    return text[: start + len(begin)] + "\n" + generated + "\n" + text[stop:]


__all__ = [
    "ANY", "BOOL", "DATE", "KEYED", "MAPPING", "NUMBER", "NUMBERS", "RECORDS", "TEXT", "TEXTS",
    "TYPES", "WHOLE", "Field", "Kind", "Vocabulary", "field_table", "header_block",
    "undeclared_keys", "validate", "vocabulary", "with_generated",
]
