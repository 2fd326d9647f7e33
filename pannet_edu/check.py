"""One check of all the content: every data file, and the lesson manifest against the notebooks.

``pannet-edu check`` (and ``make test``, before the tests) runs :func:`check_content`: each data
file is loaded by its own loader, so every rule a lesson cell would meet is met here first, and the
lesson manifest is checked against the trials, therapies, sources and pipeline it names, the
lesson notebooks and the exercise notebooks. ``quiz check`` and ``exercises check`` are parts of
it. Each problem is a :class:`~pannet_edu.content.ContentError` naming the file (its path inside
the data folder, so ``questions/05_prrt.yaml`` and ``exercises/05_prrt.yaml`` are told apart), the
entry and the field; one broken file does not hide the problems of the others.

>>> report = check_content(notebooks_dir=None, solutions_dir=None)
>>> report.ok, report.checked[0]
(True, 'meta.yaml: content reviewed ...')
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .content import ContentError

#: The checkout's folders, used when they exist (an installed package has no notebooks).
CHECKOUT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = CHECKOUT / "notebooks"
SOLUTIONS_DIR = CHECKOUT / "exercises" / "solutions"
LEARNER_DIR = CHECKOUT / "exercises"


@dataclass
class ContentReport:
    """What :func:`check_content` checked (one line each) and every problem it found."""

    checked: list[str] = field(default_factory=list)
    problems: list[ContentError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, problem: ContentError) -> None:
        if str(problem) not in {str(p) for p in self.problems}:  # one cause, said once
            self.problems.append(problem)


def _as_problem(file: str, exc: Exception) -> ContentError:
    if isinstance(exc, ContentError):
        return exc
    text = " ".join(str(exc).split())
    return ContentError(file, "(file)", "-", text if len(text) <= 500 else text[:497] + "...")


def _steps(questions_dir: Path | None) -> list[tuple[str, Callable[[], str]]]:
    """Each data file (or folder) and the loader that validates it, bottom layer first."""
    from .clinic.imaging import load_imaging
    from .clinic.staging import load_staging
    from .clinic.syndromes import load_syndromes
    from .content.reviews import content_reviewed
    from .content.sources import sources
    from .evidence.dated import lesson_ids
    from .evidence.labels import label_figures
    from .evidence.pipeline import dated_entries
    from .evidence.therapy_tables import therapies
    from .evidence.trial_table import trials
    from .practice.answer_words import vocabulary
    from .practice.cases import case_bank
    from .practice.exercises.registry import exercises
    from .practice.question_bank import load_bank
    from .practice.selfcheck import reasons

    return [
        ("meta.yaml", lambda: f"content reviewed {content_reviewed()}"),
        ("sources.yaml", lambda: f"{len(sources())} sources"),
        ("trials.csv", lambda: f"{len(trials())} trial rows"),
        ("label_figures.csv", lambda: f"{len(label_figures())} label figures"),
        ("therapies.yaml", lambda: f"{len(therapies())} therapies"),
        ("pipeline.yaml", lambda: f"{len(dated_entries())} pipeline entries"),
        ("imaging.yaml", lambda: f"{len(load_imaging().sources)} sources cited"),
        ("syndromes.yaml", lambda: f"{len(load_syndromes().functional)} functional syndromes"),
        ("staging.yaml", lambda: f"{len(load_staging().changes)} AJCC version 9 changes"),
        ("cases/", lambda: f"{len(case_bank())} cases"),
        ("questions/", lambda: f"{len(load_bank(questions_dir))} questions"),
        ("selfchecks.yaml", lambda: f"{len(reasons())} self-check reasons"),
        ("answer_words.yaml", lambda: f"{len(vocabulary().synonyms)} synonyms learners write"),
        ("exercises/", lambda: f"{len(exercises())} exercises compute their answers"),
        ("lessons.yaml", lambda: f"{len(lesson_ids())} lessons name known trials, therapies, "
                                 "sources and pipeline entries"),
    ]


def _identifiers(report: ContentReport) -> None:
    """Every PMID and DOI of the data lives in sources.yaml, once; the other files cite ids."""
    from .content.folder import data_dir
    from .content.sources import identifiers_outside_sources

    found = identifiers_outside_sources(data_dir())
    for problem in found:
        report.add(problem)
    if not found:
        report.checked.append("data files: every PMID and DOI is cited by its sources.yaml id")


def _declarations(report: ContentReport) -> None:
    """Every entry of every kind against its declaration and the checks registered on it."""
    from .content.entries import check_kind
    from .content.folder import data_dir
    from .content.kinds import KINDS

    for kind in KINDS.values():
        found = check_kind(kind, data_dir())
        for problem in found:
            report.add(problem)
        if not found:
            report.checked.append(f"{kind.file}: every {kind.name} entry as declared")


def _question_numbers(report: ContentReport, questions_dir: Path | None) -> None:
    """Every trial number a question states is a value of that trial in the trial table."""
    from .practice.question_bank import load_bank
    from .practice.trial_numbers import question_number_problems

    try:
        found = question_number_problems(load_bank(questions_dir).values())
    except (ValueError, TypeError, OSError):
        return  # a file that does not load is already reported by its own step
    for problem in found:
        report.add(problem)
    if not found:
        report.checked.append("questions/: every trial number they state is in trials.csv")


def _lesson_files(report: ContentReport, notebooks_dir: Path | None,
                  solutions_dir: Path | None) -> None:
    """Each manifest lesson has its notebook (source and executed) and its exercise notebooks."""
    from .content.manifest import load_manifest, manifest_file

    try:
        lessons = load_manifest()
    except ContentError:
        return  # already reported by the lessons.yaml step
    manifest = manifest_file()
    for lesson in lessons:
        if notebooks_dir is not None:
            for name in (lesson.notebook, f"{lesson.id}.ipynb"):
                if not (notebooks_dir / name).is_file():
                    report.add(ContentError(manifest, lesson.id, "id", f"no notebook {name} in "
                                            f"{notebooks_dir}"))
        if solutions_dir is not None:
            for exercise in lesson.exercises:
                if not (solutions_dir / f"{exercise}_solutions.py").is_file():
                    report.add(ContentError(manifest, lesson.id, "exercises",
                                            f"{exercise!r} has no exercise notebook "
                                            f"{exercise}_solutions.py in {solutions_dir}"))
    report.checked.append(f"lessons.yaml: {len(lessons)} lessons have their notebooks")


def _learner_notebooks(report: ContentReport, solutions_dir: Path, learner_dir: Path) -> None:
    """The learner exercise notebooks are those the solutions build (``exercises check``)."""
    from .publish import exercise_build

    stale = exercise_build.out_of_date(solutions_dir, learner_dir)
    for path in stale:
        report.add(ContentError(path, "(file)", "-", "out of date or missing: run "
                                "`pannet-edu exercises build`"))
    report.checked.append(f"{learner_dir.name}/: learner notebooks match their solutions")


def check_content(
    *,
    notebooks_dir: str | os.PathLike[str] | None = NOTEBOOKS_DIR,
    solutions_dir: str | os.PathLike[str] | None = SOLUTIONS_DIR,
    learner_dir: str | os.PathLike[str] | None = LEARNER_DIR,
    questions_dir: str | os.PathLike[str] | None = None,
) -> ContentReport:
    """Check every data file of the data folder in use, the manifest against the notebooks in
    ``notebooks_dir`` and the exercises in ``solutions_dir``, and the learner notebooks in
    ``learner_dir`` (a folder that does not exist, or ``None``, is not checked). Returns every
    problem found; never raises for bad content.

    ``questions_dir`` checks another folder of question files instead of the data folder's.
    """
    report = ContentReport()
    questions = Path(questions_dir) if questions_dir is not None else None
    for name, step in _steps(questions):
        try:
            report.checked.append(f"{name}: {step()}")
        except (ValueError, TypeError, OSError) as exc:  # ContentError is a ValueError
            report.add(_as_problem(name, exc))
    _identifiers(report)
    _declarations(report)
    _question_numbers(report, questions)
    notebooks = _existing(notebooks_dir)
    solutions = _existing(solutions_dir)
    _lesson_files(report, notebooks, solutions)
    learners = _existing(learner_dir)
    if solutions is not None and learners is not None:
        _learner_notebooks(report, solutions, learners)
    return report


def _existing(folder: str | os.PathLike[str] | None) -> Path | None:
    return Path(folder) if folder is not None and Path(folder).is_dir() else None
