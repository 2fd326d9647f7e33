"""The ``pannet-edu`` command: one sub-command group per job.

    pannet-edu exercises build    # learner notebooks from the instructor solutions
    pannet-edu exercises check    # exit 1 if a learner notebook is out of date
    pannet-edu quiz check         # validate the question files; count questions per lesson

Adding a command: write ``_add_<name>(subparsers)`` that registers a sub-parser and sets
``func`` (a function taking the parsed arguments and returning an exit code), then append it to
``COMMANDS``.

>>> main(["exercises", "check", "--solutions", "no/such/dir", "--out", "no/such/out"])
ok: ... exercises load and compute their answers
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path


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
        sub.set_defaults(func=func)


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
    check.set_defaults(func=_quiz_check)


#: Each entry registers one top-level sub-command.
COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_exercises, _add_quiz]


def parser() -> argparse.ArgumentParser:
    """The argument parser with every registered command."""
    top = argparse.ArgumentParser(
        prog="pannet-edu",
        description="pannet-edu teaching toolkit (for education only, never for patient care).",
    )
    subparsers = top.add_subparsers(dest="command", required=True)
    for add in COMMANDS:
        add(subparsers)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:  # bad folders or markers: a message, not a traceback
        print(f"pannet-edu: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
