"""The ``pannet-edu`` command: one argparse subcommand per job.

    pannet-edu check              # every data file, the manifest against the notebooks (CI)
    pannet-edu handouts --out DIR [--pdf]   offline HTML (and PDF) handouts for every lesson
    pannet-edu app [--host H] [--port P] [--cull-idle S] [--no-warm]
                                            the tools as a dashboard for a whole class, one
                                            process, on 127.0.0.1 with a token
    pannet-edu hub-link --hub URL --repo URL   nbgitpuller link for a JupyterHub class
    pannet-edu exercises build    # learner notebooks from the instructor solutions
    pannet-edu exercises build --nbgrader   # nbgrader source notebooks from the same solutions
    pannet-edu exercises check    # exit 1 if a learner notebook is out of date (part of check)
    pannet-edu quiz check         # validate the question files and what they rest on (part of
                                  # check); count questions per lesson
    pannet-edu export --format moodle|qti|gift|anki [--lesson ID] [--out PATH] [--seed N]
                      [--include-vignettes N]   # the bank for Moodle, Canvas, Anki
    pannet-edu practice [--seed N] [-n N] [--lesson ID] [--interactive]   # invented vignettes
    pannet-edu changes --since YYYY-MM-DD [--format text|markdown]   what changed in the content
    pannet-edu changes --stale [--strict]   facts not re-checked for more than 24 months
    pannet-edu warm [--background]   draw the tools' figures ahead of a class (app and lab do it)
    pannet-edu attempts where|export   the learner's own practice record (kept on this computer)
    pannet-edu class-report FILES... --out report.html   a class's misconception map

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
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .app.commands import add_app, add_warm
from .attempt_commands import add_attempts, add_class_report
from .learner_commands import add_export, add_practice

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
    from .publish import handouts

    result = handouts.build_all(args.out, notebooks_dir=args.notebooks, pdf=args.pdf)
    written = [*result.lessons, *result.summaries, *result.sheets, *result.pdfs, result.index]
    for path in written:
        print(f"wrote {path}")
    print(f"ok: {len(written)} files written into {result.index.parent} "
          f"({len(result.lessons)} lessons, {len(result.summaries)} summaries, "
          f"{len(result.sheets)} class sheets, "
          f"{len(result.pdfs)} PDFs, and index.html)")
    if result.kept:
        shown = ", ".join(path.name for path in result.kept[:10])
        more = f" and {len(result.kept) - 10} more" if len(result.kept) > 10 else ""
        print(f"kept as they were: {len(result.kept)} other entries in {result.index.parent} "
              f"({shown}{more})")
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


def _solutions_folder(folder: Path) -> None:
    from .publish import exercise_build

    if not folder.is_dir():
        kind = "is a file, not a folder" if folder.exists() else "does not exist"
        raise ValueError(f"solutions folder {folder} {kind}")
    if not exercise_build.solution_sources(folder):
        raise ValueError(f"no *{exercise_build.SOLUTION_SUFFIX}.py sources in {folder}")


def _run_hub_link(args: argparse.Namespace) -> int:
    from . import hub

    print(hub.nbgitpuller_link(args.hub, repo=args.repo, branch=args.branch, path=args.path,
                               app=args.app))
    return 0


def _add_hub_link(subparsers: argparse._SubParsersAction) -> None:
    from .hub import DEFAULT_BRANCH, DEFAULT_PATH

    parser = subparsers.add_parser(
        "hub-link",
        help="print the nbgitpuller link that gives each learner on a JupyterHub the lessons",
        description=(
            "Print a JupyterHub link (nbgitpuller) that clones the repository into the learner's "
            "home on the first click and pulls updates on later clicks without overwriting the "
            "learner's own edits, then opens the start page."
        ),
    )
    parser.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.uni.edu")
    parser.add_argument("--repo", required=True, help="the repository's public git address")
    parser.add_argument("--branch", default=DEFAULT_BRANCH, help=f"default {DEFAULT_BRANCH}")
    parser.add_argument(
        "--path", default=DEFAULT_PATH, help=f"page to open, in the repository ({DEFAULT_PATH})"
    )
    parser.add_argument("--app", choices=("lab", "voila"), default="lab",
                        help="open in JupyterLab (default) or as a page without code (voila)")
    parser.set_defaults(run=_run_hub_link)


#: Where the learner exercise notebooks are written by default.
LEARNER_FOLDER = Path("exercises")


def _exercises_build(args: argparse.Namespace) -> int:
    from .publish import exercise_build

    _solutions_folder(args.solutions)
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        raise ValueError(f"output folder {args.out} is a file, not a folder")
    if args.nbgrader:
        from .publish import nbgrader_build

        written = nbgrader_build.build(args.solutions, args.out or Path("nbgrader"))
    else:
        written = exercise_build.build(args.solutions, args.out or LEARNER_FOLDER)
    for path in written:
        print(f"wrote {path}")
    return 0


def _content_problems(report: object) -> int:
    """Print a content report's problems on stderr; the exit status for them (1 if any)."""
    for problem in report.problems:
        print(f"problem: {_one_line(problem)}", file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} content problem(s) found (see above)", file=sys.stderr)
    return EXIT_CHECK_FAILED if report.problems else EXIT_OK


def _exercises_check(args: argparse.Namespace) -> int:
    from .check import check_content
    from .publish import exercise_build

    _solutions_folder(args.solutions)
    args.out = args.out or LEARNER_FOLDER
    if args.out.exists() and not args.out.is_dir():
        raise ValueError(f"learner folder {args.out} is a file, not a folder")
    # Part of `pannet-edu check`: every data file the exercises read (trials, cases, ...).
    report = check_content(notebooks_dir=None, solutions_dir=None, learner_dir=None)
    for line in report.checked:
        if line.startswith("exercises/"):
            print(f"ok: {line.split(': ', 1)[1]}")
    status = _content_problems(report)
    if not args.out.is_dir():
        print(f"out of date: learner folder {args.out} does not exist "
              "(run `pannet-edu exercises build`)")
        return EXIT_CHECK_FAILED
    stale = exercise_build.out_of_date(args.solutions, args.out)
    for path in stale:
        print(f"out of date: {path} (run `pannet-edu exercises build`)")
    return EXIT_CHECK_FAILED if stale else status


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
            default=None,
            help="folder for the learner notebooks (default: exercises), or with --nbgrader "
                 "the nbgrader course folder (default: nbgrader)",
        )
        if name == "build":
            sub.add_argument(
                "--nbgrader", action="store_true",
                help="write nbgrader source notebooks (source/NN_name/NN_name.ipynb: solution "
                     "cells, locked cells, hidden tests of the checker's verdict, one point "
                     "each) and nbgrader_config.py instead of learner notebooks")
        sub.set_defaults(run=func)


def _quiz_check(args: argparse.Namespace) -> int:
    from .check import check_content
    from .practice import quiz

    folder = args.folder
    bank = quiz.load_bank(folder)  # raises ContentError naming file, question and field
    for lesson in quiz.lessons(folder):
        count = sum(q.lesson == lesson for q in bank.values())
        print(f"{lesson}: {count} questions")
    # Part of `pannet-edu check`: the trials, cases and sources the questions rest on too.
    report = check_content(notebooks_dir=None, solutions_dir=None, learner_dir=None,
                           questions_dir=folder)
    if report.ok:
        print(f"ok: {len(bank)} questions")
    return _content_problems(report)


def _run_check(args: argparse.Namespace) -> int:
    from .check import check_content

    report = check_content(notebooks_dir=args.notebooks, solutions_dir=args.solutions,
                           learner_dir=args.learner_notebooks)
    for line in report.checked:
        print(f"ok: {line}")
    status = _content_problems(report)
    if not report.problems:
        print(f"ok: all content checked ({len(report.checked)} checks)")
    return status


def _add_check(subparsers: argparse._SubParsersAction) -> None:
    from .check import LEARNER_DIR, NOTEBOOKS_DIR, SOLUTIONS_DIR

    text = ("check all the content: every data file (trials, label figures, therapies, "
            "sources, pipeline, imaging, syndromes, cases, questions, exercises), the lesson "
            "manifest against the notebooks, and the learner exercise notebooks; each problem "
            "names the file, the entry and the field (exit 1 if any)")
    parser = subparsers.add_parser("check", help=text.split(":")[0], description=text + ".")
    parser.add_argument("--notebooks", type=_folder_arg, default=NOTEBOOKS_DIR,
                        help="folder of the lesson notebooks (default: the checkout's)")
    parser.add_argument("--solutions", type=_folder_arg, default=SOLUTIONS_DIR,
                        help="folder of the exercise solution sources (default: the checkout's)")
    parser.add_argument("--learner-notebooks", type=_folder_arg, default=LEARNER_DIR,
                        help="folder of the learner exercise notebooks (default: the checkout's)")
    parser.set_defaults(run=_run_check)


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


def _run_changes(args: argparse.Namespace) -> int:
    from .evidence import changes

    if args.since is None and not args.stale:
        print("pannet-edu changes: give --since YYYY-MM-DD, --stale, or both", file=sys.stderr)
        return 2
    status = 0
    if args.since is not None:
        report = changes.changes(args.since, use_git=not args.no_git)
        print(report.markdown() if args.format == "markdown" else report.text())
    if args.stale:
        print(changes.stale_report(args.today, args.months))
        if args.strict and changes.stale_facts(args.today, args.months):
            status = 1
    return status


def _add_changes(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "changes",
        help="what was added or changed in the clinical content since a date; stale facts",
        description=(
            "List what was added or changed in the trials, label figures and therapy catalogue "
            "since a date (new trials, changed numbers, new approvals, new warnings), from the "
            "data and its git history; without git, list the entries re-checked since the date. "
            "With --stale, list facts not re-checked against their sources for more than "
            "--months months (exit 1 with --strict if there are any)."
        ),
    )
    parser.add_argument("--since", default=None, help="date YYYY-MM-DD")
    parser.add_argument("--format", choices=("text", "markdown"), default="text",
                        help="report layout (default text)")
    parser.add_argument("--no-git", action="store_true",
                        help="ignore git history; list entries by their last_checked dates")
    parser.add_argument("--stale", action="store_true", help="list facts due a re-check")
    parser.add_argument("--strict", action="store_true",
                        help="with --stale: exit 1 if any fact is stale")
    parser.add_argument("--months", type=int, default=24,
                        help="with --stale: months after which a fact is stale (default 24)")
    parser.add_argument("--today", default=None, help=argparse.SUPPRESS)
    parser.set_defaults(run=_run_changes)


#: Each registers one subcommand on the ``pannet-edu`` parser.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_check,
    _add_handouts,
    add_app,
    _add_hub_link,
    _add_exercises,
    _add_quiz,
    add_export,
    add_practice,
    _add_changes,
    add_warm,
    add_attempts,
    add_class_report,
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


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a closed terminal, a stopped job) reached the command: it stops as for
    Ctrl-C, so every command's clean-up runs (handouts remove their partial output)."""


def _stop_on_termination() -> dict[int, object]:
    """Make SIGTERM and SIGHUP raise :class:`Stopped`; returns the previous handlers."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(f"stopped by {signal.Signals(signum).name}")

    wanted = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    return {sig: signal.signal(sig, stop) for sig in wanted}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pannet-edu`` command; returns the exit status (see :data:`EXIT_CODES`).

    Every subcommand runs under one handler: no traceback reaches the user. SIGTERM and SIGHUP
    stop a command as Ctrl-C does (exit status 130), after its clean-up.
    """
    import signal
    import threading

    args = build_parser().parse_args(argv)
    name = f"pannet-edu {args.command}"
    main_thread = threading.current_thread() is threading.main_thread()
    previous = _stop_on_termination() if main_thread else {}
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
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


if __name__ == "__main__":
    raise SystemExit(main())
