"""The misconception map's commands: the learner's ``attempts`` and the instructor's
``class-report``.

    pannet-edu attempts where                 where the record is kept, and how many answers
    pannet-edu attempts export [--out FILE] [--code] [--include-text]
                                              the learner's export file (or short code)
    pannet-edu class-report FILES... --out report.html [--lessons-url URL]
                                              one offline HTML report from a class's files

A refused class file is named on stderr with its reason and at the top of the report; the report
is still written from the other files, and the command exits 1 so a script notices.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as folder:
...     bad = pathlib.Path(folder, "bad.json"); _ = bad.write_text("{}")
...     run_class_report([str(bad)], pathlib.Path(folder, "r.html"), "")
wrote .../r.html: 0 learner files, 0 answers, 1 refused
1
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_attempts", "add_class_report", "run_class_report"]


def _run_where(_args: argparse.Namespace) -> int:
    from .practice import attempts

    print(attempts.where_text())
    print(f"Answers kept: {len(attempts.load_records())}.")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from .practice import attempt_files, attempts

    count = len(attempts.load_records())
    typed = ("including the words you typed" if args.include_text else
             "without the words you typed (add --include-text to share them)")
    if args.out is None:
        text = (attempt_files.export_code(include_text=args.include_text) if args.code else
                attempt_files.export_json(include_text=args.include_text))
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        print(f"{count} answers, {typed}. Nothing was sent anywhere.", file=sys.stderr)
        return 0
    path = attempt_files.write_export(args.out, code=args.code, include_text=args.include_text)
    print(f"wrote {path}: {count} answers, {typed}. Nothing was sent anywhere: hand in this "
          f"file (or paste its code) yourself. Your record stays in {attempts.attempts_dir()}.")
    return 0


def add_attempts(subparsers: argparse._SubParsersAction) -> None:
    """Register ``pannet-edu attempts`` (where, export)."""
    parser = subparsers.add_parser(
        "attempts", help="your own practice record: where it is kept, and an export to hand in",
        description="Your answers to quizzes, self-checks, exercises, vignettes and cases are "
        "kept only on this computer (no name, nothing sent). Export them as one file or a short "
        "code to hand in; the words you typed stay out unless you add --include-text.")
    actions = parser.add_subparsers(dest="action", required=True)
    where = actions.add_parser("where", help="where the record is kept, and how many answers")
    where.set_defaults(run=_run_where)
    export = actions.add_parser(
        "export", help="write your export file (or short code)",
        description="Write your practice record as one export file (JSON with a checksum), or "
        "with --code as one line to paste into a course platform's text box.")
    export.add_argument("--out", type=Path, default=None,
                        help="file to write (default: print it)")
    export.add_argument("--code", action="store_true", help="a short code instead of a file")
    export.add_argument("--include-text", action="store_true",
                        help="also share the words you typed (left out by default)")
    export.set_defaults(run=_run_export)


def run_class_report(files: list[str], out: Path, lessons_url: str) -> int:
    """Read the files, write the report; 1 if any file was refused, else 0."""
    from .plots.class_report import report_page
    from .practice.attempt_files import read_exports
    from .practice.class_stats import class_report
    from .safe_files import write_atomic

    accepted, refused = read_exports(files)
    for problem in refused:
        print(f"pannet-edu class-report: {problem}", file=sys.stderr)
    report = class_report(accepted, refused)
    write_atomic(out, report_page(report, lessons_url))
    print(f"wrote {out}: {report.learners} learner files, {report.records} answers, "
          f"{len(refused)} refused")
    return 1 if refused else 0


def _run_class_report(args: argparse.Namespace) -> int:
    return run_class_report(args.files, args.out, args.lessons_url)


def add_class_report(subparsers: argparse._SubParsersAction) -> None:
    """Register ``pannet-edu class-report``."""
    text = ("merge a class's practice exports into one offline HTML report: each question's "
            "share right at the first try, facility and discrimination, the wrong answers chosen "
            "most with their feedback, each trial's inside-the-evidence readings with the "
            "criterion that decides each wrong one, case choices beside the engine, and the five "
            "misconceptions to address next, each linked to the lesson section that teaches it")
    parser = subparsers.add_parser("class-report", help=text.split(":")[0],
                                   description=text + ". A file that is not an export, is cut "
                                   "short, was changed or repeats another is refused and named "
                                   "(exit 1); the report is made from the others.")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="learners' export files (or text files of pasted codes, one a line)")
    parser.add_argument("--out", type=Path, required=True, help="the report's HTML file")
    parser.add_argument("--lessons-url", default="", metavar="URL",
                        help="folder or address of the lesson handouts the links point to "
                             "(default: beside the report)")
    parser.set_defaults(run=_run_class_report)
