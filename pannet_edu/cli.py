"""The ``pannet-edu`` command: one argparse subcommand per job.

    pannet-edu handouts --out DIR [--pdf]   offline HTML (and PDF) handouts for every lesson
    pannet-edu app [--host H] [--port P]    the tools as a Voila dashboard, on 127.0.0.1
    pannet-edu exercises build    # learner notebooks from the instructor solutions
    pannet-edu exercises check    # exit 1 if a learner notebook is out of date
    pannet-edu quiz check         # validate the question files; count questions per lesson

To add a subcommand, write an ``_add_<name>(subparsers)`` function that registers its parser and
sets ``run=<handler>``, then add it to :data:`SUBCOMMANDS`. A handler takes the parsed arguments and
returns the exit code.

>>> build_parser().parse_args(["app"]).host
'127.0.0.1'
>>> main(["exercises", "check", "--solutions", "no/such/dir", "--out", "no/such/out"])
ok: ... exercises load and compute their answers
0
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path


def _run_handouts(args: argparse.Namespace) -> int:
    from . import handouts

    result = handouts.build_all(args.out, notebooks_dir=args.notebooks, pdf=args.pdf)
    for path in [*result.lessons, *result.summaries, *result.sheets, *result.pdfs, result.index]:
        print(f"wrote {path}")
    for problem in result.problems:
        print(f"pannet-edu handouts: {problem}", file=sys.stderr)
    # --pdf was asked for and could not be honoured: fail, so a script or CI notices.
    return 3 if args.pdf and result.problems else 0


def _add_handouts(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "handouts",
        help="build offline HTML handouts (and PDFs) for every lesson",
        description=(
            "Write one self-contained HTML handout per lesson (code hidden, widgets as "
            "snapshots, readable offline), a one-page sheet per therapy class and an index.html. "
            "With --pdf, also print each page to PDF with a local Chromium; if none is found "
            "the HTML is still written and the command exits with status 3."
        ),
    )
    parser.add_argument("--out", required=True, help="folder to write the handouts into")
    parser.add_argument(
        "--notebooks",
        default=None,
        help="folder of executed lesson notebooks (default: notebooks/)",
    )
    parser.add_argument("--pdf", action="store_true", help="also write PDFs (needs Chromium)")
    parser.set_defaults(run=_run_handouts)


def _run_app(args: argparse.Namespace) -> int:
    from importlib.util import find_spec

    from . import app

    if find_spec("voila") is None:
        print(
            "pannet-edu app: Voila is not installed. Install the lab extra: "
            "pip install 'pannet-edu[lab]' (or run `make lab` once in a checkout).",
            file=sys.stderr,
        )
        return 2
    if not app.is_loopback(args.host):
        print(
            f"pannet-edu app: serving on {args.host}, reachable from other computers on the "
            "network. Keep the token secret; use the default 127.0.0.1 unless you mean this.",
            file=sys.stderr,
        )
    command = app.voila_command(args.host, args.port, open_browser=not args.no_browser)
    try:
        return subprocess.call(command, env=os.environ.copy())
    except KeyboardInterrupt:
        return 0


def _add_app(subparsers: argparse._SubParsersAction) -> None:
    from .app import DEFAULT_HOST, DEFAULT_PORT

    parser = subparsers.add_parser(
        "app",
        help="serve the interactive tools as a dashboard (Voila), on this computer only",
        description=(
            "Serve the grading, staging and other tools as a Voila dashboard without code. "
            f"Binds to {DEFAULT_HOST} (this computer only) with token authentication unless "
            "--host says otherwise."
        ),
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.set_defaults(run=_run_app)


def _exercises_build(args: argparse.Namespace) -> int:
    from . import exercise_build

    written = exercise_build.build(args.solutions, args.out)
    for path in written:
        print(f"wrote {path}")
    return 0


def _exercises_check(args: argparse.Namespace) -> int:
    from . import exercise_build, exercises

    # Loading validates every case file (an error names the file, the exercise and the field).
    print(f"ok: {len(exercises.exercises())} exercises load and compute their answers")
    stale = exercise_build.out_of_date(args.solutions, args.out)
    for path in stale:
        print(f"out of date: {path} (run `pannet-edu exercises build`)")
    return 1 if stale else 0


def _add_exercises(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("exercises", help="learner exercise notebooks")
    actions = parser.add_subparsers(dest="action", required=True)
    for name, func, text in (
        ("build", _exercises_build, "write learner notebooks from the solution notebooks"),
        ("check", _exercises_check, "fail if a learner notebook is out of date"),
    ):
        sub = actions.add_parser(name, help=text, description=text)
        sub.add_argument(
            "--solutions",
            type=Path,
            default=Path("exercises/solutions"),
            help="folder of NN_name_solutions.py sources (default: exercises/solutions)",
        )
        sub.add_argument(
            "--out",
            type=Path,
            default=Path("exercises"),
            help="folder for the learner notebooks (default: exercises)",
        )
        sub.set_defaults(run=func)


def _quiz_check(args: argparse.Namespace) -> int:
    from . import quiz

    folder = args.folder
    bank = quiz.load_bank(folder)  # raises QuestionFileError naming file, question and field
    for lesson in quiz.lessons(folder):
        count = sum(q.lesson == lesson for q in bank.values())
        print(f"{lesson}: {count} questions")
    print(f"ok: {len(bank)} questions")
    return 0


def _add_quiz(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("quiz", help="the question bank")
    actions = parser.add_subparsers(dest="action", required=True)
    text = "validate every question file and count the questions per lesson"
    check = actions.add_parser("check", help=text, description=text)
    check.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=None,
        help="folder of question files (default: the package's own bank)",
    )
    check.set_defaults(run=_quiz_check)


#: Each registers one subcommand on the ``pannet-edu`` parser.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_handouts,
    _add_app,
    _add_exercises,
    _add_quiz,
]


def build_parser() -> argparse.ArgumentParser:
    """The ``pannet-edu`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="pannet-edu",
        description="pannet-edu: teaching toolkit on the systemic therapy of metastatic panNETs "
        "(for education only).",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pannet-edu`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ValueError as exc:  # bad paths or data: a message, not a traceback
        print(f"pannet-edu {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
