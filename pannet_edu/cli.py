"""The ``pannet-edu`` command: one argparse subcommand per job.

    pannet-edu handouts --out DIR [--pdf]   offline HTML (and PDF) handouts for every lesson
    pannet-edu app [--host H] [--port P]    the tools as a Voila dashboard, on 127.0.0.1
    pannet-edu exercises build    # learner notebooks from the instructor solutions
    pannet-edu exercises check    # exit 1 if a learner notebook is out of date
    pannet-edu quiz check         # validate the question files; count questions per lesson

To add a subcommand, write an ``_add_<name>(subparsers)`` function that registers its parser and
sets ``run=<handler>``, then add it to :data:`SUBCOMMANDS`. A handler takes the parsed arguments and
returns the exit code. :func:`main` handles errors for every subcommand, so a handler only raises:
a ``ValueError``/``TypeError``/``OSError`` (a bad path, a bad data file) becomes one line on stderr
and exit status 2, an interrupt exit status 130, anything unexpected one line and status 4; no
traceback reaches the user. The exit codes are listed in ``--help`` (:data:`EXIT_CODES`).

>>> build_parser().parse_args(["app"]).host
'127.0.0.1'
>>> main(["exercises", "check", "--solutions", "no/such/dir", "--out", "no/such/out"])
2
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

#: Exit statuses of every subcommand, shown in ``--help``.
EXIT_CODES = {
    0: "success",
    1: "a check found a problem (e.g. a learner notebook is out of date)",
    2: "bad input: a wrong option, a missing or unwritable path, or an invalid data file",
    3: "handouts: --pdf was asked for but no PDF could be printed (the HTML was written)",
    4: "unexpected internal error (please report it)",
    130: "interrupted (Ctrl-C); handouts leave the previous output in place",
}
EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_NO_PDF, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130


def _epilog() -> str:
    return "exit status:\n" + "\n".join(f"  {code:<4} {text}" for code, text in EXIT_CODES.items())


def _folder_arg(text: str) -> Path:
    """An argparse type for folder options: empty text is refused (it would mean "here")."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must name a folder (got empty text)")
    return Path(text)


def _run_handouts(args: argparse.Namespace) -> int:
    from . import handouts

    result = handouts.build_all(args.out, notebooks_dir=args.notebooks, pdf=args.pdf)
    written = [*result.lessons, *result.sheets, *result.pdfs, result.index]
    for path in written:
        print(f"wrote {path}")
    print(f"ok: {len(written)} files written into {result.index.parent} "
          f"({len(result.lessons)} lessons, {len(result.sheets)} class sheets, "
          f"{len(result.pdfs)} PDFs, and index.html)")
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
            "the HTML is still written and the command exits with status 3. Everything is "
            "built in a temporary folder beside --out and moved into place when complete: a "
            "failure or an interrupt leaves the previous handouts as they were."
        ),
    )
    parser.add_argument("--out", required=True, type=_folder_arg,
                        help="folder to write the handouts into")
    parser.add_argument(
        "--notebooks",
        default=None,
        type=_folder_arg,
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


def _solutions_folder(folder: Path) -> None:
    from . import exercise_build

    if not folder.is_dir():
        kind = "is a file, not a folder" if folder.exists() else "does not exist"
        raise ValueError(f"solutions folder {folder} {kind}")
    if not exercise_build.solution_sources(folder):
        raise ValueError(f"no *{exercise_build.SOLUTION_SUFFIX}.py sources in {folder}")


def _exercises_build(args: argparse.Namespace) -> int:
    from . import exercise_build

    _solutions_folder(args.solutions)
    if args.out.exists() and not args.out.is_dir():
        raise ValueError(f"output folder {args.out} is a file, not a folder")
    written = exercise_build.build(args.solutions, args.out)
    for path in written:
        print(f"wrote {path}")
    return 0


def _exercises_check(args: argparse.Namespace) -> int:
    from . import exercise_build, exercises

    _solutions_folder(args.solutions)
    if args.out.exists() and not args.out.is_dir():
        raise ValueError(f"learner folder {args.out} is a file, not a folder")
    # Loading validates every case file (an error names the file, the exercise and the field).
    print(f"ok: {len(exercises.exercises())} exercises load and compute their answers")
    if not args.out.is_dir():
        print(f"out of date: learner folder {args.out} does not exist "
              "(run `pannet-edu exercises build`)")
        return EXIT_CHECK_FAILED
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
            type=_folder_arg,
            default=Path("exercises/solutions"),
            help="folder of NN_name_solutions.py sources (default: exercises/solutions)",
        )
        sub.add_argument(
            "--out",
            type=_folder_arg,
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
        type=_folder_arg,
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
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(subparsers)
    _document_exit_codes(subparsers)
    return parser


def _document_exit_codes(subparsers: argparse._SubParsersAction) -> None:
    """Every subcommand's ``--help`` (and its actions', e.g. ``quiz check``) lists exit codes."""
    for sub in subparsers.choices.values():
        if not sub.epilog:
            sub.epilog = _epilog()
            sub.formatter_class = argparse.RawDescriptionHelpFormatter
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                _document_exit_codes(action)


def _one_line(exc: BaseException) -> str:
    """An exception as one short line a user can act on."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror + (f": {exc.filename}" if exc.filename else "")
    else:
        text = str(exc) or type(exc).__name__
    text = " ".join(text.split())
    return text if len(text) <= 1000 else text[:997] + "..."


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pannet-edu`` command; returns the exit status (see :data:`EXIT_CODES`).

    Every subcommand runs under one handler: no traceback reaches the user.
    """
    args = build_parser().parse_args(argv)
    name = f"pannet-edu {args.command}"
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt as exc:
        detail = f"; {exc}" if str(exc) else ""
        print(f"{name}: interrupted{detail}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (ValueError, TypeError, OSError) as exc:  # bad paths or data: a message
        print(f"{name}: {_one_line(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:
        print(f"{name}: unexpected error ({type(exc).__name__}: {_one_line(exc)}); "
              "please report it", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
