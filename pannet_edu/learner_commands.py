"""The ``export`` and ``practice`` subcommands of ``pannet-edu``: the question bank and invented
vignettes handed to learners (a course platform, Anki, the terminal).

    pannet-edu export --format moodle|qti|gift|anki [--lesson ID] [--out PATH] [--seed N]
                      [--include-vignettes N] [--previous DECK]
    pannet-edu practice [--seed N] [-n N] [--lesson ID] [--interactive [--no-record]]
                        [--no-answers]

Each ``add_*`` function registers one subcommand (see :data:`pannet_edu.cli.SUBCOMMANDS`); a bad
argument is one line on stderr and exit status 2.

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="pannet-edu")
>>> add_export(parser.add_subparsers())
>>> parser.parse_args(["export", "--format", "gift"]).format
'gift'
"""

from __future__ import annotations

import argparse
import sys


def _run_export(args: argparse.Namespace) -> int:
    """Write one export; any bad argument is one line on stderr and exit status 2."""
    from . import export

    try:
        path = export.export(
            args.format,
            args.out,
            lesson=args.lesson,
            seed=args.seed,
            include_vignettes=args.include_vignettes,
            previous=args.previous,
        )
    except (ValueError, TypeError, ImportError, OSError) as exc:
        print(f"pannet-edu export: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    return 0


def add_export(subparsers: argparse._SubParsersAction) -> None:
    text = (
        "export the question bank (and generated vignettes) as Moodle XML, a QTI 1.2 package "
        "for Canvas, Moodle GIFT text or an Anki deck"
    )
    parser = subparsers.add_parser("export", help=text, description=text + ".")
    # Format and lesson are checked by the handler (one clear line), not by argparse choices.
    parser.add_argument("--format", required=True, metavar="moodle|qti|gift|anki",
                        help="the file format to write")
    parser.add_argument("--lesson", default=None,
                        help="one lesson id, e.g. 01_classification_and_staging (default: all)")
    parser.add_argument("--out", default=None,
                        help="file or folder to write to; a folder (made if missing when the "
                             "name ends in /) gets pannet-edu-<lesson or all>.<ext>, a name "
                             "without an extension gets the format's (default: that name here)")
    parser.add_argument("--previous", default=None, metavar="DECK",
                        help="anki: the deck learners already imported, so changed notes are "
                             "written newer and update on re-import (default: the file --out "
                             "replaces)")
    parser.add_argument("--seed", type=int, default=0,
                        help="fixes the generated vignettes (default 0)")
    parser.add_argument("--include-vignettes", type=int, default=0, metavar="N",
                        help="add N generated vignettes (default 0)")
    parser.set_defaults(run=_run_export)


def _run_practice(args: argparse.Namespace) -> int:
    """Print (or drill) generated vignettes; bad arguments are one line and exit status 2."""
    from .practice import vignettes
    from .practice.drill import run_drill

    try:
        drawn = vignettes(args.seed, args.n, lesson=args.lesson, difficulty=args.difficulty)
    except (ValueError, TypeError) as exc:
        print(f"pannet-edu practice: {exc}", file=sys.stderr)
        return 2
    run_drill(drawn, interactive=args.interactive, answers=not args.no_answers,
              record=args.interactive and not args.no_record)
    return 0


def add_practice(subparsers: argparse._SubParsersAction) -> None:
    text = "invented practice vignettes whose answers the package computes"
    from .content import ContentError
    from .content.manifest import lesson_ids

    try:  # the ids come from the lesson manifest; a broken manifest must not break the CLI
        ids = ", ".join(lesson_ids())
    except (ContentError, OSError):
        ids = "see the lesson manifest (pannet-edu check reports what is wrong with it)"
    parser = subparsers.add_parser("practice", help=text, description=text + ".")
    parser.add_argument("--seed", type=int, default=0, help="the class seed (default 0)")
    parser.add_argument("-n", "--n", type=int, default=5, help="how many vignettes (default 5)")
    parser.add_argument("--lesson", default=None, metavar="ID",
                        help=f"limit to one lesson's questions; lesson ids: {ids}")
    parser.add_argument("--difficulty", default=None, help="easy or hard (default: mixed)")
    parser.add_argument("--interactive", action="store_true",
                        help="answer each vignette in the terminal and see feedback; your "
                             "answers are kept only on this computer, in your own practice "
                             "record (see: pannet-edu attempts where)")
    parser.add_argument("--no-record", action="store_true",
                        help="with --interactive: keep no record of your answers (a shared "
                             "computer, or a try you do not want counted)")
    parser.add_argument("--no-answers", action="store_true",
                        help="leave out the answer key (a sheet to hand out)")
    parser.set_defaults(run=_run_practice)
