"""Trust marks: licences, citation file, audience/funding/COI statements and per-lesson clinical
review status (never an invented reviewer)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from pannet_edu.content import manifest, reviews
from pannet_edu.publish.trust import trust_html

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.py"))


def test_every_lesson_has_a_review_entry_and_calls_it_in_its_header():
    recorded = manifest.lesson_ids()
    assert sorted(recorded) == LESSONS
    for lesson in LESSONS:
        source = (ROOT / "notebooks" / f"{lesson}.py").read_text(encoding="utf-8")
        assert f'lesson_review("{lesson}")' in source, f"{lesson} does not show its review status"


@pytest.mark.parametrize("lesson", LESSONS)
def test_unreviewed_lesson_says_so_plainly_in_notebook_and_handout(lesson):
    review = reviews.lesson_review(lesson)
    if not review.is_reviewed:
        assert "not yet reviewed by a clinician" in review._repr_html_()
        assert "not yet reviewed by a clinician" in trust_html(lesson)


def _meta_with(tmp_path: Path, review: dict) -> Path:
    """A copy of the lesson manifest (with its question files) where 05_prrt has ``review``."""
    document = yaml.safe_load(manifest.MANIFEST_FILE.read_text())
    for entry in document["lessons"]:
        if entry["id"] == "05_prrt":
            entry.update(review)
    (tmp_path / "questions").mkdir(exist_ok=True)
    for entry in document["lessons"]:
        if entry["questions"]:
            (tmp_path / "questions" / entry["questions"]).write_text("")
    path = tmp_path / "lessons.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def test_a_review_needs_both_a_reviewer_and_a_date(tmp_path):
    with pytest.raises(reviews.ContentError, match="needs both reviewer and reviewed"):
        reviews.lesson_review("05_prrt", _meta_with(tmp_path, {"reviewer": "Dr X",
                                                               "reviewed": None}))
    with pytest.raises(reviews.ContentError, match="needs both"):
        reviews.lesson_review("05_prrt", _meta_with(tmp_path, {"reviewer": None,
                                                             "reviewed": "2027-01-02"}))
    with pytest.raises(reviews.ContentError, match="must be YYYY-MM-DD"):
        reviews.lesson_review("05_prrt", _meta_with(tmp_path, {"reviewer": "Dr X",
                                                             "reviewed": "soon"}))


def test_a_recorded_review_names_reviewer_and_date(tmp_path):
    path = _meta_with(tmp_path, {"reviewer": "Dr A. Example, oncologist", "reviewed": "2027-02-03"})
    review = reviews.lesson_review("05_prrt", path)
    assert review.reviewed == datetime.date(2027, 2, 3)
    assert review.status() == "Clinical review: reviewed 2027-02-03 by Dr A. Example, oncologist."


def test_statements_and_licence_files_agree():
    info = reviews.about()
    assert info.funding.startswith("None")
    assert info.conflicts_of_interest.startswith("None")
    assert "CC BY 4.0" in info.content_licence and info.code_licence == "MIT"
    assert "CC BY 4.0" in (ROOT / "LICENSE-CONTENT").read_text()
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0"
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}
    assert citation["title"].startswith("pannet-edu")
    readme = (ROOT / "README.md").read_text()
    assert "LICENSE-CONTENT" in readme and "Conflicts of interest" in readme


def test_handout_header_carries_the_review_status():
    from pannet_edu.publish import handouts

    page = handouts.handout_html(ROOT / "notebooks" / "00_start_here.ipynb")
    assert "Clinical review: not yet reviewed by a clinician." in page
    assert "Conflicts of interest" in page


def test_the_content_line_reads_the_date_and_the_lesson_reviews_from_one_folder(tmp_path):
    import shutil

    from data_edits import replace_once

    from pannet_edu.content.folder import PACKAGE_DATA_DIR
    from pannet_edu.content.reviews import content_checked_line

    folder = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA_DIR, folder)
    (folder / "meta.yaml").write_text("content_reviewed: 2026-01-02\n", encoding="utf-8")
    replace_once(folder / "lessons.yaml", "    reviewer: null\n    reviewed: null",
                 "    reviewer: Dr A. Example, medical oncologist\n    reviewed: 2026-01-03")
    line = content_checked_line(folder / "meta.yaml")
    assert line.startswith(
        "Facts last checked against their sources 2026-01-02 (the latest check; ")
    assert "1 of " in line and "lessons reviewed by a clinician" in line
    assert content_checked_line().endswith("no lesson has yet been reviewed by a clinician.")
