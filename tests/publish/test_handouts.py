"""Handouts: every lesson exports offline with its snapshots, title block and references;
therapy-class sheets render the data; the CLI says plainly when it cannot print PDFs."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from pannet_edu import DISCLAIMER
from pannet_edu.content import ContentError
from pannet_edu.content.reviews import content_reviewed
from pannet_edu.display import escape
from pannet_edu.publish import class_sheets, handouts, transforms
from pannet_edu.publish import pdf as printing

ROOT = Path(__file__).resolve().parents[2]
LESSONS = handouts.lesson_notebooks()  # the manifest's lessons, in its order
CHROMIUM = printing.find_chromium()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    paths = handouts.build_handouts(LESSONS, out)
    return {path.stem: path.read_text(encoding="utf-8") for path in paths}


def _stored_outputs(path: Path) -> list[dict]:
    """Outputs of the code cells a handout keeps (cells tagged handout-remove are left out by
    design: e.g. the lesson's review status, which the handout's title block shows instead)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [
        output
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        and transforms.REMOVE_TAG not in cell.get("metadata", {}).get("tags", [])
        for output in cell["outputs"]
    ]


def test_one_handout_per_lesson(built):
    assert sorted(built) == [path.stem for path in LESSONS]


@pytest.fixture(scope="module")
def summaries(tmp_path_factory):
    out = tmp_path_factory.mktemp("summaries")
    return handouts.build_handouts(LESSONS, out, summary=True)


def test_a_summary_handout_per_lesson_keeps_objectives_summary_and_references(summaries):
    assert [p.name for p in summaries] == [f"{p.stem}_summary.html" for p in LESSONS]
    for path in summaries:
        page = path.read_text(encoding="utf-8")
        assert "lesson summary" in page and "Facts last checked against their sources" in page
        assert transforms.remote_scripts(page) == []
        if "01_" in path.name:
            assert "Objectives" in page and "Summary" in page and "References" in page
            assert "Answer key: check your understanding" in page
            assert "Differentiation first" not in page  # the teaching sections are left out


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to print PDFs with")
def test_every_summary_handout_prints_on_at_most_four_a4_pages(summaries):
    for path in summaries:
        pages = _pdf_pages(printing.print_pdf(path))
        assert 1 <= pages <= 4, f"{path.name} prints on {pages} A4 pages; a summary allows 4"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_widget_snapshot_and_figure_of_the_lesson_is_in_its_handout(built, lesson):
    page = built[lesson.stem]
    outputs = _stored_outputs(lesson)
    snapshots = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    figures = [o["data"]["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    # The handout re-serialises HTML (&#x27; becomes '), so compare the unescaped text.
    unescaped_page = html.unescape(page)
    answers_at = unescaped_page.find("Answer key: check your understanding")
    for snapshot in snapshots:
        raw = "".join(snapshot) if isinstance(snapshot, list) else snapshot
        text = html.unescape(raw.strip())
        if 'class="pannet-answer-key"' in text:  # questions in place, answers in the key at the end
            questions, _, key = text.partition('<details class="pannet-answer-key"')
            answers = key.split("</summary>", 1)[1].removesuffix("</div>")
            answers = answers.removesuffix("</details>")
            # the card's title and its screen instruction give way to the handout's own words
            asked = re.search(r"<ol\b.*?</ol>", questions, re.DOTALL).group(0)
            assert asked in unescaped_page, f"{lesson.name}: self-check questions missing"
            assert 0 < answers_at < unescaped_page.find(answers), (
                f"{lesson.name}: the self-check answers must be in the answer key at the end"
            )
            assert "<details" not in unescaped_page
            continue
        assert text in unescaped_page, f"{lesson.name}: a text/html snapshot is missing"
    for png in figures:
        data = ("".join(png) if isinstance(png, list) else png).replace("\n", "")
        assert f"data:image/png;base64,{data}" in page, f"{lesson.name}: a figure is missing"


def test_start_here_handout_shows_the_grade_card_the_logic_gives(built):
    from pannet_edu.widgets import GradingCalculator

    view = GradingCalculator(ki67="12").view()  # the start page's widget, as the logic has it
    assert f"<strong>{escape(view.title)}</strong>" in built["00_start_here"]
    for line in view.lines:
        assert escape(line) in built["00_start_here"]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_handout_needs_no_network_and_hides_code(built, lesson):
    page = built[lesson.stem]
    assert transforms.remote_scripts(page) == []
    assert "require.min.js" not in page and "mathjax" not in page.lower()
    assert "application/vnd.jupyter.widget-state+json" not in page
    assert not re.search(r'class="[^"]*jp-InputArea-editor', page), "code cells should be hidden"
    notebook = json.loads(lesson.read_text(encoding="utf-8"))
    code_lines = [
        line
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).splitlines()
        if line.startswith(("import ", "from "))
    ]
    for line in code_lines:
        assert line not in page, f"code {line!r} leaked into the handout"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_handout_has_title_block_review_date_disclaimer_and_references(built, lesson):
    page = built[lesson.stem]
    reviewed = content_reviewed().isoformat()
    # one date per meaning: the lesson's own review date in the header, the content's latest
    # check in the footer, each named
    header = page[page.index('<header class="pannet-title'):page.index("</header>")]
    assert "Review date of this lesson:</strong> 2026-" in header
    assert "Facts last checked" not in header
    footer = page[page.index('<footer class="pannet-closing'):]
    assert f"Facts last checked against their sources {reviewed} (the latest check)" in footer
    assert DISCLAIMER in page
    notebook = json.loads(lesson.read_text(encoding="utf-8"))
    assert transforms.has_references(notebook) or "References cited in this handout" in page
    assert re.search(r"PMID \d+|DOI 10\.", page), "a handout cites its sources"


def test_widget_state_in_a_notebook_is_stripped_so_the_snapshot_shows(tmp_path):
    notebook = nbformat.read(LESSONS[0], as_version=4)
    notebook.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}
    }
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if "text/html" in output.get("data", {}):
                output["data"][transforms.WIDGET_VIEW_MIME] = {"model_id": "abc",
                                                               "version_major": 2}
    path = tmp_path / "with_state.ipynb"
    nbformat.write(notebook, path)
    page = handouts.handout_html(path)
    assert "NET G2" in page
    assert "widget-state" not in page and "widget-view" not in page
    assert transforms.remote_scripts(page) == []


def test_cells_tagged_handout_remove_are_left_out(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Tagged lesson\nKept text."),
        nbformat.v4.new_markdown_cell("Run the cell below.", metadata={"tags": ["handout-remove"]}),
    ]
    path = tmp_path / "tagged.ipynb"
    nbformat.write(notebook, path)
    page = handouts.handout_html(path)
    assert "Kept text." in page
    assert "Run the cell below." not in page
    assert "<title>Tagged lesson · pannet-edu handout</title>" in page


def test_handout_of_a_missing_notebook_names_the_argument(tmp_path):
    with pytest.raises(ValueError, match=r"notebook_path must be an existing \.ipynb"):
        handouts.handout_html(tmp_path / "nope.ipynb")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "file not found"),
        ("content_reviewed: [", "not valid YAML"),
        ("other: 1\n", "field content_reviewed: 'content_reviewed' is missing"),
        ("content_reviewed: last spring\n",
         "field content_reviewed: 'content_reviewed' must be a date"),
        ("content_reviewed: 2026-11-26T10:00:00\n",
         "field content_reviewed: 'content_reviewed' must be a date"),
    ],
)
def test_bad_meta_file_is_reported_with_file_and_field(tmp_path, text, message):
    path = tmp_path / "meta.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=message) as caught:
        content_reviewed(path)
    assert str(caught.value).startswith("meta.yaml: ")  # the file, then the entry and field
    assert caught.value.file == "meta.yaml"
    assert isinstance(caught.value, ValueError)


def test_quoted_review_date_is_accepted(tmp_path):
    path = tmp_path / "meta.yaml"
    path.write_text('content_reviewed: "2026-01-31"\n', encoding="utf-8")
    assert content_reviewed(path).isoformat() == "2026-01-31"


def test_remote_script_detector_catches_each_form():
    page = (
        '<script src="https://cdn.example/a.js"></script>'
        "<script type='text/javascript' src='http://cdn.example/b.js'></script>"
        '<script src=//cdn.example/c.js></script>'
        '<script src="local.js"></script><a href="https://example.org">a link</a>'
    )
    assert transforms.remote_scripts(page) == [
        "https://cdn.example/a.js",
        "http://cdn.example/b.js",
        "//cdn.example/c.js",
    ]


# --- therapy-class sheets (fictional fixture data: these tests check layout, not medicine) ---


@pytest.fixture
def catalogue():
    therapies = pd.DataFrame(
        {
            "name": ["Drug X", "Drug Y", "Radio Z"],
            "therapy_class": ["kinase", "kinase", "radio"],
            "agents": [["drug x"], ["drug y"], ["radio z"]],
            "mechanism": ["Blocks kinase K.", "Blocks kinase L.", "Delivers radiation."],
            "dose_schedule": ["X 10 mg daily (Trial A).", "see label", "see label"],
            "approval": [{"Region 1": "approved 2020"}, {"Region 2": "not approved"}, {}],
            "toxicities": [
                [{"effect": "rash", "percent": 40, "percent_control": 5, "source": "Trial A",
                  "management": "Emollients."}],
                [{"effect": "fatigue", "management": "Rest."}],
                [],
            ],
            "poor_fit": ["Severe rash history.", "", "Low marrow reserve."],
            "key_trials": [["Trial A"], ["Trial C"], ["Trial C"]],
        },
        index=pd.Index(["drug_x", "drug_y", "radio_z"], name="therapy"),
    )
    trials = pd.DataFrame(
        {
            "trial": ["Trial A", "Trial B", "Trial C"],
            "cohort": ["all", "pancreatic", "all"],
            "therapy": ["drug_x", "drug_x", "radio_z"],
            "comparator": ["placebo", None, "drug_y"],
            "design": ["randomised_controlled", "single_arm", "randomised_controlled"],
            "phase": ["III", "II", "III"],
            "pannet": ["yes", "yes", "part"],
            "time_endpoint": ["PFS", "PFS", "PFS"],
            "n": pd.array([200, 40, 300], dtype="Int64"),
            "pfs_median": pd.array([11.0, 5.6, 23.9], dtype="Float64"),
            "pfs_median_control": pd.array([4.6, None, 14.1], dtype="Float64"),
            "hr": pd.array([0.35, None, 0.67], dtype="Float64"),
            "hr_low": pd.array([0.27, None, 0.48], dtype="Float64"),
            "hr_high": pd.array([0.45, None, 0.95], dtype="Float64"),
            "orr": pd.array([9.3, None, 21.9], dtype="Float64"),
            "orr_control": pd.array([0.0, None, 4.2], dtype="Float64"),
            "citation": ["Author A. Journal 2020", "Congress 2021", "Author C. Journal 2025"],
            "pmid": ["12345678", None, None],
            "doi": ["10.1000/a", None, "10.1000/c"],
            "confidence": ["verified", "secondary", "verified"],
        }
    )
    return therapies, trials


def test_class_sheet_shows_mechanism_dose_toxicity_and_trial_numbers(catalogue):
    therapies, trials = catalogue
    page = class_sheets.sheet_html("kinase", therapies, trials)
    for text in ("Blocks kinase K.", "X 10 mg daily (Trial A).", "Region 1: approved 2020",
                 "rash 40% vs 5% (Trial A).", "Severe rash history."):
        assert text in page
    assert "Emollients" not in page, "management is left to the lessons to keep one page"
    assert "PFS 11.0 vs 4.6 mo" in page
    assert "0.35 (0.27–0.45)" in page
    assert "9.3% vs 0.0%" in page
    assert "PMID 12345678; DOI 10.1000/a" in page
    assert "randomised controlled, phase III" in page
    assert transforms.remote_scripts(page) == []
    assert DISCLAIMER in page


def test_class_sheet_flags_figures_not_verified_in_a_primary_source(catalogue):
    therapies, trials = catalogue
    page = class_sheets.sheet_html("kinase", therapies, trials)
    row = page[page.index("Trial B (pancreatic)") : page.index("</tr>", page.index("Trial B"))]
    assert "secondary source" in row  # the mark from the one vocabulary (sources.MARKS)
    start = page.index("Trial A</strong>")
    trial_a = page[start : page.index("</tr>", start)]
    assert 'class="flag"' not in trial_a


def test_class_sheet_includes_trials_where_the_class_is_the_comparator(catalogue):
    therapies, trials = catalogue
    page = class_sheets.sheet_html("kinase", therapies, trials)
    assert "Radio Z vs drug_y" in page  # Trial C is Drug Y's key trial
    radio = class_sheets.sheet_html("radio", therapies, trials)
    assert "Trial A" not in radio and "Trial C" in radio


def test_unknown_class_names_the_allowed_ones(catalogue):
    therapies, trials = catalogue
    with pytest.raises(ValueError, match="therapy_class must be one of 'kinase', 'radio'"):
        class_sheets.sheet_html("hormone", therapies, trials)


def test_build_class_sheets_writes_one_file_per_class(catalogue, tmp_path):
    therapies, trials = catalogue
    paths = class_sheets.build_class_sheets(tmp_path, therapies=therapies, trials=trials)
    assert [p.name for p in paths] == ["class_kinase.html", "class_radio.html"]
    assert class_sheets.sheet_title(paths[0]) == "Kinase"


# --- PDFs and the command line ---------------------------------------------------------------


def test_pdf_without_chromium_says_so_and_fails_only_when_pdf_was_asked(
    tmp_path, monkeypatch, capsys
):
    from pannet_edu import cli

    monkeypatch.setattr(class_sheets, "build_class_sheets", lambda out: [])
    monkeypatch.setenv("PANNET_EDU_CHROMIUM", str(tmp_path / "no-such-chromium"))
    assert printing.find_chromium() is None
    status = cli.main(["handouts", "--out", str(tmp_path / "out"), "--pdf"])
    err = capsys.readouterr().err
    assert status == 3
    assert "PDFs not written: no Chromium found" in err
    assert (tmp_path / "out" / "00_start_here.html").is_file()
    assert not list((tmp_path / "out").glob("*.pdf"))
    assert cli.main(["handouts", "--out", str(tmp_path / "out2")]) == 0


def test_cli_handouts_writes_lessons_and_an_index(tmp_path, monkeypatch, capsys):
    from pannet_edu import cli

    monkeypatch.setattr(class_sheets, "build_class_sheets", lambda out: [])
    assert cli.main(["handouts", "--out", str(tmp_path)]) == 0
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for lesson in LESSONS:
        assert f'href="{lesson.stem}.html"' in index
    assert "wrote" in capsys.readouterr().out


def test_cli_reports_a_missing_notebooks_folder_without_a_traceback(tmp_path, capsys):
    from pannet_edu import cli

    status = cli.main(["handouts", "--out", str(tmp_path), "--notebooks", str(tmp_path / "x")])
    assert status == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine: PDF printing untested")
def test_pdf_is_printed_from_a_handout(tmp_path):
    shutil.copy(ROOT / "notebooks" / "00_start_here.ipynb", tmp_path)
    [page] = handouts.build_handouts([tmp_path / "00_start_here.ipynb"], tmp_path / "out")
    pdf = printing.print_pdf(page)
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf.stat().st_size > 10_000


# --- therapy-class sheets from the packaged data ---------------------------------------------


@pytest.fixture(scope="module")
def evidence_data():
    from pannet_edu import evidence

    return {
        "therapies": evidence.therapies(),
        "trials": evidence.trials(),
        "toxicities": evidence.toxicity_table(),
        "labels": evidence.label_figures(),
    }


@pytest.fixture(scope="module")
def real_sheets(tmp_path_factory, evidence_data):
    out = tmp_path_factory.mktemp("sheets")
    paths = class_sheets.build_class_sheets(out, **evidence_data)
    return {p.stem.removeprefix("class_"): p for p in paths}


def test_one_sheet_per_therapy_class_in_the_catalogue(real_sheets, evidence_data):
    # One sheet per systemic class: surgery, surveillance and trials are options, not drugs.
    from pannet_edu.engine import load_catalogue

    classes = load_catalogue().classes
    systemic = {c for c in evidence_data["therapies"]["therapy_class"] if classes[c].systemic}
    assert sorted(real_sheets) == sorted(systemic)
    assert {"local_therapy", "surveillance", "clinical_trial"}.isdisjoint(real_sheets)


def test_each_sheet_carries_every_therapy_trial_and_toxicity_rate_of_its_class(
    real_sheets, evidence_data
):
    therapies, trials = evidence_data["therapies"], evidence_data["trials"]
    toxicities = evidence_data["toxicities"]
    for therapy_class, path in real_sheets.items():
        page = path.read_text(encoding="utf-8")
        assert transforms.remote_scripts(page) == []
        assert DISCLAIMER in page
        members = therapies[therapies["therapy_class"] == therapy_class]
        for therapy_id, therapy in members.iterrows():
            assert escape(" ".join(str(therapy["mechanism"]).split())) in page
            assert escape(" ".join(str(therapy["dose_schedule"]).split())) in page
            for tox in toxicities[toxicities["therapy"] == therapy_id].itertuples():
                line = class_sheets.toxicity_line(
                    {k: v for k, v in tox._asdict().items() if not pd.isna(v)}, management=False
                )
                if pd.isna(tox.percent) and pd.isna(tox.grade3plus_percent):
                    # unrated toxicities from one source may share a line: name and source kept
                    shared = re.search(rf"<li>[^<]*{re.escape(escape(tox.effect))}[^<]*"
                                       rf"\({re.escape(escape(tox.source))}\)\.</li>", page)
                    assert shared, f"{therapy_class}: {line}"
                else:
                    assert escape(line) in page, f"{therapy_class}: {line}"
        for trial in class_sheets.class_trials(therapy_class, therapies, trials).itertuples():
            assert escape(trial.trial) in page
            assert escape(class_sheets.hazard_ratio(trial._asdict())) in page


def test_regulatory_label_figures_sit_beside_the_journal_figures(real_sheets, evidence_data):
    labels, trials = evidence_data["labels"], evidence_data["trials"]
    for label in labels.itertuples():
        trial_class = trials.loc[trials["trial"] == label.trial, "therapy_class"].iloc[0]
        page = real_sheets[trial_class].read_text(encoding="utf-8")
        assert "Regulatory-label figures" in page
        assert escape(" ".join(str(label.source).split())) in page


def _pdf_pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine: page count untested")
def test_every_therapy_class_sheet_prints_on_one_page(real_sheets):
    too_long = {}
    for therapy_class, path in real_sheets.items():
        pages = _pdf_pages(printing.print_pdf(path))
        assert pages >= 1
        if pages != 1:
            too_long[therapy_class] = pages
    assert not too_long, f"sheets longer than one A4 page (shorten data or layout): {too_long}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_handout_speaks_as_a_static_page_and_prints_each_heading_once(built, lesson):
    from pannet_edu.publish.print_wording import SCREEN_ONLY_WORDS

    page = built[lesson.stem]
    words = html.unescape(re.sub(r"<[^>]+>", " ", page.split("<main", 1)[-1]))
    assert [w for w in SCREEN_ONLY_WORDS if w in words] == []
    assert "press" not in words.casefold().split()
    assert words.count("Check your understanding") <= 1


def test_summary_handouts_of_lessons_with_trials_carry_a_key_numbers_table(summaries):
    from pannet_edu import evidence
    from pannet_edu.content.manifest import lesson
    from pannet_edu.formatting import format_number
    from pannet_edu.views.trials import trial_label

    data = evidence.trials()
    for path in summaries:
        page = path.read_text(encoding="utf-8")
        trials = lesson(path.stem.removesuffix("_summary")).trials
        if not trials:
            assert 'class="pannet-key-numbers' not in page
            continue
        section = page.split('class="pannet-key-numbers', 1)[1].split("</section>", 1)[0]
        assert section.index("Key numbers") < section.index("<table")
        for _, row in data[data.trial.isin(trials)].iterrows():
            cells = re.search(rf">{re.escape(escape(trial_label(row)))}</td>(.*?)</tr>", section)
            assert cells, f"{path.name}: no row for {trial_label(row)}"
            assert f">{format_number(row['n'])}</td>" in cells.group(1)
            source = row["pmid"] if not pd.isna(row["pmid"]) else row["doi"]
            if not pd.isna(source):
                assert escape(str(source)) in cells.group(1), f"{path.name}: no source"
        assert page.index('class="pannet-key-numbers') < page.index("Answer key")
