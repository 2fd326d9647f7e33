"""What changed in the clinical content since a date, and which facts are due a re-check.

For an instructor preparing a course: :func:`changes` compares the data files with the version
in git history just before the date (new trials, changed numbers, new label figures, new or
changed approvals and warnings); without git it lists the entries re-checked since the date,
from their ``last_checked`` dates. :func:`stale_facts` lists facts not re-checked for more than
24 months (``pannet-edu changes --stale``; the test suite prints them as a warning).

>>> report = changes("2000-01-01", use_git=False)
>>> report.history
False
>>> "STARTER-NET" in report.text()
True
"""

from __future__ import annotations

import csv
import datetime
import io
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.fields import short_repr
from . import dated, reading

#: How long a fact may go without a re-check before it is listed as stale.
STALE_AFTER_MONTHS = 24
#: Numbers compared between versions of a trial row, with how an instructor reads them.
TRIAL_NUMBERS = {
    "n": "patients", "pfs_median": "median PFS", "pfs_median_control": "control median PFS",
    "hr": "PFS HR", "hr_low": "PFS HR lower bound", "hr_high": "PFS HR upper bound",
    "landmark_pfs": "landmark PFS %", "landmark_pfs_control": "control landmark PFS %",
    "orr": "response rate %", "orr_control": "control response rate %",
    "os_median": "median OS", "os_median_control": "control median OS", "os_hr": "OS HR",
    "pfs_median_not_reached": "median PFS not reached", "pmid": "PMID", "doi": "DOI",
    "source_id": "source", "confidence": "confidence",
}
LABEL_NUMBERS = {
    "n": "patients", "pfs_median": "median PFS", "pfs_median_control": "control median PFS",
    "hr": "PFS HR", "orr": "response rate %", "approval_date": "approval date",
}
#: Section titles, in report order.
SECTIONS = (
    "new trials", "changed numbers and identifiers", "removed trials", "new label figures",
    "changed label figures", "new therapies", "new approvals", "changed approvals",
    "new warnings", "changed warnings", "other catalogue changes", "re-checked entries",
)


@dataclass(frozen=True)
class Change:
    """One line of the report."""

    section: str
    what: str
    detail: str = ""


@dataclass
class ChangeReport:
    """The changes since a date; :meth:`text` and :meth:`markdown` lay them out."""

    since: datetime.date
    history: bool
    baseline: str = ""
    items: list[Change] = field(default_factory=list)

    def by_section(self) -> dict[str, list[Change]]:
        grouped: dict[str, list[Change]] = {s: [] for s in SECTIONS}
        for item in self.items:
            grouped[item.section].append(item)
        return {k: v for k, v in grouped.items() if v}

    def _heading(self) -> str:
        if self.history:
            return (f"Content changes since {self.since.isoformat()} "
                    f"(compared with {self.baseline})")
        return (f"Content re-checked or updated since {self.since.isoformat()} "
                "(no version history available: listed from each entry's last_checked date)")

    def text(self) -> str:
        """A short plain-text report."""
        lines = [self._heading()]
        sections = self.by_section()
        if not sections:
            lines.append("No changes.")
        for section, items in sections.items():
            lines.append(f"{section.capitalize()} ({len(items)}):")
            lines += [f"  - {i.what}" + (f": {i.detail}" if i.detail else "") for i in items]
        return "\n".join(lines)

    def markdown(self) -> str:
        """The same report as Markdown, for a course newsletter."""
        lines = [f"## {self._heading()}", ""]
        sections = self.by_section()
        if not sections:
            lines.append("No changes.")
        for section, items in sections.items():
            lines += [f"### {section.capitalize()} ({len(items)})", ""]
            lines += [f"- **{i.what}**" + (f": {i.detail}" if i.detail else "") for i in items]
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def _date(name: str, value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        raise TypeError(f"{name} must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a date written YYYY-MM-DD, got {short_repr(value)}")
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{name} must be a date written YYYY-MM-DD, "
                         f"got {short_repr(value)}") from None


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _baseline(since: datetime.date, data_dir: Path) -> tuple[str, Path, str] | None:
    """(commit, repository root, description) of the last commit before ``since``, or None."""
    root = _git(["rev-parse", "--show-toplevel"], data_dir)
    if root is None:
        return None
    root_path = Path(root.strip())
    commit = _git(["rev-list", "-1", f"--before={since.isoformat()}T00:00:00", "HEAD"], root_path)
    if commit is None:
        return None
    commit = commit.strip()
    if not commit:
        return ("", root_path, "an empty history (the content is newer than the date)")
    day = (_git(["show", "-s", "--format=%cs", commit], root_path) or "").strip()
    return (commit, root_path, f"version {commit[:7]} of {day}")


def _old_text(commit: str, root: Path, path: Path) -> str:
    if not commit:
        return ""
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    return _git(["show", f"{commit}:{relative}"], root) or ""


def _csv_rows(text: str) -> dict[tuple[str, str], dict[str, str]]:
    if not text.strip():
        return {}
    return {(r.get("trial", ""), r.get("cohort", "")): r
            for r in csv.DictReader(io.StringIO(text))}


def _label_key(row: Mapping[str, str]) -> tuple[str, str]:
    return (f"{row.get('trial', '')} / {row.get('cohort', '')}", row.get("label", ""))


def _same(old: str | None, new: str | None) -> bool:
    old, new = (old or "").strip(), (new or "").strip()
    try:
        return float(old) == float(new)
    except ValueError:
        return old == new


def _differences(before: Mapping[str, str], after: Mapping[str, str],
                 numbers: Mapping[str, str]) -> list[str]:
    """``"name old -> new"`` for each of the ``numbers`` columns whose value changed (a column
    only one version has, such as the ``pmid`` that moved to ``sources.yaml``, is not compared).

    >>> _differences({"hr": "0.40", "n": "95"}, {"hr": "0.4", "n": "99"}, {"hr": "HR", "n": "n"})
    ['n 95 -> 99']
    >>> _differences({"pmid": "1"}, {"source_id": "YAO_2011"}, {"pmid": "PMID"})
    []
    """
    return [f"{name} {before.get(col) or '-'} -> {after.get(col) or '-'}"
            for col, name in numbers.items()
            if col in before and col in after and not _same(before.get(col), after.get(col))]


def _compare_trials(old: str, new: str) -> list[Change]:
    before, after = _csv_rows(old), _csv_rows(new)
    items = []
    for key, row in after.items():
        label = f"{key[0]}" + (f" ({key[1]})" if key[1] not in ("", "all") else "")
        if key not in before:
            arm = row.get("regimen") or row.get("therapy", "")
            versus = f" vs {row['comparator']}" if row.get("comparator") else ""
            detail = _short(f"{arm}{versus}; {row.get('citation') or row.get('source_id', '')}")
            items.append(Change("new trials", label, detail))
            continue
        diffs = _differences(before[key], row, TRIAL_NUMBERS)
        if diffs:
            items.append(Change("changed numbers and identifiers", label, "; ".join(diffs)))
    items += [Change("removed trials", f"{t} ({c})") for t, c in before if (t, c) not in after]
    return items


def _compare_labels(old: str, new: str) -> list[Change]:
    before = {_label_key(r): r for r in csv.DictReader(io.StringIO(old))} if old.strip() else {}
    after = {_label_key(r): r for r in csv.DictReader(io.StringIO(new))}
    items = []
    for key, row in after.items():
        what = f"{key[0]}, {key[1]} label"
        if key not in before:
            items.append(Change("new label figures", what, row.get("source", "")))
            continue
        diffs = _differences(before[key], row, LABEL_NUMBERS)
        if diffs:
            items.append(Change("changed label figures", what, "; ".join(diffs)))
    return items


def _effects(entry: Mapping[str, Any]) -> dict[str, Any]:
    found = {}
    for item in entry.get("toxicities") or []:
        if isinstance(item, dict) and "effect" in item:
            found[str(item["effect"])] = item
    return found


def _compare_therapies(old: str, new: str) -> list[Change]:
    before = (yaml.safe_load(old) or {}) if old.strip() else {}
    after = yaml.safe_load(new) or {}
    items = []
    for therapy_id, entry in after.items():
        if not isinstance(entry, dict):
            continue
        name = entry.get("name", therapy_id)
        if therapy_id not in before:
            items.append(Change("new therapies", str(name)))
            continue
        was = before[therapy_id] or {}
        old_approval, new_approval = was.get("approval") or {}, entry.get("approval") or {}
        if isinstance(new_approval, dict) and isinstance(old_approval, dict):
            for region, text in new_approval.items():
                if region not in old_approval:
                    items.append(Change("new approvals", f"{name}, {region}", _short(text)))
                elif _without_dates(old_approval[region]) != _without_dates(text):
                    items.append(Change("changed approvals", f"{name}, {region}", _short(text)))
        elif _without_dates(new_approval) != _without_dates(old_approval):
            items.append(Change("changed approvals", str(name), _short(new_approval)))
        old_effects, new_effects = _effects(was), _effects(entry)
        for effect, item in new_effects.items():
            if effect not in old_effects:
                items.append(Change("new warnings", f"{name}: {effect}",
                                    _short(item.get("source", ""))))
            elif _without_dates(old_effects[effect]) != _without_dates(item):
                items.append(Change("changed warnings", f"{name}: {effect}"))
        for key in sorted(set(entry) | set(was)):
            if key in ("approval", "toxicities"):
                continue
            if _without_dates(was.get(key)) != _without_dates(entry.get(key)):
                items.append(Change("other catalogue changes", f"{name}: {key}"))
    return items


def _without_dates(value: Any) -> Any:
    """A YAML value with its ``last_checked`` dates removed (a re-check is not a change)."""
    if isinstance(value, dict):
        return {k: _without_dates(v) for k, v in value.items() if k != "last_checked"}
    if isinstance(value, list):
        return [_without_dates(v) for v in value]
    return value


def _short(value: Any, limit: int = 120) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rechecked(since: datetime.date) -> list[Change]:
    facts = dated.dated_facts()
    recent = facts[[isinstance(d, datetime.date) and d >= since for d in facts.last_checked]]
    recent = recent[recent.kind != "source"]
    return [Change("re-checked entries", str(r.fact), f"last checked {r.last_checked}")
            for r in recent.itertuples(index=False)]


def changes(since: str | datetime.date, *, use_git: bool = True) -> ChangeReport:
    """What was added or changed in the content since ``since`` (YYYY-MM-DD).

    With git history (and ``use_git``), the data files are compared with the last version before
    the date; otherwise the entries whose ``last_checked`` date is on or after it are listed.

    >>> changes("2999-01-01", use_git=False).items
    []
    """
    day = _date("since", since)
    files = (reading.TRIALS_FILE, reading.LABEL_FIGURES_FILE, reading.THERAPIES_FILE)
    base = _baseline(day, reading.DATA_DIR) if use_git else None
    if base is None:
        return ChangeReport(day, history=False, items=_rechecked(day))
    commit, root, description = base
    old = [_old_text(commit, root, f) for f in files]
    new = [f.read_text(encoding="utf-8") for f in files]
    items = (_compare_trials(old[0], new[0]) + _compare_labels(old[1], new[1])
             + _compare_therapies(old[2], new[2]))
    return ChangeReport(day, history=True, baseline=description, items=items)


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in range(day.day, 0, -1):  # 31 March minus one month -> 28/29 February
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def stale_facts(today: str | datetime.date | None = None,
                months: int = STALE_AFTER_MONTHS) -> list[dict[str, Any]]:
    """Facts whose ``last_checked`` date is more than ``months`` months before ``today``.

    >>> stale_facts("2026-12-01")
    []
    >>> any(f["fact"] == "RADIANT-3 / all" for f in stale_facts("2030-01-01"))
    True
    """
    day = datetime.date.today() if today is None else _date("today", today)
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ValueError("months must be a whole number of months above 0, got "
                         f"{short_repr(months)}")
    limit = _months_before(day, months)
    facts = dated.dated_facts()
    return [
        {"kind": r.kind, "fact": r.fact, "last_checked": r.last_checked, "source": r.source}
        for r in facts.itertuples(index=False)
        if isinstance(r.last_checked, datetime.date) and r.last_checked < limit
    ]


def stale_report(today: str | datetime.date | None = None,
                 months: int = STALE_AFTER_MONTHS) -> str:
    """The stale facts as a short text (or a line saying there are none).

    >>> stale_report("2026-12-01")
    'No fact was last checked more than 24 months before 2026-12-01.'
    """
    day = datetime.date.today() if today is None else _date("today", today)
    stale = stale_facts(day, months)
    if not stale:
        return f"No fact was last checked more than {months} months before {day.isoformat()}."
    lines = [f"{len(stale)} facts were last checked more than {months} months before "
             f"{day.isoformat()}; re-check them against their sources:"]
    lines += [f"  - {f['kind']}: {f['fact']} (last checked {f['last_checked']})" for f in stale]
    return "\n".join(lines)
