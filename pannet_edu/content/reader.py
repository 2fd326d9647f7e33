"""Reading instructor-editable data files: one clear error naming the file, the entry and the field.

The argument and field checks it uses are in :mod:`pannet_edu.content.fields`. Every problem is a
:class:`~pannet_edu.content.ContentError`.

:func:`load_yaml` is the one YAML reader of the package (questions, exercises, cases, therapies,
syndromes, imaging, meta): safe tags only, UTF-8 (a byte-order mark is accepted), duplicate keys
refused with both line numbers, and aliases limited so a 300-byte "alias bomb" fails at once
instead of expanding to gigabytes. :func:`read_text` gives the same encoding checks to CSV files.

Every loader reads through one cache keyed by the files' stamps (:func:`cached`), so an
instructor's edit is seen by a running kernel or dashboard on the next call, by every reader.
:func:`data_dir` points every loader at another copy of the data files when
``PANNET_EDU_DATA_DIR`` is set (tests use it on corrupted copies).

The small data modules (:mod:`pannet_edu.clinic.syndromes`,
:mod:`pannet_edu.clinic.imaging`) also share the field checks below. Their entries cite by id
the citations of ``data/sources.yaml`` (:mod:`pannet_edu.content.sources`), which :func:`cited`
checks.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

import yaml

from .errors import ContentError
from .fields import short_repr
from .folder import DATA_DIR_ENV, DATA_DIR_OVERRIDE, PACKAGE_DATA_DIR, data_dir, shown_path

DATA_DIR = PACKAGE_DATA_DIR
T = TypeVar("T")


#: An instructor's file never needs more aliases (``*name``) than this.
MAX_ALIASES = 100
#: ... nor more nodes once every alias is expanded (the largest packaged file has a few thousand).
MAX_NODES = 200_000


def stamp(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """The version of a set of files (name, modification time, size), for mtime-keyed caches.

    A file that cannot be read is stamped ``-1`` so the loader, not the cache, reports it.

    >>> stamp([PACKAGE_DATA_DIR / "meta.yaml"])[0][0].endswith("meta.yaml")
    True
    """
    out = []
    for path in paths:
        try:
            info = Path(path).stat()
            out.append((str(path), info.st_mtime_ns, info.st_size))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(out)


#: Every file read through :func:`cached`: (loader, file, arguments) -> (the files' stamp, what
#: was loaded). The one cache of the loaders: every data file is read through it.
_LOADED: dict[tuple[str, str, tuple], tuple[tuple, object]] = {}


def cached(loader: Callable[..., T], path: str | os.PathLike[str], *also: Path,
           args: tuple = ()) -> T:
    """``loader(path, *args)``, read again only when the stamp of ``path`` (or of a file or
    folder in ``also`` it depends on) changes: one cache for every loader, keyed by the loader,
    the file (so a copy of the data under ``PANNET_EDU_DATA_DIR`` is its own entry) and
    ``args``, holding the newest version of each, so an instructor's edit is seen on the next
    call by everything that reads the file.

    >>> def size(p): return len(read_text(p))
    >>> cached(size, PACKAGE_DATA_DIR / "meta.yaml") == size(PACKAGE_DATA_DIR / "meta.yaml")
    True
    """
    path = Path(path)
    # An absolute path is the key as given (the hot path of the catalogue: no resolving).
    name = str(path) if path.is_absolute() else str(path.resolve())
    key = (f"{loader.__module__}.{loader.__qualname__}", name, args)
    version = stamp([path, *also])
    hit = _LOADED.get(key)
    if hit is None or hit[0] != version:
        hit = (version, loader(path, *args))
        _LOADED[key] = hit
    return hit[1]  # type: ignore[return-value]


def folder_files(folder: Path, pattern: str = "*.yaml") -> list[Path]:
    """The files of ``folder`` matching ``pattern`` (none when it is no folder), for the ``also``
    of :func:`cached`: a folder's own stamp changes when a file is added, not when one is edited.

    >>> folder_files(PACKAGE_DATA_DIR / "cases")[0].suffix
    '.yaml'
    """
    folder = Path(folder)
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


#: The placeholder file of a duplicate-key error until :func:`load_yaml` names the real one.
_THIS_FILE = "(this file)"


class _SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's parser when installed) refusing a key given twice."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, _value in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # "<<: *base" merges on purpose; later keys override it
                key = self.construct_object(key_node, deep=deep)
                try:
                    first = seen.get(key)
                except TypeError:  # an unhashable key: the constructor reports it
                    continue
                line = key_node.start_mark.line + 1
                if first is not None:
                    shown = short_repr(key, 40)
                    raise ContentError(
                        _THIS_FILE, f"line {line}", shown,
                        f"key {shown} is given twice (first at line {first}); a second block "
                        "would silently replace the first: merge them or rename one")
                seen[key] = line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:  # 2026-02-30 looks like a date but is none
            raise yaml.constructor.ConstructorError(
                None, None, f"{short_repr(node.value)} is not a date on the calendar",
                node.start_mark,
            ) from None


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _SafeLoader.construct_yaml_timestamp)


def _expanded_size(root) -> tuple[int, int]:
    """(aliases, nodes once every alias is expanded) of a composed YAML node graph."""
    sizes: dict[int, int] = {}
    aliases = 0
    seen: set[int] = set()
    # Iterative post-order walk; a node reached twice is an alias use.
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            children = _children(node)
            sizes[key] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[key] > MAX_NODES:
                return aliases, sizes[key]
            continue
        if key in seen:
            aliases += 1
            if aliases > MAX_ALIASES:
                return aliases, 0
            continue
        seen.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    return aliases, sizes.get(id(root), 0)


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def read_text(path: str | os.PathLike[str]) -> str:
    """A data file's text: UTF-8, a leading byte-order mark dropped, or :class:`ContentError`.

    A file saved by Excel or Word as "Windows-1252" or "UTF-16" is refused with the line of the
    first byte that is not UTF-8 and how to fix it.
    """
    path = Path(path)
    name = shown_path(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ContentError(name, "(file)", "(file)", "is a folder, not a file") from None
    except FileNotFoundError:
        raise ContentError(name, "(file)", "(file)", f"does not exist ({path})") from None
    except OSError as exc:
        raise ContentError(name, "(file)", "(file)",
                            f"cannot be read ({exc.strerror or exc})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(name, "(file)", "(encoding)",
                            "is saved as UTF-16; save it as UTF-8 (plain text) instead")
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # the UTF-8 byte-order mark some editors add
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            name, f"line {line}", "(encoding)",
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 (the file was probably saved as "
            "Windows-1252/ANSI, e.g. by Excel); save it as UTF-8",
        ) from None


def load_yaml(path: str | os.PathLike[str], *, text: str | None = None) -> object:
    """Parse one YAML file safely; every problem is a :class:`ContentError` naming the file.

    Refuses: bytes that are not UTF-8, Python tags (``!!python/object``), a key given twice in one
    mapping (the second ``everolimus:`` block would silently replace the first), more than
    :data:`MAX_ALIASES` aliases or :data:`MAX_NODES` expanded nodes, and syntax errors (tabs,
    bad indentation) with their line. An empty file loads as ``None``.

    >>> load_yaml(PACKAGE_DATA_DIR / "meta.yaml")["content_reviewed"].year >= 2026
    True
    """
    path = Path(path)
    name = shown_path(path)  # questions/05_prrt.yaml, not a bare name shared with exercises/
    if text is None:
        text = read_text(path)
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        aliases, nodes = _expanded_size(node)
        if aliases > MAX_ALIASES or nodes > MAX_NODES:
            raise ContentError(
                name, "(file)", "(aliases)",
                f"uses too many YAML aliases (*name): more than {MAX_ALIASES} aliases or "
                f"{MAX_NODES} values once expanded; write the entries out instead",
            )
        return loader.construct_document(node)
    except ContentError as dup:
        if dup.file != _THIS_FILE:
            raise
        raise ContentError(name, dup.entry, dup.field, dup.problem) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        lines = text.splitlines()
        if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]:
            problem += " (this line holds a tab: YAML indents with spaces, never tabs)"
        raise ContentError(name, where, "(syntax)", f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ContentError(name, "(file)", "(syntax)", f"not valid YAML: {exc}") from None
    except RecursionError:
        raise ContentError(name, "(file)", "(syntax)", "is nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value the constructor cannot build
        raise ContentError(name, "(file)", "(value)",
                            f"a value cannot be read: {short_repr(str(exc), 200)}") from None
    finally:
        loader.dispose()


def read_yaml(path: Path) -> dict:
    """Parse a YAML mapping with :func:`load_yaml`; raise :class:`ContentError` naming the file."""
    data = load_yaml(path)
    if data is None:
        raise ContentError(path, "(file)", "(top level)", "is empty")
    if not isinstance(data, dict):
        raise ContentError(path, "(file)", "(top level)", "must be a mapping of sections")
    return data


def text(file: str, entry: str, record: dict, field: str) -> str:
    """A required, non-empty text field."""
    value = record.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(file, entry, field, f"must be non-empty text, got {short_repr(value)}")
    return value.strip()


def entries(file: str, data: dict, section: str) -> list[dict]:
    """A required list-of-mappings section."""
    value = data.get(section)
    if not isinstance(value, list) or not value:
        raise ContentError(file, f"({section})", section, "must be a non-empty list of entries")
    for i, record in enumerate(value):
        if not isinstance(record, dict):
            raise ContentError(file, f"#{i + 1} of {section}", "(entry)", "must be a mapping")
    return value


def cited(file: str, entry: str, record: dict, known: Mapping[str, object]) -> tuple[str, ...]:
    """The entry's ``sources`` list: non-empty, every id one of ``known`` (the ids of
    ``data/sources.yaml``).

    >>> cited("f.yaml", "e", {"sources": ["HAUSER_2019"]}, {"HAUSER_2019": None})
    ('HAUSER_2019',)
    """
    ids = record.get("sources")
    if not isinstance(ids, list) or not ids:
        raise ContentError(file, entry, "sources", "must list at least one source id")
    for source_id in ids:
        if not isinstance(source_id, str) or source_id not in known:
            raise ContentError(file, entry, "sources",
                                f"unknown source id {short_repr(source_id)}; use an id of "
                                "sources.yaml")
    return tuple(ids)


__all__ = [
    "DATA_DIR",
    "DATA_DIR_ENV",
    "DATA_DIR_OVERRIDE",
    "MAX_ALIASES",
    "MAX_NODES",
    "PACKAGE_DATA_DIR",
    "cached",
    "cited",
    "data_dir",
    "entries",
    "folder_files",
    "load_yaml",
    "read_text",
    "read_yaml",
    "stamp",
    "text",
]
